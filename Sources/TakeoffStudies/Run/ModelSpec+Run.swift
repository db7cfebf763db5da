import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffModels

extension ModelSpec {
    /// Resolves `inputs` (already validated by a scenario) and runs them on the GSL core.
    public func run(_ inputs: ModelInputs, options: SolverOptions) throws(SolverError) -> ModelRun {
        let resolved: ResolvedModel
        do throws(ModelInputIssue) { resolved = try resolve(inputs) } catch {
            // Inputs reach a run only after a scenario's validation resolved them.
            preconditionFailure("unvalidated model inputs: \(error.message)")
        }
        return try resolved.run(solver: .gsl(options))
    }
}

extension Scenario {
    /// Runs the scenario on the GSL core.
    public func run() throws(SolverError) -> ModelRun {
        try resolvedModel.run(initialState: inputs.initialState, solver: .gsl(solver))
    }
}
