/// A named condition `g(t, y, p)` whose sign changes are located during a solve.
///
/// **Detection.** On every accepted step `[t₀, t₁]` the condition is evaluated at both ends (on
/// the integrated states) and at ``SolverOptions/eventInteriorPoints`` equally spaced interior
/// points on the step's cubic Hermite interpolant. Each pair of consecutive check points whose
/// values change sign in the event's ``direction`` is a crossing, so a condition that crosses
/// zero and back within one step (the flight of a bouncing ball, a level touched between two
/// ends of equal sign) is found. Where three consecutive check values of one sign lie on a
/// parabola that turns back across zero, the condition's extremum between them is searched on the
/// interpolant (parabolic steps), so a level touched between two check points (1 mm below a
/// ball's apex, crossed twice within 28 ms) is found too. What can still be missed: a pair of
/// crossings between check points that the parabola through them does not predict, and an
/// excursion smaller than the interpolant's error (O(h⁴) in the step). A condition that is monotone along solutions cannot cross twice in a
/// step: declare it ``isMonotone`` and only the ends are checked.
///
/// **Location.** A crossing is first located on the interpolant (cheap, no solver work), then
/// refined on states re-integrated from the step's start, so the reported time is within the
/// event-time tolerance (``SolverOptions/eventTolerance(at:)``) of the crossing of the
/// *integrated* solution (whose own error is bounded by the tolerances), and the reported state
/// is the integrated state at that time, not an interpolation. The reported time is the end of
/// the final bracket on the far side of the crossing, so `g` has changed sign at the reported
/// state.
///
/// **Zero.** A crossing needs a strict sign change: a condition exactly zero at a check point
/// carries no sign, and the crossing is counted when a later check point shows the sign change
/// (a zero at the start of a step is "just crossed").
///
/// **Restarts.** After an instant at which events act (see ``EventAction``), an event recorded
/// there whose condition the actions left no farther from zero than at its located crossing
/// (`|g⁺| ≤ |g⁻|`, the located state sits a hair past the surface) restarts as "just crossed":
/// at zero, or, where its rate of change along the new solution points back to the side it
/// came from (a reflection such as a bounce), on that side, so its next crossing of the same
/// surface is seen however soon it comes. The step size after a restart is a fresh estimate
/// (Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.4), not the last step's.
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
    /// The condition is monotone along every solution (a time, a cumulative quantity, a count of
    /// automated tasks), so it crosses at most once per step: the interior checks are skipped.
    public var isMonotone: Bool

    public init(
        name: String,
        direction: EventDirection = .either,
        action: EventAction<Parameters> = .record,
        monotone: Bool = false,
        condition: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ p: Parameters) -> Double
    ) {
        self.name = name
        self.direction = direction
        self.action = action
        self.isMonotone = monotone
        self.condition = { t, y, p, _ in condition(t, y, p) }
    }

    /// An event whose condition reads delayed values (a delay problem's past states).
    public init(
        name: String,
        direction: EventDirection = .either,
        action: EventAction<Parameters> = .record,
        monotone: Bool = false,
        delayedCondition: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ p: Parameters, _ past: PastStates) -> Double
    ) {
        self.name = name
        self.direction = direction
        self.action = action
        self.isMonotone = monotone
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
///
/// **Simultaneous events.** The first instant `tₑ` in a step at which an event acts (a `modify`,
/// or a `terminate` at its n-th crossing) is handled the same whatever the order of the
/// events in the problem's list, except where the list order is stated:
/// 1. every crossing located before `tₑ` is recorded at its own time and state;
/// 2. every event whose condition has crossed by `tₑ` is recorded at `tₑ` with the same
///    integrated state, the state *before* any action (in list order among themselves);
/// 3. the `modify` actions of those events apply in list order, each to the state and
///    parameters the previous one left;
/// 4. an event that had not crossed before the actions but has crossed because of them is
///    recorded at `tₑ` with the state after them, and its action applies in turn (a few rounds);
/// 5. if any event at `tₑ` reached its termination count, the solve ends there with status
///    ``ReturnCode/terminatedByEvent`` (``ODESolution/terminatingEvent``: the first such in list
///    order), and the last saved row is the state after the actions; otherwise the integration
///    restarts at `tₑ` from that state.
///
/// An event that would act for the third time in a row within two event-time tolerances of its
/// own previous action, each time from a restart that left its condition on the surface, ends
/// the solve as ``ReturnCode/eventsAccumulate``: such instants cannot be told apart.
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
    /// The integrated state at `time`, before the actions of that instant; for an event that
    /// crossed because of another event's action at the same instant, the state after it.
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
