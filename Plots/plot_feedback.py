"""Plot a `takeoff run` CSV of the feedback model: the number of AIs and their capability on log
axes with the human-level and far-beyond dates, and the growth of AI research labour split
into more copies (count) and more capable copies (capability).

Usage: python3 Plots/plot_feedback.py out/feedback.csv Plots/feedback.png
"""
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import read_run, save_atomically  # noqa: E402




def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_feedback.py RUN.csv OUT.png")
    csv_path, png_path = sys.argv[1], sys.argv[2]
    data, meta = read_run(csv_path)
    events = {e["name"]: e["year"] for e in meta.get("allEvents", []) if e["occurrence"] == 1}
    years = data["year"]

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 7.5), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    top.plot(years, data["numberOfAIs"], label="number of AIs [copies]")
    top.set_yscale("log")
    top.set_ylabel("copies")
    right = top.twinx()
    right.plot(years, data["capability"], color="tab:red", ls="--", label="capability [human researchers]")
    right.set_yscale("log")
    right.set_ylabel("capability (1 = human level)", color="tab:red")
    for name, label, align in [("humanLevelYear", "human level", "right"), ("beyondYear", "far beyond", "left")]:
        if name in events:
            for ax in (top, bottom):
                ax.axvline(events[name], color="grey", ls="--", lw=0.8)
            top.annotate(f"{label}\n{events[name]:.2f}", (events[name], 0.03), xycoords=("data", "axes fraction"),
                         fontsize=8, ha=align, color="dimgrey")
    lines = top.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
    top.legend(lines, [line.get_label() for line in lines], fontsize=8, loc="upper left")
    top.set_title(meta.get("resolvedScenario", {}).get("description", os.path.basename(csv_path)))

    bottom.plot(years, data["countContribution"], label="more copies: p·d ln N/dt")
    bottom.plot(years, data["capabilityContribution"], label="more capable copies: θ·d ln c/dt")
    bottom.set_yscale("log")
    bottom.set_ylabel("growth of ln L_AI [1/year]")
    bottom.set_xlabel("year")
    bottom.legend(fontsize=8, loc="upper left")
    for ax in (top, bottom):
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, png_path)


if __name__ == "__main__":
    main()
