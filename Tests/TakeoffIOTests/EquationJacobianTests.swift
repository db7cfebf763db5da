import Foundation
import Testing
import TakeoffEquations
@testable import TakeoffIO
import TakeoffModels

/// The symbolic Jacobian of every shipped equation model against central differences.
///
/// Points: the file's initial state and 20 random relative perturbations of up to ±20% of it
/// (positive states stay positive), at random times in the file's span. A point is used only
/// where every derivative is finite and no switch (`if`, `min`, `max`, `abs`) flips inside the
/// difference step — detected as the one-sided differences disagreeing with each other by more
/// than the central one's error allows. At a switch the symbolic derivative is one-sided (the
/// taken branch), as `CompiledModel.jacobian` documents.
@Suite("Equation models: the symbolic Jacobian of every shipped file")
struct EquationJacobianTests {
    static var files: [String] {
        let folder = packageRoot.appendingPathComponent("Models").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { name in
            guard name.hasSuffix(".toml"), let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            else { return false }
            return text.contains("model = \"equations\"")
        }.map { "Models/" + $0 }
    }

    static func compiled(_ file: String) throws -> (CompiledModel, [Double], Double, Double) {
        let path = packageRoot.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let tree = try TOMLReader.parse(text, file: file)
        let definition = try EquationFileReader(file: file, text: text).read(tree)
        let model = try EquationCompiler.compile(definition.declaration)
        let scenario = try ScenarioLoader.load(path: path)
        return (model, definition.parameters.map(\.defaultValue), scenario.inputs.start, scenario.inputs.end)
    }

    @Test("at least three shipped equation files are checked")
    func shipped() { #expect(Self.files.count >= 3, "\(Self.files)") }

    @Test("∂f/∂y and ∂f/∂t against central differences to 1e-6 where no switch is within the step",
          arguments: files)
    func againstDifferences(file: String) throws {
        let (model, parameters, start, end) = try Self.compiled(file)
        let p = model.parameterSlots(parameters), y0 = model.initialState(parameters: parameters)
        let n = model.stateCount, workspace = model.makeWorkspace()
        var generator = SeededGenerator(seed: 42)
        var checked = 0
        for trial in 0..<21 {
            let t = trial == 0 ? start : start + (end - start) * 0.5 * generator.uniform()
            let y = trial == 0 ? y0 : y0.map { $0 * (1 + 0.4 * (generator.uniform() - 0.5)) }
            let f = { (t: Double, y: [Double]) -> [Double] in
                var out = [Double](repeating: .nan, count: n)
                y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in out.withUnsafeMutableBufferPointer { ob in
                    model.derivatives(t: t, y: yb, parameters: pb, into: ob, workspace: workspace) } } }
                return out
            }
            var dfdy = [Double](repeating: .nan, count: n * n), dfdt = [Double](repeating: .nan, count: n)
            y.withUnsafeBufferPointer { yb in p.withUnsafeBufferPointer { pb in
                dfdy.withUnsafeMutableBufferPointer { a in dfdt.withUnsafeMutableBufferPointer { b in
                    model.jacobian(t: t, y: yb, parameters: pb, dfdy: a, dfdt: b, workspace: workspace) } } } }
            let base = f(t, y)
            guard base.allSatisfy(\.isFinite) else { continue }
            var usable = true
            var columns: [(Int, Double, [Double], [Double], [Double])] = []   // (j, h, +, −, center)
            for j in 0...n {   // j = n is the time column
                let scale = j < n ? max(abs(y[j]), 1e-8) : max(abs(t), 1)
                let h = 1e-6 * scale
                var up = y, down = y
                var tu = t, td = t
                if j < n { up[j] += h; down[j] -= h } else { tu += h; td -= h }
                let fu = f(tu, up), fd = f(td, down)
                guard fu.allSatisfy(\.isFinite), fd.allSatisfy(\.isFinite) else { usable = false; break }
                columns.append((j, h, fu, fd, base))
            }
            guard usable else { continue }
            for (j, h, fu, fd, fc) in columns {
                for i in 0..<n {
                    let central = (fu[i] - fd[i]) / (2 * h)
                    let forward = (fu[i] - fc[i]) / h, backward = (fc[i] - fd[i]) / h
                    let size = max(abs(central), abs(fc[i]) / max(abs(j < n ? y[j] : t), 1e-300) * 1e-3, 1e-12)
                    // A switch inside the step: the one-sided slopes disagree far beyond curvature.
                    if abs(forward - backward) > 1e-3 * size { continue }
                    let symbolic = j < n ? dfdy[i * n + j] : dfdt[i]
                    #expect(abs(symbolic - central) <= 1e-6 * size, "\(file) t=\(t) ∂f\(i)/∂\(j < n ? model.stateNames[j] : "t"): \(symbolic) against \(central)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 10 * n, "\(file): only \(checked) entries were checkable")
    }
}
