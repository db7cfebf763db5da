import Foundation
import Testing
import TakeoffCore
import TakeoffGSL

@Suite("Finite-time singularities")
struct SingularityTests {
    /// y' = k y^q.
    func power(k: Double, q: Double, y0: Double, from t0: Double, to t1: Double) -> ODEProblem<Void> {
        ODEProblem(
            stateNames: ["y"], parameters: (), initialState: [y0], timeSpan: (t0, t1),
            jacobian: .analytic { _, y, dfdy, dfdt, _ in
                dfdy[0] = k * q * pow(y[0], q - 1)
                dfdt[0] = 0
            }
        ) { _, y, dydt, _ in dydt[0] = k * pow(y[0], q) }
    }

    @Test("y' = k y² blows up at 1/(k y0), to 1e-6 relative", arguments: [Stepper.rk8pd, .rkf45, .rkck, .bsimp, .msadams, .msbdf])
    func quadratic(stepper: Stepper) throws {
        for start in [0.0, 2025.0] {
            let k = 0.5, y0 = 2.0
            let expected = 1 / (k * y0)
            // Default tolerances (rtol 1e-8) for the one-step methods; GSL's multistep methods
            // carry ~100 tolerances of global error (AccuracyTests), so they get rtol 1e-10.
            let rtol = stepper.isMultistep ? 1e-10 : 1e-8
            let options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(rtol), absoluteTolerance: .scalar(rtol * 1e-2))
            let solution = try ODESolver(options).solve(power(k: k, q: 2, y0: y0, from: start, to: start + 10))
            #expect(solution.status == .singularity, "\(stepper): \(solution.status) \(solution.message ?? "")")
            let blowUp = try #require(solution.blowUpTime)
            #expect(abs((blowUp - start) - expected) <= 1e-6 * expected, "\(stepper) start \(start): \(blowUp)")
            // Everything saved before the blow-up is valid: each saved (t, y) lies on the exact
            // solution, whose blow-up time t + 1/(k y) is the invariant (y itself is
            // ill-conditioned near the pole: a shift δ in time changes it by δ/(T − t)).
            for row in 0..<solution.count {
                let t = solution.times[row] - start
                #expect(t < expected * (1 + 1e-6))
                let y = solution.state(at: row).first!
                let implied = t + 1 / (k * y)
                #expect(abs(implied - expected) <= 1e-6 * expected, "\(stepper) t = \(t): y = \(y)")
            }
        }
    }

    @Test("blow-up backward in time")
    func backward() throws {
        // k < 0: y = y0 / (1 − k y0 t) diverges at t = 1/(k y0) = −1.
        let solution = try ODESolver().solve(power(k: -0.5, q: 2, y0: 2, from: 0, to: -10))
        #expect(solution.status == .singularity)
        let blowUp = try #require(solution.blowUpTime)
        #expect(abs(blowUp - -1) <= 1e-6)
    }

    @Test("a power law other than quadratic: y' = y^1.5 blows up at 2/√y0")
    func otherExponent() throws {
        let solution = try ODESolver().solve(power(k: 1, q: 1.5, y0: 4, from: 0, to: 5))
        #expect(solution.status == .singularity)
        let blowUp = try #require(solution.blowUpTime)
        #expect(abs(blowUp - 1) <= 1e-6, "\(blowUp)")
    }

    @Test("fast exponential and logistic growth are not singularities")
    func noFalseAlarm() throws {
        let exponential = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 100)) {
            _, y, dydt, _ in dydt[0] = y[0]
        }
        let a = try ODESolver().solve(exponential)
        #expect(a.status == .success)
        #expect(abs(a.values.last! / exp(100) - 1) < 1e-6)
        let logistic = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1e-6], timeSpan: (0, 60)) {
            _, y, dydt, _ in dydt[0] = 3 * y[0] * (1 - y[0])
        }
        #expect(try ODESolver().solve(logistic).status == .success)
    }
}

@Suite("README examples")
struct ReadmeExampleTests {
    @Test("the ODE-core example in README.md does what it says")
    func coreExample() throws {
        let problem = ODEProblem(stateNames: ["y"], parameters: 0.5, initialState: [2], timeSpan: (0, 10),
                                 events: [Event(name: "reaches10", direction: .rising) { _, y, _ in y[0] - 10 }]) {
            t, y, dydt, k in dydt[0] = k * y[0] * y[0]
        }
        let solution = try ODESolver(SolverOptions(stepper: .rk8pd, relativeTolerance: .scalar(1e-10))).solve(problem)
        #expect(solution.status == .singularity)
        #expect(abs(solution.blowUpTime! - 1) < 1e-8)
        #expect(abs(solution.events[0].time - 0.8) < 1e-9)
    }
}
