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

    # The number of AIs and their capability grow in near proportion, so on twin axes they lie on
    # top of each other: one panel each.
    fig, (top, middle, bottom) = plt.subplots(3, 1, figsize=(9, 9.5), sharex=True, gridspec_kw={"height_ratios": [2, 2, 2]})
    top.plot(years, data["numberOfAIs"], label="number of AIs")
    top.set_yscale("log")
    top.set_ylabel("number of AIs (copies)")
    middle.plot(years, data["capability"], color="tab:red", label="capability per copy")
    middle.set_yscale("log")
    middle.set_ylabel("capability (1 = human level)")
    for name, label, align in [("humanLevelYear", "human level", "right"), ("beyondYear", "far beyond", "left")]:
        if name in events:
            for ax in (top, middle, bottom):
                ax.axvline(events[name], color="grey", ls="--", lw=0.8)
            # Offset from the line on the side named by `align`, so the two labels never meet.
            top.annotate(f" {label} {events[name]:.2f} " , (events[name], 0.92 if align == "right" else 0.82),
                         xycoords=("data", "axes fraction"), fontsize=8, ha=align, color="dimgrey")
    top.legend(fontsize=8, loc="lower right")
    middle.legend(fontsize=8, loc="lower right")
    top.set_title(meta.get("resolvedScenario", {}).get("description", os.path.basename(csv_path)))

    bottom.plot(years, data["countContribution"], label="more copies: p·d ln N/dt")
    bottom.plot(years, data["capabilityContribution"], label="more capable copies: θ·d ln c/dt")
    bottom.set_yscale("log")
    bottom.set_ylabel("growth of ln L_AI [1/year]")
    bottom.set_xlabel("year")
    bottom.legend(fontsize=8, loc="upper left")
    for ax in (top, middle, bottom):
        ax.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, png_path)


if __name__ == "__main__":
    main()
