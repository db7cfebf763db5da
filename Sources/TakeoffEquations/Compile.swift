/// One register-machine instruction: `r[dst] = op(r[a], r[b], r[c])`.
///
/// Exceptions: `.delay` reads the state index from `a` (an immediate) and the delay time
/// from `r[b]`; `.storeA`/`.storeB` write `r[b]` to element `a` of output buffer A/B.
struct Instruction: Sendable, Equatable {
    var op: Op
    var dst: Int32
    var a: Int32
    var b: Int32
    var c: Int32

    /// Which of `a`, `b`, `c` are register operands.
    var registerOperands: (Bool, Bool, Bool) {
        switch op {
        case .delay, .storeA, .storeB: (false, true, false)
        case .select: (true, true, true)
        case .add, .sub, .mul, .div, .pow, .min, .max, .lt, .le, .gt, .ge, .eq, .ne, .and, .or: (true, true, false)
        default: (true, false, false)
        }
    }

    /// Whether the instruction writes `dst`.
    var writesRegister: Bool { op != .storeA && op != .storeB }
}

/// The register prefix every program starts from: `r[0] = t`, then `y`, then the
/// parameters, then caller-supplied auxiliary values (standalone expressions only).
/// Constants follow the inputs; temporaries follow the constants.
struct InputLayout: Sendable, Equatable {
    var states: Int
    var parameters: Int
    var auxiliaries: Int = 0

    var count: Int { 1 + states + parameters + auxiliaries }

    /// The input register holding a leaf, or nil if `expr` is not an input.
    func register(of expr: Expr) -> Int? {
        switch expr {
        case .time: 0
        case .state(let i): 1 + i
        case .parameter(let i): 1 + states + i
        case .auxiliaryInput(let i): 1 + states + parameters + i
        default: nil
        }
    }
}

/// A compiled, register-allocated instruction sequence.
struct Program: Sendable {
    var code: [Instruction]
    var layout: InputLayout
    /// Values preloaded (once, by the workspace) into registers `layout.count...`.
    var constants: [Double]
    var registerCount: Int
    /// When true, outputs equal to 0 have no store: the caller zero-fills the outputs first.
    var zeroFill: Bool
    /// First register of this program inside the workspace's buffer (set by `Program.place`).
    var base = 0
}

/// Output buffer selector for stores.
enum OutputBuffer { case a, b }

/// Turns expressions into SSA instructions over virtual registers, with value numbering
/// (common subexpressions computed once), lazy emission of locals (each local at most
/// once, and only if some output needs it), then register allocation (`finish`).
struct ProgramBuilder {
    let layout: InputLayout
    let locals: [Expr]
    let zeroFill: Bool
    private var localValues: [Int32?]
    private var code: [Instruction] = []
    private var numbering: [Key: Int32] = [:]
    private var constantIDs: [UInt64: Int32] = [:]
    /// Per virtual register: the constant pool index, or -1 for inputs and temporaries.
    private var constantIndex: [Int]
    private var constants: [Double] = []

    private struct Key: Hashable {
        var op: Op
        var a: Int32, b: Int32, c: Int32
    }

    init(layout: InputLayout, locals: [Expr] = [], zeroFill: Bool = false) {
        self.layout = layout
        self.locals = locals
        self.zeroFill = zeroFill
        self.localValues = Array(repeating: nil, count: locals.count)
        self.constantIndex = Array(repeating: -1, count: layout.count)
    }

    /// Emits `expr` into output buffer `buffer` at `index`.
    mutating func store(_ expr: Expr, at index: Int, in buffer: OutputBuffer = .a) {
        if zeroFill, expr.constantValue == 0 { return }
        let value = value(of: expr)
        code.append(Instruction(op: buffer == .a ? .storeA : .storeB, dst: -1, a: Int32(index), b: value, c: 0))
    }

    /// The virtual register holding `expr`, emitting instructions as needed.
    mutating func value(of expr: Expr) -> Int32 {
        if let input = layout.register(of: expr) { return Int32(input) }
        switch expr {
        case .constant(let value):
            return constant(value)
        case .local(let k):
            if let known = localValues[k] { return known }
            let result = value(of: locals[k])
            localValues[k] = result
            return result
        case .delayed(let state, let time):
            let timeRegister = value(of: time)
            return emit(.delay, Int32(state), timeRegister, 0)
        case .unary(let op, let x):
            return emit(op, value(of: x), 0, 0)
        case .binary(let op, let x, let y):
            var (a, b) = (value(of: x), value(of: y))
            // Canonical operand order lets `x*y` and `y*x` share one register.
            if op.isCommutative, a > b { swap(&a, &b) }
            return emit(op, a, b, 0)
        case .select(let c, let x, let y):
            return emit(.select, value(of: c), value(of: x), value(of: y))
        default:
            preconditionFailure("input leaves are handled above")
        }
    }

