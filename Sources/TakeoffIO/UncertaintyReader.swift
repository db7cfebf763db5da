import Foundation
import TakeoffModels
import TakeoffSampling

/// Reads a scenario's `[uncertainty]` table into a ``ParameterSampler``.
///
/// ```toml
/// [uncertainty.researchFeedback]
/// distribution = "percentiles"        # or point, normal, lognormal, uniform, logUniform, beta,
/// family = "normal"                   # triangular, splitNormal, splitLognormal, mixture
/// p05 = -1.0                          # 5/50/95 or 10/(50)/90 points
/// p50 = 0.1667
/// p95 = 0.6667
/// truncateBelow = -2.0                # optional truncation of any distribution
/// [uncertainty]
/// correlations = [{ a = "parallelReturns", b = "capabilityExponent", rank = 0.3 }]
/// ```
struct UncertaintyReader {
    let validator: ScenarioValidator
    let model: ModelSpec

    static let keys: [String: [String]] = [
        "point": ["value"], "normal": ["mean", "sd"], "lognormal": ["median", "sigma"], "uniform": ["min", "max"],
        "logUniform": ["min", "max"], "beta": ["alpha", "beta", "min", "max"], "triangular": ["min", "mode", "max"],
        "splitNormal": ["median", "sdLow", "sdHigh"], "splitLognormal": ["median", "sigmaLow", "sigmaHigh"],
        "percentiles": ["family", "p05", "p10", "p50", "p90", "p95"], "mixture": ["components"],
    ]

    func read(_ value: ConfigValue?) throws(ScenarioError) -> ParameterSampler? {
        let table = try validator.table(value, "uncertainty")
        guard !table.isEmpty else { return nil }
        var parameters: [UncertainParameter] = []
        for name in table.keys.sorted() where name != "correlations" {
            let path = "uncertainty.\(name)"
            guard let info = model.parameter(name) else {
                throw validator.error(path, .unknownKey, "'\(name)' is not a parameter of model '\(model.id)'; `takeoff models` lists them")
            }
            let distribution = try self.distribution(try validator.table(table[name], path), path)
            try checkSupport(distribution, info, path)
            parameters.append(UncertainParameter(name: name, distribution: distribution))
        }
        let copula = try correlations(table["correlations"], parameters)
        return ParameterSampler(parameters: parameters, copula: copula)
    }

    func number(_ t: [String: ConfigValue], _ key: String, _ path: String, _ c: ValueConstraint = .finite) throws(ScenarioError) -> Double {
        guard let v = t[key] else { throw validator.error("\(path).\(key)", .missingKey, "missing: expected \(c.expectation)") }
        return try validator.number(v, "\(path).\(key)", c)
    }

    func distribution(_ t: [String: ConfigValue], _ path: String) throws(ScenarioError) -> Distribution {
        guard let kindValue = t["distribution"] else {
            throw validator.error("\(path).distribution", .missingKey,
                                  "missing: expected one of \(Self.keys.keys.sorted().joined(separator: ", "))")
        }
        let kind = try validator.string(kindValue, "\(path).distribution")
        guard let allowed = Self.keys[kind] else {
            throw validator.error("\(path).distribution", .outOfRange,
                                  "unknown distribution '\(kind)': expected one of \(Self.keys.keys.sorted().joined(separator: ", "))")
        }
        try validator.checkKeys(t, allowed: ["distribution", "truncateBelow", "truncateAbove"] + allowed, prefix: path,
                                what: "for distribution '\(kind)'")
        var d: Distribution
        switch kind {
        case "point": d = .point(try number(t, "value", path))
        case "normal": d = .normal(mean: try number(t, "mean", path), sd: try number(t, "sd", path, .positive))
        case "lognormal": d = .lognormal(median: try number(t, "median", path, .positive), sigma: try number(t, "sigma", path, .positive))
        case "uniform", "logUniform":
            let lo = try number(t, "min", path, kind == "logUniform" ? .positive : .finite)
            let hi = try number(t, "max", path, kind == "logUniform" ? .positive : .finite)
            guard hi > lo else { throw validator.error("\(path).max", .outOfRange, "\(hi) must exceed min \(lo)") }
            d = kind == "uniform" ? .uniform(min: lo, max: hi) : .logUniform(min: lo, max: hi)
        case "beta":
            let lo = t["min"] == nil ? 0 : try number(t, "min", path), hi = t["max"] == nil ? 1 : try number(t, "max", path)
            guard hi > lo else { throw validator.error("\(path).max", .outOfRange, "\(hi) must exceed min \(lo)") }
            d = .beta(alpha: try number(t, "alpha", path, .positive), beta: try number(t, "beta", path, .positive), min: lo, max: hi)
        case "triangular":
            let lo = try number(t, "min", path), mode = try number(t, "mode", path), hi = try number(t, "max", path)
            guard lo <= mode, mode <= hi, lo < hi else {
                throw validator.error("\(path).mode", .outOfRange, "expected min ≤ mode ≤ max with min < max")
            }
            d = .triangular(min: lo, mode: mode, max: hi)
        case "splitNormal":
            d = .splitNormal(median: try number(t, "median", path), sdLow: try number(t, "sdLow", path, .positive),
                             sdHigh: try number(t, "sdHigh", path, .positive))
        case "splitLognormal":
            d = .splitLognormal(median: try number(t, "median", path, .positive), sigmaLow: try number(t, "sigmaLow", path, .positive),
                                sigmaHigh: try number(t, "sigmaHigh", path, .positive))
        case "percentiles":
            d = try percentiles(t, path)
        default:
            d = try mixture(t, path)
        }
        let below = t["truncateBelow"] == nil ? -Double.infinity : try number(t, "truncateBelow", path)
        let above = t["truncateAbove"] == nil ? Double.infinity : try number(t, "truncateAbove", path)
        if below > -.infinity || above < .infinity {
            guard above > below, d.cdf(above) - d.cdf(below) > 1e-12 else {
                throw validator.error("\(path).truncateAbove", .outOfRange, "the truncation leaves no probability")
            }
            d = .truncated(d, lower: below, upper: above)
        }
        return d
    }

