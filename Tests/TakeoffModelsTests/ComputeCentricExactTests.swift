import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels
import TakeoffSampling

@Suite("ccf exact scheme")
struct ComputeCentricExactTests {
    @Test("best guess, exact: every milestone and takeoff duration within 0.15 years of the reference at step 0.01; log10 GWP, compute and the largest run within 0.05 of the reference series through 2035")
    func againstSmallStepReference() throws {
        let run = try ScenarioLoader.load(path: packageRoot.appendingPathComponent("Models/ccf-best-guess.toml").path,
                                          overrides: ["solver.relativeTolerance=1e-6"]).run()
        let row = try #require(try FTMReference.rows("metrics.csv").first { $0["t_step"] == "0.01" })
        for name in ComputeCentricReferenceTests.names {
            let want = try #require(Double(row[name]!))
            let got = try #require(run.metric(name), "\(name) undefined")
            #expect(abs(got - want) <= 0.15, "\(name): exact \(got), reference at 0.01 \(want)")
        }
        // The `_grid` years are the first grid point at or after each exact crossing.
        for name in ["sub_agi_year", "agi_year", "automation_gns_20%", "automation_gns_100%", "automation_rnd_20%",
                     "automation_rnd_100%", "rampup_start"] {
            let exact = try #require(run.metric(name)), grid = try #require(run.metric(name + "_grid"))
            #expect(grid >= exact - 1e-9 && grid < exact + 0.1 + 1e-9, "\(name): grid \(grid), exact \(exact)")
        }
        let series = try FTMReference.rows("series.csv")
        for name in ["gwp", "compute", "biggest_training_run"] {
            let ours = try #require(run.column(name))
            for (k, year) in run.years.enumerated() where year <= 2035 + 1e-9 {
                guard let row = series.first(where: { abs(Double($0["year"]!)! - year) < 1e-6 }) else { continue }
                let difference = abs(log10(ours[k]) - log10(Double(row[name]!)!))
                #expect(difference <= 0.05, "\(name) at \(year): log10 differs by \(difference)")
            }
        }
    }
}

extension ComputeCentricExactTests {
    @Test("the exact scheme's milestones and durations are independent of the solver tolerance: rtol 1e-6 and 1e-9 agree to 1e-4 years")
    func toleranceIndependence() throws {
        let path = packageRoot.appendingPathComponent("Models/ccf-best-guess.toml").path
        let loose = try ScenarioLoader.load(path: path, overrides: ["solver.relativeTolerance=1e-6"]).run()
        let tight = try ScenarioLoader.load(path: path, overrides: ["solver.relativeTolerance=1e-9"]).run()
        #expect(loose.status == .success && tight.status == .success)
        var checked = 0
        for info in ComputeCentricModel.referenceMetrics where info.name != "gwp_growth" {
            let a = try #require(loose.metric(info.name)), b = try #require(tight.metric(info.name))
            #expect(abs(a - b) <= 1e-4, "\(info.name): \(a) at rtol 1e-6, \(b) at 1e-9")
            checked += 1
        }
        #expect(checked == 16)
        // gwp_growth is read from the 0.1-year output grid (a year ahead), not located: it moves with
        // the grid values only.
        #expect(abs(try #require(loose.metric("gwp_growth")) - (try #require(tight.metric("gwp_growth")))) <= 1e-4)
    }
}

extension ComputeCentricExactTests {
    @Test("a draw that starts at the wake-up trigger starts awake: milestones within 0.15 years of the reference at step 0.01")
    func startsAwake() throws {
        // rampupTrigger = 0: goods automation is at the trigger from the start, so there is no crossing
        // to locate (a first version never woke up and reached AGI seven years late).
        let root = packageRoot.appendingPathComponent("Models").path
        let exact = try ScenarioLoader.load(path: root + "/ccf-best-guess.toml", overrides: ["parameters.rampupTrigger=0"]).run()
        let reference = try ScenarioLoader.load(path: root + "/ccf-best-guess-reference.toml",
                                                overrides: ["parameters.rampupTrigger=0", "parameters.referenceStep=0.01"]).run()
        #expect(exact.metric("rampup_start") == 2022)
        for name in ["automation_gns_20%", "automation_gns_100%", "automation_rnd_20%", "automation_rnd_100%", "sub_agi_year",
                     "agi_year", "gwp_doubling_time.2"] {
            let got = try #require(exact.metric(name)), want = try #require(reference.metric(name))
            #expect(abs(got - want) <= 0.15, "\(name): exact \(got), reference at 0.01 \(want)")
        }
    }
}

