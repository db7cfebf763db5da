import TakeoffCore

/// How a resolved model computes its run. Both kinds end in the same ``ModelRun``, assembled by
/// ``ResolvedModel/run(initialState:solver:)`` from the resolved columns and metrics.
public enum RunScheme: Sendable {
    /// An ODE model: the core solves its problem; the shared runner builds the run.
    case ode(ODEScheme)
    /// A model computed by its own fixed-step scheme (the compute-centric framework's reference
    /// scheme, step for step): it returns its table, metrics and statistics.
    case custom(@Sendable (_ solver: ModelSolver) throws(SolverError) -> SchemeOutput)
}

/// What a run computed, before the resolved model names its columns and orders its metrics.
public struct SchemeOutput: Sendable {
    public var years: [Double]
    /// Row-major, one value per resolved column per row.
    public var values: [Double]
    public var events: [EventRecord] = []
    public var status: ReturnCode = .success
    public var message: String? = nil
    public var terminatingEvent: String? = nil
    public var blowUpTime: Double? = nil
    public var stats = SolverStats()
    /// Metric values by name: every name must be one the resolved model declares.
    public var metrics: [String: Double?]
    /// For a model with its own scheme, or a customised ODE run: a line on how it was computed.
    public var scheme: String? = nil

    public init(years: [Double], values: [Double], metrics: [String: Double?]) {
        self.years = years
        self.values = values
        self.metrics = metrics
    }
}

/// What an ODE model reports from a solution when the default (every saved row: states, then
/// observables) does not fit: its own table, a status it reads differently, a scheme line.
public struct ODEReport: Sendable {
    public var years: [Double]
    public var values: [Double]
    public var metrics: [String: Double?]
    /// Replaces the solution's status and message (`nil`: keep them).
    public var outcome: (status: ReturnCode, message: String?)? = nil
    public var scheme: String? = nil

    public init(years: [Double], values: [Double], metrics: [String: Double?]) {
        self.years = years
        self.values = values
        self.metrics = metrics
    }
}

/// An ODE model's run, type-erased over its parameters: the problem for an initial state, and
/// how the solution becomes a table and metrics.
public struct ODEScheme: Sendable {
    let run: @Sendable (_ initial: [Double], _ solver: ModelSolver) throws(SolverError) -> SchemeOutput

    /// The general form: `setUp` builds the problem (and adjusts the solver options) for an
    /// initial state; `report` turns the solution into the table and metrics.
    public init<P: Sendable>(
        setUp: @escaping @Sendable (_ initial: [Double], _ options: SolverOptions) -> (ODEProblem<P>, SolverOptions),
        report: @escaping @Sendable (ODESolution<P>, ODEProblem<P>, ModelSolver) -> ODEReport
    ) {
        run = { initial, solver throws(SolverError) in
            let (problem, options) = setUp(initial, solver.options)
            let solution = try solver.with(options).solve(problem)
            let report = report(solution, problem, solver)
            var out = SchemeOutput(years: report.years, values: report.values, metrics: report.metrics)
            out.events = solution.events
            out.status = report.outcome?.status ?? solution.status
            out.message = report.outcome.map(\.message) ?? solution.message
            out.terminatingEvent = solution.terminatingEvent
            out.blowUpTime = solution.blowUpTime
            out.stats = solution.stats
            out.scheme = report.scheme
            return out
        }
    }

    /// The usual form: every saved row is the state then `observe`'s values (with the
    /// parameters in force at that row); `metrics` reads the solution, solving further with
    /// the solver it is handed if it must.
    public init<P: Sendable>(
        problem: @escaping @Sendable (_ initial: [Double]) -> ODEProblem<P>,
        observe: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ parameters: P) -> [Double],
        metrics: @escaping @Sendable (ODESolution<P>, ODEProblem<P>, ModelSolver) -> [String: Double?]
    ) {
        self.init(setUp: { initial, options in (problem(initial), options) }) { solution, problem, solver in
            var values: [Double] = []
            values.reserveCapacity(solution.count * (problem.dimension + 4))
            for row in 0..<solution.count {
                let state = Array(solution.state(at: row))
                values.append(contentsOf: state)
                let observed = state.withUnsafeBufferPointer { observe(solution.times[row], $0, solution.parameters(atRow: row)) }
                values.append(contentsOf: observed)
            }
            return ODEReport(years: solution.times, values: values, metrics: metrics(solution, problem, solver))
        }
    }
}

extension ODEScheme {
    /// The usual form over a model's static functions, which take the time span, the event
    /// settings and the start year from the scenario's inputs.
    public static func of<P: Sendable>(
        _ p: P, _ inputs: ModelInputs,
        problem: @escaping @Sendable (P, [Double], (start: Double, end: Double), [String: [Double]]) -> ODEProblem<P>,
        observe: @escaping @Sendable (Double, UnsafeBufferPointer<Double>, P, Double) -> [Double],
        metrics: @escaping @Sendable (ODESolution<P>, ODEProblem<P>, ModelSolver) -> [String: Double?]
    ) -> ODEScheme {
        ODEScheme(problem: { problem(p, $0, (inputs.start, inputs.end), inputs.eventSettings) },
                  observe: { t, y, q in observe(t, y, q, inputs.start) }, metrics: metrics)
    }
}
