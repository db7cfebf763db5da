import TakeoffCore

/// Event location: detection on accepted steps, root finding on the interpolant, refinement
/// on re-integrated states, and the actions.
extension SolveRun {
    enum EventOutcome { case proceed, restarted, stop }

    /// Evaluates every event condition at the current point.
    func evaluateEvents(into values: inout [Double]) {
        let yb = UnsafeBufferPointer(y)
        for (k, event) in problem.events.enumerated() {
            values[k] = event.condition(t, yb, parameters)
        }
        eventEvaluations += problem.events.count
    }

    /// Looks for crossings on the step just accepted and acts on them in time order.
    func processEvents() -> EventOutcome {
        var newValues = eventValues
        evaluateEvents(into: &newValues)
        var crossings: [(index: Int, time: Double, state: [Double])] = []
        for (k, event) in problem.events.enumerated()
        where event.direction.isCrossing(from: eventValues[k], to: newValues[k]) {
            let (time, state) = locate(k, before: eventValues[k], after: newValues[k])
            crossings.append((k, time, state))
        }
        if crossings.isEmpty {
            eventValues = newValues
            return .proceed
        }
        crossings.sort { direction * ($1.time - $0.time) > 0 }
        for crossing in crossings {
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
                restart(at: crossing.time, from: crossing.state, applying: change)
                return .restarted
            }
        }
        eventValues = newValues
        return .proceed
    }

    /// Applies a state/parameter change at `time` and restarts the integration there.
    private func restart(at time: Double, from state: [Double],
                         applying change: (Double, inout [Double], inout P) -> Void) {
        t = time
        _ = y.update(fromContentsOf: state)
        if case .steps = options.save { saveCurrent() }
        if let history {
            _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
            history.append(t: t, y: UnsafeBufferPointer(y), dydt: UnsafeBufferPointer(f))
        }
        var newState = state
        var newParameters = parameters
        change(time, &newState, &newParameters)
        precondition(newState.count == n, "an event action changed the state's dimension")
        parameters = newParameters
        installClosures()
        _ = y.update(fromContentsOf: newState)
        main.restart()
        _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
        history?.append(t: t, y: UnsafeBufferPointer(y), dydt: UnsafeBufferPointer(f))
        solution.parameterSegments.append((solution.count, parameters))
        if case .steps = options.save {
            saveCurrent()
        } else if saveIndex < saveTimes.count, t == saveTimes[saveIndex] {
            saveCurrent()
            saveIndex += 1
        }
        evaluateEvents(into: &eventValues)
        monitor = SingularityMonitor(direction: direction, floor: absolute)
    }

    /// The crossing of event `k` in the step `[tPrev, t]`, to `eventTimeTolerance`, and the
    /// integrated state there.
    ///
    /// First the root of the condition on the step's cubic Hermite interpolant (cheap, no
    /// solver work); then the bracket is closed on *re-integrated* states: probes at the
    /// interpolant's root and half a tolerance beyond it usually close it in two
    /// re-integrations; Illinois iterations on re-integrated values finish otherwise.
    private func locate(_ k: Int, before ga: Double, after gb: Double) -> (Double, [Double]) {
        if gb == 0 { return (t, Array(y)) }
        let condition = problem.events[k].condition
        let p = parameters
        let tolerance = options.eventTimeTolerance
        let (a0, b0) = (tPrev, t)
        let guess = BracketingRoot.illinois(a0, b0, ga: ga, gb: gb, tolerance: tolerance / 16) { time in
            HermiteStep.state(t: time, t0: a0, t1: b0, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                              f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p)
        }
        func exact(_ time: Double) -> Double {
            reintegrate(to: time)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p)
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
        if abs(b - a) > tolerance {
            b = BracketingRoot.illinois(a, b, ga: fa, gb: fb, tolerance: tolerance, exact)
        }
        reintegrate(to: b)
        return (b, Array(scratch))
    }

    /// Integrates from the step's start `(tPrev, yPrev)` to `time` into `scratch`, with the
    /// same tolerances. Falls back to the interpolant if that integration fails.
    private func reintegrate(to time: Double) {
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
