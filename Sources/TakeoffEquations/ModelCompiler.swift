/// Entry points of the compiler.
public enum EquationCompiler {
    /// Checks and compiles a model: name checks (E101/E107), derivative coverage
    /// (E105/E106), parsing and type checking of every expression (E101–E103, E108, E111),
    /// auxiliary ordering (E104), event checks (E109/E110); then folds, differentiates and
    /// generates the instruction arrays.
    public static func compile(_ declaration: ModelDeclaration) throws(ExpressionError) -> CompiledModel {
        try Validation.checkNames(declaration)
        let derivativeIndices = try Validation.derivativeIndices(declaration)
        let initialIndices = try Validation.initialIndices(declaration)
        let names = modelNames(declaration)

        var resolvedAuxiliaries: [Expr] = []
        var references: [[Dependencies.Reference]] = []
        for aux in declaration.auxiliaries {
            let (expr, refs) = try resolve(aux.expr, at: aux.location, names: names)
            resolvedAuxiliaries.append(expr)
            references.append(refs)
        }
        let order = try Dependencies.sort(names: declaration.auxiliaries.map(\.name), references: references,
                                          sources: declaration.auxiliaries.map { ($0.expr, $0.location) })

        // Fold in dependency order; an auxiliary that folds to a leaf (a constant, an input or
        // another auxiliary) is substituted into its users instead of being a local.
        var amongThemselves = resolvedAuxiliaries
        func substituteInternal(_ k: Int) -> Expr { amongThemselves[k].isLeaf ? amongThemselves[k] : .local(k) }
        for k in order { amongThemselves[k] = Fold.fold(resolvedAuxiliaries[k], local: substituteInternal) }

        // An auxiliary of parameters and numbers only is a derived parameter: computed once per
        // parameter set (and after an event sets a parameter) into a slot after the parameters,
        // not on every evaluation; initial values may use it.
        let hoisting = DerivedParameters(auxiliaries: resolvedAuxiliaries, order: order,
                                         parameterCount: declaration.parameters.count)
        var folded = resolvedAuxiliaries
        func substitute(_ k: Int) -> Expr {
            if let slot = hoisting.slot[k] { return amongThemselves[k].constantValue.map(Expr.constant) ?? .parameter(slot) }
            return folded[k].isLeaf ? folded[k] : .local(k)
        }
        for k in order {
            folded[k] = hoisting.slot[k] == nil ? Fold.fold(resolvedAuxiliaries[k], local: substitute) : substitute(k)
        }

        var ir = ModelIR(states: declaration.states, parameters: declaration.parameters,
                         auxiliaryNames: declaration.auxiliaries.map(\.name), auxiliaries: folded, order: order)
        ir.parameterSlots = declaration.parameters.count + hoisting.order.count
        ir.derivedLocals = amongThemselves
        ir.derivedOrder = hoisting.order
        for k in derivativeIndices {
            let derivative = declaration.derivatives[k]
            let (expr, _) = try resolve(derivative.expr, at: derivative.location, names: names)
            ir.derivatives.append(Fold.fold(expr, local: substitute))
        }
        let initialRules = NameRules.parametersOnly(.unknownName, context: "initial values")
        var initialNames = names
        for (k, slot) in hoisting.slot { initialNames.add(declaration.auxiliaries[k].name, .parameter(slot)) }
        for k in initialIndices {
            guard let k else { ir.initials.append(.constant(0)); continue }
            let initial = declaration.initialValues[k]
            let (expr, _) = try resolve(initial.expr, at: initial.location, names: initialNames, rules: initialRules)
            ir.initials.append(Fold.fold(expr))
        }
        try EventCompiler.resolve(declaration, names: names, into: &ir, substitute: substitute)
        InvariantHoisting.apply(to: &ir)
        return CompiledModel(ir)
    }

    /// Compiles a standalone expression (a metric, a plot formula…) over `scope`.
    /// The expression must be number-valued; `delay` is not available here (E111).
    public static func compileExpression(_ text: String, location: SourceLocation, scope: Scope)
        throws(ExpressionError) -> CompiledExpression {
        var rules = NameRules.model
        rules.allowsDelay = false
        rules.context = "a standalone expression"
        let (expr, _) = try resolve(text, at: location, names: scope.nameTable, rules: rules)
        return CompiledExpression(Fold.fold(expr), scope: scope)
    }

    /// Checks that a metric (or other caller construct) refers to a defined event: E110 with
    /// a did-you-mean suggestion otherwise. `offset` locates the name inside `source`.
    public static func checkEventReference(_ name: String, knownEvents: [String], source: String = "",
                                           offset: Int = 0, location: SourceLocation) throws(ExpressionError) {
        guard !knownEvents.contains(name) else { return }
        throw ExpressionError(.undefinedEvent, "undefined event '\(name)'", source: source, offset: offset,
                              origin: location, suggestion: Suggestion.bestMatch(for: name, among: knownEvents))
    }

