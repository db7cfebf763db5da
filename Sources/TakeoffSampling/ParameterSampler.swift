import TakeoffGSL

/// An uncertain parameter: its scenario name and distribution.
public struct UncertainParameter: Sendable, Equatable {
    public var name: String
    public var distribution: Distribution

    public init(name: String, distribution: Distribution) {
        self.name = name
        self.distribution = distribution
    }
}

/// Draws the uncertain parameters of one run from its seed.
public struct ParameterSampler: Sendable, Equatable {
    public var parameters: [UncertainParameter]
    public var copula: GaussianCopula?

    public init(parameters: [UncertainParameter], copula: GaussianCopula?) {
        self.parameters = parameters
        self.copula = copula
    }

    /// The values for the run with `seed`, in `parameters` order.
    public func draw(seed: UInt64, stream: RandomStream) -> [Double] {
        stream.reseed(seed)
        var u = parameters.map { _ in stream.uniform() }
        if let copula { u = copula.correlate(u) }
        return zip(parameters, u).map { $0.distribution.quantile($1) }
    }
}
