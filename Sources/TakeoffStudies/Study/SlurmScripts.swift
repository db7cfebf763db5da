import TakeoffIO
import Foundation

/// Batch scripts for running a Monte Carlo study as a Slurm job array plus a dependent merge.
///
/// The array has one task per shard (`--array=0-(K-1)`); task i runs
/// `takeoff sample … --shard auto/K`, which reads i from `SLURM_ARRAY_TASK_ID`, so resubmitting
/// one failed task (`sbatch --array=3 sample.sbatch`) reruns exactly shard 4 of K. Each shard writes
/// `<output>/shard-i-of-K/`; the merge job (`--dependency=afterok:<array>`) runs
/// `takeoff merge <output> --output <output>`, which writes the files of a single run.
public struct SlurmStudy: Sendable {
    public var takeoff: String
    public var scenario: String
    public var runs: Int
    public var shards: Int
    public var seed: UInt64
    public var output: String
    public var cpusPerTask: Int
    public var partition: String?
    public var time: String?
    /// Further `takeoff sample` arguments (`--bands`, `--probability`, `--set`), already split.
    public var extraArguments: [String]

    public init(takeoff: String, scenario: String, runs: Int, shards: Int, seed: UInt64, output: String, cpusPerTask: Int,
                partition: String?, time: String?, extraArguments: [String]) {
        self.takeoff = takeoff
        self.scenario = scenario
        self.runs = runs
        self.shards = shards
        self.seed = seed
        self.output = output
        self.cpusPerTask = cpusPerTask
        self.partition = partition
        self.time = time
        self.extraArguments = extraArguments
    }

    /// Single-quotes an argument for bash.
    static func quote(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "/._-=:,".contains($0) } ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    var header: [String] {
        var lines: [String] = []
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        return lines
    }

    /// The array script.
    public var sampleScript: String {
        let command = [takeoff, "sample", scenario, "--runs", "\(runs)", "--seed", "\(seed)", "--threads", "\(cpusPerTask)",
                       "--shard", "auto/\(shards)", "--output", output, "--quiet"] + extraArguments
        return (["#!/bin/bash",
                 "# takeoff Monte Carlo study: \(runs) runs of \(scenario) in \(shards) shards (seed \(seed)).",
                 "# Resubmit one failed shard alone with: sbatch --array=<task id> \(output)/slurm/sample.sbatch",
                 "#SBATCH --job-name=takeoff-sample",
                 "#SBATCH --array=0-\(shards - 1)",
                 "#SBATCH --cpus-per-task=\(cpusPerTask)",
                 "#SBATCH --output=\(output)/slurm/shard-%a.log"] + header + [
                 "set -euo pipefail",
                 "exec " + command.map(Self.quote).joined(separator: " "),
                ]).joined(separator: "\n") + "\n"
    }

    /// The merge script (submitted with `--dependency=afterok:<array job id>`).
    public var mergeScript: String {
        (["#!/bin/bash",
          "# Merges the \(shards) shards of \(output) into the files of a single run.",
          "#SBATCH --job-name=takeoff-merge",
          "#SBATCH --cpus-per-task=1",
          "#SBATCH --output=\(output)/slurm/merge.log"] + header + [
          "set -euo pipefail",
          "exec " + [takeoff, "merge", output, "--output", output].map(Self.quote).joined(separator: " "),
         ]).joined(separator: "\n") + "\n"
    }
}
