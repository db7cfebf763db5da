import TakeoffCore

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
