import Foundation
import TakeoffCore
import TakeoffEquations
import TakeoffModels

/// Reads the tables of an equation model file (`model = "equations"`) into an
/// ``EquationModelDefinition`` and compiles it. `Models/README.md`, "Equation models", is the
/// format. Table errors are ``ScenarioError``s naming the key path and line; expression errors
/// carry the expression's file, line and column with a caret and a stable code (E101–E112).
struct EquationFileReader {
    /// The tables that define an equation model (they cannot be changed with `--set`).
    static let definitionTables = ["states", "derivatives", "auxiliaries", "events", "metrics"]

    let validator: ScenarioValidator
    let map: TOMLSourceMap

    init(file: String, text: String) {
        validator = ScenarioValidator(file: file, text: text, overridden: [])
        map = TOMLSourceMap(text: text, file: file)
    }

    /// The compiled model of `tree` (the file as written, before `--set`).
    func spec(_ tree: [String: ConfigValue]) throws(ScenarioError) -> ModelSpec {
        let definition = try read(tree)
        do throws(ExpressionError) {
            return try EquationModel.spec(definition)
        } catch let issue {
            throw ScenarioError(file: validator.file, keyPath: nil, reason: .invalidEquation, message: issue.description,
                                code: issue.code.rawValue)
        }
    }

    func read(_ tree: [String: ConfigValue]) throws(ScenarioError) -> EquationModelDefinition {
        var declaration = ModelDeclaration(file: validator.file)
        let summary = (try? tree["description"].map { v throws(ScenarioError) in try validator.string(v, "description") }) ?? nil
        let parameters = try readParameters(try validator.table(tree["parameters"], "parameters"), &declaration)
        let states = try readStates(try validator.table(tree["states"], "states"), &declaration)
        for (key, value) in try ordered(tree["derivatives"], "derivatives") {
            let text = try validator.string(value, "derivatives.\(key)")
            declaration.derivatives.append((key, text, map.stringLocation(of: key, in: "derivatives")))
        }
        let auxiliaries = try readAuxiliaries(try validator.table(tree["auxiliaries"], "auxiliaries"), &declaration)
        let events = try readEvents(try validator.table(tree["events"], "events"), &declaration)
        let metrics = try readMetrics(try validator.table(tree["metrics"], "metrics"))
        return EquationModelDefinition(summary: summary ?? "an equation model (\(validator.file))", declaration: declaration,
                                       parameters: parameters, states: states, auxiliaries: auxiliaries, events: events,
                                       metrics: metrics)
    }

    /// A table's entries in file order.
    func ordered(_ value: ConfigValue?, _ path: String) throws(ScenarioError) -> [(String, ConfigValue)] {
        let table = try validator.table(value, path)
        return map.order(of: table.keys, in: path).map { ($0, table[$0]!) }
    }

    /// A field that is a string, if present.
    func optionalString(_ t: [String: ConfigValue], _ key: String, _ path: String) throws(ScenarioError) -> String? {
        try t[key].map { v throws(ScenarioError) in try validator.string(v, "\(path).\(key)") }
    }

    /// `name = number` or `name = { value, unit, meaning, source, min, max }`.
    func readParameters(_ table: [String: ConfigValue], _ declaration: inout ModelDeclaration)
        throws(ScenarioError) -> [ParameterInfo] {
        var infos: [ParameterInfo] = []
        for name in map.order(of: table.keys, in: "parameters") {
            let path = "parameters.\(name)"
            declaration.parameters.append(name)
            declaration.nameLocations[name] = SourceLocation(file: validator.file, line: map.line(of: name, in: "parameters") ?? 1, column: 1)
            guard case .table(let t) = table[name]! else {
                let value = try validator.number(table[name]!, path, .finite)
                infos.append(ParameterInfo(name, value, unit: "1", constraint: .finite, meaning: "", source: ""))
                continue
            }
            try validator.checkKeys(t, allowed: ["value", "unit", "meaning", "source", "min", "max"], prefix: path,
                                    what: "in a parameter")
            guard let raw = t["value"] else { throw validator.error("\(path).value", .missingKey, "missing: expected the parameter's value") }
            let lower = try t["min"].map { v throws(ScenarioError) in try validator.number(v, "\(path).min", .finite) } ?? -.infinity
            let upper = try t["max"].map { v throws(ScenarioError) in try validator.number(v, "\(path).max", .finite) } ?? .infinity
            guard lower <= upper else { throw validator.error("\(path).max", .outOfRange, "\(upper) is below min \(lower)") }
            let constraint: ValueConstraint = lower == -.infinity && upper == .infinity ? .finite : .interval(lower: lower, upper: upper)
            let value = try validator.number(raw, "\(path).value", constraint)
            infos.append(ParameterInfo(name, value, unit: try optionalString(t, "unit", path) ?? "1", constraint: constraint,
                                       meaning: try optionalString(t, "meaning", path) ?? "",
                                       source: try optionalString(t, "source", path) ?? ""))
        }
        return infos
    }

