import TakeoffModels
/// Renders a ``ConfigValue`` tree as TOML (for the resolved scenario in metadata, which
/// `takeoff run` reads back to reproduce a CSV). Keys are sorted, so the text is stable.
public enum TOMLWriter {
    public static func render(_ root: [String: ConfigValue]) -> String {
        var lines: [String] = []
        for key in root.keys.sorted() {
            if case .table = root[key]! { continue }
            lines.append("\(key) = \(value(root[key]!))")
        }
        for key in root.keys.sorted() {
            guard case .table(let table) = root[key]! else { continue }
            lines.append("")
            lines.append("[\(key)]")
            for inner in table.keys.sorted() { lines.append("\(inner) = \(value(table[inner]!))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func value(_ v: ConfigValue) -> String {
        switch v {
        case .string(let s):
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .integer(let i): return "\(i)"
        case .double(let d): return CSVWriter.number(d)
        case .bool(let b): return b ? "true" : "false"
        case .array(let items): return "[" + items.map(value).joined(separator: ", ") + "]"
        case .table(let t): return "{ " + t.keys.sorted().map { "\($0) = \(value(t[$0]!))" }.joined(separator: ", ") + " }"
        case .other(let s): return "\"\(s)\""
        }
    }

    /// `[uncertainty.<name>]` tables and the correlations line.
    public static func renderUncertainty(_ tables: [String: ConfigValue], correlations: [ConfigValue]) -> String {
        var lines: [String] = []
        for name in tables.keys.sorted() {
            guard case .table(let t) = tables[name]! else { continue }
            lines.append("[uncertainty.\(name)]")
            for key in t.keys.sorted() { lines.append("\(key) = \(value(t[key]!))") }
            lines.append("")
        }
        if !correlations.isEmpty {
            lines.append("[uncertainty]")
            lines.append("correlations = [" + correlations.map(value).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
