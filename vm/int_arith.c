/* vm/int_arith.c — int arithmetic: the binary and unary number slots of int (and bool, which
 * inherits them), with machine-word fast paths (__builtin_*_overflow) and GMP for the rest.
 * Either operand of a binary slot may be the int; foreign operands get NotImplemented so
 * the number protocol can try the other side (float + int lands in float's slot). */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"

#include <math.h>

/* Results beyond this many bits raise MemoryError instead of making GMP abort. */
#define MAX_RESULT_BITS ((uint64_t)1 << 32)

typedef void (*MpzBinary)(mpz_ptr, mpz_srcptr, mpz_srcptr);

static OuroObject *big_binary(OuroVM *vm, OuroObject *a, OuroObject *b, MpzBinary op) {
    OuroIntView va, vb;
    mpz_t r;
    mpz_init(r);
    op(r, ouro_int_view(a, &va), ouro_int_view(b, &vb));
    return ouro_int_from_mpz_steal(vm, r);
}

static bool both_ints(OuroObject *a, OuroObject *b) {
    return ouro_int_check(a) && ouro_int_check(b);
}

/* Both immediates: the hot case, read without any call. */
static inline bool both_immediate(OuroObject *a, OuroObject *b, intptr_t *x, intptr_t *y) {
    if (!OURO_IS_SMALLINT(a) || !OURO_IS_SMALLINT(b)) {
        if (!both_ints(a, b)) return false;
        return ouro_int_small_value(a, x) && ouro_int_small_value(b, y);
    }
    *x = ouro_smallint_value(a);
    *y = ouro_smallint_value(b);
    return true;
}

static OuroObject *from_i64(OuroVM *vm, int64_t v) { return ouro_int_from_i64(vm, v); }

OuroObject *ouro_int_slot_add(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) return from_i64(vm, (int64_t)x + (int64_t)y);
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_add);
}

OuroObject *ouro_int_slot_sub(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) return from_i64(vm, (int64_t)x - (int64_t)y);
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_sub);
}

OuroObject *ouro_int_slot_mul(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) {
        int64_t r;
        if (!__builtin_mul_overflow((int64_t)x, (int64_t)y, &r)) return from_i64(vm, r);
        mpz_t z;
        mpz_init_set_si(z, (long)x);
        mpz_mul_si(z, z, (long)y);
        return ouro_int_from_mpz_steal(vm, z);
    }
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_mul);
}

static bool is_zero(OuroObject *o) {
    intptr_t v;
    return ouro_int_small_value(o, &v) ? v == 0 : false;
}

OuroObject *ouro_int_slot_floordiv(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    bool small = both_immediate(a, b, &x, &y);
    if (!small && !both_ints(a, b)) return ouro_not_implemented;
    if (small ? y == 0 : is_zero(b))
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError,
                               "integer division or modulo by zero");
    if (small) {
        /* No overflow: |x| <= 2**62 in a 64-bit word. */
        intptr_t q = x / y, r = x % y;
        if (r != 0 && ((r ^ y) < 0)) q--;
        return from_i64(vm, q);
    }
    return big_binary(vm, a, b, mpz_fdiv_q);
}

OuroObject *ouro_int_slot_mod(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    bool small = both_immediate(a, b, &x, &y);
    if (!small && !both_ints(a, b)) return ouro_not_implemented;
    if (small ? y == 0 : is_zero(b))
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError, "integer modulo by zero");
    if (small) {
        intptr_t r = x % y;
        if (r != 0 && ((r ^ y) < 0)) r += y;
        return ouro_smallint(r);
    }
    return big_binary(vm, a, b, mpz_fdiv_r);
}

