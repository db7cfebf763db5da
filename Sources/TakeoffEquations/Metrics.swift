/// A metric as declared: a name and an expression in the metric language, located at its first
/// character.
///
/// The metric language is the expression language over run-level values:
/// - an event's name is the time of its first crossing (null if it never crossed);
/// - `q@event`, `q@start`, `q@end`, `q@max`, `q@min`: the value of `q` (a name or a parenthesised
///   expression of `t`, states, parameters and auxiliaries) at the event's first crossing, at the
///   start, at the end, or its largest or smallest value over the saved rows, the located events
///   and the end;
/// - `singularity`: the blow-up time of a run that ends in a finite-time singularity (null otherwise);
/// - parameters (their scenario values) and the other metrics (in any order; a cycle is E104).
///
/// Null propagates: a metric that reads a null value is null, whatever the branch of an `if`; a
/// non-finite result is null too (as the built-in models report an undefined metric).
public struct MetricDeclaration: Sendable {
    public var name: String
    public var expr: String
    public var location: SourceLocation

    public init(name: String, expr: String, location: SourceLocation) {
        self.name = name
        self.expr = expr
        self.location = location
    }
}

/// Where a metric term reads the model.
public enum MetricPoint: Sendable, Equatable {
    /// At the first crossing of event `k` (an index into ``CompiledModel/eventNames``).
    case event(Int)
    case start, end, maximum, minimum

    /// The names after `@` that are not events.
    public static let reservedNames = ["start", "end", "max", "min"]
}

/// One `q@point` of a metric: the expression over the model's scope and where to read it.
public struct MetricTerm: Sendable {
    /// Over `t`, the states, the parameters and the auxiliaries (declaration order).
    public let expression: CompiledExpression
    public let point: MetricPoint
}

/// The compiled metrics of an equation model.
///
/// Outer slots (auxiliary inputs of each metric's program): the event times, then the blow-up
/// time, then the metrics, then the terms.
public struct CompiledMetrics: Sendable {
    public let names: [String]
    /// Every `q@point` of every metric; the caller evaluates them on the run (``evaluate``).
    public let terms: [MetricTerm]
    let eventCount: Int
    let programs: [CompiledExpression]
    /// Outer slots each metric reads (a null among them makes it null).
    let reads: [[Int]]
    let order: [Int]

    var metricBase: Int { eventCount + 1 }
    var termBase: Int { eventCount + 1 + names.count }

    /// Every metric, in declaration order, from the run's values: `eventTimes[k]` for event `k`
    /// of the model (nil: not crossed), the blow-up time, and `termValues[i]` for ``terms``[i].
    public func evaluate(parameters: [Double], eventTimes: [Double?], singularity: Double?,
                         termValues: [Double?]) -> [Double?] {
        precondition(eventTimes.count == eventCount && termValues.count == terms.count, "metric inputs do not match")
        var slots: [Double?] = eventTimes + [singularity] + Array(repeating: nil, count: names.count) + termValues
        for m in order {
            guard reads[m].allSatisfy({ slots[$0] != nil }) else { continue }
            let inputs = slots.map { $0 ?? .nan }
            let value = programs[m].evaluate(parameters: parameters, auxiliaries: inputs)
            slots[metricBase + m] = value.isFinite ? value : nil
        }
        return Array(slots[metricBase..<termBase])
    }
}

