/// A named condition `g(t, y, p)` whose sign changes are located during a solve.
///
/// Sign changes are detected on every accepted step. The crossing is first located on the
/// step's cubic Hermite interpolant, then refined on states re-integrated from the step's
/// start, so the reported time is within ``SolverOptions/eventTimeTolerance`` of the crossing
/// of the *integrated* solution (whose own error is bounded by the tolerances), and the
/// reported state is the integrated state at that time, not an interpolation. The reported
/// time is the end of the final bracket on the far side of the crossing, so `g` has changed
/// sign at the reported state.
///
/// A crossing needs a strict sign change: a condition that is exactly zero at the start of a
/// step is not reported there (this keeps a restart at an event from firing it again).
public struct Event<Parameters: Sendable>: Sendable {
    /// Name used in solutions, CSV and JSON output (camelCase, e.g. `trainingRun1e26Year`).
    public var name: String
    /// Which sign changes count.
    public var direction: EventDirection
    /// What happens at a crossing.
    public var action: EventAction<Parameters>
    /// The condition; a crossing is a sign change of its value. `past` reads delayed values as
    /// the right-hand side does (empty for problems without delays).
    public var condition: @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ p: Parameters, _ past: PastStates) -> Double

    public init(
        name: String,
        direction: EventDirection = .either,
        action: EventAction<Parameters> = .record,
        condition: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ p: Parameters) -> Double
    ) {
        self.name = name
        self.direction = direction
        self.action = action
        self.condition = { t, y, p, _ in condition(t, y, p) }
    }

    /// An event whose condition reads delayed values (a delay problem's past states).
    public init(
        name: String,
        direction: EventDirection = .either,
        action: EventAction<Parameters> = .record,
        delayedCondition: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ p: Parameters, _ past: PastStates) -> Double
    ) {
        self.name = name
        self.direction = direction
        self.action = action
        self.condition = delayedCondition
    }
}

/// Which sign changes of an event condition count as crossings.
public enum EventDirection: String, Sendable, Codable, CaseIterable {
    /// From negative to non-negative.
    case rising
    /// From positive to non-positive.
    case falling
    /// Either.
    case either

    /// Whether the change from `before` to `after` is a crossing in this direction.
    @inlinable
    public func isCrossing(from before: Double, to after: Double) -> Bool {
        switch self {
        case .rising: return before < 0 && after >= 0
        case .falling: return before > 0 && after <= 0
        case .either: return (before < 0 && after >= 0) || (before > 0 && after <= 0)
        }
    }
}

/// What the solver does at a located crossing. Every crossing is recorded first.
public enum EventAction<Parameters: Sendable>: Sendable {
    /// Record and continue.
    case record
    /// Stop the solve (status ``ReturnCode/terminatedByEvent``) at the n-th crossing of this
    /// event (n ≥ 1); earlier crossings are recorded and the solve continues.
    case terminate(afterOccurrences: Int)
    /// Change the state and/or the parameters at the crossing and restart the integration
    /// there (regime switches, resets such as a theft, a wake-up switch). The integrator's
    /// step history is discarded, so nothing from before the change leaks into the new regime.
    case modify(@Sendable (_ t: Double, _ state: inout [Double], _ parameters: inout Parameters) -> Void)

    /// Stop at the first crossing.
    public static var terminate: EventAction { .terminate(afterOccurrences: 1) }
}

/// One located crossing.
public struct EventRecord: Sendable, Equatable {
    /// The event's name.
    public var name: String
    /// Time of the crossing.
    public var time: Double
    /// The integrated state at `time` (before any modification the event makes).
    public var state: [Double]
    /// 1 for the event's first crossing, 2 for its second, …
    public var occurrence: Int

    public init(name: String, time: Double, state: [Double], occurrence: Int) {
        self.name = name
        self.time = time
        self.state = state
        self.occurrence = occurrence
    }
}
