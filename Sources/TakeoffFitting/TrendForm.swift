import Foundation

/// Closed-form trends in time (x in decimal years).
///
/// - `exponential`: y = A·e^(g(x − x₀)); fitted on ln y (log-linear OLS in effect); reported as
///   the growth factor per year e^g, doubling time ln 2/g in years and in days (365.25 per year).
/// - `logistic`: y = K/(1 + e^(−r(x − m))); fitted on y, or on ln y with `logResiduals`.
/// - `powerLaw`: y = A·x^b (x > 0); fitted on ln y.
public enum TrendForm: String, Sendable, CaseIterable {
    case exponential, logistic, powerLaw

    /// Parameter names, in order.
    public var parameterNames: [String] {
        switch self {
        case .exponential: return ["logLevel", "growthRate"]
        case .logistic: return ["ceiling", "rate", "midpoint"]
        case .powerLaw: return ["logLevel", "exponent"]
        }
    }

    /// The curve at x with parameters `p` (reference year x₀ for the exponential).
    public func value(_ x: Double, _ p: [Double], reference: Double) -> Double {
        switch self {
        case .exponential: return exp(p[0] + p[1] * (x - reference))
        case .logistic: return p[0] / (1 + exp(-p[1] * (x - p[2])))
        case .powerLaw: return exp(p[0] + p[1] * log(x))
        }
    }

    /// Whether residuals are taken on ln y by default.
    public var defaultLogResiduals: Bool { self != .logistic }

    /// Start values from the data (a log-linear regression for the growth forms).
    public func startValues(x: [Double], y: [Double], reference: Double) -> [Double] {
        switch self {
        case .exponential, .powerLaw:
            let xs = self == .exponential ? x.map { $0 - reference } : x.map(log)
            let ly = y.map(log)
            let mx = xs.reduce(0, +) / Double(xs.count), my = ly.reduce(0, +) / Double(ly.count)
            let sxy = zip(xs, ly).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            let b = sxx > 0 ? sxy / sxx : 0
            return [my - b * mx, b]
        case .logistic:
            let k = (y.max() ?? 1) * 1.5
            let mid = x[x.count / 2]
            return [k, 1, mid]
        }
    }

    /// Quantities derived from the estimates, with standard errors by the delta method.
    public func derived(_ estimates: [Double], _ covariance: [Double]) -> [(name: String, value: Double, standardError: Double)] {
        guard self == .exponential else { return [] }
        let g = estimates[1], sg = covariance[3].squareRoot()
        let doubling = M_LN2 / g
        return [
            ("growthFactorPerYear", exp(g), exp(g) * sg),
            ("doublingTimeYears", doubling, doubling / abs(g) * sg),
            ("doublingTimeDays", 365.25 * doubling, 365.25 * doubling / abs(g) * sg),
        ]
    }
}
