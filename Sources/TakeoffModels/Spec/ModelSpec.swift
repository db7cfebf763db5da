import TakeoffCore

/// A model as a value: what it declares (each parameter, option, event setting, state,
/// observable and metric once, with unit and meaning) and how it resolves for a scenario.
///
/// The catalogue (`takeoff models`), scenario decoding and validation, the names sampling,
/// sweeps, fits and `[expect]` use, and the CSV columns all derive from a spec and its
/// ``ResolvedModel``. A spec is built from Swift (the built-in models, with a typed parameter
/// struct bound by key paths) or at run time (a model read from a file).
public struct ModelSpec: Sendable {
    /// Identifier in scenario files (`model = "sie"`).
    public let id: String
    /// One line on what the model is.
    public let summary: String
    /// Every parameter, in the order of `takeoff models`.
    public let parameters: [ParameterInfo]
    /// String-valued options (`[options]` keys).
    public let options: [OptionInfo]
    /// List-valued event settings (`[events]` keys).
    public let eventSettings: [EventSettingInfo]
    /// Model-specific tables a scenario may hold (the regulation model's `actors`).
    public let sectionNames: [String]
    /// States, observables and metrics as the catalogue lists them: for a model whose lists
    /// depend on the scenario, templates such as `<actor>.logPotential`. Validation never uses
    /// these; it uses the resolved lists.
    public let states: [VariableInfo]
    public let observables: [VariableInfo]
    public let metrics: [MetricInfo]
    let resolver: @Sendable (ModelInputs) throws(ModelInputIssue) -> ResolvedModel.Parts

    /// A spec built at run time: `resolve` checks the inputs as a whole and returns what this
    /// scenario has.
    public init(id: String, summary: String, parameters: [ParameterInfo], options: [OptionInfo] = [],
                eventSettings: [EventSettingInfo] = [], sectionNames: [String] = [],
                states: [VariableInfo], observables: [VariableInfo], metrics: [MetricInfo],
                resolve: @escaping @Sendable (ModelInputs) throws(ModelInputIssue) -> ResolvedModel.Parts) {
        self.id = id
        self.summary = summary
        self.parameters = parameters
        self.options = options
        self.eventSettings = eventSettings
        self.sectionNames = sectionNames
        self.states = states
        self.observables = observables
        self.metrics = metrics
        resolver = resolve
    }

    /// A spec over a typed parameter struct: the declared parameters are set from the inputs by
    /// key path, `build` sets what options, sections and the time span decide and throws for
    /// an invalid combination, and `resolve` returns what this scenario has. The parameters
    /// are built once per resolution.
    public init<P: ModelParameters>(
        id: String, summary: String, parameters: [Parameter<P>], options: [OptionInfo] = [],
        eventSettings: [EventSettingInfo] = [], sectionNames: [String] = [],
        states: [VariableInfo], observables: [VariableInfo], metrics: [MetricInfo],
        build: @escaping @Sendable (inout P, ModelInputs) throws(ModelInputIssue) -> Void = { _, _ in },
        resolve: @escaping @Sendable (P, ModelInputs) throws(ModelInputIssue) -> ResolvedModel.Parts
    ) {
        self.init(id: id, summary: summary, parameters: parameters.infos(), options: options,
                  eventSettings: eventSettings, sectionNames: sectionNames, states: states,
                  observables: observables, metrics: metrics) { inputs throws(ModelInputIssue) in
            var p: P = parameters.make(inputs.parameters)
            try build(&p, inputs)
            return try resolve(p, inputs)
        }
    }

    /// This model for one scenario's inputs (each individually valid), checked as a whole.
    public func resolve(_ inputs: ModelInputs) throws(ModelInputIssue) -> ResolvedModel {
        ResolvedModel(id: id, inputs: inputs, parts: try resolver(inputs))
    }

    /// The parameter named `name`.
    public func parameter(_ name: String) -> ParameterInfo? { parameters.first { $0.name == name } }

    /// The inputs with every default: parameters, options and event settings (no sections).
    public func defaultInputs(start: Double, end: Double) -> ModelInputs {
        ModelInputs(parameters: Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.defaultValue) }),
                    initialState: [:],
                    eventSettings: Dictionary(uniqueKeysWithValues: eventSettings.map { ($0.name, $0.defaultValues) }),
                    options: Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0.defaultValue) }),
                    start: start, end: end)
    }
}

extension ModelSpec {
    /// Checks inputs that are individually valid as a whole and returns the model's default
    /// initial state for them.
    public func prepare(_ inputs: ModelInputs) throws(ModelInputIssue) -> [String: Double] {
        try resolve(inputs).defaultInitialState
    }
}
