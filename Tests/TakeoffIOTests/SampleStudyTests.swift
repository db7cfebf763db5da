import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
@testable import TakeoffStudies
import TakeoffSampling

let studyText = """
model = "compute-growth"
[time]
start = 2025.0
end = 2040.0
saveEvery = 1.0
[uncertainty.hardwareDoublingYears]
distribution = "percentiles"
family = "lognormal"
p05 = 2.0
p50 = 2.46
p95 = 3.5
[uncertainty.spendingGrowthPerYear]
distribution = "triangular"
min = 1.5
mode = 3.0
max = 4.0
[uncertainty]
correlations = [{ a = "hardwareDoublingYears", b = "spendingGrowthPerYear", rank = -0.4 }]
"""

func writeStudy(_ text: String, runs: Int, threads: Int, shard: (Int, Int)? = nil, seed: UInt64 = 11) throws -> String {
    let scenario = try ScenarioLoader.parse(text: text, file: "study.toml")
    let options = SampleOptions(runs: runs, seed: seed, threads: threads, bands: ["effectiveCompute"],
                                probabilities: [ProbabilityQuery("largestTrainingRunEnd>1e27")!], shard: shard)
    let data = SampleStudy(scenario: scenario, options: options).compute()
    let folder = try temporaryFolder().path
    if shard != nil {
        try StudyWriter.writeShard(data, scenario: scenario, options: options, to: folder)
    } else {
        try StudyWriter.writeStudy(data, scenario: scenario, options: options, to: folder)
    }
    return folder
}

func bytes(_ folder: String, _ name: String) -> Data? { FileManager.default.contents(atPath: folder + "/" + name) }

let studyFiles = ["runs.csv", "summary.csv", "bands.csv", "meta.json", "failures.csv", "probabilities.csv"]

@Suite("Monte Carlo studies")
struct SampleStudyTests {
    @Test("the same seed gives byte-identical files with 1 and 2 threads")
    func threads() throws {
        let one = try writeStudy(studyText, runs: 300, threads: 1)
        let two = try writeStudy(studyText, runs: 300, threads: 2)
        for name in studyFiles {
            let a = try #require(bytes(one, name), "\(name) missing")
            #expect(a == bytes(two, name), "\(name) differs")
        }
        let summary = String(decoding: bytes(one, "summary.csv")!, as: UTF8.self)
        #expect(summary.hasPrefix("metric,count,reached,mean,sd,q05,q10,q25,q50,q75,q90,q95,medianSE,failures\r\n"))
        #expect(summary.contains("trainingRun1e29Year") == false)   // events are not metrics
        let runs = String(decoding: bytes(one, "runs.csv")!, as: UTF8.self).split(separator: "\r\n")
        #expect(runs.count == 301)
        #expect(runs[0].hasPrefix("runId,seed,status,hardwareDoublingYears,spendingGrowthPerYear,"))
        // A different seed gives different draws.
        let other = try writeStudy(studyText, runs: 300, threads: 2, seed: 12)
        #expect(bytes(one, "runs.csv") != bytes(other, "runs.csv"))
    }

    @Test("shards merged equal the single run byte for byte; bad shard sets are refused")
    func shards() throws {
        let whole = try writeStudy(studyText, runs: 301, threads: 2)
        let parts = try (0..<3).map { try writeStudy(studyText, runs: 301, threads: 2, shard: ($0, 3)) }
        let merged = try temporaryFolder().path
        try StudyMerger.merge(folders: parts.reversed(), into: merged)
        for name in studyFiles {
            #expect(bytes(whole, name) == bytes(merged, name), "\(name) differs after merge")
        }
        #expect(throws: MergeError.self) { try StudyMerger.merge(folders: [parts[0], parts[2]], into: merged) }
        #expect(throws: MergeError.self) { try StudyMerger.merge(folders: [parts[0], parts[1], parts[1], parts[2]], into: merged) }
        let otherSeed = try writeStudy(studyText, runs: 301, threads: 2, shard: (1, 3), seed: 99)
        #expect(throws: MergeError.self) { try StudyMerger.merge(folders: [parts[0], otherSeed, parts[2]], into: merged) }
        #expect(throws: MergeError.self) { try StudyMerger.merge(folders: [parts[0], parts[1], whole], into: merged) }
    }

