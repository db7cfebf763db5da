import Testing
@testable import TakeoffEquations

@Suite("Initial values, events and delays")
struct EventDelayTests {
    func eventModel() throws -> CompiledModel {
        var declaration = model(
            states: ["x", "y"], parameters: ["K", "tau"],
            derivatives: [("x", "y"), ("y", "-x")], auxiliaries: [("energy", "x^2 + y^2")])
        declaration.initialValues = [("x", "K / 2", at(20, 5))]
        declaration.eventConditions = [("high", "x - K", at(40, 8)), ("big", "energy - 4", at(41, 8))]
        declaration.eventAssignments = [
            ("high", "x", "y", at(42, 8)), ("high", "y", "x", at(43, 8)), ("high", "K", "K * 2 + x", at(44, 8)),
        ]
        return try EquationCompiler.compile(declaration)
    }

    @Test("initial values use parameters; missing ones are 0")
    func initialValues() throws {
        #expect(try eventModel().initialState(parameters: [3, 1]) == [1.5, 0])
    }

    @Test("event conditions are real-valued and may use auxiliaries")
    func conditions() throws {
        let compiled = try eventModel()
        #expect(compiled.conditionCount == 2)
        #expect(compiled.event(0, [5, 1], [3, 1]) == 2)
        #expect(compiled.event(1, [1, 2], [3, 1]) == 1)
    }

    @Test("assignments use the values before the event (swap), and can set parameters")
    func assignments() throws {
        let compiled = try eventModel()
        var y = [5.0, 1.0], p = [3.0, 1.0]
        compiled.applyAssignments(event: 0, t: 0, y: &y, parameters: &p, workspace: compiled.makeWorkspace())
        #expect(y == [1, 5])
        #expect(p == [11, 1])  // K * 2 + x with the old x = 5
        #expect(compiled.assignmentTargets[0] == [.state(0), .state(1), .parameter(0)])
        // Event 1 has no assignments: nothing changes.
        compiled.applyAssignments(event: 1, t: 0, y: &y, parameters: &p, workspace: compiled.makeWorkspace())
        #expect(y == [1, 5] && p == [11, 1])
    }

    func delayModel() throws -> CompiledModel {
        try EquationCompiler.compile(model(
            states: ["x", "y"], parameters: ["tau", "k"],
            derivatives: [("x", "-k * delay(x, tau) + lagged"), ("y", "delay(x, tau) * y")],
            auxiliaries: [("lagged", "0.5 * delay(y, 2 * tau)")]))
    }

    @Test("distinct delays and their times are exposed")
    func delayTable() throws {
        let compiled = try delayModel()
        #expect(compiled.delays == [DelayTerm(state: 0, delayIndex: 1), DelayTerm(state: 1, delayIndex: 0)]
            || compiled.delays == [DelayTerm(state: 1, delayIndex: 0), DelayTerm(state: 0, delayIndex: 1)])
        #expect(compiled.delayTimeCount == 2)
        let times = compiled.delayTimes(parameters: [1.5, 2])
        for term in compiled.delays {
            #expect(times[term.delayIndex] == (term.state == 0 ? 1.5 : 3))
        }
    }

    @Test("delay terms come from the callback and are constants for the Jacobian")
    func delayedValues() throws {
        let compiled = try delayModel()
        var requests: [(Int, Double)] = []
        let history: (Int, Double) -> Double = { state, lag in
            requests.append((state, lag))
            return state == 0 ? 10 : 20
        }
        let f = compiled.f([1, 3], [1.5, 2], delayed: history)
        let expected: [Double] = [-2 * 10 + 0.5 * 20, 10 * 3]
        #expect(f == expected)
        // Each distinct delay is requested once per evaluation.
        #expect(requests.count == 2)
        #expect(requests.contains { $0 == (0, 1.5) } && requests.contains { $0 == (1, 3) })
        let (dfdy, _) = compiled.jac([1, 3], [1.5, 2], delayed: history)
        #expect(dfdy == [0, 0, 0, 10])
    }
}
