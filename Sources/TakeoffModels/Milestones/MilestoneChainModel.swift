import Foundation
import TakeoffCore

/// The AI 2027 takeoff chain (Kokotajlo & Lifland 2025, ai-2027.com/research/takeoff-forecast;
/// code github.com/uvafan/timelines-takeoff-ai-2027): superhuman coder (SC) → superhuman AI
/// researcher (SAR) → superintelligent AI researcher (SIAR) → artificial superintelligence (ASI).
///
/// Each gap i has a human-only duration G_i [years of human research]. Progress P [human-only
/// years since SC] runs at the AI R&D speed-up, interpolated geometrically between the
/// milestones' multipliers m_i (5, 25, 250, 2,000) by the fraction of the gap done:
///
///     dP/dt = m_i·(m_{i+1}/m_i)^((P − B_{i−1})/G_i),   B_{i−1} ≤ P < B_i,   B_i = G_1 + … + G_i
///
/// (t in years since SC). Milestones are located events at P = B_i; the integration restarts
/// at each, where the speed has a kink. Each phase has the closed form
/// `T_i = G_i·(1 − 1/R_i)/(m_i·ln R_i)` with `R_i = m_{i+1}/m_i`, which the tests check. The
/// peer steps one day at a time with Euler and stops a phase at the first day whose progress
/// reaches the gap; the README measures the difference. The run ends at ASI or at the end of
/// the time span (the peer caps each phase at 1,000 years).
public enum MilestoneChainModel {
    public typealias Parameters = MilestoneChainParameters

    /// The model: its declarations and its resolution for a scenario.
    public static let spec = ModelSpec(
        id: "milestones", summary: "the AI 2027 takeoff chain SC → SAR → SIAR → ASI with exact milestone events (Kokotajlo & Lifland 2025)",
        parameters: parameterTable, states: states, observables: observables, metrics: metrics
    ) { p, inputs in
        ResolvedModel.Parts(
            states: states, observables: observables, metrics: metrics,
            defaultInitialState: defaultInitialState(p, start: inputs.start),
            scheme: .ode(.of(p, inputs, problem: problem, observe: observe, metrics: metrics)),
            narrative: narrative)
    }

    public static let states = [
        VariableInfo("humanOnlyProgress", unit: "human-only years", meaning: "research progress since SC, in years of human-only research"),
    ]
    public static let observables = [
        VariableInfo("speedUp", unit: "×", meaning: "AI R&D progress multiplier"),
        VariableInfo("milestonesReached", unit: "count", meaning: "milestones after SC reached so far (SAR, SIAR, ASI)"),
    ]
    public static let eventSettings: [EventSettingInfo] = []
    public static let metrics = [
        MetricInfo("monthsSCtoSAR", unit: "months", meaning: "calendar months from SC to SAR"),
        MetricInfo("monthsSARtoSIAR", unit: "months", meaning: "calendar months from SAR to SIAR"),
        MetricInfo("monthsSIARtoASI", unit: "months", meaning: "calendar months from SIAR to ASI"),
        MetricInfo("monthsSCtoASI", unit: "months", meaning: "calendar months from SC to ASI"),
        MetricInfo("humanYearsSCtoSAR", unit: "years", meaning: "human-only years of the SC→SAR gap"),
        MetricInfo("humanYearsSARtoSIAR", unit: "years", meaning: "human-only years of the SAR→SIAR gap (derived)"),
        MetricInfo("humanYearsSIARtoASI", unit: "years", meaning: "human-only years of the SIAR→ASI gap (derived)"),
    ]

    static let milestoneNames = ["sarYear", "siarYear", "asiYear"]

    /// The speed-up at progress P, and which gap P is in (3 past ASI). `p` must be resolved.
    static func speedUp(_ p: Parameters, progress: Double) -> (value: Double, phase: Int) {
        var start = 0.0
        for i in 0..<3 {
            if progress < p.phaseEnds[i] {
                return (p.phaseSpeeds[i] * exp(p.phaseLogRatios[i] * (progress - start) / p.phaseGaps[i]), i)
            }
            start = p.phaseEnds[i]
        }
        return (p.phaseSpeeds[3], 3)
    }

