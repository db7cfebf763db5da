import Foundation
import TakeoffCore

/// Parameters of ``ComputeCentricModel``: Davidson's compute-centric framework (Epoch's `ftm`,
/// takeoffspeeds.com). Each property is the reference's parameter name in camelCase (scenario key,
/// `--set parameters.<name>` path); `takeoff models` lists the reference name beside it. Meanings
/// and the three presets' values: docs/ccf-model-notes.md §12, from the reference's
/// `website/src/js/presets.js`.
public struct ComputeCentricParameters: ModelParameters, Equatable {
    public init() {}

    /// Training FLOP (2020 algorithms) for AI to do the hardest goods/services task; top of the training-requirement distribution. [FLOP] (`full_automation_requirements_training`)
    public var fullAutomationRequirementsTraining: Double = 1e+36
    /// Ratio of the top requirement to the level at which 20% of tasks become trainable (sets the spread). [×] (`flop_gap_training`)
    public var flopGapTraining: Double = 10000.0
    /// R&D training requirements = goods requirements divided by this. [×] (`goods_vs_rnd_requirements_training`)
    public var goodsVsRndRequirementsTraining: Double = 3.0
    /// Runtime FLOP/s (2020 algorithms) to replace one worker on the hardest task (converted to FLOP/year in code). [FLOP/s] (`full_automation_requirements_runtime`)
    public var fullAutomationRequirementsRuntime: Double = 1.66667e+16
    /// Spread (top / 20th percentile) of runtime requirements. [×] (`flop_gap_runtime`)
    public var flopGapRuntime: Double = 10.0
    /// R&D runtime requirements = goods runtime requirements divided by this. [×] (`goods_vs_rnd_requirements_runtime`)
    public var goodsVsRndRequirementsRuntime: Double = 100.0
    /// Exponent δ: runtime need scales as (task training requirement / biggest run)^δ; ≤0 disables the tradeoff. [1] (`runtime_training_tradeoff`)
    public var runtimeTrainingTradeoff: Double = 1.5
    /// With the tradeoff on, a task is automatable once biggest run × this exceeds its training requirement. [×] (`runtime_training_max_tradeoff`)
    public var runtimeTrainingMaxTradeoff: Double = 30.0
    /// CES ρ among cognitive tasks in goods production (σ = 1/(1-ρ)). [1 (CES ρ)] (`labour_substitution_goods`)
    public var labourSubstitutionGoods: Double = -0.5
    /// CES ρ among cognitive tasks in hardware and software R&D. [1 (CES ρ)] (`labour_substitution_rnd`)
    public var labourSubstitutionRnd: Double = -0.5
    /// CES ρ between capital and the cognitive aggregate in goods production. [1 (CES ρ)] (`capital_substitution_goods`)
    public var capitalSubstitutionGoods: Double = -0.4
    /// CES ρ between capital and cognition in hardware R&D (code multiplies it by the parallelization penalty). [1 (CES ρ)] (`capital_substitution_rnd`)
    public var capitalSubstitutionRnd: Double = -0.25
    /// CES ρ between experiment compute and cognition in software R&D. [1 (CES ρ)] (`research_experiments_substitution_software`)
    public var researchExperimentsSubstitutionSoftware: Double = -0.01
    /// Exponent e: experiment input to software R&D = (installed hardware)^e. [1] (`compute_software_rnd_experiments_efficiency`)
    public var computeSoftwareRndExperimentsEfficiency: Double = 0.4
    /// r_H: in the code H ∝ Q_H^(r_H/λ) (Q_H = cumulative λ-adjusted hardware R&D input), before the ceiling penalty; initial d ln H/dt = r_H × ratio. [1] (`hardware_returns`)
    public var hardwareReturns: Double = 5.2
    /// r_S: the same for software efficiency. [1] (`software_returns`)
    public var softwareReturns: Double = 1.25
    /// Upper limit U_H on hardware performance (FLOP/year/$); returns shrink as ln(U_H/H) shrinks. [FLOP/year per USD] (`hardware_performance_ceiling`)
    public var hardwarePerformanceCeiling: Double = 1e+26
    /// Upper limit U_S on software efficiency (effective FLOP per physical FLOP, 2020 = 1). [× (2020 = 1)] (`software_ceiling`)
    public var softwareCeiling: Double = 1000000000000.0
    /// λ: R&D input enters the cumulative stock as R^λ ("stepping on toes"). [1] (`rnd_parallelization_penalty`)
    public var rndParallelizationPenalty: Double = 0.7
    /// Years between a hardware-performance level being reached and chips at that level being buyable. [years] (`hardware_delay`)
    public var hardwareDelay: Double = 1.0
    /// Pre-wake-up exponential growth rate of the share of capital in hardware R&D. [1/year] (`frac_capital_hardware_rnd_growth`)
    public var fracCapitalHardwareRndGrowth: Double = 0.01
    /// Pre-wake-up growth rate of the share of labour in hardware R&D. [1/year] (`frac_labour_hardware_rnd_growth`)
    public var fracLabourHardwareRndGrowth: Double = 0.01
    /// Pre-wake-up growth rate of the share of compute in hardware R&D. [1/year] (`frac_compute_hardware_rnd_growth`)
    public var fracComputeHardwareRndGrowth: Double = 0.01
    /// Pre-wake-up growth rate of the share of labour in software R&D. [1/year] (`frac_labour_software_rnd_growth`)
    public var fracLabourSoftwareRndGrowth: Double = 0.18
    /// Pre-wake-up growth rate of the share of compute in software R&D. [1/year] (`frac_compute_software_rnd_growth`)
    public var fracComputeSoftwareRndGrowth: Double = 0.18
    /// Pre-wake-up growth rate of the share of GWP spent on new compute. [1/year] (`frac_gwp_compute_growth`)
    public var fracGwpComputeGrowth: Double = 0.19
    /// Pre-wake-up growth rate of the share of compute used for the largest training run. [1/year] (`frac_compute_training_growth`)
    public var fracComputeTrainingGrowth: Double = 0.547528364331348
    /// Post-wake-up growth rate of the capital share in hardware R&D. [1/year] (`frac_capital_hardware_rnd_growth_rampup`)
    public var fracCapitalHardwareRndGrowthRampup: Double = 0.14
    /// Post-wake-up growth rate of the labour share in hardware R&D. [1/year] (`frac_labour_hardware_rnd_growth_rampup`)
    public var fracLabourHardwareRndGrowthRampup: Double = 0.14
    /// Post-wake-up growth rate of the compute share in hardware R&D. [1/year] (`frac_compute_hardware_rnd_growth_rampup`)
    public var fracComputeHardwareRndGrowthRampup: Double = 0.67
    /// Post-wake-up growth rate of the labour share in software R&D. [1/year] (`frac_labour_software_rnd_growth_rampup`)
    public var fracLabourSoftwareRndGrowthRampup: Double = 0.22
    /// Post-wake-up growth rate of the compute share in software R&D. [1/year] (`frac_compute_software_rnd_growth_rampup`)
    public var fracComputeSoftwareRndGrowthRampup: Double = 0.67
    /// Post-wake-up growth rate of the GWP share spent on compute. [1/year] (`frac_gwp_compute_growth_rampup`)
    public var fracGwpComputeGrowthRampup: Double = 0.19
    /// Post-wake-up growth rate of the training share of compute. [1/year] (`frac_compute_training_growth_rampup`)
    public var fracComputeTrainingGrowthRampup: Double = 1.1
    /// Cap on the capital share in hardware R&D. [fraction] (`frac_capital_hardware_rnd_ceiling`)
    public var fracCapitalHardwareRndCeiling: Double = 0.03
    /// Cap on the labour share in hardware R&D. [fraction] (`frac_labour_hardware_rnd_ceiling`)
    public var fracLabourHardwareRndCeiling: Double = 0.03
    /// Cap on the compute share in hardware R&D. [fraction] (`frac_compute_hardware_rnd_ceiling`)
    public var fracComputeHardwareRndCeiling: Double = 0.2
    /// Cap on the labour share in software R&D. [fraction] (`frac_labour_software_rnd_ceiling`)
    public var fracLabourSoftwareRndCeiling: Double = 0.03
    /// Cap on the compute share in software R&D. [fraction] (`frac_compute_software_rnd_ceiling`)
    public var fracComputeSoftwareRndCeiling: Double = 0.2
    /// Cap on the GWP share spent on compute. [fraction] (`frac_gwp_compute_ceiling`)
    public var fracGwpComputeCeiling: Double = 0.1
    /// Cap on the training share of compute. [fraction] (`frac_compute_training_ceiling`)
    public var fracComputeTrainingCeiling: Double = 0.1
    /// Share of capital in hardware R&D at t0. [fraction] (`initial_frac_capital_hardware_rnd`)
    public var initialFracCapitalHardwareRnd: Double = 0.002
    /// Share of labour in hardware R&D at t0. [fraction] (`initial_frac_labour_hardware_rnd`)
    public var initialFracLabourHardwareRnd: Double = 0.002
    /// Share of compute in hardware R&D at t0. [fraction] (`initial_frac_compute_hardware_rnd`)
    public var initialFracComputeHardwareRnd: Double = 0.002
    /// Share of labour in software R&D at t0. [fraction] (`initial_frac_labour_software_rnd`)
    public var initialFracLabourSoftwareRnd: Double = 0.0002
    /// Share of compute in software R&D at t0. [fraction] (`initial_frac_compute_software_rnd`)
    public var initialFracComputeSoftwareRnd: Double = 0.0002
    /// Largest training run at t0 (FLOP); fixes the initial training share of compute. [FLOP] (`initial_biggest_training_run`)
    public var initialBiggestTrainingRun: Double = 3e+24
    /// Hardware R&D input in 2022 relative to all past (λ-adjusted) input; sets Q_H(0). [1] (`ratio_initial_to_cumulative_input_hardware_rnd`)
    public var ratioInitialToCumulativeInputHardwareRnd: Double = 0.047
    /// Same for software R&D; sets Q_S(0). [1] (`ratio_initial_to_cumulative_input_software_rnd`)
    public var ratioInitialToCumulativeInputSoftwareRnd: Double = 0.2
    /// FLOP/year of capacity produced in 2022; sets initial compute spending. [FLOP/year] (`initial_hardware_production`)
    public var initialHardwareProduction: Double = 1e+28
    /// Installed hardware stock at t0 divided by 2022 production. [1] (`ratio_hardware_to_initial_hardware_production`)
    public var ratioHardwareToInitialHardwareProduction: Double = 2.0
    /// FLOP/year per $ of the best buyable hardware at t0. [FLOP/year per USD] (`initial_buyable_hardware_performance`)
    public var initialBuyableHardwarePerformance: Double = 1.5e+17
    /// GWP at t0 (2020 USD/year); output is rescaled to match it. [USD/year (2020)] (`initial_gwp`)
    public var initialGwp: Double = 85000000000000.0
    /// Working population at t0 (labour units). [workers] (`initial_population`)
    public var initialPopulation: Double = 4000000000.0
    /// Share of goods output paid to cognition (labour + compute) rather than capital, at t0; calibrates CES weights. [fraction] (`initial_cognitive_share_goods`)
    public var initialCognitiveShareGoods: Double = 0.5
    /// Same for hardware R&D. [fraction] (`initial_cognitive_share_hardware_rnd`)
    public var initialCognitiveShareHardwareRnd: Double = 0.7
    /// Compute’s part of the cognitive share in goods at t0 (code multiplies it by the cognitive share). [fraction] (`initial_compute_share_goods`)
    public var initialComputeShareGoods: Double = 0.01
    /// Compute’s part of the cognitive share in both R&D sectors at t0. [fraction] (`initial_compute_share_rnd`)
    public var initialComputeShareRnd: Double = 0.01
    /// Share of software R&D attributed to experiments (vs cognition) at t0. [fraction] (`initial_experiment_share_software_rnd`)
    public var initialExperimentShareSoftwareRnd: Double = 0.3
    /// Wake-up happens when the fraction of goods tasks actually automated reaches this. [fraction] (`rampup_trigger`)
    public var rampupTrigger: Double = 0.06
    /// Used only to set K(0) so that capital initially grows at this rate. [1/year] (`initial_capital_growth`)
    public var initialCapitalGrowth: Double = 0.0275
    /// Exponential growth rate of labour. [1/year] (`labour_growth`)
    public var labourGrowth: Double = 0.01
    /// Exponential growth rate of TFP in goods and in R&D. [1/year] (`tfp_growth`)
    public var tfpGrowth: Double = 0.01
    /// Fraction of installed hardware lost per year (applied as (1-δ)^Δt per step). [fraction/year] (`compute_depreciation`)
    public var computeDepreciation: Double = 0.2
    /// Before wake-up, the training share stops growing once the largest run costs more than this ($). [USD] (`money_cap_training_before_wakeup`)
    public var moneyCapTrainingBeforeWakeup: Double = 4000000000.0
    /// If >0, training requirements are rounded up onto a grid of this many OOMs (lumpy automation); 0 = smooth. [OOM] (`training_requirements_steepness`)
    public var trainingRequirementsSteepness: Double = 0.0
    /// Same for runtime requirements. [OOM] (`runtime_requirements_steepness`)
    public var runtimeRequirementsSteepness: Double = 0.0
    /// Whether the runtime-training tradeoff is on (the website's flag; option `runtimeTradeoff`).
    public var runtimeTradeoffEnabled: Bool = true
    /// The reference scheme's fixed step [years] (`t_step`).
    public var referenceStep: Double = 0.1
}

