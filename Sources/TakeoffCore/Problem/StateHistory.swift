/// Accepted steps of a solve, for delayed values: times, states and derivatives.
///
/// Lookups use binary search for the bracketing steps, then the quintic Hermite interpolant
/// (``QuinticHermiteStep``) where both ends carry second derivatives, the cubic
/// (``HermiteStep``) otherwise. Times before the first entry use the problem's `history` function.
/// When a state-changing event restarts the solve, both the state before and after the change
/// are stored at the same time, so lookups never interpolate across the jump.
public final class StateHistory {
    public let dimension: Int
    public private(set) var times: [Double] = []
    private var states: [Double] = []
    private var slopes: [Double] = []
    // Second derivatives at each point, as the steps ending there (left) and starting there
    // (right) see them: they differ where the solution's curvature jumps.
    private var curvaturesLeft: [Double] = [], curvaturesRight: [Double] = []
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

    /// Appends an accepted point, with its second derivatives from the left and from the right
    /// if known (`nil` or non-finite entries: unknown, and the adjacent step uses the cubic).
    public func append(t: Double, y: UnsafeBufferPointer<Double>, dydt: UnsafeBufferPointer<Double>,
                       left: UnsafeBufferPointer<Double>? = nil, right: UnsafeBufferPointer<Double>? = nil) {
        times.append(t)
        states.append(contentsOf: y)
        slopes.append(contentsOf: dydt)
        for (side, store) in [(left, \StateHistory.curvaturesLeft), (right, \StateHistory.curvaturesRight)] {
            if let side {
                self[keyPath: store].append(contentsOf: side)
            } else {
                self[keyPath: store].append(contentsOf: repeatElement(Double.nan, count: dimension))
            }
        }
    }

    /// The interpolated value of `component` at `t`.
    public func value(_ component: Int, at t: Double) -> Double {
        switch locate(t) {
        case .before: return before?(t, component) ?? initialState[component]
        case .at(let i): return states[i * dimension + component]
        case .between(let lo, let hi): return interpolate(component, t, lo, hi, HermiteStep.value, QuinticHermiteStep.value)
        }
    }

    /// The interpolated slope of `component` at `t` (the derivative of the Hermite interpolant);
    /// `nil` before the first accepted point, where only the history function's values are known.
    public func slope(_ component: Int, at t: Double) -> Double? {
        switch locate(t) {
        case .before: return nil
        case .at(let i): return slopes[i * dimension + component]
        case .between(let lo, let hi): return interpolate(component, t, lo, hi, HermiteStep.slope, QuinticHermiteStep.slope)
        }
    }

    private enum Place { case before, at(Int), between(Int, Int) }

    /// Where `t` falls among the stored points: before the first, on one (the last, or a
    /// restart's duplicate time, where the later entry wins), or inside a step.
    private func locate(_ t: Double) -> Place {
        guard let first = times.first, direction * (t - first) >= 0 else { return .before }
        let n = times.count
        if n == 1 || direction * (t - times[n - 1]) >= 0 { return .at(n - 1) }
        // Largest i with direction*(times[i] - t) <= 0.
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if direction * (times[mid] - t) <= 0 { lo = mid } else { hi = mid }
        }
        return times[hi] == times[lo] ? .at(hi) : .between(lo, hi)
    }

    private func interpolate(_ component: Int, _ t: Double, _ lo: Int, _ hi: Int,
                             _ cubic: (Double, Double, Double, Double, Double, Double, Double) -> Double,
                             _ quintic: (Double, Double, Double, Double, Double, Double, Double, Double, Double) -> Double) -> Double {
        let a = lo * dimension + component, b = hi * dimension + component
        let c0 = curvaturesRight[a], c1 = curvaturesLeft[b]
        if c0.isFinite && c1.isFinite {
            return quintic(t, times[lo], times[hi], states[a], states[b], slopes[a], slopes[b], c0, c1)
        }
        return cubic(t, times[lo], times[hi], states[a], states[b], slopes[a], slopes[b])
    }
}
