import Foundation
import TakeoffGSL

/// Sensitivity designs: which parameter vectors to run.
public enum SensitivityDesign {
    /// One-at-a-time: row 0 has every parameter at its median; rows 1 + 2i and 2 + 2i swing
    /// parameter i to its 5th and 95th percentiles with the others at their medians.
    public static func oneAtATime(_ parameters: [UncertainParameter]) -> [[Double]] {
        let medians = parameters.map { $0.distribution.quantile(0.5) }
        var rows = [medians]
        for (i, p) in parameters.enumerated() {
            var low = medians, high = medians
            low[i] = p.distribution.quantile(0.05)
            high[i] = p.distribution.quantile(0.95)
            rows += [low, high]
        }
        return rows
    }

    /// The Saltelli design on GSL's Sobol sequence: for each j < N, point j of a 2d-dimensional
    /// Sobol sequence gives A_j (first d coordinates) and B_j (last d); the rows are A_j, B_j and
    /// A_j with column i taken from B_j (i = 1…d), so N(d + 2) rows, each mapped through the
    /// parameters' quantile functions. Rows of one j are adjacent, so shards are contiguous.
    /// `nil` when 2d exceeds GSL's 40 Sobol dimensions.
    public static func saltelli(_ parameters: [UncertainParameter], samples n: Int) -> [[Double]]? {
        let d = parameters.count
        guard d >= 1, let sobol = SobolSequence(dimension: 2 * d) else { return nil }
        var rows: [[Double]] = []
        rows.reserveCapacity(n * (d + 2))
        for _ in 0..<n {
            let u = sobol.next()
            let a = (0..<d).map { parameters[$0].distribution.quantile(u[$0]) }
            let b = (0..<d).map { parameters[$0].distribution.quantile(u[d + $0]) }
            rows.append(a)
            rows.append(b)
            for i in 0..<d {
                var ab = a
                ab[i] = b[i]
                rows.append(ab)
            }
        }
        return rows
    }
}

/// One parameter's swing in a one-at-a-time analysis (tornado data).
public struct OneAtATimeResult: Sendable, Equatable {
    public var parameter: String
    public var low: Double
    public var high: Double
    public var metricAtLow: Double?
    public var metricAtHigh: Double?
    /// |metric(high) − metric(low)|; `nil` when either is undefined.
    public var swing: Double?

    /// Results from the metric values of ``SensitivityDesign/oneAtATime(_:)``'s rows, sorted by
    /// swing, largest first (undefined swings last, in parameter order).
    public static func analyse(names: [String], rows: [[Double]], values: [Double?]) -> [OneAtATimeResult] {
        let results = names.enumerated().map { i, name -> OneAtATimeResult in
            let lo = values[1 + 2 * i], hi = values[2 + 2 * i]
            let swing: Double? = (lo != nil && hi != nil) ? abs(hi! - lo!) : nil
            return OneAtATimeResult(parameter: name, low: rows[1 + 2 * i][i], high: rows[2 + 2 * i][i],
                                    metricAtLow: lo, metricAtHigh: hi, swing: swing)
        }
        return results.enumerated().sorted { a, b in
            switch (a.element.swing, b.element.swing) {
            case let (x?, y?): return x != y ? x > y : a.offset < b.offset
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// First-order and total Sobol indices of one parameter, with bootstrap 95% intervals.
public struct SobolIndex: Sendable, Equatable {
    public var parameter: String
    public var firstOrder: Double
    public var firstOrderInterval: (low: Double, high: Double)
    public var total: Double
    public var totalInterval: (low: Double, high: Double)

    public static func == (a: SobolIndex, b: SobolIndex) -> Bool {
        a.parameter == b.parameter && a.firstOrder == b.firstOrder && a.total == b.total
            && a.firstOrderInterval == b.firstOrderInterval && a.totalInterval == b.totalInterval
    }
}

/// Saltelli (2010) first-order and Jansen (1999) total-effect estimators on the Saltelli design:
///
///     V   = Var(f(A) ∪ f(B))
///     S_i = mean_j f(B)_j·(f(A_B^i)_j − f(A)_j) / V
///     T_i = mean_j (f(A)_j − f(A_B^i)_j)² / (2V)
///
/// with 95% intervals from `bootstrap` resamples of the j (percentiles 2.5 and 97.5), drawn
/// from GSL's generator with the given seed, so they are reproducible.
public enum SobolAnalysis {
    /// Indices from the metric values of the design rows, in design order (N(d + 2) values).
    public static func indices(names: [String], values: [Double], seed: UInt64, bootstrap: Int = 200) -> [SobolIndex] {
        let d = names.count
        let n = values.count / (d + 2)
        func estimate(_ js: [Int]) -> [(Double, Double)] {
            var all: [Double] = []
            all.reserveCapacity(2 * js.count)
            for j in js { all.append(values[j * (d + 2)]); all.append(values[j * (d + 2) + 1]) }
            let mean = all.reduce(0, +) / Double(all.count)
            let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count)
            return (0..<d).map { i in
                var first = 0.0, total = 0.0
                for j in js {
                    let fA = values[j * (d + 2)], fB = values[j * (d + 2) + 1], fAB = values[j * (d + 2) + 2 + i]
                    first += fB * (fAB - fA)
                    total += (fA - fAB) * (fA - fAB)
                }
                let m = Double(js.count)
                return (first / m / variance, total / m / (2 * variance))
            }
        }
        let point = estimate(Array(0..<n))
        let stream = RandomStream(seed: seed)
        var samples = Array(repeating: [(Double, Double)](), count: d)
        for _ in 0..<bootstrap {
            let js = (0..<n).map { _ in min(n - 1, Int(stream.uniform() * Double(n))) }
            for (i, e) in estimate(js).enumerated() { samples[i].append(e) }
        }
        return names.enumerated().map { i, name in
            let s1 = samples[i].map(\.0).sorted(), st = samples[i].map(\.1).sorted()
            return SobolIndex(parameter: name, firstOrder: point[i].0,
                              firstOrderInterval: (MetricSummary.quantile(s1, 0.025), MetricSummary.quantile(s1, 0.975)),
                              total: point[i].1,
                              totalInterval: (MetricSummary.quantile(st, 0.025), MetricSummary.quantile(st, 0.975)))
        }
    }

    /// Indices of a function of independent parameters (for tests and library use).
    public static func indices(_ parameters: [UncertainParameter], samples n: Int, seed: UInt64 = 1, bootstrap: Int = 200,
                               _ f: ([Double]) -> Double) -> [SobolIndex]? {
        guard let rows = SensitivityDesign.saltelli(parameters, samples: n) else { return nil }
        return indices(names: parameters.map(\.name), values: rows.map(f), seed: seed, bootstrap: bootstrap)
    }
}
