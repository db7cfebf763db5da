// The standard IVP test problems through the core (Benchmarks/ivp/problems.md), beside
// Benchmarks/ivp/scipy_ivp.py at the same tolerances: steps, right-hand-side and Jacobian
// evaluations, the error at the end in units of the tolerance, and milliseconds per solve
// (median of the repeats). Usage: ivp-bench [repeats] [--csv PATH]
import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffTestSupport

let arguments = CommandLine.arguments.dropFirst()
let repeats = arguments.first.flatMap { Int($0) } ?? 5
let csvPath = arguments.firstIndex(of: "--csv").map { arguments[arguments.index(after: $0)] }
let rtol = ProcessInfo.processInfo.environment["IVP_RTOL"].flatMap(Double.init) ?? 1e-8
let steppers: [String: [Stepper]] = ["nonstiff": [.rk8pd, .rkf45, .msadams], "stiff": [.msbdf, .bsimp, .rk4imp]]

var rows: [[String]] = [["problem", "stepper", "steps", "nfev", "njev", "error_tol_units", "ms"]]
print("problem     stepper   steps     nfev   njev   error (tol)       ms")
for standard in StandardProblem.all {
    for stepper in steppers[standard.stiff ? "stiff" : "nonstiff"]! {
        var options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(rtol),
                                    absoluteTolerance: .perComponent(standard.absolute), maxSteps: 100_000)
        options.timeLimitSeconds = 120
        var times: [Double] = []
        var last: ODESolution<Void>?
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            last = try ODESolver(options).solve(standard.problem)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        guard let solution = last else { continue }
        let final = Array(solution.state(at: solution.count - 1))
        let error = solution.status == .success ? standard.error(final, relative: rtol) : .nan
        let ms = times.sorted()[times.count / 2]
        let s = solution.stats
        let status = solution.status == .success ? "" : "  (\(solution.status.rawValue))"
        let label = standard.name.padding(toLength: 11, withPad: " ", startingAt: 0)
            + " " + stepper.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        print(label + String(format: " %6d %8d %6d %12.3g %10.2f", s.acceptedSteps, s.rhsEvaluations, s.jacobianEvaluations, error, ms) + status)
        rows.append([standard.name, stepper.rawValue, "\(s.acceptedSteps)", "\(s.rhsEvaluations)", "\(s.jacobianEvaluations)",
                     "\(error)", String(format: "%.3f", ms)])
    }
}

// The bouncing ball (y'' = −9.81 from y = 10 at rest, restitution 0.9 at y = 0 falling): ten
// bounces, the largest bounce-time error against t_k = t₁(1 + 2e(1 − e^(k−1))/(1 − e)) in seconds.
let g = 9.81, e = 0.9, t1 = (2 * 10 / g).squareRoot()
func bounce(_ k: Int) -> Double { t1 * (1 + 2 * e * (1 - pow(e, Double(k - 1))) / (1 - e)) }
let ball = ODEProblem<Void>(
    stateNames: ["y", "v"], initialState: [10, 0], timeSpan: (0, 0.5 * (bounce(10) + bounce(11))),
    events: [Event(name: "bounce", direction: .falling, action: .modify { _, s, _ in s[1] *= -e }) { _, y, _ in y[0] }],
    jacobian: .analytic { _, _, j, dt, _ in j[0] = 0; j[1] = 1; j[2] = 0; j[3] = 0; dt[0] = 0; dt[1] = 0 }
) { _, y, dydt in dydt[0] = y[1]; dydt[1] = -g }
for stepper in [Stepper.rk8pd, .rkf45, .rkck, .msadams, .msbdf, .bsimp] {
    let options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-12))
    var times: [Double] = []
    var last: ODESolution<Void>?
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        last = try ODESolver(options).solve(ball)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    guard let solution = last else { continue }
    let found = solution.events.map(\.time)
    let error = found.count == 10 ? zip(found, 1...10).map { abs($0 - bounce($1)) }.max()! : .nan
    let s = solution.stats
    let label = "bouncing-ball " + stepper.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
    print(label + String(format: " %4d %8d %6d %10.3g s %8.2f  (%d of 10 bounces, rtol 1e-10)", s.acceptedSteps, s.rhsEvaluations,
                         s.jacobianEvaluations, error, times.sorted()[times.count / 2], found.count))
    rows.append(["bouncing-ball", stepper.rawValue, "\(s.acceptedSteps)", "\(s.rhsEvaluations)", "\(s.jacobianEvaluations)",
                 "\(error)", String(format: "%.3f", times.sorted()[times.count / 2])])
}
if let csvPath {
    try rows.map { $0.joined(separator: ",") }.joined(separator: "\n").appending("\n").write(toFile: csvPath, atomically: true, encoding: .utf8)
}
