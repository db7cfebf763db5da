import TakeoffCore

/// A model resolved for one scenario: the typed parameters built once, and what *this* scenario
/// has: its concrete states, observables (the output columns after them) and metrics with
/// their units (the regulation model's actual actors), its default initial state, and how it
/// runs. Everything that validates a scenario or names a study's outputs reads these lists;
/// nothing learns names by running the model.
public struct ResolvedModel: Sendable {
    /// What a model's resolution returns.
    public struct Parts: Sendable {
        public var states: [VariableInfo]
        public var observables: [VariableInfo]
        public var metrics: [MetricInfo]
        /// Default initial values by state name (a scenario's `[initial]` overrides them).
        public var defaultInitialState: [String: Double]
        public var scheme: RunScheme
        /// Plain-words summary lines from the metrics.
        public var narrative: @Sendable (MetricValues) -> [String]

        public init(states: [VariableInfo], observables: [VariableInfo], metrics: [MetricInfo],
                    defaultInitialState: [String: Double] = [:], scheme: RunScheme,
                    narrative: @escaping @Sendable (MetricValues) -> [String] = { _ in [] }) {
            self.states = states
            self.observables = observables
            self.metrics = metrics
            self.defaultInitialState = defaultInitialState
            self.scheme = scheme
            self.narrative = narrative
        }
    }

    /// The model's identifier.
    public let id: String
    /// The inputs it was resolved from.
    public let inputs: ModelInputs
    let parts: Parts

    init(id: String, inputs: ModelInputs, parts: Parts) {
        self.id = id
        self.inputs = inputs
        self.parts = parts
    }

    /// The same resolution with its inputs' initial state filled in (the state is an input of
    /// the run, not of the resolution).
    public func with(initialState: [String: Double]) -> ResolvedModel {
        var filled = inputs
        filled.initialState = initialState
        return ResolvedModel(id: id, inputs: filled, parts: parts)
    }

    /// Runs the model from its inputs' initial state.
    public func run(solver: ModelSolver) throws(SolverError) -> ModelRun {
        try run(initialState: inputs.initialState, solver: solver)
    }

    public var states: [VariableInfo] { parts.states }
    public var observables: [VariableInfo] { parts.observables }
    public var metrics: [MetricInfo] { parts.metrics }
    public var defaultInitialState: [String: Double] { parts.defaultInitialState }
    /// The output columns after `year`: states, then observables.
    public var columns: [VariableInfo] { parts.states + parts.observables }
    /// The column and metric names, in order.
    public var declaredNames: DeclaredNames {
        DeclaredNames(columns: columns.map(\.name), metrics: metrics.map(\.name))
    }

    /// The metric named `name`, if this scenario has it.
    public func metric(_ name: String) -> MetricInfo? { parts.metrics.first { $0.name == name } }

    /// Runs the model from `initialState` (by state name; absent ones take the defaults).
    public func run(initialState: [String: Double], solver: ModelSolver) throws(SolverError) -> ModelRun {
        let output: SchemeOutput
        switch parts.scheme {
        case .ode(let scheme):
            let y0 = parts.states.map { initialState[$0.name] ?? parts.defaultInitialState[$0.name] ?? .nan }
            output = try scheme.run(y0, solver)
        case .custom(let run):
            output = try run(solver)
        }
        let checked = MetricValues(declared: parts.metrics, values: output.metrics, model: id)
        return ModelRun(
            columns: columns.map(\.name), units: columns.map(\.unit), years: output.years, values: output.values,
            events: output.events, status: output.status, message: output.message,
            terminatingEvent: output.terminatingEvent, blowUpTime: output.blowUpTime, stats: output.stats,
            metrics: checked.ordered, scheme: output.scheme)
    }

    /// Plain-words summary lines of a run's metrics.
    public func narrative(_ run: ModelRun) -> [String] {
        parts.narrative(MetricValues(declared: parts.metrics, values: Dictionary(uniqueKeysWithValues: run.metrics.map { ($0.name, $0.value) }), model: id))
    }
}

/// A run's metric values, checked against the metrics the resolved model declares: a value
/// stored or read under a name it does not declare stops the program naming the model and the
/// name (a programming error, caught by the tests that run every model), never a silent `nil`.
public struct MetricValues: Sendable {
    let declared: [MetricInfo]
    let values: [String: Double?]

    init(declared: [MetricInfo], values: [String: Double?], model: String) {
        let names = Set(declared.map(\.name))
        for name in values.keys where !names.contains(name) {
            preconditionFailure("model '\(model)' produced metric '\(name)', which it does not declare")
        }
        self.declared = declared
        self.values = values
    }

    /// The value of a declared metric (`nil` where undefined).
    public subscript(_ name: String) -> Double? {
        precondition(declared.contains { $0.name == name }, "metric '\(name)' is not declared")
        return values[name] ?? nil
    }

    /// Every declared metric, in order.
    var ordered: [(name: String, value: Double?)] { declared.map { ($0.name, values[$0.name] ?? nil) } }
}
