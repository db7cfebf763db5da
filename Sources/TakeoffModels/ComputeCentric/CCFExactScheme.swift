import Foundation
import TakeoffCore

/// The ODE's parameters for an exact run: the model's parameters, the start-year calibration
/// (shared with the reference scheme, which computes it at step 0) and the current regime, which
/// events change.
struct CCFExactParameters: @unchecked Sendable {
    // @unchecked: `work` holds scratch buffers; each run builds its own and one solve runs on one thread.
    let p: ComputeCentricParameters
    let start: Double
    let calibration: CCFReferenceScheme
    let work: CCFExactWorkspace
    let initialGrowth: Double
    let initialHardwarePerformance: Double
    let depreciationRate: Double
    /// How H (state 0) and S (state 1) are carried: ln of their distance to the ceiling, or their log.
    let hardwareCeiling: CCFCeilingState, softwareCeiling: CCFCeilingState
    var rampup = false
    var capped = FractionFlags()
    var trainingCap = CCFTrainingCapMode.free
    var automatableGoods = 1
    var automatableRnd = 1
    var logGWPReference = Double.nan
    var gwpDoublings = 0
}

/// Seven yes/no flags in one byte: the parameters are copied into every right-hand-side call, and an
/// array would cost a reference count each time.
struct FractionFlags: Sendable, Equatable {
    var bits: UInt8 = 0
    subscript(j: Int) -> Bool {
        get { bits & (1 << j) != 0 }
        set { if newValue { bits |= 1 << j } else { bits &= ~(1 << j) } }
    }
}

/// Scratch buffers of the right-hand side.
final class CCFExactWorkspace {
    let goods: CCFClosedFormSector, hardware: CCFClosedFormSector, software: CCFClosedFormSector
    // The last full evaluation: the event conditions at one point share it.
    var cachedTime = Double.nan, cachedState: [Double] = [], cachedRegime = (0, 0, false), cached = CCFInstant()
    /// The three sectors with the start-year calibration of `c`.
    init(_ c: CCFReferenceScheme) {
        let p = c.p
        goods = CCFClosedFormSector(inner: c.innerGoods, outer: c.outerGoods, rho: p.labourSubstitutionGoods,
                                    outerRho: p.capitalSubstitutionGoods, training: c.trainingGoods, runtime: c.runtimeGoods,
                                    tradeoff: c.tradeoff)
        hardware = CCFClosedFormSector(inner: c.innerHardware, outer: c.outerHardware, rho: p.labourSubstitutionRnd,
                                       outerRho: c.capitalSubstitutionRnd, training: c.trainingRnd, runtime: c.runtimeRnd,
                                       tradeoff: c.tradeoff)
        software = CCFClosedFormSector(inner: c.innerSoftware, outer: c.outerSoftware, rho: p.labourSubstitutionRnd,
                                       outerRho: p.researchExperimentsSubstitutionSoftware, training: c.trainingRnd,
                                       runtime: c.runtimeRnd, tradeoff: c.tradeoff)
    }
}

/// What the economy looks like at one instant of an exact run.
struct CCFInstant {
    var gwp = 0.0, rndHardware = 0.0, rndSoftware = 0.0, compute = 0.0, biggestRun = 0.0
    var fracAutomatedGoods = 0.0, fracAutomatedRnd = 0.0, multiplierGoods = 1.0, multiplierRnd = 1.0
    var shares = (outer: 0.0, cognitive: 0.0, labour: 0.0, compute: 0.0)
}

/// The compute-centric framework in continuous time (issue #10): the reference's stocks integrated
/// by the ODE core, with the reference's algebra in the right-hand side (in closed form,
/// ``CCFClosedFormSector``).
///
/// States (logs, as levels span tens of orders of magnitude): hardware performance H and software
/// S (as ln of their distance to the ceiling in OOMs, ``CCFCeilingState``), cumulative R&D inputs
/// Q_H and Q_S, installed hardware HW, capital K and the seven allocation fractions; the buyable
/// performance H_b(t) = H(t − d) is H's delayed value (the core's delay history, read by the
/// right-hand side and the events alike):
///
///     d ln Q/dt = R^λ/Q,   d ln H/dt = (r/λ)·P(H)·d ln Q_H/dt,   d ln S/dt likewise with Q_S
///     d ln HW/dt = −κ + f_gwp·Y·H_b/HW,   κ = −ln(1 − δ)      dK/dt = 0.2·Y
///     d ln f/dt = g (g_rampup after wake-up; 0 at the cap; the training share before wake-up
///                  held by the money cap, ``CCFTrainingCapMode``)
///
/// Labour and TFP are closed form. Before t₀, ln H follows the start-year growth rate back, and
/// H(t₀) = H_b0·e^(g₀d), the reference's "frontier ahead of what is buyable" in continuous form.
/// Regime changes are located events that restart the integration: wake-up, each fraction reaching
/// its cap, the training money cap's switches, and each task becoming automatable (goods and R&D).
/// Kinks (the allocation's critical task changing, a runtime need crossing 1) are left to the
/// error control: milestones move by under 2e-5 years from rtol 1e-6 to 1e-10 (README).
final class CCFExactScheme: Sendable {
    let p: ComputeCentricParameters
    let start: Double, end: Double
    let n = CCFAlgebra.laborTasks + 1
    init(_ p: ComputeCentricParameters, start: Double, end: Double) {
        self.p = p
        self.start = start
        self.end = end
    }

