import TakeoffIO
import Foundation
import TakeoffCore
import TakeoffFitting
import TakeoffGSL
import TakeoffModels
import TakeoffSampling

/// Runs a ``FitFile`` and describes the result.
public struct FitReport: Sendable {
    public let fit: FitFile
    public let result: FitResult
    /// Derived quantities (exponential trends): name, value, standard error.
    public let derived: [(name: String, value: Double, standardError: Double)]
    /// The reference year of an exponential trend.
    public let reference: Double
    /// The fitted curve on the data points and on a grid, with its 90% band.
    public let curve: (x: [Double], fitted: [Double], lower: [Double], upper: [Double])
    public let fittedAtData: [Double]

    /// Fits `fit`.
    public static func run(_ fit: FitFile) -> FitReport {
        switch fit.kind {
        case .trend(let form, let referenceYear, let logResiduals):
            let reference = referenceYear ?? (fit.x.reduce(0, +) / Double(fit.x.count)).rounded()
            let start = form.startValues(x: fit.x, y: fit.y, reference: reference)
            let parameters = zip(form.parameterNames, start).map { FitParameter(name: $0, start: $1) }
            let observed = logResiduals ? fit.y.map(log) : fit.y
            let result = Fitter.fit(parameters, count: fit.x.count, observed: observed) { p, r in
                for i in 0..<fit.x.count {
                    let model = form.value(fit.x[i], p, reference: reference)
                    r[i] = logResiduals ? log(model) - log(fit.y[i]) : model - fit.y[i]
                }
            }
            let evaluate = { (p: [Double], xs: [Double]) -> [Double]? in xs.map { form.value($0, p, reference: reference) } }
            return FitReport(fit: fit, result: result, derived: form.derived(result.estimates, result.covariance),
                             reference: reference, logSpace: logResiduals, evaluate: evaluate)
        case .model(let scenario, let free, let matches):
            let times = Array(Set(fit.x)).sorted()
            let index = Dictionary(uniqueKeysWithValues: times.enumerated().map { ($1, $0) })
            let evaluateColumns = { (p: [Double], xs: [Double]) throws -> [[Double]] in
                let model = try scenario.resolve(with: Dictionary(uniqueKeysWithValues: zip(free.map(\.name), p)))
                var options = scenario.solver
                options.save = .at(xs)
                let run = try model.run(solver: .gsl(options))
                guard run.status.isResult, run.years.count >= xs.count else {
                    throw FitModelFailure(message: "the solve ended with \(run.status.rawValue): \(run.message ?? "")")
                }
                return try matches.map { m in
                    guard let column = run.column(m.column) else { throw FitModelFailure(message: "no column \(m.column)") }
                    return Array(column.prefix(xs.count))
                }
            }
            let n = fit.x.count
            var observed: [Double] = []
            for m in matches { observed += fit.y.map { m.log ? log($0) * m.weight : $0 * m.weight } }
            let result = Fitter.fit(free, count: n * matches.count, observed: observed) { p, r in
                let columns = try evaluateColumns(p, times)
                for (k, m) in matches.enumerated() {
                    for i in 0..<n {
                        let model = columns[k][index[fit.x[i]]!]
                        r[k * n + i] = m.weight * (m.log ? log(model) - log(fit.y[i]) : model - fit.y[i])
                    }
                }
            }
            let evaluate = { (p: [Double], xs: [Double]) -> [Double]? in (try? evaluateColumns(p, xs))?.first }
            return FitReport(fit: fit, result: result, derived: [], reference: .nan, logSpace: matches.first?.log ?? true,
                             evaluate: evaluate)
        }
    }

