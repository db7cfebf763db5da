import Foundation

/// An actor of the regulation model: a lab, a group of labs, or a state.
public struct RegulationActor: Sendable, Equatable {
    /// Name from `[actors.<name>]`; prefixes its CSV columns and metrics.
    public var name: String
    /// Share of the world's resources (start-year effective compute) [fraction].
    public var share: Double
    /// How its effective compute grows.
    public var growth: Growth

    public enum Growth: Sendable, Equatable {
        /// d ln E/dt = ln G + γ·(t − t₀): a growth factor G per year, optionally accelerating
        /// by γ per year per year.
        case exogenous(growthPerYear: Double, accelerationPerYear: Double)
        /// The compute-growth model's world hardware and published software trend.
        case computeGrowth
        /// World hardware, with software driven by the actor's own AI research (the feedback
        /// model's equations).
        case feedback
    }
}

/// A restriction on some actors over a time window.
public struct Restriction: Sendable, Equatable {
    public var name: String
    /// Indices of the covered actors.
    public var actors: [Int]
    public var start: Double
    /// End of the window; `nil`: no end.
    public var end: Double?
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// Divides effective compute by R(t) = max(1, 10^strengthOOM·e^(−δ(t − t₀))).
        case level(strengthOOM: Double, decayRatePerYear: Double)
        /// Subtracts ρ(t) = ρ₀·e^(−δ(t − t₀)) from the growth rate of ln E.
        case rate(dragPerYear: Double, decayRatePerYear: Double)
        /// Caps the effective compute usable for the frontier model at cap·g^(t − t₀).
        case cap(level: Double, growthPerYear: Double)
    }

    /// Whether the restriction acts at `t`.
    public func isActive(at t: Double) -> Bool { t >= start && (end.map { t < $0 } ?? true) }
}

/// Theft of one actor's model weights by another.
public struct Theft: Sendable, Equatable {
    public var thief: Int
    public var victim: Int
    public var startYear: Double
    public var effortMonths: Double
    public var handicapOOM: Double
    /// When the theft completes.
    public var completionYear: Double { startYear + effortMonths / 12 }
}

/// Reading `[actors.*]`, `[restrictions.*]` and `[theft]` with key-path errors.
enum RegulationInputReader {
    static func issue(_ path: String, _ message: String) -> ModelInputIssue {
        ModelInputIssue(keyPaths: [path], message: message)
    }

    static func table(_ value: ConfigValue?, _ path: String) throws(ModelInputIssue) -> [String: ConfigValue] {
        switch value {
        case nil: return [:]
        case .table(let t)?: return t
        case let other?: throw issue(path, "expected a table, got \(other.typeName)")
        }
    }

    static func checkKeys(_ t: [String: ConfigValue], _ allowed: [String], _ path: String) throws(ModelInputIssue) {
        for key in t.keys.sorted() where !allowed.contains(key) {
            throw issue("\(path).\(key)", "unknown key '\(key)': expected one of \(allowed.joined(separator: ", "))")
        }
    }

    static func number(_ t: [String: ConfigValue], _ key: String, _ path: String, default value: Double? = nil,
                       _ admits: (Double) -> Bool, _ expected: String) throws(ModelInputIssue) -> Double {
        guard let raw = t[key] else {
            if let value { return value }
            throw issue("\(path).\(key)", "missing: expected \(expected)")
        }
        guard let x = raw.number else { throw issue("\(path).\(key)", "expected \(expected), got \(raw.typeName)") }
        guard x.isFinite, admits(x) else { throw issue("\(path).\(key)", "\(x) is out of range: expected \(expected)") }
        return x
    }

    static func string(_ t: [String: ConfigValue], _ key: String, _ path: String, default value: String? = nil,
                       allowed: [String]? = nil) throws(ModelInputIssue) -> String {
        guard let raw = t[key] else {
            if let value { return value }
            throw issue("\(path).\(key)", "missing: expected a string")
        }
        guard case .string(let s) = raw else { throw issue("\(path).\(key)", "expected a string, got \(raw.typeName)") }
        if let allowed, !allowed.contains(s) {
            throw issue("\(path).\(key)", "unknown choice '\(s)': expected one of \(allowed.joined(separator: ", "))")
        }
        return s
    }

