import Testing
@testable import TakeoffEquations

#if canImport(Glibc)
import Glibc
#endif

@Suite("Derivative values against closed forms")
struct EvaluationTests {
    @Test("logistic growth: f = a x (1 - x / K)")
    func logisticGrowth() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x"], parameters: ["a", "K"], derivatives: [("x", "a * x * (1 - x / K)")]))
        var random = SplitMix64(state: 7)
        for _ in 0..<50 {
            let (x, a, K) = (random.uniform(0, 20), random.uniform(0.1, 2), random.uniform(1, 30))
            #expect(close(compiled.f([x], [a, K])[0], a * x * (1 - x / K), relative: 1e-14, absolute: 1e-300))
        }
    }

    @Test("y' = k y^2 and exponential decay through an auxiliary")
    func powers() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["y", "z"], parameters: ["k"], derivatives: [("y", "k * y^2"), ("z", "-rate * z")],
            auxiliaries: [("rate", "k / 2")]))
        #expect(compiled.f([3, 4], [0.5]) == [4.5, -1])
        #expect(compiled.f([-2, 0], [1]) == [4, -0.0])
    }

    @Test("SIR model with auxiliaries")
    func sir() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["S", "I", "R"], parameters: ["beta", "gamma"],
            derivatives: [("S", "-infection"), ("I", "infection - recovery"), ("R", "recovery")],
            auxiliaries: [("recovery", "gamma * I"), ("infection", "beta * S * I / N"), ("N", "S + I + R")]))
        let (S, I, R, beta, gamma) = (990.0, 10.0, 0.0, 0.3, 0.1)
        let infection = beta * S * I / (S + I + R), recovery = gamma * I
        #expect(compiled.f([S, I, R], [beta, gamma]) == [-infection, infection - recovery, recovery])
    }

    @Test("the no-delay and delay entry points agree, and the workspace is reusable")
    func reuse() throws {
        let compiled = try EquationCompiler.compile(JacobianTests.rich)
        let workspace = compiled.makeWorkspace()
        let p = [0.8, 3.0, 0.4, 0.7]
        var out = [Double](repeating: 0, count: 3)
        var results: [[Double]] = []
        for y in [[1.0, 1.5, 0.5], [1.9, 0.7, -0.4], [1.0, 1.5, 0.5]] {
            y.withUnsafeBufferPointer { yb in
                compiled.slots(p).withUnsafeBufferPointer { pb in
                    out.withUnsafeMutableBufferPointer { ob in
                        compiled.derivatives(t: 1, y: yb, parameters: pb, into: ob, workspace: workspace)
                    }
                }
            }
            results.append(out)
            #expect(out == compiled.f(t: 1, y, p))
        }
        #expect(results[0] == results[2])
        #expect(results[0] != results[1])
    }

    @Test("models without parameters or auxiliaries, and a single constant derivative")
    func degenerate() throws {
        let compiled = try EquationCompiler.compile(model(states: ["x"], derivatives: [("x", "1")]))
        #expect(compiled.f([5], []) == [1])
        #expect(compiled.jac([5], []).dfdy == [0])
        #expect(compiled.aux([5], []) == [])
        #expect(compiled.initialState(parameters: []) == [0])
    }
}
