/// Unary operators as written by the user.
enum UnaryOperator { case negate, not }

/// Binary operators as written by the user.
enum BinaryOperator {
    case add, subtract, multiply, divide, power
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case and, or

    /// The evaluation operation implementing this operator.
    var op: Op {
        switch self {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        case .power: .pow
        case .less: .lt
        case .lessEqual: .le
        case .greater: .gt
        case .greaterEqual: .ge
        case .equal: .eq
        case .notEqual: .ne
        case .and: .and
        case .or: .or
        }
    }
}

/// The parse tree: names are still strings. Offsets (Unicode scalars) point into the source
/// and are where diagnostics about the node are reported.
indirect enum Syntax {
    case number(Double, offset: Int)
    case name(String, offset: Int)
    case unary(UnaryOperator, Syntax, offset: Int)
    case binary(BinaryOperator, Syntax, Syntax, operatorOffset: Int)
    case call(String, [Syntax], offset: Int)
    /// `operand @ event`: the operand's value at an event (metrics only), `offset` at the `@`.
    case at(Syntax, event: String, offset: Int, eventOffset: Int)

    /// Offset of the node's first character (for a binary node, that of its left operand).
    var offset: Int {
        switch self {
        case .number(_, let offset), .name(_, let offset), .unary(_, _, let offset), .call(_, _, let offset):
            offset
        case .binary(_, let lhs, _, _), .at(let lhs, _, _, _):
            lhs.offset
        }
    }
}

/// Operations shared by the resolved tree (`Expr`) and the instruction set.
///
/// Booleans are represented as 1.0 (true) and 0.0 (false); a condition is true when non-zero.
enum Op: UInt8, Sendable {
    // Unary.
    case neg, exp, log, log10, log2, sqrt, abs, floor, ceil, sin, cos, tanh, logistic, sign, not
    // Binary.
    case add, sub, mul, div, pow, min, max, lt, le, gt, ge, eq, ne, and, or
    // select(c, a, b) = c != 0 ? a : b.
    case select
    // delay: dst = delayed(state a, time register b).
    case delay
    // Stores: out[a] = r[b]; two output buffers per program.
    case storeA, storeB

    /// Whether the operation is commutative (used to canonicalise operands for CSE).
    var isCommutative: Bool { self == .add || self == .mul }
}

/// A resolved, typed expression. All names are replaced by slots.
indirect enum Expr: Hashable, Sendable {
    case constant(Double)
    case time
    case state(Int)
    case parameter(Int)
    /// An auxiliary value supplied by the caller (standalone expressions such as metrics).
    case auxiliaryInput(Int)
    /// A program-local definition (auxiliary, or an auxiliary's derivative), computed once.
    case local(Int)
    /// `state(t - time)`, provided by the caller's `delayed` callback.
    case delayed(state: Int, time: Expr)
    case unary(Op, Expr)
    case binary(Op, Expr, Expr)
    case select(Expr, Expr, Expr)

    var constantValue: Double? {
        if case .constant(let value) = self { return value }
        return nil
    }

    /// Whether the node is a leaf that can be substituted for a local without duplicating work.
    var isLeaf: Bool {
        switch self {
        case .constant, .time, .state, .parameter, .auxiliaryInput, .local: true
        default: false
        }
    }

    /// Calls `body` on every node, parents before children.
    func visit(_ body: (Expr) -> Void) {
        body(self)
        switch self {
        case .delayed(_, let time): time.visit(body)
        case .unary(_, let x): x.visit(body)
        case .binary(_, let a, let b): a.visit(body); b.visit(body)
        case .select(let c, let a, let b): c.visit(body); a.visit(body); b.visit(body)
        default: break
        }
    }
}

/// The builtin functions and how they are checked.
enum Builtin {
    /// A numeric function of one number.
    case unary(Op)
    /// `min`/`max`: two or more numbers, folded left.
    case variadic(Op)
    /// `pow(a, b)`.
    case power
    /// `if(condition, a, b)`.
    case conditional
    /// `delay(state, time)`.
    case delay

    /// Function names in the order used for did-you-mean suggestions.
    static let names: [String] = [
        "exp", "log", "log10", "log2", "sqrt", "abs", "min", "max", "pow", "floor", "ceil",
        "sin", "cos", "tanh", "logistic", "if", "delay",
    ]

    /// Name → function.
    static let table: [String: Builtin] = [
        "exp": .unary(.exp), "log": .unary(.log), "log10": .unary(.log10), "log2": .unary(.log2),
        "sqrt": .unary(.sqrt), "abs": .unary(.abs), "floor": .unary(.floor), "ceil": .unary(.ceil),
        "sin": .unary(.sin), "cos": .unary(.cos), "tanh": .unary(.tanh), "logistic": .unary(.logistic),
        "min": .variadic(.min), "max": .variadic(.max), "pow": .power, "if": .conditional, "delay": .delay,
    ]

    /// Names a model may not define: the builtin time `t`, functions and keywords.
    static let reservedNames: Set<String> = Set(names).union(["t", "and", "or", "not"])

    /// Accepted argument counts: (minimum, maximum or nil for unbounded).
    var arity: (Int, Int?) {
        switch self {
        case .unary: (1, 1)
        case .variadic: (2, nil)
        case .power, .delay: (2, 2)
        case .conditional: (3, 3)
        }
    }
}
