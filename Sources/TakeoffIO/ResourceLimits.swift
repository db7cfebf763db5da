import Foundation

/// Documented bounds on what one command may allocate, checked before any work so that no
/// input can take the machine down (README, "Limits").
///
/// - Rows of a run: a save grid `time.saveEvery` over the span keeps `span/saveEvery + 1` rows of
///   `16·states + 8` bytes each (values and derivatives); at most `solver.maxSavedPoints`
///   (10,000,000 by default, ≈ 1.4 GB for 8 states; raise it with `--set solver.maxSavedPoints=…`).
///   Saving every step is bounded by `solver.maxSteps`.
/// - Runs of a study in one process: `takeoff sample` streams (memory holds one block of 1,024
///   runs whatever the count), so the bound is on what it writes: about 24 bytes per field of
///   `runs.csv` plus 8 per metric in the temporary spool; one process takes at most
///   ``maxRunsPerProcess`` (20,000,000, a few GB of files) runs, and never more than the free space
///   of the output's file system holds; larger studies run as shards (`--shard i/n`) merged by
///   `takeoff merge`, which streams too. `sweep` and `sensitivity` keep their (bounded) designs in
///   memory, about 200 bytes plus 8 per value a run, under the same run limit.
public enum ResourceLimits {
    /// A limit that a request exceeds: the key path or flag, and what was asked against the limit.
    public struct Exceeded: Error, Equatable, Sendable {
        public var path: String
        public var message: String
    }

    public static let maxRunsPerProcess = 20_000_000

    /// The rows of a run on a save grid, against `limit`.
    public static func checkRows(span: Double, saveEvery: Double?, limit: Int, dimension: Int) -> Result<Void, Exceeded> {
        guard let saveEvery else { return .success(()) }
        let rows = span / saveEvery + 1
        guard rows <= Double(limit) else {
            let bytes = rows * Double(16 * dimension + 8)
            return .failure(Exceeded(path: "time.saveEvery", message:
                "a save grid of \(saveEvery) over \(span) years would keep \(format(rows)) rows (\(bytes.formattedBytes)), more than the limit of \(limit) rows; save more coarsely, shorten [time], or raise the limit with --set solver.maxSavedPoints=N"))
        }
        return .success(())
    }

    /// The runs a cluster study may have in all: its merge job streams, so the bound is the merged
    /// files on one node (about 150 bytes a run).
    public static let maxRunsPerStudy = 500_000_000

    /// The number of runs of a study in one process.
    public static func checkRuns(_ runs: Int, flag: String = "--runs", limit: Int = maxRunsPerProcess) -> Result<Void, Exceeded> {
        guard runs <= limit else {
            return .failure(Exceeded(path: flag, message:
                "\(runs) runs would write about \((Double(runs) * 150).formattedBytes) of study files from one process, more than the limit of \(limit) runs; split the study into shards (--shard i/n, then takeoff merge)"))
        }
        return .success(())
    }

    /// The files a study of `runs` runs writes into `folder` (`runs.csv` at about 24 bytes a field,
    /// the spool at 8 bytes a metric), against the free space of its file system.
    public static func checkDisk(runs: Int, fields: Int, metrics: Int, folder: String, flag: String = "--runs") -> Result<Void, Exceeded> {
        let needed = Double(runs) * Double(24 * fields + 8 * (metrics + 1))
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.doubleValue else { return .success(()) }
        guard needed <= free else {
            return .failure(Exceeded(path: flag, message:
                "\(runs) runs would write about \(needed.formattedBytes) into \(folder), more than its file system's \(free.formattedBytes) free (the limit); free space, write elsewhere (--output), or split the study into shards"))
        }
        return .success(())
    }

    static func format(_ x: Double) -> String {
        x < 1e15 ? String(Int(x.rounded(.up))) : String(format: "%.3g", x)
    }
}

extension Double {
    /// A byte count in the largest unit that keeps it above 1 (B, KB, MB, GB, TB; ≥ 1 PB as a number).
    var formattedBytes: String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var v = self, i = 0
        while v >= 1000, i < units.count - 1 { v /= 1000; i += 1 }
        if self >= 1e15 { return String(format: "%.3g bytes", self) }
        return i == 0 ? "\(Int(v)) B" : "\((v * 10).rounded() / 10) \(units[i])"
    }
}
