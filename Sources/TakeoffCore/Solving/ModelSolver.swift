/// Something that integrates ``ODEProblem``s: the GSL core (`TakeoffGSL.ODESolver`), or any
/// other implementation a caller hands in. Models depend on this protocol, not on GSL.
public protocol ODEIntegrating: Sendable {
    /// Integrates `problem` over its time span with `options`. Throws only for misuse.
    func solve<P: Sendable>(_ problem: ODEProblem<P>, options: SolverOptions) throws(SolverError) -> ODESolution<P>
}

/// The solver a model run is handed: an integrator and the scenario's options.
///
/// A model's own run uses it as it is; a metric that needs a further solve (a quadrature, the
/// year after a milestone) changes the options with ``with(_:)`` and solves with the same
/// integrator, so no model file imports GSL.
public struct ModelSolver: Sendable {
    /// Method, tolerances, limits and save schedule.
    public var options: SolverOptions
    /// What integrates the problems.
    public let integrator: any ODEIntegrating

    public init(_ options: SolverOptions, integrator: any ODEIntegrating) {
        self.options = options
        self.integrator = integrator
    }

    /// Integrates `problem` with these options.
    public func solve<P: Sendable>(_ problem: ODEProblem<P>) throws(SolverError) -> ODESolution<P> {
        try integrator.solve(problem, options: options)
    }

    /// The same integrator with other options.
    public func with(_ options: SolverOptions) -> ModelSolver {
        ModelSolver(options, integrator: integrator)
    }
}
