import Foundation
import TakeoffCore

extension CCFExactScheme {
    /// The run's columns (the reference's 40) on the output grid, and metrics from the located events.
    ///
    /// The solution holds the rows of the referenceStep grid, where `gwp_growth` and the `_grid`
    /// metrics are defined, and those of `outputTimes` if the caller asked for another grid (`nil`:
    /// the output is the referenceStep grid).
    func report(_ solution: ODESolution<CCFExactParameters>, problem: ODEProblem<CCFExactParameters>,
                outputTimes: [Double]?) -> ODEReport {
        let columns = CCFSeries.columns
        var values: [Double] = [], years: [Double] = []
        var grid = CCFGridMetrics.Series(years: [], fracGoods: [], fracRnd: [], fracGoodsNoTradeoff: [],
                                         multiplierRnd: [], gwp: [])
        values.reserveCapacity(solution.count * columns.count)
        let rampupTime = milestone("rampup_start", solution, problem)
        let last = solution.count - 1
        func onStepGrid(_ t: Double) -> Bool {
            abs(t - (start + ((t - start) / p.referenceStep).rounded() * p.referenceStep)) < 1e-9 || t == end
        }
        var nextOutput = 0
        for row in 0..<solution.count {
            let t = solution.times[row]
            var output = true
            if let outputTimes {
                while nextOutput < outputTimes.count && outputTimes[nextOutput] < t - 1e-9 { nextOutput += 1 }
                output = row == last || (nextOutput < outputTimes.count && abs(outputTimes[nextOutput] - t) <= 1e-9)
            }
            let gridRow = onStepGrid(t)
            guard output || gridRow else { continue }
            let q = solution.parameters(atRow: row)
            let y = Array(solution.state(at: row))
            let e = y.withUnsafeBufferPointer { Self.evaluate(t, $0, q, full: true) }
            let c = q.calibration
            let f = (0..<7).map { exp(y[6 + $0]) }
            let hardware = exp(y[4])
            let buyable = exp(y.withUnsafeBufferPointer { Self.logBuyable(t, $0, q, solution.past) })
            let maxTradeoff = c.tradeoff != nil ? p.runtimeTrainingMaxTradeoff : 1
            func fraction(_ r: [Double], _ m: Double) -> Double {
                Double(r.filter { $0 < e.biggestRun * m }.count - 1) / Double(CCFAlgebra.laborTasks)
            }
            let spend = e.gwp * f[0]
            if gridRow {
                grid.years.append(t)
                grid.fracGoods.append(e.fracAutomatedGoods)
                grid.fracRnd.append(e.fracAutomatedRnd)
                grid.fracGoodsNoTradeoff.append(fraction(c.trainingGoods, 1))
                grid.multiplierRnd.append(e.multiplierRnd)
                grid.gwp.append(e.gwp)
            }
            guard output else { continue }
            years.append(t)
            let row: [Double] = [
                e.fracAutomatedGoods, e.fracAutomatedRnd, e.gwp, exp(q.hardwareCeiling.logLevel(y[0])), exp(q.softwareCeiling.logLevel(y[1])), e.compute, e.biggestRun, f[0],
                exp(y[5]), p.initialPopulation * exp(p.labourGrowth * (t - start)), hardware, exp(y[2]), exp(y[3]),
                e.rndHardware, e.rndSoftware, fraction(c.trainingGoods, maxTradeoff), fraction(c.trainingRnd, maxTradeoff),
                fraction(c.trainingGoods, 1), fraction(c.trainingRnd, 1), spend * p.referenceStep, hardware * f[6] / buyable,
                exp(p.tfpGrowth * (t - start)), exp(p.tfpGrowth * (t - start)), e.multiplierGoods, e.multiplierRnd,
                f[6], f[1], f[2], f[3], f[4], f[5], 1 - f[1], 1 - f[2] - f[4], 1 - f[3] - f[5] - f[6],
                pow(hardware, p.computeSoftwareRndExperimentsEfficiency), rampupTime.map { t >= $0 ? 1 : 0 } ?? 0,
                e.shares.outer, e.shares.labour, e.shares.compute, spend,
            ]
            values.append(contentsOf: row)
        }
        var m = metrics(solution, problem: problem, years: grid.years, gwp: grid.gwp)
        // The grid metrics need every row of the step grid from the start (an early ending stops it).
        let onGrid = grid.years.enumerated().allSatisfy { abs($1 - (start + Double($0) * p.referenceStep)) < 1e-9 || $1 == end }
        let gridMetrics = onGrid ? CCFGridMetrics.compute(grid, step: p.referenceStep, trigger: p.rampupTrigger) : [:]
        for info in ComputeCentricModel.referenceMetrics { m[info.name + "_grid"] = gridMetrics[info.name] ?? nil }
        let stats = solution.stats
        let changes = Set(problem.events.compactMap { event -> String? in
            if case .modify = event.action { return event.name }
            return nil
        })
        let restarts = solution.events.filter { changes.contains($0.name) }.count
        // Where the integration cannot go on (an economy overflowing double range, or an input that
        // jumps by tens of orders of magnitude inside one representable time increment: draws far
        // past any milestone), the run keeps its results up to there, as the reference scheme keeps
        // its results up to a non-finite value. The wall-clock guard stays a failure.
        var report = ODEReport(years: years, values: values, metrics: m)
        if [.nonFiniteState, .modelFailure, .stepSizeTooSmall].contains(solution.status), let last = solution.times.last, last > start {
            report.outcome = (.success, String(format: "stopped at %.4f where the integration could not continue (%@); results up to there, as the reference scheme does at a non-finite value",
                                              last, solution.message ?? ""))
        }
        report.scheme = "exact (ODE core, \(stats.acceptedSteps) steps, \(stats.rejectedSteps) rejected, \(stats.rhsEvaluations) RHS evaluations, \(restarts) restarts at regime changes)"
        return report
    }

