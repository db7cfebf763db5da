"""Heatmap of a two-parameter `takeoff sweep`: a metric over the grid.

Usage: python3 Plots/plot_sweep.py SWEEP_DIR METRIC OUT.png
"""
import csv
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as colors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit("usage: plot_sweep.py SWEEP_DIR METRIC OUT.png [XUNIT YUNIT]")
    folder, metric, png = sys.argv[1:4]
    # Units of the two axes (the parameters' units in `takeoff models`), default dimensionless.
    xunit, yunit = (sys.argv[4], sys.argv[5]) if len(sys.argv) == 6 else ("1", "1")
    reader = csv.DictReader(open(f"{folder}/sweep.csv", newline=""))
    xname, yname = reader.fieldnames[0], reader.fieldnames[1]
    rows = list(reader)
    xs = sorted({float(r[xname]) for r in rows})
    ys = sorted({float(r[yname]) for r in rows})
    grid = [[math.nan] * len(xs) for _ in ys]
    for r in rows:
        v = float(r[metric]) if r[metric] not in ("", "nan") else math.nan
        grid[ys.index(float(r[yname]))][xs.index(float(r[xname]))] = v
    fig, ax = plt.subplots(figsize=(8, 6))
    finite = [v for row in grid for v in row if v == v and v > 0]
    mesh = ax.pcolormesh(xs, ys, grid, shading="nearest", cmap="viridis_r",
                         norm=colors.LogNorm(vmin=min(finite), vmax=max(finite)))
    contour = ax.contour(xs, ys, grid, levels=[12, 36, 120], colors="white", linewidths=0.8)
    ax.clabel(contour, fmt=lambda v: f"{v:g} months", fontsize=8)
    if max(ys) / min(ys) > 3:
        ax.set_yscale("log")
    ax.set_xlabel(f"{xname} [{xunit}]")
    ax.set_ylabel(f"{yname} [{yunit}]")
    # The sweep's metric is a span in months (the contours are labelled in months).
    fig.colorbar(mesh, label=f"{metric} [months]")
    ax.set_title(f"{metric} over {xname} × {yname}", fontsize=10)
    fig.tight_layout()
    save_atomically(fig, png)


if __name__ == "__main__":
    main()
