import Testing
@testable import TakeoffEquations

/// Diagnostics for expressions: code, location (line 7, column 12 + offset), message, caret.
@Suite("Expression errors")
struct ErrorTests {
    let growthScope = Scope(states: ["x"], parameters: ["growth", "growth_rate"])

    @Test("E102 unknown name: location, suggestion and compiler-style rendering")
    func unknownName() throws {
        let error = try #require(expressionError("growth_rate * gowth", scope: growthScope))
        #expect(error.code == .unknownName)
        #expect(error.location == Location(file: "model.toml", line: 7, column: 12 + 14))
        #expect(error.message == "unknown name 'gowth'")
        #expect(error.suggestion == "growth")
        #expect(error.description == """
            model.toml:7:26: error[E102]: unknown name 'gowth'; did you mean 'growth'?
                growth_rate * gowth
                              ^
            """)
    }

    @Test("did-you-mean: distance at most 2, at most 1 for short names, functions included")
    func suggestions() throws {
        #expect(expressionError("expp(x)")?.suggestion == "exp")
        #expect(expressionError("x + sqr(x)")?.suggestion == "sqrt")
        #expect(expressionError("xx + 1")?.suggestion == "x")
        // Two edits away from a three-letter name: too far.
        #expect(expressionError("azz", scope: Scope(states: ["a"], parameters: []))?.suggestion == nil)
        #expect(expressionError("growht", scope: growthScope)?.suggestion == "growth")
        #expect(expressionError("zzzzzz", scope: growthScope)?.suggestion == nil)
        let error = try #require(expressionError("x + exp"))
        #expect(error.code == .unknownName && error.message.contains("is a function"))
    }

    @Test("E101 syntax errors point at the offending token", arguments: [
        ("a + * b", 4, "unexpected '*'"), ("(a + b", 6, "expected ')'"), ("2 x", 2, "implicit multiplication"),
        ("a = b", 2, "'=='"), ("a && b", 2, "'and'"), ("a ** 2", 2, "'^'"), ("a + b)", 5, "unmatched ')'"),
        ("", 0, "empty expression"), ("a #", 2, "unexpected character '#'"), ("1e+", 0, "exponent"),
        ("min(a, )", 7, "expected a number"), ("a +", 3, "unexpected end"),
    ])
    func syntax(text: String, offset: Int, fragment: String) throws {
        let error = try #require(expressionError(text))
        #expect(error.code == .syntax)
        #expect(error.offset == offset)
        #expect(error.location == Location(file: "model.toml", line: 7, column: 12 + offset))
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.description.hasPrefix("model.toml:7:\(12 + offset): error[E101]: "))
    }

    @Test("E103 wrong number of arguments", arguments: [
        ("pow(x)", "'pow' takes 2 arguments, got 1"), ("min(x)", "'min' takes at least 2 arguments, got 1"),
        ("x + if(x > 1, 2)", "'if' takes 3 arguments, got 2"), ("exp(1, 2)", "'exp' takes 1 argument, got 2"),
        ("delay(x)", "'delay' takes 2 arguments, got 1"), ("log()", "'log' takes 1 argument, got 0"),
    ])
    func argumentCount(text: String, message: String) throws {
        let error = try #require(expressionError(text))
        #expect(error.code == .argumentCount)
        #expect(error.message == message)
        // Reported at the function name.
        let nameOffset = text.hasPrefix("x + ") ? 4 : 0
        #expect(error.location.column == 12 + nameOffset)
    }

    @Test("E108 booleans where numbers are needed and vice versa", arguments: [
        ("x + (a < b)", 5, "expected a number"), ("if(x, 1, 2)", 3, "expected a boolean"),
        ("not x", 4, "expected a boolean"), ("x > 1 and b", 10, "expected a boolean"),
        ("x > 1", 0, "boolean"), ("a < b < x", 0, "expected a number"), ("exp(x > 1)", 4, "expected a number"),
        ("if(x > 1, a < b, 2)", 10, "expected a number"),
    ])
    func typeMismatch(text: String, offset: Int, fragment: String) throws {
        let error = try #require(expressionError(text))
        #expect(error.code == .typeMismatch)
        #expect(error.location.column == 12 + offset)
        #expect(error.message.contains(fragment), "\(error.message)")
    }

    @Test("E111 delay outside model equations")
    func delayInStandaloneExpression() throws {
        #expect(expressionError("delay(x, a)")?.code == .invalidDelay)
    }

    @Test("multi-line expressions advance line and column; the caret shows the right line")
    func multiline() throws {
        let error = try #require(expressionError("growth +\n  growth_rate *\n  gowth", scope: growthScope))
        #expect(error.location == Location(file: "model.toml", line: 9, column: 3))
        #expect(error.description == """
            model.toml:9:3: error[E102]: unknown name 'gowth'; did you mean 'growth'?
                  gowth
                  ^
            """)
    }

    @Test("every code is stable, distinct and explained")
    func codes() {
        #expect(ErrorCode.allCases.map(\.rawValue) == (101...111).map { "E\($0)" })
        #expect(Set(ErrorCode.allCases.map(\.explanation)).count == ErrorCode.allCases.count)
        #expect(ErrorCode.allCases.allSatisfy { !$0.explanation.isEmpty && !$0.explanation.contains("\n") })
    }

    @Test("Levenshtein distance")
    func levenshtein() {
        #expect(Suggestion.levenshtein("kitten", "sitting") == 3)
        #expect(Suggestion.levenshtein("gowth", "growth") == 1)
        #expect(Suggestion.levenshtein("", "abc") == 3)
        #expect(Suggestion.levenshtein("same", "same") == 0)
    }
}
