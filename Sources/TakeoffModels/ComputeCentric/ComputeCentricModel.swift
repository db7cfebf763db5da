import Foundation
import TakeoffCore

/// Davidson's compute-centric framework (Open Philanthropy 2023; Epoch AI's "Full Takeoff Model",
/// the engine of takeoffspeeds.com): its economy and automation algebra (``CCFAlgebra``,
/// ``CCFAllocation``), integrated in continuous time by the ODE core (``CCFExactScheme``, option
/// `scheme = "exact"`, the default) or by the reference's fixed explicit step (`scheme =
/// "reference"`, step `referenceStep`), which reproduces the reference trajectory step for step. Structure and
/// conventions: docs/ccf-model-notes.md; the reference is epoch-research/ftm,
/// `ftm/core/model.py`. Output columns and metrics keep the reference's names (the one
/// documented exception to the package's camelCase).
public enum ComputeCentricModel {
    public typealias Parameters = ComputeCentricParameters

    /// The model: its declarations and its resolution for a scenario (the scheme option picks
    /// the exact ODE scheme or the reference's fixed step).
    public static let spec = ModelSpec(
        id: "ccf", summary: "Davidson's compute-centric framework (takeoffspeeds.com): exact continuous time, or the reference's fixed step",
        parameters: parameterTable, options: options, states: [], observables: observables, metrics: metrics,
        build: { p, inputs throws(ModelInputIssue) in
            apply(inputs.options, to: &p)
            if let issue = validate(p, inputs: inputs) { throw issue }
        }
    ) { p, inputs in
        let scheme: RunScheme = inputs.options["scheme"] == "reference"
            ? .custom { _ in referenceRun(p, inputs: inputs) }
            : .ode(CCFExactScheme(p, start: inputs.start, end: inputs.end).odeScheme)
        return ResolvedModel.Parts(states: [], observables: observables, metrics: metrics, scheme: scheme, narrative: narrative)
    }

    public static var observables: [VariableInfo] { CCFSeries.columns }

    static let referenceMetrics: [MetricInfo] = [
        MetricInfo("sub_agi_year", unit: "year", meaning: "first grid year at which AI could be trained (without the runtime tradeoff) for 20% of goods tasks"),
        MetricInfo("agi_year", unit: "year", meaning: "the same for 100% of goods tasks"),
        MetricInfo("automation_gns_20%", unit: "year", meaning: "first grid year with ≥ 20% of goods tasks automated in practice (compute > 10× labour)"),
        MetricInfo("automation_gns_100%", unit: "year", meaning: "first grid year with 100% of goods tasks automated in practice"),
        MetricInfo("automation_rnd_20%", unit: "year", meaning: "first grid year with ≥ 20% of R&D tasks automated in practice"),
        MetricInfo("automation_rnd_100%", unit: "year", meaning: "first grid year with 100% of R&D tasks automated in practice"),
        MetricInfo("rampup_start", unit: "year", meaning: "wake-up: the grid year automation of goods tasks first reaches rampup_trigger"),
        MetricInfo("full_automation_gns", unit: "years", meaning: "from the first step with > 20% of goods tasks automated to the first with 100%"),
        MetricInfo("full_automation_rnd", unit: "years", meaning: "the same for R&D tasks"),
        MetricInfo("sub_agi_to_agi", unit: "years", meaning: "agi_year − sub_agi_year"),
        MetricInfo("cog_output_multiplier", unit: "years", meaning: "from hardware-R&D automation multiplier > 2 to > 10"),
        MetricInfo("gwp_growth", unit: "years", meaning: "from one-year GWP growth > 5% to > 20% (forward-looking, log growth)"),
    ] + (1...5).map { MetricInfo("gwp_doubling_time.\($0)", unit: "years", meaning: $0 == 1 ? "initial GWP doubling time" : "GWP doubling time \($0 - 1) after wake-up") }

