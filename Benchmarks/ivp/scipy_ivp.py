"""The standard IVP test problems through scipy.integrate.solve_ivp: the scipy side of the
side-by-side benchmark with takeoff's core. Problems, parameters and reference values are in
Benchmarks/ivp/problems.md (with their sources).

  a  Arenstorf orbit     DOP853, LSODA          error: distance from the initial state at T
  b  Pleiades            DOP853, LSODA          error vs test-set reference at t = 3
  c  Van der Pol mu=1000 Radau, LSODA, BDF      error vs Tests/Fixtures/ivp/vanderpol-mu1000.csv at t = 3000
  d  Robertson           Radau, LSODA, BDF      error vs test-set reference at t = 1e11
  e  HIRES               Radau, LSODA, BDF      error vs test-set reference at t = 321.8122
  +  bouncing ball       DOP853, Radau, LSODA   terminal event + restart, 10 bounces vs closed form

rtol 1e-8, atol 1e-10 throughout, except Robertson: atol = (1e-10, 1e-14, 1e-10) (y2 stays
below 4e-5 and ends near 8e-14, so a 1e-10 floor would leave it uncontrolled). Implicit methods
(Radau, BDF, LSODA) get analytic Jacobians. The error is in units of the tolerance,
max_i |y_i - ref_i| / (atol_i + rtol |ref_i|), at the final time. steps = len(sol.t) - 1 with
no t_eval (every accepted step); ms = median wall time of --repeats solves.

Usage:
  python3 Benchmarks/ivp/scipy_ivp.py [--repeats N] [--csv PATH] [--check-jacobians]
  python3 Benchmarks/ivp/scipy_ivp.py --write-vdp-fixture Tests/Fixtures/ivp/vanderpol-mu1000.csv
"""
import argparse
import csv
import datetime
import math
import os
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
VDP_FIXTURE = os.path.join(REPO, "Tests", "Fixtures", "ivp", "vanderpol-mu1000.csv")

RTOL = 1e-8
ATOL = 1e-10

# ---------------------------------------------------------------- (a) Arenstorf orbit
AR_MU = 0.012277471
AR_MUP = 1.0 - AR_MU
AR_Y0 = np.array([0.994, 0.0, 0.0, -2.00158510637908252240537862224])
AR_T = 17.0652165601579625588917206249


def arenstorf(t, y):
    x, z, vx, vz = y
    r1 = math.hypot(x + AR_MU, z)
    r2 = math.hypot(x - AR_MUP, z)
    d1, d2 = r1 ** 3, r2 ** 3
    return np.array([vx, vz,
                     x + 2 * vz - AR_MUP * (x + AR_MU) / d1 - AR_MU * (x - AR_MUP) / d2,
                     z - 2 * vx - AR_MUP * z / d1 - AR_MU * z / d2])


def arenstorf_jac(t, y):
    x, z = y[0], y[1]
    a, b = x + AR_MU, x - AR_MUP
    r1s, r2s = a * a + z * z, b * b + z * z
    i3, j3 = r1s ** -1.5, r2s ** -1.5
    i5, j5 = r1s ** -2.5, r2s ** -2.5
    J = np.zeros((4, 4))
    J[0, 2] = J[1, 3] = 1.0
    J[2, 0] = 1 - AR_MUP * (i3 - 3 * a * a * i5) - AR_MU * (j3 - 3 * b * b * j5)
    J[2, 1] = J[3, 0] = 3 * AR_MUP * a * z * i5 + 3 * AR_MU * b * z * j5
    J[3, 1] = 1 - AR_MUP * (i3 - 3 * z * z * i5) - AR_MU * (j3 - 3 * z * z * j5)
    J[2, 3] = 2.0
    J[3, 2] = -2.0
    return J


# ---------------------------------------------------------------- (b) Pleiades
PL_M = np.arange(1.0, 8.0)  # m_j = j
PL_Y0 = np.array([3, 3, -1, -3, 2, -2, 2,          # x
                  3, -3, 2, 0, 0, -4, 4,           # y
                  0, 0, 0, 0, 0, 1.75, -1.5,       # x'
                  0, 0, 0, -1.25, 1, 0, 0], float)  # y'
