import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffStudies
import TakeoffSampling
@testable import TakeoffModels

/// A `sie` run with these parameter lines (central values otherwise).
func sieRun(_ parameters: String, options: String = "", end: Double = 4) throws -> ModelRun {
    let text = """
    model = "sie"
    [time]
    start = 0.0
    end = \(end)
    [solver]
    relativeTolerance = 1e-10
    absoluteTolerance = 1e-12
    [parameters]
    \(parameters)
    \(options)
    """
    return try ScenarioLoader.parse(text: text, file: "sie.toml").run()
}

/// A study over a committed file, summarised per metric.
func peerStudy(_ file: String, runs: Int, seed: UInt64) throws -> (data: StudyData, summary: (String) -> MetricSummary) {
    let scenario = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("Models/\(file)").path)
    let data = SampleStudy(scenario: scenario, options: SampleOptions(runs: runs, seed: seed, threads: 2)).compute()
    return (data, { name in
        let j = data.metricNames.firstIndex(of: name)!
        return MetricSummary(name: name, values: data.records.filter(\.isResult).map { $0.metrics[j] })
    })
}

@Suite("sie: Forethought's software intelligence explosion")
struct SoftwareExplosionTests {
    @Test("constant r = 1: the doubling rate never changes, so the first year holds f·s years of progress",
          arguments: [(6.0, 0.5, 3.0), (8.0, 0.5, 3.0), (2.0, 0.25, 3.0), (20.0, 0.8, 4.0)])
    func constantReturnsClosedForm(f: Double, s: Double, months: Double) throws {
        // v = 12·f/T₀ doublings/year for the whole year; one year of recent progress is
        // (12/T₀)/s doublings, so the year holds (12f/T₀)/((12/T₀)/s) = f·s years of progress
        // (f = 6, s = 0.5: the peer's "3 years in 1 iff f > 6" rule of thumb, exactly).
        let run = try sieRun("initialSpeedUp = \(f)\ninitialReturns = 1.0\nsoftwareShare = \(s)\nrecentDoublingMonths = \(months)\ndistanceToLimits = 100.0",
                             options: "[options]\nreturns = \"constant\"", end: 1.5)
        let got = try #require(run.metric("yearsOfProgressInFirstYear"))
        #expect(abs(got - f * s) <= 1e-9 * f * s, "\(got) vs \(f * s)")
    }

    @Test("constant r = 1 with a near ceiling: the run ends there, at N_c/v₀ years, with L years of progress")
    func ceilingReached() throws {
        // f = 20, T₀ = 4, s = 0.8: v₀ = 60 doublings/year, N_c = 11·(12/4)/0.8 = 41.25 doublings.
        let run = try sieRun("initialSpeedUp = 20.0\ninitialReturns = 1.0\nsoftwareShare = 0.8\nrecentDoublingMonths = 4.0",
                             options: "[options]\nreturns = \"constant\"", end: 1.5)
        #expect(run.terminatingEvent == "ceiling")
        let year = try #require(run.metric("ceilingYear"))
        #expect(abs(year - 41.25 / 60) <= 1e-8)
        #expect(abs(try #require(run.metric("yearsOfProgressInFirstYear")) - 11) <= 1e-7)
    }

    @Test("constant r > 1 and no ceiling in reach: finite-time blow-up at 1/(λ ln 2 (1 − 1/r)·v₀)")
    func constantReturnsBlowUp() throws {
        // d ln v/dt = c·v with c = λ ln 2 (1 − 1/r) gives v = v₀/(1 − c·v₀·t): infinite at t* = 1/(c·v₀).
        for (r, f) in [(3.0, 8.0), (1.5, 4.0)] {
            let run = try sieRun("initialSpeedUp = \(f)\ninitialReturns = \(r)\ndistanceToLimits = 1e6",
                                 options: "[options]\nreturns = \"constant\"", end: 4)
            let c = 0.3 * M_LN2 * (1 - 1 / r), v0 = 12 * f / 3
            #expect(run.status == .singularity)
            let t = try #require(run.blowUpTime)
            #expect(abs(t - 1 / (c * v0)) <= 1e-6 / (c * v0), "r=\(r): blow-up \(t) vs \(1 / (c * v0))")
        }
    }

