import Foundation
import TakeoffCore

/// Parameters of ``RegulationModel``: the actors, restrictions and theft of the scenario's
/// tables, the danger threshold, and the world's hardware and feedback parameters (the
/// compute-growth and feedback models' names, reused).
public struct RegulationParameters: ModelParameters {
    public init() {}

    public var actors: [RegulationActor] = []
    public var restrictions: [Restriction] = []
    public var theft: Theft? = nil
    /// The effective-compute level whose first crossing is the central output [effective FLOP/year].
    public var dangerThreshold: Double = 1e31
    /// κ: followers gain κ·(ln E_max − ln E_i) per year of growth (diffusion of progress) [1/year].
    public var diffusionRate: Double = 0
    /// World hardware and AI-research parameters, calibrated as the feedback model does.
    public var world = FeedbackParameters()
    /// Whether restrictions act (off for the model's own no-restriction counterfactual).
    public var restrictionsApply = true

    /// Whether any actor needs the world hardware state.
    public var usesWorldHardware: Bool {
        actors.contains { if case .exogenous = $0.growth { return false } else { return true } }
    }
    public var startYear: Double { world.startYear }
}

/// Regulation, defectors and theft: how much delay does a decaying restriction buy?
///
/// Each actor i has a potential effective compute E_i [effective FLOP/year], the state
/// `y_i = ln E_i`, starting at `share_i × E₀` (E₀ the compute-growth model's balanced-growth
/// world compute in the start year, software = 1):
///
///     dy_i/dt = g_i(t, y) − Σ_rate ρ(t) + κ·max(0, max_j y_j − y_i)
///
/// with `g_i = ln G_i + γ_i (t − t₀)` (exogenous), `H'/H + ln 2/T_S` (compute-growth: world
/// hardware H from the compute-growth equations, the published software trend) or
/// `H'/H + d ln S_i/dt` (feedback: software from the feedback model's idea production, driven by
/// the actor's own AI research on its restricted compute plus the field's human researchers,
/// whose ideas are public; so the acceleration depends on the actor's own state). Restrictions
/// (several may overlap):
///
///     level: E_i / R(t),  R(t) = max(1, 10^OOM·e^(−δ(t − t₀)))       (no lasting effect)
///     rate:  drag ρ(t) = ρ₀·e^(−δ(t − t₀)) on dy_i/dt               (a lasting loss)
///     cap:   capability_i = min(E_i/R, cap·g^(t − t₀))                (hardware keeps growing)
///
/// An actor reaches the danger threshold X when its capability does (a located event). Theft:
/// when it completes, the thief's y jumps to ln(capability of the victim) − handicap·ln 10, and
/// grows on its own resources from there (a state-changing event).
///
/// Closed forms (tests): lag of an actor with 1/D of the resources at growth G: ln D / ln G;
/// delay from a level restriction on an actor that would reach X t_u years after t₀:
/// `max(0, (ln R₀ − δ t_u)/(g + δ))`; from a rate restriction: the root of
/// `g·t − (ρ₀/δ)(1 − e^(−δt)) = ln(X/E₀)` (→ ρ₀/(δ g) late).
public enum RegulationModel {
    public typealias Parameters = RegulationParameters

    /// The model: its declarations and its resolution for a scenario (its actors decide its
    /// states, observables and metrics).
    public static let spec = ModelSpec(
        id: "regulation", summary: "actors under decaying restrictions, defectors and theft: who reaches a danger threshold first, and how much delay restrictions buy",
        parameters: parameterTable, sectionNames: sectionNames, states: states, observables: observables, metrics: metrics,
        build: { p, inputs throws(ModelInputIssue) in try build(&p, inputs) }
    ) { p, inputs in
        ResolvedModel.Parts(
            states: stateVariables(p), observables: observableVariables(p), metrics: metricList(p),
            defaultInitialState: defaultInitialState(p, start: inputs.start),
            scheme: .ode(.of(p, inputs, problem: problem, observe: observe, metrics: metrics)),
            narrative: { narrative($0, actors: p.actors.map(\.name)) })
    }
    public static let sectionNames = ["actors", "restrictions", "theft"]

    public static let states = [
        VariableInfo("<actor>.logPotential", unit: "ln(effective FLOP/year)", meaning: "log of the actor's unrestricted effective compute"),
        VariableInfo("worldHardware", unit: "FLOP/year", meaning: "world installed hardware (when an actor uses compute-growth or feedback growth)"),
    ]
    public static let observables = [
        VariableInfo("<actor>.effectiveCompute", unit: "effective FLOP/year", meaning: "potential divided by the level restrictions' factor"),
        VariableInfo("<actor>.capability", unit: "effective FLOP/year", meaning: "effective compute usable for the frontier model (after caps)"),
        VariableInfo("<actor>.restrictionFactor", unit: "×", meaning: "product of the level restrictions' factors R(t) ≥ 1"),
    ]
    public static let eventSettings: [EventSettingInfo] = []
    public static let metrics = [
        MetricInfo("yearReached.<actor>", unit: "year", meaning: "when the actor's capability reaches the danger threshold (null if never)"),
        MetricInfo("leadMonths", unit: "months", meaning: "months by which the first actor precedes the second at the threshold"),
        MetricInfo("delayBoughtMonths.<actor>", unit: "months", meaning: "how much later than without restrictions the actor reaches the threshold"),
        MetricInfo("theftYear", unit: "year", meaning: "when the theft completes (null if none)"),
    ]

