/* vm/obj_float.c — the float type: boxed doubles recycled through a per-VM freelist,
 * arithmetic mixing with ints (ints convert exactly or raise OverflowError), exact int/float
 * comparisons, CPython's numeric hash, float() and float's methods. Text conversions (repr,
 * __format__, parsing) live in vm/num_format.c. */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLOAT_FREELIST_MAX 100

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

/* ---- allocation -------------------------------------------------------------------------- */

int ouro_float_vm_init(OuroVM *vm) {
    vm->float_freelist = malloc(FLOAT_FREELIST_MAX * sizeof(OuroObject *));
    vm->float_freelist_len = 0;
    if (!vm->float_freelist) {
        ouro_err_no_memory(vm);
        return -1;
    }
    return 0;
}

void ouro_float_vm_fini(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    for (size_t i = 0; i < vm->float_freelist_len; i++) {
        /* Parked floats were taken out of the live counts; put them back to free them. */
        heap->live_objects++;
        heap->live_bytes += sizeof(OuroFloat);
        ouro_gc_free(heap, vm->float_freelist[i]);
    }
    free(vm->float_freelist);
    vm->float_freelist = NULL;
    vm->float_freelist_len = 0;
}

OuroObject *ouro_float_new(OuroVM *vm, double v) {
    OuroObject *o;
    if (vm->float_freelist_len > 0) {
        o = vm->float_freelist[--vm->float_freelist_len];
        OuroHeap *heap = ouro_heap(vm);
        heap->live_objects++;
        heap->live_bytes += sizeof(OuroFloat);
        o->refcnt = 1;
    } else {
        o = ouro_gc_alloc(ouro_heap(vm), &ouro_float_type, sizeof(OuroFloat));
        if (!o) return ouro_err_no_memory(vm);
    }
    ((OuroFloat *)o)->value = v;
    return o;
}

static OuroObject *float_subtype_new(OuroVM *vm, OuroType *type, double v) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    ((OuroFloat *)o)->value = v;
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_incref((OuroObject *)type);
    if (type->hooks.gc_flags & OURO_GC_CONTAINER) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

static void float_dealloc(OuroHeap *heap, OuroObject *o) {
    OuroType *type = o->type;
    OuroVM *vm = ouro_vm_of_heap(heap);
    if (type == &ouro_float_type) {
        if (vm->float_freelist && vm->float_freelist_len < FLOAT_FREELIST_MAX) {
            vm->float_freelist[vm->float_freelist_len++] = o;
            heap->live_objects--;
            heap->live_bytes -= sizeof(OuroFloat);
            return;
        }
        ouro_gc_free(heap, o);
        return;
    }
    if (type->flags & OURO_TPFLAG_HEAPTYPE) {
        OuroObject **dict = ouro_object_dict_slot(o);
        if (dict && *dict) ouro_clear(vm, dict);
    }
    ouro_gc_free(heap, o);
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_gc_decref(heap, (OuroObject *)type);
}

/* ---- conversion ------------------------------------------------------------------------- */

/* What __float__ returned must be a float. */
static int checked_float_result(OuroVM *vm, OuroObject *o, OuroObject *r, double *out) {
    if (!r) return -1;
    if (!ouro_float_check_any(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s.__float__ returned non-float (type %T)",
                        ouro_type_name(ouro_type_of(o)), r);
        ouro_decref(vm, r);
        return -1;
    }
    *out = ouro_float_value(r);
    ouro_decref(vm, r);
    return 0;
}

/* PyFloat_AsDouble without the error message: 1 converted, 0 unsupported type, -1 error. */
static int as_double(OuroVM *vm, OuroObject *o, double *out) {
    if (ouro_float_check_any(o)) {
        *out = ouro_float_value(o);
        return 1;
    }
    if (ouro_int_check(o)) return ouro_int_as_double(vm, o, out) < 0 ? -1 : 1;
    OuroType *t = ouro_type_of(o);
    if (t->nb_float) return checked_float_result(vm, o, t->nb_float(vm, o), out) < 0 ? -1 : 1;
    if (t->nb_index) {
        OuroObject *i = ouro_number_index(vm, o);
        if (!i) return -1;
        int r = ouro_int_as_double(vm, i, out);
        ouro_decref(vm, i);
        return r < 0 ? -1 : 1;
    }
    return 0;
}

