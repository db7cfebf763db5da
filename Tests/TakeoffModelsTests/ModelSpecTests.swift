import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels

/// A three-actor regulation scenario with exogenous growth (no world-hardware state): its states
/// are exactly the actors' `<name>.logPotential`.
private func threeActors(_ extra: String = "") -> String {
    """
    model = "regulation"
    [time]
    start = 2025.0
    end = 2040.0
    [parameters]
    dangerThreshold = 1e31
    [actors.leader]
    share = 0.48
    growthPerYear = 4.0
    [actors.compliant]
    share = 0.12
    growthPerYear = 4.0
    [actors.defector]
    share = 0.03
    growthPerYear = 4.0
    [solver]
    relativeTolerance = 1e-12
    absoluteTolerance = 1e-12

    """ + extra
}

/// A model declared at run time (as a model read from a file will be): one state, x' = a·x,
/// and the metric `doublingYear` from a located event. `produced` is the metric name its
/// scheme writes; `onRun` is called whenever it runs.
private func exponentialSpec(produced: String = "doublingYear",
                             onRun: @escaping @Sendable () -> Void = {}) -> ModelSpec {
    let parameters = [ParameterInfo("rate", 0.5, unit: "1/year", constraint: .positive, meaning: "growth rate a", source: "test")]
    let states = [VariableInfo("x", unit: "1", meaning: "the quantity")]
    let metrics = [MetricInfo("doublingYear", unit: "year", meaning: "when x reaches 2")]
    return ModelSpec(id: "exponential", summary: "x' = a x", parameters: parameters, states: states, observables: [],
                     metrics: metrics) { inputs in
        let rate = inputs.parameters["rate"] ?? 0.5
        let scheme = ODEScheme(
            problem: { y0 in
                ODEProblem(stateNames: ["x"], parameters: rate, initialState: y0, timeSpan: (inputs.start, inputs.end),
                           events: [Event(name: "doubled", direction: .rising) { _, y, _ in y[0] - 2 }]) { _, y, dydt, a in
                    dydt[0] = a * y[0]
                }
            },
            observe: { _, _, _ in [] },
            metrics: { solution, _, _ in
                onRun()
                return [produced: solution.firstEvent(named: "doubled")?.time]
            })
        return ResolvedModel.Parts(states: states, observables: [], metrics: metrics, defaultInitialState: ["x": 1],
                                   scheme: .ode(scheme))
    }
}

/// Counts calls from a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() { lock.lock(); value += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
}

@Suite("Models as values: specs resolved per scenario")
struct ModelSpecTests {
    @Test("a per-actor [initial] key is accepted for a three-actor regulation scenario, and acts")
    func perActorInitial() throws {
        let base = try ScenarioLoader.parse(text: threeActors(), file: "three.toml")
        // Actors in name order, as the regulation model lists them.
        #expect(base.resolvedModel.states.map(\.name) == ["compliant.logPotential", "defector.logPotential", "leader.logPotential"])
        let defectorStart = try #require(base.inputs.initialState["defector.logPotential"])
        // One year of 4×/year growth more at the start: the defector reaches the threshold exactly
        // one year earlier (exogenous growth, d ln E/dt = ln 4).
        let ahead = try ScenarioLoader.parse(text: threeActors("[initial]\n\"defector.logPotential\" = \(defectorStart + log(4.0))\n"),
                                             file: "three.toml")
        let before = try #require(try base.run().metric("yearReached.defector"))
        let after = try #require(try ahead.run().metric("yearReached.defector"))
        #expect(abs((before - after) - 1) < 1e-8, "\(before) → \(after)")
    }

    @Test("a per-component tolerance of the resolved length is accepted; another length is refused naming it")
    func perComponentTolerance() throws {
        let ok = try ScenarioLoader.parse(text: threeActors(), file: "three.toml",
                                          overrides: ["solver.relativeTolerance=[1e-12,1e-11,1e-10]"])
        #expect(ok.solver.relativeTolerance.values(dimension: 3) == [1e-12, 1e-11, 1e-10])
        #expect(try ok.run().status == .success)
        do {
            _ = try ScenarioLoader.parse(text: threeActors(), file: "three.toml", overrides: ["solver.relativeTolerance=[1e-12,1e-11]"])
            Issue.record("a two-component tolerance for three states was accepted")
        } catch {
            #expect(error.keyPath?.hasPrefix("solver.relativeTolerance") == true)
            #expect(error.description.contains("3"))
        }
    }

