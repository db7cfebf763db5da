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
}
