import TakeoffCore

/// Location of a crossing on re-integrated states, the restart after an instant's actions, and
/// the guard against accumulating events.
extension SolveRun {
    /// Applies the modifications of `modifying` (list order) at `time` from the pre-action state
    /// `state`, records and applies the events the modifications made cross (a few rounds), and
    /// restarts the integration there with a fresh step. Returns the chained events as
    /// `(index, condition at their record, value before the instant)`; sets `stopping` to the
    /// first chained event that terminates, if there is none yet.
    func restart(at time: Double, from state: [Double], applying modifying: [Int], handled: Set<Int>,
                 stopping: inout Int?) -> [(Int, Double, Double)] {
        if case .steps = options.save { saveCurrent() }
        if let history {
            history.truncate(after: time)
            _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
            recordHistory(side: .left)
        }
        // Chained crossings are those the actions cause: each condition before the actions against after them.
        var before = eventValues
        evaluateEvents(into: &before)
        var newState = state
        var newParameters = parameters
        for k in modifying {
            guard case .modify(let change) = problem.events[k].action else { continue }
            change(time, &newState, &newParameters)
            precondition(newState.count == n, "an event action changed the state's dimension")
            countRepeat(k, at: time)
            noteAction(k, at: time)
        }
        parameters = newParameters
        _ = y.update(fromContentsOf: newState)
        var chained: [(Int, Double, Double)] = []
        var applied = handled
        for _ in 0..<8 {
            var after = before
            evaluateEvents(into: &after)
            var changed = false
            for (k, event) in problem.events.enumerated()
            where !applied.contains(k) && event.direction.isCrossing(from: before[k], to: after[k]) {
                record(k, time: time, state: newState)
                applied.insert(k)
                chained.append((k, after[k], before[k]))
                switch event.action {
                case .record:
                    continue
                case .terminate(let count):
                    if occurrences[k] >= count, stopping == nil { stopping = k }
                case .modify(let next):
                    next(time, &newState, &newParameters)
                    parameters = newParameters
                    _ = y.update(fromContentsOf: newState)
                    countRepeat(k, at: time)
                    noteAction(k, at: time)
                    changed = true
                }
                if changed { break }
            }
            if !changed { break }
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
        h = direction * freshStep()
        return chained
    }

    /// The first step after a restart: the options' initial step, else the starting-step
    /// estimate from the new state (the last step's size says nothing about the new regime).
    private func freshStep() -> Double {
        let remaining = abs(t1 - t)
        var fresh = options.initialStep ?? StartingStep.estimate(
            t: t, y: UnsafeBufferPointer(y), f: UnsafeBufferPointer(f), order: options.stepper.order,
            absolute: absolute, relative: relative, direction: direction, span: remaining,
            scratch: historyProbe, trial: historyProbeFar
        ) { tt, yy, out in box.evaluate(tt, yy, out) == GSLRuntime.success } ?? abs(h)
        box.clearFailure()
        if let maxStep = options.maxStep { fresh = min(fresh, maxStep) }
        return max(min(fresh, remaining), 64 * abs(t).ulp)
    }

    /// Remembers the last three action times of event `k`.
    private func noteAction(_ k: Int, at time: Double) {
        actionTimes[k].append(time)
        if actionTimes[k].count > 3 { actionTimes[k].removeFirst() }
    }

    /// The first of `events` whose action would be the third in a row to come within two
    /// event-time tolerances of its previous one, each from a restart that left its condition on
    /// the surface ("just crossed"): instants the location cannot tell apart, as a bouncing ball's
    /// at its accumulation point. (Quick successions whose condition restarts away from the
    /// surface are real: the compute-centric framework automates tasks seconds apart.)
    func accumulating(_ events: [Int], at time: Double) -> Int? {
        let window = 2 * options.eventTolerance(at: time)
        return events.first { k in
            guard onSurface[k], let last = actionTimes[k].last, abs(time - last) <= window else { return false }
            return quickRepeats[k] + 1 >= 3
        }
    }

    /// Counts event `k`'s action at `time` towards the accumulation guard.
    func countRepeat(_ k: Int, at time: Double) {
        let window = 2 * options.eventTolerance(at: time)
        if onSurface[k], let last = actionTimes[k].last, abs(time - last) <= window {
            quickRepeats[k] += 1
        } else {
            quickRepeats[k] = 0
        }
    }

    /// Aitken's Δ² on event `k`'s last action times and the current one: the limit of a
    /// geometric sequence of instants (`nil` unless they shrink).
    func accumulationEstimate(_ k: Int) -> Double? {
        let times = actionTimes[k] + [t]
        guard times.count >= 3 else { return nil }
        let (t0, t1, t2) = (times[times.count - 3], times[times.count - 2], times[times.count - 1])
        let d1 = t1 - t0, d2 = t2 - t1
        let r = d2 / d1
        guard r.isFinite, r > 0, r < 1 else { return nil }
        return t2 + d2 * r / (1 - r)
    }

    /// The crossing of candidate `c` to the event-time tolerance, and the integrated state there;
    /// `nil` if the integrated solution does not cross where the interpolant does (an excursion
    /// below the interpolant's error).
    ///
    /// The bracket's interior ends are first replaced by integrated values; then probes at the
    /// interpolant's root and half a tolerance beyond it usually close it in two re-integrations;
    /// Illinois iterations on re-integrated values finish otherwise.
    func locate(_ c: Candidate) -> (Double, [Double])? {
        let condition = conditions[c.index]
        let p = parameters, past = self.past
        let tolerance = eventTolerance
        func exact(_ time: Double) -> Double {
            reintegrate(to: time)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p, past)
        }
        var (a, b, fa, fb) = (c.a, c.b, c.fa, c.fb)
        if !c.exactA { fa = exact(a) }
        if !c.exactB { fb = exact(b) }
        if !(c.exactA && c.exactB), !problem.events[c.index].direction.isCrossing(from: fa, to: fb) { return nil }
        // fb = 0 is not "the root is at b": a condition that jumps lands on exactly 0; bisect for where.
        let gb = fb
        func crossed(_ g: Double) -> Bool { g == 0 || (g < 0) == (gb < 0) }
        let (a0, b0) = (a, b)
        // Probe the interpolant's root, then half a tolerance past it on the open side.
        for _ in 0..<2 where abs(b - a) > tolerance {
            let probe: Double
            if a == a0 && b == b0 {
                probe = c.guess
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
