"""Plot a `takeoff sample` study of the feedback model: the CDF of the months from human-level AI
research to far beyond (runs that never get there sit at the top, shown as the gap below 1), the
CDF of the share of AI-labour growth that comes from more copies, and a fan chart from bands.csv.

Usage: python3 Plots/plot_sample.py STUDY_DIR OUT_CDF.png OUT_FAN.png
"""
import csv
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


def column(rows, name):
    values = [row[name] for row in rows if row["status"] in ("success", "terminatedByEvent", "singularity")]
    return [float(v) for v in values if v != ""], len(values)


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit("usage: plot_sample.py STUDY_DIR OUT_CDF.png OUT_FAN.png [RUN.meta.json for the units]")
    folder, cdf_png, fan_png = sys.argv[1:4]
    units = {}
    if len(sys.argv) == 5:
        with open(sys.argv[4]) as f:
            units = {c["name"]: c["unit"] for c in json.load(f).get("columns", [])}
    with open(f"{folder}/runs.csv", newline="") as f:
        rows = list(csv.DictReader(f))

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    months, n = column(rows, "monthsHumanLevelToBeyond")
    months.sort()
    left.step(months, [(i + 1) / n for i in range(len(months))], where="post")
    left.set_xscale("log")
    left.set_xlabel("months from human-level AI research to far beyond")
    left.set_ylabel("probability (of all successful runs)")
    left.set_title(f"{len(months)} of {n} runs reach far beyond by the end of the span", fontsize=9)
    left.axhline(len(months) / n, color="grey", lw=0.6, ls=":")
    left.grid(True, alpha=0.3)
    shares, _ = column(rows, "countShare")
    shares.sort()
    right.step(shares, [(i + 1) / len(shares) for i in range(len(shares))], where="post", color="tab:orange")
    right.set_xlim(0, 1)
    right.set_xlabel("share of AI-labour growth from more copies (vs more capable copies)")
    right.set_ylabel("probability (runs reaching far beyond)")
    right.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, cdf_png)

    with open(f"{folder}/bands.csv", newline="") as f:
        bands = list(csv.DictReader(f))
    variables = sorted({b["variable"] for b in bands})
    fig, axes = plt.subplots(1, len(variables), figsize=(5.5 * len(variables), 4.5), squeeze=False)
    for ax, name in zip(axes[0], variables):
        sel = [b for b in bands if b["variable"] == name]
        years = [float(b["year"]) for b in sel]

        def q(key):
            return [float(b[key]) if math.isfinite(float(b[key])) else float("nan") for b in sel]
        ax.fill_between(years, q("q05"), q("q95"), alpha=0.2, color="tab:blue", label="5-95%")
        ax.fill_between(years, q("q25"), q("q75"), alpha=0.35, color="tab:blue", label="25-75%")
        ax.plot(years, q("q50"), color="tab:blue", label="median")
        ax.set_yscale("log")
        ax.set_title(name)
        ax.set_ylabel(f"{name} ({units.get(name, 'model units')})")
        ax.set_xlabel("year")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    save_atomically(fig, fan_png)


if __name__ == "__main__":
    main()
