import TakeoffIO
import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffModels
import TakeoffSampling

/// A sensitivity analysis of one metric over a scenario's `[uncertainty]` parameters.
public struct SensitivitySpec: Sendable {
    public enum Method: String, Sendable, CaseIterable { case oat, sobol }

    public var method: Method
    public var metric: String
    /// Sobol: base samples N (the design has N(d + 2) runs).
    public var samples: Int
    /// Seed of the bootstrap intervals (the Sobol sequence itself is deterministic).
    public var seed: UInt64
    /// A value standing in for runs where the metric does not exist (a milestone not reached
    /// in the span); Sobol estimators need a number for every run.
    public var unreached: Double?

    public init(method: Method, metric: String, samples: Int, seed: UInt64, unreached: Double?) {
        self.method = method
        self.metric = metric
        self.samples = samples
        self.seed = seed
        self.unreached = unreached
    }
}

/// Why a sensitivity analysis cannot be made.
public struct SensitivityError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

public enum SensitivityStudy {
    /// The design rows for the scenario's uncertain parameters.
    public static func design(_ scenario: Scenario, _ spec: SensitivitySpec) throws(SensitivityError) -> (names: [String], rows: [[Double]]) {
        guard let sampler = scenario.uncertainty, !sampler.parameters.isEmpty else {
            throw SensitivityError(description: "\(scenario.file): no [uncertainty] table; sensitivity needs distributions for the parameters it varies")
        }
        let names = sampler.parameters.map(\.name)
        switch spec.method {
        case .oat:
            return (names, SensitivityDesign.oneAtATime(sampler.parameters))
        case .sobol:
            guard sampler.copula == nil else {
                throw SensitivityError(description: "\(scenario.file): uncertainty.correlations: Sobol indices assume independent parameters; remove the correlations (or use --method oat)")
            }
            let runs = Double(spec.samples) * Double(names.count + 2)
            if runs > Double(ResourceLimits.maxRunsPerProcess) {
                throw SensitivityError(description: "--runs \(spec.samples): a Sobol design of N(d + 2) = \(Int(runs)) runs, more than the limit of \(ResourceLimits.maxRunsPerProcess) runs per process; use a smaller N")
            }
            guard names.count <= 20 else {
                throw SensitivityError(description: "\(scenario.file): \(names.count) uncertain parameters; a Sobol design needs 2d dimensions and GSL's Sobol sequence has 40, so at most 20")
            }
            guard spec.samples >= 2 else { throw SensitivityError(description: "--runs must be at least 2 for Sobol") }
            return (names, SensitivityDesign.saltelli(sampler.parameters, samples: spec.samples)!)
        }
    }

    /// The metadata of the analysis (identical for every shard and the whole).
    public static func metadata(_ scenario: Scenario, _ spec: SensitivitySpec, runs: Int) -> String {
        let object: [String: Any] = [
            "kind": "sensitivity", "package": "takeoff", "version": RunReport.version, "gslVersion": gslVersion,
            "model": scenario.model.id, "scenarioFile": scenario.file, "overrides": scenario.overrides,
            "resolvedScenario": ConfigValue.table(scenario.resolved).jsonObject,
            "resolvedScenarioTOML": TOMLWriter.render(scenario.resolved),
            "method": spec.method.rawValue, "metric": spec.metric, "samples": spec.samples, "runs": runs,
            "seed": String(spec.seed), "unreached": spec.unreached.map { CSVWriter.number($0) } ?? NSNull(),
            "uncertainParameters": (scenario.uncertainty?.parameters ?? []).map(\.name),
            "bands": [String](), "probabilities": [String](),
        ]
        return RunReport.serialize(object, pretty: true)
    }

    /// The spec recorded in a metadata object (for `takeoff merge`).
    static func spec(from meta: [String: Any]) -> SensitivitySpec? {
        guard let method = (meta["method"] as? String).flatMap(SensitivitySpec.Method.init), let metric = meta["metric"] as? String,
              let samples = meta["samples"] as? Int, let seed = (meta["seed"] as? String).flatMap(UInt64.init) else { return nil }
        return SensitivitySpec(method: method, metric: metric, samples: samples, seed: seed,
                               unreached: (meta["unreached"] as? String).flatMap(Double.init))
    }

