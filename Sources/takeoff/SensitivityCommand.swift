import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies
import TakeoffSampling

/// Options shared by the study commands.
struct StudyOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Outputs do not depend on it.")
    var threads: Int?

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Flag(help: "No progress bar.")
    var quiet = false

    var threadCount: Int { max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount) }

    /// Checks the thread count and the output folder before any work.
    func checkOptions() throws {
        if let threads, threads < 1 {
            printError("error: --threads must be at least 1")
            throw ExitCode(64)
        }
        try checkOutput(folder: output)
    }

    func load(_ path: String) throws -> Scenario {
        do { return try ScenarioLoader.load(path: path, overrides: overrides) } catch { throw fail(error) }
    }

    /// Runs a study with a progress bar.
    func compute(_ study: SampleStudy) -> StudyData {
        let progress = ProgressBar(total: study.options.runIDs.count, enabled: !quiet && isatty(2) != 0)
        let data = study.compute { progress.update($0) }
        progress.finish()
        return data
    }
}

/// Parses `i/n` (1-based) into a 0-based slice; `auto/n` takes i from Slurm's
/// `SLURM_ARRAY_TASK_ID` (0-based, as `sbatch --array=0-(n-1)` numbers tasks), so a task
/// resubmitted alone (`--array=3`) still runs shard 3 of n.
func parseShard(_ text: String?) throws -> (Int, Int)? {
    guard let text else { return nil }
    if text.hasPrefix("auto/") {
        guard let n = Int(text.dropFirst(5)), n >= 1 else {
            printError("error: --shard '\(text)': expected auto/n with a whole n ≥ 1")
            throw ExitCode(64)
        }
        guard let raw = ProcessInfo.processInfo.environment["SLURM_ARRAY_TASK_ID"], !raw.isEmpty else {
            printError("error: --shard auto/\(n): SLURM_ARRAY_TASK_ID is not set; run inside a Slurm job array, or give i/n")
            throw ExitCode(64)
        }
        guard let task = Int(raw), (0..<n).contains(task) else {
            printError("error: --shard auto/\(n): SLURM_ARRAY_TASK_ID = \(raw) is outside 0...\(n - 1)")
            throw ExitCode(64)
        }
        return (task, n)
    }
    let parts = text.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else {
        printError("error: --shard '\(text)': expected i/n with 1 ≤ i ≤ n")
        throw ExitCode(64)
    }
    return (parts[0] - 1, parts[1])
}

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Which uncertain parameters drive a metric: one-at-a-time swings (oat.csv) or Sobol indices (sobol.csv).")

    @Argument(help: "Scenario file with an [uncertainty] table.")
    var scenario: String

    @Option(help: "oat (5th/95th-percentile swings) or sobol (first-order and total indices).")
    var method: String = "oat"

    @Option(help: "The metric analysed, e.g. monthsHumanLevelToBeyond.")
    var metric: String

    @Option(parsing: .unconditional, help: "Sobol: base samples N (N(d + 2) runs; default 1024). OAT has a fixed design and refuses it.")
    var runs: Int?

    @Option(parsing: .unconditional, help: "Sobol: seed of the bootstrap intervals (default 1). OAT draws nothing and refuses it.")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Value standing in for runs where the metric is not reached (Sobol needs one for every run).", valueName: "value"))
    var unreached: Double?

    @Option(help: ArgumentHelp("Run only the i-th of n slices of the design (1-based); combine with `takeoff merge`.", valueName: "i/n"))
    var shard: String?

    @OptionGroup var study: StudyOptions

    func run() throws {
        let loaded = try study.load(scenario)
        try study.checkOptions()
        guard let kind = SensitivitySpec.Method(rawValue: method) else {
            printError("error: --method '\(method)': expected oat or sobol")
            throw ExitCode(64)
        }
        try refuseDrawnOverrides(loaded)
        if let runs {
            guard kind == .sobol else {
                printError("error: --runs \(runs): --method oat runs a fixed design (the base point and each parameter at its 5th and 95th percentile); --runs is the base sample count of --method sobol")
                throw ExitCode(64)
            }
            guard runs >= 2 else {
                printError("error: --runs must be an integer of at least 2 for --method sobol (the base sample count N), got \(runs)")
                throw ExitCode(64)
            }
        }
        if let seed, kind == .oat {
            printError("error: --seed \(seed): --method oat draws nothing (a fixed design, no bootstrap); --seed is the bootstrap seed of --method sobol")
            throw ExitCode(64)
        }
        if let unreached, !unreached.isFinite {
            printError("error: --unreached \(unreached): expected a finite number standing in for runs where the metric is not reached")
            throw ExitCode(64)
        }
        let spec = SensitivitySpec(method: kind, metric: metric, samples: runs ?? 1024, seed: seed ?? 1, unreached: unreached)
        try checkedMetric(metric, loaded)
        let design: (names: [String], rows: [[Double]])
        do { design = try SensitivityStudy.design(loaded, spec) } catch {
            printError("error: \(error)")
            throw ExitCode(64)
        }
        let options = SampleOptions(runs: design.rows.count, seed: spec.seed, threads: study.threadCount, shard: try parseShard(shard))
        let data = study.compute(SampleStudy(scenario: loaded, names: design.names, rows: design.rows, options: options))
        let metadata = SensitivityStudy.metadata(loaded, spec, runs: design.rows.count)
        do {
            if options.shard != nil {
                try StudyWriter.writeShard(data, metadata: metadata, options: options, to: shardFolder(study.output, options.shard))
            } else {
                try SensitivityStudy.write(data, spec: spec, metadata: metadata, to: study.output)
            }
        } catch let error as SensitivityError {
            printError("error: \(error)")
            throw ExitCode(64)
        } catch {
            printError("error: cannot write \(study.output): \(error.localizedDescription)")
            throw ExitCode(74)
        }
        print("\(design.rows.count) runs (\(kind.rawValue), \(design.names.count) parameters) of \(loaded.model.id); wrote \(study.output)/")
    }
}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a one- or two-parameter grid: sweep.csv with <params>,status,<metrics>.")

    @Argument(help: "Scenario file.")
    var scenario: String

    @Option(help: ArgumentHelp("A grid axis key=a:b:n, or key=a:b:n:log for log spacing (repeat for a second axis).", valueName: "key=a:b:n"))
    var grid: [String] = []

    @Flag(help: "Logarithmic spacing on every axis.")
    var log = false

    @OptionGroup var study: StudyOptions

    func run() throws {
        let loaded = try study.load(scenario)
        try study.checkOptions()
        guard (1...2).contains(grid.count) else {
            printError("error: give one or two --grid key=a:b:n axes")
            throw ExitCode(64)
        }
        var axes: [SweepStudy.Axis] = []
        for text in grid {
            switch SweepStudy.Axis.parse(text, log: log, model: loaded.model) {
            case .success(let axis): axes.append(axis)
            case .failure(let error):
                printError("error: \(error)")
                throw ExitCode(64)
            }
        }
        if axes.count == 2, axes[0].name == axes[1].name {
            printError("error: --grid: parameters.\(axes[0].name) is given two axes; give each axis its own parameter")
            throw ExitCode(64)
        }
        for key in overriddenParameters(loaded) where axes.contains(where: { $0.name == key }) {
            printError("error: --set parameters.\(key): the parameter is varied by --grid, so every grid point would overwrite it; drop the --set or the axis")
            throw ExitCode(64)
        }
        if case .failure(let exceeded) = ResourceLimits.checkRuns(axes.map(\.values.count).reduce(1, *), flag: "--grid") {
            printError("error: \(exceeded.path): \(exceeded.message)")
            throw ExitCode(64)
        }
        let rows = SweepStudy.rows(axes)
        var options = SampleOptions(runs: rows.count, seed: 0, threads: study.threadCount)
        options.keepSaveSchedule = true   // each row equals `takeoff run --set …` bit for bit
        let data = study.compute(SampleStudy(scenario: loaded, names: axes.map(\.name), rows: rows, options: options))
        let meta: [String: Any] = [
            "kind": "sweep", "package": "takeoff", "version": RunReport.version, "model": loaded.model.id,
            "scenarioFile": loaded.file, "overrides": loaded.overrides, "grid": grid, "log": log,
            "resolvedScenarioTOML": loaded.resolvedTOML,
        ]
        do {
            try AtomicFile.write(SweepStudy.csv(data), to: study.output + "/sweep.csv")
            try AtomicFile.write(StudyWriter.failuresCSV(data), to: study.output + "/failures.csv")
            try AtomicFile.write(RunReport.serialize(meta, pretty: true), to: study.output + "/meta.json")
        } catch {
            printError("error: cannot write \(study.output): \(error.localizedDescription)")
            throw ExitCode(74)
        }
        print("\(rows.count) grid points of \(loaded.model.id); wrote \(study.output)/sweep.csv")
    }
}

/// The folder of shard `i` (0-based) of `n` under a study's output folder.
func shardFolder(_ output: String, _ shard: (Int, Int)?) -> String {
    guard let (i, n) = shard else { return output }
    return output + "/shard-\(i + 1)-of-\(n)"
}
