import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
@testable import TakeoffIO
@testable import TakeoffStudies

/// No input allocates without bound: sizes are checked up front against documented limits
/// (`ResourceLimits`, README "Limits"), and the refusal itself stays small, which the tests check
/// from outside by running the binary under a 1 GB address-space limit (`ulimit -v`): a process
/// that tried to allocate the rows would fail to, and exit otherwise than with 64.
@Suite("Resource limits")
struct ResourceLimitTests {
    /// `takeoff ARGS` under `ulimit -v 1000000` (KB).
    func bounded(_ arguments: [String]) throws -> CLIResult {
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        let binary = [".build/debug/takeoff", ".build/release/takeoff"].map { packageRoot.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 1000000; exec '\(try #require(binary))' \(quoted)"]
        process.currentDirectoryURL = packageRoot
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("a time span whose save grid would not fit is refused with the size, the limit and how to raise it",
          arguments: ["Models/feedback.toml", "Models/compute-growth.toml", "Models/regulation-theft.toml", "Models/sie.toml"])
    func hugeSpan(file: String) throws {
        let result = try bounded(["run", file, "--set", "time.end=1e300"])
        #expect(result.status == 64, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("time.saveEvery") && result.stderr.contains("rows")
                && result.stderr.contains("solver.maxSavedPoints"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("the compute-centric framework's own grid is bounded too")
    func ccfSpan() throws {
        let result = try bounded(["run", "Models/ccf-best-guess.toml", "--set", "time.end=1e300"])
        #expect(result.status == 64, "\(result.stderr)")
    }

    @Test("raising solver.maxSavedPoints is honoured, and a grid just above it is refused")
    func raisedLimit() throws {
        // feedback.toml: 2025-2040 every 0.1 → 151 rows.
        let refused = try bounded(["run", "Models/feedback.toml", "--set", "solver.maxSavedPoints=150"])
        #expect(refused.status == 64, "\(refused.stderr)")
        let accepted = try bounded(["run", "Models/feedback.toml", "--set", "solver.maxSavedPoints=151"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
    }

    @Test("the core refuses a save schedule above maxSavedPoints before allocating it")
    func coreGuard() throws {
        let problem = ODEProblem<Void>(stateNames: ["y"], initialState: [1], timeSpan: (0, 1e300)) { _, y, dydt in dydt[0] = 0 }
        var options = SolverOptions(save: .every(1))
        options.maxSavedPoints = 1000
        #expect(throws: SolverError.self) { try ODESolver(options).solve(problem) }
    }

    @Test("run counts above the per-process limit are refused with the shard advice")
    func runs() throws {
        guard case .failure(let exceeded) = ResourceLimits.checkRuns(1_000_000_000) else {
            Issue.record("a billion runs accepted"); return
        }
        #expect(exceeded.path == "--runs" && exceeded.message.contains("--shard"))
        #expect((try? ResourceLimits.checkRuns(ResourceLimits.maxRunsPerProcess).get()) != nil)
    }
}

@Suite("Resource limits on the command line")
struct StudyLimitCLITests {
    @Test("sample, cluster, sweep and sensitivity refuse oversized studies with exit 64, without allocating them",
          arguments: [
              ["sample", "Models/feedback-uncertainty.toml", "--runs", "1000000000", "--output", "out/never"],
              ["cluster", "slurm", "Models/feedback-uncertainty.toml", "--runs", "1000000000", "--shards", "8", "--output", "out/never-cluster"],
              ["sweep", "Models/feedback-uncertainty.toml", "--grid", "researchFeedback=-1:0.6:1000000", "--grid", "parallelReturns=0.1:1:1000000", "--output", "out/never-sweep"],
              ["sweep", "Models/feedback-uncertainty.toml", "--grid", "researchFeedback=-1:0.6:1e12", "--output", "out/never-sweep"],
              ["sensitivity", "Models/feedback-uncertainty.toml", "--method", "sobol", "--metric", "monthsHumanLevelToBeyond", "--runs", "100000000", "--output", "out/never-sobol"],
          ])
    func oversized(arguments: [String]) throws {
        let result = try ResourceLimitTests().bounded(arguments)
        #expect(result.status == 64, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("limit"), "\(result.stderr)")
        // Nothing written (the output folder may exist: commands check up front that it can be made).
        let folder = packageRoot.appendingPathComponent(arguments[arguments.count - 1]).path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
    }
}
