/// All the instruction arrays of a compiled model, placed side by side in one register file.
struct ModelPrograms: Sendable {
    var derivatives: Program
    var auxiliaries: Program
    var jacobian: Program
    var initials: Program
    var delayTimes: Program
    /// Derived parameters: reads the declared parameters, stores derived `s` at index `s` of output B.
    var derived: Program
    var conditions: [Program]
    /// Every condition in one program: condition `k` at index `k` of output A.
    var allConditions: Program
    var assignments: [Program]

    /// Every program, in placement order.
    var all: [Program] { [derivatives, auxiliaries, jacobian, initials, delayTimes, derived, allConditions] + conditions + assignments }

    /// Generates every program of `ir`; `delayTimes` lists the distinct delay time expressions.
    init(_ ir: ModelIR, delayTimes times: [Expr]) {
        let layout = InputLayout(states: ir.states.count, parameters: ir.parameterSlots)
        let parameterLayout = InputLayout(states: 0, parameters: ir.parameterSlots)
        derivatives = Self.program(layout, ir.auxiliaries, ir.derivatives)
        // Declaration order: auxiliary k is local k.
        auxiliaries = Self.program(layout, ir.auxiliaries, ir.auxiliaries.indices.map { Expr.local($0) })
        jacobian = JacobianBuilder.program(ir)
        initials = Self.program(parameterLayout, [], ir.initials)
        delayTimes = Self.program(parameterLayout, [], times)
        var derivedBuilder = ProgramBuilder(layout: InputLayout(states: 0, parameters: ir.parameters.count),
                                            locals: ir.derivedLocals)
        for (s, k) in ir.derivedOrder.enumerated() { derivedBuilder.store(.local(k), at: s, in: .b) }
        // Hoisted subexpressions read derived slots; in this program those are its locals.
        let derivedLocal = Dictionary(uniqueKeysWithValues: ir.derivedOrder.enumerated().map { (ir.parameters.count + $0, $1) })
        for (h, expr) in ir.hoisted.enumerated() {
            derivedBuilder.store(expr.replacingParameters(derivedLocal), at: ir.derivedOrder.count + h, in: .b)
        }
        derived = derivedBuilder.finish()
        conditions = ir.conditions.map { Self.program(layout, ir.auxiliaries, [$0]) }
        allConditions = Self.program(layout, ir.auxiliaries, ir.conditions)
        assignments = ir.assignments.map { Self.assignmentProgram(layout, ir.auxiliaries, $0) }
        place()
    }

    /// Stores `outputs[i]` at index `i` of output A.
    private static func program(_ layout: InputLayout, _ locals: [Expr], _ outputs: [Expr]) -> Program {
        var builder = ProgramBuilder(layout: layout, locals: locals)
        for (i, output) in outputs.enumerated() { builder.store(output, at: i) }
        return builder.finish()
    }

    /// State targets go to output A (`y`), parameter targets to output B (`parameters`).
    private static func assignmentProgram(_ layout: InputLayout, _ locals: [Expr],
                                          _ assignments: [(target: AssignmentTarget, expr: Expr)]) -> Program {
        var builder = ProgramBuilder(layout: layout, locals: locals)
        for (target, expr) in assignments {
            switch target {
            case .state(let i): builder.store(expr, at: i, in: .a)
            case .parameter(let j): builder.store(expr, at: j, in: .b)
            }
        }
        return builder.finish()
    }

    /// Assigns each program its region of the shared register file.
    private mutating func place() {
        var programs = all
        Program.place(&programs)
        derivatives = programs[0]
        auxiliaries = programs[1]
        jacobian = programs[2]
        initials = programs[3]
        delayTimes = programs[4]
        derived = programs[5]
        allConditions = programs[6]
        conditions = Array(programs[7..<(7 + conditions.count)])
        assignments = Array(programs[(7 + conditions.count)...])
    }
}

/// The distinct delay terms of a model.
struct DelayTable {
    /// Distinct delay time expressions (parameters only), indexed by `DelayTerm.delayIndex`.
    var times: [Expr] = []
    /// Distinct (state, delay time) pairs in order of first appearance.
    var terms: [DelayTerm] = []

    init(_ expressions: [Expr]) {
        var times: [Expr] = []
        var terms: [DelayTerm] = []
        var timeIndex: [Expr: Int] = [:]
        var seen: Set<DelayTerm> = []
        for expression in expressions {
            expression.visit { node in
                guard case .delayed(let state, let time) = node else { return }
                let index = timeIndex[time] ?? times.count
                if index == times.count {
                    timeIndex[time] = index
                    times.append(time)
                }
                let term = DelayTerm(state: state, delayIndex: index)
                if seen.insert(term).inserted { terms.append(term) }
            }
        }
        self.times = times
        self.terms = terms
    }
}