    /// `t`, states, parameters and auxiliaries (as locals) of a model, in suggestion order.
    static func modelNames(_ declaration: ModelDeclaration) -> NameTable {
        var names = NameTable()
        names.add("t", .time)
        for (i, name) in declaration.states.enumerated() { names.add(name, .state(i)) }
        for (i, name) in declaration.parameters.enumerated() { names.add(name, .parameter(i)) }
        for (k, aux) in declaration.auxiliaries.enumerated() { names.add(aux.name, .local(k)) }
        return names
    }

    /// Parses, resolves and type-checks one number-valued expression; also returns the
    /// auxiliaries it references.
    static func resolve(_ text: String, at location: SourceLocation, names: NameTable,
                        rules: NameRules = .model, booleanHint: String? = nil)
        throws(ExpressionError) -> (Expr, [Dependencies.Reference]) {
        var resolver = Resolver(source: text, origin: location, names: names, rules: rules)
        let expr = try resolver.resolveNumber(topLevelHint: booleanHint)
        return (expr, resolver.localReferences.map { Dependencies.Reference(target: $0.local, offset: $0.offset) })
    }
}

/// The checked, folded model from which programs are generated.
struct ModelIR {
    var states: [String]
    var parameters: [String]
    var auxiliaryNames: [String]
    /// Folded auxiliary expressions by declaration index; `.local(k)` refers to auxiliary `k`.
    var auxiliaries: [Expr]
    /// Auxiliary indices in dependency order.
    var order: [Int]
    /// Declared parameters plus derived ones (parameter-only auxiliaries, in `derivedOrder`).
    var parameterSlots = 0
    /// The auxiliaries folded among themselves (the derived-parameter program's locals).
    var derivedLocals: [Expr] = []
    /// Auxiliary indices of the derived parameters; derived `s` is parameter slot `parameters.count + s`.
    var derivedOrder: [Int] = []
    /// Invariant subexpressions hoisted out of the dynamic expressions (``InvariantHoisting``):
    /// hoisted `h` is parameter slot `parameters.count + derivedOrder.count + h`.
    var hoisted: [Expr] = []
    /// Derivative of each state, by state index.
    var derivatives: [Expr] = []
    /// Initial value of each state (parameters only).
    var initials: [Expr] = []
    /// All event names: conditions first, then condition-less known events.
    var eventNames: [String] = []
    /// Condition of each of the first `conditions.count` events.
    var conditions: [Expr] = []
    /// Assignments of each event, in declaration order.
    var assignments: [[(target: AssignmentTarget, expr: Expr)]] = []

    /// Every expression that is evaluated with states available (delays may occur there).
    var dynamicExpressions: [Expr] {
        auxiliaries + derivatives + conditions + assignments.flatMap { $0.map(\.expr) }
    }
}

/// Which auxiliaries depend on parameters and numbers only (not on `t`, states, delays or
/// dynamic auxiliaries), and the parameter slot each gets.
struct DerivedParameters {
    /// Auxiliary index → parameter slot.
    var slot: [Int: Int] = [:]
    /// Derived auxiliaries in dependency order.
    var order: [Int] = []

    init(auxiliaries: [Expr], order dependencyOrder: [Int], parameterCount: Int) {
        for k in dependencyOrder {
            var isStatic = true
            auxiliaries[k].visit { node in
                switch node {
                case .time, .state, .delayed, .auxiliaryInput: isStatic = false
                case .local(let j) where slot[j] == nil: isStatic = false
                default: break
                }
            }
            guard isStatic else { continue }
            slot[k] = parameterCount + order.count
            order.append(k)
        }
    }
}

/// Checks and resolves event conditions and assignments.
enum EventCompiler {
    static let conditionHint = "an event condition must be a real-valued function whose zero crossing is the event, "
        + "not a boolean; write e.g. 'x - 1' instead of 'x > 1'"

