import Foundation

/// A file written piece by piece that appears whole or not at all: the text goes to a
/// temporary file beside the target, in 1 MB writes, and ``commit()`` renames it over the
/// target. Until then the previous file (if any) stays intact; ``discard()`` (or dropping the
/// value uncommitted) removes the temporary file.
public final class StreamingFile {
    public let path: String
    let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false
    static let flushSize = 1 << 20

    /// Opens the temporary file for `path` (creating the folder).
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).part-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
            throw OutputPathError(path: path, message: "cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporary))
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    deinit { if !finished { discard() } }

    /// Appends `text`.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    /// Appends raw bytes.
    public func write(bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, closes, and renames the file onto its path.
    public func commit() throws {
        try flush()
        try handle.close()
        finished = true
        // rename(2) replaces the target atomically: readers see the old file or the new one.
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputPathError(path: path, message: "cannot rename the finished file into place")
        }
    }

    /// Closes and removes the temporary file; the target is untouched.
    public func discard() {
        finished = true
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
    }

    /// Reads a file in chunks of `chunk` bytes, calling `body` with each (bounded memory).
    public static func readChunks(_ path: String, chunk: Int = 8 << 20, _ body: (Data) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: chunk), !data.isEmpty { try body(data) }
    }
}
