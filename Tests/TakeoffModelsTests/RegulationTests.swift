import Foundation
import Testing
import TakeoffCore
import TakeoffIO
import TakeoffStudies
@testable import TakeoffModels

/// A regulation scenario: a span, parameters and extra tables.
func regulation(_ body: String, parameters: String = "", end: Double = 2070, save: String = "saveEvery = 0.5") throws -> ModelRun {
    let text = """
    model = "regulation"
    [time]
    start = 2025.0
    end = \(end)
    \(save)
    [parameters]
    \(parameters)
    [solver]
    relativeTolerance = 1e-12
    absoluteTolerance = 1e-12
    \(body)
    """
    return try ScenarioLoader.parse(text: text, file: "t.toml").run()
}

/// ln of the start-year world effective compute (the balanced-growth stock of compute-growth).
let worldStart = log(ComputeGrowthModel.balancedHardware(ComputeGrowthModel.makeParameters(
    Dictionary(uniqueKeysWithValues: ComputeGrowthModel.parameters.map { ($0.name, $0.defaultValue) }))))

@Suite("Regulation model against closed forms (to 1e-6 years)")
struct RegulationClosedFormTests {
    @Test("catch-up lag: 1/D of the resources at growth G lags ln D / ln G", arguments: [(4.0, 2.0), (16.0, 1.0)])
    func catchUp(growth: Double, lag: Double) throws {
        let run = try regulation("""
        [actors.leader]
        share = 0.8
        growthPerYear = \(growth)
        [actors.follower]
        share = 0.05
        growthPerYear = \(growth)
        """)
        let leader = try #require(run.metric("yearReached.leader"))
        let follower = try #require(run.metric("yearReached.follower"))
        #expect(abs((follower - leader) - lag) < 1e-6, "lag \(follower - leader)")
        #expect(abs(run.metric("leadMonths")! - 12 * lag) < 1e-5)
    }

    @Test("a decaying level restriction delays by max(0, (ln R0 − δ t_u)/(g + δ)), affine in ln R0")
    func levelRestriction() throws {
        let g = log(4.0), share = 0.1, tu = 5.0
        let threshold = exp(worldStart + log(share) + g * tu)   // reached t_u = 5 years after 2025
        for decay in [0.0, 0.25, 0.5, 1.0] {
            var previous: (lnR: Double, delay: Double)?
            for oom in [0.5, 1.0, 2.0, 3.0, 4.0] {
                let run = try regulation("""
                [actors.defector]
                share = \(share)
                growthPerYear = 4.0
                [restrictions.controls]
                kind = "level"
                actors = ["defector"]
                start = 2025.0
                strengthOOM = \(oom)
                decayRatePerYear = \(decay)
                """, parameters: "dangerThreshold = \(threshold)")
                let lnR = oom * log(10.0)
                let expected = max(0, (lnR - decay * tu) / (g + decay))
                let delay = try #require(run.metric("delayBoughtMonths.defector")) / 12
                #expect(abs(delay - expected) < 1e-6, "R0 = 1e\(oom), δ = \(decay): \(delay) vs \(expected)")
                if lnR > decay * tu {
                    if let previous, previous.lnR > decay * tu {
                        let slope = (delay - previous.delay) / (lnR - previous.lnR)
                        #expect(abs(slope - 1 / (g + decay)) < 1e-6, "slope \(slope)")
                    }
                } else {
                    #expect(abs(delay) < 1e-6)
                }
                previous = (lnR, delay)
            }
        }
    }

    @Test("a rate restriction's delay solves g t − (ρ0/δ)(1 − e^(−δt)) = ln(X/E0), → ρ0/(δ g) late")
    func rateRestriction() throws {
        let g = log(4.0), share = 0.1, rho = 0.5, decay = 1.0
        for tu in [1.0, 3.0, 10.0, 40.0] {
            let threshold = exp(worldStart + log(share) + g * tu)
            let run = try regulation("""
            [actors.defector]
            share = \(share)
            growthPerYear = 4.0
            [restrictions.drag]
            kind = "rate"
            actors = ["defector"]
            start = 2025.0
            dragPerYear = \(rho)
            decayRatePerYear = \(decay)
            """, parameters: "dangerThreshold = \(threshold)", end: 2080)
            var lo = 0.0, hi = 100.0
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if g * mid - rho / decay * (1 - exp(-decay * mid)) < g * tu { lo = mid } else { hi = mid }
            }
            let reached = try #require(run.metric("yearReached.defector")) - 2025
            #expect(abs(reached - 0.5 * (lo + hi)) < 1e-6, "t_u \(tu): \(reached) vs \(0.5 * (lo + hi))")
            let delay = try #require(run.metric("delayBoughtMonths.defector")) / 12
            if tu == 40 { #expect(abs(delay - rho / (decay * g)) < 1e-6, "late delay \(delay)") }
        }
    }

