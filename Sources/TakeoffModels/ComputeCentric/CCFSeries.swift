/// The reference scheme's series, one entry per step, under the reference's names (the model's
/// output columns: the compute-centric framework keeps its reference's names, the one documented
/// exception to camelCase).
struct CCFSeries {
    var year: [Double] = []
    var frac_tasks_automated_goods: [Double] = []
    var frac_tasks_automated_rnd: [Double] = []
    var gwp: [Double] = []
    var hardware_performance: [Double] = []
    var software: [Double] = []
    var compute: [Double] = []
    var biggest_training_run: [Double] = []
    var frac_gwp_compute: [Double] = []
    var capital: [Double] = []
    var labour: [Double] = []
    var hardware: [Double] = []
    var cumulative_rnd_input_hardware: [Double] = []
    var cumulative_rnd_input_software: [Double] = []
    var rnd_input_hardware: [Double] = []
    var rnd_input_software: [Double] = []
    var frac_automatable_tasks_goods: [Double] = []
    var frac_automatable_tasks_rnd: [Double] = []
    var frac_automatable_tasks_goods_no_tradeoff: [Double] = []
    var frac_automatable_tasks_rnd_no_tradeoff: [Double] = []
    var compute_investment: [Double] = []
    var money_spent_training: [Double] = []
    var tfp_goods: [Double] = []
    var tfp_rnd: [Double] = []
    var automation_multiplier_goods: [Double] = []
    var automation_multiplier_rnd: [Double] = []
    var frac_compute_training: [Double] = []
    var frac_capital_hardware_rnd: [Double] = []
    var frac_labour_hardware_rnd: [Double] = []
    var frac_compute_hardware_rnd: [Double] = []
    var frac_labour_software_rnd: [Double] = []
    var frac_compute_software_rnd: [Double] = []
    var frac_capital_goods: [Double] = []
    var frac_labour_goods: [Double] = []
    var frac_compute_goods: [Double] = []
    var compute_software_rnd_experiments: [Double] = []
    var rampup: [Double] = []
    var capital_share_goods: [Double] = []
    var labour_share_goods: [Double] = []
    var compute_share_goods: [Double] = []
    var compute_spend_per_year: [Double] = []
    var automatableGoods: [Int] = []
    var automatableRnd: [Int] = []

    init() {}

    init(steps: Int) {
        let zeros = [Double](repeating: 0, count: steps)
        year = zeros
        frac_tasks_automated_goods = zeros
        frac_tasks_automated_rnd = zeros
        gwp = zeros
        hardware_performance = zeros
        software = zeros
        compute = zeros
        biggest_training_run = zeros
        frac_gwp_compute = zeros
        capital = zeros
        labour = zeros
        hardware = zeros
        cumulative_rnd_input_hardware = zeros
        cumulative_rnd_input_software = zeros
        rnd_input_hardware = zeros
        rnd_input_software = zeros
        frac_automatable_tasks_goods = zeros
        frac_automatable_tasks_rnd = zeros
        frac_automatable_tasks_goods_no_tradeoff = zeros
        frac_automatable_tasks_rnd_no_tradeoff = zeros
        compute_investment = zeros
        money_spent_training = zeros
        tfp_goods = zeros
        tfp_rnd = zeros
        automation_multiplier_goods = zeros
        automation_multiplier_rnd = zeros
        frac_compute_training = zeros
        frac_capital_hardware_rnd = zeros
        frac_labour_hardware_rnd = zeros
        frac_compute_hardware_rnd = zeros
        frac_labour_software_rnd = zeros
        frac_compute_software_rnd = zeros
        frac_capital_goods = zeros
        frac_labour_goods = zeros
        frac_compute_goods = zeros
        compute_software_rnd_experiments = zeros
        rampup = zeros
        capital_share_goods = zeros
        labour_share_goods = zeros
        compute_share_goods = zeros
        compute_spend_per_year = zeros
        automatableGoods = [Int](repeating: 0, count: steps)
        automatableRnd = automatableGoods
    }

