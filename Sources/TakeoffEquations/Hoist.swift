/// Loop-invariant code motion for the expressions evaluated with states.
///
/// Every maximal subexpression of parameters and numbers only that does some work (not a
/// leaf) — `log(humanLevelCompute)` inside `lnTraining - log(humanLevelCompute)` — becomes a
/// hoisted parameter slot after the derived ones, computed by the derived-parameter program
/// once per parameter set (and again after an event sets a parameter) instead of on every
/// right-hand-side evaluation. Identical subexpressions share a slot. The value is the same
/// IEEE operation on the same operands, so results are bit-identical.
struct InvariantHoisting {
    /// The parameter slot of the first hoisted expression (declared + derived parameters).
    let firstSlot: Int
    /// Hoisted expressions in slot order; `.parameter(j)` may name any earlier slot.
    private(set) var expressions: [Expr] = []
    private var slotOf: [Expr: Int] = [:]

    init(firstSlot: Int) { self.firstSlot = firstSlot }

    /// `e` with its invariant subexpressions replaced by parameter slots.
    mutating func hoist(_ e: Expr) -> Expr {
        if !e.isLeaf, Self.isInvariant(e) {
            if let slot = slotOf[e] { return .parameter(slot) }
            let slot = firstSlot + expressions.count
            expressions.append(e)
            slotOf[e] = slot
            return .parameter(slot)
        }
        switch e {
        case .unary(let op, let a): return .unary(op, hoist(a))
        case .binary(let op, let a, let b):
            let left = hoist(a)
            return .binary(op, left, hoist(b))
        case .select(let c, let a, let b):
            let condition = hoist(c), taken = hoist(a)
            return .select(condition, taken, hoist(b))
        // A delay's time is already a parameter program of its own (the delay table).
        default: return e
        }
    }

    /// Whether `e` depends on parameters and numbers only. A `.local` is a dynamic auxiliary
    /// here: the derived ones were already replaced by their parameter slots.
    static func isInvariant(_ e: Expr) -> Bool {
        var invariant = true
        e.visit { node in
            switch node {
            case .time, .state, .delayed, .auxiliaryInput, .local: invariant = false
            default: break
            }
        }
        return invariant
    }

    /// Hoists from every expression of `ir` that is evaluated with states.
    static func apply(to ir: inout ModelIR) {
        var hoisting = InvariantHoisting(firstSlot: ir.parameterSlots)
        ir.auxiliaries = ir.auxiliaries.map { hoisting.hoist($0) }
        ir.derivatives = ir.derivatives.map { hoisting.hoist($0) }
        ir.conditions = ir.conditions.map { hoisting.hoist($0) }
        ir.assignments = ir.assignments.map { list in list.map { ($0.target, hoisting.hoist($0.expr)) } }
        ir.hoisted = hoisting.expressions
        ir.parameterSlots += hoisting.expressions.count
    }
}

extension Expr {
    /// The expression with `.parameter(j)` replaced by `.local(locals[j])` where given.
    func replacingParameters(_ locals: [Int: Int]) -> Expr {
        switch self {
        case .parameter(let j): locals[j].map(Expr.local) ?? self
        case .unary(let op, let a): .unary(op, a.replacingParameters(locals))
        case .binary(let op, let a, let b): .binary(op, a.replacingParameters(locals), b.replacingParameters(locals))
        case .select(let c, let a, let b):
            .select(c.replacingParameters(locals), a.replacingParameters(locals), b.replacingParameters(locals))
        case .delayed(let state, let time): .delayed(state: state, time: time.replacingParameters(locals))
        default: self
        }
    }
}
