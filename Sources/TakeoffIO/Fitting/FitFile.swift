import Foundation
import TakeoffFitting
import TakeoffModels

/// A fit file (TOML): which data, which rows, and either a trend form or a model of this
/// package with free parameters and the outputs to match.
///
/// ```toml
/// kind = "trend"                       # or "model"
/// description = "METR 50% time horizon, TH1.1, state of the art"
/// [data]
/// file = "data/metr_time_horizons_v1_1.csv"   # relative to this file
/// x = "release_date"                   # dates become decimal years
/// y = "p50_minutes"
/// yDivideBy = "release_price_usd"      # optional: y = y / this column
/// [[filters]]
/// column = "is_sota"
/// equals = "1"                         # or: contains = "Language"; from = 2023.0; to = 2025.0
/// [trend]
/// form = "exponential"                 # exponential | logistic | powerLaw
/// referenceYear = 2023.0               # optional (exponential): the level is reported there
/// logResiduals = true                  # default: true for exponential and powerLaw
/// # kind = "model":
/// scenario = "compute-growth.toml"
/// [free.largestRunShare]
/// start = 0.01                         # default: the scenario's value
/// min = 0.0
/// max = 1.0
/// [[match]]
/// column = "largestTrainingRun"        # the model's output column, matched to data y
/// weight = 1.0
/// log = true                           # residuals on ln (default true)
/// ```
public struct FitFile: Sendable {
    public enum Kind: Sendable {
        case trend(TrendForm, reference: Double?, logResiduals: Bool)
        case model(scenario: Scenario, free: [FitParameter], matches: [Match])
    }

    public struct Match: Sendable {
        public var column: String
        public var weight: Double
        public var log: Bool
    }

    public var file: String
    public var description: String?
    public var kind: Kind
    /// The selected data: x (decimal years) and y, sorted by x.
    public var x: [Double]
    public var y: [Double]
    /// Labels of the selected rows (first column of the data), for the CSV.
    public var labels: [String]
    public var dataFile: String
    public var xName: String
    public var yName: String
    /// The `[expect]` table (`takeoff verify`), if any.
    public var expect: ExpectTable?

