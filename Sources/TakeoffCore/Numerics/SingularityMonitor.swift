/// Detects finite-time blow-up and estimates when it happens.
///
/// Takeoff models grow hyperbolically: near a blow-up at `T`, a diverging component behaves
/// like `y ≈ A (T − t)^(−p)` (p > 0), so its e-folding time
///
///     τ(t) = y / y' = (T − t) / p
///
/// falls linearly to zero. After each accepted step the monitor takes the fastest-growing
/// component (smallest τ among components whose magnitude grows), forms the slope
/// `s = dτ/dt` from the last two steps and extrapolates τ to zero:
///
///     T̂ = t + τ / (−s)        (only when s < 0: τ is shrinking)
///
/// For an exact power law this is exact; for `y' = k y²` (τ = T − t, p = 1) the estimate
/// agrees with `1/(k y₀)` to the integrator's accuracy. The solve stops as a singularity when
/// the projected remaining time `T̂ − t` falls below `singularityTimeTolerance`, or when a
/// component exceeds `divergenceThreshold`; `T̂` (or `t` when no estimate exists) is reported.
///
/// Exponential growth (τ constant) and logistic growth (τ rising) never trigger it.
public struct SingularityMonitor: Sendable {
    private var lastTime: Double = .nan
    private var lastTau: Double = .nan
    private var lastComponent: Int = -1
    /// The latest extrapolated blow-up time, if τ is shrinking.
    public private(set) var estimate: Double?
    /// +1 forward, −1 backward in time.
    private let direction: Double
    /// Components smaller than this (the absolute tolerance) are ignored as noise.
    private let floor: [Double]

    public init(direction: Double, floor: [Double]) {
        self.direction = direction
        self.floor = floor
    }

    /// Updates with an accepted point; returns the projected remaining time (≥ 0) when τ is
    /// shrinking, else `nil`.
    public mutating func update(t: Double, y: UnsafeBufferPointer<Double>, dydt: UnsafeBufferPointer<Double>) -> Double? {
        var tau = Double.infinity
        var component = -1
        for i in 0..<y.count where abs(y[i]) > floor[i] {
            let rate = direction * dydt[i] / y[i]   // growth rate of |y_i| along the integration
            if rate > 0, rate.isFinite, 1 / rate < tau {
                tau = 1 / rate
                component = i
            }
        }
        defer { lastTime = t; lastTau = tau; lastComponent = component }
        guard component >= 0, component == lastComponent, lastTau.isFinite, t != lastTime else {
            estimate = nil
            return nil
        }
        let slope = (tau - lastTau) / (direction * (t - lastTime))
        guard slope < 0 else {
            estimate = nil
            return nil
        }
        let remaining = tau / -slope
        estimate = t + direction * remaining
        return remaining
    }
}
