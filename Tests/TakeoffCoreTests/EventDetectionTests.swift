import Foundation
import Testing
import TakeoffCore
import TakeoffGSL

/// Events that end-of-step sign checks miss: a ball bouncing with restitution 0.9, whose k-th
/// bounce time is closed form, and conditions with two roots inside one step.
@Suite("Event detection")
struct EventDetectionTests {
    static let g = 9.81, e = 0.9, height = 10.0
    /// First impact t₁ = √(2h/g) at speed v₁ = g t₁; after bounce j the flight lasts 2 eʲ v₁/g, so
    /// t_k = t₁ + (2 v₁/g) Σ_{j=1}^{k−1} eʲ and the impacts accumulate at t₁ + 2 e v₁/(g(1 − e)).
    static func bounceTime(_ k: Int) -> Double {
        let t1 = (2 * height / g).squareRoot(), v1 = g * t1
        return t1 + 2 * v1 / g * (1..<max(k, 1)).reduce(0) { $0 + pow(e, Double($1)) }
    }
    static var accumulation: Double {
        let t1 = (2 * height / g).squareRoot()
        return t1 + 2 * e * g * t1 / (g * (1 - e))
    }

    /// y'' = −g from rest at y = 10; at y = 0 falling, v → −e v. `extra` events follow the bounce.
    static func ball(until end: Double, bounceFirst: Bool = true, extra: [Event<Void>] = []) -> ODEProblem<Void> {
        let bounce = Event<Void>(name: "bounce", direction: .falling, action: .modify { _, state, _ in state[1] *= -e }) { _, y, _ in y[0] }
        return ODEProblem(
            stateNames: ["y", "v"], parameters: (), initialState: [height, 0], timeSpan: (0, end),
            events: bounceFirst ? [bounce] + extra : extra + [bounce],
            jacobian: .analytic { _, _, dfdy, dfdt, _ in
                dfdy[0] = 0; dfdy[1] = 1; dfdy[2] = 0; dfdy[3] = 0
                dfdt[0] = 0; dfdt[1] = 0
            }
        ) { _, y, dydt, _ in
            dydt[0] = y[1]
            dydt[1] = -g
        }
    }

    /// Halfway between the 10th and 11th bounce: exactly ten in the span.
    static let tenBounces = 0.5 * (bounceTime(10) + bounceTime(11))

    @Test("ten of ten bounces within 1e-8 of the closed form, every stepper at default step control",
          arguments: Stepper.allCases)
    func tenBounces(stepper: Stepper) throws {
        let options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
        let solution = try ODESolver(options).solve(Self.ball(until: Self.tenBounces))
        let times = solution.events.filter { $0.name == "bounce" }.map(\.time)
        #expect(solution.status == .success)
        #expect(times.count == 10, "\(stepper): \(times.count) bounces")
        for (k, time) in times.enumerated() {
            #expect(abs(time - Self.bounceTime(k + 1)) <= 1e-8, "\(stepper) bounce \(k + 1): \(time) vs \(Self.bounceTime(k + 1))")
        }
        // Never below the floor by more than the event tolerance's worth of fall.
        let lowest = (0..<solution.count).map { solution.state(at: $0).first! }.min()!
        #expect(lowest > -1e-6, "\(stepper): lowest saved height \(lowest)")
    }

