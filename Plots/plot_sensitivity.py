"""Sensitivity charts: a tornado from oat.csv and Sobol index bars from sobol.csv.

Usage: python3 Plots/plot_sensitivity.py OAT_DIR SOBOL_DIR OUT.png [TITLE] [UNIT]

The tornado marks the central run (every parameter at its median, run 0 of the OAT design) and
spans every bar; its axis is the metric in UNIT.
"""
import csv
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


def number(text):
    return float(text) if text != "" else float("nan")


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: plot_sensitivity.py OAT_DIR SOBOL_DIR OUT.png [TITLE]")
    oat_dir, sobol_dir, png = sys.argv[1:4]
    title = sys.argv[4] if len(sys.argv) > 4 else ""
    unit = sys.argv[5] if len(sys.argv) > 5 else "1"
    metric = json.load(open(f"{oat_dir}/meta.json"))["metric"]
    central = next((number(r[metric]) for r in csv.DictReader(open(f"{oat_dir}/runs.csv", newline="")) if r["runId"] == "0"),
                   float("nan"))
    oat = list(csv.DictReader(open(f"{oat_dir}/oat.csv", newline="")))
    sobol = list(csv.DictReader(open(f"{sobol_dir}/sobol.csv", newline="")))
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))

    rows = list(reversed(oat))
    ends = [central] if central == central else []
    for i, r in enumerate(rows):
        lo, hi = number(r["metricAtLow"]), number(r["metricAtHigh"])
        ends += [v for v in (lo, hi) if v == v and abs(v) != float("inf")]
        left.barh(i, hi - lo if hi == hi and lo == lo else 0, left=lo, color="tab:blue" if hi >= lo else "tab:red")
    if central == central:
        left.axvline(central, color="black", lw=1, ls="--", label=f"all at medians: {central:.3g} {unit}")
        left.legend(fontsize=8, loc="lower right")
    if ends:
        pad = 0.04 * (max(ends) - min(ends) or 1)
        left.set_xlim(min(ends) - pad, max(ends) + pad)
    left.set_yticks(range(len(rows)), [r["parameter"] for r in rows], fontsize=8)
    left.set_ylabel("uncertain parameter (largest swing on top)")
    left.set_xlabel(f"{metric} [{unit}], one parameter at its 5th / 95th percentile")
    left.set_title("one at a time (blue: rises with the parameter)", fontsize=9)
    left.grid(True, axis="x", alpha=0.3)

    names = [r["parameter"] for r in sobol]
    x = range(len(names))
    s1 = [number(r["S1"]) for r in sobol]
    st = [number(r["ST"]) for r in sobol]
    err1 = [[v - number(r["S1low"]) for v, r in zip(s1, sobol)], [number(r["S1high"]) - v for v, r in zip(s1, sobol)]]
    errt = [[v - number(r["STlow"]) for v, r in zip(st, sobol)], [number(r["SThigh"]) - v for v, r in zip(st, sobol)]]
    right.bar([i - 0.2 for i in x], s1, 0.4, yerr=err1, label="first order S1", capsize=2)
    right.bar([i + 0.2 for i in x], st, 0.4, yerr=errt, label="total ST", capsize=2)
    right.set_xticks(list(x), names, rotation=30, ha="right", fontsize=8)
    right.set_xlabel("uncertain parameter")
    right.set_ylabel("Sobol index (95% bootstrap interval)")
    right.set_title("Sobol indices", fontsize=9)
    right.legend(fontsize=8)
    right.grid(True, axis="y", alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    save_atomically(fig, png)


if __name__ == "__main__":
    main()
