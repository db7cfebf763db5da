import Foundation

/// The compute-centric framework's static algebra: task requirement distributions, runtime
/// needs, CES production and the start-year calibration of the CES weights
/// (docs/ccf-model-notes.md §3-§5). Plain functions of their inputs, independent of any
/// time stepper, so the reference scheme and a continuous-time version share them.
public enum CCFAlgebra {
    /// Labour tasks per sector (the reference's `n_labour_tasks`); task 0, always automated, comes on top.
    public static let laborTasks = 100
    /// Seconds in the reference's year (365 days), turning FLOP/s into FLOP/year.
    public static let secondsPerYear = 31_536_000.0

    /// The six anchor quantiles for a top requirement T and gap G (u = G^(1/7)): q = 1 → T,
    /// 0.5 → T/u⁴, 0.2 → T/u⁷ = T/G, 0.1 → T/u^8.5, 0.05 → T/u^9.5, 0 → T/u^10.5. Ascending in q.
    public static func anchors(top: Double, gap: Double) -> [(q: Double, value: Double)] {
        let unit = pow(gap, 1.0 / 7)
        return [(0, top / pow(unit, 10.5)), (0.05, top / pow(unit, 9.5)), (0.1, top / pow(unit, 8.5)),
                (0.2, top / pow(unit, 7)), (0.5, top / pow(unit, 4)), (1, top)]
    }

    /// Requirements of tasks 0...n: task 0 needs 1; tasks 1...n sit at q = linspace(0, 1, n),
    /// log-linearly interpolated between the anchors, then (steepness s > 0) rounded up onto a
    /// grid s OOMs apart that keeps both ends of the gap.
    public static func requirements(top: Double, gap: Double, tasks n: Int, steepness: Double) -> [Double] {
        let a = anchors(top: top, gap: gap)
        let xs = a.map(\.q), ys = a.map { log10($0.value) }
        let step = 1.0 / Double(n - 1)
        var out = [1.0]
        for i in 0..<n {
            let q = i == n - 1 ? 1.0 : Double(i) * step
            out.append(pow(10, interpolate(q, xs, ys)))
        }
        guard steepness > 0 else { return out }
        let low = log10(top / gap)
        for i in 1...n {
            let stepped = pow(10, low + (((log10(out[i]) - low) / steepness).rounded(.up)) * steepness)
            out[i] = min(stepped, top)
        }
        return out
    }

    /// numpy's `interp` for ascending xs: linear between neighbours, ends held.
    static func interpolate(_ x: Double, _ xs: [Double], _ ys: [Double]) -> Double {
        if x <= xs[0] { return ys[0] }
        if x >= xs[xs.count - 1] { return ys[ys.count - 1] }
        var j = 0
        while xs[j + 1] <= x { j += 1 }
        let slope = (ys[j + 1] - ys[j]) / (xs[j + 1] - xs[j])
        return slope * (x - xs[j]) + ys[j]
    }

    /// Compute-to-labour ratios η_i = 1/need_i, need_i = max(1, ι_i·(τ_i/C_T)^δ) (δ = nil: the
    /// tradeoff is off and need_i = max(1, ι_i)). Written into `eta`.
    public static func computeToLabourRatios(training: [Double], runtime: [Double], biggestRun: Double,
                                             tradeoff: Double?, into eta: inout [Double]) {
        for i in 0..<training.count {
            var need = runtime[i]
            if let tradeoff { need *= pow(training[i] / biggestRun, tradeoff) }
            eta[i] = 1 / max(1, need)
        }
    }

    /// CES(x; α, ρ) = tfp·(Σ α_i x_i^ρ / Σ α_i)^(1/ρ).
    public static func ces(_ x: [Double], _ alpha: [Double], _ rho: Double, tfp: Double = 1) -> Double {
        var weights = 0.0
        for a in alpha { weights += a }
        var sum = 0.0
        for i in 0..<x.count { sum += alpha[i] * pow(x[i], rho) / weights }
        return tfp * pow(sum, 1 / rho)
    }

    /// tfp·CES([outer input, CES(task inputs; inner)]; outer).
    public static func nestedCES(outerInput: Double, taskInputs: [Double], outerWeights: [Double], innerWeights: [Double],
                                 outerRho: Double, innerRho: Double, tfp: Double = 1) -> Double {
        let cognitive = ces(taskInputs, innerWeights, innerRho)
        return tfp * ces([outerInput, cognitive], outerWeights, outerRho)
    }

    /// Odds o → (p, 1 − p) with p/(1 − p) = o, stable for very small and very large odds.
    public static func oddsToProbabilities(_ o: Double) -> (Double, Double) {
        if o < 1e-10 { return (o, 1 - o) }
        if o > 1e10 { return (1 - 1 / o, 1 / o) }
        let p = 1 / (1 + 1 / o)
        return (p, 1 - p)
    }

    /// The start-year calibration (`adjust_task_weights`): inner weights (task 0 against the labour
    /// tasks, all labour tasks equal) that give the target compute/labour share ratio under the
    /// "no automation" allocation, and outer weights that give the target outer/cognitive ratio.
    public static func calibratedWeights(outerInput: Double, labour: [Double], compute: [Double], eta: [Double],
                                         outerRho: Double, innerRho: Double, outerToCognitiveRatio: Double,
                                         computeToLabourRatio: Double) -> (outer: [Double], inner: [Double]) {
        let n = labour.count
        var taskInput = [Double](repeating: 0, count: n)
        var labourShare = 0.0, computeShare = 0.0
        for i in 0..<n {
            taskInput[i] = labour[i] + eta[i] * compute[i]
            let marginal = pow(taskInput[i], innerRho - 1)
            labourShare += labour[i] * marginal
            computeShare += eta[i] * compute[i] * marginal
        }
        let (computeWeight, labourWeight) = oddsToProbabilities(computeToLabourRatio * labourShare / computeShare)
        let inner = [computeWeight] + [Double](repeating: labourWeight, count: n - 1)
        let cognitive = ces(taskInput, inner, innerRho)
        let ratio = outerToCognitiveRatio * pow(cognitive, outerRho) / pow(outerInput, outerRho)
        let (outerWeight, cognitiveWeight) = oddsToProbabilities(ratio)
        return ([outerWeight, cognitiveWeight], inner)
    }

    /// Factor shares of a nested CES (`compute_shares`): outer input, cognition, labour, compute.
    public static func shares(outerInput: Double, labour: [Double], compute: [Double], outerWeights: [Double],
                              innerWeights: [Double], eta: [Double], outerRho: Double, innerRho: Double)
        -> (outer: Double, cognitive: Double, labour: Double, compute: Double) {
        let n = labour.count
        var taskInput = [Double](repeating: 0, count: n)
        for i in 0..<n { taskInput[i] = labour[i] + compute[i] * eta[i] }
        let cognitiveInput = ces(taskInput, innerWeights, innerRho)
        var outer = outerWeights[0] * pow(outerInput, outerRho)
        var cognitive = outerWeights[1] * pow(cognitiveInput, outerRho)
        let total = outer + cognitive
        outer /= total
        cognitive /= total
        var labourShare = 0.0, computeShare = 0.0
        for i in 0..<n {
            let marginal = pow(taskInput[i], innerRho - 1)
            labourShare += innerWeights[i] * labour[i] * marginal
            computeShare += innerWeights[i] * compute[i] * eta[i] * marginal
        }
        let inner = labourShare + computeShare
        return (outer, cognitive, labourShare / inner * cognitive, computeShare / inner * cognitive)
    }
}
