import Foundation
import TakeoffCore

extension CCFExactScheme {
    /// The start state and calibration: the reference scheme's step 0 (the same algebra), with the
    /// frontier H(t₀) = H_b0·e^(g₀d) for the start-year growth rate g₀ = (r/λ)·R_H^λ/Q_H.
    func initial() -> (CCFExactParameters, [Double]) {
        let c = CCFReferenceScheme(p, start: start, end: start + p.referenceStep / 2)
        c.run()
        let s = c.s
        let g0 = c.hardwareReturns * pow(s.rnd_input_hardware[0], p.rndParallelizationPenalty) / s.cumulative_rnd_input_hardware[0]
        let h0 = p.initialBuyableHardwarePerformance * exp(g0 * p.hardwareDelay)
        var q = CCFExactParameters(p: p, start: start, calibration: c, work: CCFExactWorkspace(c), initialGrowth: g0,
                                   initialHardwarePerformance: h0, depreciationRate: -log(1 - p.computeDepreciation),
                                   hardwareCeiling: CCFCeilingState(ceiling: p.hardwarePerformanceCeiling, initial: h0),
                                   softwareCeiling: CCFCeilingState(ceiling: p.softwareCeiling, initial: 1))
        q.automatableGoods = s.automatableGoods[0]
        q.automatableRnd = s.automatableRnd[0]
        let fractions = CCFSeries.fractionPaths.map { s[keyPath: $0][0] }
        for j in 0..<7 where fractions[j] >= p.fractionCeiling(j) { q.capped[j] = true }
        // A largest run that already costs more than the money cap starts frozen (cost = run/H_b).
        if fractions[6] * s.hardware[0] / p.initialBuyableHardwarePerformance >= p.moneyCapTrainingBeforeWakeup { q.trainingCap = .frozen }
        let y = [q.hardwareCeiling.state(logLevel: log(h0)), q.softwareCeiling.state(logLevel: 0), log(s.cumulative_rnd_input_hardware[0]), log(s.cumulative_rnd_input_software[0]), log(s.hardware[0]),
                 log(s.capital[0])] + fractions.map(log)
        // A draw that starts with goods automation at the wake-up trigger starts awake (no crossing
        // to locate; the reference wakes up at its first step).
        let e0 = y.withUnsafeBufferPointer { Self.evaluate(start, $0, q, full: true) }
        if e0.fracAutomatedGoods >= p.rampupTrigger {
            q.rampup = true
            q.trainingCap = .free
            q.logGWPReference = log(e0.gwp)
        }
        return (q, y)
    }

    /// States 0 and 1 are ln of the distance to the ceiling (in OOMs) when there is one (``CCFCeilingState``).
    static let stateNames = ["logHardwarePerformance", "logSoftware", "logCumulativeRndHardware", "logCumulativeRndSoftware",
                             "logHardware", "logCapital"] + ComputeCentricParameters.fractionNames.map { "log_" + $0 }

    /// start, start + dt, … below end (by 1e-9·dt), and end: the solver's `.every(dt)` times.
    static func gridTimes(_ start: Double, _ end: Double, _ dt: Double) -> [Double] {
        var times: [Double] = []
        var k = 0.0
        while start + k * dt < end - 1e-9 * dt {
            times.append(start + k * dt)
            k += 1
        }
        return times + [end]
    }

    /// The exact scheme as the core runs it: the problem and options for a solve, and the report.
    var odeScheme: ODEScheme {
        ODEScheme(setUp: { _, options in self.setUp(options) }) { solution, problem, solver in
            self.report(solution, problem: problem, outputTimes: self.outputTimes(solver.options))
        }
    }

    /// The rows a requested save grid other than the referenceStep grid shows (`nil`: the grid rows).
    func outputTimes(_ solverOptions: SolverOptions) -> [Double]? {
        guard case .every(let dt) = solverOptions.save, abs(dt - p.referenceStep) > 1e-12 * p.referenceStep else { return nil }
        return Self.gridTimes(start, end, dt)
    }

    /// The problem, and the scenario's options adapted to it.
    func setUp(_ solverOptions: SolverOptions) -> (ODEProblem<CCFExactParameters>, SolverOptions) {
        let (q, y0) = initial()
        var options = solverOptions
        // Rows on the referenceStep grid always (a study saves only the ends): gwp_growth and the
        // `_grid` metrics are defined on that grid, as in the reference scheme. Another requested grid
        // is saved as well, and is what the output shows.
        options.save = .every(p.referenceStep)
        if let requested = outputTimes(solverOptions) {
            let merged = (Self.gridTimes(start, end, p.referenceStep) + requested).sorted()
            var union: [Double] = []
            for t in merged where union.last.map({ t - $0 > 1e-9 }) ?? true { union.append(t) }
            options.save = .at(union)
        }
        // The states are logarithms: an absolute error ε in ln X is a relative error ε in X. So the
        // requested relative tolerance applies to the levels, as absolute tolerance on the logs (a
        // relative tolerance on ln X itself would scale with the arbitrary size of ln X: 1e-6 on
        // ln(1e30) = 69 would allow 7e-5 relative error in the level).
        let tol = options.relativeTolerance.values(dimension: y0.count)
        var absolute = tol, relative = [Double](repeating: 0, count: y0.count)
        for (i, ceiling) in [q.hardwareCeiling, q.softwareCeiling].enumerated() {
            (absolute[i], relative[i]) = ceiling.tolerances(tol[i])
        }
        options.absoluteTolerance = .perComponent(absolute)
        options.relativeTolerance = .perComponent(relative)
        // Milestones to 1e-7 years (3 seconds) are far finer than anything the model can claim, and
        // the count-valued conditions are located by bisection, a re-integration per halving.
        options.eventTimeTolerance = max(options.eventTimeTolerance, 1e-7)
        let delay = p.hardwareDelay > 0 ? p.hardwareDelay : end - start
        // Before t₀, ln H continues the start-year growth rate back: ln H(s) = ln H(t₀) + g₀(s − t₀).
        let (logH0, g0, t0, ceiling) = (q.hardwareCeiling.logLevel(y0[0]), q.initialGrowth, start, q.hardwareCeiling)
        let history = DelaySpecification(delays: [delay]) { s, i in i == 0 ? ceiling.state(logLevel: logH0 + g0 * (s - t0)) : y0[i] }
        let problem = ODEProblem(stateNames: Self.stateNames, parameters: q, initialState: y0, timeSpan: (start, end),
                                 delays: history, events: events(q)) { t, y, dydt, q, past in
            Self.derivatives(t, y, dydt, q, past)
        }
        return (problem, options)
    }
}
