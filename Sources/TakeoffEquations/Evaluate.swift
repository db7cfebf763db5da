#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread scratch memory: one register file holding every program of a model (or of a
/// standalone expression) side by side, with constants preloaded once here.
///
/// A workspace is not thread-safe; make one per thread with `makeWorkspace()`. It must be
/// used only with the model (or expression) that made it.
public final class EquationWorkspace {
    let registers: UnsafeMutableBufferPointer<Double>
    /// Scratch output used when a caller's buffer is empty (a valid pointer is always needed).
    let scratch: UnsafeMutableBufferPointer<Double>

    init(programs: [Program], scratchCount: Int) {
        let total = programs.map { $0.base + $0.registerCount }.max() ?? 0
        registers = .allocate(capacity: max(total, 1))
        registers.initialize(repeating: 0)
        scratch = .allocate(capacity: max(scratchCount, 1))
        scratch.initialize(repeating: 0)
        for program in programs {
            for (i, value) in program.constants.enumerated() {
                registers[program.base + program.layout.count + i] = value
            }
        }
    }

    deinit {
        registers.deallocate()
        scratch.deallocate()
    }
}

extension Program {
    /// Gives each program its own region of a shared register file; returns the total size.
    static func place(_ programs: inout [Program]) {
        var next = 0
        for i in programs.indices {
            programs[i].base = next
            next += programs[i].registerCount
        }
    }

    /// Copies the inputs into the register prefix and runs the instructions.
    ///
    /// `y`, `parameters` and `auxiliaries` must hold at least the counts of `layout`.
    /// `outA`/`outB` receive the stores. Inputs are copied before anything runs, so a store
    /// into a buffer that is also an input (event assignments) cannot affect other results.
    @inline(__always)
    func run(_ workspace: EquationWorkspace, t: Double, y: UnsafeBufferPointer<Double>,
             parameters: UnsafeBufferPointer<Double>, auxiliaries: UnsafeBufferPointer<Double>? = nil,
             outA: UnsafeMutablePointer<Double>, outB: UnsafeMutablePointer<Double>,
             delayed: (Int, Double) -> Double) {
        precondition(y.count >= layout.states && parameters.count >= layout.parameters,
                     "state or parameter buffer too short")
        let r = workspace.registers.baseAddress! + base
        r[0] = t
        // Plain loops: the counts are small, and memmove's call overhead would dominate.
        for i in 0..<layout.states { r[1 + i] = y[i] }
        let parameterBase = 1 + layout.states
        for j in 0..<layout.parameters { r[parameterBase + j] = parameters[j] }
        if layout.auxiliaries > 0, let auxiliaries {
            precondition(auxiliaries.count >= layout.auxiliaries, "auxiliary buffer too short")
            let auxiliaryBase = parameterBase + layout.parameters
            for k in 0..<layout.auxiliaries { r[auxiliaryBase + k] = auxiliaries[k] }
        }
        code.withUnsafeBufferPointer { code in
            Self.execute(code, r, outA, outB, delayed)
        }
    }

    /// The interpreter loop: one `switch` per instruction, no allocation, no lookups.
    @inline(__always)
    static func execute(_ code: UnsafeBufferPointer<Instruction>, _ r: UnsafeMutablePointer<Double>,
                        _ outA: UnsafeMutablePointer<Double>, _ outB: UnsafeMutablePointer<Double>,
                        _ delayed: (Int, Double) -> Double) {
        for ins in code {
            let d = Int(ins.dst), a = Int(ins.a), b = Int(ins.b)
            switch ins.op {
            case .add: r[d] = r[a] + r[b]
            case .sub: r[d] = r[a] - r[b]
            case .mul: r[d] = r[a] * r[b]
            case .div: r[d] = r[a] / r[b]
            case .neg: r[d] = -r[a]
            case .pow: r[d] = pow(r[a], r[b])
            case .exp: r[d] = exp(r[a])
            case .log: r[d] = log(r[a])
            case .log10: r[d] = log10(r[a])
            case .log2: r[d] = log2(r[a])
            case .sqrt: r[d] = r[a].squareRoot()
            case .abs: r[d] = Swift.abs(r[a])
            case .floor: r[d] = r[a].rounded(.down)
            case .ceil: r[d] = r[a].rounded(.up)
            case .sin: r[d] = sin(r[a])
            case .cos: r[d] = cos(r[a])
            case .tanh: r[d] = tanh(r[a])
            case .logistic: r[d] = Scalar.logistic(r[a])
            case .sign: r[d] = Scalar.sign(r[a])
            case .not: r[d] = Scalar.bool(r[a] == 0)
            case .min: r[d] = Scalar.minimum(r[a], r[b])
            case .max: r[d] = Scalar.maximum(r[a], r[b])
            case .lt: r[d] = Scalar.bool(r[a] < r[b])
            case .le: r[d] = Scalar.bool(r[a] <= r[b])
            case .gt: r[d] = Scalar.bool(r[a] > r[b])
            case .ge: r[d] = Scalar.bool(r[a] >= r[b])
            case .eq: r[d] = Scalar.bool(r[a] == r[b])
            case .ne: r[d] = Scalar.bool(r[a] != r[b])
            case .and: r[d] = Scalar.bool(r[a] != 0 && r[b] != 0)
            case .or: r[d] = Scalar.bool(r[a] != 0 || r[b] != 0)
            case .select: r[d] = r[a] != 0 ? r[b] : r[Int(ins.c)]
            case .delay: r[d] = delayed(a, r[b])
            case .storeA: outA[a] = r[b]
            case .storeB: outB[a] = r[b]
            }
        }
    }
}

