"""The peers' discrete schemes, rerun on takeoff's own draws, to measure what the continuous
versions change and to time the peers' way of computing.

Written from the descriptions in the README ("Other takeoff models"), not copied from the peers:

* sie: Forethought's per-doubling recursion (Monte Carlo convention). The first doubling takes
  T0/f months; after each doubling r falls by k = r0/N_c and, while r > 0, the next doubling
  time is the last one times 2^(lambda(1/r - 1)). The run stops at 48 months, at the ceiling
  N_c = L*(12/T0)/s doublings, or when r reaches 0. "At least X times for N months": some
  D = int((N/12)*(12/T0)/s*X) consecutive doublings, starting at a whole doubling, take under
  N months.
* milestones: AI 2027's daily Euler steps. In each phase, progress += v*dt with
  v = m_a*(m_b/m_a)^(progress/G) and dt = 1 day until progress >= G (G in days of human-only
  research); a phase is capped at 1,000 years.

Usage: python3 Benchmarks/peers/discrete_schemes.py SIE_STUDY_DIR MILESTONES_STUDY_DIR
(the folders written by `takeoff sample Models/sie-forethought.toml ...` and
`takeoff sample Models/milestones-ai2027.toml ...`).
"""
import csv
import math
import sys
import time

import numpy as np

QUESTIONS = [("atLeast3xFor12Months", 3, 12), ("atLeast10xFor12Months", 10, 12),
             ("atLeast30xFor1Month", 30, 1), ("atLeast3xFor36Months", 3, 36)]


def read(folder):
    with open(f"{folder}/runs.csv", newline="") as f:
        return [row for row in csv.DictReader(f) if row["status"] in ("success", "terminatedByEvent")]


def sie_doubling_times(f, r0, limit, lam, s=0.5, t0=3.0, horizon=48.0):
    per_year = 12.0 / t0 / s
    ceiling = limit * per_year
    k = r0 / ceiling
    times, t, dt, r, n = [0.0], 0.0, t0 / f, r0, 0
    while t < horizon and n < ceiling and r > 0:
        t += dt
        n += 1
        r -= k
        times.append(t)
        if r > 0:
            # r can end a rounding error above 0; the peer's JavaScript then gets Infinity.
            exponent = lam * (1.0 / r - 1.0)
            dt = dt * 2.0 ** exponent if exponent < 1000 else math.inf
    return times, per_year


def sie_question(times, per_year, factor, months):
    need = int(months / 12 * per_year * factor)
    return any(times[i + need] - times[i] < months for i in range(len(times) - need))


def compare_sie(folder):
    rows = read(folder)
    start = time.perf_counter()
    discrete = []
    for row in rows:
        times, per_year = sie_doubling_times(float(row["initialSpeedUp"]), float(row["initialReturns"]),
                                             float(row["distanceToLimits"]), float(row["parallelLabourExponent"]))
        discrete.append([sie_question(times, per_year, x, n) for _, x, n in QUESTIONS])
    elapsed = time.perf_counter() - start
    print(f"sie: {len(rows)} runs of the per-doubling recursion in Python: {elapsed:.2f} s")
    print(f"{'question':24} {'takeoff':>8} {'discrete':>9} {'agree':>7}  only takeoff / only discrete")
    for j, (name, _, _) in enumerate(QUESTIONS):
        ours = [float(row[name]) == 1.0 for row in rows]
        theirs = [d[j] for d in discrete]
        agree = sum(a == b for a, b in zip(ours, theirs)) / len(rows)
        only_ours = sum(a and not b for a, b in zip(ours, theirs))
        only_theirs = sum(b and not a for a, b in zip(ours, theirs))
        print(f"{name:24} {sum(ours) / len(rows):8.4f} {sum(theirs) / len(rows):9.4f} {agree:7.4f}  {only_ours} / {only_theirs}")


def milestone_gaps(row):
    zero = float(row.get("scToSARZeroDraw", 1.0)) < 0.15
    sc_sar = 0.0 if zero else float(row["scToSARHumanYears"])
    stock = 10.0 + float(row["amrToSARYears"])
    sar_siar = stock * ((stock / 10.0) ** 2 - 1.0)
    at_siar = stock + sar_siar
    siar_asi = at_siar * ((at_siar / stock) ** float(row["siarToASIJumps"]) - 1.0)
    return [sc_sar, sar_siar, siar_asi]


def euler_phase_days(gaps_days, a, b, cap_days):
    """Daily Euler for many runs at once: calendar days until progress >= gap (capped)."""
    progress = np.zeros_like(gaps_days)
    days = np.zeros_like(gaps_days)
    active = gaps_days > 0
    ratio = b / a
    while active.any():
        g = gaps_days[active]
        progress[active] += a * ratio ** (progress[active] / g)
        days[active] += 1
        active &= (progress < gaps_days) & (days <= cap_days)
    return np.minimum(days, cap_days)


def python_daily_euler(gaps_days, speeds, cap_days=365 * 1000):
    """One run the peer's way: a plain Python loop over days, phase by phase."""
    total = 0
    for i, gap in enumerate(gaps_days):
        progress, days, a, ratio = 0.0, 0, speeds[i], speeds[i + 1] / speeds[i]
        while progress < gap and days <= cap_days:
            progress += a * ratio ** (progress / gap)
            days += 1
        total += min(days, cap_days)
    return total


def compare_milestones(folder, horizon_days=3650):
    rows = read(folder)
    gaps = np.array([milestone_gaps(row) for row in rows]) * 365.0
    speeds = [5.0, 25.0, 250.0, 2000.0]
    start = time.perf_counter()
    # Phases longer than 10 calendar years are far beyond the questions asked (median, under a
    # year); cap the daily loop there and count them as "long" in both schemes.
    total = np.zeros(len(rows))
    for i in range(3):
        total += euler_phase_days(gaps[:, i].copy(), speeds[i], speeds[i + 1], horizon_days)
    elapsed = time.perf_counter() - start
    months_euler = total / 365.0 * 12.0
    ours = np.array([float(r["monthsSCtoASI"]) if r["monthsSCtoASI"] else math.inf for r in rows])
    short = (ours < 60) & (months_euler < 60)
    diff_days = (months_euler[short] - ours[short]) * 365.0 / 12.0
    print(f"milestones: {len(rows)} runs of daily Euler (numpy, all runs at once, phases capped at "
          f"{horizon_days} days): {elapsed:.2f} s")
    sample = 200
    start = time.perf_counter()
    for row in gaps[:sample]:
        python_daily_euler(list(row), speeds)
    per_run = (time.perf_counter() - start) / sample
    print(f"  the peer's way (a Python loop per run, uncapped), first {sample} runs: {1e3 * per_run:.1f} ms per run, "
          f"{per_run * len(rows):.0f} s for {len(rows)} runs")
    print(f"  median months SC->ASI: takeoff {np.median(ours):.3f}, daily Euler {np.median(months_euler):.3f}")
    print(f"  P(under 12 months):    takeoff {np.mean(ours < 12):.4f}, daily Euler {np.mean(months_euler < 12):.4f}")
    print(f"  daily Euler minus exact, runs under 5 years: mean {diff_days.mean():.3f} days, "
          f"min {diff_days.min():.3f}, max {diff_days.max():.3f}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: discrete_schemes.py SIE_STUDY_DIR MILESTONES_STUDY_DIR")
    compare_sie(sys.argv[1])
    compare_milestones(sys.argv[2])


if __name__ == "__main__":
    main()
