import Foundation
import TakeoffIO
import TakeoffSampling

/// The metric values of a study's runs, kept on disk while the study streams, so that its
/// summaries can be computed exactly by passes (``StreamingSummary``) without holding the runs.
///
/// Each run is one fixed-size row of doubles: 1 or 0 (a result or not), then each metric, with
/// ``StreamingSummary/missing`` where it is undefined. The file lives beside the outputs under a
/// hidden name and is removed when the spool is.
final class RunSpool {
    let metrics: Int
    let path: String
    private let handle: FileHandle
    private var buffer: [Double] = []
    private(set) var rows = 0

    init(folder: String, metrics: Int) throws {
        self.metrics = metrics
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/.runs.spool-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw OutputPathError(path: folder, message: "cannot create the study's temporary file")
        }
        handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
    }

    deinit { remove() }

    /// Closes and deletes the spool file (at the end of a study; also on deinit).
    func remove() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Appends one run.
    func append(isResult: Bool, metrics values: [Double?]) throws {
        buffer.append(isResult ? 1 : 0)
        if values.isEmpty {
            buffer.append(contentsOf: repeatElement(StreamingSummary.missing, count: metrics))
        } else {
            for v in values { buffer.append(v ?? StreamingSummary.missing) }
        }
        rows += 1
        if buffer.count >= 1 << 17 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// One pass over every row, in run order.
    func pass(_ visit: StreamingSummary.Visitor) throws {
        try flush()
        try handle.seek(toOffset: 0)
        let width = metrics + 1
        let rowsPerChunk = max(1, (4 << 20) / (8 * width))
        var left = rows
        while left > 0 {
            let n = min(rowsPerChunk, left)
            guard let data = try handle.read(upToCount: n * width * 8), data.count == n * width * 8 else {
                throw OutputPathError(path: path, message: "the study's temporary file is shorter than expected")
            }
            data.withUnsafeBytes { raw in
                let values = raw.bindMemory(to: Double.self)
                for r in 0..<n {
                    visit(values[r * width] != 0, UnsafeBufferPointer(rebasing: values[(r * width + 1)..<((r + 1) * width)]))
                }
            }
            left -= n
        }
        try handle.seekToEnd()
    }
}
