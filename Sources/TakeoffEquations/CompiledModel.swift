/// A compiled model: flat instruction arrays for derivatives, Jacobian, auxiliaries,
/// initial values, delay times, event conditions and event assignments.
///
/// All evaluation functions write into caller buffers and use a per-thread
/// ``EquationWorkspace`` (from ``makeWorkspace()``); they do not allocate. Functions taking a
/// `delayed` callback pass it `(stateIndex, delayTime)` for every `delay(x, d)` term and use
/// the returned value as `x(t - d)`; the variants without it are for models whose
/// ``delays`` is empty (delay terms would read nan). Non-finite values propagate as IEEE
/// values; nothing traps.
public final class CompiledModel: Sendable {
    /// State names; state `i` is `y[i]`.
    public let stateNames: [String]
    /// Parameter names; parameter `j` is `parameters[j]`.
    public let parameterNames: [String]
    /// Auxiliary names in declaration order (the order of ``auxiliaries(t:y:parameters:delayed:into:workspace:)``).
    public let auxiliaryNames: [String]
    /// Auxiliary names in the dependency order in which they are evaluated.
    public let auxiliaryEvaluationOrder: [String]
    /// Event names: the first ``conditionCount`` have conditions (``eventValue(_:t:y:parameters:delayed:workspace:)``),
    /// the rest are the declaration's condition-less `knownEvents`.
    public let eventNames: [String]
    /// Number of events with a condition (they come first in ``eventNames``).
    public let conditionCount: Int
    /// Targets of each event's assignments, in declaration order.
    public let assignmentTargets: [[AssignmentTarget]]
    /// The distinct `(state, delay time)` pairs used by the model.
    public let delays: [DelayTerm]
    /// Number of distinct delay times (the length of ``delayTimes(parameters:)``).
    public let delayTimeCount: Int
    /// The auxiliaries of parameters and numbers only, in evaluation order: derived parameters,
    /// held in the parameter slots after the declared ones (see ``parameterSlots(_:)``).
    public let derivedParameterNames: [String]
    /// Invariant subexpressions held in slots after the derived parameters.
    let hoistedCount: Int
    /// Whether each event's assignments set a parameter (the derived ones are then recomputed).
    let setsParameters: [Bool]
    let programs: ModelPrograms

    init(_ ir: ModelIR) {
        stateNames = ir.states
        parameterNames = ir.parameters
        auxiliaryNames = ir.auxiliaryNames
        auxiliaryEvaluationOrder = ir.order.map { ir.auxiliaryNames[$0] }
        eventNames = ir.eventNames
        conditionCount = ir.conditions.count
        assignmentTargets = ir.assignments.map { $0.map(\.target) }
        derivedParameterNames = ir.derivedOrder.map { ir.auxiliaryNames[$0] }
        hoistedCount = ir.hoisted.count
        setsParameters = ir.assignments.map { list in
            list.contains { if case .parameter = $0.target { return true } else { return false } }
        }
        let table = DelayTable(ir.dynamicExpressions)
        delays = table.terms
        delayTimeCount = table.times.count
        programs = ModelPrograms(ir, delayTimes: table.times)
    }

    /// `n`, the length of `y`.
    public var stateCount: Int { stateNames.count }
    /// The number of declared parameters.
    public var parameterCount: Int { parameterNames.count }
    /// The length of the `parameters` buffers every evaluation takes: the declared parameters,
    /// then the derived ones, then the hoisted invariant subexpressions (``parameterSlots(_:)`` fills them).
    public var parameterSlotCount: Int { parameterNames.count + derivedParameterNames.count + hoistedCount }

    /// The declared parameter values followed by the derived parameters computed from them.
    public func parameterSlots(_ values: [Double]) -> [Double] {
        precondition(values.count == parameterCount, "expected \(parameterCount) parameter values")
        var slots = values + [Double](repeating: 0, count: parameterSlotCount - parameterCount)
        slots.withUnsafeMutableBufferPointer { updateDerivedParameters($0, workspace: makeWorkspace()) }
        return slots
    }

    /// Recomputes the derived parameter slots from the declared ones.
    public func updateDerivedParameters(_ slots: UnsafeMutableBufferPointer<Double>, workspace: EquationWorkspace) {
        guard parameterSlotCount > parameterCount else { return }
        precondition(slots.count >= parameterSlotCount, "parameter buffer too short")
        let noStates = UnsafeBufferPointer<Double>(start: nil, count: 0)
        let out = slots.baseAddress! + parameterCount
        programs.derived.run(workspace, t: 0, y: noStates, parameters: UnsafeBufferPointer(slots), outA: out, outB: out,
                             delayed: noDelay)
    }

    /// Names visible to metrics: `t`, states, parameters and auxiliaries (auxiliary slot =
    /// declaration index, matching the auxiliary output columns).
    public var scope: Scope {
        Scope(states: stateNames, parameters: parameterNames, auxiliaries: auxiliaryNames)
    }

