import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
@testable import TakeoffStudies
import TakeoffSampling

/// A study in which a fifth of the draws are invalid (a software ceiling in (0, 1] is below the
/// start-year efficiency), so `failures.csv` and the result counts are exercised.
private let mixedStudy = """
model = "feedback"
[time]
start = 2025.0
end = 2045.0
saveEvery = 1.0
[uncertainty.softwareCeiling]
distribution = "uniform"
min = 0.5
max = 3.0
[uncertainty.capabilityExponent]
distribution = "uniform"
min = 0.2
max = 1.0
"""

@Suite("Streaming studies write exactly the files of a study held in memory")
struct StreamingStudyTests {
    static func files(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "timing.json" {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
        return out
    }

    @Test("stream + finish equals compute + writeStudy, byte for byte, with failures, bands and probabilities; the spool is gone",
          arguments: [1, 2])
    func streamedEqualsInMemory(threads: Int) throws {
        let scenario = try ScenarioLoader.parse(text: mixedStudy, file: "mixed.toml")
        let options = SampleOptions(runs: 1200, seed: 5, threads: threads, bands: ["effectiveCompute"],
                                    probabilities: [ProbabilityQuery("monthsHumanLevelToBeyond<12")!,
                                                    ProbabilityQuery("countShare>0.5")!])
        let study = SampleStudy(scenario: scenario, options: options)
        let memory = try temporaryFolder().path, streamed = try temporaryFolder().path
        let data = study.compute()
        #expect(data.records.contains { !$0.isResult }, "the study should have failed or invalid runs")
        try StudyWriter.writeStudy(data, scenario: scenario, options: options, to: memory)
        let sink = try study.makeStream(folder: streamed)
        try study.stream(into: sink)
        let summary = try sink.finish(metadata: StudyWriter.metadata(scenario, options), options: options)
        #expect(summary.runs == 1200 && summary.failures == data.records.filter { !$0.isResult }.count)
        let a = try Self.files(memory), b = try Self.files(streamed)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs") }
        #expect(!b.keys.contains { $0.hasPrefix(".") }, "temporary files left: \(b.keys.sorted())")
    }

    @Test("a merge of shards streams into exactly the single study's files (failures included)")
    func mergedShards() throws {
        let scenario = try ScenarioLoader.parse(text: mixedStudy, file: "mixed.toml")
        let whole = try temporaryFolder().path, parts = try temporaryFolder().path
        let base = SampleOptions(runs: 1000, seed: 9, threads: 2, bands: ["effectiveCompute"],
                                 probabilities: [ProbabilityQuery("monthsHumanLevelToBeyond<12")!])
        let single = SampleStudy(scenario: scenario, options: base)
        let sink = try single.makeStream(folder: whole)
        try single.stream(into: sink)
        try sink.finish(metadata: StudyWriter.metadata(scenario, base), options: base)
        var folders: [String] = []
        for i in 0..<4 {
            var options = base
            options.shard = (i, 4)
            let shard = SampleStudy(scenario: scenario, options: options)
            let folder = parts + "/shard-\(i + 1)-of-4"
            let part = try shard.makeStream(folder: folder)
            try shard.stream(into: part)
            try part.finish(metadata: StudyWriter.metadata(scenario, options), options: options)
            folders.append(folder)
        }
        let merged = parts + "/merged"
        try StudyMerger.merge(folders: folders.reversed(), into: merged)
        let a = try Self.files(whole), b = try Self.files(merged)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, bytes) in a { #expect(b[name] == bytes, "\(name) differs") }
    }
}
