import CGSL

/// Process-wide GSL set-up, done once before any GSL call.
enum GSLRuntime {
    /// GSL's default error handler prints and calls `abort()`. Every GSL status is checked
    /// by the callers here, so the handler is switched off, once, thread-safely (a `static
    /// let` initialiser runs exactly once).
    private static let handlerDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure the set-up has run.
    @inline(__always)
    static func prepare() { _ = handlerDisabled }

    /// GSL's version string, e.g. "2.7.1".
    static var version: String { String(cString: cgsl_version()) }

    // Computed, not stored: a stored static is a lazily initialised global, and reading it from
    // the RHS trampoline cost a `swift_once` check on every evaluation (7 instructions of ~860).
    @inline(__always) static var success: Int32 { Int32(cgsl_success()) }
    @inline(__always) static var badFunction: Int32 { Int32(cgsl_ebadfunc()) }
}

/// The version of the GSL library `takeoff` is linked against.
public var gslVersion: String { GSLRuntime.prepare(); return GSLRuntime.version }
