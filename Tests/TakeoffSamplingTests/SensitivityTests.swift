import Foundation
import Testing
@testable import TakeoffSampling

@Suite("Sensitivity analysis")
struct SensitivityTests {
    @Test("Sobol indices of the Ishigami function (a = 7, b = 0.1), N = 2^14, within 0.02")
    func ishigami() throws {
        let parameters = (1...3).map { UncertainParameter(name: "x\($0)", distribution: .uniform(min: -.pi, max: .pi)) }
        let indices = try #require(SobolAnalysis.indices(parameters, samples: 1 << 14) { x in
            sin(x[0]) + 7 * pow(sin(x[1]), 2) + 0.1 * pow(x[2], 4) * sin(x[0])
        })
        let s1 = [0.3139, 0.4424, 0.0], st = [0.5576, 0.4424, 0.2437]
        for i in 0..<3 {
            #expect(abs(indices[i].firstOrder - s1[i]) < 0.02, "S1[\(i)] = \(indices[i].firstOrder)")
            #expect(abs(indices[i].total - st[i]) < 0.02, "ST[\(i)] = \(indices[i].total)")
            #expect(indices[i].firstOrderInterval.low <= indices[i].firstOrder && indices[i].firstOrder <= indices[i].firstOrderInterval.high)
        }
    }

    @Test("a linear model: OAT swings and Sobol indices match their closed forms")
    func linear() throws {
        // f = 3 x1 + 1 x2 − 2 x3 with independent inputs:
        // S_i = ST_i = c_i² Var(x_i) / Σ c_j² Var(x_j); OAT swing = |c_i| (q95 − q05).
        let c = [3.0, 1.0, -2.0]
        let parameters = [
            UncertainParameter(name: "x1", distribution: .uniform(min: 0, max: 1)),
            UncertainParameter(name: "x2", distribution: .normal(mean: 5, sd: 2)),
            UncertainParameter(name: "x3", distribution: .triangular(min: 0, mode: 1, max: 4)),
        ]
        let variances = [1.0 / 12, 4.0, 13.0 / 18]
        let total = zip(c, variances).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }
        let f = { (x: [Double]) in zip(c, x).reduce(0) { $0 + $1.0 * $1.1 } }
        let indices = try #require(SobolAnalysis.indices(parameters, samples: 1 << 13, f))
        for i in 0..<3 {
            let exact = c[i] * c[i] * variances[i] / total
            #expect(abs(indices[i].firstOrder - exact) < 0.02, "S1[\(i)] \(indices[i].firstOrder) vs \(exact)")
            #expect(abs(indices[i].total - exact) < 0.02, "ST[\(i)] \(indices[i].total) vs \(exact)")
        }
        let rows = SensitivityDesign.oneAtATime(parameters)
        let oat = OneAtATimeResult.analyse(names: parameters.map(\.name), rows: rows, values: rows.map(f))
        for r in oat {
            let i = parameters.firstIndex { $0.name == r.parameter }!
            let d = parameters[i].distribution
            let swing = abs(c[i]) * (d.quantile(0.95) - d.quantile(0.05))
            #expect(abs(r.swing! - swing) < 1e-12, "\(r.parameter)")
        }
        #expect(oat.map(\.parameter) == ["x2", "x3", "x1"])   // sorted by swing
    }

    @Test("more than 20 parameters cannot be designed (GSL's Sobol has 40 dimensions)")
    func dimensionLimit() {
        let many = (0..<21).map { UncertainParameter(name: "p\($0)", distribution: .uniform(min: 0, max: 1)) }
        #expect(SensitivityDesign.saltelli(many, samples: 8) == nil)
        #expect(SensitivityDesign.saltelli(Array(many.prefix(20)), samples: 8)?.count == 8 * 22)
    }
}