    func metrics(_ solution: ODESolution<CCFExactParameters>, problem: ODEProblem<CCFExactParameters>,
                 years: [Double], gwp: [Double]) -> [String: Double?] {
        func at(_ name: String) -> Double? { milestone(name, solution, problem) }
        func between(_ a: String, _ b: String) -> Double? { at(b).flatMap { tb in at(a).map { tb - $0 } } }
        var out: [String: Double?] = [:]
        for name in ["sub_agi_year", "agi_year", "automation_gns_20%", "automation_gns_100%", "automation_rnd_20%",
                     "automation_rnd_100%", "rampup_start"] {
            out[name] = at(name)
        }
        // From the first instant above 20% (strictly, as the reference) to 100%.
        out["full_automation_gns"] = between("automation_gns_over_20%", "automation_gns_100%")
        out["full_automation_rnd"] = between("automation_rnd_over_20%", "automation_rnd_100%")
        out["sub_agi_to_agi"] = between("sub_agi_year", "agi_year")
        out["cog_output_multiplier"] = between("cog_output_multiplier_2", "cog_output_multiplier_10")
        out["gwp_growth"] = gwpGrowthSpan(years, gwp)
        // Doubling times: the initial instantaneous one, then from wake-up between located doublings.
        var doubling: [Double] = []
        let q0 = problem.parameters
        let y0 = problem.initialState
        let h = 1e-6
        var dy = [Double](repeating: 0, count: y0.count)
        let past = solution.past
        y0.withUnsafeBufferPointer { y in dy.withUnsafeMutableBufferPointer { Self.derivatives(start, y, $0, q0, past) } }
        let ahead = zip(y0, dy).map { $0 + h * $1 }
        let g0 = y0.withUnsafeBufferPointer { Self.evaluate(start, $0, q0, full: false).gwp }
        let g1 = ahead.withUnsafeBufferPointer { Self.evaluate(start + h, $0, q0, full: false).gwp }
        doubling.append(M_LN2 * h / log(g1 / g0))
        if var previous = at("rampup_start") {
            for e in solution.events where e.name == "gwp_doubling" {
                doubling.append(e.time - previous)
                previous = e.time
            }
        }
        for i in 0..<5 { out["gwp_doubling_time.\(i + 1)"] = i < doubling.count ? doubling[i] : nil }
        return out
    }

    /// The first crossing of milestone `name`, or the start if its condition already holds there
    /// (a draw that starts past a threshold: no crossing to locate, and the reference reports the
    /// first grid year).
    func milestone(_ name: String, _ solution: ODESolution<CCFExactParameters>, _ problem: ODEProblem<CCFExactParameters>) -> Double? {
        if let time = solution.firstEvent(named: name)?.time { return time }
        guard let event = problem.events.first(where: { $0.name == name }) else { return nil }
        let value = problem.initialState.withUnsafeBufferPointer { event.condition(start, $0, problem.parameters, solution.past) }
        return value >= 0 ? start : nil
    }

    /// Years from one-year GWP growth ln(Y(t+1)/Y(t)) first above 5% to first above 20%, on the save
    /// grid with linear interpolation of lnY between rows (not a located event: the growth looks a
    /// year ahead, which the event functions cannot see).
    func gwpGrowthSpan(_ times: [Double], _ gwp: [Double]) -> Double? {
        guard times.count > 2 else { return nil }
        func logGWP(_ t: Double) -> Double? {
            guard t <= times[times.count - 1] else { return nil }
            var i = 0
            while i + 1 < times.count && times[i + 1] < t { i += 1 }
            guard i + 1 < times.count else { return log(gwp[i]) }
            let w = (t - times[i]) / (times[i + 1] - times[i])
            return (1 - w) * log(gwp[i]) + w * log(gwp[i + 1])
        }
        func first(_ threshold: Double) -> Double? {
            var previous: (t: Double, g: Double)?
            for (i, t) in times.enumerated() {
                guard let ahead = logGWP(t + 1) else { return nil }
                let g = ahead - log(gwp[i])
                if g > threshold {
                    guard let prev = previous else { return t }
                    return prev.t + (threshold - prev.g) / (g - prev.g) * (t - prev.t)
                }
                previous = (t, g)
            }
            return nil
        }
        guard let a = first(0.05), let b = first(0.20) else { return nil }
        return b - a
    }
}
