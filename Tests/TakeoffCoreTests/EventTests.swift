import Foundation
import Testing
import TakeoffCore
import TakeoffGSL

@Suite("Events")
struct EventTests {
    /// y' = 0.7 y, y(0) = 1 with an event at y = level.
    func growth(level: Double, span: Double = 3, action: EventAction<Double> = .record) -> ODEProblem<Double> {
        ODEProblem(
            stateNames: ["y"], parameters: 0.7, initialState: [1], timeSpan: (0, span),
            events: [Event(name: "reached", direction: .rising, action: action) { _, y, _ in y[0] - level }]
        ) { _, y, dydt, rate in dydt[0] = rate * y[0] }
    }

    let tight = SolverOptions(relativeTolerance: .scalar(1e-11), absoluteTolerance: .scalar(1e-13), save: .every(0.5))

    @Test("a crossing is located at its exact time, independent of the save grid")
    func knownCrossing() throws {
        let solution = try ODESolver(tight).solve(growth(level: 3))
        let exact = log(3) / 0.7   // 1.5694…, between the save points 1.5 and 2.0
        let event = try #require(solution.firstEvent(named: "reached"))
        #expect(abs(event.time - exact) <= 1e-9, "located \(event.time), exact \(exact)")
        #expect(abs(event.state[0] - 3) <= 1e-9 * 3)
        #expect(event.time > 1.5 && event.time < 2.0)
        #expect(solution.status == .success)
        #expect(solution.times.count == 7)
    }

    @Test("a crossing inside the first step is found")
    func firstStep() throws {
        let level = 1 + 1e-7
        let solution = try ODESolver(tight).solve(growth(level: level))
        let event = try #require(solution.firstEvent(named: "reached"))
        let exact = log(level) / 0.7   // 1.43e-7 years, far below the first step (3e-4)
        #expect(abs(event.time - exact) <= 1e-9, "located \(event.time), exact \(exact)")
    }

    /// x = e^(−t/2) cos t crosses zero falling at π/2, 5π/2 and rising at 3π/2.
    func rotation(direction: EventDirection, action: EventAction<Void> = .record) -> ODEProblem<Void> {
        ODEProblem(
            stateNames: ["x", "y"], parameters: (), initialState: [1, 0], timeSpan: (0, 9),
            events: [Event(name: "xZero", direction: direction, action: action) { _, y, _ in y[0] }]
        ) { _, y, dydt, _ in
            dydt[0] = -0.5 * y[0] + y[1]
            dydt[1] = -y[0] - 0.5 * y[1]
        }
    }