# Mazzia & Magherini, Test Set for IVP Solvers, release 2.4, problem PLEI, y(3)
PL_REF = np.array([
    0.3706139143970502e+0, 0.3237284092057233e+1, -0.3222559032418324e+1, 0.6597091455775310e+0,
    0.3425581707156584e+0, 0.1562172101400631e+1, -0.7003092922212495e+0, -0.3943437585517392e+1,
    -0.3271380973972550e+1, 0.5225081843456543e+1, -0.2590612434977470e+1, 0.1198213693392275e+1,
    -0.2429682344935824e+0, 0.1091449240428980e+1, 0.3417003806314313e+1, 0.1354584501625501e+1,
    -0.2590065597810775e+1, 0.2025053734714242e+1, -0.1155815100160448e+1, -0.8072988170223021e+0,
    0.5952396354208710e+0, -0.3741244961234010e+1, 0.3773459685750630e+0, 0.9386858869551073e+0,
    0.3667922227200571e+0, -0.3474046353808490e+0, 0.2344915448180937e+1, -0.1947020434263292e+1])
_DIAG = np.eye(7, dtype=bool)


def _pl_geometry(y):
    dx = y[None, 0:7] - y[0:7, None]    # dx[i, j] = x_j - x_i
    dy = y[None, 7:14] - y[7:14, None]
    r2 = dx * dx + dy * dy
    r2[_DIAG] = 1.0
    return dx, dy, r2


def pleiades(t, y):
    dx, dy, r2 = _pl_geometry(y)
    w = PL_M[None, :] / (r2 * np.sqrt(r2))
    w[_DIAG] = 0.0
    return np.concatenate([y[14:], (w * dx).sum(axis=1), (w * dy).sum(axis=1)])


def pleiades_jac(t, y):
    dx, dy, r2 = _pl_geometry(y)
    m = PL_M[None, :]
    i3 = r2 ** -1.5
    i5 = r2 ** -2.5
    axx = m * (i3 - 3 * dx * dx * i5)   # d(x_i'')/d(x_j), j != i
    axy = m * (-3 * dx * dy * i5)       # d(x_i'')/d(y_j) = d(y_i'')/d(x_j)
    ayy = m * (i3 - 3 * dy * dy * i5)   # d(y_i'')/d(y_j)
    for blk in (axx, axy, ayy):
        blk[_DIAG] = 0.0
        blk[_DIAG] = -blk.sum(axis=1)
    J = np.zeros((28, 28))
    J[0:14, 14:28] = np.eye(14)
    J[14:21, 0:7], J[14:21, 7:14] = axx, axy
    J[21:28, 0:7], J[21:28, 7:14] = axy, ayy
    return J


# ---------------------------------------------------------------- (c) Van der Pol, mu = 1000
VDP_MU = 1000.0
VDP_Y0 = np.array([2.0, 0.0])
VDP_T = 3000.0
VDP_GRID = np.arange(0.0, 3001.0, 100.0)
# Test set VDPOLM ("VAN DER POL modified", same equations, t in [0, 2000]), y(2000)
VDPOLM_REF_2000 = np.array([0.1706167732170469e+1, -0.8928097010248125e-3])


def vdp(t, y):
    return np.array([y[1], VDP_MU * (1 - y[0] * y[0]) * y[1] - y[0]])


def vdp_jac(t, y):
    return np.array([[0.0, 1.0], [-2 * VDP_MU * y[0] * y[1] - 1, VDP_MU * (1 - y[0] * y[0])]])


def read_vdp_fixture(path=VDP_FIXTURE):
    rows = []
    with open(path) as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("t,") or not line.strip():
                continue
            rows.append([float(v) for v in line.split(",")])
    return np.array(rows)


# ---------------------------------------------------------------- (d) Robertson
ROB_K1, ROB_K2, ROB_K3 = 0.04, 3e7, 1e4
ROB_Y0 = np.array([1.0, 0.0, 0.0])
ROB_T = 1e11
ROB_ATOL = np.array([1e-10, 1e-14, 1e-10])
# Test set ROBER, y(1e11)
ROB_REF = np.array([0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050e+0])


def robertson(t, y):
    a = ROB_K1 * y[0]
    b = ROB_K3 * y[1] * y[2]
    c = ROB_K2 * y[1] * y[1]
    return np.array([-a + b, a - b - c, c])


