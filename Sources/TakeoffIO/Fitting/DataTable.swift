import Foundation
import SwiftCSV

/// A CSV data file read with SwiftCSV: columns by name, numbers and `YYYY-MM-DD` dates (as
/// decimal years), and errors that name the file, the line and the column.
public struct DataTable: Sendable {
    public let file: String
    public let header: [String]
    /// Data rows; row k is on line k + 2 of the file (after the header).
    public let rows: [[String]]

    /// Reads `path`.
    public static func read(path: String) throws(ScenarioError) -> DataTable {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ScenarioError(file: path, keyPath: nil, reason: .missingFile, message: "no such data file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, keyPath: nil, reason: .unreadableFile, message: "cannot read the data file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: nil, reason: .unreadableFile, message: "the data file is not UTF-8 text")
        }
        return try parse(text: text, file: path)
    }

    /// Parses CSV `text` (named `file` in errors).
    public static func parse(text: String, file: String) throws(ScenarioError) -> DataTable {
        do {
            let csv = try CSV<Enumerated>(string: text)
            guard !csv.header.isEmpty, csv.header != [""] else {
                throw ScenarioError(file: file, keyPath: nil, reason: .emptyFile, message: "the data file has no header row")
            }
            return DataTable(file: file, header: csv.header, rows: csv.rows)
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(file: file, keyPath: nil, reason: .malformed, message: "cannot read the CSV: \(error)")
        }
    }

    /// The index of column `name`.
    public func column(_ name: String, for keyPath: String, in fitFile: String) throws(ScenarioError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw ScenarioError(file: fitFile, keyPath: keyPath, reason: .outOfRange,
                                message: "no column '\(name)' in \(file): expected one of \(header.joined(separator: ", "))")
        }
        return index
    }

    /// The value at `row`, `column` as a number (a `YYYY-MM-DD` date becomes a decimal year);
    /// `nil` when the field is empty.
    public func number(row: Int, column: Int) throws(ScenarioError) -> Double? {
        let text = row < rows.count && column < rows[row].count ? rows[row][column].trimmingCharacters(in: .whitespaces) : ""
        if text.isEmpty { return nil }
        if let x = Double(text), x.isFinite { return x }
        if let year = Self.decimalYear(text) { return year }
        throw ScenarioError(file: file, keyPath: header[column], line: row + 2, reason: .wrongType,
                            message: "cannot read '\(text)' as a number or a YYYY-MM-DD date")
    }

    /// `YYYY-MM-DD` as year + (day of year − 1)/days in year; `nil` if not a valid date.
    public static func decimalYear(_ text: String) -> Double? {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= lengths[m - 1] else { return nil }
        let dayOfYear = lengths.prefix(m - 1).reduce(0, +) + d
        return Double(y) + Double(dayOfYear - 1) / Double(leap ? 366 : 365)
    }
}
