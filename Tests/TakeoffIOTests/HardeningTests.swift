import Foundation
import Testing
@testable import TakeoffIO
@testable import TakeoffStudies

@Suite("Hardening: fuzz findings")
struct FuzzRegressionTests {
    /// Inputs on which toml++ (inside TOMLKit) hit an assertion and aborted the process; each
    /// must now be a located `malformed TOML` error (Tests/Fuzz/README.md).
    @Test("toml++ assertion inputs are located errors", arguments: [
        "[=",
        "[\u{0659}",
        "\u{FEFF}[\u{FFFD}\u{FFFD}",
        "[\u{FFFD}\u{FFFD} # x \"\"\"\"\"3)",
        "t=[}",
        "model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = [}\n",
    ])
    func tomlAssertions(text: String) throws {
        do {
            _ = try ScenarioLoader.parse(text: text, file: "fuzz.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .malformed, "\(error)")
            #expect(error.line != nil)
        }
    }

    @Test("the guard accepts every shipped file and TOML forms the files may use")
    func guardAccepts() throws {
        let folder = packageRoot.appendingPathComponent("Models").path
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".toml") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            #expect(TOMLGuard.check(text) == nil, "\(name)")
        }
        let forms = """
        # comment
        a = 1_000
        b = -1.5e-3
        c = +inf
        d = 'literal \\ string'
        e = \"\"\"
        multi "line" \\
          string\"\"\"
        f = [
          1, # comment
          [2, 3],
        ]
        "quoted key".bare = { x = 0x1F, y = [ ], z = true }
        [[array.of]]
        [ t . "u" ]
        """
        #expect(TOMLGuard.check(forms) == nil)
        #expect(TOMLGuard.check("d = 2025-01-01\n") != nil)   // dates are refused
    }
}
