/// The built-in models by id.
public enum ModelRegistry {
    /// Every built-in model.
    public static let all: [ModelSpec] = [
        ComputeGrowthModel.spec, FeedbackModel.spec, RegulationModel.spec,
        SoftwareExplosionModel.spec, MilestoneChainModel.spec, ComputeCentricModel.spec,
    ]

    /// The model with identifier `id`.
    public static func model(_ id: String) -> ModelSpec? { all.first { $0.id == id } }
}
