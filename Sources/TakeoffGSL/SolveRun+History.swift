import TakeoffCore

/// Delays: the history of accepted steps with their curvatures, and the breakpoints where a
/// discontinuity of the past reaches the present.
extension SolveRun {
    /// Adds `time + d` for every delay d inside the span: a jump or kink of the solution's slope
    /// at `time` (a restart, or the start, where the history function meets the solution)
    /// reappears d later in every delayed value. Stepping onto those times keeps each step's
    /// right-hand side smooth, so the steps keep their order instead of shrinking around an
    /// unlocated kink. (Later generations, time + 2d, …, are smoother by one order each and left
    /// to the error control.)
    func addBreakpoints(after time: Double) {
        guard let delays = problem.delays?.delays else { return }
        for d in delays {
            let b = time + direction * d
            guard direction * (t1 - b) > 0 else { continue }
            let i = breakpoints.firstIndex { direction * ($0 - b) > 0 } ?? breakpoints.count
            breakpoints.insert(b, at: i)
        }
    }

    /// Appends the current point `(t, y, f)` to the delay history with its second derivative
    /// y'' = ∂f/∂t + (∂f/∂y)·f from differences along the solution: forward, f(t + ε, y + ε f),
    /// for the step that starts here; where y'' may jump (a breakpoint, or the entry before a
    /// restart's change) also the left limit, from f(t − ε, y − ε f) and f(t − 2ε, y − 2ε f), for
    /// the step that ends here. ε = √u·|h| (u the unit roundoff) gives about eight correct
    /// digits, far more than the quintic interpolant needs, for one right-hand side per step. A
    /// failed evaluation leaves that curvature unknown (the step is interpolated by the cubic).
    func recordHistory(side: HistorySide = .both) {
        guard let history else { return }
        let epsilon = direction * max(abs(h), 1e-300) * Double.ulpOfOne.squareRoot()
        let jump = side != .both || breakpoints.first == t
        let right: UnsafeBufferPointer<Double>? = side == .left ? nil : curvature(step: epsilon, into: historyCurvature)
        let left: UnsafeBufferPointer<Double>?
        if jump {
            left = side == .right ? nil : curvature(step: -epsilon, into: historyCurvatureLeft)
        } else {
            left = right
        }
        history.append(t: t, y: UnsafeBufferPointer(y), dydt: UnsafeBufferPointer(f), left: left, right: right)
        history.clearProvisional()
    }

    enum HistorySide { case both, left, right }

    /// y'' at the current point from the side of `step`'s sign: a forward difference with f at
    /// the point, or (backward) two points behind it, so a jump at the point itself is not seen.
    private func curvature(step epsilon: Double, into out: UnsafeMutableBufferPointer<Double>) -> UnsafeBufferPointer<Double>? {
        let saved = (box.pendingError, box.sawNonFinite)
        defer { (box.pendingError, box.sawNonFinite) = saved }
        let probe = historyProbe, far = historyProbeFar
        for i in 0..<n { probe[i] = y[i] + epsilon * f[i] }
        guard box.evaluate(t + epsilon, UnsafePointer(probe.baseAddress!), out.baseAddress!) == GSLRuntime.success else { return nil }
        if direction * epsilon > 0 {
            for i in 0..<n { out[i] = (out[i] - f[i]) / epsilon }
        } else {
            for i in 0..<n { probe[i] = y[i] + 2 * epsilon * f[i] }
            guard box.evaluate(t + 2 * epsilon, UnsafePointer(probe.baseAddress!), far.baseAddress!) == GSLRuntime.success else { return nil }
            for i in 0..<n { out[i] = (far[i] - out[i]) / epsilon }
        }
        return UnsafeBufferPointer(out)
    }

    /// A step longer than the smallest delay read part of its own span through the past, which
    /// was then only the last point's extrapolation. Redo it with those lookups on the step's own
    /// interpolant until the end state settles to a tenth of the tolerance (the iteration of
    /// Shampine & Thompson's dde23 for delays shorter than the step); a contraction of about
    /// h times the delayed term's Lipschitz constant per round, so two or three rounds.
    func settleLongStep() {
        // The provisional piece stays set until the point is in the history (its curvature's
        // difference reads the step too); `recordHistory` clears it.
        guard let history else { return }
        for _ in 0..<8 {
            history.setProvisional(t0: tPrev, t1: t, y0: UnsafeBufferPointer(yPrev), y1: UnsafeBufferPointer(y),
                                   f0: UnsafeBufferPointer(fPrev), f1: UnsafeBufferPointer(f))
            reintegrate(to: t)
            var change = 0.0
            for i in 0..<n { change = max(change, abs(scratch[i] - y[i]) / (absolute[i] + relative[i] * abs(y[i]))) }
            _ = y.update(fromContentsOf: scratch)
            _ = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
            if change <= 0.1 { return }
        }
    }
}
