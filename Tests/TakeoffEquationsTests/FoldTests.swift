import Testing
@testable import TakeoffEquations

@Suite("Constant folding and shared subexpressions")
struct FoldTests {
    let scope = Scope(states: ["x", "y"], parameters: ["a"])

    func count(_ text: String) throws -> Int {
        try EquationCompiler.compileExpression(text, location: here, scope: scope).instructionCount
    }

    @Test("constants fold: 2*3 + x compiles like 6 + x")
    func folding() throws {
        #expect(try count("2*3 + x") == count("6 + x"))
        #expect(try count("2*3 + x") == 2)  // add, store
        #expect(try count("exp(0) * x + (4 - 4) * y") == count("x"))
        #expect(try count("if(2 > 1, x, y)") == count("x"))
        #expect(try count("x ^ 1 + y * 1 - 0") == count("x + y"))
        #expect(try count("--x") == count("x"))
    }

    @Test("folded constants equal run-time results")
    func constantValues() throws {
        let scope = Scope()
        func constant(_ text: String) throws -> Double? {
            try EquationCompiler.compileExpression(text, location: here, scope: scope).constantValue
        }
        #expect(try constant("2*3 + 4") == 10)
        #expect(try constant("min(3, 2^3, 1 + 1)") == 2)
        #expect(try constant("if(1 < 2 and not 3 < 2, 7, 8)") == 7)
        #expect(try constant("0 / 0")?.isNaN == true)
        #expect(try constant("1 / 0") == .infinity)
    }

    @Test("common subexpressions are computed once")
    func sharing() throws {
        #expect(try count("exp(x) + exp(x)") == count("exp(x) + y"))
        #expect(try count("x * y + y * x") == count("x * y + a"))
    }

    @Test("auxiliaries not needed by derivatives cost nothing; each used one is computed once")
    func deadAuxiliaries() throws {
        let lean = try EquationCompiler.compile(model(
            states: ["x"], derivatives: [("x", "u + u * u")], auxiliaries: [("u", "exp(x)")]))
        let padded = try EquationCompiler.compile(model(
            states: ["x"], derivatives: [("x", "u + u * u")],
            auxiliaries: [("u", "exp(x)"), ("unused", "sin(x) * cos(x) + log(x)")]))
        #expect(lean.instructionCounts.derivatives == 4)  // exp, mul, add, store
        #expect(padded.instructionCounts.derivatives == lean.instructionCounts.derivatives)
    }

    @Test("IEEE semantics: no traps")
    func ieee() throws {
        #expect(try value("1 / v", ["v": 0]) == .infinity)
        #expect(try value("-1 / v", ["v": 0]) == -.infinity)
        #expect(try value("v / v", ["v": 0]).isNaN)
        #expect(try value("log(v)", ["v": -1]).isNaN)
        #expect(try value("log(v)", ["v": 0]) == -.infinity)
        #expect(try value("sqrt(v)", ["v": -1]).isNaN)
        #expect(try value("exp(v)", ["v": 1000]) == .infinity)
        #expect(try value("logistic(v)", ["v": -1000]) == 0)
        #expect(try value("if(v > 0, 1, 2)", ["v": .nan]) == 2)
    }
}
