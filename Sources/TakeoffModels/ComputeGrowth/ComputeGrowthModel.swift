import Foundation
import TakeoffCore

/// Compute growth: installed AI hardware, algorithmic efficiency, and the largest training run.
///
/// States (τ = t − t₀, years since the start year):
///
///     dH/dt = s(τ)·Q(τ) − δ·H                      installed hardware H [FLOP/year]
///     dS/dt = (ln 2 / T_S)·S,   S(0) = 1           software efficiency S [×, start year = 1]
///
/// with spending `s(τ) = min(s₀·g_s^τ, c·GWP₀·g_w^τ)` [USD/year] (grows until it reaches the
/// cap c of gross world product, then grows with GWP), price-performance
/// `Q(τ) = q₀·u·Y·2^(τ/T_H)` [FLOP/year per USD of hardware] (peak FLOP/s per dollar q₀,
/// utilisation u, Y seconds per year, doubling time T_H), and retirement rate δ.
///
/// Observables: spending, price-performance, effective compute `E = H·S` [effective FLOP/year,
/// in start-year FLOP], the largest training run `R = f·H·(1 year)` [physical FLOP, as Epoch
/// reports training compute] and its effective size `R·S`.
///
/// With the cap not binding, everything is closed form: with `g = ln g_s + ln 2/T_H` and
/// `A = s₀·Q(0)/(g + δ)`, `H(τ) = A·e^(gτ) + (H₀ − A)·e^(−δτ)` and `S(τ) = 2^(τ/T_S)`. The
/// default `H₀ = A` is the balanced-growth stock, so `H` grows exactly at rate g from the start.
///
/// Events: `trainingRun<X>Year` when the largest run reaches X physical FLOP (settings
/// `events.trainingRunThresholds`), and `spendingCapYear` when spending reaches the cap (a
/// kink; the integration restarts there so no step straddles it).
public enum ComputeGrowthModel {
    public typealias Parameters = ComputeGrowthParameters

    /// The model: its declarations and its resolution for a scenario.
    public static let spec = ModelSpec(
        id: "compute-growth", summary: "installed AI hardware from spending and price-performance, algorithmic efficiency, and the largest training run",
        parameters: parameterTable, eventSettings: eventSettings, states: states, observables: observables, metrics: metrics
    ) { p, inputs in
        ResolvedModel.Parts(
            states: states, observables: observables, metrics: metrics,
            defaultInitialState: defaultInitialState(p, start: inputs.start),
            scheme: .ode(.of(p, inputs, problem: problem, observe: observe, metrics: metrics)))
    }

    public static let states = [
        VariableInfo("installedHardware", unit: "FLOP/year", meaning: "installed AI hardware, as the physical FLOP it performs per year"),
        VariableInfo("softwareEfficiency", unit: "×", meaning: "algorithmic efficiency relative to the start year"),
    ]
    public static let observables = [
        VariableInfo("spending", unit: "USD/year", meaning: "spending on AI compute hardware"),
        VariableInfo("pricePerformance", unit: "FLOP/year per USD", meaning: "yearly FLOP bought per dollar of hardware"),
        VariableInfo("effectiveCompute", unit: "effective FLOP/year", meaning: "installed hardware × software efficiency (start-year FLOP)"),
        VariableInfo("largestTrainingRun", unit: "FLOP", meaning: "physical compute of the largest training run"),
        VariableInfo("effectiveTrainingRun", unit: "effective FLOP", meaning: "largest training run × software efficiency"),
    ]
    public static let eventSettings = [
        EventSettingInfo("trainingRunThresholds", [1e26, 1e27, 1e28, 1e29, 1e30], unit: "FLOP", constraint: .positive,
                         meaning: "sizes of the largest training run whose dates are reported as trainingRun<X>Year"),
    ]
    public static let metrics = [
        MetricInfo("effectiveComputeGrowthStart", unit: "×/year", meaning: "growth factor of effective compute at the start"),
        MetricInfo("effectiveComputeGrowthEnd", unit: "×/year", meaning: "growth factor of effective compute at the last saved point"),
        MetricInfo("trainingComputeGrowthStart", unit: "×/year", meaning: "growth factor of the largest training run at the start"),
        MetricInfo("trainingComputeGrowthEnd", unit: "×/year", meaning: "growth factor of the largest training run at the last saved point"),
        MetricInfo("largestTrainingRunEnd", unit: "FLOP", meaning: "largest training run at the last saved point"),
    ]

    static func spendingGrowthRate(_ p: Parameters) -> Double { log(p.spendingGrowthPerYear) }
    static func gwpGrowthRate(_ p: Parameters) -> Double { log(p.gwpGrowthPerYear) }

    /// Uncapped spending and the cap [USD/year] at τ years after the start.
    static func spendingAndCap(_ p: Parameters, tau: Double) -> (uncapped: Double, cap: Double) {
        (p.computeSpending * exp(spendingGrowthRate(p) * tau),
         p.spendingCapFraction * p.grossWorldProduct * exp(gwpGrowthRate(p) * tau))
    }

    /// Spending [USD/year] and its growth rate [1/year].
    static func spending(_ p: Parameters, tau: Double) -> (value: Double, rate: Double) {
        let (uncapped, cap) = spendingAndCap(p, tau: tau)
        return uncapped <= cap ? (uncapped, spendingGrowthRate(p)) : (cap, gwpGrowthRate(p))
    }

