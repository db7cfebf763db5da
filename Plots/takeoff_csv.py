"""Shared helpers of the plot scripts: read a takeoff CSV and its metadata, save a PNG atomically.

The CSV contract (README, "Command line"): RFC 4180, header row, `year` first, numbers in
shortest round-trip form, `nan`/`inf`/`-inf` for non-finite values; the sidecar
`<name>.meta.json` holds the resolved scenario, `allEvents` and the unit of every column.
"""
import csv
import json
import os


def read_run(csv_path):
    """Columns of the CSV as lists of floats, and the metadata sidecar ({} if absent)."""
    with open(csv_path, newline="") as f:
        rows = list(csv.DictReader(f))
    data = {key: [float(r[key]) for r in rows] for key in rows[0].keys()}
    meta_path = csv_path[:-4] + ".meta.json" if csv_path.endswith(".csv") else csv_path + ".meta.json"
    meta = {}
    if os.path.exists(meta_path):
        with open(meta_path) as f:
            meta = json.load(f)
    return data, meta


def save_atomically(fig, png_path, dpi=110):
    """Writes the figure to a temporary file and renames it: never a half-written PNG."""
    if os.environ.get("TAKEOFF_PLOT_CHECK") == "1":
        from plot_check import problems
        found = problems(fig, os.path.basename(png_path))
        if found:
            raise SystemExit("plot check failed:\n  " + "\n  ".join(found))
    tmp = png_path + ".tmp.png"
    fig.savefig(tmp, dpi=dpi)
    os.replace(tmp, png_path)
    print(f"wrote {png_path}")