extension ComputeCentricModel {
    /// Every parameter: default = the reference's best guess.
    public static let parameterTable: [Parameter<ComputeCentricParameters>] = [
        Parameter(\.fullAutomationRequirementsTraining, unit: "FLOP", constraint: .positive,
                      meaning: "Training FLOP (2020 algorithms) for AI to do the hardest goods/services task; top of the training-requirement distribution.",
                      source: "full_automation_requirements_training: best guess 1e+36 (aggressive 1e+33, conservative 1e+40), ftm presets.js"),
        Parameter(\.flopGapTraining, unit: "×", constraint: .positive,
                      meaning: "Ratio of the top requirement to the level at which 20% of tasks become trainable (sets the spread).",
                      source: "flop_gap_training: best guess 10000 (aggressive 10, conservative 1e+08), ftm presets.js"),
        Parameter(\.goodsVsRndRequirementsTraining, unit: "×", constraint: .positive,
                      meaning: "R&D training requirements = goods requirements divided by this.",
                      source: "goods_vs_rnd_requirements_training: best guess 3 (aggressive 30, conservative 1), ftm presets.js"),
        Parameter(\.fullAutomationRequirementsRuntime, unit: "FLOP/s", constraint: .positive,
                      meaning: "Runtime FLOP/s (2020 algorithms) to replace one worker on the hardest task (converted to FLOP/year in code).",
                      source: "full_automation_requirements_runtime: best guess 1.66667e+16 (aggressive 1e+15, conservative 1e+20 in the notes; presets.js stores those two times 31,536,000 s), ftm presets.js"),
        Parameter(\.flopGapRuntime, unit: "×", constraint: .positive,
                      meaning: "Spread (top / 20th percentile) of runtime requirements.",
                      source: "flop_gap_runtime: best guess 10 (aggressive 1, conservative 100), ftm presets.js"),
        Parameter(\.goodsVsRndRequirementsRuntime, unit: "×", constraint: .positive,
                      meaning: "R&D runtime requirements = goods runtime requirements divided by this.",
                      source: "goods_vs_rnd_requirements_runtime: best guess 100 (aggressive 300, conservative 30), ftm presets.js"),
        Parameter(\.runtimeTrainingTradeoff, unit: "1", constraint: .finite,
                      meaning: "Exponent δ: runtime need scales as (task training requirement / biggest run)^δ; ≤0 disables the tradeoff.",
                      source: "runtime_training_tradeoff: best guess 1.5 (aggressive 0.8, conservative 3), ftm presets.js"),
        Parameter(\.runtimeTrainingMaxTradeoff, unit: "×", constraint: .positive,
                      meaning: "With the tradeoff on, a task is automatable once biggest run × this exceeds its training requirement.",
                      source: "runtime_training_max_tradeoff: best guess 30 (aggressive 1000, conservative 1), ftm presets.js"),
        Parameter(\.labourSubstitutionGoods, unit: "1 (CES ρ)", constraint: .finite,
                      meaning: "CES ρ among cognitive tasks in goods production (σ = 1/(1-ρ)).",
                      source: "labour_substitution_goods: best guess -0.5 (aggressive -0.2, conservative -2), ftm presets.js"),
        Parameter(\.labourSubstitutionRnd, unit: "1 (CES ρ)", constraint: .finite,
                      meaning: "CES ρ among cognitive tasks in hardware and software R&D.",
                      source: "labour_substitution_rnd: best guess -0.5 (aggressive -0.2, conservative -2), ftm presets.js"),
        Parameter(\.capitalSubstitutionGoods, unit: "1 (CES ρ)", constraint: .finite,
                      meaning: "CES ρ between capital and the cognitive aggregate in goods production.",
                      source: "capital_substitution_goods: best guess -0.4 (aggressive -0.2, conservative -2), ftm presets.js"),
        Parameter(\.capitalSubstitutionRnd, unit: "1 (CES ρ)", constraint: .finite,
                      meaning: "CES ρ between capital and cognition in hardware R&D (code multiplies it by the parallelization penalty).",
                      source: "capital_substitution_rnd: best guess -0.25 (aggressive -0.17, conservative -0.5), ftm presets.js"),
        Parameter(\.researchExperimentsSubstitutionSoftware, unit: "1 (CES ρ)", constraint: .finite,
                      meaning: "CES ρ between experiment compute and cognition in software R&D.",
                      source: "research_experiments_substitution_software: best guess -0.01 (aggressive -0.01, conservative -0.01), ftm presets.js"),
        Parameter(\.computeSoftwareRndExperimentsEfficiency, unit: "1", constraint: .positive,
                      meaning: "Exponent e: experiment input to software R&D = (installed hardware)^e.",
                      source: "compute_software_rnd_experiments_efficiency: best guess 0.4 (aggressive 0.4, conservative 0.4), ftm presets.js"),
        Parameter(\.hardwareReturns, unit: "1", constraint: .positive,
                      meaning: "r_H: in the code H ∝ Q_H^(r_H/λ) (Q_H = cumulative λ-adjusted hardware R&D input), before the ceiling penalty; initial d ln H/dt = r_H × ratio.",
                      source: "hardware_returns: best guess 5.2 (aggressive 7, conservative 3), ftm presets.js"),
        Parameter(\.softwareReturns, unit: "1", constraint: .positive,
                      meaning: "r_S: the same for software efficiency.",
                      source: "software_returns: best guess 1.25 (aggressive 5, conservative 0.8), ftm presets.js"),
        Parameter(\.hardwarePerformanceCeiling, unit: "FLOP/year per USD", constraint: .positive,
                      meaning: "Upper limit U_H on hardware performance (FLOP/year/$); returns shrink as ln(U_H/H) shrinks.",
                      source: "hardware_performance_ceiling: best guess 1e+26 (aggressive 1e+29, conservative 1e+23), ftm presets.js"),
        Parameter(\.softwareCeiling, unit: "× (2020 = 1)", constraint: .positive,
                      meaning: "Upper limit U_S on software efficiency (effective FLOP per physical FLOP, 2020 = 1).",
                      source: "software_ceiling: best guess 1e+12 (aggressive 1e+16, conservative 1e+08), ftm presets.js"),
        Parameter(\.rndParallelizationPenalty, unit: "1", constraint: .positive,
                      meaning: "λ: R&D input enters the cumulative stock as R^λ (\"stepping on toes\").",
                      source: "rnd_parallelization_penalty: best guess 0.7 (aggressive 0.99, conservative 0.2), ftm presets.js"),
        Parameter(\.hardwareDelay, unit: "years", constraint: .nonNegative,
                      meaning: "Years between a hardware-performance level being reached and chips at that level being buyable.",
                      source: "hardware_delay: best guess 1 (aggressive 0.01, conservative 2.5), ftm presets.js"),
        Parameter(\.fracCapitalHardwareRndGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up exponential growth rate of the share of capital in hardware R&D.",
                      source: "frac_capital_hardware_rnd_growth: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.fracLabourHardwareRndGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of labour in hardware R&D.",
                      source: "frac_labour_hardware_rnd_growth: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.fracComputeHardwareRndGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of compute in hardware R&D.",
                      source: "frac_compute_hardware_rnd_growth: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.fracLabourSoftwareRndGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of labour in software R&D.",
                      source: "frac_labour_software_rnd_growth: best guess 0.18 (aggressive 0.18, conservative 0.18), ftm presets.js"),
        Parameter(\.fracComputeSoftwareRndGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of compute in software R&D.",
                      source: "frac_compute_software_rnd_growth: best guess 0.18 (aggressive 0.18, conservative 0.18), ftm presets.js"),
        Parameter(\.fracGwpComputeGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of GWP spent on new compute.",
                      source: "frac_gwp_compute_growth: best guess 0.19 (aggressive 0.37, conservative 0.07), ftm presets.js"),
        Parameter(\.fracComputeTrainingGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Pre-wake-up growth rate of the share of compute used for the largest training run.",
                      source: "frac_compute_training_growth: best guess 0.547528364331348 (aggressive 0.163764182165674, conservative 0.931292546497022), ftm presets.js"),
        Parameter(\.fracCapitalHardwareRndGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the capital share in hardware R&D.",
                      source: "frac_capital_hardware_rnd_growth_rampup: best guess 0.14 (aggressive 0.32, conservative 0.05), ftm presets.js"),
        Parameter(\.fracLabourHardwareRndGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the labour share in hardware R&D.",
                      source: "frac_labour_hardware_rnd_growth_rampup: best guess 0.14 (aggressive 0.32, conservative 0.05), ftm presets.js"),
        Parameter(\.fracComputeHardwareRndGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the compute share in hardware R&D.",
                      source: "frac_compute_hardware_rnd_growth_rampup: best guess 0.67 (aggressive 1.37, conservative 0.27), ftm presets.js"),
        Parameter(\.fracLabourSoftwareRndGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the labour share in software R&D.",
                      source: "frac_labour_software_rnd_growth_rampup: best guess 0.22 (aggressive 0.37, conservative 0.12), ftm presets.js"),
        Parameter(\.fracComputeSoftwareRndGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the compute share in software R&D.",
                      source: "frac_compute_software_rnd_growth_rampup: best guess 0.67 (aggressive 1.37, conservative 0.27), ftm presets.js"),
        Parameter(\.fracGwpComputeGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the GWP share spent on compute.",
                      source: "frac_gwp_compute_growth_rampup: best guess 0.19 (aggressive 0.37, conservative 0.07), ftm presets.js"),
        Parameter(\.fracComputeTrainingGrowthRampup, unit: "1/year", constraint: .nonNegative,
                      meaning: "Post-wake-up growth rate of the training share of compute.",
                      source: "frac_compute_training_growth_rampup: best guess 1.1 (aggressive 4.5, conservative 0.55), ftm presets.js"),
        Parameter(\.fracCapitalHardwareRndCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the capital share in hardware R&D.",
                      source: "frac_capital_hardware_rnd_ceiling: best guess 0.03 (aggressive 0.1, conservative 0.01), ftm presets.js"),
        Parameter(\.fracLabourHardwareRndCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the labour share in hardware R&D.",
                      source: "frac_labour_hardware_rnd_ceiling: best guess 0.03 (aggressive 0.1, conservative 0.01), ftm presets.js"),
        Parameter(\.fracComputeHardwareRndCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the compute share in hardware R&D.",
                      source: "frac_compute_hardware_rnd_ceiling: best guess 0.2 (aggressive 0.35, conservative 0.05), ftm presets.js"),
        Parameter(\.fracLabourSoftwareRndCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the labour share in software R&D.",
                      source: "frac_labour_software_rnd_ceiling: best guess 0.03 (aggressive 0.1, conservative 0.01), ftm presets.js"),
        Parameter(\.fracComputeSoftwareRndCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the compute share in software R&D.",
                      source: "frac_compute_software_rnd_ceiling: best guess 0.2 (aggressive 0.35, conservative 0.05), ftm presets.js"),
        Parameter(\.fracGwpComputeCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the GWP share spent on compute.",
                      source: "frac_gwp_compute_ceiling: best guess 0.1 (aggressive 0.3, conservative 0.03), ftm presets.js"),
        Parameter(\.fracComputeTrainingCeiling, unit: "fraction", constraint: .fraction,
                      meaning: "Cap on the training share of compute.",
                      source: "frac_compute_training_ceiling: best guess 0.1 (aggressive 0.2, conservative 0.03), ftm presets.js"),
        Parameter(\.initialFracCapitalHardwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of capital in hardware R&D at t0.",
                      source: "initial_frac_capital_hardware_rnd: best guess 0.002 (aggressive 0.002, conservative 0.002), ftm presets.js"),
        Parameter(\.initialFracLabourHardwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of labour in hardware R&D at t0.",
                      source: "initial_frac_labour_hardware_rnd: best guess 0.002 (aggressive 0.002, conservative 0.002), ftm presets.js"),
        Parameter(\.initialFracComputeHardwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of compute in hardware R&D at t0.",
                      source: "initial_frac_compute_hardware_rnd: best guess 0.002 (aggressive 0.002, conservative 0.002), ftm presets.js"),
        Parameter(\.initialFracLabourSoftwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of labour in software R&D at t0.",
                      source: "initial_frac_labour_software_rnd: best guess 0.0002 (aggressive 0.0002, conservative 0.0002), ftm presets.js"),
        Parameter(\.initialFracComputeSoftwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of compute in software R&D at t0.",
                      source: "initial_frac_compute_software_rnd: best guess 0.0002 (aggressive 0.0002, conservative 0.0002), ftm presets.js"),
        Parameter(\.initialBiggestTrainingRun, unit: "FLOP", constraint: .positive,
                      meaning: "Largest training run at t0 (FLOP); fixes the initial training share of compute.",
                      source: "initial_biggest_training_run: best guess 3e+24 (aggressive 3e+24, conservative 3e+24), ftm presets.js"),
        Parameter(\.ratioInitialToCumulativeInputHardwareRnd, unit: "1", constraint: .positive,
                      meaning: "Hardware R&D input in 2022 relative to all past (λ-adjusted) input; sets Q_H(0).",
                      source: "ratio_initial_to_cumulative_input_hardware_rnd: best guess 0.047 (aggressive 0.047, conservative 0.047), ftm presets.js"),
        Parameter(\.ratioInitialToCumulativeInputSoftwareRnd, unit: "1", constraint: .positive,
                      meaning: "Same for software R&D; sets Q_S(0).",
                      source: "ratio_initial_to_cumulative_input_software_rnd: best guess 0.2 (aggressive 0.2, conservative 0.2), ftm presets.js"),
        Parameter(\.initialHardwareProduction, unit: "FLOP/year", constraint: .positive,
                      meaning: "FLOP/year of capacity produced in 2022; sets initial compute spending.",
                      source: "initial_hardware_production: best guess 1e+28 (aggressive 1e+29, conservative 1e+27), ftm presets.js"),
        Parameter(\.ratioHardwareToInitialHardwareProduction, unit: "1", constraint: .positive,
                      meaning: "Installed hardware stock at t0 divided by 2022 production.",
                      source: "ratio_hardware_to_initial_hardware_production: best guess 2 (aggressive 2, conservative 2), ftm presets.js"),
        Parameter(\.initialBuyableHardwarePerformance, unit: "FLOP/year per USD", constraint: .positive,
                      meaning: "FLOP/year per $ of the best buyable hardware at t0.",
                      source: "initial_buyable_hardware_performance: best guess 1.5e+17 (aggressive 1.5e+17, conservative 1.5e+17), ftm presets.js"),
        Parameter(\.initialGwp, unit: "USD/year (2020)", constraint: .positive,
                      meaning: "GWP at t0 (2020 USD/year); output is rescaled to match it.",
                      source: "initial_gwp: best guess 8.5e+13 (aggressive 8.5e+13, conservative 8.5e+13), ftm presets.js"),
        Parameter(\.initialPopulation, unit: "workers", constraint: .positive,
                      meaning: "Working population at t0 (labour units).",
                      source: "initial_population: best guess 4e+09 (aggressive 4e+09, conservative 4e+09), ftm presets.js"),
        Parameter(\.initialCognitiveShareGoods, unit: "fraction", constraint: .fraction,
                      meaning: "Share of goods output paid to cognition (labour + compute) rather than capital, at t0; calibrates CES weights.",
                      source: "initial_cognitive_share_goods: best guess 0.5 (aggressive 0.65, conservative 0.3), ftm presets.js"),
        Parameter(\.initialCognitiveShareHardwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Same for hardware R&D.",
                      source: "initial_cognitive_share_hardware_rnd: best guess 0.7 (aggressive 0.7, conservative 0.7), ftm presets.js"),
        Parameter(\.initialComputeShareGoods, unit: "fraction", constraint: .fraction,
                      meaning: "Compute’s part of the cognitive share in goods at t0 (code multiplies it by the cognitive share).",
                      source: "initial_compute_share_goods: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.initialComputeShareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Compute’s part of the cognitive share in both R&D sectors at t0.",
                      source: "initial_compute_share_rnd: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.initialExperimentShareSoftwareRnd, unit: "fraction", constraint: .fraction,
                      meaning: "Share of software R&D attributed to experiments (vs cognition) at t0.",
                      source: "initial_experiment_share_software_rnd: best guess 0.3 (aggressive 0.3, conservative 0.3), ftm presets.js"),
        Parameter(\.rampupTrigger, unit: "fraction", constraint: .fraction,
                      meaning: "Wake-up happens when the fraction of goods tasks actually automated reaches this.",
                      source: "rampup_trigger: best guess 0.06 (aggressive 0.2, conservative 0.01), ftm presets.js"),
        Parameter(\.initialCapitalGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Used only to set K(0) so that capital initially grows at this rate.",
                      source: "initial_capital_growth: best guess 0.0275 (aggressive 0.0275, conservative 0.0275), ftm presets.js"),
        Parameter(\.labourGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Exponential growth rate of labour.",
                      source: "labour_growth: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.tfpGrowth, unit: "1/year", constraint: .nonNegative,
                      meaning: "Exponential growth rate of TFP in goods and in R&D.",
                      source: "tfp_growth: best guess 0.01 (aggressive 0.01, conservative 0.01), ftm presets.js"),
        Parameter(\.computeDepreciation, unit: "fraction/year", constraint: .fraction,
                      meaning: "Fraction of installed hardware lost per year (applied as (1-δ)^Δt per step).",
                      source: "compute_depreciation: best guess 0.2 (aggressive 0.3, conservative 0.1), ftm presets.js"),
        Parameter(\.moneyCapTrainingBeforeWakeup, unit: "USD", constraint: .positive,
                      meaning: "Before wake-up, the training share stops growing once the largest run costs more than this ($).",
                      source: "money_cap_training_before_wakeup: best guess 4e+09 (aggressive 4e+08, conservative 2e+10), ftm presets.js"),
        Parameter(\.trainingRequirementsSteepness, unit: "OOM", constraint: .nonNegative,
                      meaning: "If >0, training requirements are rounded up onto a grid of this many OOMs (lumpy automation); 0 = smooth.",
                      source: "training_requirements_steepness: best guess 0 (aggressive 0, conservative 0), ftm presets.js"),
        Parameter(\.runtimeRequirementsSteepness, unit: "OOM", constraint: .nonNegative,
                      meaning: "Same for runtime requirements.",
                      source: "runtime_requirements_steepness: best guess 0 (aggressive 0, conservative 0), ftm presets.js"),
        Parameter(\.referenceStep, unit: "years", constraint: .positive,
                      meaning: "the reference scheme's fixed explicit step t_step",
                      source: "t_step = 0.1 in the reference and on takeoffspeeds.com"),
    ]

    /// The declarations of ``parameterTable``.
    public static var parameters: [ParameterInfo] { parameterTable.infos() }

    /// The typed parameters from the inputs (absent ones take their defaults).
    public static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> ComputeCentricParameters {
        var p: ComputeCentricParameters = parameterTable.make(inputs.parameters)
        apply(inputs.options, to: &p)
        return p
    }

    /// What the options set: the website's runtime-training tradeoff flag.
    static func apply(_ options: [String: String], to p: inout ComputeCentricParameters) {
        p.runtimeTradeoffEnabled = (options["runtimeTradeoff"] ?? "enabled") == "enabled"
    }
}
