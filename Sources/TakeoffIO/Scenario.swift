import TakeoffCore
import TakeoffModels
import TakeoffSampling

/// A validated scenario: which model, over which years, with which numbers, solved how.
///
/// File format (TOML; every key is optional unless marked):
///
/// ```toml
/// model = "compute-growth"          # required: a built-in model id (`takeoff models`)
/// description = "…"
/// [time]                            # required
/// start = 2025.0                    # decimal calendar years
/// end = 2045.0
/// saveEvery = 0.25                  # omitted: every accepted step
/// [parameters]                      # omitted keys take the model's documented defaults
/// [initial]                         # initial state by name; omitted: model defaults
/// [solver]                          # stepper, relativeTolerance, absoluteTolerance (number or
///                                   # per-state array), initialStep, maxStep, maxSteps,
///                                   # eventTimeTolerance, eventTimeRelativeTolerance,
///                                   # eventInteriorPoints, divergenceThreshold, timeLimitSeconds
/// [events]                          # model event settings, e.g. trainingRunThresholds = [1e26]
/// [report]                          # events = [...], metrics = [...]: what to print; omitted: all
/// [uncertainty]                     # distributions for `takeoff sample` (UncertaintyReader)
/// [expect]                          # pinned results for `takeoff verify` (ExpectTable)
/// ```
public struct Scenario: Sendable {
    /// The file it came from.
    public var file: String
    /// The model's spec.
    public var model: ModelSpec
    /// The model resolved for this scenario: what states, columns and metrics it has.
    public var resolvedModel: ResolvedModel
    public var description: String?
    /// Every parameter and initial value, defaults applied, and the time span.
    public var inputs: ModelInputs
    /// Solver options (including the save schedule from `time.saveEvery`).
    public var solver: SolverOptions
    /// Events and metrics to report (`nil`: all).
    public var reportedEvents: [String]?
    public var reportedMetrics: [String]?
    /// The `--set` overrides applied, in order.
    public var overrides: [String]
    /// The scenario with every default filled in, as written to the metadata sidecar.
    public var resolved: [String: ConfigValue]
    /// Initial values the file (or `--set`) gave explicitly; the rest follow the parameters.
    public var initialOverrides: [String: Double]
    /// The `[uncertainty]` distributions, if any (used by `takeoff sample`; `run` uses the
    /// point values in `[parameters]`).
    public var uncertainty: ParameterSampler?
    /// The `[expect]` table (`takeoff verify`), if any.
    public var expect: ExpectTable?

    /// The model resolved for some parameters replaced (a Monte Carlo draw), its inputs' initial
    /// values rederived from them unless the file fixed them. Throws when the draw is not a
    /// valid combination.
    public func resolve(with values: [String: Double]) throws(ModelInputIssue) -> ResolvedModel {
        var draft = inputs
        for (k, v) in values { draft.parameters[k] = v }
        draft.initialState = [:]
        let draftModel = try model.resolve(draft)
        var initial = draftModel.defaultInitialState
        initial.merge(initialOverrides) { $1 }
        return draftModel.with(initialState: initial)
    }

    /// The inputs of ``resolve(with:)``.
    public func inputs(with values: [String: Double]) throws(ModelInputIssue) -> ModelInputs {
        try resolve(with: values).inputs
    }

    /// The output columns and metrics the model declares for this scenario, without running it
    /// (what `--bands`, `--probability` and `--metric` are checked against).
    public var declaredNames: DeclaredNames { resolvedModel.declaredNames }

    /// The resolved scenario as TOML that `takeoff run` reads back.
    public var resolvedTOML: String { TOMLWriter.render(resolved) }
}