    /// Calendar years of one phase, in closed form.
    public static func phaseYears(gap: Double, from a: Double, to b: Double) -> Double {
        let lnR = log(b / a)
        return abs(lnR) < 1e-12 ? gap / a : gap * (1 - a / b) / (a * lnR)
    }

    public static func defaultInitialState(_ p: Parameters, start: Double) -> [String: Double] {
        ["humanOnlyProgress": 0]
    }

    public static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double),
                               settings: [String: [Double]]) -> ODEProblem<Parameters> {
        let parameters = parameters.resolved()
        let gaps = parameters.gaps
        let boundaries = [gaps[0], gaps[0] + gaps[1], gaps[0] + gaps[1] + gaps[2]]
        var events: [Event<Parameters>] = []
        for (i, name) in milestoneNames.enumerated() where boundaries[i] > 0 {
            let boundary = boundaries[i]
            // The speed has a kink at each milestone: restart there so no step straddles it.
            let action: EventAction<Parameters> = i == 2 ? .terminate : .modify { _, _, _ in }
            events.append(Event(name: name, direction: .rising, action: action) { _, y, _ in y[0] - boundary })
        }
        return ODEProblem(
            stateNames: states.map(\.name), parameters: parameters, initialState: initialState, timeSpan: span, events: events,
            jacobian: .analytic { _, y, dfdy, dfdt, p in
                let (v, phase) = speedUp(p, progress: y[0])
                dfdy[0] = phase < 3 ? v * p.phaseLogRatios[phase] / p.phaseGaps[phase] : 0
                dfdt[0] = 0
            }
        ) { _, y, dydt, p in
            dydt[0] = speedUp(p, progress: y[0]).value
        }
    }

    public static func observe(t: Double, y: UnsafeBufferPointer<Double>, parameters p: Parameters, start: Double) -> [Double] {
        // Problems hold resolved parameters (phaseEnds[3] = ∞); resolve only what was not.
        let (v, phase) = speedUp(p.phaseEnds[3] == .infinity ? p : p.resolved(), progress: y[0])
        return [v, Double(phase)]
    }

    public static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                               solver: ModelSolver) -> [String: Double?] {
        let p = problem.parameters, gaps = p.gaps
        let start = problem.timeSpan.start
        // A zero gap is reached at the start, where no crossing can be seen.
        var reached: [Double?] = [start]
        var boundary = 0.0
        for (i, name) in milestoneNames.enumerated() {
            boundary += gaps[i]
            reached.append(boundary == 0 ? start : solution.firstEvent(named: name)?.time)
        }
        func months(_ a: Int, _ b: Int) -> Double? {
            guard let from = reached[a], let to = reached[b] else { return nil }
            return 12 * (to - from)
        }
        return [
            "monthsSCtoSAR": months(0, 1), "monthsSARtoSIAR": months(1, 2), "monthsSIARtoASI": months(2, 3),
            "monthsSCtoASI": months(0, 3),
            "humanYearsSCtoSAR": gaps[0], "humanYearsSARtoSIAR": gaps[1], "humanYearsSIARtoASI": gaps[2],
        ]
    }

    public static func narrative(_ m: MetricValues) -> [String] {
        guard let total = m["monthsSCtoASI"] else { return ["in words: ASI is not reached in this span."] }
        let parts = ["monthsSCtoSAR", "monthsSARtoSIAR", "monthsSIARtoASI"].map { m[$0] ?? .nan }
        return [String(format: "in words: %.1f months from superhuman coder to superintelligence (%.1f to SAR, %.1f more to SIAR, %.1f more to ASI).",
                       total, parts[0], parts[1], parts[2])]
    }
}
