import TakeoffCore
/// Parameters of ``FeedbackModel``. Property names are the scenario keys (`parameters.<name>`,
/// flat: the hardware ones are the compute-growth model's names).
public struct FeedbackParameters: ModelParameters, Equatable {
    public init() {}

    /// Hardware and spending (the compute-growth model's parameters; `largestRunShare` unused).
    public var compute = ComputeGrowthParameters()
    /// Physical compute from the compute-growth equations (`true`) or an exogenous trend.
    public var computeFromSpending: Bool = true
    /// Growth factor of physical compute when it is an exogenous trend [×/year].
    public var physicalComputeGrowthPerYear: Double = 4.0
    /// Effective training compute of a human-level AI researcher, C_HL [effective FLOP].
    public var humanLevelCompute: Double = 1e30
    /// "Far beyond": the capability of a model trained on this multiple of C_HL [×].
    public var beyondComputeFactor: Double = 1e4
    /// β in c = (C_T / C_HL)^β [dimensionless].
    public var capabilityExponent: Double = 0.5
    /// θ: elasticity of research labour per copy with respect to capability [dimensionless].
    public var capabilityValue: Double = 1.0
    /// p: returns to parallel copies [dimensionless].
    public var parallelReturns: Double = 0.7
    /// a: running cost per copy ∝ C_T^a [dimensionless].
    public var inferenceExponent: Double = 0.5
    /// Tokens per second a copy generates (sets the running cost per copy) [tokens/s].
    public var tokensPerSecondPerCopy: Double = 10
    /// Share of the copies that work on AI research [fraction].
    public var researchCopyShare: Double = 0.03
    /// f: share of effective compute training the frontier model, when the split is fixed [fraction].
    public var trainingShare: Double = 0.01
    /// Whether f is chosen at each instant to maximise research input.
    public var optimalSplit: Bool = false
    /// Human researchers at the start, H₀ [researchers].
    public var humanResearchers: Double = 5e4
    /// Growth rate n of human researchers [1/year].
    public var researcherGrowthRate: Double = 0.04
    /// λ: returns to research input in idea production [dimensionless].
    public var researchExponent: Double = 1.0
    /// φ: how past software progress helps (φ > 0) or hinders (φ < 0) further progress [dimensionless].
    public var researchFeedback: Double = 1.0 / 6.0
    /// Software efficiency ceiling S_max [×]; 0 for none.
    public var softwareCeiling: Double = 1.8e13
    /// Whether AI research labour counts in research input.
    public var aiResearch: Bool = true
    /// Whether human researchers count in research input.
    public var humanResearch: Bool = true
    /// δ in dS/dt = δ R^λ S^φ, calibrated at the start (set by the model, not a scenario key).
    public var researchProductivity: Double = 1
    /// Logarithms of constant factors, set by ``FeedbackModel/calibrated(_:initialState:start:)``;
    /// `nil` means compute them on each use.
    public var constants: FeedbackConstants?
    /// Start year (set by the model from the time span).
    public var startYear: Double { compute.startYear }

    /// Seconds per year, converting tokens per second into tokens per year.
    public static let secondsPerYear = ComputeGrowthParameters.secondsPerYear
}

extension FeedbackModel {
    /// Compute-growth parameters reused under the same names.
    static let hardwareParameterNames = [
        "computeSpending", "spendingGrowthPerYear", "grossWorldProduct", "gwpGrowthPerYear", "spendingCapFraction",
        "flopPerSecondPerDollar", "utilization", "hardwareDoublingYears", "depreciationRate", "softwareHalvingYears",
    ]

