/// The cubic Hermite interpolant of one step, and root finding on a bracket.
///
/// On a step from `(t0, y0, f0)` to `(t1, y1, f1)` (values and derivatives), the interpolant
///
///     p(s) = h00(s) y0 + h10(s) h f0 + h01(s) y1 + h11(s) h f1,   s = (t - t0)/h, h = t1 - t0
///
/// with `h00 = 2s³ − 3s² + 1`, `h10 = s³ − 2s² + s`, `h01 = −2s³ + 3s²`, `h11 = s³ − s²`
/// matches values and slopes at both ends; its error is `O(h⁴)`.
public enum HermiteStep {
    /// The interpolated value at `t`.
    @inlinable
    public static func value(t: Double, t0: Double, t1: Double, y0: Double, y1: Double, f0: Double, f1: Double) -> Double {
        let h = t1 - t0
        let s = (t - t0) / h
        let s2 = s * s, s3 = s2 * s
        let h00 = 2 * s3 - 3 * s2 + 1
        let h10 = s3 - 2 * s2 + s
        let h01 = -2 * s3 + 3 * s2
        let h11 = s3 - s2
        return h00 * y0 + h10 * h * f0 + h01 * y1 + h11 * h * f1
    }

    /// The interpolant's derivative at `t`.
    @inlinable
    public static func slope(t: Double, t0: Double, t1: Double, y0: Double, y1: Double, f0: Double, f1: Double) -> Double {
        let h = t1 - t0
        let s = (t - t0) / h
        let s2 = s * s
        return ((6 * s2 - 6 * s) * y0 + (-6 * s2 + 6 * s) * y1) / h + (3 * s2 - 4 * s + 1) * f0 + (3 * s2 - 2 * s) * f1
    }

    /// The interpolated state at `t`, written into `out`.
    public static func state(
        t: Double, t0: Double, t1: Double,
        y0: UnsafeBufferPointer<Double>, y1: UnsafeBufferPointer<Double>,
        f0: UnsafeBufferPointer<Double>, f1: UnsafeBufferPointer<Double>,
        into out: UnsafeMutableBufferPointer<Double>
    ) {
        for i in 0..<out.count {
            out[i] = value(t: t, t0: t0, t1: t1, y0: y0[i], y1: y1[i], f0: f0[i], f1: f1[i])
        }
    }
}

/// A bracketing root finder: the Illinois variant of regula falsi, with bisection as a
/// safeguard. Converges superlinearly on smooth functions and never leaves the bracket.
public enum BracketingRoot {
    /// Finds `t` in `[a, b]` with `g` changing sign, to `|b - a| <= tolerance`.
    ///
    /// `ga` and `gb` must have opposite signs (or one be zero). Returns the final bracket
    /// end on `b`'s side of the root (the side where the sign has changed).
    public static func illinois(
        _ a0: Double, _ b0: Double, ga: Double, gb: Double, tolerance: Double, maxIterations: Int = 200,
        _ g: (Double) -> Double
    ) -> Double {
        var a = a0, b = b0, fa = ga, fb = gb
        if fb == 0 { return b }
        var side = 0
        for _ in 0..<maxIterations {
            if abs(b - a) <= tolerance { break }
            var c = (fa * b - fb * a) / (fa - fb)
            // Keep the new point strictly inside, away from the ends by a fraction of the bracket.
            let lo = min(a, b), hi = max(a, b), w = hi - lo
            if !(c > lo + 0.01 * w && c < hi - 0.01 * w) || !c.isFinite { c = 0.5 * (a + b) }
            let fc = g(c)
            if fc == 0 { return c }
            if (fc < 0) == (fb < 0) {
                b = c; fb = fc
                if side == -1 { fa *= 0.5 }
                side = -1
            } else {
                a = c; fa = fc
                if side == 1 { fb *= 0.5 }
                side = 1
            }
        }
        return b
    }
}
