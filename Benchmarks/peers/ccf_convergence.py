"""First-order convergence of the compute-centric framework's reference scheme to the exact scheme
(README "The compute-centric framework"): the distance of the reference scheme's AGI year (largest
run crossing 1e36 FLOP, log-linearly interpolated between grid points as the reference's own
sensitivity study does) and of log10 GWP in 2050 and 2100 to the exact scheme's, at steps 0.1,
0.05, 0.025 and 0.0125. The test suite asserts the halving (ComputeCentricConvergenceTests).

Usage: python3 Benchmarks/peers/ccf_convergence.py [TAKEOFF_BINARY]   (default .build/release/takeoff)
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/takeoff"


def run(args, csv_path):
    subprocess.run([BINARY, "run"] + args + ["--csv", csv_path], capture_output=True, check=True)
    with open(csv_path, newline="") as f:
        return list(csv.DictReader(f))


def crossing(rows, column, threshold):
    for a, b in zip(rows, rows[1:]):
        va, vb = float(a[column]), float(b[column])
        if va < threshold <= vb:
            ya, yb = float(a["year"]), float(b["year"])
            return ya + (math.log(threshold) - math.log(va)) / (math.log(vb) - math.log(va)) * (yb - ya)
    return None


def log10_at(rows, year, column):
    row = min(rows, key=lambda r: abs(float(r["year"]) - year))
    return math.log10(float(row[column]))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        exact_csv = os.path.join(tmp, "exact.csv")
        exact = run(["Models/ccf-best-guess.toml"], exact_csv)
        with open(os.path.join(tmp, "exact.meta.json")) as f:
            metrics = json.load(f)["metrics"]
        targets = {"agi_year": metrics["agi_year"], "log10 GWP 2050": log10_at(exact, 2050, "gwp"),
                   "log10 GWP 2100": math.log10(float(exact[-1]["gwp"]))}
        print("exact: " + ", ".join(f"{k} {v:.5f}" for k, v in targets.items()))
        for step in (0.1, 0.05, 0.025, 0.0125):
            rows = run(["Models/ccf-best-guess-reference.toml", "--set", f"parameters.referenceStep={step}"],
                       os.path.join(tmp, "reference.csv"))
            values = {"agi_year": crossing(rows, "biggest_training_run", 1e36),
                      "log10 GWP 2050": log10_at(rows, 2050, "gwp"),
                      "log10 GWP 2100": math.log10(float(rows[-1]["gwp"]))}
            print(f"step {step}: " + ", ".join(f"{k} {values[k] - targets[k]:+.4f}" for k in targets))


if __name__ == "__main__":
    main()
