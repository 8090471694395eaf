/* stdlib/mod_math.c — the math module: CPython 3.11's names, results and errors
 * (ValueError "math domain error", OverflowError "math range error"). One-argument libm
 * wrappers share one error policy (math_1); gamma/lgamma use the Lanczos approximation
 * CPython uses so results match bit for bit; fsum is exact (Shewchuk partials); hypot and
 * dist use CPython's compensated vector norm; integer functions use GMP. */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"
#include "stdlib/modules.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double PI = 3.141592653589793238462643383279502884197;
static const double LOGPI = 1.144729885849400174143427351353058711647;

/* ---- argument helpers ------------------------------------------------------------------- */

/* A float argument (PyFloat_AsDouble): 0 or -1. */
static int arg_double(OuroVM *vm, OuroObject *o, double *out) {
    if (ouro_float_check(o)) {
        *out = ouro_float_value(o);
        return 0;
    }
    return ouro_float_as_double(vm, o, out);
}

static OuroObject *domain_error(OuroVM *vm) {
    return ouro_err_format(vm, &ouro_exc_ValueError, "math domain error");
}

static OuroObject *range_error(OuroVM *vm) {
    return ouro_err_format(vm, &ouro_exc_OverflowError, "math range error");
}

/* Maps errno after a libm call (CPython's is_error): true when an exception was raised.
 * ERANGE with a small result is underflow, which is not an error. */
static bool errno_raised(OuroVM *vm, double r) {
    if (errno == EDOM) {
        domain_error(vm);
        return true;
    }
    if (errno == ERANGE) {
        if (fabs(r) < 1.5) return false;
        range_error(vm);
        return true;
    }
    domain_error(vm);
    return true;
}

/* CPython's math_1: NaN from non-NaN is a domain error; infinity from a finite argument is
 * a range error when the function can overflow, else a singularity (domain error). */