    /// Instruction counts of the main programs (for diagnostics and tests).
    public var instructionCounts: (derivatives: Int, jacobian: Int, auxiliaries: Int) {
        (programs.derivatives.code.count, programs.jacobian.code.count, programs.auxiliaries.code.count)
    }

    /// A fresh register file for this model; use one per thread.
    public func makeWorkspace() -> EquationWorkspace {
        EquationWorkspace(programs: programs.all, scratchCount: max(stateCount, parameterSlotCount))
    }

    /// Checks that `name` is one of ``eventNames`` (E110 with a suggestion otherwise).
    public func checkEventReference(_ name: String, source: String = "", offset: Int = 0,
                                    location: SourceLocation) throws(ExpressionError) {
        try EquationCompiler.checkEventReference(name, knownEvents: eventNames, source: source,
                                                 offset: offset, location: location)
    }

    /// A pointer to write outputs to; empty buffers get harmless scratch.
    @inline(__always)
    func output(_ buffer: UnsafeMutableBufferPointer<Double>, count: Int, _ workspace: EquationWorkspace)
        -> UnsafeMutablePointer<Double> {
        precondition(buffer.count >= count, "output buffer too short")
        return buffer.baseAddress ?? workspace.scratch.baseAddress!
    }

    // MARK: Derivatives

    /// `dydt[i] = f_i(t, y, p)`; every auxiliary needed is computed once.
    public func derivatives(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                            delayed: (Int, Double) -> Double, into dydt: UnsafeMutableBufferPointer<Double>,
                            workspace: EquationWorkspace) {
        let out = output(dydt, count: stateCount, workspace)
        programs.derivatives.run(workspace, t: t, y: y, parameters: parameters, outA: out, outB: out, delayed: delayed)
    }

    /// ``derivatives(t:y:parameters:delayed:into:workspace:)`` for models without delays.
    public func derivatives(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                            into dydt: UnsafeMutableBufferPointer<Double>, workspace: EquationWorkspace) {
        let out = output(dydt, count: stateCount, workspace)
        programs.derivatives.run(workspace, t: t, y: y, parameters: parameters, outA: out, outB: out, delayed: noDelay)
    }

    // MARK: Jacobian

    /// Exact Jacobian by symbolic differentiation: `dfdy[i*n + j] = ∂f_i/∂y_j` (row-major,
    /// n × n) and `dfdt[i] = ∂f_i/∂t`. Delay terms count as constants. At switches the
    /// derivative is one-sided: `abs` uses sign(x) with 0 at 0; `min`/`max` the active
    /// argument (ties: the first); `if` the taken branch; `floor`/`ceil` give 0.
    public func jacobian(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                         delayed: (Int, Double) -> Double, dfdy: UnsafeMutableBufferPointer<Double>,
                         dfdt: UnsafeMutableBufferPointer<Double>, workspace: EquationWorkspace) {
        let a = output(dfdy, count: stateCount * stateCount, workspace)
        let b = output(dfdt, count: stateCount, workspace)
        // Structural zeros have no store instruction.
        a.update(repeating: 0, count: stateCount * stateCount)
        b.update(repeating: 0, count: stateCount)
        programs.jacobian.run(workspace, t: t, y: y, parameters: parameters, outA: a, outB: b, delayed: delayed)
    }

    /// ``jacobian(t:y:parameters:delayed:dfdy:dfdt:workspace:)`` for models without delays.
    public func jacobian(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                         dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>,
                         workspace: EquationWorkspace) {
        jacobian(t: t, y: y, parameters: parameters, delayed: noDelay, dfdy: dfdy, dfdt: dfdt, workspace: workspace)
    }

    // MARK: Auxiliaries

    /// The value of every auxiliary, in declaration order (``auxiliaryNames``).
    public func auxiliaries(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                            delayed: (Int, Double) -> Double, into values: UnsafeMutableBufferPointer<Double>,
                            workspace: EquationWorkspace) {
        let out = output(values, count: auxiliaryNames.count, workspace)
        programs.auxiliaries.run(workspace, t: t, y: y, parameters: parameters, outA: out, outB: out, delayed: delayed)
    }

    /// ``auxiliaries(t:y:parameters:delayed:into:workspace:)`` for models without delays.
    public func auxiliaries(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                            into values: UnsafeMutableBufferPointer<Double>, workspace: EquationWorkspace) {
        auxiliaries(t: t, y: y, parameters: parameters, delayed: noDelay, into: values, workspace: workspace)
    }
}

extension CompiledModel {
    // MARK: Initial values and delays (allocation is fine here: called once per run)

    /// The initial state from the parameter slots (states without an initial value start at 0).
    public func initialState(parameters: UnsafeBufferPointer<Double>) -> [Double] {
        runParameterProgram(programs.initials, count: stateCount, parameters: parameters)
    }

    /// ``initialState(parameters:)`` from an array of the declared parameters or of all slots.
    public func initialState(parameters: [Double]) -> [Double] {
        slots(parameters).withUnsafeBufferPointer { initialState(parameters: $0) }
    }

