import TakeoffCore
import TakeoffEquations

extension CompiledEquationModel {
    /// The declared metrics of a run (see ``MetricDeclaration`` for the language): event times
    /// from the located events (never the save grid), `q@point` terms evaluated on the
    /// integrated states there, the blow-up time of a singularity.
    func metrics(_ solution: ODESolution<EquationParameters>, _ problem: ODEProblem<EquationParameters>,
                 rows: [RunPoint]) -> [String: Double?] {
        let firstCrossings: [EventRecord?] = compiled.eventNames.map { solution.firstEvent(named: $0) }
        let eventPoints: [RunPoint?] = firstCrossings.map { record in
            record.map { RunPoint(t: $0.time, y: $0.state, parameters: parameters(before: $0.time, solution)) }
        }
        let start = RunPoint(t: problem.timeSpan.start, y: problem.initialState, parameters: problem.parameters.values)
        let end = rows.last
        let workspace = compiled.makeWorkspace()
        var auxiliaries = [Double](repeating: 0, count: compiled.auxiliaryNames.count)
        func value(_ term: MetricTerm, at point: RunPoint) -> Double {
            evaluateAuxiliaries(point, solution.past, into: &auxiliaries, workspace)
            return term.expression.evaluate(t: point.t, y: point.y, parameters: point.parameters, auxiliaries: auxiliaries)
        }
        // Extremes run over the saved rows, the located events and the end.
        let everyPoint = rows + eventPoints.compactMap { $0 }
        let termValues: [Double?] = metrics.terms.map { term in
            let result: Double?
            switch term.point {
            case .event(let k): result = eventPoints[k].map { value(term, at: $0) }
            case .start: result = value(term, at: start)
            case .end: result = end.map { value(term, at: $0) }
            case .maximum, .minimum:
                let values = everyPoint.map { value(term, at: $0) }.filter { !$0.isNaN }
                result = term.point == .maximum ? values.max() : values.min()
            }
            return result.flatMap { $0.isFinite ? $0 : nil }
        }
        let singularity = solution.status == .singularity ? solution.blowUpTime : nil
        let results = metrics.evaluate(parameters: problem.parameters.values, eventTimes: firstCrossings.map { $0?.time },
                                       singularity: singularity, termValues: termValues)
        return Dictionary(uniqueKeysWithValues: zip(metrics.names, results))
    }

    /// The parameters in force just before `t` (an event's own action applies after it).
    private func parameters(before t: Double, _ solution: ODESolution<EquationParameters>) -> [Double] {
        var chosen = solution.parameterSegments.first?.parameters.values ?? []
        for segment in solution.parameterSegments.dropFirst() {
            guard segment.firstRow < solution.count, solution.times[segment.firstRow] < t else { break }
            chosen = segment.parameters.values
        }
        return chosen
    }
}
