import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
import TakeoffModels
import TakeoffStudies

/// A growth model whose tables the error tests below break one at a time.
private let growth = """
    [parameters]
    growth = { value = 0.5, unit = "1/year", meaning = "rate", source = "test", min = 0, max = 2 }
    [states]
    x = 1.0
    [derivatives]
    x = "growth * x"
    [events.big]
    when = "x - 10"
    [metrics]
    bigYear = "big"
    """

private func refusal(_ text: String, overrides: [String] = []) -> ScenarioError? {
    do {
        _ = try ScenarioLoader.parse(text: text, file: "model.toml", overrides: overrides)
        return nil
    } catch {
        return error
    }
}

@Suite("Equation model files: errors located, overrides, studies")
struct EquationFileTests {
    /// Each broken file is refused with its code and with the line and column of the offending
    /// character of the file (line 15 is `x = "…"` under `[derivatives]`; column 6 is the first
    /// character inside the quotes).
    @Test("every expression error class is located in the file with its code and a caret", arguments: [
        ("x = \"growht * x\"", "E102", "model.toml:15:6", "did you mean 'growth'"),
        ("x = \"growth * (x\"", "E101", "model.toml:15:17", "expected ')' to close the '(' at character 10"),
        ("x = \"max(x)\"", "E103", "model.toml:15:6", "'max' takes at least 2 arguments"),
        ("x = \"if(x, 1, 2)\"", "E108", "model.toml:15:9", "expected a boolean"),
        ("x = \"x@big\"", "E101", "model.toml:15:7", "only for metrics"),
    ])
    func locatedErrors(derivative: String, code: String, location: String, fragment: String) throws {
        let text = equationFile(growth.replacingOccurrences(of: "x = \"growth * x\"", with: derivative))
        let error = try #require(refusal(text))
        #expect(error.reason == .invalidEquation && error.code == code, "\(error)")
        #expect(error.description.contains(location), "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
        #expect(error.description.contains("^"), "a caret under the offending character: \(error)")
    }