    @Test("with a step cap too")
    func capped() throws {
        var options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-10))
        options.maxStep = 0.1
        let solution = try ODESolver(options).solve(Self.ball(until: Self.tenBounces))
        let times = solution.events.map(\.time)
        #expect(times.count == 10)
        for (k, time) in times.enumerated() { #expect(abs(time - Self.bounceTime(k + 1)) <= 1e-8) }
    }

    /// A terminate-after-5 event on the same surface, listed before or after the bounce.
    @Test("simultaneous events do not depend on their order in the list", arguments: [true, false])
    func simultaneous(bounceFirst: Bool) throws {
        let stop = Event<Void>(name: "fifth", direction: .falling, action: .terminate(afterOccurrences: 5)) { _, y, _ in y[0] }
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-10))
        let solution = try ODESolver(options).solve(Self.ball(until: Self.tenBounces, bounceFirst: bounceFirst, extra: [stop]))
        #expect(solution.status == .terminatedByEvent)
        #expect(solution.terminatingEvent == "fifth")
        let bounces = solution.events.filter { $0.name == "bounce" }, fifths = solution.events.filter { $0.name == "fifth" }
        #expect(bounces.count == 5 && fifths.count == 5)
        let last = try #require(fifths.last), lastBounce = try #require(bounces.last)
        #expect(abs(last.time - Self.bounceTime(5)) <= 1e-8)
        #expect(last.time == lastBounce.time)
        // Both records hold the state before the action (falling); the last row the state after it.
        #expect(last.state[1] < 0 && lastBounce.state[1] < 0 && last.state == lastBounce.state)
        #expect(solution.state(at: solution.count - 1)[1] > 0)
        #expect(solution.times.last == last.time)
    }

    @Test("past the accumulation point the solve stops as eventsAccumulate, never below the floor")
    func accumulation() throws {
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-10))
        let solution = try ODESolver(options).solve(Self.ball(until: 40))
        #expect(solution.status == .eventsAccumulate, "\(solution.status): \(solution.message ?? "")")
        let stop = try #require(solution.times.last)
        #expect(stop < Self.accumulation + 1e-6 && stop > Self.accumulation - 1e-3, "stopped at \(stop), accumulation \(Self.accumulation)")
        if let estimate = solution.accumulationTime { #expect(abs(estimate - Self.accumulation) < 1e-4) }
        let lowest = (0..<solution.count).map { solution.state(at: $0).first! }.min()!
        #expect(lowest > -1e-6)
    }

    /// A level 1 mm below the second flight's apex (10 e⁴ = 6.561 m) is crossed twice within 28 ms
    /// around the apex, inside one step of every method; with the first fall and the first flight
    /// that is five crossings, each closed form: τ = (v ∓ √(v² − 2gL))/g into a flight that leaves
    /// the floor at speed v.
    @Test("a level touched near an apex is crossed twice inside one step, found with every stepper",
          arguments: [Stepper.rk8pd, .msadams, .msbdf, .bsimp])
    func nearApex(stepper: Stepper) throws {
        let level = 10 * pow(Self.e, 4) - 1e-3
        let record = Event<Void>(name: "level", direction: .either) { _, y, _ in y[0] - level }
        let options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
        let solution = try ODESolver(options).solve(Self.ball(until: Self.tenBounces, extra: [record]))
        let t1 = (2 * Self.height / Self.g).squareRoot(), v1 = Self.g * t1
        var expected = [((2 * (Self.height - level)) / Self.g).squareRoot()]
        var speeds = [Self.g * expected[0]]
        for k in 1...2 {
            let v = pow(Self.e, Double(k)) * v1, root = (v * v - 2 * Self.g * level).squareRoot()
            expected += [Self.bounceTime(k) + (v - root) / Self.g, Self.bounceTime(k) + (v + root) / Self.g]
            speeds += [root, root]
        }
        let times = solution.events.filter { $0.name == "level" }.map(\.time)
        #expect(times.count == 5, "\(stepper): \(times)")
        // Near the apex the crossing is ill-conditioned (0.14 m/s): the time error is the height
        // error over the speed, so it is judged as a height, in units of the height's tolerance.
        let tolerance = 1e-12 + 1e-10 * level
        for ((got, want), speed) in zip(zip(times, expected), speeds) {
            #expect(abs(got - want) * speed <= 20 * tolerance, "\(stepper): \(got) vs \(want)")
        }
    }

    /// x' = 3t − 1.5t², x(0) = 0: x(t) = 1.5t² − 0.5t³ rises to 2 at t = 2 and falls to −8 at
    /// t = 4. rk8pd integrates the cubic exactly, so its error estimate is zero and it takes the
    /// span in a step or two; the level 1.5 is crossed rising and falling inside one step, with
    /// both ends below it. The roots of 0.5t³ − 1.5t² + 1.5 by Newton.
    @Test("two roots inside one step whose error estimate is zero", arguments: [EventDirection.rising, .falling, .either])
    func twoRootsOneStep(direction: EventDirection) throws {
        let cubic = ODEProblem<Void>(
            stateNames: ["x"], parameters: (), initialState: [0], timeSpan: (0, 4),
            events: [Event(name: "level", direction: direction) { _, y, _ in y[0] - 1.5 }]
        ) { t, _, dydt, _ in dydt[0] = 3 * t - 1.5 * t * t }
        let roots = [1.0, 3.0].map { start in
            var t = start
            for _ in 0..<100 { t -= (0.5 * t * t * t - 1.5 * t * t + 1.5) / (1.5 * t * t - 3 * t) }
            return t
        }
        var options = SolverOptions()
        options.initialStep = 4
        let solution = try ODESolver(options).solve(cubic)
        #expect(solution.stats.acceptedSteps == 1, "steps \(solution.stats.acceptedSteps)")
        let expected: [Double]
        switch direction {
        case .rising: expected = [roots[0]]
        case .falling: expected = [roots[1]]
        case .either: expected = roots
        }
        let times = solution.events.map(\.time)
        #expect(times.count == expected.count, "\(times) vs \(expected)")
        for (got, want) in zip(times, expected) { #expect(abs(got - want) <= 1e-9, "\(got) vs \(want)") }
    }

    @Test("with no interior points the same step misses both: the option is honoured")
    func interiorPointsOption() throws {
        let cubic = ODEProblem<Void>(
            stateNames: ["x"], parameters: (), initialState: [0], timeSpan: (0, 4),
            events: [Event(name: "level", direction: .either) { _, y, _ in y[0] - 1.5 }]
        ) { t, _, dydt, _ in dydt[0] = 3 * t - 1.5 * t * t }
        var options = SolverOptions()
        options.eventInteriorPoints = 0
        options.initialStep = 4
        let solution = try ODESolver(options).solve(cubic)
        #expect(solution.stats.acceptedSteps == 1)
        #expect(solution.events.isEmpty)
    }
}

