/// Constant delays read by a delay right-hand side, and the state before the start time.
///
/// The solver keeps every accepted step `(t, y, y', y'')` and answers `y(t - d)` by quintic
/// Hermite interpolation between the two accepted steps around `t - d` (`O(h⁶)`, twice
/// continuously differentiable across steps; cubic where a second derivative is unknown). It
/// steps onto each restart time + d, where a jump of the past reaches the present. A step longer
/// than a delay reads part of its own span: it is first taken with the last point's Taylor
/// extrapolation, then redone with lookups on its own interpolant until the end state settles
/// (the approach of Shampine & Thompson's dde23), so a delay far below the dynamics' time scale
/// does not force steps as short as the delay.
public struct DelaySpecification: Sendable {
    /// The delays, in the problem's time unit; all positive.
    public var delays: [Double]
    /// The state before the start time, as a function of time; `nil` means constant at the
    /// initial state.
    public var history: (@Sendable (_ t: Double, _ component: Int) -> Double)?

    public init(delays: [Double], history: (@Sendable (_ t: Double, _ component: Int) -> Double)? = nil) {
        self.delays = delays
        self.history = history
    }
}

/// Read access to past states inside a delay right-hand side.
public struct PastStates: @unchecked Sendable {
    // The store is owned by one solve on one thread; this view never escapes the RHS call.
    @usableFromInline let store: StateHistory?

    public init(_ store: StateHistory?) { self.store = store }

    /// The value of state `component` at time `t` (before the current time).
    @inlinable
    public func value(_ component: Int, at t: Double) -> Double {
        guard let store else { return .nan }
        return store.value(component, at: t)
    }

    /// The slope of state `component` at time `t` (before the current time), from the same
    /// interpolant; `nil` before the start time (the history function gives values only).
    public func slope(_ component: Int, at t: Double) -> Double? {
        store?.slope(component, at: t)
    }
}