int ouro_float_as_double(OuroVM *vm, OuroObject *o, double *out) {
    int r = as_double(vm, o, out);
    if (r == 0) {
        ouro_err_format(vm, &ouro_exc_TypeError, "must be real number, not %T", o);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

/* CONVERT_TO_DOUBLE of CPython's float slots: 1 ok, 0 NotImplemented, -1 error. */
static int operand(OuroVM *vm, OuroObject *o, double *out) {
    if (ouro_float_check_any(o)) {
        *out = ouro_float_value(o);
        return 1;
    }
    if (ouro_int_check(o)) return ouro_int_as_double(vm, o, out) < 0 ? -1 : 1;
    return 0;
}

/* Loads both operands; returns NULL to proceed, else the value the slot must return. */
#define LOAD_OPERANDS(a, b, x, y)                                                           \
    do {                                                                                    \
        if (ouro_float_check(a) && ouro_float_check(b)) {                                   \
            x = ouro_float_value(a);                                                        \
            y = ouro_float_value(b);                                                        \
            break;                                                                          \
        }                                                                                   \
        int ra_ = operand(vm, a, &x);                                                       \
        if (ra_ < 0) return NULL;                                                           \
        if (ra_ == 0) return ouro_not_implemented;                                          \
        int rb_ = operand(vm, b, &y);                                                       \
        if (rb_ < 0) return NULL;                                                           \
        if (rb_ == 0) return ouro_not_implemented;                                          \
    } while (0)

/* ---- arithmetic ------------------------------------------------------------------------- */

static OuroObject *float_add(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    return ouro_float_new(vm, x + y);
}

static OuroObject *float_sub(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    return ouro_float_new(vm, x - y);
}

static OuroObject *float_mul(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    return ouro_float_new(vm, x * y);
}

static OuroObject *float_truediv(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    if (y == 0.0)
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "float division by zero");
    return ouro_float_new(vm, x / y);
}

/* Python's % on doubles: the result takes the divisor's sign. */
static double float_mod_value(double x, double y) {
    double mod = fmod(x, y);
    if (mod) {
        if ((y < 0) != (mod < 0)) mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return mod;
}

/* CPython's _float_div_mod. */
static void float_div_mod(double vx, double wx, double *floordiv, double *mod) {
    double div;
    *mod = fmod(vx, wx);
    div = (vx - *mod) / wx;
    if (*mod) {
        if ((wx < 0) != (*mod < 0)) {
            *mod += wx;
            div -= 1.0;
        }
    } else {
        *mod = copysign(0.0, wx);
    }
    if (div) {
        *floordiv = floor(div);
        if (div - *floordiv > 0.5) *floordiv += 1.0;
    } else {
        *floordiv = copysign(0.0, vx / wx);
    }
}

static OuroObject *float_mod(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    if (y == 0.0) return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "float modulo");
    return ouro_float_new(vm, float_mod_value(x, y));
}

static OuroObject *float_floordiv(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y, q, r;
    LOAD_OPERANDS(a, b, x, y);
    if (y == 0.0)
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "float floor division by zero");
    float_div_mod(x, y, &q, &r);
    return ouro_float_new(vm, q);
}

OuroObject *ouro_float_divmod(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y, q, r;
    LOAD_OPERANDS(a, b, x, y);
    if (y == 0.0) return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "float divmod()");
    float_div_mod(x, y, &q, &r);
    OuroObject *fq = ouro_float_new(vm, q);
    if (!fq) return NULL;
    OuroObject *fr = ouro_float_new(vm, r);
    if (!fr) {
        ouro_decref(vm, fq);
        return NULL;
    }
    OuroObject *t = ouro_tuple_pack(vm, 2, fq, fr);
    ouro_decref(vm, fq);
    ouro_decref(vm, fr);
    return t;
}

static bool is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

