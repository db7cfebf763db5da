import Testing
@testable import TakeoffEquations

#if canImport(Glibc)
import Glibc
#endif

@Suite("Symbolic Jacobian")
struct JacobianTests {
    /// A model exercising exp/log/pow/sqrt/tanh/logistic/min/max/if/abs, ^ and sin/cos,
    /// with auxiliaries depending on each other (declared out of order).
    static let rich = model(
        states: ["x", "y", "z"], parameters: ["a", "K", "b", "c"],
        derivatives: [
            ("x", "a * x * (1 - x / K) - u * y + s"),
            ("y", "g - b * y + abs(z - 0.1) * w + t * 0.01 * x"),
            ("z", "v * log(y) - c * z^3 + 2^(x / y) + sin(z) * cos(t) + pow(y, z)"),
        ],
        auxiliaries: [
            ("g", "if(x > y, u * w, v / (1 + w * w))"),
            ("w", "tanh(u - v) + logistic(2 * z)"),
            ("u", "exp(-0.5 * x) + log(1 + y * y)"),
            ("v", "pow(abs(z) + 1, 1.5) * sqrt(x * x + 1) / log10(2 + x) + log2(3 + y)"),
            ("s", "min(x, y) + max(y, z, 0.3) - max(x * z, y - 1)"),
        ])

    /// Distance of a point to the nearest switch of the rich model.
    static func switchDistance(_ p: [Double]) -> Double {
        let (x, y, z) = (p[0], p[1], p[2])
        return [abs(x - y), abs(y - z), abs(y - 0.3), abs(z - 0.1), abs(z), abs(x * z - (y - 1))].min()!
    }

    @Test("Jacobian matches central finite differences at 100 random points")
    func finiteDifferences() throws {
        let compiled = try EquationCompiler.compile(Self.rich)
        let parameters = [0.8, 3.0, 0.4, 0.7]
        var random = SplitMix64(state: 42)
        var checked = 0
        while checked < 100 {
            let y = [random.uniform(0.5, 2), random.uniform(0.5, 2), random.uniform(-1, 1)]
            let t = random.uniform(0, 5)
            guard Self.switchDistance(y) > 1e-3 else { continue }
            checked += 1
            let (dfdy, dfdt) = compiled.jac(t: t, y, parameters)
            for j in 0..<3 {
                let h = 1e-6 * max(abs(y[j]), 1)
                var plus = y, minus = y
                plus[j] += h
                minus[j] -= h
                let (fp, fm) = (compiled.f(t: t, plus, parameters), compiled.f(t: t, minus, parameters))
                for i in 0..<3 {
                    let estimate = (fp[i] - fm[i]) / (2 * h)
                    #expect(close(dfdy[i * 3 + j], estimate, relative: 1e-6, absolute: 1e-8),
                            "∂f\(i)/∂y\(j) at \(y): \(dfdy[i * 3 + j]) vs \(estimate)")
                }
            }
            let h = 1e-6 * max(t, 1)
            let (fp, fm) = (compiled.f(t: t + h, y, parameters), compiled.f(t: t - h, y, parameters))
            for i in 0..<3 {
                #expect(close(dfdt[i], (fp[i] - fm[i]) / (2 * h), relative: 1e-6, absolute: 1e-8))
            }
        }
    }

    @Test("closed forms: Lotka-Volterra")
    func lotkaVolterra() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x", "y"], parameters: ["alpha", "beta", "delta", "gamma"],
            derivatives: [("x", "alpha * x - beta * x * y"), ("y", "delta * x * y - gamma * y")]))
        let (p, y) = ([1.1, 0.4, 0.1, 0.4], [3.0, 2.0])
        let (dfdy, dfdt) = compiled.jac(y, p)
        #expect(dfdy == [1.1 - 0.4 * 2, -0.4 * 3, 0.1 * 2, 0.1 * 3 - 0.4])
        #expect(dfdt == [0, 0])
    }

    @Test("closed forms: logistic growth, k y², explicit time")
    func closedForms() throws {
        let logistic = try EquationCompiler.compile(model(
            states: ["x"], parameters: ["a", "K"], derivatives: [("x", "a * x * (1 - x / K)")]))
        for x in [0.0, 1.5, 7.25, 12] {
            #expect(close(logistic.jac([x], [0.3, 10]).dfdy[0], 0.3 * (1 - 2 * x / 10), relative: 1e-14, absolute: 1e-15))
        }
        let square = try EquationCompiler.compile(model(states: ["y"], parameters: ["k"], derivatives: [("y", "k * y^2")]))
        #expect(square.jac([3], [0.5]).dfdy == [3])
        let timed = try EquationCompiler.compile(model(states: ["x"], derivatives: [("x", "sin(t) * x")]))
        let (dfdy, dfdt) = timed.jac(t: 0.7, [2], [])
        #expect(dfdy == [sin(0.7)])
        #expect(close(dfdt[0], cos(0.7) * 2, relative: 1e-15))
    }

    @Test("one-sided choices at switches: abs, min/max ties, if, floor")
    func switches() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x", "y"],
            derivatives: [("x", "abs(x) + min(2 * x, y) + floor(x * y)"), ("y", "max(y, x) + if(x > 0, 3 * y, -y)")]))
        // At x = 0: sign(0) = 0; min(0, 0) tie takes the first argument 2x; floor contributes 0.
        let (dfdy, _) = compiled.jac([0, 0], [])
        #expect(dfdy == [2, 0, 0, 0])
        let (moved, _) = compiled.jac([1, 1], [])
        // min(2, 1) is y; max(1, 1) tie is y; x > 0 takes 3y.
        #expect(moved == [1, 1, 0, 4])
    }

    @Test("the Jacobian's structural zeros stay zero and buffers are fully overwritten")
    func structuralZeros() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x", "y", "z"], derivatives: [("x", "y"), ("y", "-x"), ("z", "1")]))
        #expect(compiled.jac([1, 2, 3], []).dfdy == [0, 1, 0, -1, 0, 0, 0, 0, 0])
    }
}
