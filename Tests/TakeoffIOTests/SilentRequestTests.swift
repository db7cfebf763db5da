import Foundation
import Testing

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