/// No delays: the callback for programs that contain no `delay` instruction.
@usableFromInline func noDelay(_ state: Int, _ time: Double) -> Double { .nan }

/// The scalar semantics of every operation. The evaluator and the constant folder both
/// call these, so folding can never change a result.
///
/// Everything follows IEEE 754: division by zero gives ±inf or nan, `log` of a negative
/// number gives nan, nothing traps. Booleans are 1.0 / 0.0; comparisons with nan are false.
enum Scalar {
    @inline(__always) static func bool(_ value: Bool) -> Double { value ? 1 : 0 }

    /// `logistic(x) = 1 / (1 + exp(-x))`.
    @inline(__always) static func logistic(_ x: Double) -> Double { 1 / (1 + libm_exp(-x)) }

    /// `sign(x)`: -1, 0 or 1, and nan for nan. Used as the derivative of `abs` (0 at 0).
    @inline(__always) static func sign(_ x: Double) -> Double {
        x > 0 ? 1 : (x < 0 ? -1 : (x == 0 ? 0 : .nan))
    }

    /// `min(a, b)`: `a` when `a <= b`, else `b` (so a nan in `a` yields `b`).
    @inline(__always) static func minimum(_ a: Double, _ b: Double) -> Double { a <= b ? a : b }

    /// `max(a, b)`: `a` when `a >= b`, else `b`.
    @inline(__always) static func maximum(_ a: Double, _ b: Double) -> Double { a >= b ? a : b }

    static func unary(_ op: Op, _ x: Double) -> Double {
        switch op {
        case .neg: -x
        case .exp: libm_exp(x)
        case .log: libm_log(x)
        case .log10: libm_log10(x)
        case .log2: libm_log2(x)
        case .sqrt: x.squareRoot()
        case .abs: Swift.abs(x)
        case .floor: x.rounded(.down)
        case .ceil: x.rounded(.up)
        case .sin: libm_sin(x)
        case .cos: libm_cos(x)
        case .tanh: libm_tanh(x)
        case .logistic: logistic(x)
        case .sign: sign(x)
        case .not: bool(x == 0)
        default: preconditionFailure("not a unary operation: \(op)")
        }
    }

    static func binary(_ op: Op, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: a + b
        case .sub: a - b
        case .mul: a * b
        case .div: a / b
        case .pow: libm_pow(a, b)
        case .min: minimum(a, b)
        case .max: maximum(a, b)
        case .lt: bool(a < b)
        case .le: bool(a <= b)
        case .gt: bool(a > b)
        case .ge: bool(a >= b)
        case .eq: bool(a == b)
        case .ne: bool(a != b)
        case .and: bool(a != 0 && b != 0)
        case .or: bool(a != 0 || b != 0)
        default: preconditionFailure("not a binary operation: \(op)")
        }
    }
}

// Distinct names for the C math functions, so that they stay unambiguous next to
// members called `exp`, `log`… and whichever C library is imported.
@inline(__always) func libm_exp(_ x: Double) -> Double { exp(x) }
@inline(__always) func libm_log(_ x: Double) -> Double { log(x) }
@inline(__always) func libm_log10(_ x: Double) -> Double { log10(x) }
@inline(__always) func libm_log2(_ x: Double) -> Double { log2(x) }
@inline(__always) func libm_sin(_ x: Double) -> Double { sin(x) }
@inline(__always) func libm_cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func libm_tanh(_ x: Double) -> Double { tanh(x) }
@inline(__always) func libm_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
