import TakeoffIO
import Foundation
import TakeoffSampling

extension StudyWriter {
    /// The study's summary for a terminal: per metric the runs that reached it, the mean over
    /// them (for a 0/1 metric, the probability) and the 5% / median / 95% points; then each probability query
    /// with its standard error. The same numbers as `summary.csv` and `probabilities.csv`.
    public static func summaryText(_ data: StudyData, _ queries: [ProbabilityQuery]) -> String {
        summaryText(data.summary(queries))
    }

    /// The terminal summary of a study's summary.
    public static func summaryText(_ summary: StudySummary) -> String {
        guard summary.results > 0 else { return "no successful runs\n" }
        let width = max(6, summary.metrics.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func cell(_ x: Double) -> String {
            let text = x.isNaN ? "—" : x.isInfinite ? (x > 0 ? "not reached" : "-inf") : String(format: "%.4g", x)
            return pad(text, 12)
        }
        var out = pad("metric", width) + "  " + pad("reached", 14) + pad("mean*", 12) + pad("5%", 12) + pad("median", 12) + "95%\n"
        for s in summary.metrics {
            out += pad(s.name, width) + "  " + pad("\(s.reached)/\(s.count)", 14) + cell(s.mean) + cell(s.quantiles[0])
                + cell(s.quantiles[3]) + cell(s.quantiles[6]).trimmingCharacters(in: .whitespaces) + "\n"
        }
        out += "* over the runs that reach the metric; for a 0/1 metric, the probability\n"
        for (q, e) in summary.probabilities {
            out += String(format: "P(%@) = %.4f ± %.4f\n", q.text, e.probability, e.standardError)
        }
        return out
    }
}