    /// The output columns after `year`, in the reference's `series.csv` order.
    static let columns: [VariableInfo] = [
        VariableInfo("frac_tasks_automated_goods", unit: "fraction", meaning: "the reference's `frac_tasks_automated_goods`"),
        VariableInfo("frac_tasks_automated_rnd", unit: "fraction", meaning: "the reference's `frac_tasks_automated_rnd`"),
        VariableInfo("gwp", unit: "USD/year (2020)", meaning: "the reference's `gwp`"),
        VariableInfo("hardware_performance", unit: "FLOP/year per USD", meaning: "the reference's `hardware_performance`"),
        VariableInfo("software", unit: "× (2020 = 1)", meaning: "the reference's `software`"),
        VariableInfo("compute", unit: "effective FLOP/year", meaning: "the reference's `compute`"),
        VariableInfo("biggest_training_run", unit: "effective FLOP", meaning: "the reference's `biggest_training_run`"),
        VariableInfo("frac_gwp_compute", unit: "fraction", meaning: "the reference's `frac_gwp_compute`"),
        VariableInfo("capital", unit: "USD (2020)", meaning: "the reference's `capital`"),
        VariableInfo("labour", unit: "workers", meaning: "the reference's `labour`"),
        VariableInfo("hardware", unit: "FLOP/year", meaning: "the reference's `hardware`"),
        VariableInfo("cumulative_rnd_input_hardware", unit: "(USD/year)^λ·year", meaning: "the reference's `cumulative_rnd_input_hardware`"),
        VariableInfo("cumulative_rnd_input_software", unit: "(USD/year)^λ·year", meaning: "the reference's `cumulative_rnd_input_software`"),
        VariableInfo("rnd_input_hardware", unit: "USD/year", meaning: "the reference's `rnd_input_hardware`"),
        VariableInfo("rnd_input_software", unit: "USD/year", meaning: "the reference's `rnd_input_software`"),
        VariableInfo("frac_automatable_tasks_goods", unit: "fraction", meaning: "the reference's `frac_automatable_tasks_goods`"),
        VariableInfo("frac_automatable_tasks_rnd", unit: "fraction", meaning: "the reference's `frac_automatable_tasks_rnd`"),
        VariableInfo("frac_automatable_tasks_goods_no_tradeoff", unit: "fraction", meaning: "the reference's `frac_automatable_tasks_goods_no_tradeoff`"),
        VariableInfo("frac_automatable_tasks_rnd_no_tradeoff", unit: "fraction", meaning: "the reference's `frac_automatable_tasks_rnd_no_tradeoff`"),
        VariableInfo("compute_investment", unit: "USD per step", meaning: "the reference's `compute_investment`"),
        VariableInfo("money_spent_training", unit: "USD", meaning: "the reference's `money_spent_training`"),
        VariableInfo("tfp_goods", unit: "×", meaning: "the reference's `tfp_goods`"),
        VariableInfo("tfp_rnd", unit: "×", meaning: "the reference's `tfp_rnd`"),
        VariableInfo("automation_multiplier_goods", unit: "×", meaning: "the reference's `automation_multiplier_goods`"),
        VariableInfo("automation_multiplier_rnd", unit: "×", meaning: "the reference's `automation_multiplier_rnd`"),
        VariableInfo("frac_compute_training", unit: "fraction", meaning: "the reference's `frac_compute_training`"),
        VariableInfo("frac_capital_hardware_rnd", unit: "fraction", meaning: "the reference's `frac_capital_hardware_rnd`"),
        VariableInfo("frac_labour_hardware_rnd", unit: "fraction", meaning: "the reference's `frac_labour_hardware_rnd`"),
        VariableInfo("frac_compute_hardware_rnd", unit: "fraction", meaning: "the reference's `frac_compute_hardware_rnd`"),
        VariableInfo("frac_labour_software_rnd", unit: "fraction", meaning: "the reference's `frac_labour_software_rnd`"),
        VariableInfo("frac_compute_software_rnd", unit: "fraction", meaning: "the reference's `frac_compute_software_rnd`"),
        VariableInfo("frac_capital_goods", unit: "fraction", meaning: "the reference's `frac_capital_goods`"),
        VariableInfo("frac_labour_goods", unit: "fraction", meaning: "the reference's `frac_labour_goods`"),
        VariableInfo("frac_compute_goods", unit: "fraction", meaning: "the reference's `frac_compute_goods`"),
        VariableInfo("compute_software_rnd_experiments", unit: "FLOP/year^e", meaning: "the reference's `compute_software_rnd_experiments`"),
        VariableInfo("rampup", unit: "0/1", meaning: "the reference's `rampup`"),
        VariableInfo("capital_share_goods", unit: "fraction", meaning: "the reference's `capital_share_goods`"),
        VariableInfo("labour_share_goods", unit: "fraction", meaning: "the reference's `labour_share_goods`"),
        VariableInfo("compute_share_goods", unit: "fraction", meaning: "the reference's `compute_share_goods`"),
        VariableInfo("compute_spend_per_year", unit: "USD/year", meaning: "the reference's `compute_spend_per_year`"),
    ]

    /// Column j (after `year`) at step k.
    func value(_ j: Int, _ k: Int) -> Double {
        switch j {
        case 0: return frac_tasks_automated_goods[k]
        case 1: return frac_tasks_automated_rnd[k]
        case 2: return gwp[k]
        case 3: return hardware_performance[k]
        case 4: return software[k]
        case 5: return compute[k]
        case 6: return biggest_training_run[k]
        case 7: return frac_gwp_compute[k]
        case 8: return capital[k]
        case 9: return labour[k]
        case 10: return hardware[k]
        case 11: return cumulative_rnd_input_hardware[k]
        case 12: return cumulative_rnd_input_software[k]
        case 13: return rnd_input_hardware[k]
        case 14: return rnd_input_software[k]
        case 15: return frac_automatable_tasks_goods[k]
        case 16: return frac_automatable_tasks_rnd[k]
        case 17: return frac_automatable_tasks_goods_no_tradeoff[k]
        case 18: return frac_automatable_tasks_rnd_no_tradeoff[k]
        case 19: return compute_investment[k]
        case 20: return money_spent_training[k]
        case 21: return tfp_goods[k]
        case 22: return tfp_rnd[k]
        case 23: return automation_multiplier_goods[k]
        case 24: return automation_multiplier_rnd[k]
        case 25: return frac_compute_training[k]
        case 26: return frac_capital_hardware_rnd[k]
        case 27: return frac_labour_hardware_rnd[k]
        case 28: return frac_compute_hardware_rnd[k]
        case 29: return frac_labour_software_rnd[k]
        case 30: return frac_compute_software_rnd[k]
        case 31: return frac_capital_goods[k]
        case 32: return frac_labour_goods[k]
        case 33: return frac_compute_goods[k]
        case 34: return compute_software_rnd_experiments[k]
        case 35: return rampup[k]
        case 36: return capital_share_goods[k]
        case 37: return labour_share_goods[k]
        case 38: return compute_share_goods[k]
        case 39: return compute_spend_per_year[k]
        default: return .nan
        }
    }
}