    /// Every metric: the reference's, then each with suffix `_grid` — the same metric with the
    /// reference's grid conventions on the output grid (identical to the plain one in the
    /// reference scheme; in the exact scheme, for comparing like with like).
    public static let metrics: [MetricInfo] = referenceMetrics + referenceMetrics.map {
        MetricInfo($0.name + "_grid", unit: $0.unit, meaning: $0.meaning + ", with the reference's conventions on the output grid")
    }

    public static let options = [
        OptionInfo("scheme", "exact", allowed: ["exact", "reference"],
                   meaning: "exact: the stocks integrated by the ODE core, regime changes and milestones located; reference: the reference's fixed explicit step, step for step"),
        OptionInfo("runtimeTradeoff", "enabled", allowed: ["enabled", "disabled"],
                   meaning: "the website's runtime_training_tradeoff_enabled flag"),
    ]

    public static func validate(_ p: Parameters, inputs: ModelInputs) -> ModelInputIssue? {
        if p.flopGapTraining < 1 || p.flopGapRuntime < 1 {
            return ModelInputIssue(keyPaths: ["parameters.flopGapTraining", "parameters.flopGapRuntime"], message: "FLOP gaps must be ≥ 1")
        }
        if p.fracLabourHardwareRndCeiling + p.fracLabourSoftwareRndCeiling >= 1 {
            return ModelInputIssue(keyPaths: ["parameters.fracLabourHardwareRndCeiling", "parameters.fracLabourSoftwareRndCeiling"],
                                   message: "the labour R&D ceilings must sum to less than 1")
        }
        if p.fracComputeHardwareRndCeiling + p.fracComputeSoftwareRndCeiling + p.fracComputeTrainingCeiling >= 1 {
            return ModelInputIssue(keyPaths: ["parameters.fracComputeHardwareRndCeiling", "parameters.fracComputeSoftwareRndCeiling",
                                              "parameters.fracComputeTrainingCeiling"],
                                   message: "the compute ceilings (hardware R&D, software R&D, training) must sum to less than 1")
        }
        if p.initialBiggestTrainingRun > p.initialHardwareProduction * p.ratioHardwareToInitialHardwareProduction {
            return ModelInputIssue(keyPaths: ["parameters.initialBiggestTrainingRun"],
                                   message: "the initial biggest training run exceeds the initial compute")
        }
        if (inputs.end - inputs.start) / p.referenceStep > 1e6 {
            return ModelInputIssue(keyPaths: ["parameters.referenceStep"], message: "more than a million steps: use a larger referenceStep")
        }
        return nil
    }

    /// The reference's fixed explicit step, step for step.
    static func referenceRun(_ p: Parameters, inputs: ModelInputs) -> SchemeOutput {
        let scheme = CCFReferenceScheme(p, start: inputs.start, end: inputs.end)
        scheme.run()
        let columns = CCFSeries.columns
        var values: [Double] = []
        values.reserveCapacity(scheme.steps * columns.count)
        for k in 0..<scheme.steps { for j in 0..<columns.count { values.append(scheme.s.value(j, k)) } }
        var m = scheme.metrics()
        for (name, value) in m { m[name + "_grid"] = value }
        var stats = SolverStats()
        stats.acceptedSteps = scheme.steps
        let message = scheme.stoppedAt.map {
            String(format: "stopped at %.4g on a non-finite value, as the reference does; results up to there", $0)
        }
        var out = SchemeOutput(years: Array(scheme.s.year.prefix(scheme.steps)), values: values, metrics: m)
        out.message = message
        out.stats = stats
        out.scheme = "reference fixed step of \(p.referenceStep) years (ftm), \(scheme.allocationCalls) allocation solves"
        return out
    }

    public static func narrative(_ m: MetricValues) -> [String] {
        guard let a = m["automation_gns_20%"], let b = m["automation_gns_100%"] else { return [] }
        return [String(format: "in words: 20%% of goods tasks automated in %.1f, all of them in %.1f (%.1f years).", a, b, b - a)]
    }
}