def robertson_jac(t, y):
    return np.array([[-ROB_K1, ROB_K3 * y[2], ROB_K3 * y[1]],
                     [ROB_K1, -ROB_K3 * y[2] - 2 * ROB_K2 * y[1], -ROB_K3 * y[1]],
                     [0.0, 2 * ROB_K2 * y[1], 0.0]])


# ---------------------------------------------------------------- (e) HIRES
HI_Y0 = np.array([1.0, 0, 0, 0, 0, 0, 0, 0.0057])
HI_T = 321.8122
# Test set HIRES, y(321.8122)
HI_REF = np.array([0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4,
                   0.1175651343283149e-2, 0.2386356198831331e-2, 0.6238968252742796e-2,
                   0.2849998395185769e-2, 0.2850001604814231e-2])


def hires(t, y):
    f7 = 280.0 * y[5] * y[7] - 1.81 * y[6]
    return np.array([
        -1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
        1.71 * y[0] - 8.75 * y[1],
        -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
        8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
        -1.745 * y[4] + 0.43 * (y[5] + y[6]),
        -280.0 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
        f7,
        -f7])


_HI_J = np.zeros((8, 8))
for (_i, _j), _v in {(0, 0): -1.71, (0, 1): 0.43, (0, 2): 8.32, (1, 0): 1.71, (1, 1): -8.75,
                     (2, 2): -10.03, (2, 3): 0.43, (2, 4): 0.035, (3, 1): 8.32, (3, 2): 1.71,
                     (3, 3): -1.12, (4, 4): -1.745, (4, 5): 0.43, (4, 6): 0.43, (5, 3): 0.69,
                     (5, 4): 1.71, (5, 6): 0.69, (6, 6): -1.81, (7, 6): 1.81}.items():
    _HI_J[_i, _j] = _v


def hires_jac(t, y):
    J = _HI_J.copy()
    J[5, 5] = -280.0 * y[7] - 0.43
    J[5, 7] = -280.0 * y[5]
    J[6, 5] = 280.0 * y[7]
    J[6, 7] = 280.0 * y[5]
    J[7, 5] = -280.0 * y[7]
    J[7, 7] = -280.0 * y[5]
    return J


# ---------------------------------------------------------------- the runs
NONSTIFF = ["DOP853", "LSODA"]
STIFF = ["Radau", "LSODA", "BDF"]


def problems():
    """name -> (f, jac, y0, t_end, reference at t_end, atol, methods)."""
    vdp_ref = read_vdp_fixture()
    assert vdp_ref[-1, 0] == VDP_T
    return {
        "arenstorf": (arenstorf, arenstorf_jac, AR_Y0, AR_T, AR_Y0, ATOL, NONSTIFF),
        "pleiades": (pleiades, pleiades_jac, PL_Y0, 3.0, PL_REF, ATOL, NONSTIFF),
        "vanderpol": (vdp, vdp_jac, VDP_Y0, VDP_T, vdp_ref[-1, 1:], ATOL, STIFF),
        "robertson": (robertson, robertson_jac, ROB_Y0, ROB_T, ROB_REF, ROB_ATOL, STIFF),
        "hires": (hires, hires_jac, HI_Y0, HI_T, HI_REF, ATOL, STIFF),
    }


def solve(f, jac, y0, t_end, atol, method, **kw):
    if method != "DOP853":
        kw["jac"] = jac
    return solve_ivp(f, (0.0, t_end), y0, method=method, rtol=RTOL, atol=atol, **kw)


def timed(fn, repeats):
    times, out = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return out, statistics.median(times) * 1e3


def run_problems(repeats):
    rows = []
    for name, (f, jac, y0, t_end, ref, atol, methods) in problems().items():
        for method in methods:
            sol, ms = timed(lambda: solve(f, jac, y0, t_end, atol, method), repeats)
            if sol.status != 0:
                err = float("nan")
            else:
                err = float(np.max(np.abs(sol.y[:, -1] - ref) / (atol + RTOL * np.abs(ref))))
            rows.append(dict(problem=name, method=method, steps=len(sol.t) - 1, nfev=sol.nfev,
                             njev=sol.njev, nlu=sol.nlu, error=err, error_unit="tol", ms=ms,
                             status=sol.status))
    return rows


# ---------------------------------------------------------------- bouncing ball
BALL_G, BALL_H, BALL_E, BALL_N = 9.81, 10.0, 0.9, 10


