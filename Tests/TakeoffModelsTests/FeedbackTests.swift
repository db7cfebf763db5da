import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels


/// Runs the feedback model with defaults changed by `changes` and `options`.
func feedback(_ changes: [String: Double] = [:], options: [String: String] = [:], end: Double = 2045,
              solver: SolverOptions = SolverOptions(relativeTolerance: .scalar(1e-11), absoluteTolerance: .scalar(1e-11), save: .every(0.5)))
    throws -> ModelRun {
    let model = ModelRegistry.model("feedback")!
    var values = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0.defaultValue) })
    for (k, v) in changes { values[k] = v }
    var chosen = Dictionary(uniqueKeysWithValues: model.options.map { ($0.name, $0.defaultValue) })
    for (k, v) in options { chosen[k] = v }
    let initial = try model.prepare(ModelInputs(parameters: values, initialState: [:], eventSettings: [:], options: chosen,
                                                start: 2025, end: end))
    return try model.run(ModelInputs(parameters: values, initialState: initial, eventSettings: [:], options: chosen,
                                     start: 2025, end: end), options: solver)
}

let g0 = log(2) / 0.7037   // start-year software growth rate the model calibrates to

@Suite("Feedback model against closed forms")
struct FeedbackClosedFormTests {
    @Test("AI labour off, no ceiling: S follows the Jones closed form and its long-run rate λn/(1−φ)")
    func jonesClosedForm() throws {
        let n = 0.04, phi = 1.0 / 6, lambda = 1.0
        let run = try feedback(["softwareCeiling": 0, "researcherGrowthRate": n], options: ["aiResearch": "off"], end: 2325)
        #expect(run.status == .success)
        // δ·H0^λ = g0 (calibration at S0 = 1), so S^(1−φ) = 1 + (1−φ)·g0·(e^(λnt) − 1)/(λn).
        let s = try #require(run.column("softwareEfficiency"))
        let rate = try #require(run.column("softwareGrowthRate"))
        for (i, year) in run.years.enumerated() where Int(year * 2) % 20 == 0 {
            let t = year - 2025
            let exact = pow(1 + (1 - phi) * g0 * (exp(lambda * n * t) - 1) / (lambda * n), 1 / (1 - phi))
            #expect(abs(s[i] / exact - 1) < 1e-8, "S(\(year)) = \(s[i]), exact \(exact)")
        }
        #expect(abs(rate.last! / (lambda * n / (1 - phi)) - 1) < 1e-3, "long-run rate \(rate.last!)")
    }

    @Test("knife edge φ = 1 with constant inputs: exact exponential at rate δR^λ")
    func knifeEdge() throws {
        let run = try feedback(["softwareCeiling": 0, "researcherGrowthRate": 0, "researchFeedback": 1],
                               options: ["aiResearch": "off"], end: 2035)
        let s = try #require(run.column("softwareEfficiency"))
        for (i, year) in run.years.enumerated() {
            #expect(abs(s[i] / exp(g0 * (year - 2025)) - 1) < 1e-9, "S(\(year))")
        }
    }

    @Test("above the threshold the reduced case dS/dt = k S^(1+ε) blows up at 1/(k ε S0^ε), to 1e-6")
    func reducedBlowUp() throws {
        // Humans off, constant physical compute, fixed split, no ceiling: L_AI ∝ S^ψ with
        // ψ = p(1−a) + θβ, so dS/dt = k S^(1+ε), ε = λψ + φ − 1, and the calibration makes k = g0.
        let phi = 0.5
        let psi = 0.7 * 0.5 + 1.0 * 0.5
        let epsilon = psi + phi - 1
        let run = try feedback(["softwareCeiling": 0, "researchFeedback": phi, "physicalComputeGrowthPerYear": 1],
                               options: ["humanResearch": "off", "physicalCompute": "exogenous"], end: 2045)
        #expect(run.status == .singularity)
        let expected = 1 / (g0 * epsilon)
        let blowUp = try #require(run.blowUpTime) - 2025
        #expect(abs(blowUp - expected) <= 1e-6 * expected, "blow-up after \(blowUp) years, expected \(expected)")
        #expect(run.metric("singularityYear") == run.blowUpTime)
    }
}