    public static let parameterTable: [Parameter<FeedbackParameters>] =
        ComputeGrowthModel.parameterTable.filter { hardwareParameterNames.contains($0.name) }.map { parameter in
            let lifted = parameter.lifted(\FeedbackParameters.compute)
            guard parameter.name == "softwareHalvingYears" else { return lifted }
            return lifted.with(meaning: "halving time of the compute needed for a fixed performance in the start year; calibrates the research productivity δ")
        } + [
            Parameter(\.physicalComputeGrowthPerYear, unit: "×/year", constraint: .positive,
                          meaning: "growth of physical compute when options.physicalCompute = \"exogenous\"",
                          source: "Epoch AI: frontier training compute 4-5×/year (Sevilla & Roldán 2024)"),
            Parameter(\.humanLevelCompute, unit: "effective FLOP", constraint: .positive,
                          meaning: "effective training compute of a human-level AI researcher, C_HL",
                          source: "assumption (issue default): 1e30 effective FLOP; Davidson's compute-centric framework puts AGI at 1e36 FLOP with 2022 algorithms"),
            Parameter(\.beyondComputeFactor, unit: "×", constraint: .positive,
                          meaning: "'far beyond' = the capability of a model trained on this multiple of C_HL",
                          source: "the compute-centric framework's ~4 OOM effective-compute gap from 20% to 100% automation (Davidson 2023)"),
            Parameter(\.capabilityExponent, unit: "dimensionless", constraint: .positive,
                          meaning: "β in capability c = (C_T/C_HL)^β",
                          source: "assumption: each 100× of effective training compute makes a copy 10× as productive a researcher"),
            Parameter(\.capabilityValue, unit: "dimensionless", constraint: .nonNegative,
                          meaning: "θ: research labour per copy grows as c^θ",
                          source: "assumption: a copy c times as capable does c human-researcher-equivalents of work (Forethought's calculator uses quality ∝ C_T^γ, γ = 1, i.e. θβ = 1)"),
            Parameter(\.parallelReturns, unit: "dimensionless", constraint: .nonNegative,
                          meaning: "p: returns to parallel copies, L_AI ∝ N^p",
                          source: "Davidson's compute-centric framework, research parallelization penalty 0.7 (best guess); Forethought's central value 0.3"),
            Parameter(\.inferenceExponent, unit: "dimensionless", constraint: .nonNegative,
                          meaning: "a: running cost per copy ∝ C_T^a",
                          source: "compute-optimal (Chinchilla) models: parameters ∝ C^0.5 (Hoffmann et al. 2022)"),
            Parameter(\.tokensPerSecondPerCopy, unit: "tokens/s", constraint: .positive,
                          meaning: "generation speed of one copy; a copy costs 2·(C_T/120)^a FLOP per token (Chinchilla: C = 6ND, D = 20N)",
                          source: "assumption: about the pace of a human researcher's written thought"),
            Parameter(\.researchCopyShare, unit: "fraction", constraint: .fraction,
                          meaning: "share of the copies that work on AI research (the rest serve other uses)",
                          source: "calibrated: AI research labour is 0.2 human-researcher equivalents per human researcher in 2025 (research multiplier 1.2); METR's 2025 developer study found no speed-up, AI Futures' model has 3× at the automated coder"),
            Parameter(\.trainingShare, unit: "fraction", constraint: .fraction,
                          meaning: "f: share of effective compute training the frontier model (options.trainingSplit = \"fixed\")",
                          source: "calibrated as compute-growth's largestRunShare: 5.3e26 FLOP in 2025 (Grok 4 ≈ 5e26, Epoch AI)"),
            Parameter(\.humanResearchers, unit: "researchers", constraint: .positive,
                          meaning: "human AI researchers at the start, H₀",
                          source: "assumption: order of magnitude of research staff at frontier AI developers"),
            Parameter(\.researcherGrowthRate, unit: "1/year", constraint: .finite,
                          meaning: "growth rate n of human researchers",
                          source: "Bloom et al. 2020: US research workforce ~4%/year"),
            Parameter(\.researchExponent, unit: "dimensionless", constraint: .positive,
                          meaning: "λ in dS/dt = δ R^λ S^φ",
                          source: "assumption: diminishing returns to parallel work enter through parallelReturns"),
            Parameter(\.researchFeedback, unit: "dimensionless", constraint: .finite,
                          meaning: "φ in dS/dt = δ R^λ S^φ; returns to research r = λ/(1 − φ)",
                          source: "r = 1.2, the central value of Davidson & Houlden 2025 (range 0.4-3.6), with λ = 1: φ = 1 − 1/1.2"),
            Parameter(\.softwareCeiling, unit: "×", constraint: .nonNegative,
                          meaning: "software efficiency that progress approaches smoothly (0: none)",
                          source: "Davidson & Houlden 2025: effective limits 11 years of recent progress away (range 6-16), a year being 8 doublings of effective compute of which software is half: 2^44"),
        ]

