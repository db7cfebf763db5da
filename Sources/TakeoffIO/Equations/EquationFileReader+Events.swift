import TakeoffCore
import TakeoffEquations
import TakeoffModels

extension EquationFileReader {
    /// `name = "expression"` or `{ expr, unit, meaning, hidden }`.
    func readAuxiliaries(_ table: [String: ConfigValue], _ declaration: inout ModelDeclaration)
        throws(ScenarioError) -> [EquationModelDefinition.Auxiliary] {
        var result: [EquationModelDefinition.Auxiliary] = []
        for name in map.order(of: table.keys, in: "auxiliaries") {
            let (text, field, info, t) = try described(table[name]!, "auxiliaries", name, extra: ["hidden"])
            var hidden = false
            if let value = t["hidden"] {
                guard case .bool(let flag) = value else {
                    throw validator.error("auxiliaries.\(name).hidden", .wrongType, "expected true or false, got \(value.typeName)")
                }
                hidden = flag
            }
            declaration.auxiliaries.append((name, text, map.stringLocation(of: name, in: "auxiliaries", field: field)))
            result.append(.init(info, hidden: hidden))
        }
        return result
    }

    /// `name = "expression"` or `{ expr, unit, meaning }` (a metric).
    func readMetrics(_ table: [String: ConfigValue]) throws(ScenarioError)
        -> [(info: MetricInfo, declaration: MetricDeclaration)] {
        try map.order(of: table.keys, in: "metrics").map { name throws(ScenarioError) in
            let (text, field, info, _) = try described(table[name]!, "metrics", name, extra: [])
            return (info, MetricDeclaration(name: name, expr: text, location: map.stringLocation(of: name, in: "metrics", field: field)))
        }
    }

    /// An expression given as a string, or as `{ expr, unit, meaning, … }`: its text, the inline
    /// field holding it, its info and the inline table.
    private func described(_ value: ConfigValue, _ table: String, _ name: String, extra: [String])
        throws(ScenarioError) -> (String, String?, VariableInfo, [String: ConfigValue]) {
        let path = "\(table).\(name)"
        switch value {
        case .string(let text):
            return (text, nil, VariableInfo(name, unit: "1", meaning: ""), [:])
        case .table(let t):
            try validator.checkKeys(t, allowed: ["expr", "unit", "meaning"] + extra, prefix: path, what: "in \(table)")
            guard let expr = t["expr"] else { throw validator.error("\(path).expr", .missingKey, "missing: expected expr = \"…\"") }
            let text = try validator.string(expr, "\(path).expr")
            let info = VariableInfo(name, unit: try optionalString(t, "unit", path) ?? "1",
                                    meaning: try optionalString(t, "meaning", path) ?? "")
            return (text, "expr", info, t)
        default:
            throw validator.error(path, .wrongType, "expected an expression string or { expr = \"…\", unit, meaning }, got \(value.typeName)")
        }
    }

    /// `[events.<name>]`: `when`, `direction`, `action`, `after`, `set = { target = "expression" }`.
    func readEvents(_ table: [String: ConfigValue], _ declaration: inout ModelDeclaration)
        throws(ScenarioError) -> [EquationModelDefinition.EventInfo] {
        var result: [EquationModelDefinition.EventInfo] = []
        for name in map.order(of: table.keys, in: "events") {
            let path = "events.\(name)"
            let t = try validator.table(table[name]!, path)
            try validator.checkKeys(t, allowed: ["when", "direction", "action", "after", "set"], prefix: path, what: "in an event")
            guard let when = t["when"] else {
                throw validator.error("\(path).when", .missingKey, "missing: expected when = \"expression\" whose zero crossing is the event")
            }
            let text = try validator.string(when, "\(path).when")
            declaration.eventConditions.append((name, text, map.stringLocation(of: "when", in: path)))
            let direction = try eventDirection(t["direction"], path)
            let action = try eventAction(t, path)
            for (target, value) in try ordered(t["set"], "\(path).set") {
                let expr = try validator.string(value, "\(path).set.\(target)")
                // Whether `set` is an inline table on the event's line or a [events.x.set] table.
                let location = map.line(of: target, in: "\(path).set") != nil
                    ? map.stringLocation(of: target, in: "\(path).set") : map.stringLocation(of: "set", in: path, field: target)
                if let offset = Array(expr.unicodeScalars).indices.first(where: { expr.unicodeScalars.dropFirst($0).starts(with: "delay(".unicodeScalars) }) {
                    throw ScenarioError(file: validator.file, keyPath: "\(path).set.\(target)", reason: .invalidEquation,
                                        message: ExpressionError(.invalidDelay, "delay(...) is not available in an event's set expressions",
                                                                 source: expr, offset: offset, origin: location).description,
                                        code: ErrorCode.invalidDelay.rawValue)
                }
                declaration.eventAssignments.append((name, target, expr, location))
            }
            if case .terminate = action, !(declaration.eventAssignments.filter { $0.event == name }.isEmpty) {
                throw validator.error("\(path).set", .outOfRange, "an event that terminates the run cannot also set values; use action = \"restart\"")
            }
            result.append(.init(name: name, direction: direction, action: action))
        }
        return result
    }

    private func eventDirection(_ value: ConfigValue?, _ path: String) throws(ScenarioError) -> EventDirection {
        guard let value else { return .either }
        let word = try validator.string(value, "\(path).direction")
        guard let direction = EventDirection(rawValue: word) else {
            throw validator.error("\(path).direction", .outOfRange, "unknown direction '\(word)': expected rising, falling or either")
        }
        return direction
    }

    private func eventAction(_ t: [String: ConfigValue], _ path: String) throws(ScenarioError) -> EquationModelDefinition.Action {
        let word = try t["action"].map { v throws(ScenarioError) in try validator.string(v, "\(path).action") } ?? "record"
        var after = 1
        if let value = t["after"] {
            guard word == "terminate" else {
                throw validator.error("\(path).after", .outOfRange, "'after' counts crossings before a terminate; this event's action is '\(word)'")
            }
            guard case .integer(let n) = value, n >= 1, n <= 1_000_000 else {
                throw validator.error("\(path).after", .outOfRange, "expected an integer from 1 to 1000000, got \(value)")
            }
            after = n
        }
        switch word {
        case "record": return .record
        case "restart": return .restart
        case "terminate": return .terminate(after: after)
        default:
            throw validator.error("\(path).action", .outOfRange, "unknown action '\(word)': expected record, terminate or restart")
        }
    }
}
