import Foundation
import TakeoffModels

/// The built-in models, or the models of given scenario files (an equation model's is the
/// file's), as text and JSON (`takeoff models [FILE…]`).
public enum ModelCatalog {
    public static var text: String { text(ModelRegistry.all) }
    public static var json: String { json(ModelRegistry.all) }

    public static func text(_ specs: [ModelSpec]) -> String {
        var lines: [String] = []
        for model in specs {
            lines.append("\(model.id): \(model.summary)")
            lines.append("  parameters (scenario [parameters], --set parameters.<name>=…):")
            for p in model.parameters {
                lines.append("    \(p.name) = \(CSVWriter.number(p.defaultValue)) [\(p.unit)]: \(p.meaning)")
                lines.append("        source: \(p.source)")
            }
            for o in model.options {
                lines.append("    options.\(o.name) = \"\(o.defaultValue)\" (\(o.allowed.joined(separator: " | "))): \(o.meaning)")
            }
            lines.append("  states ([initial]): " + model.states.map { "\($0.name) [\($0.unit)]" }.joined(separator: ", "))
            lines.append("  observables: " + model.observables.map { "\($0.name) [\($0.unit)]" }.joined(separator: ", "))
            for e in model.eventSettings {
                lines.append("  events.\(e.name) = \(e.defaultValues.map(CSVWriter.number)) [\(e.unit)]: \(e.meaning)")
            }
            lines.append("  metrics: " + model.metrics.map { "\($0.name) [\($0.unit)]" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ specs: [ModelSpec]) -> String {
        let models: [[String: Any]] = specs.map { model in
            [
                "id": model.id, "summary": model.summary,
                "parameters": model.parameters.map {
                    ["name": $0.name, "default": $0.defaultValue, "unit": $0.unit, "meaning": $0.meaning,
                     "constraint": $0.constraint.name, "source": $0.source] as [String: Any]
                },
                "states": model.states.map { ["name": $0.name, "unit": $0.unit, "meaning": $0.meaning] },
                "observables": model.observables.map { ["name": $0.name, "unit": $0.unit, "meaning": $0.meaning] },
                "eventSettings": model.eventSettings.map {
                    ["name": $0.name, "default": $0.defaultValues, "unit": $0.unit, "meaning": $0.meaning] as [String: Any]
                },
                "metrics": model.metrics.map { ["name": $0.name, "unit": $0.unit, "meaning": $0.meaning] },
                "options": model.options.map {
                    ["name": $0.name, "default": $0.defaultValue, "allowed": $0.allowed, "meaning": $0.meaning] as [String: Any]
                },
            ]
        }
        return RunReport.serialize(["models": models], pretty: true)
    }
}
