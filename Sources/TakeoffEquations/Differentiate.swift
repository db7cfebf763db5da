/// The variable a derivative is taken with respect to.
enum Variable: Equatable {
    case state(Int)
    case time
}

/// Symbolic differentiation of `Expr`, building folded trees through `Fold`.
///
/// - Auxiliaries (`.local(k)`) are handled by the chain rule: `localDerivative[k]` is the
///   (already built) derivative of local `k` with respect to the same variable.
/// - `delay(x, d)` counts as a constant: its derivative with respect to the current state,
///   and its partial derivative with respect to `t`, are 0.
///
/// One-sided choices at switches, where the function is not differentiable:
/// - `abs(x)`: `sign(x) * x'`, with `sign(0) = 0`.
/// - `min(a, b)`: the derivative of the active argument, `a` when `a <= b` (ties: first argument);
///   `max(a, b)`: `a` when `a >= b`. An n-ary `min`/`max` is a left fold, so ties go to the earliest.
/// - `if(c, a, b)`: the derivative of the branch taken; the condition is not differentiated.
/// - `floor`, `ceil`, `sign`, comparisons and logical operators: 0.
struct Differentiator {
    let variable: Variable
    let localDerivative: [Expr]

    func derivative(_ expr: Expr) -> Expr {
        switch expr {
        case .constant, .parameter, .auxiliaryInput, .delayed:
            return .constant(0)
        case .time:
            return .constant(variable == .time ? 1 : 0)
        case .state(let i):
            return .constant(variable == .state(i) ? 1 : 0)
        case .local(let k):
            return localDerivative[k]
        case .unary(let op, let x):
            return unary(op, x)
        case .binary(let op, let a, let b):
            return binary(op, a, b)
        case .select(let c, let a, let b):
            return Fold.select(c, derivative(a), derivative(b))
        }
    }

    private func unary(_ op: Op, _ x: Expr) -> Expr {
        let dx = derivative(x)
        if dx.constantValue == 0 { return .constant(0) }
        let outer: Expr
        switch op {
        case .neg: return Fold.unary(.neg, dx)
        case .exp: outer = .unary(.exp, x)
        case .log: return Fold.binary(.div, dx, x)
        case .log10: return Fold.binary(.div, dx, Fold.binary(.mul, x, .constant(2.302585092994045684)))
        case .log2: return Fold.binary(.div, dx, Fold.binary(.mul, x, .constant(0.693147180559945309)))
        case .sqrt: return Fold.binary(.div, dx, Fold.binary(.mul, .constant(2), .unary(.sqrt, x)))
        case .abs: outer = .unary(.sign, x)
        case .sin: outer = .unary(.cos, x)
        case .cos: outer = Fold.unary(.neg, .unary(.sin, x))
        case .tanh:
            // 1 - tanh(x)^2, reusing tanh(x) from the function itself (shared by CSE).
            let th = Expr.unary(.tanh, x)
            outer = Fold.binary(.sub, .constant(1), Fold.binary(.mul, th, th))
        case .logistic:
            let s = Expr.unary(.logistic, x)
            outer = Fold.binary(.mul, s, Fold.binary(.sub, .constant(1), s))
        default:
            // floor, ceil, sign, not: piecewise constant.
            return .constant(0)
        }
        return Fold.binary(.mul, outer, dx)
    }

    private func binary(_ op: Op, _ a: Expr, _ b: Expr) -> Expr {
        switch op {
        case .add: return Fold.binary(.add, derivative(a), derivative(b))
        case .sub: return Fold.binary(.sub, derivative(a), derivative(b))
        case .mul:
            let (da, db) = (derivative(a), derivative(b))
            return Fold.binary(.add, Fold.binary(.mul, da, b), Fold.binary(.mul, a, db))
        case .div: return quotient(a, b)
        case .pow: return power(a, b)
        case .min: return Fold.select(.binary(.le, a, b), derivative(a), derivative(b))
        case .max: return Fold.select(.binary(.ge, a, b), derivative(a), derivative(b))
        default:
            // Comparisons and logical operators are piecewise constant.
            return .constant(0)
        }
    }

