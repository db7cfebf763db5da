import Foundation
import Testing
import TakeoffCore
import TakeoffGSL
import TakeoffTestSupport

/// The standard IVP test problems against their published reference solutions
/// (`Benchmarks/ivp/problems.md`), errors in units of the tolerance
/// `max_i |y_i − ref_i| / (atol_i + rtol·|ref_i|)`. Bounds hold the global error (which error
/// propagation amplifies beyond the local tolerance: the Arenstorf orbit passes close to the
/// moon twice) and shrink with the tolerance, which the last test checks.
@Suite("Standard IVP problems")
struct StandardProblemTests {
    func solve(_ standard: StandardProblem, _ stepper: Stepper, rtol: Double, save: SaveSchedule = .at([])) throws -> ODESolution<Void> {
        var options = SolverOptions(stepper: stepper, relativeTolerance: .scalar(rtol),
                                    absoluteTolerance: .perComponent(standard.absolute), save: save)
        options.maxSteps = 200_000
        if case .at(let times) = save, times.isEmpty { options.save = .at([standard.problem.timeSpan.end]) }
        return try ODESolver(options).solve(standard.problem)
    }

    func finalError(_ standard: StandardProblem, _ stepper: Stepper, rtol: Double) throws -> Double {
        let solution = try solve(standard, stepper, rtol: rtol)
        #expect(solution.status == .success, "\(standard.name) \(stepper): \(solution.status)")
        return standard.error(solution.state(at: solution.count - 1), relative: rtol)
    }

    @Test("every analytic Jacobian agrees with central differences at the start", arguments: StandardProblem.all.map(\.name))
    func jacobians(name: String) throws {
        let standard = try #require(StandardProblem.all.first { $0.name == name })
        let check = try #require(try standard.problem.jacobianDiscrepancy(at: 0, state: standard.problem.initialState))
        #expect(check.discrepancy < 1e-5, "\(name): entry (\(check.row), \(check.column)) off by \(check.discrepancy)")
    }

    @Test("Arenstorf orbit closes after one period (rk8pd)")
    func arenstorf() throws {
        // Measured 1.1e3 at rtol 1e-11 (the start of the orbit is judged against atol = 1e-10).
        #expect(try finalError(.arenstorf, .rk8pd, rtol: 1e-11) < 1e4)
    }

    @Test("Pleiades at t = 3 (rk8pd, msadams)")
    func pleiades() throws {
        #expect(try finalError(.pleiades, .rk8pd, rtol: 1e-11) < 50)     // measured 2.0
        #expect(try finalError(.pleiades, .msadams, rtol: 1e-11) < 1e5)  // measured 8.3e3
    }

    @Test("Robertson at t = 1e11 (msbdf, bsimp)")
    func robertson() throws {
        #expect(try finalError(.robertson, .msbdf, rtol: 1e-8) < 20)     // measured 0.76
        #expect(try finalError(.robertson, .bsimp, rtol: 1e-8) < 20)
        // Mass is conserved along the way: y1 + y2 + y3 = 1.
        let s = try solve(.robertson, .msbdf, rtol: 1e-8)
        let y = s.state(at: s.count - 1)
        #expect(abs(y[0] + y[1] + y[2] - 1) < 1e-8)
    }

    @Test("HIRES at t = 321.8122 (msbdf, bsimp)")
    func hires() throws {
        #expect(try finalError(.hires, .msbdf, rtol: 1e-8) < 2e3)        // measured 368
        #expect(try finalError(.hires, .bsimp, rtol: 1e-8) < 2e3)        // measured 40
    }

