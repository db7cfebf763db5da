import Foundation
import Testing
@testable import TakeoffIO
@testable import TakeoffStudies

@Suite("takeoff verify")
struct VerifyTests {
    let scenario = """
    # A comment that must survive --update.
    model = "compute-growth"
    [time]
    start = 2025.0   # trailing comment
    end = 2035.0

    [expect]
    note = "test"
    "event.trainingRun1e28Year" = { value = VALUE1, abs = 1e-6 }   # keep me
    effectiveComputeGrowthStart = { rel = 1e-6, value = VALUE2 }
    """

    func write(_ text: String) throws -> String {
        let path = try temporaryFolder().appendingPathComponent("s.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a passing and a failing expectation give the right verdicts and exit codes")
    func verdicts() throws {
        let truth = try ScenarioLoader.parse(text: "model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = 2035.0\n", file: "t").run()
        let year = truth.events.first { $0.name == "trainingRun1e28Year" }!.time
        let growth = truth.metric("effectiveComputeGrowthStart")!
        let passing = try write(scenario.replacingOccurrences(of: "VALUE1", with: CSVWriter.number(year))
            .replacingOccurrences(of: "VALUE2", with: CSVWriter.number(growth)))
        let ok = try Verifier.verify(path: passing, threads: 1).verdicts
        #expect(ok.count == 2 && ok.allSatisfy(\.passed))
        #expect(try takeoff(["verify", passing]).status == 0)
        let failing = try write(scenario.replacingOccurrences(of: "VALUE1", with: CSVWriter.number(year + 1e-3))
            .replacingOccurrences(of: "VALUE2", with: CSVWriter.number(growth)))
        let bad = try Verifier.verify(path: failing, threads: 1).verdicts
        let event = try #require(bad.first { $0.quantity == "event.trainingRun1e28Year" })
        #expect(!event.passed)
        #expect(abs(event.difference! + 1e-3) < 1e-9)
        #expect(bad.first { $0.quantity == "effectiveComputeGrowthStart" }?.passed == true)
        let cli = try takeoff(["verify", failing])
        #expect(cli.status == 1)
        #expect(cli.stdout.contains("FAIL") && cli.stdout.contains("event.trainingRun1e28Year"))
        let json = try takeoff(["verify", failing, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["failed"] as? Int == 1)
    }

    @Test("--update changes only the expected values; comments and other keys stay byte for byte")
    func update() throws {
        let path = try write(scenario.replacingOccurrences(of: "VALUE1", with: "2000.0").replacingOccurrences(of: "VALUE2", with: "1.0"))
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let cli = try takeoff(["verify", path, "--update"])
        #expect(cli.status == 0)
        #expect(cli.stdout.contains("updated"))
        let after = try String(contentsOfFile: path, encoding: .utf8)
        let a = before.components(separatedBy: "\n"), b = after.components(separatedBy: "\n")
        #expect(a.count == b.count)
        let changed = zip(a, b).filter { $0 != $1 }
        #expect(changed.count == 2)
        for (old, new) in changed {
            // Only the number after `value =` differs.
            let strip = { (s: String) in s.replacingOccurrences(of: #"value = [^,}\s]+"#, with: "value = X", options: .regularExpression) }
            #expect(strip(old) == strip(new), "\(old) -> \(new)")
        }
        #expect(after.contains("# A comment that must survive --update."))
        #expect(after.contains("}   # keep me"))
        #expect(try takeoff(["verify", path]).status == 0)
    }

    @Test("a malformed [expect] table is a validation error with its key path", arguments: [
        ("notAMetric = { value = 1.0, abs = 1.0 }", "expect.notAMetric"),
        ("effectiveComputeGrowthStart = { value = 1.0 }", "expect.effectiveComputeGrowthStart"),
        ("effectiveComputeGrowthStart = { value = \"x\", abs = 1.0 }", "expect.effectiveComputeGrowthStart.value"),
        ("effectiveComputeGrowthStart = { value = 1.0, abs = -1.0 }", "expect.effectiveComputeGrowthStart.abs"),
        ("\"series.effectiveCompute\" = { value = 1.0, abs = 1.0 }", "expect.series.effectiveCompute"),
    ])
    func malformed(line: String, keyPath: String) throws {
        let path = try write("model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = 2030.0\n[expect]\n\(line)\n")
        do {
            _ = try Verifier.verify(path: path, threads: 1)
            Issue.record("expected an error")
        } catch {
            #expect(error.keyPath == keyPath, "\(error)")
        }
        #expect(try takeoff(["verify", path]).status == 64)
    }

    @Test("every shipped file in Models/ passes takeoff verify")
    func shipped() throws {
        let result = try takeoff(["verify", "--threads", "2"])
        #expect(result.status == 0, "\(result.stdout.split(separator: "\n").filter { $0.contains("FAIL") })")
        #expect(result.stdout.contains(" 0 failed"))
        let files = Verifier.defaultFiles(in: packageRoot.appendingPathComponent("Models").path)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("[expect]"), "\(file) has no [expect] table")
        }
    }
}
