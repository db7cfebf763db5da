import TOMLKit

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

    init(_ value: TOMLValueConvertible) {
        switch value.type {
        case .table:
            var out: [String: ConfigValue] = [:]
            if let table = value.table { for key in table.keys { out[key] = ConfigValue(table[key]!) } }
            self = .table(out)
        case .array:
            self = .array(value.array.map { $0.map { ConfigValue($0) } } ?? [])
        case .string: self = .string(value.string ?? "")
        case .int: self = .integer(value.int ?? 0)
        case .double: self = .double(value.double ?? .nan)
        case .bool: self = .bool(value.bool ?? false)
        case .date: self = .other("date")
        case .time: self = .other("time")
        case .dateTime: self = .other("date-time")
        }
    }
}

/// TOML text to ``ConfigValue``, with located parse errors.
enum TOMLReader {
    /// Parses `text`; a syntax error names the line and column.
    static func parse(_ text: String, file: String) throws(ScenarioError) -> [String: ConfigValue] {
        do {
            let table = try TOMLTable(string: text)
            guard case .table(let root) = ConfigValue(table) else { return [:] }
            return root
        } catch let error as TOMLParseError {
            throw ScenarioError(file: file, keyPath: nil, line: error.source.begin.line, column: error.source.begin.column,
                                reason: .malformed, message: "malformed TOML: \(error.description)")
        } catch {
            throw ScenarioError(file: file, keyPath: nil, reason: .malformed, message: "malformed TOML: \(error)")
        }
    }
}