static OuroObject *math_1(OuroVM *vm, OuroObject *const *args, size_t nargs,
                          OuroObject *kwnames, const char *name, double (*fn)(double),
                          bool can_overflow) {
    double x;
    if (ouro_args_check(vm, name, nargs, kwnames, 1, 1) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0) return NULL;
    errno = 0;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return domain_error(vm);
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error(vm) : domain_error(vm);
    if (isfinite(r) && errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

/* CPython's math_1a: for functions that set errno themselves. */
static OuroObject *math_1a(OuroVM *vm, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames, const char *name, double (*fn)(double)) {
    double x;
    if (ouro_args_check(vm, name, nargs, kwnames, 1, 1) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0) return NULL;
    errno = 0;
    double r = fn(x);
    if (errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

/* CPython's math_2 for two-argument libm functions. */
static OuroObject *math_2(OuroVM *vm, OuroObject *const *args, size_t nargs,
                          OuroObject *kwnames, const char *name, double (*fn)(double, double)) {
    double x, y;
    if (ouro_args_check(vm, name, nargs, kwnames, 2, 2) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0 || arg_double(vm, args[1], &y) < 0) return NULL;
    errno = 0;
    double r = fn(x, y);
    if (isnan(r)) errno = !isnan(x) && !isnan(y) ? EDOM : 0;
    else if (isinf(r)) errno = isfinite(x) && isfinite(y) ? ERANGE : 0;
    if (errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

#define MATH_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                  OuroObject *kw

/* ---- special functions -------------------------------------------------------------------- */

/* sin(pi * x), exact at integers and half-integers (for the reflection formula). */
static double sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(PI * y); break;
    case 1: r = cos(PI * (y - 0.5)); break;
    case 2: r = sin(PI * (1.0 - y)); break;   /* not -sin(pi*(y-1)): keeps +0.0 at y == 1 */
    case 3: r = -cos(PI * (y - 1.5)); break;
    default: r = sin(PI * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

/* Lanczos approximation, N = 13, g = 6.024680040776729583740234375 (Boost's parameters, the
 * ones CPython uses), as a rational function. */
#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
};
static const double lanczos_den[LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0,
};

static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    /* Small x: Horner in x; large x: in 1/x, which cannot overflow. */
    if (x < 5.0) {
        for (int i = LANCZOS_N; --i >= 0;) {
            num = num * x + lanczos_num[i];
            den = den * x + lanczos_den[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num[i];
            den = den / x + lanczos_den[i];
        }
    }
    return num / den;
}

static double factorial_double(int n) {
    double r = 1.0;
    for (int i = 2; i <= n; i++) r *= i;   /* exact up to 22! */
    return r;
}

static double m_tgamma(double x) {
    if (!isfinite(x)) {
        if (isnan(x) || x > 0.0) return x;
        errno = EDOM;
        return NAN;
    }
    if (x == 0.0) {
        errno = EDOM;
        return copysign(HUGE_VAL, x);
    }
    if (x == floor(x)) {
        if (x < 0.0) {
            errno = EDOM;
            return NAN;
        }
        if (x <= 23) return factorial_double((int)x - 1);
    }
    double absx = fabs(x);
    if (absx < 1e-20) {
        double r = 1.0 / x;
        if (isinf(r)) errno = ERANGE;
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0) return 0.0 / sinpi(x);
        errno = ERANGE;
        return HUGE_VAL;
    }
    /* z corrects for the rounding error of absx + g - 0.5 (see CPython's notes). */
    double y = absx + lanczos_g_minus_half, z;
    if (absx > lanczos_g_minus_half) {
        double q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        double q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    double r;
    if (x < 0.0) {
        r = -PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) {
            r /= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) {
            r *= pow(y, absx - 0.5);
        } else {
            double sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (isinf(r)) errno = ERANGE;
    return r;
}

static double m_lgamma(double x) {
    if (!isfinite(x)) return isnan(x) ? x : HUGE_VAL;
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) {
            errno = EDOM;
            return HUGE_VAL;
        }
        return 0.0;
    }
    double absx = fabs(x);
    if (absx < 1e-20) return -log(absx);
    double r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) r = LOGPI - log(fabs(sinpi(absx))) - log(absx) - r;
    if (isinf(r)) errno = ERANGE;
    return r;
}

static double m_atan2(double y, double x) {
    if (isnan(x) || isnan(y)) return NAN;
    if (isinf(y)) {
        if (isinf(x)) return copysign(copysign(1., x) == 1. ? 0.25 * PI : 0.75 * PI, y);
        return copysign(0.5 * PI, y);
    }
    if (isinf(x) || y == 0.) return copysign(copysign(1., x) == 1. ? 0. : PI, y);
    return atan2(y, x);
}

static double m_remainder(double x, double y) {
    if (isfinite(x) && isfinite(y)) return y == 0.0 ? NAN : remainder(x, y);
    if (isnan(x)) return x;
    if (isnan(y)) return y;
    if (isinf(x)) return NAN;
    return x;
}

/* log, log2, log10 with C99's special values whatever the platform does. */
static double logish(double x, double (*fn)(double)) {
    if (isfinite(x)) {
        if (x > 0.0) return fn(x);
        errno = EDOM;
        return x == 0.0 ? -HUGE_VAL : NAN;
    }
    if (isnan(x) || x > 0.0) return x;
    errno = EDOM;
    return NAN;
}
static double m_log(double x) { return logish(x, log); }
static double m_log2(double x) { return logish(x, log2); }
static double m_log10(double x) { return logish(x, log10); }

static double m_log1p(double x) {
    /* log1p(-0.0) must be -0.0 on every platform. */
    if (x == 0.0) return x;
    return log1p(x);
}

/* ---- one- and two-argument wrappers -------------------------------------------------------- */

static OuroObject *m_acos(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.acos", acos, false); }
static OuroObject *m_acosh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.acosh", acosh, false); }
static OuroObject *m_asin(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.asin", asin, false); }
static OuroObject *m_asinh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.asinh", asinh, false); }
static OuroObject *m_atan(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.atan", atan, false); }
static OuroObject *m_atanh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.atanh", atanh, false); }
static OuroObject *m_cbrt(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.cbrt", cbrt, false); }
static OuroObject *m_cos(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.cos", cos, false); }
static OuroObject *m_cosh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.cosh", cosh, true); }
static OuroObject *m_exp(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.exp", exp, true); }
static OuroObject *m_exp2(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.exp2", exp2, true); }
static OuroObject *m_expm1(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.expm1", expm1, true); }
static OuroObject *m_fabs(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.fabs", fabs, false); }
static OuroObject *m_log1p_fn(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.log1p", m_log1p, false); }
static OuroObject *m_sin(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.sin", sin, false); }
static OuroObject *m_sinh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.sinh", sinh, true); }
static OuroObject *m_sqrt(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.sqrt", sqrt, false); }
static OuroObject *m_tan(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.tan", tan, false); }
static OuroObject *m_tanh(MATH_ARGS) { return math_1(vm, args, nargs, kw, "math.tanh", tanh, false); }
static OuroObject *m_erf(MATH_ARGS) { return math_1a(vm, args, nargs, kw, "math.erf", erf); }
static OuroObject *m_erfc(MATH_ARGS) { return math_1a(vm, args, nargs, kw, "math.erfc", erfc); }
static OuroObject *m_gamma(MATH_ARGS) { return math_1a(vm, args, nargs, kw, "math.gamma", m_tgamma); }
static OuroObject *m_lgamma_fn(MATH_ARGS) { return math_1a(vm, args, nargs, kw, "math.lgamma", m_lgamma); }
static OuroObject *m_atan2_fn(MATH_ARGS) { return math_2(vm, args, nargs, kw, "math.atan2", m_atan2); }
static OuroObject *m_copysign(MATH_ARGS) { return math_2(vm, args, nargs, kw, "math.copysign", copysign); }
static OuroObject *m_remainder_fn(MATH_ARGS) { return math_2(vm, args, nargs, kw, "math.remainder", m_remainder); }

static OuroObject *m_fmod(MATH_ARGS) {
    double x, y;
    if (ouro_args_check(vm, "math.fmod", nargs, kw, 2, 2) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0 || arg_double(vm, args[1], &y) < 0) return NULL;
    if (isinf(y) && isfinite(x)) return ouro_float_new(vm, x);
    errno = 0;
    double r = fmod(x, y);
    if (isnan(r)) errno = !isnan(x) && !isnan(y) ? EDOM : 0;
    if (errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

static OuroObject *m_pow(MATH_ARGS) {
    double x, y, r = 0.0;
    if (ouro_args_check(vm, "math.pow", nargs, kw, 2, 2) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0 || arg_double(vm, args[1], &y) < 0) return NULL;
    errno = 0;
    if (!isfinite(x) || !isfinite(y)) {
        if (isnan(x)) r = y == 0. ? 1. : x;
        else if (isnan(y)) r = x == 1. ? 1. : y;
        else if (isinf(x)) {
            bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
            if (y > 0.) r = odd_y ? x : fabs(x);
            else if (y == 0.) r = 1.;
            else r = odd_y ? copysign(0., x) : 0.;
        } else {
            if (fabs(x) == 1.0) r = 1.;
            else if (y > 0. && fabs(x) > 1.0) r = y;
            else if (y < 0. && fabs(x) < 1.0) r = -y;
            else r = 0.;
        }
    } else {
        r = pow(x, y);
        if (isnan(r)) errno = EDOM;
        else if (isinf(r)) errno = x == 0. ? EDOM : ERANGE;
        else errno = 0;
    }
    if (errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

/* ---- logarithms of any int ------------------------------------------------------------------ */

/* CPython's loghelper: ints too large for a double still have logarithms. */
static int log_of(OuroVM *vm, OuroObject *arg, double (*fn)(double), double *out) {
    if (ouro_int_check(arg)) {
        if (ouro_int_sign(arg) <= 0) {
            domain_error(vm);
            return -1;
        }
        double x;
        if (ouro_int_as_double(vm, arg, &x) == 0) {
            *out = fn(x);
            return 0;
        }
        if (!ouro_err_matches(vm, &ouro_exc_OverflowError)) return -1;
        ouro_err_clear(vm);
        OuroIntView view;
        signed long e;
        double m = mpz_get_d_2exp(&e, ouro_int_view(arg, &view));
        *out = fn(m) + fn(2.0) * (double)e;
        return 0;
    }
    double x;
    if (arg_double(vm, arg, &x) < 0) return -1;
    errno = 0;
    double r = fn(x);
    if ((isnan(r) && !isnan(x)) || (isinf(r) && isfinite(x))) {
        domain_error(vm);
        return -1;
    }
    *out = r;
    return 0;
}

static OuroObject *m_log_fn(MATH_ARGS) {
    if (ouro_args_check(vm, "log", nargs, kw, 1, 2) < 0) return NULL;
    double num, den;
    if (log_of(vm, args[0], m_log, &num) < 0) return NULL;
    if (nargs == 1) return ouro_float_new(vm, num);
    if (log_of(vm, args[1], m_log, &den) < 0) return NULL;
    if (den == 0.0)
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "float division by zero");
    return ouro_float_new(vm, num / den);
}

static OuroObject *log_one(OuroVM *vm, OuroObject *const *args, size_t nargs, OuroObject *kw,
                           const char *name, double (*fn)(double)) {
    if (ouro_args_check(vm, name, nargs, kw, 1, 1) < 0) return NULL;
    double r;
    if (log_of(vm, args[0], fn, &r) < 0) return NULL;
    return ouro_float_new(vm, r);
}

static OuroObject *m_log2_fn(MATH_ARGS) { return log_one(vm, args, nargs, kw, "math.log2", m_log2); }
static OuroObject *m_log10_fn(MATH_ARGS) { return log_one(vm, args, nargs, kw, "math.log10", m_log10); }

/* ---- rounding to ints --------------------------------------------------------------------- */

/* math.floor / math.ceil: floats directly, else the type's __floor__/__ceil__, else
 * through float. */
static OuroObject *floor_or_ceil(OuroVM *vm, OuroObject *const *args, size_t nargs,
                                 OuroObject *kw, bool is_floor) {
    if (ouro_args_check(vm, is_floor ? "math.floor" : "math.ceil", nargs, kw, 1, 1) < 0)
        return NULL;
    OuroObject *x = args[0];
    if (ouro_float_check(x)) {
        double v = ouro_float_value(x);
        return ouro_int_from_double(vm, is_floor ? floor(v) : ceil(v));
    }
    if (OURO_IS_SMALLINT(x) || x->type == &ouro_int_type || x->type == &ouro_bool_type)
        return ouro_int_exact(vm, x);
    OuroObject *fn = ouro_type_lookup(ouro_type_of(x),
                                      is_floor ? OURO_ID(vm, __floor__) : OURO_ID(vm, __ceil__));
    if (fn) return ouro_object_call1(vm, fn, x);
    double v;
    if (arg_double(vm, x, &v) < 0) return NULL;
    return ouro_int_from_double(vm, is_floor ? floor(v) : ceil(v));
}

static OuroObject *m_floor(MATH_ARGS) { return floor_or_ceil(vm, args, nargs, kw, true); }
static OuroObject *m_ceil(MATH_ARGS) { return floor_or_ceil(vm, args, nargs, kw, false); }

static OuroObject *m_trunc(MATH_ARGS) {
    if (ouro_args_check(vm, "math.trunc", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *x = args[0];
    if (ouro_float_check(x)) return ouro_int_from_double(vm, ouro_float_value(x));
    OuroType *t = ouro_type_of(x);
    OuroObject *fn = ouro_type_lookup(t, OURO_ID(vm, __trunc__));
    if (!fn)
        return ouro_err_format(vm, &ouro_exc_TypeError, "type %s doesn't define __trunc__ method",
                               ouro_type_name(t));
    return ouro_object_call1(vm, fn, x);
}

/* ---- float decomposition -------------------------------------------------------------------- */

static OuroObject *pair_of_doubles(OuroVM *vm, double a, double b) {
    OuroObject *x = ouro_float_new(vm, a);
    if (!x) return NULL;
    OuroObject *y = ouro_float_new(vm, b);
    if (!y) {
        ouro_decref(vm, x);
        return NULL;
    }
    OuroObject *t = ouro_tuple_pack(vm, 2, x, y);
    ouro_decref(vm, x);
    ouro_decref(vm, y);
    return t;
}

static OuroObject *m_frexp(MATH_ARGS) {
    double x;
    if (ouro_args_check(vm, "math.frexp", nargs, kw, 1, 1) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0) return NULL;
    int e = 0;
    if (isfinite(x) && x != 0.0) x = frexp(x, &e);
    OuroObject *m = ouro_float_new(vm, x);
    if (!m) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 2, m, ouro_smallint(e));
    ouro_decref(vm, m);
    return t;
}

static OuroObject *m_ldexp(MATH_ARGS) {
    double x;
    if (ouro_args_check(vm, "math.ldexp", nargs, kw, 2, 2) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0) return NULL;
    if (!ouro_int_check(args[1]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "Expected an int as second argument to ldexp.");
    /* Exponents beyond a C long saturate: the result over- or underflows anyway. */
    long exp;
    int64_t e64;
    if (ouro_int_as_i64(vm, args[1], &e64) == 0) exp = (long)e64;
    else {
        ouro_err_clear(vm);
        exp = ouro_int_sign(args[1]) < 0 ? LONG_MIN : LONG_MAX;
    }
    double r;
    errno = 0;
    if (x == 0. || !isfinite(x)) r = x;
    else if (exp > INT_MAX) {
        r = copysign(HUGE_VAL, x);
        errno = ERANGE;
    } else if (exp < INT_MIN) {
        r = copysign(0., x);
    } else {
        r = ldexp(x, (int)exp);
        if (isinf(r)) errno = ERANGE;
    }
    if (errno && errno_raised(vm, r)) return NULL;
    return ouro_float_new(vm, r);
}

static OuroObject *m_modf(MATH_ARGS) {
    double x, ip;
    if (ouro_args_check(vm, "math.modf", nargs, kw, 1, 1) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0) return NULL;
    if (isinf(x)) return pair_of_doubles(vm, copysign(0., x), x);
    if (isnan(x)) return pair_of_doubles(vm, x, x);
    double frac = modf(x, &ip);
    return pair_of_doubles(vm, frac, ip);
}

static OuroObject *one_double(OuroVM *vm, OuroObject *const *args, size_t nargs, OuroObject *kw,
                              const char *name, double *x) {
    if (ouro_args_check(vm, name, nargs, kw, 1, 1) < 0) return NULL;
    if (arg_double(vm, args[0], x) < 0) return NULL;
    return ouro_none;
}

static OuroObject *m_degrees(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.degrees", &x)) return NULL;
    return ouro_float_new(vm, x * (180.0 / PI));
}

static OuroObject *m_radians(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.radians", &x)) return NULL;
    return ouro_float_new(vm, x * (PI / 180.0));
}

static OuroObject *m_isfinite(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.isfinite", &x)) return NULL;
    return ouro_bool_from(isfinite(x));
}

static OuroObject *m_isinf(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.isinf", &x)) return NULL;
    return ouro_bool_from(isinf(x));
}

static OuroObject *m_isnan(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.isnan", &x)) return NULL;
    return ouro_bool_from(isnan(x));
}

static OuroObject *m_ulp(MATH_ARGS) {
    double x;
    if (!one_double(vm, args, nargs, kw, "math.ulp", &x)) return NULL;
    if (isnan(x)) return ouro_float_new(vm, x);
    x = fabs(x);
    if (isinf(x)) return ouro_float_new(vm, x);
    double next = nextafter(x, INFINITY);
    if (isinf(next)) return ouro_float_new(vm, x - nextafter(x, -INFINITY));
    return ouro_float_new(vm, next - x);
}

static OuroObject *m_nextafter(MATH_ARGS) {
    double x, y;
    if (ouro_args_check(vm, "math.nextafter", nargs, kw, 2, 2) < 0) return NULL;
    if (arg_double(vm, args[0], &x) < 0 || arg_double(vm, args[1], &y) < 0) return NULL;
    return ouro_float_new(vm, nextafter(x, y));
}

static OuroObject *m_isclose(MATH_ARGS) {
    static const char *const names[] = { "a", "b", "*rel_tol", "*abs_tol" };
    OuroObject *v[4];
    if (ouro_args_bind(vm, "isclose", args, nargs, kw, names, 4, 0, 2, v) < 0) return NULL;
    double a, b, rel_tol = 1e-09, abs_tol = 0.0;
    if (arg_double(vm, v[0], &a) < 0 || arg_double(vm, v[1], &b) < 0) return NULL;
    if (v[2] && arg_double(vm, v[2], &rel_tol) < 0) return NULL;
    if (v[3] && arg_double(vm, v[3], &abs_tol) < 0) return NULL;
    if (rel_tol < 0.0 || abs_tol < 0.0)
        return ouro_err_format(vm, &ouro_exc_ValueError, "tolerances must be non-negative");
    if (a == b) return ouro_true;
    if (isinf(a) || isinf(b)) return ouro_false;
    double diff = fabs(b - a);
    return ouro_bool_from(diff <= fabs(rel_tol * b) || diff <= fabs(rel_tol * a) ||
                          diff <= abs_tol);
}

/* ---- hypot and dist -------------------------------------------------------------------------- */

/* CPython 3.11's vector_norm: sqrt of the sum of squares, scaled by a power of two, with
 * Veltkamp-Dekker splitting, compensated summation and a differential correction of the
 * square root, so the result is almost always correctly rounded. The operation order is
 * CPython's, so results agree bit for bit. */
static double vector_norm(size_t n, const double *vec, double max, bool found_nan) {
    const double T27 = 134217729.0;   /* 2**27 + 1 */
    double x, scale, oldcsum, csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0;
    double t, hi, lo, h;
    int max_e;
    if (isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    frexp(max, &max_e);
    if (max_e >= -1023) {
        scale = ldexp(1.0, -max_e);
        for (size_t i = 0; i < n; i++) {
            x = vec[i] * scale;
            t = x * T27;
            hi = t - (t - x);
            lo = x - hi;
            x = hi * hi;
            oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        h = sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        x = h;
        t = x * T27;
        hi = t - (t - x);
        lo = x - hi;
        x = -hi * hi;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    /* Subnormal max: a power-of-two scale would overflow; divide by max instead. */
    for (size_t i = 0; i < n; i++) {
        x = vec[i] / max;
        x = x * x;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    return max * sqrt(csum - 1.0 + frac1);
}

static OuroObject *m_hypot(MATH_ARGS) {
    if (kw && ouro_tuple_size(kw) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "hypot() takes no keyword arguments");
    double small[16];
    double *coords = nargs <= 16 ? small : malloc(nargs * sizeof(double));
    if (!coords) return ouro_err_no_memory(vm);
    double max = 0.0;
    bool found_nan = false;
    OuroObject *result = NULL;
    for (size_t i = 0; i < nargs; i++) {
        double x;
        if (arg_double(vm, args[i], &x) < 0) goto done;
        x = fabs(x);
        coords[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    result = ouro_float_new(vm, vector_norm(nargs, coords, max, found_nan));
done:
    if (coords != small) free(coords);
    return result;
}

static OuroObject *m_dist(MATH_ARGS) {
    if (ouro_args_check(vm, "math.dist", nargs, kw, 2, 2) < 0) return NULL;
    OuroObject *p = ouro_tuple_from_iterable(vm, args[0]);
    if (!p) return NULL;
    OuroObject *q = ouro_tuple_from_iterable(vm, args[1]);
    if (!q) {
        ouro_decref(vm, p);
        return NULL;
    }
    size_t n = ouro_tuple_size(p);
    OuroObject *result = NULL;
    double small[16], *diffs = small;
    if (n != ouro_tuple_size(q)) {
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "both points must have the same number of dimensions");
        goto done;
    }
    if (n > 16 && !(diffs = malloc(n * sizeof(double)))) {
        ouro_err_no_memory(vm);
        goto done;
    }
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < n; i++) {
        double px, qx;
        if (arg_double(vm, ouro_tuple_get(p, i), &px) < 0 ||
            arg_double(vm, ouro_tuple_get(q, i), &qx) < 0)
            goto done;
        double x = fabs(px - qx);
        diffs[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    result = ouro_float_new(vm, vector_norm(n, diffs, max, found_nan));
done:
    if (diffs != small) free(diffs);
    ouro_decref(vm, p);
    ouro_decref(vm, q);
    return result;
}

/* ---- fsum ------------------------------------------------------------------------------------ */

/* Adds x into the non-overlapping partials p[0..*n) (Shewchuk / Hettinger's msum). */
static void partials_add(double *p, size_t *n, double x) {
    size_t i = 0;
    for (size_t j = 0; j < *n; j++) {
        double y = p[j];
        if (fabs(x) < fabs(y)) {
            double t = x;
            x = y;
            y = t;
        }
        volatile double hi = x + y;
        volatile double yr = hi - x;
        double lo = y - yr;
        if (lo != 0.0) p[i++] = lo;
        x = hi;
    }
    *n = i;
    if (x != 0.0) p[(*n)++] = x;
}

/* Rounds the exact sum of the partials to the nearest double, half to even across
 * partials. */
static double partials_sum(const double *p, size_t n) {
    if (n == 0) return 0.0;
    volatile double hi = p[--n], lo = 0.0;
    while (n > 0) {
        double x = hi, y = p[--n];
        hi = x + y;
        volatile double yr = hi - x;
        lo = y - yr;
        if (lo != 0.0) break;
    }
    /* If the rest would push lo past half an ulp, round away (sum([1e-16, 1, 1e16])). */
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
        double y = lo * 2.0;
        double x = hi + y;
        volatile double yr = x - hi;
        if (y == yr) hi = x;
    }
    return hi;
}

static OuroObject *m_fsum(MATH_ARGS) {
    if (ouro_args_check(vm, "math.fsum", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *it = ouro_object_getiter(vm, args[0]);
    if (!it) return NULL;
    double small[32], *p = small;
    size_t n = 0, cap = 32;
    double special_sum = 0.0, inf_sum = 0.0;
    OuroObject *result = NULL, *item;
    while ((item = ouro_iter_next(vm, it))) {
        double x;
        int r = arg_double(vm, item, &x);
        ouro_decref(vm, item);
        if (r < 0) goto done;
        double xsave = x;
        if (n + 1 >= cap) {
            double *grown = p == small ? malloc(2 * cap * sizeof(double))
                                       : realloc(p, 2 * cap * sizeof(double));
            if (!grown) {
                ouro_err_no_memory(vm);
                goto done;
            }
            if (p == small) memcpy(grown, small, n * sizeof(double));
            p = grown;
            cap *= 2;
        }
        partials_add(p, &n, x);
        if (n > 0 && !isfinite(p[n - 1])) {
            /* A non-finite partial: overflow of finite summands, or an inf/nan summand. */
            if (isfinite(xsave)) {
                ouro_err_format(vm, &ouro_exc_OverflowError, "intermediate overflow in fsum");
                goto done;
            }
            if (isinf(xsave)) inf_sum += xsave;
            special_sum += xsave;
            n = 0;
        }
    }
    if (ouro_err_occurred(vm)) goto done;
    if (special_sum != 0.0) {
        if (isnan(inf_sum)) ouro_err_format(vm, &ouro_exc_ValueError, "-inf + inf in fsum");
        else result = ouro_float_new(vm, special_sum);
        goto done;
    }
    result = ouro_float_new(vm, partials_sum(p, n));
done:
    if (p != small) free(p);
    ouro_decref(vm, it);
    return result;
}

/* ---- integer functions ------------------------------------------------------------------------- */

/* An __index__ argument as an exact int (new ref). */
static OuroObject *index_arg(OuroVM *vm, OuroObject *o) { return ouro_number_index(vm, o); }

static OuroObject *gcd_or_lcm(OuroVM *vm, OuroObject *const *args, size_t nargs,
                              OuroObject *kw, bool gcd) {
    if (kw && ouro_tuple_size(kw) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no keyword arguments",
                               gcd ? "gcd" : "lcm");
    mpz_t acc;
    mpz_init_set_ui(acc, gcd ? 0 : 1);
    for (size_t i = 0; i < nargs; i++) {
        OuroObject *v = index_arg(vm, args[i]);
        if (!v) {
            mpz_clear(acc);
            return NULL;
        }
        OuroIntView view;
        mpz_srcptr z = ouro_int_view(v, &view);
        if (gcd) mpz_gcd(acc, acc, z);
        else if (i == 0) mpz_abs(acc, z);
        else mpz_lcm(acc, acc, z);
        ouro_decref(vm, v);
    }
    return ouro_int_from_mpz_steal(vm, acc);
}

static OuroObject *m_gcd(MATH_ARGS) { return gcd_or_lcm(vm, args, nargs, kw, true); }
static OuroObject *m_lcm(MATH_ARGS) { return gcd_or_lcm(vm, args, nargs, kw, false); }

static OuroObject *m_isqrt(MATH_ARGS) {
    if (ouro_args_check(vm, "math.isqrt", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *n = index_arg(vm, args[0]);
    if (!n) return NULL;
    if (ouro_int_sign(n) < 0) {
        ouro_decref(vm, n);
        return ouro_err_format(vm, &ouro_exc_ValueError, "isqrt() argument must be nonnegative");
    }
    OuroIntView view;
    mpz_t r;
    mpz_init(r);
    mpz_sqrt(r, ouro_int_view(n, &view));
    ouro_decref(vm, n);
    return ouro_int_from_mpz_steal(vm, r);
}

/* factorial(n) for an exact int n. */
static OuroObject *factorial_of(OuroVM *vm, OuroObject *n) {
    if (ouro_int_sign(n) < 0)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "factorial() not defined for negative values");
    int64_t v;
    if (ouro_int_as_i64(vm, n, &v) < 0) {
        ouro_err_clear(vm);
        return ouro_err_format(vm, &ouro_exc_OverflowError,
                               "factorial() argument should not exceed %ld", LONG_MAX);
    }
    mpz_t r;
    mpz_init(r);
    mpz_fac_ui(r, (unsigned long)v);
    return ouro_int_from_mpz_steal(vm, r);
}

static OuroObject *m_factorial(MATH_ARGS) {
    if (ouro_args_check(vm, "math.factorial", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *n = index_arg(vm, args[0]);
    if (!n) return NULL;
    OuroObject *r = factorial_of(vm, n);
    ouro_decref(vm, n);
    return r;
}

/* Reads n and k for comb/perm; 0, or -1 with an exception. */
static int comb_args(OuroVM *vm, OuroObject *n_obj, OuroObject *k_obj, OuroObject **n,
                     OuroObject **k) {
    *n = index_arg(vm, n_obj);
    if (!*n) return -1;
    *k = index_arg(vm, k_obj);
    if (!*k) {
        ouro_decref(vm, *n);
        return -1;
    }
    const char *msg = ouro_int_sign(*n) < 0   ? "n must be a non-negative integer"
                      : ouro_int_sign(*k) < 0 ? "k must be a non-negative integer"
                                              : NULL;
    if (!msg) return 0;
    ouro_err_format(vm, &ouro_exc_ValueError, msg);
    ouro_decref(vm, *n);
    ouro_decref(vm, *k);
    return -1;
}

static OuroObject *comb_or_perm(OuroVM *vm, OuroObject *n, OuroObject *k, bool comb) {
    OuroIntView vn, vk;
    mpz_srcptr zn = ouro_int_view(n, &vn), zk = ouro_int_view(k, &vk);
    if (mpz_cmp(zk, zn) > 0) return ouro_smallint(0);
    mpz_t r, kk;
    mpz_inits(r, kk, NULL);
    /* comb(n, k) == comb(n, n - k): use the smaller. */
    mpz_set(kk, zk);
    if (comb) {
        mpz_sub(r, zn, zk);
        if (mpz_cmp(r, kk) < 0) mpz_set(kk, r);
    }
    if (!mpz_fits_ulong_p(kk)) {
        mpz_clears(r, kk, NULL);
        return ouro_err_format(vm, &ouro_exc_OverflowError, "%s must not exceed %ld",
                               comb ? "min(n - k, k)" : "k", LONG_MAX);
    }
    unsigned long kv = mpz_get_ui(kk);
    if (comb) {
        mpz_bin_ui(r, zn, kv);
    } else {
        /* n * (n - 1) * ... * (n - k + 1) */
        mpz_set_ui(r, 1);
        mpz_t f;
        mpz_init_set(f, zn);
        for (unsigned long i = 0; i < kv; i++) {
            mpz_mul(r, r, f);
            mpz_sub_ui(f, f, 1);
        }
        mpz_clear(f);
    }
    mpz_clear(kk);
    return ouro_int_from_mpz_steal(vm, r);
}

static OuroObject *m_comb(MATH_ARGS) {
    if (ouro_args_check(vm, "math.comb", nargs, kw, 2, 2) < 0) return NULL;
    OuroObject *n, *k;
    if (comb_args(vm, args[0], args[1], &n, &k) < 0) return NULL;
    OuroObject *r = comb_or_perm(vm, n, k, true);
    ouro_decref(vm, n);
    ouro_decref(vm, k);
    return r;
}

static OuroObject *m_perm(MATH_ARGS) {
    if (ouro_args_check(vm, "math.perm", nargs, kw, 1, 2) < 0) return NULL;
    if (nargs == 1 || args[1] == ouro_none) {
        OuroObject *n = index_arg(vm, args[0]);
        if (!n) return NULL;
        OuroObject *r = factorial_of(vm, n);
        ouro_decref(vm, n);
        return r;
    }
    OuroObject *n, *k;
    if (comb_args(vm, args[0], args[1], &n, &k) < 0) return NULL;
    OuroObject *r = comb_or_perm(vm, n, k, false);
    ouro_decref(vm, n);
    ouro_decref(vm, k);
    return r;
}

static OuroObject *m_prod(MATH_ARGS) {
    static const char *const names[] = { "iterable", "*start" };
    OuroObject *v[2];
    if (ouro_args_bind(vm, "prod", args, nargs, kw, names, 2, 1, 1, v) < 0) return NULL;
    OuroObject *it = ouro_object_getiter(vm, v[0]);
    if (!it) return NULL;
    OuroObject *result = v[1] ? ouro_newref(v[1]) : ouro_smallint(1), *item;
    while (result && (item = ouro_iter_next(vm, it))) {
        OuroObject *next = ouro_number_binary(vm, result, item, OURO_NB_MULTIPLY);
        ouro_decref(vm, item);
        ouro_decref(vm, result);
        result = next;
    }
    if (result && ouro_err_occurred(vm)) ouro_clear(vm, &result);
    ouro_decref(vm, it);
    return result;
}

/* ---- the module ---------------------------------------------------------------------------- */

static const OuroMethodDef math_functions[] = {
    { "acos", m_acos, 0, "Return the arc cosine (measured in radians) of x." },
    { "acosh", m_acosh, 0, "Return the inverse hyperbolic cosine of x." },
    { "asin", m_asin, 0, "Return the arc sine (measured in radians) of x." },
    { "asinh", m_asinh, 0, "Return the inverse hyperbolic sine of x." },
    { "atan", m_atan, 0, "Return the arc tangent (measured in radians) of x." },
    { "atan2", m_atan2_fn, 0, "Return the arc tangent (measured in radians) of y/x." },
    { "atanh", m_atanh, 0, "Return the inverse hyperbolic tangent of x." },
    { "cbrt", m_cbrt, 0, "Return the cube root of x." },
    { "ceil", m_ceil, 0, "Return the ceiling of x as an Integral." },
    { "comb", m_comb, 0, "Number of ways to choose k items from n items without repetition and without order." },
    { "copysign", m_copysign, 0, "Return a float with the magnitude (absolute value) of x but the sign of y." },
    { "cos", m_cos, 0, "Return the cosine of x (measured in radians)." },
    { "cosh", m_cosh, 0, "Return the hyperbolic cosine of x." },
    { "degrees", m_degrees, 0, "Convert angle x from radians to degrees." },
    { "dist", m_dist, 0, "Return the Euclidean distance between two points p and q." },
    { "erf", m_erf, 0, "Error function at x." },
    { "erfc", m_erfc, 0, "Complementary error function at x." },
    { "exp", m_exp, 0, "Return e raised to the power of x." },
    { "exp2", m_exp2, 0, "Return 2 raised to the power of x." },
    { "expm1", m_expm1, 0, "Return exp(x)-1." },
    { "fabs", m_fabs, 0, "Return the absolute value of the float x." },
    { "factorial", m_factorial, 0, "Find n!." },
    { "floor", m_floor, 0, "Return the floor of x as an Integral." },
    { "fmod", m_fmod, 0, "Return fmod(x, y), according to platform C." },
    { "frexp", m_frexp, 0, "Return the mantissa and exponent of x, as pair (m, e)." },
    { "fsum", m_fsum, 0, "Return an accurate floating point sum of values in the iterable seq." },
    { "gamma", m_gamma, 0, "Gamma function at x." },
    { "gcd", m_gcd, 0, "Greatest Common Divisor." },
    { "hypot", m_hypot, 0, "Multidimensional Euclidean distance from the origin to a point." },
    { "isclose", m_isclose, 0, "Determine whether two floating point numbers are close in value." },
    { "isfinite", m_isfinite, 0, "Return True if x is neither an infinity nor a NaN, and False otherwise." },
    { "isinf", m_isinf, 0, "Return True if x is a positive or negative infinity, and False otherwise." },
    { "isnan", m_isnan, 0, "Return True if x is a NaN (not a number), and False otherwise." },
    { "isqrt", m_isqrt, 0, "Return the integer part of the square root of the input." },
    { "lcm", m_lcm, 0, "Least Common Multiple." },
    { "ldexp", m_ldexp, 0, "Return x * (2**i)." },
    { "lgamma", m_lgamma_fn, 0, "Natural logarithm of absolute value of Gamma function at x." },
    { "log", m_log_fn, 0, "log(x, [base=math.e])\nReturn the logarithm of x to the given base." },
    { "log10", m_log10_fn, 0, "Return the base 10 logarithm of x." },
    { "log1p", m_log1p_fn, 0, "Return the natural logarithm of 1+x (base e)." },
    { "log2", m_log2_fn, 0, "Return the base 2 logarithm of x." },
    { "modf", m_modf, 0, "Return the fractional and integer parts of x." },
    { "nextafter", m_nextafter, 0, "Return the next floating-point value after x towards y." },
    { "perm", m_perm, 0, "Number of ways to choose k items from n items without repetition and with order." },
    { "pow", m_pow, 0, "Return x**y (x to the power of y)." },
    { "prod", m_prod, 0, "Calculate the product of all the elements in the input iterable." },
    { "radians", m_radians, 0, "Convert angle x from degrees to radians." },
    { "remainder", m_remainder_fn, 0, "Difference between x and the closest integer multiple of y." },
    { "sin", m_sin, 0, "Return the sine of x (measured in radians)." },
    { "sinh", m_sinh, 0, "Return the hyperbolic sine of x." },
    { "sqrt", m_sqrt, 0, "Return the square root of x." },
    { "tan", m_tan, 0, "Return the tangent of x (measured in radians)." },
    { "tanh", m_tanh, 0, "Return the hyperbolic tangent of x." },
    { "trunc", m_trunc, 0, "Truncates the Real x to the nearest Integral toward 0." },
    { "ulp", m_ulp, 0, "Return the value of the least significant bit of the float x." },
    { NULL, NULL, 0, NULL },
};

static int add_float(OuroVM *vm, OuroObject *module, const char *name, double v) {
    OuroObject *f = ouro_float_new(vm, v);
    if (!f) return -1;
    int r = ouro_module_add_object(vm, module, name, f);
    ouro_decref(vm, f);
    return r;
}

OuroObject *ouro_init_math(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "math");
    if (!m) return NULL;
    if (ouro_module_add_functions(vm, m, math_functions) < 0 ||
        add_float(vm, m, "pi", PI) < 0 || add_float(vm, m, "e", 2.718281828459045235360287) < 0 ||
        add_float(vm, m, "tau", 2.0 * PI) < 0 || add_float(vm, m, "inf", INFINITY) < 0 ||
        add_float(vm, m, "nan", NAN) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
