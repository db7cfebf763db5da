import Foundation

extension CCFReferenceScheme {
    /// Goods, hardware R&D and software R&D output at step k (`production`): each solves the
    /// optimal task allocation, applies its nested CES, and again with only task 0 automatable for
    /// the automation multiplier. Step 0 calibrates the CES weights and the output scale factors.
    func production(_ k: Int) {
        goods(k)
        hardwareRnd(k)
        softwareRnd(k)
        s.compute_spend_per_year[k] = s.compute_investment[k] / dt
    }

    /// The start-year "no automation" allocation: labour spread evenly over the labour tasks,
    /// compute on task 0 only.
    func noAutomationInputs(labour: Double, compute: Double) -> ([Double], [Double]) {
        var l = [Double](repeating: labour / Double(CCFAlgebra.laborTasks), count: n)
        l[0] = 0
        var c = [Double](repeating: 0, count: n)
        c[0] = compute
        return (l, c)
    }

    /// The start-year CES weights of a sector: the outer input against cognition at `outerShare :
    /// cognitiveShare`, and compute against labour at the compute part of the cognitive share
    /// (`computeShareOfCognitive × cognitiveShare`, the reference's own "hack"), under the
    /// "no automation" allocation.
    func calibrate(outer: Double, labour: Double, compute: Double, eta: [Double], outerRho: Double, innerRho: Double,
                   outerShare: Double, cognitiveShare: Double, computeShareOfCognitive: Double) -> ([Double], [Double]) {
        let (l, c) = noAutomationInputs(labour: labour, compute: compute)
        let computeShare = computeShareOfCognitive * cognitiveShare
        return CCFAlgebra.calibratedWeights(outerInput: outer, labour: l, compute: c, eta: eta, outerRho: outerRho, innerRho: innerRho,
                                            outerToCognitiveRatio: outerShare / cognitiveShare,
                                            computeToLabourRatio: computeShare / (cognitiveShare - computeShare))
    }

    /// Solves the allocation and returns the nested-CES output with the given outer input, plus
    /// the count of tasks where compute supplies more than 10× the labour (task 0 excluded).
    func output(_ allocation: CCFAllocation, outer: Double, labour: Double, compute: Double, eta: [Double], automatable: Int, outerWeights: [Double],
                innerWeights: [Double], outerRho: Double, innerRho: Double, tfp: Double) -> (output: Double, automated: Int,
                                                                                           labour: [Double], compute: [Double]) {
        allocation.solve(labour: labour, compute: compute, beta: innerWeights, rho: innerRho, eta: eta, automatable: automatable)
        var input = taskInput
        taskInput = []
        defer { taskInput = input }
        let automated = allocation.taskInputs(eta: eta, into: &input)
        let y = CCFAlgebra.nestedCES(outerInput: outer, taskInputs: input, outerWeights: outerWeights,
                                     innerWeights: innerWeights, outerRho: outerRho, innerRho: innerRho, tfp: tfp)
        return (y, automated, allocation.labour, allocation.compute)
    }

    func goods(_ k: Int) {
        let capital = s.capital[k] * s.frac_capital_goods[k]
        let labour = s.labour[k] * s.frac_labour_goods[k]
        let compute = s.compute[k] * s.frac_compute_goods[k]
        let rho = p.capitalSubstitutionGoods, inner = p.labourSubstitutionGoods
        if k == 0 {
            (outerGoods, innerGoods) = calibrate(outer: capital, labour: labour, compute: compute, eta: etaGoods, outerRho: rho,
                                                 innerRho: inner, outerShare: 1 - p.initialCognitiveShareGoods,
                                                 cognitiveShare: p.initialCognitiveShareGoods,
                                                 computeShareOfCognitive: p.initialComputeShareGoods)
        }
        let full = output(goodsAllocation, outer: capital, labour: labour, compute: compute, eta: etaGoods, automatable: s.automatableGoods[k],
                          outerWeights: outerGoods, innerWeights: innerGoods, outerRho: rho, innerRho: inner, tfp: s.tfp_goods[k])
        s.frac_tasks_automated_goods[k] = Double(full.automated) / Double(CCFAlgebra.laborTasks)
        let shares = CCFAlgebra.shares(outerInput: capital, labour: full.labour, compute: full.compute, outerWeights: outerGoods,
                                       innerWeights: innerGoods, eta: etaGoods, outerRho: rho, innerRho: inner)
        s.capital_share_goods[k] = shares.outer
        s.labour_share_goods[k] = shares.labour
        s.compute_share_goods[k] = shares.compute
        let none = output(goodsAllocation, outer: capital, labour: labour, compute: compute, eta: etaGoods, automatable: 1,
                          outerWeights: outerGoods, innerWeights: innerGoods, outerRho: rho, innerRho: inner, tfp: s.tfp_goods[k])
        s.automation_multiplier_goods[k] = full.output / none.output
        if k == 0 { outputToGWP = p.initialGwp / full.output }
        s.gwp[k] = full.output * outputToGWP
    }

