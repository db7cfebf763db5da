import TakeoffIO

let base = """
model = "feedback"
[time]
start = 2025.0
end = 2030.0
"""

/// Each line of the input is one `--set key.path=value` override of a valid scenario.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSet(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    let overrides = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16).map(String.init)
    _ = try? ScenarioLoader.parse(text: base, file: "fuzz.toml", overrides: overrides)
    return 0
}