    init(fit: FitFile, result: FitResult, derived: [(name: String, value: Double, standardError: Double)], reference: Double,
         logSpace: Bool, evaluate rawEvaluate: @escaping ([Double], [Double]) -> [Double]?) {
        self.fit = fit
        self.result = result
        self.derived = derived
        self.reference = reference
        let lo = fit.x.first!, hi = fit.x.last!
        let grid = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
        let p = result.estimates
        // The band is computed where the residuals live (ln y for log fits) and mapped back.
        let evaluate = { (q: [Double], xs: [Double]) -> [Double]? in rawEvaluate(q, xs).map { logSpace ? $0.map(log) : $0 } }
        let center = evaluate(p, grid) ?? Array(repeating: .nan, count: grid.count)
        // 90% band of the curve: delta method with a numerical gradient in each parameter.
        let t = LeastSquares.studentTQuantile(0.95, degreesOfFreedom: Double(result.degreesOfFreedom))
        var gradients: [[Double]] = []
        for j in p.indices {
            var q = p
            let h = 1e-6 * max(abs(p[j]), 1e-8)
            q[j] += h
            let shifted = evaluate(q, grid) ?? center
            gradients.append(zip(shifted, center).map { ($0 - $1) / h })
        }
        var lower: [Double] = [], upper: [Double] = []
        let k = p.count
        for g in grid.indices {
            var variance = 0.0
            for a in 0..<k { for b in 0..<k { variance += gradients[a][g] * gradients[b][g] * result.covariance[a * k + b] } }
            let half = t * max(variance, 0).squareRoot()
            lower.append(logSpace ? exp(center[g] - half) : center[g] - half)
            upper.append(logSpace ? exp(center[g] + half) : center[g] + half)
        }
        curve = (grid, logSpace ? center.map(exp) : center, lower, upper)
        fittedAtData = rawEvaluate(p, fit.x) ?? Array(repeating: .nan, count: fit.x.count)
    }

    var statusCode: String { result.status.rawValue }

