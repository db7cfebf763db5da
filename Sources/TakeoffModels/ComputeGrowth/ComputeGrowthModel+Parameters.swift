import TakeoffCore
/// Parameters of ``ComputeGrowthModel``. Property names are the scenario keys, the `--set`
/// paths (`parameters.<name>`) and the names in `takeoff models`.
public struct ComputeGrowthParameters: ModelParameters, Equatable {
    public init() {}

    /// Spending on AI compute hardware in the start year [USD/year].
    public var computeSpending: Double = 2.0e11
    /// Growth factor of that spending until the cap binds [×/year].
    public var spendingGrowthPerYear: Double = 3.0
    /// Gross world product in the start year [USD/year].
    public var grossWorldProduct: Double = 1.15e14
    /// Growth factor of gross world product [×/year].
    public var gwpGrowthPerYear: Double = 1.03
    /// Cap on compute spending as a share of gross world product [fraction].
    public var spendingCapFraction: Double = 0.1
    /// Peak hardware throughput per dollar in the start year [FLOP/s per USD].
    public var flopPerSecondPerDollar: Double = 3.3e10
    /// Average share of peak throughput achieved [fraction].
    public var utilization: Double = 0.4
    /// Doubling time of hardware price-performance [years].
    public var hardwareDoublingYears: Double = 2.46
    /// Rate at which installed hardware is retired [1/year].
    public var depreciationRate: Double = 0.2
    /// Halving time of the compute needed for a fixed performance (algorithmic progress) [years].
    public var softwareHalvingYears: Double = 0.7037
    /// Share of a year's installed compute that the largest training run uses [fraction].
    public var largestRunShare: Double = 0.01
    /// Start year of the run (set by the model from the time span, not a scenario key).
    public var startYear: Double = 2025

    /// Seconds in a Julian year (365.25 days), converting FLOP/s into FLOP/year.
    public static let secondsPerYear = 31_557_600.0
}

extension ComputeGrowthModel {
    /// Every parameter with its unit, meaning, default and the source of the default.
    public static let parameterTable: [Parameter<ComputeGrowthParameters>] = [
        Parameter(\.computeSpending, unit: "USD/year", constraint: .positive,
                      meaning: "spending on AI compute hardware in the start year",
                      source: "order of magnitude of 2025 AI accelerator sales: NVIDIA data-center revenue was $115.2B in fiscal 2025 (10-K), plus TPUs and other accelerators; an assumption, not a measurement"),
        Parameter(\.spendingGrowthPerYear, unit: "×/year", constraint: .positive,
                      meaning: "growth factor of compute spending until the cap binds",
                      source: "NVIDIA data-center revenue $15.0B → $47.5B → $115.2B over fiscal 2023-2025 (10-K), about 2.8×/year; with price-performance this gives ~4×/year training compute, the lower end of Epoch's 4-5×/year (Sevilla & Roldán 2024)"),
        Parameter(\.grossWorldProduct, unit: "USD/year", constraint: .positive,
                      meaning: "gross world product in the start year",
                      source: "IMF World Economic Outlook: world GDP about $115 trillion (2025, current prices)"),
        Parameter(\.gwpGrowthPerYear, unit: "×/year", constraint: .positive,
                      meaning: "growth factor of gross world product",
                      source: "IMF World Economic Outlook: world real growth about 3%/year"),
        Parameter(\.spendingCapFraction, unit: "fraction of GWP", constraint: .fraction,
                      meaning: "cap on compute spending as a share of gross world product",
                      source: "frac_gwp_compute_ceiling = 0.1 (best guess; 0.03-0.3) of Davidson's compute-centric framework (docs/ccf-model-notes.md)"),
        Parameter(\.flopPerSecondPerDollar, unit: "FLOP/s per USD", constraint: .positive,
                      meaning: "peak dense 16-bit throughput per dollar of hardware in the start year",
                      source: "NVIDIA H100 SXM: 989 TFLOP/s dense BF16 at about $30,000 per GPU (Epoch AI ML hardware database)"),
        Parameter(\.utilization, unit: "fraction", constraint: .fraction,
                      meaning: "average share of peak throughput achieved (model FLOP utilisation)",
                      source: "typical 30-50% MFU of large training runs (Epoch AI, 'Estimating training compute')"),
        Parameter(\.hardwareDoublingYears, unit: "years", constraint: .positive,
                      meaning: "doubling time of hardware price-performance (FLOP/s per USD)",
                      source: "Hobbhahn & Besiroglu 2022, GPU FP32 FLOP/s per $: 2.46 years (95% CI 2.24-2.72)"),
        Parameter(\.depreciationRate, unit: "1/year", constraint: .nonNegative,
                      meaning: "rate at which installed hardware is retired",
                      source: "compute_depreciation = 0.2/year (best guess; 0.1-0.3) of Davidson's compute-centric framework (docs/ccf-model-notes.md)"),
        Parameter(\.softwareHalvingYears, unit: "years", constraint: .positive,
                      meaning: "halving time of the compute needed for a fixed performance (algorithmic progress)",
                      source: "Ho et al. 2024, language models: 8.444 months (95% CI 4.5-14.3), model 7"),
        Parameter(\.largestRunShare, unit: "fraction", constraint: .fraction,
                      meaning: "share of a year's installed compute used by the largest training run",
                      source: "calibrated: with the defaults the largest run is 5.3e26 FLOP in 2025.0; Grok 4 (July 2025) is estimated at 5e26 FLOP (Epoch AI frontier models data)"),
    ]

    /// The declarations of ``parameterTable``.
    public static var parameters: [ParameterInfo] { parameterTable.infos() }

    /// The typed parameters from values by name (absent ones take their defaults).
    public static func makeParameters(_ v: [String: Double]) -> ComputeGrowthParameters {
        parameterTable.make(v)
    }
}
