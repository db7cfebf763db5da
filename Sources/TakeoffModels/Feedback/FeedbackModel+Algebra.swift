import Foundation

/// The algebraic part of the feedback model: from the state (physical compute P, software S)
/// and time to training compute, capability, number of AIs and research input.
struct FeedbackAlgebra {
    /// Effective compute E = P·S [effective FLOP/year].
    var effectiveCompute: Double
    /// Training share f.
    var trainingShare: Double
    /// Effective training compute C_T = f·E·(1 year) [effective FLOP].
    var trainingCompute: Double
    /// Capability c = (C_T/C_HL)^β (1 = a human-level researcher).
    var capability: Double
    /// Copies N = (1 − f)·E / cost per copy.
    var numberOfAIs: Double
    /// Human researchers H = H₀·e^(nτ).
    var humanResearchers: Double
    /// AI research labour L_AI = H₀·(s·N/H₀)^p·c^θ [human-researcher equivalents], s the
    /// share of copies doing AI research.
    var aiResearchLabour: Double
    /// Research input R = H + L_AI (each only when switched on).
    var researchInput: Double

    init(t: Double, physical: Double, software: Double, _ p: FeedbackParameters) {
        effectiveCompute = physical * software
        trainingShare = FeedbackModel.trainingShare(p)
        trainingCompute = trainingShare * effectiveCompute
        capability = pow(trainingCompute / p.humanLevelCompute, p.capabilityExponent)
        numberOfAIs = (1 - trainingShare) * effectiveCompute / FeedbackModel.costPerCopy(trainingCompute: trainingCompute, p)
        humanResearchers = p.humanResearchers * exp(p.researcherGrowthRate * (t - p.startYear))
        aiResearchLabour = p.humanResearchers * pow(p.researchCopyShare * numberOfAIs / p.humanResearchers, p.parallelReturns)
            * pow(capability, p.capabilityValue)
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
    static func ceilingFactor(software: Double, _ p: FeedbackParameters) -> Double {
        guard p.softwareCeiling > 0 else { return 1 }
        return max(0, 1 - log(software) / log(p.softwareCeiling))
    }

    /// dS/dt = δ·R^λ·S^φ·(1 − ln S/ln S_max).
    static func softwareDerivative(research: Double, software: Double, _ p: FeedbackParameters) -> Double {
        p.researchProductivity * pow(research, p.researchExponent) * pow(software, p.researchFeedback)
            * ceilingFactor(software: software, p)
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
            + softwareDerivative(research: algebra.researchInput, software: software, p) / software
    }
}
