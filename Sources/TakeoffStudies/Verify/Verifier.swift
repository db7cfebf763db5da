import TakeoffIO
import Foundation
import TakeoffCore
import TakeoffModels
import TakeoffSampling

/// One row of `takeoff verify`.
public struct Verdict: Sendable {
    public var file: String
    public var quantity: String
    public var expected: Double
    public var got: Double?
    public var tolerance: Double
    public var passed: Bool
    public var difference: Double? { got.map { $0 - expected } }
}

/// Runs files with `[expect]` tables and compares their results with the pinned values.
public enum Verifier {
    /// The files `takeoff verify` checks by default: every scenario and fit file in `folder`.
    public static func defaultFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { folder + "/" + $0 }
    }

    /// The verdicts of one file (none when it has no `[expect]`), and result files to record.
    public static func verify(path: String, threads: Int) throws(ScenarioError) -> (verdicts: [Verdict], records: [String: String]) {
        if path.hasSuffix(".fit.toml") {
            let fit = try FitFile.load(path: path)
            guard let expect = fit.expect else { return ([], [:]) }
            let report = FitReport.run(fit)
            var values: [String: Double] = [:]
            for (i, name) in report.result.names.enumerated() {
                values[name] = report.result.estimates[i]
                values["standardError." + name] = report.result.standardErrors[i]
            }
            for d in report.derived {
                values[d.name] = d.value
                values["standardError." + d.name] = d.standardError
            }
            let verdicts = expect.expectations.map { e -> Verdict in
                let got: Double? = { if case .metric(let name) = e.kind { return values[name] }; return nil }()
                return Verdict(file: path, quantity: e.key, expected: e.value, got: got, tolerance: e.tolerance, passed: e.accepts(got))
            }
            return (verdicts, ["fit.csv": report.csv])
        }
        let scenario = try ScenarioLoader.load(path: path)
        guard let expect = scenario.expect else { return ([], [:]) }
        var records: [String: String] = [:]
        var run: ModelRun?
        if expect.expectations.contains(where: { if case .quantile = $0.kind { return false }; if case .probability = $0.kind { return false }; return true }) {
            do { run = try scenario.run() } catch {
                throw ScenarioError(file: path, keyPath: nil, reason: .outOfRange, message: "cannot run: \(error)")
            }
            records["run.csv"] = CSVWriter.csv(run!)
        }
        var study: StudyData?
        if expect.needsSample {
            let queries = expect.expectations.compactMap { e -> ProbabilityQuery? in
                if case .probability(let text) = e.kind { return ProbabilityQuery(text) }
                return nil
            }
            let options = SampleOptions(runs: expect.runs, seed: expect.seed, threads: threads, probabilities: queries)
            study = SampleStudy(scenario: scenario, options: options).compute()
            records["summary.csv"] = StudyWriter.summaryCSV(study!)
        }
        let verdicts = expect.expectations.map { e -> Verdict in
            let got = value(e.kind, run: run, study: study)
            return Verdict(file: path, quantity: e.key, expected: e.value, got: got, tolerance: e.tolerance, passed: e.accepts(got))
        }
        return (verdicts, records)
    }

    static func value(_ kind: Expectation.Kind, run: ModelRun?, study: StudyData?) -> Double? {
        switch kind {
        case .metric(let name):
            return run?.metric(name)
        case .event(let name):
            return run?.events.first { $0.name == name }?.time
        case .series(let column, let year, let log10):
            guard let run, let values = run.column(column), let last = run.years.last, let first = run.years.first,
                  year >= min(first, last), year <= max(first, last) else { return nil }
            var k = 0
            while k + 1 < run.years.count, run.years[k + 1] < year { k += 1 }
            let v: Double
            if run.years[k] == year || k + 1 >= run.years.count {
                v = values[k]
            } else if run.years[k + 1] == year {
                v = values[k + 1]
            } else {
                let w = (year - run.years[k]) / (run.years[k + 1] - run.years[k])
                v = (1 - w) * values[k] + w * values[k + 1]
            }
            return log10 ? Foundation.log10(v) : v
        case .quantile(let level, let metric):
            guard let study, let j = study.metricNames.firstIndex(of: metric) else { return nil }
            let values = study.records.filter(\.isResult).map { $0.metrics[j] }
            let sorted = values.compactMap { $0 }.sorted() + Array(repeating: Double.infinity, count: values.filter { $0 == nil }.count)
            let q = MetricSummary.quantile(sorted, level)
            return q.isFinite ? q : nil
        case .probability(let text):
            guard let study, let query = ProbabilityQuery(text), let j = study.metricNames.firstIndex(of: query.metric) else { return nil }
            return query.estimate(study.records.filter(\.isResult).map { $0.metrics[j] }).probability
        }
    }

    /// The file's text with the expected values of `updates` (key → new value) replaced, and
    /// everything else (comments, tolerances, other keys) left byte for byte.
    public static func updated(_ text: String, _ updates: [String: Double]) -> String {
        var lines = text.components(separatedBy: "\n")
        var table = ""
        for (i, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                table = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).components(separatedBy: "#")[0]
                    .trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                continue
            }
            guard table == "expect", let eq = trimmed.firstIndex(of: "=") else { continue }
            var key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 { key = String(key.dropFirst().dropLast()) }
            guard let new = updates[key], let range = line.range(of: #"value\s*=\s*[^,}\s]+"#, options: .regularExpression) else { continue }
            lines[i] = line.replacingCharacters(in: range, with: "value = " + CSVWriter.number(new))
        }
        return lines.joined(separator: "\n")
    }
}
