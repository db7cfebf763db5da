/// Misuse of the solver: a problem or options that cannot be solved as given.
///
/// These are thrown before any integration starts. Numerical trouble during a solve is a
/// ``ReturnCode``, never one of these.
public enum SolverError: Error, Equatable, CustomStringConvertible {
    /// The stepper needs a Jacobian and the problem has none.
    case jacobianRequired(Stepper)
    /// The initial state does not have `dimension` components, or the problem is empty.
    case dimensionMismatch(expected: Int, got: Int)
    /// A non-finite initial value.
    case nonFiniteInitialState(component: String)
    /// A time span that is empty or not finite.
    case invalidTimeSpan(start: Double, end: Double)
    /// A tolerance that is not positive and finite, or has the wrong number of components.
    case invalidTolerance(String)
    /// A step option that is not positive and finite.
    case invalidStep(String)
    /// A save schedule that cannot be honoured.
    case invalidSaveSchedule(String)
    /// Delays that are not positive, or delays with a method that keeps step history.
    case invalidDelays(String)
    /// The analytic Jacobian disagrees with finite differences of the right-hand side
    /// (``SolverOptions/checksJacobian``); column `n` is ∂f/∂t.
    case jacobianMismatch(row: Int, column: Int, discrepancy: Double)
    /// GSL could not allocate its workspace.
    case allocationFailed

    public var description: String {
        switch self {
        case .jacobianRequired(let s):
            return "stepper '\(s.rawValue)' needs a Jacobian, and this model has none; use rk8pd, rkf45, rkck or msadams"
        case .dimensionMismatch(let e, let g):
            return "initial state has \(g) components, expected \(e)"
        case .nonFiniteInitialState(let c):
            return "initial value of '\(c)' is not finite"
        case .invalidTimeSpan(let a, let b):
            return "time span \(a) to \(b) is empty or not finite"
        case .invalidTolerance(let m): return "invalid tolerance: \(m)"
        case .invalidStep(let m): return "invalid step option: \(m)"
        case .invalidSaveSchedule(let m): return "invalid save schedule: \(m)"
        case .invalidDelays(let m): return "invalid delays: \(m)"
        case .jacobianMismatch(let r, let c, let d):
            return "the analytic Jacobian's entry (\(r), \(c)) differs from central differences of the right-hand side by \(d) relative (column \(c) beyond the state is ∂f/∂t)"
        case .allocationFailed: return "GSL could not allocate the integrator"
        }
    }
}
