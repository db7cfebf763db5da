import ArgumentParser
import Foundation
import TakeoffIO
import TakeoffStudies

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run files with [expect] tables and compare results with the pinned numbers (exit 0 all pass, 1 any fails or none found, 64 invalid).")

    @Argument(help: "Scenario and fit files (default: every .toml file in Models/).")
    var paths: [String] = []

    @Flag(help: "Print one JSON object.")
    var json = false

    @Flag(help: "Rewrite the expected values in place from the current results (comments and tolerances kept) and print what changed.")
    var update = false

    @Option(help: ArgumentHelp("Write each file's result CSVs into this folder.", valueName: "dir"))
    var record: String?

    @Flag(help: "Exit 0 when no file has an [expect] table (without it that is exit 1: a check that checked nothing).")
    var allowEmpty = false

    @Option(parsing: .unconditional, help: "Worker threads for sample expectations (default: all cores; at least 1). Results do not depend on it.")
    var threads: Int?

    func run() throws {
        if let threads, threads < 1 {
            printError("error: --threads \(threads): expected a whole number of at least 1")
            throw ExitCode(64)
        }
        let files = paths.isEmpty ? Verifier.defaultFiles(in: "Models") : paths
        try checkOutput(folder: record)
        var verdicts: [Verdict] = []
        var changes: [String] = []
        for file in files {
            let result: (verdicts: [Verdict], records: [String: String])
            do {
                result = try Verifier.verify(path: file, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            } catch {
                throw fail(error)
            }
            verdicts += result.verdicts
            do {
                if let record, !result.records.isEmpty {
                    let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                    for (name, text) in result.records { try AtomicFile.write(text, to: "\(record)/\(stem)/\(name)") }
                }
                if update {
                    var updates: [String: Double] = [:]
                    for v in result.verdicts where !v.passed || v.got != v.expected {
                        guard let got = v.got, got.isFinite else { continue }
                        updates[v.quantity] = got
                        changes.append("\(file): \(v.quantity): \(CSVWriter.number(v.expected)) -> \(CSVWriter.number(got))")
                    }
                    if !updates.isEmpty {
                        let text = try String(contentsOfFile: file, encoding: .utf8)
                        try AtomicFile.write(Verifier.updated(text, updates), to: file)
                    }
                }
            } catch {
                printError("error: cannot write: \(error.localizedDescription)")
                throw ExitCode(74)
            }
        }
        let failed = verdicts.filter { !$0.passed }.count
        if json {
            let rows: [[String: Any]] = verdicts.map {
                ["file": $0.file, "quantity": $0.quantity, "expected": $0.expected, "got": RunReport.jsonNumber($0.got),
                 "difference": RunReport.jsonNumber($0.difference), "tolerance": $0.tolerance, "passed": $0.passed]
            }
            let status = failed > 0 ? "failed" : verdicts.isEmpty && !allowEmpty ? "noExpectations" : "passed"
            print(RunReport.serialize(["status": status, "checked": verdicts.count, "failed": failed,
                                       "verdicts": rows, "updated": changes], pretty: false), terminator: "")
        } else {
            let header = ["file", "quantity", "expected", "got", "difference", "tolerance", "result"]
            var table = [header]
            for v in verdicts {
                table.append([v.file, v.quantity, String(format: "%.10g", v.expected), v.got.map { String(format: "%.10g", $0) } ?? "missing",
                              v.difference.map { String(format: "%.3g", $0) } ?? "", String(format: "%.3g", v.tolerance),
                              v.passed ? "pass" : "FAIL"])
            }
            let widths = (0..<header.count).map { c in table.map { $0[c].count }.max() ?? 0 }
            for row in table {
                print(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            }
            print("\(verdicts.count) expectations in \(files.count) files: \(verdicts.count - failed) passed, \(failed) failed")
            for change in changes { print("updated \(change)") }
        }
        if failed > 0 && !update { throw ExitCode(1) }
        if verdicts.isEmpty && !allowEmpty {
            let found = files.isEmpty ? "no expectations found: no files to verify (no .toml file in Models/ and no paths given)"
                : "no expectations found in \(files.count) files (no [expect] tables)"
            printError("error: \(found); nothing was checked. Pass --allow-empty to accept that")
            throw ExitCode(1)
        }
    }
}