    /// All parameter slots from the declared values, or the slots unchanged.
    private func slots(_ parameters: [Double]) -> [Double] {
        parameters.count == parameterCount && parameterSlotCount > parameterCount ? parameterSlots(parameters) : parameters
    }

    /// The value of each distinct delay time (indexed by ``DelayTerm/delayIndex``).
    public func delayTimes(parameters: UnsafeBufferPointer<Double>) -> [Double] {
        runParameterProgram(programs.delayTimes, count: delayTimeCount, parameters: parameters)
    }

    /// ``delayTimes(parameters:)`` from an array.
    public func delayTimes(parameters: [Double]) -> [Double] {
        slots(parameters).withUnsafeBufferPointer { delayTimes(parameters: $0) }
    }

    private func runParameterProgram(_ program: Program, count: Int,
                                     parameters: UnsafeBufferPointer<Double>) -> [Double] {
        let workspace = makeWorkspace()
        var result = [Double](repeating: 0, count: count)
        result.withUnsafeMutableBufferPointer { buffer in
            let out = output(buffer, count: count, workspace)
            let noStates = UnsafeBufferPointer<Double>(start: nil, count: 0)
            program.run(workspace, t: 0, y: noStates, parameters: parameters, outA: out, outB: out, delayed: noDelay)
        }
        return result
    }

    // MARK: Events

    /// The value of event condition `k` (`k < conditionCount`); the event fires at its zero crossings.
    public func eventValue(_ k: Int, t: Double, y: UnsafeBufferPointer<Double>,
                           parameters: UnsafeBufferPointer<Double>, delayed: (Int, Double) -> Double,
                           workspace: EquationWorkspace) -> Double {
        precondition(k >= 0 && k < conditionCount, "event \(k) has no condition")
        let out = workspace.scratch.baseAddress!
        programs.conditions[k].run(workspace, t: t, y: y, parameters: parameters, outA: out, outB: out,
                                   delayed: delayed)
        return out[0]
    }

    /// Every event condition at once (`values[k]` for `k < conditionCount`), computing the
    /// auxiliaries they share once: what a solver that tests all events at a point wants.
    public func eventValues(t: Double, y: UnsafeBufferPointer<Double>, parameters: UnsafeBufferPointer<Double>,
                            delayed: (Int, Double) -> Double, into values: UnsafeMutableBufferPointer<Double>,
                            workspace: EquationWorkspace) {
        let out = output(values, count: conditionCount, workspace)
        programs.allConditions.run(workspace, t: t, y: y, parameters: parameters, outA: out, outB: out,
                                   delayed: delayed)
    }

    /// ``eventValue(_:t:y:parameters:delayed:workspace:)`` for models without delays.
    public func eventValue(_ k: Int, t: Double, y: UnsafeBufferPointer<Double>,
                           parameters: UnsafeBufferPointer<Double>, workspace: EquationWorkspace) -> Double {
        eventValue(k, t: t, y: y, parameters: parameters, delayed: noDelay, workspace: workspace)
    }

    /// Applies the assignments of event `k` (an index into ``eventNames``).
    ///
    /// All right-hand sides are evaluated on the values before the event (the inputs are
    /// copied into registers before any store), then written to `y` or `parameters`.
    public func applyAssignments(event k: Int, t: Double, y: UnsafeMutableBufferPointer<Double>,
                                 parameters: UnsafeMutableBufferPointer<Double>,
                                 delayed: (Int, Double) -> Double, workspace: EquationWorkspace) {
        let a = output(y, count: stateCount, workspace)
        let b = output(parameters, count: parameterSlotCount, workspace)
        programs.assignments[k].run(workspace, t: t, y: UnsafeBufferPointer(y),
                                    parameters: UnsafeBufferPointer(parameters), outA: a, outB: b, delayed: delayed)
        if setsParameters[k] { updateDerivedParameters(parameters, workspace: workspace) }
    }

    /// ``applyAssignments(event:t:y:parameters:delayed:workspace:)`` for models without delays.
    public func applyAssignments(event k: Int, t: Double, y: UnsafeMutableBufferPointer<Double>,
                                 parameters: UnsafeMutableBufferPointer<Double>, workspace: EquationWorkspace) {
        applyAssignments(event: k, t: t, y: y, parameters: parameters, delayed: noDelay, workspace: workspace)
    }

    /// ``applyAssignments(event:t:y:parameters:delayed:workspace:)`` on arrays: `parameters`
    /// holds every slot, or the declared parameters only (and is returned so).
    public func applyAssignments(event k: Int, t: Double, y: inout [Double], parameters: inout [Double],
                                 delayed: (Int, Double) -> Double = noDelay, workspace: EquationWorkspace) {
        let declaredOnly = parameters.count == parameterCount
        var all = slots(parameters)
        y.withUnsafeMutableBufferPointer { yBuffer in
            all.withUnsafeMutableBufferPointer { pBuffer in
                applyAssignments(event: k, t: t, y: yBuffer, parameters: pBuffer, delayed: delayed, workspace: workspace)
            }
        }
        parameters = declaredOnly ? Array(all.prefix(parameterCount)) : all
    }
}
