import Foundation
import TakeoffCore

/// The standard initial-value test problems with published reference solutions, shared by the
/// core's tests and `Benchmarks/ivp-bench` (equations, values and sources:
/// `Benchmarks/ivp/problems.md`; the same problems through scipy: `Benchmarks/ivp/scipy_ivp.py`).
public struct StandardProblem: Sendable {
    public let name: String
    public let problem: ODEProblem<Void>
    /// The reference state at the end of the span.
    public let reference: [Double]
    /// Absolute tolerance per component (the error measure uses the same).
    public let absolute: [Double]
    public let stiff: Bool

    /// max_i |y_i − ref_i| / (atol_i + rtol·|ref_i|): the global error in units of the tolerance.
    public func error(_ y: [Double], relative rtol: Double) -> Double {
        zip(zip(y, reference), absolute).map { pair, atol in abs(pair.0 - pair.1) / (atol + rtol * abs(pair.1)) }.max() ?? 0
    }

    static func make(_ name: String, y0: [Double], end: Double, reference: [Double], absolute: Double? = nil,
                     absolutes: [Double]? = nil, stiff: Bool,
                     rhs: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
                     jacobian: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void) -> StandardProblem {
        let n = y0.count
        let problem = ODEProblem<Void>(
            stateNames: (0..<n).map { "y\($0 + 1)" }, parameters: (), initialState: y0, timeSpan: (0, end),
            jacobian: .analytic { _, y, dfdy, dfdt, _ in
                for i in 0..<(n * n) { dfdy[i] = 0 }
                jacobian(y, dfdy)
                for i in 0..<n { dfdt[i] = 0 }
            }
        ) { _, y, dydt, _ in rhs(y, dydt) }
        return StandardProblem(name: name, problem: problem, reference: reference,
                               absolute: absolutes ?? Array(repeating: absolute ?? 1e-10, count: n), stiff: stiff)
    }

    // MARK: (a) Arenstorf orbit (Hairer, Nørsett & Wanner I, §II.0): closes after one period.
    public static let arenstorfMu = 0.012277471
    public static let arenstorfY0 = [0.994, 0.0, 0.0, -2.00158510637908252240537862224]
    public static let arenstorfPeriod = 17.0652165601579625588917206249