/* CPython's float_pow, special cases included, without complex results. */
OuroObject *ouro_float_pow_values(OuroVM *vm, double iv, double iw) {
    bool negate = false;
    if (iw == 0) return ouro_float_new(vm, 1.0);
    if (isnan(iv)) return ouro_float_new(vm, iv);
    if (isnan(iw)) return ouro_float_new(vm, iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        iv = fabs(iv);
        if (iv == 1.0) return ouro_float_new(vm, 1.0);
        if ((iw > 0.0) == (iv > 1.0)) return ouro_float_new(vm, fabs(iw));
        return ouro_float_new(vm, 0.0);
    }
    if (isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0) return ouro_float_new(vm, odd ? iv : fabs(iv));
        return ouro_float_new(vm, odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0.0)
            return ouro_err_format(vm, &ouro_exc_ZeroDivisionError,
                                   "0.0 cannot be raised to a negative power");
        return ouro_float_new(vm, is_odd_integer(iw) ? iv : 0.0);
    }
    if (iv < 0.0) {
        /* CPython returns a complex number here; Ouroboros has no complex type. */
        if (iw != floor(iw))
            return ouro_err_format(vm, &ouro_exc_ValueError,
                                   "complex results are not supported");
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return ouro_float_new(vm, negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (errno == 0 && isinf(ix)) errno = ERANGE;
    else if (errno == ERANGE && ix == 0.0) errno = 0;
    if (negate) ix = -ix;
    if (errno != 0) {
        OuroObject *msg = ouro_str_from_cstr(vm, errno == ERANGE ? "Numerical result out of range"
                                                                 : "Numerical argument out of domain");
        if (!msg) return NULL;
        OuroObject *args = ouro_tuple_pack(vm, 2, ouro_smallint(errno), msg);
        ouro_decref(vm, msg);
        if (!args) return NULL;
        ouro_err_set(vm, errno == ERANGE ? &ouro_exc_OverflowError : &ouro_exc_ValueError, args);
        ouro_decref(vm, args);
        return NULL;
    }
    return ouro_float_new(vm, ix);
}

static OuroObject *float_pow(OuroVM *vm, OuroObject *a, OuroObject *b) {
    double x, y;
    LOAD_OPERANDS(a, b, x, y);
    return ouro_float_pow_values(vm, x, y);
}

static OuroObject *float_neg(OuroVM *vm, OuroObject *a) {
    return ouro_float_new(vm, -ouro_float_value(a));
}

static OuroObject *float_pos(OuroVM *vm, OuroObject *a) {
    if (ouro_float_check(a)) return ouro_newref(a);
    return ouro_float_new(vm, ouro_float_value(a));
}

static OuroObject *float_abs(OuroVM *vm, OuroObject *a) {
    return ouro_float_new(vm, fabs(ouro_float_value(a)));
}

static int float_bool(OuroVM *vm, OuroObject *a) { return ouro_float_value(a) != 0.0; }

static OuroObject *float_int(OuroVM *vm, OuroObject *a) {
    return ouro_int_from_double(vm, ouro_float_value(a));
}

/* ---- hash and comparison ------------------------------------------------------------------ */

/* CPython's _Py_HashPointer: NaNs hash by identity. */
static intptr_t hash_pointer(const void *p) {
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    intptr_t h = (intptr_t)y;
    return h == -1 ? -2 : h;
}

/* CPython's _Py_HashDouble: equal to the hash of an equal int or fraction. */
static intptr_t hash_double(OuroObject *inst, double v) {
    if (!isfinite(v)) {
        if (isinf(v)) return v > 0 ? HASH_INF : -HASH_INF;
        return hash_pointer(inst);
    }
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0;   /* 2**28 */
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    x = ((x << e) & HASH_MODULUS) | x >> (HASH_BITS - e);
    x = x * (uint64_t)(int64_t)sign;
    intptr_t h = (intptr_t)x;
    return h == -1 ? -2 : h;
}

static intptr_t float_hash(OuroVM *vm, OuroObject *o) {
    return hash_double(o, ouro_float_value(o));
}

static bool cmp_doubles(double x, double y, int op) {
    switch (op) {
    case OURO_LT: return x < y;
    case OURO_LE: return x <= y;
    case OURO_EQ: return x == y;
    case OURO_NE: return x != y;
    case OURO_GT: return x > y;
    default: return x >= y;
    }
}

static bool cmp_sign(int c, int op) {
    switch (op) {
    case OURO_LT: return c < 0;
    case OURO_LE: return c <= 0;
    case OURO_EQ: return c == 0;
    case OURO_NE: return c != 0;
    case OURO_GT: return c > 0;
    default: return c >= 0;
    }
}

static const int swapped_op[] = { OURO_GT, OURO_GE, OURO_EQ, OURO_NE, OURO_LT, OURO_LE };

/* Compares a double with an int exactly (no rounding of big ints), as float_richcompare. */
static bool compare_with_int(double d, OuroObject *i, int op) {
    intptr_t v;
    const intptr_t exact = (intptr_t)1 << 53;
    if (ouro_int_small_value(i, &v) && v >= -exact && v <= exact)
        return cmp_doubles(d, (double)v, op);
    if (isnan(d)) return op == OURO_NE;
    if (isinf(d)) return cmp_sign(d > 0 ? 1 : -1, op);
    OuroIntView view;
    int c = mpz_cmp_d(ouro_int_view(i, &view), d);   /* exact */
    return cmp_sign((c < 0) - (c > 0), op);
}

static OuroObject *float_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_float_check_any(a)) {
        OuroObject *t = a;
        a = b;
        b = t;
        op = swapped_op[op];
    }
    double x = ouro_float_value(a);
    if (ouro_float_check_any(b)) return ouro_bool_from(cmp_doubles(x, ouro_float_value(b), op));
    if (ouro_int_check(b)) return ouro_bool_from(compare_with_int(x, b, op));
    return ouro_not_implemented;
}