@Suite("Feedback model: count versus capability")
struct FeedbackSplitTests {
    @Test("p → 0 leaves the growth to capability; θ → 0 leaves it to the count")
    func limits() throws {
        let noParallel = try feedback(["parallelReturns": 1e-6])
        #expect(try #require(noParallel.metric("countShare")) < 1e-5)
        let noCapability = try feedback(["capabilityValue": 1e-6])
        #expect(try #require(noCapability.metric("capabilityShare")) < 1e-5)
        // In general the shares are p(1−a) : θβ, and they sum to 1.
        let central = try feedback()
        let count = try #require(central.metric("countShare"))
        #expect(abs(count - 0.35 / 0.85) < 1e-9)
        #expect(abs(count + central.metric("capabilityShare")! - 1) < 1e-12)
    }

    @Test("raising the returns to research never lengthens the months from human level to beyond")
    func monotoneInReturns() throws {
        for p in [0.3, 0.7, 1.0] {
            var previous = Double.infinity
            for phi in [-1.0, -0.5, -0.25, 0.0, 0.1, 1.0 / 6, 0.25, 0.35] {
                let run = try feedback(["parallelReturns": p, "researchFeedback": phi], end: 2060)
                let months = try #require(run.metric("monthsHumanLevelToBeyond"), "p \(p) φ \(phi): \(run.status)")
                #expect(months <= previous + 1e-9, "p \(p): φ \(phi) gives \(months) months after \(previous)")
                previous = months
            }
        }
    }

    @Test("the optimal split matches a brute-force maximisation", arguments: [
        (0.7, 0.5, 1.0, 0.5), (0.3, 0.5, 1.5, 0.5), (1.0, 0.3, 0.8, 0.6), (0.5, 0.8, 2.0, 0.4),
    ])
    func optimalSplit(p: Double, a: Double, theta: Double, beta: Double) throws {
        let model = ModelRegistry.model("feedback")!
        var values = Dictionary(uniqueKeysWithValues: model.parameters.map { ($0.name, $0.defaultValue) })
        values["parallelReturns"] = p
        values["inferenceExponent"] = a
        values["capabilityValue"] = theta
        values["capabilityExponent"] = beta
        var parameters = FeedbackModel.makeParameters(values, options: ["trainingSplit": "optimal"])
        let optimal = FeedbackModel.trainingShare(parameters)
        parameters.optimalSplit = false
        func labour(_ f: Double) -> Double {
            var q = parameters
            q.trainingShare = f
            return FeedbackAlgebra(t: 2027, physical: 3e29, software: 7, q).aiResearchLabour
        }
        var best = 0.0, bestValue = -Double.infinity
        for k in 1..<100_000 {
            let f = Double(k) / 100_000
            let v = labour(f)
            if v > bestValue { (best, bestValue) = (f, v) }
        }
        #expect(abs(best - optimal) <= 1e-5, "brute force \(best), closed form \(optimal)")
        #expect(labour(optimal) >= bestValue * (1 - 1e-12))
    }

    @Test("an optimal split without an interior optimum is a validation error naming the parameters")
    func noInteriorOptimum() throws {
        let text = """
        model = "feedback"
        [time]
        start = 2025.0
        end = 2030.0
        [options]
        trainingSplit = "optimal"
        [parameters]
        capabilityValue = 0.5
        """
        do {
            _ = try ScenarioLoader.parse(text: text, file: "t.toml")
            Issue.record("expected a validation error")
        } catch {
            #expect(error.keyPath == "options.trainingSplit")
            #expect(error.message.contains("parameters.capabilityValue"))
            #expect(error.message.contains("parameters.parallelReturns"))
        }
    }
}

// The presets' headline numbers are pinned in their [expect] tables (Models/feedback*.toml) and
// checked by `takeoff verify` (Tests/TakeoffIOTests/VerifyTests.swift); each number is pinned once.

@Suite("Hostile parameter draws")
struct HostileDrawTests {
    /// Draws at the edges of the priors end in a documented status with a message, never a hang
    /// or a NaN in the metrics.
    @Test("edge draws end in a status", arguments: [
        ["researchFeedback": 50.0], ["researchFeedback": -50.0], ["parallelReturns": 0.0, "capabilityValue": 0.0],
        ["spendingGrowthPerYear": 1.0, "hardwareDoublingYears": 1e9], ["softwareCeiling": 1.0000001],
        ["humanLevelCompute": 1e300], ["capabilityExponent": 1e6], ["tokensPerSecondPerCopy": 1e-300], ["researchExponent": 20.0],
    ])
    func edges(changes: [String: Double]) throws {
        let run = try feedback(changes)
        #expect(ReturnCode.allCases.contains(run.status))
        if !run.status.isResult || run.status == .singularity { #expect(run.message != nil) }
        for (name, value) in run.metrics { if let value { #expect(value.isFinite, "\(name)") } }
    }
}
