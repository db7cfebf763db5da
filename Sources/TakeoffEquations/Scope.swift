/// The names visible to a standalone expression (see ``EquationCompiler/compileExpression(_:location:scope:)``)
/// and where their values come from at evaluation time.
public struct Scope: Sendable {
    /// Where a name's value is read from in ``CompiledExpression/evaluate(t:y:parameters:auxiliaries:workspace:)``.
    public enum Slot: Sendable, Equatable {
        /// The time argument `t`.
        case time
        /// `y[index]`.
        case state(Int)
        /// `parameters[index]`.
        case parameter(Int)
        /// `auxiliaries[index]` (values the caller computed, e.g. output columns).
        case auxiliary(Int)
    }

    /// Visible names in suggestion order (earlier names win did-you-mean ties).
    public private(set) var entries: [(name: String, slot: Slot)] = []
    private var lookup: [String: Slot] = [:]

    /// An empty scope.
    public init() {}

    /// A scope with `t` (when `includeTime`), then the states, parameters and auxiliaries,
    /// each slot numbered by its position in its list.
    public init(states: [String], parameters: [String], auxiliaries: [String] = [], includeTime: Bool = true) {
        if includeTime { add("t", .time) }
        for (i, name) in states.enumerated() { add(name, .state(i)) }
        for (i, name) in parameters.enumerated() { add(name, .parameter(i)) }
        for (i, name) in auxiliaries.enumerated() { add(name, .auxiliary(i)) }
    }

    /// Adds (or replaces) a name.
    public mutating func add(_ name: String, _ slot: Slot) {
        if lookup[name] != nil { entries.removeAll { $0.name == name } }
        entries.append((name, slot))
        lookup[name] = slot
    }

    /// The slot of `name`, if visible.
    public func slot(of name: String) -> Slot? { lookup[name] }

    /// Number of state, parameter and auxiliary slots the evaluation buffers must provide.
    var counts: (states: Int, parameters: Int, auxiliaries: Int) {
        var result = (states: 0, parameters: 0, auxiliaries: 0)
        for (_, slot) in entries {
            switch slot {
            case .time: break
            case .state(let i): result.states = max(result.states, i + 1)
            case .parameter(let i): result.parameters = max(result.parameters, i + 1)
            case .auxiliary(let i): result.auxiliaries = max(result.auxiliaries, i + 1)
            }
        }
        return result
    }

    /// The resolver's view of this scope.
    var nameTable: NameTable {
        var table = NameTable()
        for (name, slot) in entries {
            switch slot {
            case .time: table.add(name, .time)
            case .state(let i): table.add(name, .state(i))
            case .parameter(let i): table.add(name, .parameter(i))
            case .auxiliary(let i): table.add(name, .auxiliaryInput(i))
            }
        }
        return table
    }
}

/// Name → resolved leaf, plus the order used for suggestions.
struct NameTable {
    private(set) var order: [String] = []
    private var slots: [String: Expr] = [:]

    mutating func add(_ name: String, _ expr: Expr) {
        if slots[name] == nil { order.append(name) }
        slots[name] = expr
    }

    subscript(name: String) -> Expr? { slots[name] }
}

/// What a context accepts, and how it refuses the rest.
struct NameRules {
    var allowsTime = true
    var allowsStates = true
    var allowsAuxiliaries = true
    var allowsDelay = true
    /// Code used when a visible name is not allowed here (E102 for initial values, E111 for delays).
    var refusalCode: ErrorCode = .unknownName
    /// Phrase naming the context in refusal messages, e.g. "initial values".
    var context = "this expression"
    /// Resolves `operand @ event` (metrics only): operand, event name, offset of the name,
    /// the source and its origin. `nil`: `@` is a syntax error here.
    var resolveAt: ((Syntax, String, Int, String, SourceLocation) throws(ExpressionError) -> Expr)? = nil
    /// Replaces "<context> may only use parameters and numbers" in refusals (given the name).
    var advice: ((String) -> String)? = nil
    /// Whether caller-supplied values are allowed (`nil`: as auxiliaries are).
    var allowsInputs: Bool? = nil

    /// Everything allowed: derivatives, auxiliaries, events.
    static var model: NameRules { NameRules() }

    /// Parameters and numbers only, e.g. initial values.
    static func parametersOnly(_ code: ErrorCode, context: String) -> NameRules {
        NameRules(allowsTime: false, allowsStates: false, allowsAuxiliaries: false, allowsDelay: false,
                  refusalCode: code, context: context)
    }

    /// Why `slot` is refused here, or nil if it is allowed.
    func refusal(of slot: Expr) -> String? {
        switch slot {
        case .time: allowsTime ? nil : "the time 't'"
        case .state: allowsStates ? nil : "a state"
        case .local: allowsAuxiliaries ? nil : "an auxiliary"
        case .auxiliaryInput: (allowsInputs ?? allowsAuxiliaries) ? nil : "an auxiliary"
        default: nil
        }
    }
}

/// A standalone compiled expression (metric, plot formula…) over a ``Scope``.
public struct CompiledExpression: Sendable {
    /// The scope the expression was compiled against.
    public let scope: Scope
    let program: Program

    init(_ expr: Expr, scope: Scope) {
        self.scope = scope
        let counts = scope.counts
        let layout = InputLayout(states: counts.states, parameters: counts.parameters, auxiliaries: counts.auxiliaries)
        var builder = ProgramBuilder(layout: layout)
        builder.store(expr, at: 0)
        program = builder.finish()
    }

    /// Number of instructions after folding and value numbering (including the final store).
    public var instructionCount: Int { program.code.count }

    /// The constant value, if the expression folded to a constant.
    public var constantValue: Double? {
        guard program.code.count == 1, program.code[0].op == .storeA else { return nil }
        let register = Int(program.code[0].b) - program.layout.count
        return register >= 0 && register < program.constants.count ? program.constants[register] : nil
    }

    /// A register file for this expression; use one per thread.
    public func makeWorkspace() -> EquationWorkspace {
        EquationWorkspace(programs: [program], scratchCount: 1)
    }

    /// Evaluates the expression. Buffers must cover the slots of the scope
    /// (`y` its states, `parameters` its parameters, `auxiliaries` its auxiliaries).
    public func evaluate(t: Double = 0, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                         auxiliaries: UnsafeBufferPointer<Double>, workspace: EquationWorkspace) -> Double {
        let out = workspace.scratch.baseAddress!
        program.run(workspace, t: t, y: y, parameters: parameters, auxiliaries: auxiliaries,
                    outA: out, outB: out, delayed: noDelay)
        return out[0]
    }

    /// Convenience evaluation from arrays (allocates a workspace; not for hot loops).
    public func evaluate(t: Double = 0, y: [Double] = [], parameters: [Double] = [],
                         auxiliaries: [Double] = []) -> Double {
        let workspace = makeWorkspace()
        return y.withUnsafeBufferPointer { yb in
            parameters.withUnsafeBufferPointer { pb in
                auxiliaries.withUnsafeBufferPointer { ab in
                    evaluate(t: t, y: yb, parameters: pb, auxiliaries: ab, workspace: workspace)
                }
            }
        }
    }
}
