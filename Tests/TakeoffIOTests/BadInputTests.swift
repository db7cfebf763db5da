import Foundation
import Testing

/// One bad input for one command: the arguments (with `DIR` for the case's folder), the exit
/// code and a piece of the message that locates the problem.
struct BadInput: CustomStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var exit: Int32
    var message: String
    var description: String { name }
}

let goodScenario = "model = \"compute-growth\"\n[time]\nstart = 2025.0\nend = 2030.0\n"
let goodStudy = goodScenario + "[uncertainty.utilization]\ndistribution = \"uniform\"\nmin = 0.2\nmax = 0.6\n"
let goodFit = "kind = \"trend\"\n[data]\nfile = \"data.csv\"\nx = \"date\"\ny = \"value\"\n[trend]\nform = \"exponential\"\n"

/// The files every case can point at.
let badFiles: [String: [UInt8]] = [
    "good.toml": Array(goodScenario.utf8),
    "study.toml": Array(goodStudy.utf8),
    "good.fit.toml": Array(goodFit.utf8),
    "data.csv": Array("name,date,value\na,2020-01-01,1\nb,2021-01-01,2\nc,2022-01-01,4\n".utf8),
    "unknown-key.toml": Array((goodScenario + "[parameters]\nhardwareDoublingYear = 2.5\n").utf8),
    "wrong-type.toml": Array((goodScenario + "[parameters]\nutilization = \"high\"\n").utf8),
    "out-of-range.toml": Array((goodScenario + "[parameters]\nutilization = 1.5\n").utf8),
    "nan.toml": Array((goodScenario + "[parameters]\ncomputeSpending = nan\n").utf8),
    "inf.toml": Array((goodScenario + "[parameters]\ncomputeSpending = inf\n").utf8),
    "huge.toml": Array((goodScenario + "[parameters]\ncomputeSpending = 1e400\n").utf8),
    "empty.toml": [],
    "malformed.toml": Array("model = \"compute-growth\"\n[time\nstart = 2025.0\n".utf8),
    "unknown-model.toml": Array("model = \"warp-drive\"\n[time]\nstart = 2025.0\nend = 2030.0\n".utf8),
    "not-utf8.toml": [0x6D, 0x6F, 0x64, 0x65, 0x6C, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0xFE, 0x22, 0x0A],
    "inverted.toml": Array("model = \"compute-growth\"\n[time]\nstart = 2030.0\nend = 2025.0\n".utf8),
    "bad-column.fit.toml": Array(goodFit.replacingOccurrences(of: "y = \"value\"", with: "y = \"nope\"").utf8),
    "bad-expect.toml": Array((goodScenario + "[expect]\nnope = { value = 1.0, abs = 1.0 }\n").utf8),
    "blocker": Array("a regular file, in the way of a folder".utf8),
]

