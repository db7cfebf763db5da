"""Plot a `takeoff run` CSV: effective compute and the largest training run on log axes,
with the milestone dates from the run's metadata sidecar marked.

Usage: python3 Plots/plot_run.py out/compute-growth.csv Plots/compute-growth.png

Reads only the CSV contract (header `year,...`, `nan`/`inf` for non-finite values) and the
`<name>.meta.json` sidecar (`allEvents`, `columns` with units).
"""
import csv
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {key: [float(r[key]) for r in rows] for key in rows[0].keys()}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_run.py RUN.csv OUT.png")
    csv_path, png_path = sys.argv[1], sys.argv[2]
    data = read_csv(csv_path)
    meta_path = csv_path[:-4] + ".meta.json" if csv_path.endswith(".csv") else csv_path + ".meta.json"
    events, units = [], {}
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
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
    for event in events:
        ax.axvline(event["year"], color="grey", lw=0.6, alpha=0.6)
        ax.annotate(event["name"].replace("Year", ""), (event["year"], 0.02), xycoords=("data", "axes fraction"),
                    rotation=90, fontsize=7, color="dimgrey", ha="right", va="bottom")
    title = meta.get("resolvedScenario", {}).get("description", "") if events or units else ""
    ax.set_title(title or os.path.basename(csv_path))
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    tmp = png_path + ".tmp.png"
    fig.savefig(tmp, dpi=110)
    os.replace(tmp, png_path)  # atomic: never a half-written PNG
    print(f"wrote {png_path}")


if __name__ == "__main__":
    main()
