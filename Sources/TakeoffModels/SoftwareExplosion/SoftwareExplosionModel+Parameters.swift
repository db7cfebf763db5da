import Foundation
import TakeoffCore

/// Parameters of ``SoftwareExplosionModel``. Property names are the scenario keys, the `--set`
/// paths (`parameters.<name>`) and the names in `takeoff models`.
public struct SoftwareExplosionParameters: ModelParameters, Equatable {
    public init() {}

    /// Speed-up of software progress at the moment AI R&D is fully automated, relative to the
    /// recent human-driven pace [×].
    public var initialSpeedUp: Double = 8
    /// Returns to software R&D at the start: software doublings per doubling of research input [1].
    public var initialReturns: Double = 1.2
    /// Distance to the effective limits of software, in years of recent progress [years].
    public var distanceToLimits: Double = 11
    /// Exponent of parallel research labour, λ [1].
    public var parallelLabourExponent: Double = 0.3
    /// Share of recent effective-compute progress that came from software [fraction].
    public var softwareShare: Double = 0.5
    /// Doubling time of software before automation [months].
    public var recentDoublingMonths: Double = 3
    /// Whether the returns stay at their initial value (option `returns = "constant"`).
    public var constantReturns: Bool = false
    /// Start of the run (set by the model from the time span, not a scenario key).
    public var startYear: Double = 0

    /// Software doublings in one year of recent progress: the recent pace (12 / T₀ doublings
    /// per year, 4 for T₀ = 3 months) counted in effective compute, of which software is a
    /// share s: (12/T₀)/s. The peer's code writes this as 4/s ("8 doublings" at s = 0.5).
    public var doublingsPerYearOfProgress: Double { 12 / recentDoublingMonths / softwareShare }

    /// The ceiling, in software doublings: N_c = L·(12/T₀)/s.
    public var ceilingDoublings: Double { distanceToLimits * doublingsPerYearOfProgress }

    /// The doubling rate at the start [doublings/year]: the first doubling takes T₀/f months
    /// (the peer's Monte Carlo convention; its single-run page uses T₀/(1+f)).
    public var initialDoublingRate: Double { 12 * initialSpeedUp / recentDoublingMonths }

    /// Fall of the returns per software doubling, k = r₀/N_c (0 with constant returns).
    public var returnsDecline: Double { constantReturns ? 0 : initialReturns / ceilingDoublings }

    /// Returns r(n) = r₀ − k·n after n doublings.
    public func returns(after doublings: Double) -> Double { initialReturns - returnsDecline * doublings }
}

extension SoftwareExplosionModel {
    /// Every parameter with its unit, meaning and the source of its default (the property's value).
    public static let parameterTable: [Parameter<SoftwareExplosionParameters>] = [
        Parameter(\.initialSpeedUp, unit: "×", constraint: .positive,
                      meaning: "speed-up of software progress when AI R&D is fully automated (ASARA), relative to the recent pace; the first doubling takes recentDoublingMonths/initialSpeedUp",
                      source: "Davidson & Houlden 2025 (forethought.org), single-run default 8; their Monte Carlo samples it log-uniform 2-32"),
        Parameter(\.initialReturns, unit: "1", constraint: .positive,
                      meaning: "returns to software R&D r at automation: software doublings per doubling of cumulative research input (r > 1 accelerates)",
                      source: "Davidson & Houlden 2025, central 1.2, Monte Carlo log-uniform 0.4-3.6 (from Epoch's estimates of returns in software domains)"),
        Parameter(\.distanceToLimits, unit: "years of recent progress", constraint: .positive,
                      meaning: "how far software can improve before hitting effective limits; r falls linearly to 0 there",
                      source: "Davidson & Houlden 2025, central 11, Monte Carlo uniform 6-16 (issue #11; the Streamlit page used 7-14)"),
        Parameter(\.parallelLabourExponent, unit: "1", constraint: .positive,
                      meaning: "λ: research output scales as (parallel labour)^λ, so each doubling changes the doubling time by 2^(λ(1/r − 1))",
                      source: "Davidson & Houlden 2025, central 0.3, Monte Carlo log-uniform 0.15-0.6"),
        Parameter(\.softwareShare, unit: "fraction", constraint: .positive,
                      meaning: "share of recent effective-compute progress due to software; one year of recent progress is (12/recentDoublingMonths)/softwareShare software doublings",
                      source: "Davidson & Houlden 2025: 0.5 (software and hardware contribute equally)"),
        Parameter(\.recentDoublingMonths, unit: "months", constraint: .positive,
                      meaning: "doubling time of software before automation",
                      source: "Davidson & Houlden 2025: software doubles about every 3 months (the simulator's doubling_time_starting = 3)"),
    ]

    public static let options = [
        OptionInfo("returns", "declining", allowed: ["declining", "constant"],
                   meaning: "whether r falls linearly to 0 at the ceiling (the peer's default) or stays at initialReturns (its 'constant r' option; the run then ends at the ceiling)"),
    ]

    /// The declarations of ``parameterTable``.
    public static var parameters: [ParameterInfo] { parameterTable.infos() }

    /// The typed parameters from the inputs (absent ones take their defaults).
    public static func makeParameters(_ inputs: ModelInputs) throws(ModelInputIssue) -> SoftwareExplosionParameters {
        var p: SoftwareExplosionParameters = parameterTable.make(inputs.parameters)
        try build(&p, inputs)
        return p
    }

    /// What the options and the time span set, and the check of the whole.
    static func build(_ p: inout SoftwareExplosionParameters, _ inputs: ModelInputs) throws(ModelInputIssue) {
        p.constantReturns = inputs.options["returns"] == "constant"
        if let issue = validate(p) { throw issue }
    }

    public static func validate(_ p: SoftwareExplosionParameters) -> ModelInputIssue? {
        if p.softwareShare > 1 {
            return ModelInputIssue(keyPaths: ["parameters.softwareShare"],
                                   message: "softwareShare = \(p.softwareShare): expected a share in (0, 1]")
        }
        return nil
    }
}
