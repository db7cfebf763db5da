"""Sensitivity charts: a tornado from oat.csv and Sobol index bars from sobol.csv.

Usage: python3 Plots/plot_sensitivity.py OAT_DIR SOBOL_DIR OUT.png [TITLE]
"""
import csv
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
    oat = list(csv.DictReader(open(f"{oat_dir}/oat.csv", newline="")))
    sobol = list(csv.DictReader(open(f"{sobol_dir}/sobol.csv", newline="")))
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))

    rows = list(reversed(oat))
    base = None
    for i, r in enumerate(rows):
        lo, hi = number(r["metricAtLow"]), number(r["metricAtHigh"])
        if base is None and lo == lo and hi == hi and abs(hi - lo) < 1e-9:
            base = lo
        left.barh(i, hi - lo if hi == hi and lo == lo else 0, left=lo, color="tab:blue" if hi >= lo else "tab:red")
    left.set_yticks(range(len(rows)), [r["parameter"] for r in rows], fontsize=8)
    left.set_xlabel("metric with the parameter at its 5th and 95th percentiles (others at medians)")
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
    right.set_ylabel("Sobol index (95% bootstrap interval)")
    right.set_title("Sobol indices", fontsize=9)
    right.legend(fontsize=8)
    right.grid(True, axis="y", alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    save_atomically(fig, png)


if __name__ == "__main__":
    main()
