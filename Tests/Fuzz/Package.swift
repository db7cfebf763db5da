// swift-tools-version: 6.1
//
// libFuzzer targets for `takeoff`'s input readers (a package of its own, so the main package
// needs no unsafe flags). Build and run with `make fuzz` from the repository root, or:
//   swift build --package-path Tests/Fuzz -c release --sanitize=fuzzer
//   Tests/Fuzz/.build/release/fuzz-scenario Tests/Fuzz/corpus/scenario -runs=1000000
import PackageDescription

let fuzzer: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]
let io: [Target.Dependency] = [.product(name: "TakeoffIO", package: "takeoff")]

let package = Package(
    name: "TakeoffFuzz",
    // `takeoff` is a symbolic link to the repository root, so the package identity does not
    // depend on the name of the folder the repository was cloned into.
    dependencies: [.package(path: "takeoff")],
    targets: [
        .executableTarget(name: "fuzz-scenario", dependencies: io, swiftSettings: fuzzer),
        .executableTarget(name: "fuzz-set", dependencies: io, swiftSettings: fuzzer),
        .executableTarget(name: "fuzz-data", dependencies: io, swiftSettings: fuzzer),
        .executableTarget(name: "fuzz-distribution", dependencies: io, swiftSettings: fuzzer),
    ]
)