    /// `name = number | "expression" | { initial, unit, meaning }`.
    func readStates(_ table: [String: ConfigValue], _ declaration: inout ModelDeclaration)
        throws(ScenarioError) -> [VariableInfo] {
        var infos: [VariableInfo] = []
        for name in map.order(of: table.keys, in: "states") {
            let path = "states.\(name)"
            declaration.states.append(name)
            declaration.nameLocations[name] = SourceLocation(file: validator.file, line: map.line(of: name, in: "states") ?? 1, column: 1)
            var initial = table[name]!
            var field: String? = nil
            var info = VariableInfo(name, unit: "1", meaning: "")
            if case .table(let t) = initial {
                try validator.checkKeys(t, allowed: ["initial", "unit", "meaning"], prefix: path, what: "in a state")
                guard let value = t["initial"] else { throw validator.error("\(path).initial", .missingKey, "missing: expected the initial value") }
                initial = value
                field = "initial"
                info.unit = try optionalString(t, "unit", path) ?? "1"
                info.meaning = try optionalString(t, "meaning", path) ?? ""
            }
            let fullPath = field.map { "\(path).\($0)" } ?? path
            switch initial {
            case .string(let text):
                declaration.initialValues.append((name, text, map.stringLocation(of: name, in: "states", field: field)))
            default:
                let value = try validator.number(initial, fullPath, .finite)
                declaration.initialValues.append((name, "\(value)", map.stringLocation(of: name, in: "states", field: field)))
            }
            infos.append(info)
        }
        return infos
    }
}

extension EquationFileReader {
    /// The scenario tree without the definition tables and with each parameter a plain number
    /// (the declared value, or the `--set` value), as the common validation reads it.
    static func plainTree(_ tree: [String: ConfigValue]) -> [String: ConfigValue] {
        var plain = tree
        for name in definitionTables { plain[name] = nil }
        if case .table(let parameters)? = tree["parameters"] {
            plain["parameters"] = .table(parameters.mapValues { value in
                if case .table(let t) = value, let number = t["value"] { return number }
                return value
            })
        }
        return plain
    }

    /// The resolved scenario (metadata, `--resolved`) with the definition tables of the file and
    /// each declared parameter's value replaced by the resolved one: `takeoff run` reads it back
    /// as the same model.
    static func resolvedTree(_ resolved: [String: ConfigValue], original: [String: ConfigValue]) -> [String: ConfigValue] {
        var tree = resolved
        for name in definitionTables { tree[name] = original[name] }
        guard case .table(let values)? = resolved["parameters"], case .table(let declared)? = original["parameters"] else { return tree }
        var parameters: [String: ConfigValue] = [:]
        for (name, value) in values {
            if case .table(var t)? = declared[name] {
                t["value"] = value
                parameters[name] = .table(t)
            } else {
                parameters[name] = value
            }
        }
        tree["parameters"] = .table(parameters)
        return tree
    }
}

/// An equation model file read without a scenario: its model's definition (tables checked,
/// expressions not yet compiled), for tools that describe or time the compilation.
public enum EquationModelFile {
    public static func definition(text: String, file: String) throws(ScenarioError) -> EquationModelDefinition {
        let tree = try TOMLReader.parse(text, file: file)
        return try EquationFileReader(file: file, text: text).read(tree)
    }
}
