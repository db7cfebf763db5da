import TakeoffCore
import TakeoffGSL

/// A built-in model: equations in Swift, every number it uses in its parameter table.
///
/// A model turns resolved inputs (parameter values by name, initial values by name, event
/// settings, time span) into an ``ODEProblem`` over its typed `Parameters`, and turns a
/// solution into observables and metrics. ``ModelRunner`` does the rest, the same way for
/// every model.
public protocol TakeoffModel {
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

    /// The typed parameters from values and options by name (all present, each already valid).
    static func makeParameters(_ values: [String: Double], options: [String: String]) -> Parameters
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
    public static func validate(_ parameters: Parameters) -> ModelInputIssue? { nil }
    public static func narrative(_ metrics: [String: Double?]) -> [String] { [] }
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
    let runner: @Sendable (ModelInputs, SolverOptions) throws(SolverError) -> ModelRun
    let initialStateDefaults: @Sendable ([String: Double], [String: String], Double) -> [String: Double]
    let validator: @Sendable ([String: Double], [String: String]) -> ModelInputIssue?
    let narrator: @Sendable ([String: Double?]) -> [String]

    init<M: TakeoffModel>(_ model: M.Type) {
        id = M.id
        summary = M.summary
        parameters = M.parameters
        states = M.states
        observables = M.observables
        eventSettings = M.eventSettings
        metrics = M.metrics
        options = M.options
        runner = { inputs, options throws(SolverError) in try ModelRunner.run(M.self, inputs: inputs, options: options) }
        initialStateDefaults = { values, options, start in
            M.defaultInitialState(M.makeParameters(values, options: options), start: start)
        }
        validator = { values, options in M.validate(M.makeParameters(values, options: options)) }
        narrator = { M.narrative($0) }
    }

    /// Runs the model on resolved inputs.
    public func run(_ inputs: ModelInputs, options: SolverOptions) throws(SolverError) -> ModelRun {
        try runner(inputs, options)
    }

    /// The parameter named `name`.
    public func parameter(_ name: String) -> ParameterInfo? { parameters.first { $0.name == name } }

    /// Default initial values for the given parameters (by name) and start year.
    public func defaultInitialState(parameters values: [String: Double], options: [String: String],
                                    start: Double) -> [String: Double] {
        initialStateDefaults(values, options, start)
    }

    /// A problem with a combination of individually valid inputs, if any.
    public func validate(parameters values: [String: Double], options: [String: String]) -> ModelInputIssue? {
        validator(values, options)
    }

    /// Plain-words summary lines of a run's metrics.
    public func narrative(_ run: ModelRun) -> [String] {
        narrator(Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.name, $0.value) }))
    }
}
