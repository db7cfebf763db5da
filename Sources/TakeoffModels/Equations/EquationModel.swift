import TakeoffCore
import TakeoffEquations

/// A model written as equations in a scenario file (`model = "equations"`), read by the scenario
/// layer into this definition and compiled once into a ``ModelSpec``.
///
/// The file declares parameters (default, unit, meaning, source, bounds), states (initial value:
/// a number or an expression of parameters), one derivative per state, auxiliaries (named
/// expressions in any order; each is an output column unless hidden), events (the zero crossing
/// of a real-valued expression, with a direction and an action) and metrics (the metric language
/// of ``MetricDeclaration``). `Models/README.md`, "Equation models", documents the format.
public struct EquationModelDefinition: Sendable {
    /// One auxiliary with its unit, meaning and whether it is an output column.
    public struct Auxiliary: Sendable {
        public var info: VariableInfo
        public var hidden: Bool
        public init(_ info: VariableInfo, hidden: Bool) {
            self.info = info
            self.hidden = hidden
        }
    }

    /// What an event does at a crossing.
    public enum Action: Sendable, Equatable {
        case record
        /// Stop at the n-th crossing.
        case terminate(after: Int)
        /// Restart the integration there (a kink), after the event's `set` assignments if any.
        case restart
    }

    /// One event: its name (the condition's name in the declaration), direction and action.
    public struct EventInfo: Sendable {
        public var name: String
        public var direction: EventDirection
        public var action: Action
        public init(name: String, direction: EventDirection, action: Action) {
            self.name = name
            self.direction = direction
            self.action = action
        }
    }

    /// Identifier of the model (`equations`).
    public var id = EquationModelDefinition.modelID
    public var summary: String
    /// The expressions with their locations (parameters, states, derivatives, auxiliaries,
    /// initial values, event conditions and assignments).
    public var declaration: ModelDeclaration
    /// Parameters in declaration order, with their defaults (the file's values).
    public var parameters: [ParameterInfo]
    /// States in declaration order.
    public var states: [VariableInfo]
    /// Auxiliaries in declaration order (the declaration's order).
    public var auxiliaries: [Auxiliary]
    /// Events in the order of the declaration's conditions.
    public var events: [EventInfo]
    /// Metrics with their units and meanings.
    public var metrics: [(info: MetricInfo, declaration: MetricDeclaration)]

    public init(summary: String, declaration: ModelDeclaration, parameters: [ParameterInfo], states: [VariableInfo],
                auxiliaries: [Auxiliary], events: [EventInfo], metrics: [(info: MetricInfo, declaration: MetricDeclaration)]) {
        self.summary = summary
        self.declaration = declaration
        self.parameters = parameters
        self.states = states
        self.auxiliaries = auxiliaries
        self.events = events
        self.metrics = metrics
    }
}

/// Equation models: compilation into a spec, the ODE problem and the metrics of a run.
public enum EquationModel {
    /// Compiles `definition` (every parse and semantic error is an ``ExpressionError`` with its
    /// code, location, caret and suggestion) into a spec whose resolution evaluates the initial
    /// values for the scenario's parameters.
    public static func spec(_ definition: EquationModelDefinition) throws(ExpressionError) -> ModelSpec {
        let compiled = try EquationCompiler.compile(definition.declaration)
        let metrics = try EquationCompiler.compileMetrics(definition.metrics.map(\.declaration), model: compiled)
        let model = CompiledEquationModel(definition: definition, compiled: compiled, metrics: metrics)
        let observables = definition.auxiliaries.filter { !$0.hidden }.map(\.info)
        let metricInfos = definition.metrics.map(\.info)
        return ModelSpec(id: definition.id, summary: definition.summary, parameters: definition.parameters,
                         states: definition.states, observables: observables,
                         metrics: metricInfos) { inputs throws(ModelInputIssue) in
            let values = compiled.parameterSlots(definition.parameters.map { inputs.parameters[$0.name] ?? $0.defaultValue })
            let initial = compiled.initialState(parameters: values)
            for (i, value) in initial.enumerated() where !value.isFinite {
                let name = definition.states[i].name
                throw ModelInputIssue(keyPaths: ["states.\(name)"],
                                      message: "the initial value of '\(name)' is \(value) for these parameters; expected a finite number")
            }
            for (k, lag) in compiled.delayTimes(parameters: values).enumerated() where !(lag.isFinite && lag > 0) {
                let state = compiled.delays.first { $0.delayIndex == k }.map { compiled.stateNames[$0.state] } ?? "?"
                throw ModelInputIssue(keyPaths: ["parameters"],
                                      message: "the delay of delay(\(state), …) is \(lag) for these parameters; expected a positive, finite number of years")
            }
            let defaults = Dictionary(uniqueKeysWithValues: zip(definition.states.map(\.name), initial))
            return ResolvedModel.Parts(states: definition.states, observables: observables, metrics: metricInfos,
                                       defaultInitialState: defaults,
                                       scheme: .ode(model.scheme(parameters: values, span: (inputs.start, inputs.end))))
        }
    }
}

/// A compiled equation model with what its runs need.
struct CompiledEquationModel: Sendable {
    let definition: EquationModelDefinition
    let compiled: CompiledModel
    let metrics: CompiledMetrics
    /// Auxiliary indices that are output columns.
    let visible: [Int]

    init(definition: EquationModelDefinition, compiled: CompiledModel, metrics: CompiledMetrics) {
        self.definition = definition
        self.compiled = compiled
        self.metrics = metrics
        visible = definition.auxiliaries.indices.filter { !definition.auxiliaries[$0].hidden }
    }
}

/// The parameters of an equation model's run, in declaration order (events may change them).
public struct EquationParameters: Sendable {
    public var values: [Double]
}

/// A register file for one solve. A problem is built per run and solved on one thread, so the
/// workspace is never used concurrently.
final class WorkspaceBox: @unchecked Sendable {
    let workspace: EquationWorkspace
    /// The event conditions last evaluated, all at once, and the (t, y) they were evaluated
    /// at: the core tests every event at each point, and the conditions share auxiliaries.
    private var conditions: [Double]
    private var key: [Double]
    private var valid = false

    init(_ workspace: EquationWorkspace, conditions: Int, states: Int) {
        self.workspace = workspace
        self.conditions = [Double](repeating: .nan, count: conditions)
        key = [Double](repeating: .nan, count: states + 1)
    }

    /// Condition `k` at (t, y), computing every condition when the point is new.
    func condition(_ k: Int, t: Double, y: UnsafeBufferPointer<Double>,
                   evaluate: (UnsafeMutableBufferPointer<Double>) -> Void) -> Double {
        if !valid || key[0] != t || !zip(key.dropFirst(), y).allSatisfy({ $0 == $1 }) {
            key[0] = t
            for i in 0..<y.count { key[i + 1] = y[i] }
            conditions.withUnsafeMutableBufferPointer { evaluate($0) }
            valid = true
        }
        return conditions[k]
    }

    /// After an event changed the state or the parameters.
    func invalidate() { valid = false }
}

extension EquationModelDefinition {
    /// The `model` value of an equation model file.
    public static let modelID = "equations"
}