    @Test("the solved doubling rate follows the closed form ln v(n) along the doublings")
    func closedFormAlongDoublings() throws {
        for (r, lambda) in [(1.2, 0.3), (0.6, 0.5), (3.0, 0.2)] {
            let run = try sieRun("initialReturns = \(r)\nparallelLabourExponent = \(lambda)")
            let n = run.column("softwareDoublings")!, u = run.column("logDoublingRate")!
            let p = try SoftwareExplosionModel.makeParameters(ModelInputs(
                parameters: Dictionary(uniqueKeysWithValues: SoftwareExplosionModel.parameters.map { ($0.name, $0.defaultValue) })
                    .merging(["initialReturns": r, "parallelLabourExponent": lambda]) { $1 },
                initialState: [:], eventSettings: [:], start: 0, end: 4))
            for k in stride(from: 0, to: n.count, by: 7) {
                let expected = log(SoftwareExplosionModel.doublingRate(p, after: n[k]))
                #expect(abs(u[k] - expected) <= 1e-7 * max(1, abs(expected)), "r=\(r) λ=\(lambda) row \(k): \(u[k]) vs \(expected)")
            }
        }
    }

    @Test("the shortest stretch of D doublings equals a brute-force scan of starts with Simpson quadrature")
    func shortestStretchBruteForce() throws {
        let base = Dictionary(uniqueKeysWithValues: SoftwareExplosionModel.parameters.map { ($0.name, $0.defaultValue) })
        for (r, lambda, f) in [(1.2, 0.3, 8.0), (0.7, 0.4, 20.0), (2.5, 0.2, 3.0)] {
            let p = try SoftwareExplosionModel.makeParameters(ModelInputs(
                parameters: base.merging(["initialReturns": r, "parallelLabourExponent": lambda, "initialSpeedUp": f]) { $1 },
                initialState: [:], eventSettings: [:], start: 0, end: 4))
            let reached = 0.6 * p.ceilingDoublings
            let options = SolverOptions(relativeTolerance: .scalar(1e-11), absoluteTolerance: .scalar(1e-13))
            for d in [8.0, 24.0] {
                let got = try #require(SoftwareExplosionModel.shortestStretches(p, doublings: [d], reached: reached,
                                                                                   solver: .gsl(options))?[0] ?? nil)
                // Brute force: every start on a grid of 2,000, each stretch by Simpson's rule.
                func simpson(_ a: Double, _ b: Double) -> Double {
                    let m = 400, h = (b - a) / Double(m)
                    var sum = 1 / SoftwareExplosionModel.doublingRate(p, after: a) + 1 / SoftwareExplosionModel.doublingRate(p, after: b)
                    for i in 1..<m { sum += (i % 2 == 0 ? 2 : 4) / SoftwareExplosionModel.doublingRate(p, after: a + Double(i) * h) }
                    return sum * h / 3
                }
                let starts = (0...2000).map { Double($0) / 2000 * (reached - d) }
                let brute = starts.map { simpson($0, $0 + d) }.min()!
                // The grid minimum is above the true one by at most the curvature over half a grid cell.
                #expect(got <= brute * (1 + 1e-9), "r=\(r) D=\(d): \(got) vs brute \(brute)")
                #expect(got >= brute * (1 - 1e-4), "r=\(r) D=\(d): \(got) vs brute \(brute)")
            }
        }
    }

    @Test("Forethought's priors, 10,000 runs: P(≥3× for 12 months) and P(≥10× for 12 months) within 0.05 of the peer's 0.57 and 0.17")
    func forethoughtProbabilities() throws {
        let (_, summary) = try peerStudy("sie-forethought.toml", runs: 10_000, seed: 1)
        let p3 = summary("atLeast3xFor12Months").mean, p10 = summary("atLeast10xFor12Months").mean
        #expect(abs(p3 - 0.57) <= 0.05, "P(3x/12m) = \(p3)")
        #expect(abs(p10 - 0.17) <= 0.05, "P(10x/12m) = \(p10)")
        // The peer's other two questions, from the same rerun (notes: 0.31 and 0.26).
        #expect(abs(summary("atLeast30xFor1Month").mean - 0.31) <= 0.05)
        #expect(abs(summary("atLeast3xFor36Months").mean - 0.26) <= 0.05)
    }
}

