import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies
import TakeoffModels
import TakeoffEquations

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the built-in models (or the models of scenario files, equation models included) with their parameters, defaults, units, meanings and sources.")

    @Argument(help: "Scenario files whose model to describe (default: every built-in model).")
    var files: [String] = []

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        var specs = ModelRegistry.all
        if !files.isEmpty {
            do { specs = try files.map { path throws(ScenarioError) in try ScenarioLoader.load(path: path).model } } catch {
                throw fail(error)
            }
        }
        print(json ? ModelCatalog.json(specs) : ModelCatalog.text(specs), terminator: "")
    }
}

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file (and --set overrides), or a fit file (*.fit.toml), without running it.")

    @Argument(help: "Scenario file (TOML).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key (repeatable).", valueName: "key.path=value"))
    var overrides: [String] = []

    func run() throws {
        do {
            if scenario.hasSuffix(".fit.toml") {
                let fit = try FitFile.load(path: scenario)
                print("\(scenario): valid fit file (\(fit.x.count) data points)")
                return
            }
            let loaded = try ScenarioLoader.load(path: scenario, overrides: overrides)
            print("\(scenario): valid (model \(loaded.model.id), \(loaded.inputs.start) to \(loaded.inputs.end))")
        } catch {
            throw fail(error)
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an equation-model error code (E101…), with an example and its fix.")

    @Argument(help: "The code, e.g. E102 (case-insensitive); omitted: list every code.")
    var code: String?

    func run() throws {
        guard let code else {
            for c in ErrorCode.allCases { print("\(c.rawValue)  \(c.explanation)") }
            return
        }
        guard let known = ErrorCode(rawValue: code.uppercased()) else {
            printError("error: unknown error code '\(code)'; expected one of \(ErrorCode.allCases.map(\.rawValue).joined(separator: ", "))")
            throw ExitCode(64)
        }
        print("\(known.rawValue): \(known.explanation)")
        print("  raises it:  \(known.example.wrong)")
        print("  fixes it:   \(known.example.right)")
    }
}
