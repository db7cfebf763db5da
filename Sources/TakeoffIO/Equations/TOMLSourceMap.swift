import TakeoffEquations

/// Where the keys and string values of a TOML text are: for error messages that point at a
/// character inside an expression string, and for the declaration order of a table's keys
/// (a parsed table is unordered; an equation model's states and columns follow the file).
///
/// It reads the text line by line as scenario files are written: `[a.b]` headers, then
/// `key = value` lines, where the value may be an inline table `{ k = "…", … }` on that line.
/// A string's content starts after its opening quote (`"`, `'`, `"""` or `'''`; a multi-line
/// string that starts with a newline starts on the next line). Columns count Unicode scalars.
/// Escapes inside a string (`\"`) shift later columns by one each; expressions rarely need them.
struct TOMLSourceMap {
    struct Entry {
        var line: Int
        /// The line's text.
        var text: [Unicode.Scalar]
        /// Offset of the first scalar after `=`.
        var valueOffset: Int
    }

    let file: String
    /// Entries by table path, then key, in file order.
    private var entries: [String: [(key: String, entry: Entry)]] = [:]
    private let lines: [[Unicode.Scalar]]

    init(text: String, file: String) {
        self.file = file
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var table = ""
        for (index, line) in lines.enumerated() {
            let trimmed = String(String.UnicodeScalarView(line)).trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[") {
                let inner = trimmed.drop { $0 == "[" }.prefix { $0 != "]" }
                table = inner.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard !trimmed.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(String.UnicodeScalarView(line[..<equals])).trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            guard !key.isEmpty, !key.contains(" ") else { continue }
            entries[table, default: []].append((key, Entry(line: index + 1, text: line, valueOffset: equals + 1)))
        }
    }

    /// The keys of `table` in file order (keys not in the file come last, sorted).
    func order(of keys: some Collection<String>, in table: String) -> [String] {
        let lineOf = Dictionary((entries[table] ?? []).map { ($0.key, $0.entry.line) }, uniquingKeysWith: { a, _ in a })
        return keys.sorted { (lineOf[$0] ?? Int.max, $0) < (lineOf[$1] ?? Int.max, $1) }
    }

    /// The line of `key` in `table`, if it is written there.
    func line(of key: String, in table: String) -> Int? {
        entries[table]?.first { $0.key == key }?.entry.line
    }

    /// The location of the first character of the string value of `key` in `table`, or of
    /// `field` inside the inline table that is its value; the key's line (or 1:1) otherwise.
    func stringLocation(of key: String, in table: String, field: String? = nil) -> SourceLocation {
        guard let entry = entries[table]?.first(where: { $0.key == key })?.entry else {
            return SourceLocation(file: file, line: 1, column: 1)
        }
        var offset = entry.valueOffset
        if let field {
            guard let found = fieldOffset(field, in: entry.text, from: offset) else {
                return SourceLocation(file: file, line: entry.line, column: 1)
            }
            offset = found
        }
        return stringStart(line: entry.line, text: entry.text, from: offset)
    }

    /// The offset just after `field =` inside an inline table.
    private func fieldOffset(_ field: String, in text: [Unicode.Scalar], from start: Int) -> Int? {
        let name = Array(field.unicodeScalars)
        var i = start
        while i + name.count <= text.count {
            let before = i == 0 ? " " : text[i - 1]
            if Array(text[i..<(i + name.count)]) == name, before == "{" || before == " " || before == "," {
                var j = i + name.count
                while j < text.count, text[j] == " " { j += 1 }
                if j < text.count, text[j] == "=" { return j + 1 }
            }
            i += 1
        }
        return nil
    }

    /// Skips spaces and the opening quote(s).
    private func stringStart(line: Int, text: [Unicode.Scalar], from start: Int) -> SourceLocation {
        var i = start
        while i < text.count, text[i] == " " || text[i] == "\t" { i += 1 }
        guard i < text.count, text[i] == "\"" || text[i] == "'" else {
            return SourceLocation(file: file, line: line, column: i + 1)
        }
        let quote = text[i]
        if i + 2 < text.count, text[i + 1] == quote, text[i + 2] == quote {
            // A multi-line string: a newline right after the opening quotes is not part of it.
            if i + 3 >= text.count { return SourceLocation(file: file, line: line + 1, column: 1) }
            return SourceLocation(file: file, line: line, column: i + 4)
        }
        return SourceLocation(file: file, line: line, column: i + 2)
    }
}

import Foundation
