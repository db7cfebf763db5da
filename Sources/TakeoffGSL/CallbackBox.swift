import CGSL

/// The Swift side of GSL's `gsl_odeiv2_system`: closures, counters and the last error.
///
/// GSL calls plain C functions with a `void *params`; that pointer is this box, unretained
/// (the integrator keeps it alive). The trampolines below read it with
/// `_withUnsafeGuaranteedRef`, which avoids two retain/release pairs per call
/// (docs/swift-gsl-notes.md, "Retain/release cost").
final class CallbackBox {
    typealias RHS = (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) throws -> Void
    typealias JacobianFunction = (
        Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>
    ) throws -> Void

    let dimension: Int
    var rhs: RHS
    var jacobian: JacobianFunction?
    var usesFiniteDifferences = false
    /// Evaluation counters, behind a pointer: a stored `var` of a class is checked for
    /// exclusive access at run time on every increment, which showed up in profiles.
    private let counters = UnsafeMutablePointer<Int>.allocate(capacity: 2)
    var rhsEvaluations: Int {
        get { counters[0] }
        set { counters[0] = newValue }
    }
    var jacobianEvaluations: Int {
        get { counters[1] }
        set { counters[1] = newValue }
    }
    /// The error the model threw, if any, since the last reset.
    var pendingError: (any Error)?
    /// Whether a derivative came out NaN or infinite since the last reset.
    var sawNonFinite = false
    private var scratchY: [Double]
    private var scratchF0: [Double]
    private var scratchF1: [Double]

    init(dimension: Int, rhs: @escaping RHS) {
        self.dimension = dimension
        self.rhs = rhs
        scratchY = Array(repeating: 0, count: dimension)
        scratchF0 = Array(repeating: 0, count: dimension)
        scratchF1 = Array(repeating: 0, count: dimension)
        counters.initialize(repeating: 0, count: 2)
    }

    deinit { counters.deallocate() }

    func clearFailure() {
        pendingError = nil
        sawNonFinite = false
    }

    /// Evaluates the right-hand side for GSL. A thrown error or a non-finite derivative
    /// becomes `GSL_EBADFUNC`: GSL then returns at once with the last accepted state (a
    /// `GSL_FAILURE` would make it halve the step hundreds of times, and a NaN returned with
    /// success silently poisons explicit Runge–Kutta steps).
    @inline(__always)
    func evaluate(_ t: Double, _ y: UnsafePointer<Double>, _ dydt: UnsafeMutablePointer<Double>) -> Int32 {
        counters[0] += 1
        let out = UnsafeMutableBufferPointer(start: dydt, count: dimension)
        do {
            try rhs(t, UnsafeBufferPointer(start: y, count: dimension), out)
        } catch {
            pendingError = error
            return GSLRuntime.badFunction
        }
        for v in out where !v.isFinite {
            sawNonFinite = true
            return GSLRuntime.badFunction
        }
        return GSLRuntime.success
    }

    /// Evaluates the Jacobian for GSL (analytic, or forward differences of the RHS).
    func evaluateJacobian(
        _ t: Double, _ y: UnsafePointer<Double>, _ dfdy: UnsafeMutablePointer<Double>, _ dfdt: UnsafeMutablePointer<Double>
    ) -> Int32 {
        jacobianEvaluations += 1
        let n = dimension
        let yb = UnsafeBufferPointer(start: y, count: n)
        let jac = UnsafeMutableBufferPointer(start: dfdy, count: n * n)
        let dt = UnsafeMutableBufferPointer(start: dfdt, count: n)
        do {
            if let jacobian {
                try jacobian(t, yb, jac, dt)
            } else {
                try finiteDifferenceJacobian(t, yb, jac, dt)
            }
        } catch {
            pendingError = error
            return GSLRuntime.badFunction
        }
        for v in jac where !v.isFinite {
            sawNonFinite = true
            return GSLRuntime.badFunction
        }
        return GSLRuntime.success
    }

    private func finiteDifferenceJacobian(
        _ t: Double, _ y: UnsafeBufferPointer<Double>,
        _ dfdy: UnsafeMutableBufferPointer<Double>, _ dfdt: UnsafeMutableBufferPointer<Double>
    ) throws {
        let n = dimension
        let root = Double.ulpOfOne.squareRoot()
        for i in 0..<n { scratchY[i] = y[i] }
        try scratchF0.withUnsafeMutableBufferPointer { f0 in
            try scratchY.withUnsafeMutableBufferPointer { yp in
                try scratchF1.withUnsafeMutableBufferPointer { f1 in
                    rhsEvaluations += 1
                    try rhs(t, UnsafeBufferPointer(yp), f0)
                    for j in 0..<n {
                        let h = root * max(abs(y[j]), 1)
                        yp[j] = y[j] + h
                        rhsEvaluations += 1
                        try rhs(t, UnsafeBufferPointer(yp), f1)
                        let step = yp[j] - y[j]   // the representable perturbation
                        for i in 0..<n { dfdy[i * n + j] = (f1[i] - f0[i]) / step }
                        yp[j] = y[j]
                    }
                    let ht = root * max(abs(t), 1)
                    rhsEvaluations += 1
                    try rhs(t + ht, UnsafeBufferPointer(yp), f1)
                    let stepT = (t + ht) - t
                    for i in 0..<n { dfdt[i] = (f1[i] - f0[i]) / stepT }
                }
            }
        }
    }
}

/// GSL's `function` callback: dispatches to the box in `params`.
func rhsTrampoline(
    _ t: Double, _ y: UnsafePointer<Double>?, _ dydt: UnsafeMutablePointer<Double>?, _ params: UnsafeMutableRawPointer?
) -> Int32 {
    Unmanaged<CallbackBox>.fromOpaque(params!)._withUnsafeGuaranteedRef { $0.evaluate(t, y!, dydt!) }
}

/// GSL's `jacobian` callback: dispatches to the box in `params`.
func jacobianTrampoline(
    _ t: Double, _ y: UnsafePointer<Double>?, _ dfdy: UnsafeMutablePointer<Double>?, _ dfdt: UnsafeMutablePointer<Double>?,
    _ params: UnsafeMutableRawPointer?
) -> Int32 {
    Unmanaged<CallbackBox>.fromOpaque(params!)._withUnsafeGuaranteedRef { $0.evaluateJacobian(t, y!, dfdy!, dfdt!) }
}
