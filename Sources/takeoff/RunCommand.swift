import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario: print a summary (or JSON), optionally write the trajectory as CSV.")

    @Argument(help: "Scenario file (TOML). Default: Models/compute-growth.toml.")
    var scenario: String = "Models/compute-growth.toml"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a scenario key, e.g. parameters.hardwareDoublingYears=3 (repeatable; the last one wins).", valueName: "key.path=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Write the trajectory as CSV to this path (- for stdout), with a <name>.meta.json sidecar.", valueName: "path"))
    var csv: String?

    @Option(help: "CSV layout: wide (one column per variable) or long (year,variable,value).")
    var format: String = "wide"

    @Option(name: .customLong("save-every"), parsing: .unconditional, help: ArgumentHelp("Save every this many years (overrides time.saveEvery).", valueName: "years"))
    var saveEvery: Double?

    @Flag(help: "Print one JSON object instead of the summary.")
    var json = false

    @Flag(help: "List every event in the summary (a list longer than 20 is folded otherwise).")
    var allEvents = false

    func run() throws {
        guard let layout = CSVFormat(rawValue: format) else {
            printError("error: --format: unknown layout '\(format)'; expected wide or long")
            throw ExitCode(64)
        }
        var sets = overrides
        if let saveEvery { sets.append("time.saveEvery=\(saveEvery)") }
        let loaded: Scenario
        do {
            loaded = try ScenarioLoader.load(path: scenario, overrides: sets)
        } catch {
            throw fail(error)
        }
        if csv == "-" && json {
            printError("error: --csv - and --json both write to stdout; choose one")
            throw ExitCode(64)
        }
        try checkOutput(file: csv)
        let result: ModelRunResult
        do {
            result = ModelRunResult(report: RunReport(scenario: loaded, run: try loaded.run()))
        } catch {
            printError("error: \(scenario): \(error)")
            throw ExitCode(64)
        }
        let report = result.report
        if let csv {
            do {
                try AtomicFile.write(CSVWriter.csv(report.run, format: layout), to: csv)
                if csv != "-" {
                    try AtomicFile.write(report.metadata(csvPath: csv, format: layout), to: AtomicFile.metadataPath(forCSV: csv))
                }
            } catch {
                printError("error: cannot write \(csv): \(error.localizedDescription)")
                throw ExitCode(74)
            }
        }
        if json {
            print(report.json, terminator: "")
        } else if csv != "-" {
            print(report.summary(allEvents: allEvents), terminator: "")
        }
        if !report.run.status.isResult { throw ExitCode(2) }
    }
}

/// Keeps the report of a finished run.
struct ModelRunResult {
    let report: RunReport
}
