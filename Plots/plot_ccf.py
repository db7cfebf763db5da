"""The compute-centric framework's familiar picture from a `takeoff run Models/ccf-*.toml --csv` file:
the fractions of goods and R&D tasks automated, GWP and effective compute on log axes of their own, with
markers at wake-up and at 20% and 100% of goods tasks automated: the run's own metrics from the
`<stem>.meta.json` sidecar next to the CSV (located crossing times in the exact scheme), or, without
one, the first rows past each threshold.

Usage: python3 Plots/plot_ccf.py RUN.csv OUT.png [TITLE]
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


def first_year(years, values, test):
    return next((y for y, v in zip(years, values) if test(v)), None)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: plot_ccf.py RUN.csv OUT.png [TITLE]")
    path, out = sys.argv[1], sys.argv[2]
    title = sys.argv[3] if len(sys.argv) == 4 else "compute-centric framework"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    years = [float(r["year"]) for r in rows]
    col = {name: [float(r[name]) for r in rows] for name in
           ("frac_tasks_automated_goods", "frac_tasks_automated_rnd", "gwp", "compute", "rampup")}
    marks = [("wake-up flag set", first_year(years, col["rampup"], lambda v: v >= 1), "grey"),
             ("20% of goods tasks", first_year(years, col["frac_tasks_automated_goods"], lambda v: v >= 0.2), "tab:orange"),
             ("100% of goods tasks", first_year(years, col["frac_tasks_automated_goods"], lambda v: v >= 1), "tab:red")]
    meta_path = os.path.splitext(path)[0] + ".meta.json"
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            metrics = json.load(f).get("metrics", {})
        names = ("rampup_start", "automation_gns_20%", "automation_gns_100%")
        marks = [(label, metrics.get(name), color) for (label, _, color), name in
                 zip([("wake-up", None, "grey")] + marks[1:], names)]
    end = min(years[-1], (marks[2][1] or years[-1]) + 10)
    keep = [i for i, y in enumerate(years) if y <= end]
    # GWP (~1e13-1e17) and effective compute (~1e29-1e52) differ by 35 orders: one axis each, so
    # GWP's own explosion is visible.
    fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(8, 9), sharex=True)
    x = [years[i] for i in keep]
    top.plot(x, [col["frac_tasks_automated_goods"][i] for i in keep], label="goods and services tasks")
    top.plot(x, [col["frac_tasks_automated_rnd"][i] for i in keep], label="R&D tasks")
    top.set_ylabel("fraction of tasks automated (0-1)")
    top.set_title(title, fontsize=10)
    middle.semilogy(x, [col["gwp"][i] for i in keep], color="tab:green", label="gross world product")
    middle.set_ylabel("GWP (2020 USD/year)")
    bottom.semilogy(x, [col["compute"][i] for i in keep], color="tab:purple", label="effective compute")
    bottom.set_ylabel("effective compute (FLOP/year)")
    bottom.set_xlabel("year")
    for ax in (top, middle, bottom):
        for name, year, color in marks:
            if year is not None:
                ax.axvline(year, color=color, lw=0.8, ls="--", label=f"{name} ({year:.1f})" if ax is top else None)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    save_atomically(fig, out)


if __name__ == "__main__":
    main()
