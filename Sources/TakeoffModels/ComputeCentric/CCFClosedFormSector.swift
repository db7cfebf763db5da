import Foundation

/// One sector's optimal task allocation and nested-CES output in closed form: the exact scheme's
/// right-hand side, where the explicit allocation of ``CCFAllocation`` (one power per task for the
/// ratios, the candidates and the aggregate) was nine tenths of the run time.
///
/// At the optimum (critical index I, docs/ccf-model-notes.md §5) tasks below I get only
/// compute, c_i = D·β_i^σ η_i^(σ−1), and tasks above I only labour, l_i = E·β_i^σ. As 1 + σρ = σ
/// and σρ = σ − 1 (σ = 1/(1 − ρ)), such a task adds β_i x_i^ρ = D^ρ·β_i^σ η_i^(σ−1) or E^ρ·β_i^σ to
/// the inner CES, so
///
///     Σ_i β_i x_i^ρ = D^ρ·Z + β_I x_I^ρ + E^ρ·S,   Z = Σ_{i<I} β_i^σ η_i^(σ−1),   S = Σ_{i>I} β_i^σ,
///
/// and the factor shares follow the same way (labour-only tasks carry only labour share,
/// compute-only tasks only compute share). Z is the running sum of the candidate search, so a
/// solve costs two exponentials per candidate task (η_i and η_i^(σ−1) from ln η_i) and a few
/// powers. The same optimum and conventions as the explicit path (the count of tasks where compute
/// supplies more than 10× the labour, task 0 excluded); corner cases that the closed form does not
/// cover (a zero budget) go through ``CCFAllocation``. Agreement with the
/// explicit path: `CCFClosedFormSectorTests` (1e-12 relative over random inputs).
final class CCFClosedFormSector {
    let n: Int
    let rho: Double, sigma: Double
    let inner: [Double]
    let outer: [Double]
    let outerRho: Double
    /// ln of the runtime requirement and of the training requirement per task, and the tradeoff exponent.
    let logRuntime: [Double], logTraining: [Double]
    let tradeoff: Double?
    private let betaSigma: UnsafeMutableBufferPointer<Double>
    /// suffix[I] = Σ_{i ≥ I} β_i^σ; suffix[n] = 0.
    private let suffix: UnsafeMutableBufferPointer<Double>
    private let innerSum: Double
    private let fallback: CCFAllocation
    private var eta: [Double]
    /// With the tradeoff, need_i = e^(a_i)·C_T^(−δ), a_i = ln ι_i + δ ln τ_i, so below need 1
    /// η_i = e^(−a_i)·C_T^δ and η_i^(σ−1) = e^(−(σ−1)a_i)·C_T^((σ−1)δ): the per-task factors are fixed
    /// and each solve needs two exponentials in all instead of two per candidate task. Without the
    /// tradeoff η is fixed altogether.
    private let etaFactor: UnsafeMutableBufferPointer<Double>, etaPowerFactor: UnsafeMutableBufferPointer<Double>
    private let factorsNormal: Bool

    struct Output {
        var output = 0.0
        /// Tasks where compute supplies more than 10× the labour, task 0 excluded.
        var automated = 0
        var shares = (outer: 0.0, cognitive: 0.0, labour: 0.0, compute: 0.0)
    }

    init(inner: [Double], outer: [Double], rho: Double, outerRho: Double, training: [Double], runtime: [Double], tradeoff: Double?) {
        n = inner.count
        self.inner = inner
        self.outer = outer
        self.rho = rho
        self.outerRho = outerRho
        sigma = 1 / (1 - rho)
        logRuntime = runtime.map(log)
        logTraining = training.map(log)
        self.tradeoff = tradeoff
        betaSigma = .allocate(capacity: n)
        suffix = .allocate(capacity: n + 1)
        var acc = 0.0
        suffix[n] = 0
        for i in stride(from: n - 1, through: 0, by: -1) {
            betaSigma[i] = pow(inner[i], sigma)
            acc += betaSigma[i]
            suffix[i] = acc
        }
        innerSum = inner.reduce(0, +)
        let factor = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let powerFactor = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        var normal = true
        let (runtimeLogs, trainingLogs, delta, sm1) = (logRuntime, logTraining, tradeoff ?? 0, sigma - 1)
        for i in 0..<n {
            let a = runtimeLogs[i] + delta * trainingLogs[i]
            factor[i] = exp(-a)
            powerFactor[i] = exp(-sm1 * a)
            normal = normal && factor[i].isNormal && powerFactor[i].isNormal
        }
        etaFactor = factor
        etaPowerFactor = powerFactor
        factorsNormal = normal
        fallback = CCFAllocation(tasks: n)
        eta = [Double](repeating: 0, count: n)
    }

    deinit {
        for buffer in [betaSigma, suffix, etaFactor, etaPowerFactor] { buffer.deallocate() }
    }

    /// ln η_i = −ln max(1, need_i), need_i = ι_i·(τ_i/C_T)^δ (or ι_i without the tradeoff).
    @inline(__always) private func logEta(_ i: Int, logRun: Double) -> Double {
        var logNeed = logRuntime[i]
        if let tradeoff { logNeed += tradeoff * (logTraining[i] - logRun) }
        return -max(0, logNeed)
    }

