import Foundation
import TakeoffGSL

/// Rank correlations between parameters through a Gaussian copula.
///
/// A Spearman rank correlation ρ_s between two variables is produced by correlating their
/// underlying normals with Pearson ρ = 2·sin(π ρ_s / 6) (exact for the Gaussian copula). The
/// matrix of those ρ must be positive definite; its Cholesky factor L turns independent
/// standard normals ε into correlated z = L ε, and `u_i = Φ(z_i)` feed each quantile function.
public struct GaussianCopula: Sendable, Equatable {
    /// Lower-triangular Cholesky factor, row-major, n × n.
    public let factor: [Double]
    public let dimension: Int

    /// Fails (returning `nil`) when the implied correlation matrix is not positive definite.
    public init?(dimension n: Int, rankCorrelations: [(i: Int, j: Int, rho: Double)]) {
        var c = Array(repeating: 0.0, count: n * n)
        for i in 0..<n { c[i * n + i] = 1 }
        for (i, j, rho) in rankCorrelations {
            let pearson = 2 * sin(Double.pi * rho / 6)
            c[i * n + j] = pearson
            c[j * n + i] = pearson
        }
        var l = Array(repeating: 0.0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = c[i * n + j]
                for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard sum > 1e-12 else { return nil }
                    l[i * n + i] = sqrt(sum)
                } else {
                    l[i * n + j] = sum / l[j * n + j]
                }
            }
        }
        factor = l
        dimension = n
    }

    public static func == (a: GaussianCopula, b: GaussianCopula) -> Bool { a.factor == b.factor }

    /// Correlated uniforms from independent uniforms `v` (each in (0, 1)).
    public func correlate(_ v: [Double]) -> [Double] {
        let n = dimension
        let e = v.map(SpecialFunctions.normalQuantile)
        return (0..<n).map { i in
            var z = 0.0
            for k in 0...i { z += factor[i * n + k] * e[k] }
            return min(max(SpecialFunctions.normalCDF(z), Double.leastNonzeroMagnitude), 1 - Double.ulpOfOne / 2)
        }
    }
}

/// Per-run seeds: SplitMix64 of the master seed and the run id, so run k's draws are the same
/// whatever else runs, on whichever thread, in whichever shard.
public enum RunSeed {
    public static func seed(master: UInt64, run: Int) -> UInt64 {
        var z = master &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(run + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
