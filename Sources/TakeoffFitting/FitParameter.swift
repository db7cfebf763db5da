import Foundation

/// A parameter to fit: name, start value, bounds, and the transform that keeps it in bounds.
///
/// The optimiser works on an unconstrained u: `x = lo + (hi − lo)/(1 + e^(−u))` with two finite
/// bounds, `x = lo + e^u` with a finite lower bound only (so positive parameters are fitted in
/// log space when lo = 0), `x = hi − e^u` with an upper bound only, `x = u` otherwise. Standard
/// errors are mapped back with the transform's derivative (delta method).
public struct FitParameter: Sendable, Equatable {
    public var name: String
    public var start: Double
    public var lower: Double
    public var upper: Double

    public init(name: String, start: Double, lower: Double = -.infinity, upper: Double = .infinity) {
        self.name = name
        self.start = start
        self.lower = lower
        self.upper = upper
    }

    /// Whether the start lies strictly inside the bounds.
    public var startIsInside: Bool { start > lower && start < upper }

    /// Whether the parameter is fitted as a logarithm (lower bound 0, no upper bound).
    public var isLogScale: Bool { lower == 0 && upper == .infinity }

    func value(_ u: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return lower + (upper - lower) / (1 + exp(-u))
        case (true, false): return lower + exp(u)
        case (false, true): return upper - exp(u)
        case (false, false): return u
        }
    }

    func internalValue(_ x: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true):
            let w = (x - lower) / (upper - lower)
            return log(w / (1 - w))
        case (true, false): return log(x - lower)
        case (false, true): return log(upper - x)
        case (false, false): return x
        }
    }

    /// dx/du at u.
    func derivative(_ u: Double) -> Double {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true):
            let s = 1 / (1 + exp(-u))
            return (upper - lower) * s * (1 - s)
        case (true, false): return exp(u)
        case (false, true): return -exp(u)
        case (false, false): return 1
        }
    }
}
