import Foundation
import SwiftCSV
import Testing
import TakeoffCore
@testable import TakeoffIO
@testable import TakeoffStudies
import TakeoffModels

@Suite("CSV, metadata and atomic writes")
struct OutputTests {
    func run(_ extra: String = "[time]\nstart = 2025.0\nend = 2030.0\nsaveEvery = 0.5\n") throws -> RunReport {
        let scenario = try ScenarioLoader.parse(text: "model = \"compute-growth\"\n" + extra, file: "t.toml")
        return RunReport(scenario: scenario, run: try scenario.run())
    }

    @Test("CSV round trip through a CSV library, bit for bit, non-finite values included")
    func roundTrip() throws {
        var report = try run()
        var modified = report.run
        modified.values[1] = .nan
        modified.values[2] = .infinity
        modified.values[3] = -.infinity
        report = RunReport(scenario: report.scenario, run: modified)
        let text = CSVWriter.csv(report.run)
        let csv = try CSV<Named>(string: text)
        #expect(csv.header == ["year"] + report.run.columns)
        #expect(csv.rows.count == report.run.years.count)
        for (i, row) in csv.rows.enumerated() {
            #expect(Double(row["year"]!)!.bitPattern == report.run.years[i].bitPattern)
            for (j, name) in report.run.columns.enumerated() {
                let original = report.run.values[i * report.run.columns.count + j]
                let back = try #require(Double(row[name]!))
                #expect(back.bitPattern == original.bitPattern || (back.isNaN && original.isNaN), "\(name) row \(i)")
            }
        }
        #expect(text.contains(",nan,inf,-inf,") || text.contains("nan,inf,-inf"))
        #expect(text.hasPrefix("year,installedHardware,softwareEfficiency,spending,"))
    }

    @Test("long format has year,variable,value")
    func longFormat() throws {
        let report = try run()
        let csv = try CSV<Named>(string: CSVWriter.csv(report.run, format: .long))
        #expect(csv.header == ["year", "variable", "value"])
        #expect(csv.rows.count == report.run.years.count * report.run.columns.count)
    }

    @Test("the metadata sidecar reproduces the run byte for byte")
    func metadataReproduces() throws {
        let report = try run()
        let meta = report.metadata(csvPath: "out.csv", format: .wide)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(meta.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "success")
        #expect(object["version"] as? String == RunReport.version)
        let columns = try #require(object["columns"] as? [[String: String]])
        #expect(columns.map { $0["name"]! } == ["year"] + report.run.columns)
        #expect(columns.allSatisfy { !($0["unit"] ?? "").isEmpty })
        let toml = try #require(object["resolvedScenarioTOML"] as? String)
        let again = try ScenarioLoader.parse(text: toml, file: "meta")
        #expect(again.inputs == report.scenario.inputs)
        #expect(again.solver == report.scenario.solver)
        #expect(CSVWriter.csv(try again.run()) == CSVWriter.csv(report.run))
    }

    @Test("a failed write leaves the previous file intact; the sidecar path is <stem>.meta.json")
    func atomicWrite() throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("run.csv").path
        try AtomicFile.write("good\n", to: path)
        // Writing into a path whose folder cannot be created fails before touching the old file.
        let blocker = folder.appendingPathComponent("file").path
        try AtomicFile.write("x", to: blocker)
        #expect(throws: (any Error).self) { try AtomicFile.write("new", to: blocker + "/sub/run.csv") }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "good\n")
        try AtomicFile.write("better\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "better\n")
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["file", "run.csv"])
        #expect(AtomicFile.metadataPath(forCSV: "out/a.csv") == "out/a.meta.json")
    }
}
