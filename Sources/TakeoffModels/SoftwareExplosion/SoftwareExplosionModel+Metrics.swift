import Foundation
import TakeoffCore

extension SoftwareExplosionModel {
    public static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                               solver: ModelSolver) -> [String: Double?] {
        guard solution.count > 0 else { return [:] }
        let p = problem.parameters
        let perYear = p.doublingsPerYearOfProgress
        let last = solution.state(at: solution.count - 1)
        let finalDoublings = last[last.startIndex]
        let endTime = solution.times[solution.count - 1]
        var out: [String: Double?] = [:]

        // Progress in the first year: the located crossing of t = start + 1, or everything if
        // the run reached the ceiling sooner.
        if let firstYear = solution.firstEvent(named: "firstYear") {
            out["yearsOfProgressInFirstYear"] = firstYear.state[0] / perYear
        } else if endTime - problem.timeSpan.start < 1, solution.terminatingEvent != "ceiling" {
            out["yearsOfProgressInFirstYear"] = nil
        } else {
            out["yearsOfProgressInFirstYear"] = finalDoublings / perYear
        }
        out["yearsOfProgress"] = finalDoublings / perYear
        out["ceilingYear"] = solution.firstEvent(named: "ceiling").map { $0.time - problem.timeSpan.start }

        // v(n) is closed form and log-concave along n: its maximum over the doublings reached is
        // at r(n) = 1 (n = (r₀ − 1)/k) if that lies within them, else at an end.
        var peakAt = 0.0
        if p.constantReturns {
            peakAt = p.initialReturns > 1 ? finalDoublings : 0
        } else if p.initialReturns > 1 {
            peakAt = min((p.initialReturns - 1) / p.returnsDecline, finalDoublings)
        }
        out["peakSpeedUp"] = doublingRate(p, after: peakAt) * p.recentDoublingMonths / 12

        let needed = windows.map { requiredDoublings(p, factor: $0.factor, months: $0.months) }
        // If the quadrature fails the questions stay undefined rather than silently "no".
        let shortest = shortestStretches(p, doublings: needed, reached: finalDoublings, solver: solver)
        for (k, window) in windows.enumerated() {
            guard let shortest else { out[window.name] = nil; continue }
            let hit = needed[k] <= 0 || (shortest[k].map { $0 < window.months / 12 } ?? false)
            out[window.name] = hit ? 1 : 0
        }
        return out
    }

    /// The shortest time [years] in which each stretch of `doublings[k]` consecutive doublings
    /// is completed within the first `reached` doublings (`nil` where fewer were made); `nil`
    /// altogether if the quadrature fails.
    ///
    /// `W(n₀) = ∫ dn/v(n)` over `[n₀, n₀ + D]` is convex in n₀, so the minimum over
    /// `[0, reached − D]` is at the root of `ln v(n₀ + D) − ln v(n₀)` or at an end; one
    /// quadrature `dt/dn = 1/v(n)` from 0 gives t(n) at every start and end point.
    public static func shortestStretches(_ p: Parameters, doublings: [Double], reached: Double,
                                         solver: ModelSolver) -> [Double?]? {
        let lnv = { (n: Double) in log(doublingRate(p, after: n)) }
        let starts: [Double?] = doublings.map { d in
            guard d > 0, reached >= d else { return nil }
            let hi = reached - d
            let g = { (n0: Double) in lnv(n0 + d) - lnv(n0) }
            let g0 = g(0), g1 = g(hi)
            if g0 <= 0 { return 0 }          // already slowing: the first stretch is the fastest
            if g1 >= 0 { return hi }         // still speeding up: the last stretch is the fastest
            return BracketingRoot.illinois(0, hi, ga: g0, gb: g1, tolerance: 1e-12 * max(1, reached), g)
        }
        var points = Set<Double>()
        for (k, start) in starts.enumerated() { if let start { points.insert(start); points.insert(start + doublings[k]) } }
        guard let top = points.max(), top > 0 else { return starts.map { $0.map { _ in 0 } } }
        var options = solver.options
        options.save = .at(points.sorted())
        options.detectsSingularities = false
        // The independent variable of this quadrature is the number of doublings n.
        let quadrature = ODEProblem(stateNames: ["time"], parameters: p, initialState: [0], timeSpan: (0, top)) { n, _, dydt, p in
            dydt[0] = 1 / doublingRate(p, after: n)
        }
        guard let solution = try? solver.with(options).solve(quadrature), solution.status == .success else { return nil }
        var timeAt: [Double: Double] = [0: 0]
        for row in 0..<solution.count { timeAt[solution.times[row]] = solution.values[row] }
        return starts.enumerated().map { k, start in
            guard let start, let a = timeAt[start], let b = timeAt[start + doublings[k]] else { return nil }
            return b - a
        }
    }

    public static func narrative(_ m: MetricValues) -> [String] {
        guard let first = m["yearsOfProgressInFirstYear"] else { return [] }
        var line = String(format: "in words: %.1f years of recent progress in the first year after AI R&D is automated", first)
        if let peak = m["peakSpeedUp"] { line += String(format: "; progress peaks at %.0f× the recent pace", peak) }
        return [line + "."]
    }
}
