import Foundation
import Testing
import TakeoffCore
@testable import TakeoffIO
import TakeoffModels
import TakeoffStudies

/// An equation model file: `model = "equations"`, a time span and the given tables.
func equationFile(_ tables: String, start: Double = 0, end: Double = 10, save: Double = 0.5,
                  solver: String = "stepper = \"rk8pd\"\nrelativeTolerance = 1e-10\nabsoluteTolerance = 1e-12") -> String {
    "model = \"equations\"\n[time]\nstart = \(start)\nend = \(end)\nsaveEvery = \(save)\n[solver]\n\(solver)\n" + tables
}

func runEquations(_ text: String, overrides: [String] = []) throws -> ModelRun {
    try ScenarioLoader.parse(text: text, file: "model.toml", overrides: overrides).run()
}

@Suite("Equation models against closed forms")
struct EquationModelTests {
    /// x' = r x: x = x₀ e^{rt}, the doubling at ln 2 / r, the value at the event exactly 2 x₀.
    @Test("exponential growth: trajectory, located doubling and metrics at events")
    func exponential() throws {
        let run = try runEquations(equationFile("""
            [parameters]
            r = { value = 0.7, unit = "1/year", meaning = "growth rate", source = "test" }
            x0 = 2.0
            [states]
            x = "x0"
            [derivatives]
            x = "r * x"
            [events.doubled]
            when = "x - 2 * x0"
            direction = "rising"
            [metrics]
            doublingTime = "doubled"
            atDoubling = "x@doubled"
            atEnd = "x@end"
            largest = "x@max"
            """))
        #expect(run.status == .success)
        let x = try #require(run.column("x"))
        for (i, t) in run.years.enumerated() { #expect(abs(x[i] / (2 * exp(0.7 * t)) - 1) < 1e-8, "x at \(t)") }
        #expect(abs(try #require(run.metric("doublingTime")) - log(2) / 0.7) < 1e-9)
        #expect(abs(try #require(run.metric("atDoubling")) / 4 - 1) < 1e-8)
        #expect(abs(try #require(run.metric("atEnd")) / (2 * exp(7)) - 1) < 1e-8)
        #expect(run.metric("largest") == run.metric("atEnd"))
    }

    /// x' = r x (1 − x/K): x = K / (1 + (K/x₀ − 1) e^{−rt}); the midpoint at ln(K/x₀ − 1)/r.
    @Test("logistic growth with an auxiliary observable and a hidden one")
    func logistic() throws {
        let run = try runEquations(equationFile("""
            [parameters]
            r = 1.3
            K = 50.0
            [states]
            x = 1.0
            [derivatives]
            x = "r * x * crowding"
            [auxiliaries]
            crowding = { expr = "1 - x / K", hidden = true }
            share = { expr = "x / K", unit = "1", meaning = "fraction of capacity" }
            [events.half]
            when = "share - 0.5"
            [metrics]
            midpoint = "half"
            """))
        #expect(run.columns == ["x", "share"])
        let x = try #require(run.column("x")), share = try #require(run.column("share"))
        for (i, t) in run.years.enumerated() {
            let exact = 50 / (1 + 49 * exp(-1.3 * t))
            #expect(abs(x[i] / exact - 1) < 1e-8 && abs(share[i] - exact / 50) < 1e-9, "at \(t)")
        }
        #expect(abs(try #require(run.metric("midpoint")) - log(49) / 1.3) < 1e-9)
    }

    /// x' = −y, y' = x: a rotation; y crosses zero falling at t = π (and rising at 2π).
    @Test("a 2×2 linear system: rotation, directions of crossing")
    func rotation() throws {
        let run = try runEquations(equationFile("""
            [states]
            x = 1.0
            y = 0.0
            [derivatives]
            x = "-y"
            y = "x"
            [events.halfTurn]
            when = "y"
            direction = "falling"
            [events.fullTurn]
            when = "y"
            direction = "rising"
            [metrics]
            half = "halfTurn"
            full = "fullTurn"
            xAtHalf = "x@halfTurn"
            """, end: 7))
        #expect(abs(try #require(run.metric("half")) - Double.pi) < 1e-9)
        #expect(abs(try #require(run.metric("full")) - 2 * Double.pi) < 1e-9)
        #expect(abs(try #require(run.metric("xAtHalf")) + 1) < 1e-9)
        let x = try #require(run.column("x"))
        for (i, t) in run.years.enumerated() { #expect(abs(x[i] - cos(t)) < 1e-9, "x at \(t)") }
    }

    /// y' = k y²: y = y₀ / (1 − k y₀ t), a blow-up at t* = 1 / (k y₀) — a result, with its time.
    @Test("finite-time blow-up: the singularity status, its time and the singularity metric")
    func blowUp() throws {
        let run = try runEquations(equationFile("""
            [parameters]
            k = 0.5
            [states]
            y = 0.25
            [derivatives]
            y = "k * y^2"
            [metrics]
            blowUp = "singularity"
            yEnd = "y@end"
            """, end: 20))
        #expect(run.status == .singularity)
        let t = try #require(run.metric("blowUp"))
        #expect(abs(t - 8) < 1e-4, "t* = 8, got \(t)")
        // As for the built-in models, `@end` of a run that stopped early is its last point.
        let last = try #require(run.years.last)
        let yEnd = try #require(run.metric("yEnd"))
        #expect(last < 8 && last > 7.99 && yEnd > 1e6, "ended at \(last) with y = \(yEnd)")
    }

    /// A sawtooth: x' = 1 with x reset by 1 each time it reaches 1, and a parameter doubled at
    /// each reset: events at 1, 2, 3, … and z' = r doubles its slope each time.
    @Test("events that set a state and a parameter, with before-event values, continue exactly")
    func resets() throws {
        let run = try runEquations(equationFile("""
            [parameters]
            r = 1.0
            [states]
            x = 0.0
            z = 0.0
            [derivatives]
            x = "1"
            z = "r"
            [events.wrap]
            when = "x - 1"
            direction = "rising"
            set = { x = "x - 1", r = "2 * r" }
            [metrics]
            firstWrap = "wrap"
            zAtWrap = "z@wrap"
            """, end: 4.5))
        let wraps = run.events.filter { $0.name == "wrap" }.map(\.time)
        #expect(wraps.count == 4)
        for (i, w) in wraps.enumerated() { #expect(abs(w - Double(i + 1)) < 1e-9, "wrap \(i)") }
        let x = try #require(run.column("x")), z = try #require(run.column("z"))
        // z(t) = Σ 2^k over whole years + 2^⌊t⌋ (t − ⌊t⌋) = 2^⌊t⌋ − 1 + 2^⌊t⌋ frac(t).
        for (i, t) in run.years.enumerated() where abs(t - t.rounded()) > 1e-6 {
            let n = floor(t), exact = pow(2, n) - 1 + pow(2, n) * (t - n)
            #expect(abs(x[i] - (t - n)) < 1e-8 && abs(z[i] - exact) < 1e-8, "at \(t)")
        }
        #expect(abs(try #require(run.metric("zAtWrap")) - 1) < 1e-9)
    }

    /// An auxiliary of parameters only is computed once per run (hoisted), and again when an
    /// event sets one of its parameters: w' = slope with slope = 2 r; r triples at t = 1.
    @Test("an auxiliary of parameters only follows a parameter that an event sets")
    func derivedParameterAfterSet() throws {
        let run = try runEquations(equationFile("""
            [parameters]
            r = 0.5
            [states]
            w = "slope"
            [derivatives]
            w = "slope"
            [auxiliaries]
            slope = { expr = "2 * r", unit = "1/year", meaning = "slope" }
            [events.change]
            when = "t - 1"
            set = { r = "3 * r" }
            [metrics]
            wEnd = "w@end"
            slopeEnd = "slope@end"
            slopeBefore = "slope@change"
            """, end: 2))
        // w(0) = 1, w(1) = 2, then slope 3: w(2) = 5.
        #expect(abs(try #require(run.metric("wEnd")) - 5) < 1e-8)
        #expect(run.metric("slopeEnd") == 3 && run.metric("slopeBefore") == 1)
        let slope = try #require(run.column("slope"))
        #expect(slope.first == 1 && slope.last == 3)
    }

    /// `terminate` stops the run at the crossing; `after = 2` at the second one.
    @Test("terminate, and terminate after the n-th crossing")
    func terminate() throws {
        let text = { (after: String) in equationFile("""
            [states]
            y = 0.0
            [derivatives]
            y = "1"
            [auxiliaries]
            wave = "sin(3.141592653589793 * t)"
            [events.zero]
            when = "wave"
            direction = "falling"
            action = "terminate"
            \(after)
            """, end: 10) }
        let once = try runEquations(text(""))
        #expect(once.status == .terminatedByEvent && once.terminatingEvent == "zero")
        #expect(abs(try #require(once.years.last) - 1) < 1e-9)
        let twice = try runEquations(text("after = 2"))
        #expect(abs(try #require(twice.years.last) - 3) < 1e-9)
    }

    /// The decision documented in Models/README.md: a switch inside a derivative is left to the
    /// error control (not located). x' = if(t < 1, 1, −1) from 0 gives x(2) = 0 to the
    /// tolerance; the error control finds the kink by rejecting the steps that straddle it.
    @Test("a switch inside a derivative is handled by the error control to the tolerance")
    func switchInDerivative() throws {
        let run = try runEquations(equationFile("""
            [states]
            x = 0.0
            [derivatives]
            x = "if(t < 1, 1, -1)"
            [metrics]
            xEnd = "x@end"
            """, end: 2))
        #expect(abs(try #require(run.metric("xEnd"))) < 1e-9)
        #expect(run.stats.rejectedSteps > 0, "the kink is found by step rejection")
        #expect(run.events.isEmpty, "no event is made from a switch")
    }

    /// x'(t) = −x(t − τ) with x = 1 before the start: by the method of steps x = 1 − t on
    /// [0, 1] and 1 − t + (t − 1)²/2 on [1, 2], so x(1.5) = −0.375 and x(2) = −0.5.
    @Test("delay(x, τ) through the core's delays matches the method of steps")
    func delayed() throws {
        let text = equationFile("""
            [parameters]
            lag = { value = 1.0, unit = "year", meaning = "delay", source = "test", min = 0 }
            [states]
            x = 1.0
            [derivatives]
            x = "-delay(x, lag)"
            [metrics]
            xEnd = "x@end"
            """, end: 2, save: 0.25)
        let run = try runEquations(text)
        let x = try #require(run.column("x"))
        for (i, t) in run.years.enumerated() {
            let exact = t <= 1 ? 1 - t : 1 - t + (t - 1) * (t - 1) / 2
            #expect(abs(x[i] - exact) < 1e-8, "x at \(t): \(x[i]) against \(exact)")
        }
        #expect(abs(try #require(run.metric("xEnd")) + 0.5) < 1e-8)
        do {
            _ = try ScenarioLoader.parse(text: text, file: "model.toml", overrides: ["parameters.lag=0"])
            Issue.record("a zero delay must be refused")
        } catch {
            #expect(error.message.contains("delay(x, …) is 0.0"), "\(error)")
        }
    }

    /// A derivative that becomes nan (the square root of a negative number past t = 2) is the core's nonFiniteState.
    @Test("a non-finite derivative is the nonFiniteState status, not a crash")
    func nonFinite() throws {
        let run = try runEquations(equationFile("""
            [states]
            x = 1.0
            [derivatives]
            x = "sqrt(2 - t)"
            """, end: 3))
        #expect(run.status == .nonFiniteState, "\(run.status)")
        #expect(try #require(run.years.last) <= 2)
    }

    /// Korinek & Suh (2024), Figure 6(a) (K = L = 1, σ = 1/2): eq. (11) has the closed-form
    /// root Φ = 1 − 1/√2; region 2 at Φ = K/(K+L) = 1/2, where output has doubled.
    @Test("the automation-path file at Figure 6(a)'s values matches the closed forms")
    func automationPathPanelA() throws {
        let path = packageRoot.appendingPathComponent("Models/korinek-suh-automation-path.toml").path
        let run = try ScenarioLoader.load(path: path, overrides: ["parameters.K=1", "parameters.sigma=0.5"]).run()
        #expect(abs(try #require(run.metric("phiAtWagePeak")) - (1 - 1 / 2.0.squareRoot())) < 1e-9)
        #expect(abs(try #require(run.metric("phiRegion2")) - 0.5) < 1e-9)
        #expect(abs(try #require(run.metric("outputGain")) - 2) < 1e-9)
    }

    /// Robertson's stiff kinetics (Hairer & Wanner, II.10) on msbdf with the symbolic Jacobian;
    /// the reference is scipy's Radau at rtol 1e-12, atol 1e-16.
    @Test("Robertson's stiff problem on msbdf matches an independent stiff solver")
    func robertson() throws {
        let run = try runEquations(equationFile("""
            [states]
            a = 1.0
            b = 0.0
            c = 0.0
            [derivatives]
            a = "-0.04 * a + 1e4 * b * c"
            b = "0.04 * a - 1e4 * b * c - 3e7 * b^2"
            c = "3e7 * b^2"
            [metrics]
            aEnd = "a@end"
            bEnd = "b@end"
            cEnd = "c@end"
            """, end: 40, save: 40, solver: "stepper = \"msbdf\"\nrelativeTolerance = 1e-10\nabsoluteTolerance = 1e-14"))
        let reference = ["aEnd": 0.7158270687194148, "bEnd": 9.185534764558208e-06, "cEnd": 0.28416374574582026]
        for (name, value) in reference {
            let got = try #require(run.metric(name))
            #expect(abs(got / value - 1) < 1e-6, "\(name): \(got) against \(value)")
        }
        #expect(run.stats.acceptedSteps < 2000, "a stiff solver should need few steps, took \(run.stats.acceptedSteps)")
    }
}
