import Testing
@testable import TakeoffEquations

@Suite("Auxiliaries")
struct AuxiliaryTests {
    @Test("declared in reverse dependency order, evaluated in dependency order, output in declaration order")
    func sorting() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x"], parameters: ["k"], derivatives: [("x", "c - k")],
            auxiliaries: [("c", "b * 2"), ("b", "a + 1"), ("a", "x * 3")]))
        #expect(compiled.auxiliaryEvaluationOrder == ["a", "b", "c"])
        #expect(compiled.auxiliaryNames == ["c", "b", "a"])
        #expect(compiled.aux([2], [1]) == [14, 7, 6])
        #expect(compiled.f([2], [1]) == [13])
    }

    @Test("auxiliaries use t, states, parameters; constants and aliases are substituted")
    func substitution() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x", "y"], parameters: ["g1", "g2"],
            derivatives: [("x", "growth * x"), ("y", "twelve + alias")],
            auxiliaries: [("growth", "if(t > 2030, g2, g1)"), ("twelve", "3 * 4"), ("alias", "y")]))
        #expect(compiled.f(t: 2020, [2, 5], [0.1, 0.2]) == [0.2, 17])
        #expect(compiled.f(t: 2040, [2, 5], [0.1, 0.2]) == [0.4, 17])
        #expect(compiled.aux(t: 2040, [2, 5], [0.1, 0.2]) == [0.2, 12, 5])
    }

    @Test("an auxiliary shared by several derivatives is one register computation")
    func sharedAcrossDerivatives() throws {
        let shared = try EquationCompiler.compile(model(
            states: ["x", "y"], derivatives: [("x", "w * x"), ("y", "w * y")],
            auxiliaries: [("w", "exp(sin(x) + cos(y))")]))
        // sin, cos, add, exp once; two multiplications; two stores.
        #expect(shared.instructionCounts.derivatives == 8)
    }

    @Test("standalone expressions over a model's scope read auxiliary values from the caller")
    func metrics() throws {
        let compiled = try EquationCompiler.compile(model(
            states: ["x"], parameters: ["k"], derivatives: [("x", "-k * x")], auxiliaries: [("half", "x / 2")]))
        let metric = try EquationCompiler.compileExpression("half * k + x + t", location: here, scope: compiled.scope)
        #expect(metric.evaluate(t: 1, y: [4], parameters: [3], auxiliaries: [2]) == 11)
    }
}
