import Foundation
import Testing
import TakeoffGSL
@testable import TakeoffSampling

/// Draws n values through the quantile function, as a study does.
func sample(_ d: Distribution, n: Int = 200_000, seed: UInt64 = 7) -> [Double] {
    let stream = RandomStream(seed: seed)
    return (0..<n).map { _ in d.quantile(stream.uniform()) }
}

/// Checks the sample mean and variance against theory within 5 Monte Carlo standard errors
/// (the variance's standard error from the sample's fourth central moment).
func checkMoments(_ x: [Double], mean: Double, variance: Double, _ label: String) {
    let n = Double(x.count)
    let m = x.reduce(0, +) / n
    let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
    let m4 = x.reduce(0) { $0 + pow($1 - m, 4) } / n
    #expect(abs(m - mean) <= 5 * (variance / n).squareRoot(), "\(label): mean \(m) vs \(mean)")
    #expect(abs(v - variance) <= 5 * ((m4 - v * v) / n).squareRoot(), "\(label): variance \(v) vs \(variance)")
}

@Suite("Distributions")
struct DistributionTests {
    @Test("sample moments match theory within Monte Carlo error")
    func moments() {
        checkMoments(sample(.normal(mean: 2, sd: 0.5)), mean: 2, variance: 0.25, "normal")
        let (mu, s) = (log(3.0), 0.4)
        checkMoments(sample(.lognormal(median: 3, sigma: s)), mean: exp(mu + s * s / 2),
                     variance: (exp(s * s) - 1) * exp(2 * mu + s * s), "lognormal")
        checkMoments(sample(.uniform(min: 1, max: 4)), mean: 2.5, variance: 9.0 / 12, "uniform")
        let (a, b) = (1.0, 100.0), l = log(b / a)
        let luMean = (b - a) / l
        checkMoments(sample(.logUniform(min: a, max: b)), mean: luMean, variance: (b * b - a * a) / (2 * l) - luMean * luMean, "logUniform")
        checkMoments(sample(.beta(alpha: 2, beta: 5, min: 0, max: 1)), mean: 2.0 / 7, variance: 10.0 / (49 * 8), "beta")
        checkMoments(sample(.beta(alpha: 2, beta: 5, min: 10, max: 20)), mean: 10 + 20.0 / 7, variance: 100 * 10.0 / (49 * 8), "scaled beta")
        checkMoments(sample(.triangular(min: 0, mode: 1, max: 4)), mean: 5.0 / 3, variance: 13.0 / 18, "triangular")
        let (s1, s2) = (1.0, 2.0)
        // Halves of probability 1/2: E = m + (s2 − s1)/√(2π), Var = (s1² + s2²)/2 − (s2 − s1)²/(2π).
        checkMoments(sample(.splitNormal(median: 0, sdLow: s1, sdHigh: s2)), mean: (s2 - s1) / (2 * Double.pi).squareRoot(),
                     variance: (s1 * s1 + s2 * s2) / 2 - (s2 - s1) * (s2 - s1) / (2 * Double.pi), "splitNormal")
        // Standard normal truncated to [−1, 2].
        let phi = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        let z = SpecialFunctions.normalCDF(2) - SpecialFunctions.normalCDF(-1)
        let tMean = (phi(-1) - phi(2)) / z
        let tVar = 1 + (-1 * phi(-1) - 2 * phi(2)) / z - tMean * tMean
        checkMoments(sample(.truncated(.normal(mean: 0, sd: 1), lower: -1, upper: 2)), mean: tMean, variance: tVar, "truncated normal")
        // A point mass at 0 with probability 0.15, else lognormal(1, 0.5).
        let mix = Distribution.mixture([.init(weight: 0.15, distribution: .point(0)),
                                        .init(weight: 0.85, distribution: .lognormal(median: 1, sigma: 0.5))])
        let x = sample(mix)
        let ln1 = exp(0.125), ln2 = exp(0.5)   // E[X], E[X²] of the lognormal
        checkMoments(x, mean: 0.85 * ln1, variance: 0.85 * ln2 - pow(0.85 * ln1, 2), "mixture")
        let zeros = Double(x.filter { $0 == 0 }.count) / Double(x.count)
        #expect(abs(zeros - 0.15) <= 5 * (0.15 * 0.85 / Double(x.count)).squareRoot())
    }