    /// (a/b)' = a'/b - a b' / b², written to fold well when either derivative is 0.
    private func quotient(_ a: Expr, _ b: Expr) -> Expr {
        let (da, db) = (derivative(a), derivative(b))
        let first = Fold.binary(.div, da, b)
        if db.constantValue == 0 { return first }
        let second = Fold.binary(.div, Fold.binary(.mul, a, db), Fold.binary(.mul, b, b))
        return Fold.binary(.sub, first, second)
    }

    /// (a^b)' by cases: constant exponent c → c a^(c-1) a'; constant base → a^b ln(a) b';
    /// otherwise a^b (b' ln a + b a'/a).
    private func power(_ a: Expr, _ b: Expr) -> Expr {
        let (da, db) = (derivative(a), derivative(b))
        if db.constantValue == 0 {
            if da.constantValue == 0 { return .constant(0) }
            let exponent = Fold.binary(.sub, b, .constant(1))
            let scale = Fold.binary(.mul, b, Fold.binary(.pow, a, exponent))
            return Fold.binary(.mul, scale, da)
        }
        let value = Fold.binary(.pow, a, b)
        let logTerm = Fold.binary(.mul, db, Fold.unary(.log, a))
        if da.constantValue == 0 { return Fold.binary(.mul, value, logTerm) }
        let baseTerm = Fold.binary(.div, Fold.binary(.mul, b, da), a)
        return Fold.binary(.mul, value, Fold.binary(.add, logTerm, baseTerm))
    }
}

/// Builds the Jacobian program by symbolic differentiation.
///
/// For each variable v (every state, then `t`), the derivative of each auxiliary is built
/// in dependency order by the chain rule: `d aux_k / dv` differentiates aux_k's expression,
/// where a reference to aux_m contributes the already-built `d aux_m / dv`. Non-trivial
/// auxiliary derivatives become locals (computed once, shared); trivial ones (constants,
/// mostly 0) are substituted, so a derivative that does not depend on v folds away.
/// The output expressions are then compiled into one instruction array together with the
/// auxiliaries themselves; value numbering shares subexpressions such as `exp(x)` between
/// a function and its derivative.
///
/// `dfdt` is the partial derivative with respect to the explicit `t` (delay terms count as
/// constants there too).
enum JacobianBuilder {
    /// Output A is `dfdy` (row-major, `dfdy[i*n + j] = ∂f_i/∂y_j`), output B is `dfdt`.
    static func program(_ ir: ModelIR) -> Program {
        let n = ir.states.count
        let layout = InputLayout(states: n, parameters: ir.parameterSlots)
        var locals = ir.auxiliaries
        var outputs: [(expr: Expr, index: Int, buffer: OutputBuffer)] = []
        let variables = (0..<n).map(Variable.state) + [.time]
        for variable in variables {
            let auxiliaryDerivatives = differentiateAuxiliaries(ir, with: variable, locals: &locals)
            let differentiator = Differentiator(variable: variable, localDerivative: auxiliaryDerivatives)
            for i in 0..<n {
                let derivative = differentiator.derivative(ir.derivatives[i])
                switch variable {
                case .state(let j): outputs.append((derivative, i * n + j, .a))
                case .time: outputs.append((derivative, i, .b))
                }
            }
        }
        var builder = ProgramBuilder(layout: layout, locals: locals, zeroFill: true)
        for output in outputs { builder.store(output.expr, at: output.index, in: output.buffer) }
        return builder.finish()
    }

    /// `d aux_k / d variable` for every auxiliary, as a leaf (constant or new local).
    private static func differentiateAuxiliaries(_ ir: ModelIR, with variable: Variable,
                                                 locals: inout [Expr]) -> [Expr] {
        var result = [Expr](repeating: .constant(0), count: ir.auxiliaries.count)
        for k in ir.order {
            let derivative = Differentiator(variable: variable, localDerivative: result)
                .derivative(ir.auxiliaries[k])
            if derivative.isLeaf {
                result[k] = derivative
            } else {
                locals.append(derivative)
                result[k] = .local(locals.count - 1)
            }
        }
        return result
    }
}
