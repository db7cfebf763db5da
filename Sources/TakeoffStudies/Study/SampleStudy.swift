import TakeoffIO
import Dispatch
import Foundation
import TakeoffCore
import TakeoffGSL
import TakeoffModels
import TakeoffSampling

/// What `takeoff sample` runs: the scenario, the draws, the slice of run ids, the outputs asked for.
public struct SampleOptions: Sendable {
    public var runs: Int
    public var seed: UInt64
    public var threads: Int
    /// Variables whose quantile bands are computed on the save grid.
    public var bands: [String]
    public var probabilities: [ProbabilityQuery]
    /// `(i, n)`: only the i-th of n slices of the run ids (0-based i).
    public var shard: (index: Int, count: Int)?
    /// Run only this run id (to reproduce one draw).
    public var onlyRun: Int?
    /// Keep the scenario's save schedule (so each run equals `takeoff run` with its values bit
    /// for bit). Otherwise runs save only the start and the end unless bands need the grid;
    /// the integrator then takes other steps and metrics agree with `takeoff run` to the
    /// solver's tolerance rather than to the bit, for a run about 1.5× faster.
    public var keepSaveSchedule = false

    public init(runs: Int, seed: UInt64, threads: Int, bands: [String] = [], probabilities: [ProbabilityQuery] = [],
                shard: (index: Int, count: Int)? = nil, onlyRun: Int? = nil) {
        self.runs = runs
        self.seed = seed
        self.threads = threads
        self.bands = bands
        self.probabilities = probabilities
        self.shard = shard
        self.onlyRun = onlyRun
    }

    /// The run ids this invocation computes.
    public var runIDs: Range<Int> {
        if let only = onlyRun { return only..<(only + 1) }
        guard let shard else { return 0..<runs }
        return (shard.index * runs / shard.count)..<((shard.index + 1) * runs / shard.count)
    }
}

/// How one run of a study ended.
public enum RunOutcome: Sendable, Equatable {
    /// The model ran; how the solve ended.
    case solved(ReturnCode)
    /// The draw is not a valid combination of inputs (the record's message says why).
    case invalidDraw
    /// The solver refused the problem (``SolverError``: misuse, e.g. a tolerance of the wrong length).
    case misuse

    /// The word the study files print: the return code's, or `invalidParameters`.
    public var name: String {
        switch self {
        case .solved(let code): return code.rawValue
        case .invalidDraw, .misuse: return "invalidParameters"
        }
    }

    /// The outcome a study file's word stands for (`invalidParameters` reads back as an invalid draw).
    public init?(name: String) {
        if name == "invalidParameters" { self = .invalidDraw; return }
        guard let code = ReturnCode(rawValue: name) else { return nil }
        self = .solved(code)
    }
}

/// One run of a study: its draw and what came out.
public struct RunRecord: Sendable {
    public var runID: Int
    public var seed: UInt64
    public var outcome: RunOutcome
    public var parameters: [Double]
    public var metrics: [Double?]
    public var message: String?

    public init(runID: Int, seed: UInt64, outcome: RunOutcome, parameters: [Double], metrics: [Double?], message: String?) {
        self.runID = runID
        self.seed = seed
        self.outcome = outcome
        self.parameters = parameters
        self.metrics = metrics
        self.message = message
    }

    /// The outcome as the study files print it (`success`, …, `invalidParameters`).
    public var status: String { outcome.name }

    /// Whether the run counts in the summary (a result, not a failure).
    public var isResult: Bool {
        if case .solved(let code) = outcome { return code.isResult }
        return false
    }
}

/// The computed part of a study (a whole study, or one shard).
public struct StudyData: Sendable {
    public var parameterNames: [String]
    public var metricNames: [String]
    public var records: [RunRecord]
    /// Save grid of the bands and one histogram per band variable.
    public var grid: [Double]
    public var bands: [String: BandHistogram]
}

/// Where a run's parameter values come from.
public enum StudyDesign: Sendable {
    /// Random draws from the scenario's `[uncertainty]`.
    case random(ParameterSampler)
    /// Given rows (sweeps, sensitivity designs), by run id.
    case fixed(names: [String], rows: [[Double]])

    var names: [String] {
        switch self {
        case .random(let sampler): return sampler.parameters.map(\.name)
        case .fixed(let names, _): return names
        }
    }
}

/// Runs the draws of a scenario's `[uncertainty]` (or the rows of a design) in parallel, reproducibly.
///
/// Run k uses the seed SplitMix64(master, k) for its draw, and its own solver workspace, so
/// its result does not depend on the thread count, on other runs or on the shard it falls in.
/// Runs are computed in blocks of run ids; within a block, workers take interleaved ids and
/// write into their own slots; blocks are then appended in id order.
public struct SampleStudy: Sendable {
    public let scenario: Scenario
    public let design: StudyDesign
    public let options: SampleOptions

    public init(scenario: Scenario, options: SampleOptions) {
        self.scenario = scenario
        self.design = .random(scenario.uncertainty ?? ParameterSampler(parameters: [], copula: nil))
        self.options = options
    }

    /// A study of given parameter rows (run id = row index).
    public init(scenario: Scenario, names: [String], rows: [[Double]], options: SampleOptions) {
        self.scenario = scenario
        self.design = .fixed(names: names, rows: rows)
        self.options = options
    }

    /// Solver options for a draw: the scenario's, saving only what metrics and bands need.
    var solverOptions: SolverOptions {
        var solver = scenario.solver
        if options.bands.isEmpty && !options.keepSaveSchedule {
            solver.save = .at([scenario.inputs.start, scenario.inputs.end])
        }
        return solver
    }

