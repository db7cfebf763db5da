import CGSL

/// A seeded stream of uniform random numbers from GSL's MT19937 generator.
///
/// One stream per run: `takeoff sample` seeds a fresh stream with each run's own seed, so a
/// run's draws do not depend on which thread runs it or on what ran before. Not `Sendable`:
/// create one per worker.
public final class RandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>

    /// A stream seeded with `seed` (GSL's MT19937 takes the low 32 bits; `takeoff` derives
    /// seeds by SplitMix64 so they differ there).
    public init(seed: UInt64) {
        GSLRuntime.prepare()
        rng = gsl_rng_alloc(cgsl_rng_mt19937())
        reseed(seed)
    }

    deinit { gsl_rng_free(rng) }

    /// Restarts the stream from `seed`.
    public func reseed(_ seed: UInt64) {
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed ^ (seed >> 32)))
    }

    /// A uniform number in the open interval (0, 1).
    public func uniform() -> Double { gsl_rng_uniform_pos(rng) }
}

/// Distribution functions from GSL's `gsl_cdf` (no state, thread-safe).
public enum SpecialFunctions {
    /// Φ(x), the standard normal CDF.
    public static func normalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }
    /// Φ⁻¹(p).
    public static func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
    /// The Beta(a, b) CDF on [0, 1].
    public static func betaCDF(_ x: Double, _ a: Double, _ b: Double) -> Double { gsl_cdf_beta_P(x, a, b) }
    /// The Beta(a, b) quantile on [0, 1].
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) -> Double { gsl_cdf_beta_Pinv(p, a, b) }
}
