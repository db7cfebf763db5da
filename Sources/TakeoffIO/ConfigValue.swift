import TOMLKit
import TakeoffModels

extension ConfigValue {
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
        if let problem = TOMLGuard.check(text) {
            throw ScenarioError(file: file, keyPath: nil, line: problem.line, column: problem.column, reason: .malformed,
                                message: "malformed TOML: \(problem.message)")
        }
        do {
            let table = try TOMLTable(string: text)
            // TOMLKit 0.6.0 never frees a parsed table (its classes have no deinit and its C API
            // no delete); clearing it after the conversion frees the contents, leaving a few
            // hundred bytes per parse (AddressSanitizer's leak check, Tests/Fuzz/README.md).
            defer { table.clear() }
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

