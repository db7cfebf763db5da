import Foundation

/// The optimal allocation of a labour budget L and a compute budget C across tasks
/// (`solve_allocation` in the reference; docs/ccf-model-notes.md §5).
///
/// With CES weights β, ρ (σ = 1/(1 − ρ)), compute-to-labour ratios η non-increasing in the task
/// index and the first A tasks automatable, the optimum has a critical index I: tasks below I get
/// only compute, tasks above I only labour, task I possibly both. For each candidate I the
/// first-order conditions give task I's compute in closed form (the reference's equations 14-22);
/// the first I whose labour on task I is non-negative is the optimum, else I = A − 1. The
/// workspace keeps its buffers, so a solve allocates nothing (the hot path: six solves per step).
public final class CCFAllocation {
    public private(set) var labour: [Double]
    public private(set) var compute: [Double]
    private var sumsBeta: [Double]
    private var sumsBetaEta: [Double]
    private var betaSigma: [Double]
    private var betaSigmaEta: [Double]
    /// Solves so far.
    public private(set) var calls = 0
    // β^σ and η^(σ−1) of the last solve: the weights are fixed after calibration and η changes
    // once per step, so consecutive solves of one sector reuse them (bit-identical values).
    private var lastBeta: [Double] = [], lastEta: [Double] = [], lastRho = Double.nan
    private var etaPower: [Double]

    public init(tasks n: Int) {
        labour = [Double](repeating: 0, count: n)
        compute = [Double](repeating: 0, count: n)
        sumsBeta = [Double](repeating: 0, count: n + 1)
        sumsBetaEta = [Double](repeating: 0, count: n + 1)
        betaSigma = [Double](repeating: 0, count: n)
        betaSigmaEta = [Double](repeating: 0, count: n)
        etaPower = [Double](repeating: 0, count: n)
    }

    /// Solves for budgets `L`, `C` with weights `beta`, `rho`, ratios `eta` and `automatable` ≥ 1
    /// tasks; the result is in ``labour`` and ``compute``.
    public func solve(labour L: Double, compute C: Double, beta: [Double], rho: Double, eta: [Double], automatable: Int) {
        calls += 1
        // Work on locals moved out of the stored buffers: no copy, and no exclusivity check per element.
        var labour = self.labour, compute = self.compute, sumsBeta = self.sumsBeta, sumsBetaEta = self.sumsBetaEta
        var betaSigma = self.betaSigma, betaSigmaEta = self.betaSigmaEta
        self.labour = []; self.compute = []; self.sumsBeta = []; self.sumsBetaEta = []; self.betaSigma = []; self.betaSigmaEta = []
        defer {
            self.labour = labour; self.compute = compute; self.sumsBeta = sumsBeta; self.sumsBetaEta = sumsBetaEta
            self.betaSigma = betaSigma; self.betaSigmaEta = betaSigmaEta
        }
        let n = beta.count
        let sigma = 1 / (1 - rho)
        let sameWeights = rho == lastRho && beta == lastBeta
        if !sameWeights {
            for i in 0..<n { betaSigma[i] = pow(beta[i], sigma) }
            lastBeta = beta
            lastRho = rho
        }
        if !sameWeights || eta != lastEta {
            for i in 0..<n { etaPower[i] = pow(eta[i], sigma - 1) }
            lastEta = eta
        }
        for i in 0..<n { betaSigmaEta[i] = betaSigma[i] * etaPower[i] }
        // sumsBeta[I] = Σ_{i ≥ I} β_i^σ; sumsBetaEta[I] = Σ_{i < I} β_i^σ η_i^(σ−1) (cumulative, as numpy's cumsum).
        sumsBeta[n] = 0
        var acc = 0.0
        for i in stride(from: n - 1, through: 0, by: -1) { acc += betaSigma[i]; sumsBeta[i] = acc }
        acc = 0
        sumsBetaEta[0] = 0
        for i in 0..<n { acc += betaSigmaEta[i]; sumsBetaEta[i + 1] = acc }

        var found = false
        for I in 0..<automatable {
            // Test the candidate on its two scalars first; the arrays are filled only for the accepted one.
            let a = pow(eta[I], sigma) * sumsBeta[I]
            let b = sumsBetaEta[I]
            let computeI = (C * a - L * b) / (a + eta[I] * b)
            let labourI = (L + eta[I] * computeI) * (betaSigma[I] / sumsBeta[I]) - eta[I] * computeI
            guard labourI >= 0 else { continue }
            for i in 0..<n { labour[i] = 0; compute[i] = 0 }
            compute[I] = computeI
            labour[I] = labourI
            for i in (I + 1)..<max(I + 1, n) { labour[i] = (L + eta[I] * computeI) * (betaSigma[i] / sumsBeta[I]) }
            let z = sumsBetaEta[I + 1]
            for i in 0..<I { compute[i] = (C + labourI / eta[I]) * betaSigmaEta[i] / z }
            if I > 0 && computeI < 0 {
                for i in I..<n { compute[i] = 0 }
                for i in 0..<I { compute[i] = C * betaSigmaEta[i] / sumsBetaEta[I] }
                for i in 0..<I { labour[i] = 0 }
                for i in I..<n { labour[i] = L * (betaSigma[i] / sumsBeta[I]) }
            }
            found = true
            break
        }
        if !found {
            let I = automatable - 1
            for i in 0..<n { labour[i] = 0; compute[i] = 0 }
            let z = sumsBetaEta[I + 1]
            for i in 0...I { compute[i] = C * betaSigmaEta[i] / z }
            labour[I] = 0
            for i in (I + 1)..<max(I + 1, n) { labour[i] = L * (betaSigma[i] / sumsBeta[I + 1]) }
        }
        // The reference's guard against every labour input rounding to zero.
        if labour.allSatisfy({ $0 == 0 }) { labour[n - 1] = L }
    }
}

extension CCFAllocation {
    /// After ``solve``: the task inputs l_i + η_i·c_i, written into `input`, and the reference's count
    /// of automated tasks (compute supplying more than 10× the labour, task 0 excluded).
    func taskInputs(eta: [Double], into input: inout [Double]) -> Int {
        let l = labour, c = compute
        var automated = 0
        for i in 0..<l.count {
            input[i] = l[i] + eta[i] * c[i]
            if eta[i] * c[i] > 10 * l[i] { automated += 1 }
        }
        return automated - 1
    }
}
