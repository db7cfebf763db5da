import TakeoffIO
import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffModels
import TakeoffSampling

/// The files of a study. A whole study writes `runs.csv`, `failures.csv`, `summary.csv`,
/// `probabilities.csv` (with `--probability`), `bands.csv` (with `--bands`) and `meta.json`; a
/// shard writes `runs.csv`, `failures.csv`, `bands.partial.json`, `meta.json` and `shard.json`,
/// which `takeoff merge` turns into exactly the files of the whole study. Nothing that varies
/// between equivalent runs (wall time, host, threads, shard) goes into these files.
public enum StudyWriter {
    /// The study's description, identical for every shard of it and for the whole.
    public static func metadata(_ scenario: Scenario, _ options: SampleOptions) -> String {
        let object: [String: Any] = [
            "package": "takeoff", "version": RunReport.version, "gslVersion": gslVersion,
            "model": scenario.model.id, "scenarioFile": scenario.file, "overrides": scenario.overrides,
            "resolvedScenario": ConfigValue.table(scenario.resolved).jsonObject,
            "resolvedScenarioTOML": TOMLWriter.render(scenario.resolved),
            "seed": String(options.seed), "runs": options.runs,
            "bands": options.bands, "probabilities": options.probabilities.map(\.text),
            "uncertainParameters": (scenario.uncertainty?.parameters ?? []).map(\.name),
        ]
        return RunReport.serialize(object, pretty: true)
    }

    static func field(_ x: Double?) -> String { x.map(CSVWriter.number) ?? "" }

    /// The header row of `runs.csv`.
    static func runsHeader(parameters: [String], metrics: [String]) -> String {
        (["runId", "seed", "status"] + parameters + metrics).map(CSVWriter.field).joined(separator: ",") + "\r\n"
    }

    /// One run's row of `runs.csv`.
    static func runRow(_ r: RunRecord, metricCount: Int) -> String {
        var row = ["\(r.runID)", "\(r.seed)", r.status]
        row += r.parameters.map(CSVWriter.number)
        let metrics = r.metrics.isEmpty ? Array(repeating: nil, count: metricCount) : r.metrics
        row += metrics.map(field)
        return row.joined(separator: ",") + "\r\n"
    }

    static let failuresHeader = "runId,seed,status,message\r\n"

    /// One failed run's row of `failures.csv`.
    static func failureRow(_ r: RunRecord) -> String {
        "\(r.runID),\(r.seed),\(r.status),\(CSVWriter.field(r.message ?? ""))\r\n"
    }

    public static func runsCSV(_ data: StudyData) -> String {
        var out = runsHeader(parameters: data.parameterNames, metrics: data.metricNames)
        for r in data.records { out += runRow(r, metricCount: data.metricNames.count) }
        return out
    }

    public static func failuresCSV(_ data: StudyData) -> String {
        var out = failuresHeader
        for r in data.records where !r.isResult { out += failureRow(r) }
        return out
    }

    public static func summaryCSV(_ data: StudyData) -> String {
        summaryCSV(data.summary())
    }

    /// `summary.csv` of a study's summary.
    public static func summaryCSV(_ summary: StudySummary) -> String {
        var out = (["metric", "count", "reached", "mean", "sd"] + MetricSummary.levels.map { String(format: "q%02.0f", $0 * 100) }
            + ["medianSE", "failures"]).joined(separator: ",") + "\r\n"
        for s in summary.metrics {
            let row = [CSVWriter.field(s.name), "\(s.count)", "\(s.reached)", CSVWriter.number(s.mean), CSVWriter.number(s.sd)]
                + s.quantiles.map(CSVWriter.number) + [CSVWriter.number(s.medianStandardError), "\(summary.failures)"]
            out += row.joined(separator: ",") + "\r\n"
        }
        return out
    }

    public static func probabilitiesCSV(_ data: StudyData, _ queries: [ProbabilityQuery]) -> String {
        probabilitiesCSV(data.summary(queries))
    }

