import Foundation
import Testing

/// Runs the built `takeoff` binary (built by `make test` before `swift test`).
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

func takeoff(_ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> CLIResult {
    // The binary of this build first (beside the test product, whatever the --scratch-path), then .build's.
    let beside = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
        .appendingPathComponent("takeoff")
    let candidates = [beside] + [".build/debug/takeoff", ".build/release/takeoff"].map { packageRoot.appendingPathComponent($0) }
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CLIMissing()
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder ?? packageRoot
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self))
}

struct CLIMissing: Error, CustomStringConvertible {
    var description: String { "the takeoff binary is not built; run `make test` (or `swift build --product takeoff`) first" }
}

@Suite("CLI end to end")
struct CLITests {
    @Test("run --json prints exactly the contract")
    func json() throws {
        let result = try takeoff(["run", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["model"] as? String == "compute-growth")
        #expect(object["status"] as? String == "success")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.contains { $0["name"] as? String == "trainingRun1e28Year" && $0["year"] is Double })
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["effectiveComputeGrowthStart"] is Double)
        #expect(object["stats"] is [String: Any])
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test("an unknown key exits 64 naming the key, with nothing on stdout and nothing written")
    func unknownKey() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("bad.toml")
        try scenarioText("[parameters]\nhardwareDoublingYear = 2\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try takeoff(["run", file.path, "--csv", folder.appendingPathComponent("out.csv").path])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("parameters.hardwareDoublingYear"))
        #expect(result.stderr.contains(":6"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.csv").path))
        let validate = try takeoff(["validate", file.path])
        #expect(validate.status == 64)
        #expect(try takeoff(["validate", "Models/compute-growth.toml"]).status == 0)
        #expect(try takeoff(["run", "--set", "parameters.utilization=2"]).status == 64)
        #expect(try takeoff(["run", "--format", "tall"]).status == 64)
        #expect(try takeoff(["run", "/no/such.toml"]).status == 64)
    }

    @Test("a numerical failure exits 2 with the partial CSV and the status in the JSON")
    func numericalFailure() throws {
        let folder = try temporaryFolder()
        let csv = folder.appendingPathComponent("partial.csv").path
        let result = try takeoff(["run", "--set", "solver.maxSteps=3", "--csv", csv, "--json"])
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "maxStepsReached")
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(text.hasPrefix("year,"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("partial.meta.json").path))
    }

    @Test("csv and summary, models, version")
    func otherCommands() throws {
        let folder = try temporaryFolder()
        let csv = folder.appendingPathComponent("cg.csv").path
        let run = try takeoff(["run", "Models/compute-growth.toml", "--csv", csv, "--save-every", "1"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("status: success"))
        #expect(run.stdout.contains("trainingRun1e28Year"))
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n")
        #expect(rows.count == 1 + 21)
        let stdoutCSV = try takeoff(["run", "--csv", "-", "--format", "long"])
        #expect(stdoutCSV.stdout.hasPrefix("year,variable,value"))
        let models = try takeoff(["models", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(models.stdout.utf8)) as? [String: Any])
        let list = try #require(object["models"] as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["compute-growth", "feedback", "regulation", "sie", "milestones", "ccf"])
        #expect(try takeoff(["models"]).stdout.contains("hardwareDoublingYears = 2.46"))
        #expect(try takeoff(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}

@Suite("Shards from Slurm")
struct SlurmShardTests {
    @Test("--shard auto/n takes the index from SLURM_ARRAY_TASK_ID and writes shard-i-of-n")
    func autoShard() throws {
        let dir = try temporaryFolder()
        let study = packageRoot.appendingPathComponent("Models/feedback-uncertainty.toml").path
        let args = ["sample", study, "--runs", "40", "--shard", "auto/4", "--output", dir.path, "--quiet"]
        let missing = try takeoff(args, environment: ["SLURM_ARRAY_TASK_ID": ""])
        #expect(missing.status == 64 && missing.stderr.contains("SLURM_ARRAY_TASK_ID"))
        let outside = try takeoff(args, environment: ["SLURM_ARRAY_TASK_ID": "4"])
        #expect(outside.status == 64 && outside.stderr.contains("outside"))
        for task in 0..<4 {
            #expect(try takeoff(args, environment: ["SLURM_ARRAY_TASK_ID": "\(task)"]).status == 0)
            #expect(FileManager.default.fileExists(atPath: dir.path + "/shard-\(task + 1)-of-4/shard.json"))
        }
        #expect(try takeoff(["merge", dir.path, "--output", dir.path]).status == 0)
        let single = try temporaryFolder()
        #expect(try takeoff(["sample", study, "--runs", "40", "--output", single.path, "--quiet"]).status == 0)
        for name in ["runs.csv", "summary.csv", "meta.json"] {
            #expect(FileManager.default.contents(atPath: dir.path + "/" + name) == FileManager.default.contents(atPath: single.path + "/" + name), "\(name)")
        }
        let script = try takeoff(["cluster", "slurm", study, "--runs", "40", "--shards", "4", "--output", dir.path + "/c"])
        #expect(script.status == 0)
        let text = try String(contentsOfFile: dir.path + "/c/slurm/sample.sbatch", encoding: .utf8)
        #expect(text.contains("#SBATCH --array=0-3") && text.contains("--shard auto/4"))
        let merge = try String(contentsOfFile: dir.path + "/c/slurm/merge.sbatch", encoding: .utf8)
        #expect(merge.contains(" merge ") && merge.contains("--output"))
    }
}

@Suite("CLI study summary")
struct StudySummaryTextTests {
    @Test("takeoff sample prints the summary.csv numbers and each probability, and nothing more with --quiet")
    func summaryTable() throws {
        let dir = try temporaryFolder()
        let study = packageRoot.appendingPathComponent("Models/sie-forethought.toml").path
        let run = try takeoff(["sample", study, "--runs", "300", "--output", dir.path, "--probability", "yearsOfProgressInFirstYear>3"])
        #expect(run.status == 0)
        let summary = try String(contentsOfFile: dir.path + "/summary.csv", encoding: .utf8)
        let row = try #require(summary.split(separator: "\r\n").first { $0.hasPrefix("atLeast3xFor12Months,") })
        let mean = try #require(Double(row.split(separator: ",")[3]))
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("atLeast3xFor12Months ") })
        #expect(line.contains(String(format: "%.4g", mean)), "\(line) vs mean \(mean)")
        let probabilities = try String(contentsOfFile: dir.path + "/probabilities.csv", encoding: .utf8)
        let p = try #require(Double(probabilities.split(separator: "\r\n")[1].split(separator: ",")[2]))
        #expect(run.stdout.contains(String(format: "P(yearsOfProgressInFirstYear>3) = %.4f", p)))
        let quiet = try takeoff(["sample", study, "--runs", "30", "--output", dir.path + "/q", "--quiet"])
        #expect(quiet.stdout.split(separator: "\n").count == 1)
    }
}
