import Testing
import Foundation
import TakeoffTestSupport
@testable import TakeoffSampling

@Suite("Streaming summaries equal the in-memory ones bit for bit")
struct StreamingSummaryTests {
    /// Rows of `metrics` columns: a mix of spreads, ties, infinities, undefined values and failures.
    static func rows(_ n: Int, seed: UInt64) -> [(Bool, [Double?])] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { _ in
            let isResult = g.uniform() > 0.05
            let values: [Double?] = [
                g.uniform() * 100,                                        // continuous
                Double(Int(g.uniform() * 5)),                             // heavy ties
                g.uniform() < 0.3 ? nil : exp(20 * g.uniform()) - 1e3,    // undefined 30%, decades, negatives
                g.uniform() < 0.02 ? .infinity : 2029 + g.uniform(),      // a few +inf
                g.uniform() < 0.5 ? 0 : 1,                                // a 0/1 metric
            ]
            return (isResult, values)
        }
    }

    @Test("mean, sd, every quantile and the median's SE", arguments: [0, 1, 2, 3, 7, 100, 1_000, 70_000, 140_000])
    func equalsInMemory(n: Int) throws {
        let data = Self.rows(n, seed: UInt64(n) + 17)
        let names = ["a", "b", "c", "d", "e"]
        var passes = 0
        let streamed = try StreamingSummary.summaries(names: names) { visit in
            passes += 1
            var buffer = [Double](repeating: 0, count: names.count)
            for (isResult, values) in data {
                for j in values.indices { buffer[j] = values[j] ?? StreamingSummary.missing }
                buffer.withUnsafeBufferPointer { visit(isResult, $0) }
            }
        }
        let results = data.filter(\.0)
        #expect(streamed.results == results.count && streamed.rows == n)
        for (j, name) in names.enumerated() {
            let expected = MetricSummary(name: name, values: results.map { $0.1[j] })
            let got = streamed.metrics[j]
            #expect(got.count == expected.count && got.reached == expected.reached, "\(name) n=\(n)")
            #expect(got.mean.bitPattern == expected.mean.bitPattern, "\(name) n=\(n): mean \(got.mean) vs \(expected.mean)")
            #expect(got.sd.bitPattern == expected.sd.bitPattern, "\(name) n=\(n): sd \(got.sd) vs \(expected.sd)")
            #expect(got.quantiles.map(\.bitPattern) == expected.quantiles.map(\.bitPattern), "\(name) n=\(n): \(got.quantiles) vs \(expected.quantiles)")
            #expect(got.medianStandardError.bitPattern == expected.medianStandardError.bitPattern
                    || (got.medianStandardError.isNaN && expected.medianStandardError.isNaN), "\(name) n=\(n)")
        }
        // Bounded passes: the totals pass, then at most six selection passes.
        #expect(passes <= 7, "\(passes) passes")
    }
}