    @Test("direction filters crossings", arguments: [
        (EventDirection.rising, [1.5 * Double.pi]),
        (.falling, [0.5 * Double.pi, 2.5 * Double.pi]),
        (.either, [0.5 * Double.pi, 1.5 * Double.pi, 2.5 * Double.pi]),
    ])
    func directions(direction: EventDirection, expected: [Double]) throws {
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
        let solution = try ODESolver(options).solve(rotation(direction: direction))
        let times = solution.events.map(\.time)
        #expect(times.count == expected.count, "\(times)")
        for (got, want) in zip(times, expected) { #expect(abs(got - want) <= 2e-9, "\(got) vs \(want)") }
        #expect(solution.events.map(\.occurrence) == Array(1...expected.count))
    }

    @Test("terminate after the n-th occurrence")
    func terminateAfterTwo() throws {
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
        let solution = try ODESolver(options).solve(rotation(direction: .either, action: .terminate(afterOccurrences: 2)))
        #expect(solution.status == .terminatedByEvent)
        #expect(solution.terminatingEvent == "xZero")
        #expect(solution.events.count == 2)
        #expect(abs(solution.times.last! - 1.5 * .pi) <= 2e-9)
        #expect(abs(solution.state(at: solution.count - 1).first!) <= 1e-9)
    }

    @Test("a reset event restarts the integration on the known continuation")
    func resetContinuation() throws {
        // y' = 0.7 y; at y = 2 the state is reset to 1. Resets at t_k = k ln2 / 0.7, and
        // y(3) = exp(0.7 (3 − 3 ln2/0.7)) = e^2.1 / 8.
        let problem = growth(level: 2, action: .modify { _, state, _ in state[0] = 1 })
        let solution = try ODESolver(tight).solve(problem)
        #expect(solution.status == .success)
        #expect(solution.events.count == 3)
        // Each restart starts from a located time, so location errors (≤ 1e-9 each) add up.
        for (k, event) in solution.events.enumerated() {
            #expect(abs(event.time - Double(k + 1) * log(2) / 0.7) <= Double(k + 1) * 1e-9, "\(event.time)")
        }
        let final = solution.state(at: solution.count - 1).first!
        // A shift δ in the last reset time changes y(3) by 0.7·δ relative.
        #expect(abs(final - exp(2.1) / 8) <= 4e-9 * exp(2.1) / 8, "y(3) = \(final)")
    }

    @Test("a parameter-changing event switches the regime")
    func parameterSwitch() throws {
        // At y = 2 (t_e = ln2/0.7) the growth rate doubles: y(t) = 2 exp(1.4 (t − t_e)).
        let problem = growth(level: 2, action: .modify { _, _, rate in rate *= 2 })
        let solution = try ODESolver(tight).solve(problem)
        let te = log(2) / 0.7
        let exact = 2 * exp(1.4 * (3 - te))
        let final = solution.state(at: solution.count - 1).first!
        #expect(abs(final - exact) <= 1e-9 * exact, "y(3) = \(final), exact \(exact)")
        #expect(solution.parameterSegments.count == 2)
        #expect(solution.parameterSegments[1].parameters == 1.4)
        #expect(solution.parameters(atRow: solution.count - 1) == 1.4)
    }

    @Test("event location works with every stepper", arguments: Stepper.allCases)
    func everyStepper(stepper: Stepper) throws {
        var problem = growth(level: 3)
        problem.jacobian = .finiteDifferences
        let options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
        let solution = try ODESolver(options).solve(problem)
        let event = try #require(solution.firstEvent(named: "reached"))
        // Bounded by the solver's own accuracy: a relative state error ε shifts the crossing
        // by ε/0.7; the multistep methods carry up to ~500 tolerances of global error.
        let bound = stepper.isMultistep ? 1e-6 : 1e-8
        #expect(abs(event.time - log(3) / 0.7) <= bound, "\(stepper): \(event.time)")
        #expect(solution.stats.eventFunctionEvaluations > 0)
    }
}

@Suite("Events on jumps and at restarts")
struct JumpEventTests {
    @Test("a condition that jumps onto exactly 0 is located at the jump, not at the end of the step")
    func jumpLocated() throws {
        // y' = 1 from 0: the count floor(10·y) passes 3 at t = 0.3; with steps of up to 1 the step
        // that sees it ends well after 0.3.
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [0], timeSpan: (0, 1),
                                 events: [Event(name: "third", direction: .rising) { _, y, _ in (10 * y[0]).rounded(.down) - 3 }]
        ) { _, _, dydt, _ in dydt[0] = 1 }
        let solution = try ODESolver(SolverOptions(maxStep: 1)).solve(problem)
        let time = try #require(solution.firstEvent(named: "third")?.time)
        #expect(abs(time - 0.3) <= 1e-8, "located at \(time)")
    }

