import Foundation
import TakeoffModels

/// RFC 4180 CSV of a run: a header row, `year` first, then states, then observables.
///
/// Numbers are written in Swift's shortest round-trip form (reading them back gives the same
/// doubles, bit for bit); non-finite values as `nan`, `inf`, `-inf`. Lines end in CRLF as RFC
/// 4180 specifies. `long` format has the columns `year,variable,value`.
public enum CSVFormat: String, Sendable, CaseIterable {
    case wide, long
}

public enum CSVWriter {
    /// The CSV text of `run`.
    public static func csv(_ run: ModelRun, format: CSVFormat = .wide) -> String {
        var out = ""
        let width = run.columns.count
        switch format {
        case .wide:
            out += (["year"] + run.columns).map(field).joined(separator: ",") + "\r\n"
            for row in 0..<run.years.count {
                out += number(run.years[row])
                for j in 0..<width {
                    out += ","
                    out += number(run.values[row * width + j])
                }
                out += "\r\n"
            }
        case .long:
            out += "year,variable,value\r\n"
            for row in 0..<run.years.count {
                let year = number(run.years[row])
                for j in 0..<width {
                    out += "\(year),\(field(run.columns[j])),\(number(run.values[row * width + j]))\r\n"
                }
            }
        }
        return out
    }

    /// Shortest round-trip text of a double; `nan`, `inf`, `-inf` for non-finite values.
    public static func number(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return x.description
    }

    /// A field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
