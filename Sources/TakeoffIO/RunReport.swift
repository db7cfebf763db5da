import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffModels

/// Everything printed or written about one run: the text summary, the JSON object, the
/// metadata sidecar. The JSON contract every command follows:
/// `{"model", "status", "events": [{"name", "year"}], "metrics": {name: number or null}, "stats"}`.
public struct RunReport {
    public let scenario: Scenario
    public let run: ModelRun

    public init(scenario: Scenario, run: ModelRun) {
        self.scenario = scenario
        self.run = run
    }

    /// Package version, written to metadata and printed by `takeoff --version`.
    public static let version = "0.1.0"

    var events: [EventRecord] {
        guard let wanted = scenario.reportedEvents else { return run.events }
        return run.events.filter { wanted.contains($0.name) }
    }

    var metrics: [(name: String, value: Double?)] {
        guard let wanted = scenario.reportedMetrics else { return run.metrics }
        return run.metrics.filter { wanted.contains($0.name) }
    }

    /// A readable summary, with a long event list folded.
    public var summary: String { summary(allEvents: false) }

    /// Events listed in full up to this many; a longer list shows its first 10 and last 5 and the
    /// count between (`takeoff run --all-events` lists them all).
    public static let foldedEventCount = 20

    /// A readable summary; `allEvents` lists every event however many.
    public func summary(allEvents: Bool) -> String {
        var lines = ["model: \(scenario.model.id) (\(scenario.file))", "status: \(run.status.rawValue)"]
        lines += scenario.resolvedModel.narrative(run)
        if let message = run.message { lines.append("note: \(message)") }
        if let t = run.blowUpTime { lines.append("blow-up year: \(format(t))") }
        lines.append("events:")
        if events.isEmpty { lines.append("  (none in \(format(scenario.inputs.start))-\(format(scenario.inputs.end)))") }
        let width = max(events.map(\.name.count).max() ?? 0, metrics.map(\.name.count).max() ?? 0) + 2
        func line(_ e: EventRecord) -> String { "  " + e.name.padding(toLength: width, withPad: " ", startingAt: 0) + format(e.time) }
        if allEvents || events.count <= Self.foldedEventCount {
            lines += events.map(line)
        } else {
            lines += events.prefix(10).map(line)
            lines.append("  … \(events.count - 15) more events (\(events.count) in all; --all-events lists them) …")
            lines += events.suffix(5).map(line)
        }
        // Metrics of a run that failed before the end are at its last time, not at the span's end.
        // (A run ended by design, by a terminating event, reports metrics of its events.)
        if !run.status.isResult, let last = run.years.last, last < scenario.inputs.end {
            let ends = metrics.contains { $0.name.hasSuffix("End") } ? "; \"…End\" metrics are there" : ""
            lines.append("metrics (at \(format(last)), where the run stopped\(ends)):")
        } else {
            lines.append("metrics:")
        }
        for m in metrics {
            let unit = scenario.resolvedModel.metric(m.name)?.unit ?? ""
            let value = m.value.map { format($0) + " " + unit } ?? "undefined"
            lines.append("  " + m.name.padding(toLength: width, withPad: " ", startingAt: 0) + value)
        }
        let s = run.stats
        if let scheme = run.scheme {
            lines.append("scheme: \(scheme), \(s.acceptedSteps) steps")
        } else {
            lines.append("solver: \(scenario.solver.stepper.rawValue), \(s.acceptedSteps) steps (\(s.rejectedSteps) rejected), \(s.rhsEvaluations) RHS evaluations")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ x: Double) -> String {
        if abs(x) >= 1e6 || (abs(x) < 1e-3 && x != 0) { return String(format: "%.4g", x) }
        return String(format: "%.4f", x).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
    }

    /// A number for JSON, or null when absent or not finite.
    public static func jsonNumber(_ x: Double?) -> Any {
        guard let x, x.isFinite else { return NSNull() }
        return x
    }

    /// The JSON object of the contract.
    public var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "model": scenario.model.id,
            "status": run.status.rawValue,
            "events": events.map { ["name": $0.name, "year": $0.time] as [String: Any] },
            "metrics": Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, Self.jsonNumber($0.value)) }),
            "stats": [
                "rhsEvaluations": run.stats.rhsEvaluations, "jacobianEvaluations": run.stats.jacobianEvaluations,
                "acceptedSteps": run.stats.acceptedSteps, "rejectedSteps": run.stats.rejectedSteps,
                "eventFunctionEvaluations": run.stats.eventFunctionEvaluations, "savedPoints": run.years.count,
            ],
        ]
        if let t = run.blowUpTime { object["blowUpTime"] = Self.jsonNumber(t) }
        if let m = run.message { object["message"] = m }
        if let e = run.terminatingEvent { object["terminatingEvent"] = e }
        return object
    }

    /// `jsonObject` as one line of JSON (keys sorted, so the output is byte-stable).
    public var json: String { Self.serialize(jsonObject, pretty: false) }

    /// The metadata sidecar: resolved scenario (also as TOML that `takeoff run` accepts),
    /// versions, solver, status, work counters and the unit of every column.
    public func metadata(csvPath: String, format: CSVFormat) -> String {
        var object = jsonObject
        object["package"] = "takeoff"
        object["version"] = Self.version
        object["gslVersion"] = gslVersion
        object["scenarioFile"] = scenario.file
        object["overrides"] = scenario.overrides
        object["resolvedScenario"] = ConfigValue.table(scenario.resolved).jsonObject
        object["resolvedScenarioTOML"] = TOMLWriter.render(scenario.resolved)
        object["csv"] = ["path": csvPath, "format": format.rawValue]
        object["columns"] = [["name": "year", "unit": "year (decimal calendar year)"]]
            + zip(run.columns, run.units).map { ["name": $0.0, "unit": $0.1] }
        object["allEvents"] = run.events.map { ["name": $0.name, "year": $0.time, "occurrence": $0.occurrence] as [String: Any] }
        return Self.serialize(object, pretty: true)
    }

    /// JSON text with sorted keys (byte-stable), one line or pretty.
    public static func serialize(_ object: Any, pretty: Bool) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