def ball_closed_form(n=BALL_N):
    t1 = math.sqrt(2 * BALL_H / BALL_G)
    v1 = BALL_G * t1
    times = [t1 + sum(2 * BALL_E ** j * v1 / BALL_G for j in range(1, k)) for k in range(1, n + 1)]
    t_inf = t1 + 2 * BALL_E * v1 / (BALL_G * (1 - BALL_E))
    return times, t_inf


def ball_rhs(t, y):
    return np.array([y[1], -BALL_G])


def ball_jac(t, y):
    return np.array([[0.0, 1.0], [0.0, 0.0]])


def ball_hit(t, y):
    return y[0]


ball_hit.terminal = True
ball_hit.direction = -1


def bounce(method):
    t, y = 0.0, np.array([BALL_H, 0.0])
    hits, steps, nfev, njev, nlu = [], 0, 0, 0, 0
    while len(hits) < BALL_N:
        extra = {} if method == "DOP853" else {"jac": ball_jac}
        sol = solve_ivp(ball_rhs, (t, 100.0), y, method=method, rtol=RTOL, atol=ATOL,
                        events=ball_hit, **extra)
        steps += len(sol.t) - 1
        nfev, njev, nlu = nfev + sol.nfev, njev + sol.njev, nlu + sol.nlu
        if sol.status != 1:
            break
        t = sol.t_events[0][0]
        ye = sol.y_events[0][0]
        hits.append(t)
        y = np.array([ye[0], -BALL_E * ye[1]])
    return hits, steps, nfev, njev, nlu


def run_ball(repeats):
    exact, _ = ball_closed_form()
    rows = []
    for method in ["DOP853", "Radau", "LSODA"]:
        (hits, steps, nfev, njev, nlu), ms = timed(lambda: bounce(method), repeats)
        err = max(abs(a - b) for a, b in zip(hits, exact)) if len(hits) == BALL_N else float("nan")
        rows.append(dict(problem="bouncing-ball", method=method, steps=steps, nfev=nfev, njev=njev,
                         nlu=nlu, error=err, error_unit="s", ms=ms, status=0 if len(hits) == BALL_N else -1))
    return rows


# ---------------------------------------------------------------- checks and fixture
def check_jacobians():
    """Analytic Jacobians against central differences at the initial state and one later state."""
    rng = np.random.default_rng(1)
    worst = 0.0
    for name, (f, jac, y0, t_end, ref, atol, methods) in problems().items():
        for y in (y0 + 1e-3 * rng.standard_normal(y0.size), ref + 1e-3 * rng.standard_normal(y0.size)):
            if name == "robertson":
                y = np.abs(y)
            J = jac(0.0, y)
            Jn = np.empty_like(J)
            for k in range(y.size):
                h = 1e-6 * max(1.0, abs(y[k]))
                e = np.zeros(y.size)
                e[k] = h
                Jn[:, k] = (f(0.0, y + e) - f(0.0, y - e)) / (2 * h)
            rel = np.max(np.abs(J - Jn)) / max(1.0, np.max(np.abs(J)))
            worst = max(worst, rel)
            print(f"jacobian {name:10s} max |J - J_fd| / max(1, max|J|) = {rel:.1e}")
    return worst


