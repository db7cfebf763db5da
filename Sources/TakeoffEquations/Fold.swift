/// Constant folding and algebraic simplification.
///
/// The smart constructors `unary`, `binary` and `select` simplify as they build, so the
/// differentiator produces folded trees directly. Folding of constants uses `Scalar`, the
/// evaluator's own semantics, so a folded constant equals what evaluation would give.
///
/// Identities applied (besides evaluating constant operands):
/// `x+0 → x`, `0+x → x`, `x-0 → x`, `0-x → -x`, `a+(-b) → a-b`, `(-a)+b → b-a`, `a-(-b) → a+b`,
/// `x*1 → x`, `x*(-1) → -x`, `(-a)*(-b) → a*b`, `(-a)*b → -(a*b)`, `x/1 → x`, `(-a)/b → -(a/b)`,
/// `x^1 → x`, `x^0 → 1`, `x^2 → x*x`, `-(-x) → x`, `not(not c) → c`,
/// `if(true, a, b) → a`, `if(c, a, a) → a`.
///
/// Structural zeros: `0*x → 0` and `0/x → 0` even though IEEE would give nan for a
/// non-finite `x`. This keeps symbolic derivatives small (most partial derivatives are 0)
/// and is the usual convention of symbolic differentiation.
enum Fold {
    /// Rebuilds `expr` bottom-up through the smart constructors. `local(k)` gives the
    /// replacement of a reference to local `k` (its constant or leaf value, or the reference itself).
    static func fold(_ expr: Expr, local: (Int) -> Expr) -> Expr {
        switch expr {
        case .constant, .time, .state, .parameter, .auxiliaryInput:
            return expr
        case .local(let k):
            return local(k)
        case .delayed(let state, let time):
            return .delayed(state: state, time: fold(time, local: local))
        case .unary(let op, let x):
            return unary(op, fold(x, local: local))
        case .binary(let op, let a, let b):
            return binary(op, fold(a, local: local), fold(b, local: local))
        case .select(let c, let a, let b):
            return select(fold(c, local: local), fold(a, local: local), fold(b, local: local))
        }
    }

    /// Folds an expression without locals.
    static func fold(_ expr: Expr) -> Expr { fold(expr) { .local($0) } }

    static func unary(_ op: Op, _ x: Expr) -> Expr {
        if let value = x.constantValue { return .constant(Scalar.unary(op, value)) }
        switch (op, x) {
        case (.neg, .unary(.neg, let inner)), (.not, .unary(.not, let inner)):
            return inner
        default:
            return .unary(op, x)
        }
    }

    static func binary(_ op: Op, _ a: Expr, _ b: Expr) -> Expr {
        if let x = a.constantValue, let y = b.constantValue { return .constant(Scalar.binary(op, x, y)) }
        switch op {
        case .add: return add(a, b)
        case .sub: return subtract(a, b)
        case .mul: return multiply(a, b)
        case .div: return divide(a, b)
        case .pow: return power(a, b)
        default: return .binary(op, a, b)
        }
    }

    static func select(_ condition: Expr, _ a: Expr, _ b: Expr) -> Expr {
        if let value = condition.constantValue { return value != 0 ? a : b }
        if a == b { return a }
        return .select(condition, a, b)
    }

    private static func add(_ a: Expr, _ b: Expr) -> Expr {
        if a.constantValue == 0 { return b }
        if b.constantValue == 0 { return a }
        if case .unary(.neg, let inner) = b { return subtract(a, inner) }
        if case .unary(.neg, let inner) = a { return subtract(b, inner) }
        return .binary(.add, a, b)
    }

    private static func subtract(_ a: Expr, _ b: Expr) -> Expr {
        if b.constantValue == 0 { return a }
        if a.constantValue == 0 { return unary(.neg, b) }
        if case .unary(.neg, let inner) = b { return add(a, inner) }
        return .binary(.sub, a, b)
    }

    private static func multiply(_ a: Expr, _ b: Expr) -> Expr {
        if a.constantValue == 0 || b.constantValue == 0 { return .constant(0) }
        if a.constantValue == 1 { return b }
        if b.constantValue == 1 { return a }
        if a.constantValue == -1 { return unary(.neg, b) }
        if b.constantValue == -1 { return unary(.neg, a) }
        switch (a, b) {
        case (.unary(.neg, let x), .unary(.neg, let y)): return multiply(x, y)
        case (.unary(.neg, let x), _): return unary(.neg, multiply(x, b))
        case (_, .unary(.neg, let y)): return unary(.neg, multiply(a, y))
        default: return .binary(.mul, a, b)
        }
    }

    private static func divide(_ a: Expr, _ b: Expr) -> Expr {
        if a.constantValue == 0 { return .constant(0) }
        if b.constantValue == 1 { return a }
        if b.constantValue == -1 { return unary(.neg, a) }
        switch (a, b) {
        case (.unary(.neg, let x), .unary(.neg, let y)): return divide(x, y)
        case (.unary(.neg, let x), _): return unary(.neg, divide(x, b))
        case (_, .unary(.neg, let y)): return unary(.neg, divide(a, y))
        default: return .binary(.div, a, b)
        }
    }

    private static func power(_ a: Expr, _ b: Expr) -> Expr {
        switch b.constantValue {
        case 0: return .constant(1)  // pow(x, 0) is 1 for every x, nan included.
        case 1: return a
        case 2: return multiply(a, a)
        default: return .binary(.pow, a, b)
        }
    }
}
