#!/usr/bin/env python3
"""Independent reference values for the two literature equation models.

    python3 scripts/reference_literature_models.py

Computes, with scipy alone (it does not import or run takeoff), every metric pinned
in the [expect] tables of

    Models/korinek-suh-agi.toml              (Korinek & Suh 2024, Section 3.3, Figure 8(b))
    Models/korinek-suh-automation-path.toml  (Korinek & Suh 2024, Section 2.5, Figure 6(b))

Source: Anton Korinek and Donghyun Suh, "Scenarios for the Transition to AGI",
NBER Working Paper 32255, March 2024 (https://www.nber.org/papers/w32255).
Equation numbers below are the paper's.

The ODEs are integrated with solve_ivp (DOP853, rtol 1e-12) and the regime switch is a
located event; where the solution is known in closed form (region 2 of the AGI run, the
wage peak of the automation path) the closed form is computed as well and must agree.
"""

import math

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import brentq

RTOL = 1e-12
ATOL = 1e-12


# ---------------------------------------------------------------------------
# Shared pieces of the model (Section 2.2-2.3)
# ---------------------------------------------------------------------------

def output_region1(A, K, L, phi, sigma):
    """Eq. (4): Y = A [K^((s-1)/s) Phi^(1/s) + L^((s-1)/s) (1-Phi)^(1/s)]^(s/(s-1))."""
    e = (sigma - 1.0) / sigma
    return A * (K ** e * phi ** (1.0 / sigma) + L ** e * (1.0 - phi) ** (1.0 / sigma)) ** (1.0 / e)


def wage_region1(A, K, L, phi, sigma):
    """Lemma 1: w = A^((s-1)/s) (Y/L)^(1/s) (1-Phi)^(1/s)."""
    Y = output_region1(A, K, L, phi, sigma)
    return A ** ((sigma - 1.0) / sigma) * (Y / L) ** (1.0 / sigma) * (1.0 - phi) ** (1.0 / sigma)


def in_region1(K, L, phi):
    """Eq. (8): labor is scarce (region 1) iff K/L > kappa(I) = Phi/(1-Phi), i.e. Phi < K/(K+L),
    written 1 - Phi > L/(K+L) so that it stays exact when K/(K+L) rounds to 1."""
    return 1.0 - phi > L / (K + L)


# ---------------------------------------------------------------------------
# Model 1: baseline AGI scenario (Section 3.1, 3.3; Table 2; Figure 8(b))
# ---------------------------------------------------------------------------

