import Foundation
import TakeoffCore

/// Right-hand sides with exact solutions (the oracles of the accuracy tests), in the style of
/// SciPy's `fun_*`/`sol_*` and GSL's `test.c` pairs. Each has an analytic Jacobian so that
/// every stepper, implicit ones included, can run it.
struct AnalyticProblem: Sendable, CustomStringConvertible {
    let name: String
    let names: [String]
    let start: Double
    let end: Double
    let exact: @Sendable (Double) -> [Double]
    let rhs: @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
    let jacobian: @Sendable (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void

    var description: String { name }

    /// The problem from `from` to `to`, started on the exact solution.
    func problem(from: Double, to: Double) -> ODEProblem<Void> {
        let rhs = self.rhs, jacobian = self.jacobian
        return ODEProblem(
            stateNames: names, parameters: (), initialState: exact(from), timeSpan: (from, to),
            jacobian: .analytic { t, y, dfdy, dfdt, _ in
                jacobian(t, y, dfdy)
                for i in 0..<dfdt.count { dfdt[i] = 0 }
            }
        ) { t, y, dydt, _ in rhs(t, y, dydt) }
    }

    static let exponential = AnalyticProblem(
        name: "exponential", names: ["y"], start: 0, end: 2,
        exact: { t in [exp(0.7 * t)] },
        rhs: { _, y, f in f[0] = 0.7 * y[0] },
        jacobian: { _, _, j in j[0] = 0.7 })

    static let logistic = AnalyticProblem(
        name: "logistic", names: ["y"], start: 0, end: 2,
        exact: { t in [10 / (1 + (10 / 0.5 - 1) * exp(-1.5 * t))] },
        rhs: { _, y, f in f[0] = 1.5 * y[0] * (1 - y[0] / 10) },
        jacobian: { _, y, j in j[0] = 1.5 * (1 - 2 * y[0] / 10) })

    /// x' = −x/2 + y, y' = −x − y/2: a damped rotation, x = e^(−t/2) cos t, y = −e^(−t/2) sin t.
    /// The span [0.5, 2.5] keeps both ends away from zeros of the components, where an
    /// error measured against `atol + rtol·|y|` would be measured against `atol` alone.
    static let linear2x2 = AnalyticProblem(
        name: "linear2x2", names: ["x", "y"], start: 0.5, end: 2.5,
        exact: { t in [exp(-0.5 * t) * cos(t), -exp(-0.5 * t) * sin(t)] },
        rhs: { _, y, f in
            f[0] = -0.5 * y[0] + y[1]
            f[1] = -y[0] - 0.5 * y[1]
        },
        jacobian: { _, _, j in
            j[0] = -0.5; j[1] = 1
            j[2] = -1; j[3] = -0.5
        })

    /// y' = k y², y(0) = 1, k = 0.2: y = 1/(1 − k t), blows up at t = 5; tested on [0, 4].
    static let hyperbolic = AnalyticProblem(
        name: "hyperbolic", names: ["y"], start: 0, end: 4,
        exact: { t in [1 / (1 - 0.2 * t)] },
        rhs: { _, y, f in f[0] = 0.2 * y[0] * y[0] },
        jacobian: { _, y, j in j[0] = 0.4 * y[0] })

    static let all = [exponential, logistic, linear2x2, hyperbolic]
}

/// The largest `|y - y_exact| / (atol + rtol·|y_exact|)` over the components: the global error
/// in units of the requested tolerance.
func errorRatio(_ y: [Double], _ exact: [Double], rtol: Double, atol: Double) -> Double {
    zip(y, exact).map { abs($0 - $1) / (atol + rtol * abs($1)) }.max() ?? 0
}
