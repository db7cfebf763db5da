import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run large studies on a cluster.",
        subcommands: [SlurmCommand.self])
}

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm job array of takeoff sample shards and a dependent merge job.")

    @Argument(help: "Scenario file with an [uncertainty] table.")
    var scenario: String

    @Option(parsing: .unconditional, help: "Number of draws in the whole study.")
    var runs: Int

    @Option(parsing: .unconditional, help: "Number of shards (array tasks).")
    var shards: Int

    @Option(parsing: .unconditional, help: "Master seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Study folder: shard-i-of-n folders, the merged files and slurm/ scripts and logs.", valueName: "dir"))
    var output: String

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Slurm time limit per task, e.g. 01:00:00.")
    var time: String?

    @Option(name: .customLong("cpus-per-task"), parsing: .unconditional, help: "Cores per shard (also the shard's --threads).")
    var cpusPerTask: Int = 1

    @Option(help: ArgumentHelp("Variables for bands.csv (comma-separated).", valueName: "v1,v2"))
    var bands: String?

    @Option(name: .customLong("probability"), help: ArgumentHelp("A probability to estimate (repeatable).", valueName: "expr"))
    var probabilities: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Flag(help: "Submit both jobs with sbatch and print their ids.")
    var submit = false

    func run() throws {
        try requirePositive(runs, "--runs")
        try requirePositive(shards, "--shards")
        try requirePositive(cpusPerTask, "--cpus-per-task")
        guard shards <= runs else {
            printError("error: --shards \(shards) is more than --runs \(runs); every shard needs at least one run")
            throw ExitCode(64)
        }
        // Every shard streams and so does the merge job: the bound is the merged files on one node.
        if case .failure(let exceeded) = ResourceLimits.checkRuns(runs, limit: ResourceLimits.maxRunsPerStudy) {
            printError("error: \(exceeded.path): \(exceeded.message) (the merge job writes every run's row)")
            throw ExitCode(64)
        }
        if case .failure(let exceeded) = ResourceLimits.checkRuns((runs + shards - 1) / shards, flag: "--runs/--shards") {
            printError("error: \(exceeded.path): \(exceeded.message) (each array task runs one shard)")
            throw ExitCode(64)
        }
        let loaded: Scenario
        do { loaded = try ScenarioLoader.load(path: scenario, overrides: overrides) } catch { throw fail(error) }
        guard loaded.uncertainty != nil else {
            printError("error: \(scenario): no [uncertainty] table; a study needs distributions to draw from")
            throw ExitCode(64)
        }
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ path: String) -> String { path.hasPrefix("/") ? path : cwd + "/" + path }
        let executable = URL(fileURLWithPath: absolute(CommandLine.arguments[0])).standardizedFileURL.path
        var extra: [String] = []
        // The same checks as `takeoff sample`, before any script is written.
        _ = try checkedProbabilities(probabilities, loaded)
        _ = try checkedBands(bands, loaded, scenario: scenario)
        try refuseDrawnOverrides(loaded)
        if let bands { extra += ["--bands", bands] }
        for p in probabilities { extra += ["--probability", p] }
        for o in overrides { extra += ["--set", o] }
        let study = SlurmStudy(takeoff: executable, scenario: absolute(scenario), runs: runs, shards: shards, seed: seed,
                               output: absolute(output), cpusPerTask: cpusPerTask, partition: partition, time: time,
                               extraArguments: extra)
        let folder = study.output + "/slurm"
        try checkOutput(folder: folder)
        do {
            try AtomicFile.write(study.sampleScript, to: folder + "/sample.sbatch")
            try AtomicFile.write(study.mergeScript, to: folder + "/merge.sbatch")
        } catch {
            printError("error: cannot write the scripts: \(error.localizedDescription)")
            throw ExitCode(74)
        }
        guard submit else {
            print("wrote \(folder)/sample.sbatch and \(folder)/merge.sbatch; submit with:")
            print("  id=$(sbatch --parsable \(folder)/sample.sbatch)")
            print("  sbatch --dependency=afterok:$id \(folder)/merge.sbatch")
            return
        }
        let array = try sbatch(["--parsable", folder + "/sample.sbatch"])
        let merge = try sbatch(["--parsable", "--dependency=afterok:\(array)", folder + "/merge.sbatch"])
        print("submitted array job \(array) (\(shards) shards) and merge job \(merge); results in \(study.output)")
    }

    /// Runs sbatch and returns the job id it prints.
    func sbatch(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sbatch"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            printError("error: cannot run sbatch: \(error.localizedDescription)")
            throw ExitCode(69)
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("error: sbatch failed: \(message)")
            throw ExitCode(69)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ";")[0]
    }
}
