"""Plot `takeoff fit --csv` output: data points, the fitted curve with its 90% band, residuals.

Usage: python3 Plots/plot_fit.py FIT.csv OUT.png [TITLE]
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from takeoff_csv import save_atomically  # noqa: E402


# Units from the data columns' own suffixes (the data files name their units so).
SUFFIX_UNITS = {"minutes": "minutes", "flop": "FLOP", "flops": "FLOP/s", "usd": "USD"}


def labels(fit_toml):
    """The y label with its unit and the residual's label, from the fit file's [data] and [trend]."""
    if fit_toml is None:
        return "y (units of the data file)", "residual (ln y)"
    import tomllib
    with open(fit_toml, "rb") as f:
        spec = tomllib.load(f)
    data = spec.get("data", {})
    y, divide = data.get("y", "y"), data.get("yDivideBy")

    def unit(column):
        return SUFFIX_UNITS.get(column.rsplit("_", 1)[-1].lower(), "as in the data file")
    text = f"{y} / {divide} ({unit(y)}/{unit(divide)})" if divide else f"{y} ({unit(y)})"
    form = spec.get("trend", {}).get("form", "exponential")
    residual = "residual (ln y)" if form == "exponential" else f"residual ({unit(y)})"
    return text, residual


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: plot_fit.py FIT.csv OUT.png [TITLE] [FIT.toml]")
    path, png = sys.argv[1:3]
    title = sys.argv[3] if len(sys.argv) > 3 else path
    ylabel, residual_label = labels(sys.argv[4] if len(sys.argv) > 4 else None)
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
    top.set_ylabel(ylabel)
    top.set_title(title, fontsize=10)
    top.legend(fontsize=8)
    top.grid(True, alpha=0.3)
    bottom.axhline(0, color="grey", lw=0.8)
    bottom.scatter([float(r["x"]) for r in data], [float(r["residual"]) for r in data], s=10)
    bottom.set_ylabel(residual_label)
    bottom.set_xlabel("year")
    bottom.grid(True, alpha=0.3)
    fig.tight_layout()
    save_atomically(fig, png)


if __name__ == "__main__":
    main()
