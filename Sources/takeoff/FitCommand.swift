import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit a trend or a model's parameters to data (Levenberg–Marquardt on GSL); print estimates, errors, intervals.")

    @Argument(help: "Fit file (TOML).")
    var file: String

    @Option(help: ArgumentHelp("Write data, fitted curve, 90% band and residuals as CSV.", valueName: "path"))
    var csv: String?

    @Flag(help: "Print one JSON object (metrics = estimates and derived quantities; standardErrors; intervals90).")
    var json = false

    @Option(name: .customLong("write-scenario"), help: ArgumentHelp("Write a scenario with the fitted values and their uncertainty (model fits).", valueName: "out.toml"))
    var writeScenario: String?

    func run() throws {
        let fit: FitFile
        do { fit = try FitFile.load(path: file) } catch { throw fail(error) }
        if writeScenario != nil, case .trend = fit.kind {
            printError("error: --write-scenario: \(file) fits a trend, not a model; there is no scenario to write")
            throw ExitCode(64)
        }
        try checkOutput(file: csv)
        try checkOutput(file: writeScenario)
        let report = FitReport.run(fit)
        do {
            if let csv { try AtomicFile.write(report.csv, to: csv) }
            if let writeScenario, report.result.isConverged, let text = report.scenarioText() {
                try AtomicFile.write(text, to: writeScenario)
            }
        } catch {
            printError("error: cannot write: \(error.localizedDescription)")
            throw ExitCode(74)
        }
        if json {
            print(RunReport.serialize(report.jsonObject, pretty: false), terminator: "")
        } else {
            print(report.summary, terminator: "")
        }
        if !report.result.isConverged { throw ExitCode(2) }
    }
}