@Suite("milestones: the AI 2027 takeoff chain")
struct MilestoneChainTests {
    @Test("milestone dates equal the per-phase closed form G(1 − 1/R)/(m·ln R)")
    func closedFormPhases() throws {
        for (sc, amr, jumps) in [(3.873, 5.0, 1.5), (1.5, 1.0, 0.3), (10.0, 25.0, 7.5)] {
            let text = """
            model = "milestones"
            [time]
            start = 0.0
            end = 1000.0
            [solver]
            relativeTolerance = 1e-11
            absoluteTolerance = 1e-12
            [parameters]
            scToSARHumanYears = \(sc)
            amrToSARYears = \(amr)
            siarToASIJumps = \(jumps)
            """
            let run = try ScenarioLoader.parse(text: text, file: "m.toml").run()
            let x: Double = 10 + amr
            let second: Double = x * (pow(x / 10, 2) - 1)
            let y: Double = x + second
            let third: Double = y * (pow(y / x, jumps) - 1)
            let gaps: [Double] = [sc, second, third]
            let speeds: [Double] = [5, 25, 250, 2000]
            var phases: [Double] = []
            for i in 0..<3 {
                let ratio: Double = speeds[i + 1] / speeds[i]
                phases.append(gaps[i] * (1 - 1 / ratio) / (speeds[i] * log(ratio)))
            }
            let expected: [Double] = [phases[0], phases[0] + phases[1], phases[0] + phases[1] + phases[2]]
            for (name, want) in zip(["monthsSCtoSAR", "monthsSARtoSIAR", "monthsSIARtoASI"], phases) {
                guard want < 1000 else { continue }
                let got = try #require(run.metric(name))
                #expect(abs(got - 12 * want) <= 1e-8 * 12 * want, "\(name): \(got) vs \(12 * want)")
            }
            if expected[2] < 1000 {
                let got = try #require(run.metric("monthsSCtoASI"))
                #expect(abs(got - 12 * expected[2]) <= 1e-8 * 12 * expected[2])
            }
        }
    }

    @Test("a zero SC→SAR gap puts SAR at SC")
    func zeroGap() throws {
        let text = "model = \"milestones\"\n[time]\nstart = 0.0\nend = 1000.0\n[parameters]\nscToSARZeroDraw = 0.1\n"
        let run = try ScenarioLoader.parse(text: text, file: "m.toml").run()
        #expect(run.metric("monthsSCtoSAR") == 0)
        let total = try #require(run.metric("monthsSCtoASI")), rest = try #require(run.metric("monthsSARtoSIAR"))
        #expect(total > rest)
    }

    @Test("AI 2027 priors, 10,000 runs: median SC→ASI within 3 months of 12.7, P(under a year) within 0.06 of 0.49")
    func ai2027Distribution() throws {
        let (data, summary) = try peerStudy("milestones-ai2027.toml", runs: 10_000, seed: 1)
        let median = summary("monthsSCtoASI").quantiles[3]
        #expect(abs(median - 12.7) <= 3, "median \(median)")
        let j = data.metricNames.firstIndex(of: "monthsSCtoASI")!
        let underYear = Double(data.records.filter { ($0.metrics[j] ?? .infinity) < 12 }.count) / Double(data.records.count)
        #expect(abs(underYear - 0.49) <= 0.06, "P(<12 months) \(underYear)")
    }
}
