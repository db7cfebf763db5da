// Equation models against the Swift models they re-express: the cost of one right-hand-side
// evaluation (ns, at the initial state, through the problem the run hands the core), RHS
// evaluations and wall time per run, and the time to load and compile each shipped equation
// file. Release build: `swift run -c release eq-study-bench` (or `make eq-bench`); the
// 10,000-run study comparison is Benchmarks/eq-study-bench/study.sh.
import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffModels
import TakeoffStudies

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Times the problem's right-hand side at its initial state, then solves with the GSL core.
struct TimingIntegrator: ODEIntegrating {
    let inner: any ODEIntegrating
    let label: String

    func solve<P: Sendable>(_ problem: ODEProblem<P>, options: SolverOptions) throws(SolverError) -> ODESolution<P> {
        if let plain = problem.rhs.plain {
            var y = problem.initialState
            var dydt = [Double](repeating: 0, count: problem.dimension)
            let evaluations = 200_000
            var checksum = 0.0
            var best = Double.infinity
            for _ in 0..<5 {
                let start = now()
                y.withUnsafeMutableBufferPointer { yb in
                    dydt.withUnsafeMutableBufferPointer { out in
                        for i in 0..<evaluations {
                            let t = problem.timeSpan.start + Double(i & 1023) * 1e-4
                            try? plain(t, UnsafeBufferPointer(yb), out, problem.parameters)
                            checksum += out[0]
                        }
                    }
                }
                best = min(best, (now() - start) / Double(evaluations))
            }
            print("  \(label): \(problem.dimension) states, \(String(format: "%.1f", best)) ns per RHS evaluation (best of 5 × 200,000; checksum \(checksum.isFinite ? "finite" : "non-finite"))")
        }
        return try inner.solve(problem, options: options)
    }
}

func load(_ path: String) -> Scenario {
    do { return try ScenarioLoader.load(path: path) } catch {
        print("error: \(error)")
        exit(1)
    }
}

/// Wall time and RHS evaluations per run of a scenario, over `runs` runs.
func runCost(_ path: String, runs: Int) {
    let scenario = load(path)
    let timed = ModelSolver(scenario.solver, integrator: TimingIntegrator(inner: ModelSolver.gsl(scenario.solver).integrator, label: path))
    _ = try? scenario.resolvedModel.run(initialState: scenario.inputs.initialState, solver: timed)
    var rhs = 0, best = Double.infinity
    for _ in 0..<runs {
        let start = now()
        guard let run = try? scenario.run() else { print("  \(path): the run failed"); return }
        best = min(best, now() - start)
        rhs = run.stats.rhsEvaluations
    }
    print("  \(path): \(rhs) RHS evaluations in the main solve, \(String(format: "%.3f", best / 1e6)) ms per run (best of \(runs))")
}

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Models"
print("right-hand sides and runs (feedback: its second, human-only solve is timed too):")
for name in ["feedback.toml", "feedback-equations.toml"] { runCost(root + "/" + name, runs: 50) }

print("load (TOML + validation + parse + compile) of each shipped equation file, and parse + compile alone, best of 50:")
let files = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted().filter { name in
    name.hasSuffix(".toml") && ((try? String(contentsOfFile: root + "/" + name, encoding: .utf8))?.contains("model = \"equations\"") ?? false)
}
for name in files {
    var best = Double.infinity
    for _ in 0..<50 {
        let start = now()
        _ = load(root + "/" + name)
        best = min(best, now() - start)
    }
    // Parse + compile alone: the expressions of the file's tables to a runnable spec.
    guard let text = try? String(contentsOfFile: root + "/" + name, encoding: .utf8),
          let definition = try? EquationModelFile.definition(text: text, file: name) else { continue }
    var compile = Double.infinity
    for _ in 0..<50 {
        let start = now()
        _ = try? EquationModel.spec(definition)
        compile = min(compile, now() - start)
    }
    print("  \(name): \(String(format: "%.2f", best / 1e6)) ms to load, of which \(String(format: "%.2f", compile / 1e6)) ms parse + compile")
}
