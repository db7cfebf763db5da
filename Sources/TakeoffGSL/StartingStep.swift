import CGSL

/// A starting step size from the problem itself: Hairer, Nørsett & Wanner, *Solving Ordinary
/// Differential Equations I* (2nd ed., 1993), §II.4, "Starting Step Size" (the algorithm scipy's
/// `solve_ivp` and DifferentialEquations.jl also use).
///
/// With the error scale `sc_i = atol_i + rtol_i·|y_i|` and the RMS norm `‖v‖ = √(mean (v_i/sc_i)²)`:
///
///     d₀ = ‖y₀‖,  d₁ = ‖f₀‖,  h₀ = 0.01·d₀/d₁  (10⁻⁶ if d₀ or d₁ < 10⁻⁵)
///     d₂ = ‖f(t₀ + h₀, y₀ + h₀ f₀) − f₀‖ / h₀
///     h₁ = (0.01 / max(d₁, d₂))^(1/(p+1))  (max(10⁻⁶, 10⁻³ h₀) if both ≤ 10⁻¹⁵)
///     h  = min(100 h₀, h₁, span)
///
/// One right-hand-side evaluation. Used after every state- or parameter-changing restart, where
/// the last step's size says nothing about the new regime.
enum StartingStep {
    /// The estimate (positive), or `nil` if the trial evaluation failed.
    /// - Parameters:
    ///   - direction: +1 forward, −1 backward.
    ///   - span: the remaining length of the time span (an upper bound).
    ///   - evaluate: writes f(t, y) into its third argument; returns false on failure.
    static func estimate(
        t: Double, y: UnsafeBufferPointer<Double>, f: UnsafeBufferPointer<Double>,
        order: Int, absolute: [Double], relative: [Double], direction: Double, span: Double,
        scratch: UnsafeMutableBufferPointer<Double>, trial: UnsafeMutableBufferPointer<Double>,
        evaluate: (Double, UnsafePointer<Double>, UnsafeMutablePointer<Double>) -> Bool
    ) -> Double? {
        let n = y.count
        guard n > 0, span > 0 else { return nil }
        var s0 = 0.0, s1 = 0.0
        for i in 0..<n {
            let sc = absolute[i] + relative[i] * abs(y[i])
            s0 += (y[i] / sc) * (y[i] / sc)
            s1 += (f[i] / sc) * (f[i] / sc)
        }
        let d0 = (s0 / Double(n)).squareRoot(), d1 = (s1 / Double(n)).squareRoot()
        var h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1
        h0 = min(h0, span)
        for i in 0..<n { scratch[i] = y[i] + direction * h0 * f[i] }
        guard evaluate(t + direction * h0, UnsafePointer(scratch.baseAddress!), trial.baseAddress!) else { return nil }
        var s2 = 0.0
        for i in 0..<n {
            let sc = absolute[i] + relative[i] * abs(y[i])
            let d = (trial[i] - f[i]) / sc
            s2 += d * d
        }
        let d2 = (s2 / Double(n)).squareRoot() / h0
        let h1: Double
        if max(d1, d2) <= 1e-15 {
            h1 = max(1e-6, h0 * 1e-3)
        } else {
            h1 = pow(0.01 / max(d1, d2), 1 / Double(order + 1))
        }
        let h = min(100 * h0, h1, span)
        return h.isFinite && h > 0 ? h : nil
    }
}
