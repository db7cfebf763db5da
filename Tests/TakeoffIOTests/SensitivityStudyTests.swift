import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
@testable import TakeoffStudies
import TakeoffModels
import TakeoffSampling

@Suite("Sweeps and sensitivity studies")
struct SensitivityStudyTests {
    @Test("a sweep's rows equal individual runs with the same --set values")
    func sweepRows() throws {
        let scenario = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("Models/feedback.toml").path)
        var axes: [SweepStudy.Axis] = []
        for text in ["researchFeedback=-0.5:0.3:3", "parallelReturns=0.3:0.9:2:log"] {
            guard case .success(let axis) = SweepStudy.Axis.parse(text, log: false, model: scenario.model) else {
                Issue.record("parse failed"); return
            }
            axes.append(axis)
        }
        #expect(axes[1].values.count == 2 && abs(axes[1].values[1] - 0.9) < 1e-15)
        let rows = SweepStudy.rows(axes)
        #expect(rows.count == 6)
        var options = SampleOptions(runs: rows.count, seed: 0, threads: 2)
        options.keepSaveSchedule = true   // as `takeoff sweep` does
        let data = SampleStudy(scenario: scenario, names: axes.map(\.name), rows: rows, options: options).compute()
        for (k, row) in rows.enumerated() {
            let single = try ScenarioLoader.load(
                path: packageRoot.appendingPathComponent("Models/feedback.toml").path,
                overrides: ["parameters.researchFeedback=\(CSVWriter.number(row[0]))", "parameters.parallelReturns=\(CSVWriter.number(row[1]))"]
            ).run()
            #expect(data.records[k].status == single.status.rawValue)
            #expect(data.records[k].metrics == single.metrics.map(\.value), "row \(k)")
        }
        let csv = SweepStudy.csv(data)
        #expect(csv.hasPrefix("researchFeedback,parallelReturns,status,humanLevelYear,"))
    }

    @Test("a sharded sensitivity analysis merged equals the single run byte for byte")
    func shardedSensitivity() throws {
        let text = try String(contentsOfFile: packageRoot.appendingPathComponent("Models/feedback-uncertainty.toml").path, encoding: .utf8)
        let scenario = try ScenarioLoader.parse(text: text, file: "Models/feedback-uncertainty.toml", overrides: ["time.end=2125"])
        for method in SensitivitySpec.Method.allCases {
            let spec = SensitivitySpec(method: method, metric: "monthsHumanLevelToBeyond", samples: 64, seed: 3, unreached: nil)
            let design = try SensitivityStudy.design(scenario, spec)
            let metadata = SensitivityStudy.metadata(scenario, spec, runs: design.rows.count)
            let whole = try temporaryFolder().path
            let all = SampleStudy(scenario: scenario, names: design.names, rows: design.rows,
                                  options: SampleOptions(runs: design.rows.count, seed: 3, threads: 2)).compute()
            try SensitivityStudy.write(all, spec: spec, metadata: metadata, to: whole)
            var parts: [String] = []
            for i in 0..<3 {
                let options = SampleOptions(runs: design.rows.count, seed: 3, threads: 1, shard: (i, 3))
                let data = SampleStudy(scenario: scenario, names: design.names, rows: design.rows, options: options).compute()
                let folder = try temporaryFolder().path
                try StudyWriter.writeShard(data, metadata: metadata, options: options, to: folder)
                parts.append(folder)
            }
            let merged = try temporaryFolder().path
            try StudyMerger.merge(folders: parts, into: merged)
            let result = method == .oat ? "oat.csv" : "sobol.csv"
            for name in ["runs.csv", "failures.csv", "meta.json", result] {
                let a = FileManager.default.contents(atPath: whole + "/" + name)
                #expect(a != nil && a == FileManager.default.contents(atPath: merged + "/" + name), "\(method) \(name)")
            }
        }
    }

    @Test("Sobol refuses correlated parameters and unreached values without --unreached")
    func refusals() throws {
        let text = """
        model = "compute-growth"
        [time]
        start = 2025.0
        end = 2030.0
        [uncertainty.utilization]
        distribution = "uniform"
        min = 0.2
        max = 0.6
        [uncertainty.depreciationRate]
        distribution = "uniform"
        min = 0.1
        max = 0.3
        [uncertainty]
        correlations = [{ a = "utilization", b = "depreciationRate", rank = 0.5 }]
        """
        let scenario = try ScenarioLoader.parse(text: text, file: "c.toml")
        let spec = SensitivitySpec(method: .sobol, metric: "largestTrainingRunEnd", samples: 8, seed: 1, unreached: nil)
        #expect(throws: SensitivityError.self) { try SensitivityStudy.design(scenario, spec) }
        // A milestone metric that is not reached by a short span.
        let feedback = try ScenarioLoader.parse(
            text: try String(contentsOfFile: packageRoot.appendingPathComponent("Models/feedback-uncertainty.toml").path, encoding: .utf8),
            file: "f.toml", overrides: ["time.end=2027"])
        let milestone = SensitivitySpec(method: .sobol, metric: "beyondYear", samples: 8, seed: 1, unreached: nil)
        let design = try SensitivityStudy.design(feedback, milestone)
        let data = SampleStudy(scenario: feedback, names: design.names, rows: design.rows,
                               options: SampleOptions(runs: design.rows.count, seed: 1, threads: 2)).compute()
        #expect(throws: SensitivityError.self) { try SensitivityStudy.result(data, milestone) }
        var substituted = milestone
        substituted.unreached = 2030
        #expect(try SensitivityStudy.result(data, substituted).name == "sobol.csv")
    }
}
