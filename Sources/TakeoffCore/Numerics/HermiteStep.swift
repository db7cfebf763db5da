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

/// The quintic Hermite interpolant of one step: values, slopes and second derivatives at both
/// ends (`y0, f0, c0` at `t0`; `y1, f1, c1` at `t1`). Its error is `O(h⁶)`, and pieces joined at
/// shared points agree in value, slope and curvature, so a delayed value read through it is twice
/// continuously differentiable (the cubic's is only once, which an 8th-order stepper sees as a
/// kink at every past step).
public enum QuinticHermiteStep {
    /// The interpolated value at `t`.
    @inlinable
    public static func value(t: Double, t0: Double, t1: Double, y0: Double, y1: Double, f0: Double, f1: Double,
                             c0: Double, c1: Double) -> Double {
        let h = t1 - t0
        let s = (t - t0) / h
        let s2 = s * s, s3 = s2 * s, s4 = s3 * s, s5 = s4 * s
        let b0 = 1 - 10 * s3 + 15 * s4 - 6 * s5
        let b1 = s - 6 * s3 + 8 * s4 - 3 * s5
        let b2 = 0.5 * (s2 - 3 * s3 + 3 * s4 - s5)
        let b3 = 0.5 * (s3 - 2 * s4 + s5)
        let b4 = -4 * s3 + 7 * s4 - 3 * s5
        let b5 = 10 * s3 - 15 * s4 + 6 * s5
        return b0 * y0 + b5 * y1 + h * (b1 * f0 + b4 * f1) + h * h * (b2 * c0 + b3 * c1)
    }

    /// The interpolant's derivative at `t`.
    @inlinable
    public static func slope(t: Double, t0: Double, t1: Double, y0: Double, y1: Double, f0: Double, f1: Double,
                             c0: Double, c1: Double) -> Double {
        let h = t1 - t0
        let s = (t - t0) / h
        let s2 = s * s, s3 = s2 * s, s4 = s3 * s
        let d0 = -30 * s2 + 60 * s3 - 30 * s4
        let d1 = 1 - 18 * s2 + 32 * s3 - 15 * s4
        let d2 = 0.5 * (2 * s - 9 * s2 + 12 * s3 - 5 * s4)
        let d3 = 0.5 * (3 * s2 - 8 * s3 + 5 * s4)
        let d4 = -12 * s2 + 28 * s3 - 15 * s4
        return d0 * (y0 - y1) / h + d1 * f0 + d4 * f1 + h * (d2 * c0 + d3 * c1)
    }
}

/// A bracketing root finder: the Illinois variant of regula falsi, with bisection as a
/// safeguard. Converges superlinearly on smooth functions and never leaves the bracket.
public enum BracketingRoot {
    /// Narrows `[a, b]`, where `g` changes sign, to `|b - a| <= tolerance` and returns the end on
    /// `b`'s side: the side where the sign has changed, counting `g = 0` as changed, so for a
    /// condition that jumps onto exactly 0 (a count, a switch) the result is where that starts.
    ///
    /// A secant point within half a tolerance of an end is moved to half a tolerance from it: a root
    /// close to an end (the usual case after a good first guess) then closes in one evaluation
    /// instead of crawling in by ever smaller secant steps. When two iterations have not halved the
    /// bracket, the next point is the midpoint (discontinuous conditions, or the Illinois weights
    /// still adapting).
    public static func illinois(
        _ a0: Double, _ b0: Double, ga: Double, gb: Double, tolerance: Double, maxIterations: Int = 200,
        _ g: (Double) -> Double
    ) -> Double {
        var a = a0, b = b0, fa = ga, fb = gb
        var side = 0
        var widths = (Double.infinity, Double.infinity)
        for _ in 0..<maxIterations {
            let w = abs(b - a)
            if w <= tolerance { break }
            let lo = min(a, b), hi = max(a, b)
            var c = (fa * b - fb * a) / (fa - fb)
            if !c.isFinite || fa == fb || w > 0.5 * widths.0 {
                c = 0.5 * (a + b)
            } else {
                let margin = min(0.5 * tolerance, 0.25 * w)
                c = min(max(c, lo + margin), hi - margin)
            }
            widths = (widths.1, w)
            let fc = g(c)
            if fc == 0 || (fc < 0) == (fb < 0) {
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
