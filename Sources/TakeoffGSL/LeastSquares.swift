import CGSL
import TakeoffCore

/// Nonlinear least squares with GSL's trust-region Levenberg–Marquardt
/// (`gsl_multifit_nlinear`, finite-difference Jacobian).
///
/// Minimises ½‖r(x)‖² over x for residuals r: ℝᵖ → ℝⁿ. The residual function may throw (an
/// ODE solve that fails inside it): the fit then ends with status `modelFailure` and the error's
/// message, never a crash.
public struct LeastSquares {
    /// How a fit ended.
    public enum Status: String, Sendable {
        case converged, maxIterations, modelFailure, noProgress
    }

    /// The outcome: position, covariance (unscaled, (JᵀJ)⁻¹), residuals and counters.
    public struct Result: Sendable {
        public var status: Status
        public var reason: String
        public var parameters: [Double]
        /// (JᵀJ)⁻¹, row-major p × p, at the solution.
        public var covariance: [Double]
        public var residuals: [Double]
        /// ½‖r‖².
        public var cost: Double
        public var iterations: Int
        public var functionEvaluations: Int
    }

    public var maxIterations = 200
    public var xtol = 1e-10
    public var gtol = 1e-10
    public var ftol = 1e-12

    public init() {}

    final class Box {
        let n: Int
        let p: Int
        let f: ([Double], inout [Double]) throws -> Void
        var error: (any Error)?
        var evaluations = 0
        var x: [Double]
        var out: [Double]
        init(n: Int, p: Int, f: @escaping ([Double], inout [Double]) throws -> Void) {
            self.n = n
            self.p = p
            self.f = f
            x = Array(repeating: 0, count: p)
            out = Array(repeating: 0, count: n)
        }
    }

    /// Fits `count` residuals of `p = start.count` parameters from `start`.
    public func solve(count n: Int, start: [Double], residuals: @escaping ([Double], inout [Double]) throws -> Void) -> Result {
        GSLRuntime.prepare()
        let p = start.count
        let box = Box(n: n, p: p, f: residuals)
        var params = gsl_multifit_nlinear_default_parameters()
        guard n >= p, p > 0, let w = gsl_multifit_nlinear_alloc(cgsl_multifit_trust(), &params, n, p) else {
            return Result(status: .noProgress, reason: "need at least as many residuals (\(n)) as parameters (\(p))",
                          parameters: start, covariance: [], residuals: [], cost: .nan, iterations: 0, functionEvaluations: 0)
        }
        defer { gsl_multifit_nlinear_free(w) }
        let fdf = UnsafeMutablePointer<gsl_multifit_nlinear_fdf>.allocate(capacity: 1)
        defer { fdf.deallocate() }
        fdf.initialize(to: gsl_multifit_nlinear_fdf())
        fdf.pointee.f = leastSquaresTrampoline
        fdf.pointee.df = nil
        fdf.pointee.fvv = nil
        fdf.pointee.n = n
        fdf.pointee.p = p
        fdf.pointee.params = Unmanaged.passUnretained(box).toOpaque()
        let x0 = gsl_vector_alloc(p)!
        defer { gsl_vector_free(x0) }
        for i in 0..<p { gsl_vector_set(x0, i, start[i]) }
        var info: Int32 = 0
        var status = gsl_multifit_nlinear_init(x0, fdf, w)
        if status == GSLRuntime.success {
            status = gsl_multifit_nlinear_driver(maxIterations, xtol, gtol, ftol, nil, nil, &info, w)
        }
        let position = gsl_multifit_nlinear_position(w)!
        let x = (0..<p).map { gsl_vector_get(position, $0) }
        let iterations = Int(gsl_multifit_nlinear_niter(w))
        withExtendedLifetime(box) {}
        if let error = box.error {
            return Result(status: .modelFailure, reason: "the residual function failed: \(error)", parameters: x,
                          covariance: [], residuals: [], cost: .nan, iterations: iterations, functionEvaluations: box.evaluations)
        }
        let r = gsl_multifit_nlinear_residual(w)!
        let residualValues = (0..<n).map { gsl_vector_get(r, $0) }
        let cost = 0.5 * residualValues.reduce(0) { $0 + $1 * $1 }
        let covar = gsl_matrix_alloc(p, p)!
        defer { gsl_matrix_free(covar) }
        gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, covar)
        let covariance = (0..<(p * p)).map { gsl_matrix_get(covar, $0 / p, $0 % p) }
        let (fitStatus, reason): (Status, String)
        if status == GSLRuntime.success {
            fitStatus = .converged
            reason = info == 1 ? "small step (xtol)" : info == 2 ? "small gradient (gtol)" : "small change in cost (ftol)"
        } else if status == Int32(cgsl_emaxiter()) && info == Int32(cgsl_enoprog()) && iterations <= 1 {
            // GSL's driver reports "no progress on the first iteration" as EMAXITER with info
            // ENOPROG: the start is already the minimum (e.g. a log-linear start from OLS).
            (fitStatus, reason) = (.converged, "started at the minimum (no step improves the cost)")
        } else if status == Int32(cgsl_emaxiter()) {
            (fitStatus, reason) = (.maxIterations, "reached \(maxIterations) iterations")
        } else {
            (fitStatus, reason) = (.noProgress, "GSL could not make progress (status \(status))")
        }
        return Result(status: fitStatus, reason: reason, parameters: x, covariance: covariance, residuals: residualValues,
                      cost: cost, iterations: iterations, functionEvaluations: box.evaluations)
    }

    /// The t distribution's quantile (for confidence intervals).
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) -> Double {
        gsl_cdf_tdist_Pinv(p, degreesOfFreedom)
    }
}

/// GSL's residual callback. Vectors may have a stride other than 1 (GSL's finite-difference
/// Jacobian evaluates into columns of J), so elements are read and written through the stride.
func leastSquaresTrampoline(_ x: UnsafePointer<gsl_vector>?, _ params: UnsafeMutableRawPointer?,
                            _ f: UnsafeMutablePointer<gsl_vector>?) -> Int32 {
    let box = Unmanaged<LeastSquares.Box>.fromOpaque(params!).takeUnretainedValue()
    let xv = x!.pointee, fv = f!.pointee
    for i in 0..<box.p { box.x[i] = xv.data[i * xv.stride] }
    box.evaluations += 1
    do {
        try box.f(box.x, &box.out)
    } catch {
        box.error = error
        return GSLRuntime.badFunction
    }
    for i in 0..<box.n {
        let v = box.out[i]
        guard v.isFinite else {
            box.error = NonFiniteResidual(index: i)
            return GSLRuntime.badFunction
        }
        fv.data[i * fv.stride] = v
    }
    return GSLRuntime.success
}

struct NonFiniteResidual: Error, CustomStringConvertible {
    let index: Int
    var description: String { "residual \(index) is not finite" }
}
