/// The seven allocation fractions, in the reference's update order: their names, growth rates
/// (before and after wake-up) and ceilings by index, shared by the reference and exact schemes.
extension ComputeCentricParameters {
    static let fractionNames = ["frac_gwp_compute", "frac_capital_hardware_rnd", "frac_labour_hardware_rnd",
                                "frac_compute_hardware_rnd", "frac_labour_software_rnd", "frac_compute_software_rnd",
                                "frac_compute_training"]

    /// Growth rate [1/year] of fraction `j`, before or after wake-up.
    func fractionGrowth(_ j: Int, rampup: Bool) -> Double {
        switch j {
        case 0: return rampup ? fracGwpComputeGrowthRampup : fracGwpComputeGrowth
        case 1: return rampup ? fracCapitalHardwareRndGrowthRampup : fracCapitalHardwareRndGrowth
        case 2: return rampup ? fracLabourHardwareRndGrowthRampup : fracLabourHardwareRndGrowth
        case 3: return rampup ? fracComputeHardwareRndGrowthRampup : fracComputeHardwareRndGrowth
        case 4: return rampup ? fracLabourSoftwareRndGrowthRampup : fracLabourSoftwareRndGrowth
        case 5: return rampup ? fracComputeSoftwareRndGrowthRampup : fracComputeSoftwareRndGrowth
        default: return rampup ? fracComputeTrainingGrowthRampup : fracComputeTrainingGrowth
        }
    }

    /// Ceiling of fraction `j`.
    func fractionCeiling(_ j: Int) -> Double {
        switch j {
        case 0: return fracGwpComputeCeiling
        case 1: return fracCapitalHardwareRndCeiling
        case 2: return fracLabourHardwareRndCeiling
        case 3: return fracComputeHardwareRndCeiling
        case 4: return fracLabourSoftwareRndCeiling
        case 5: return fracComputeSoftwareRndCeiling
        default: return fracComputeTrainingCeiling
        }
    }
}

extension CCFSeries {
    /// The series of the seven fractions, in the same order.
    static let fractionPaths: [WritableKeyPath<CCFSeries, [Double]> & Sendable] = [
        \.frac_gwp_compute, \.frac_capital_hardware_rnd, \.frac_labour_hardware_rnd, \.frac_compute_hardware_rnd,
        \.frac_labour_software_rnd, \.frac_compute_software_rnd, \.frac_compute_training,
    ]
}