    @Test("own-state feedback: the follower retraces the leader's path")
    func retrace() throws {
        // Constant world hardware (no spending growth, balanced stock, no price-performance
        // trend), constant researchers, φ = 1, no ceiling: each actor's growth depends only on
        // its own effective compute. Weak returns (ψ = 0.2) keep the blow-up beyond the span.
        let world = """
        spendingGrowthPerYear = 1.0
        gwpGrowthPerYear = 1.0
        hardwareDoublingYears = 1e15
        researcherGrowthRate = 0.0
        researchFeedback = 1.0
        softwareCeiling = 0.0
        parallelReturns = 0.2
        capabilityValue = 0.2
        """
        let pair = try regulation("""
        [actors.leader]
        share = 0.8
        growth = "feedback"
        [actors.follower]
        share = 0.05
        growth = "feedback"
        """, parameters: world + "\ndangerThreshold = 1e31", end: 2060)
        let lag = try #require(pair.metric("yearReached.follower")) - (try #require(pair.metric("yearReached.leader")))
        // The time the follower takes to grow by D = 16, to the leader's start.
        let leaderStart = try #require(pair.column("leader.effectiveCompute")?.first)
        let alone = try regulation("""
        [actors.follower]
        share = 0.05
        growth = "feedback"
        """, parameters: world + "\ndangerThreshold = \(leaderStart)", end: 2060)
        let growByD = try #require(alone.metric("yearReached.follower")) - 2025
        #expect(abs(lag - growByD) < 1e-6, "lag \(lag), growth by 16 takes \(growByD)")
    }

    @Test("growth accelerating in calendar time, or diffusing progress, shortens the lag below ln D / ln G")
    func shorterLag() throws {
        let accelerating = try regulation("""
        [actors.leader]
        share = 0.8
        growthPerYear = 4.0
        accelerationPerYear = 0.1
        [actors.follower]
        share = 0.05
        growthPerYear = 4.0
        accelerationPerYear = 0.1
        """)
        let a = try #require(accelerating.metric("yearReached.follower")) - (try #require(accelerating.metric("yearReached.leader")))
        #expect(a < 2 - 1e-3, "accelerating: \(a)")
        let diffusing = try regulation("""
        [actors.leader]
        share = 0.8
        growthPerYear = 4.0
        [actors.follower]
        share = 0.05
        growthPerYear = 4.0
        """, parameters: "diffusionRate = 0.3")
        let d = try #require(diffusing.metric("yearReached.follower")) - (try #require(diffusing.metric("yearReached.leader")))
        #expect(d < 2 - 1e-3, "diffusing: \(d)")
    }

    @Test("theft: right after it the thief holds the victim's capability minus the handicap")
    func theft() throws {
        let run = try regulation("""
        [actors.victim]
        share = 0.5
        growthPerYear = 4.0
        [actors.thief]
        share = 0.01
        growthPerYear = 3.0
        [theft]
        thief = "thief"
        victim = "victim"
        startYear = 2026.0
        effortMonths = 9.0
        handicapOOM = 0.5
        """, end: 2035, save: "")
        let year = try #require(run.metric("theftYear"))
        #expect(abs(year - 2026.75) < 1e-9)
        let rows = run.years.indices.filter { run.years[$0] == year }
        #expect(rows.count == 2, "the state before and after the theft are both saved")
        let after = try #require(rows.last)
        let thief = run.column("thief.capability")![after], victim = run.column("victim.capability")![after]
        #expect(abs(log10(victim / thief) - 0.5) < 1e-9)
        // Before it, the thief had its own, far lower, capability.
        #expect(run.column("thief.capability")![rows[0]] < thief / 10)
    }
}

@Suite("Regulation scenario errors")
struct RegulationErrorTests {
    func error(_ body: String) -> ScenarioError? {
        let text = "model = \"regulation\"\n[time]\nstart = 2025.0\nend = 2035.0\n" + body
        do { _ = try ScenarioLoader.parse(text: text, file: "t.toml"); return nil } catch { return error }
    }

    @Test("errors name their key paths", arguments: [
        ("[actors.a]\nshare = 0.5\ngrowthPerYear = 4.0\n[restrictions.r]\nkind = \"level\"\nactors = [\"b\"]\nstart = 2025.0\nstrengthOOM = 1.0\n",
         "restrictions.r.actors[0]"),
        ("[actors.a]\nshare = 0.7\ngrowthPerYear = 4.0\n[actors.b]\nshare = 0.5\ngrowthPerYear = 4.0\n", "actors.a.share"),
        ("[actors.a]\nshare = 0.5\ngrowthPerYear = 4.0\n[theft]\nthief = \"a\"\nvictim = \"a\"\nstartYear = 2026.0\neffortMonths = 3.0\n",
         "theft.thief"),
        ("[actors.a]\nshare = 0.5\ngrowthPerYear = 4.0\n[actors.b]\nshare = 0.1\ngrowthPerYear = 4.0\n[theft]\nthief = \"b\"\nvictim = \"a\"\nstartYear = 2036.0\neffortMonths = 3.0\n",
         "theft.startYear"),
        ("[actors.a]\nshare = 0.5\n", "actors.a.growthPerYear"),
        ("[actors.a]\nshare = 0.5\ngrowthPerYear = 4.0\ncolour = 1\n", "actors.a.colour"),
        ("", "actors"),
    ])
    func keyPaths(body: String, keyPath: String) throws {
        let e = try #require(error(body))
        #expect(e.keyPath == keyPath, "\(e)")
    }

    @Test("every regulation preset runs")
    func presets() throws {
        let folder = packageRoot.appendingPathComponent("Models")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("regulation") {
            let run = try ScenarioLoader.load(path: folder.appendingPathComponent(name).path).run()
            #expect(run.status == .success, "\(name)")
        }
    }
}
