import Foundation
import Testing
import TakeoffCore
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels

/// The reference website's "High training requirements (1e42 FLOP for AGI)" timelines preset
/// (`long_timelines_best_guess` in website/src/js/presets.js): the best guess with these changes,
/// run to 2200 (the website extends the end year until full automation).
let longTimelines = ["parameters.fullAutomationRequirementsTraining=1e42", "parameters.flopGapTraining=1e6",
                     "parameters.fullAutomationRequirementsRuntime=1e20", "parameters.runtimeTrainingTradeoff=0",
                     "parameters.runtimeTrainingMaxTradeoff=1", "options.runtimeTradeoff=disabled", "time.end=2200"]

@Suite("ccf: the exact scheme's metrics follow the reference's definitions")
struct ComputeCentricDefinitionTests {
    /// Presets where tasks are automated slowly (the takeoff spans last years to decades), so a
    /// span that starts one task late or early moves by a visible amount.
    static let presets: [(name: String, file: String, overrides: [String])] = [
        ("best guess", "ccf-best-guess.toml", []),
        ("long timelines", "ccf-best-guess.toml", longTimelines),
        ("conservative to 2200", "ccf-conservative.toml", ["time.end=2200"]),
    ]

    @Test("full_automation_gns/rnd start where the automated fraction first exceeds 20% (strictly), as in the reference",
          arguments: presets.map(\.name))
    func strictSpanStart(preset: String) throws {
        let entry = try #require(Self.presets.first { $0.name == preset })
        let path = packageRoot.appendingPathComponent("Models/" + entry.file).path
        let exact = try ScenarioLoader.load(path: path, overrides: entry.overrides).run()
        let reference = try ScenarioLoader.load(path: path, overrides: entry.overrides + ["options.scheme=reference",
                                                                                          "parameters.referenceStep=0.01"]).run()
        for (span, start, end) in [("full_automation_gns", "automation_gns_over_20%", "automation_gns_100%"),
                                   ("full_automation_rnd", "automation_rnd_over_20%", "automation_rnd_100%")] {
            let got = try #require(exact.metric(span)), want = try #require(reference.metric(span))
            // The reference at step 0.01 quantises each end to 0.01 years; its first-order error
            // in the step is a few hundredths on these presets.
            #expect(abs(got - want) <= 0.05, "\(preset) \(span): exact \(got), reference at step 0.01 \(want)")
            // The span is the distance between the two located events, and it starts one task
            // (1/N of the goods tasks) after the `>= 20%` milestone, not at it.
            let over = try #require(exact.events.first { $0.name == start }?.time)
            let full = try #require(exact.events.first { $0.name == end }?.time)
            #expect(abs(got - (full - over)) < 1e-9)
            let atTwenty = try #require(exact.metric(start == "automation_gns_over_20%" ? "automation_gns_20%" : "automation_rnd_20%"))
            #expect(over > atTwenty, "\(preset): the strict crossing \(over) should follow the >= 20% milestone \(atTwenty)")
        }
    }
}
