/// Exact summaries of a study's metric columns from repeated passes over its rows, in memory
/// that depends on the number of metrics, not of runs.
///
/// The result equals ``MetricSummary/init(name:values:)`` on the same rows bit for bit: the mean
/// and the sum of squared deviations are accumulated in row order, as the in-memory summary sums
/// them, and the order statistics that the quantiles and the median's standard error need are
/// *selected* exactly rather than estimated. Selection works on the doubles' order-preserving
/// 64-bit keys: each pass histograms the keys still in question into 4,096 bins and keeps the bin
/// that holds the wanted rank, until that bin holds at most 4,096 values, which a last pass
/// collects and sorts. A pass resolves 12 bits of the key, so a rank takes at most six passes and
/// usually three or four; the memory is 32 KB per (metric, rank) in question.
///
/// Ordering: the key order is IEEE 754's total order restricted to what the summaries meet, with
/// −0 before +0 and NaN after +∞. The in-memory sort leaves the order of −0 and +0, and of NaN,
/// unspecified; on rows holding those at a quantile's rank the two may print differently.
public enum StreamingSummary {
    /// A row visitor: whether the run counts (a result) and its metric values, ``missing``
    /// where a metric is undefined.
    public typealias Visitor = (_ isResult: Bool, _ values: UnsafeBufferPointer<Double>) -> Void
    /// Replays every row, in run order, calling the visitor once per row.
    public typealias Pass = (_ visit: Visitor) throws -> Void

    /// The value standing for an undefined metric (a NaN with a payload no arithmetic produces).
    public static let missing = Double(bitPattern: 0x7FF4_0000_0000_0001)
    /// Whether `x` is ``missing``.
    @inline(__always) public static func isMissing(_ x: Double) -> Bool { x.bitPattern == 0x7FF4_0000_0000_0001 }

    /// The summary of each metric over the result rows, and the result and row counts.
    public static func summaries(names: [String], pass: Pass) throws -> (metrics: [MetricSummary], results: Int, rows: Int) {
        let m = names.count
        var results = 0, rows = 0
        var reached = [Int](repeating: 0, count: m), sums = [Double](repeating: 0, count: m)
        try pass { isResult, values in
            rows += 1
            guard isResult else { return }
            results += 1
            for j in 0..<m where !isMissing(values[j]) {
                reached[j] += 1
                sums[j] += values[j]
            }
        }
        let means = (0..<m).map { reached[$0] == 0 ? Double.nan : sums[$0] / Double(reached[$0]) }
        var selections = (0..<m).map { RankSelection(ranks: Self.ranks(count: results, reached: reached[$0])) }
        var squares = [Double](repeating: 0, count: m)
        var first = true
        while first || selections.contains(where: { !$0.isDone }) {
            for j in 0..<m { selections[j].startPass() }
            try pass { isResult, values in
                guard isResult else { return }
                for j in 0..<m where !isMissing(values[j]) {
                    let x = values[j]
                    if first { squares[j] += (x - means[j]) * (x - means[j]) }
                    selections[j].visit(x)
                }
            }
            for j in 0..<m { selections[j].finishPass() }
            first = false
        }
        let summaries = (0..<m).map { j in
            summary(name: names[j], count: results, reached: reached[j], mean: means[j], squares: squares[j],
                    order: selections[j].values)
        }
        return (summaries, results, rows)
    }

    /// The ranks of the sorted values (unreached runs last, at +∞) that the quantiles at
    /// ``MetricSummary/levels`` and the median's standard error read, below `reached`.
    static func ranks(count n: Int, reached: Int) -> [Int] {
        guard n > 0 else { return [] }
        var out = Set<Int>()
        for q in MetricSummary.levels {
            let lo = Int((Double(n - 1) * q).rounded(.down))
            out.insert(lo)
            out.insert(min(lo + 1, n - 1))
        }
        if n >= 2 {
            let (lo, hi) = MetricSummary.medianBracket(n)
            out.insert(lo)
            out.insert(hi)
        }
        return out.filter { $0 < reached }.sorted()
    }

    static func summary(name: String, count n: Int, reached: Int, mean: Double, squares: Double,
                        order: [Int: Double]) -> MetricSummary {
        func sorted(_ r: Int) -> Double { r < reached ? order[r]! : .infinity }
        let sd = reached > 1 ? (squares / Double(reached - 1)).squareRoot() : .nan
        let quantiles = MetricSummary.levels.map { q -> Double in
            guard n > 0 else { return .nan }
            return MetricSummary.quantile(count: n, q, sorted)
        }
        var se = Double.nan
        if n >= 2 {
            let (lo, hi) = MetricSummary.medianBracket(n)
            se = (sorted(hi) - sorted(lo)) / (2 * 1.96)
        }
        return MetricSummary(name: name, count: n, reached: reached, mean: mean, sd: sd, quantiles: quantiles,
                             medianStandardError: se)
    }
}
