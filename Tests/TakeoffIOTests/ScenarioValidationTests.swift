import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
@testable import TakeoffStudies

@Suite("Scenario validation")
struct ScenarioValidationTests {
    func error(_ text: String, overrides: [String] = []) -> ScenarioError? {
        do {
            _ = try ScenarioLoader.parse(text: text, file: "test.toml", overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    @Test("each reason names its key path (and line)", arguments: [
        ("[parameters]\nhardwareDoublingYear = 2.5\n", ScenarioError.Reason.unknownKey, "parameters.hardwareDoublingYear", 6),
        ("[parameters]\nhardwareDoublingYears = \"fast\"\n", .wrongType, "parameters.hardwareDoublingYears", 6),
        ("[parameters]\nhardwareDoublingYears = -1.0\n", .outOfRange, "parameters.hardwareDoublingYears", 6),
        ("[parameters]\nutilization = 1.5\n", .outOfRange, "parameters.utilization", 6),
        ("[parameters]\nutilization = nan\n", .outOfRange, "parameters.utilization", 6),
        ("[parameters]\ncomputeSpending = inf\n", .outOfRange, "parameters.computeSpending", 6),
        ("[solver]\nstepper = \"euler\"\n", .outOfRange, "solver.stepper", 6),
        ("[solver]\nmaxSteps = 1.5\n", .wrongType, "solver.maxSteps", 6),
        ("[solver]\nrelativeTolerance = [1e-8]\n", .outOfRange, "solver.relativeTolerance", 6),
        ("[events]\ntrainingRunThresholds = [1e26, -1.0]\n", .outOfRange, "events.trainingRunThresholds[1]", 6),
        ("[initial]\nsoftwareEfficiencies = 1.0\n", .unknownKey, "initial.softwareEfficiencies", 6),
        ("[report]\ncolour = \"red\"\n", .unknownKey, "report.colour", 6),
        ("[expect]\nhumanLevelYear = { value = 1.0, abs = 1.0 }\n", .unknownKey, "expect.humanLevelYear", 6),
    ])
    func reasons(extra: String, reason: ScenarioError.Reason, keyPath: String, line: Int) throws {
        let e = try #require(error(scenarioText(extra)))
        #expect(e.reason == reason)
        #expect(e.keyPath == keyPath)
        #expect(e.line == line, "\(e)")
        #expect(e.file == "test.toml")
        #expect(e.description.contains(keyPath))
    }

    @Test("file-level problems")
    func fileLevel() throws {
        #expect(error("")?.reason == .emptyFile)
        #expect(error("  \n# only a comment\n")?.reason == .malformed || error("  \n\n")?.reason == .emptyFile)
        let malformed = try #require(error("model = \"compute-growth\"\n[time\nstart = 1\n"))
        #expect(malformed.reason == .malformed)
        #expect(malformed.line == 2)
        #expect(error("model = \"nope\"\n[time]\nstart = 1.0\nend = 2.0\n")?.reason == .unknownModel)
        #expect(error("[time]\nstart = 1.0\nend = 2.0\n")?.reason == .missingKey)
        let topLevel = try #require(error("colour = \"red\"\n" + scenarioText()))
        #expect(topLevel.reason == .unknownKey && topLevel.keyPath == "colour" && topLevel.line == 1)
        #expect(error(scenarioText(time: "[time]\nstart = 2025.0\n"))?.keyPath == "time.end")
        #expect(error(scenarioText(time: "[time]\nstart = 2025.0\nend = 2025.0\n"))?.reason == .outOfRange)
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/scenario.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason == .missingFile)
            #expect(error.file == "/nonexistent/scenario.toml")
        }
    }

    @Test("omitted parameters take the documented defaults")
    func defaults() throws {
        let scenario = try ScenarioLoader.parse(text: scenarioText(), file: "t.toml")
        for p in scenario.model.parameters { #expect(scenario.inputs.parameters[p.name] == p.defaultValue) }
        #expect(scenario.solver == SolverOptions())
    }

    @Test("--set overrides the file, the last one wins, and errors point at --set")
    func overrides() throws {
        let text = scenarioText("[parameters]\nhardwareDoublingYears = 2.0\n")
        let a = try ScenarioLoader.parse(text: text, file: "t.toml", overrides: ["parameters.hardwareDoublingYears=3"])
        #expect(a.inputs.parameters["hardwareDoublingYears"] == 3)
        let b = try ScenarioLoader.parse(text: text, file: "t.toml",
                                         overrides: ["parameters.hardwareDoublingYears=3", "parameters.hardwareDoublingYears=4.5"])
        #expect(b.inputs.parameters["hardwareDoublingYears"] == 4.5)
        let c = try ScenarioLoader.parse(text: text, file: "t.toml", overrides: ["solver.stepper=msadams", "time.end=2030"])
        #expect(c.solver.stepper == .msadams)
        #expect(c.inputs.end == 2030)
        let bad = try #require(error(text, overrides: ["parameters.hardwareDoublingYears=-2"]))
        #expect(bad.file == "--set" && bad.keyPath == "parameters.hardwareDoublingYears" && bad.reason == .outOfRange)
        #expect(error(text, overrides: ["parameters.nope=1"])?.reason == .unknownKey)
        #expect(error(text, overrides: ["noequals"])?.reason == .invalidOverride)
        #expect(error(text, overrides: ["model.x=1"])?.reason == .invalidOverride)
    }

    @Test("every file in Models/ loads and runs to a result")
    func shippedScenarios() throws {
        let folder = packageRoot.appendingPathComponent("Models")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".toml") && !$0.hasSuffix(".fit.toml") }
        #expect(!files.isEmpty)
        for name in files {
            let scenario = try ScenarioLoader.load(path: folder.appendingPathComponent(name).path)
            let run = try scenario.run()
            #expect(run.status.isResult, "\(name): \(run.status) \(run.message ?? "")")
        }
    }
}
