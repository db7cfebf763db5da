import TakeoffCore

/// The state of one solve (internal): the integrator, the current point, events, saving.
///
/// The loop takes one accepted step at a time towards the next save time (GSL steps exactly
/// onto it), then: checks the new state, locates event crossings on the step
/// (`SolveRun+Events.swift`), saves, and updates the singularity monitor.
final class SolveRun<P: Sendable> {
    let problem: ODEProblem<P>
    let options: SolverOptions
    let n: Int
    /// +1 forward, −1 backward.
    let direction: Double
    let t0: Double, t1: Double
    var parameters: P
    let box: CallbackBox
    let main: GSLIntegrator
    let absolute: [Double]
    let relative: [Double]
    private var locatorStorage: GSLIntegrator?
    let history: StateHistory?
    var solution: ODESolution<P>

    var t: Double
    var h: Double
    let y: UnsafeMutableBufferPointer<Double>
    let f: UnsafeMutableBufferPointer<Double>
    var tPrev: Double
    let yPrev: UnsafeMutableBufferPointer<Double>
    let fPrev: UnsafeMutableBufferPointer<Double>
    let scratch: UnsafeMutableBufferPointer<Double>
    let historyProbe: UnsafeMutableBufferPointer<Double>, historyProbeFar: UnsafeMutableBufferPointer<Double>
    let historyCurvature: UnsafeMutableBufferPointer<Double>, historyCurvatureLeft: UnsafeMutableBufferPointer<Double>
    var eventValues: [Double]
    /// The event conditions, apart from the events (no copy of names and actions per evaluation).
    let conditions: [@Sendable (Double, UnsafeBufferPointer<Double>, P, PastStates) -> Double]
    var occurrences: [Int]
    /// The events checked at interior points (not declared monotone).
    let sampled: [Int]
    /// Conditions at the interior check points of the current step (row-major by point) and their times.
    var checkValues: [Double] = []
    var checkTimes: [Double] = []
    /// One event's check points on the current step (buffers reused across events and steps).
    var pointTimes: [Double] = [], pointValues: [Double] = []
    /// The last three times each event acted (for the accumulation guard).
    var actionTimes: [[Double]]
    /// Whether the last restart left each event's condition on its surface, and how many of its
    /// actions in a row came within two tolerances of the one before (the accumulation guard).
    var onSurface: [Bool]
    var quickRepeats: [Int]
    var monitor: SingularityMonitor
    let saveTimes: [Double]
    var saveIndex = 0
    /// Times the integrator must step onto besides the save times: where a delayed value carries
    /// a discontinuity of the past forward (the start and every restart, plus each delay).
    var breakpoints: [Double] = []
    var accepted = 0
    var extraRejected = 0
    var eventEvaluations = 0

    init(problem: ODEProblem<P>, options: SolverOptions) throws(SolverError) {
        self.problem = problem
        self.options = options
        n = problem.dimension
        (t0, t1) = problem.timeSpan
        direction = t1 > t0 ? 1 : -1
        parameters = problem.parameters
        absolute = options.absoluteTolerance.values(dimension: n)
        relative = options.relativeTolerance.values(dimension: n)
        let sign: Double = problem.timeSpan.end > problem.timeSpan.start ? 1 : -1
        history = problem.delays.map {
            StateHistory(dimension: problem.dimension, initialState: problem.initialState,
                         direction: sign, before: $0.history)
        }
        box = CallbackBox(dimension: n, rhs: { _, _, _ in })
        main = try GSLIntegrator(stepper: options.stepper, box: box, absolute: absolute, relative: relative)
        solution = ODESolution(stateNames: problem.stateNames)
        t = t0
        tPrev = t0
        let span = abs(t1 - t0)
        var h0 = options.initialStep ?? 1e-4 * span
        if let maxStep = options.maxStep { h0 = min(h0, maxStep) }
        h = direction * min(h0, span)
        y = .allocate(capacity: n); f = .allocate(capacity: n)
        yPrev = .allocate(capacity: n); fPrev = .allocate(capacity: n); scratch = .allocate(capacity: n)
        historyProbe = .allocate(capacity: n); historyProbeFar = .allocate(capacity: n)
        historyCurvature = .allocate(capacity: n); historyCurvatureLeft = .allocate(capacity: n)
        for buffer in [historyProbe, historyProbeFar, historyCurvature, historyCurvatureLeft] { buffer.initialize(repeating: 0) }
        _ = y.initialize(from: problem.initialState)
        f.initialize(repeating: 0); yPrev.initialize(repeating: 0); fPrev.initialize(repeating: 0)
        scratch.initialize(repeating: 0)
        eventValues = Array(repeating: 0, count: problem.events.count)
        conditions = problem.events.map(\.condition)
        occurrences = Array(repeating: 0, count: problem.events.count)
        sampled = problem.events.indices.filter { !problem.events[$0].isMonotone }
        actionTimes = Array(repeating: [], count: problem.events.count)
        onSurface = Array(repeating: false, count: problem.events.count)
        quickRepeats = Array(repeating: 0, count: problem.events.count)
        monitor = SingularityMonitor(direction: direction, floor: absolute)
        saveTimes = SolveRun.saveTimes(options.save, t0: t0, t1: t1, direction: t1 > t0 ? 1 : -1)
        installClosures()
    }

