import Foundation
import TakeoffGSL

extension Distribution {
    /// The family a percentile specification is fitted to.
    public enum Family: String, Sendable, CaseIterable {
        case normal, lognormal
    }

    /// The distribution that hits the given percentiles exactly: (`lowP`, `low`), the median,
    /// (`highP`, `high`) — e.g. 5/50/95 (the compute-centric framework's conservative /
    /// best guess / aggressive values) or 10/90 with an optional median.
    ///
    /// Symmetric points give a plain normal or lognormal; lopsided ones a two-piece (split)
    /// normal or lognormal, split at the median, whose halves have their own widths: below it
    /// `σ_low = (median − low)/z`, above it `σ_high = (high − median)/z`, `z = Φ⁻¹(highP)`
    /// (in log space for lognormals). Without a median, the symmetric midpoint is used.
    public static func fitted(family: Family, lowP: Double, low: Double, median: Double?, highP: Double,
                              high: Double) -> Distribution {
        let z = SpecialFunctions.normalQuantile(highP)
        let zLow = -SpecialFunctions.normalQuantile(lowP)
        switch family {
        case .normal:
            let m = median ?? (low * z + high * zLow) / (z + zLow)
            let sdLow = (m - low) / zLow, sdHigh = (high - m) / z
            return abs(sdLow - sdHigh) <= 1e-12 * max(sdLow, sdHigh) ? .normal(mean: m, sd: sdLow)
                : .splitNormal(median: m, sdLow: sdLow, sdHigh: sdHigh)
        case .lognormal:
            let (ll, lh) = (log(low), log(high))
            let lm = median.map(log) ?? (ll * z + lh * zLow) / (z + zLow)
            let sLow = (lm - ll) / zLow, sHigh = (lh - lm) / z
            return abs(sLow - sHigh) <= 1e-12 * max(sLow, sHigh) ? .lognormal(median: exp(lm), sigma: sLow)
                : .splitLognormal(median: exp(lm), sigmaLow: sLow, sigmaHigh: sHigh)
        }
    }
}
