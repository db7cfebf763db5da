import Foundation
import TakeoffModels

/// One pinned number of an `[expect]` table.
///
/// ```toml
/// [expect]
/// note = "README, 'More AIs or smarter AIs?' (takeoff run Models/feedback.toml)"
/// humanLevelYear = { value = 2027.6525, abs = 1e-6 }              # a metric
/// "event.trainingRun1e28Year" = { value = 2027.1319, abs = 1e-6 } # an event's first year
/// "series.log10(effectiveCompute)@2030" = { value = 31.2, abs = 1e-6 }  # a column at a year
/// "q50.monthsHumanLevelToBeyond" = { value = 50.75, rel = 1e-6 }  # sample files: a quantile
/// "probability.monthsHumanLevelToBeyond<12" = { value = 0.17, abs = 1e-9 }
/// runs = 2000                                                     # sample files: study size
/// seed = 1                                                        # and seed
/// ```
public struct Expectation: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case metric(String)
        case event(String)
        case series(column: String, year: Double, log10: Bool)
        case quantile(level: Double, metric: String)
        case probability(String)
    }

    /// The key as written (the quantity's name in the verdict table).
    public var key: String
    public var kind: Kind
    public var value: Double
    public var absolute: Double?
    public var relative: Double?

    /// The tolerance for an expected value (the larger of the absolute and relative ones).
    public var tolerance: Double { max(absolute ?? 0, (relative ?? 0) * abs(value)) }

    /// Whether `got` is within tolerance.
    public func accepts(_ got: Double?) -> Bool {
        guard let got else { return false }
        if got == value { return true }
        return abs(got - value) <= tolerance
    }
}

/// The `[expect]` table of a file: expectations, a note, and sample settings.
public struct ExpectTable: Sendable {
    public var note: String?
    public var expectations: [Expectation]
    /// For sample quantities: the study size and seed.
    public var runs: Int
    public var seed: UInt64

    /// Whether any quantity needs a Monte Carlo study.
    public var needsSample: Bool {
        expectations.contains { if case .quantile = $0.kind { return true }; if case .probability = $0.kind { return true }; return false }
    }

    /// Reads the table. `metrics` are the names a plain run or fit reports (for checking keys).
    static func read(_ value: ConfigValue?, validator v: ScenarioValidator, metrics: [String]) throws(ScenarioError) -> ExpectTable? {
        let t = try v.table(value, "expect")
        guard !t.isEmpty else { return nil }
        var table = ExpectTable(note: nil, expectations: [], runs: 1000, seed: 1)
        for key in t.keys.sorted() {
            let path = "expect.\(key)"
            switch key {
            case "note": table.note = try v.string(t[key]!, path); continue
            case "runs":
                guard case .integer(let n) = t[key]!, n >= 1 else { throw v.error(path, .outOfRange, "expected a whole number of runs ≥ 1") }
                table.runs = n
                continue
            case "seed":
                guard case .integer(let n) = t[key]!, n >= 0 else { throw v.error(path, .outOfRange, "expected a seed ≥ 0") }
                table.seed = UInt64(n)
                continue
            default: break
            }
            let kind = try parseKey(key, path, v, metrics)
            let entry = try v.table(t[key], path)
            try v.checkKeys(entry, allowed: ["value", "abs", "rel"], prefix: path, what: "in an expectation")
            guard let raw = entry["value"] else { throw v.error("\(path).value", .missingKey, "missing: expected the pinned number") }
            let expected = try v.number(raw, "\(path).value", .finite)
            let absolute = try entry["abs"].map { x throws(ScenarioError) in try v.number(x, "\(path).abs", .nonNegative) }
            let relative = try entry["rel"].map { x throws(ScenarioError) in try v.number(x, "\(path).rel", .nonNegative) }
            guard absolute != nil || relative != nil else {
                throw v.error(path, .missingKey, "missing: expected a tolerance, abs = … or rel = …")
            }
            table.expectations.append(Expectation(key: key, kind: kind, value: expected, absolute: absolute, relative: relative))
        }
        return table
    }

    /// Whether `key` names one of this scenario's metrics (the resolved list: a regulation
    /// scenario's `yearReached.<actor>` for each of its actors).
    static func isMetric(_ key: String, _ metrics: [String]) -> Bool {
        metrics.contains(key)
    }

    static func parseKey(_ key: String, _ path: String, _ v: ScenarioValidator, _ metrics: [String]) throws(ScenarioError) -> Expectation.Kind {
        if key.hasPrefix("event.") { return .event(String(key.dropFirst(6))) }
        if key.hasPrefix("series.") {
            let body = key.dropFirst(7)
            guard let at = body.lastIndex(of: "@"), let year = Double(body[body.index(after: at)...]) else {
                throw v.error(path, .outOfRange, "expected series.<column>@<year> or series.log10(<column>)@<year>")
            }
            var column = String(body[..<at])
            var log10 = false
            if column.hasPrefix("log10("), column.hasSuffix(")") {
                column = String(column.dropFirst(6).dropLast())
                log10 = true
            }
            return .series(column: column, year: year, log10: log10)
        }
        if key.hasPrefix("probability.") { return .probability(String(key.dropFirst(12))) }
        if key.first == "q", let dot = key.firstIndex(of: "."), let level = Double(key[key.index(after: key.startIndex)..<dot]) {
            let metric = String(key[key.index(after: dot)...])
            guard isMetric(metric, metrics) else {
                throw v.error(path, .unknownKey, "'\(metric)' is not a metric here: expected one of \(metrics.joined(separator: ", "))")
            }
            return .quantile(level: level / 100, metric: metric)
        }
        guard isMetric(key, metrics) else {
            throw v.error(path, .unknownKey, "'\(key)' is not a metric here: expected one of \(metrics.joined(separator: ", ")), or event.<name>, series.<column>@<year>, q<NN>.<metric>, probability.<expr>")
        }
        return .metric(key)
    }
}