    /// The band grid: the scenario's save grid.
    var grid: [Double] {
        guard case .every(let dt) = scenario.solver.save else { return [] }
        let (t0, t1) = (scenario.inputs.start, scenario.inputs.end)
        let direction: Double = t1 > t0 ? 1 : -1
        var times = [t0]
        var k = 1.0
        while direction * (t1 - (t0 + direction * k * dt)) > 1e-9 * dt {
            times.append(t0 + direction * k * dt)
            k += 1
        }
        times.append(t1)
        return times
    }

    /// Computes the runs, calling `progress(done)` after each block, and keeps them in memory
    /// (sensitivity designs, sweeps, `verify`: studies of bounded size). `takeoff sample`
    /// streams instead (``stream(into:progress:)``).
    public func compute(progress: ((Int) -> Void)? = nil) -> StudyData {
        let grid = self.grid
        // The metric columns are the resolved model's, known before any run.
        var data = StudyData(parameterNames: design.names, metricNames: scenario.declaredNames.metrics, records: [],
                             grid: grid, bands: [:])
        for name in options.bands { data.bands[name] = BandHistogram(gridPoints: grid.count) }
        data.records.reserveCapacity(options.runIDs.count)
        forEachBlock(progress: progress) { result in
            if result.record.isResult {
                for (name, values) in result.bandValues { for (i, v) in values.enumerated() { data.bands[name]!.add(v, at: i) } }
            }
            data.records.append(result.record)
        }
        return data
    }

    /// Computes the runs and hands each to `sink` in run order, block by block: memory holds
    /// one block of 1,024 runs at a time, whatever the run count.
    public func stream(into sink: StudyStream, progress: ((Int) -> Void)? = nil) throws {
        // A write that fails stops the study at once rather than after computing every block.
        try forEachBlock(progress: progress) { result in try sink.add(result.record, bandValues: result.bandValues) }
    }

    /// The study's columns, grid and requested outputs, for a stream writing its files.
    public func makeStream(folder: String) throws -> StudyStream {
        try StudyStream(folder: folder, parameterNames: design.names, metricNames: scenario.declaredNames.metrics,
                        grid: grid, bands: options.bands, probabilities: options.probabilities)
    }

    /// Runs the blocks of 1,024 run ids in order, each in parallel, handing every result to
    /// `body` in run order.
    func forEachBlock(progress: ((Int) -> Void)?, _ body: (RunResult) throws -> Void) rethrows {
        let ids = options.runIDs
        let blockSize = 1024
        var start = ids.lowerBound
        while start < ids.upperBound {
            let block = start..<min(start + blockSize, ids.upperBound)
            for result in computeBlock(block) { try body(result) }
            start = block.upperBound
            progress?(start - ids.lowerBound)
        }
    }

    struct RunResult: @unchecked Sendable {
        var record: RunRecord
        var bandValues: [(String, [Double])]
    }

    func computeBlock(_ block: Range<Int>) -> [RunResult] {
        let count = block.count
        let slots = UnsafeMutableBufferPointer<RunResult?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            // Deinitialize first: the results hold arrays, which would otherwise leak
            // (found by AddressSanitizer's leak check).
            slots.deinitialize()
            slots.deallocate()
        }
        nonisolated(unsafe) let shared = slots
        let workers = max(1, min(options.threads, count))
        let study = self
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let stream = RandomStream(seed: 0)
            var k = worker
            while k < count {
                shared[k] = study.runOne(block.lowerBound + k, stream: stream)
                k += workers
            }
        }
        return slots.map { $0! }
    }

    func runOne(_ runID: Int, stream: RandomStream) -> RunResult {
        let seed = RunSeed.seed(master: options.seed, run: runID)
        let values: [Double]
        switch design {
        case .random(let sampler): values = sampler.draw(seed: seed, stream: stream)
        case .fixed(_, let rows): values = rows[runID]
        }
        var record = RunRecord(runID: runID, seed: seed, outcome: .invalidDraw, parameters: values, metrics: [], message: nil)
        let draw = Dictionary(uniqueKeysWithValues: zip(design.names, values))
        let model: ResolvedModel
        do throws(ModelInputIssue) {
            model = try scenario.resolve(with: draw)
        } catch {
            record.outcome = .invalidDraw
            record.message = error.message
            return RunResult(record: record, bandValues: [])
        }
        do {
            let run = try model.run(solver: .gsl(solverOptions))
            record.outcome = .solved(run.status)
            record.message = run.message
            record.metrics = run.metrics.map(\.value)
            let bands = options.bands.map { name in (name, bandValues(run, name)) }
            return RunResult(record: record, bandValues: bands)
        } catch {
            record.outcome = .misuse
            record.message = "\(error)"
            return RunResult(record: record, bandValues: [])
        }
    }

    /// The variable on the grid: saved values at grid times; after an early end, +infinity
    /// for a singularity (the state has diverged) and NaN otherwise.
    func bandValues(_ run: ModelRun, _ name: String) -> [Double] {
        guard let column = run.column(name) else { return Array(repeating: .nan, count: grid.count) }
        var out: [Double] = []
        out.reserveCapacity(grid.count)
        var row = 0
        for t in grid {
            while row < run.years.count, run.years[row] < t - 1e-9 { row += 1 }
            if row < run.years.count, abs(run.years[row] - t) <= 1e-9 {
                out.append(column[row])
            } else {
                out.append(run.status == .singularity ? .infinity : .nan)
            }
        }
        return out
    }
}
