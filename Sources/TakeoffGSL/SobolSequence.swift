import CGSL

/// GSL's Sobol quasi-random sequence in the unit cube (`gsl_qrng_sobol`).
///
/// GSL supports at most 40 dimensions, and `gsl_qrng_alloc(sobol, 41)` silently returns a
/// generator of zeros (docs/swift-gsl-notes.md), so the dimension is checked here.
public final class SobolSequence {
    /// The largest dimension GSL's Sobol generator supports.
    public static let maximumDimension = 40

    public let dimension: Int
    private let qrng: UnsafeMutablePointer<gsl_qrng>
    private var buffer: [Double]

    /// `nil` when the dimension is outside 1...40.
    public init?(dimension: Int) {
        guard (1...Self.maximumDimension).contains(dimension) else { return nil }
        GSLRuntime.prepare()
        guard let q = gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimension)) else { return nil }
        self.dimension = dimension
        qrng = q
        buffer = Array(repeating: 0, count: dimension)
    }

    deinit { gsl_qrng_free(qrng) }

    /// The next point of the sequence.
    public func next() -> [Double] {
        _ = buffer.withUnsafeMutableBufferPointer { gsl_qrng_get(qrng, $0.baseAddress!) }
        return buffer
    }
}
