import Foundation

/// The compute-centric framework's reference scheme: the fixed explicit step of Epoch's `ftm`
/// (`SimulateTakeOff.run_simulation`), in the same update order and with the same conventions
/// (docs/ccf-model-notes.md §1-§8). Step 0 sets the initial state; each later step k
/// (1) updates hardware performance and software from step k−1's R&D output, (2) checks wake-up
/// against step k−1's automation and grows the allocation fractions, (3) updates the physical
/// stocks from step k−1's GWP, (4) finds the automatable tasks and (5) solves production.
/// Flows of step k−1 drive the stocks at step k, so the scheme is first-order in the step.
final class CCFReferenceScheme {
    let p: ComputeCentricParameters
    let dt: Double
    let start: Double
    private(set) var steps: Int
    /// Where the run stopped early on a non-finite value, as the reference does (it turns numpy's
    /// floating-point warnings into errors and keeps the partial run).
    private(set) var stoppedAt: Double?
    let n = CCFAlgebra.laborTasks + 1

    // Processed parameters (the reference's `process_input_parameters`).
    let hardwareReturns: Double, softwareReturns: Double, capitalSubstitutionRnd: Double
    let delaySteps: Int
    let tradeoff: Double?, maxTradeoff: Double?
    let trainingGoods: [Double], runtimeGoods: [Double], trainingRnd: [Double], runtimeRnd: [Double]
    let initialRndHardware: Double, initialRndSoftware: Double
    let investmentRate = 0.2

    // Series, one entry per step (the reference's names in `series`).
    var series: [String: [Double]] = [:]
    var s = CCFSeries()

    // Calibrated at step 0.
    var outerGoods = [Double](), innerGoods = [Double](), outerHardware = [Double](), innerHardware = [Double]()
    var outerSoftware = [Double](), innerSoftware = [Double]()
    var outputToGWP = 0.0, rndHardwareFactor = 0.0, rndSoftwareFactor = 0.0
    var initialHardwarePerformance = 0.0

    // Milestones the reference records while stepping.
    var rampupStart: Double?, subAGIYear: Double?, agiYear: Double?

    // Workspaces (no allocation inside a step's solves), one per sector so each keeps its cache.
    let goodsAllocation: CCFAllocation, hardwareAllocation: CCFAllocation, softwareAllocation: CCFAllocation
    var allocationCalls: Int { goodsAllocation.calls + hardwareAllocation.calls + softwareAllocation.calls }
    var etaGoods: [Double], etaRnd: [Double]
    var taskInput: [Double]

    init(_ p: ComputeCentricParameters, start: Double, end: Double) {
        self.p = p
        dt = p.referenceStep
        self.start = start
        var k = 0
        while start + Double(k) * dt < end { k += 1 }
        steps = k
        hardwareReturns = p.hardwareReturns / p.rndParallelizationPenalty
        softwareReturns = p.softwareReturns / p.rndParallelizationPenalty
        capitalSubstitutionRnd = p.capitalSubstitutionRnd * p.rndParallelizationPenalty
        delaySteps = Int((p.hardwareDelay / dt).rounded(.toNearestOrEven))
        let on = p.runtimeTradeoffEnabled && p.runtimeTrainingTradeoff > 0
        tradeoff = on ? p.runtimeTrainingTradeoff : nil
        maxTradeoff = on ? p.runtimeTrainingMaxTradeoff : nil
        let labourTasks = CCFAlgebra.laborTasks
        let runtimeTop = p.fullAutomationRequirementsRuntime * CCFAlgebra.secondsPerYear
        trainingGoods = CCFAlgebra.requirements(top: p.fullAutomationRequirementsTraining, gap: p.flopGapTraining,
                                                tasks: labourTasks, steepness: p.trainingRequirementsSteepness)
        runtimeGoods = CCFAlgebra.requirements(top: runtimeTop, gap: p.flopGapRuntime, tasks: labourTasks,
                                               steepness: p.runtimeRequirementsSteepness)
        trainingRnd = CCFAlgebra.requirements(top: p.fullAutomationRequirementsTraining / p.goodsVsRndRequirementsTraining,
                                              gap: p.flopGapTraining, tasks: labourTasks, steepness: p.trainingRequirementsSteepness)
        runtimeRnd = CCFAlgebra.requirements(top: runtimeTop / p.goodsVsRndRequirementsRuntime, gap: p.flopGapRuntime,
                                             tasks: labourTasks, steepness: p.runtimeRequirementsSteepness)
        initialRndHardware = p.initialGwp * 0.2e-2
        initialRndSoftware = p.initialGwp * 0.02e-2
        goodsAllocation = CCFAllocation(tasks: labourTasks + 1)
        hardwareAllocation = CCFAllocation(tasks: labourTasks + 1)
        softwareAllocation = CCFAllocation(tasks: labourTasks + 1)
        etaGoods = [Double](repeating: 0, count: labourTasks + 1)
        etaRnd = etaGoods
        taskInput = etaGoods
        s = CCFSeries(steps: steps)
    }

