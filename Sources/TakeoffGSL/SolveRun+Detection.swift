import TakeoffCore

/// Event detection on an accepted step: the conditions at the step's ends and at interior
/// check points on its cubic Hermite interpolant, and the crossings they show.
extension SolveRun {
    /// One sign change of one event's condition between two consecutive check points of the
    /// step just accepted, before it is located.
    struct Candidate {
        var index: Int
        /// The bracket `[a, b]` and the condition's values at its ends: integrated values at the
        /// step's ends, interpolated ones at interior check points.
        var a: Double, b: Double, fa: Double, fb: Double
        /// Whether `fa` / `fb` are values on the integrated solution (the step's ends).
        var exactA: Bool, exactB: Bool
        /// The root of the condition on the interpolant inside the bracket.
        var guess: Double
    }

    /// Evaluates every event condition at the current point.
    func evaluateEvents(into values: inout [Double]) {
        let yb = UnsafeBufferPointer(y)
        let past = self.past, p = parameters
        for k in conditions.indices {
            values[k] = conditions[k](t, yb, p, past)
        }
        eventEvaluations += problem.events.count
    }

    /// The conditions of the non-monotone events at the interior check points of `[tPrev, t]`
    /// into `checkValues` (row i: point i), their times into `checkTimes`; the number of points.
    func sampleInterior() -> Int {
        let m = options.eventInteriorPoints
        guard m > 0, !sampled.isEmpty else { return 0 }
        let e = conditions.count
        if checkValues.count < m * e { checkValues = Array(repeating: 0, count: m * e) }
        if checkTimes.count < m { checkTimes = Array(repeating: 0, count: m) }
        let p = parameters, past = self.past
        for i in 0..<m {
            let s = tPrev + (t - tPrev) * Double(i + 1) / Double(m + 1)
            checkTimes[i] = s
            HermiteStep.state(t: s, t0: tPrev, t1: t, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                              f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
            for k in sampled { checkValues[i * e + k] = conditions[k](s, UnsafeBufferPointer(scratch), p, past) }
        }
        eventEvaluations += m * sampled.count
        return m
    }

    /// Every crossing the check points show, over all events.
    ///
    /// An event with exactly one sign change, between the step's two ends, is bracketed by the
    /// whole step (the located time is then the same as with end checks alone); otherwise each
    /// of its sign changes between consecutive check points is a candidate of its own.
    func candidates(newValues: [Double], interior m: Int) -> [Candidate] {
        var found: [Candidate] = []
        let e = conditions.count
        for (k, event) in problem.events.enumerated() {
            let points = event.isMonotone ? 0 : m
            func time(_ j: Int) -> Double { j == 0 ? tPrev : j == points + 1 ? t : checkTimes[j - 1] }
            func value(_ j: Int) -> Double {
                j == 0 ? eventValues[k] : j == points + 1 ? newValues[k] : checkValues[(j - 1) * e + k]
            }
            var changes: [(Int, Int)] = []
            for j in 0...points where event.direction.isCrossing(from: value(j), to: value(j + 1)) {
                changes.append((j, j + 1))
            }
            if changes.isEmpty { continue }
            if changes.count == 1, event.direction.isCrossing(from: eventValues[k], to: newValues[k]) {
                let guess = interpolantRoot(k, a: tPrev, b: t, fa: eventValues[k], fb: newValues[k])
                found.append(Candidate(index: k, a: tPrev, b: t, fa: eventValues[k], fb: newValues[k],
                                       exactA: true, exactB: true, guess: guess))
                continue
            }
            for (lo, hi) in changes {
                let (a, b, fa, fb) = (time(lo), time(hi), value(lo), value(hi))
                found.append(Candidate(index: k, a: a, b: b, fa: fa, fb: fb, exactA: lo == 0, exactB: hi == points + 1,
                                       guess: interpolantRoot(k, a: a, b: b, fa: fa, fb: fb)))
            }
        }
        found.sort { direction * ($1.guess - $0.guess) > 0 }
        return found
    }

    /// The root of event `k`'s condition on the step's cubic Hermite interpolant inside `[a, b]`
    /// (no solver work).
    func interpolantRoot(_ k: Int, a: Double, b: Double, fa: Double, fb: Double) -> Double {
        let condition = conditions[k]
        let p = parameters, past = self.past
        let (a0, b0) = (tPrev, t)
        return BracketingRoot.illinois(a, b, ga: fa, gb: fb, tolerance: eventTolerance / 16) { time in
            HermiteStep.state(t: time, t0: a0, t1: b0, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                              f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
            eventEvaluations += 1
            return condition(time, UnsafeBufferPointer(scratch), p, past)
        }
    }

    /// The event-time tolerance on the current step.
    var eventTolerance: Double { options.eventTolerance(at: max(abs(tPrev), abs(t))) }

    /// The value a restart gives event `k`, recorded at this instant with condition value
    /// `recorded` after crossing from the side of sign `from`, when the actions left it at
    /// `after`: "just crossed" (0, or a sign-only value on the side it came from when its rate
    /// along the new solution points back there) if it is no farther from zero than at the
    /// crossing, else `after` itself.
    func restartValue(_ k: Int, after: Double, recorded: Double, from: Double) -> Double {
        guard abs(after) <= abs(recorded) else { return after }
        // The rate of g along the solution from a forward difference on the tangent y + δ·f.
        let delta = direction * max(abs(h) * 1e-6, 64 * abs(t).ulp, 1e-300)
        for i in 0..<n { historyProbe[i] = y[i] + delta * f[i] }
        let ahead = conditions[k](t + delta, UnsafeBufferPointer(historyProbe), parameters, past)
        eventEvaluations += 1
        let rate = (ahead - after) / delta
        return direction * rate * from > 0 ? (from > 0 ? 1 : -1) * Double.leastNonzeroMagnitude : 0
    }
}
