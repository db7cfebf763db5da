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
    /// The step being taken, while a step longer than a delay is iterated on its own interpolant:
    /// lookups past the last accepted point use it (or, without it, extrapolate that point's
    /// second-order Taylor expansion).
    private var provisional: (t0: Double, t1: Double, y0: [Double], y1: [Double], f0: [Double], f1: [Double])?

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
        let unknown = [Double](repeating: .nan, count: dimension)
        curvaturesLeft.append(contentsOf: left.map(Array.init) ?? unknown)
        curvaturesRight.append(contentsOf: right.map(Array.init) ?? unknown)
    }

    /// Drops every point after `t` (in the direction of integration): a step that overshot an
    /// event is replaced, from the event's instant on, by the restarted solution, and a lookup
    /// must never read the overshooting step's end (times stay sorted for the binary search).
    public func truncate(after t: Double) {
        var keep = times.count
        while keep > 0, direction * (times[keep - 1] - t) > 0 { keep -= 1 }
        guard keep < times.count else { return }
        times.removeLast(times.count - keep)
        for array in [\StateHistory.states, \.slopes, \.curvaturesLeft, \.curvaturesRight] {
            self[keyPath: array].removeLast(self[keyPath: array].count - keep * dimension)
        }
    }

    /// Sets the step in progress (cubic Hermite data of both ends) for lookups past the last point.
    public func setProvisional(t0: Double, t1: Double, y0: UnsafeBufferPointer<Double>, y1: UnsafeBufferPointer<Double>,
                               f0: UnsafeBufferPointer<Double>, f1: UnsafeBufferPointer<Double>) {
        provisional = (t0, t1, Array(y0), Array(y1), Array(f0), Array(f1))
    }

    public func clearProvisional() { provisional = nil }

    /// The interpolated value of `component` at `t`.
    public func value(_ component: Int, at t: Double) -> Double {
        switch locate(t) {
        case .beyond(let last): return ahead(component, t, last, slope: false)
        case .before: return before?(t, component) ?? initialState[component]
        case .at(let i): return states[i * dimension + component]
        case .between(let lo, let hi): return interpolate(component, t, lo, hi, HermiteStep.value, QuinticHermiteStep.value)
        }
    }

    /// The interpolated slope of `component` at `t` (the derivative of the Hermite interpolant);
    /// `nil` before the first accepted point, where only the history function's values are known.
    public func slope(_ component: Int, at t: Double) -> Double? {
        switch locate(t) {
        case .beyond(let last): return ahead(component, t, last, slope: true)
        case .before: return nil
        case .at(let i): return slopes[i * dimension + component]
        case .between(let lo, let hi): return interpolate(component, t, lo, hi, HermiteStep.slope, QuinticHermiteStep.slope)
        }
    }

    private enum Place { case before, at(Int), between(Int, Int), beyond(Int) }

    /// Past the last accepted point: the step in progress if set, else the last point's Taylor
    /// expansion to second order (first order where its curvature is unknown).
    private func ahead(_ component: Int, _ t: Double, _ last: Int, slope: Bool) -> Double {
        if let p = provisional, direction * (t - p.t1) <= 0 {
            let form = slope ? HermiteStep.slope : HermiteStep.value
            return form(t, p.t0, p.t1, p.y0[component], p.y1[component], p.f0[component], p.f1[component])
        }
        let i = last * dimension + component
        let s = t - times[last]
        let c = curvaturesRight[i].isFinite ? curvaturesRight[i] : 0
        return slope ? slopes[i] + c * s : states[i] + s * (slopes[i] + 0.5 * c * s)
    }

    /// Where `t` falls among the stored points: before the first, on one (the last, or a
    /// restart's duplicate time, where the later entry wins), or inside a step.
    private func locate(_ t: Double) -> Place {
        guard let first = times.first, direction * (t - first) >= 0 else { return .before }
        let n = times.count
        if direction * (t - times[n - 1]) > 0 { return .beyond(n - 1) }
        if n == 1 || t == times[n - 1] { return .at(n - 1) }
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