    @Test("a crossing caused by another event's change is recorded at that instant, and chained actions apply")
    func chainedAtRestart() throws {
        // At t = 0.5 "switch" sets the parameter to 1; "flag" (condition = parameter − 0.5) crosses
        // then, with no step in between, and its own action doubles the rate.
        struct P: Sendable { var on = 0.0; var rate = 1.0 }
        let problem = ODEProblem(
            stateNames: ["y"], parameters: P(), initialState: [0], timeSpan: (0, 1),
            events: [
                Event(name: "switch", direction: .rising, action: .modify { _, _, p in p.on = 1 }) { t, _, _ in t - 0.5 },
                Event(name: "flag", direction: .rising, action: .modify { _, _, p in p.rate = 2 }) { _, _, p in p.on - 0.5 },
            ]
        ) { _, _, dydt, p in dydt[0] = p.rate }
        let solution = try ODESolver(SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))).solve(problem)
        let flag = try #require(solution.firstEvent(named: "flag"))
        #expect(abs(flag.time - 0.5) <= 1e-9)
        // y(1) = 0.5 at rate 1, then 0.5 at rate 2.
        #expect(abs(solution.values[solution.count - 1] - 1.5) <= 1e-8)
    }

    @Test("PastStates.slope gives the interpolated derivative d years back")
    func delayedSlope() throws {
        // y = sin t; z' = y'(t − 1) for t ≥ 1 (0 before), so z(3) = sin 2.
        let problem = ODEProblem(stateNames: ["y", "z"], parameters: (), initialState: [0, 0], timeSpan: (0, 3),
                                 delays: DelaySpecification(delays: [1])) { t, _, dydt, _, past in
            dydt[0] = cos(t)
            dydt[1] = t < 1 ? 0 : (past.slope(0, at: t - 1) ?? .nan)
        }
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12), save: .at([3]))
        let solution = try ODESolver(options).solve(problem)
        #expect(abs(solution.values[1] - sin(2)) <= 1e-6, "z(3) = \(solution.values[1])")
    }

    @Test("two conditions reached at the same instant both fire, and both changes apply")
    func simultaneousChanges() throws {
        // y' = 1 from 0; "a" and "b" both watch y = 0.5 and each doubles one rate factor, so the
        // rate is 4 after t = 0.5 and y(1) = 0.5 + 4·0.5 = 2.5. (A first version applied "a" and
        // lost "b": its condition had already crossed when the integration restarted.)
        struct P: Sendable { var a = 1.0; var b = 1.0 }
        let problem = ODEProblem(
            stateNames: ["y"], parameters: P(), initialState: [0], timeSpan: (0, 1),
            events: [
                Event(name: "a", direction: .rising, action: .modify { _, _, p in p.a = 2 }) { _, y, _ in y[0] - 0.5 },
                Event(name: "b", direction: .rising, action: .modify { _, _, p in p.b = 2 }) { _, y, _ in y[0] - 0.5 },
            ]
        ) { _, _, dydt, p in dydt[0] = p.a * p.b }
        let solution = try ODESolver(SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))).solve(problem)
        let a = try #require(solution.firstEvent(named: "a")), b = try #require(solution.firstEvent(named: "b"))
        #expect(abs(a.time - 0.5) <= 1e-9 && b.time == a.time)
        #expect(abs(solution.values[solution.count - 1] - 2.5) <= 1e-8)
    }

    @Test("a restart's kink reappears one delay later: the solver steps onto it, and the method of steps is matched")
    func propagatedBreakpoint() throws {
        // y'(t) = −k·y(t − 1), y = 1 before 0, k = 1 until t = 0.5 and 2 after. By the method of steps:
        // y = 1 − t, then 0.5 − 2(t − 0.5); on [1, 1.5] y' = −2(2 − t), so y(1.5) = −1.25; on [1.5, 2]
        // y' = −2(3.5 − 2t) = 4t − 7, which integrates to 0, so y(2) = −1.25.
        let problem = ODEProblem(
            stateNames: ["y"], parameters: 1.0, initialState: [1], timeSpan: (0, 2),
            delays: DelaySpecification(delays: [1]),
            events: [Event(name: "switch", direction: .rising, action: .modify { _, _, k in k = 2 }) { t, _, _ in t - 0.5 }]
        ) { t, _, dydt, k, past in dydt[0] = -k * past.value(0, at: t - 1) }
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12), save: .steps)
        let solution = try ODESolver(options).solve(problem)
        #expect(solution.times.contains(1.5), "no step ends at the propagated kink t = 1.5")
        #expect(solution.times.contains(1.0), "no step ends at the start's kink carried to t = 1")
        let at15 = try #require(solution.times.firstIndex(of: 1.5))
        #expect(abs(solution.values[at15] + 1.25) <= 1e-9, "y(1.5) = \(solution.values[at15])")
        #expect(abs(solution.values[solution.count - 1] + 1.25) <= 1e-9, "y(2) = \(solution.values[solution.count - 1])")
    }
}