    /// The table printed by `takeoff fit`.
    public var summary: String {
        var lines = ["fit: \(fit.description ?? fit.file) (\(fit.file))",
                     "data: \(fit.x.count) points of \(fit.yName) against \(fit.xName) from \(fit.dataFile), \(String(format: "%.3f", fit.x.first!))-\(String(format: "%.3f", fit.x.last!))"]
        lines.append("status: \(statusCode) (\(result.reason)), \(result.iterations) iterations, cost \(String(format: "%.6g", result.cost)), R² \(String(format: "%.4f", result.rSquared))")
        if case .trend(let form, _, _) = fit.kind, form == .exponential {
            lines.append("form: y = exp(logLevel + growthRate·(year − \(CSVWriter.number(reference))))")
        }
        lines.append("parameter".padding(toLength: 24, withPad: " ", startingAt: 0) + "estimate        std error       90% interval")
        for i in result.names.indices {
            lines.append(result.names[i].padding(toLength: 24, withPad: " ", startingAt: 0)
                         + String(format: "%-15.6g %-15.6g [%.6g, %.6g]", result.estimates[i], result.standardErrors[i],
                                  result.intervals90[i].low, result.intervals90[i].high))
        }
        for d in derived {
            lines.append(d.name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%-15.6g %-15.6g", d.value, d.standardError))
        }
        if result.names.count > 1 {
            lines.append("correlation:")
            let p = result.names.count
            for i in 0..<p {
                lines.append("  " + result.names[i].padding(toLength: 22, withPad: " ", startingAt: 0)
                             + (0..<p).map { String(format: "%7.3f", result.correlation[i * p + $0]) }.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON contract: metrics = estimates and derived quantities, plus standard errors and
    /// 90% intervals.
    public var jsonObject: [String: Any] {
        var metrics: [String: Any] = [:], errors: [String: Any] = [:], intervals: [String: Any] = [:]
        for i in result.names.indices {
            metrics[result.names[i]] = RunReport.jsonNumber(result.estimates[i])
            errors[result.names[i]] = RunReport.jsonNumber(result.standardErrors[i])
            intervals[result.names[i]] = [RunReport.jsonNumber(result.intervals90[i].low), RunReport.jsonNumber(result.intervals90[i].high)]
        }
        for d in derived {
            metrics[d.name] = RunReport.jsonNumber(d.value)
            errors[d.name] = RunReport.jsonNumber(d.standardError)
        }
        return [
            "model": "fit", "file": fit.file, "status": statusCode, "message": result.reason, "events": [[String: Any]](),
            "metrics": metrics, "standardErrors": errors, "intervals90": intervals,
            "stats": ["iterations": result.iterations, "functionEvaluations": result.functionEvaluations,
                      "points": result.points, "degreesOfFreedom": result.degreesOfFreedom, "cost": RunReport.jsonNumber(result.cost),
                      "rSquared": RunReport.jsonNumber(result.rSquared)],
            "correlation": result.correlation.map { RunReport.jsonNumber($0) },
        ]
    }

    /// Data, fitted curve, band and residuals: `kind,label,x,y,fitted,lower,upper,residual`.
    public var csv: String {
        var out = "kind,label,x,y,fitted,lower,upper,residual\r\n"
        let n = fit.x.count
        for i in 0..<n {
            let residual = i < result.residuals.count ? CSVWriter.number(result.residuals[i]) : ""
            out += "data,\(CSVWriter.field(fit.labels[i])),\(CSVWriter.number(fit.x[i])),\(CSVWriter.number(fit.y[i])),\(CSVWriter.number(fittedAtData[i])),,,\(residual)\r\n"
        }
        for g in curve.x.indices {
            out += "curve,,\(CSVWriter.number(curve.x[g])),,\(CSVWriter.number(curve.fitted[g])),\(CSVWriter.number(curve.lower[g])),\(CSVWriter.number(curve.upper[g])),\r\n"
        }
        return out
    }

    /// A scenario with the fitted values and their uncertainty (model fits only): the fitted
    /// parameters in `[parameters]`, and in `[uncertainty]` lognormals for parameters fitted in
    /// log space and normals (truncated to the bounds) otherwise, with the fit's correlations
    /// as rank correlations (Spearman = (6/π)·asin(ρ/2) for Gaussian dependence).
    public func scenarioText() -> String? {
        guard case .model(let scenario, let free, _) = fit.kind else { return nil }
        var tree = scenario.resolved
        var parameters: [String: ConfigValue] = [:]
        if case .table(let existing)? = tree["parameters"] { parameters = existing }
        var uncertainty: [String: ConfigValue] = [:]
        let p = free.count
        for (i, f) in free.enumerated() {
            parameters[f.name] = .double(result.estimates[i])
            if f.isLogScale {
                let sigma = result.internalCovariance[i * p + i].squareRoot()
                uncertainty[f.name] = .table(["distribution": .string("lognormal"), "median": .double(result.estimates[i]),
                                              "sigma": .double(sigma)])
            } else {
                var t: [String: ConfigValue] = ["distribution": .string("normal"), "mean": .double(result.estimates[i]),
                                                "sd": .double(result.standardErrors[i])]
                if f.lower.isFinite { t["truncateBelow"] = .double(f.lower) }
                if f.upper.isFinite { t["truncateAbove"] = .double(f.upper) }
                uncertainty[f.name] = .table(t)
            }
        }
        var correlations: [ConfigValue] = []
        for i in 0..<p {
            for j in (i + 1)..<max(p, i + 1) {
                let c = result.internalCovariance
                let rho = c[i * p + j] / (c[i * p + i] * c[j * p + j]).squareRoot()
                guard rho.isFinite, abs(rho) > 1e-12 else { continue }
                let spearman = 6 / Double.pi * asin(rho / 2)
                correlations.append(.table(["a": .string(free[i].name), "b": .string(free[j].name), "rank": .double(spearman)]))
            }
        }
        tree["parameters"] = .table(parameters)
        tree["uncertainty"] = nil
        tree["description"] = .string("Fitted by takeoff fit \(fit.file)")
        var text = TOMLWriter.render(tree)
        text = "# Written by `takeoff fit \(fit.file) --write-scenario`: fitted values in [parameters],\n"
            + "# their uncertainty (standard errors, correlations) in [uncertainty].\n" + text
        text += "\n" + TOMLWriter.renderUncertainty(uncertainty, correlations: correlations)
        return text
    }
}

struct FitModelFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
