// Timing of one compute-centric framework run (the best-guess preset, 2022-2100; by default the exact
// scheme, or the scenario given, e.g. Models/ccf-best-guess-reference.toml for the reference's fixed
// step): the median of N in-process runs, after one warm-up, and the run's work counters.
//
// Usage: swift run -c release ccf-bench [runs] [scenario]
import Foundation
import TakeoffIO
import TakeoffStudies
import TakeoffModels

#if DEBUG
FileHandle.standardError.write("warning: ccf-bench was built in debug mode; timings are meaningless. Use -c release.\n".data(using: .utf8)!)
#endif

let arguments = CommandLine.arguments
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 50 : 50
let path = arguments.count > 2 ? arguments[2] : "Models/ccf-best-guess.toml"
let scenario = try ScenarioLoader.load(path: path)
_ = try scenario.run()
var seconds: [Double] = []
var last: ModelRun?
for _ in 0..<runs {
    let start = ContinuousClock.now
    last = try scenario.run()
    let elapsed = ContinuousClock.now - start
    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}
seconds.sort()
let median = seconds[seconds.count / 2]
print(String(format: "%@: %d runs, median %.2f ms per run (min %.2f, max %.2f); %@", path, runs, 1e3 * median,
             1e3 * seconds[0], 1e3 * seconds[seconds.count - 1], last?.scheme ?? ""))
