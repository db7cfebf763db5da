"""CDF plots of the peer models' Monte Carlo studies: the years of progress `sie` makes in the first
year after AI R&D is automated (with the peer's 3-year and 10-year marks), and the months from
superhuman coder to superintelligence in `milestones` (runs that never get there sit at the top).

Usage: python3 Plots/plot_peers.py SIE_STUDY_DIR MILESTONES_STUDY_DIR OUT_SIE.png OUT_MILESTONES.png
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402

RESULT = ("success", "terminatedByEvent", "singularity")


def column(folder, name):
    with open(f"{folder}/runs.csv", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row["status"] in RESULT]
    values = sorted(float(row[name]) for row in rows if row[name] != "")
    return values, len(rows)


def cdf(ax, values, n, **style):
    ax.step(values, [(i + 1) / n for i in range(len(values))], where="post", **style)


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: plot_peers.py SIE_STUDY_DIR MILESTONES_STUDY_DIR OUT_SIE.png OUT_MILESTONES.png")
    sie, milestones, sie_png, milestones_png = sys.argv[1:]

    years, n = column(sie, "yearsOfProgressInFirstYear")
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    cdf(ax, years, n)
    for mark in (3, 10):
        share = sum(y > mark for y in years) / n
        ax.axvline(mark, color="grey", lw=0.7, ls=":")
        # Labels sit left of their line, inside the axes (the right one would run past the edge).
        ax.text(mark, 0.03 + 0.08 * (mark == 10), f"P(>{mark} yr) = {share:.2f} ", fontsize=8, ha="right")
    ax.set_xscale("log")
    ax.set_xlabel("years of recent progress in the first year after AI R&D is automated")
    ax.set_ylabel("cumulative probability")
    ax.set_title(f"sie, Forethought priors ({n} runs)", fontsize=10)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, sie_png)

    months, n = column(milestones, "monthsSCtoASI")
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    positive = [m for m in months if m > 0]
    cdf(ax, positive, n, color="tab:purple")
    ax.axvline(12, color="grey", lw=0.7, ls=":")
    ax.text(12, 0.03, f" P(<12 months) = {sum(m < 12 for m in months) / n:.2f}", fontsize=8)
    ax.axhline(len(months) / n, color="grey", lw=0.6, ls=":")
    ax.set_xscale("log")
    ax.set_xlabel("months from superhuman coder to superintelligence")
    ax.set_ylabel("cumulative probability (of all runs)")
    ax.set_title(f"milestones, AI 2027 priors ({n} runs; {n - len(months)} not within 1,000 years)", fontsize=10)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, milestones_png)


if __name__ == "__main__":
    main()
