"""Delay bought against the strength of a decaying level restriction, for several decay rates.

Runs `takeoff run Models/regulation-decaying.toml --json` over a grid of strengthOOM and
decayRatePerYear (with --set), writes the table as CSV (with the closed form
max(0, (ln R0 − δ t_u)/(g + δ)) beside each measured delay), and draws the chart.

Usage: python3 Plots/regulation_sweep.py TAKEOFF_BINARY OUT.csv OUT.png
"""
import csv
import json
import math
import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402

SCENARIO = "Models/regulation-decaying.toml"
STRENGTHS = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0]
DECAYS = [0.0, 0.25, 0.5, 1.0]


def run(binary, *sets):
    args = [binary, "run", SCENARIO, "--json"] + [x for s in sets for x in ("--set", s)]
    return json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: regulation_sweep.py TAKEOFF OUT.csv OUT.png")
    binary, csv_path, png_path = sys.argv[1:]
    # t_u: years after 2025 at which the defector would reach the threshold unrestricted.
    free = run(binary, "restrictions.exportControls.strengthOOM=0")
    t_u = free["metrics"]["yearReached.defector"] - 2025
    g = math.log(4.0)
    rows = []
    for decay in DECAYS:
        for oom in STRENGTHS:
            result = run(binary, f"restrictions.exportControls.strengthOOM={oom}",
                         f"restrictions.exportControls.decayRatePerYear={decay}")
            delay = result["metrics"]["delayBoughtMonths.defector"]
            closed = 12 * max(0.0, (oom * math.log(10) - decay * t_u) / (g + decay))
            rows.append({"strengthOOM": oom, "decayRatePerYear": decay, "delayBoughtMonths": delay,
                         "closedFormMonths": closed})
    tmp = csv_path + ".tmp"
    with open(tmp, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: repr(v) for k, v in row.items()} for row in rows)
    os.replace(tmp, csv_path)

    fig, ax = plt.subplots(figsize=(8, 5))
    for decay in DECAYS:
        xs = [r["strengthOOM"] for r in rows if r["decayRatePerYear"] == decay]
        ys = [r["delayBoughtMonths"] for r in rows if r["decayRatePerYear"] == decay]
        ax.plot(xs, ys, "o-", label=f"decay {decay}/year")
    ax.set_xlabel("restriction strength (orders of magnitude of effective compute)")
    ax.set_ylabel("delay bought (months)")
    ax.set_title(f"Delay of the defector (4x/year, threshold reached {t_u:.2f} years after 2025 unrestricted)")
    ax.title.set_fontsize(9)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    save_atomically(fig, png_path)
    worst = max(abs(r["delayBoughtMonths"] - r["closedFormMonths"]) for r in rows)
    print(f"wrote {csv_path} and {png_path}; largest difference from the closed form: {worst:.2e} months")


if __name__ == "__main__":
    main()
