/* The C limit for Benchmarks/takeoff-bench: the same problem, parameters, tolerances and first
 * step, solved by plain C on GSL's gsl_odeiv2_driver (no events, no history, no Swift).
 *
 * Problem (docs/swift-gsl-notes.md §6): q = X^0.6 Y^0.4, X' = a q − d X,
 * Y' = b Y (1 − Y/K) + c Z, Z' = e X − f Z, W' = s q, y0 = (1, 1, 0.5, 0), t 0 → 50, rtol 1e-8,
 * atol 1e-10, first step 1e-3; each solve's 8 parameters from the Weyl sequence
 * frac((i+1)·frac(√prime_k)) of takeoff-bench, so the checksum Σ(X+W)(50) must agree.
 *
 * Build: cc -O2 -o c_baseline c_baseline.c $(pkg-config --cflags --libs gsl)
 * Usage: c_baseline [solves] [rk8pd|rkf45]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_odeiv2.h>

typedef struct { double a, d, b, K, c, e, f, s; } rates;
static long evaluations = 0;

static const double primes[8] = {2, 3, 5, 7, 11, 13, 17, 19};
static double weyl(int i, int k) {
    double alpha = fmod(sqrt(primes[k]), 1.0);
    return fmod((double)(i + 1) * alpha, 1.0);
}
static rates rates_of(int i) {
    rates r = {0.5 + weyl(i, 0), 0.1 + 0.2 * weyl(i, 1), 0.2 + 0.3 * weyl(i, 2), 5 + 10 * weyl(i, 3),
               0.05 + 0.1 * weyl(i, 4), 0.1 + 0.2 * weyl(i, 5), 0.2 + 0.3 * weyl(i, 6), 0.5 + weyl(i, 7)};
    return r;
}

static int rhs(double t, const double y[], double dydt[], void *params) {
    (void)t;
    const rates *p = params;
    evaluations++;
    double q = pow(y[0], 0.6) * pow(y[1], 0.4);
    dydt[0] = p->a * q - p->d * y[0];
    dydt[1] = p->b * y[1] * (1 - y[1] / p->K) + p->c * y[2];
    dydt[2] = p->e * y[0] - p->f * y[2];
    dydt[3] = p->s * q;
    return GSL_SUCCESS;
}

int main(int argc, char **argv) {
    int solves = argc > 1 ? atoi(argv[1]) : 10000;
    const char *name = argc > 2 ? argv[2] : "rk8pd";
    const gsl_odeiv2_step_type *type = strcmp(name, "rkf45") == 0 ? gsl_odeiv2_step_rkf45 : gsl_odeiv2_step_rk8pd;
    double checksum = 0;
    int failures = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < solves; i++) {
        rates p = rates_of(i);
        gsl_odeiv2_system system = {rhs, NULL, 4, &p};
        gsl_odeiv2_driver *driver = gsl_odeiv2_driver_alloc_y_new(&system, type, 1e-3, 1e-10, 1e-8);
        double t = 0, y[4] = {1, 1, 0.5, 0};
        if (gsl_odeiv2_driver_apply(driver, &t, 50.0, y) != GSL_SUCCESS) failures++;
        checksum += y[0] + y[3];
        gsl_odeiv2_driver_free(driver);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("C on GSL's driver, %s: %d solves in %.3f s (%.1f µs per solve), %.1f RHS evaluations per solve, "
           "%d failures, checksum %.17g\n", name, solves, seconds, 1e6 * seconds / solves,
           (double)evaluations / solves, failures, checksum);
    return 0;
}