    public static let options: [OptionInfo] = [
        OptionInfo("trainingSplit", "fixed", allowed: ["fixed", "optimal"],
                   meaning: "fixed: f = trainingShare; optimal: the f that maximises research input, f* = (θβ − ap)/(θβ + (1 − a)p)"),
        OptionInfo("physicalCompute", "compute-growth", allowed: ["compute-growth", "exogenous"],
                   meaning: "physical compute from the compute-growth equations, or growing at physicalComputeGrowthPerYear"),
        OptionInfo("aiResearch", "on", allowed: ["on", "off"], meaning: "whether AI research labour counts in research input"),
        OptionInfo("humanResearch", "on", allowed: ["on", "off"], meaning: "whether human researchers count in research input"),
    ]

    /// The declarations of ``parameterTable``.
    public static var parameters: [ParameterInfo] { parameterTable.infos() }

    public static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> FeedbackParameters {
        makeParameters(inputs.parameters, options: inputs.options)
    }

    /// The typed parameters from values and options by name (absent ones take their defaults).
    public static func makeParameters(_ v: [String: Double], options: [String: String]) -> FeedbackParameters {
        var p: FeedbackParameters = parameterTable.make(v)
        apply(options, to: &p)
        return p
    }

    /// What the options set, and the frontier run's share of compute: the training share.
    static func apply(_ options: [String: String], to p: inout FeedbackParameters) {
        p.compute.largestRunShare = p.trainingShare
        p.computeFromSpending = (options["physicalCompute"] ?? "compute-growth") == "compute-growth"
        p.optimalSplit = options["trainingSplit"] == "optimal"
        p.aiResearch = (options["aiResearch"] ?? "on") == "on"
        p.humanResearch = (options["humanResearch"] ?? "on") == "on"
    }

    /// What the options set, and the check of the whole.
    static func build(_ p: inout FeedbackParameters, _ inputs: ModelInputs) throws(ModelInputIssue) {
        apply(inputs.options, to: &p)
        if let issue = validate(p) { throw issue }
    }

    public static func validate(_ p: FeedbackParameters) -> ModelInputIssue? {
        if p.optimalSplit && p.capabilityValue * p.capabilityExponent <= p.inferenceExponent * p.parallelReturns {
            return ModelInputIssue(
                keyPaths: ["options.trainingSplit", "parameters.capabilityValue", "parameters.capabilityExponent",
                           "parameters.inferenceExponent", "parameters.parallelReturns"],
                message: "trainingSplit = \"optimal\" needs capabilityValue·capabilityExponent > inferenceExponent·parallelReturns (θβ = \(p.capabilityValue * p.capabilityExponent), ap = \(p.inferenceExponent * p.parallelReturns)): otherwise research input grows without bound as the training share goes to 0; use a fixed split")
        }
        if p.aiResearch && p.researchCopyShare == 0 {
            return ModelInputIssue(keyPaths: ["parameters.researchCopyShare"],
                                   message: "researchCopyShare = 0 leaves no AI research labour; use options.aiResearch = \"off\" instead")
        }
        if !p.aiResearch && !p.humanResearch {
            return ModelInputIssue(keyPaths: ["options.aiResearch", "options.humanResearch"],
                                   message: "with both AI and human research off there is no research input")
        }
        if p.trainingShare <= 0 || p.trainingShare >= 1, !p.optimalSplit {
            return ModelInputIssue(keyPaths: ["parameters.trainingShare"],
                                   message: "a fixed training share must be strictly between 0 and 1 (both training and copies need compute)")
        }
        if p.softwareCeiling > 0 && p.softwareCeiling <= 1 {
            return ModelInputIssue(keyPaths: ["parameters.softwareCeiling"],
                                   message: "the software ceiling must exceed the start-year efficiency 1 (or be 0 for none)")
        }
        return nil
    }
}
