import TakeoffCore

/// Solves ``ODEProblem``s with GSL's `ode-initval2` steppers.
///
/// ```swift
/// let solver = ODESolver(SolverOptions(stepper: .rk8pd, relativeTolerance: .scalar(1e-10)))
/// let solution = try solver.solve(problem)
/// switch solution.status { case .success, .terminatedByEvent, .singularity: … default: … }
/// ```
///
/// `solve` throws only for misuse (``SolverError``: a stepper needing a Jacobian the problem
/// lacks, a wrong dimension, invalid tolerances or schedules). Everything that happens during
/// the integration is a ``ReturnCode`` in the solution, with the points saved up to then.
///
/// A solver is a value and holds no GSL state: each `solve` allocates its own workspace, so
/// concurrent solves on different threads are independent and reproducible.
public struct ODESolver: Sendable {
    /// Method, tolerances, limits and save schedule.
    public var options: SolverOptions

    public init(_ options: SolverOptions = SolverOptions()) {
        self.options = options
    }

    /// Integrates `problem` over its time span.
    public func solve<P: Sendable>(_ problem: ODEProblem<P>) throws(SolverError) -> ODESolution<P> {
        try validate(problem)
        let run = try SolveRun(problem: problem, options: options)
        return run.run()
    }

    private func validate<P>(_ problem: ODEProblem<P>) throws(SolverError) {
        let n = problem.dimension
        guard n > 0, problem.initialState.count == n else {
            throw .dimensionMismatch(expected: n, got: problem.initialState.count)
        }
        for (i, v) in problem.initialState.enumerated() where !v.isFinite {
            throw .nonFiniteInitialState(component: problem.stateNames[i])
        }
        let (t0, t1) = problem.timeSpan
        guard t0.isFinite, t1.isFinite, t0 != t1 else { throw .invalidTimeSpan(start: t0, end: t1) }
        if options.stepper.needsJacobian, problem.jacobian == nil { throw .jacobianRequired(options.stepper) }
        for (name, tol) in [("relativeTolerance", options.relativeTolerance), ("absoluteTolerance", options.absoluteTolerance)] {
            let values = tol.values(dimension: n)
            guard values.count == n else {
                throw .invalidTolerance("\(name) has \(values.count) components, expected \(n)")
            }
            for v in values where !(v.isFinite && v >= 0) {
                throw .invalidTolerance("\(name) \(v) must be finite and non-negative")
            }
        }
        for v in options.absoluteTolerance.values(dimension: n) where v <= 0 {
            throw .invalidTolerance("absoluteTolerance \(v) must be positive")
        }
        if let h = options.initialStep, !(h.isFinite && h > 0) { throw .invalidStep("initialStep \(h) must be positive") }
        if let h = options.maxStep, !(h.isFinite && h > 0) { throw .invalidStep("maxStep \(h) must be positive") }
        guard options.maxSteps >= 1 else { throw .invalidStep("maxSteps \(options.maxSteps) must be at least 1") }
        guard options.eventTimeTolerance > 0, options.eventTimeTolerance.isFinite else {
            throw .invalidStep("eventTimeTolerance must be positive")
        }
        if options.checksJacobian, let (d, row, column) = try? problem.jacobianDiscrepancy(at: t0, state: problem.initialState),
           d > 1e-4 {
            throw .jacobianMismatch(row: row, column: column, discrepancy: d)
        }
        guard options.eventTimeRelativeTolerance >= 0, options.eventTimeRelativeTolerance < 1 else {
            throw .invalidStep("eventTimeRelativeTolerance \(options.eventTimeRelativeTolerance) must be in [0, 1)")
        }
        // A documented bound: the check points cost a condition evaluation each per step.
        guard (0...1000).contains(options.eventInteriorPoints) else {
            throw .invalidStep("eventInteriorPoints \(options.eventInteriorPoints) must be between 0 and 1000")
        }
        switch options.save {
        case .steps: break
        case .every(let dt):
            guard dt.isFinite, dt > 0 else { throw .invalidSaveSchedule("interval \(dt) must be positive") }
            let points = abs(t1 - t0) / dt + 1
            guard points <= Double(options.maxSavedPoints) else {
                throw .invalidSaveSchedule("saving every \(dt) over \(abs(t1 - t0)) would keep \(points) points, more than maxSavedPoints = \(options.maxSavedPoints)")
            }
        case .at(let times):
            guard times.count <= options.maxSavedPoints else {
                throw .invalidSaveSchedule("\(times.count) save times, more than maxSavedPoints = \(options.maxSavedPoints)")
            }
            let lo = min(t0, t1), hi = max(t0, t1)
            for t in times where !(t.isFinite && t >= lo && t <= hi) {
                throw .invalidSaveSchedule("time \(t) is outside the span \(t0) to \(t1)")
            }
        }
        if let delays = problem.delays {
            guard !delays.delays.isEmpty else { throw .invalidDelays("no delays given") }
            for d in delays.delays where !(d.isFinite && d > 0) { throw .invalidDelays("delay \(d) must be positive") }
        }
    }
}

extension ODESolver: ODEIntegrating {
    /// Integrates `problem` with `options` (this solver's own options are not used).
    public func solve<P: Sendable>(_ problem: ODEProblem<P>, options: SolverOptions) throws(SolverError) -> ODESolution<P> {
        try ODESolver(options).solve(problem)
    }
}

extension ModelSolver {
    /// The GSL core with `options`.
    public static func gsl(_ options: SolverOptions = SolverOptions()) -> ModelSolver {
        ModelSolver(options, integrator: ODESolver())
    }
}
