import Foundation
import TakeoffCore

extension RegulationModel {
    public static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                               solver: ModelSolver) -> [String: Double?] {
        let p = problem.parameters
        var out: [String: Double?] = [:]
        let years = reachedYears(solution, p)
        for (i, actor) in p.actors.enumerated() { out["yearReached.\(actor.name)"] = years[i] }
        let sorted = years.compactMap { $0 }.sorted()
        out["leadMonths"] = sorted.count >= 2 ? 12 * (sorted[1] - sorted[0]) : nil
        out["theftYear"] = solution.firstEvent(named: "theft")?.time

        // The same scenario without restrictions, solved the same way.
        var free = p
        free.restrictionsApply = false
        let counterfactual = try? solver.solve(RegulationModel.problem(free, initialState: problem.initialState,
                                                                      span: problem.timeSpan, settings: [:]))
        let freeYears = counterfactual.map { reachedYears($0, free) } ?? Array(repeating: nil, count: p.actors.count)
        for (i, actor) in p.actors.enumerated() {
            if let a = years[i], let b = freeYears[i] { out["delayBoughtMonths.\(actor.name)"] = 12 * (a - b) }
            else { out["delayBoughtMonths.\(actor.name)"] = nil }
        }
        return out
    }

    static func reachedYears(_ solution: ODESolution<Parameters>, _ p: Parameters) -> [Double?] {
        p.actors.map { solution.firstEvent(named: "reached.\($0.name)")?.time }
    }

    /// Who reaches the threshold first, and by how much, in words.
    public static func narrative(_ m: MetricValues, actors: [String]) -> [String] {
        let reached = actors.compactMap { name -> (String, Double)? in
            m["yearReached.\(name)"].map { (name, $0) }
        }.sorted { $0.1 < $1.1 }
        guard let first = reached.first else { return ["in words: no actor reaches the danger threshold in this span"] }
        var lines = [String(format: "in words: %@ reaches the danger threshold first, in %.2f", first.0, first.1)]
        if reached.count > 1 {
            lines[0] += String(format: ", %.1f months ahead of %@.", 12 * (reached[1].1 - first.1), reached[1].0)
        } else {
            lines[0] += "; no other actor reaches it in this span."
        }
        for (name, _) in reached {
            if let delay = m["delayBoughtMonths.\(name)"] ?? nil, abs(delay) > 1e-9 {
                lines.append(String(format: "  Restrictions delay %@ by %.1f months.", name, delay))
            }
        }
        if let theft = m["theftYear"] ?? nil { lines.append(String(format: "  The theft completes in %.2f.", theft)) }
        return lines
    }
}
