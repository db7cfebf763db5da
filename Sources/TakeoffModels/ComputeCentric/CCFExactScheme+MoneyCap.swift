import Foundation
import TakeoffCore

/// The training money cap before wake-up, in continuous time.
///
/// The reference freezes the training share f_T while the largest run costs more than the cap M,
/// cost = f_T·HW/H_b, and lets it grow at g otherwise. In continuous time the cost can meet the cap
/// and stay there: with f_T growing the cost rises, frozen it falls whenever buyable performance
/// grows faster than installed hardware. Switching on the sign of cost − M would then flip at every
/// step (thousands of restarts at one instant). The switched system's own solution (Filippov's)
/// slides along the cap with the share growing at exactly the rate that holds the cost there,
///
///     d ln f_T/dt = d ln H_b/dt − d ln HW/dt   (the "required" rate, between 0 and g),
///
/// so the share is in one of three modes, switched by located events: free (rate g) until the cost
/// reaches the cap; sliding (the required rate) until that rate exceeds g (free again: the cost
/// falls below the cap) or drops below 0 (frozen: the cost rises above it); frozen (rate 0) until
/// the cost falls back to the cap (sliding). Wake-up ends the cap. Sliding entered with a negative
/// required rate freezes at once, and with one above g frees at once (the solver's chained
/// crossings at a restart).
enum CCFTrainingCapMode: Sendable, Equatable { case free, sliding, frozen }

extension CCFExactScheme {
    /// d ln H_b/dt: H's rate d years back (the start-year rate before t₀), or now without a delay.
    static func logBuyableRate(_ t: Double, _ q: CCFExactParameters, _ past: PastStates, current: Double) -> Double {
        let d = q.p.hardwareDelay
        guard d > 0 else { return current }
        guard t - d >= q.start, let slope = past.slope(0, at: t - d) else { return q.initialGrowth }
        let z = past.value(0, at: t - d)
        return q.hardwareCeiling.logLevelRate(state: z, stateRate: slope)
    }

    /// The training share's growth rate in the current mode, given the other rates.
    static func trainingGrowth(_ q: CCFExactParameters, normal g: Double, required: @autoclosure () -> Double) -> Double {
        switch q.trainingCap {
        case .free: return g
        case .frozen: return 0
        case .sliding: return min(max(required(), 0), g)
        }
    }

    /// The required rate d ln H_b/dt − d ln HW/dt at (t, y).
    static func requiredTrainingGrowth(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters,
                                       _ past: PastStates) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: y.count) { dydt in
            derivatives(t, y, dydt, q, past)
            return logBuyableRate(t, q, past, current: dydt[0]) - dydt[4]
        }
    }

    /// The four switches of the money cap (before wake-up only).
    func moneyCapEvents() -> [Event<CCFExactParameters>] {
        let logCap = log(p.moneyCapTrainingBeforeWakeup)
        let growth = p.fractionGrowth(6, rampup: false)
        @Sendable func logCost(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters, _ past: PastStates) -> Double {
            y[4] + y[12] - Self.logBuyable(t, y, q, past)
        }
        // Each condition is `on` in its mode. Off, it returns a value that starts no crossing: `off` when
        // the cap no longer applies (wake-up, or the share at its ceiling: the sign the condition had
        // while on, so switching off fires nothing), `idle` in another mode (0, or for the two
        // required-rate switches the side that fires them at once when their mode is entered).
        @Sendable func value(_ q: CCFExactParameters, _ mode: CCFTrainingCapMode, on: () -> Double, off: Double, idle: Double) -> Double {
            if q.rampup || q.capped[6] { return off }
            return q.trainingCap == mode ? on() : idle
        }
        return [
            Event(name: "trainingMoneyCap", direction: .rising, action: .modify { _, _, q in q.trainingCap = .sliding },
                  delayedCondition: { t, y, q, past in value(q, .free, on: { logCost(t, y, q, past) - logCap }, off: -1, idle: 0) }),
            Event(name: "trainingMoneyCapFrozen", direction: .falling, action: .modify { _, _, q in q.trainingCap = .frozen },
                  delayedCondition: { t, y, q, past in value(q, .sliding, on: { Self.requiredTrainingGrowth(t, y, q, past) }, off: 1, idle: 1) }),
            Event(name: "trainingMoneyCapResumed", direction: .falling, action: .modify { _, _, q in q.trainingCap = .sliding },
                  delayedCondition: { t, y, q, past in value(q, .frozen, on: { logCost(t, y, q, past) - logCap }, off: 1, idle: 0) }),
            Event(name: "trainingMoneyCapLeft", direction: .rising, action: .modify { _, _, q in q.trainingCap = .free },
                  delayedCondition: { t, y, q, past in
                      value(q, .sliding, on: { Self.requiredTrainingGrowth(t, y, q, past) - growth }, off: -1, idle: -1)
                  }),
        ]
    }
}
