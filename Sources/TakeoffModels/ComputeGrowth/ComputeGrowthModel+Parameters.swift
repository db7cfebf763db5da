/// Parameters of ``ComputeGrowthModel``. Property names are the scenario keys, the `--set`
/// paths (`parameters.<name>`) and the names in `takeoff models`.
public struct ComputeGrowthParameters: Sendable, Equatable {
    /// Spending on AI compute hardware in the start year [USD/year].
    public var computeSpending: Double
    /// Growth factor of that spending until the cap binds [×/year].
    public var spendingGrowthPerYear: Double
    /// Gross world product in the start year [USD/year].
    public var grossWorldProduct: Double
    /// Growth factor of gross world product [×/year].
    public var gwpGrowthPerYear: Double
    /// Cap on compute spending as a share of gross world product [fraction].
    public var spendingCapFraction: Double
    /// Peak hardware throughput per dollar in the start year [FLOP/s per USD].
    public var flopPerSecondPerDollar: Double
    /// Average share of peak throughput achieved [fraction].
    public var utilization: Double
    /// Doubling time of hardware price-performance [years].
    public var hardwareDoublingYears: Double
    /// Rate at which installed hardware is retired [1/year].
    public var depreciationRate: Double
    /// Halving time of the compute needed for a fixed performance (algorithmic progress) [years].
    public var softwareHalvingYears: Double
    /// Share of a year's installed compute that the largest training run uses [fraction].
    public var largestRunShare: Double
    /// Start year of the run (set by the model from the time span, not a scenario key).
    public var startYear: Double = 2025

    /// Seconds in a Julian year (365.25 days), converting FLOP/s into FLOP/year.
    public static let secondsPerYear = 31_557_600.0
}

extension ComputeGrowthModel {
    /// Every parameter with its unit, meaning, default and the source of the default.
    public static let parameters: [ParameterInfo] = [
        ParameterInfo("computeSpending", 2.0e11, unit: "USD/year", constraint: .positive,
                      meaning: "spending on AI compute hardware in the start year",
                      source: "order of magnitude of 2025 AI accelerator sales: NVIDIA data-center revenue was $115.2B in fiscal 2025 (10-K), plus TPUs and other accelerators; an assumption, not a measurement"),
        ParameterInfo("spendingGrowthPerYear", 3.0, unit: "×/year", constraint: .positive,
                      meaning: "growth factor of compute spending until the cap binds",
                      source: "NVIDIA data-center revenue $15.0B → $47.5B → $115.2B over fiscal 2023-2025 (10-K), about 2.8×/year; with price-performance this gives ~4×/year training compute, the lower end of Epoch's 4-5×/year (Sevilla & Roldán 2024)"),
        ParameterInfo("grossWorldProduct", 1.15e14, unit: "USD/year", constraint: .positive,
                      meaning: "gross world product in the start year",
                      source: "IMF World Economic Outlook: world GDP about $115 trillion (2025, current prices)"),
        ParameterInfo("gwpGrowthPerYear", 1.03, unit: "×/year", constraint: .positive,
                      meaning: "growth factor of gross world product",
                      source: "IMF World Economic Outlook: world real growth about 3%/year"),
        ParameterInfo("spendingCapFraction", 0.1, unit: "fraction of GWP", constraint: .fraction,
                      meaning: "cap on compute spending as a share of gross world product",
                      source: "frac_gwp_compute_ceiling = 0.1 (best guess; 0.03-0.3) of Davidson's compute-centric framework (docs/ccf-model-notes.md)"),
        ParameterInfo("flopPerSecondPerDollar", 3.3e10, unit: "FLOP/s per USD", constraint: .positive,
                      meaning: "peak dense 16-bit throughput per dollar of hardware in the start year",
                      source: "NVIDIA H100 SXM: 989 TFLOP/s dense BF16 at about $30,000 per GPU (Epoch AI ML hardware database)"),
        ParameterInfo("utilization", 0.4, unit: "fraction", constraint: .fraction,
                      meaning: "average share of peak throughput achieved (model FLOP utilisation)",
                      source: "typical 30-50% MFU of large training runs (Epoch AI, 'Estimating training compute')"),
        ParameterInfo("hardwareDoublingYears", 2.46, unit: "years", constraint: .positive,
                      meaning: "doubling time of hardware price-performance (FLOP/s per USD)",
                      source: "Hobbhahn & Besiroglu 2022, GPU FP32 FLOP/s per $: 2.46 years (95% CI 2.24-2.72)"),
        ParameterInfo("depreciationRate", 0.2, unit: "1/year", constraint: .nonNegative,
                      meaning: "rate at which installed hardware is retired",
                      source: "compute_depreciation = 0.2/year (best guess; 0.1-0.3) of Davidson's compute-centric framework (docs/ccf-model-notes.md)"),
        ParameterInfo("softwareHalvingYears", 0.7037, unit: "years", constraint: .positive,
                      meaning: "halving time of the compute needed for a fixed performance (algorithmic progress)",
                      source: "Ho et al. 2024, language models: 8.444 months (95% CI 4.5-14.3), model 7"),
        ParameterInfo("largestRunShare", 0.01, unit: "fraction", constraint: .fraction,
                      meaning: "share of a year's installed compute used by the largest training run",
                      source: "calibrated: with the defaults the largest run is 5.3e26 FLOP in 2025.0; Grok 4 (July 2025) is estimated at 5e26 FLOP (Epoch AI frontier models data)"),
    ]

    public static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> ComputeGrowthParameters {
        makeParameters(inputs.parameters)
    }

    /// The typed parameters from values by name (all present).
    public static func makeParameters(_ v: [String: Double]) -> ComputeGrowthParameters {
        ComputeGrowthParameters(
            computeSpending: v["computeSpending"]!, spendingGrowthPerYear: v["spendingGrowthPerYear"]!,
            grossWorldProduct: v["grossWorldProduct"]!, gwpGrowthPerYear: v["gwpGrowthPerYear"]!,
            spendingCapFraction: v["spendingCapFraction"]!, flopPerSecondPerDollar: v["flopPerSecondPerDollar"]!,
            utilization: v["utilization"]!, hardwareDoublingYears: v["hardwareDoublingYears"]!,
            depreciationRate: v["depreciationRate"]!, softwareHalvingYears: v["softwareHalvingYears"]!,
            largestRunShare: v["largestRunShare"]!)
    }
}