/* ---- float() ---------------------------------------------------------------------------- */

static OuroObject *float_value_of(OuroVM *vm, OuroObject *x) {
    if (ouro_float_check(x)) return ouro_newref(x);
    if (ouro_str_check(x)) {
        double d;
        if (ouro_float_parse(vm, x, &d) < 0) return NULL;
        return ouro_float_new(vm, d);
    }
    double d;
    int r = as_double(vm, x, &d);
    if (r < 0) return NULL;
    if (r == 0)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "float() argument must be a string or a real number, not '%s'",
                               ouro_type_name(ouro_type_of(x)));
    return ouro_float_new(vm, d);
}

static OuroObject *float_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "float", nargs, kwnames, 0, 1) < 0) return NULL;
    OuroObject *v = nargs ? float_value_of(vm, args[0]) : ouro_float_new(vm, 0.0);
    if (!v || type == &ouro_float_type) return v;
    OuroObject *o = float_subtype_new(vm, type, ouro_float_value(v));
    ouro_decref(vm, v);
    return o;
}

/* ---- round -------------------------------------------------------------------------------- */

/* x rounded to a multiple of 10**k (k > 0), half to even, computed exactly. */
static double round_to_tens(double x, long k, bool *overflow) {
    int e;
    double f = frexp(fabs(x), &e);
    mpz_t num, den, q, r;
    mpz_inits(num, den, q, r, NULL);
    mpz_set_d(num, ldexp(f, 53));          /* |x| = num * 2**(e - 53) exactly */
    mpz_ui_pow_ui(den, 10, (unsigned long)k);
    if (e - 53 >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)(e - 53));
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)(53 - e));
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    /* q * 10**k back to the nearest double through decimal text (strtod rounds right). */
    char *digits = mpz_get_str(NULL, 10, q);
    size_t n = strlen(digits);
    char *text = malloc(n + 32);
    double result = 0.0;
    if (text) {
        snprintf(text, n + 32, "%se%ld", digits, k);
        errno = 0;
        result = strtod(text, NULL);
        *overflow = errno == ERANGE && fabs(result) >= 1.0;
        free(text);
    }
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, n + 1);
    mpz_clears(num, den, q, r, NULL);
    return copysign(result, x);
}

/* CPython's double_round: correctly rounded to ndigits decimal places. */
static OuroObject *double_round(OuroVM *vm, double x, int ndigits) {
    double rounded;
    bool overflow = false;
    if (ndigits >= 0) {
        char small[400];
        int n = snprintf(small, sizeof small, "%.*f", ndigits, x);
        char *buf = small;
        if (n >= (int)sizeof small) {
            buf = malloc((size_t)n + 1);
            if (!buf) return ouro_err_no_memory(vm);
            snprintf(buf, (size_t)n + 1, "%.*f", ndigits, x);
        }
        rounded = strtod(buf, NULL);
        if (buf != small) free(buf);
    } else {
        rounded = round_to_tens(x, -(long)ndigits, &overflow);
    }
    if (overflow)
        return ouro_err_format(vm, &ouro_exc_OverflowError,
                               "rounded value too large to represent");
    return ouro_float_new(vm, rounded);
}

