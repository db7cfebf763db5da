/// How a solve ended. Numerical outcomes are statuses, not errors.
///
/// Every case is told apart by its case, never by a message. ``rawValue`` is the word outputs
/// print (JSON, CSV, console): the three ways a solve can fail inside the model or the step
/// control (``modelFailure``, ``stepSizeTooSmall``, ``timeLimitReached``) all print
/// `modelFailure`, as they did before they were separate cases.
public enum ReturnCode: Sendable, Codable, CaseIterable, RawRepresentable {
    /// Reached the end of the time span.
    case success
    /// A terminating event fired (see ``ODESolution/terminatingEvent``).
    case terminatedByEvent
    /// The step limit ``SolverOptions/maxSteps`` was reached first. Raise the limit, loosen the
    /// tolerances, or use a stiff method (`msbdf`) if the problem is stiff.
    case maxStepsReached
    /// A state diverges in finite time (hyperbolic growth). ``ODESolution/blowUpTime`` holds
    /// the estimated blow-up time; everything saved before is valid. A result, not a failure.
    case singularity
    /// The state or its derivative became NaN or infinite without a detectable blow-up;
    /// usually a model evaluated outside its domain (log of a negative, 0/0).
    case nonFiniteState
    /// Events accumulate (Zeno behaviour): an event would act for the third time in a row within
    /// two event-time tolerances of its own previous action, each time from a restart that left
    /// its condition on the surface, so the instants can no longer be resolved (a bouncing ball at
    /// its accumulation point). ``ODESolution/accumulationTime`` holds the extrapolated limit of
    /// the event times where three actions give one; everything saved before is valid.
    case eventsAccumulate
    /// The model's right-hand side threw an error (see ``ODESolution/message``).
    case modelFailure
    /// The step size fell to the resolution of t without meeting the tolerances.
    case stepSizeTooSmall
    /// The wall-clock guard ``SolverOptions/timeLimitSeconds`` stopped the solve (whether it
    /// fires depends on the machine).
    case timeLimitReached

    /// The word outputs print for this outcome.
    public var rawValue: String {
        switch self {
        case .success: return "success"
        case .terminatedByEvent: return "terminatedByEvent"
        case .maxStepsReached: return "maxStepsReached"
        case .singularity: return "singularity"
        case .nonFiniteState: return "nonFiniteState"
        case .eventsAccumulate: return "eventsAccumulate"
        case .modelFailure, .stepSizeTooSmall, .timeLimitReached: return "modelFailure"
        }
    }

    /// The outcome a printed word stands for (`modelFailure` reads back as ``modelFailure``).
    public init?(rawValue: String) {
        guard let code = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = code
    }

    /// Whether this outcome is a result (success, a terminating event, a singularity) rather
    /// than a numerical failure.
    public var isResult: Bool {
        switch self {
        case .success, .terminatedByEvent, .singularity, .eventsAccumulate: return true
        case .maxStepsReached, .nonFiniteState, .modelFailure, .stepSizeTooSmall, .timeLimitReached: return false
        }
    }
}

/// Work counters of one solve (all solver work, including event location).
public struct SolverStats: Sendable, Equatable, Codable {
    /// Right-hand-side evaluations (also those inside finite-difference Jacobians).
    public var rhsEvaluations = 0
    /// Jacobian evaluations.
    public var jacobianEvaluations = 0
    /// Accepted steps of the main integration.
    public var acceptedSteps = 0
    /// Steps rejected by the error control or retried after a non-finite evaluation.
    public var rejectedSteps = 0
    /// Evaluations of event conditions.
    public var eventFunctionEvaluations = 0

    public init() {}
}
