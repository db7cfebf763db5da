import TakeoffCore
import TakeoffGSL

/// A built-in model: equations in Swift, every number it uses in its parameter table.
///
/// A model turns resolved inputs (parameter values by name, initial values by name, event
/// settings, time span) into an ``ODEProblem`` over its typed `Parameters`, and turns a
/// solution into observables and metrics. ``ModelRunner`` does the rest, the same way for
/// every model.
public protocol TakeoffModel: SendableMetatype {
    associatedtype Parameters: Sendable

    /// Identifier used in scenario files (`model = "compute-growth"`).
    static var id: String { get }
    /// One line on what the model is.
    static var summary: String { get }
    /// Every parameter, in the order of `takeoff models`.
    static var parameters: [ParameterInfo] { get }
    /// State components, in order.
    static var states: [VariableInfo] { get }
    /// Observables (derived columns after the states), in order.
    static var observables: [VariableInfo] { get }
    /// List-valued event settings (`[events]` keys).
    static var eventSettings: [EventSettingInfo] { get }
    /// Reported metrics.
    static var metrics: [MetricInfo] { get }
    /// String-valued options (`[options]` keys).
    static var options: [OptionInfo] { get }

    /// Names of model-specific tables the scenario may hold (e.g. `actors`).
    static var sectionNames: [String] { get }

    /// The typed parameters from the inputs (parameters and options present and each valid;
    /// sections as written, validated here with key paths).
    static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> Parameters
    /// State components for these parameters (default: ``states``).
    static func stateVariables(_ parameters: Parameters) -> [VariableInfo]
    /// Observables for these parameters (default: ``observables``).
    static func observableVariables(_ parameters: Parameters) -> [VariableInfo]
    /// Metrics for these parameters (default: ``metrics``).
    static func metricList(_ parameters: Parameters) -> [MetricInfo]
    /// A problem with a combination of individually valid inputs, if any.
    static func validate(_ parameters: Parameters) -> ModelInputIssue?
    /// Default initial values by state name, given the parameters and the start year.
    static func defaultInitialState(_ parameters: Parameters, start: Double) -> [String: Double]
    /// The problem over `span`, with events for `settings`.
    static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double),
                        settings: [String: [Double]]) -> ODEProblem<Parameters>
    /// Observables at one point.
    static func observe(t: Double, y: UnsafeBufferPointer<Double>, parameters: Parameters, start: Double) -> [Double]
    /// Metrics of a finished solve (`nil` where undefined, e.g. never reached). `solver` is
    /// the solver that produced it, for metrics that need a further solve.
    static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                        solver: ODESolver) -> [String: Double?]
    /// Plain-words lines for the summary, from the metrics.
    static func narrative(_ metrics: [String: Double?]) -> [String]
}

extension TakeoffModel {
    public static var options: [OptionInfo] { [] }
    public static var sectionNames: [String] { [] }
    public static func stateVariables(_ parameters: Parameters) -> [VariableInfo] { states }
    public static func observableVariables(_ parameters: Parameters) -> [VariableInfo] { observables }
    public static func metricList(_ parameters: Parameters) -> [MetricInfo] { metrics }
    public static func validate(_ parameters: Parameters) -> ModelInputIssue? { nil }
    public static func narrative(_ metrics: [String: Double?]) -> [String] { [] }
}

/// The names a run produces: its output columns (after `year`) and its metrics, in order.
public struct DeclaredNames: Sendable, Equatable {
    public var columns: [String]
    public var metrics: [String]

    public init(columns: [String], metrics: [String]) {
        self.columns = columns
        self.metrics = metrics
    }
}

/// The type-erased description of a model, for the registry, `takeoff models` and IO.
public struct ModelDescription: Sendable {
    public let id: String
    public let summary: String
    public let parameters: [ParameterInfo]
    public let states: [VariableInfo]
    public let observables: [VariableInfo]
    public let eventSettings: [EventSettingInfo]
    public let metrics: [MetricInfo]
    public let options: [OptionInfo]
    public let sectionNames: [String]
    let runner: @Sendable (ModelInputs, SolverOptions) throws(SolverError) -> ModelRun
    let preparer: @Sendable (ModelInputs) throws(ModelInputIssue) -> [String: Double]
    let narrator: @Sendable ([String: Double?]) -> [String]
    let namer: @Sendable (ModelInputs) throws(ModelInputIssue) -> DeclaredNames

    init(id: String, summary: String, parameters: [ParameterInfo], states: [VariableInfo], observables: [VariableInfo],
         eventSettings: [EventSettingInfo], metrics: [MetricInfo], options: [OptionInfo], sectionNames: [String],
         runner: @escaping @Sendable (ModelInputs, SolverOptions) throws(SolverError) -> ModelRun,
         preparer: @escaping @Sendable (ModelInputs) throws(ModelInputIssue) -> [String: Double],
         narrator: @escaping @Sendable ([String: Double?]) -> [String],
         namer: @escaping @Sendable (ModelInputs) throws(ModelInputIssue) -> DeclaredNames) {
        self.id = id
        self.summary = summary
        self.parameters = parameters
        self.states = states
        self.observables = observables
        self.eventSettings = eventSettings
        self.metrics = metrics
        self.options = options
        self.sectionNames = sectionNames
        self.runner = runner
        self.preparer = preparer
        self.narrator = narrator
        self.namer = namer
    }

    init<M: TakeoffModel>(_ model: M.Type) {
        id = M.id
        summary = M.summary
        parameters = M.parameters
        states = M.states
        observables = M.observables
        eventSettings = M.eventSettings
        metrics = M.metrics
        options = M.options
        sectionNames = M.sectionNames
        runner = { inputs, options throws(SolverError) in try ModelRunner.run(M.self, inputs: inputs, options: options) }
        preparer = { inputs throws(ModelInputIssue) in
            let parameters = try M.makeParameters(inputs)
            if let issue = M.validate(parameters) { throw issue }
            return M.defaultInitialState(parameters, start: inputs.start)
        }
        narrator = { M.narrative($0) }
        namer = { inputs throws(ModelInputIssue) in
            let parameters = try M.makeParameters(inputs)
            return DeclaredNames(columns: (M.stateVariables(parameters) + M.observableVariables(parameters)).map(\.name),
                                 metrics: M.metricList(parameters).map(\.name))
        }
    }

    /// Runs the model on resolved inputs.
    public func run(_ inputs: ModelInputs, options: SolverOptions) throws(SolverError) -> ModelRun {
        try runner(inputs, options)
    }

    /// The parameter named `name`.
    public func parameter(_ name: String) -> ParameterInfo? { parameters.first { $0.name == name } }

    /// Checks inputs that are individually valid as a whole (sections included) and returns
    /// the model's default initial state for them.
    public func prepare(_ inputs: ModelInputs) throws(ModelInputIssue) -> [String: Double] {
        try preparer(inputs)
    }

    /// The output columns (after `year`) and the metrics a run on these inputs produces, in
    /// order, as the model declares them for these inputs (the regulation model's names depend
    /// on its actors), without running it.
    public func declaredNames(_ inputs: ModelInputs) throws(ModelInputIssue) -> DeclaredNames {
        try namer(inputs)
    }

    /// Plain-words summary lines of a run's metrics.
    public func narrative(_ run: ModelRun) -> [String] {
        narrator(Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.name, $0.value) }))
    }
}
