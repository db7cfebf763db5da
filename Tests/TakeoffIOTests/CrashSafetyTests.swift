import Foundation
import Testing

/// Starts the built `takeoff`, kills it with SIGKILL after `delay` seconds (if still running).
func killAfter(_ delay: Double, _ arguments: [String]) throws {
    let candidates = [".build/debug/takeoff", ".build/release/takeoff"].map { packageRoot.appendingPathComponent($0) }
    let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

@Suite("Crash safety", .serialized)
struct CrashSafetyTests {
    @Test("killing takeoff run leaves each output complete: the previous version or the new one")
    func killedRun() throws {
        let dir = try temporaryFolder().path
        let csv = dir + "/run.csv", meta = dir + "/run.meta.json"
        let old = ["run", "Models/feedback.toml", "--csv", csv, "--set", "parameters.parallelReturns=0.5"]
        let new = ["run", "Models/feedback.toml", "--csv", csv]
        _ = try takeoff(new)
        let newCSV = try #require(contents(csv)), newMeta = try #require(contents(meta))
        _ = try takeoff(old)
        let oldCSV = try #require(contents(csv)), oldMeta = try #require(contents(meta))
        #expect(oldCSV != newCSV)
        // Delays from before the process starts writing to after it has finished.
        for delay in stride(from: 0.0, through: 0.30, by: 0.015) {
            try killAfter(delay, new)
            let c = contents(csv), m = contents(meta)
            #expect(c == oldCSV || c == newCSV, "run.csv truncated after \(delay) s")
            #expect(m == oldMeta || m == newMeta, "run.meta.json truncated after \(delay) s")
            _ = try takeoff(old)   // back to the previous version for the next round
        }
        _ = try takeoff(new)
        #expect(contents(csv) == newCSV)   // a rerun gives the same bytes
    }

    @Test("killing takeoff sample leaves each file complete, and a rerun gives the same bytes")
    func killedSample() throws {
        let dir = try temporaryFolder().path
        let args = ["sample", "Models/feedback-uncertainty.toml", "--runs", "300", "--output", dir, "--quiet"]
        _ = try takeoff(args + ["--seed", "2"])
        let files = ["runs.csv", "summary.csv", "failures.csv", "meta.json"]
        let old = files.map { contents(dir + "/" + $0) }
        _ = try takeoff(args)
        let new = files.map { contents(dir + "/" + $0) }
        for delay in stride(from: 0.0, through: 0.6, by: 0.05) {
            _ = try takeoff(args + ["--seed", "2"])
            try killAfter(delay, args)
            for (k, name) in files.enumerated() {
                let now = contents(dir + "/" + name)
                #expect(now == old[k] || now == new[k], "\(name) truncated after \(delay) s")
            }
            _ = try takeoff(args)
            for (k, name) in files.enumerated() { #expect(contents(dir + "/" + name) == new[k], "\(name) after rerun") }
        }
    }
}
