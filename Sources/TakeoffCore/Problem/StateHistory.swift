/// Accepted steps of a solve, for delayed values: times, states and derivatives.
///
/// Lookups use binary search for the bracketing steps, then the cubic Hermite interpolant
/// (``HermiteStep``). Times before the first entry use the problem's `history` function.
/// When a state-changing event restarts the solve, both the state before and after the change
/// are stored at the same time, so lookups never interpolate across the jump.
public final class StateHistory {
    public let dimension: Int
    public private(set) var times: [Double] = []
    private var states: [Double] = []
    private var slopes: [Double] = []
    private let before: (@Sendable (Double, Int) -> Double)?
    private let initialState: [Double]
    /// +1 forward, −1 backward.
    private let direction: Double

    public init(dimension: Int, initialState: [Double], direction: Double,
                before: (@Sendable (Double, Int) -> Double)?) {
        self.dimension = dimension
        self.initialState = initialState
        self.direction = direction
        self.before = before
    }

    /// Appends an accepted point.
    public func append(t: Double, y: UnsafeBufferPointer<Double>, dydt: UnsafeBufferPointer<Double>) {
        times.append(t)
        states.append(contentsOf: y)
        slopes.append(contentsOf: dydt)
    }

    /// The interpolated value of `component` at `t`.
    public func value(_ component: Int, at t: Double) -> Double {
        guard let first = times.first, direction * (t - first) >= 0 else {
            return before?(t, component) ?? initialState[component]
        }
        let n = times.count
        if n == 1 || direction * (t - times[n - 1]) >= 0 {
            return states[(n - 1) * dimension + component]
        }
        // Largest i with direction*(times[i] - t) <= 0.
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if direction * (times[mid] - t) <= 0 { lo = mid } else { hi = mid }
        }
        let t0 = times[lo], t1 = times[hi]
        if t1 == t0 { return states[hi * dimension + component] }
        return HermiteStep.value(
            t: t, t0: t0, t1: t1,
            y0: states[lo * dimension + component], y1: states[hi * dimension + component],
            f0: slopes[lo * dimension + component], f1: slopes[hi * dimension + component])
    }

    /// The interpolated slope of `component` at `t` (the derivative of the Hermite interpolant);
    /// `nil` before the first accepted point, where only the history function's values are known.
    public func slope(_ component: Int, at t: Double) -> Double? {
        guard let first = times.first, direction * (t - first) >= 0 else { return nil }
        let n = times.count
        if n == 1 || direction * (t - times[n - 1]) >= 0 { return slopes[(n - 1) * dimension + component] }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if direction * (times[mid] - t) <= 0 { lo = mid } else { hi = mid }
        }
        let t0 = times[lo], t1 = times[hi]
        if t1 == t0 { return slopes[hi * dimension + component] }
        return HermiteStep.slope(
            t: t, t0: t0, t1: t1,
            y0: states[lo * dimension + component], y1: states[hi * dimension + component],
            f0: slopes[lo * dimension + component], f1: slopes[hi * dimension + component])
    }
}