    @Test("a failing draw is counted, listed with its seed, and reproduced alone")
    func failures() throws {
        // With an optimal split, draws with θβ ≤ a·p have no interior optimum: invalid draws.
        let text = """
        model = "feedback"
        [time]
        start = 2025.0
        end = 2035.0
        [options]
        trainingSplit = "optimal"
        [uncertainty.capabilityValue]
        distribution = "uniform"
        min = 0.4
        max = 1.4
        """
        let scenario = try ScenarioLoader.parse(text: text, file: "f.toml")
        let options = SampleOptions(runs: 40, seed: 5, threads: 2)
        let data = SampleStudy(scenario: scenario, options: options).compute()
        let failed = data.records.filter { !$0.isResult }
        #expect(!failed.isEmpty)
        #expect(failed.allSatisfy { $0.status == "invalidParameters" && $0.parameters[0] * 0.5 <= 0.5 * 0.7 })
        let csv = StudyWriter.failuresCSV(data)
        #expect(csv.contains("\(failed[0].runID),\(failed[0].seed),invalidParameters,"))
        #expect(StudyWriter.summaryCSV(data).contains(",\(failed.count)\r\n"))
        var alone = options
        alone.onlyRun = failed[0].runID
        let again = SampleStudy(scenario: scenario, options: alone).compute().records
        #expect(again.count == 1 && again[0].seed == failed[0].seed && again[0].status == failed[0].status)
        #expect(again[0].parameters == failed[0].parameters)
    }

    @Test("uncertainty errors name their key paths", arguments: [
        ("[uncertainty.nope]\ndistribution = \"normal\"\nmean = 1.0\nsd = 1.0\n", "uncertainty.nope"),
        ("[uncertainty.utilization]\ndistribution = \"normal\"\nmean = 0.4\nsd = 0.1\n", "uncertainty.utilization"),
        ("[uncertainty.utilization]\ndistribution = \"gamma\"\n", "uncertainty.utilization.distribution"),
        ("[uncertainty.utilization]\ndistribution = \"uniform\"\nmin = 0.5\n", "uncertainty.utilization.max"),
        ("[uncertainty.utilization]\ndistribution = \"uniform\"\nmin = 0.2\nmax = 0.6\nwidth = 1\n", "uncertainty.utilization.width"),
        ("[uncertainty.utilization]\ndistribution = \"uniform\"\nmin = 0.2\nmax = 0.6\n[uncertainty.depreciationRate]\ndistribution = \"uniform\"\nmin = 0.1\nmax = 0.3\n[uncertainty]\ncorrelations = [{ a = \"utilization\", b = \"depreciationRate\", rank = 1.5 }]\n",
         "uncertainty.correlations[0].rank"),
    ])
    func errors(body: String, keyPath: String) throws {
        let text = "model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = 2030.0\n" + body
        do {
            _ = try ScenarioLoader.parse(text: text, file: "u.toml")
            Issue.record("expected an error at \(keyPath)")
        } catch {
            #expect(error.keyPath == keyPath, "\(error)")
        }
    }

    @Test("a correlation matrix that is not positive definite is an error")
    func notPositiveDefinite() throws {
        var text = "model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = 2030.0\n"
        for name in ["utilization", "depreciationRate", "spendingCapFraction"] {
            text += "[uncertainty.\(name)]\ndistribution = \"uniform\"\nmin = 0.1\nmax = 0.3\n"
        }
        text += "[uncertainty]\ncorrelations = [{ a = \"utilization\", b = \"depreciationRate\", rank = 0.95 }, { a = \"depreciationRate\", b = \"spendingCapFraction\", rank = 0.95 }, { a = \"utilization\", b = \"spendingCapFraction\", rank = -0.95 }]\n"
        do {
            _ = try ScenarioLoader.parse(text: text, file: "u.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.keyPath == "uncertainty.correlations")
        }
    }
}