def agi_scenario(T_full=20.0, t_end=200.0):
    # Table 2
    rho, eta, delta, sigma, A, L, phi0, K0 = 0.04, 2.0, 0.1, 0.5, 0.5, 1.0, 0.608, 4.6
    # Lemma 6 / Section 3.2: long-run savings rate s_inf = (A - rho - delta + eta delta)/(A eta)
    s = (A - rho - delta + eta * delta) / (A * eta)

    # Section 3.1, power-function distribution with beta = 1 and I_max = I_0 e^(g T):
    # Phi(I_t) = log I_t / log I_max = Phi0 + (1 - Phi0) t / T for t <= T, 1 after.
    def phi_of(t):
        return min(1.0, phi0 + (1.0 - phi0) * t / T_full)

    # Region 1: eq. (13) with constant savings, K' = s F(K, L; I) - delta K
    def rhs1(t, y):
        return [s * output_region1(A, y[0], L, phi_of(t), sigma) - delta * y[0]]

    def region2_entry(t, y):          # eq. (3): Phi(I) reaches Phi(I_hat) = K/(K+L)
        return L / (y[0] + L) - (1.0 - phi_of(t))
    region2_entry.terminal = True
    region2_entry.direction = 1

    sol1 = solve_ivp(rhs1, [0.0, T_full], [K0], method="DOP853", rtol=RTOL, atol=ATOL,
                     events=region2_entry, dense_output=True)
    assert sol1.status == 1, "the economy must enter region 2 before full automation"
    t_c = float(sol1.t_events[0][0])
    K_c = float(sol1.y_events[0][0][0])

    # Region 2: eq. (5), Y = A (K + L), independent of Phi, so K' = (sA - delta) K + s A L.
    def rhs2(t, y):
        return [s * A * (y[0] + L) - delta * y[0]]

    def back_to_region1(t, y):        # must never fire: Phi keeps rising to 1
        return L / (y[0] + L) - (1.0 - phi_of(t))
    back_to_region1.terminal = False
    back_to_region1.direction = -1

    sol2 = solve_ivp(rhs2, [t_c, t_end], [K_c], method="DOP853", rtol=RTOL, atol=ATOL,
                     events=back_to_region1)
    # (a root exactly at t_c, where region 2 starts on the switching surface, is not a return)
    assert all(t <= t_c + 1e-9 for t in sol2.t_events[0]), sol2.t_events[0]
    K_end = float(sol2.y[0][-1])

    # Closed form of the linear region-2 ODE as a check of the integration.
    a, b = s * A - delta, s * A * L
    K_end_closed = (K_c + b / a) * math.exp(a * (t_end - t_c)) - b / a
    assert abs(K_end / K_end_closed - 1.0) < 1e-9, (K_end, K_end_closed)

    Y0 = output_region1(A, K0, L, phi0, sigma)
    w0 = wage_region1(A, K0, L, phi0, sigma)
    labor_share_start = w0 * L / Y0
    # Output growth in region 2: d ln Y/dt = K'/(K + L)
    growth_end = (s * A * (K_end + L) - delta * K_end) / (K_end + L)
    # Wage just before the collapse (continuity check: region-1 wage equals A there)
    w_c = wage_region1(A, K_c, L, phi_of(t_c), sigma)
    # Peak wage along region 1: the root of d ln w/dt = (d ln w/dK) K' + (d ln w/dPhi) Phi',
    # with both partial derivatives taken by complex-step differentiation of the wage of
    # Lemma 1 (exact to rounding; no use of the model's own wage-growth formula).
    def dlnw_dt(t):
        K = float(sol1.sol(t)[0])
        p = phi_of(t)
        h = 1e-30
        dK = (np.log(wage_region1(A, K + 1j * h, L, p, sigma))).imag / h
        dP = (np.log(wage_region1(A, K, L, p + 1j * h, sigma))).imag / h
        return dK * rhs1(t, [K])[0] + dP * (1.0 - phi0) / T_full
    # Check the growth formulas the scenario file uses (Appendix A.1) against complex steps:
    # Y'/Y = S_K K'/K + 1/(1-s) Phi'/(1-Phi) (S_L - S_K (1-Phi)/Phi), w'/w = (Y'/Y - Phi'/(1-Phi))/s.
    for t in (0.0, 0.25 * t_c, 0.75 * t_c, 0.99 * t_c):
        K = float(sol1.sol(t)[0]); p = phi_of(t); Kdot = rhs1(t, [K])[0]; pdot = (1.0 - phi0) / T_full
        e = (sigma - 1.0) / sigma
        cap, lab = K ** e * p ** (1.0 / sigma), L ** e * (1.0 - p) ** (1.0 / sigma)
        SK, SL = cap / (cap + lab), lab / (cap + lab)
        gY = SK * Kdot / K + (1.0 / (1.0 - sigma)) * pdot / (1.0 - p) * (SL - SK * (1.0 - p) / p)
        h = 1e-30
        gY_cs = (np.log(output_region1(A, K + 1j * h, L, p, sigma))).imag / h * Kdot \
            + (np.log(output_region1(A, K, L, p + 1j * h, sigma))).imag / h * pdot
        assert abs(gY - gY_cs) < 1e-12, (t, gY, gY_cs)
        assert abs((gY - pdot / (1.0 - p)) / sigma - dlnw_dt(t)) < 1e-12
    ts = np.linspace(0.0, t_c, 2001)
    gs = [dlnw_dt(t) for t in ts]
    i = next(j for j in range(len(gs) - 1) if gs[j] > 0.0 >= gs[j + 1])
    t_peak = brentq(dlnw_dt, ts[i], ts[i + 1], xtol=1e-14, rtol=1e-15)
    w_peak = wage_region1(A, float(sol1.sol(t_peak)[0]), L, phi_of(t_peak), sigma)
    return {
        "savingsRate": s,
        "laborShareStart": labor_share_start,
        "wageCollapseYear": t_c,
        "capitalAtCollapse": K_c,
        "wageAtCollapse (region-1 formula, must equal A = 0.5)": w_c,
        "fullAutomationYear": T_full,
        "outputGrowthEnd": growth_end,
        "outputGrowthEnd (closed form limit sA - delta)": s * A - delta,
        "wagePeakYear": t_peak,
        "wagePeak": w_peak,
    }


