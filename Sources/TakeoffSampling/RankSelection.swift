/// Exact selection of a few order statistics of a stream that is replayed pass by pass
/// (``StreamingSummary``): each wanted rank narrows a key range by a 4,096-bin histogram per
/// pass, then collects the at most 4,096 values left in it.
struct RankSelection {
    struct Target {
        var rank: Int
        var lo: UInt64 = 0
        var hi: UInt64 = .max
        /// Values with keys below `lo`.
        var below = 0
        var shift = 52
        var bins: [Int] = []
        var collecting = false
        var collected: [UInt64] = []
        var value: Double?
    }

    static let binBits = 12
    static let collectLimit = 1 << 12

    var targets: [Target]

    init(ranks: [Int]) { targets = ranks.map { Target(rank: $0) } }

    var isDone: Bool { targets.allSatisfy { $0.value != nil } }
    var values: [Int: Double] { Dictionary(uniqueKeysWithValues: targets.compactMap { t in t.value.map { (t.rank, $0) } }) }

    /// The order-preserving key of a double (NaN after +∞, −0 before +0).
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        if x.isNaN { return .max }
        let bits = x.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    static func value(_ key: UInt64) -> Double {
        if key == .max { return .nan }
        return Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    mutating func startPass() {
        for i in targets.indices where targets[i].value == nil {
            if targets[i].collecting {
                targets[i].collected.removeAll(keepingCapacity: true)
            } else {
                let width = targets[i].hi &- targets[i].lo
                let bits = UInt64.bitWidth - width.leadingZeroBitCount
                targets[i].shift = max(0, bits - Self.binBits)
                targets[i].bins = [Int](repeating: 0, count: Int(width >> UInt64(targets[i].shift)) + 1)
            }
        }
    }

    @inline(__always) mutating func visit(_ x: Double) {
        let k = Self.key(x)
        for i in targets.indices where targets[i].value == nil {
            guard k >= targets[i].lo, k <= targets[i].hi else { continue }
            if targets[i].collecting {
                targets[i].collected.append(k)
            } else {
                targets[i].bins[Int((k &- targets[i].lo) >> UInt64(targets[i].shift))] += 1
            }
        }
    }

    mutating func finishPass() {
        for i in targets.indices where targets[i].value == nil {
            var t = targets[i]
            if t.collecting {
                t.collected.sort()
                t.value = Self.value(t.collected[t.rank - t.below])
                t.collected = []
            } else {
                var cumulative = t.below
                for (b, count) in t.bins.enumerated() {
                    if cumulative + count > t.rank {
                        let lo = t.lo &+ (UInt64(b) << UInt64(t.shift))
                        let top = lo &+ ((UInt64(1) << UInt64(t.shift)) &- 1)
                        t.hi = min(t.hi, top < lo ? .max : top)
                        t.lo = lo
                        t.below = cumulative
                        if t.lo == t.hi { t.value = Self.value(t.lo) } else if count <= Self.collectLimit { t.collecting = true }
                        break
                    }
                    cumulative += count
                }
                t.bins = []
            }
            targets[i] = t
        }
    }
}
