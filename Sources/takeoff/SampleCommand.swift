import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies
import TakeoffSampling

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Monte Carlo over a scenario's [uncertainty]: runs.csv, summary.csv, failures.csv, meta.json (and bands.csv, probabilities.csv).")

    @Argument(help: "Scenario file with an [uncertainty] table.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Number of draws (a positive integer; negative values are refused, not taken for flags).")
    var runs: Int = 1000

    @Option(parsing: .unconditional, help: "Master seed; run k uses SplitMix64(seed, k).")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Outputs do not depend on it.")
    var threads: Int?

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "out/sample"

    @Option(help: ArgumentHelp("Variables whose quantile bands are written to bands.csv (comma-separated).", valueName: "v1,v2"))
    var bands: String?

    @Option(name: .customLong("probability"), help: ArgumentHelp("A probability to estimate, e.g. 'monthsHumanLevelToBeyond<12' (repeatable).", valueName: "expr"))
    var probabilities: [String] = []

    @Option(help: ArgumentHelp("Run only the i-th of n slices of the run ids (1-based), into <output>/shard-i-of-n; auto/n takes i from SLURM_ARRAY_TASK_ID (0-based).", valueName: "i/n"))
    var shard: String?

    @Option(name: .customLong("run-id"), parsing: .unconditional, help: ArgumentHelp("Run only this run id (reproduces one draw of the study).", valueName: "k"))
    var runID: Int?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Flag(help: "No progress bar.")
    var quiet = false

    @Flag(help: "Print a JSON object with the summary.")
    var json = false

    func run() throws {
        let loaded: Scenario
        do { loaded = try ScenarioLoader.load(path: scenario, overrides: overrides) } catch { throw fail(error) }
        guard loaded.uncertainty != nil else {
            printError("error: \(scenario): no [uncertainty] table; `takeoff sample` needs distributions to draw from")
            throw ExitCode(64)
        }
        try requirePositive(runs, "--runs")
        if case .failure(let exceeded) = ResourceLimits.checkRuns(runs) {
            printError("error: \(exceeded.path): \(exceeded.message)")
            throw ExitCode(64)
        }
        let queries = try checkedProbabilities(probabilities, loaded)
        try refuseDrawnOverrides(loaded)
        let shardSlice = try parseShard(shard)
        if let runID, !(0..<runs).contains(runID) {
            printError("error: --run-id \(runID) is outside 0..<\(runs)")
            throw ExitCode(64)
        }
        let bandNames = try checkedBands(bands, loaded, scenario: scenario)
        if let threads, threads < 1 {
            printError("error: --threads must be at least 1")
            throw ExitCode(64)
        }
        try checkOutput(folder: output)
        let fields = 3 + (loaded.uncertainty?.parameters.count ?? 0) + loaded.declaredNames.metrics.count
        if case .failure(let exceeded) = ResourceLimits.checkDisk(runs: shardSlice.map { (runs + $0.1 - 1) / $0.1 } ?? runs,
                                                                  fields: fields, metrics: loaded.declaredNames.metrics.count,
                                                                  folder: output) {
            printError("error: \(exceeded.path): \(exceeded.message)")
            throw ExitCode(64)
        }
        let options = SampleOptions(runs: runs, seed: seed, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
                                    bands: bandNames, probabilities: queries, shard: shardSlice, onlyRun: runID)
        let study = SampleStudy(scenario: loaded, options: options)
        let total = options.runIDs.count
        let progress = ProgressBar(total: total, enabled: !quiet && isatty(2) != 0)
        let clock = ContinuousClock()
        let started = clock.now
        // The runs stream into the output folder as they complete: memory holds one block of
        // runs, whatever --runs is; the summaries are exact passes over the spooled values.
        let folder = shardFolder(output, shardSlice)
        let summary: StudySummary
        let seconds: Double
        do {
            let sink = try study.makeStream(folder: folder)
            try study.stream(into: sink) { progress.update($0) }
            progress.finish()
            let elapsed = clock.now - started
            seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            summary = try sink.finish(metadata: StudyWriter.metadata(loaded, options), options: options)
            let timing: [String: Any] = ["seconds": seconds, "runs": total, "threads": options.threads,
                                         "runsPerSecond": Double(total) / max(seconds, 1e-9)]
            try AtomicFile.write(RunReport.serialize(timing, pretty: true), to: folder + "/timing.json")
        } catch {
            printError("error: cannot write \(output): \(error)")
            throw ExitCode(74)
        }
        let failures = summary.failures
        if json {
            let rows = summary.metrics.map { s -> [String: Any] in
                ["metric": s.name, "reached": s.reached, "q05": jsonNumber(s.quantiles[0]), "q50": jsonNumber(s.quantiles[3]),
                 "q95": jsonNumber(s.quantiles[6]), "mean": jsonNumber(s.mean)]
            }
            // The contract's keys: a study has no events of its own, its metrics are the medians over
            // the runs that reach them (null when none does), its stats the study's work and time.
            var medians: [String: Any] = [:]
            for row in rows { medians[row["metric"] as! String] = row["q50"] }
            let probabilities = summary.probabilities.map { q, e -> [String: Any] in
                ["expression": q.text, "count": e.count, "probability": jsonNumber(e.probability),
                 "standardError": jsonNumber(e.standardError)]
            }
            let stats: [String: Any] = ["runs": total, "failures": failures, "threads": options.threads, "seconds": seconds,
                                        "runsPerSecond": Double(total) / max(seconds, 1e-9)]
            print(RunReport.serialize(["model": loaded.model.id, "status": failures == 0 ? "success" : "someFailed",
                                       "events": [Any](), "metrics": medians, "stats": stats,
                                       "runs": total, "failures": failures, "output": output, "summary": rows,
                                       "probabilities": probabilities],
                                      pretty: false), terminator: "")
        } else {
            print("\(total) runs of \(loaded.model.id) in \(String(format: "%.2f", seconds)) s (\(options.threads) threads), \(failures) failed; wrote \(output)/")
            if !quiet, shardSlice == nil { print(StudyWriter.summaryText(summary), terminator: "") }
        }
    }

    func jsonNumber(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard folders of `takeoff sample --shard` into the files of a single run.")

    @Argument(help: "Shard folders, or study folders holding shard-i-of-n folders.")
    var folders: [String]

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String

    func run() throws {
        try checkOutput(folder: output)
        do {
            try StudyMerger.merge(folders: StudyMerger.expand(folders), into: output)
        } catch let error as MergeError {
            printError("error: \(error)")
            throw ExitCode(64)
        }
        print("merged \(StudyMerger.expand(folders).count) shards into \(output)/")
    }
}

/// A progress bar on standard error (only on a terminal).
final class ProgressBar: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    let started = ContinuousClock.now

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(done) / max(seconds, 1e-9)
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandleWriter.standardError(String(format: "\r[%@] %d/%d runs, %.0f runs/s, %.0f s left ", bar, done, total, rate, left))
    }

    func finish() {
        if enabled { FileHandleWriter.standardError("\n") }
    }
}
