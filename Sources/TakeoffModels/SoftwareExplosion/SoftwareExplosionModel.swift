import Foundation
import TakeoffCore

/// Software intelligence explosion after AI R&D is fully automated (Davidson & Houlden 2025,
/// "How quick and big would a software intelligence explosion be?", forethought.org), as a
/// continuous-time system in log software level.
///
/// The peer's simulator works per doubling of software: the next doubling time is the last one
/// times `2^(λ(1/r − 1))`, and r falls by `k = r₀/N_c` per doubling, reaching 0 at the ceiling
/// of `N_c = L·(12/T₀)/s` doublings (distance to limits L in years of recent progress, recent
/// doubling time T₀, software share s). Read as a law for the doubling rate v = dn/dt
/// [doublings/year] along the number of doublings n, that recursion is
/// `d ln v/dn = λ·ln 2·(1 − 1/r(n))` with `r(n) = r₀ − k·n`, so in time (years since
/// automation):
///
///     dn/dt = v,    d ln v/dt = λ·ln 2·(1 − 1/r(n))·v,    v(0) = 12·f/T₀
///
/// (the first doubling takes T₀/f months: the peer's Monte Carlo convention, followed here
/// because its probability figures use it; its single-run page uses T₀/(1+f)). Along n the
/// rate is closed form, `ln v(n) = ln v₀ + λ ln 2·(n + (N_c/r₀)·ln(1 − n/N_c))` (constant
/// returns: `ln v₀ + λ ln 2 (1 − 1/r₀)·n`), which the tests check the solve against.
///
/// The peer's questions, "at least X times faster than recent progress for N months", ask
/// whether some run of `D = int((N/12)·X·(12/T₀)/s)` consecutive doublings takes under N
/// months within the run. They are answered exactly, not on integer doublings: the time a
/// stretch of D doublings starting at n₀ takes, `W(n₀) = ∫ dn/v(n)` over `[n₀, n₀ + D]`, is
/// convex in n₀ (ln(1/v) is convex in n: its second derivative is `λ ln 2·k/r² ≥ 0`), so its
/// minimum is at the root of `v(n₀) = v(n₀ + D)` or at an end of `[0, n_end − D]`; W there is
/// one quadrature `dt/dn = 1/v(n)`, solved with the same solver. The run ends at the ceiling
/// (where r reaches 0) or at the end of the time span (the peer's horizon is 48 months).
public enum SoftwareExplosionModel {
    public typealias Parameters = SoftwareExplosionParameters

    /// The model: its declarations and its resolution for a scenario.
    public static let spec = ModelSpec(
        id: "sie", summary: "software intelligence explosion after full automation of AI R&D (Davidson & Houlden 2025), in continuous time",
        parameters: parameterTable, options: options, states: states, observables: observables, metrics: metrics,
        build: { p, inputs throws(ModelInputIssue) in try build(&p, inputs) }
    ) { p, inputs in
        ResolvedModel.Parts(
            states: states, observables: observables, metrics: metrics,
            defaultInitialState: ["softwareDoublings": 0, "logDoublingRate": log(p.initialDoublingRate)],
            scheme: .ode(ODEScheme(
                problem: { problem(p, initialState: $0, span: (inputs.start, inputs.end)) },
                observe: { _, y, p in observe(y, p) },
                metrics: { metrics(of: $0, problem: $1, solver: $2) })),
            narrative: narrative)
    }