    public static let parameterTable: [Parameter<RegulationParameters>] = [
        Parameter(\.dangerThreshold, unit: "effective FLOP/year", constraint: .positive,
                      meaning: "the capability level whose first crossing is the central output",
                      source: "scenario choice; 1e31 is ~200× the 2025 world compute (5.3e28 FLOP/year)"),
        Parameter(\.diffusionRate, unit: "1/year", constraint: .nonNegative,
                      meaning: "κ: followers gain κ·(ln E_max − ln E_i) per year (progress diffusing to all)",
                      source: "off by default; Pilz, Heim & Brown 2023 document diffusion of compute efficiency"),
    ] + FeedbackModel.parameterTable.map { $0.lifted(\RegulationParameters.world) }

    /// The actors, restrictions and theft from their tables, and the world's start year.
    static func build(_ p: inout RegulationParameters, _ inputs: ModelInputs) throws(ModelInputIssue) {
        p.actors = try RegulationInputReader.actors(inputs.sections)
        p.restrictions = try RegulationInputReader.restrictions(inputs.sections, actors: p.actors, start: inputs.start)
        p.theft = try RegulationInputReader.theft(inputs.sections, actors: p.actors, start: inputs.start, end: inputs.end)
        FeedbackModel.apply([:], to: &p.world)
        p.world.compute.startYear = inputs.start
    }

    public static func stateVariables(_ p: Parameters) -> [VariableInfo] {
        p.actors.map { VariableInfo("\($0.name).logPotential", unit: states[0].unit, meaning: states[0].meaning) }
            + (p.usesWorldHardware ? [states[1]] : [])
    }

    public static func observableVariables(_ p: Parameters) -> [VariableInfo] {
        p.actors.flatMap { actor in
            observables.map { VariableInfo($0.name.replacingOccurrences(of: "<actor>", with: actor.name), unit: $0.unit, meaning: $0.meaning) }
        }
    }

    public static func metricList(_ p: Parameters) -> [MetricInfo] {
        let names = p.actors.map(\.name)
        return names.map { MetricInfo("yearReached.\($0)", unit: "year", meaning: metrics[0].meaning) }
            + [metrics[1]]
            + names.map { MetricInfo("delayBoughtMonths.\($0)", unit: "months", meaning: metrics[2].meaning) }
            + [metrics[3]]
    }

    public static func defaultInitialState(_ p: Parameters, start: Double) -> [String: Double] {
        let world = ComputeGrowthModel.balancedHardware(p.world.compute)
        var out: [String: Double] = [:]
        for actor in p.actors { out["\(actor.name).logPotential"] = log(actor.share * world) }
        if p.usesWorldHardware { out["worldHardware"] = world }
        return out
    }

    // MARK: Restrictions

    /// Product of the active level restrictions' factors on actor `i` (≥ 1).
    static func levelFactor(_ p: Parameters, actor i: Int, t: Double) -> Double {
        guard p.restrictionsApply else { return 1 }
        var factor = 1.0
        for r in p.restrictions where r.actors.contains(i) && r.isActive(at: t) {
            if case .level(let oom, let decay) = r.kind {
                factor *= max(1, pow(10, oom) * exp(-decay * (t - r.start)))
            }
        }
        return factor
    }

    /// Sum of the active rate restrictions' drags on actor `i` [1/year].
    static func drag(_ p: Parameters, actor i: Int, t: Double) -> Double {
        guard p.restrictionsApply else { return 0 }
        var total = 0.0
        for r in p.restrictions where r.actors.contains(i) && r.isActive(at: t) {
            if case .rate(let rho, let decay) = r.kind { total += rho * exp(-decay * (t - r.start)) }
        }
        return total
    }

    /// The tightest active cap on actor `i` (infinity when none).
    static func cap(_ p: Parameters, actor i: Int, t: Double) -> Double {
        guard p.restrictionsApply else { return .infinity }
        var tightest = Double.infinity
        for r in p.restrictions where r.actors.contains(i) && r.isActive(at: t) {
            if case .cap(let level, let growth) = r.kind { tightest = min(tightest, level * pow(growth, t - r.start)) }
        }
        return tightest
    }

    /// Capability of actor `i`: restricted effective compute, capped.
    static func capability(_ p: Parameters, actor i: Int, t: Double, y: UnsafeBufferPointer<Double>) -> Double {
        min(exp(y[i]) / levelFactor(p, actor: i, t: t), cap(p, actor: i, t: t))
    }
}