    /// Reads and validates a fit file and selects its data.
    public static func load(path: String) throws(ScenarioError) -> FitFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: nil, reason: FileManager.default.fileExists(atPath: path) ? .unreadableFile : .missingFile,
                                message: FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "no such file")
        }
        if text.allSatisfy(\.isWhitespace) {
            throw ScenarioError(file: path, keyPath: nil, reason: .emptyFile, message: "the file is empty; expected kind, [data] and [trend] or a model")
        }
        let tree = try TOMLReader.parse(text, file: path)
        let v = ScenarioValidator(file: path, text: text, overridden: [])
        try v.checkKeys(tree, allowed: ["kind", "description", "data", "filters", "trend", "scenario", "free", "match", "expect"], prefix: "",
                        what: "in a fit file")
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || folder.isEmpty ? relative : folder + "/" + relative
        }

        guard let kindValue = tree["kind"] else { throw v.error("kind", .missingKey, "missing: expected kind = \"trend\" or \"model\"") }
        let kindName = try v.string(kindValue, "kind")
        guard kindName == "trend" || kindName == "model" else {
            throw v.error("kind", .outOfRange, "unknown kind '\(kindName)': expected trend or model")
        }
        let description = try tree["description"].map { d throws(ScenarioError) in try v.string(d, "description") }

        // Data and filters.
        guard tree["data"] != nil else { throw v.error("data", .missingKey, "missing: expected a [data] table with file, x and y") }
        let data = try v.table(tree["data"], "data")
        try v.checkKeys(data, allowed: ["file", "x", "y", "yDivideBy"], prefix: "data", what: "in [data]")
        func required(_ key: String) throws(ScenarioError) -> String {
            guard let value = data[key] else { throw v.error("data.\(key)", .missingKey, "missing: expected a string") }
            return try v.string(value, "data.\(key)")
        }
        let dataPath = resolve(try required("file"))
        let table = try DataTable.read(path: dataPath)
        let xName = try required("x"), yName = try required("y")
        let xColumn = try table.column(xName, for: "data.x", in: path)
        let yColumn = try table.column(yName, for: "data.y", in: path)
        let divide = try data["yDivideBy"].map { d throws(ScenarioError) in
            try table.column(try v.string(d, "data.yDivideBy"), for: "data.yDivideBy", in: path)
        }
        var filters: [(column: Int, test: (String, Double?) -> Bool)] = []
        if let raw = tree["filters"] {
            guard case .array(let items) = raw else { throw v.error("filters", .wrongType, "expected [[filters]] tables") }
            for (k, item) in items.enumerated() {
                let fp = "filters[\(k)]"
                let f = try v.table(item, fp)
                try v.checkKeys(f, allowed: ["column", "equals", "contains", "from", "to"], prefix: fp, what: "in a filter")
                guard let c = f["column"] else { throw v.error("\(fp).column", .missingKey, "missing: expected a column name") }
                let column = try table.column(try v.string(c, "\(fp).column"), for: "\(fp).column", in: path)
                if let e = f["equals"] {
                    let wanted: String
                    if case .string(let s) = e { wanted = s } else if let n = e.number { wanted = n == n.rounded() ? String(Int(n)) : "\(n)" } else {
                        throw v.error("\(fp).equals", .wrongType, "expected a string or a number")
                    }
                    filters.append((column, { text, _ in text == wanted }))
                }
                if let e = f["contains"] {
                    let part = try v.string(e, "\(fp).contains")
                    filters.append((column, { text, _ in text.contains(part) }))
                }
                if let e = f["from"] {
                    let lo = try v.number(e, "\(fp).from", .finite)
                    filters.append((column, { _, value in (value ?? -.infinity) >= lo }))
                }
                if let e = f["to"] {
                    let hi = try v.number(e, "\(fp).to", .finite)
                    filters.append((column, { _, value in (value ?? .infinity) <= hi }))
                }
            }
        }
        var points: [(x: Double, y: Double, label: String)] = []
        for row in table.rows.indices {
            var keep = true
            for (column, test) in filters {
                let text = column < table.rows[row].count ? table.rows[row][column] : ""
                let value = (try? table.number(row: row, column: column)) ?? nil
                if !test(text, value) { keep = false; break }
            }
            guard keep else { continue }
            guard let x = try table.number(row: row, column: xColumn), var y = try table.number(row: row, column: yColumn) else { continue }
            if let divide {
                guard let d = try table.number(row: row, column: divide), d != 0 else { continue }
                y /= d
            }
            points.append((x, y, table.rows[row].first ?? ""))
        }
        points.sort { $0.x < $1.x }
        guard points.count >= 3 else {
            throw v.error("filters", .outOfRange, "the filters select \(points.count) rows with both x and y in \(dataPath); a fit needs at least 3")
        }

        let kind: Kind
        if kindName == "trend" {
            let trend = try v.table(tree["trend"], "trend")
            try v.checkKeys(trend, allowed: ["form", "referenceYear", "logResiduals"], prefix: "trend", what: "in [trend]")
            guard let f = trend["form"] else { throw v.error("trend.form", .missingKey, "missing: expected exponential, logistic or powerLaw") }
            let formName = try v.string(f, "trend.form")
            guard let form = TrendForm(rawValue: formName) else {
                throw v.error("trend.form", .outOfRange, "unknown form '\(formName)': expected exponential, logistic or powerLaw")
            }
            let reference = try trend["referenceYear"].map { r throws(ScenarioError) in try v.number(r, "trend.referenceYear", .finite) }
            var logResiduals = form.defaultLogResiduals
            if let l = trend["logResiduals"] {
                guard case .bool(let b) = l else { throw v.error("trend.logResiduals", .wrongType, "expected true or false") }
                logResiduals = b
            }
            if logResiduals || form == .powerLaw, let bad = points.first(where: { $0.y <= 0 }) {
                throw v.error("data.y", .outOfRange, "a log fit needs positive y; '\(bad.label)' has \(bad.y)")
            }
            kind = .trend(form, reference: reference, logResiduals: logResiduals)
        } else {
            kind = try modelKind(tree, v, resolve, points.map(\.x))
        }
        var metrics: [String]
        switch kind {
        case .trend(let form, _, _):
            metrics = form.parameterNames + (form == .exponential ? ["growthFactorPerYear", "doublingTimeYears", "doublingTimeDays"] : [])
        case .model(_, let free, _):
            metrics = free.map(\.name)
        }
        metrics += metrics.map { "standardError." + $0 }
        let expect = try ExpectTable.read(tree["expect"], validator: v, metrics: metrics)
        return FitFile(file: path, description: description, kind: kind, x: points.map(\.x), y: points.map(\.y),
                       labels: points.map(\.label), dataFile: dataPath, xName: xName, yName: yName, expect: expect)
    }

    static func modelKind(_ tree: [String: ConfigValue], _ v: ScenarioValidator, _ resolve: (String) -> String,
                          _ xs: [Double]) throws(ScenarioError) -> Kind {
        guard let s = tree["scenario"] else { throw v.error("scenario", .missingKey, "missing: expected the scenario file to fit") }
        let scenario = try ScenarioLoader.load(path: resolve(try v.string(s, "scenario")))
        let lo = min(scenario.inputs.start, scenario.inputs.end), hi = max(scenario.inputs.start, scenario.inputs.end)
        if let outside = xs.first(where: { $0 < lo || $0 > hi }) {
            throw v.error("scenario", .outOfRange, "the data reach \(outside), outside the scenario's span \(lo)-\(hi)")
        }
        let freeTable = try v.table(tree["free"], "free")
        guard !freeTable.isEmpty else { throw v.error("free", .missingKey, "missing: expected [free.<parameter>] tables") }
        var free: [FitParameter] = []
        for name in freeTable.keys.sorted() {
            let path = "free.\(name)"
            guard let info = scenario.model.parameter(name) else {
                throw v.error(path, .unknownKey, "'\(name)' is not a parameter of model '\(scenario.model.id)'; `takeoff models` lists them")
            }
            let t = try v.table(freeTable[name], path)
            try v.checkKeys(t, allowed: ["start", "min", "max"], prefix: path, what: "in a free parameter")
            let start = try t["start"].map { x throws(ScenarioError) in try v.number(x, "\(path).start", info.constraint) }
                ?? scenario.inputs.parameters[name]!
            var lower = try t["min"].map { x throws(ScenarioError) in try v.number(x, "\(path).min", .finite) } ?? -.infinity
            var upper = try t["max"].map { x throws(ScenarioError) in try v.number(x, "\(path).max", .finite) } ?? .infinity
            let admissible = info.constraint.bounds
            lower = max(lower, admissible.lower)
            upper = min(upper, admissible.upper)
            let parameter = FitParameter(name: name, start: start, lower: lower, upper: upper)
            guard parameter.startIsInside else {
                throw v.error(path, .outOfRange, "the start value \(start) is not strictly inside the bounds [\(lower), \(upper)]")
            }
            free.append(parameter)
        }
        guard case .array(let items)? = tree["match"], !items.isEmpty else {
            throw v.error("match", .missingKey, "missing: expected [[match]] tables naming the model's output column")
        }
        let columns = scenario.declaredNames.columns
        var matches: [Match] = []
        for (k, item) in items.enumerated() {
            let path = "match[\(k)]"
            let t = try v.table(item, path)
            try v.checkKeys(t, allowed: ["column", "weight", "log"], prefix: path, what: "in a match")
            guard let c = t["column"] else { throw v.error("\(path).column", .missingKey, "missing: expected a model output column") }
            let column = try v.string(c, "\(path).column")
            guard columns.contains(column) else {
                throw v.error("\(path).column", .outOfRange, "'\(column)' is not an output of '\(scenario.model.id)': expected one of \(columns.joined(separator: ", "))")
            }
            let weight = try t["weight"].map { w throws(ScenarioError) in try v.number(w, "\(path).weight", .positive) } ?? 1
            var log = true
            if let l = t["log"] { guard case .bool(let b) = l else { throw v.error("\(path).log", .wrongType, "expected true or false") }; log = b }
            matches.append(Match(column: column, weight: weight, log: log))
        }
        return .model(scenario: scenario, free: free, matches: matches)
    }
}
