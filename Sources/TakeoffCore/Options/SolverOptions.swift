/// How a problem is solved: method, tolerances, step limits, what is saved, and the
/// thresholds of event location and singularity detection.
///
/// Error control (per component `i`, on each step's local error estimate `e_i`):
///
///     max_i |e_i| / (atol_i + rtol_i·|y_i|) <= 1
///
/// Tests assert global errors against the same scale, `|y - y_exact| / (atol + rtol·|y_exact|)`.
public struct SolverOptions: Sendable, Equatable {
    /// Integration method.
    public var stepper: Stepper = .rk8pd
    /// Relative tolerance: one value for all components, or one per component.
    public var relativeTolerance: Tolerance = .scalar(1e-8)
    /// Absolute tolerance: one value for all components, or one per component.
    public var absoluteTolerance: Tolerance = .scalar(1e-10)
    /// First trial step (positive; its sign follows the direction of integration). `nil`
    /// chooses `1e-4·|span|`, which the error control enlarges or shrinks within a few steps.
    public var initialStep: Double? = nil
    /// Largest step (positive). `nil`: no limit.
    public var maxStep: Double? = nil
    /// Most accepted steps before the solve stops with ``ReturnCode/maxStepsReached``.
    public var maxSteps: Int = 1_000_000
    /// Most points a save schedule may ask for (`.every(Δt)`: `span/Δt + 1`; `.at`: the count):
    /// a larger schedule is refused before the solve (``SolverError/invalidSaveSchedule(_:)``),
    /// so no input allocates without bound. Saving every step is bounded by ``maxSteps`` (at most
    /// `3·maxSteps + 1` rows, counting the two rows of each restart). Each saved point costs
    /// `16·dimension + 8` bytes.
    public var maxSavedPoints: Int = 10_000_000
    /// Which points the solution keeps.
    public var save: SaveSchedule = .steps
    /// Width (in time units, years) of the final bracket around an event's crossing: the absolute
    /// floor of the event-time tolerance `max(eventTimeTolerance, eventTimeRelativeTolerance·|t|,
    /// 16 ulp(t))`.
    public var eventTimeTolerance: Double = 1e-9
    /// The event-time tolerance relative to `|t|`, so that root finding ends at any magnitude of
    /// t (an event near t = 2e9 cannot be located to an absolute 1e-9: that is below the
    /// resolution of t). At the calendar years of the models (|t| ≈ 2000) the absolute
    /// ``eventTimeTolerance`` governs; the relative term takes over above |t| ≈ 10⁴.
    public var eventTimeRelativeTolerance: Double = 1e-13
    /// Interior points per accepted step at which every event condition (but those declared
    /// ``Event/isMonotone``) is checked on the step's cubic Hermite interpolant, besides the
    /// step's two ends. A condition that crosses zero and back within one step is found when the
    /// interpolant changes sign between two consecutive check points (SciML's `interp_points`,
    /// 10 by default there too). 0: ends only.
    public var eventInteriorPoints: Int = 10
    /// A state component above this magnitude ends the solve as a ``ReturnCode/singularity``.
    public var divergenceThreshold: Double = 1e100
    /// A projected blow-up closer than this (time units) ends the solve as a singularity.
    public var singularityTimeTolerance: Double = 1e-9
    /// Whether finite-time blow-up is detected at all (off: the solve runs until a limit).
    public var detectsSingularities: Bool = true
    /// Check a supplied analytic Jacobian against central differences of the right-hand side at
    /// the initial state before solving (``ODEProblem/jacobianDiscrepancy(at:state:)``); a
    /// discrepancy above 1e-4 throws ``SolverError/jacobianMismatch(row:column:discrepancy:)``.
    public var checksJacobian: Bool = false
    /// Wall-clock guard [seconds]: a solve still running after this long ends with status
    /// ``ReturnCode/modelFailure`` and a message (checked every 256 steps). A guard against
    /// hostile parameter draws, far above any real solve (milliseconds); when it fires the
    /// outcome depends on machine speed, which the message says.
    public var timeLimitSeconds: Double = 60

    public init(
        stepper: Stepper = .rk8pd,
        relativeTolerance: Tolerance = .scalar(1e-8),
        absoluteTolerance: Tolerance = .scalar(1e-10),
        initialStep: Double? = nil,
        maxStep: Double? = nil,
        maxSteps: Int = 1_000_000,
        save: SaveSchedule = .steps,
        eventTimeTolerance: Double = 1e-9,
        eventTimeRelativeTolerance: Double = 1e-13,
        eventInteriorPoints: Int = 10,
        divergenceThreshold: Double = 1e100,
        singularityTimeTolerance: Double = 1e-9,
        detectsSingularities: Bool = true,
        timeLimitSeconds: Double = 60
    ) {
        self.stepper = stepper
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
        self.initialStep = initialStep
        self.maxStep = maxStep
        self.maxSteps = maxSteps
        self.save = save
        self.eventTimeTolerance = eventTimeTolerance
        self.eventTimeRelativeTolerance = eventTimeRelativeTolerance
        self.eventInteriorPoints = eventInteriorPoints
        self.divergenceThreshold = divergenceThreshold
        self.singularityTimeTolerance = singularityTimeTolerance
        self.detectsSingularities = detectsSingularities
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// The event-time tolerance at time `t` (see ``eventTimeTolerance``).
    public func eventTolerance(at t: Double) -> Double {
        max(eventTimeTolerance, eventTimeRelativeTolerance * abs(t), 16 * abs(t).ulp)
    }
}

/// A tolerance: one value for every component, or one per component.
public enum Tolerance: Sendable, Equatable {
    case scalar(Double)
    case perComponent([Double])

    /// The tolerance of each of `dimension` components.
    public func values(dimension: Int) -> [Double] {
        switch self {
        case .scalar(let v): return Array(repeating: v, count: dimension)
        case .perComponent(let v): return v
        }
    }
}

/// Which points a solution keeps.
public enum SaveSchedule: Sendable, Equatable {
    /// Every accepted step (and the start).
    case steps
    /// The start, every `Δt` after it (times `start + k·Δt`, not accumulated), and the end.
    /// The integrator steps exactly onto each save time, so saved values are integrated, not
    /// interpolated.
    case every(Double)
    /// Exactly these times (within the span; sorted in the direction of integration).
    case at([Double])
}
