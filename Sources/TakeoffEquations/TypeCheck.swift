/// The two value types of the language.
enum ValueType { case number, boolean }

/// Resolves names to slots and checks types and arities, turning `Syntax` into `Expr`.
///
/// Every node is either a number or a boolean: arithmetic and function arguments need
/// numbers, `and`/`or`/`not` and the first argument of `if` need booleans, comparisons
/// take numbers and give a boolean. Violations are E108 at the offending operand.
struct Resolver {
    let source: String
    let origin: SourceLocation
    let names: NameTable
    let rules: NameRules
    /// Auxiliaries (`.local`) referenced, with the offset of each reference (for cycle reports).
    private(set) var localReferences: [(local: Int, offset: Int)] = []

    init(source: String, origin: SourceLocation, names: NameTable, rules: NameRules) {
        self.source = source
        self.origin = origin
        self.names = names
        self.rules = rules
    }

    /// Parses and resolves `source`, which must be a number-valued expression.
    /// `topLevelHint` replaces the E108 message when the whole expression is boolean.
    mutating func resolveNumber(topLevelHint: String? = nil) throws(ExpressionError) -> Expr {
        let tree = try Parser.parse(source, origin: origin)
        let (expr, type) = try resolve(tree)
        if type == .boolean {
            let message = topLevelHint ?? "expected a number, but the expression is a boolean (a comparison or logical expression)"
            throw error(.typeMismatch, message, at: tree.offset)
        }
        return expr
    }

    func error(_ code: ErrorCode, _ message: String, at offset: Int, suggestion: String? = nil) -> ExpressionError {
        ExpressionError(code, message, source: source, offset: offset, origin: origin, suggestion: suggestion)
    }

    mutating func resolve(_ node: Syntax) throws(ExpressionError) -> (Expr, ValueType) {
        switch node {
        case .number(let value, _):
            return (.constant(value), .number)
        case .name(let name, let offset):
            return (try resolveName(name, at: offset), .number)
        case .unary(.negate, let operand, _):
            return (.unary(.neg, try number(operand)), .number)
        case .unary(.not, let operand, _):
            return (.unary(.not, try boolean(operand)), .boolean)
        case .binary(let op, let lhs, let rhs, _):
            return try resolveBinary(op, lhs, rhs)
        case .call(let name, let arguments, let offset):
            return try resolveCall(name, arguments, at: offset)
        case .at(let operand, let event, let offset, let eventOffset):
            guard let resolveAt = rules.resolveAt else {
                throw error(.syntax, "'@' reads a value at an event and is only for metrics", at: offset)
            }
            return (try resolveAt(operand, event, eventOffset, source, origin), .number)
        }
    }

    /// Resolves `node`, which must be a number (E108 otherwise).
    mutating func number(_ node: Syntax) throws(ExpressionError) -> Expr {
        let (expr, type) = try resolve(node)
        guard type == .number else {
            throw error(.typeMismatch, "expected a number, but this is a boolean (a comparison or logical expression)",
                        at: node.offset)
        }
        return expr
    }

    /// Resolves `node`, which must be a boolean (E108 otherwise).
    mutating func boolean(_ node: Syntax) throws(ExpressionError) -> Expr {
        let (expr, type) = try resolve(node)
        guard type == .boolean else {
            throw error(.typeMismatch, "expected a boolean condition, but this is a number; compare it, e.g. 'x > 0'",
                        at: node.offset)
        }
        return expr
    }

    private mutating func resolveBinary(_ op: BinaryOperator, _ lhs: Syntax, _ rhs: Syntax)
        throws(ExpressionError) -> (Expr, ValueType) {
        switch op {
        case .and, .or:
            return (.binary(op.op, try boolean(lhs), try boolean(rhs)), .boolean)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            return (.binary(op.op, try number(lhs), try number(rhs)), .boolean)
        case .add, .subtract, .multiply, .divide, .power:
            return (.binary(op.op, try number(lhs), try number(rhs)), .number)
        }
    }

    private mutating func resolveName(_ name: String, at offset: Int) throws(ExpressionError) -> Expr {
        guard let slot = names[name] else {
            if Builtin.table[name] != nil {
                throw error(.unknownName, "'\(name)' is a function; call it as \(name)(...)", at: offset)
            }
            let suggestion = Suggestion.bestMatch(for: name, among: names.order + Builtin.names)
            throw error(.unknownName, "unknown name '\(name)'", at: offset, suggestion: suggestion)
        }
        if let what = rules.refusal(of: slot) {
            let advice = rules.advice?(name) ?? "\(rules.context) may only use parameters and numbers"
            throw error(rules.refusalCode, "'\(name)' is \(what); \(advice)", at: offset)
        }
        if case .local(let k) = slot { localReferences.append((k, offset)) }
        return slot
    }

    private mutating func resolveCall(_ name: String, _ arguments: [Syntax], at offset: Int)
        throws(ExpressionError) -> (Expr, ValueType) {
        guard let function = Builtin.table[name] else {
            let message = names[name] == nil ? "unknown function '\(name)'" : "'\(name)' is not a function"
            let suggestion = Suggestion.bestMatch(for: name, among: Builtin.names + names.order)
            throw error(.unknownName, message, at: offset, suggestion: suggestion)
        }
        try checkArity(function, name, arguments.count, at: offset)
        switch function {
        case .unary(let op):
            return (.unary(op, try number(arguments[0])), .number)
        case .variadic(let op):
            var result = try number(arguments[0])
            for argument in arguments.dropFirst() { result = .binary(op, result, try number(argument)) }
            return (result, .number)
        case .power:
            return (.binary(.pow, try number(arguments[0]), try number(arguments[1])), .number)
        case .conditional:
            let condition = try boolean(arguments[0])
            return (.select(condition, try number(arguments[1]), try number(arguments[2])), .number)
        case .delay:
            return (try resolveDelay(arguments, at: offset), .number)
        }
    }

    private func checkArity(_ function: Builtin, _ name: String, _ count: Int, at offset: Int) throws(ExpressionError) {
        let (low, high) = function.arity
        if count >= low, count <= (high ?? Int.max) { return }
        let expected = high == nil ? "at least \(low)" : "\(low)"
        let noun = (high ?? low) == 1 ? "argument" : "arguments"
        throw error(.argumentCount, "'\(name)' takes \(expected) \(noun), got \(count)", at: offset)
    }

    /// `delay(x, d)`: `x` a plain state name, `d` a number built from parameters and numbers (E111).
    private mutating func resolveDelay(_ arguments: [Syntax], at offset: Int) throws(ExpressionError) -> Expr {
        guard rules.allowsDelay else {
            throw error(.invalidDelay, "delay(...) is not allowed in \(rules.context)", at: offset)
        }
        guard case .name(let name, let nameOffset) = arguments[0] else {
            throw error(.invalidDelay, "the first argument of delay must be a state name", at: arguments[0].offset)
        }
        guard case .state(let index) = try resolveName(name, at: nameOffset) else {
            throw error(.invalidDelay, "the first argument of delay must be a state name; '\(name)' is not a state",
                        at: nameOffset)
        }
        var inner = Resolver(source: source, origin: origin, names: names,
                             rules: .parametersOnly(.invalidDelay, context: "a delay time"))
        let time = try inner.number(arguments[1])
        return .delayed(state: index, time: time)
    }
}
