import Testing
@testable import TakeoffEquations

#if canImport(Glibc)
import Glibc
#endif

@Suite("Parsing and precedence")
struct ParserTests {
    @Test("arithmetic precedence and associativity", arguments: [
        ("-2^2", -4.0), ("2^3^2", 512), ("1 - 2 - 3", -4), ("2 * 3 + 4", 10), ("2 + 3 * 4", 14),
        ("8 / 4 / 2", 1), ("(1 + 2) * 3", 9), ("2^-1", 0.5), ("-(2)^2", -4), ("(-2)^2", 4),
        ("--3", 3), ("+3 - -2", 5), ("2 * -3", -6), ("-2 * -3 ^ 2", 18),
    ])
    func arithmetic(text: String, expected: Double) throws {
        #expect(try value(text) == expected)
    }

    @Test("the same precedence holds at run time, not only when folding constants")
    func runtimePrecedence() throws {
        #expect(try value("-x^2", ["x": 3]) == -9)
        #expect(try value("x^y^z", ["x": 2, "y": 3, "z": 2]) == 512)
        #expect(try value("x - y - z", ["x": 1, "y": 2, "z": 3]) == -4)
        #expect(try value("x / y * z", ["x": 8, "y": 4, "z": 2]) == 4)
    }

    @Test("number forms", arguments: [
        ("1", 1.0), ("2.5", 2.5), ("1e-3", 0.001), (".5", 0.5), ("1.", 1), ("2.5E2", 250), ("1.e1", 10), ("0.25e+1", 2.5),
    ])
    func numbers(text: String, expected: Double) throws {
        #expect(try value(text) == expected)
    }

    /// Written with A = 1, B = 2, C = 3, D = 4; checked both folded (numbers substituted) and at run time.
    @Test("comparisons and and/or/not inside if", arguments: [
        ("if(A < B, 10, 20)", 10.0), ("if(B <= B and C > D, 1, 0)", 0), ("if(A > B or C >= C, 1, 0)", 1),
        ("if(not A > B, 1, 0)", 1), ("if(A == A and not (B != B), 1, 0)", 1),
        // `and` binds tighter than `or`: (false and false) or true.
        ("if(A > B and A > B or A < B, 1, 0)", 1),
        // `not` binds looser than comparisons but tighter than `and`.
        ("if(not B < A and A < B, 1, 0)", 1),
        ("if(A + A == B, 5, 6) * 2", 10),
        ("if(A < B, if(C < A, 1, 2), 3)", 2),
    ])
    func logic(text: String, expected: Double) throws {
        #expect(try value(text, ["A": 1, "B": 2, "C": 3, "D": 4]) == expected)
        let folded = text.replacingOccurrences(of: "A", with: "1").replacingOccurrences(of: "B", with: "2")
            .replacingOccurrences(of: "C", with: "3").replacingOccurrences(of: "D", with: "4")
        #expect(try value(folded) == expected)
    }

    @Test("builtin functions agree with libm, folded and at run time", arguments: [
        ("exp", 0.7, exp(0.7)), ("log", 2.5, log(2.5)), ("log10", 1000, 3), ("log2", 8, 3), ("sqrt", 16, 4),
        ("abs", -3, 3), ("floor", -1.5, -2), ("ceil", 1.2, 2), ("sin", 0.3, sin(0.3)), ("cos", 0.3, cos(0.3)),
        ("tanh", 0.4, tanh(0.4)), ("logistic", 0, 0.5), ("logistic", 1.5, 1 / (1 + exp(-1.5))),
    ])
    func functions(name: String, argument: Double, expected: Double) throws {
        #expect(try value("\(name)(\(argument))") == expected)
        #expect(try value("\(name)(v)", ["v": argument]) == expected)
    }

    @Test("min, max and pow")
    func multiArgument() throws {
        #expect(try value("min(3, 1, 2)") == 1)
        #expect(try value("max(a, b, c)", ["a": 1, "b": 5, "c": 2]) == 5)
        #expect(try value("min(a, b)", ["a": 4, "b": -1]) == -1)
        #expect(try value("pow(2, 10)") == 1024)
        #expect(try value("pow(a, b)", ["a": 9, "b": 0.5]) == 3)
    }

    @Test("whitespace, tabs and newlines are allowed between tokens")
    func whitespace() throws {
        #expect(try value("  1 +\n\t2 *\r\n 3 ") == 7)
    }
}

extension String {
    /// Plain substring replacement without Foundation.
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
