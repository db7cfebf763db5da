import ArgumentParser
import TakeoffIO
import TakeoffStudies
import TakeoffSampling
import Foundation

/// `takeoff`: numerical models of AI takeoff dynamics.
///
/// Exit codes (README, "Command line"): 0 success (including termination by an event and a
/// finite-time singularity, which are results); 1 `verify` found a failing expectation or none;
/// 2 numerical failure (max steps, non-finite state, model failure), with the partial CSV still
/// written and the status in the JSON; 64 usage or validation error (message on stderr, nothing
/// on stdout, nothing written); 69 `cluster slurm --submit` cannot run `sbatch`; 74 an output
/// file cannot be written.
@main
struct Takeoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takeoff",
        abstract: "Numerical models of AI takeoff dynamics on GSL.",
        version: RunReport.version,
        subcommands: [RunCommand.self, SampleCommand.self, SweepCommand.self, SensitivityCommand.self, MergeCommand.self, FitCommand.self, VerifyCommand.self, ClusterCommand.self,
                      ModelsCommand.self, ValidateCommand.self, ExplainCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Prints a scenario error and exits 64.
func fail(_ error: ScenarioError) -> ExitCode {
    // An equation error is already compiler-style: `file:line:column: error[E102]: …`.
    printError(error.reason == .invalidEquation ? error.description : "error: \(error)")
    return ExitCode(64)
}

func printError(_ text: String) {
    var stream = StandardError()
    print(text, to: &stream)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.standardError(string)
    }
}

/// Fails with 64 before any work when an output file or folder cannot be written.
func checkOutput(file: String? = nil, folder: String? = nil) throws {
    do {
        if let file { try AtomicFile.prepare(file: file) }
        if let folder { try AtomicFile.prepare(folder: folder) }
    } catch {
        printError("error: \(error)")
        throw ExitCode(64)
    }
}

/// A `--set parameters.X=…` on a parameter that `[uncertainty]` draws would be overwritten by
/// every draw, silently: refused (exit 64) by every study command.
func refuseDrawnOverrides(_ loaded: Scenario) throws {
    let drawn = Set(loaded.uncertainty?.parameters.map(\.name) ?? [])
    for name in overriddenParameters(loaded) where drawn.contains(name) {
        printError("error: --set parameters.\(name): the parameter is drawn in [uncertainty.\(name)], so every run would overwrite it; remove it from [uncertainty] to fix it at a value, or drop the --set")
        throw ExitCode(64)
    }
}

/// The parameters that `--set parameters.X=…` overrides, in order.
func overriddenParameters(_ loaded: Scenario) -> [String] {
    loaded.overrides.compactMap { override in
        let key = override.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return key.hasPrefix("parameters.") ? String(key.dropFirst("parameters.".count)) : nil
    }
}

/// `--probability` expressions parsed, each naming a metric the scenario's model declares.
func checkedProbabilities(_ texts: [String], _ loaded: Scenario) throws -> [ProbabilityQuery] {
    let queries = try texts.map { text -> ProbabilityQuery in
        guard let q = ProbabilityQuery(text) else {
            printError("error: --probability '\(text)': expected metric<value, metric<=value, metric>value or metric>=value")
            throw ExitCode(64)
        }
        return q
    }
    guard !queries.isEmpty else { return [] }
    let metrics = loaded.declaredNames.metrics
    for (text, q) in zip(texts, queries) where !metrics.contains(q.metric) {
        printError("error: --probability '\(text)': '\(q.metric)' is not a metric of model '\(loaded.model.id)': expected one of \(metrics.joined(separator: ", "))")
        throw ExitCode(64)
    }
    return queries
}

/// `--bands v1,v2`: columns of the model, on a save grid.
func checkedBands(_ bands: String?, _ loaded: Scenario, scenario: String) throws -> [String] {
    guard let bands else { return [] }
    let names = bands.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
    if names.contains(where: \.isEmpty) {
        printError("error: --bands '\(bands)': expected column names separated by commas, e.g. --bands numberOfAIs,capability")
        throw ExitCode(64)
    }
    guard case .every = loaded.solver.save else {
        printError("error: \(scenario): --bands needs a save grid; set time.saveEvery")
        throw ExitCode(64)
    }
    let columns = loaded.declaredNames.columns
    for name in names where !columns.contains(name) {
        printError("error: --bands: '\(name)' is not a column of model '\(loaded.model.id)': expected one of \(columns.joined(separator: ", "))")
        throw ExitCode(64)
    }
    return names
}

/// Refuses a count that must be a positive integer (`--runs 0`, `--runs -5`).
func requirePositive(_ value: Int, _ flag: String) throws {
    guard value >= 1 else {
        printError("error: \(flag) must be a positive integer, got \(value)")
        throw ExitCode(64)
    }
}

/// `--metric NAME`: a metric the scenario's model declares.
func checkedMetric(_ metric: String, _ loaded: Scenario) throws {
    let metrics = loaded.declaredNames.metrics
    guard metrics.contains(metric) else {
        printError("error: --metric '\(metric)': '\(metric)' is not a metric of model '\(loaded.model.id)': expected one of \(metrics.joined(separator: ", "))")
        throw ExitCode(64)
    }
}
