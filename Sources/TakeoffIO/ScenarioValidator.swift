import Foundation
import TakeoffCore
import TakeoffModels

/// Strict validation of a parsed scenario tree into a ``Scenario``.
///
/// Every key is checked against the schema and the model's tables: an unknown key, a wrong
/// type, a value out of range (NaN and infinities included) is an error naming the key path and
/// what was expected, with the line of the key in the file when it can be found there (keys set
/// by `--set` are reported against `--set`).
struct ScenarioValidator {
    let file: String
    let text: String
    let overridden: Set<String>
    /// The compiled model of an equation model file (`model = "equations"`).
    var equationModel: ModelSpec? = nil

    static let topLevelKeys = ["model", "description", "time", "parameters", "options", "initial", "solver", "events",
                               "report", "uncertainty", "expect"]
    static let solverKeys = ["stepper", "relativeTolerance", "absoluteTolerance", "initialStep", "maxStep", "maxSteps",
                             "eventTimeTolerance", "eventTimeRelativeTolerance", "eventInteriorPoints", "maxSavedPoints", "divergenceThreshold",
                             "timeLimitSeconds"]

    init(file: String, text: String, overridden: Set<String>) {
        self.file = file
        self.text = text
        self.overridden = overridden
    }

    func error(_ path: String, _ reason: ScenarioError.Reason, _ message: String) -> ScenarioError {
        if overridden.contains(path) {
            return ScenarioError(file: "--set", keyPath: path, reason: reason, message: message)
        }
        return ScenarioError(file: file, keyPath: path, line: KeyLocator.line(of: path, in: text), reason: reason,
                             message: message)
    }

    func table(_ value: ConfigValue?, _ path: String) throws(ScenarioError) -> [String: ConfigValue] {
        switch value {
        case nil: return [:]
        case .table(let t)?: return t
        case let other?: throw error(path, .wrongType, "expected a table, got \(other.typeName)")
        }
    }