    private mutating func constant(_ value: Double) -> Int32 {
        if let known = constantIDs[value.bitPattern] { return known }
        let id = Int32(constantIndex.count)
        constantIndex.append(constants.count)
        constants.append(value)
        constantIDs[value.bitPattern] = id
        return id
    }

    private mutating func emit(_ op: Op, _ a: Int32, _ b: Int32, _ c: Int32) -> Int32 {
        let key = Key(op: op, a: a, b: b, c: c)
        if let known = numbering[key] { return known }
        let id = Int32(constantIndex.count)
        constantIndex.append(-1)
        code.append(Instruction(op: op, dst: id, a: a, b: b, c: c))
        numbering[key] = id
        return id
    }

    /// Register-allocates the SSA code into a `Program`.
    func finish() -> Program {
        var allocator = RegisterAllocator(inputCount: layout.count, constantIndex: constantIndex,
                                          constantCount: constants.count)
        let (allocated, registerCount) = allocator.allocate(code)
        return Program(code: allocated, layout: layout, constants: constants,
                       registerCount: registerCount, zeroFill: zeroFill)
    }
}

/// Maps SSA virtual registers onto a compact physical register file.
///
/// Physical layout: inputs keep their registers `0..<inputCount`; constant `i` lives at
/// `inputCount + i`; temporaries share the registers after the constants, reused as soon as
/// a value's last use has been read. Reusing an operand's register as the destination of
/// the same instruction is safe because the evaluator reads all operands before writing.
struct RegisterAllocator {
    let inputCount: Int
    let constantIndex: [Int]
    let constantCount: Int
    private var physical: [Int32]
    private var free: [Int32] = []
    private var nextTemporary: Int32

    init(inputCount: Int, constantIndex: [Int], constantCount: Int) {
        self.inputCount = inputCount
        self.constantIndex = constantIndex
        self.constantCount = constantCount
        self.physical = Array(repeating: -1, count: constantIndex.count)
        self.nextTemporary = Int32(inputCount + constantCount)
        for v in 0..<constantIndex.count {
            if v < inputCount {
                physical[v] = Int32(v)
            } else if constantIndex[v] >= 0 {
                physical[v] = Int32(inputCount + constantIndex[v])
            }
        }
    }

    private func isTemporary(_ v: Int32) -> Bool {
        Int(v) >= inputCount && constantIndex[Int(v)] < 0
    }

    /// The register operands of an instruction, as virtual registers.
    private static func operands(_ instruction: Instruction) -> [Int32] {
        let (useA, useB, useC) = instruction.registerOperands
        var result: [Int32] = []
        if useA { result.append(instruction.a) }
        if useB { result.append(instruction.b) }
        if useC { result.append(instruction.c) }
        return result
    }

    /// Index of the last instruction reading each virtual register (-1 if never read).
    private func lastUses(_ code: [Instruction]) -> [Int] {
        var last = Array(repeating: -1, count: constantIndex.count)
        for (index, instruction) in code.enumerated() {
            for v in Self.operands(instruction) { last[Int(v)] = index }
        }
        return last
    }

    /// Rewrites `code` onto physical registers; returns it with the register count.
    mutating func allocate(_ code: [Instruction]) -> ([Instruction], Int) {
        let last = lastUses(code)
        var result: [Instruction] = []
        result.reserveCapacity(code.count)
        for (index, var instruction) in code.enumerated() {
            let (useA, useB, useC) = instruction.registerOperands
            var released: [Int32] = []
            func map(_ v: Int32) -> Int32 {
                if isTemporary(v), last[Int(v)] == index, !released.contains(v) { released.append(v) }
                return physical[Int(v)]
            }
            if useA { instruction.a = map(instruction.a) }
            if useB { instruction.b = map(instruction.b) }
            if useC { instruction.c = map(instruction.c) }
            for v in released { free.append(physical[Int(v)]) }
            if instruction.writesRegister {
                let v = instruction.dst
                let register = free.popLast() ?? takeNew()
                physical[Int(v)] = register
                instruction.dst = register
                // A value nobody reads needs its register only for this instruction.
                if last[Int(v)] < 0 { free.append(register) }
            }
            result.append(instruction)
        }
        return (result, Int(nextTemporary))
    }

    private mutating func takeNew() -> Int32 {
        defer { nextTemporary += 1 }
        return nextTemporary
    }
}
