/// The outcome of a solve: saved points, located events, a status and work counters.
///
/// States are stored row-major in one contiguous array (`values[row * dimension + i]`), with
/// the derivative at each saved point beside them (`derivatives`, same layout), so
/// ``value(_:at:)`` is the cubic Hermite interpolant of the integrated solution between saved
/// points (error O(h⁴) in the spacing of the saved points; a regime change between two saved
/// points that are not its own rows is interpolated across).
public struct ODESolution<Parameters: Sendable>: Sendable {
    /// Names of the state components.
    public var stateNames: [String]
    /// Saved times.
    public var times: [Double] = []
    /// Saved states, row-major.
    public var values: [Double] = []
    /// The derivative at each saved point, row-major (the right-hand side at the saved state).
    public var derivatives: [Double] = []
    /// Every located event crossing, in time order.
    public var events: [EventRecord] = []
    /// How the solve ended.
    public var status: ReturnCode = .success
    /// Name of the event that ended the solve, if one did.
    public var terminatingEvent: String?
    /// Estimated blow-up time when `status == .singularity` (see ``SingularityMonitor``).
    public var blowUpTime: Double?
    /// The extrapolated accumulation time of the events when `status == .eventsAccumulate`
    /// (Aitken's Δ² on the last three action times of the accumulating event), if they shrink
    /// geometrically.
    public var accumulationTime: Double?
    /// A human-readable explanation of a non-success status.
    public var message: String?
    /// Work counters.
    public var stats = SolverStats()
    /// The parameters in force from each saved row on: `(firstRow, parameters)`, starting at
    /// row 0. State-changing events may switch parameters mid-solve.
    public var parameterSegments: [(firstRow: Int, parameters: Parameters)] = []
    /// A delay problem's history of accepted steps (values and slopes at any past time, by the
    /// interpolant the solve itself used); empty for problems without delays.
    public var past = PastStates(nil)

    public init(stateNames: [String]) { self.stateNames = stateNames }

    /// Number of state components.
    public var dimension: Int { stateNames.count }
    /// Number of saved points.
    public var count: Int { times.count }

    /// The state saved at `row` (indices from 0).
    public func state(at row: Int) -> [Double] {
        Array(values[(row * dimension)..<((row + 1) * dimension)])
    }

    /// The saved values of the component named `name`, or `nil` if there is none.
    public func column(_ name: String) -> [Double]? {
        guard let i = stateNames.firstIndex(of: name) else { return nil }
        return (0..<count).map { values[$0 * dimension + i] }
    }

    /// The parameters in force at saved `row`.
    public func parameters(atRow row: Int) -> Parameters {
        // The last segment starting at or before `row` (segments are in row order); binary search,
        // as a run with hundreds of regime changes asks for every row.
        var lo = 0, hi = parameterSegments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if parameterSegments[mid].firstRow <= row { lo = mid } else { hi = mid - 1 }
        }
        return parameterSegments[lo].parameters
    }

    /// The first crossing of the event named `name`, if any.
    public func firstEvent(named name: String) -> EventRecord? {
        events.first { $0.name == name }
    }

    /// Component `i` at time `t` from the cubic Hermite interpolant of the saved values and
    /// derivatives of the two saved points around it (`nil` outside the saved span). At a time
    /// saved twice (an event's instant, before and after its action) the later row.
    public func value(_ i: Int, at t: Double) -> Double? {
        guard let first = times.first, let last = times.last else { return nil }
        let lo = min(first, last), hi = max(first, last)
        guard t >= lo, t <= hi else { return nil }
        let forward = last >= first
        // The last row at or before t (binary search; times are monotone in the direction).
        var a = 0, b = count - 1
        while a < b {
            let mid = (a + b + 1) / 2
            if forward ? times[mid] <= t : times[mid] >= t { a = mid } else { b = mid - 1 }
        }
        let k = a
        if k + 1 >= count || times[k] == t { return values[k * dimension + i] }
        let (y0, y1) = (values[k * dimension + i], values[(k + 1) * dimension + i])
        let (f0, f1) = (derivatives[k * dimension + i], derivatives[(k + 1) * dimension + i])
        guard f0.isFinite, f1.isFinite else {
            let w = (t - times[k]) / (times[k + 1] - times[k])
            return (1 - w) * y0 + w * y1
        }
        return HermiteStep.value(t: t, t0: times[k], t1: times[k + 1], y0: y0, y1: y1, f0: f0, f1: f1)
    }

    /// Appends a saved point.
    public mutating func append(time: Double, state: UnsafeBufferPointer<Double>, derivative: UnsafeBufferPointer<Double>) {
        times.append(time)
        values.append(contentsOf: state)
        derivatives.append(contentsOf: derivative)
    }
}