    deinit {
        for buffer in [y, f, yPrev, fPrev, scratch, historyProbe, historyProbeFar, historyCurvature, historyCurvatureLeft] {
            buffer.deallocate()
        }
    }

    /// The re-integration workspace for event location, made on first use. Multistep methods
    /// are restarted from scratch at low order, so a one-step method of the same kind
    /// re-integrates instead (rk8pd for msadams, bsimp for msbdf).
    var locator: GSLIntegrator {
        if let locatorStorage { return locatorStorage }
        let stepper: Stepper
        switch options.stepper {
        case .msadams: stepper = .rk8pd
        case .msbdf: stepper = .bsimp
        default: stepper = options.stepper
        }
        // Allocation of a few hundred bytes; failure here means the process is out of memory.
        let made = try! GSLIntegrator(stepper: stepper, box: box, absolute: absolute, relative: relative)
        locatorStorage = made
        return made
    }

    /// Points the callback box at the current parameters.
    func installClosures() {
        let p = parameters
        if let plain = problem.rhs.plain {
            box.rhs = { t, y, dydt in try plain(t, y, dydt, p) }
        } else if let delayed = problem.rhs.delayed {
            let past = PastStates(history)
            box.rhs = { t, y, dydt in try delayed(t, y, dydt, p, past) }
        }
        switch problem.jacobian {
        case .analytic(let jac)?:
            box.jacobian = { t, y, dfdy, dfdt in try jac(t, y, dfdy, dfdt, p) }
        case .finiteDifferences?, nil:
            box.jacobian = nil
        }
    }

    static func saveTimes(_ schedule: SaveSchedule, t0: Double, t1: Double, direction: Double) -> [Double] {
        switch schedule {
        case .steps:
            return []
        case .every(let dt):
            var times: [Double] = []
            var k = 1.0
            while true {
                let tk = t0 + direction * k * dt
                if direction * (t1 - tk) <= 1e-9 * dt { break }
                times.append(tk)
                k += 1
            }
            times.append(t1)
            return times
        case .at(let requested):
            return requested.filter { $0 != t0 }.sorted { direction * ($1 - $0) > 0 }
        }
    }

    /// The next time the integrator must step exactly onto.
    var target: Double {
        let save = saveIndex < saveTimes.count ? saveTimes[saveIndex] : t1
        if let b = breakpoints.first, direction * (save - b) > 0 { return b }
        return save
    }

    /// The delay history as the right-hand side and event conditions see it.
    var past: PastStates { PastStates(history) }

    /// Saves `(t, y)` with its derivative `f` (every path that moves y keeps f its derivative:
    /// the right-hand side there, or the step interpolant's slope at an event's instant).
    func saveCurrent() { solution.append(time: t, state: UnsafeBufferPointer(y), derivative: UnsafeBufferPointer(f)) }

    /// Saves the current point as the last row of an early ending (unless already saved).
    func saveFinal() {
        if solution.times.last != t { saveCurrent() }
    }

    func run() -> ODESolution<P> {
        solution.parameterSegments = [(0, parameters)]
        addBreakpoints(after: t0)
        var result = integrate()
        result.past = past
        result.stats.rhsEvaluations = box.rhsEvaluations
        result.stats.jacobianEvaluations = box.jacobianEvaluations
        result.stats.acceptedSteps = accepted
        result.stats.rejectedSteps = main.rejectedSteps + extraRejected
        result.stats.eventFunctionEvaluations = eventEvaluations
        return result
    }

    private func integrate() -> ODESolution<P> {
        box.clearFailure()
        let status = box.evaluate(t, UnsafePointer(y.baseAddress!), f.baseAddress!)
        if status != GSLRuntime.success {
            return fail(outcome: box.pendingError != nil ? .modelThrew : .nonFinite, saveStart: true)
        }
        recordHistory()
        switch options.save {
        case .steps, .every: saveCurrent()
        case .at(let times): if times.contains(t0) { saveCurrent() }
        }
        evaluateEvents(into: &eventValues)
        // Steps may be longer than a delay: such a step is iterated on its own interpolant
        // (`settleLongStep`), so draws with a delay far below the dynamics' time scale do not
        // crawl at the delay's pace.
        let maxStep = options.maxStep ?? .infinity
        let shortestDelay = problem.delays?.delays.min()
        let minimumRetryStep = max(1e-12 * abs(t1 - t0), 64 * max(abs(t0), abs(t1)).ulp)
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(min(options.timeLimitSeconds, 1e9) * 1000))