OuroObject *ouro_int_divmod(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!both_ints(a, b)) return ouro_not_implemented;
    if (ouro_int_sign(b) == 0)
        return ouro_err_format(vm, &ouro_exc_ZeroDivisionError,
                               "integer division or modulo by zero");
    OuroObject *q, *r;
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) {
        intptr_t qq = x / y, rr = x % y;
        if (rr != 0 && ((rr ^ y) < 0)) {
            qq--;
            rr += y;
        }
        q = from_i64(vm, qq);
        r = ouro_smallint(rr);
    } else {
        OuroIntView va, vb;
        mpz_t zq, zr;
        mpz_inits(zq, zr, NULL);
        mpz_fdiv_qr(zq, zr, ouro_int_view(a, &va), ouro_int_view(b, &vb));
        q = ouro_int_from_mpz_steal(vm, zq);
        r = ouro_int_from_mpz_steal(vm, zr);
    }
    OuroObject *t = q && r ? ouro_tuple_pack(vm, 2, q, r) : NULL;
    ouro_xdecref(vm, q);
    ouro_xdecref(vm, r);
    return t;
}

/* ---- true division ---------------------------------------------------------------------- */

/* Rounds q (qbits significant bits, sticky = inexact below) to `bits` bits, half to even. */
static uint64_t round_half_even(uint64_t q, int qbits, int bits, bool sticky) {
    int drop = qbits - bits;
    if (drop <= 0) return q;
    uint64_t mask = ((uint64_t)1 << drop) - 1;
    uint64_t rem = q & mask, half = (uint64_t)1 << (drop - 1);
    q -= rem;
    if (rem > half || (rem == half && (sticky || ((q >> drop) & 1)))) q += (uint64_t)1 << drop;
    return q;
}

static int true_divide_overflow(OuroVM *vm) {
    ouro_err_set_str(vm, &ouro_exc_OverflowError,
                     "integer division result too large for a float");
    return -1;
}

/* CPython's long_true_divide: the correctly rounded quotient, exact for big operands. */
int ouro_int_true_divide(OuroVM *vm, OuroObject *a, OuroObject *b, double *out) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) {
        if (y == 0) goto zero;
        const intptr_t exact = (intptr_t)1 << 53;
        if (x >= -exact && x <= exact && y >= -exact && y <= exact) {
            *out = (double)x / (double)y;
            return 0;
        }
    }
    OuroIntView va, vb;
    mpz_srcptr za = ouro_int_view(a, &va), zb = ouro_int_view(b, &vb);
    if (mpz_sgn(zb) == 0) goto zero;
    bool negate = (mpz_sgn(za) < 0) != (mpz_sgn(zb) < 0);
    if (mpz_sgn(za) == 0) {
        *out = negate ? -0.0 : 0.0;
        return 0;
    }
    long na = (long)mpz_sizeinbase(za, 2), nb = (long)mpz_sizeinbase(zb, 2);
    long diff = na - nb;
    if (diff > 1025) return true_divide_overflow(vm);
    if (diff < -1076) {
        *out = negate ? -0.0 : 0.0;
        return 0;
    }
    /* q = floor(|a| * 2**s / |b|) has 55 or 56 bits; the remainder is the sticky bit. */
    long s = 55 - diff;
    mpz_t num, den, q, r;
    mpz_inits(num, den, q, r, NULL);
    mpz_abs(num, za);
    mpz_abs(den, zb);
    if (s >= 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)s);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-s);
    mpz_tdiv_qr(q, r, num, den);
    uint64_t qv = mpz_get_ui(q);
    bool sticky = mpz_sgn(r) != 0;
    mpz_clears(num, den, q, r, NULL);
    int qbits = 64 - __builtin_clzll(qv);
    long e = qbits - 1 - s;        /* exponent of the leading bit */
    long bits = e >= -1022 ? 53 : e + 1075;
    double d;
    if (bits < 0) {
        d = 0.0;
    } else {
        qv = round_half_even(qv, qbits, (int)bits, sticky);
        d = ldexp((double)qv, (int)-s);
    }
    if (isinf(d)) return true_divide_overflow(vm);
    *out = negate ? -d : d;
    return 0;
zero:
    ouro_err_set_str(vm, &ouro_exc_ZeroDivisionError, "division by zero");
    return -1;
}

OuroObject *ouro_int_slot_truediv(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!both_ints(a, b)) return ouro_not_implemented;
    double d;
    if (ouro_int_true_divide(vm, a, b, &d) < 0) return NULL;
    return ouro_float_new(vm, d);
}

