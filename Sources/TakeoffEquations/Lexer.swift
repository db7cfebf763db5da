/// Tokens of the expression language.
enum TokenKind: Equatable {
    case number(Double)
    case identifier(String)
    case plus, minus, star, slash, caret
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case and, or, not
    case leftParen, rightParen, comma
    /// `@`: a metric's "value at" operator (`x@humanLevel`).
    case at
    case end

    /// How the token is shown in diagnostics.
    var display: String {
        switch self {
        case .number(let value): "\(value)"
        case .identifier(let name): name
        case .plus: "+"
        case .minus: "-"
        case .star: "*"
        case .slash: "/"
        case .caret: "^"
        case .less: "<"
        case .lessEqual: "<="
        case .greater: ">"
        case .greaterEqual: ">="
        case .equal: "=="
        case .notEqual: "!="
        case .and: "and"
        case .or: "or"
        case .not: "not"
        case .leftParen: "("
        case .rightParen: ")"
        case .comma: ","
        case .at: "@"
        case .end: "end of expression"
        }
    }
}

/// A token and the offset (in Unicode scalars) of its first character.
struct Token {
    var kind: TokenKind
    var offset: Int
}

/// Splits an expression string into tokens; reports E101 for characters that cannot start a token.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let source: String
    private let origin: SourceLocation
    private var position = 0

    init(_ source: String, origin: SourceLocation) {
        self.source = source
        self.origin = origin
        self.scalars = Array(source.unicodeScalars)
    }

    /// All tokens, ending with `.end` (whose offset is the length of the text).
    mutating func tokenize() throws(ExpressionError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func error(_ message: String, at offset: Int) -> ExpressionError {
        ExpressionError(.syntax, message, source: source, offset: offset, origin: origin)
    }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
        let start = position
        guard let c = peek() else { return Token(kind: .end, offset: start) }
        if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
            return Token(kind: .number(try number()), offset: start)
        }
        if Self.isIdentifierStart(c) {
            while let d = peek(), Self.isIdentifierStart(d) || Self.isDigit(d) { position += 1 }
            let name = String(String.UnicodeScalarView(scalars[start..<position]))
            let kind: TokenKind = switch name {
            case "and": .and
            case "or": .or
            case "not": .not
            default: .identifier(name)
            }
            return Token(kind: kind, offset: start)
        }
        return Token(kind: try symbol(c, at: start), offset: start)
    }

    /// Operators and punctuation, with hints for common habits from other languages.
    private mutating func symbol(_ c: Unicode.Scalar, at start: Int) throws(ExpressionError) -> TokenKind {
        let twoChar = peek(1) == "="
        position += 1
        switch c {
        case "+": return .plus
        case "-": return .minus
        case "*":
            if peek() == "*" { throw error("unexpected '**'; use '^' for powers", at: start) }
            return .star
        case "/": return .slash
        case "^": return .caret
        case "(": return .leftParen
        case ")": return .rightParen
        case ",": return .comma
        case "@": return .at
        case "<": if twoChar { position += 1; return .lessEqual }; return .less
        case ">": if twoChar { position += 1; return .greaterEqual }; return .greater
        case "=":
            if twoChar { position += 1; return .equal }
            throw error("unexpected '='; use '==' to compare", at: start)
        case "!":
            if twoChar { position += 1; return .notEqual }
            throw error("unexpected '!'; use 'not'", at: start)
        case "&": throw error("unexpected '&'; use 'and'", at: start)
        case "|": throw error("unexpected '|'; use 'or'", at: start)
        default: throw error("unexpected character '\(c)'", at: start)
        }
    }

    /// `digits [. digits] [(e|E) [+|-] digits]`, or `. digits ...`.
    private mutating func number() throws(ExpressionError) -> Double {
        let start = position
        while let c = peek(), Self.isDigit(c) { position += 1 }
        if peek() == "." {
            position += 1
            while let c = peek(), Self.isDigit(c) { position += 1 }
        }
        if peek() == "e" || peek() == "E" {
            position += 1
            if peek() == "+" || peek() == "-" { position += 1 }
            guard let c = peek(), Self.isDigit(c) else {
                throw error("malformed number: exponent needs digits", at: start)
            }
            while let c = peek(), Self.isDigit(c) { position += 1 }
        }
        var text = String(String.UnicodeScalarView(scalars[start..<position]))
        // Normalise forms such as ".5" and "1." so that the standard parser accepts them.
        if text.hasPrefix(".") { text = "0" + text }
        text = text.replacingDotBeforeExponent()
        guard let value = Double(text) else { throw error("malformed number '\(text)'", at: start) }
        return value
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    /// Whether `name` is a plain identifier `[A-Za-z_][A-Za-z0-9_]*` and not a keyword.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isIdentifierStart(first) else { return false }
        guard !["and", "or", "not"].contains(name) else { return false }
        return name.unicodeScalars.allSatisfy { isIdentifierStart($0) || isDigit($0) }
    }
}

extension String {
    /// "1." → "1.0" and "1.e3" → "1.0e3": a trailing dot needs a digit for `Double.init`.
    fileprivate func replacingDotBeforeExponent() -> String {
        var out = ""
        var previous: Character?
        for c in self {
            if previous == ".", !c.isNumber { out.append("0") }
            out.append(c)
            previous = c
        }
        if previous == "." { out.append("0") }
        return out
    }
}
