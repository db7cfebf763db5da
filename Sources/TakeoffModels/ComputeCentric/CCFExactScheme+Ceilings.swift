import Foundation

/// How the exact scheme carries a stock with a ceiling (hardware performance H, software S).
///
/// The reference's returns shrink linearly in OOMs left below the ceiling U:
/// d ln X/dt = r·P·d ln Q/dt with P = (log₁₀U − log₁₀X)/(log₁₀U − log₁₀X₀). Near the ceiling, with
/// R&D input exploding, this is extremely stiff: ln X relaxes onto log U at a rate ∝ d ln Q/dt,
/// which reaches 1e100 per year in exploding draws, and an explicit step then needs steps of
/// 1e-100 years (the reference's fixed step overshoots and clamps P at 0 instead). The distance
/// D = log₁₀U − log₁₀X obeys the plain linear equation
///
///     d ln D/dt = −r·(d ln Q/dt) / (ln 10·(log₁₀U − log₁₀X₀)),
///
/// so the scheme integrates z = ln D: no stiffness, and X approaches U from below, exactly as the
/// equation says, without a clamp. With no ceiling (U = ∞), or a start at or above it, the state
/// is ln X itself with P = 1, or the reference's clamped P.
struct CCFCeilingState: Sendable {
    /// log₁₀U and log₁₀U − log₁₀X₀; `active` when U is finite and above X₀.
    let top: Double, span: Double
    let active: Bool
    let finite: Bool

    init(ceiling: Double, initial: Double) {
        finite = ceiling.isFinite
        top = log10(ceiling)
        span = top - log10(initial)
        active = finite && span > 0
    }

    /// ln X from the state.
    @inline(__always) func logLevel(_ state: Double) -> Double {
        active ? M_LN10 * (top - exp(state)) : state
    }

    /// d ln X/dt from the state and its rate.
    func logLevelRate(state: Double, stateRate: Double) -> Double {
        active ? -M_LN10 * exp(state) * stateRate : stateRate
    }

    /// The state for ln X.
    func state(logLevel x: Double) -> Double {
        active ? log(top - x / M_LN10) : x
    }

    /// The state's rate for returns r and cumulative-input rate d ln Q/dt.
    @inline(__always) func rate(returns r: Double, logInputRate g: Double, state: Double) -> Double {
        if active { return -r * g / (M_LN10 * span) }
        guard finite else { return r * g }
        return r * g * max(0, (top - state / M_LN10) / span)
    }

    /// Absolute and relative tolerance for the state, given the tolerance `tol` on ln X: an error δz
    /// moves ln X by ln 10·D·δz ≤ ln 10·span·δz; far below the ceiling, where |z| keeps growing
    /// linearly without bound, only a relative error in z matters.
    func tolerances(_ tol: Double) -> (absolute: Double, relative: Double) {
        active ? (tol / (M_LN10 * span), tol) : (tol, 0)
    }
}
