import Foundation
import TakeoffCore

/// Parameters of ``MilestoneChainModel``. Property names are the scenario keys, the `--set`
/// paths (`parameters.<name>`) and the names in `takeoff models`.
public struct MilestoneChainParameters: ModelParameters, Equatable {
    public init() {}

    /// Human-only years of research from SC to SAR, when the gap is not zero [years].
    public var scToSARHumanYears: Double = 3.872983346207417
    /// Chance that SC→SAR takes no time at all [fraction].
    public var scToSARZeroChance: Double = 0.15
    /// A uniform draw in [0, 1]: SC→SAR is zero when it falls below the chance [fraction].
    public var scToSARZeroDraw: Double = 1
    /// Human-only years from automating most research (AMR) to SAR [years].
    public var amrToSARYears: Double = 5
    /// Human research stock accumulated before AMR [years of human research].
    public var researchStockBeforeAMR: Double = 10
    /// "Jumps" from SAR to SIAR: SIAR needs the research stock to grow by (stock at SAR /
    /// stock before AMR) this many times over [1].
    public var sarToSIARJumps: Double = 2
    /// The same for SIAR to ASI, relative to the stock at SAR [1].
    public var siarToASIJumps: Double = 1.5
    /// AI R&D speed-ups at SC, SAR, SIAR, ASI [×].
    public var scSpeedUp: Double = 5
    public var sarSpeedUp: Double = 25
    public var siarSpeedUp: Double = 250
    public var asiSpeedUp: Double = 2000

    /// Gaps, their cumulative ends and the speed-ups, resolved once per problem so the
    /// right-hand side neither allocates nor calls `pow` for them (see ``resolved()``).
    var phaseGaps = SIMD4<Double>(repeating: 0)
    var phaseEnds = SIMD4<Double>(repeating: 0)
    var phaseSpeeds = SIMD4<Double>(repeating: 1)
    var phaseLogRatios = SIMD4<Double>(repeating: 0)

    /// A copy with the per-phase constants filled in.
    func resolved() -> MilestoneChainParameters {
        var p = self
        let g = gaps, m = speedUps
        p.phaseGaps = SIMD4(g[0], g[1], g[2], 0)
        p.phaseEnds = SIMD4(g[0], g[0] + g[1], g[0] + g[1] + g[2], .infinity)
        p.phaseSpeeds = SIMD4(m[0], m[1], m[2], m[3])
        p.phaseLogRatios = SIMD4(log(m[1] / m[0]), log(m[2] / m[1]), log(m[3] / m[2]), 0)
        return p
    }

    /// Human-only years of each gap: SC→SAR, SAR→SIAR, SIAR→ASI.
    ///
    /// The peer's formulas (forecasting_takeoff.py): with `x = S₀ + AMR→SAR` the stock at SAR,
    /// SAR→SIAR = `x·((x/S₀)^a − 1)` and, with `y = x + SAR→SIAR`, SIAR→ASI = `y·((y/x)^b − 1)`
    /// (S₀ = 10 years, a = 2, b sampled).
    public var gaps: [Double] {
        let first = scToSARZeroDraw < scToSARZeroChance ? 0 : scToSARHumanYears
        let atSAR = researchStockBeforeAMR + amrToSARYears
        let second = atSAR * (pow(atSAR / researchStockBeforeAMR, sarToSIARJumps) - 1)
        let atSIAR = atSAR + second
        let third = atSIAR * (pow(atSIAR / atSAR, siarToASIJumps) - 1)
        return [first, second, third]
    }

    /// The speed-ups at SC, SAR, SIAR, ASI.
    public var speedUps: [Double] { [scSpeedUp, sarSpeedUp, siarSpeedUp, asiSpeedUp] }
}

extension MilestoneChainModel {
    /// Every parameter with its unit, meaning, default and the source of the default.
    public static let parameterTable: [Parameter<MilestoneChainParameters>] = [
        Parameter(\.scToSARHumanYears, unit: "years", constraint: .positive,
                      meaning: "human-only research years from superhuman coder (SC) to superhuman AI researcher (SAR), when not zero",
                      source: "AI 2027 takeoff forecast (Kokotajlo & Lifland 2025): lognormal with 80% CI 1.5-10 years; default its median √15"),
        Parameter(\.scToSARZeroChance, unit: "fraction", constraint: .fraction,
                      meaning: "chance that SC→SAR takes no time (SC already is SAR)",
                      source: "AI 2027 takeoff forecast: 15% point mass at zero"),
        Parameter(\.scToSARZeroDraw, unit: "fraction", constraint: .fraction,
                      meaning: "a uniform draw deciding the point mass: SC→SAR is zero when it is below scToSARZeroChance (sample it uniform 0-1, independent, as the peer does)",
                      source: "sampling device; default 1 (the gap is not zero)"),
        Parameter(\.amrToSARYears, unit: "years", constraint: .positive,
                      meaning: "human-only years from automating most AI research (AMR) to SAR; sets the later gaps",
                      source: "AI 2027 takeoff forecast code: lognormal with 80% CI 1-25 years, rank-correlated with SC→SAR (Gaussian ρ 0.8); default its median 5"),
        Parameter(\.researchStockBeforeAMR, unit: "years of human research", constraint: .positive,
                      meaning: "human research stock before AMR, the base of the diminishing-returns formulas",
                      source: "AI 2027 takeoff forecast code: 10"),
        Parameter(\.sarToSIARJumps, unit: "1", constraint: .positive,
                      meaning: "SAR→SIAR takes the research stock from x to x·(x/S₀)^a: a = 2 'median-to-top' skill jumps",
                      source: "AI 2027 takeoff forecast: SIAR is 2 median-to-top jumps above the best human"),
        Parameter(\.siarToASIJumps, unit: "1", constraint: .positive,
                      meaning: "SIAR→ASI takes the stock from y to y·(y/x)^b, in units of the SAR→SIAR jump",
                      source: "AI 2027 takeoff forecast code: lognormal with 80% CI 0.3-7.5; default its median 1.5"),
        Parameter(\.scSpeedUp, unit: "×", constraint: .positive, meaning: "AI R&D progress multiplier at SC",
                      source: "AI 2027 takeoff forecast: 5×"),
        Parameter(\.sarSpeedUp, unit: "×", constraint: .positive, meaning: "AI R&D progress multiplier at SAR",
                      source: "AI 2027 takeoff forecast: 25×"),
        Parameter(\.siarSpeedUp, unit: "×", constraint: .positive, meaning: "AI R&D progress multiplier at SIAR",
                      source: "AI 2027 takeoff forecast: 250×"),
        Parameter(\.asiSpeedUp, unit: "×", constraint: .positive, meaning: "AI R&D progress multiplier at ASI",
                      source: "AI 2027 takeoff forecast: 2,000×"),
    ]

    /// The declarations of ``parameterTable``.
    public static var parameters: [ParameterInfo] { parameterTable.infos() }

    /// The typed parameters from the inputs (absent ones take their defaults).
    public static func makeParameters(_ inputs: ModelInputs) -> MilestoneChainParameters {
        parameterTable.make(inputs.parameters)
    }
}