    @Test("[expect] and [report] take the resolved metric names; a name of another actor is refused")
    func resolvedMetricNames() throws {
        let scenario = try ScenarioLoader.parse(text: threeActors("[report]\nmetrics = [\"yearReached.defector\"]\n"), file: "three.toml")
        #expect(scenario.declaredNames.metrics == ["yearReached.compliant", "yearReached.defector", "yearReached.leader", "leadMonths",
                                                   "delayBoughtMonths.compliant", "delayBoughtMonths.defector",
                                                   "delayBoughtMonths.leader", "theftYear"])
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(text: threeActors("[report]\nmetrics = [\"yearReached.stranger\"]\n"), file: "three.toml")
        }
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.parse(text: threeActors("[expect]\n\"yearReached.stranger\" = { value = 2030, abs = 1 }\n"), file: "three.toml")
        }
    }

    @Test("a spec built at run time resolves and runs on the core: x' = x/2 doubles at 2 ln 2")
    func runtimeSpec() throws {
        let spec = exponentialSpec()
        let resolved = try spec.resolve(spec.defaultInputs(start: 0, end: 5))
        let run = try resolved.run(solver: .gsl(SolverOptions(relativeTolerance: .scalar(1e-12), absoluteTolerance: .scalar(1e-12))))
        let year = try #require(run.metric("doublingYear"))
        #expect(abs(year - 2 * log(2.0)) < 1e-9)
        #expect(run.columns == ["x"])
    }

    @Test("a study's columns and metrics are known before any run: declaring them solves nothing")
    func namesWithoutRunning() throws {
        let runs = Counter()
        let spec = exponentialSpec(onRun: { runs.increment() })
        let resolved = try spec.resolve(spec.defaultInputs(start: 0, end: 5))
        #expect(resolved.declaredNames == DeclaredNames(columns: ["x"], metrics: ["doublingYear"]))
        #expect(runs.count == 0)
        _ = try resolved.run(solver: .gsl())
        #expect(runs.count == 1)
    }

    @Test("a study whose every draw is invalid still has the metric columns (they come from the resolved model)")
    func studyNamesWithoutRuns() throws {
        let scenario = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("Models/feedback.toml").path)
        // A fixed training share must lie in (0, 1): every row is an invalid draw, so no run is solved.
        let study = SampleStudy(scenario: scenario, names: ["trainingShare"], rows: [[1.5], [2]],
                                options: SampleOptions(runs: 2, seed: 1, threads: 1))
        let data = study.compute()
        #expect(data.records.allSatisfy { $0.outcome == .invalidDraw })
        #expect(data.metricNames == scenario.declaredNames.metrics)
    }

    @Test("a model that produces a metric it does not declare stops, naming it (never a silent nil)")
    func misspeltMetric() async throws {
        await #expect(processExitsWith: .failure) {
            let spec = exponentialSpec(produced: "doublingYeer")
            let resolved = try spec.resolve(spec.defaultInputs(start: 0, end: 5))
            _ = try resolved.run(solver: .gsl())
        }
    }

    @Test("every parameter's name is its property's name (read from the key path), and its default the property's value")
    func parameterNamesFromKeyPaths() {
        #expect(SoftwareExplosionModel.parameterTable.map(\.name)
            == ["initialSpeedUp", "initialReturns", "distanceToLimits", "parallelLabourExponent", "softwareShare", "recentDoublingMonths"])
        #expect(SoftwareExplosionModel.parameters.map(\.defaultValue) == [8, 1.2, 11, 0.3, 0.5, 3])
        let lifted = RegulationModel.spec.parameter("hardwareDoublingYears")
        #expect(lifted?.defaultValue == ComputeGrowthParameters().hardwareDoublingYears)
        for spec in ModelRegistry.all {
            #expect(Set(spec.parameters.map(\.name)).count == spec.parameters.count, "\(spec.id): duplicate parameter names")
            for p in spec.parameters { #expect(p.name.allSatisfy { $0.isLetter || $0.isNumber }, "\(spec.id): '\(p.name)'") }
        }
    }
}
