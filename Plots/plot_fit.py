"""Plot `takeoff fit --csv` output: data points, the fitted curve with its 90% band, residuals.

Usage: python3 Plots/plot_fit.py FIT.csv OUT.png [TITLE]
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: plot_fit.py FIT.csv OUT.png [TITLE]")
    path, png = sys.argv[1:3]
    title = sys.argv[3] if len(sys.argv) > 3 else path
    rows = list(csv.DictReader(open(path, newline="")))
    data = [r for r in rows if r["kind"] == "data"]
    curve = [r for r in rows if r["kind"] == "curve"]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8.5, 6.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    cx = [float(r["x"]) for r in curve]
    top.fill_between(cx, [max(float(r["lower"]), 1e-300) for r in curve], [float(r["upper"]) for r in curve],
                     color="tab:orange", alpha=0.3, label="90% band of the fitted curve")
    top.plot(cx, [float(r["fitted"]) for r in curve], color="tab:orange", label="fit")
    top.scatter([float(r["x"]) for r in data], [float(r["y"]) for r in data], s=12, color="tab:blue", label="data")
    top.set_yscale("log")
    top.set_title(title, fontsize=10)
    top.legend(fontsize=8)
    top.grid(True, alpha=0.3)
    bottom.axhline(0, color="grey", lw=0.8)
    bottom.scatter([float(r["x"]) for r in data], [float(r["residual"]) for r in data], s=10)
    bottom.set_ylabel("residual")
    bottom.set_xlabel("year")
    bottom.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, png)


if __name__ == "__main__":
    main()
