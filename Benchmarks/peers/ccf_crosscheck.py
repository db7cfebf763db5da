"""The compute-centric framework's exact scheme against its reference scheme at step 0.01, draw by
draw (README "Under uncertainty"): for the first N draws of `Models/ccf-uncertainty.toml` (seed 1,
as written by `takeoff sample … --output out/ccf-uncertainty`), the largest differences between the
two schemes' milestones. The reference scheme is an independent path (explicit allocation, fixed
step); at step 0.01 its first-order lag is a few hundredths of a year.

Usage: python3 Benchmarks/peers/ccf_crosscheck.py [N] [RUNS_CSV]   (defaults 30, out/ccf-uncertainty/runs.csv)
"""
import csv
import json
import subprocess
import sys

BINARY = ".build/release/takeoff"
NAMES = ["rampup_start", "automation_gns_20%", "automation_gns_100%", "automation_rnd_20%", "automation_rnd_100%",
         "sub_agi_year", "agi_year", "cog_output_multiplier"]


def metrics(scenario, args):
    out = subprocess.run([BINARY, "run", scenario, "--json"] + args, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["metrics"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    path = sys.argv[2] if len(sys.argv) > 2 else "out/ccf-uncertainty/runs.csv"
    with open(path, newline="") as f:
        runs = list(csv.DictReader(f))
    keys = list(runs[0].keys())
    params = keys[3:keys.index("sub_agi_year")]
    rows, mismatches, compared = [], [], 0
    for run in runs[:count]:
        if run["status"] != "success":
            continue
        args = [a for p in params for a in ("--set", f"parameters.{p}={run[p]}")]
        exact = metrics("Models/ccf-best-guess.toml", args)
        reference = metrics("Models/ccf-best-guess-reference.toml", args + ["--set", "parameters.referenceStep=0.01"])
        for name in NAMES:
            a, b = exact.get(name), reference.get(name)
            if a is None and b is None:
                continue
            if a is None or b is None:
                mismatches.append((run["runId"], name, a, b))
                continue
            rows.append((abs(a - b), run["runId"], name, a, b))
            compared += 1
    rows.sort(reverse=True)
    print(f"{compared} milestones compared over the first {count} draws; {len(mismatches)} reached by one scheme only")
    for d, run_id, name, a, b in rows[:10]:
        print(f"run {run_id:>5} {name:22s} exact {a:.4f}  reference(0.01) {b:.4f}  difference {d:.4f}")
    for m in mismatches:
        print("reached by one scheme only:", m)


if __name__ == "__main__":
    main()
