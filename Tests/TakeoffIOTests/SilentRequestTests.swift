import Foundation
import Testing
import TakeoffIO
import TakeoffStudies
import TakeoffModels

/// Every request is honoured or refused: requests that used to be dropped silently now exit 64 (or
/// 1 for a verify that checked nothing) with a message naming what was wrong, before any work.
@Suite("Nothing silent")
struct SilentRequestTests {
    @Test("a misspelt metric in --probability is refused by sample and by cluster slurm (no scripts written)")
    func misspeltProbability() throws {
        let sample = try takeoff(["sample", "Models/feedback-uncertainty.toml", "--runs", "10", "--output", "out/silent-sample",
                                  "--probability", "monthsToBeyond<12"])
        #expect(sample.status == 64 && sample.stderr.contains("'monthsToBeyond' is not a metric"), "\(sample.stderr)")
        let folder = packageRoot.appendingPathComponent("out/silent-cluster")
        try? FileManager.default.removeItem(at: folder)
        for extra in [["--probability", "monthsToBeyond<12"], ["--probability", "months<<"], ["--bands", "nope"]] {
            let cluster = try takeoff(["cluster", "slurm", "Models/feedback-uncertainty.toml", "--runs", "100", "--shards", "2",
                                       "--output", folder.path] + extra)
            #expect(cluster.status == 64, "\(extra): \(cluster.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("slurm").path))
        }
    }