/* ---- power -------------------------------------------------------------------------------- */

static OuroObject *too_big(OuroVM *vm) { return ouro_err_no_memory(vm); }

/* a ** e for e >= 0 fitting a word. */
static OuroObject *pow_nonneg(OuroVM *vm, OuroObject *a, uint64_t e) {
    intptr_t x;
    if (ouro_int_small_value(a, &x)) {
        if (x == 0) return ouro_smallint(e == 0);
        if (x == 1) return ouro_smallint(1);
        if (x == -1) return ouro_smallint(e & 1 ? -1 : 1);
        /* Square and multiply in a word while it fits. */
        int64_t result = 1, base = x;
        uint64_t k = e;
        bool ok = true;
        while (k) {
            if (k & 1) ok = ok && !__builtin_mul_overflow(result, base, &result);
            k >>= 1;
            if (k) ok = ok && !__builtin_mul_overflow(base, base, &base);
            if (!ok) break;
        }
        if (ok) return from_i64(vm, result);
    }
    OuroIntView va;
    mpz_srcptr za = ouro_int_view(a, &va);
    size_t abits = mpz_sizeinbase(za, 2);
    if (e > MAX_RESULT_BITS || (abits > 1 && e > MAX_RESULT_BITS / (abits - 1))) return too_big(vm);
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, za, (unsigned long)e);
    return ouro_int_from_mpz_steal(vm, r);
}

OuroObject *ouro_int_slot_pow(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!both_ints(a, b)) return ouro_not_implemented;
    if (ouro_int_sign(b) < 0) {
        /* Negative exponents give floats (CPython hands them to float_pow). */
        double da, db;
        if (ouro_int_as_double(vm, a, &da) < 0 || ouro_int_as_double(vm, b, &db) < 0)
            return NULL;
        return ouro_float_pow_values(vm, da, db);
    }
    intptr_t e;
    if (ouro_int_small_value(b, &e)) return pow_nonneg(vm, a, (uint64_t)e);
    /* Huge exponent: only bases 0, 1 and -1 have representable results. */
    intptr_t x;
    if (ouro_int_small_value(a, &x) && x >= -1 && x <= 1) {
        OuroIntView vb;
        bool odd = mpz_odd_p(ouro_int_view(b, &vb));
        return ouro_smallint(x == -1 ? (odd ? -1 : 1) : x);
    }
    return too_big(vm);
}

OuroObject *ouro_int_pow3(OuroVM *vm, OuroObject *a, OuroObject *b, OuroObject *m) {
    int msign = ouro_int_sign(m);
    if (msign == 0)
        return ouro_err_format(vm, &ouro_exc_ValueError, "pow() 3rd argument cannot be 0");
    OuroIntView va, vb, vm_;
    mpz_srcptr za = ouro_int_view(a, &va), zb = ouro_int_view(b, &vb);
    mpz_srcptr zm = ouro_int_view(m, &vm_);
    mpz_t mod, base, r;
    mpz_inits(mod, base, r, NULL);
    mpz_abs(mod, zm);
    mpz_set(base, za);
    OuroObject *result = NULL;
    if (mpz_sgn(zb) < 0) {
        /* A negative exponent asks for the modular inverse first. */
        if (!mpz_invert(base, base, mod) && mpz_cmp_ui(mod, 1) != 0) {
            ouro_err_format(vm, &ouro_exc_ValueError,
                            "base is not invertible for the given modulus");
            goto done;
        }
        mpz_neg(r, zb);
        mpz_powm(r, base, r, mod);
    } else {
        mpz_powm(r, base, zb, mod);
    }
    if (mpz_cmp_ui(mod, 1) == 0) mpz_set_ui(r, 0);
    /* The result takes the modulus's sign, as % does. */
    if (msign < 0 && mpz_sgn(r) != 0) mpz_sub(r, r, mod);
    result = ouro_int_from_mpz(vm, r);
done:
    mpz_clears(mod, base, r, NULL);
    return result;
}

