import Foundation
import Testing
import TakeoffCore
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels

/// The reference outputs (Tests/Fixtures/ftm-best-guess, from epoch-research/ftm).
enum FTMReference {
    static let folder = packageRoot.appendingPathComponent("Tests/Fixtures/ftm-best-guess")

    /// Rows of a CSV file as dictionaries (plain comma-separated numbers and names).
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }
}

/// The best-guess preset at step `step`.
func ccfBestGuess(step: Double) throws -> ModelRun {
    try ScenarioLoader.load(path: packageRoot.appendingPathComponent("Models/ccf-best-guess-reference.toml").path,
                            overrides: ["parameters.referenceStep=\(step)"]).run()
}

@Suite("ccf: the compute-centric framework against its reference implementation")
struct ComputeCentricReferenceTests {
    static let names = ["sub_agi_year", "agi_year", "automation_gns_20%", "automation_gns_100%", "automation_rnd_20%",
                        "automation_rnd_100%", "rampup_start", "full_automation_gns", "full_automation_rnd", "sub_agi_to_agi",
                        "cog_output_multiplier", "gwp_growth"]

    @Test("best guess: every milestone and takeoff metric equals the reference row", arguments: ["0.2", "0.1", "0.05", "0.025", "0.01"])
    func metrics(step: String) throws {
        let row = try #require(try FTMReference.rows("metrics.csv").first { $0["t_step"] == step })
        let run = try ccfBestGuess(step: Double(step)!)
        for name in Self.names {
            let want = try #require(Double(row[name]!))
            let got = try #require(run.metric(name), "\(name) undefined")
            // The reference prints grid years and multiples of the step; 1e-9 absorbs float spelling only.
            #expect(abs(got - want) <= 1e-9, "t_step \(step) \(name): \(got) vs \(want)")
        }
        for name in Self.names { #expect(run.metric(name + "_grid") == run.metric(name), "\(name)_grid") }
        let doubling = row["doubling_times"]!.split(separator: ";").map { Double($0)! }
        for (i, want) in doubling.enumerated() {
            let got = try #require(run.metric("gwp_doubling_time.\(i + 1)"))
            #expect(abs(got - want) <= 1e-9, "t_step \(step) doubling time \(i + 1): \(got) vs \(want)")
        }
    }

    @Test("best guess at step 0.1: every series column within 1e-6 relative through 2045, and within 1e-8 over the whole run")
    func series() throws {
        let reference = try FTMReference.rows("series.csv")
        let run = try ccfBestGuess(step: 0.1)
        #expect(run.years.count == reference.count)
        var worst = (difference: 0.0, column: "", year: 0.0)
        for name in reference[0].keys where name != "year" {
            let ours = try #require(run.column(name), "column \(name) missing")
            for (k, row) in reference.enumerated() {
                let want = Double(row[name]!)!, got = ours[k]
                // The reference file carries 10 significant digits.
                let difference = want == got ? 0 : abs(got - want) / max(abs(want), abs(got))
                if run.years[k] <= 2045 + 1e-9 {
                    #expect(difference <= 1e-6, "\(name) at \(run.years[k]): \(got) vs \(want)")
                }
                if difference > worst.difference { worst = (difference, name, run.years[k]) }
            }
        }
        #expect(worst.difference <= 1e-8, "largest difference \(worst.difference) in \(worst.column) at \(worst.year)")
    }

    @Test("calibration reproduces the start-year shares, GWP and R&D inputs exactly")
    func calibration() throws {
        let run = try ccfBestGuess(step: 0.1)
        func first(_ name: String) throws -> Double { try #require(run.column(name)?.first) }
        #expect(abs(try first("gwp") - 8.5e13) <= 1e-12 * 8.5e13)
        #expect(abs(try first("capital_share_goods") - 0.5) <= 1e-12)
        #expect(abs(try first("compute_share_goods") - 0.01 * 0.5) <= 1e-12)
        #expect(abs(try first("labour_share_goods") - (0.5 - 0.005)) <= 1e-12)
        #expect(abs(try first("rnd_input_hardware") - 0.002 * 8.5e13) <= 1e-12 * 1.7e11)
        #expect(abs(try first("rnd_input_software") - 0.0002 * 8.5e13) <= 1e-12 * 1.7e10)
    }
}

@Suite("ccf algebra")
struct ComputeCentricAlgebraTests {
    /// The CES output of an allocation.
    func output(_ l: [Double], _ c: [Double], beta: [Double], eta: [Double], rho: Double) -> Double {
        CCFAlgebra.ces(zip(l, zip(c, eta)).map { $0 + $1.0 * $1.1 }, beta, rho)
    }

    @Test("the allocation is optimal: first-order conditions hold and 20,000 random allocations per case never beat it",
          arguments: [-0.5, -2.0, 0.3])
    func allocationOptimal(rho: Double) {
        var rng = SeededGenerator(seed: 2023)
        let n = 4
        for trial in 0..<12 {
            let beta = (0..<n).map { _ in Double.random(in: 0.2...1, using: &rng) }
            let eta = (0..<n).map { _ in Double.random(in: 0.05...5, using: &rng) }.sorted(by: >)
            let L = Double.random(in: 0.5...3, using: &rng), C = Double.random(in: 0.5...3, using: &rng)
            let automatable = 1 + trial % n
            let solver = CCFAllocation(tasks: n)
            solver.solve(labour: L, compute: C, beta: beta, rho: rho, eta: eta, automatable: automatable)
            let l = solver.labour, c = solver.compute
            #expect(abs(l.reduce(0, +) - L) <= 1e-9 * L && abs(c.reduce(0, +) - C) <= 1e-9 * C)
            #expect(l.allSatisfy { $0 >= -1e-12 } && c.allSatisfy { $0 >= -1e-12 })
            #expect(c[automatable...].allSatisfy { $0 == 0 })
            let best = output(l, c, beta: beta, eta: eta, rho: rho)
            // Brute force: random feasible allocations (uniform on the product of simplices).
            var bestRandom = 0.0
            for _ in 0..<20_000 {
                var lr = (0..<n).map { _ in -log(Double.random(in: 1e-300...1, using: &rng)) }
                var cr = (0..<automatable).map { _ in -log(Double.random(in: 1e-300...1, using: &rng)) }
                let ls = lr.reduce(0, +), cs = cr.reduce(0, +)
                lr = lr.map { $0 / ls * L }
                cr = cr.map { $0 / cs * C } + [Double](repeating: 0, count: n - automatable)
                bestRandom = max(bestRandom, output(lr, cr, beta: beta, eta: eta, rho: rho))
            }
            #expect(bestRandom <= best * (1 + 1e-12), "trial \(trial): random \(bestRandom) beats \(best)")
            // First-order conditions: equal marginal products where a factor is used, no higher elsewhere.
            let x = (0..<n).map { l[$0] + eta[$0] * c[$0] }
            let marginal = (0..<n).map { beta[$0] * pow(x[$0], rho - 1) }
            let muL = (0..<n).filter { l[$0] > 1e-12 }.map { marginal[$0] }.max() ?? 0
            let muC = (0..<automatable).filter { c[$0] > 1e-12 }.map { eta[$0] * marginal[$0] }.max() ?? 0
            for i in 0..<n {
                if l[i] > 1e-12 { #expect(abs(marginal[i] - muL) <= 1e-8 * muL) } else { #expect(marginal[i] <= muL * (1 + 1e-8)) }
                if i < automatable {
                    if c[i] > 1e-12 { #expect(abs(eta[i] * marginal[i] - muC) <= 1e-8 * muC) } else { #expect(eta[i] * marginal[i] <= muC * (1 + 1e-8)) }
                }
            }
        }
    }

    @Test("CES tends to Cobb-Douglas as ρ → 0 and to the minimum (Leontief) as ρ → −∞")
    func cesLimits() {
        let x = [1.3, 2.0, 1.1, 1.7], alpha = [0.1, 0.4, 0.3, 0.2]
        // ln CES(ρ) = E[ln x] + (ρ/2)·Var[ln x] + O(ρ²) under the weights: Cobb-Douglas at ρ = 0,
        // approached at the rate the expansion gives (ρ = 0 itself would divide by zero).
        let mean = zip(x, alpha).map { log($0) * $1 }.reduce(0, +)
        let variance = zip(x, alpha).map { pow(log($0) - mean, 2) * $1 }.reduce(0, +)
        for rho in [1e-3, 1e-4, -1e-4] {
            let residual = log(CCFAlgebra.ces(x, alpha, rho)) - mean - rho / 2 * variance
            #expect(abs(residual) <= 0.1 * rho * rho + 1e-11, "ρ = \(rho): \(residual)")
        }
        for rho in [-50.0, -200.0, -600.0] {
            let y = CCFAlgebra.ces(x, alpha, rho)
            // min ≤ CES ≤ min·(α_min/Σα)^(1/ρ): the gap closes like ln(Σα/α_min)/|ρ|.
            #expect(y >= 1.1 * (1 - 1e-12) && y <= 1.1 * pow(0.3, 1 / rho) * (1 + 1e-12), "ρ = \(rho): \(y)")
        }
    }

    @Test("requirements: anchors hit at their quantiles, task 0 needs 1, non-decreasing")
    func requirements() {
        let r = CCFAlgebra.requirements(top: 1e36, gap: 1e4, tasks: 101, steepness: 0)
        #expect(r.count == 102 && r[0] == 1)
        #expect(abs(r[101] - 1e36) <= 1e-9 * 1e36)                 // q = 1
        #expect(abs(r[51] / (1e36 / pow(1e4, 4.0 / 7)) - 1) <= 1e-9) // q = 0.5
        #expect(abs(r[21] / (1e36 / 1e4) - 1) <= 1e-9)                // q = 0.2: the gap
        #expect(zip(r.dropFirst(), r.dropFirst(2)).allSatisfy { $0 <= $1 })
    }
}
