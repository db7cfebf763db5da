import Foundation
import TakeoffCore


extension FeedbackModel {
    public static let metrics = [
        MetricInfo("humanLevelYear", unit: "year", meaning: "capability reaches 1 (a human-level AI researcher)"),
        MetricInfo("beyondYear", unit: "year", meaning: "capability reaches that of a model trained on beyondComputeFactor × C_HL"),
        MetricInfo("monthsHumanLevelToBeyond", unit: "months", meaning: "months from human level to far beyond"),
        MetricInfo("countShare", unit: "fraction", meaning: "share of the growth of ln L_AI between the two dates due to more copies"),
        MetricInfo("capabilityShare", unit: "fraction", meaning: "share of that growth due to more capable copies (1 − countShare)"),
        MetricInfo("trainingShareAtHumanLevel", unit: "fraction", meaning: "training share f at human level"),
        MetricInfo("researchMultiplierAtHumanLevel", unit: "×", meaning: "research input / human-only input at human level"),
        MetricInfo("progressCompressionFirstYear", unit: "years", meaning: "years of software progress at the start year's human-only rate achieved in the 12 months after human level (null if a singularity comes first)"),
        MetricInfo("singularityYear", unit: "year", meaning: "estimated blow-up year (null when none)"),
    ]

    public static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                               solver: ModelSolver) -> [String: Double?] {
        let p = problem.parameters
        var out: [String: Double?] = [:]
        out["singularityYear"] = solution.status == .singularity ? solution.blowUpTime : nil
        let human = solution.firstEvent(named: "humanLevelYear")
        let beyond = solution.firstEvent(named: "beyondYear")
        out["humanLevelYear"] = human?.time
        out["beyondYear"] = beyond?.time
        if let human, let beyond {
            out["monthsHumanLevelToBeyond"] = 12 * (beyond.time - human.time)
            let a = FeedbackAlgebra(t: human.time, physical: human.state[0], software: human.state[1], p)
            let b = FeedbackAlgebra(t: beyond.time, physical: beyond.state[0], software: beyond.state[1], p)
            let count = p.parallelReturns * log(b.numberOfAIs / a.numberOfAIs)
            let capability = p.capabilityValue * log(b.capability / a.capability)
            let total = count + capability   // = ln L_AI(beyond) − ln L_AI(human) exactly
            out["countShare"] = total > 0 ? count / total : nil
            out["capabilityShare"] = total > 0 ? capability / total : nil
        }
        if let human {
            let a = FeedbackAlgebra(t: human.time, physical: human.state[0], software: human.state[1], p)
            out["trainingShareAtHumanLevel"] = a.trainingShare
            out["researchMultiplierAtHumanLevel"] = p.humanResearch ? a.researchInput / a.humanResearchers : nil
            out["progressCompressionFirstYear"] = progressCompression(after: human, problem: problem, solver: solver)
        }
        return out
    }

    /// ln(S(t_h + 1)/S(t_h)) divided by the human-only software growth rate of the start year,
    /// from a solve of the year after human level; `nil` if that year ends in a singularity.
    static func progressCompression(after human: EventRecord, problem: ODEProblem<Parameters>, solver: ModelSolver) -> Double? {
        let p = problem.parameters
        var options = solver.options
        options.save = .at([human.time + 1])
        var year = problem.with(initialState: human.state).with(timeSpan: (human.time, human.time + 1))
        year.events = []
        guard let solution = try? solver.with(options).solve(year), solution.status == .success,
              let last = solution.state(at: solution.count - 1).last else { return nil }
        let start = FeedbackAlgebra(t: p.startYear, physical: problem.initialState[0], software: problem.initialState[1], p)
        var humansOnly = p
        humansOnly.aiResearch = false
        humansOnly.humanResearch = true
        let humanRate = softwareDerivative(research: start.humanResearchers, software: problem.initialState[1], humansOnly)
            / problem.initialState[1]
        return log(last / human.state[1]) / humanRate
    }

    public static func narrative(_ m: MetricValues) -> [String] {
        func value(_ name: String) -> Double? { m[name] ?? nil }
        var lines: [String] = []
        guard let human = value("humanLevelYear") else {
            return ["in words: capability does not reach human level in this span"]
        }
        if let beyond = value("beyondYear"), let months = value("monthsHumanLevelToBeyond") {
            lines.append(String(format: "in words: human-level AI research in %.2f; far beyond %.1f months later (%.2f).",
                                human, months, beyond))
            if let count = value("countShare"), let capability = value("capabilityShare") {
                lines.append(String(format: "  AI research labour grows %.0f%% through more copies and %.0f%% through more capable copies in between.",
                                    100 * count, 100 * capability))
            }
        } else {
            lines.append(String(format: "in words: human-level AI research in %.2f; far beyond is not reached in this span.", human))
        }
        if let compression = value("progressCompressionFirstYear") {
            lines.append(String(format: "  The year after human level brings %.1f years of software progress at the start year's human-only pace.", compression))
        }
        if let singularity = value("singularityYear") {
            lines.append(String(format: "  Software progress diverges (finite-time singularity) around %.3f.", singularity))
        }
        return lines
    }
}
