/// A strict syntax check of the TOML that `takeoff` reads, run before TOMLKit parses it.
///
/// Why: toml++ (the C++ parser inside TOMLKit) asserts internal invariants that malformed input
/// can break (`[=`, `t=[}` and others, found by fuzzing: Tests/Fuzz/README.md); in a release
/// build `assert` still aborts the process, and with NDEBUG the same checks become undefined
/// behaviour. So only input that passes this check reaches the library.
///
/// Accepted: comments, blank lines, table headers `[a.b]` and `[[a]]`, key/value lines with bare,
/// quoted or dotted keys, and values that are basic or literal strings (single- or multi-line),
/// integers and floats (TOML forms, `inf`, `nan`), booleans, arrays (across lines, with comments and
/// a trailing comma) and inline tables. Dates and times are not: no scenario key takes one.
/// Errors name the line and column.
struct TOMLGuard {
    struct Problem: Error {
        var line: Int
        var column: Int
        var message: String
    }

    private let b: [UInt8]
    private var i = 0

    private init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        b = bytes
    }

    /// The first problem, if any.
    static func check(_ text: String) -> (line: Int, column: Int, message: String)? {
        var guardian = TOMLGuard(text)
        do {
            try guardian.document()
            return nil
        } catch {
            return (error.line, error.column, error.message)
        }
    }

    // MARK: Scanning helpers

    private var atEnd: Bool { i >= b.count }
    private var peek: UInt8? { i < b.count ? b[i] : nil }
    private func peek(_ k: Int) -> UInt8? { i + k < b.count ? b[i + k] : nil }

    private func fail(_ message: String) -> Problem {
        var line = 1, column = 1
        for k in 0..<min(i, b.count) {
            if b[k] == 0x0A { line += 1; column = 1 } else if b[k] & 0xC0 != 0x80 { column += 1 }
        }
        return Problem(line: line, column: column, message: message)
    }

    private mutating func skipSpaces() {
        while let c = peek, c == 0x20 || c == 0x09 { i += 1 }
    }

    /// Skips a comment to the end of the line; control characters are not allowed in it.
    private mutating func comment() throws(Problem) {
        guard peek == UInt8(ascii: "#") else { return }
        while let c = peek, c != 0x0A {
            if (c < 0x20 && c != 0x09 && c != 0x0D) || c == 0x7F { throw fail("control character in a comment") }
            i += 1
        }
    }

    /// Expects the end of a line (after optional spaces and a comment).
    private mutating func endOfLine() throws(Problem) {
        skipSpaces()
        try comment()
        if peek == 0x0D, peek(1) == 0x0A { i += 1 }
        guard atEnd || peek == 0x0A else { throw fail("expected the end of the line") }
        if !atEnd { i += 1 }
    }

    /// Skips blank lines, comments and line breaks (inside arrays).
    private mutating func skipBlank() throws(Problem) {
        while true {
            skipSpaces()
            try comment()
            if peek == 0x0D, peek(1) == 0x0A { i += 2; continue }
            if peek == 0x0A { i += 1; continue }
            return
        }
    }

    private static func isBare(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

    // MARK: Grammar

    private mutating func document() throws(Problem) {
        while !atEnd {
            skipSpaces()
            guard let c = peek else { return }
            if c == UInt8(ascii: "#") || c == 0x0A || c == 0x0D {
                try endOfLine()
            } else if c == UInt8(ascii: "[") {
                i += 1
                let array = peek == UInt8(ascii: "[")
                if array { i += 1 }
                skipSpaces()
                try key()
                skipSpaces()
                guard peek == UInt8(ascii: "]") else { throw fail("expected ']' to close the table header") }
                i += 1
                if array {
                    guard peek == UInt8(ascii: "]") else { throw fail("expected ']]' to close the array-of-tables header") }
                    i += 1
                }
                try endOfLine()
            } else {
                try keyValue()
                try endOfLine()
            }
        }
    }

    /// A bare, quoted or dotted key.
    private mutating func key() throws(Problem) {
        while true {
            guard let c = peek else { throw fail("expected a key") }
            if Self.isBare(c) {
                while let d = peek, Self.isBare(d) { i += 1 }
            } else if c == UInt8(ascii: "\"") {
                try basicString(allowMultiline: false)
            } else if c == UInt8(ascii: "'") {
                try literalString(allowMultiline: false)
            } else {
                throw fail("expected a key (letters, digits, '_', '-', or a quoted key)")
            }
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return }
            i += 1
            skipSpaces()
        }
    }

    private mutating func keyValue() throws(Problem) {
        try key()
        skipSpaces()
        guard peek == UInt8(ascii: "=") else { throw fail("expected '=' after the key") }
        i += 1
        skipSpaces()
        try value(depth: 0)
    }

    private mutating func value(depth: Int) throws(Problem) {
        guard depth < 64 else { throw fail("values are nested too deeply") }
        guard let c = peek else { throw fail("expected a value") }
        switch c {
        case UInt8(ascii: "\""): try basicString(allowMultiline: true)
        case UInt8(ascii: "'"): try literalString(allowMultiline: true)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "{"): try inlineTable(depth: depth)
        case UInt8(ascii: "t"), UInt8(ascii: "f"): try word(["true", "false"])
        default: try number()
        }
    }

    private mutating func word(_ words: [String]) throws(Problem) {
        for w in words {
            let bytes = Array(w.utf8)
            if i + bytes.count <= b.count, Array(b[i..<(i + bytes.count)]) == bytes {
                let after = i + bytes.count < b.count ? b[i + bytes.count] : 0x20
                if !Self.isBare(after) && after != UInt8(ascii: ".") {
                    i += bytes.count
                    return
                }
            }
        }
        throw fail("expected a value: a number, a string, true, false, an array or an inline table")
    }

    /// TOML integers and floats: optional sign; decimal digits with single underscores between
    /// digits; optional fraction and exponent; `inf`, `nan`; 0x/0o/0b integers.
    private mutating func number() throws(Problem) {
        let start = i
        if let c = peek, !((c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                           || c == UInt8(ascii: "i") || c == UInt8(ascii: "n")) {
            throw fail("expected a value: a number, a string, true, false, an array or an inline table")
        }
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
        if let c = peek, c == UInt8(ascii: "i") || c == UInt8(ascii: "n") {
            try word(["inf", "nan"])
            return
        }
        if peek == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "o") || x == UInt8(ascii: "b") {
            guard i == start else { throw fail("a sign is not allowed before a hexadecimal, octal or binary integer") }
            i += 2
            try digits(hex: x == UInt8(ascii: "x"))
            return
        }
        try digits(hex: false)
        if peek == UInt8(ascii: ".") {
            i += 1
            try digits(hex: false)
        }
        if let e = peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            try digits(hex: false)
        }
        if let c = peek, Self.isBare(c) || c == UInt8(ascii: ":") || c == UInt8(ascii: ".") {
            throw fail("not a number (dates and times are not accepted here)")
        }
    }

    private mutating func digits(hex: Bool) throws(Problem) {
        func isDigit(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)))
        }
        guard let first = peek, isDigit(first) else { throw fail("expected a digit") }
        i += 1
        while let c = peek {
            if isDigit(c) { i += 1; continue }
            if c == UInt8(ascii: "_"), let n = peek(1), isDigit(n) { i += 2; continue }
            break
        }
    }

    private mutating func basicString(allowMultiline: Bool) throws(Problem) {
        if allowMultiline, peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
            i += 3
            while true {
                guard let c = peek else { throw fail("unterminated multi-line string") }
                if c == UInt8(ascii: "\""), peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                    i += 3
                    // Up to two more quotes belong to the string.
                    if peek == UInt8(ascii: "\"") { i += 1; if peek == UInt8(ascii: "\"") { i += 1 } }
                    return
                }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    if let n = peek, n == 0x0A || n == 0x20 || n == 0x09 || n == 0x0D {
                        while let w = peek, w == 0x0A || w == 0x20 || w == 0x09 || w == 0x0D { i += 1 }
                        continue
                    }
                    try escape()
                    continue
                }
                try character(allowNewline: true)
            }
        }
        i += 1
        while true {
            guard let c = peek, c != 0x0A else { throw fail("unterminated string") }
            if c == UInt8(ascii: "\"") { i += 1; return }
            if c == UInt8(ascii: "\\") { i += 1; try escape(); continue }
            try character(allowNewline: false)
        }
    }

    private mutating func escape() throws(Problem) {
        guard let c = peek else { throw fail("unterminated escape") }
        switch c {
        case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
             UInt8(ascii: "\""), UInt8(ascii: "\\"):
            i += 1
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = c == UInt8(ascii: "u") ? 4 : 8
            i += 1
            var scalar: UInt32 = 0
            for _ in 0..<count {
                guard let h = peek, let v = Self.hexValue(h) else { throw fail("expected \(count) hexadecimal digits in a \\u escape") }
                scalar = scalar * 16 + v
                i += 1
            }
            guard Unicode.Scalar(scalar) != nil else { throw fail("the \\u escape is not a Unicode scalar value") }
        default:
            throw fail("unknown escape in a string")
        }
    }

    private static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    /// One character of a string: no control characters but tab (and line breaks where allowed),
    /// valid UTF-8.
    private mutating func character(allowNewline: Bool) throws(Problem) {
        let c = b[i]
        if c == 0x0A || c == 0x0D {
            guard allowNewline else { throw fail("line break in a single-line string") }
            i += 1
            return
        }
        if (c < 0x20 && c != 0x09) || c == 0x7F { throw fail("control character in a string") }
        if c < 0x80 { i += 1; return }
        let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0
        guard length > 0, i + length <= b.count, b[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
              String(bytes: b[i..<(i + length)], encoding: .utf8) != nil else {
            throw fail("invalid UTF-8 in a string")
        }
        i += length
    }

    private mutating func literalString(allowMultiline: Bool) throws(Problem) {
        if allowMultiline, peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
            i += 3
            while true {
                guard let c = peek else { throw fail("unterminated multi-line literal string") }
                if c == UInt8(ascii: "'"), peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                    i += 3
                    if peek == UInt8(ascii: "'") { i += 1; if peek == UInt8(ascii: "'") { i += 1 } }
                    return
                }
                try character(allowNewline: true)
            }
        }
        i += 1
        while true {
            guard let c = peek, c != 0x0A else { throw fail("unterminated literal string") }
            if c == UInt8(ascii: "'") { i += 1; return }
            try character(allowNewline: false)
        }
    }

    private mutating func array(depth: Int) throws(Problem) {
        i += 1
        try skipBlank()
        if peek == UInt8(ascii: "]") { i += 1; return }
        while true {
            try value(depth: depth + 1)
            try skipBlank()
            if peek == UInt8(ascii: ",") {
                i += 1
                try skipBlank()
                if peek == UInt8(ascii: "]") { i += 1; return }
                continue
            }
            guard peek == UInt8(ascii: "]") else { throw fail("expected ',' or ']' in an array") }
            i += 1
            return
        }
    }

    private mutating func inlineTable(depth: Int) throws(Problem) {
        i += 1
        skipSpaces()
        if peek == UInt8(ascii: "}") { i += 1; return }
        while true {
            try key()
            skipSpaces()
            guard peek == UInt8(ascii: "=") else { throw fail("expected '=' in an inline table") }
            i += 1
            skipSpaces()
            try value(depth: depth + 1)
            skipSpaces()
            if peek == UInt8(ascii: ",") { i += 1; skipSpaces(); continue }
            guard peek == UInt8(ascii: "}") else { throw fail("expected ',' or '}' in an inline table") }
            i += 1
            return
        }
    }
}

import Foundation