def write_vdp_fixture(path):
    kw = dict(rtol=1e-12, atol=1e-14, jac=vdp_jac, t_eval=VDP_GRID, dense_output=False)
    start = time.perf_counter()
    rad = solve_ivp(vdp, (0.0, VDP_T), VDP_Y0, method="Radau", **kw)
    t_rad = time.perf_counter() - start
    lso = solve_ivp(vdp, (0.0, VDP_T), VDP_Y0, method="LSODA", **kw)
    assert rad.status == 0 and lso.status == 0
    d = np.abs(rad.y - lso.y)
    i2000 = int(np.where(VDP_GRID == 2000.0)[0][0])
    d2000 = np.abs(rad.y[:, i2000] - VDPOLM_REF_2000)
    # zero crossings of y1 (the fast jumps), to show that the grid keeps clear of them
    ev = lambda t, y: y[0]
    jumps = solve_ivp(vdp, (0.0, VDP_T), VDP_Y0, method="Radau", rtol=1e-10, atol=1e-12,
                      jac=vdp_jac, events=ev).t_events[0]
    gap = min(abs(t - s) for t in VDP_GRID for s in jumps)
    today = datetime.date.today().isoformat()
    with open(path, "w") as fh:
        fh.write("# Van der Pol, y1' = y2, y2' = mu (1 - y1^2) y2 - y1, mu = 1000, y(0) = (2, 0); "
                 "see Benchmarks/ivp/problems.md (c)\n")
        fh.write(f"# generated {today} by: python3 Benchmarks/ivp/scipy_ivp.py --write-vdp-fixture PATH "
                 f"(scipy {scipy.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]})\n")
        fh.write(f"# values: solve_ivp Radau rtol=1e-12 atol=1e-14, analytic Jacobian, t_eval=grid "
                 f"({len(rad.t) - 1} output intervals, nfev {rad.nfev}, {t_rad:.1f} s)\n")
        fh.write(f"# cross-check LSODA rtol=1e-12 atol=1e-14: max |dy1| = {d[0].max():.2e} "
                 f"(t = {VDP_GRID[d[0].argmax()]:g}), max |dy2| = {d[1].max():.2e} "
                 f"(t = {VDP_GRID[d[1].argmax()]:g})\n")
        fh.write(f"# check vs test set VDPOLM y(2000) = (1.706167732170469, -0.8928097010248125e-3): "
                 f"|dy1| = {d2000[0]:.1e}, |dy2| = {d2000[1]:.1e}\n")
        fh.write(f"# y1 crosses 0 (fast jumps) at t = {', '.join(f'{s:.3f}' for s in jumps)}; "
                 f"nearest output time is {gap:.2f} away\n")
        fh.write("t,y1,y2\n")
        for k, t in enumerate(VDP_GRID):
            fh.write(f"{t:g},{rad.y[0, k]:.17g},{rad.y[1, k]:.17g}\n")
    print(f"wrote {path}: max |Radau - LSODA| = {d[0].max():.2e} (y1), {d[1].max():.2e} (y2); "
          f"vs VDPOLM at 2000: {d2000[0]:.1e}, {d2000[1]:.1e}; jumps at {jumps}; gap {gap:.2f}")


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=5, help="solves per timing (median), default 5")
    ap.add_argument("--csv", metavar="PATH", help="also write the table as CSV")
    ap.add_argument("--check-jacobians", action="store_true", help="compare Jacobians with finite differences")
    ap.add_argument("--write-vdp-fixture", metavar="PATH", help="regenerate the Van der Pol reference CSV and exit")
    args = ap.parse_args()

    if args.write_vdp_fixture:
        write_vdp_fixture(args.write_vdp_fixture)
        return
    if args.check_jacobians:
        check_jacobians()

    print(f"scipy {scipy.__version__}, numpy {np.__version__}; rtol {RTOL:g}, atol {ATOL:g} "
          f"(Robertson atol 1e-10, 1e-14, 1e-10); ms = median of {args.repeats}")
    rows = run_problems(args.repeats) + run_ball(args.repeats)
    header = f"{'problem':14s} {'method':7s} {'steps':>7s} {'nfev':>8s} {'njev':>6s} {'nlu':>6s} {'error':>10s} {'unit':4s} {'ms':>9s}"
    print(header)
    print("-" * len(header))
    for r in rows:
        flag = "" if r["status"] == 0 else f"  (status {r['status']})"
        print(f"{r['problem']:14s} {r['method']:7s} {r['steps']:7d} {r['nfev']:8d} {r['njev']:6d} {r['nlu']:6d} "
              f"{r['error']:10.3g} {r['error_unit']:4s} {r['ms']:9.1f}{flag}")
    print("error: tol = max_i |y_i - ref_i| / (atol_i + rtol |ref_i|) at the final time "
          "(Arenstorf: vs the initial state at T); s = max |t_k - t_k(closed form)| over 10 bounces")
    if args.csv:
        with open(args.csv, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=["problem", "method", "steps", "nfev", "njev", "nlu",
                                               "error", "error_unit", "ms", "status"])
            w.writeheader()
            for r in rows:
                w.writerow({**r, "error": f"{r['error']:.6g}", "ms": f"{r['ms']:.3f}"})
        print(f"wrote {args.csv}")


if __name__ == "__main__":
    main()
