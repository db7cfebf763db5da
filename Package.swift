// swift-tools-version: 6.1
//
// `takeoff`: a numerical modeler of AI takeoff dynamics on GSL.
//
// Module graph (README.md, "Architecture"):
//   TakeoffCore     pure Swift: problems, options, solutions, events, statuses, ODEIntegrating/ModelSolver
//   CGSL            system library over GSL <- TakeoffGSL (the only module that imports it; ODESolver)
//   TakeoffModels   models as values (ModelSpec, ResolvedModel) and the built-in models; TakeoffCore only
//   TakeoffSampling distributions, copulas, samplers, Sobol designs, summaries
//   TakeoffFitting  trend forms and fit parameters
//   TakeoffEquations the expression language of equation models (parse, check, differentiate, compile)
//   TakeoffIO       the scenario layer: files in and out (TOML, validation, CSV, JSON, metadata)
//   TakeoffStudies  the application layer: runs, Monte Carlo, sensitivity, sweeps, fits, verify, merge, Slurm
//   takeoff         the CLI, thin; TakeoffTestSupport: shared test helpers and standard problems
import PackageDescription

let package = Package(
    name: "Takeoff",
    products: [
        .executable(name: "takeoff", targets: ["takeoff"]),
        .library(name: "TakeoffCore", targets: ["TakeoffCore"]),
        .library(name: "TakeoffGSL", targets: ["TakeoffGSL"]),
        .library(name: "TakeoffModels", targets: ["TakeoffModels"]),
        .library(name: "TakeoffSampling", targets: ["TakeoffSampling"]),
        .library(name: "TakeoffFitting", targets: ["TakeoffFitting"]),
        .library(name: "TakeoffIO", targets: ["TakeoffIO"]),
        .library(name: "TakeoffStudies", targets: ["TakeoffStudies"]),
        .library(name: "TakeoffEquations", targets: ["TakeoffEquations"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        .target(name: "TakeoffCore"),
        .target(name: "TakeoffGSL", dependencies: ["CGSL", "TakeoffCore"]),
        .target(name: "TakeoffModels", dependencies: ["TakeoffCore", "TakeoffEquations"]),
        // The expression language of equation models (issue #19): parser, checks, symbolic
        // derivatives, register-machine compiler; no dependencies. Not yet wired into a model.
        .target(name: "TakeoffEquations"),
        .target(name: "TakeoffSampling", dependencies: ["TakeoffCore", "TakeoffGSL"]),
        .target(name: "TakeoffFitting", dependencies: ["TakeoffCore", "TakeoffGSL"]),
        .target(
            name: "TakeoffIO",
            dependencies: ["TakeoffCore", "TakeoffGSL", "TakeoffModels", "TakeoffSampling", "TakeoffFitting", "TakeoffEquations",
                           .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .target(
            name: "TakeoffStudies",
            dependencies: ["TakeoffIO", "TakeoffCore", "TakeoffGSL", "TakeoffModels", "TakeoffSampling", "TakeoffFitting",
                           .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .executableTarget(
            name: "takeoff",
            dependencies: ["TakeoffIO", "TakeoffStudies", "TakeoffEquations", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "takeoff-bench",
            dependencies: ["TakeoffCore", "TakeoffGSL"],
            path: "Benchmarks/takeoff-bench"
        ),
        .executableTarget(
            name: "ivp-bench",
            dependencies: ["TakeoffCore", "TakeoffGSL", "TakeoffTestSupport"],
            path: "Benchmarks/ivp-bench"
        ),
        // The standard IVP test problems with their reference solutions (tests and ivp-bench).
        .target(name: "TakeoffTestSupport", dependencies: ["TakeoffCore"], path: "Tests/TakeoffTestSupport"),
        .executableTarget(
            name: "ccf-bench",
            dependencies: ["TakeoffModels", "TakeoffIO", "TakeoffStudies"],
            path: "Benchmarks/ccf-bench"
        ),
        .executableTarget(name: "eq-bench", dependencies: ["TakeoffEquations"], path: "Benchmarks/eq-bench"),
        .executableTarget(name: "eq-study-bench", dependencies: ["TakeoffCore", "TakeoffGSL", "TakeoffIO", "TakeoffModels", "TakeoffStudies"],
                          path: "Benchmarks/eq-study-bench", exclude: ["study.sh"]),
        .testTarget(name: "TakeoffEquationsTests", dependencies: ["TakeoffEquations"]),
        .testTarget(name: "TakeoffCoreTests", dependencies: ["TakeoffCore", "TakeoffGSL", "TakeoffTestSupport"]),
        .testTarget(name: "TakeoffSamplingTests", dependencies: ["TakeoffSampling", "TakeoffGSL", "TakeoffTestSupport"]),
        .testTarget(name: "TakeoffModelsTests", dependencies: ["TakeoffModels", "TakeoffIO", "TakeoffStudies", "TakeoffGSL", "TakeoffCore",
                                                               "TakeoffSampling", "TakeoffTestSupport"]),
        .testTarget(
            name: "TakeoffIOTests",
            dependencies: ["TakeoffIO", "TakeoffStudies", "TakeoffModels", "TakeoffTestSupport", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
    ]
)