    func percentiles(_ t: [String: ConfigValue], _ path: String) throws(ScenarioError) -> Distribution {
        let familyName = t["family"] == nil ? "normal" : try validator.string(t["family"]!, "\(path).family")
        guard let family = Distribution.Family(rawValue: familyName) else {
            throw validator.error("\(path).family", .outOfRange, "unknown family '\(familyName)': expected normal or lognormal")
        }
        let constraint: ValueConstraint = family == .lognormal ? .positive : .finite
        let median = t["p50"] == nil ? nil : try number(t, "p50", path, constraint)
        let (lowKey, highKey, lowP, highP): (String, String, Double, Double)
        if t["p05"] != nil || t["p95"] != nil { (lowKey, highKey, lowP, highP) = ("p05", "p95", 0.05, 0.95) }
        else { (lowKey, highKey, lowP, highP) = ("p10", "p90", 0.10, 0.90) }
        let low = try number(t, lowKey, path, constraint), high = try number(t, highKey, path, constraint)
        guard low < (median ?? high), (median ?? low) < high else {
            throw validator.error("\(path).\(highKey)", .outOfRange, "expected \(lowKey) < \(median == nil ? "" : "p50 < ")\(highKey)")
        }
        if (t["p05"] != nil) != (t["p95"] != nil) || (t["p10"] != nil && t["p05"] != nil) {
            throw validator.error("\(path).\(lowKey)", .outOfRange, "give p05 and p95, or p10 and p90 (with an optional p50)")
        }
        return Distribution.fitted(family: family, lowP: lowP, low: low, median: median, highP: highP, high: high)
    }

    func mixture(_ t: [String: ConfigValue], _ path: String) throws(ScenarioError) -> Distribution {
        guard case .array(let items)? = t["components"], !items.isEmpty else {
            throw validator.error("\(path).components", .wrongType, "expected an array of inline tables with weight and distribution")
        }
        var parts: [Distribution.Component] = []
        for (i, item) in items.enumerated() {
            let itemPath = "\(path).components[\(i)]"
            var inner = try validator.table(item, itemPath)
            guard let w = inner.removeValue(forKey: "weight") else {
                throw validator.error("\(itemPath).weight", .missingKey, "missing: expected a weight in (0, 1]")
            }
            let weight = try validator.number(w, "\(itemPath).weight", .fraction)
            parts.append(Distribution.Component(weight: weight, distribution: try distribution(inner, itemPath)))
        }
        let total = parts.reduce(0) { $0 + $1.weight }
        guard abs(total - 1) < 1e-9 else {
            throw validator.error("\(path).components", .outOfRange, "weights sum to \(total); expected 1")
        }
        return .mixture(parts)
    }

    /// The distribution must stay inside the parameter's admissible range.
    func checkSupport(_ d: Distribution, _ info: ParameterInfo, _ path: String) throws(ScenarioError) {
        let (lo, hi) = d.support
        let ok: Bool
        switch info.constraint {
        case .positive: ok = lo > 0 || (lo == 0 && d.lowerIsOpen)
        case .nonNegative: ok = lo >= 0
        case .fraction: ok = lo >= 0 && hi <= 1
        case .finite: ok = true
        case .interval(let lower, let upper): ok = lo >= lower && hi <= upper
        }
        guard ok else {
            throw validator.error(path, .outOfRange,
                                  "the distribution reaches [\(lo), \(hi)] but parameters.\(info.name) must be \(info.constraint.expectation); truncate it (truncateBelow/truncateAbove) or use a lognormal")
        }
    }

    func correlations(_ value: ConfigValue?, _ parameters: [UncertainParameter]) throws(ScenarioError) -> GaussianCopula? {
        guard let value else { return nil }
        guard case .array(let items) = value else {
            throw validator.error("uncertainty.correlations", .wrongType, "expected an array of { a, b, rank } tables")
        }
        var pairs: [(Int, Int, Double)] = []
        for (k, item) in items.enumerated() {
            let path = "uncertainty.correlations[\(k)]"
            let t = try validator.table(item, path)
            try validator.checkKeys(t, allowed: ["a", "b", "rank"], prefix: path, what: "in a correlation")
            func index(_ key: String) throws(ScenarioError) -> Int {
                guard let v = t[key] else { throw validator.error("\(path).\(key)", .missingKey, "missing: expected an uncertain parameter's name") }
                let name = try validator.string(v, "\(path).\(key)")
                guard let i = parameters.firstIndex(where: { $0.name == name }) else {
                    throw validator.error("\(path).\(key)", .outOfRange, "'\(name)' has no distribution in [uncertainty]")
                }
                return i
            }
            let a = try index("a"), b = try index("b")
            guard a != b else { throw validator.error("\(path).b", .outOfRange, "a parameter cannot be correlated with itself") }
            guard let r = t["rank"] else { throw validator.error("\(path).rank", .missingKey, "missing: expected a rank correlation in (−1, 1)") }
            let rho = try validator.number(r, "\(path).rank", .finite)
            guard rho > -1, rho < 1 else { throw validator.error("\(path).rank", .outOfRange, "\(rho) must lie in (−1, 1)") }
            pairs.append((a, b, rho))
        }
        guard let copula = GaussianCopula(dimension: parameters.count, rankCorrelations: pairs) else {
            throw validator.error("uncertainty.correlations", .outOfRange, "the correlation matrix is not positive definite")
        }
        return copula
    }
}
