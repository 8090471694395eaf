/* vm/int_number.c — the numeric built-ins that have no slot of their own: divmod(), 3-arg
 * pow(), round() and hex()/oct()/bin(). Exact ints and floats take direct paths; other types
 * are reached through their __divmod__/__rdivmod__/__pow__/__round__ methods, in the order
 * CPython's binary_op1 tries them. Also int's round(x, ndigits). */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"

#include <stdlib.h>
#include <string.h>

static bool is_exact_number(OuroObject *o) {
    return OURO_IS_SMALLINT(o) || o->type == &ouro_int_type || o->type == &ouro_bool_type ||
           o->type == &ouro_float_type;
}

static OuroObject *call2(OuroVM *vm, OuroObject *fn, OuroObject *a, OuroObject *b) {
    OuroObject *args[2] = { a, b };
    return ouro_object_call(vm, fn, args, 2, NULL);
}

OuroObject *ouro_number_divmod(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (ouro_int_check(a) && ouro_int_check(b) && is_exact_number(a) && is_exact_number(b))
        return ouro_int_divmod(vm, a, b);
    if (is_exact_number(a) && is_exact_number(b)) return ouro_float_divmod(vm, a, b);

    OuroType *ta = ouro_type_of(a), *tb = ouro_type_of(b);
    OuroObject *fa = ouro_type_lookup(ta, OURO_ID(vm, __divmod__));
    OuroObject *fb = NULL;
    if (tb != ta) {
        fb = ouro_type_lookup(tb, OURO_ID(vm, __rdivmod__));
        if (fb && fb == ouro_type_lookup(ta, OURO_ID(vm, __rdivmod__)) && fa) fb = NULL;
    }
    /* A subclass on the right that overrides the reflected method goes first. */
    if (fb && ouro_type_is_subtype(tb, ta)) {
        OuroObject *r = call2(vm, fb, b, a);
        if (r != ouro_not_implemented) return r;
        fb = NULL;
    }
    if (fa) {
        OuroObject *r = call2(vm, fa, a, b);
        if (r != ouro_not_implemented) return r;
    }
    if (fb) {
        OuroObject *r = call2(vm, fb, b, a);
        if (r != ouro_not_implemented) return r;
    }
    return ouro_err_format(vm, &ouro_exc_TypeError,
                           "unsupported operand type(s) for divmod(): '%s' and '%s'",
                           ouro_type_name(ta), ouro_type_name(tb));
}

OuroObject *ouro_number_power3(OuroVM *vm, OuroObject *base, OuroObject *exp, OuroObject *mod) {
    if (!mod || mod == ouro_none) return ouro_number_binary(vm, base, exp, OURO_NB_POWER);
    if (ouro_int_check(base) && ouro_int_check(exp) && ouro_int_check(mod))
        return ouro_int_pow3(vm, base, exp, mod);
    OuroType *tb = ouro_type_of(base);
    if (!is_exact_number(base)) {
        OuroObject *fn = ouro_type_lookup(tb, OURO_ID(vm, __pow__));
        if (fn) {
            OuroObject *args[3] = { base, exp, mod };
            OuroObject *r = ouro_object_call(vm, fn, args, 3, NULL);
            if (r != ouro_not_implemented) return r;
        }
    }
    OuroObject *ops[3] = { base, exp, mod };
    for (int i = 0; i < 3; i++)
        if (ouro_float_check_any(ops[i]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "pow() 3rd argument not allowed unless all arguments are "
                                   "integers");
    return ouro_err_format(vm, &ouro_exc_TypeError,
                           "unsupported operand type(s) for ** or pow(): '%s', '%s', '%s'",
                           ouro_type_name(tb), ouro_type_name(ouro_type_of(exp)),
                           ouro_type_name(ouro_type_of(mod)));
}

OuroObject *ouro_number_round(OuroVM *vm, OuroObject *x, OuroObject *ndigits) {
    if (ndigits == ouro_none) ndigits = NULL;
    if (OURO_IS_SMALLINT(x) || x->type == &ouro_int_type || x->type == &ouro_bool_type)
        return ouro_int_round(vm, x, ndigits);
    if (x->type == &ouro_float_type) return ouro_float_round(vm, ouro_float_value(x), ndigits);
    OuroType *t = ouro_type_of(x);
    OuroObject *fn = ouro_type_lookup(t, OURO_ID(vm, __round__));
    if (!fn)
        return ouro_err_format(vm, &ouro_exc_TypeError, "type %s doesn't define __round__ method",
                               ouro_type_name(t));
    return ndigits ? call2(vm, fn, x, ndigits) : ouro_object_call1(vm, fn, x);
}

/* round(x, ndigits) for an int: negative ndigits round to a multiple of 10**-ndigits, half
 * to even (CPython's _PyLong_DivmodNear). */
OuroObject *ouro_int_round(OuroVM *vm, OuroObject *x, OuroObject *ndigits) {
    if (!ndigits) return ouro_int_exact(vm, x);
    OuroObject *nd = ouro_number_index(vm, ndigits);
    if (!nd) return NULL;
    int sign = ouro_int_sign(nd);
    intptr_t n;
    bool small = ouro_int_small_value(nd, &n);
    ouro_decref(vm, nd);
    if (sign >= 0) return ouro_int_exact(vm, x);
    OuroIntView vx;
    mpz_srcptr zx = ouro_int_view(x, &vx);
    size_t digits = mpz_sizeinbase(zx, 10);
    if (!small || (uint64_t)-(int64_t)n > digits + 1) return ouro_smallint(0);
    mpz_t p, q, r;
    mpz_inits(p, q, r, NULL);
    mpz_ui_pow_ui(p, 10, (unsigned long)-n);
    mpz_fdiv_qr(q, r, zx, p);
    /* Round half to even: compare 2r with p. */
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, p);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1);
    mpz_mul(q, q, p);
    mpz_clears(p, r, NULL);
    return ouro_int_from_mpz_steal(vm, q);
}

OuroObject *ouro_number_to_base(OuroVM *vm, OuroObject *x, int base) {
    OuroObject *i = ouro_number_index(vm, x);
    if (!i) return NULL;
    if (base == 10) {
        OuroObject *s = ouro_int_to_decimal(vm, i);
        ouro_decref(vm, i);
        return s;
    }
    OuroIntView view;
    mpz_srcptr z = ouro_int_view(i, &view);
    size_t cap = mpz_sizeinbase(z, base) + 4;
    char small[96];
    char *buf = cap <= sizeof small ? small : malloc(cap);
    if (!buf) {
        ouro_decref(vm, i);
        return ouro_err_no_memory(vm);
    }
    size_t pos = 0;
    if (mpz_sgn(z) < 0) buf[pos++] = '-';
    buf[pos++] = '0';
    buf[pos++] = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    mpz_get_str(buf + pos, base, a);
    mpz_clear(a);
    OuroObject *s = ouro_str_from_utf8(vm, buf, strlen(buf));
    if (buf != small) free(buf);
    ouro_decref(vm, i);
    return s;
}
