import TakeoffCore

/// A model's typed parameter struct: every field that a scenario sets has its default as the
/// property's initial value, so `init()` is the model's default parameters.
public protocol ModelParameters: Sendable {
    init()
}

/// One parameter, declared once: the property it sets (by key path), its unit, constraint,
/// meaning and source. The name (scenario key, `--set parameters.<name>` path, CSV column of a
/// study, name in `takeoff models`) *is* the property's name, read from the key path; the
/// default is the property's initial value in `P()`.
public struct Parameter<P: ModelParameters>: @unchecked Sendable {
    // Key paths are immutable values; `WritableKeyPath` is not marked `Sendable` in the standard
    // library, hence the unchecked conformance.
    public let info: ParameterInfo
    let keyPath: WritableKeyPath<P, Double>

    /// Declares the parameter that `keyPath` sets.
    public init(_ keyPath: WritableKeyPath<P, Double>, unit: String, constraint: ValueConstraint,
                meaning: String, source: String) {
        self.keyPath = keyPath
        info = ParameterInfo(Self.name(of: keyPath), P()[keyPath: keyPath], unit: unit, constraint: constraint,
                             meaning: meaning, source: source)
    }

    init(info: ParameterInfo, keyPath: WritableKeyPath<P, Double>) {
        self.info = info
        self.keyPath = keyPath
    }

    public var name: String { info.name }

    /// The same parameter of a struct that holds `P` at `path` (the feedback model's compute
    /// growth), with its default taken from `Q()`.
    public func lifted<Q: ModelParameters>(_ path: WritableKeyPath<Q, P>) -> Parameter<Q> {
        let full = path.appending(path: keyPath)
        var info = info
        info.defaultValue = Q()[keyPath: full]
        return Parameter<Q>(info: info, keyPath: full)
    }

    /// The same parameter with another meaning (where an embedding model uses it differently).
    public func with(meaning: String) -> Parameter {
        var info = info
        info.meaning = meaning
        return Parameter(info: info, keyPath: keyPath)
    }

    /// The property name a key path ends in (`\Parameters.compute.utilization` → `utilization`).
    static func name(of keyPath: AnyKeyPath) -> String {
        let text = String(describing: keyPath)
        return String(text[(text.lastIndex(of: ".").map { text.index(after: $0) } ?? text.startIndex)...])
    }
}

extension Array {
    /// The typed parameters with `values` set by name (an absent name keeps its default).
    public func make<P>(_ values: [String: Double]) -> P where Element == Parameter<P> {
        var p = P()
        for parameter in self { if let v = values[parameter.name] { p[keyPath: parameter.keyPath] = v } }
        return p
    }

    /// The declarations (`takeoff models`, validation).
    public func infos<P>() -> [ParameterInfo] where Element == Parameter<P> { map(\.info) }
}
