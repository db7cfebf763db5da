import Testing
@testable import TakeoffEquations

/// Swift Testing has its own `SourceLocation`; name ours unambiguously.
typealias Location = TakeoffEquations.SourceLocation

/// Every test expression sits at line 7, column 12 of model.toml.
let here = Location(file: "model.toml", line: 7, column: 12)

/// Evaluates `text` with the given parameter values (names sorted for slot numbering).
func value(_ text: String, _ values: [String: Double] = [:]) throws(ExpressionError) -> Double {
    let names = values.keys.sorted()
    let scope = Scope(states: [], parameters: names)
    let expression = try EquationCompiler.compileExpression(text, location: here, scope: scope)
    return expression.evaluate(parameters: names.map { values[$0]! })
}

/// The error raised by compiling `text` over `scope`, or nil.
func expressionError(_ text: String, scope: Scope = Scope(states: ["x"], parameters: ["a", "b"]))
    -> ExpressionError? {
    do {
        _ = try EquationCompiler.compileExpression(text, location: here, scope: scope)
        return nil
    } catch {
        return error
    }
}

/// The error raised by compiling `declaration`, or nil.
func modelError(_ declaration: ModelDeclaration) -> ExpressionError? {
    do {
        _ = try EquationCompiler.compile(declaration)
        return nil
    } catch {
        return error
    }
}

/// Location `line`, column 1 (column 12 for line 7) in model.toml.
func at(_ line: Int, _ column: Int = 1) -> Location {
    Location(file: "model.toml", line: line, column: column)
}

/// Array conveniences over the buffer-based API.
extension CompiledModel {
    func f(t: Double = 0, _ y: [Double], _ p: [Double], delayed: (Int, Double) -> Double = { _, _ in .nan })
        -> [Double] {
        let workspace = makeWorkspace()
        var out = [Double](repeating: .nan, count: stateCount)
        y.withUnsafeBufferPointer { yb in
            slots(p).withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { ob in
                    derivatives(t: t, y: yb, parameters: pb, delayed: delayed, into: ob, workspace: workspace)
                }
            }
        }
        return out
    }

    func jac(t: Double = 0, _ y: [Double], _ p: [Double], delayed: (Int, Double) -> Double = { _, _ in .nan })
        -> (dfdy: [Double], dfdt: [Double]) {
        let workspace = makeWorkspace()
        var a = [Double](repeating: .nan, count: stateCount * stateCount)
        var b = [Double](repeating: .nan, count: stateCount)
        y.withUnsafeBufferPointer { yb in
            slots(p).withUnsafeBufferPointer { pb in
                a.withUnsafeMutableBufferPointer { ab in
                    b.withUnsafeMutableBufferPointer { bb in
                        jacobian(t: t, y: yb, parameters: pb, delayed: delayed, dfdy: ab, dfdt: bb,
                                 workspace: workspace)
                    }
                }
            }
        }
        return (a, b)
    }

    func aux(t: Double = 0, _ y: [Double], _ p: [Double]) -> [Double] {
        let workspace = makeWorkspace()
        var out = [Double](repeating: .nan, count: auxiliaryNames.count)
        y.withUnsafeBufferPointer { yb in
            slots(p).withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { ob in
                    auxiliaries(t: t, y: yb, parameters: pb, into: ob, workspace: workspace)
                }
            }
        }
        return out
    }

    func event(_ k: Int, t: Double = 0, _ y: [Double], _ p: [Double]) -> Double {
        let workspace = makeWorkspace()
        return y.withUnsafeBufferPointer { yb in
            slots(p).withUnsafeBufferPointer { pb in eventValue(k, t: t, y: yb, parameters: pb, workspace: workspace) }
        }
    }
}

/// A simple model builder: derivatives and auxiliaries from (name, expression) pairs,
/// each on its own line of model.toml.
func model(states: [String], parameters: [String] = [], derivatives: [(String, String)],
           auxiliaries: [(String, String)] = []) -> ModelDeclaration {
    ModelDeclaration(
        file: "model.toml", parameters: parameters, states: states,
        derivatives: derivatives.enumerated().map { ($1.0, $1.1, at(10 + $0, 5)) },
        auxiliaries: auxiliaries.enumerated().map { ($1.0, $1.1, at(30 + $0, 9)) })
}

/// Deterministic random numbers (SplitMix64) so failures reproduce.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [low, high).
    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

/// |a - b| within a relative tolerance (with a small absolute floor for values near 0).
func close(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b)) + absolute
}

extension CompiledModel {
    /// The declared parameters followed by the hoisted derived ones, as the buffer API expects;
    /// a buffer that already holds every slot passes through.
    func slots(_ p: [Double]) -> [Double] {
        p.count == parameterCount ? parameterSlots(p) : p
    }
}