    func time(_ k: Int) -> Double { start + Double(k) * dt }

    func run() {
        for k in 0..<steps {
            s.year[k] = time(k)
            if k == 0 { initialize() } else { reinvest(k) }
            automate(k)
            production(k)
            if !(0..<CCFSeries.columns.count).allSatisfy({ s.value($0, k).isFinite }) {
                stoppedAt = time(k)
                steps = k
                return
            }
        }
    }

    // MARK: step 0

    func initialize() {
        let lambda = p.rndParallelizationPenalty
        s.cumulative_rnd_input_hardware[0] = pow(initialRndHardware, lambda) / p.ratioInitialToCumulativeInputHardwareRnd / lambda
        s.software[0] = 1
        s.cumulative_rnd_input_software[0] = pow(initialRndSoftware, lambda) / p.ratioInitialToCumulativeInputSoftwareRnd / lambda
        s.labour[0] = p.initialPopulation
        s.capital[0] = p.initialGwp * investmentRate / (exp(p.initialCapitalGrowth) - 1)
        s.hardware[0] = p.initialHardwareProduction * p.ratioHardwareToInitialHardwareProduction
        s.compute_investment[0] = p.initialHardwareProduction * dt / p.initialBuyableHardwarePerformance
        s.compute[0] = s.hardware[0] * 1
        s.tfp_goods[0] = 1
        s.tfp_rnd[0] = 1
        s.money_spent_training[0] = p.initialBiggestTrainingRun / (1 * p.initialBuyableHardwarePerformance)
        s.rampup[0] = 0
        s.frac_gwp_compute[0] = s.compute_investment[0] / p.initialGwp / dt
        s.frac_capital_hardware_rnd[0] = p.initialFracCapitalHardwareRnd
        s.frac_labour_hardware_rnd[0] = p.initialFracLabourHardwareRnd
        s.frac_compute_hardware_rnd[0] = p.initialFracComputeHardwareRnd
        s.frac_labour_software_rnd[0] = p.initialFracLabourSoftwareRnd
        s.frac_compute_software_rnd[0] = p.initialFracComputeSoftwareRnd
        s.frac_compute_training[0] = p.initialBiggestTrainingRun / s.compute[0]
        goodsFractions(0)
    }

    func goodsFractions(_ k: Int) {
        s.frac_capital_goods[k] = 1 - s.frac_capital_hardware_rnd[k]
        s.frac_labour_goods[k] = 1 - s.frac_labour_hardware_rnd[k] - s.frac_labour_software_rnd[k]
        s.frac_compute_goods[k] = 1 - s.frac_compute_hardware_rnd[k] - s.frac_compute_software_rnd[k] - s.frac_compute_training[k]
    }

    // MARK: steps k ≥ 1

    func reinvest(_ k: Int) {
        updateRnd(k)
        allocateFractions(k)
        totalInputs(k)
    }

    /// One R&D stock update: Q ← Q + R^λ·Δ, performance ← min(performance·(Q_new/Q)^(r·P), ceiling),
    /// P = (log U − log current)/(log U − log initial).
    func rndStep(current: Double, initial: Double, input: Double, cumulative: Double, returns: Double,
                 ceiling: Double) -> (Double, Double) {
        let adjusted = pow(input, p.rndParallelizationPenalty)
        let newCumulative = cumulative + adjusted * dt
        let growth = newCumulative / cumulative
        let penalty = ceiling == .infinity ? 1 : (log10(ceiling) - log10(current)) / (log10(ceiling) - log10(initial))
        return (min(current * pow(growth, returns * penalty), ceiling), newCumulative)
    }

    func updateRnd(_ k: Int) {
        if k == 1 {
            // The frontier starts the hardware delay ahead of what can be bought.
            let (improved, _) = rndStep(current: p.initialBuyableHardwarePerformance, initial: p.initialBuyableHardwarePerformance,
                                        input: s.rnd_input_hardware[0], cumulative: s.cumulative_rnd_input_hardware[0],
                                        returns: hardwareReturns, ceiling: p.hardwarePerformanceCeiling)
            let rate = improved / p.initialBuyableHardwarePerformance
            initialHardwarePerformance = p.initialBuyableHardwarePerformance * pow(rate, Double(delaySteps))
            s.hardware_performance[0] = initialHardwarePerformance
        }
        (s.hardware_performance[k], s.cumulative_rnd_input_hardware[k]) =
            rndStep(current: s.hardware_performance[k - 1], initial: initialHardwarePerformance, input: s.rnd_input_hardware[k - 1],
                    cumulative: s.cumulative_rnd_input_hardware[k - 1], returns: hardwareReturns, ceiling: p.hardwarePerformanceCeiling)
        (s.software[k], s.cumulative_rnd_input_software[k]) =
            rndStep(current: s.software[k - 1], initial: 1, input: s.rnd_input_software[k - 1],
                    cumulative: s.cumulative_rnd_input_software[k - 1], returns: softwareReturns, ceiling: p.softwareCeiling)
    }

