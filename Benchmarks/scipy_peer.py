"""The peer side of takeoff-bench: the same 4-state problem through scipy.integrate.solve_ivp.

Same right-hand side, same Weyl-sequence parameters, same tolerances (rtol 1e-8, atol 1e-10,
first step 1e-3) as Benchmarks/takeoff-bench/main.swift. Prints µs per solve, RHS evaluations
per solve and the same checksum (sum of X(50) + W(50)) for RK45, DOP853 and LSODA.

Usage: python3 Benchmarks/scipy_peer.py [solves]
"""
import math
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

PRIMES = [2, 3, 5, 7, 11, 13, 17, 19]


def weyl(i, k):
    alpha = math.fmod(math.sqrt(PRIMES[k]), 1.0)
    return math.fmod((i + 1) * alpha, 1.0)


def rates(i):
    return (0.5 + weyl(i, 0), 0.1 + 0.2 * weyl(i, 1), 0.2 + 0.3 * weyl(i, 2), 5 + 10 * weyl(i, 3),
            0.05 + 0.1 * weyl(i, 4), 0.1 + 0.2 * weyl(i, 5), 0.2 + 0.3 * weyl(i, 6), 0.5 + weyl(i, 7))


def rhs(t, y, a, d, b, K, c, e, f, s):
    q = y[0] ** 0.6 * y[1] ** 0.4
    return np.array([a * q - d * y[0], b * y[1] * (1 - y[1] / K) + c * y[2], e * y[0] - f * y[2], s * q])


def main():
    solves = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    for method in ["RK45", "DOP853", "LSODA"]:
        checksum, nfev, failures = 0.0, 0, 0
        start = time.perf_counter()
        for i in range(solves):
            sol = solve_ivp(rhs, (0.0, 50.0), [1.0, 1.0, 0.5, 0.0], method=method, rtol=1e-8, atol=1e-10,
                            first_step=1e-3, args=rates(i), t_eval=None, dense_output=False)
            if sol.status != 0:
                failures += 1
            checksum += sol.y[0, -1] + sol.y[3, -1]
            nfev += sol.nfev
        elapsed = time.perf_counter() - start
        print(f"scipy {method}: {solves} solves, {elapsed / solves * 1e6:.1f} µs per solve, "
              f"{nfev / solves:.1f} RHS evaluations per solve, checksum {checksum:.8f}, failures {failures}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
