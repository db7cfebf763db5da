import Testing
@testable import TakeoffEquations

/// Folding, value numbering, lazy locals and register allocation must not change results:
/// compiled programs are compared with a direct recursive evaluation of the unfolded tree.
@Suite("Code generation")
struct CodegenTests {
    /// Reference semantics: a plain tree walk.
    static func evaluate(_ e: Expr, y: [Double], p: [Double], locals: [Expr]) -> Double {
        func go(_ e: Expr) -> Double {
            switch e {
            case .constant(let c): return c
            case .time: return 0
            case .state(let i): return y[i]
            case .parameter(let j): return p[j]
            case .auxiliaryInput: return .nan
            case .local(let k): return go(locals[k])
            case .delayed: return .nan
            case .unary(let op, let x): return Scalar.unary(op, go(x))
            case .binary(let op, let a, let b): return Scalar.binary(op, go(a), go(b))
            case .select(let c, let a, let b): return go(c) != 0 ? go(a) : go(b)
            }
        }
        return go(e)
    }

    /// Random number-valued trees over 3 states, 2 parameters and earlier locals, reusing
    /// earlier subtrees so that common subexpressions occur.
    struct Generator {
        var random: SplitMix64
        var pool: [Expr] = []
        var localCount = 0

        mutating func leaf() -> Expr {
            switch random.next() % 4 {
            case 0: return .constant(random.uniform(0.5, 2))
            case 1: return .parameter(Int(random.next() % 2))
            case 2 where localCount > 0: return .local(Int(random.next() % UInt64(localCount)))
            default: return .state(Int(random.next() % 3))
            }
        }

        mutating func number(_ depth: Int) -> Expr {
            if depth == 0 { return leaf() }
            if !pool.isEmpty, random.next() % 5 == 0 { return pool[Int(random.next() % UInt64(pool.count))] }
            let unary: [Op] = [.neg, .tanh, .sin, .cos, .logistic, .abs]
            let binary: [Op] = [.add, .sub, .mul, .min, .max]
            let result: Expr
            switch random.next() % 4 {
            case 0: result = .unary(unary[Int(random.next() % 6)], number(depth - 1))
            case 1: result = .select(.binary(.lt, number(depth - 1), number(depth - 1)), number(depth - 1), number(depth - 1))
            default: result = .binary(binary[Int(random.next() % 5)], number(depth - 1), number(depth - 1))
            }
            pool.append(result)
            return result
        }
    }

    @Test("random programs agree with tree evaluation, bit for bit")
    func randomPrograms() {
        var generator = Generator(random: SplitMix64(state: 2024))
        for _ in 0..<200 {
            generator.pool = []
            generator.localCount = 0
            var locals: [Expr] = []
            for _ in 0..<3 {
                locals.append(generator.number(3))
                generator.localCount += 1
            }
            let outputs = (0..<4).map { _ in generator.number(4) }
            // Folding as the model compiler does, with locals left in place.
            let folded = locals.map { Fold.fold($0) }
            var builder = ProgramBuilder(layout: InputLayout(states: 3, parameters: 2), locals: folded)
            for (i, output) in outputs.enumerated() { builder.store(Fold.fold(output), at: i) }
            var program = builder.finish()
            var placed = [program]
            Program.place(&placed)
            program = placed[0]
            let workspace = EquationWorkspace(programs: [program], scratchCount: 1)
            for _ in 0..<5 {
                let y = (0..<3).map { _ in generator.random.uniform(-2, 2) }
                let p = (0..<2).map { _ in generator.random.uniform(-2, 2) }
                var out = [Double](repeating: .nan, count: 4)
                y.withUnsafeBufferPointer { yb in
                    p.withUnsafeBufferPointer { pb in
                        out.withUnsafeMutableBufferPointer { ob in
                            program.run(workspace, t: 0, y: yb, parameters: pb, outA: ob.baseAddress!,
                                        outB: ob.baseAddress!, delayed: noDelay)
                        }
                    }
                }
                for (i, output) in outputs.enumerated() {
                    let expected = Self.evaluate(output, y: y, p: p, locals: locals)
                    #expect(out[i] == expected || (out[i].isNaN && expected.isNaN), "output \(i): \(output)")
                }
            }
        }
    }

    @Test("registers are reused: a long sum needs few registers")
    func registerReuse() throws {
        let terms = (0..<50).map { "sin(x * \($0 + 1))" }.joined(separator: " + ")
        let expression = try EquationCompiler.compileExpression(terms, location: here,
                                                                scope: Scope(states: ["x"], parameters: []))
        // 50 constants and ~150 instructions, but only a handful of live temporaries.
        #expect(expression.program.registerCount - expression.program.layout.count - expression.program.constants.count <= 3)
        let x = 0.3
        var expected = 0.0
        for k in 1...50 { expected += Scalar.unary(.sin, x * Double(k)) }
        #expect(expression.evaluate(y: [x]) == expected)
    }
}