    public static let states = [
        VariableInfo("softwareDoublings", unit: "doublings", meaning: "software doublings since full automation of AI R&D"),
        VariableInfo("logDoublingRate", unit: "ln(doublings/year)", meaning: "natural log of the software doubling rate"),
    ]
    public static let observables = [
        VariableInfo("yearsOfProgress", unit: "years of recent progress", meaning: "software progress since automation, in years at the recent pace"),
        VariableInfo("returns", unit: "1", meaning: "returns to software R&D r at this point"),
        VariableInfo("speedUp", unit: "×", meaning: "software progress speed relative to the recent pace"),
    ]
    public static let eventSettings: [EventSettingInfo] = []
    public static let metrics = [
        MetricInfo("yearsOfProgressInFirstYear", unit: "years of recent progress", meaning: "progress made in the first year after automation"),
        MetricInfo("yearsOfProgress", unit: "years of recent progress", meaning: "progress made by the end of the run"),
        MetricInfo("peakSpeedUp", unit: "×", meaning: "highest speed of software progress relative to the recent pace, within the run"),
        MetricInfo("ceilingYear", unit: "years since automation", meaning: "when software reaches its ceiling (undefined if not within the run)"),
    ] + windows.map { MetricInfo($0.name, unit: "0/1", meaning: "1 if some \(Int($0.months))-month stretch holds at least \(Int($0.factor))× the recent pace of progress (the peer's definition; the mean over a study is the probability)") }

    /// The peer's four questions: at least `factor` times the recent pace for `months` months.
    static let windows: [(name: String, factor: Double, months: Double)] = [
        ("atLeast3xFor12Months", 3, 12), ("atLeast10xFor12Months", 10, 12),
        ("atLeast30xFor1Month", 30, 1), ("atLeast3xFor36Months", 3, 36),
    ]

    /// Doublings a window must hold: the peer's `int((N/12)·(4/s)·X)`, with 4 = 12/T₀.
    public static func requiredDoublings(_ p: Parameters, factor: Double, months: Double) -> Double {
        (months / 12 * p.doublingsPerYearOfProgress * factor).rounded(.towardZero)
    }

    /// The doubling rate after n doublings, in closed form [doublings/year].
    public static func doublingRate(_ p: Parameters, after n: Double) -> Double {
        let lambda = p.parallelLabourExponent * M_LN2
        if p.constantReturns { return p.initialDoublingRate * exp(lambda * (1 - 1 / p.initialReturns) * n) }
        let nc = p.ceilingDoublings
        return p.initialDoublingRate * exp(lambda * (n + nc / p.initialReturns * log1p(-n / nc)))
    }

    // The run stops this close below the ceiling, where r → 0 makes d ln v/dt unbounded.
    static let ceilingMargin = 1e-9

    public static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double)) -> ODEProblem<Parameters> {
        var p = parameters
        p.startYear = span.start
        let events: [Event<Parameters>] = [
            Event(name: "ceiling", direction: .rising, action: .terminate) { _, y, p in
                y[0] - p.ceilingDoublings * (1 - ceilingMargin)
            },
            Event(name: "firstYear", direction: .rising, monotone: true) { t, _, p in t - (p.startYear + 1) },
        ]
        return ODEProblem(
            stateNames: states.map(\.name), parameters: p, initialState: initialState, timeSpan: span, events: events,
            jacobian: .analytic { _, y, dfdy, dfdt, p in
                let v = exp(y[1]), r = clampedReturns(p, after: y[0])
                let lambda = p.parallelLabourExponent * M_LN2
                dfdy[0] = 0; dfdy[1] = v
                dfdy[2] = -lambda * p.returnsDecline / (r * r) * v; dfdy[3] = lambda * (1 - 1 / r) * v
                dfdt[0] = 0; dfdt[1] = 0
            }
        ) { _, y, dydt, p in
            let v = exp(y[1])
            dydt[0] = v
            dydt[1] = p.parallelLabourExponent * M_LN2 * (1 - 1 / clampedReturns(p, after: y[0])) * v
        }
    }

    // Beyond the stop just below the ceiling r would be ≤ 0; the clamp keeps a trial step there finite.
    static func clampedReturns(_ p: Parameters, after n: Double) -> Double {
        max(p.returns(after: n), p.initialReturns * ceilingMargin)
    }

    /// Years of progress, returns and speed-up at a state.
    static func observe(_ y: UnsafeBufferPointer<Double>, _ p: Parameters) -> [Double] {
        [y[0] / p.doublingsPerYearOfProgress, p.returns(after: y[0]), exp(y[1]) * p.recentDoublingMonths / 12]
    }
}
