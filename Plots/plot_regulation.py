"""Plot a `takeoff run` CSV of the regulation model: every actor's capability (effective compute
usable for the frontier model) on a log axis, the danger threshold, restriction windows shaded,
and the located dates at which actors reach the threshold.

Usage: python3 Plots/plot_regulation.py out/regulation.csv Plots/regulation.png
"""
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import read_run, save_atomically  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_regulation.py RUN.csv OUT.png")
    csv_path, png_path = sys.argv[1], sys.argv[2]
    data, meta = read_run(csv_path)
    scenario = meta["resolvedScenario"]
    years = data["year"]
    actors = sorted(k[: -len(".capability")] for k in data if k.endswith(".capability"))

    fig, ax = plt.subplots(figsize=(9, 5.5))
    for actor in actors:
        line, = ax.plot(years, data[f"{actor}.capability"], label=actor)
        if any(v > 1 for v in data[f"{actor}.restrictionFactor"]):
            potential = [math.exp(v) for v in data[f"{actor}.logPotential"]]
            ax.plot(years, potential, ":", color=line.get_color(), label=f"{actor} without restriction")
    threshold = scenario["parameters"]["dangerThreshold"]
    ax.axhline(threshold, color="black", lw=0.8, ls="--", label="danger threshold")
    for name, r in scenario.get("restrictions", {}).items():
        end = r.get("end", years[-1])
        # The restriction goes into the legend as its shaded span, so no label sits under the legend box.
        ax.axvspan(r["start"], end, color="orange", alpha=0.12, label=f"restriction {name} ({r['kind']})")
    for event in meta.get("allEvents", []):
        if event["name"].startswith("reached.") or event["name"] == "theft":
            ax.axvline(event["year"], color="grey", lw=0.5, alpha=0.6)
            ax.annotate(event["name"], (event["year"], 0.02), xycoords=("data", "axes fraction"), rotation=90,
                        fontsize=7, color="dimgrey", ha="right", va="bottom")
    ax.set_yscale("log")
    ax.set_xlabel("year")
    ax.set_ylabel("capability [effective FLOP/year]")
    ax.set_title(scenario.get("description", os.path.basename(csv_path)))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    save_atomically(fig, png_path)


if __name__ == "__main__":
    main()
