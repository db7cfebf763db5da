import Foundation

/// Summary of one metric over the successful runs of a study.
///
/// Runs where the metric is undefined (a milestone never reached) count as not reached, not as
/// missing: quantiles are taken with them at +infinity (so a quantile that falls among them is
/// `inf`), while the mean and standard deviation are over the reached runs. Quantiles use linear
/// interpolation between order statistics (Hyndman & Fan type 7, as numpy's default).
public struct MetricSummary: Sendable, Equatable {
    public static let levels = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]

    public var name: String
    /// Successful runs.
    public var count: Int
    /// Runs in which the metric exists.
    public var reached: Int
    public var mean: Double
    public var sd: Double
    /// At ``levels``.
    public var quantiles: [Double]
    /// Standard error of the median, from the order statistics that bracket a 95% interval
    /// for it: (x_(k₊) − x_(k₋)) / (2·1.96), k± = n/2 ± 1.96·√n/2.
    public var medianStandardError: Double

    /// Summarises `values` (`nil` = not reached) of `count` successful runs.
    public init(name: String, values: [Double?]) {
        self.name = name
        count = values.count
        let finite = values.compactMap { $0 }
        reached = finite.count
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        if finite.count > 1 {
            let m = mean
            sd = (finite.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(finite.count - 1)).squareRoot()
        } else {
            sd = .nan
        }
        let sorted = finite.sorted() + Array(repeating: Double.infinity, count: count - reached)
        quantiles = Self.levels.map { Self.quantile(sorted, $0) }
        if sorted.count >= 2 {
            let (lo, hi) = Self.medianBracket(sorted.count)
            medianStandardError = (sorted[hi] - sorted[lo]) / (2 * 1.96)
        } else {
            medianStandardError = .nan
        }
    }

    /// A summary from its parts (``StreamingSummary`` computes them without holding the values).
    public init(name: String, count: Int, reached: Int, mean: Double, sd: Double, quantiles: [Double],
                medianStandardError: Double) {
        self.name = name
        self.count = count
        self.reached = reached
        self.mean = mean
        self.sd = sd
        self.quantiles = quantiles
        self.medianStandardError = medianStandardError
    }

    /// The order statistics that bracket a 95% interval for the median of `n ≥ 2` values:
    /// k± = n/2 ± 1.96·√n/2, clamped to the ranks.
    static func medianBracket(_ count: Int) -> (lo: Int, hi: Int) {
        let n = Double(count)
        let half = 1.96 * n.squareRoot() / 2
        return (max(0, Int((n / 2 - half).rounded(.down))), min(count - 1, Int((n / 2 + half).rounded(.up))))
    }

    /// Type-7 quantile of `count` sorted values read through `sorted(rank)`.
    static func quantile(count: Int, _ q: Double, _ sorted: (Int) -> Double) -> Double {
        let h = Double(count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, count - 1)
        let w = h - Double(lo)
        let a = sorted(lo), b = sorted(hi)
        if w == 0 || a == b { return a }
        if b.isInfinite { return .infinity }
        return a + w * (b - a)
    }

    /// Type-7 quantile of sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return quantile(count: sorted.count, q) { sorted[$0] }
    }
}

/// A requested probability such as `monthsHumanLevelToBeyond<12`, with its Monte Carlo error.
public struct ProbabilityQuery: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable { case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=" }

    public var metric: String
    public var comparison: Comparison
    public var threshold: Double
    /// The expression as written.
    public var text: String

    /// Parses `metric<12`, `metric>=0.5`, …; `nil` if malformed.
    public init?(_ text: String) {
        for op in [Comparison.lessOrEqual, .greaterOrEqual, .less, .greater] {
            if let range = text.range(of: op.rawValue) {
                let name = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty, let threshold = Double(value), threshold.isFinite else { return nil }
                metric = name
                comparison = op
                self.threshold = threshold
                self.text = text
                return
            }
        }
        return nil
    }

    /// Whether a value satisfies the query. A run where the metric does not exist (a milestone
    /// never reached) never satisfies it: `monthsHumanLevelToBeyond<12` is false for a run that
    /// never gets there, and so is `countShare>0.5`.
    public func holds(_ value: Double?) -> Bool {
        guard let x = value else { return false }
        switch comparison {
        case .less: return x < threshold
        case .lessOrEqual: return x <= threshold
        case .greater: return x > threshold
        case .greaterOrEqual: return x >= threshold
        }
    }

    /// Estimate and standard error √(p(1 − p)/n) when `k` of `n` successful runs satisfy it.
    public func estimate(satisfied k: Int, of n: Int) -> (probability: Double, standardError: Double, count: Int) {
        guard n > 0 else { return (.nan, .nan, 0) }
        let p = Double(k) / Double(n)
        return (p, (p * (1 - p) / Double(n)).squareRoot(), n)
    }

    /// Estimate and standard error √(p(1 − p)/n) over the successful runs.
    public func estimate(_ values: [Double?]) -> (probability: Double, standardError: Double, count: Int) {
        estimate(satisfied: values.reduce(0) { $0 + (holds($1) ? 1 : 0) }, of: values.count)
    }
}
