import Foundation
import TakeoffCore

extension CCFExactScheme {
    /// Regime changes (modify: the integration restarts there) and milestones (recorded).
    func events(_ q0: CCFExactParameters) -> [Event<CCFExactParameters>] {
        let p = self.p, n = self.n
        let trainingGoods = q0.calibration.trainingGoods, trainingRnd = q0.calibration.trainingRnd
        let maxTradeoff = q0.calibration.tradeoff != nil ? p.runtimeTrainingMaxTradeoff : 1
        @Sendable func logRun(_ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters) -> Double {
            y[12] + y[4] + q.softwareCeiling.logLevel(y[1])
        }
        @Sendable func full(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters) -> CCFInstant {
            Self.evaluate(t, y, q, full: true)
        }
        var list: [Event<CCFExactParameters>] = [
            Event(name: "rampup_start", direction: .rising, action: .modify { t, state, q in
                q.rampup = true
                q.trainingCap = .free
                let e = state.withUnsafeBufferPointer { Self.evaluate(t, $0, q, full: false) }
                q.logGWPReference = log(e.gwp)
            }) { t, y, q in q.rampup ? 1 : full(t, y, q).fracAutomatedGoods - p.rampupTrigger },
            Event(name: "automatableGoods", direction: .rising, action: .modify { _, state, q in
                let run = exp(state.withUnsafeBufferPointer { logRun($0, q) }) * maxTradeoff
                repeat { q.automatableGoods += 1 } while q.automatableGoods < n && trainingGoods[q.automatableGoods] < run
            }) { _, y, q in
                q.automatableGoods >= n ? -1 : logRun(y, q) + log(maxTradeoff) - log(trainingGoods[q.automatableGoods])
            },
            Event(name: "automatableRnd", direction: .rising, action: .modify { _, state, q in
                let run = exp(state.withUnsafeBufferPointer { logRun($0, q) }) * maxTradeoff
                repeat { q.automatableRnd += 1 } while q.automatableRnd < n && trainingRnd[q.automatableRnd] < run
            }) { _, y, q in
                q.automatableRnd >= n ? -1 : logRun(y, q) + log(maxTradeoff) - log(trainingRnd[q.automatableRnd])
            },
            // "Trainable without the tradeoff": the run passes task 20's (20%) and task 100's (100%) requirement.
            Event(name: "sub_agi_year", direction: .rising) { _, y, q in logRun(y, q) - log(trainingGoods[20]) },
            Event(name: "agi_year", direction: .rising) { _, y, q in logRun(y, q) - log(trainingGoods[n - 1]) },
            Event(name: "automation_gns_20%", direction: .rising) { t, y, q in full(t, y, q).fracAutomatedGoods - 0.2 },
            Event(name: "automation_gns_100%", direction: .rising) { t, y, q in full(t, y, q).fracAutomatedGoods - 1 },
            Event(name: "automation_rnd_20%", direction: .rising) { t, y, q in full(t, y, q).fracAutomatedRnd - 0.2 },
            Event(name: "automation_rnd_100%", direction: .rising) { t, y, q in full(t, y, q).fracAutomatedRnd - 1 },
            // The reference's takeoff spans start where the automated fraction first *exceeds* 20%
            // (`frac > 0.2`, model.py compute_takeoff_metrics), one task after the `>= 0.2`
            // milestone: the fraction moves in steps of 1/N, so the crossing of 0.2 + 1/(2N) is
            // the instant it goes from 0.2 to above.
            Event(name: "automation_gns_over_20%", direction: .rising) { t, y, q in
                full(t, y, q).fracAutomatedGoods - (0.2 + 0.5 / Double(CCFAlgebra.laborTasks))
            },
            Event(name: "automation_rnd_over_20%", direction: .rising) { t, y, q in
                full(t, y, q).fracAutomatedRnd - (0.2 + 0.5 / Double(CCFAlgebra.laborTasks))
            },
            Event(name: "cog_output_multiplier_2", direction: .rising) { t, y, q in full(t, y, q).multiplierRnd - 2 },
            Event(name: "cog_output_multiplier_10", direction: .rising) { t, y, q in full(t, y, q).multiplierRnd - 10 },
            // The first four doublings after wake-up (the reported doubling times 2-5); later ones would
            // only restart the integration, hundreds of times in an economy that keeps exploding.
            Event(name: "gwp_doubling", direction: .rising, action: .modify { t, state, q in
                let e = state.withUnsafeBufferPointer { Self.evaluate(t, $0, q, full: false) }
                q.logGWPReference = log(e.gwp)
                q.gwpDoublings += 1
            }) { t, y, q in
                q.rampup && q.gwpDoublings < 4 ? log(Self.evaluate(t, y, q, full: false).gwp) - q.logGWPReference - M_LN2 : -1
            },
        ]
        list += moneyCapEvents()
        for j in 0..<7 {
            let cap = log(p.fractionCeiling(j))
            list.append(Event(name: "cap.\(ComputeCentricParameters.fractionNames[j])", direction: .rising, action: .modify { _, state, q in
                q.capped[j] = true
                state[6 + j] = cap
            }) { _, y, q in q.capped[j] ? 1 : y[6 + j] - cap })
        }
        return list
    }
}
