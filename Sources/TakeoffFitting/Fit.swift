import Foundation
import TakeoffGSL

/// The result of a least-squares fit, in the parameters' own units.
///
/// Standard errors come from the covariance σ²(JᵀJ)⁻¹ with σ² = χ²/(n − p) (the residuals are
/// unweighted or carry their weights already), mapped through the parameter transforms; 90%
/// intervals are estimate ± t₀.₉₅(n − p)·SE.
public struct FitResult: Sendable {
    public var names: [String]
    public var estimates: [Double]
    public var standardErrors: [Double]
    public var intervals90: [(low: Double, high: Double)]
    /// Correlation matrix, row-major p × p.
    public var correlation: [Double]
    /// Covariance of the estimates, row-major p × p.
    public var covariance: [Double]
    /// Covariance of the internal (transformed) parameters, for log-space uncertainty.
    public var internalCovariance: [Double]
    public var status: LeastSquares.Status
    public var reason: String
    public var iterations: Int
    public var functionEvaluations: Int
    /// ½ Σ r².
    public var cost: Double
    public var rSquared: Double
    public var points: Int
    public var degreesOfFreedom: Int
    public var residuals: [Double]
    public var parameters: [FitParameter]

    /// Whether the fit converged.
    public var isConverged: Bool { status == .converged }
}

/// Least squares over ``FitParameter``s with GSL's Levenberg–Marquardt.
public enum Fitter {
    /// Fits `count` residuals. `residuals(x, &r)` gets the parameters in their own units;
    /// `observed` (the data in the residuals' space) gives R² = 1 − SS_res/SS_tot.
    public static func fit(_ parameters: [FitParameter], count: Int, observed: [Double],
                           residuals: @escaping ([Double], inout [Double]) throws -> Void) -> FitResult {
        let p = parameters.count
        let start = parameters.map { $0.internalValue($0.start) }
        let result = LeastSquares().solve(count: count, start: start) { u, r in
            try residuals(zip(parameters, u).map { $0.value($1) }, &r)
        }
        let u = result.parameters
        let x = zip(parameters, u).map { $0.value($1) }
        let dof = max(count - p, 1)
        let chi2 = result.residuals.reduce(0) { $0 + $1 * $1 }
        let scale = chi2 / Double(dof)
        var internalCov = result.covariance.map { $0 * scale }
        if internalCov.isEmpty { internalCov = Array(repeating: .nan, count: p * p) }
        let d = zip(parameters, u).map { $0.derivative($1) }
        var cov = Array(repeating: 0.0, count: p * p)
        for i in 0..<p { for j in 0..<p { cov[i * p + j] = d[i] * d[j] * internalCov[i * p + j] } }
        let se = (0..<p).map { cov[$0 * p + $0].squareRoot() }
        let t = LeastSquares.studentTQuantile(0.95, degreesOfFreedom: Double(dof))
        var correlation = Array(repeating: 0.0, count: p * p)
        for i in 0..<p { for j in 0..<p { correlation[i * p + j] = cov[i * p + j] / (se[i] * se[j]) } }
        let mean = observed.reduce(0, +) / Double(max(observed.count, 1))
        let total = observed.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return FitResult(
            names: parameters.map(\.name), estimates: x, standardErrors: se,
            intervals90: zip(x, se).map { ($0 - t * $1, $0 + t * $1) }, correlation: correlation, covariance: cov,
            internalCovariance: internalCov, status: result.status, reason: result.reason, iterations: result.iterations,
            functionEvaluations: result.functionEvaluations, cost: result.cost,
            rSquared: result.residuals.isEmpty ? .nan : 1 - chi2 / total, points: count, degreesOfFreedom: dof,
            residuals: result.residuals, parameters: parameters)
    }
}