    static func actors(_ sections: [String: ConfigValue]) throws(ModelInputIssue) -> [RegulationActor] {
        let t = try table(sections["actors"], "actors")
        guard !t.isEmpty else { throw issue("actors", "missing: expected at least one [actors.<name>] table") }
        var out: [RegulationActor] = []
        for name in t.keys.sorted() {
            let path = "actors.\(name)"
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw issue(path, "actor names may hold letters, digits, '_' and '-' only (they become CSV column prefixes)")
            }
            let a = try table(t[name], path)
            try checkKeys(a, ["share", "growth", "growthPerYear", "accelerationPerYear"], path)
            let share = try number(a, "share", path, { $0 > 0 && $0 <= 1 }, "a share in (0, 1]")
            let kind = try string(a, "growth", path, default: "exogenous", allowed: ["exogenous", "compute-growth", "feedback"])
            let growth: RegulationActor.Growth
            switch kind {
            case "exogenous":
                growth = .exogenous(
                    growthPerYear: try number(a, "growthPerYear", path, { $0 > 0 }, "a growth factor per year > 0"),
                    accelerationPerYear: try number(a, "accelerationPerYear", path, default: 0, { _ in true }, "a finite number"))
            case "compute-growth": growth = .computeGrowth
            default: growth = .feedback
            }
            if kind != "exogenous", a["growthPerYear"] != nil || a["accelerationPerYear"] != nil {
                throw issue("\(path).growthPerYear", "growthPerYear and accelerationPerYear apply only to growth = \"exogenous\"")
            }
            out.append(RegulationActor(name: name, share: share, growth: growth))
        }
        let total = out.reduce(0) { $0 + $1.share }
        if total > 1 + 1e-12 {
            throw ModelInputIssue(keyPaths: out.map { "actors.\($0.name).share" },
                                  message: "shares sum to \(total); expected at most 1")
        }
        return out
    }

    static func restrictions(_ sections: [String: ConfigValue], actors: [RegulationActor], start: Double) throws(ModelInputIssue) -> [Restriction] {
        let t = try table(sections["restrictions"], "restrictions")
        var out: [Restriction] = []
        for name in t.keys.sorted() {
            let path = "restrictions.\(name)"
            let r = try table(t[name], path)
            let kind = try string(r, "kind", path, allowed: ["level", "rate", "cap"])
            var allowed = ["actors", "start", "end", "kind"]
            switch kind {
            case "level": allowed += ["strengthOOM", "decayRatePerYear"]
            case "rate": allowed += ["dragPerYear", "decayRatePerYear"]
            default: allowed += ["capLevel", "capGrowthPerYear"]
            }
            try checkKeys(r, allowed, path)
            guard case .array(let names)? = r["actors"] else {
                throw issue("\(path).actors", "expected an array of actor names")
            }
            var covered: [Int] = []
            for (i, value) in names.enumerated() {
                guard case .string(let actor) = value, let index = actors.firstIndex(where: { $0.name == actor }) else {
                    throw issue("\(path).actors[\(i)]", "unknown actor \(value): expected one of \(actors.map(\.name).joined(separator: ", "))")
                }
                covered.append(index)
            }
            let from = try number(r, "start", path, { _ in true }, "a year")
            let end: Double? = r["end"] == nil ? nil : try number(r, "end", path, { $0 > from }, "a year after start")
            let restriction: Restriction.Kind
            switch kind {
            case "level":
                restriction = .level(strengthOOM: try number(r, "strengthOOM", path, { $0 >= 0 }, "orders of magnitude ≥ 0"),
                                     decayRatePerYear: try number(r, "decayRatePerYear", path, default: 0, { $0 >= 0 }, "a rate ≥ 0 per year"))
            case "rate":
                restriction = .rate(dragPerYear: try number(r, "dragPerYear", path, { $0 >= 0 }, "a drag ≥ 0 per year"),
                                    decayRatePerYear: try number(r, "decayRatePerYear", path, default: 0, { $0 >= 0 }, "a rate ≥ 0 per year"))
            default:
                restriction = .cap(level: try number(r, "capLevel", path, { $0 > 0 }, "effective FLOP > 0"),
                                   growthPerYear: try number(r, "capGrowthPerYear", path, default: 1, { $0 > 0 }, "a growth factor per year > 0"))
            }
            out.append(Restriction(name: name, actors: covered, start: from, end: end, kind: restriction))
        }
        return out
    }

    static func theft(_ sections: [String: ConfigValue], actors: [RegulationActor], start: Double, end: Double) throws(ModelInputIssue) -> Theft? {
        guard sections["theft"] != nil else { return nil }
        let t = try table(sections["theft"], "theft")
        try checkKeys(t, ["thief", "victim", "startYear", "effortMonths", "handicapOOM"], "theft")
        func actor(_ key: String) throws(ModelInputIssue) -> Int {
            let name = try string(t, key, "theft")
            guard let index = actors.firstIndex(where: { $0.name == name }) else {
                throw issue("theft.\(key)", "unknown actor '\(name)': expected one of \(actors.map(\.name).joined(separator: ", "))")
            }
            return index
        }
        let thief = try actor("thief"), victim = try actor("victim")
        guard thief != victim else { throw ModelInputIssue(keyPaths: ["theft.thief", "theft.victim"], message: "the thief and the victim are the same actor") }
        let theft = Theft(thief: thief, victim: victim,
                          startYear: try number(t, "startYear", "theft", { _ in true }, "a year"),
                          effortMonths: try number(t, "effortMonths", "theft", { $0 >= 0 }, "months ≥ 0"),
                          handicapOOM: try number(t, "handicapOOM", "theft", default: 0, { $0 >= 0 }, "orders of magnitude ≥ 0"))
        let (lo, hi) = (min(start, end), max(start, end))
        guard theft.startYear >= lo, theft.completionYear <= hi else {
            throw ModelInputIssue(keyPaths: ["theft.startYear", "theft.effortMonths"],
                                  message: "the theft (\(theft.startYear) + \(theft.effortMonths) months) must start and complete within the time span \(start)-\(end)")
        }
        return theft
    }
}
