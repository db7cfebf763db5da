import CGSL
import TakeoffCore

/// One GSL stepper, control and evolve object over one callback box (internal).
///
/// Built on a `gsl_odeiv2_driver` because msadams and msbdf read their control through the
/// driver; the stepping itself goes through `gsl_odeiv2_evolve_apply`, one accepted step per
/// call, which is what event location needs (the driver alone cannot stop between steps).
/// The driver's control is replaced by a per-component one (see `shim.h`).
final class GSLIntegrator {
    let dimension: Int
    let box: CallbackBox
    private let system: UnsafeMutablePointer<gsl_odeiv2_system>
    private let driver: UnsafeMutablePointer<gsl_odeiv2_driver>
    /// Whether the stepper's `dydt_out` is the exact derivative at the step's end.
    let givesExactDerivative: Bool
    /// Rejected steps of evolve objects since reset.
    private var failedBeforeReset = 0

    init(stepper: Stepper, box: CallbackBox, absolute: [Double], relative: [Double]) throws(SolverError) {
        GSLRuntime.prepare()
        dimension = box.dimension
        self.box = box
        system = .allocate(capacity: 1)
        let hasJacobian = stepper.needsJacobian
        system.initialize(to: gsl_odeiv2_system(
            function: rhsTrampoline,
            jacobian: hasJacobian ? jacobianTrampoline : nil,
            dimension: dimension,
            params: Unmanaged.passUnretained(box).toOpaque()))
        guard let d = gsl_odeiv2_driver_alloc_y_new(system, GSLIntegrator.table(stepper), 1e-6, 1e-10, 1e-8),
              let control = cgsl_componentwise_new(absolute, relative, dimension)
        else {
            system.deallocate()
            throw .allocationFailed
        }
        driver = d
        cgsl_driver_replace_control(d, control)
        givesExactDerivative = cgsl_step_gives_exact_dydt_out(d.pointee.s) != 0
    }

    deinit {
        gsl_odeiv2_driver_free(driver)
        system.deinitialize(count: 1)
        system.deallocate()
    }

    static func table(_ stepper: Stepper) -> UnsafePointer<gsl_odeiv2_step_type> {
        switch stepper {
        case .rk8pd: return cgsl_step_rk8pd()
        case .rkf45: return cgsl_step_rkf45()
        case .rkck: return cgsl_step_rkck()
        case .rk4imp: return cgsl_step_rk4imp()
        case .bsimp: return cgsl_step_bsimp()
        case .msadams: return cgsl_step_msadams()
        case .msbdf: return cgsl_step_msbdf()
        }
    }

    /// Steps rejected by the error control so far.
    var rejectedSteps: Int { failedBeforeReset + Int(driver.pointee.e.pointee.failed_steps) }

    /// Forgets the step history (after a state change or a jump back in time).
    func restart() {
        failedBeforeReset += Int(driver.pointee.e.pointee.failed_steps)
        gsl_odeiv2_evolve_reset(driver.pointee.e)
        gsl_odeiv2_step_reset(driver.pointee.s)
    }

    /// One accepted step towards `t1` (never past it). Returns GSL's status as an outcome.
    func step(t: inout Double, to t1: Double, h: inout Double, y: UnsafeMutablePointer<Double>) -> StepOutcome {
        box.clearFailure()
        let status = gsl_odeiv2_evolve_apply(driver.pointee.e, driver.pointee.c, driver.pointee.s, system, &t, t1, &h, y)
        if status == GSLRuntime.success { return .accepted }
        if box.pendingError != nil { return .modelThrew }
        if box.sawNonFinite { return .nonFinite }
        return .stepTooSmall
    }

    /// The derivative at the end of the last accepted step, written to `out` (evaluated
    /// afresh when the stepper does not provide it exactly).
    func derivativeAfterStep(t: Double, y: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) -> Bool {
        if givesExactDerivative {
            out.update(from: driver.pointee.e.pointee.dydt_out, count: dimension)
            return true
        }
        return box.evaluate(t, y, out) == GSLRuntime.success
    }
}

/// What one call to `evolve_apply` did.
enum StepOutcome {
    case accepted
    /// The model threw (the box holds the error).
    case modelThrew
    /// A derivative was NaN or infinite.
    case nonFinite
    /// The error control could not be met even at the smallest representable step.
    case stepTooSmall
}
