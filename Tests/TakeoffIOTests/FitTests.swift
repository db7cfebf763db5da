import Foundation
import Testing
import TakeoffCore
import TakeoffFitting
import TakeoffGSL
@testable import TakeoffIO
@testable import TakeoffStudies
import TakeoffSampling

/// Writes `files` (name → text) into a fresh folder and returns its path.
func folder(with files: [String: String]) throws -> String {
    let url = try temporaryFolder()
    for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    return url.path
}

func fitPath(_ name: String) -> String { packageRoot.appendingPathComponent("Models/\(name)").path }

@Suite("Fitting")
struct FitTests {
    @Test("METR TH1.1 state of the art: doubling within 2% of 187.778 and 128.744 days")
    func metr() throws {
        for (file, published) in [("metr-horizon.fit.toml", 187.778), ("metr-horizon-2023.fit.toml", 128.744)] {
            let report = FitReport.run(try FitFile.load(path: fitPath(file)))
            #expect(report.result.isConverged)
            let days = try #require(report.derived.first { $0.name == "doublingTimeDays" }?.value)
            #expect(abs(days / published - 1) < 0.02, "\(file): \(days) days")
        }
    }

    @Test("frontier training compute since 2010 grows inside the published 4-5.7x per year")
    func frontier() throws {
        let report = FitReport.run(try FitFile.load(path: fitPath("frontier-compute.fit.toml")))
        let g = try #require(report.derived.first { $0.name == "growthFactorPerYear" }?.value)
        #expect(g >= 4 && g <= 5.7, "\(g)x/year")
        #expect(report.fit.x.count == 84)
    }

    @Test("standard errors of a log-linear fit equal the OLS closed form to 1e-6")
    func olsStandardErrors() throws {
        let report = FitReport.run(try FitFile.load(path: fitPath("frontier-compute.fit.toml")))
        let x = report.fit.x, ly = report.fit.y.map(log)
        let n = Double(x.count), x0 = report.reference
        let mx = x.reduce(0, +) / n, my = ly.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let b = zip(x, ly).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let a = my - b * (mx - x0)
        let ssr = zip(x, ly).reduce(0) { $0 + pow($1.1 - (a + b * ($1.0 - x0)), 2) }
        let s2 = ssr / (n - 2)
        let seB = (s2 / sxx).squareRoot(), seA = (s2 * (1 / n + (mx - x0) * (mx - x0) / sxx)).squareRoot()
        #expect(abs(report.result.estimates[1] / b - 1) < 1e-9)
        #expect(abs(report.result.standardErrors[1] / seB - 1) < 1e-6, "\(report.result.standardErrors[1]) vs \(seB)")
        #expect(abs(report.result.standardErrors[0] / seA - 1) < 1e-6)
    }

    @Test("synthetic recovery of a trend: within two standard errors")
    func syntheticTrend() throws {
        let stream = RandomStream(seed: 2024)
        let (lnA, g) = (3.0, 0.9)
        var csv = "name,date,value\n"
        for k in 0..<60 {
            let x = 2015 + Double(k) * 0.15
            let noise = 0.3 * SpecialFunctions.normalQuantile(stream.uniform())
            csv += "p\(k),\(x),\(exp(lnA + g * (x - 2019) + noise))\n"
        }
        let dir = try folder(with: ["data.csv": csv, "t.fit.toml": """
            kind = "trend"
            [data]
            file = "data.csv"
            x = "date"
            y = "value"
            [trend]
            form = "exponential"
            referenceYear = 2019.0
            """])
        let r = FitReport.run(try FitFile.load(path: dir + "/t.fit.toml")).result
        #expect(abs(r.estimates[0] - lnA) < 2 * r.standardErrors[0], "\(r.estimates[0]) ± \(r.standardErrors[0])")
        #expect(abs(r.estimates[1] - g) < 2 * r.standardErrors[1], "\(r.estimates[1]) ± \(r.standardErrors[1])")
    }

    @Test("synthetic recovery of an ODE model's parameters: within two standard errors")
    func syntheticModel() throws {
        let scenario = """
        model = "compute-growth"
        [time]
        start = 2010.0
        end = 2026.0
        [parameters]
        computeSpending = 1.0e9
        grossWorldProduct = 1.0e20
        spendingGrowthPerYear = 3.2
        largestRunShare = 2e-11
        """
        let truth = try ScenarioLoader.parse(text: scenario, file: "truth.toml")
        var options = truth.solver
        let times = (0..<40).map { 2010.5 + Double($0) * 0.375 }
        options.save = .at(times)
        let run = try truth.model.run(truth.inputs, options: options)
        let stream = RandomStream(seed: 7)
        var csv = "name,date,flop\n"
        for (k, value) in run.column("largestTrainingRun")!.enumerated() {
            csv += "m\(k),\(run.years[k]),\(value * exp(0.5 * SpecialFunctions.normalQuantile(stream.uniform())))\n"
        }
        let dir = try folder(with: ["data.csv": csv, "s.toml": scenario, "m.fit.toml": """
            kind = "model"
            scenario = "s.toml"
            [data]
            file = "data.csv"
            x = "date"
            y = "flop"
            [free.spendingGrowthPerYear]
            start = 2.0
            min = 1.0
            max = 10.0
            [free.largestRunShare]
            start = 1e-10
            min = 0.0
            max = 1.0
            [[match]]
            column = "largestTrainingRun"
            """])
        let report = FitReport.run(try FitFile.load(path: dir + "/m.fit.toml"))
        let r = report.result
        #expect(r.isConverged, "\(r.reason)")
        let growth = r.estimates[r.names.firstIndex(of: "spendingGrowthPerYear")!]
        let growthSE = r.standardErrors[r.names.firstIndex(of: "spendingGrowthPerYear")!]
        #expect(abs(growth - 3.2) < 2 * growthSE, "\(growth) ± \(growthSE)")
        let share = r.estimates[r.names.firstIndex(of: "largestRunShare")!]
        let shareSE = r.standardErrors[r.names.firstIndex(of: "largestRunShare")!]
        #expect(abs(share - 2e-11) < 2 * shareSE, "\(share) ± \(shareSE)")
        // The written scenario carries the fitted values and loads with its uncertainty.
        let text = try #require(report.scenarioText())
        let written = try ScenarioLoader.parse(text: text, file: "fitted.toml")
        #expect(written.inputs.parameters["spendingGrowthPerYear"] == growth)
        #expect(written.uncertainty?.parameters.count == 2)
        #expect(written.uncertainty?.copula != nil)
    }

