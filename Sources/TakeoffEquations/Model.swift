/// A model as declared by the user, gathered by the caller (for example from TOML tables).
///
/// Every expression comes with the location of its first character. Names are plain
/// identifiers; a name may be defined once across parameters, states and auxiliaries, and
/// may not be `t`, a function name or a keyword (E107).
public struct ModelDeclaration: Sendable {
    /// File name used for structural errors that have no expression of their own.
    public var file: String
    /// Parameter names; `parameters[j]` is read from `parameters[j]` at evaluation.
    public var parameters: [String]
    /// State names; `states[i]` is `y[i]`.
    public var states: [String]
    /// One derivative per state: `d state / dt = expr`.
    public var derivatives: [(state: String, expr: String, location: SourceLocation)]
    /// Auxiliary definitions, in any order (they are sorted by dependency; a cycle is E104).
    /// They may use `t`, states, parameters, other auxiliaries and `delay`.
    public var auxiliaries: [(name: String, expr: String, location: SourceLocation)]
    /// Initial values, using parameters and numbers only. States without one start at 0.
    public var initialValues: [(state: String, expr: String, location: SourceLocation)]
    /// Event conditions: real-valued functions whose zero crossings are the events
    /// (a boolean such as `x > 1` is refused with E108).
    public var eventConditions: [(name: String, expr: String, location: SourceLocation)]
    /// Assignments `target = expr` applied when `event` fires. `target` must be a state or a
    /// parameter (E109); `event` must be a condition name or one of `knownEvents` (E110).
    public var eventAssignments: [(event: String, target: String, expr: String, location: SourceLocation)]
    /// Events that exist without a condition (for example scheduled by the caller at fixed
    /// times); assignments and metrics may refer to them.
    public var knownEvents: [String]
    /// Optional locations of state and parameter declarations, used by structural errors
    /// (E105, E107) that have no expression to point at.
    public var nameLocations: [String: SourceLocation]

    /// A declaration; every list defaults to empty.
    public init(
        file: String = "<model>",
        parameters: [String] = [],
        states: [String] = [],
        derivatives: [(state: String, expr: String, location: SourceLocation)] = [],
        auxiliaries: [(name: String, expr: String, location: SourceLocation)] = [],
        initialValues: [(state: String, expr: String, location: SourceLocation)] = [],
        eventConditions: [(name: String, expr: String, location: SourceLocation)] = [],
        eventAssignments: [(event: String, target: String, expr: String, location: SourceLocation)] = [],
        knownEvents: [String] = [],
        nameLocations: [String: SourceLocation] = [:]
    ) {
        self.file = file
        self.parameters = parameters
        self.states = states
        self.derivatives = derivatives
        self.auxiliaries = auxiliaries
        self.initialValues = initialValues
        self.eventConditions = eventConditions
        self.eventAssignments = eventAssignments
        self.knownEvents = knownEvents
        self.nameLocations = nameLocations
    }

    /// Where a structural error about `name` is reported.
    func location(of name: String) -> SourceLocation {
        nameLocations[name] ?? SourceLocation(file: file, line: 1, column: 1)
    }

    /// A structural error (no expression text) about `name`.
    func structuralError(_ code: ErrorCode, _ message: String, about name: String,
                         suggestion: String? = nil) -> ExpressionError {
        ExpressionError(code, message, source: "", offset: 0, origin: location(of: name), suggestion: suggestion)
    }
}

/// One `delay(state, d)` term of a model: which state, and which distinct delay time.
public struct DelayTerm: Sendable, Equatable, Hashable {
    /// Index of the delayed state in `y`.
    public let state: Int
    /// Index into ``CompiledModel/delayTimes(parameters:)``.
    public let delayIndex: Int
}

/// What an event assignment writes.
public enum AssignmentTarget: Sendable, Equatable {
    case state(Int)
    case parameter(Int)
}