    /// `probabilities.csv` of a study's summary.
    public static func probabilitiesCSV(_ summary: StudySummary) -> String {
        var out = "expression,count,probability,standardError\r\n"
        for (q, e) in summary.probabilities {
            out += "\(CSVWriter.field(q.text)),\(e.count),\(CSVWriter.number(e.probability)),\(CSVWriter.number(e.standardError))\r\n"
        }
        return out
    }

    public static func bandsCSV(_ data: StudyData, _ names: [String]) -> String {
        bandsCSV(grid: data.grid, bands: data.bands, names)
    }

    static func bandsCSV(grid: [Double], bands: [String: BandHistogram], _ names: [String]) -> String {
        var out = (["year", "variable"] + MetricSummary.levels.map { String(format: "q%02.0f", $0 * 100) }).joined(separator: ",") + "\r\n"
        for name in names {
            guard let h = bands[name] else { continue }
            for (i, t) in grid.enumerated() {
                out += CSVWriter.number(t) + "," + CSVWriter.field(name)
                for q in MetricSummary.levels { out += "," + CSVWriter.number(h.quantile(q, at: i)) }
                out += "\r\n"
            }
        }
        return out
    }

    /// Writes a whole study into `folder`, each file atomically.
    public static func writeStudy(_ data: StudyData, scenario: Scenario, options: SampleOptions, to folder: String) throws {
        try writeStudy(data, metadata: metadata(scenario, options), bands: options.bands,
                       probabilities: options.probabilities, to: folder)
    }

    /// Writes a whole study given its metadata text (also the path `takeoff merge` takes).
    public static func writeStudy(_ data: StudyData, metadata: String, bands: [String], probabilities: [ProbabilityQuery],
                                  to folder: String) throws {
        try AtomicFile.write(runsCSV(data), to: folder + "/runs.csv")
        try AtomicFile.write(failuresCSV(data), to: folder + "/failures.csv")
        try AtomicFile.write(summaryCSV(data), to: folder + "/summary.csv")
        if !probabilities.isEmpty {
            try AtomicFile.write(probabilitiesCSV(data, probabilities), to: folder + "/probabilities.csv")
        }
        if !bands.isEmpty { try AtomicFile.write(bandsCSV(data, bands), to: folder + "/bands.csv") }
        try AtomicFile.write(metadata, to: folder + "/meta.json")
    }

    /// Writes one shard into `folder`.
    public static func writeShard(_ data: StudyData, scenario: Scenario, options: SampleOptions, to folder: String) throws {
        try writeShard(data, metadata: metadata(scenario, options), options: options, to: folder)
    }

    /// Writes one shard of any study (sample or sensitivity) given its metadata text.
    public static func writeShard(_ data: StudyData, metadata: String, options: SampleOptions, to folder: String) throws {
        guard options.shard != nil else { return }
        try AtomicFile.write(runsCSV(data), to: folder + "/runs.csv")
        try AtomicFile.write(failuresCSV(data), to: folder + "/failures.csv")
        try writeShardFiles(grid: data.grid, bands: data.bands, metadata: metadata, options: options, to: folder)
    }

    /// A shard's `bands.partial.json`, `meta.json` and `shard.json`.
    static func writeShardFiles(grid: [Double], bands: [String: BandHistogram], metadata: String, options: SampleOptions,
                                to folder: String) throws {
        guard let shard = options.shard else { return }
        let partial: [String: Any] = [
            "grid": grid.map(CSVWriter.number),   // as text: exact round trip
            "bands": bands.mapValues { h in
                ["bins": h.bins.map { Dictionary(uniqueKeysWithValues: $0.map { (String($0.key), $0.value) }) },
                 "nonFinite": h.nonFinite] as [String: Any]
            },
        ]
        try AtomicFile.write(RunReport.serialize(partial, pretty: false), to: folder + "/bands.partial.json")
        try AtomicFile.write(metadata, to: folder + "/meta.json")
        let ids = options.runIDs
        try AtomicFile.write(RunReport.serialize(["index": shard.index, "count": shard.count, "firstRun": ids.lowerBound,
                                                  "endRun": ids.upperBound], pretty: true), to: folder + "/shard.json")
    }
}