extension EquationCompiler {
    /// Compiles the metrics of `model` (E101–E104, E107, E108 and E110 as for model expressions;
    /// a bare state, auxiliary or `t` is E102 with the advice to read it at a point).
    public static func compileMetrics(_ metrics: [MetricDeclaration], model: CompiledModel)
        throws(ExpressionError) -> CompiledMetrics {
        let events = model.eventNames
        let reserved = MetricPoint.reservedNames + ["singularity"]
        for metric in metrics {
            if reserved.contains(metric.name) || events.contains(metric.name) || model.parameterNames.contains(metric.name)
                || Builtin.reservedNames.contains(metric.name) || !Lexer.isIdentifier(metric.name) {
                let what = Lexer.isIdentifier(metric.name) ? "is already a name (an event, a parameter or a builtin)"
                    : "is not a valid name; use letters, digits and '_'"
                throw ExpressionError(.duplicateName, "metric '\(metric.name)' \(what)", source: "", offset: 0,
                                      origin: metric.location)
            }
        }
        if let clash = events.first(where: { reserved.contains($0) }) {
            throw ExpressionError(.duplicateName, "event '\(clash)' uses a reserved name (\(reserved.joined(separator: ", ")))",
                                  source: "", offset: 0, origin: metrics.first?.location ?? SourceLocation(file: "<model>", line: 1, column: 1))
        }
        let collector = TermCollector(model: model, metricCount: metrics.count)
        var names = NameTable()
        for (k, name) in events.enumerated() { names.add(name, .auxiliaryInput(k)) }
        names.add("singularity", .auxiliaryInput(events.count))
        for (m, metric) in metrics.enumerated() { names.add(metric.name, .auxiliaryInput(events.count + 1 + m)) }
        for (j, name) in model.parameterNames.enumerated() { names.add(name, .parameter(j)) }
        for (i, name) in model.stateNames.enumerated() { names.add(name, .state(i)) }
        for (k, name) in model.auxiliaryNames.enumerated() { names.add(name, .local(k)) }
        names.add("t", .time)

        var rules = NameRules(allowsTime: false, allowsStates: false, allowsAuxiliaries: false, allowsDelay: false,
                              refusalCode: .unknownName, context: "a metric")
        rules.allowsInputs = true
        rules.advice = { "a metric reads it at a point: \($0)@end, \($0)@max, \($0)@min or \($0)@<event>" }
        rules.resolveAt = { operand, event, offset, source, origin throws(ExpressionError) in
            try collector.term(operand, event: event, offset: offset, source: source, origin: origin)
        }
        var exprs: [Expr] = []
        var references: [[Dependencies.Reference]] = []
        for metric in metrics {
            var resolver = Resolver(source: metric.expr, origin: metric.location, names: names, rules: rules)
            exprs.append(try resolver.resolveNumber())
            references.append(metricReferences(metric.expr, names: metrics.map(\.name)))
        }
        let order = try Dependencies.sort(names: metrics.map(\.name), references: references,
                                          sources: metrics.map { ($0.expr, $0.location) })
        let slotCount = events.count + 1 + metrics.count + collector.terms.count
        let scope = Scope(states: [], parameters: model.parameterNames,
                          auxiliaries: (0..<slotCount).map { "#\($0)" }, includeTime: false)
        let programs = exprs.map { CompiledExpression(Fold.fold($0), scope: scope) }
        let reads = exprs.map { expr in
            var slots: Set<Int> = []
            expr.visit { if case .auxiliaryInput(let i) = $0 { slots.insert(i) } }
            return slots.sorted()
        }
        return CompiledMetrics(names: metrics.map(\.name), terms: collector.terms, eventCount: events.count,
                               programs: programs, reads: reads, order: order)
    }

    /// The references of a metric's text to other metrics (for the order and cycle reports).
    private static func metricReferences(_ text: String, names: [String]) -> [Dependencies.Reference] {
        var lexer = Lexer(text, origin: SourceLocation(file: "", line: 1, column: 1))
        guard let tokens = try? lexer.tokenize() else { return [] }
        var result: [Dependencies.Reference] = []
        for (i, token) in tokens.enumerated() {
            guard case .identifier(let name) = token.kind, let m = names.firstIndex(of: name) else { continue }
            // A name after '@' is an event, and a name before '(' a function.
            if i > 0, tokens[i - 1].kind == .at { continue }
            if i + 1 < tokens.count, tokens[i + 1].kind == .leftParen { continue }
            result.append(Dependencies.Reference(target: m, offset: token.offset))
        }
        return result
    }
}

/// Collects the `q@point` terms of the metrics being compiled.
private final class TermCollector {
    let model: CompiledModel
    let metricCount: Int
    var terms: [MetricTerm] = []

    init(model: CompiledModel, metricCount: Int) {
        self.model = model
        self.metricCount = metricCount
    }

    func term(_ operand: Syntax, event: String, offset: Int, source: String, origin: SourceLocation)
        throws(ExpressionError) -> Expr {
        let point: MetricPoint
        switch event {
        case "start": point = .start
        case "end": point = .end
        case "max": point = .maximum
        case "min": point = .minimum
        default:
            guard let k = model.eventNames.firstIndex(of: event) else {
                throw ExpressionError(.undefinedEvent, "undefined event '\(event)' after '@'", source: source, offset: offset,
                                      origin: origin,
                                      suggestion: Suggestion.bestMatch(for: event, among: model.eventNames + MetricPoint.reservedNames))
            }
            point = .event(k)
        }
        var rules = NameRules.model
        rules.allowsDelay = false
        rules.context = "a value read at a point"
        var resolver = Resolver(source: source, origin: origin, names: model.scope.nameTable, rules: rules)
        let expr = try resolver.number(operand)
        terms.append(MetricTerm(expression: CompiledExpression(Fold.fold(expr), scope: model.scope), point: point))
        return .auxiliaryInput(model.eventNames.count + 1 + metricCount + terms.count - 1)
    }
}