    /// The stored reference (Radau at rtol 1e-12, cross-checked by LSODA to 7.7e-10; equal to the
    /// test set's VDPOLM value at t = 2000 to 2.3e-13): Tests/Fixtures/ivp/vanderpol-mu1000.csv.
    @Test("Van der Pol, μ = 1000, on the stored reference grid (bsimp, msbdf)")
    func vanDerPol() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/ivp/vanderpol-mu1000.csv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("t,") }
            .map { $0.split(separator: ",").map { Double($0)! } }
        let grid = rows.map { $0[0] }.filter { $0 > 0 && $0 <= 2000 }
        // Measured at rtol 1e-8: bsimp within 5 tolerances; msbdf 5.5e3 on the grid (217 at t = 2000), its
        // error in the timing of the relaxation jumps carried to the points after them.
        for (stepper, bound) in [(Stepper.bsimp, 200.0), (.msbdf, 1e4)] {
            let s = try solve(.vanDerPol, stepper, rtol: 1e-8, save: .at(grid))
            #expect(s.status == .success)
            #expect(s.times == grid)
            var worst = 0.0
            for (k, t) in s.times.enumerated() {
                let ref = try #require(rows.first { $0[0] == t })
                let y = s.state(at: k)
                for i in 0..<2 {
                    let scale: Double = 1e-10 + 1e-8 * abs(ref[i + 1])
                    worst = max(worst, abs(y[i] - ref[i + 1]) / scale)
                }
            }
            #expect(worst < bound, "\(stepper): \(worst) tolerances")
        }
        #expect(try finalError(.vanDerPol, .bsimp, rtol: 1e-8) < 200)   // measured 4.8 against VDPOLM
    }

    @Test("the errors shrink with the tolerance (rk8pd on Pleiades, msbdf on HIRES): at least 10× for 1000×")
    func proportionality() throws {
        let p8 = try finalError(.pleiades, .rk8pd, rtol: 1e-8) * 1e-8, p11 = try finalError(.pleiades, .rk8pd, rtol: 1e-11) * 1e-11
        #expect(p11 < p8 / 10, "Pleiades: \(p8) → \(p11)")
        let h7 = try finalError(.hires, .msbdf, rtol: 1e-7) * 1e-7, h10 = try finalError(.hires, .msbdf, rtol: 1e-10) * 1e-10
        #expect(h10 < h7 / 10, "HIRES: \(h7) → \(h10)")
    }
}

/// The public API for a user writing a problem in Swift (issue: state(at:), dense output,
/// Jacobian check, problems without parameters).
@Suite("Core API")
struct CoreAPITests {
    /// y' = cos t: y = sin t; saved on a coarse grid, read between the points.
    static let sine = ODEProblem(stateNames: ["y"], initialState: [0], timeSpan: (0, 6)) { t, _, dydt in dydt[0] = cos(t) }

    @Test("value(at:) between saved points is the cubic Hermite interpolant (O(h⁴)), not a chord")
    func denseOutput() throws {
        let options = SolverOptions(relativeTolerance: .scalar(1e-12), absoluteTolerance: .scalar(1e-12), save: .every(0.1))
        let s = try ODESolver(options).solve(Self.sine)
        var worst = 0.0
        for k in 0..<600 {
            let t = 0.005 + Double(k) * 0.01
            worst = max(worst, abs(try #require(s.value(0, at: t)) - sin(t)))
        }
        // Hermite error bound h⁴/384·max|y''''| = 1e-4/384 ≈ 2.6e-7; a chord's would be h²/8 = 1.25e-3.
        #expect(worst < 2.7e-7, "largest interpolation error \(worst)")
        #expect(s.state(at: 3)[0] == s.values[3], "state(at:) is indexed from 0")
    }

    @Test("a wrong analytic Jacobian is refused when checked, a right one accepted")
    func jacobianCheck() throws {
        func problem(_ entry: Double) -> ODEProblem<Void> {
            ODEProblem(stateNames: ["a", "b"], initialState: [1, 2], timeSpan: (0, 1),
                       jacobian: .analytic { _, y, dfdy, dfdt, _ in
                           dfdy[0] = -1; dfdy[1] = y[1] * entry; dfdy[2] = 0; dfdy[3] = -2
                           dfdt[0] = 0; dfdt[1] = 0
                       }) { _, y, dydt in
                dydt[0] = -y[0] + 0.5 * y[1] * y[1]
                dydt[1] = -2 * y[1]
            }
        }
        var options = SolverOptions(stepper: .msbdf)
        options.checksJacobian = true
        _ = try ODESolver(options).solve(problem(1))
        #expect(throws: SolverError.self) { try ODESolver(options).solve(problem(1.5)) }
        let check = try #require(try problem(1.5).jacobianDiscrepancy(at: 0, state: [1, 2]))
        #expect(check.row == 0 && check.column == 1 && abs(check.discrepancy - 0.5) < 1e-6)
    }
}
