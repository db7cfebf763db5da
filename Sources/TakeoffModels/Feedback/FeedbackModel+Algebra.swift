import Foundation

/// Logarithms of the feedback model's constant factors, computed once per solve (they sit in
/// the right-hand side, which runs thousands of times per solve).
public struct FeedbackConstants: Sendable, Equatable {
    let lnHumanLevel: Double
    let lnHumans: Double
    let lnResearchShare: Double
    let trainingShare: Double
    let lnTrainingShare: Double
    let lnInferenceShare: Double
    /// ln of the cost per copy at C_T = 1: ln 2 − a·ln 120 + ln(v·Y).
    let lnCostAtUnit: Double
    let lnCeiling: Double

    init(_ p: FeedbackParameters) {
        lnHumanLevel = log(p.humanLevelCompute)
        lnHumans = log(p.humanResearchers)
        lnResearchShare = log(p.researchCopyShare)
        trainingShare = FeedbackModel.trainingShare(p)
        lnTrainingShare = log(trainingShare)
        lnInferenceShare = log(1 - trainingShare)
        lnCostAtUnit = log(2.0) - p.inferenceExponent * log(120.0) + log(p.tokensPerSecondPerCopy * FeedbackParameters.secondsPerYear)
        lnCeiling = p.softwareCeiling > 0 ? log(p.softwareCeiling) : .infinity
    }
}

/// The algebraic part of the feedback model: from the state (physical compute P, software S)
/// and time to training compute, capability, number of AIs and research input. Computed in
/// logarithms (two logs and one exponential per evaluation); the levels are derived on demand.
struct FeedbackAlgebra {
    /// ln S.
    let lnSoftware: Double
    /// ln E, E = P·S [effective FLOP/year].
    let lnEffective: Double
    /// ln C_T, C_T = f·E·(1 year) [effective FLOP].
    let lnTraining: Double
    /// ln c, c = (C_T/C_HL)^β.
    let lnCapability: Double
    /// ln N, N = (1 − f)·E / cost per copy, cost = 2·(C_T/120)^a·v·Y.
    let lnCopies: Double
    /// Training share f.
    let trainingShare: Double
    /// Human researchers H = H₀·e^(nτ).
    let humanResearchers: Double
    /// AI research labour L_AI = H₀·(s·N/H₀)^p·c^θ [human-researcher equivalents], s the
    /// share of copies doing AI research.
    let aiResearchLabour: Double
    /// Research input R = H + L_AI (each only when switched on).
    let researchInput: Double

    var effectiveCompute: Double { exp(lnEffective) }
    var trainingCompute: Double { exp(lnTraining) }
    var capability: Double { exp(lnCapability) }
    var numberOfAIs: Double { exp(lnCopies) }

    init(t: Double, physical: Double, software: Double, _ p: FeedbackParameters) {
        let k = p.constants ?? FeedbackConstants(p)
        lnSoftware = log(software)
        lnEffective = log(physical) + lnSoftware
        trainingShare = k.trainingShare
        lnTraining = k.lnTrainingShare + lnEffective
        lnCapability = p.capabilityExponent * (lnTraining - k.lnHumanLevel)
        lnCopies = k.lnInferenceShare + lnEffective - (k.lnCostAtUnit + p.inferenceExponent * lnTraining)
        humanResearchers = p.researcherGrowthRate == 0 ? p.humanResearchers
            : p.humanResearchers * exp(p.researcherGrowthRate * (t - p.startYear))
        aiResearchLabour = exp(k.lnHumans + p.parallelReturns * (k.lnResearchShare + lnCopies - k.lnHumans)
                               + p.capabilityValue * lnCapability)
        researchInput = (p.humanResearch ? humanResearchers : 0) + (p.aiResearch ? aiResearchLabour : 0)
    }
}

extension FeedbackModel {
    /// The training share: fixed, or the maximiser of L_AI ∝ [(1 − f)·f^(−a)]^p·f^(θβ):
    /// `f* = (θβ − a·p) / (θβ + (1 − a)·p)` (validated to lie in (0, 1)).
    static func trainingShare(_ p: FeedbackParameters) -> Double {
        guard p.optimalSplit else { return p.trainingShare }
        let tb = p.capabilityValue * p.capabilityExponent
        return (tb - p.inferenceExponent * p.parallelReturns) / (tb + (1 - p.inferenceExponent) * p.parallelReturns)
    }

    /// Running cost of one copy [effective FLOP/year]: 2 FLOP per parameter per token, with
    /// `(C_T/120)^a` parameters (Chinchilla: C = 6ND and D = 20N give N = (C/120)^0.5), at
    /// `tokensPerSecondPerCopy`.
    static func costPerCopy(trainingCompute: Double, _ p: FeedbackParameters) -> Double {
        2 * pow(trainingCompute / 120, p.inferenceExponent) * p.tokensPerSecondPerCopy * FeedbackParameters.secondsPerYear
    }

    /// The ceiling factor `1 − ln S / ln S_max` (1 without a ceiling, 0 at or above it).
    static func ceilingFactor(lnSoftware: Double, _ p: FeedbackParameters) -> Double {
        guard p.softwareCeiling > 0 else { return 1 }
        return max(0, 1 - lnSoftware / ((p.constants ?? FeedbackConstants(p)).lnCeiling))
    }

    /// The growth rate of software, d ln S/dt = δ·R^λ·S^(φ−1)·(1 − ln S/ln S_max) [1/year].
    static func softwareGrowthRate(research: Double, lnSoftware: Double, _ p: FeedbackParameters) -> Double {
        let inputs = p.researchExponent == 1 ? research : pow(research, p.researchExponent)
        return p.researchProductivity * inputs * exp((p.researchFeedback - 1) * lnSoftware)
            * ceilingFactor(lnSoftware: lnSoftware, p)
    }

    /// dS/dt = δ·R^λ·S^φ·(1 − ln S/ln S_max).
    static func softwareDerivative(research: Double, software: Double, _ p: FeedbackParameters) -> Double {
        software * softwareGrowthRate(research: research, lnSoftware: log(software), p)
    }

    /// dP/dt: the compute-growth equations, or the exogenous trend.
    static func physicalDerivative(t: Double, physical: Double, _ p: FeedbackParameters) -> Double {
        if p.computeFromSpending { return ComputeGrowthModel.hardwareDerivative(p.compute, t: t, hardware: physical) }
        return log(p.physicalComputeGrowthPerYear) * physical
    }

    /// Growth rate of effective compute, d ln E/dt = P'/P + S'/S [1/year].
    static func effectiveGrowthRate(t: Double, physical: Double, software: Double, _ p: FeedbackParameters) -> Double {
        let algebra = FeedbackAlgebra(t: t, physical: physical, software: software, p)
        return physicalDerivative(t: t, physical: physical, p) / physical
            + softwareGrowthRate(research: algebra.researchInput, lnSoftware: algebra.lnSoftware, p)
    }
}
