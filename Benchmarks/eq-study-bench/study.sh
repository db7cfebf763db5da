#!/usr/bin/env bash
# The same 10,000-run study (Models/feedback-uncertainty.toml's distributions, seed 1, its time
# span and tolerances) of the Swift `feedback` model and of Models/feedback-equations.toml,
# with a release binary; prints both wall times, their ratio and the largest difference of the
# summary quantiles. Usage: Benchmarks/eq-study-bench/study.sh [binary] [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-.build/release/takeoff}"; RUNS="${2:-10000}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
# The equations file with the uncertainty file's [time], [solver] and [uncertainty] tables.
python3 - "$WORK/eq.toml" <<'PY'
import re, sys
model = open("Models/feedback-equations.toml").read()
study = open("Models/feedback-uncertainty.toml").read()
def table(text, name):
    m = re.search(r"^\[" + re.escape(name) + r"\]\n(.*?)(?=^\[|\Z)", text, re.S | re.M)
    return m.group(0)
model = re.sub(r"^\[expect\].*", "", model, flags=re.S | re.M)
for name in ["time", "solver"]:
    model = model.replace(table(model, name), table(study, name))
uncertainty = "".join(m.group(0) for m in re.finditer(r"^\[uncertainty\.[^\]]+\]\n(.*?)(?=^\[|\Z)", study, re.S | re.M))
open(sys.argv[1], "w").write(model + "\n" + uncertainty)
PY
cp Models/feedback-uncertainty.toml "$WORK/swift.toml"
time_of() { local s e; s=$(date +%s.%N); "$BIN" sample "$1" --runs "$RUNS" --seed 1 --threads 2 --output "$2" --quiet > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
ts=$(time_of "$WORK/swift.toml" "$WORK/swift"); te=$(time_of "$WORK/eq.toml" "$WORK/eq")
echo "runs $RUNS: swift feedback ${ts} s, equations ${te} s, ratio $(echo "scale=3; $te / $ts" | bc)"
python3 - "$WORK/swift/summary.csv" "$WORK/eq/summary.csv" <<'PY'
import csv, sys
a = {r["metric"]: r for r in csv.DictReader(open(sys.argv[1]))}
b = {r["metric"]: r for r in csv.DictReader(open(sys.argv[2]))}
worst = 0.0
for m in sorted(set(a) & set(b)):
    for k in a[m]:
        try: x, y = float(a[m][k]), float(b[m][k])
        except ValueError: continue
        if x != 0: worst = max(worst, abs(y / x - 1))
print(f"summary quantiles of {len(set(a) & set(b))} shared metrics: largest relative difference {worst:.2e}")
PY