extension ComputeCentricExactTests {
    @Test("draws of the uncertainty study: the exact scheme's milestones within 0.1 years of the reference scheme at step 0.01")
    func drawsAgainstReference() throws {
        // An independent path: the reference's explicit allocation and fixed step, small enough that its
        // first-order lag is a few hundredths of a year (Benchmarks/peers/ccf_crosscheck.py: 30 draws, ≤ 0.045).
        let root = packageRoot.appendingPathComponent("Models").path
        let study = try ScenarioLoader.load(path: root + "/ccf-uncertainty.toml")
        let sampler = try #require(study.uncertainty)
        let stream = RandomStream(seed: 0)
        var compared = 0
        for run in 0..<5 {
            let values = sampler.draw(seed: RunSeed.seed(master: 1, run: run), stream: stream)
            let draw = Dictionary(uniqueKeysWithValues: zip(sampler.parameters.map(\.name), values))
            guard var inputs = try? study.inputs(with: draw) else { continue }
            let exact = try study.model.run(inputs, options: study.solver)
            inputs.options["scheme"] = "reference"
            inputs.parameters["referenceStep"] = 0.01
            let reference = try study.model.run(inputs, options: study.solver)
            for name in ["rampup_start", "automation_gns_20%", "automation_gns_100%", "automation_rnd_20%", "automation_rnd_100%",
                         "sub_agi_year", "agi_year"] {
                switch (exact.metric(name), reference.metric(name)) {
                case let (a?, b?):
                    #expect(abs(a - b) <= 0.1, "run \(run) \(name): exact \(a), reference at 0.01 \(b)")
                    compared += 1
                case (nil, nil): continue
                case let (a, b): Issue.record("run \(run) \(name): exact \(String(describing: a)), reference \(String(describing: b))")
                }
            }
        }
        #expect(compared >= 25)
    }
}

extension ComputeCentricExactTests {
    @Test("another save grid: rows on it, metrics (the _grid ones too) as on the default grid")
    func outputGrid() throws {
        let path = packageRoot.appendingPathComponent("Models/ccf-best-guess.toml").path
        let standard = try ScenarioLoader.load(path: path).run()
        let quarter = try ScenarioLoader.load(path: path, overrides: ["time.saveEvery=0.25"]).run()
        #expect(quarter.years.count == 313 && quarter.years[1] == 2022.25 && quarter.years.last == 2100)
        for info in ComputeCentricModel.metrics {
            let a = try #require(standard.metric(info.name)), b = try #require(quarter.metric(info.name))
            #expect(abs(a - b) <= 1e-5, "\(info.name): \(a) on the 0.1 grid, \(b) with rows every 0.25")
        }
        let gwpA = try #require(standard.column("gwp")), gwpB = try #require(quarter.column("gwp"))
        for (k, year) in quarter.years.enumerated() where k % 8 == 0 {
            let i = try #require(standard.years.firstIndex { abs($0 - year) < 1e-9 })
            // Different save times, different steps: the runs agree to their global error (1.3e-6 at worst).
            #expect(abs(gwpB[k] / gwpA[i] - 1) <= 1e-5, "gwp at \(year)")
        }
    }
}

@Suite("ccf closed-form sector")
struct ClosedFormSectorTests {
    /// The explicit path, independently: the allocation solved task by task, then the nested CES and the shares.
    static func explicit(_ s: CCFClosedFormSector, X: Double, L: Double, C: Double, A: Int, logRun: Double, tfp: Double,
                         training: [Double], runtime: [Double]) -> (output: Double, automated: Int, labour: Double, compute: Double) {
        let n = s.n
        var eta = [Double](repeating: 0, count: n)
        CCFAlgebra.computeToLabourRatios(training: training, runtime: runtime, biggestRun: exp(logRun), tradeoff: s.tradeoff, into: &eta)
        let allocation = CCFAllocation(tasks: n)
        allocation.solve(labour: L, compute: C, beta: s.inner, rho: s.rho, eta: eta, automatable: A)
        let l = allocation.labour, c = allocation.compute
        let x = (0..<n).map { l[$0] + eta[$0] * c[$0] }
        let automated = (0..<n).filter { eta[$0] * c[$0] > 10 * l[$0] }.count - 1
        let y = CCFAlgebra.nestedCES(outerInput: X, taskInputs: x, outerWeights: s.outer, innerWeights: s.inner,
                                     outerRho: s.outerRho, innerRho: s.rho, tfp: tfp)
        let shares = CCFAlgebra.shares(outerInput: X, labour: l, compute: c, outerWeights: s.outer, innerWeights: s.inner,
                                       eta: eta, outerRho: s.outerRho, innerRho: s.rho)
        return (y, automated, shares.labour, shares.compute)
    }

