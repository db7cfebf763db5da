import Foundation

extension CCFReferenceScheme {
    /// The reference's metrics, by its definitions on the step grid (docs/ccf-model-notes.md §9);
    /// `nil` where a threshold is never reached (the reference's NaN).
    func metrics() -> [String: Double?] {
        func firstTime(_ condition: (Int) -> Bool) -> Double? {
            (0..<steps).first(where: condition).map(time)
        }
        func between(_ a: (Int) -> Bool, _ b: (Int) -> Bool, count: Int? = nil) -> Double? {
            let range = 0..<(count ?? steps)
            guard let i = range.first(where: a), let j = range.first(where: b) else { return nil }
            return Double(j - i) * dt
        }
        var out: [String: Double?] = [:]
        for threshold in [0.2, 1.0] {
            let label = Int(threshold * 100)
            out["automation_gns_\(label)%"] = firstTime { s.frac_tasks_automated_goods[$0] >= threshold }
            out["automation_rnd_\(label)%"] = firstTime { s.frac_tasks_automated_rnd[$0] >= threshold }
        }
        out["sub_agi_year"] = subAGIYear
        out["agi_year"] = agiYear
        out["rampup_start"] = rampupStart
        out["full_automation_gns"] = between({ s.frac_tasks_automated_goods[$0] > 0.2 }, { s.frac_tasks_automated_goods[$0] >= 1 })
        out["full_automation_rnd"] = between({ s.frac_tasks_automated_rnd[$0] > 0.2 }, { s.frac_tasks_automated_rnd[$0] >= 1 })
        out["sub_agi_to_agi"] = agiYear.flatMap { agi in subAGIYear.map { agi - $0 } }
        out["cog_output_multiplier"] = between({ s.automation_multiplier_rnd[$0] > 2 }, { s.automation_multiplier_rnd[$0] > 10 })
        // Forward-looking one-year GWP growth over steps 0..<last−n (the reference stops one short).
        let delta = Int(1 / dt)
        let last = steps - 1
        if last - delta > 0 {
            let growth = (0..<(last - delta)).map { log(s.gwp[$0 + delta] / s.gwp[$0]) }
            out["gwp_growth"] = between({ growth[$0] > 0.05 }, { growth[$0] > 0.20 }, count: growth.count)
        } else {
            out["gwp_growth"] = nil
        }
        let doubling = doublingTimes()
        for i in 0..<5 { out["gwp_doubling_time.\(i + 1)"] = i < doubling.count ? doubling[i] : nil }
        return out
    }

    /// GWP doubling times: the first is the initial instantaneous one, Δ/log₂(Y₁/Y₀); then,
    /// from wake-up, the time until GWP first exceeds twice its value at the last reference
    /// point, resetting the reference each time. Rounded to 2 decimals, first five, as the reference.
    func doublingTimes() -> [Double] {
        guard steps > 1 else { return [] }
        var out = [dt / log2(s.gwp[1] / s.gwp[0])]
        if let wake = rampupStart {
            var reference = Int(((wake - start) / dt).rounded(.toNearestOrEven))
            for k in reference..<steps where s.gwp[k] > 2 * s.gwp[reference] {
                out.append(time(k) - time(reference))
                reference = k
            }
        }
        return out.prefix(5).map { ($0 * 100).rounded(.toNearestOrEven) / 100 }
    }
}
