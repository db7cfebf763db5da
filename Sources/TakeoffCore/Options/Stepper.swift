/// The integration methods, named as in GSL's `ode-initval2` so its manual stays searchable.
public enum Stepper: String, Sendable, Codable, CaseIterable {
    /// Prince–Dormand 8(9) explicit Runge–Kutta. The default: 13 stages per step, very few
    /// steps at tight tolerances. Non-stiff problems.
    case rk8pd
    /// Runge–Kutta–Fehlberg 4(5), explicit. Non-stiff problems, loose tolerances.
    case rkf45
    /// Cash–Karp 4(5), explicit. Non-stiff problems.
    case rkck
    /// Gauss–Legendre implicit Runge–Kutta of order 4. Needs a Jacobian.
    case rk4imp
    /// Bulirsch–Stoer implicit extrapolation (Bader–Deuflhard). Stiff problems; needs a Jacobian.
    case bsimp
    /// Variable-order (1–12) Adams multistep in Nordsieck form (functional iteration).
    /// Non-stiff problems with expensive right-hand sides.
    case msadams
    /// Variable-order (1–5) BDF multistep (Newton iteration). Stiff problems; needs a Jacobian.
    case msbdf

    /// Whether the method needs the Jacobian of the right-hand side.
    public var needsJacobian: Bool {
        switch self {
        case .rk4imp, .bsimp, .msbdf: return true
        case .rk8pd, .rkf45, .rkck, .msadams: return false
        }
    }

    /// The order of the method's solution (for the starting-step estimate; the multistep
    /// methods restart at low order, where the estimate matters).
    public var order: Int {
        switch self {
        case .rk8pd: return 8
        case .rkf45, .rkck: return 5
        case .rk4imp: return 4
        case .bsimp: return 6
        case .msadams, .msbdf: return 2
        }
    }

    /// Whether the method keeps a history of past steps (multistep).
    public var isMultistep: Bool { self == .msadams || self == .msbdf }
}
