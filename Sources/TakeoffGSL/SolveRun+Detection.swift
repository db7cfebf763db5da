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
            // The check points in reused buffers: this runs on every accepted step for every event.
            var times = pointTimes, values = pointValues
            pointTimes = []; pointValues = []
            defer { pointTimes = times; pointValues = values }
            times.removeAll(keepingCapacity: true); values.removeAll(keepingCapacity: true)
            times.append(tPrev); values.append(eventValues[k])
            for j in 0..<points {
                times.append(checkTimes[j])
                values.append(checkValues[j * e + k])
            }
            times.append(t)
            values.append(newValues[k])
            if points > 0 { insertHiddenExtrema(k, times: &times, values: &values) }
            let last = times.count - 1
            var changeCount = 0
            for j in 0..<last where event.direction.isCrossing(from: values[j], to: values[j + 1]) { changeCount += 1 }
            if changeCount == 0 { continue }
            var changes: [(Int, Int)] = []
            for j in 0..<last where event.direction.isCrossing(from: values[j], to: values[j + 1]) {
                changes.append((j, j + 1))
            }
            if changes.count == 1, event.direction.isCrossing(from: eventValues[k], to: newValues[k]) {
                let guess = interpolantRoot(k, a: tPrev, b: t, fa: eventValues[k], fb: newValues[k])
                found.append(Candidate(index: k, a: tPrev, b: t, fa: eventValues[k], fb: newValues[k],
                                       exactA: true, exactB: true, guess: guess))
                continue
            }
            for (lo, hi) in changes {
                let (a, b, fa, fb) = (times[lo], times[hi], values[lo], values[hi])
                found.append(Candidate(index: k, a: a, b: b, fa: fa, fb: fb, exactA: lo == 0, exactB: hi == last,
                                       guess: interpolantRoot(k, a: a, b: b, fa: fa, fb: fb)))
            }
        }
        found.sort { direction * ($1.guess - $0.guess) > 0 }
        return found
    }

    /// Adds to the check points of event `k` the extremum of its condition between three
    /// consecutive points of one sign where the parabola through them turns back across zero
    /// (a level touched near an apex, closer than the check spacing): the parabola's vertex, then
    /// successive parabolic steps on the interpolant (at most four evaluations per such triple)
    /// until a value of the other sign is found. Triples whose parabola stays on one side are left.
    func insertHiddenExtrema(_ k: Int, times: inout [Double], values: inout [Double]) {
        var extra: [(Double, Double)] = []
        for j in 1..<(times.count - 1) {
            let (a, b, c) = (times[j - 1], times[j], times[j + 1])
            let (fa, fb, fc) = (values[j - 1], values[j], values[j + 1])
            guard fa != 0, fb != 0, fc != 0, (fa > 0) == (fb > 0), (fb > 0) == (fc > 0) else { continue }
            guard var (x, predicted) = Self.vertex(a, fa, b, fb, c, fc),
                  direction * (x - a) > 0, direction * (c - x) > 0, (predicted > 0) != (fb > 0) else { continue }
            var triple = [(a, fa), (b, fb), (c, fc)]
            for _ in 0..<4 {
                let g = interpolatedCondition(k, at: x)
                if g == 0 || (g > 0) != (fb > 0) { extra.append((x, g)); break }
                // Keep the three points nearest the extremum (smallest |g|) and step again.
                triple.append((x, g))
                triple.sort { abs($0.1) < abs($1.1) }
                triple = Array(triple.prefix(3)).sorted { direction * ($1.0 - $0.0) > 0 }
                guard let next = Self.vertex(triple[0].0, triple[0].1, triple[1].0, triple[1].1, triple[2].0, triple[2].1),
                      direction * (next.0 - a) > 0, direction * (c - next.0) > 0, next.0 != x else { break }
                (x, predicted) = next
            }
        }
        guard !extra.isEmpty else { return }
        var merged = Array(zip(times, values)) + extra
        merged.sort { direction * ($1.0 - $0.0) > 0 }
        times = merged.map(\.0)
        values = merged.map(\.1)
    }

    /// The vertex `(x, value)` of the parabola through three points, `nil` if they are collinear.
    static func vertex(_ a: Double, _ fa: Double, _ b: Double, _ fb: Double, _ c: Double, _ fc: Double) -> (Double, Double)? {
        let p = (b - a) * (fb - fc), q = (b - c) * (fb - fa)
        let denominator = 2 * (p - q)
        guard denominator != 0, denominator.isFinite else { return nil }
        let x = b - ((b - a) * p - (b - c) * q) / denominator
        // The parabola's value at x, from Lagrange's form.
        let la = (x - b) * (x - c) / ((a - b) * (a - c)), lb = (x - a) * (x - c) / ((b - a) * (b - c))
        let lc = (x - a) * (x - b) / ((c - a) * (c - b))
        let value = fa * la + fb * lb + fc * lc
        return x.isFinite && value.isFinite ? (x, value) : nil
    }

    /// Event `k`'s condition on the step's interpolant at `time`.
    func interpolatedCondition(_ k: Int, at time: Double) -> Double {
        HermiteStep.state(t: time, t0: tPrev, t1: t, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                          f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f), into: scratch)
        eventEvaluations += 1
        return conditions[k](time, UnsafeBufferPointer(scratch), parameters, past)
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