let badInputs: [BadInput] = {
    var cases: [BadInput] = []
    let scenarioClasses: [(String, String)] = [
        ("unknown key", "unknown-key.toml"), ("wrong type", "wrong-type.toml"), ("out of range", "out-of-range.toml"),
        ("NaN", "nan.toml"), ("infinity", "inf.toml"), ("huge number", "huge.toml"), ("empty file", "empty.toml"),
        ("malformed file", "malformed.toml"), ("missing file", "missing.toml"), ("unreadable file (a folder)", "folder.toml"),
        ("unknown model", "unknown-model.toml"), ("non-UTF-8 bytes", "not-utf8.toml"), ("inverted time span", "inverted.toml"),
    ]
    for (label, file) in scenarioClasses {
        cases.append(BadInput(name: "run: \(label)", arguments: ["run", "DIR/\(file)", "--csv", "DIR/out/run.csv"], exit: 64, message: file))
        cases.append(BadInput(name: "validate: \(label)", arguments: ["validate", "DIR/\(file)"], exit: 64, message: file))
        cases.append(BadInput(name: "sample: \(label)", arguments: ["sample", "DIR/\(file)", "--runs", "4", "--output", "DIR/out/s"], exit: 64, message: file))
        cases.append(BadInput(name: "sensitivity: \(label)", arguments: ["sensitivity", "DIR/\(file)", "--metric", "x", "--output", "DIR/out/s"], exit: 64, message: file))
        cases.append(BadInput(name: "sweep: \(label)", arguments: ["sweep", "DIR/\(file)", "--grid", "utilization=0.2:0.6:3", "--output", "DIR/out/s"], exit: 64, message: file))
        cases.append(BadInput(name: "verify: \(label)", arguments: ["verify", "DIR/\(file)", "--record", "DIR/out/r"], exit: 64, message: file))
    }
    cases += [
        BadInput(name: "run: unknown --set key", arguments: ["run", "DIR/good.toml", "--set", "parameters.nope=1"], exit: 64, message: "parameters.nope"),
        BadInput(name: "run: malformed --set", arguments: ["run", "DIR/good.toml", "--set", "nonsense"], exit: 64, message: "--set"),
        BadInput(name: "run: contradictory flags", arguments: ["run", "DIR/good.toml", "--csv", "-", "--json"], exit: 64, message: "--json"),
        BadInput(name: "run: unknown format", arguments: ["run", "DIR/good.toml", "--format", "tall"], exit: 64, message: "--format"),
        BadInput(name: "run: output under a file", arguments: ["run", "DIR/good.toml", "--csv", "DIR/blocker/run.csv"], exit: 64, message: "blocker"),
        BadInput(name: "run: output is a folder", arguments: ["run", "DIR/good.toml", "--csv", "DIR"], exit: 64, message: "folder"),
        BadInput(name: "sample: zero runs", arguments: ["sample", "DIR/study.toml", "--runs", "0", "--output", "DIR/out/s"], exit: 64, message: "--runs"),
        BadInput(name: "sample: negative runs", arguments: ["sample", "DIR/study.toml", "--runs=-5", "--output", "DIR/out/s"], exit: 64, message: "--runs"),
        BadInput(name: "sample: zero threads", arguments: ["sample", "DIR/study.toml", "--threads", "0", "--output", "DIR/out/s"], exit: 64, message: "--threads"),
        BadInput(name: "sample: no [uncertainty]", arguments: ["sample", "DIR/good.toml", "--output", "DIR/out/s"], exit: 64, message: "uncertainty"),
        BadInput(name: "sample: bad shard", arguments: ["sample", "DIR/study.toml", "--shard", "4/3", "--output", "DIR/out/s"], exit: 64, message: "--shard"),
        BadInput(name: "sample: bad probability", arguments: ["sample", "DIR/study.toml", "--probability", "x~1", "--output", "DIR/out/s"], exit: 64, message: "--probability"),
        BadInput(name: "sample: output under a file", arguments: ["sample", "DIR/study.toml", "--output", "DIR/blocker/s"], exit: 64, message: "blocker"),
        BadInput(name: "sensitivity: unknown metric", arguments: ["sensitivity", "DIR/study.toml", "--metric", "nope", "--output", "DIR/out/s"], exit: 64, message: "--metric"),
        BadInput(name: "sensitivity: unknown method", arguments: ["sensitivity", "DIR/study.toml", "--method", "magic", "--metric", "largestTrainingRunEnd", "--output", "DIR/out/s"], exit: 64, message: "--method"),
        BadInput(name: "sensitivity: too few Sobol runs", arguments: ["sensitivity", "DIR/study.toml", "--method", "sobol", "--runs", "1", "--metric", "largestTrainingRunEnd", "--output", "DIR/out/s"], exit: 64, message: "--runs"),
        BadInput(name: "sweep: no grid", arguments: ["sweep", "DIR/good.toml", "--output", "DIR/out/s"], exit: 64, message: "--grid"),
        BadInput(name: "sweep: malformed grid", arguments: ["sweep", "DIR/good.toml", "--grid", "utilization=0.2:x:3", "--output", "DIR/out/s"], exit: 64, message: "--grid"),
        BadInput(name: "sweep: unknown parameter", arguments: ["sweep", "DIR/good.toml", "--grid", "nope=1:2:3", "--output", "DIR/out/s"], exit: 64, message: "nope"),
        BadInput(name: "fit: missing file", arguments: ["fit", "DIR/missing.fit.toml", "--csv", "DIR/out/f.csv"], exit: 64, message: "missing.fit.toml"),
        BadInput(name: "fit: empty file", arguments: ["fit", "DIR/empty.toml"], exit: 64, message: "empty.toml"),
        BadInput(name: "fit: missing column", arguments: ["fit", "DIR/bad-column.fit.toml", "--csv", "DIR/out/f.csv"], exit: 64, message: "data.y"),
        BadInput(name: "fit: trend with --write-scenario", arguments: ["fit", "DIR/good.fit.toml", "--write-scenario", "DIR/out/w.toml"], exit: 64, message: "--write-scenario"),
        BadInput(name: "fit: output under a file", arguments: ["fit", "DIR/good.fit.toml", "--csv", "DIR/blocker/f.csv"], exit: 64, message: "blocker"),
        BadInput(name: "merge: not shards", arguments: ["merge", "DIR", "--output", "DIR/out/m"], exit: 64, message: "shard"),
        BadInput(name: "merge: missing folder", arguments: ["merge", "DIR/nowhere", "--output", "DIR/out/m"], exit: 64, message: "nowhere"),
        BadInput(name: "verify: malformed [expect]", arguments: ["verify", "DIR/bad-expect.toml"], exit: 64, message: "expect.nope"),
        BadInput(name: "unknown command", arguments: ["launch"], exit: 64, message: "launch"),
    ]
    return cases
}()

@Suite("Bad-input catalogue")
struct BadInputTests {
    @Test("every bad input exits 64 with a located message, nothing on stdout, nothing written", arguments: badInputs)
    func badInput(_ c: BadInput) throws {
        let dir = try temporaryFolder()
        for (name, bytes) in badFiles { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.toml"), withIntermediateDirectories: true)
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "DIR", with: dir.path) }
        let result = try takeoff(arguments, in: dir)
        #expect(result.status == c.exit, "\(c.name): exit \(result.status), stderr \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(c.name): stdout \(result.stdout)")
        #expect(result.stderr.contains(c.message), "\(c.name): \(result.stderr)")
        let out = dir.appendingPathComponent("out")
        let written = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? [])
            .filter { !$0.isEmpty && !out.appendingPathComponent($0).hasDirectoryPath }
        let files = written.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        #expect(files.isEmpty, "\(c.name): wrote \(files)")
        // Inputs are never modified.
        for (name, bytes) in badFiles {
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == Data(bytes), "\(c.name) changed \(name)")
        }
    }
}
