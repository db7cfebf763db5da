import TakeoffGSL
import TakeoffIO

let base = """
model = "compute-growth"
[time]
start = 2025.0
end = 2026.0

"""

/// `[uncertainty]` text appended to a valid scenario → a sampler (then a few draws) or an error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDistribution(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    guard let scenario = try? ScenarioLoader.parse(text: base + text, file: "fuzz.toml"), let sampler = scenario.uncertainty else {
        return 0
    }
    let stream = RandomStream(seed: 1)
    for run in 0..<4 {
        let values = sampler.draw(seed: UInt64(run), stream: stream)
        precondition(values.count == sampler.parameters.count)
    }
    return 0
}