    /// Output (before the sector's scale factor) for outer input X, labour L, compute C, the first
    /// `automatable` tasks automatable, the largest training run e^logRun and total factor
    /// productivity `tfp`; with `shares`, also the factor shares.
    func evaluate(outer X: Double, labour L: Double, compute C: Double, automatable A: Int, logRun: Double,
                  tfp: Double, shares: Bool) -> Output {
        guard L > 0, C > 0, A >= 1, A <= n else { return explicit(X, L, C, A, logRun, tfp, shares) }
        let rho = self.rho, sm1 = sigma - 1
        // Candidates I = 0, 1, …: the first with non-negative labour on task I is the optimum.
        var z = 0.0, zBefore = 0.0
        var found = -1
        var etaI = 1.0, etaPowI = 1.0, computeI = 0.0, labourI = 0.0
        // C_T^δ and C_T^((σ−1)δ) (1 without the tradeoff), unless they leave double range.
        let delta = tradeoff ?? 0
        let runPower = exp(delta * logRun), runPowerSm1 = exp(sm1 * delta * logRun)
        let factored = factorsNormal && runPower.isNormal && runPowerSm1.isNormal
        for i in 0..<A {
            if factored {
                let e = etaFactor[i] * runPower
                etaI = min(1, e)
                etaPowI = e >= 1 ? 1 : etaPowerFactor[i] * runPowerSm1
            } else {
                let le = logEta(i, logRun: logRun)
                etaI = le == 0 ? 1 : exp(le)
                etaPowI = le == 0 ? 1 : exp(sm1 * le)
            }
            let a = etaI * etaPowI * suffix[i]
            computeI = (C * a - L * z) / (a + etaI * z)
            labourI = (L + etaI * computeI) * (betaSigma[i] / suffix[i]) - etaI * computeI
            if labourI >= 0 {
                found = i
                break
            }
            zBefore = z
            z += betaSigma[i] * etaPowI
        }
        var out = Output()
        // Σ β_i x_i^ρ split into compute-only tasks, labour-only tasks and the critical task, which
        // may have both (its labour and compute parts kept apart for the shares).
        var computePart = 0.0, labourPart = 0.0
        var critical: (index: Int, labour: Double, compute: Double)?
        var automated: Int
        if found > 0 && computeI < 0 {
            // Task I is left to labour: compute over i < I, labour over i ≥ I.
            let I = found
            computePart = pow(C / z, rho) * z
            labourPart = pow(L / suffix[I], rho) * suffix[I]
            automated = I - 1
        } else if found >= 0 {
            let I = found
            let zI = z + betaSigma[I] * etaPowI
            if I > 0 { computePart = pow((C + labourI / etaI) / zI, rho) * z }
            if I + 1 < n { labourPart = pow((L + etaI * computeI) / suffix[I], rho) * suffix[I + 1] }
            critical = (I, labourI, computeI)
            automated = I - 1
        } else {
            // No candidate: the last automatable task is compute-only too.
            // z already includes it.
            let I = A - 1
            if I + 1 < n {
                computePart = pow(C / z, rho) * z
                labourPart = pow(L / suffix[I + 1], rho) * suffix[I + 1]
                automated = I
            } else {
                computePart = pow(C / z, rho) * zBefore
                critical = (I, 0, C / z * betaSigma[I] * etaPowI)
                automated = I - 1
            }
        }
        var criticalLabour = 0.0, criticalCompute = 0.0
        if let (I, labourAtOptimum, computeI) = critical {
            // The reference's guard: when every labour input is zero, the last task gets all the labour.
            let labourI = I == n - 1 && labourAtOptimum == 0 ? L : labourAtOptimum
            let x = labourI + etaI * computeI
            let weight = inner[I] * pow(x, rho - 1)
            criticalLabour = weight * labourI
            criticalCompute = weight * etaI * computeI
            if etaI * computeI > 10 * labourI { automated += 1 }
        }
        let total = computePart + labourPart + criticalLabour + criticalCompute
        let cognitive = pow(total / innerSum, 1 / rho)
        out.automated = automated
        finish(&out, X: X, cognitive: cognitive, tfp: tfp)
        if shares {
            let labourShare = labourPart + criticalLabour, computeShare = computePart + criticalCompute
            let sum = labourShare + computeShare
            out.shares.labour = labourShare / sum * out.shares.cognitive
            out.shares.compute = computeShare / sum * out.shares.cognitive
        }
        return out
    }

    /// The outer CES of X and the cognitive aggregate, and the outer/cognitive shares.
    private func finish(_ out: inout Output, X: Double, cognitive: Double, tfp: Double) {
        let o = outer[0] * pow(X, outerRho), c = outer[1] * pow(cognitive, outerRho)
        out.output = tfp * pow((o + c) / (outer[0] + outer[1]), 1 / outerRho)
        out.shares.outer = o / (o + c)
        out.shares.cognitive = c / (o + c)
    }

    /// The explicit allocation and CES (corner cases).
    private func explicit(_ X: Double, _ L: Double, _ C: Double, _ A: Int, _ logRun: Double, _ tfp: Double,
                          _ shares: Bool) -> Output {
        for i in 0..<n { eta[i] = exp(logEta(i, logRun: logRun)) }
        fallback.solve(labour: L, compute: C, beta: inner, rho: rho, eta: eta, automatable: max(1, min(A, n)))
        var input = [Double](repeating: 0, count: n)
        var out = Output()
        out.automated = fallback.taskInputs(eta: eta, into: &input)
        finish(&out, X: X, cognitive: CCFAlgebra.ces(input, inner, rho), tfp: tfp)
        if shares {
            out.shares = CCFAlgebra.shares(outerInput: X, labour: fallback.labour, compute: fallback.compute, outerWeights: outer,
                                           innerWeights: inner, eta: eta, outerRho: outerRho, innerRho: rho)
        }
        return out
    }
}