OuroObject *ouro_float_round(OuroVM *vm, double x, OuroObject *ndigits_obj) {
    if (!ndigits_obj || ndigits_obj == ouro_none) {
        double rounded = round(x);
        if (fabs(x - rounded) == 0.5) rounded = 2.0 * round(x / 2.0);
        return ouro_int_from_double(vm, rounded);
    }
    intptr_t ndigits = ouro_number_as_ssize(vm, ndigits_obj, NULL);
    if (ndigits == -1 && ouro_err_occurred(vm)) return NULL;
    if (!isfinite(x)) return ouro_float_new(vm, x);
    /* Beyond these, x rounds to itself / to a signed zero (0.30103 > log10(2)). */
    const int ndigits_max = (int)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
    const int ndigits_min = -(int)((DBL_MAX_EXP + 1) * 0.30103);
    if (ndigits > ndigits_max) return ouro_float_new(vm, x);
    if (ndigits < ndigits_min) return ouro_float_new(vm, 0.0 * x);
    return double_round(vm, x, (int)ndigits);
}

/* ---- methods ------------------------------------------------------------------------------ */

static double self_value(OuroObject *self) { return ouro_float_value(self); }

static OuroObject *float_is_integer(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.is_integer", nargs, kw, 0, 0) < 0) return NULL;
    double x = self_value(self);
    return ouro_bool_from(isfinite(x) && floor(x) == x);
}

static OuroObject *float_as_integer_ratio(OuroVM *vm, OuroObject *self,
                                          OuroObject *const *args, size_t nargs,
                                          OuroObject *kw) {
    if (ouro_args_check(vm, "float.as_integer_ratio", nargs, kw, 0, 0) < 0) return NULL;
    double x = self_value(self);
    if (isinf(x))
        return ouro_err_format(vm, &ouro_exc_OverflowError,
                               "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return ouro_err_format(vm, &ouro_exc_ValueError, "cannot convert NaN to integer ratio");
    int exponent;
    double part = frexp(x, &exponent);
    for (int i = 0; i < 300 && part != floor(part); i++) {
        part *= 2.0;
        exponent--;
    }
    mpz_t num, den;
    mpz_init_set_d(num, part);
    mpz_init_set_ui(den, 1);
    if (exponent > 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)exponent);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-exponent);
    OuroObject *n = ouro_int_from_mpz_steal(vm, num);
    OuroObject *d = ouro_int_from_mpz_steal(vm, den);
    OuroObject *t = n && d ? ouro_tuple_pack(vm, 2, n, d) : NULL;
    ouro_xdecref(vm, n);
    ouro_xdecref(vm, d);
    return t;
}

static OuroObject *float_conjugate(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.conjugate", nargs, kw, 0, 0) < 0) return NULL;
    return float_pos(vm, self);
}

static OuroObject *float_trunc_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__trunc__", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_double(vm, self_value(self));
}

static OuroObject *float_floor_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__floor__", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_double(vm, floor(self_value(self)));
}

static OuroObject *float_ceil_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__ceil__", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_double(vm, ceil(self_value(self)));
}

static OuroObject *float_round_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "__round__", nargs, kw, 0, 1) < 0) return NULL;
    return ouro_float_round(vm, self_value(self), nargs ? args[0] : NULL);
}

static OuroObject *float_format_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                       size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__format__", nargs, kw, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "__format__() argument must be str, not %T", args[0]);
    if (ouro_str_size(args[0]) == 0) return ouro_object_str(vm, self);
    return ouro_float_format(vm, self_value(self), args[0], ouro_type_name(ouro_type_of(self)));
}

static OuroObject *float_getnewargs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__getnewargs__", nargs, kw, 0, 0) < 0) return NULL;
    OuroObject *f = ouro_float_new(vm, self_value(self));
    if (!f) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 1, f);
    ouro_decref(vm, f);
    return t;
}

static OuroObject *float_divmod_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                       size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__divmod__", nargs, kw, 1, 1) < 0) return NULL;
    return ouro_float_divmod(vm, self, args[0]);
}

static OuroObject *float_rdivmod_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.__rdivmod__", nargs, kw, 1, 1) < 0) return NULL;
    return ouro_float_divmod(vm, args[0], self);
}

static char hex_digit(int d) { return "0123456789abcdef"[d]; }

