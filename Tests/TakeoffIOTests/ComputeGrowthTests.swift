import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
@testable import TakeoffModels
import TakeoffIO
import TakeoffStudies

@Suite("Compute-growth model against closed forms")
struct ComputeGrowthTests {
    static let defaults = Dictionary(uniqueKeysWithValues: ComputeGrowthModel.parameters.map { ($0.name, $0.defaultValue) })

    /// Constant rates (the cap never binds): H(τ) = A e^(gτ) + (H0 − A) e^(−δτ), S = 2^(τ/T_S).
    @Test("trajectory and event dates match the closed form", arguments: [1.0, 0.3])
    func closedForm(initialFactor: Double) throws {
        var values = Self.defaults
        values["spendingCapFraction"] = 1   // cap = GWP: reached only in 2031 with these rates
        let p = ComputeGrowthModel.makeParameters(values)
        let g = log(p.spendingGrowthPerYear) + log(2) / p.hardwareDoublingYears
        let q0 = p.flopPerSecondPerDollar * p.utilization * ComputeGrowthParameters.secondsPerYear
        let a = p.computeSpending * q0 / (g + p.depreciationRate)
        let h0 = initialFactor * a   // 1: balanced growth; 0.3: with the transient
        let exactH = { (tau: Double) in a * exp(g * tau) + (h0 - a) * exp(-p.depreciationRate * tau) }
        let inputs = ModelInputs(parameters: values, initialState: ["installedHardware": h0, "softwareEfficiency": 1],
                                 eventSettings: ["trainingRunThresholds": [1e27, 1e28, 1e29]], start: 2025, end: 2030)
        let options = SolverOptions(relativeTolerance: .scalar(1e-10), absoluteTolerance: .scalar(1e-10), save: .every(0.5))
        let run = try ModelRegistry.model("compute-growth")!.run(inputs, options: options)
        #expect(run.status == .success)
        let hardware = try #require(run.column("installedHardware"))
        let software = try #require(run.column("softwareEfficiency"))
        for (i, year) in run.years.enumerated() {
            let tau = year - 2025
            #expect(abs(hardware[i] / exactH(tau) - 1) < 1e-8, "H at \(year)")
            #expect(abs(software[i] / exp2(tau / p.softwareHalvingYears) - 1) < 1e-8, "S at \(year)")
        }
        // Event dates: the largest run f·H(τ) reaches X. Balanced growth has a closed form; with
        // the transient, the root of the closed form is found by bisection (independent of the solver).
        for threshold in [1e27, 1e28, 1e29] {
            let event = try #require(run.events.first { $0.name == "trainingRun\(compactExponent(threshold))Year" })
            var lo = 0.0, hi = 8.0
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if p.largestRunShare * exactH(mid) < threshold { lo = mid } else { hi = mid }
            }
            let exactYear = 2025 + 0.5 * (lo + hi)
            if initialFactor == 1 {
                #expect(abs(exactYear - (2025 + log(threshold / (p.largestRunShare * a)) / g)) < 1e-12)
            }
            #expect(abs(event.time - exactYear) < 1e-8, "\(threshold): \(event.time) vs \(exactYear)")
        }
        #expect(abs(run.metric("trainingComputeGrowthStart")! - (initialFactor == 1 ? exp(g) : exp(exactHPrime(a, h0, g, p.depreciationRate) / h0))) < 1e-9)
    }

    func exactHPrime(_ a: Double, _ h0: Double, _ g: Double, _ d: Double) -> Double { a * g - (h0 - a) * d }

    @Test("the spending cap binds at its closed-form date")
    func spendingCap() throws {
        let p = ComputeGrowthModel.makeParameters(Self.defaults)
        // s0·gs^τ = c·GWP0·gw^τ  ⇒  τ = ln(c·GWP0/s0) / ln(gs/gw).
        let tau = log(p.spendingCapFraction * p.grossWorldProduct / p.computeSpending) / log(p.spendingGrowthPerYear / p.gwpGrowthPerYear)
        let scenario = try ScenarioLoader.parse(text: scenarioText(), file: "t.toml")
        let run = try scenario.run()
        let event = try #require(run.events.first { $0.name == "spendingCapYear" })
        #expect(abs(event.time - (2025 + tau)) < 1e-9, "\(event.time) vs \(2025 + tau)")
        // After the cap, training compute grows with GWP × price-performance (plus a decaying transient).
        let late = try ScenarioLoader.parse(text: scenarioText(time: "[time]\nstart = 2025.0\nend = 2060.0\n"), file: "t.toml")
        let end = try #require(try late.run().metric("trainingComputeGrowthEnd"))
        #expect(abs(end - p.gwpGrowthPerYear * exp2(1 / p.hardwareDoublingYears)) < 1e-3)
    }

    @Test("threshold names are compact")
    func names() {
        #expect(compactExponent(1e26) == "1e26")
        #expect(compactExponent(3e27) == "3e27")
        #expect(compactExponent(2.5e26) == "2.5e26")
    }
}