/* ---- shifts and bitwise ------------------------------------------------------------------ */

static OuroObject *negative_shift(OuroVM *vm) {
    return ouro_err_format(vm, &ouro_exc_ValueError, "negative shift count");
}

OuroObject *ouro_int_slot_lshift(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!both_ints(a, b)) return ouro_not_implemented;
    int bsign = ouro_int_sign(b);
    if (bsign < 0) return negative_shift(vm);
    intptr_t x, n;
    bool small_a = ouro_int_small_value(a, &x);
    if (small_a && x == 0) return ouro_smallint(0);
    if (!ouro_int_small_value(b, &n))
        return ouro_err_format(vm, &ouro_exc_OverflowError, "too many digits in integer");
    if (small_a && n < 62) {
        int64_t r = (int64_t)((uint64_t)x << n);
        if ((r >> n) == x) return from_i64(vm, r);
    }
    OuroIntView va;
    mpz_srcptr za = ouro_int_view(a, &va);
    if ((uint64_t)n + mpz_sizeinbase(za, 2) > MAX_RESULT_BITS) return too_big(vm);
    mpz_t r;
    mpz_init(r);
    mpz_mul_2exp(r, za, (mp_bitcnt_t)n);
    return ouro_int_from_mpz_steal(vm, r);
}

OuroObject *ouro_int_slot_rshift(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!both_ints(a, b)) return ouro_not_implemented;
    if (ouro_int_sign(b) < 0) return negative_shift(vm);
    intptr_t x, n = 0;
    bool small_b = ouro_int_small_value(b, &n);
    if (ouro_int_small_value(a, &x)) {
        if (!small_b || n >= 63) return ouro_smallint(x < 0 ? -1 : 0);
        return ouro_smallint(x >> n);
    }
    OuroIntView va;
    mpz_srcptr za = ouro_int_view(a, &va);
    if (!small_b) return ouro_smallint(mpz_sgn(za) < 0 ? -1 : 0);
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q_2exp(r, za, (mp_bitcnt_t)n);
    return ouro_int_from_mpz_steal(vm, r);
}

OuroObject *ouro_int_slot_and(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) return ouro_smallint(x & y);
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_and);
}

OuroObject *ouro_int_slot_or(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) return ouro_smallint(x | y);
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_ior);
}

OuroObject *ouro_int_slot_xor(OuroVM *vm, OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (both_immediate(a, b, &x, &y)) return ouro_smallint(x ^ y);
    if (!both_ints(a, b)) return ouro_not_implemented;
    return big_binary(vm, a, b, mpz_xor);
}

/* ---- unary -------------------------------------------------------------------------------- */

typedef void (*MpzUnary)(mpz_ptr, mpz_srcptr);

static OuroObject *big_unary(OuroVM *vm, OuroObject *a, MpzUnary op) {
    OuroIntView va;
    mpz_t r;
    mpz_init(r);
    op(r, ouro_int_view(a, &va));
    return ouro_int_from_mpz_steal(vm, r);
}

OuroObject *ouro_int_slot_neg(OuroVM *vm, OuroObject *a) {
    intptr_t x;
    if (ouro_int_small_value(a, &x)) return from_i64(vm, -(int64_t)x);
    return big_unary(vm, a, mpz_neg);
}

OuroObject *ouro_int_slot_pos(OuroVM *vm, OuroObject *a) { return ouro_int_exact(vm, a); }

OuroObject *ouro_int_slot_abs(OuroVM *vm, OuroObject *a) {
    intptr_t x;
    if (ouro_int_small_value(a, &x)) return from_i64(vm, x < 0 ? -(int64_t)x : x);
    return big_unary(vm, a, mpz_abs);
}

OuroObject *ouro_int_slot_invert(OuroVM *vm, OuroObject *a) {
    intptr_t x;
    if (ouro_int_small_value(a, &x)) return ouro_smallint(~x);
    return big_unary(vm, a, mpz_com);
}

int ouro_int_slot_bool(OuroVM *vm, OuroObject *a) { return ouro_int_sign(a) != 0; }