/* CPython's float.hex(): "0x1.8000000000000p+0". */
static OuroObject *float_hex(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.hex", nargs, kw, 0, 0) < 0) return NULL;
    double x = self_value(self);
    char buf[64];
    if (!isfinite(x)) {
        ouro_float_repr_cstr(x, buf, sizeof buf);
        return ouro_str_from_cstr(vm, buf);
    }
    if (x == 0.0) return ouro_str_from_cstr(vm, signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
    int e;
    double m = frexp(fabs(x), &e);
    int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
    m = ldexp(m, shift);
    e -= shift;
    char s[32];
    int si = 0;
    s[si++] = hex_digit((int)m);
    m -= (int)m;
    s[si++] = '.';
    for (int i = 0; i < (DBL_MANT_DIG - 1) / 4; i++) {
        m *= 16.0;
        s[si++] = hex_digit((int)m);
        m -= (int)m;
    }
    s[si] = 0;
    snprintf(buf, sizeof buf, "%s0x%sp%c%d", x < 0 ? "-" : "", s, e < 0 ? '-' : '+',
             e < 0 ? -e : e);
    return ouro_str_from_cstr(vm, buf);
}

static OuroObject *float_fromhex(OuroVM *vm, OuroObject *cls, OuroObject *const *args,
                                 size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "float.fromhex", nargs, kw, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "must be str, not %T", args[0]);
    double d;
    if (ouro_float_parse_hex(vm, args[0], &d) < 0) return NULL;
    OuroType *type = (OuroType *)cls;
    if (!type || type == &ouro_float_type) return ouro_float_new(vm, d);
    OuroObject *f = ouro_float_new(vm, d);
    if (!f) return NULL;
    OuroObject *r = ouro_object_call1(vm, cls, f);
    ouro_decref(vm, f);
    return r;
}

static const OuroMethodDef float_methods[] = {
    { "conjugate", float_conjugate, 0, "Return self, the complex conjugate of any float." },
    { "is_integer", float_is_integer, 0, "Return True if the float is an integer." },
    { "as_integer_ratio", float_as_integer_ratio, 0, "Return integer ratio." },
    { "hex", float_hex, 0, "Return a hexadecimal representation of a floating-point number." },
    { "fromhex", float_fromhex, OURO_METH_CLASS, "Create a floating-point number from a hexadecimal string." },
    { "__trunc__", float_trunc_method, 0, "Return the Integral closest to x between 0 and x." },
    { "__floor__", float_floor_method, 0, "Return the floor as an Integral." },
    { "__ceil__", float_ceil_method, 0, "Return the ceiling as an Integral." },
    { "__round__", float_round_method, 0, "Return the Integral closest to x, rounding half toward even." },
    { "__format__", float_format_method, 0, "Formats the float according to format_spec." },
    { "__getnewargs__", float_getnewargs, 0, NULL },
    { "__divmod__", float_divmod_method, 0, "Return divmod(self, value)." },
    { "__rdivmod__", float_rdivmod_method, 0, "Return divmod(value, self)." },
    { NULL, NULL, 0, NULL },
};

static OuroObject *float_get_real(OuroVM *vm, OuroObject *self) { return float_pos(vm, self); }
static OuroObject *float_get_imag(OuroVM *vm, OuroObject *self) { return ouro_float_new(vm, 0.0); }

static const OuroGetSetDef float_getsets[] = {
    { "real", float_get_real, NULL, "the real part of a complex number" },
    { "imag", float_get_imag, NULL, "the imaginary part of a complex number" },
    { NULL, NULL, NULL, NULL },
};

static OuroObject *float_repr(OuroVM *vm, OuroObject *o) {
    char buf[40];
    ouro_float_repr_cstr(ouro_float_value(o), buf, sizeof buf);
    return ouro_str_from_cstr(vm, buf);
}

OuroType ouro_float_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = float_dealloc },
    .name = "float",
    .basicsize = sizeof(OuroFloat),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = float_repr,
    .hash = float_hash,
    .richcompare = float_richcompare,
    .new_ = float_new,
    .nb = {
        [OURO_NB_ADD] = float_add,
        [OURO_NB_SUBTRACT] = float_sub,
        [OURO_NB_MULTIPLY] = float_mul,
        [OURO_NB_TRUE_DIVIDE] = float_truediv,
        [OURO_NB_FLOOR_DIVIDE] = float_floordiv,
        [OURO_NB_REMAINDER] = float_mod,
        [OURO_NB_POWER] = float_pow,
    },
    .nb_negative = float_neg,
    .nb_positive = float_pos,
    .nb_absolute = float_abs,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_pos,
    .methods = float_methods,
    .getsets = float_getsets,
    .doc = "Convert a string or number to a floating point number, if possible.",
};
