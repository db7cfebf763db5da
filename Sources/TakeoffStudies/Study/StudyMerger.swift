import TakeoffIO
import Foundation
import SwiftCSV
import TakeoffSampling

/// Why shard folders cannot be merged.
public struct MergeError: Error, CustomStringConvertible, Sendable {
    public var folder: String
    public var message: String
    public var description: String { "\(folder): \(message)" }
}

/// `takeoff merge`: shard folders into exactly the files a single run writes.
///
/// Refuses shards whose `meta.json` differ (another scenario, seed, run count, requested
/// outputs or program version), shard sets with a missing or duplicate shard, and folders that
/// are not shards.
public enum StudyMerger {
    struct Shard {
        var folder: String
        var index: Int
        var count: Int
        var metadata: String
        /// The first line of `runs.csv`, with its line break.
        var header: String
        var parameterNames: [String]
        var metricNames: [String]
        var grid: [Double]
        var bands: [String: BandHistogram]
    }

    /// Folders as given, with a study folder replaced by its `shard-i-of-n` subfolders.
    public static func expand(_ folders: [String]) -> [String] {
        folders.flatMap { folder -> [String] in
            if FileManager.default.fileExists(atPath: folder + "/shard.json") { return [folder] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            let shards = names.filter { $0.hasPrefix("shard-") && $0.contains("-of-") }.sorted()
            return shards.isEmpty ? [folder] : shards.map { folder + "/" + $0 }
        }
    }

    public static func merge(folders: [String], into output: String) throws {
        guard !folders.isEmpty else { throw MergeError(folder: "merge", message: "no shard folders given") }
        let shards = try folders.map(read).sorted { $0.index < $1.index }
        let first = shards[0]
        for s in shards where s.metadata != first.metadata {
            let mine = try? JSONSerialization.jsonObject(with: Data(s.metadata.utf8))
            let theirs = try? JSONSerialization.jsonObject(with: Data(first.metadata.utf8))
            guard let d = firstDifference(mine, theirs, path: "") else {
                throw MergeError(folder: s.folder, message: "meta.json differs from \(first.folder): a different scenario, seed, run count, requested outputs or program version")
            }
            throw MergeError(folder: s.folder, message: "meta.json differs from \(first.folder) in '\(d.path)': \(d.mine) here, \(d.theirs) in \(first.folder) (shards of one study share every field)")
        }
        for s in shards where s.count != first.count {
            throw MergeError(folder: s.folder, message: "is shard \(s.index + 1)/\(s.count), but \(first.folder) is one of \(first.count)")
        }
        var seen = Set<Int>()
        for s in shards where !seen.insert(s.index).inserted {
            throw MergeError(folder: s.folder, message: "duplicate shard \(s.index + 1)/\(s.count)")
        }
        let missing = (0..<first.count).filter { !seen.contains($0) }
        guard missing.isEmpty else {
            throw MergeError(folder: "merge", message: "missing shard(s) \(missing.map { "\($0 + 1)/\(first.count)" }.joined(separator: ", "))")
        }
        guard let meta = try JSONSerialization.jsonObject(with: Data(first.metadata.utf8)) as? [String: Any] else {
            throw MergeError(folder: first.folder, message: "meta.json is not a JSON object")
        }
        let bandNames = meta["bands"] as? [String] ?? []
        var queries: [ProbabilityQuery] = []
        for text in meta["probabilities"] as? [String] ?? [] {
            guard let q = ProbabilityQuery(text), first.metricNames.contains(q.metric) else {
                throw MergeError(folder: first.folder, message: "meta.json: probabilities: '\(text)' is not metric<value (or <=, >, >=) over a metric of runs.csv (\(first.metricNames.joined(separator: ", ")))")
            }
            queries.append(q)
        }
        for name in bandNames where first.bands[name] == nil {
            throw MergeError(folder: first.folder, message: "meta.json: bands: '\(name)' has no histogram in bands.partial.json")
        }
        if meta["kind"] as? String == "sensitivity" {
            // A sensitivity design is bounded (ResourceLimits): its analysis reads every run.
            guard let spec = SensitivityStudy.spec(from: meta) else {
                throw MergeError(folder: first.folder, message: "meta.json does not describe a sensitivity analysis")
            }
            var data = StudyData(parameterNames: first.parameterNames, metricNames: first.metricNames,
                                 records: try shards.flatMap { try records($0) }, grid: first.grid, bands: first.bands)
            for s in shards.dropFirst() {
                for (name, h) in s.bands { data.bands[name]?.merge(h) }
            }
            do {
                try SensitivityStudy.write(data, spec: spec, metadata: first.metadata, to: output)
            } catch let error as SensitivityError {
                throw MergeError(folder: "merge", message: error.description)
            }
            return
        }
        // A Monte Carlo study streams: each shard's rows are copied in run order and their values
        // spooled, so the merge holds one chunk of one shard at a time.
        let sink = try StudyStream(folder: output, parameterNames: first.parameterNames, metricNames: first.metricNames,
                                   grid: first.grid, bands: bandNames, probabilities: queries)
        for s in shards {
            try copyRuns(s, header: first.header, into: sink)
            try copyFailures(s, into: sink)
            sink.mergeBands(s.bands)
        }
        var options = SampleOptions(runs: 0, seed: 0, threads: 1, bands: bandNames, probabilities: queries)
        options.keepSaveSchedule = false
        try sink.finish(metadata: first.metadata, options: options)
    }

    /// Copies the rows of a shard's `failures.csv` (after its header) into `sink`, chunk by chunk.
    static func copyFailures(_ s: Shard, into sink: StudyStream) throws {
        let header = Data(StudyWriter.failuresHeader.utf8)
        var skipped = Data()
        guard FileManager.default.fileExists(atPath: s.folder + "/failures.csv") else {
            throw MergeError(folder: s.folder, message: "no failures.csv: not a shard folder of `takeoff sample --shard`")
        }
        try StreamingFile.readChunks(s.folder + "/failures.csv") { data in
            var data = data
            if skipped.count < header.count {
                let take = min(header.count - skipped.count, data.count)
                skipped.append(data.prefix(take))
                data = data.dropFirst(take)
            }
            if !data.isEmpty { try sink.addFailureRows(Data(data)) }
        }
        guard skipped == header else { throw MergeError(folder: s.folder, message: "failures.csv does not start with its header") }
    }

    /// Copies a shard's `runs.csv` rows into `sink`, line by line, checking each.
    static func copyRuns(_ s: Shard, header: String, into sink: StudyStream) throws {
        var pending: [UInt8] = []
        var sawHeader = false
        let width = 3 + s.parameterNames.count + s.metricNames.count
        func line(_ bytes: ArraySlice<UInt8>) throws {
            let text = String(decoding: bytes, as: UTF8.self)
            guard sawHeader else {
                guard text + "\r\n" == header else { throw MergeError(folder: s.folder, message: "runs.csv has another header than the first shard's") }
                sawHeader = true
                return
            }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == width, Int(fields[0]) != nil, UInt64(fields[1]) != nil else {
                throw MergeError(folder: s.folder, message: "runs.csv has a malformed row")
            }
            guard let outcome = RunOutcome(name: String(fields[2])) else {
                throw MergeError(folder: s.folder, message: "runs.csv: run \(fields[0]) has an unknown status '\(fields[2])'")
            }
            let metrics = fields[(3 + s.parameterNames.count)...].map { $0.isEmpty ? nil : Double($0) }
            let isResult: Bool
            if case .solved(let code) = outcome { isResult = code.isResult } else { isResult = false }
            try sink.addRow(text + "\r\n", isResult: isResult, metrics: Array(metrics))
        }
        try StreamingFile.readChunks(s.folder + "/runs.csv") { data in
            pending.append(contentsOf: data)
            var start = pending.startIndex
            var i = start
            while i + 1 < pending.endIndex {
                if pending[i] == 13 && pending[i + 1] == 10 {
                    try line(pending[start..<i])
                    start = i + 2
                    i = start
                } else {
                    i += 1
                }
            }
            pending.removeSubrange(pending.startIndex..<start)
        }
        guard pending.isEmpty else { throw MergeError(folder: s.folder, message: "runs.csv does not end with a line break") }
    }

    /// The first field where two `meta.json` objects differ, in key order, nested objects by
    /// dotted path (`resolvedScenario.parameters.utilization`), with both values as JSON.
    static func firstDifference(_ mine: Any?, _ theirs: Any?, path: String) -> (path: String, mine: String, theirs: String)? {
        if let a = mine as? [String: Any], let b = theirs as? [String: Any] {
            for key in Set(a.keys).union(b.keys).sorted() {
                if let d = firstDifference(a[key], b[key], path: path.isEmpty ? key : path + "." + key) { return d }
            }
            return nil
        }
        let (x, y) = (rendered(mine), rendered(theirs))
        return x == y ? nil : (path.isEmpty ? "meta.json" : path, x, y)
    }

    /// A value as one line of JSON (long ones cut), or `(absent)`.
    static func rendered(_ value: Any?) -> String {
        guard let value else { return "(absent)" }
        let line = String(RunReport.serialize([value], pretty: false).dropFirst().dropLast(2))
        return line.count > 120 ? String(line.prefix(117)) + "…" : line
    }

    static func text(_ folder: String, _ name: String) throws -> String {
        guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else {
            throw MergeError(folder: folder, message: "no \(name): not a shard folder of `takeoff sample --shard`")
        }
        return text
    }

    /// The first line of a file, with its CRLF, read without loading the file.
    static func firstLine(_ folder: String, _ name: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: folder + "/" + name) else {
            throw MergeError(folder: folder, message: "no \(name): not a shard folder of `takeoff sample --shard`")
        }
        defer { try? handle.close() }
        var bytes = Data()
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            bytes.append(chunk)
            if let end = bytes.firstRange(of: Data([13, 10])) { return String(decoding: bytes[..<end.upperBound], as: UTF8.self) }
            guard bytes.count < 1 << 24 else { break }
        }
        throw MergeError(folder: folder, message: "\(name) has no header line")
    }

    /// Every run of a shard in memory (sensitivity designs, which are bounded).
    static func records(_ s: Shard) throws -> [RunRecord] {
        let folder = s.folder
        let runs = try CSV<Enumerated>(string: try text(folder, "runs.csv"))
        var messages: [Int: String] = [:]
        for row in try CSV<Enumerated>(string: try text(folder, "failures.csv")).rows where row.count >= 4 {
            if let id = Int(row[0]) { messages[id] = row[3] }
        }
        var records: [RunRecord] = []
        for row in runs.rows {
            guard row.count == runs.header.count, let id = Int(row[0]), let seed = UInt64(row[1]) else {
                throw MergeError(folder: folder, message: "runs.csv has a malformed row")
            }
            guard let outcome = RunOutcome(name: row[2]) else {
                throw MergeError(folder: folder, message: "runs.csv: run \(id) has an unknown status '\(row[2])'")
            }
            let parameters = row[3..<(3 + s.parameterNames.count)].map { Double($0) ?? .nan }
            let metrics = row[(3 + s.parameterNames.count)...].map { $0.isEmpty ? nil : Double($0) }
            records.append(RunRecord(runID: id, seed: seed, outcome: outcome, parameters: Array(parameters),
                                     metrics: Array(metrics), message: messages[id]))
        }
        return records
    }

    static func read(_ folder: String) throws -> Shard {
        let metadata = try text(folder, "meta.json")
        guard let shard = try JSONSerialization.jsonObject(with: Data(try text(folder, "shard.json").utf8)) as? [String: Any],
              let index = shard["index"] as? Int, let count = shard["count"] as? Int,
              let meta = try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as? [String: Any] else {
            throw MergeError(folder: folder, message: "shard.json or meta.json is malformed")
        }
        let parameterNames = meta["uncertainParameters"] as? [String] ?? []
        let header = try firstLine(folder, "runs.csv")
        let names = try CSV<Enumerated>(string: header).header
        guard names.count >= 3 + parameterNames.count else { throw MergeError(folder: folder, message: "runs.csv has too few columns") }
        let metricNames = Array(names.dropFirst(3 + parameterNames.count))
        guard let partial = try JSONSerialization.jsonObject(with: Data(try text(folder, "bands.partial.json").utf8)) as? [String: Any] else {
            throw MergeError(folder: folder, message: "bands.partial.json is malformed")
        }
        let grid = (partial["grid"] as? [String] ?? []).compactMap(Double.init)
        var bands: [String: BandHistogram] = [:]
        for (name, value) in partial["bands"] as? [String: [String: Any]] ?? [:] {
            let bins = (value["bins"] as? [[String: Int]] ?? []).map { point in
                Dictionary(uniqueKeysWithValues: point.compactMap { k, v in Int(k).map { ($0, v) } })
            }
            bands[name] = BandHistogram(bins: bins, nonFinite: value["nonFinite"] as? [Int] ?? [])
        }
        return Shard(folder: folder, index: index, count: count, metadata: metadata, header: header,
                     parameterNames: parameterNames, metricNames: metricNames, grid: grid, bands: bands)
    }
}
