import TakeoffCore

/// Event handling on an accepted step: candidates located in time order up to the first
/// instant at which an event acts, that instant's records and actions (order-independent, see
/// ``EventAction``), and the restart.
extension SolveRun {
    enum EventOutcome { case proceed, restarted, stop }

    /// One located crossing.
    struct Located {
        var index: Int
        var time: Double
        var state: [Double]
        /// The condition's value on the side it came from (its sign is the side).
        var from: Double
    }

    /// Looks for crossings on the step just accepted and acts on them in time order.
    func processEvents() -> EventOutcome {
        var newValues = eventValues
        evaluateEvents(into: &newValues)
        let found = candidates(newValues: newValues, interior: sampleInterior())
        if found.isEmpty {
            eventValues = newValues
            return .proceed
        }
        // Only the first instant at which an event acts matters (the integration restarts there),
        // so a candidate whose bracket lies beyond it is left to be found again after the restart;
        // one whose bracket holds it is located only if it has crossed by then.
        var located: [Located] = []
        var instant: Located?
        var pendingCounts = occurrences
        for c in found {
            if let instant {
                if direction * (c.a - instant.time) >= 0 { continue }
                let g = instant.state.withUnsafeBufferPointer { conditions[c.index](instant.time, $0, parameters, past) }
                eventEvaluations += 1
                guard problem.events[c.index].direction.isCrossing(from: c.fa, to: g) else { continue }
            }
            guard let (time, state) = locate(c) else { continue }
            let crossing = Located(index: c.index, time: time, state: state, from: c.fa)
            located.append(crossing)
            pendingCounts[c.index] += 1
            if acts(c.index, occurrence: pendingCounts[c.index]),
               instant.map({ direction * (time - $0.time) < 0 }) ?? true {
                instant = crossing
            }
        }
        guard let instant else {
            located.sort { direction * ($1.time - $0.time) > 0 }
            for crossing in located { record(crossing.index, time: crossing.time, state: crossing.state) }
            eventValues = newValues
            return .proceed
        }
        // Before the instant: recorded at their own times. At it (located there, or located a
        // hair later but already crossed at the instant's state): recorded there, in list order.
        var before: [Located] = [], at: [Located] = []
        for crossing in located {
            if direction * (crossing.time - instant.time) < 0 {
                before.append(crossing)
            } else if crossing.time == instant.time || crossedAt(instant, crossing) {
                at.append(crossing)
            }
        }
        before.sort { direction * ($1.time - $0.time) > 0 }
        for crossing in before { record(crossing.index, time: crossing.time, state: crossing.state) }
        at.sort { $0.index < $1.index }
        return act(at: instant.time, state: instant.state, events: at)
    }

    /// Whether event `k` acts at its `occurrence`-th crossing.
    func acts(_ k: Int, occurrence: Int) -> Bool {
        switch problem.events[k].action {
        case .record: return false
        case .terminate(let count): return occurrence >= count
        case .modify: return true
        }
    }

    private func crossedAt(_ instant: Located, _ crossing: Located) -> Bool {
        let g = instant.state.withUnsafeBufferPointer { conditions[crossing.index](instant.time, $0, parameters, past) }
        eventEvaluations += 1
        return problem.events[crossing.index].direction.isCrossing(from: crossing.from, to: g)
    }

    /// Appends a record of event `k`'s next occurrence.
    func record(_ k: Int, time: Double, state: [Double]) {
        occurrences[k] += 1
        solution.events.append(EventRecord(name: problem.events[k].name, time: time, state: state, occurrence: occurrences[k]))
    }

    /// The instant `time`: records every event in `events` with the state before the actions,
    /// applies their modifications in list order, then those of events the modifications made
    /// cross, then terminates or restarts.
    private func act(at time: Double, state: [Double], events: [Located]) -> EventOutcome {
        for crossing in events { record(crossing.index, time: time, state: state) }
        var stopping = events.first { acts($0.index, occurrence: occurrences[$0.index]) && isTerminate($0.index) }?.index
        let modifying = events.filter { if case .modify = problem.events[$0.index].action { return true } else { return false } }
        // f becomes the step interpolant's slope at the instant (for the saved row's derivative;
        // the restart evaluates the right-hand side afresh where it needs it).
        for i in 0..<n {
            scratch[i] = HermiteStep.slope(t: time, t0: tPrev, t1: t, y0: yPrev[i], y1: y[i], f0: fPrev[i], f1: f[i])
        }
        _ = f.update(fromContentsOf: scratch)
        t = time
        _ = y.update(fromContentsOf: state)
        if modifying.isEmpty {
            // Termination alone: the solve ends on the located state.
            if let stopping { return terminate(stopping) }
            eventValues = evaluatedHere()
            return .proceed
        }
        if let k = accumulating(modifying.map(\.index), at: time) {
            solution.status = .eventsAccumulate
            solution.accumulationTime = accumulationEstimate(k)
            solution.message = "event '\(problem.events[k].name)' acts for the third time in a row within two event-time tolerances of its previous action from the surface it just crossed (t = \(time)): the events accumulate (Zeno behaviour) and cannot be resolved"
                + (solution.accumulationTime.map { "; extrapolated accumulation time \($0)" } ?? "")
            saveFinal()
            return .stop
        }
        var recorded: [(Int, Double, Double)] = events.map { ($0.index, 0.0, $0.from) }
        for (j, crossing) in events.enumerated() {
            recorded[j].1 = state.withUnsafeBufferPointer { conditions[crossing.index](time, $0, parameters, past) }
        }
        let chained = restart(at: time, from: state, applying: modifying.map(\.index), handled: Set(events.map(\.index)),
                              stopping: &stopping)
        recorded += chained
        if let stopping {
            solution.status = .terminatedByEvent
            solution.terminatingEvent = problem.events[stopping].name
            saveFinal()
            return .stop
        }
        for k in problem.events.indices { onSurface[k] = false }
        for (k, value, from) in recorded {
            onSurface[k] = abs(eventValues[k]) <= abs(value)
            eventValues[k] = restartValue(k, after: eventValues[k], recorded: value, from: from)
        }
        return .restarted
    }

    private func isTerminate(_ k: Int) -> Bool {
        if case .terminate = problem.events[k].action { return true }
        return false
    }

    private func terminate(_ k: Int) -> EventOutcome {
        solution.status = .terminatedByEvent
        solution.terminatingEvent = problem.events[k].name
        saveFinal()
        return .stop
    }

    private func evaluatedHere() -> [Double] {
        var values = eventValues
        evaluateEvents(into: &values)
        return values
    }
}
