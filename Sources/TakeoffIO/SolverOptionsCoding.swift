import TakeoffCore
import TakeoffModels

/// Solver options as a scenario table (for the resolved scenario in metadata).
enum SolverOptionsCoding {
    static func table(_ o: SolverOptions) -> [String: ConfigValue] {
        func tolerance(_ t: Tolerance) -> ConfigValue {
            switch t {
            case .scalar(let v): return .double(v)
            case .perComponent(let v): return .array(v.map { .double($0) })
            }
        }
        var out: [String: ConfigValue] = [
            "stepper": .string(o.stepper.rawValue),
            "relativeTolerance": tolerance(o.relativeTolerance),
            "absoluteTolerance": tolerance(o.absoluteTolerance),
            "maxSteps": .integer(o.maxSteps),
            "maxSavedPoints": .integer(o.maxSavedPoints),
            "eventTimeTolerance": .double(o.eventTimeTolerance),
            "eventTimeRelativeTolerance": .double(o.eventTimeRelativeTolerance),
            "eventInteriorPoints": .integer(o.eventInteriorPoints),
            "divergenceThreshold": .double(o.divergenceThreshold),
            "timeLimitSeconds": .double(o.timeLimitSeconds),
        ]
        if let h = o.initialStep { out["initialStep"] = .double(h) }
        if let h = o.maxStep { out["maxStep"] = .double(h) }
        return out
    }
}
