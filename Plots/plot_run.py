"""Plot a `takeoff run` CSV: effective compute and the largest training run on log axes,
with the milestone dates from the run's metadata sidecar marked.

Usage: python3 Plots/plot_run.py out/compute-growth.csv Plots/compute-growth.png

Reads only the CSV contract (header `year,...`, `nan`/`inf` for non-finite values) and the
`<name>.meta.json` sidecar (`allEvents`, `columns` with units).
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import read_run, save_atomically  # noqa: E402




def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_run.py RUN.csv OUT.png")
    csv_path, png_path = sys.argv[1], sys.argv[2]
    data, meta = read_run(csv_path)
    events = meta.get("allEvents", [])
    units = {c["name"]: c["unit"] for c in meta.get("columns", [])}

    fig, ax = plt.subplots(figsize=(9, 5.5))
    years = data["year"]
    for name, style in [("effectiveCompute", "-"), ("installedHardware", "--"), ("largestTrainingRun", "-"),
                        ("effectiveTrainingRun", ":")]:
        if name in data:
            ax.plot(years, data[name], style, label=f"{name} [{units.get(name, '')}]")
    ax.set_yscale("log")
    ax.set_xlabel("year")
    ax.set_ylabel("FLOP (per year for compute stocks)")
    # Labels of milestones closer than 0.6 years alternate between two heights so they never overprint.
    previous, level = None, 0
    for event in events:
        ax.axvline(event["year"], color="grey", lw=0.6, alpha=0.6)
        level = 1 - level if previous is not None and event["year"] - previous < 0.6 else 0
        previous = event["year"]
        ax.annotate(event["name"].replace("Year", ""), (event["year"], 0.02 + 0.3 * level), xycoords=("data", "axes fraction"),
                    rotation=90, fontsize=7, color="dimgrey", ha="right", va="bottom")
    title = meta.get("resolvedScenario", {}).get("description", "")
    ax.set_title(title or os.path.basename(csv_path))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    save_atomically(fig, png_path)


if __name__ == "__main__":
    main()
