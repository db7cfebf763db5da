/// A scenario (or `--set`) that cannot be used: names the file, the key path, the line where
/// the parser gives one, and what was expected. The CLI prints it and exits with 64.
public struct ScenarioError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Why the input was refused.
    public enum Reason: String, Sendable, Equatable {
        case missingFile, unreadableFile, emptyFile, malformed
        case unknownKey, missingKey, wrongType, outOfRange, unknownModel, reservedTable, invalidOverride
        /// An equation model's expression or structure (the message has the location and caret).
        case invalidEquation
    }

    /// The scenario file (or `--set` for an override).
    public var file: String
    /// The dotted key path, e.g. `parameters.hardwareDoublingYears`.
    public var keyPath: String?
    /// 1-based line (and column) where the TOML parser located a syntax error.
    public var line: Int?
    public var column: Int?
    public var reason: Reason
    /// What is wrong and what was expected.
    public var message: String
    /// The stable code of an equation error (`E102`; `takeoff explain CODE`).
    public var code: String?

    public init(file: String, keyPath: String?, line: Int? = nil, column: Int? = nil, reason: Reason, message: String,
                code: String? = nil) {
        self.code = code
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.reason = reason
        self.message = message
    }

    public var description: String {
        if reason == .invalidEquation { return message }
        var location = file
        if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        if let keyPath { location += ": \(keyPath)" }
        return "\(location): \(message)"
    }
}
