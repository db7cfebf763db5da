import Foundation
import Testing
import TakeoffCore
import TakeoffGSL

@Suite("Delays")
struct DelayTests {
    @Test("y'(t) = −y(t − 1) with y = 1 before 0 matches the method of steps")
    func methodOfSteps() throws {
        // On [0,1]: y = 1 − t. On [1,2]: y = 1 − t + (t−1)²/2, so y(2) = −1/2.
        // On [2,3]: y = −1/2 − [(t−2) − ((t−1)² − 1)/2 + (t−2)³/6], so y(3) = −1/6.
        let problem = ODEProblem(
            stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 3),
            delays: DelaySpecification(delays: [1])
        ) { t, _, dydt, _, past in dydt[0] = -past.value(0, at: t - 1) }
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12), save: .at([1, 2, 3]))
        let solution = try ODESolver(options).solve(problem)
        #expect(solution.status == .success)
        let expected = [0.0, -0.5, -1.0 / 6]
        for (k, want) in expected.enumerated() {
            let got = solution.values[k]
            #expect(abs(got - want) <= 1e-8, "y(\(k + 1)) = \(got), expected \(want)")
        }
    }

    @Test("the quintic Hermite step reproduces quintic polynomials (value and slope), the cubic only cubics")
    func quinticHermite() {
        let a = [0.3, -1.2, 0.7, 2.1, -0.4, 0.9]
        func p(_ t: Double) -> Double { (0..<6).reduce(0) { $0 + a[$1] * pow(t, Double($1)) } }
        func dp(_ t: Double) -> Double { (1..<6).reduce(0) { $0 + Double($1) * a[$1] * pow(t, Double($1 - 1)) } }
        func ddp(_ t: Double) -> Double { (2..<6).reduce(0) { $0 + Double($1 * ($1 - 1)) * a[$1] * pow(t, Double($1 - 2)) } }
        let (t0, t1) = (0.4, 1.3)
        var cubicError = 0.0
        for k in 0...20 {
            let t = t0 + Double(k) / 20 * (t1 - t0)
            let v = QuinticHermiteStep.value(t: t, t0: t0, t1: t1, y0: p(t0), y1: p(t1), f0: dp(t0), f1: dp(t1), c0: ddp(t0), c1: ddp(t1))
            let s = QuinticHermiteStep.slope(t: t, t0: t0, t1: t1, y0: p(t0), y1: p(t1), f0: dp(t0), f1: dp(t1), c0: ddp(t0), c1: ddp(t1))
            #expect(abs(v - p(t)) <= 1e-13 && abs(s - dp(t)) <= 1e-12, "t = \(t)")
            cubicError = max(cubicError, abs(HermiteStep.value(t: t, t0: t0, t1: t1, y0: p(t0), y1: p(t1), f0: dp(t0), f1: dp(t1)) - p(t)))
        }
        #expect(cubicError > 1e-4)
    }

    @Test("a delay far below the step: y'(t) = −y(t − 0.01) matches the method of steps with steps longer than the delay")
    func shortDelay() throws {
        // Method of steps: y(t) = Σ_{k=0}^{n} (−1)^k (t − (k − 1)τ)^k / k! on [(n − 1)τ, nτ].
        let tau = 0.01
        func exact(_ t: Double) -> Double {
            let n = Int((t / tau).rounded(.down)) + 1
            var sum = 0.0, factorial = 1.0
            for k in 0...n {
                if k > 0 { factorial *= Double(k) }
                sum += (k % 2 == 0 ? 1 : -1) * pow(t - Double(k - 1) * tau, Double(k)) / factorial
            }
            return sum
        }
        let problem = ODEProblem(stateNames: ["y"], parameters: (), initialState: [1], timeSpan: (0, 2),
                                 delays: DelaySpecification(delays: [tau])) { t, _, dydt, _, past in
            dydt[0] = -past.value(0, at: t - tau)
        }
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12), save: .at([0.5, 1, 2]))
        let solution = try ODESolver(options).solve(problem)
        #expect(solution.status == .success)
        for (k, t) in [0.5, 1, 2].enumerated() {
            #expect(abs(solution.values[k] - exact(t)) <= 1e-8, "y(\(t)) = \(solution.values[k]), method of steps \(exact(t))")
        }
        // Capped at the delay this took 200 steps or more; iterated long steps take far fewer.
        #expect(solution.stats.acceptedSteps < 100, "\(solution.stats.acceptedSteps) steps")
    }
}