    @Test("structural errors: a state without a derivative, an auxiliary cycle naming it, a boolean event, a bad target")
    func structuralErrors() throws {
        let noDerivative = equationFile(growth.replacingOccurrences(of: "x = 1.0", with: "x = 1.0\nw = 2.0"))
        #expect(refusal(noDerivative)?.code == "E105")
        let stray = equationFile(growth.replacingOccurrences(of: "x = \"growth * x\"", with: "x = \"growth * x\"\ny = \"1\""))
        let strayError = try #require(refusal(stray))
        #expect(strayError.code == "E106" && strayError.description.hasPrefix("model.toml:16:6: error[E106]")
                && strayError.description.contains("did you mean 'x'"), "\(strayError)")
        let cycle = equationFile(growth + "\n[auxiliaries]\na = \"b + 1\"\nb = \"c * 2\"\nc = \"a\"\n")
        let cycleError = try #require(refusal(cycle))
        #expect(cycleError.code == "E104" && cycleError.description.contains("a → b → c → a")
                || cycleError.description.contains("a -> b -> c -> a"), "\(cycleError)")
        let boolean = equationFile(growth.replacingOccurrences(of: "when = \"x - 10\"", with: "when = \"x > 10\""))
        #expect(refusal(boolean)?.code == "E108")
        let target = equationFile(growth + "\n[events.reset]\nwhen = \"x - 5\"\nset = { t = \"0\" }\n")
        #expect(refusal(target)?.code == "E109")
        let event = equationFile(growth.replacingOccurrences(of: "bigYear = \"big\"", with: "bigYear = \"x@huge\""))
        #expect(refusal(event)?.code == "E110")
        let delay = equationFile(growth.replacingOccurrences(of: "x = \"growth * x\"", with: "x = \"delay(x, x)\""))
        #expect(refusal(delay)?.code == "E111")
    }

    @Test("table errors name the key path: a bad direction, an unknown action, an unknown field")
    func tableErrors() throws {
        let direction = equationFile(growth.replacingOccurrences(of: "when = \"x - 10\"", with: "when = \"x - 10\"\ndirection = \"up\""))
        let d = try #require(refusal(direction))
        #expect(d.keyPath == "events.big.direction" && d.message.contains("rising"), "\(d)")
        let action = equationFile(growth.replacingOccurrences(of: "when = \"x - 10\"", with: "when = \"x - 10\"\naction = \"explode\""))
        let a = try #require(refusal(action))
        #expect(a.keyPath == "events.big.action" && a.message.contains("record"), "\(a)")
        let field = equationFile(growth.replacingOccurrences(of: "source = \"test\"", with: "sourse = \"test\""))
        let f = try #require(refusal(field))
        #expect(f.keyPath?.hasPrefix("parameters.growth") == true, "\(f)")
    }

    @Test("--set changes parameters and initial values like a built-in model's; the equations themselves are refused")
    func overrides() throws {
        let text = equationFile(growth)
        let base = try runEquations(text)
        let faster = try runEquations(text, overrides: ["parameters.growth=1.0"])
        #expect(abs(try #require(faster.metric("bigYear")) - log(10)) < 1e-9)
        #expect(abs(try #require(base.metric("bigYear")) - log(10) / 0.5) < 1e-9)
        let started = try runEquations(text, overrides: ["initial.x=2"])
        #expect(abs(try #require(started.metric("bigYear")) - log(5) / 0.5) < 1e-9)
        for path in ["derivatives.x=\"x\"", "metrics.bigYear=\"1\"", "events.big.when=\"x\""] {
            let error = try #require(refusal(text, overrides: [path]))
            #expect(error.reason == .invalidOverride, "\(path): \(error)")
        }
        #expect(refusal(text, overrides: ["parameters.growth=5"])?.reason == .outOfRange, "max = 2 is honoured")
        #expect(refusal(text, overrides: ["parameters.growht=1"])?.reason == .unknownKey)
    }

    /// The same equations in Swift (`feedback`) and in a file (`feedback-equations`): metrics
    /// agree at the defaults and under the same `--set`, which also checks that the names match.
    @Test("Models/feedback-equations.toml reproduces the built-in feedback model", arguments: [
        [String](), ["parameters.parallelReturns=0.5"], ["parameters.capabilityExponent=0.6", "parameters.researchExponent=0.3"], ["parameters.humanLevelCompute=1e30"],
    ])
    func feedbackTwin(overrides: [String]) throws {
        let root = packageRoot.appendingPathComponent("Models").path
        let swift = try ScenarioLoader.load(path: root + "/feedback.toml", overrides: overrides).run()
        let file = try ScenarioLoader.load(path: root + "/feedback-equations.toml", overrides: overrides).run()
        #expect(swift.status == file.status)
        for name in ["humanLevelYear", "beyondYear", "countShare", "researchMultiplierAtHumanLevel"] {
            let a = swift.metric(name), b = file.metric(name)
            #expect((a == nil) == (b == nil), "\(name) reached in one and not the other")
            if let a, let b { #expect(abs(b / a - 1) < 1e-8, "\(name): \(a) (Swift) against \(b) (file)") }
        }
    }

    /// The twin declares the Swift model's parameters with the same defaults and admissible
    /// values, so a `--set` or an `[uncertainty]` table means the same in both.
    @Test("Models/feedback-equations.toml declares the feedback model's parameters, defaults and bounds")
    func feedbackTwinParameters() throws {
        let root = packageRoot.appendingPathComponent("Models").path
        let swift = try ScenarioLoader.load(path: root + "/feedback.toml").model.parameters
        let file = try ScenarioLoader.load(path: root + "/feedback-equations.toml").model.parameters
        let byName = Dictionary(uniqueKeysWithValues: file.map { ($0.name, $0) })
        // physicalComputeGrowthPerYear belongs to the exogenous-compute option the file does not model.
        for p in swift where p.name != "physicalComputeGrowthPerYear" {
            let twin = try #require(byName[p.name], "\(p.name) is missing")
            #expect(twin.defaultValue == p.defaultValue, "\(p.name)")
            // The same admissible values at the boundaries the Swift model checks.
            for probe in [-1.0, 0, 0.5, 1, 2, 1e30] where p.constraint.admits(probe) {
                #expect(twin.constraint.admits(probe), "\(p.name) = \(probe) is admitted by the Swift model only")
            }
        }
    }

    @Test("a study of an equation file is byte-identical for 1 and 2 threads")
    func studyAcrossThreads() throws {
        let text = equationFile(growth + """

            [uncertainty.growth]
            distribution = "uniform"
            min = 0.2
            max = 1.5
            """)
        let scenario = try ScenarioLoader.parse(text: text, file: "model.toml")
        var outputs: [[String: Data]] = []
        for threads in [1, 2] {
            let options = SampleOptions(runs: 300, seed: 11, threads: threads)
            let study = SampleStudy(scenario: scenario, options: options)
            let folder = try temporaryFolder().path
            let sink = try study.makeStream(folder: folder)
            try study.stream(into: sink)
            try sink.finish(metadata: StudyWriter.metadata(scenario, options), options: options)
            outputs.append(try StreamingStudyTests.files(folder))
        }
        #expect(outputs[0] == outputs[1])
        let runs = try #require(outputs[0]["runs.csv"].flatMap { String(data: $0, encoding: .utf8) })
        // Each draw's bigYear is ln(10)/growth: an independent check of the 300 runs.
        let lines = runs.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0].map(String.init)
        let g = try #require(header.firstIndex(of: "growth")), y = try #require(header.firstIndex(of: "bigYear"))
        for row in lines.dropFirst() where !row.isEmpty {
            let growth = try #require(Double(row[g]))
            if growth * 10 < log(10) { #expect(row[y].isEmpty, "x = 10 is not reached in 10 years"); continue }
            let year = try #require(Double(row[y]))
            #expect(abs(year - log(10) / growth) < 1e-8)
        }
    }
}

