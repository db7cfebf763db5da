import Foundation

/// The reference's metrics with its conventions on a fixed grid (first grid time a condition holds,
/// "> 20%" to "≥ 100%" for the takeoff spans, forward one-year GWP growth, doubling times rounded
/// to 0.01), from series sampled on that grid. The exact scheme reports them with suffix `_grid`
/// so its results can be compared like with like (notes §9).
enum CCFGridMetrics {
    struct Series {
        var years: [Double]
        var fracGoods: [Double], fracRnd: [Double], fracGoodsNoTradeoff: [Double]
        var multiplierRnd: [Double], gwp: [Double]
    }

    static func compute(_ s: Series, step: Double, trigger: Double) -> [String: Double?] {
        let n = s.years.count
        func first(_ test: (Int) -> Bool, count: Int? = nil) -> Int? { (0..<(count ?? n)).first(where: test) }
        func year(_ i: Int?) -> Double? { i.map { s.years[$0] } }
        func span(_ a: Int?, _ b: Int?) -> Double? { a.flatMap { i in b.map { Double($0 - i) * step } } }
        var out: [String: Double?] = [:]
        out["sub_agi_year"] = year(first { s.fracGoodsNoTradeoff[$0] >= 0.2 })
        out["agi_year"] = year(first { s.fracGoodsNoTradeoff[$0] >= 1 })
        out["automation_gns_20%"] = year(first { s.fracGoods[$0] >= 0.2 })
        out["automation_gns_100%"] = year(first { s.fracGoods[$0] >= 1 })
        out["automation_rnd_20%"] = year(first { s.fracRnd[$0] >= 0.2 })
        out["automation_rnd_100%"] = year(first { s.fracRnd[$0] >= 1 })
        let wake = first { s.fracGoods[$0] >= trigger }
        out["rampup_start"] = year(wake)
        out["full_automation_gns"] = span(first { s.fracGoods[$0] > 0.2 }, first { s.fracGoods[$0] >= 1 })
        out["full_automation_rnd"] = span(first { s.fracRnd[$0] > 0.2 }, first { s.fracRnd[$0] >= 1 })
        out["sub_agi_to_agi"] = (out["agi_year"] ?? nil).flatMap { a in (out["sub_agi_year"] ?? nil).map { a - $0 } }
        out["cog_output_multiplier"] = span(first { s.multiplierRnd[$0] > 2 }, first { s.multiplierRnd[$0] > 10 })
        let delta = Int((1 / step).rounded())
        let last = n - 1
        if last - delta > 0 {
            let growth = (0..<(last - delta)).map { log(s.gwp[$0 + delta] / s.gwp[$0]) }
            out["gwp_growth"] = span(first({ growth[$0] > 0.05 }, count: growth.count), first({ growth[$0] > 0.2 }, count: growth.count))
        } else {
            out["gwp_growth"] = nil
        }
        var doubling: [Double] = n > 1 ? [step / log2(s.gwp[1] / s.gwp[0])] : []
        if var reference = wake {
            for k in reference..<n where s.gwp[k] > 2 * s.gwp[reference] {
                doubling.append(s.years[k] - s.years[reference])
                reference = k
            }
        }
        for i in 0..<5 {
            out["gwp_doubling_time.\(i + 1)"] = i < doubling.count ? (doubling[i] * 100).rounded(.toNearestOrEven) / 100 : nil
        }
        return out
    }
}
