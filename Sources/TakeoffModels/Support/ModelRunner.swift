import TakeoffCore
import TakeoffGSL

/// Resolved inputs of one model run: every parameter and initial value by name (defaults
/// already applied), event settings and the time span.
public struct ModelInputs: Sendable, Equatable {
    public var parameters: [String: Double]
    public var initialState: [String: Double]
    public var eventSettings: [String: [Double]]
    public var options: [String: String]
    /// Model-specific tables (e.g. the regulation model's `[actors.<name>]`), as parsed.
    public var sections: [String: ConfigValue]
    public var start: Double
    public var end: Double

    public init(parameters: [String: Double], initialState: [String: Double], eventSettings: [String: [Double]],
                options: [String: String] = [:], sections: [String: ConfigValue] = [:], start: Double, end: Double) {
        self.parameters = parameters
        self.options = options
        self.sections = sections
        self.initialState = initialState
        self.eventSettings = eventSettings
        self.start = start
        self.end = end
    }
}

/// The model-independent result of a run: columns, events, status, metrics.
public struct ModelRun: Sendable {
    /// `year`'s companions: state names then observable names.
    public var columns: [String]
    /// Unit of each column (same order).
    public var units: [String]
    /// Saved years.
    public var years: [Double]
    /// Row-major values, `columns.count` per row.
    public var values: [Double]
    /// Located events, in time order.
    public var events: [EventRecord]
    public var status: ReturnCode
    public var message: String?
    public var terminatingEvent: String?
    public var blowUpTime: Double?
    public var stats: SolverStats
    /// Metrics in the model's order; `nil` where undefined.
    public var metrics: [(name: String, value: Double?)]
    /// For a model computed by its own fixed-step scheme, that scheme (the ODE solver is not used).
    public var scheme: String? = nil

    /// Values of column `name`.
    public func column(_ name: String) -> [Double]? {
        guard let j = columns.firstIndex(of: name) else { return nil }
        return (0..<years.count).map { values[$0 * columns.count + j] }
    }

    /// The value of metric `name` (`nil` if absent or undefined).
    public func metric(_ name: String) -> Double? {
        metrics.first { $0.name == name }?.value ?? nil
    }
}

/// Runs any ``TakeoffModel`` the same way.
enum ModelRunner {
    static func run<M: TakeoffModel>(_ model: M.Type, inputs: ModelInputs, options: SolverOptions) throws(SolverError) -> ModelRun {
        let parameters: M.Parameters
        do {
            parameters = try M.makeParameters(inputs)
        } catch {
            // Inputs reach a run only after `ModelDescription.prepare` accepted them.
            preconditionFailure("unvalidated model inputs: \(error.message)")
        }
        let stateInfo = M.stateVariables(parameters)
        let observableInfo = M.observableVariables(parameters)
        let initial = stateInfo.map { inputs.initialState[$0.name] ?? .nan }
        let problem = M.problem(parameters, initialState: initial, span: (inputs.start, inputs.end),
                                settings: inputs.eventSettings)
        let solver = ODESolver(options)
        let solution = try solver.solve(problem)
        let columns = stateInfo.map(\.name) + observableInfo.map(\.name)
        var values: [Double] = []
        values.reserveCapacity(solution.count * columns.count)
        for row in 0..<solution.count {
            let state = Array(solution.state(at: row))
            values.append(contentsOf: state)
            let observed = state.withUnsafeBufferPointer {
                M.observe(t: solution.times[row], y: $0, parameters: solution.parameters(atRow: row), start: inputs.start)
            }
            values.append(contentsOf: observed)
        }
        let metricValues = M.metrics(of: solution, problem: problem, solver: solver)
        return ModelRun(
            columns: columns,
            units: stateInfo.map(\.unit) + observableInfo.map(\.unit),
            years: solution.times,
            values: values,
            events: solution.events,
            status: solution.status,
            message: solution.message,
            terminatingEvent: solution.terminatingEvent,
            blowUpTime: solution.blowUpTime,
            stats: solution.stats,
            metrics: M.metricList(parameters).map { ($0.name, metricValues[$0.name] ?? nil) })
    }
}

/// The built-in models by id.
public enum ModelRegistry {
    /// Every built-in model.
    public static let all: [ModelDescription] = [
        ModelDescription(ComputeGrowthModel.self), ModelDescription(FeedbackModel.self), ModelDescription(RegulationModel.self),
        ModelDescription(SoftwareExplosionModel.self), ModelDescription(MilestoneChainModel.self),
        ModelDescription(stepped: ComputeCentricModel.self),
    ]

    /// The model with identifier `id`.
    public static func model(_ id: String) -> ModelDescription? { all.first { $0.id == id } }
}
