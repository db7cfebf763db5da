import Foundation

/// The package root (for Models/ and the built binary), from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("takeoff-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A minimal valid compute-growth scenario, with `extra` lines appended.
func scenarioText(_ extra: String = "", time: String = "[time]\nstart = 2025.0\nend = 2035.0\n") -> String {
    "model = \"compute-growth\"\n" + time + extra
}
