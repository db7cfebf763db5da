import TakeoffCore

/// A parameter of a built-in model: scenario key (= Swift property = CSV column = `--set`
/// path), unit, meaning, default and the source of that default.
public struct ParameterInfo: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var meaning: String
    public var defaultValue: Double
    public var constraint: ValueConstraint
    public var source: String

    public init(_ name: String, _ defaultValue: Double, unit: String, constraint: ValueConstraint,
                meaning: String, source: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.unit = unit
        self.constraint = constraint
        self.meaning = meaning
        self.source = source
    }
}

/// The admissible range of a number.
public enum ValueConstraint: Sendable, Codable, Equatable, Hashable {
    /// Finite and > 0.
    case positive
    /// Finite and ≥ 0.
    case nonNegative
    /// In [0, 1].
    case fraction
    /// Any finite number.
    case finite
    /// Finite and in [lower, upper] (an equation model's declared `min`/`max`; ±∞ for an open end).
    case interval(lower: Double, upper: Double)

    /// Whether `value` is admissible.
    public func admits(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch self {
        case .positive: return value > 0
        case .nonNegative: return value >= 0
        case .fraction: return value >= 0 && value <= 1
        case .finite: return true
        case .interval(let lower, let upper): return value >= lower && value <= upper
        }
    }

    /// The closed bounds implied (`positive` is open at 0; ``admits(_:)`` is exact).
    public var bounds: (lower: Double, upper: Double) {
        switch self {
        case .positive, .nonNegative: return (0, .infinity)
        case .fraction: return (0, 1)
        case .finite: return (-.infinity, .infinity)
        case .interval(let lower, let upper): return (lower, upper)
        }
    }

    /// The catalogue name: `positive`, `nonNegative`, `fraction`, `finite` or `[lower, upper]`.
    public var name: String {
        switch self {
        case .positive: return "positive"
        case .nonNegative: return "nonNegative"
        case .fraction: return "fraction"
        case .finite: return "finite"
        case .interval(let lower, let upper): return "[\(lower), \(upper)]"
        }
    }

    /// What an admissible value is, for error messages.
    public var expectation: String {
        switch self {
        case .positive: return "a finite number > 0"
        case .nonNegative: return "a finite number ≥ 0"
        case .fraction: return "a fraction in [0, 1]"
        case .finite: return "a finite number"
        case .interval(let lower, let upper):
            if lower == -.infinity { return "a finite number ≤ \(upper)" }
            if upper == .infinity { return "a finite number ≥ \(lower)" }
            return "a finite number in [\(lower), \(upper)]"
        }
    }
}

/// A named quantity with a unit and a meaning: a state component, an observable (a derived
/// output column) or a metric (a reported summary number).
public struct VariableInfo: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var meaning: String

    public init(_ name: String, unit: String, meaning: String) {
        self.name = name
        self.unit = unit
        self.meaning = meaning
    }
}

/// A list-valued event setting of a model (e.g. the training-run thresholds whose crossing
/// dates are reported), under the scenario's `[events]` table.
public struct EventSettingInfo: Sendable, Equatable, Codable {
    public var name: String
    public var unit: String
    public var meaning: String
    public var defaultValues: [Double]
    public var constraint: ValueConstraint

    public init(_ name: String, _ defaultValues: [Double], unit: String, constraint: ValueConstraint, meaning: String) {
        self.name = name
        self.defaultValues = defaultValues
        self.unit = unit
        self.constraint = constraint
        self.meaning = meaning
    }
}

/// A reported summary number of a run: a name, a unit and a meaning, like a variable.
public typealias MetricInfo = VariableInfo

/// A string-valued model option under the scenario's `[options]` table (e.g. the training
/// split `"fixed"` or `"optimal"`).
public struct OptionInfo: Sendable, Equatable, Codable {
    public var name: String
    public var allowed: [String]
    public var defaultValue: String
    public var meaning: String

    public init(_ name: String, _ defaultValue: String, allowed: [String], meaning: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.allowed = allowed
        self.meaning = meaning
    }
}

/// Why a combination of valid inputs cannot be run: the key paths involved and what is wrong.
public struct ModelInputIssue: Error, Sendable, Equatable {
    public var keyPaths: [String]
    public var message: String

    public init(keyPaths: [String], message: String) {
        self.keyPaths = keyPaths
        self.message = message
    }
}

/// The names a run produces: its output columns (after `year`) and its metrics, in order.
public struct DeclaredNames: Sendable, Equatable {
    public var columns: [String]
    public var metrics: [String]

    public init(columns: [String], metrics: [String]) {
        self.columns = columns
        self.metrics = metrics
    }
}