    @Test("an ODE failure inside the fit is a status, not a crash")
    func modelFailure() throws {
        let dir = try folder(with: ["data.csv": "n,date,flop\na,2011,1e18\nb,2012,4e18\nc,2013,2e19\n",
                                    "s.toml": "model = \"compute-growth\"\n[time]\nstart = 2010.0\nend = 2014.0\n[solver]\nmaxSteps = 2\n",
                                    "m.fit.toml": "kind = \"model\"\nscenario = \"s.toml\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"flop\"\n[free.spendingGrowthPerYear]\nmin = 1.0\nmax = 9.0\n[[match]]\ncolumn = \"largestTrainingRun\"\n"])
        let report = FitReport.run(try FitFile.load(path: dir + "/m.fit.toml"))
        #expect(report.result.status == .modelFailure)
        #expect(report.result.reason.contains("maxStepsReached"))
    }

    @Test("input errors name the file, the key path or line, and exit 64", arguments: [
        ("kind = \"trend\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"nope\"\n[trend]\nform = \"exponential\"\n", "data.y", nil as Int?),
        ("kind = \"trend\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"value\"\n[[filters]]\ncolumn = \"date\"\nfrom = 2100.0\n[trend]\nform = \"exponential\"\n", "filters", nil),
        ("kind = \"model\"\nscenario = \"s.toml\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"value\"\n[free.notAParameter]\nstart = 1.0\n[[match]]\ncolumn = \"largestTrainingRun\"\n", "free.notAParameter", nil),
        ("kind = \"model\"\nscenario = \"s.toml\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"value\"\n[free.spendingGrowthPerYear]\nstart = 3.0\nmin = 4.0\nmax = 6.0\n[[match]]\ncolumn = \"largestTrainingRun\"\n", "free.spendingGrowthPerYear", nil),
        ("kind = \"trend\"\n[data]\nfile = \"bad.csv\"\nx = \"date\"\ny = \"value\"\n[trend]\nform = \"exponential\"\n", "date", 3),
    ])
    func errors(text: String, keyPath: String, line: Int?) throws {
        let dir = try folder(with: [
            "data.csv": "name,date,value\na,2020-01-01,1\nb,2021-01-01,2\nc,2022-01-01,4\n",
            "bad.csv": "name,date,value\na,2020-01-01,1\nb,2021-13-45,2\nc,2022-01-01,4\n",
            "s.toml": "model = \"compute-growth\"\n[time]\nstart = 2019.0\nend = 2023.0\n",
            "f.fit.toml": text,
        ])
        do {
            _ = try FitFile.load(path: dir + "/f.fit.toml")
            Issue.record("expected an error at \(keyPath)")
        } catch {
            #expect(error.keyPath == keyPath, "\(error)")
            if let line { #expect(error.line == line && error.file.hasSuffix("bad.csv"), "\(error)") }
        }
        let cli = try takeoff(["fit", dir + "/f.fit.toml"])
        #expect(cli.status == 64)
        #expect(cli.stdout.isEmpty)
    }

    @Test("every shipped fit file loads and converges")
    func shippedFits() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Models").path)
            .filter { $0.hasSuffix(".fit.toml") }
        #expect(names.count >= 5)
        for name in names {
            let report = FitReport.run(try FitFile.load(path: fitPath(name)))
            #expect(report.result.isConverged, "\(name): \(report.result.reason)")
            #expect(report.result.standardErrors.allSatisfy { $0.isFinite && $0 > 0 }, "\(name)")
        }
    }

    @Test("dates become decimal years as the data files define them")
    func dates() {
        #expect(DataTable.decimalYear("2024-01-01") == 2024)
        #expect(abs(DataTable.decimalYear("2023-07-02")! - (2023 + 182.0 / 365)) < 1e-12)
        #expect(abs(DataTable.decimalYear("2024-12-31")! - (2024 + 365.0 / 366)) < 1e-12)
        #expect(DataTable.decimalYear("2023-02-29") == nil)
    }
}
