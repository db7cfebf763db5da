"""Largest relative difference between `takeoff`'s compute-centric run and the reference trajectory.

Usage: python3 Benchmarks/peers/ccf_series_diff.py OUR_CSV [REFERENCE_CSV]
  OUR_CSV: `takeoff run Models/ccf-best-guess-reference.toml --csv OUR_CSV` (the reference scheme)
  REFERENCE_CSV: default Tests/Fixtures/ftm-best-guess/series.csv (epoch-research/ftm, step 0.1, 10 digits)
"""
import csv
import sys


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: ccf_series_diff.py OUR_CSV [REFERENCE_CSV]")
    reference_path = sys.argv[2] if len(sys.argv) == 3 else "Tests/Fixtures/ftm-best-guess/series.csv"
    with open(reference_path, newline="") as f:
        reference = list(csv.DictReader(f))
    with open(sys.argv[1], newline="") as f:
        ours = list(csv.DictReader(f))
    if len(ours) != len(reference):
        sys.exit(f"row counts differ: {len(ours)} here, {len(reference)} in the reference")
    columns = [c for c in reference[0] if c != "year"]
    worst = {}
    for r, o in zip(reference, ours):
        for c in columns:
            a, b = float(r[c]), float(o[c])
            d = 0.0 if a == b else abs(a - b) / max(abs(a), abs(b))
            if d > worst.get(c, (-1.0, 0.0))[0]:
                worst[c] = (d, float(r["year"]))
    print(f"{len(reference)} rows, {len(columns)} columns compared")
    for c, (d, year) in sorted(worst.items(), key=lambda item: -item[1][0])[:5]:
        print(f"  {c:40} largest relative difference {d:.2e} (year {year:.1f})")


if __name__ == "__main__":
    main()