    @Test("a --set on a parameter that [uncertainty] draws is refused, not overwritten by every draw")
    func drawnOverride() throws {
        let result = try takeoff(["sample", "Models/feedback-uncertainty.toml", "--runs", "10", "--output", "out/silent-set",
                                  "--set", "parameters.researchFeedback=0.1"])
        #expect(result.status == 64 && result.stderr.contains("[uncertainty.researchFeedback]"), "\(result.stderr)")
        let fine = try takeoff(["sample", "Models/feedback-uncertainty.toml", "--runs", "4", "--output", "out/silent-set",
                                "--set", "time.end=2035", "--quiet"])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test("verify with no expectation found exits 1 unless --allow-empty")
    func emptyVerify() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("takeoff-verify-empty-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("plain.toml")
        try "model = \"feedback\"\n[time]\nstart = 2025.0\nend = 2030.0\n".write(to: file, atomically: true, encoding: .utf8)
        let empty = try takeoff(["verify", file.path])
        #expect(empty.status == 1 && empty.stderr.contains("no expectations found"), "\(empty.status): \(empty.stderr)")
        let allowed = try takeoff(["verify", file.path, "--allow-empty"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }
}

@Suite("Console output")
struct ConsoleOutputTests {
    @Test("a long event list is folded with its count; --all-events lists every one")
    func folded() throws {
        let folded = try takeoff(["run", "Models/ccf-best-guess.toml"])
        let all = try takeoff(["run", "Models/ccf-best-guess.toml", "--all-events"])
        let json = try takeoff(["run", "Models/ccf-best-guess.toml", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let count = try #require(object["events"] as? [Any]).count
        #expect(count > 20)
        #expect(folded.stdout.contains("… \(count - 15) more events (\(count) in all; --all-events lists them) …"))
        let eventLines = { (text: String) in text.split(separator: "\n").drop { $0 != "events:" }.dropFirst().prefix { !$0.hasPrefix("metrics") } }
        #expect(eventLines(folded.stdout).count == 16)
        #expect(eventLines(all.stdout).count == count)
    }

    @Test("a run that stops early labels its metrics with the time they are at")
    func earlyStop() throws {
        let result = try takeoff(["run", "Models/feedback.toml", "--set", "solver.maxSteps=50"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("metrics (at 2028.3, where the run stopped"), "\(result.stdout)")
    }
}

/// The rest of "Nothing silent": names checked against what the model declares, counts that a
/// shell would take for flags, mismatched shards, the JSON contract of `sample`, the exit codes.
@Suite("Nothing silent: names, counts, shards, JSON")
struct SilentFlagTests {
    /// A folder with a small study scenario (`study.toml`).
    func studyFolder() throws -> URL {
        let folder = try temporaryFolder()
        try goodStudy.write(to: folder.appendingPathComponent("study.toml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("the columns and metrics a model declares for a scenario are those its run produces (regulation actors and equation files included)")
    func declaredNamesMatchRuns() throws {
        var seen = Set<String>()
        let models = packageRoot.appendingPathComponent("Models").path
        for name in try FileManager.default.contentsOfDirectory(atPath: models).sorted()
        where name.hasSuffix(".toml") && !name.hasSuffix(".fit.toml") {
            let scenario = try ScenarioLoader.load(path: models + "/" + name)
            // One file per model, and every regulation and equations file (their names come from the file).
            guard seen.insert(scenario.model.id).inserted || ["regulation", "equations"].contains(scenario.model.id)
            else { continue }
            let run = try scenario.run()
            #expect(scenario.declaredNames.columns == run.columns, "\(name)")
            #expect(scenario.declaredNames.metrics == run.metrics.map(\.name), "\(name)")
        }
        #expect(seen.subtracting(["equations"]).count == ModelRegistry.all.count && seen.contains("equations"))
    }

    @Test("unknown or malformed names in --probability, --bands, --metric and --unreached exit 64 naming the flag", arguments: [
        (["sample", "DIR/study.toml", "--probability", "largestTrainingRunEnd<1e27", "--probability", "largestTrainingRun<1e27"], "--probability 'largestTrainingRun<1e27': 'largestTrainingRun' is not a metric"),
        (["sample", "DIR/study.toml", "--probability", "largestTrainingRunEnd<<1"], "--probability 'largestTrainingRunEnd<<1': expected metric<value"),
        (["sample", "DIR/study.toml", "--set", "time.saveEvery=1", "--bands", ""], "--bands '': expected column names"),
        (["sample", "DIR/study.toml", "--set", "time.saveEvery=1", "--bands", "effectiveCompute,,spending"], "--bands 'effectiveCompute,,spending'"),
        (["sample", "DIR/study.toml", "--set", "time.saveEvery=1", "--bands", "effectiveComputer"], "--bands: 'effectiveComputer' is not a column"),
        (["sensitivity", "DIR/study.toml", "--metric", "largestTrainingRun"], "--metric 'largestTrainingRun': 'largestTrainingRun' is not a metric of model 'compute-growth'"),
        (["sensitivity", "DIR/study.toml", "--metric", "largestTrainingRunEnd", "--unreached", "nan"], "--unreached nan: expected a finite number"),
        (["sensitivity", "DIR/study.toml", "--metric", "largestTrainingRunEnd", "--runs", "64"], "--runs 64: --method oat runs a fixed design"),
        (["sensitivity", "DIR/study.toml", "--metric", "largestTrainingRunEnd", "--seed", "5"], "--seed 5: --method oat draws nothing"),
        (["sweep", "DIR/study.toml", "--grid", "utilization=0.2:0.6:3", "--set", "parameters.utilization=0.5"], "--set parameters.utilization: the parameter is varied by --grid"),
        (["sweep", "DIR/study.toml", "--grid", "utilization=0.2:0.6:3", "--grid", "utilization=0.3:0.4:2"], "--grid: parameters.utilization is given two axes"),
        (["sensitivity", "DIR/study.toml", "--metric", "largestTrainingRunEnd", "--set", "parameters.utilization=0.5"], "--set parameters.utilization: the parameter is drawn in [uncertainty.utilization]"),
    ])
    func refusedNames(arguments: [String], message: String) throws {
        let folder = try studyFolder()
        let out = folder.appendingPathComponent("out").path
        let result = try takeoff(arguments.map { $0.replacingOccurrences(of: "DIR", with: folder.path) } + ["--output", out], in: folder)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out + "/runs.csv") && !FileManager.default.fileExists(atPath: out + "/sweep.csv"))
    }

    @Test("a metric that exists only for the scenario's actors is accepted by --probability (names come from the scenario, not a static list)")
    func scenarioMetric() throws {
        let folder = try temporaryFolder()
        let text = try String(contentsOfFile: packageRoot.appendingPathComponent("Models/regulation-theft.toml").path, encoding: .utf8)
        let withoutExpect = text.components(separatedBy: "\n[expect]")[0]
        try (withoutExpect + "\n[uncertainty.dangerThreshold]\ndistribution = \"logUniform\"\nmin = 1e30\nmax = 1e32\n")
            .write(to: folder.appendingPathComponent("r.toml"), atomically: true, encoding: .utf8)
        let ok = try takeoff(["sample", "r.toml", "--runs", "2", "--probability", "yearReached.carefulLab<2035", "--output", "out"], in: folder)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("P(yearReached.carefulLab<2035)"))
        let bad = try takeoff(["sample", "r.toml", "--runs", "2", "--probability", "yearReached.carelessLab<2035", "--output", "out2"], in: folder)
        #expect(bad.status == 64 && bad.stderr.contains("'yearReached.carelessLab' is not a metric"), "\(bad.stderr)")
    }

    @Test("cluster slurm refuses what sample refuses before writing a script", arguments: [
        (["--runs", "-5", "--shards", "2"], "--runs must be a positive integer, got -5"),
        (["--runs", "10", "--shards", "0"], "--shards must be a positive integer, got 0"),
        (["--runs", "3", "--shards", "4"], "--shards 4 is more than --runs 3"),
        (["--runs", "10", "--shards", "2", "--cpus-per-task=-1"], "--cpus-per-task must be a positive integer, got -1"),
        (["--runs", "10", "--shards", "2", "--probability", "largestTrainingRun<1"], "'largestTrainingRun' is not a metric"),
        (["--runs", "10", "--shards", "2", "--set", "time.saveEvery=1", "--bands", "nope"], "--bands: 'nope' is not a column"),
        (["--runs", "10", "--shards", "2", "--set", "parameters.utilization=0.3"], "[uncertainty.utilization]"),
    ])
    func clusterChecks(arguments: [String], message: String) throws {
        let folder = try studyFolder()
        let result = try takeoff(["cluster", "slurm", "study.toml", "--output", "out"] + arguments, in: folder)
        #expect(result.status == 64 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/slurm/sample.sbatch").path))
    }

    @Test("--runs -5, --runs=-5 and --runs 0 say what is wrong; a negative --unreached is a value, not a flag", arguments: [
        ["--runs", "-5"], ["--runs=-5"], ["--runs", "0"],
    ])
    func runCounts(arguments: [String]) throws {
        let folder = try studyFolder()
        let result = try takeoff(["sample", "study.toml", "--output", "out"] + arguments, in: folder)
        let value = arguments.last!.replacingOccurrences(of: "--runs=", with: "")
        #expect(result.status == 64 && result.stderr == "error: --runs must be a positive integer, got \(value)\n", "\(result.stderr)")
        let sobol = try takeoff(["sensitivity", "study.toml", "--method", "sobol", "--metric", "largestTrainingRunEnd", "--output", "out"] + arguments, in: folder)
        #expect(sobol.status == 64 && sobol.stderr.contains("--runs must be an integer of at least 2 for --method sobol"), "\(sobol.stderr)")
        let unreached = try takeoff(["sensitivity", "study.toml", "--metric", "largestTrainingRunEnd", "--unreached", "-1", "--output", "out", "--quiet"], in: folder)
        #expect(unreached.status == 0, "\(unreached.stderr)")
    }

    @Test("merge of mismatched shards names the first differing field and both values")
    func mergeNamesField() throws {
        let folder = try studyFolder()
        for (shard, extra) in [("1/2", ["--seed", "1"]), ("2/2", ["--seed", "2"])] {
            let r = try takeoff(["sample", "study.toml", "--runs", "4", "--shard", shard, "--output", "s", "--quiet"] + extra, in: folder)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let seed = try takeoff(["merge", "s", "--output", "m"], in: folder)
        #expect(seed.status == 64)
        #expect(seed.stderr.contains("meta.json differs from s/shard-1-of-2 in 'seed': \"2\" here, \"1\" in s/shard-1-of-2"), "\(seed.stderr)")
        let r = try takeoff(["sample", "study.toml", "--runs", "4", "--shard", "2/2", "--output", "s", "--quiet", "--set", "parameters.computeSpending=3e11"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let scenario = try takeoff(["merge", "s", "--output", "m"], in: folder)
        #expect(scenario.stderr.contains("in 'overrides': [\"parameters.computeSpending=3e11\"] here, [] in s/shard-1-of-2"), "\(scenario.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m/runs.csv").path))
    }

    @Test("verify --threads 0 and --threads -3 are refused with exit 64 saying what is expected", arguments: ["0", "-3"])
    func verifyThreads(value: String) throws {
        let result = try takeoff(["verify", packageRoot.appendingPathComponent("Models/sie.toml").path, "--threads", value])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--threads \(value): expected a whole number of at least 1"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("verify --json with nothing to check says so and exits 1; no files at all is the same")
    func emptyVerifyJSON() throws {
        let folder = try temporaryFolder()   // no Models/ here
        let none = try takeoff(["verify"], in: folder)
        #expect(none.status == 1 && none.stderr.contains("no expectations found: no files to verify"), "\(none.stderr)")
        let json = try takeoff(["verify", "--json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(json.status == 1 && object["status"] as? String == "noExpectations")
        #expect(try takeoff(["verify", "--allow-empty"], in: folder).status == 0)
    }

    @Test("sample --json follows the contract: model, status, events, metrics (medians), stats; and the probabilities asked for")
    func sampleJSON() throws {
        let folder = try studyFolder()
        let result = try takeoff(["sample", "study.toml", "--runs", "8", "--output", "out", "--json",
                                  "--probability", "largestTrainingRunEnd>1e26"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "compute-growth")
        #expect(object["status"] as? String == "success")
        #expect((object["events"] as? [Any])?.isEmpty == true)
        let metrics = try #require(object["metrics"] as? [String: Any])
        let summary = try #require(object["summary"] as? [[String: Any]])
        #expect(Set(metrics.keys) == Set(summary.compactMap { $0["metric"] as? String }))
        let row = try #require(summary.first { $0["metric"] as? String == "largestTrainingRunEnd" })
        #expect(metrics["largestTrainingRunEnd"] as? Double == row["q50"] as? Double)
        let stats = try #require(object["stats"] as? [String: Any])
        #expect(stats["runs"] as? Int == 8 && stats["failures"] as? Int == 0 && stats["seconds"] is Double)
        let probabilities = try #require(object["probabilities"] as? [[String: Any]])
        #expect(probabilities.count == 1 && probabilities[0]["expression"] as? String == "largestTrainingRunEnd>1e26")
        #expect(probabilities[0]["probability"] is Double)
    }

    @Test("a failed run labels its metrics (…End ones named) with the time they are at; a run ended by its terminating event keeps 'metrics:'")
    func earlyStopLabel() throws {
        let failed = try takeoff(["run", "--set", "solver.maxSteps=5"])
        #expect(failed.status == 2)
        #expect(failed.stdout.contains("\nmetrics (at 2025.25, where the run stopped; \"…End\" metrics are there):\n"), "\(failed.stdout)")
        let ended = try takeoff(["run", "Models/milestones.toml"])
        #expect(ended.status == 0 && ended.stdout.contains("status: terminatedByEvent\n") && ended.stdout.contains("\nmetrics:\n"), "\(ended.stdout)")
    }

    @Test("the README's exit-code table lists every code the CLI uses, 69 included")
    func exitCodeTable() throws {
        let readme = try String(contentsOfFile: packageRoot.appendingPathComponent("README.md").path, encoding: .utf8)
        for code in ["0", "1", "2", "64", "69", "74"] {
            #expect(readme.contains("\n| \(code) | "), "exit code \(code) missing from the README table")
        }
        #expect(readme.contains("`sbatch`"))
    }
}
