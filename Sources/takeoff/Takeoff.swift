import ArgumentParser
import TakeoffIO

/// `takeoff`: numerical models of AI takeoff dynamics.
///
/// Exit codes: 0 success (including termination by an event and a finite-time singularity,
/// which are results); 64 usage or validation error (message on stderr, nothing on stdout,
/// nothing written); 2 numerical failure (max steps, non-finite state, model failure), with the
/// partial CSV still written and the status in the JSON.
@main
struct Takeoff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "takeoff",
        abstract: "Numerical models of AI takeoff dynamics on GSL.",
        version: RunReport.version,
        subcommands: [RunCommand.self, SampleCommand.self, SweepCommand.self, SensitivityCommand.self, MergeCommand.self, FitCommand.self, VerifyCommand.self, ClusterCommand.self,
                      ModelsCommand.self, ValidateCommand.self],
        defaultSubcommand: RunCommand.self)
}

/// Prints a scenario error and exits 64.
func fail(_ error: ScenarioError) -> ExitCode {
    printError("error: \(error)")
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