    func checkKeys(_ table: [String: ConfigValue], allowed: [String], prefix: String, what: String) throws(ScenarioError) {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            let list = allowed.count <= 12 ? ": expected one of \(allowed.joined(separator: ", "))" : "; `takeoff models` lists them"
            throw error(path, .unknownKey, "unknown key '\(key)' \(what)\(list)")
        }
    }

    func number(_ value: ConfigValue, _ path: String, _ constraint: ValueConstraint) throws(ScenarioError) -> Double {
        guard let x = value.number else {
            throw error(path, .wrongType, "expected \(constraint.expectation), got \(value.typeName)")
        }
        guard constraint.admits(x) else {
            throw error(path, .outOfRange, "\(x) is out of range: expected \(constraint.expectation)")
        }
        return x
    }

    func string(_ value: ConfigValue, _ path: String) throws(ScenarioError) -> String {
        guard case .string(let s) = value else { throw error(path, .wrongType, "expected a string, got \(value.typeName)") }
        return s
    }

    func numbers(_ value: ConfigValue, _ path: String, _ constraint: ValueConstraint) throws(ScenarioError) -> [Double] {
        guard case .array(let items) = value else {
            throw error(path, .wrongType, "expected an array of numbers, got \(value.typeName)")
        }
        var out: [Double] = []
        for (i, item) in items.enumerated() { out.append(try number(item, "\(path)[\(i)]", constraint)) }
        return out
    }

    mutating func validate(_ tree: [String: ConfigValue]) throws(ScenarioError) -> Scenario {
        var modelSections: [String] = []
        if case .string(let id)? = tree["model"], let declared = ModelRegistry.model(id)?.sectionNames { modelSections = declared }
        try checkKeys(tree, allowed: Self.topLevelKeys + modelSections, prefix: "", what: "at the top level")
        guard let modelValue = tree["model"] else {
            throw error("model", .missingKey, "missing: expected model = \"<id>\", one of \(ModelRegistry.all.map(\.id).joined(separator: ", "))")
        }
        let modelID = try string(modelValue, "model")
        guard let model = equationModel ?? ModelRegistry.model(modelID) else {
            throw error("model", .unknownModel,
                        "unknown model '\(modelID)': expected one of \(ModelRegistry.all.map(\.id).joined(separator: ", ")), or equations (a model written as equations in the file)")
        }
        let description = try tree["description"].map { v throws(ScenarioError) in try string(v, "description") }
        let uncertainty = try UncertaintyReader(validator: self, model: model).read(tree["uncertainty"])

        // Time.
        guard tree["time"] != nil else { throw error("time", .missingKey, "missing: expected a [time] table with start and end") }
        let time = try table(tree["time"], "time")
        try checkKeys(time, allowed: ["start", "end", "saveEvery"], prefix: "time", what: "in [time]")
        guard let startValue = time["start"] else { throw error("time.start", .missingKey, "missing: expected the start year") }
        guard let endValue = time["end"] else { throw error("time.end", .missingKey, "missing: expected the end year") }
        let start = try number(startValue, "time.start", .finite)
        let end = try number(endValue, "time.end", .finite)
        guard end > start else {
            throw error("time.end", .outOfRange, "\(end) is not after time.start \(start); expected a later year (models run forward in time)")
        }
        let saveEvery = try time["saveEvery"].map { v throws(ScenarioError) in try number(v, "time.saveEvery", .positive) }

        // Parameters: defaults, then the file.
        let parameterTable = try table(tree["parameters"], "parameters")
        try checkKeys(parameterTable, allowed: model.parameters.map(\.name), prefix: "parameters",
                      what: "for model '\(model.id)'")
        var parameters: [String: Double] = [:]
        for info in model.parameters {
            parameters[info.name] = try parameterTable[info.name].map { v throws(ScenarioError) in
                try number(v, "parameters.\(info.name)", info.constraint)
            } ?? info.defaultValue
        }

        // Options: defaults, then the file.
        let optionTable = try table(tree["options"], "options")
        try checkKeys(optionTable, allowed: model.options.map(\.name), prefix: "options", what: "for model '\(model.id)'")
        var options: [String: String] = [:]
        for info in model.options {
            if let value = optionTable[info.name] {
                let path = "options.\(info.name)"
                let chosen = try string(value, path)
                guard info.allowed.contains(chosen) else {
                    throw error(path, .outOfRange, "unknown choice '\(chosen)': expected one of \(info.allowed.joined(separator: ", "))")
                }
                options[info.name] = chosen
            } else {
                options[info.name] = info.defaultValue
            }
        }
        // Event settings.
        let eventTable = try table(tree["events"], "events")
        try checkKeys(eventTable, allowed: model.eventSettings.map(\.name), prefix: "events", what: "for model '\(model.id)'")
        var settings: [String: [Double]] = [:]
        for info in model.eventSettings {
            settings[info.name] = try eventTable[info.name].map { v throws(ScenarioError) in
                try numbers(v, "events.\(info.name)", info.constraint)
            } ?? info.defaultValues
        }

        // Model-specific tables, then the inputs as a whole.
        var sections: [String: ConfigValue] = [:]
        for name in model.sectionNames { sections[name] = tree[name] }
        let draft = ModelInputs(parameters: parameters, initialState: [:], eventSettings: settings, options: options,
                                sections: sections, start: start, end: end)
        let resolvedModel: ResolvedModel
        do throws(ModelInputIssue) {
            resolvedModel = try model.resolve(draft)
        } catch let issue {
            let involved = issue.keyPaths.count > 1 ? " (involves \(issue.keyPaths.joined(separator: ", ")))" : ""
            throw error(issue.keyPaths.first ?? "parameters", .outOfRange, issue.message + involved)
        }

        // Initial state: model defaults given the parameters, then the file.
        let initialTable = try table(tree["initial"], "initial")
        var initial = resolvedModel.defaultInitialState
        let states = resolvedModel.states
        try checkKeys(initialTable, allowed: states.map(\.name), prefix: "initial", what: "(a state of '\(model.id)')")
        var initialOverrides: [String: Double] = [:]
        for (key, value) in initialTable { initialOverrides[key] = try number(value, "initial.\(key)", .finite) }
        initial.merge(initialOverrides) { $1 }

        let solver = try solverOptions(try table(tree["solver"], "solver"), dimension: states.count, saveEvery: saveEvery)
        try ResourceLimits.checkRows(span: end - start, saveEvery: saveEvery, limit: solver.maxSavedPoints,
                                     dimension: states.count).mapError { error($0.path, .outOfRange, $0.message) }.get()

        // Report filters.
        let report = try table(tree["report"], "report")
        try checkKeys(report, allowed: ["events", "metrics"], prefix: "report", what: "in [report]")
        let reportedEvents = try report["events"].map { v throws(ScenarioError) in try strings(v, "report.events") }
        let reportedMetrics = try report["metrics"].map { v throws(ScenarioError) in try strings(v, "report.metrics") }
        if let reportedMetrics {
            for (i, name) in reportedMetrics.enumerated() where resolvedModel.metric(name) == nil {
                throw error("report.metrics[\(i)]", .outOfRange,
                            "unknown metric '\(name)': expected one of \(resolvedModel.metrics.map(\.name).joined(separator: ", "))")
            }
        }

        let inputs = ModelInputs(parameters: parameters, initialState: initial, eventSettings: settings, options: options,
                                 sections: sections, start: start, end: end)
        var resolved = tree
        resolved["parameters"] = .table(parameters.mapValues { .double($0) })
        resolved["initial"] = .table(initial.mapValues { .double($0) })
        resolved["events"] = .table(settings.mapValues { .array($0.map { .double($0) }) })
        if !options.isEmpty { resolved["options"] = .table(options.mapValues { .string($0) }) }
        resolved["solver"] = .table(SolverOptionsCoding.table(solver))
        let expect = try ExpectTable.read(tree["expect"], validator: self, metrics: resolvedModel.metrics.map(\.name))
        return Scenario(file: file, model: model, resolvedModel: resolvedModel.with(initialState: initial), description: description, inputs: inputs, solver: solver,
                        reportedEvents: reportedEvents, reportedMetrics: reportedMetrics, overrides: [], resolved: resolved,
                        initialOverrides: initialOverrides, uncertainty: uncertainty, expect: expect)
    }

    func strings(_ value: ConfigValue, _ path: String) throws(ScenarioError) -> [String] {
        guard case .array(let items) = value else { throw error(path, .wrongType, "expected an array of strings, got \(value.typeName)") }
        var out: [String] = []
        for (i, item) in items.enumerated() { out.append(try string(item, "\(path)[\(i)]")) }
        return out
    }

    func solverOptions(_ t: [String: ConfigValue], dimension: Int, saveEvery: Double?) throws(ScenarioError) -> SolverOptions {
        try checkKeys(t, allowed: Self.solverKeys, prefix: "solver", what: "in [solver]")
        var options = SolverOptions()
        if let v = t["stepper"] {
            let name = try string(v, "solver.stepper")
            guard let stepper = Stepper(rawValue: name) else {
                throw error("solver.stepper", .outOfRange,
                            "unknown stepper '\(name)': expected one of \(Stepper.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            options.stepper = stepper
        }
        for key in ["relativeTolerance", "absoluteTolerance"] {
            guard let v = t[key] else { continue }
            let path = "solver.\(key)"
            let tolerance: Tolerance
            if case .array = v {
                let values = try numbers(v, path, .positive)
                guard values.count == dimension else {
                    throw error(path, .outOfRange, "has \(values.count) values; expected one number or \(dimension) (one per state)")
                }
                tolerance = .perComponent(values)
            } else {
                tolerance = .scalar(try number(v, path, .positive))
            }
            if key == "relativeTolerance" { options.relativeTolerance = tolerance } else { options.absoluteTolerance = tolerance }
        }
        if let v = t["initialStep"] { options.initialStep = try number(v, "solver.initialStep", .positive) }
        if let v = t["maxStep"] { options.maxStep = try number(v, "solver.maxStep", .positive) }
        if let v = t["eventTimeTolerance"] { options.eventTimeTolerance = try number(v, "solver.eventTimeTolerance", .positive) }
        if let v = t["divergenceThreshold"] { options.divergenceThreshold = try number(v, "solver.divergenceThreshold", .positive) }
        if let v = t["timeLimitSeconds"] { options.timeLimitSeconds = try number(v, "solver.timeLimitSeconds", .positive) }
        if let v = t["eventTimeRelativeTolerance"] {
            let r = try number(v, "solver.eventTimeRelativeTolerance", .nonNegative)
            guard r < 1 else { throw error("solver.eventTimeRelativeTolerance", .outOfRange, "\(r) is out of range: expected a number in [0, 1)") }
            options.eventTimeRelativeTolerance = r
        }
        if let v = t["eventInteriorPoints"] {
            guard case .integer(let m) = v else {
                throw error("solver.eventInteriorPoints", .wrongType, "expected an integer from 0 to 1000, got \(v.typeName)")
            }
            guard (0...1000).contains(m) else {
                throw error("solver.eventInteriorPoints", .outOfRange, "\(m) is out of range: expected an integer from 0 to 1000")
            }
            options.eventInteriorPoints = m
        }
        if let v = t["maxSteps"] {
            guard case .integer(let n) = v else {
                throw error("solver.maxSteps", .wrongType, "expected a positive integer, got \(v.typeName)")
            }
            guard n >= 1 else { throw error("solver.maxSteps", .outOfRange, "\(n) is out of range: expected an integer ≥ 1") }
            options.maxSteps = n
        }
        if let v = t["maxSavedPoints"] {
            guard case .integer(let m) = v, m >= 1 else {
                throw error("solver.maxSavedPoints", .wrongType, "expected a positive integer, got \(v)")
            }
            options.maxSavedPoints = m
        }
        if let saveEvery { options.save = .every(saveEvery) }
        return options
    }
}

/// Finds the line of a key path in TOML text (for messages): the line `key = …` under the
/// table header `[a.b]`, or a dotted `a.key = …` at the top. `nil` when it is not there.
enum KeyLocator {
    static func line(of path: String, in text: String) -> Int? {
        var parts = path.split(separator: ".").map(String.init)
        if let last = parts.last, let bracket = last.firstIndex(of: "[") { parts[parts.count - 1] = String(last[..<bracket]) }
        guard let key = parts.last else { return nil }
        let table = parts.dropLast().joined(separator: ".")
        var current = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t")).components(separatedBy: "#")[0]
                    .trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                if current == path { return index + 1 }
                continue
            }
            let name = line.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard line.contains("=") else { continue }
            if current == table && name == key { return index + 1 }
            if current.isEmpty && name == path { return index + 1 }
        }
        return nil
    }
}
