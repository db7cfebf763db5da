import Foundation
import TakeoffIO
import TakeoffSampling

/// Writes a study's files while its runs complete, in memory that does not grow with the run
/// count: `runs.csv` and `failures.csv` row by row into files that appear whole at the end,
/// each run's metric values into a spool beside them, band histograms and probability counts
/// as they come. ``finish(metadata:options:)`` then computes the exact summaries by passes over
/// the spool and writes the rest. The files are byte-identical to those of a study held in
/// memory (``StudyWriter/writeStudy(_:metadata:bands:probabilities:to:)``).
public final class StudyStream {
    let folder: String
    let metricNames: [String]
    let grid: [Double]
    let bandNames: [String]
    private let runs: StreamingFile
    private let failures: StreamingFile
    private let spool: RunSpool
    private(set) var bands: [String: BandHistogram] = [:]
    private var tally: ProbabilityTally

    init(folder: String, parameterNames: [String], metricNames: [String], grid: [Double], bands: [String],
         probabilities: [ProbabilityQuery]) throws {
        self.folder = folder
        self.metricNames = metricNames
        self.grid = grid
        bandNames = bands
        tally = ProbabilityTally(probabilities, metricNames: metricNames)
        for name in bands { self.bands[name] = BandHistogram(gridPoints: grid.count) }
        runs = try StreamingFile(path: folder + "/runs.csv")
        failures = try StreamingFile(path: folder + "/failures.csv")
        spool = try RunSpool(folder: folder, metrics: metricNames.count)
        try runs.write(StudyWriter.runsHeader(parameters: parameterNames, metrics: metricNames))
        try failures.write(StudyWriter.failuresHeader)
    }

    /// Takes the next run (in run order).
    func add(_ record: RunRecord, bandValues: [(String, [Double])]) throws {
        if record.isResult {
            for (name, values) in bandValues { for (i, v) in values.enumerated() { bands[name]!.add(v, at: i) } }
        } else {
            try failures.write(StudyWriter.failureRow(record))
        }
        try addRow(StudyWriter.runRow(record, metricCount: metricNames.count), isResult: record.isResult, metrics: record.metrics)
    }

    /// Takes the next run as its `runs.csv` row and values (`takeoff merge` copies shard rows).
    func addRow(_ row: String, isResult: Bool, metrics: [Double?]) throws {
        try runs.write(row)
        tally.add(isResult: isResult, metrics: metrics)
        try spool.append(isResult: isResult, metrics: metrics)
    }

    /// Appends rows of `failures.csv` as they are (a shard's, in run order).
    func addFailureRows(_ bytes: Data) throws { try bytes.withUnsafeBytes { try failures.write(bytes: $0) } }

    /// Adds a shard's band histograms.
    func mergeBands(_ partial: [String: BandHistogram]) {
        for (name, h) in partial { bands[name]?.merge(h) }
    }

    /// The exact summary of the runs so far (passes over the spool).
    public func summary() throws -> StudySummary {
        try StudySummary.make(names: metricNames, queries: tally.queries, counts: tally.counts) { try spool.pass($0) }
    }

    /// Writes the remaining files of a whole study (or of a shard, with `options.shard`) and
    /// makes `runs.csv` and `failures.csv` appear; returns the summary.
    @discardableResult
    public func finish(metadata: String, options: SampleOptions) throws -> StudySummary {
        let summary = try self.summary()
        spool.remove()
        try runs.commit()
        try failures.commit()
        if options.shard != nil {
            try StudyWriter.writeShardFiles(grid: grid, bands: bands, metadata: metadata, options: options, to: folder)
            return summary
        }
        try AtomicFile.write(StudyWriter.summaryCSV(summary), to: folder + "/summary.csv")
        if !options.probabilities.isEmpty {
            try AtomicFile.write(StudyWriter.probabilitiesCSV(summary), to: folder + "/probabilities.csv")
        }
        if !bandNames.isEmpty { try AtomicFile.write(StudyWriter.bandsCSV(grid: grid, bands: bands, bandNames), to: folder + "/bands.csv") }
        try AtomicFile.write(metadata, to: folder + "/meta.json")
        return summary
    }
}
