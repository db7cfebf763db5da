import TakeoffCore

/// Event location: detection on accepted steps, root finding on the interpolant, refinement
/// on re-integrated states, and the actions.
extension SolveRun {
    enum EventOutcome { case proceed, restarted, stop }

    /// Evaluates every event condition at the current point.
    func evaluateEvents(into values: inout [Double]) {
        let yb = UnsafeBufferPointer(y)
        let past = self.past, p = parameters
        for k in conditions.indices {
            values[k] = conditions[k](t, yb, p, past)
        }
        eventEvaluations += problem.events.count
    }

    /// Looks for crossings on the step just accepted and acts on them in time order.
    func processEvents() -> EventOutcome {
        var newValues = eventValues
        evaluateEvents(into: &newValues)
        // Crossings in the order of their interpolant roots. Only the first change of regime matters
        // (the integration restarts there), so conditions whose interpolant root lies beyond it are
        // located only if they have already crossed at that instant; the rest are found again after
        // the restart. This saves locating, over and over, milestones that a string of regime
        // changes keeps pre-empting.
        var pending: [(index: Int, guess: Double)] = []
        for (k, event) in problem.events.enumerated()
        where event.direction.isCrossing(from: eventValues[k], to: newValues[k]) {
            pending.append((k, interpolantRoot(k, before: eventValues[k], after: newValues[k])))
        }
        pending.sort { direction * ($1.guess - $0.guess) > 0 }
        var crossings: [(index: Int, time: Double, state: [Double])] = []
        let past = self.past
        var change: (time: Double, state: [Double])?
        for (k, guess) in pending {
            if let change {
                let g = change.state.withUnsafeBufferPointer { conditions[k](change.time, $0, parameters, past) }
                eventEvaluations += 1
                guard problem.events[k].direction.isCrossing(from: eventValues[k], to: g) else { continue }
            }
            let (time, state) = locate(k, before: eventValues[k], after: newValues[k], guess: guess)
            crossings.append((k, time, state))
            let acts: Bool
            switch problem.events[k].action {
            case .record: acts = false
            case .terminate(let count): acts = occurrences[k] + 1 >= count
            case .modify: acts = true
            }
            if change == nil, acts { change = (time, state) }
        }
        if crossings.isEmpty {
            eventValues = newValues
            return .proceed
        }
        crossings.sort { direction * ($1.time - $0.time) > 0 }
        var handled: Set<Int> = []
        for crossing in crossings {
            handled.insert(crossing.index)
            let event = problem.events[crossing.index]
            occurrences[crossing.index] += 1
            let occurrence = occurrences[crossing.index]
            solution.events.append(EventRecord(name: event.name, time: crossing.time, state: crossing.state,
                                               occurrence: occurrence))
            switch event.action {
            case .record:
                continue
            case .terminate(let count):
                if occurrence < count { continue }
                t = crossing.time
                _ = y.update(fromContentsOf: crossing.state)
                solution.status = .terminatedByEvent
                solution.terminatingEvent = event.name
                saveFinal()
                return .stop
            case .modify(let change):
                let stop = restart(at: crossing.time, from: crossing.state, applying: change, handled: handled)
                return stop ? .stop : .restarted
            }
        }
        eventValues = newValues
        return .proceed
    }

    /// Applies a state/parameter change at `time` and restarts the integration there.
    ///
    /// Other conditions may have crossed by the same instant: two thresholds reached together
    /// (fractions with equal paths hitting equal caps), or a change that moves a quantity past
    /// another event's threshold. Every event not yet `handled` in this step whose condition has
    /// crossed between the step's start and the state after the change is recorded at `time`
    /// and its action applied in turn (a few rounds at most); returns whether one terminated.
    private func restart(at time: Double, from state: [Double],
                         applying change: @escaping (Double, inout [Double], inout P) -> Void, handled: Set<Int>) -> Bool {
        t = time
        _ = y.update(fromContentsOf: state)
        let before = eventValues
        if case .steps = options.save { saveCurrent() }
        if history != nil {
            _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
            recordHistory(side: .left)
        }
        var newState = state
        var newParameters = parameters
        change(time, &newState, &newParameters)
        precondition(newState.count == n, "an event action changed the state's dimension")
        parameters = newParameters
        _ = y.update(fromContentsOf: newState)
        var stop = false
        var applied = handled
        for _ in 0..<8 {
            var after = before
            evaluateEvents(into: &after)
            var changed = false
            for (k, event) in problem.events.enumerated()
            where !applied.contains(k) && event.direction.isCrossing(from: before[k], to: after[k]) {
                occurrences[k] += 1
                solution.events.append(EventRecord(name: event.name, time: time, state: newState, occurrence: occurrences[k]))
                applied.insert(k)
                switch event.action {
                case .record:
                    continue
                case .terminate(let count):
                    if occurrences[k] >= count {
                        stop = true
                        solution.status = .terminatedByEvent
                        solution.terminatingEvent = event.name
                    }
                case .modify(let next):
                    next(time, &newState, &newParameters)
                    parameters = newParameters
                    _ = y.update(fromContentsOf: newState)
                    changed = true
                }
                if stop || changed { break }
            }
            if stop || !changed { break }
        }
        installClosures()
        main.restart()
        addBreakpoints(after: time)
        _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
        recordHistory(side: .right)
        solution.parameterSegments.append((solution.count, parameters))
        if case .steps = options.save {
            saveCurrent()
        } else if saveIndex < saveTimes.count, t == saveTimes[saveIndex] {
            saveCurrent()
            saveIndex += 1
        }
        evaluateEvents(into: &eventValues)
        monitor = SingularityMonitor(direction: direction, floor: absolute)
        if stop { saveFinal() }
        return stop
    }

