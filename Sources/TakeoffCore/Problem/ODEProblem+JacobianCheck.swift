/// A finite-difference check of an analytic Jacobian, and problems without parameters.
extension ODEProblem {
    /// The largest discrepancy between the analytic Jacobian and central differences of the
    /// right-hand side at `(t, y)`: `max |J_ij − D_ij| / (|D_ij| + scale_j)`, with
    /// `D_ij = (f_i(y + δ e_j) − f_i(y − δ e_j)) / 2δ`, `δ = ε^(1/3)·max(|y_j|, 1)` (error O(δ²), about
    /// 1e-10 relative for smooth f) and `scale_j = max_i |D_ij|·1e-8 + 1e-300` so that entries
    /// that should be zero are judged against their column's size. Also `∂f/∂t` (column `n`).
    /// `nil` for a problem without an analytic Jacobian or with delays.
    public func jacobianDiscrepancy(at t: Double, state y: [Double]) throws
        -> (discrepancy: Double, row: Int, column: Int)? {
        guard case .analytic(let jac)? = jacobian, let rhs = rhs.plain else { return nil }
        let n = dimension
        var dfdy = [Double](repeating: 0, count: n * n), dfdt = [Double](repeating: 0, count: n)
        try dfdy.withUnsafeMutableBufferPointer { j in
            try dfdt.withUnsafeMutableBufferPointer { dt in try y.withUnsafeBufferPointer { try jac(t, $0, j, dt, parameters) } }
        }
        func f(_ tt: Double, _ yy: [Double]) throws -> [Double] {
            var out = [Double](repeating: 0, count: n)
            try out.withUnsafeMutableBufferPointer { o in try yy.withUnsafeBufferPointer { try rhs(tt, $0, o, parameters) } }
            return out
        }
        let cubeRootEps = 6.055454452393343e-06
        var worst: (discrepancy: Double, row: Int, column: Int) = (0, 0, 0)
        for column in 0...n {
            let base = column < n ? y[column] : t
            let delta = cubeRootEps * max(abs(base), 1)
            var up = y, down = y
            var (tu, td) = (t, t)
            if column < n { up[column] += delta; down[column] -= delta } else { tu += delta; td -= delta }
            let (fu, fd) = (try f(tu, up), try f(td, down))
            let differences = (0..<n).map { (fu[$0] - fd[$0]) / (2 * delta) }
            let scale = (differences.map(abs).max() ?? 0) * 1e-8 + 1e-300
            for row in 0..<n {
                let analytic = column < n ? dfdy[row * n + column] : dfdt[row]
                let d = abs(analytic - differences[row]) / (abs(differences[row]) + scale)
                if d > worst.discrepancy { worst = (d, row, column) }
            }
        }
        return worst
    }
}

extension ODEProblem where Parameters == Void {
    /// A problem without parameters (no placeholder value needed).
    public init(
        stateNames: [String], initialState: [Double], timeSpan: (start: Double, end: Double),
        events: [Event<Void>] = [], jacobian: Jacobian<Void>? = nil,
        rhs: @escaping @Sendable (_ t: Double, _ y: UnsafeBufferPointer<Double>, _ dydt: UnsafeMutableBufferPointer<Double>) throws -> Void
    ) {
        self.init(stateNames: stateNames, parameters: (), initialState: initialState, timeSpan: timeSpan,
                  events: events, jacobian: jacobian) { t, y, dydt, _ in try rhs(t, y, dydt) }
    }
}