/// The restart rules and the relative event-time tolerance.
@Suite("Event restarts")
struct EventRestartTests {
    /// The located state after a bounce sits a hair below the floor (the crossing is reported on
    /// its far side); with direction `.either` the ball's rise back through 0 a picosecond later is
    /// the same instant, not a new bounce. The restart treats the condition as just crossed.
    @Test("a post-event state a hair on the wrong side does not fire the event again")
    func hairOnTheWrongSide() throws {
        let e = EventDetectionTests.e
        let problem = ODEProblem<Void>(
            stateNames: ["y", "v"], initialState: [10, 0], timeSpan: (0, EventDetectionTests.tenBounces),
            events: [Event(name: "floor", direction: .either, action: .modify { _, s, _ in s[1] *= -e }) { _, y, _ in y[0] }]
        ) { _, y, dydt in dydt[0] = y[1]; dydt[1] = -EventDetectionTests.g }
        let solution = try ODESolver(SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))).solve(problem)
        let times = solution.events.map(\.time)
        #expect(solution.events.first.map { $0.state[0] < 0 } == true, "the located state is past the surface")
        #expect(times.count == 10, "\(times.count) crossings")
        for (k, t) in times.enumerated() { #expect(abs(t - EventDetectionTests.bounceTime(k + 1)) <= 1e-8) }
    }

    /// Robertson's kinetics: y2 peaks near t = 0.0045 and then decays for eleven decades of t; an
    /// event at y1 = 1e-3 lies near t ≈ 2e7, where an absolute 1e-9 is below the resolution of t's
    /// neighbours' differences and root finding would re-integrate to its iteration cap. With the
    /// relative tolerance it is located in a handful of re-integrations.
    @Test("an event at large |t| is located to the relative tolerance in bounded work")
    func largeTime() throws {
        var problem = StandardProblemFixtures.robertson
        problem.events = [Event(name: "y1small", direction: .falling) { _, y, _ in y[0] - 1e-3 }]
        var options = SolverOptions(stepper: .msbdf, relativeTolerance: .scalar(1e-8), absoluteTolerance: .perComponent([1e-10, 1e-14, 1e-10]))
        options.eventTimeTolerance = 1e-12
        options.eventInteriorPoints = 0
        let solution = try ODESolver(options).solve(problem)
        let event = try #require(solution.firstEvent(named: "y1small"))
        #expect(event.time > 1e6 && event.time < 1e9, "\(event.time)")
        #expect(abs(event.state[0] - 1e-3) < 1e-3 * 1e-6)
        // The location's own work: with no interior checks every condition evaluation beyond one per
        // step is root finding (an absolute 1e-12 at t ≈ 2e7, below ulp(t), runs Illinois to its cap).
        #expect(solution.stats.eventFunctionEvaluations - (solution.stats.acceptedSteps + 1) < 40,
                "\(solution.stats.eventFunctionEvaluations - solution.stats.acceptedSteps - 1) evaluations to locate one crossing")
    }
}

import TakeoffTestSupport
enum StandardProblemFixtures {
    static var robertson: ODEProblem<Void> { StandardProblem.robertson.problem }
}