    /// The crossing of event `k` in the step `[tPrev, t]`, to `eventTimeTolerance`, and the
    /// integrated state there.
    ///
    /// First the root of the condition on the step's cubic Hermite interpolant (cheap, no
    /// solver work); then the bracket is closed on *re-integrated* states: probes at the
    /// interpolant's root and half a tolerance beyond it usually close it in two
    /// re-integrations; Illinois iterations on re-integrated values finish otherwise.
    private func locate(_ k: Int, before ga: Double, after gb: Double, guess: Double) -> (Double, [Double]) {
        // gb = 0 is not "the root is at t": a condition that jumps lands on exactly 0; bisect for where.
        let condition = conditions[k]
        let p = parameters, past = self.past
        let tolerance = options.eventTimeTolerance
        let (a0, b0) = (tPrev, t)
        func exact(_ time: Double) -> Double {
            reintegrate(to: time)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p, past)
        }
        func crossed(_ g: Double) -> Bool { g == 0 || (g < 0) == (gb < 0) }
        var (a, b, fa, fb) = (a0, b0, ga, gb)
        // Probe the interpolant's root, then half a tolerance past it on the open side.
        for _ in 0..<2 where abs(b - a) > tolerance {
            let probe: Double
            if a == a0 && b == b0 {
                probe = guess
            } else if b != b0 {
                probe = b - direction * 0.5 * tolerance
            } else {
                probe = a + direction * 0.5 * tolerance
            }
            guard direction * (probe - a) > 0, direction * (b - probe) > 0 else { break }
            let g = exact(probe)
            if crossed(g) { (b, fb) = (probe, g) } else { (a, fa) = (probe, g) }
        }
        // Illinois steps on re-integrated values finish the bracket, keeping "reached" (g = 0 or
        // past) on b's side: a condition that jumps lands exactly on 0 after its jump, and the
        // crossing is the start of that region, not the bracket's end.
        if abs(b - a) > tolerance {
            b = BracketingRoot.illinois(a, b, ga: fa, gb: fb, tolerance: tolerance, exact)
        }
        reintegrate(to: b)
        return (b, Array(scratch))
    }

    /// The root of event `k`'s condition on the step's cubic Hermite interpolant (no solver work).
    private func interpolantRoot(_ k: Int, before ga: Double, after gb: Double) -> Double {
        let condition = conditions[k]
        let p = parameters, past = self.past
        let (a0, b0) = (tPrev, t)
        return BracketingRoot.illinois(a0, b0, ga: ga, gb: gb, tolerance: options.eventTimeTolerance / 16) { time in
            HermiteStep.state(t: time, t0: a0, t1: b0, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                              f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p, past)
        }
    }

    /// Integrates from the step's start `(tPrev, yPrev)` to `time` into `scratch`, with the
    /// same tolerances. Falls back to the interpolant if that integration fails.
    func reintegrate(to time: Double) {
        let work = locator
        work.restart()
        _ = scratch.update(fromContentsOf: yPrev)
        var tt = tPrev
        var hh = time - tPrev
        while tt != time {
            guard work.step(t: &tt, to: time, h: &hh, y: scratch.baseAddress!) == .accepted else {
                HermiteStep.state(t: time, t0: tPrev, t1: t, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                                  f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
                return
            }
        }
    }
}
