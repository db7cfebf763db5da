import TakeoffCore
import TakeoffGSL

/// A built-in model computed by its own fixed-step scheme rather than by the ODE solver (the
/// compute-centric framework's reference scheme, which reproduces a published discrete model
/// step for step). Everything else (scenarios, `--set`, CSV, Monte Carlo, `takeoff verify`)
/// treats it like any model.
public protocol SteppedTakeoffModel: SendableMetatype {
    associatedtype Parameters: Sendable

    static var id: String { get }
    static var summary: String { get }
    static var parameters: [ParameterInfo] { get }
    /// Output columns (after `year`), in order.
    static var observables: [VariableInfo] { get }
    static var metrics: [MetricInfo] { get }
    static var options: [OptionInfo] { get }

    static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> Parameters
    /// A problem with a combination of individually valid inputs, if any.
    static func validate(_ parameters: Parameters, inputs: ModelInputs) -> ModelInputIssue?
    /// The run over the inputs' time span (`options`: the scenario's solver options, for schemes
    /// that use the ODE core).
    static func run(_ parameters: Parameters, inputs: ModelInputs, options: SolverOptions) throws(SolverError) -> ModelRun
    static func narrative(_ metrics: [String: Double?]) -> [String]
}

extension ModelDescription {
    init<M: SteppedTakeoffModel>(stepped model: M.Type) {
        self.init(id: M.id, summary: M.summary, parameters: M.parameters, states: [], observables: M.observables,
                  eventSettings: [], metrics: M.metrics, options: M.options, sectionNames: [],
                  runner: { inputs, options throws(SolverError) in
                      let parameters: M.Parameters
                      do throws(ModelInputIssue) { parameters = try M.makeParameters(inputs) } catch {
                          // Inputs reach a run only after `prepare` accepted them.
                          preconditionFailure("unvalidated model inputs: \(error.message)")
                      }
                      return try M.run(parameters, inputs: inputs, options: options)
                  },
                  preparer: { inputs throws(ModelInputIssue) in
                      let parameters = try M.makeParameters(inputs)
                      if let issue = M.validate(parameters, inputs: inputs) { throw issue }
                      return [:]
                  },
                  narrator: { M.narrative($0) },
                  namer: { _ in DeclaredNames(columns: M.observables.map(\.name), metrics: M.metrics.map(\.name)) })
    }
}