    /// `oat.csv` or `sobol.csv` from the runs of the design.
    public static func result(_ data: StudyData, _ spec: SensitivitySpec) throws(SensitivityError) -> (name: String, csv: String) {
        guard let j = data.metricNames.firstIndex(of: spec.metric) else {
            throw SensitivityError(description: "--metric \(spec.metric): not a metric of this model; expected one of \(data.metricNames.joined(separator: ", "))")
        }
        let values: [Double?] = data.records.map { r in
            guard r.isResult, !r.metrics.isEmpty else { return nil }
            return r.metrics[j] ?? spec.unreached
        }
        let rows = data.records.map(\.parameters)
        switch spec.method {
        case .oat:
            var csv = "parameter,low,high,metricAtLow,metricAtHigh,swing\r\n"
            for r in OneAtATimeResult.analyse(names: data.parameterNames, rows: rows, values: values) {
                csv += [CSVWriter.field(r.parameter), CSVWriter.number(r.low), CSVWriter.number(r.high), StudyWriter.field(r.metricAtLow),
                        StudyWriter.field(r.metricAtHigh), StudyWriter.field(r.swing)].joined(separator: ",") + "\r\n"
            }
            return ("oat.csv", csv)
        case .sobol:
            let missing = values.filter { $0 == nil }.count
            guard missing == 0 else {
                throw SensitivityError(description: "\(missing) of \(values.count) runs have no value of \(spec.metric) (failed, or the milestone is not reached in the span); give --unreached VALUE to stand in for unreached ones (failed runs are listed in failures.csv)")
            }
            var csv = "parameter,S1,S1low,S1high,ST,STlow,SThigh\r\n"
            for s in SobolAnalysis.indices(names: data.parameterNames, values: values.map { $0! }, seed: spec.seed) {
                csv += [CSVWriter.field(s.parameter), CSVWriter.number(s.firstOrder), CSVWriter.number(s.firstOrderInterval.low),
                        CSVWriter.number(s.firstOrderInterval.high), CSVWriter.number(s.total), CSVWriter.number(s.totalInterval.low),
                        CSVWriter.number(s.totalInterval.high)].joined(separator: ",") + "\r\n"
            }
            return ("sobol.csv", csv)
        }
    }

    /// Writes the whole analysis: runs.csv, failures.csv, oat.csv or sobol.csv, meta.json.
    public static func write(_ data: StudyData, spec: SensitivitySpec, metadata: String, to folder: String) throws {
        let (name, csv) = try result(data, spec)
        try AtomicFile.write(StudyWriter.runsCSV(data), to: folder + "/runs.csv")
        try AtomicFile.write(StudyWriter.failuresCSV(data), to: folder + "/failures.csv")
        try AtomicFile.write(csv, to: folder + "/" + name)
        try AtomicFile.write(metadata, to: folder + "/meta.json")
    }
}

/// `takeoff sweep`: a one- or two-parameter grid.
public enum SweepStudy {
    /// A grid axis: `key=a:b:n` (linear, or logarithmic with `log`).
    public struct Axis: Sendable {
        public var name: String
        public var values: [Double]

        /// Parses `parameters.x=a:b:n` or `x=a:b:n`, with `:log` appended for logarithmic spacing
        /// of this axis alone (`log` applies it to every axis).
        public static func parse(_ text: String, log allLog: Bool, model: ModelSpec) -> Result<Axis, SensitivityError> {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .failure(.init(description: "--grid '\(text)': expected key=a:b:n")) }
            let name = parts[0].hasPrefix("parameters.") ? String(parts[0].dropFirst("parameters.".count)) : parts[0]
            guard model.parameter(name) != nil else {
                return .failure(.init(description: "--grid '\(text)': '\(name)' is not a parameter of model '\(model.id)'"))
            }
            var spec = parts[1]
            var log = allLog
            if spec.hasSuffix(":log") {
                spec = String(spec.dropLast(4))
                log = true
            }
            let nums = spec.split(separator: ":").map { Double($0) }
            guard nums.count == 3, let a = nums[0], let b = nums[1], let nd = nums[2], nd >= 1, nd == nd.rounded(), a.isFinite, b.isFinite else {
                return .failure(.init(description: "--grid '\(text)': expected key=a:b:n (or key=a:b:n:log) with numbers a, b and a whole n ≥ 1"))
            }
            guard nd <= Double(ResourceLimits.maxRunsPerProcess) else {
                return .failure(.init(description: "--grid '\(text)': \(nd) points on one axis, more than the limit of \(ResourceLimits.maxRunsPerProcess) runs per process"))
            }
            let n = Int(nd)
            if log && (a <= 0 || b <= 0) {
                return .failure(.init(description: "--grid '\(text)': --log needs positive ends"))
            }
            let values = (0..<n).map { k -> Double in
                let w = n == 1 ? 0 : Double(k) / Double(n - 1)
                return log ? exp(Foundation.log(a) + w * (Foundation.log(b) - Foundation.log(a))) : a + w * (b - a)
            }
            return .success(Axis(name: name, values: values))
        }
    }

    /// The grid rows: the first axis outer, the second inner.
    public static func rows(_ axes: [Axis]) -> [[Double]] {
        guard let first = axes.first else { return [] }
        guard axes.count == 2 else { return first.values.map { [$0] } }
        return first.values.flatMap { a in axes[1].values.map { [a, $0] } }
    }

    /// `sweep.csv`: `<params>,status,<metrics>`.
    public static func csv(_ data: StudyData) -> String {
        var out = (data.parameterNames + ["status"] + data.metricNames).map(CSVWriter.field).joined(separator: ",") + "\r\n"
        for r in data.records {
            let metrics = r.metrics.isEmpty ? Array(repeating: nil, count: data.metricNames.count) : r.metrics
            out += (r.parameters.map(CSVWriter.number) + [r.status] + metrics.map(StudyWriter.field)).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
