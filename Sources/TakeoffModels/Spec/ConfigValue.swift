import Foundation

/// A parsed configuration value, independent of the TOML library (and `Sendable`).
public indirect enum ConfigValue: Sendable, Equatable {
    case table([String: ConfigValue])
    case array([ConfigValue])
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    /// Dates and times, which no scenario key takes; kept only to name them in errors.
    case other(String)

    /// The TOML type name, for error messages.
    public var typeName: String {
        switch self {
        case .table: return "a table"
        case .array: return "an array"
        case .string: return "a string"
        case .integer: return "an integer"
        case .double: return "a float"
        case .bool: return "a boolean"
        case .other(let kind): return "a \(kind)"
        }
    }

    /// The number, for integers and floats.
    public var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// A JSON-compatible rendering (for the metadata sidecar).
    public var jsonObject: Any {
        switch self {
        case .table(let t): return t.mapValues(\.jsonObject)
        case .array(let a): return a.map(\.jsonObject)
        case .string(let s): return s
        case .integer(let i): return i
        case .double(let d): return d.isFinite ? d as Any : "\(d)"
        case .bool(let b): return b
        case .other(let s): return s
        }
    }

}