@Suite("Equation models on the command line")
struct EquationCLITests {
    @Test("explain CODE prints the explanation and an example; an unknown code exits 64")
    func explain() throws {
        let known = try takeoff(["explain", "e104"])
        #expect(known.status == 0 && known.stdout.hasPrefix("E104: Auxiliaries depend on each other in a cycle"))
        let unknown = try takeoff(["explain", "E999"])
        #expect(unknown.status == 64 && unknown.stdout.isEmpty && unknown.stderr.contains("E101, E102"))
    }

    @Test("a located error exits 64 with the compiler-style message; models FILE describes the file's model")
    func errorsAndModels() throws {
        let folder = try temporaryFolder()
        let bad = folder.appendingPathComponent("bad.toml")
        try equationFile(growth.replacingOccurrences(of: "growth * x", with: "growht * x"))
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try takeoff(["run", bad.path])
        #expect(refused.status == 64 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("bad.toml:15:6: error[E102]: unknown name 'growht'; did you mean 'growth'?"))
        #expect(refused.stderr.hasPrefix(bad.path + ":15:6: error[E102]"), "one compiler-style prefix: \(refused.stderr)")
        #expect(refused.stderr.contains("^"), "\(refused.stderr)")
        let described = try takeoff(["models", "Models/frontier-compute-equations.toml", "--json"])
        #expect(described.status == 0, "\(described.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(described.stdout.utf8)) as? [String: Any])
        let model = try #require((object["models"] as? [[String: Any]])?.first)
        #expect(model["id"] as? String == "equations")
        let parameters = try #require(model["parameters"] as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["growthRate", "logLevel"])
        #expect(parameters.first?["constraint"] as? String == "[0.0, 5.0]" && parameters.first?["unit"] as? String == "1/year")
    }
}
