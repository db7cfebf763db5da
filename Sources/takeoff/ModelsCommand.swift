import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies
import TakeoffModels

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the built-in models with their parameters, defaults, units, meanings and sources.")

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        if json {
            print(ModelCatalog.json, terminator: "")
        } else {
            print(ModelCatalog.text, terminator: "")
        }
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