# ---------------------------------------------------------------------------
# Model 2: automation path at given factor supplies (Section 2.5, Figure 6)
# ---------------------------------------------------------------------------

def automation_path(K=10.0, L=1.0, sigma=0.2, A=1.0, rate=0.01, t_end=99.0):
    """Phi rises at `rate` per year from 0 to 0.99 with K, L fixed (Figure 6's horizontal axis)."""

    def dlogw_dphi(phi):
        """Eq. (11), the productivity effect minus the displacement effect."""
        # k = K/Phi and l = L/(1-Phi) are the inputs per automated and per unautomated task;
        # k^e = K^e Phi^(-e) with -e = (1-s)/s > 0 is written so that Phi = 0 is finite.
        e = (sigma - 1.0) / sigma
        k_e = K ** e * phi ** (-e)
        ell_e = L ** e * (1.0 - phi) ** (-e)
        Y = output_region1(A, K, L, phi, sigma)
        return (1.0 / (sigma - 1.0)) * (1.0 / sigma) * (k_e - ell_e) * (Y / A) ** ((1.0 - sigma) / sigma) \
            - (1.0 / sigma) / (1.0 - phi)

    # Check eq. (11) against a central difference of log w at a few points.
    for p in (0.1, 0.5, 0.8, 0.9):
        h = 1e-6
        fd = (math.log(wage_region1(A, K, L, p + h, sigma)) - math.log(wage_region1(A, K, L, p - h, sigma))) / (2 * h)
        assert abs(fd - dlogw_dphi(p)) < 1e-5 * max(1.0, abs(fd)), (p, fd, dlogw_dphi(p))

    # The wage peak, as a root of eq. (11) (independent of the ODE).
    phi_hat = K / (K + L)                 # eq. (3)
    phi_peak_root = brentq(dlogw_dphi, 1e-6, phi_hat - 1e-12, xtol=1e-15, rtol=1e-15)

    # The same path as an ODE with located events: phi' = rate.
    def rhs(t, y):
        return [rate]

    def wage_peak(t, y):
        # eq. (11) in region 1; the wage is constant (= A) in region 2, where -1 stands in
        return dlogw_dphi(y[0]) if in_region1(K, L, y[0]) else -1.0
    wage_peak.direction = -1

    def region2(t, y):
        return y[0] - K / (K + L)
    region2.direction = 1

    sol = solve_ivp(rhs, [0.0, t_end], [0.0], method="DOP853", rtol=RTOL, atol=ATOL, max_step=0.5,
                    events=[wage_peak, region2])
    t_peak = float(sol.t_events[0][0])
    phi_peak = float(sol.y_events[0][0][0])
    phi_region2 = float(sol.y_events[1][0][0])
    assert abs(phi_peak - phi_peak_root) < 1e-9, (phi_peak, phi_peak_root)

    w_peak = wage_region1(A, K, L, phi_peak, sigma)
    w_end = A                             # region 2: w = R = A (Lemma 1)
    Y_start = output_region1(A, K, L, 0.0, sigma)   # = A L
    Y_end = A * (K + L)                   # eq. (5) at full automation
    return {
        "phiAtWagePeak": phi_peak,
        "phiAtWagePeak (root of eq. 11)": phi_peak_root,
        "wagePeakYear": t_peak,
        "wagePeakOverA": w_peak / A,
        "wageDecline": 1.0 - w_end / w_peak,
        "phiRegion2": phi_region2,
        "phiRegion2 (closed form K/(K+L))": phi_hat,
        "region2Year": float(sol.t_events[1][0]),
        "outputGain": Y_end / Y_start,
    }


def main():
    print("Korinek & Suh (2024), baseline AGI scenario (T = 20), constant long-run savings rate")
    for k, v in agi_scenario().items():
        print(f"  {k:55s} {v!r}")
    print()
    print("Korinek & Suh (2024), Figure 6(b): K = 10, L = 1, sigma = 0.2, Phi rising 0.01/year")
    for k, v in automation_path().items():
        print(f"  {k:55s} {v!r}")
    print()
    print("Korinek & Suh (2024), Figure 6(a): K = L = 1, sigma = 0.5 (for the note only)")
    for k, v in automation_path(K=1.0, sigma=0.5).items():
        print(f"  {k:55s} {v!r}")


if __name__ == "__main__":
    main()
