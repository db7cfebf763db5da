/// An initial-value problem `y' = f(t, y, p)` on a time span, with events and optional delays.
///
/// A problem is an immutable value: the model's right-hand side, its parameters, the initial
/// state, the time span and the events. It says nothing about *how* to solve it; that is the
/// solver's business (`ODESolver` in `TakeoffGSL`), and the outcome is an ``ODESolution``.
/// Variants are made with ``with(parameters:)`` and friends, never by mutation of a shared value.
///
/// Time is in years throughout `takeoff` (decimal calendar years for the models), but the core
/// does not care about the unit.
public struct ODEProblem<Parameters: Sendable>: Sendable {
    /// Number of state components.
    public let dimension: Int
    /// Names of the state components, in order (used for CSV columns and messages).
    public var stateNames: [String]
    /// The right-hand side. `past` gives delayed states (see ``DelaySpecification``); models
    /// without delays ignore it.
    public var rhs: RightHandSide<Parameters>
    /// The Jacobian, if the model provides one; implicit steppers need it.
    public var jacobian: Jacobian<Parameters>?
    /// Model parameters (a typed struct).
    public var parameters: Parameters
    /// State at `timeSpan.start`.
    public var initialState: [Double]
    /// Integration interval; `end < start` integrates backward in time.
    public var timeSpan: (start: Double, end: Double)
    /// Conditions located during the integration.
    public var events: [Event<Parameters>]
    /// Delays, if the right-hand side reads past states.
    public var delays: DelaySpecification?

    /// Creates a problem whose right-hand side does not read past states.
    public init(
        stateNames: [String],
        parameters: Parameters,
        initialState: [Double],
        timeSpan: (start: Double, end: Double),
        events: [Event<Parameters>] = [],
        jacobian: Jacobian<Parameters>? = nil,
        rhs: @escaping @Sendable (
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>,
            _ p: Parameters
        ) throws -> Void
    ) {
        self.dimension = stateNames.count
        self.stateNames = stateNames
        self.rhs = RightHandSide(plain: rhs)
        self.jacobian = jacobian
        self.parameters = parameters
        self.initialState = initialState
        self.timeSpan = timeSpan
        self.events = events
        self.delays = nil
    }

    /// Creates a delay problem: the right-hand side reads `past.value(component, at: t - d)`.
    public init(
        stateNames: [String],
        parameters: Parameters,
        initialState: [Double],
        timeSpan: (start: Double, end: Double),
        delays: DelaySpecification,
        events: [Event<Parameters>] = [],
        rhs: @escaping @Sendable (
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>,
            _ p: Parameters, _ past: PastStates
        ) throws -> Void
    ) {
        self.dimension = stateNames.count
        self.stateNames = stateNames
        self.rhs = RightHandSide(rhs)
        self.jacobian = nil
        self.parameters = parameters
        self.initialState = initialState
        self.timeSpan = timeSpan
        self.events = events
        self.delays = delays
    }

    /// A copy with other parameters.
    public func with(parameters: Parameters) -> ODEProblem {
        var copy = self
        copy.parameters = parameters
        return copy
    }

    /// A copy with another initial state.
    public func with(initialState: [Double]) -> ODEProblem {
        var copy = self
        copy.initialState = initialState
        return copy
    }

    /// A copy with another time span.
    public func with(timeSpan: (start: Double, end: Double)) -> ODEProblem {
        var copy = self
        copy.timeSpan = timeSpan
        return copy
    }
}

/// The right-hand side `f(t, y, p)` (or `f(t, y, p, past)` for delay problems), writing
/// `dydt`. Throwing any error ends the solve with status ``ReturnCode/modelFailure`` and the
/// error's description as the message.
public struct RightHandSide<Parameters: Sendable>: Sendable {
    public typealias Plain = @Sendable (
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>, _ p: Parameters
    ) throws -> Void
    public typealias Delayed = @Sendable (
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>,
        _ p: Parameters, _ past: PastStates
    ) throws -> Void

    /// The form without past states (kept separate so the solver calls it directly, without
    /// an extra closure in the hot path).
    public let plain: Plain?
    /// The delay form.
    public let delayed: Delayed?

    public init(plain: @escaping Plain) {
        self.plain = plain
        self.delayed = nil
    }

    public init(_ delayed: @escaping Delayed) {
        self.plain = nil
        self.delayed = delayed
    }

    /// Evaluates either form.
    public func evaluate(
        _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>,
        _ p: Parameters, _ past: PastStates
    ) throws {
        if let plain { try plain(t, y, dydt, p) } else { try delayed!(t, y, dydt, p, past) }
    }
}

/// How the Jacobian `∂f_i/∂y_j` (row-major, `dfdy[i*n + j]`) and `∂f/∂t` are obtained.
public enum Jacobian<Parameters: Sendable>: Sendable {
    /// An analytic Jacobian written by the model.
    case analytic(
        @Sendable (
            _ t: Double, _ y: UnsafeBufferPointer<Double>, _ dfdy: UnsafeMutableBufferPointer<Double>,
            _ dfdt: UnsafeMutableBufferPointer<Double>, _ p: Parameters
        ) throws -> Void)
    /// Forward differences of the right-hand side, step `sqrt(ε)·max(|y_j|, 1)` (and the same
    /// in `t`). Costs `n + 1` extra right-hand-side evaluations per Jacobian; accurate to about
    /// half the digits of a double, which is ample for the Newton iterations of msbdf and bsimp.
    case finiteDifferences
}
