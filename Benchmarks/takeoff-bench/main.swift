// Throughput benchmark of the ODE core against scipy's solve_ivp on the same problem.
//
// Problem (docs/swift-gsl-notes.md §6): four states,
//   q = X^0.6 Y^0.4,  X' = a q − d X,  Y' = b Y (1 − Y/K) + c Z,  Z' = e X − f Z,  W' = s q
// from y0 = (1, 1, 0.5, 0), t 0 → 50, rtol 1e-8, atol 1e-10, initial step 1e-3, with each
// solve's 8 parameters from a Weyl sequence frac((i+1)·frac(√prime_k)) that
// Benchmarks/scipy_peer.py reproduces exactly, so both sides solve the same 10,000 problems.
//
// Usage: swift run -c release takeoff-bench [solves] [stepper]
import Foundation
import TakeoffCore
import TakeoffGSL

struct Rates: Sendable { var a, d, b, K, c, e, f, s: Double }

let primes: [Double] = [2, 3, 5, 7, 11, 13, 17, 19]
func weyl(_ i: Int, _ k: Int) -> Double {
    let alpha = primes[k].squareRoot().truncatingRemainder(dividingBy: 1)
    return (Double(i + 1) * alpha).truncatingRemainder(dividingBy: 1)
}
func rates(_ i: Int) -> Rates {
    Rates(a: 0.5 + weyl(i, 0), d: 0.1 + 0.2 * weyl(i, 1), b: 0.2 + 0.3 * weyl(i, 2), K: 5 + 10 * weyl(i, 3),
          c: 0.05 + 0.1 * weyl(i, 4), e: 0.1 + 0.2 * weyl(i, 5), f: 0.2 + 0.3 * weyl(i, 6), s: 0.5 + weyl(i, 7))
}

#if DEBUG
FileHandle.standardError.write("warning: takeoff-bench was built in debug mode; timings are meaningless. Use -c release.\n".data(using: .utf8)!)
#endif

let arguments = CommandLine.arguments
let solves = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let stepper = arguments.count > 2 ? Stepper(rawValue: arguments[2]) ?? .rk8pd : .rk8pd

let base = ODEProblem(
    stateNames: ["X", "Y", "Z", "W"], parameters: rates(0), initialState: [1, 1, 0.5, 0], timeSpan: (0, 50)
) { _, y, dydt, p in
    let q = pow(y[0], 0.6) * pow(y[1], 0.4)
    dydt[0] = p.a * q - p.d * y[0]
    dydt[1] = p.b * y[1] * (1 - y[1] / p.K) + p.c * y[2]
    dydt[2] = p.e * y[0] - p.f * y[2]
    dydt[3] = p.s * q
}
var options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(1e-8), absoluteTolerance: .scalar(1e-10),
                            initialStep: 1e-3)
options.save = .at([50])
let solver = ODESolver(options)

var checksum = 0.0
var rhs = 0
var failures = 0
let clock = ContinuousClock()
let elapsed = try clock.measure {
    for i in 0..<solves {
        let solution = try solver.solve(base.with(parameters: rates(i)))
        if solution.status != .success { failures += 1 }
        let last = solution.state(at: solution.count - 1)
        checksum += last[last.startIndex] + last[last.startIndex + 3]
        rhs += solution.stats.rhsEvaluations
    }
}
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let perSolve = seconds / Double(solves) * 1e6
print(String(format: "takeoff %@: %d solves, %.2f µs per solve, %.1f RHS evaluations per solve, %.0f solves/s, checksum %.8f, failures %d",
             stepper.rawValue, solves, perSolve, Double(rhs) / Double(solves), Double(solves) / seconds, checksum, failures))
