import TakeoffCore
import TakeoffEquations

extension CompiledEquationModel {
    /// How a run goes: the problem for an initial state, then the table (states and visible
    /// auxiliaries at every saved row, with the parameters in force there) and the metrics.
    func scheme(parameters: [Double], span: (start: Double, end: Double)) -> ODEScheme {
        ODEScheme(setUp: { initial, options in (problem(parameters: parameters, initial: initial, span: span), options) },
                  report: { solution, problem, _ in report(solution, problem) })
    }

    /// The ODE problem: the compiled derivatives (through the core's delays when the model has
    /// `delay` terms), the symbolic Jacobian, and one core event per declared event.
    func problem(parameters: [Double], initial: [Double], span: (start: Double, end: Double))
        -> ODEProblem<EquationParameters> {
        let compiled = self.compiled
        let box = WorkspaceBox(compiled.makeWorkspace(), conditions: compiled.conditionCount, states: compiled.stateCount)
        let names = definition.states.map(\.name)
        let p = EquationParameters(values: parameters)
        let events = coreEvents(box)
        guard compiled.delays.isEmpty else {
            let times = compiled.delayTimes(parameters: parameters)
            return ODEProblem(stateNames: names, parameters: p, initialState: initial, timeSpan: span,
                              delays: DelaySpecification(delays: times), events: events) { t, y, dydt, p, past in
                p.values.withUnsafeBufferPointer { pb in
                    compiled.derivatives(t: t, y: y, parameters: pb, delayed: { past.value($0, at: t - $1) },
                                         into: dydt, workspace: box.workspace)
                }
            }
        }
        return ODEProblem(
            stateNames: names, parameters: p, initialState: initial, timeSpan: span, events: events,
            jacobian: .analytic { t, y, dfdy, dfdt, p in
                p.values.withUnsafeBufferPointer { pb in
                    compiled.jacobian(t: t, y: y, parameters: pb, dfdy: dfdy, dfdt: dfdt, workspace: box.workspace)
                }
            }
        ) { t, y, dydt, p in
            p.values.withUnsafeBufferPointer { pb in
                compiled.derivatives(t: t, y: y, parameters: pb, into: dydt, workspace: box.workspace)
            }
        }
    }

    /// The declared events as core events: the condition's zero crossing in its direction;
    /// `record`, `terminate` after n crossings, or a restart after the `set` assignments
    /// (evaluated on the values before the event).
    private func coreEvents(_ box: WorkspaceBox) -> [Event<EquationParameters>] {
        let compiled = self.compiled
        return definition.events.enumerated().map { k, info in
            let action: EventAction<EquationParameters>
            switch info.action {
            case .record where compiled.assignmentTargets[k].isEmpty: action = .record
            case .terminate(let n): action = .terminate(afterOccurrences: n)
            case .record, .restart:
                action = .modify { t, state, p in
                    compiled.applyAssignments(event: k, t: t, y: &state, parameters: &p.values, workspace: box.workspace)
                    box.invalidate()
                }
            }
            return Event(name: info.name, direction: info.direction, action: action) { t, y, p, past in
                box.condition(k, t: t, y: y) { out in
                    p.values.withUnsafeBufferPointer { pb in
                        compiled.eventValues(t: t, y: y, parameters: pb, delayed: { past.value($0, at: t - $1) },
                                             into: out, workspace: box.workspace)
                    }
                }
            }
        }
    }
}

/// One point of a run at which the model can be read: time, state and the parameters in force.
struct RunPoint {
    var t: Double
    var y: [Double]
    var parameters: [Double]
}

extension CompiledEquationModel {
    /// The table and the metrics of a solved run.
    func report(_ solution: ODESolution<EquationParameters>, _ problem: ODEProblem<EquationParameters>) -> ODEReport {
        let workspace = compiled.makeWorkspace()
        var auxiliaries = [Double](repeating: 0, count: compiled.auxiliaryNames.count)
        var values: [Double] = []
        values.reserveCapacity(solution.count * (solution.dimension + visible.count))
        var rows: [RunPoint] = []
        rows.reserveCapacity(solution.count)
        for row in 0..<solution.count {
            let point = RunPoint(t: solution.times[row], y: solution.state(at: row),
                                 parameters: solution.parameters(atRow: row).values)
            evaluateAuxiliaries(point, solution.past, into: &auxiliaries, workspace)
            values.append(contentsOf: point.y)
            for k in visible { values.append(auxiliaries[k]) }
            rows.append(point)
        }
        let metricValues = metrics(solution, problem, rows: rows)
        return ODEReport(years: solution.times, values: values, metrics: metricValues)
    }

    /// Every auxiliary at `point`, delayed terms read from the run's past.
    func evaluateAuxiliaries(_ point: RunPoint, _ past: PastStates, into out: inout [Double],
                             _ workspace: EquationWorkspace) {
        point.y.withUnsafeBufferPointer { yb in
            point.parameters.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { ob in
                    compiled.auxiliaries(t: point.t, y: yb, parameters: pb, delayed: { past.value($0, at: point.t - $1) },
                                         into: ob, workspace: workspace)
                }
            }
        }
    }
}