    /// The economy at (t, y). `full` adds the automated fractions, multipliers and shares (two more
    /// solves); full evaluations are cached for the point, which every event condition asks about.
    static func evaluate(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters, full: Bool) -> CCFInstant {
        let w = q.work
        if full {
            if t == w.cachedTime, w.cachedRegime == (q.automatableGoods, q.automatableRnd, q.rampup),
               w.cachedState.elementsEqual(y) {
                return w.cached
            }
            let e = compute(t, y, q, full: true)
            w.cachedTime = t
            w.cachedState = Array(y)
            w.cachedRegime = (q.automatableGoods, q.automatableRnd, q.rampup)
            w.cached = e
            return e
        }
        return compute(t, y, q, full: false)
    }

    static func compute(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters, full: Bool) -> CCFInstant {
        let p = q.p, c = q.calibration, w = q.work
        let tau = t - q.start
        let labour = p.initialPopulation * exp(p.labourGrowth * tau)
        let tfp = exp(p.tfpGrowth * tau)
        let logSoftware = q.softwareCeiling.logLevel(y[1])
        let software = exp(logSoftware), hardware = exp(y[4]), capital = exp(y[5])
        // The seven fractions in a fixed-size value: no array on the right-hand side's path.
        var f = SIMD8<Double>(repeating: 0)
        for j in 0..<7 { f[j] = exp(y[6 + j]) }
        var out = CCFInstant()
        out.compute = hardware * software
        out.biggestRun = f[6] * out.compute
        let logRun = y[12] + y[4] + logSoftware
        // Goods.
        let kG = capital * (1 - f[1]), lG = labour * (1 - f[2] - f[4]), cG = out.compute * (1 - f[3] - f[5] - f[6])
        let goods = w.goods.evaluate(outer: kG, labour: lG, compute: cG, automatable: q.automatableGoods, logRun: logRun,
                                     tfp: tfp, shares: full)
        out.gwp = goods.output * c.outputToGWP
        // Hardware R&D.
        let kH = capital * f[1], lH = labour * f[2], cH = out.compute * f[3]
        let hw = w.hardware.evaluate(outer: kH, labour: lH, compute: cH, automatable: q.automatableRnd, logRun: logRun,
                                     tfp: tfp, shares: false)
        out.rndHardware = hw.output * c.rndHardwareFactor
        // Software R&D: experiments use the whole installed hardware.
        let experiments = pow(hardware, p.computeSoftwareRndExperimentsEfficiency)
        let sw = w.software.evaluate(outer: experiments, labour: labour * f[4], compute: out.compute * f[5],
                                     automatable: q.automatableRnd, logRun: logRun, tfp: tfp, shares: false)
        out.rndSoftware = sw.output * c.rndSoftwareFactor
        if full {
            let nLabour = Double(CCFAlgebra.laborTasks)
            out.fracAutomatedGoods = Double(goods.automated) / nLabour
            out.fracAutomatedRnd = Double(hw.automated) / nLabour
            out.shares = goods.shares
            let noneG = w.goods.evaluate(outer: kG, labour: lG, compute: cG, automatable: 1, logRun: logRun, tfp: tfp, shares: false)
            out.multiplierGoods = goods.output / noneG.output
            let noneH = w.hardware.evaluate(outer: kH, labour: lH, compute: cH, automatable: 1, logRun: logRun, tfp: tfp, shares: false)
            out.multiplierRnd = hw.output / noneH.output
        }
        return out
    }

    /// ln H_b(t) = ln H(t − d), the buyable hardware performance: the delayed value of ln H through
    /// the solve's history (before t₀, the history function continues the start-year growth).
    static func logBuyable(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ q: CCFExactParameters, _ past: PastStates) -> Double {
        let d = q.p.hardwareDelay
        return q.hardwareCeiling.logLevel(d > 0 ? past.value(0, at: t - d) : y[0])
    }

    /// The derivatives at (t, y).
    static func derivatives(_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>,
                            _ q: CCFExactParameters, _ past: PastStates) {
        let p = q.p, c = q.calibration
        let e = evaluate(t, y, q, full: false)
        let lambda = p.rndParallelizationPenalty
        let dlnQH = pow(e.rndHardware, lambda) / exp(y[2])
        let dlnQS = pow(e.rndSoftware, lambda) / exp(y[3])
        dydt[0] = q.hardwareCeiling.rate(returns: c.hardwareReturns, logInputRate: dlnQH, state: y[0])
        dydt[1] = q.softwareCeiling.rate(returns: c.softwareReturns, logInputRate: dlnQS, state: y[1])
        dydt[2] = dlnQH
        dydt[3] = dlnQS
        dydt[4] = -q.depreciationRate + exp(y[6]) * e.gwp * exp(logBuyable(t, y, q, past)) / exp(y[4])
        dydt[5] = c.investmentRate * e.gwp / exp(y[5])
        for j in 0..<6 {
            dydt[6 + j] = q.capped[j] ? 0 : p.fractionGrowth(j, rampup: q.rampup)
        }
        let training = q.capped[6] ? 0 : p.fractionGrowth(6, rampup: q.rampup)
        dydt[12] = q.rampup ? training : trainingGrowth(q, normal: training,
                                                         required: logBuyableRate(t, q, past, current: dydt[0]) - dydt[4])
    }
}
