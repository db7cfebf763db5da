import Foundation
import TakeoffGSL

/// A probability distribution of one uncertain parameter.
///
/// Every draw goes through the quantile function, `x = F⁻¹(u)` for a uniform `u`, so that a
/// Gaussian copula can correlate parameters (its `u` come from correlated normals) and a draw
/// depends only on its run's seed. Quantiles use GSL's `gsl_cdf` inverses where there is no
/// closed form.
public indirect enum Distribution: Sendable, Equatable {
    /// Always `value`.
    case point(Double)
    /// Normal with mean and standard deviation.
    case normal(mean: Double, sd: Double)
    /// Lognormal: ln x is normal with mean ln(median) and standard deviation sigma.
    case lognormal(median: Double, sigma: Double)
    /// Uniform on [min, max].
    case uniform(min: Double, max: Double)
    /// ln x uniform on [ln min, ln max].
    case logUniform(min: Double, max: Double)
    /// Beta(alpha, beta) scaled to [min, max].
    case beta(alpha: Double, beta: Double, min: Double, max: Double)
    /// Triangular on [min, max] with the given mode.
    case triangular(min: Double, mode: Double, max: Double)
    /// Two-piece normal split at the median: below it a half-normal of width sdLow holding
    /// probability 1/2, above it one of width sdHigh. The density jumps at the median; in
    /// exchange any lopsided 5/50/95 (or 10/50/90) points are hit exactly.
    case splitNormal(median: Double, sdLow: Double, sdHigh: Double)
    /// Two-piece lognormal: ln x is split-normal around ln(median).
    case splitLognormal(median: Double, sigmaLow: Double, sigmaHigh: Double)
    /// The distribution restricted to [lower, upper].
    case truncated(Distribution, lower: Double, upper: Double)
    /// A mixture with the given weights (summing to 1).
    case mixture([Component])

    /// One component of a mixture.
    public struct Component: Sendable, Equatable {
        public var weight: Double
        public var distribution: Distribution

        public init(weight: Double, distribution: Distribution) {
            self.weight = weight
            self.distribution = distribution
        }
    }

    /// The smallest and largest values the distribution can take.
    public var support: (lower: Double, upper: Double) {
        switch self {
        case .point(let v): return (v, v)
        case .normal, .splitNormal: return (-.infinity, .infinity)
        case .lognormal, .splitLognormal: return (0, .infinity)
        case .uniform(let a, let b), .logUniform(let a, let b), .beta(_, _, let a, let b), .triangular(let a, _, let b):
            return (a, b)
        case .truncated(let d, let lo, let hi):
            let s = d.support
            return (max(s.lower, lo), min(s.upper, hi))
        case .mixture(let parts):
            let supports = parts.map(\.distribution.support)
            return (supports.map(\.lower).min() ?? 0, supports.map(\.upper).max() ?? 0)
        }
    }

    /// Whether the lower end of the support is attained with positive probability or density
    /// reaching it (used to tell `> 0` from `≥ 0` supports): open for lognormals.
    public var lowerIsOpen: Bool {
        switch self {
        case .lognormal, .splitLognormal, .normal, .splitNormal: return true
        case .truncated(let d, let lo, _): return d.support.lower >= lo && d.lowerIsOpen
        case .mixture(let parts): return parts.allSatisfy { $0.distribution.lowerIsOpen || $0.distribution.support.lower > 0 }
        default: return false
        }
    }

    /// The quantile function F⁻¹(u), u in (0, 1).
    public func quantile(_ u: Double) -> Double {
        switch self {
        case .point(let v):
            return v
        case .normal(let m, let s):
            return m + s * SpecialFunctions.normalQuantile(u)
        case .lognormal(let median, let sigma):
            return median * exp(sigma * SpecialFunctions.normalQuantile(u))
        case .uniform(let a, let b):
            return a + (b - a) * u
        case .logUniform(let a, let b):
            return exp(log(a) + (log(b) - log(a)) * u)
        case .beta(let alpha, let beta, let a, let b):
            return a + (b - a) * SpecialFunctions.betaQuantile(u, alpha, beta)
        case .triangular(let a, let c, let b):
            let split = (c - a) / (b - a)
            return u < split ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c))
        case .splitNormal(let median, let low, let high):
            return median + Self.splitStandardQuantile(u, low: low, high: high)
        case .splitLognormal(let median, let low, let high):
            return median * exp(Self.splitStandardQuantile(u, low: low, high: high))
        case .truncated(let d, let lo, let hi):
            let a = d.cdf(lo), b = d.cdf(hi)
            return min(max(d.quantile(a + (b - a) * u), lo), hi)
        case .mixture:
            return invertCDF(u)
        }
    }

    /// The CDF F(x).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .point(let v):
            return x >= v ? 1 : 0
        case .normal(let m, let s):
            return SpecialFunctions.normalCDF((x - m) / s)
        case .lognormal(let median, let sigma):
            return x <= 0 ? 0 : SpecialFunctions.normalCDF(log(x / median) / sigma)
        case .uniform(let a, let b):
            return min(max((x - a) / (b - a), 0), 1)
        case .logUniform(let a, let b):
            return x <= a ? 0 : min(max((log(x) - log(a)) / (log(b) - log(a)), 0), 1)
        case .beta(let alpha, let beta, let a, let b):
            return SpecialFunctions.betaCDF(min(max((x - a) / (b - a), 0), 1), alpha, beta)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            return x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .splitNormal(let median, let low, let high):
            return Self.splitStandardCDF(x - median, low: low, high: high)
        case .splitLognormal(let median, let low, let high):
            return x <= 0 ? 0 : Self.splitStandardCDF(log(x / median), low: low, high: high)
        case .truncated(let d, let lo, let hi):
            if x <= lo { return 0 }
            if x >= hi { return 1 }
            let a = d.cdf(lo), b = d.cdf(hi)
            return (d.cdf(x) - a) / (b - a)
        case .mixture(let parts):
            return parts.reduce(0) { $0 + $1.weight * $1.distribution.cdf(x) }
        }
    }

    /// Two-piece normal around 0 split at the median: width `low` below, `high` above.
    static func splitStandardQuantile(_ u: Double, low: Double, high: Double) -> Double {
        (u < 0.5 ? low : high) * SpecialFunctions.normalQuantile(u)
    }

    static func splitStandardCDF(_ z: Double, low: Double, high: Double) -> Double {
        SpecialFunctions.normalCDF(z / (z < 0 ? low : high))
    }

    /// Numerical inverse of the CDF (mixtures): the smallest x with F(x) ≥ u, by bisection on
    /// the components' quantile range, to 1e-13 relative.
    func invertCDF(_ u: Double) -> Double {
        guard case .mixture(let parts) = self else { return quantile(u) }
        var lo = parts.map { $0.distribution.quantile(1e-12) }.min()!
        var hi = parts.map { $0.distribution.quantile(1 - 1e-12) }.max()!
        if cdf(lo) >= u { return lo }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if cdf(mid) >= u { hi = mid } else { lo = mid }
            if hi - lo <= 1e-13 * max(abs(lo), abs(hi), 1e-300) { break }
        }
        return hi
    }
}