    @Test("percentile forms reproduce their points; split forms hit lopsided points exactly")
    func percentiles() {
        let cases: [(Distribution.Family, Double, Double, Double?, Double, Double)] = [
            (.normal, 0.05, -1, 0.1667, 0.95, 0.6667), (.normal, 0.05, 1, 2, 0.95, 3),
            (.lognormal, 0.05, 0.375, 0.7037, 0.95, 1.19), (.lognormal, 0.10, 2, nil, 0.90, 4),
            (.lognormal, 0.05, 1e28, 1e29, 0.95, 1e32),
        ]
        for (family, lowP, low, median, highP, high) in cases {
            let d = Distribution.fitted(family: family, lowP: lowP, low: low, median: median, highP: highP, high: high)
            #expect(abs(d.quantile(lowP) / low - 1) < 1e-12, "\(d)")
            #expect(abs(d.quantile(highP) / high - 1) < 1e-12, "\(d)")
            if let median { #expect(abs(d.quantile(0.5) / median - 1) < 1e-12, "\(d)") }
            for u in [0.01, 0.3, 0.77] { #expect(abs(d.cdf(d.quantile(u)) - u) < 1e-10) }
        }
        if case .splitNormal = Distribution.fitted(family: .normal, lowP: 0.05, low: -1, median: 0.1667, highP: 0.95, high: 0.6667) {} else {
            Issue.record("lopsided normal points should give a split normal")
        }
        if case .normal = Distribution.fitted(family: .normal, lowP: 0.05, low: 1, median: 2, highP: 0.95, high: 3) {} else {
            Issue.record("symmetric points should give a plain normal")
        }
    }

    @Test("the Gaussian copula produces the requested rank correlation")
    func copula() throws {
        let copula = try #require(GaussianCopula(dimension: 2, rankCorrelations: [(0, 1, 0.6)]))
        let sampler = ParameterSampler(parameters: [UncertainParameter(name: "a", distribution: .uniform(min: 0, max: 1)),
                                                    UncertainParameter(name: "b", distribution: .logUniform(min: 1, max: 1e4))],
                                       copula: copula)
        let stream = RandomStream(seed: 1)
        let n = 50_000
        let draws = (0..<n).map { sampler.draw(seed: RunSeed.seed(master: 3, run: $0), stream: stream) }
        func ranks(_ v: [Double]) -> [Double] {
            var r = Array(repeating: 0.0, count: v.count)
            for (rank, i) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[i] = Double(rank) }
            return r
        }
        let ra = ranks(draws.map { $0[0] }), rb = ranks(draws.map { $0[1] })
        let mean = Double(n - 1) / 2
        let cov = zip(ra, rb).reduce(0) { $0 + ($1.0 - mean) * ($1.1 - mean) }
        let variance = ra.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let spearman = cov / variance
        // Standard error of Spearman's ρ near 0.6: about (1 − ρ²)/√n ≈ 0.003.
        #expect(abs(spearman - 0.6) < 0.015, "rank correlation \(spearman)")
        #expect(GaussianCopula(dimension: 3, rankCorrelations: [(0, 1, 0.95), (1, 2, 0.95), (0, 2, -0.95)]) == nil)
    }

    @Test("per-run seeds are distinct and independent of order")
    func seeds() {
        let seeds = (0..<10_000).map { RunSeed.seed(master: 42, run: $0) }
        #expect(Set(seeds).count == seeds.count)
        #expect(Set(seeds.map { UInt32(truncatingIfNeeded: $0 ^ ($0 >> 32)) }).count == seeds.count)
        #expect(RunSeed.seed(master: 42, run: 9_999) == seeds.last)
    }
}
