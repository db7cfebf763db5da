/*
 * CGSL shim: the GSL headers `takeoff` uses, plus small accessors.
 *
 * Not a stable API: only the TakeoffGSL module includes it.
 *
 * GSL's algorithm tables are C globals (`gsl_odeiv2_step_rk8pd`, ...). Swift 6 rejects every
 * reference to a mutable C global as not concurrency-safe, so each table is returned by a
 * `static inline` accessor instead (see docs/swift-gsl-notes.md, section 2).
 */
#ifndef TAKEOFF_CGSL_SHIM_H
#define TAKEOFF_CGSL_SHIM_H

#include <math.h>
#include <stdlib.h>
#include <float.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_version.h>
#include <gsl/gsl_odeiv2.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>

static inline const gsl_odeiv2_step_type *cgsl_step_rk8pd(void) { return gsl_odeiv2_step_rk8pd; }
static inline const gsl_odeiv2_step_type *cgsl_step_rkf45(void) { return gsl_odeiv2_step_rkf45; }
static inline const gsl_odeiv2_step_type *cgsl_step_rkck(void) { return gsl_odeiv2_step_rkck; }
static inline const gsl_odeiv2_step_type *cgsl_step_rk4imp(void) { return gsl_odeiv2_step_rk4imp; }
static inline const gsl_odeiv2_step_type *cgsl_step_bsimp(void) { return gsl_odeiv2_step_bsimp; }
static inline const gsl_odeiv2_step_type *cgsl_step_msadams(void) { return gsl_odeiv2_step_msadams; }
static inline const gsl_odeiv2_step_type *cgsl_step_msbdf(void) { return gsl_odeiv2_step_msbdf; }

static inline const char *cgsl_version(void) { return gsl_version; }
static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_qrng_type *cgsl_qrng_sobol(void) { return gsl_qrng_sobol; }
static inline const gsl_multifit_nlinear_type *cgsl_multifit_trust(void) { return gsl_multifit_nlinear_trust; }

static inline int cgsl_success(void) { return GSL_SUCCESS; }
static inline int cgsl_ebadfunc(void) { return GSL_EBADFUNC; }
static inline int cgsl_emaxiter(void) { return GSL_EMAXITER; }
static inline int cgsl_enoprog(void) { return GSL_ENOPROG; }

/*
 * Per-component error control.
 *
 * GSL's own controls take a scalar relative tolerance (and, in the scaled variant, per-component
 * absolute tolerances). This control takes both per component:
 *
 *     D_i = atol_i + rtol_i * |y_i|,    r = max_i |yerr_i| / D_i
 *
 * and adjusts the step exactly as GSL's standard control does (safety 0.9, at most a factor 5
 * up and 0.2 down, decrease when r > 1.1, increase when r < 0.5), so with scalar tolerances it
 * reproduces `gsl_odeiv2_control_y_new` step for step. `errlevel` serves msadams and msbdf.
 */
typedef struct {
    size_t dimension;
    double *atol;
    double *rtol;
} cgsl_componentwise_state;

static inline void *cgsl_componentwise_alloc(void) {
    cgsl_componentwise_state *s = (cgsl_componentwise_state *)calloc(1, sizeof(cgsl_componentwise_state));
    return s;
}

static inline int cgsl_componentwise_init(void *state, double eps_abs, double eps_rel, double a_y, double a_dydt) {
    (void)state; (void)eps_abs; (void)eps_rel; (void)a_y; (void)a_dydt;
    return GSL_SUCCESS;
}

static inline int cgsl_componentwise_hadjust(void *vstate, size_t dim, unsigned int ord, const double y[],
                                             const double yerr[], const double yp[], double *h) {
    (void)yp;
    cgsl_componentwise_state *s = (cgsl_componentwise_state *)vstate;
    const double S = 0.9;
    const double h_old = *h;
    double rmax = DBL_MIN;
    for (size_t i = 0; i < dim; i++) {
        const double d0 = s->atol[i] + s->rtol[i] * fabs(y[i]);
        const double r = fabs(yerr[i]) / fabs(d0);
        if (r > rmax || r != r) rmax = r;
    }
    if (rmax > 1.1) {
        double r = S / pow(rmax, 1.0 / ord);
        if (r < 0.2) r = 0.2;
        *h = r * h_old;
        return GSL_ODEIV_HADJ_DEC;
    } else if (rmax < 0.5) {
        double r = S / pow(rmax, 1.0 / (ord + 1.0));
        if (r > 5.0) r = 5.0;
        if (r < 1.0) r = 1.0;
        *h = r * h_old;
        return GSL_ODEIV_HADJ_INC;
    }
    return GSL_ODEIV_HADJ_NIL;
}

static inline int cgsl_componentwise_errlevel(void *vstate, const double y, const double dydt, const double h,
                                              const size_t ind, double *errlev) {
    (void)dydt; (void)h;
    cgsl_componentwise_state *s = (cgsl_componentwise_state *)vstate;
    if (ind >= s->dimension) return GSL_EINVAL;
    *errlev = s->atol[ind] + s->rtol[ind] * fabs(y);
    if (!(*errlev > 0.0)) return GSL_EINVAL;
    return GSL_SUCCESS;
}

static inline int cgsl_componentwise_set_driver(void *state, const gsl_odeiv2_driver *d) {
    (void)state; (void)d;
    return GSL_SUCCESS;
}

static inline void cgsl_componentwise_free(void *vstate) {
    cgsl_componentwise_state *s = (cgsl_componentwise_state *)vstate;
    if (s == NULL) return;
    free(s->atol);
    free(s->rtol);
    free(s);
}

static const gsl_odeiv2_control_type cgsl_componentwise_type = {
    "componentwise",
    &cgsl_componentwise_alloc,
    &cgsl_componentwise_init,
    &cgsl_componentwise_hadjust,
    &cgsl_componentwise_errlevel,
    &cgsl_componentwise_set_driver,
    &cgsl_componentwise_free,
};

/* A control with per-component tolerances, or NULL when out of memory. */
static inline gsl_odeiv2_control *cgsl_componentwise_new(const double *atol, const double *rtol, size_t dim) {
    gsl_odeiv2_control *c = gsl_odeiv2_control_alloc(&cgsl_componentwise_type);
    if (c == NULL) return NULL;
    cgsl_componentwise_state *s = (cgsl_componentwise_state *)c->state;
    s->dimension = dim;
    s->atol = (double *)malloc(dim * sizeof(double));
    s->rtol = (double *)malloc(dim * sizeof(double));
    if (s->atol == NULL || s->rtol == NULL) { gsl_odeiv2_control_free(c); return NULL; }
    for (size_t i = 0; i < dim; i++) { s->atol[i] = atol[i]; s->rtol[i] = rtol[i]; }
    return c;
}

/* Swap the driver's control for `c` (the driver frees it on gsl_odeiv2_driver_free). */
static inline void cgsl_driver_replace_control(gsl_odeiv2_driver *d, gsl_odeiv2_control *c) {
    gsl_odeiv2_control_free(d->c);
    d->c = c;
    gsl_odeiv2_control_set_driver(c, d);
}

/* Whether the stepper's dydt_out is the exact derivative at the step's end. */
static inline int cgsl_step_gives_exact_dydt_out(const gsl_odeiv2_step *s) { return s->type->gives_exact_dydt_out; }

#endif
