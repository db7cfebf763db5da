import Foundation
import TakeoffCore


extension RegulationModel {
    /// Growth rate of actor `i`'s potential before drag and diffusion [1/year].
    static func baseGrowth(_ p: Parameters, actor i: Int, t: Double, y: UnsafeBufferPointer<Double>,
                           hardwareRate: Double) -> Double {
        let actor = p.actors[i]
        switch actor.growth {
        case .exogenous(let growth, let acceleration):
            return log(growth) + acceleration * (t - p.startYear)
        case .computeGrowth:
            return hardwareRate + M_LN2 / p.world.compute.softwareHalvingYears
        case .feedback:
            let world = y[p.actors.count]
            let physical = actor.share * world
            let software = exp(y[i]) / physical
            // AI labour from the actor's own (restricted) compute; the human research community is
            // the field's, whose ideas diffuse, so each actor's progress depends on its own state.
            let algebra = FeedbackAlgebra(t: t, physical: physical / levelFactor(p, actor: i, t: t), software: software, p.world)
            return hardwareRate + FeedbackModel.softwareGrowthRate(research: algebra.researchInput, lnSoftware: algebra.lnSoftware, p.world)
        }
    }

    /// Times where the right-hand side or a restriction changes abruptly; the integration
    /// restarts at each (restriction starts and ends, and where a decaying level restriction
    /// reaches R = 1).
    static func switchTimes(_ p: Parameters) -> [(name: String, time: Double)] {
        guard p.restrictionsApply else { return [] }
        var out: [(String, Double)] = []
        for r in p.restrictions {
            out.append(("\(r.name).start", r.start))
            if let end = r.end { out.append(("\(r.name).end", end)) }
            if case .level(let oom, let decay) = r.kind, decay > 0, oom > 0 {
                out.append(("\(r.name).expired", r.start + oom * M_LN10 / decay))
            }
        }
        return out
    }

    public static func problem(_ parameters: Parameters, initialState: [Double], span: (start: Double, end: Double),
                               settings: [String: [Double]]) -> ODEProblem<Parameters> {
        var p = parameters
        p.world.compute.startYear = span.start
        if p.usesWorldHardware {
            p.world = FeedbackModel.calibrated(p.world, initialState: [initialState[p.actors.count], 1], start: span.start)
        }
        let n = p.actors.count
        var events: [Event<Parameters>] = (0..<n).map { i in
            Event(name: "reached.\(p.actors[i].name)", direction: .rising) { t, y, p in
                log(capability(p, actor: i, t: t, y: y)) - log(p.dangerThreshold)
            }
        }
        for (name, time) in switchTimes(p) {
            events.append(Event(name: name, direction: .rising, action: .modify { _, _, _ in }, monotone: true) { t, _, _ in t - time })
        }
        if let theft = p.theft {
            let completion = theft.completionYear
            events.append(Event(name: "theft", direction: .rising, action: .modify { t, state, p in
                let stolen = state.withUnsafeBufferPointer { capability(p, actor: theft.victim, t: t, y: $0) }
                state[theft.thief] = max(state[theft.thief], log(stolen) - theft.handicapOOM * M_LN10)
            }) { t, _, _ in t - completion })
        }
        if p.usesWorldHardware && p.world.computeFromSpending {
            events.append(ComputeGrowthModel.spendingCapEvent(\RegulationParameters.world.compute))
        }
        let names = stateVariables(p).map(\.name)
        return ODEProblem(stateNames: names, parameters: p, initialState: initialState, timeSpan: span, events: events,
                          jacobian: .finiteDifferences) { t, y, dydt, p in
            let n = p.actors.count
            var hardwareRate = 0.0
            if p.usesWorldHardware {
                let h = y[n]
                dydt[n] = ComputeGrowthModel.hardwareDerivative(p.world.compute, t: t, hardware: h)
                hardwareRate = dydt[n] / h
            }
            var leading = -Double.infinity
            if p.diffusionRate > 0 { for i in 0..<n { leading = max(leading, y[i]) } }
            for i in 0..<n {
                var rate = baseGrowth(p, actor: i, t: t, y: y, hardwareRate: hardwareRate) - drag(p, actor: i, t: t)
                if p.diffusionRate > 0 { rate += p.diffusionRate * max(0, leading - y[i]) }
                dydt[i] = rate
            }
        }
    }

    public static func observe(t: Double, y: UnsafeBufferPointer<Double>, parameters p: Parameters, start: Double) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(3 * p.actors.count)
        for i in 0..<p.actors.count {
            let factor = levelFactor(p, actor: i, t: t)
            let effective = exp(y[i]) / factor
            out += [effective, min(effective, cap(p, actor: i, t: t)), factor]
        }
        return out
    }
}
