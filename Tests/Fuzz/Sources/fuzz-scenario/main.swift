import TakeoffIO

/// TOML text → validated scenario or a ScenarioError; never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafeRawPointer, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ScenarioLoader.parse(text: text, file: "fuzz.toml")
    return 0
}