    /// The kink where spending reaches its cap, for any model whose parameters hold
    /// compute-growth parameters at `path`. Recorded as `spendingCapYear`; the integration
    /// restarts there so no step straddles the kink.
    public static func spendingCapEvent<P: Sendable>(_ path: KeyPath<P, ComputeGrowthParameters> & Sendable) -> Event<P> {
        Event(name: "spendingCapYear", direction: .rising, action: .modify { _, _, _ in }) { t, _, p in
            let compute = p[keyPath: path]
            let (uncapped, cap) = spendingAndCap(compute, tau: t - compute.startYear)
            return log(uncapped) - log(cap)
        }
    }

    /// The growth of installed hardware, dH/dt [FLOP/year per year].
    public static func hardwareDerivative(_ p: Parameters, t: Double, hardware: Double) -> Double {
        let tau = t - p.startYear
        return spending(p, tau: tau).value * pricePerformance(p, tau: tau) - p.depreciationRate * hardware
    }

    /// Price-performance Q [FLOP/year per USD].
    static func pricePerformance(_ p: Parameters, tau: Double) -> Double {
        p.flopPerSecondPerDollar * p.utilization * Parameters.secondsPerYear * exp2(tau / p.hardwareDoublingYears)
    }

    public static func defaultInitialState(_ p: Parameters, start: Double) -> [String: Double] {
        ["installedHardware": balancedHardware(p), "softwareEfficiency": 1]
    }

    /// The balanced-growth hardware stock `s(0)·Q(0)/(g + δ)` [FLOP/year].
    public static func balancedHardware(_ p: Parameters) -> Double {
        let (s, rate) = spending(p, tau: 0)
        let g = rate + M_LN2 / p.hardwareDoublingYears
        return s * pricePerformance(p, tau: 0) / (g + p.depreciationRate)
    }

    public static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double),
                               settings: [String: [Double]]) -> ODEProblem<Parameters> {
        var p = parameters
        p.startYear = span.start
        var events = (settings["trainingRunThresholds"] ?? []).map { threshold in
            Event<Parameters>(name: "trainingRun\(compactExponent(threshold))Year", direction: .rising) { _, y, p in
                log(p.largestRunShare * y[0]) - log(threshold)
            }
        }
        events.append(spendingCapEvent(\.self))
        return ODEProblem(
            stateNames: states.map(\.name), parameters: p, initialState: initialState, timeSpan: span, events: events,
            jacobian: .analytic { t, _, dfdy, dfdt, p in
                let tau = t - p.startYear
                let (s, rate) = spending(p, tau: tau)
                dfdy[0] = -p.depreciationRate; dfdy[1] = 0
                dfdy[2] = 0; dfdy[3] = M_LN2 / p.softwareHalvingYears
                dfdt[0] = s * pricePerformance(p, tau: tau) * (rate + M_LN2 / p.hardwareDoublingYears)
                dfdt[1] = 0
            }
        ) { t, y, dydt, p in
            dydt[0] = hardwareDerivative(p, t: t, hardware: y[0])
            dydt[1] = M_LN2 / p.softwareHalvingYears * y[1]
        }
    }

    public static func observe(t: Double, y: UnsafeBufferPointer<Double>, parameters p: Parameters, start: Double) -> [Double] {
        let tau = t - p.startYear
        let run = p.largestRunShare * y[0]
        return [spending(p, tau: tau).value, pricePerformance(p, tau: tau), y[0] * y[1], run, run * y[1]]
    }

    /// Growth rates [1/year] of H and S at a point.
    static func growthRates(_ p: Parameters, t: Double, y: [Double]) -> (hardware: Double, software: Double) {
        let h = y[0]
        return (hardwareDerivative(p, t: t, hardware: h) / h, M_LN2 / p.softwareHalvingYears)
    }

    public static func metrics(of solution: ODESolution<Parameters>, problem: ODEProblem<Parameters>,
                               solver: ModelSolver) -> [String: Double?] {
        guard solution.count > 0 else { return [:] }
        let p = problem.parameters
        let first = growthRates(p, t: solution.times[0], y: solution.state(at: 0))
        let lastRow = solution.count - 1
        let last = growthRates(solution.parameters(atRow: lastRow), t: solution.times[lastRow], y: solution.state(at: lastRow))
        return [
            "effectiveComputeGrowthStart": exp(first.hardware + first.software),
            "effectiveComputeGrowthEnd": exp(last.hardware + last.software),
            "trainingComputeGrowthStart": exp(first.hardware),
            "trainingComputeGrowthEnd": exp(last.hardware),
            "largestTrainingRunEnd": p.largestRunShare * solution.state(at: lastRow).first!,
        ]
    }
}

/// `1e26` for 1e26, `3e26` for 3e26, `2.5e26` for 2.5e26: the compact names of thresholds.
public func compactExponent(_ x: Double) -> String {
    guard x > 0, x.isFinite else { return "\(x)" }
    var exponent = Int(floor(log10(x)))
    var mantissa = x / pow(10, Double(exponent))
    if mantissa >= 9.999999999 { mantissa /= 10; exponent += 1 }
    let rounded = (mantissa * 1e9).rounded() / 1e9
    let m = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    return "\(m)e\(exponent)"
}