    func hardwareRnd(_ k: Int) {
        let capital = s.capital[k] * s.frac_capital_hardware_rnd[k]
        let labour = s.labour[k] * s.frac_labour_hardware_rnd[k]
        let compute = s.compute[k] * s.frac_compute_hardware_rnd[k]
        let rho = capitalSubstitutionRnd, inner = p.labourSubstitutionRnd
        if k == 0 {
            (outerHardware, innerHardware) = calibrate(outer: capital, labour: labour, compute: compute, eta: etaRnd, outerRho: rho,
                                                       innerRho: inner, outerShare: 1 - p.initialCognitiveShareHardwareRnd,
                                                       cognitiveShare: p.initialCognitiveShareHardwareRnd,
                                                       computeShareOfCognitive: p.initialComputeShareRnd)
        }
        let full = output(hardwareAllocation, outer: capital, labour: labour, compute: compute, eta: etaRnd, automatable: s.automatableRnd[k],
                          outerWeights: outerHardware, innerWeights: innerHardware, outerRho: rho, innerRho: inner, tfp: s.tfp_rnd[k])
        s.frac_tasks_automated_rnd[k] = Double(full.automated) / Double(CCFAlgebra.laborTasks)
        let none = output(hardwareAllocation, outer: capital, labour: labour, compute: compute, eta: etaRnd, automatable: 1,
                          outerWeights: outerHardware, innerWeights: innerHardware, outerRho: rho, innerRho: inner, tfp: s.tfp_rnd[k])
        s.automation_multiplier_rnd[k] = full.output / none.output
        if k == 0 { rndHardwareFactor = initialRndHardware / full.output }
        s.rnd_input_hardware[k] = full.output * rndHardwareFactor
    }

    func softwareRnd(_ k: Int) {
        let labour = s.labour[k] * s.frac_labour_software_rnd[k]
        let compute = s.compute[k] * s.frac_compute_software_rnd[k]
        let experiments = pow(s.hardware[k], p.computeSoftwareRndExperimentsEfficiency)
        s.compute_software_rnd_experiments[k] = experiments
        let rho = p.researchExperimentsSubstitutionSoftware, inner = p.labourSubstitutionRnd
        if k == 0 {
            (outerSoftware, innerSoftware) = calibrate(outer: experiments, labour: labour, compute: compute, eta: etaRnd, outerRho: rho,
                                                       innerRho: inner, outerShare: p.initialExperimentShareSoftwareRnd,
                                                       cognitiveShare: 1 - p.initialExperimentShareSoftwareRnd,
                                                       computeShareOfCognitive: p.initialComputeShareRnd)
        }
        let full = output(softwareAllocation, outer: experiments, labour: labour, compute: compute, eta: etaRnd, automatable: s.automatableRnd[k],
                          outerWeights: outerSoftware, innerWeights: innerSoftware, outerRho: rho, innerRho: inner, tfp: s.tfp_rnd[k])
        if k == 0 { rndSoftwareFactor = initialRndSoftware / full.output }
        s.rnd_input_software[k] = full.output * rndSoftwareFactor
    }
}
