/// The position of a character in a model file.
///
/// Callers pass the location of the *first character of an expression string*;
/// errors report the location of the offending character, obtained with
/// ``advanced(by:in:)``.
public struct SourceLocation: Sendable, Equatable, Hashable {
    /// The file name as it should appear in diagnostics.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column number (counted in Unicode scalars).
    public var column: Int

    /// A location; `line` and `column` are 1-based.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location of the scalar at `offset` in `text`, when `text` starts at `self`.
    ///
    /// Each newline before `offset` moves to the next line and resets the column to 1.
    public func advanced(by offset: Int, in text: String) -> SourceLocation {
        var result = self
        var index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            if scalar == "\n" {
                result.line += 1
                result.column = 1
            } else {
                result.column += 1
            }
            index += 1
        }
        // Offsets past the end (e.g. "unexpected end of expression") keep counting columns.
        if offset > index { result.column += offset - index }
        return result
    }
}

/// Stable diagnostic codes. The raw value (`"E101"`…) is what users see and search for.
public enum ErrorCode: String, CaseIterable, Sendable {
    case syntax = "E101"
    case unknownName = "E102"
    case argumentCount = "E103"
    case auxiliaryCycle = "E104"
    case stateWithoutDerivative = "E105"
    case derivativeWithoutState = "E106"
    case duplicateName = "E107"
    case typeMismatch = "E108"
    case invalidAssignmentTarget = "E109"
    case undefinedEvent = "E110"
    case invalidDelay = "E111"

    /// A one-line explanation of the error class.
    public var explanation: String {
        switch self {
        case .syntax: "The expression is not well formed (unexpected character or token, unbalanced parentheses)."
        case .unknownName: "A name or function is not defined in this context."
        case .argumentCount: "A function was called with the wrong number of arguments."
        case .auxiliaryCycle: "Auxiliaries depend on each other in a cycle, so no evaluation order exists."
        case .stateWithoutDerivative: "A state variable has no derivative equation."
        case .derivativeWithoutState: "A derivative equation is given for a name that is not a state."
        case .duplicateName: "A name is defined twice, or shadows a function or builtin such as 't'."
        case .typeMismatch: "A boolean was used where a number is needed, or a number where a boolean is needed."
        case .invalidAssignmentTarget: "An event assigns to a name that is not a state or a parameter."
        case .undefinedEvent: "A metric or assignment refers to an event that is not defined."
        case .invalidDelay: "delay(x, d) needs a state name x and a delay d built from parameters and numbers only."
        }
    }
}

extension ErrorCode {
    /// A line that raises the error and one that fixes it (`takeoff explain CODE`).
    public var example: (wrong: String, right: String) {
        switch self {
        case .syntax: ("x = \"r * (x + 1\"", "x = \"r * (x + 1)\"")
        case .unknownName: ("x = \"gowth * x\"   # [parameters] has growth", "x = \"growth * x\"")
        case .argumentCount: ("y = \"max(x)\"", "y = \"max(x, 0)\"")
        case .auxiliaryCycle: ("a = \"b + 1\" and b = \"2 * a\" in [auxiliaries]", "define one of them from states and parameters only")
        case .stateWithoutDerivative: ("[states] x = 1.0 with no x in [derivatives]", "[derivatives] x = \"-x\"")
        case .derivativeWithoutState: ("[derivatives] z = \"1\" with no [states] z", "[states] z = 0.0")
        case .duplicateName: ("[auxiliaries] t = \"2 * x\"", "[auxiliaries] twiceX = \"2 * x\"")
        case .typeMismatch: ("when = \"x > 10\"", "when = \"x - 10\"   # the event is the zero crossing")
        case .invalidAssignmentTarget: ("set = { output = \"0\" }   # an auxiliary", "set = { capital = \"0\" }   # a state or parameter")
        case .undefinedEvent: ("peak = \"x@peek\"", "peak = \"x@peak\"   # [events.peak] exists")
        case .invalidDelay: ("x = \"delay(x, x)\"", "x = \"delay(x, lag)\"   # lag a parameter")
        }
    }
}

/// A diagnostic about an expression or about the structure of a model.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable diagnostic code.
    public var code: ErrorCode
    /// The message without the did-you-mean part, e.g. `unknown name 'gowth'`.
    public var message: String
    /// Location of the offending character (caller's location advanced by ``offset``).
    public var location: SourceLocation
    /// The full expression text (empty for structural errors that have no expression).
    public var source: String
    /// Offset in Unicode scalars of the offending character within ``source``.
    public var offset: Int
    /// A close existing name, when one exists (Levenshtein based).
    public var suggestion: String?

    /// Creates an error at `offset` in `source`, which starts at `origin`.
    public init(_ code: ErrorCode, _ message: String, source: String, offset: Int,
                origin: SourceLocation, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.source = source
        self.offset = offset
        self.location = origin.advanced(by: offset, in: source)
        self.suggestion = suggestion
    }

    /// Compiler-style rendering: a header line, then the expression line and a caret
    /// line pointing at the offending character (both indented by four spaces).
    public var description: String {
        var header = "\(location.file):\(location.line):\(location.column): error[\(code.rawValue)]: \(message)"
        if let suggestion { header += "; did you mean '\(suggestion)'?" }
        guard !source.isEmpty else { return header }
        let (line, column) = Self.lineAndColumn(of: offset, in: source)
        // Keep tabs in the padding so the caret lines up with tab-indented text.
        let padding = String(line.unicodeScalars.prefix(column).map { $0 == "\t" ? "\t" : " " })
        return header + "\n    " + line + "\n    " + padding + "^"
    }

    /// The text of the line containing `offset` and the scalar column within that line.
    static func lineAndColumn(of offset: Int, in text: String) -> (String, Int) {
        var lines: [[Unicode.Scalar]] = [[]]
        var lineOfOffset = 0
        var columnOfOffset = 0
        var found = false
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == offset {
                lineOfOffset = lines.count - 1
                columnOfOffset = lines[lines.count - 1].count
                found = true
            }
            if scalar == "\n" { lines.append([]) } else { lines[lines.count - 1].append(scalar) }
        }
        if !found {
            // Past the end: point just after the last character of the last line.
            lineOfOffset = lines.count - 1
            columnOfOffset = lines[lineOfOffset].count + max(0, offset - text.unicodeScalars.count)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: lines[lineOfOffset])
        return (String(view), columnOfOffset)
    }
}

/// Did-you-mean support: the closest candidate by Levenshtein distance.
enum Suggestion {
    /// The best candidate within distance 2 (distance 1 when `name` has at most 3 characters).
    /// Ties go to the earlier candidate, so callers list the most relevant names first.
    static func bestMatch(for name: String, among candidates: [String]) -> String? {
        let limit = name.unicodeScalars.count <= 3 ? 1 : 2
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let distance = levenshtein(name, candidate)
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Classic two-row dynamic-programming edit distance over Unicode scalars.
    static func levenshtein(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
