import Foundation
import TakeoffCore
import TakeoffModels

/// Reads, overrides and validates scenario files. Resolution order: model defaults, then the
/// file, then each `--set key.path=value` in order (the last one wins).
public enum ScenarioLoader {
    /// Loads the file at `path` and applies `overrides` (`key.path=value` strings).
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ScenarioError(file: path, keyPath: nil, reason: .missingFile, message: "no such file")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ScenarioError(file: path, keyPath: nil, reason: .unreadableFile, message: "is a folder, not a scenario file")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ScenarioError(file: path, keyPath: nil, reason: .unreadableFile, message: "cannot read the file as UTF-8 text")
        }
        return try parse(text: text, file: path, overrides: overrides)
    }

    /// Parses scenario `text` (named `file` in errors) and applies `overrides`.
    public static func parse(text: String, file: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        if text.allSatisfy({ $0.isWhitespace }) {
            throw ScenarioError(file: file, keyPath: nil, reason: .emptyFile,
                                message: "the file is empty; expected at least `model = \"…\"` and a [time] table")
        }
        var tree = try TOMLReader.parse(text, file: file)
        let original = tree
        // An equation model is compiled from the file as written; `--set` changes its
        // parameters and initial values, not its equations.
        let equations = tree["model"] == .string(EquationModelDefinition.modelID)
            ? try EquationFileReader(file: file, text: text).spec(tree) : nil
        var overridden: Set<String> = []
        for override in overrides {
            let (path, value) = try Override.parse(override)
            if equations != nil, EquationFileReader.definitionTables.contains(path[0]) {
                throw ScenarioError(file: "--set", keyPath: path.joined(separator: "."), reason: .invalidOverride,
                                    message: "an equation model's \(path[0]) are edited in the file; --set changes parameters.<name>, initial.<name>, time and solver keys")
            }
            try Override.apply(value, at: path, to: &tree)
            overridden.insert(path.joined(separator: "."))
        }
        if equations != nil { tree = EquationFileReader.plainTree(tree) }
        var validator = ScenarioValidator(file: file, text: text, overridden: overridden)
        validator.equationModel = equations
        var scenario = try validator.validate(tree)
        scenario.overrides = overrides
        if equations != nil { scenario.resolved = EquationFileReader.resolvedTree(scenario.resolved, original: original) }
        return scenario
    }
}

/// `--set key.path=value`: parsing and applying.
enum Override {
    /// Splits `a.b=value`; the value is read as a TOML value (number, string, boolean, array),
    /// or as a bare string when it is not valid TOML (`solver.stepper=msadams`).
    static func parse(_ text: String) throws(ScenarioError) -> ([String], ConfigValue) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ScenarioError(file: "--set", keyPath: text, reason: .invalidOverride,
                                message: "expected key.path=value, e.g. parameters.hardwareDoublingYears=3")
        }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        let raw = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !key.isEmpty, path.allSatisfy({ !$0.isEmpty }), !raw.isEmpty else {
            throw ScenarioError(file: "--set", keyPath: key, reason: .invalidOverride,
                                message: "expected key.path=value with a non-empty key and value")
        }
        if let parsed = try? TOMLReader.parse("v = \(raw)", file: "--set"), let value = parsed["v"] {
            return (path, value)
        }
        return (path, .string(raw))
    }

    static func apply(_ value: ConfigValue, at path: [String], to tree: inout [String: ConfigValue]) throws(ScenarioError) {
        if path.count == 1 {
            tree[path[0]] = value
            return
        }
        var child: [String: ConfigValue]
        switch tree[path[0]] {
        case .table(let t)?: child = t
        case nil: child = [:]
        case let other?:
            throw ScenarioError(file: "--set", keyPath: path.joined(separator: "."), reason: .invalidOverride,
                                message: "'\(path[0])' is \(other.typeName), not a table")
        }
        try apply(value, at: Array(path.dropFirst()), to: &child)
        tree[path[0]] = .table(child)
    }
}
