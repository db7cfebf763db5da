import TakeoffIO
import TakeoffSampling

/// What a study's summary files say: each metric's summary over the result runs, the
/// requested probabilities, and the run counts. Computed by passes over the runs
/// (``StreamingSummary``), from memory or from a streaming study's spool alike.
public struct StudySummary: Sendable {
    public var metrics: [MetricSummary]
    public var probabilities: [(query: ProbabilityQuery, estimate: (probability: Double, standardError: Double, count: Int))]
    /// Runs that count (results).
    public var results: Int
    /// All runs.
    public var runs: Int
    public var failures: Int { runs - results }

    /// The summary from a replayable pass over the runs, with `counts[k]` the result runs that
    /// satisfy `queries[k]`.
    static func make(names: [String], queries: [ProbabilityQuery], counts: [Int],
                     pass: StreamingSummary.Pass) throws -> StudySummary {
        let (metrics, results, runs) = try StreamingSummary.summaries(names: names, pass: pass)
        let probabilities = zip(queries, counts).map { q, k in (q, q.estimate(satisfied: k, of: results)) }
        return StudySummary(metrics: metrics, probabilities: probabilities, results: results, runs: runs)
    }
}

/// Counts, run by run, the result runs that satisfy each probability query whose metric the
/// study has (queries over other names are left out, as the study files leave them out).
struct ProbabilityTally {
    let queries: [ProbabilityQuery]
    private let columns: [Int]
    private(set) var counts: [Int]

    init(_ queries: [ProbabilityQuery], metricNames: [String]) {
        self.queries = queries.filter { metricNames.contains($0.metric) }
        columns = self.queries.map { metricNames.firstIndex(of: $0.metric)! }
        counts = Array(repeating: 0, count: self.queries.count)
    }

    mutating func add(isResult: Bool, metrics: [Double?]) {
        guard isResult else { return }
        for (k, j) in columns.enumerated() where queries[k].holds(metrics.isEmpty ? nil : metrics[j]) { counts[k] += 1 }
    }
}

extension StudyData {
    /// The summary of the runs held in memory.
    public func summary(_ queries: [ProbabilityQuery] = []) -> StudySummary {
        var tally = ProbabilityTally(queries, metricNames: metricNames)
        for r in records { tally.add(isResult: r.isResult, metrics: r.metrics) }
        let width = metricNames.count
        // In memory the passes cannot fail.
        return try! StudySummary.make(names: metricNames, queries: tally.queries, counts: tally.counts) { visit in
            var row = [Double](repeating: 0, count: width)
            for r in records {
                for j in 0..<width { row[j] = r.metrics.isEmpty ? StreamingSummary.missing : (r.metrics[j] ?? StreamingSummary.missing) }
                row.withUnsafeBufferPointer { visit(r.isResult, $0) }
            }
        }
    }
}
