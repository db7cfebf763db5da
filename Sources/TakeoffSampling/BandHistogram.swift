import Foundation

/// Quantile bands of a variable on a save grid, without keeping trajectories.
///
/// Each grid point holds a sparse histogram of values in log-spaced bins, 100 per decade on
/// each sign (relative resolution 2.3%; a reported quantile is the geometric centre of the bin
/// holding it, within 1.2% of a value in that bin; infinities have bins of their own). Counts are integers, so histograms of shards
/// add up exactly and a merged study writes the same bands as a single one, byte for byte.
public struct BandHistogram: Sendable, Equatable {
    public static let binsPerDecade = 100.0

    /// Bin counts per grid point: key > 0 for positive values, < 0 for negative, 0 for zero.
    public private(set) var bins: [[Int: Int]]
    /// Values that were NaN, per grid point (reported in no band).
    public private(set) var nonFinite: [Int]

    public init(gridPoints: Int) {
        bins = Array(repeating: [:], count: gridPoints)
        nonFinite = Array(repeating: 0, count: gridPoints)
    }

    public init(bins: [[Int: Int]], nonFinite: [Int]) {
        self.bins = bins
        self.nonFinite = nonFinite
    }

    /// Keys of +infinity (a state beyond a blow-up) and −infinity, sorted last and first.
    static let positiveInfinityKey = Int.max / 4
    static let negativeInfinityKey = -(Int.max / 4)

    static func key(_ x: Double) -> Int {
        if x == 0 { return 0 }
        if x == .infinity { return positiveInfinityKey }
        if x == -.infinity { return negativeInfinityKey }
        // Offset by a large constant so every non-zero key is ≥ 1 in magnitude, whatever the decade.
        let k = Int((log10(abs(x)) * binsPerDecade).rounded(.down)) + 100_000
        return x > 0 ? k : -k
    }

    static func centre(_ key: Int) -> Double {
        if key == 0 { return 0 }
        if key == positiveInfinityKey { return .infinity }
        if key == negativeInfinityKey { return -.infinity }
        let magnitude = pow(10, (Double(abs(key) - 100_000) + 0.5) / binsPerDecade)
        return key > 0 ? magnitude : -magnitude
    }

    /// Adds a value; infinities are kept (a run past its blow-up is at +infinity), NaN is not.
    public mutating func add(_ x: Double, at point: Int) {
        guard !x.isNaN else {
            nonFinite[point] += 1
            return
        }
        bins[point][Self.key(x), default: 0] += 1
    }

    public mutating func merge(_ other: BandHistogram) {
        for point in 0..<bins.count {
            bins[point].merge(other.bins[point], uniquingKeysWith: +)
            nonFinite[point] += other.nonFinite[point]
        }
    }

    /// The q-quantile at `point` (`nan` when empty).
    public func quantile(_ q: Double, at point: Int) -> Double {
        let counts = bins[point]
        let total = counts.values.reduce(0, +)
        guard total > 0 else { return .nan }
        let target = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        // Keys sort in value order: negatives by descending magnitude first.
        for key in counts.keys.sorted(by: { Self.order($0) < Self.order($1) }) {
            seen += counts[key]!
            if seen >= target { return Self.centre(key) }
        }
        return .nan
    }

    static func order(_ key: Int) -> Double {
        key == 0 ? 0 : (key > 0 ? Double(key) : -Double(-key))
    }
}
