import Foundation
import TakeoffCore

/// The feedback loop: AI doing AI research grows software efficiency, which grows the
/// automated research workforce, which speeds research again. Through more AIs, or smarter AIs?
///
/// States: physical compute P [FLOP/year] (the compute-growth equations, or an exogenous trend)
/// and software efficiency S [×, 1 in the start year]. With τ = t − t₀:
///
///     E   = P·S                                   effective compute [effective FLOP/year]
///     C_T = f·E·(1 year)                          training compute of the frontier model
///     c   = (C_T / C_HL)^β                        capability (1 = a human-level researcher)
///     N   = (1 − f)·E / (2·(C_T/120)^a·v·Y)       copies run on the rest (v tokens/s, Y s/year)
///     H   = H₀·e^(nτ)                             human researchers
///     L   = H₀·(s·N/H₀)^p·c^θ                     AI research labour [researcher equivalents]
///     R   = H + L
///     dS/dt = δ·R^λ·S^φ·(1 − ln S / ln S_max)     semi-endogenous idea production (Jones 1995)
///
/// δ is calibrated so that S grows at ln 2/softwareHalvingYears at the start. The training share
/// f is fixed or `optimal`: maximising L over f gives `f* = (θβ − a·p)/(θβ + (1 − a)·p)`.
///
/// Why it can explode: L ∝ (P·S)^ψ with ψ = p·(1 − a) + θ·β, so with physical compute fixed
/// and AI labour dominant, dS/dt ∝ S^(λψ + φ): finite-time blow-up iff `λ·ψ + φ > 1`
/// (no ceiling); the blow-up is the core's `singularity` status. Of the growth of ln L,
/// `p·d ln N/dt` is due to more copies and `θ·d ln c/dt` to more capable copies; with a
/// constant split they are in the ratio p(1 − a) : θβ.
public enum FeedbackModel {
    public typealias Parameters = FeedbackParameters

    /// The model: its declarations and its resolution for a scenario.
    public static let spec = ModelSpec(
        id: "feedback", summary: "AI research automation: software progress from human and AI research labour, split into more AIs vs smarter AIs",
        parameters: parameterTable, options: options, states: states, observables: observables, metrics: metrics,
        build: { p, inputs throws(ModelInputIssue) in try build(&p, inputs) }
    ) { p, inputs in
        ResolvedModel.Parts(
            states: states, observables: observables, metrics: metrics,
            defaultInitialState: defaultInitialState(p, start: inputs.start),
            scheme: .ode(.of(p, inputs, problem: problem, observe: observe, metrics: metrics)),
            narrative: narrative)
    }

    public static let states = [
        VariableInfo("installedHardware", unit: "FLOP/year", meaning: "physical compute, as the FLOP it performs per year"),
        VariableInfo("softwareEfficiency", unit: "×", meaning: "algorithmic efficiency relative to the start year"),
    ]
    public static let observables = [
        VariableInfo("effectiveCompute", unit: "effective FLOP/year", meaning: "physical compute × software efficiency"),
        VariableInfo("trainingCompute", unit: "effective FLOP", meaning: "effective training compute of the frontier model, C_T"),
        VariableInfo("capability", unit: "human researchers", meaning: "per-AI capability c = (C_T/C_HL)^β; 1 = human level"),
        VariableInfo("numberOfAIs", unit: "copies", meaning: "copies run on the inference share of effective compute"),
        VariableInfo("aiResearchLabour", unit: "researcher equivalents", meaning: "AI research labour L_AI = H₀(sN/H₀)^p c^θ"),
        VariableInfo("humanResearchers", unit: "researchers", meaning: "human researchers H₀e^(nτ)"),
        VariableInfo("researchMultiplier", unit: "×", meaning: "research input / human-only input"),
        VariableInfo("trainingShare", unit: "fraction", meaning: "share f of effective compute used for training"),
        VariableInfo("softwareGrowthRate", unit: "1/year", meaning: "d ln S/dt"),
        VariableInfo("countContribution", unit: "1/year", meaning: "growth of ln L_AI from more copies, p·d ln N/dt"),
        VariableInfo("capabilityContribution", unit: "1/year", meaning: "growth of ln L_AI from more capable copies, θ·d ln c/dt"),
    ]
    public static let eventSettings: [EventSettingInfo] = []

    public static func defaultInitialState(_ p: Parameters, start: Double) -> [String: Double] {
        ["installedHardware": ComputeGrowthModel.balancedHardware(p.compute), "softwareEfficiency": 1]
    }

    /// The parameters with the start year set and δ calibrated at the initial state.
    static func calibrated(_ parameters: Parameters, initialState: [Double], start: Double) -> Parameters {
        var p = parameters
        p.compute.startYear = start
        p.researchProductivity = 1
        p.constants = FeedbackConstants(p)
        let algebra = FeedbackAlgebra(t: start, physical: initialState[0], software: initialState[1], p)
        let rate = M_LN2 / p.compute.softwareHalvingYears
        let unit = softwareDerivative(research: algebra.researchInput, software: initialState[1], p) / initialState[1]
        p.researchProductivity = rate / unit
        return p
    }

    public static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double),
                               settings: [String: [Double]]) -> ODEProblem<Parameters> {
        let p = calibrated(parameters, initialState: initialState, start: span.start)
        var events = [
            Event<Parameters>(name: "humanLevelYear", direction: .rising) { _, y, p in
                log(trainingShare(p) * y[0] * y[1]) - log(p.humanLevelCompute)
            },
            Event<Parameters>(name: "beyondYear", direction: .rising) { _, y, p in
                log(trainingShare(p) * y[0] * y[1]) - log(p.humanLevelCompute * p.beyondComputeFactor)
            },
        ]
        if p.computeFromSpending { events.append(ComputeGrowthModel.spendingCapEvent(\.compute)) }
        return ODEProblem(
            stateNames: states.map(\.name), parameters: p, initialState: initialState, timeSpan: span, events: events,
            jacobian: .finiteDifferences
        ) { t, y, dydt, p in
            let algebra = FeedbackAlgebra(t: t, physical: y[0], software: y[1], p)
            dydt[0] = physicalDerivative(t: t, physical: y[0], p)
            dydt[1] = y[1] * softwareGrowthRate(research: algebra.researchInput, lnSoftware: algebra.lnSoftware, p)
        }
    }

    public static func observe(t: Double, y: UnsafeBufferPointer<Double>, parameters p: Parameters, start: Double) -> [Double] {
        let a = FeedbackAlgebra(t: t, physical: y[0], software: y[1], p)
        let humanOnly = p.humanResearch ? a.humanResearchers : 0
        let softwareRate = softwareGrowthRate(research: a.researchInput, lnSoftware: a.lnSoftware, p)
        let effectiveRate = physicalDerivative(t: t, physical: y[0], p) / y[0] + softwareRate
        // With f constant in time: d ln c/dt = β·g_E and d ln N/dt = (1 − a)·g_E.
        let count = p.parallelReturns * (1 - p.inferenceExponent) * effectiveRate
        let capability = p.capabilityValue * p.capabilityExponent * effectiveRate
        return [a.effectiveCompute, a.trainingCompute, a.capability, a.numberOfAIs, a.aiResearchLabour,
                a.humanResearchers, humanOnly > 0 ? a.researchInput / humanOnly : .nan, a.trainingShare, softwareRate,
                count, capability]
    }
}
