import Foundation
import Testing
import TakeoffCore
import TakeoffGSL

struct ModelError: Error, CustomStringConvertible {
    var description: String { "efficiency became negative" }
}

@Suite("Statuses and misuse")
struct FailureTests {
    @Test("a model that returns NaN gives nonFiniteState quickly, with the points before it")
    func nanModel() throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 5)) {
            t, y, dydt, _ in dydt[0] = t < 1 ? y[0] : .nan
        }
        let solution = try ODESolver().solve(problem)
        #expect(solution.status == .nonFiniteState)
        #expect(solution.status.isResult == false)
        #expect(solution.times.last! <= 1)
        #expect(solution.times.last! > 0.99)
        #expect(solution.values.allSatisfy { $0.isFinite })
        #expect(solution.stats.rhsEvaluations < 5_000)
    }

    @Test("a model that throws gives modelFailure with its message")
    func throwingModel() throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 5)) {
            t, y, dydt, _ in
            if t > 2 { throw ModelError() }
            dydt[0] = -y[0]
        }
        let solution = try ODESolver().solve(problem)
        #expect(solution.status == .modelFailure)
        #expect(solution.message?.contains("efficiency became negative") == true)
        #expect(solution.times.last! <= 2)
    }

    @Test("a stepper that needs a Jacobian is refused without one", arguments: [Stepper.msbdf, .bsimp, .rk4imp])
    func jacobianRequired(stepper: Stepper) throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 1)) {
            _, y, dydt, _ in dydt[0] = -y[0]
        }
        #expect(throws: SolverError.jacobianRequired(stepper)) {
            try ODESolver(SolverOptions(stepper: stepper)).solve(problem)
        }
        var withFD = problem
        withFD.jacobian = .finiteDifferences
        let solution = try ODESolver(SolverOptions(stepper: stepper, save: .at([1]))).solve(withFD)
        #expect(solution.status == .success)
        #expect(abs(solution.values[0] - exp(-1)) < 1e-6)
        #expect(solution.stats.jacobianEvaluations > 0)
    }

    @Test("the step limit gives maxStepsReached")
    func maxSteps() throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 100)) {
            t, _, dydt, _ in dydt[0] = cos(10 * t)
        }
        var options = SolverOptions()
        options.maxSteps = 5
        let solution = try ODESolver(options).solve(problem)
        #expect(solution.status == .maxStepsReached)
        #expect(solution.stats.acceptedSteps == 5)
    }

    @Test("misuse is a typed error")
    func misuse() {
        let problem = ODEProblem(stateNames: ["a", "b"], parameters: (), initialState: [1], timeSpan: (0, 1)) {
            _, _, _, _ in
        }
        #expect(throws: SolverError.dimensionMismatch(expected: 2, got: 1)) { try ODESolver().solve(problem) }
        let empty = problem.with(initialState: [1, 1]).with(timeSpan: (1, 1))
        #expect(throws: SolverError.invalidTimeSpan(start: 1, end: 1)) { try ODESolver().solve(empty) }
        var options = SolverOptions()
        options.relativeTolerance = .perComponent([1e-8])
        #expect(throws: SolverError.self) { try ODESolver(options).solve(problem.with(initialState: [1, 1])) }
    }

    @Test("work counters are plausible for rk8pd")
    func counters() throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 2)) {
            _, y, dydt, _ in dydt[0] = 0.7 * y[0]
        }
        let stats = try ODESolver().solve(problem).stats
        let attempts = stats.acceptedSteps + stats.rejectedSteps
        // rk8pd: 13 stages per attempt, the first reused from the previous step's end, plus
        // the derivative at the start and at the end of the solve.
        #expect(stats.rhsEvaluations >= 12 * stats.acceptedSteps)
        #expect(stats.rhsEvaluations <= 13 * attempts + 2)
        #expect(stats.acceptedSteps < 30)
        #expect(stats.eventFunctionEvaluations == 0)
    }
}

@Suite("Hostile problems")
struct HostileProblemTests {
    @Test("a solve that would run for long is stopped by the wall-clock guard with a message")
    func timeLimit() throws {
        // A stiff-ish oscillation at a tolerance that forces millions of tiny steps.
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [0], timeSpan: (0, 1e6)) {
            t, _, dydt, _ in dydt[0] = cos(1e4 * t)
        }
        var options = SolverOptions(relativeTolerance: .scalar(1e-14), absoluteTolerance: .scalar(1e-14))
        options.save = .at([1e6])
        options.maxSteps = 100_000_000
        options.timeLimitSeconds = 0.2
        // Without the guard this solve needs about 1e10 steps; with it, it stops after 0.2 s.
        let solution = try ODESolver(options).solve(problem)
        #expect(solution.status == .timeLimitReached)
        #expect(solution.message?.contains("time limit") == true)
    }
}