    /// Fills `ir.eventNames`, `ir.conditions` and `ir.assignments`.
    ///
    /// E107 for two conditions with one name or two assignments to one target in one event,
    /// E108 for a boolean condition, E110 for an assignment to an undefined event, E109 for a
    /// target that is not a state or a parameter.
    static func resolve(_ declaration: ModelDeclaration, names: NameTable, into ir: inout ModelIR,
                        substitute: (Int) -> Expr) throws(ExpressionError) {
        for condition in declaration.eventConditions {
            if ir.eventNames.contains(condition.name) {
                throw ExpressionError(.duplicateName, "event '\(condition.name)' is defined twice",
                                      source: "", offset: 0, origin: condition.location)
            }
            let (expr, _) = try EquationCompiler.resolve(condition.expr, at: condition.location, names: names,
                                                         booleanHint: conditionHint)
            ir.eventNames.append(condition.name)
            ir.conditions.append(Fold.fold(expr, local: substitute))
        }
        for name in declaration.knownEvents where !ir.eventNames.contains(name) { ir.eventNames.append(name) }
        ir.assignments = Array(repeating: [], count: ir.eventNames.count)

        for assignment in declaration.eventAssignments {
            guard let event = ir.eventNames.firstIndex(of: assignment.event) else {
                throw ExpressionError(.undefinedEvent, "assignment refers to undefined event '\(assignment.event)'",
                                      source: "", offset: 0, origin: assignment.location,
                                      suggestion: Suggestion.bestMatch(for: assignment.event, among: ir.eventNames))
            }
            let target = try self.target(assignment.target, declaration, names: names, at: assignment.location)
            if ir.assignments[event].contains(where: { $0.target == target }) {
                throw ExpressionError(.duplicateName,
                                      "'\(assignment.target)' is assigned twice by event '\(assignment.event)'",
                                      source: "", offset: 0, origin: assignment.location)
            }
            let (expr, _) = try EquationCompiler.resolve(assignment.expr, at: assignment.location, names: names)
            ir.assignments[event].append((target, Fold.fold(expr, local: substitute)))
        }
    }

    /// The state or parameter named `name` (E109 otherwise, with a suggestion).
    private static func target(_ name: String, _ declaration: ModelDeclaration, names: NameTable,
                               at location: SourceLocation) throws(ExpressionError) -> AssignmentTarget {
        switch names[name] {
        case .state(let i)?: return .state(i)
        case .parameter(let j)?: return .parameter(j)
        case .local?:
            throw ExpressionError(.invalidAssignmentTarget,
                                  "'\(name)' is an auxiliary; events can assign only states and parameters",
                                  source: "", offset: 0, origin: location)
        case .time?:
            throw ExpressionError(.invalidAssignmentTarget, "the time 't' cannot be assigned",
                                  source: "", offset: 0, origin: location)
        default:
            let suggestion = Suggestion.bestMatch(for: name, among: declaration.states + declaration.parameters)
            throw ExpressionError(.invalidAssignmentTarget, "event assigns to unknown name '\(name)'",
                                  source: "", offset: 0, origin: location, suggestion: suggestion)
        }
    }
}

/// Orders auxiliaries so that each comes after the auxiliaries it uses.
enum Dependencies {
    /// A reference from one auxiliary's expression to another auxiliary.
    struct Reference {
        var target: Int
        var offset: Int
    }

    /// A topological order of `0..<names.count` (depth-first, declaration order among
    /// independent auxiliaries). A cycle is E104, reported at the reference that closes it
    /// inside the first auxiliary of the cycle, with a message naming it, e.g. `a -> b -> a`.
    static func sort(names: [String], references: [[Reference]],
                     sources: [(expr: String, location: SourceLocation)]) throws(ExpressionError) -> [Int] {
        var search = Search(references: references)
        for k in names.indices {
            if let cycle = search.visit(k) {
                let path = cycle.map { names[$0] }.joined(separator: " -> ")
                let first = cycle[0], next = cycle[1]
                let offset = references[first].first { $0.target == next }?.offset ?? 0
                throw ExpressionError(.auxiliaryCycle, "auxiliaries depend on each other in a cycle: \(path)",
                                      source: sources[first].expr, offset: offset, origin: sources[first].location)
            }
        }
        return search.order
    }

    /// Depth-first search state: 0 unvisited, 1 on the current path, 2 finished.
    private struct Search {
        let references: [[Reference]]
        var mark: [UInt8]
        var path: [Int] = []
        var order: [Int] = []

        init(references: [[Reference]]) {
            self.references = references
            self.mark = Array(repeating: 0, count: references.count)
        }

        /// Visits `k`; returns a cycle (first node repeated at the end) if one is found.
        mutating func visit(_ k: Int) -> [Int]? {
            if mark[k] == 2 { return nil }
            if mark[k] == 1 {
                let start = path.firstIndex(of: k)!
                return Array(path[start...]) + [k]
            }
            mark[k] = 1
            path.append(k)
            for reference in references[k] {
                if let cycle = visit(reference.target) { return cycle }
            }
            path.removeLast()
            mark[k] = 2
            order.append(k)
            return nil
        }
    }
}
