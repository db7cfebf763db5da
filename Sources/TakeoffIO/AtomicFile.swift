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

    /// The sidecar path of a CSV: `out/run.csv` → `out/run.meta.json`.
    public static func metadataPath(forCSV path: String) -> String {
        let stem = path.lowercased().hasSuffix(".csv") ? String(path.dropLast(4)) : path
        return stem + ".meta.json"
    }
}