        while true {
            if accepted & 255 == 255, clock.now > deadline {
                solution.status = .timeLimitReached
                solution.message = "stopped by the time limit of \(options.timeLimitSeconds) s at t = \(t) (a wall-clock guard: whether it fires depends on the machine)"
                saveFinal()
                return solution
            }
            if accepted >= options.maxSteps {
                solution.status = .maxStepsReached
                solution.message = "reached maxSteps = \(options.maxSteps) at t = \(t)"
                saveFinal()
                return solution
            }
            if abs(h) > maxStep { h = direction * maxStep }
            tPrev = t
            _ = yPrev.update(fromContentsOf: y)
            _ = fPrev.update(fromContentsOf: f)
            let outcome = main.step(t: &t, to: target, h: &h, y: y.baseAddress!)
            if outcome == .nonFinite, abs(h) * 0.5 > minimumRetryStep {
                // A stage left the model's domain (often an overflow close to a blow-up):
                // retry from the same point with half the step, down to a floor below which
                // the failure is the model's, not the step's.
                extraRejected += 1
                t = tPrev
                _ = y.update(fromContentsOf: yPrev)
                h *= 0.5
                main.restart()
                continue
            }
            guard outcome == .accepted else {
                t = tPrev
                _ = y.update(fromContentsOf: yPrev)
                _ = f.update(fromContentsOf: fPrev)
                return fail(outcome: outcome, saveStart: false)
            }
            accepted += 1
            guard main.derivativeAfterStep(t: t, y: y.baseAddress!, into: f.baseAddress!),
                  y.allSatisfy(\.isFinite)
            else {
                let outcome: StepOutcome = box.pendingError != nil ? .modelThrew : .nonFinite
                t = tPrev
                _ = y.update(fromContentsOf: yPrev)
                _ = f.update(fromContentsOf: fPrev)
                return fail(outcome: outcome, saveStart: false)
            }
            if let shortestDelay, abs(t - tPrev) > shortestDelay { settleLongStep() }
            recordHistory()

            if !problem.events.isEmpty {
                switch processEvents() {
                case .proceed: break
                case .restarted: continue
                case .stop: return solution
                }
            }
            while let b = breakpoints.first, direction * (b - t) <= 0 { breakpoints.removeFirst() }
            if case .steps = options.save {
                saveCurrent()
            } else if saveIndex < saveTimes.count, t == saveTimes[saveIndex] {
                saveCurrent()
                saveIndex += 1
            }
            if options.detectsSingularities, let stop = checkSingularity() {
                solution.status = .singularity
                solution.blowUpTime = stop
                solution.message = "state diverges; estimated blow-up at t = \(stop)"
                saveFinal()
                return solution
            }
            if t == t1 {
                solution.status = .success
                return solution
            }
        }
    }

    /// The blow-up time if the solve should stop as a singularity now.
    private func checkSingularity() -> Double? {
        let remaining = monitor.update(t: t, y: UnsafeBufferPointer(y), dydt: UnsafeBufferPointer(f))
        let tolerance = max(options.singularityTimeTolerance, 64 * t.ulp)
        if let remaining, remaining <= tolerance { return monitor.estimate }
        for v in y where abs(v) >= options.divergenceThreshold { return monitor.estimate ?? t }
        return nil
    }

    /// Ends the solve after a failed step: a singularity if the state was diverging fast,
    /// otherwise the failure itself.
    private func fail(outcome: StepOutcome, saveStart: Bool) -> ODESolution<P> {
        if saveStart { saveCurrent() } else { saveFinal() }
        if options.detectsSingularities, outcome != .modelThrew, let estimate = monitor.estimate,
           direction * (estimate - t) <= 1e-6 * abs(t1 - t0) {
            solution.status = .singularity
            solution.blowUpTime = estimate
            solution.message = "state diverges (the step could not continue); estimated blow-up at t = \(estimate)"
            return solution
        }
        switch outcome {
        case .modelThrew:
            solution.status = .modelFailure
            solution.message = "model failed at t = \(t): \(box.pendingError.map { "\($0)" } ?? "unknown error")"
        case .nonFinite:
            solution.status = .nonFiniteState
            solution.message = "the derivative or state became NaN or infinite near t = \(t)"
        case .stepTooSmall, .accepted:
            solution.status = .stepSizeTooSmall
            solution.message = "the step size fell to the resolution of t at t = \(t) without meeting the tolerances"
        }
        return solution
    }
}
