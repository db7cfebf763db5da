// Micro-benchmark: 10^6 derivative (and Jacobian) evaluations of a 2-state, 10-auxiliary
// model. Run with `swift run -c release eqbench`.
import TakeoffEquations

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func location(_ line: Int) -> SourceLocation { SourceLocation(file: "bench.toml", line: line, column: 5) }

let auxiliaries: [(String, String)] = [
    ("crowding", "x / K"),
    ("growth", "if(t > 2030, g2, g1)"),
    ("birth", "growth * x * (1 - crowding)"),
    ("hunger", "logistic(a * (x - x0))"),
    ("predation", "b * x * y * hunger"),
    ("conversion", "eff * predation"),
    ("mortality", "m * y * (1 + 0.1 * tanh(y - y0))"),
    ("harvest", "min(h * x, hmax)"),
    ("stress", "sqrt(abs(x - y) + 1)"),
    ("bonus", "exp(-stress) * 0.01 * y"),
]
var declaration = ModelDeclaration(
    file: "bench.toml",
    parameters: ["K", "g1", "g2", "a", "x0", "b", "eff", "m", "y0", "h", "hmax"],
    states: ["x", "y"],
    derivatives: [
        ("x", "birth - predation - harvest", location(1)),
        ("y", "conversion - mortality + bonus", location(2)),
    ],
    auxiliaries: auxiliaries.enumerated().map { ($1.0, $1.1, location(10 + $0)) })
declaration.initialValues = [("x", "K / 2", location(30)), ("y", "1", location(31))]

let model: CompiledModel
do {
    model = try EquationCompiler.compile(declaration)
} catch {
    print(error)
    exit(1)
}

let parameters: [Double] = [100, 0.5, 0.4, 0.2, 50, 0.01, 0.3, 0.2, 5, 0.05, 3]
let workspace = model.makeWorkspace()
var y: [Double] = [40, 8]
var dydt = [Double](repeating: 0, count: 2)
var dfdy = [Double](repeating: 0, count: 4)
var dfdt = [Double](repeating: 0, count: 2)

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

let iterations = 1_000_000
var checksum = 0.0
parameters.withUnsafeBufferPointer { p in
    y.withUnsafeMutableBufferPointer { yb in
        dydt.withUnsafeMutableBufferPointer { out in
            // Warm up, then time derivative evaluations with a varying state.
            for _ in 0..<10_000 { model.derivatives(t: 2020, y: UnsafeBufferPointer(yb), parameters: p, into: out, workspace: workspace) }
            let start = now()
            for i in 0..<iterations {
                yb[0] = 40 + Double(i & 1023) * 1e-3
                model.derivatives(t: 2020, y: UnsafeBufferPointer(yb), parameters: p, into: out, workspace: workspace)
                checksum += out[0] + out[1]
            }
            let elapsed = now() - start
            print("derivatives: \(model.instructionCounts.derivatives) instructions, "
                + "\(String(format: elapsed / Double(iterations))) ns/evaluation")
        }
        dfdy.withUnsafeMutableBufferPointer { a in
            dfdt.withUnsafeMutableBufferPointer { b in
                let start = now()
                for i in 0..<iterations {
                    yb[1] = 8 + Double(i & 1023) * 1e-3
                    model.jacobian(t: 2020, y: UnsafeBufferPointer(yb), parameters: p, dfdy: a, dfdt: b, workspace: workspace)
                    checksum += a[0] + b[0]
                }
                let elapsed = now() - start
                print("jacobian:    \(model.instructionCounts.jacobian) instructions, "
                    + "\(String(format: elapsed / Double(iterations))) ns/evaluation")
            }
        }
    }
}
print("checksum \(checksum)")

extension String {
    /// One decimal, without Foundation.
    init(format value: Double) {
        let tenths = (value * 10).rounded()
        self = "\(Int(tenths) / 10).\(Int(tenths) % 10)"
    }
}
