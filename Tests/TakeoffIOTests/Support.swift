import Foundation
@_exported import TakeoffTestSupport



/// A minimal valid compute-growth scenario, with `extra` lines appended.
func scenarioText(_ extra: String = "", time: String = "[time]\nstart = 2025.0\nend = 2035.0\n") -> String {
    "model = \"compute-growth\"\n" + time + extra
}
