import Testing
@testable import TakeoffEquations

/// Diagnostics about model structure: E104–E107, E109–E111 (and E102/E108 in model context).
@Suite("Model errors")
struct ModelErrorTests {
    /// A valid two-state model to break in various ways.
    func base() -> ModelDeclaration {
        var declaration = model(
            states: ["x", "y"], parameters: ["a", "K", "tau"],
            derivatives: [("x", "a * x * (1 - x / K)"), ("y", "growth - y")],
            auxiliaries: [("growth", "if(t > 2030, 2 * a, a)")])
        declaration.nameLocations = ["x": at(3, 1), "y": at(4, 1), "a": at(5, 1), "K": at(6, 1)]
        return declaration
    }

    @Test("the base model compiles")
    func baseCompiles() {
        #expect(modelError(base()) == nil)
    }

    @Test("E104 cycle among auxiliaries names the cycle and points at the closing reference")
    func cycle() throws {
        var declaration = base()
        declaration.auxiliaries = [
            ("a1", "b1 + 1", at(30, 9)), ("b1", "2 * c1", at(31, 9)), ("c1", "a1 - x", at(32, 9)),
        ]
        let error = try #require(modelError(declaration))
        #expect(error.code == .auxiliaryCycle)
        #expect(error.message.hasSuffix("a1 -> b1 -> c1 -> a1"))
        #expect(error.location == at(30, 9))
        declaration.auxiliaries = [("s", "x + s / 2", at(30, 9))]
        let selfCycle = try #require(modelError(declaration))
        #expect(selfCycle.message.hasSuffix("s -> s"))
        #expect(selfCycle.location == at(30, 13))
    }

    @Test("E105 state without derivative, at the state's declaration")
    func stateWithoutDerivative() throws {
        var declaration = base()
        declaration.derivatives.removeLast()
        let error = try #require(modelError(declaration))
        #expect(error.code == .stateWithoutDerivative)
        #expect(error.message == "state 'y' has no derivative")
        #expect(error.location == at(4, 1))
        #expect(error.description == "model.toml:4:1: error[E105]: state 'y' has no derivative")
    }

    @Test("E106 derivative without state, with suggestion")
    func derivativeWithoutState() throws {
        var declaration = base()
        declaration.derivatives[1].state = "yy"
        let error = try #require(modelError(declaration))
        #expect(error.code == .derivativeWithoutState)
        #expect(error.suggestion == "y")
        #expect(error.location == at(11, 5))
    }

    @Test("E107 duplicates and shadowing", arguments: [
        (["a", "K", "t"], ["x", "y"], "growth", "builtin time"),
        (["a", "K", "x"], ["x", "y"], "growth", "defined twice"),
        (["a", "K"], ["x", "y"], "exp", "is a function"),
        (["a", "K"], ["x", "y"], "a", "as a parameter and as an auxiliary"),
        (["a", "K", "if"], ["x", "y"], "growth", "is a function"),
        (["a", "K", "and"], ["x", "y"], "growth", "keyword"),
    ])
    func duplicates(parameters: [String], states: [String], auxiliary: String, fragment: String) throws {
        var declaration = base()
        declaration.parameters = parameters
        declaration.states = states
        declaration.auxiliaries[0].name = auxiliary
        declaration.derivatives[1].expr = "y"
        let error = try #require(modelError(declaration))
        #expect(error.code == .duplicateName)
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test("E107 two derivatives for one state; E101 for an invalid name")
    func duplicateDerivative() throws {
        var declaration = base()
        declaration.derivatives.append(("x", "0", at(12, 5)))
        let error = try #require(modelError(declaration))
        #expect(error.code == .duplicateName && error.location == at(12, 5))
        var invalid = base()
        invalid.parameters.append("my.rate")
        #expect(modelError(invalid)?.code == .syntax)
    }

    @Test("E108 boolean event condition, at the condition's first character")
    func booleanCondition() throws {
        var declaration = base()
        declaration.eventConditions = [("boom", "x > 1", here)]
        let error = try #require(modelError(declaration))
        #expect(error.code == .typeMismatch)
        #expect(error.location == here)
        #expect(error.message.contains("x - 1"))
    }

    @Test("E109 assignment to an unknown name, an auxiliary or t")
    func assignmentTarget() throws {
        var declaration = base()
        declaration.eventConditions = [("boom", "x - 1", at(40, 8))]
        declaration.eventAssignments = [("boom", "yy", "0", at(41, 8))]
        let unknown = try #require(modelError(declaration))
        #expect(unknown.code == .invalidAssignmentTarget && unknown.suggestion == "y" && unknown.location == at(41, 8))
        declaration.eventAssignments = [("boom", "growth", "0", at(41, 8))]
        #expect(modelError(declaration)?.code == .invalidAssignmentTarget)
        declaration.eventAssignments = [("boom", "t", "0", at(41, 8))]
        #expect(modelError(declaration)?.code == .invalidAssignmentTarget)
        declaration.eventAssignments = [("boom", "x", "0", at(41, 8)), ("boom", "x", "1", at(42, 8))]
        #expect(modelError(declaration)?.code == .duplicateName)
    }

    @Test("E110 reference to an undefined event")
    func undefinedEvent() throws {
        var declaration = base()
        declaration.eventConditions = [("boom", "x - 1", at(40, 8))]
        declaration.eventAssignments = [("bom", "x", "0", at(41, 8))]
        let error = try #require(modelError(declaration))
        #expect(error.code == .undefinedEvent && error.suggestion == "boom")
        declaration.eventAssignments = [("harvest", "x", "0", at(41, 8))]
        declaration.knownEvents = ["harvest"]
        let compiled = try EquationCompiler.compile(declaration)
        #expect(compiled.eventNames == ["boom", "harvest"])
        #expect(throws: ExpressionError.self) { try compiled.checkEventReference("harvset", location: here) }
        do {
            try compiled.checkEventReference("harvset", source: "time_of(harvset)", offset: 8, location: here)
        } catch {
            #expect(error.code == .undefinedEvent && error.suggestion == "harvest" && error.location.column == 20)
        }
        try compiled.checkEventReference("boom", location: here)
    }

    @Test("E111 delay arguments", arguments: [
        ("delay(x, y)", 9, "'y' is a state"), ("delay(2 * x, tau)", 6, "state name"),
        ("delay(growth, tau)", 6, "not a state"), ("delay(x, t)", 9, "the time"),
        ("delay(x, growth)", 9, "auxiliary"), ("delay(x, delay(y, tau))", 9, "not allowed"),
        ("delay(a, tau)", 6, "not a state"),
    ])
    func delay(text: String, offset: Int, fragment: String) throws {
        var declaration = base()
        declaration.derivatives[1] = ("y", text, here)
        let error = try #require(modelError(declaration))
        #expect(error.code == .invalidDelay)
        #expect(error.location.column == 12 + offset)
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test("E102 in model context: unknown names, and states in initial values")
    func unknownInModel() throws {
        var declaration = base()
        declaration.derivatives[1].expr = "gowth - y"
        let error = try #require(modelError(declaration))
        #expect(error.code == .unknownName && error.suggestion == "growth" && error.location == at(11, 5))
        var initial = base()
        initial.initialValues = [("x", "K / 2 + y", here)]
        let initialError = try #require(modelError(initial))
        #expect(initialError.code == .unknownName && initialError.location.column == 12 + 8)
        #expect(initialError.message.contains("'y' is a state"))
    }
}