/// Structural checks on a declaration, before any expression is parsed.
enum Validation {
    /// Every parameter, state and auxiliary name must be a plain identifier (E101), not a
    /// reserved name such as `t` or a function name (E107), and defined once (E107).
    static func checkNames(_ declaration: ModelDeclaration) throws(ExpressionError) {
        var kinds: [String: String] = [:]
        var entries: [(name: String, kind: String, location: SourceLocation)] = []
        for name in declaration.parameters { entries.append((name, "a parameter", declaration.location(of: name))) }
        for name in declaration.states { entries.append((name, "a state", declaration.location(of: name))) }
        for aux in declaration.auxiliaries {
            entries.append((aux.name, "an auxiliary", declaration.nameLocations[aux.name] ?? aux.location))
        }
        for (name, kind, location) in entries {
            func fail(_ code: ErrorCode, _ message: String) -> ExpressionError {
                ExpressionError(code, message, source: "", offset: 0, origin: location)
            }
            guard Lexer.isIdentifier(name) || ["and", "or", "not"].contains(name) else {
                throw fail(.syntax, "'\(name)' is not a valid name; use letters, digits and '_', starting with a letter or '_'")
            }
            if Builtin.reservedNames.contains(name) {
                let what = name == "t" ? "the builtin time" : (Builtin.table[name] != nil ? "a function" : "a keyword")
                throw fail(.duplicateName, "'\(name)' is \(what) and cannot be redefined as \(kind)")
            }
            if let previous = kinds[name] {
                throw fail(.duplicateName, "'\(name)' is defined twice, as \(previous) and as \(kind)")
            }
            kinds[name] = kind
        }
    }

    /// For each state, the index of its derivative in `declaration.derivatives`.
    /// E106 for a derivative of a non-state, E107 for two derivatives of one state,
    /// E105 for a state without a derivative.
    static func derivativeIndices(_ declaration: ModelDeclaration) throws(ExpressionError) -> [Int] {
        let stateIndex = Dictionary(declaration.states.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var result = [Int?](repeating: nil, count: declaration.states.count)
        for (k, derivative) in declaration.derivatives.enumerated() {
            guard let i = stateIndex[derivative.state] else {
                let suggestion = Suggestion.bestMatch(for: derivative.state, among: declaration.states)
                throw ExpressionError(.derivativeWithoutState, "derivative given for '\(derivative.state)', which is not a state",
                                      source: "", offset: 0, origin: derivative.location, suggestion: suggestion)
            }
            if result[i] != nil {
                throw ExpressionError(.duplicateName, "state '\(derivative.state)' has two derivatives",
                                      source: "", offset: 0, origin: derivative.location)
            }
            result[i] = k
        }
        var indices: [Int] = []
        for (i, k) in result.enumerated() {
            guard let k else {
                let name = declaration.states[i]
                throw declaration.structuralError(.stateWithoutDerivative, "state '\(name)' has no derivative", about: name)
            }
            indices.append(k)
        }
        return indices
    }

    /// For each state, the index of its initial value (nil: starts at 0).
    /// An initial value for a name that is not a state is E102; a second one for a state is E107.
    static func initialIndices(_ declaration: ModelDeclaration) throws(ExpressionError) -> [Int?] {
        var result = [Int?](repeating: nil, count: declaration.states.count)
        for (k, initial) in declaration.initialValues.enumerated() {
            guard let i = declaration.states.firstIndex(of: initial.state) else {
                let suggestion = Suggestion.bestMatch(for: initial.state, among: declaration.states)
                throw ExpressionError(.unknownName, "initial value given for '\(initial.state)', which is not a state",
                                      source: "", offset: 0, origin: initial.location, suggestion: suggestion)
            }
            if result[i] != nil {
                throw ExpressionError(.duplicateName, "state '\(initial.state)' has two initial values",
                                      source: "", offset: 0, origin: initial.location)
            }
            result[i] = k
        }
        return result
    }
}