    public static let arenstorf = make("arenstorf", y0: arenstorfY0, end: arenstorfPeriod, reference: arenstorfY0, stiff: false) { y, f in
        let mu = arenstorfMu, mup = 1 - mu
        let d1 = pow((y[0] + mu) * (y[0] + mu) + y[1] * y[1], 1.5)
        let d2 = pow((y[0] - mup) * (y[0] - mup) + y[1] * y[1], 1.5)
        f[0] = y[2]
        f[1] = y[3]
        f[2] = y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2
        f[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2
    } jacobian: { y, j in
        let mu = arenstorfMu, mup = 1 - mu
        let a = y[0] + mu, b = y[0] - mup, z = y[1]
        let r1 = a * a + z * z, r2 = b * b + z * z
        let i3 = pow(r1, -1.5), j3 = pow(r2, -1.5), i5 = pow(r1, -2.5), j5 = pow(r2, -2.5)
        j[0 * 4 + 2] = 1; j[1 * 4 + 3] = 1
        j[2 * 4 + 0] = 1 - mup * (i3 - 3 * a * a * i5) - mu * (j3 - 3 * b * b * j5)
        j[2 * 4 + 1] = 3 * mup * a * z * i5 + 3 * mu * b * z * j5
        j[3 * 4 + 0] = j[2 * 4 + 1]
        j[3 * 4 + 1] = 1 - mup * (i3 - 3 * z * z * i5) - mu * (j3 - 3 * z * z * j5)
        j[2 * 4 + 3] = 2; j[3 * 4 + 2] = -2
    }

    // MARK: (b) Pleiades (test set PLEI): seven bodies, masses j, y(3).
    public static let pleiades = make("pleiades", y0: [3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4,
                                                       0, 0, 0, 0, 0, 1.75, -1.5, 0, 0, 0, -1.25, 1, 0, 0],
                                      end: 3, reference: [
        0.3706139143970502e+0, 0.3237284092057233e+1, -0.3222559032418324e+1, 0.6597091455775310e+0,
        0.3425581707156584e+0, 0.1562172101400631e+1, -0.7003092922212495e+0, -0.3943437585517392e+1,
        -0.3271380973972550e+1, 0.5225081843456543e+1, -0.2590612434977470e+1, 0.1198213693392275e+1,
        -0.2429682344935824e+0, 0.1091449240428980e+1, 0.3417003806314313e+1, 0.1354584501625501e+1,
        -0.2590065597810775e+1, 0.2025053734714242e+1, -0.1155815100160448e+1, -0.8072988170223021e+0,
        0.5952396354208710e+0, -0.3741244961234010e+1, 0.3773459685750630e+0, 0.9386858869551073e+0,
        0.3667922227200571e+0, -0.3474046353808490e+0, 0.2344915448180937e+1, -0.1947020434263292e+1,
    ], stiff: false) { y, f in
        for i in 0..<14 { f[i] = y[14 + i] }
        for i in 0..<7 {
            var ax = 0.0, ay = 0.0
            for j in 0..<7 where j != i {
                let dx = y[j] - y[i], dy = y[7 + j] - y[7 + i]
                let r2 = dx * dx + dy * dy
                let w = Double(j + 1) / (r2 * r2.squareRoot())
                ax += w * dx; ay += w * dy
            }
            f[14 + i] = ax; f[21 + i] = ay
        }
    } jacobian: { y, jac in
        for i in 0..<14 { jac[i * 28 + 14 + i] = 1 }
        for i in 0..<7 {
            for j in 0..<7 where j != i {
                let dx = y[j] - y[i], dy = y[7 + j] - y[7 + i]
                let r2 = dx * dx + dy * dy
                let m = Double(j + 1), i3 = pow(r2, -1.5), i5 = pow(r2, -2.5)
                let axx = m * (i3 - 3 * dx * dx * i5), axy = m * (-3 * dx * dy * i5), ayy = m * (i3 - 3 * dy * dy * i5)
                jac[(14 + i) * 28 + j] = axx; jac[(14 + i) * 28 + i] -= axx
                jac[(14 + i) * 28 + 7 + j] = axy; jac[(14 + i) * 28 + 7 + i] -= axy
                jac[(21 + i) * 28 + j] = axy; jac[(21 + i) * 28 + i] -= axy
                jac[(21 + i) * 28 + 7 + j] = ayy; jac[(21 + i) * 28 + 7 + i] -= ayy
            }
        }
    }

    // MARK: (c) Van der Pol, classic stiff form, μ = 1000, to t = 2000 (test set VDPOLM).
    public static let vanDerPol = make("vanderpol", y0: [2, 0], end: 2000,
                                       reference: [0.1706167732170469e+1, -0.8928097010248125e-3], stiff: true) { y, f in
        f[0] = y[1]
        f[1] = 1000 * (1 - y[0] * y[0]) * y[1] - y[0]
    } jacobian: { y, j in
        j[1] = 1
        j[2] = -2000 * y[0] * y[1] - 1
        j[3] = 1000 * (1 - y[0] * y[0])
    }

    // MARK: (d) Robertson's kinetics (test set ROBER), y(1e11).
    public static let robertson = make("robertson", y0: [1, 0, 0], end: 1e11,
                                       reference: [0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050e+0],
                                       absolutes: [1e-10, 1e-14, 1e-10], stiff: true) { y, f in
        let a = 0.04 * y[0], b = 1e4 * y[1] * y[2], c = 3e7 * y[1] * y[1]
        f[0] = -a + b; f[1] = a - b - c; f[2] = c
    } jacobian: { y, j in
        j[0] = -0.04; j[1] = 1e4 * y[2]; j[2] = 1e4 * y[1]
        j[3] = 0.04; j[4] = -1e4 * y[2] - 6e7 * y[1]; j[5] = -1e4 * y[1]
        j[7] = 6e7 * y[1]
    }

    // MARK: (e) HIRES (test set), y(321.8122).
    public static let hires = make("hires", y0: [1, 0, 0, 0, 0, 0, 0, 0.0057], end: 321.8122, reference: [
        0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
        0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
    ], stiff: true) { y, f in
        let f7 = 280 * y[5] * y[7] - 1.81 * y[6]
        f[0] = -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007
        f[1] = 1.71 * y[0] - 8.75 * y[1]
        f[2] = -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4]
        f[3] = 8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3]
        f[4] = -1.745 * y[4] + 0.43 * (y[5] + y[6])
        f[5] = -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6]
        f[6] = f7
        f[7] = -f7
    } jacobian: { y, j in
        let entries: [(Int, Int, Double)] = [(0, 0, -1.71), (0, 1, 0.43), (0, 2, 8.32), (1, 0, 1.71), (1, 1, -8.75),
                                             (2, 2, -10.03), (2, 3, 0.43), (2, 4, 0.035), (3, 1, 8.32), (3, 2, 1.71),
                                             (3, 3, -1.12), (4, 4, -1.745), (4, 5, 0.43), (4, 6, 0.43), (5, 3, 0.69),
                                             (5, 4, 1.71), (5, 6, 0.69), (6, 6, -1.81), (7, 6, 1.81)]
        for (r, c, v) in entries { j[r * 8 + c] = v }
        j[5 * 8 + 5] = -280 * y[7] - 0.43; j[5 * 8 + 7] = -280 * y[5]
        j[6 * 8 + 5] = 280 * y[7]; j[6 * 8 + 7] = 280 * y[5]
        j[7 * 8 + 5] = -280 * y[7]; j[7 * 8 + 7] = -280 * y[5]
    }

    public static let all = [arenstorf, pleiades, vanDerPol, robertson, hires]
}
