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

    static let success = Int32(cgsl_success())
    static let badFunction = Int32(cgsl_ebadfunc())
}

/// The version of the GSL library `takeoff` is linked against.
public var gslVersion: String { GSLRuntime.prepare(); return GSLRuntime.version }