    func allocateFractions(_ k: Int) {
        let rampup = s.frac_tasks_automated_goods[k - 1] >= p.rampupTrigger
        s.rampup[k] = rampup ? 1 : 0
        let year = time(k) - dt
        if rampup && s.rampup[k - 1] == 0 { rampupStart = year }
        // Index k − 2 = −1 reads the reference's zero-filled buffer.
        let before = k >= 2 ? s.frac_automatable_tasks_goods_no_tradeoff[k - 2] : 0
        let now = s.frac_automatable_tasks_goods_no_tradeoff[k - 1]
        if now >= 0.2 && !(before >= 0.2) { subAGIYear = year }
        if now >= 1 && !(before >= 1) { agiYear = year }

        for (j, path) in CCFSeries.fractionPaths.enumerated() {
            let growth = p.fractionGrowth(j, rampup: rampup)
            s[keyPath: path][k] = min(s[keyPath: path][k - 1] * exp(dt * growth), p.fractionCeiling(j))
        }
        // Before wake-up the training share stops growing once the largest run costs more than the cap.
        if s.money_spent_training[k - 1] > p.moneyCapTrainingBeforeWakeup && s.rampup[k - 1] == 0 {
            s.frac_compute_training[k] = s.frac_compute_training[k - 1]
        }
        goodsFractions(k)
    }

    func totalInputs(_ k: Int) {
        s.compute_investment[k] = s.gwp[k - 1] * s.frac_gwp_compute[k] * dt
        let buyable: Double
        if k - delaySteps >= 0 {
            buyable = s.hardware_performance[k - delaySteps]
        } else {
            buyable = s.hardware_performance[0] * pow(s.hardware_performance[1] / s.hardware_performance[0], Double(k - delaySteps))
        }
        s.hardware[k] = s.hardware[k - 1] * pow(1 - p.computeDepreciation, dt) + s.compute_investment[k] * buyable
        s.compute[k] = s.hardware[k] * s.software[k]
        s.capital[k] = s.capital[k - 1] + s.gwp[k - 1] * investmentRate * dt
        s.labour[k] = s.labour[k - 1] * exp(p.labourGrowth * dt)
        s.tfp_goods[k] = s.tfp_goods[k - 1] * exp(p.tfpGrowth * dt)
        s.tfp_rnd[k] = s.tfp_rnd[k - 1] * exp(p.tfpGrowth * dt)
        s.money_spent_training[k] = s.compute[k] * s.frac_compute_training[k] / (s.software[k] * buyable)
    }

    // MARK: automation and production (every step)

    func automate(_ k: Int) {
        let run = s.compute[k] * s.frac_compute_training[k]
        s.biggest_training_run[k] = run
        let m = tradeoff != nil ? maxTradeoff! : 1
        let goodsNoTradeoff = trainingGoods.filter { $0 < run }.count
        let rndNoTradeoff = trainingRnd.filter { $0 < run }.count
        s.automatableGoods[k] = trainingGoods.filter { $0 < run * m }.count
        s.automatableRnd[k] = trainingRnd.filter { $0 < run * m }.count
        let nLabour = Double(CCFAlgebra.laborTasks)
        s.frac_automatable_tasks_goods_no_tradeoff[k] = Double(goodsNoTradeoff - 1) / nLabour
        s.frac_automatable_tasks_rnd_no_tradeoff[k] = Double(rndNoTradeoff - 1) / nLabour
        s.frac_automatable_tasks_goods[k] = Double(s.automatableGoods[k] - 1) / nLabour
        s.frac_automatable_tasks_rnd[k] = Double(s.automatableRnd[k] - 1) / nLabour
        CCFAlgebra.computeToLabourRatios(training: trainingGoods, runtime: runtimeGoods, biggestRun: run, tradeoff: tradeoff, into: &etaGoods)
        CCFAlgebra.computeToLabourRatios(training: trainingRnd, runtime: runtimeRnd, biggestRun: run, tradeoff: tradeoff, into: &etaRnd)
    }
}
