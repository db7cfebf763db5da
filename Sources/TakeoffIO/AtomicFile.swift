import Foundation

/// Whole-file writes that never leave a truncated file behind.
public enum AtomicFile {
    /// Writes `text` to `path` through a temporary file in the same folder and a rename, so the
    /// previous file stays intact until the new one is complete. `-` writes to standard output.
    public static func write(_ text: String, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// Checks, before any work, that a file can be written at `path` (creating its folder if
    /// needed); throws a message naming the path otherwise. `-` (stdout) always can.
    public static func prepare(file path: String) throws(OutputPathError) {
        guard path != "-" else { return }
        try prepare(folder: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                    for: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputPathError(path: path, message: "is a folder; expected a file path")
        }
    }

    /// Checks that `folder` exists as a writable folder or can be created.
    public static func prepare(folder: String, for path: String? = nil) throws(OutputPathError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputPathError(path: path ?? folder, message: "\(folder) is a file, not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputPathError(path: path ?? folder, message: "cannot create the folder \(folder)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw OutputPathError(path: path ?? folder, message: "the folder \(folder) is not writable")
        }
    }

    /// The sidecar path of a CSV: `out/run.csv` → `out/run.meta.json`.
    public static func metadataPath(forCSV path: String) -> String {
        let stem = path.lowercased().hasSuffix(".csv") ? String(path.dropLast(4)) : path
        return stem + ".meta.json"
    }
}

/// An output path that cannot be written.
public struct OutputPathError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