    @Test("output, automated tasks and factor shares equal the explicit allocation to 1e-12 over random inputs",
          arguments: [-0.5, -2.0, 0.3])
    func againstExplicit(rho: Double) throws {
        var rng = SeededGenerator(seed: 10)
        let n = CCFAlgebra.laborTasks + 1
        // Requirements as the model makes them (stepped, with the tradeoff), weights from a calibration-like spread.
        let training = CCFAlgebra.requirements(top: 1e36, gap: 1e4, tasks: n - 1, steepness: 0.5)
        let runtime = CCFAlgebra.requirements(top: 1.67e16 * CCFAlgebra.secondsPerYear, gap: 10, tasks: n - 1, steepness: 0)
        var counts = Set<Int>()
        for trial in 0..<400 {
            let inner = [Double.random(in: 0.01...0.9, using: &rng)] + [Double](repeating: Double.random(in: 0.001...0.05, using: &rng), count: n - 1)
            let outer = [Double.random(in: 0.1...0.9, using: &rng), Double.random(in: 0.1...0.9, using: &rng)]
            let tradeoff: Double? = trial % 5 == 0 ? nil : 1.5
            let sector = CCFClosedFormSector(inner: inner, outer: outer, rho: rho, outerRho: -0.4, training: training,
                                             runtime: runtime, tradeoff: tradeoff)
            let X = exp(Double.random(in: 20...35, using: &rng)), L = exp(Double.random(in: 15...25, using: &rng))
            let C = exp(Double.random(in: 40...75, using: &rng)), logRun = Double.random(in: 50...95, using: &rng)
            let A = trial % 7 == 0 ? n : Int.random(in: 1...n, using: &rng)
            let tfp = Double.random(in: 1...3, using: &rng)
            let want = Self.explicit(sector, X: X, L: L, C: C, A: A, logRun: logRun, tfp: tfp, training: training, runtime: runtime)
            let got = sector.evaluate(outer: X, labour: L, compute: C, automatable: A, logRun: logRun, tfp: tfp, shares: true)
            #expect(abs(got.output / want.output - 1) <= 1e-12, "trial \(trial): \(got.output) vs \(want.output)")
            #expect(got.automated == want.automated, "trial \(trial)")
            #expect(abs(got.shares.labour - want.labour) <= 1e-12 && abs(got.shares.compute - want.compute) <= 1e-12, "trial \(trial)")
            counts.insert(got.automated)
        }
        // The draws reach many critical indices, from none automated to nearly all.
        #expect(counts.count >= 20)
    }
}

@Suite("ccf: the reference scheme converges to the exact scheme")
struct ComputeCentricConvergenceTests {
    /// The year `series` (log-linearly interpolated between grid points, as the reference's own
    /// sensitivity study does) first reaches `threshold`.
    static func crossing(_ years: [Double], _ series: [Double], _ threshold: Double) -> Double? {
        for k in 1..<series.count where series[k] >= threshold && series[k - 1] < threshold {
            let a = log(series[k - 1]), b = log(series[k])
            return years[k - 1] + (log(threshold) - a) / (b - a) * (years[k] - years[k - 1])
        }
        return nil
    }

    @Test("first order: halving the reference's step halves its distance to the exact milestones and GWP (within 20%)")
    func firstOrder() throws {
        let path = packageRoot.appendingPathComponent("Models/ccf-best-guess.toml").path
        let exact = try ScenarioLoader.load(path: path).run()
        let p = try ComputeCentricModel.makeParameters(ScenarioLoader.load(path: path).inputs)
        let training = CCFReferenceScheme(p, start: 2022, end: 2023).trainingGoods
        func gwp(_ run: ModelRun, at year: Double) throws -> Double {
            let k = try #require(run.years.firstIndex { abs($0 - year) < 1e-6 })
            return log10(try #require(run.column("gwp"))[k])
        }
        // Exact values: the located run-size milestone, and GWP on the save grid.
        let targets: [(String, Double, (ModelRun) throws -> Double?)] = [
            ("agi_year", try #require(exact.metric("agi_year")),
             { r in Self.crossing(r.years, try #require(r.column("biggest_training_run")), training[training.count - 1]) }),
            ("log10 GWP 2050", try gwp(exact, at: 2050), { r in try gwp(r, at: 2050) }),
            ("log10 GWP 2100", try #require(exact.column("gwp")).last.map(log10)!, { r in try #require(r.column("gwp")).last.map(log10) }),
        ]
        let steps = [0.1, 0.05, 0.025, 0.0125]
        var distances = [[Double]](repeating: [], count: targets.count)
        for step in steps {
            let run = try ScenarioLoader.load(path: path, overrides: ["options.scheme=reference", "parameters.referenceStep=\(step)"]).run()
            for (i, target) in targets.enumerated() { distances[i].append(try #require(try target.2(run)) - target.1) }
        }
        // The 20% run-size milestone (2037) has almost no first-order term: within 0.005 years at
        // every step, below the interpolation's own error, so its distance is only bounded.
        let subAGI = try #require(exact.metric("sub_agi_year"))
        for step in steps {
            let run = try ScenarioLoader.load(path: path, overrides: ["options.scheme=reference", "parameters.referenceStep=\(step)"]).run()
            let runs = try #require(run.column("biggest_training_run"))
            let year = try #require(Self.crossing(run.years, runs, training[20]))
            #expect(abs(year - subAGI) <= 0.005, "sub_agi_year at step \(step): \(year) vs exact \(subAGI)")
        }
        for (i, target) in targets.enumerated() {
            let d = distances[i]
            for k in 1..<d.count {
                let ratio = d[k - 1] / d[k]
                #expect(ratio >= 1.6 && ratio <= 2.4, "\(target.0): distances \(d), ratio \(ratio) at step \(steps[k])")
            }
        }
    }
}
