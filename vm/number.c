/* vm/number.c — the number protocol (CPython's PyNumber_*): binary operators with the
 * reflected-operand and subclass-first rules of binary_op1, in-place operators, unary
 * operators and __index__ conversions, with CPython's error messages. Immediate small ints
 * take inline fast paths; everything else goes through the types' nb slots. */
#include "vm/ouro.h"

#include <limits.h>

const char *ouro_binary_op_symbol(OuroBinaryOp op) {
    static const char *const symbols[OURO_NB_COUNT] = {
        [OURO_NB_ADD] = "+", [OURO_NB_AND] = "&", [OURO_NB_FLOOR_DIVIDE] = "//",
        [OURO_NB_LSHIFT] = "<<", [OURO_NB_MATRIX_MULTIPLY] = "@", [OURO_NB_MULTIPLY] = "*",
        [OURO_NB_REMAINDER] = "%", [OURO_NB_OR] = "|", [OURO_NB_POWER] = "**",
        [OURO_NB_RSHIFT] = ">>", [OURO_NB_SUBTRACT] = "-", [OURO_NB_TRUE_DIVIDE] = "/",
        [OURO_NB_XOR] = "^",
    };
    return (unsigned)op < OURO_NB_COUNT ? symbols[op] : "?";
}

static const char *inplace_symbol(OuroBinaryOp op) {
    static const char *const symbols[OURO_NB_COUNT] = {
        [OURO_NB_ADD] = "+=", [OURO_NB_AND] = "&=", [OURO_NB_FLOOR_DIVIDE] = "//=",
        [OURO_NB_LSHIFT] = "<<=", [OURO_NB_MATRIX_MULTIPLY] = "@=", [OURO_NB_MULTIPLY] = "*=",
        [OURO_NB_REMAINDER] = "%=", [OURO_NB_OR] = "|=", [OURO_NB_POWER] = "**=",
        [OURO_NB_RSHIFT] = ">>=", [OURO_NB_SUBTRACT] = "-=", [OURO_NB_TRUE_DIVIDE] = "/=",
        [OURO_NB_XOR] = "^=",
    };
    return (unsigned)op < OURO_NB_COUNT ? symbols[op] : "?";
}

/* ---- small-int fast paths ----------------------------------------------------------------------- */

static inline OuroObject *int_result(OuroVM *vm, int64_t v) {
    if (v >= OURO_SMALLINT_MIN && v <= OURO_SMALLINT_MAX) return ouro_smallint((intptr_t)v);
    return ouro_int_from_i64(vm, v);
}

/* Operators whose result on two immediates is computed here; NULL (no exception) means "not
 * handled, use the int type's slot" (overflowing products, shifts, division by zero...). */
static OuroObject *smallint_binary(OuroVM *vm, intptr_t x, intptr_t y, OuroBinaryOp op) {
    int64_t r;
    switch (op) {
    case OURO_NB_ADD: return int_result(vm, (int64_t)x + (int64_t)y);       /* 63-bit operands */
    case OURO_NB_SUBTRACT: return int_result(vm, (int64_t)x - (int64_t)y);
    case OURO_NB_MULTIPLY:
        if (__builtin_mul_overflow((int64_t)x, (int64_t)y, &r)) return NULL;
        return int_result(vm, r);
    case OURO_NB_AND: return ouro_smallint(x & y);
    case OURO_NB_OR: return ouro_smallint(x | y);
    case OURO_NB_XOR: return ouro_smallint(x ^ y);
    case OURO_NB_FLOOR_DIVIDE:
        if (y == 0) return NULL;
        r = (int64_t)x / y;
        if ((int64_t)x % y != 0 && ((x < 0) != (y < 0))) r--;
        return int_result(vm, r);
    case OURO_NB_REMAINDER:
        if (y == 0) return NULL;
        r = (int64_t)x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return ouro_smallint((intptr_t)r);
    default: return NULL;
    }
}

/* ---- binary operators ----------------------------------------------------------------------------- */

/* CPython's binary_op1: left slot, then right slot; the right one first when its type is a
 * proper subclass of the left's with a different slot. NotImplemented (new ref) if neither. */
static OuroObject *binary_op1(OuroVM *vm, OuroObject *v, OuroObject *w, OuroBinaryOp op) {
    OuroType *tv = ouro_type_of(v), *tw = ouro_type_of(w);
    OuroBinaryFn slotv = tv->nb[op], slotw = NULL;
    OuroObject *x;
    if (tw != tv) {
        slotw = tw->nb[op];
        if (slotw == slotv) slotw = NULL;
    }
    if (slotv) {
        if (slotw && ouro_type_is_subtype(tw, tv)) {
            x = slotw(vm, v, w);
            if (x != ouro_not_implemented) return x;
            ouro_decref(vm, x);
            slotw = NULL;
        }
        x = slotv(vm, v, w);
        if (x != ouro_not_implemented) return x;
        ouro_decref(vm, x);
    }
    if (slotw) {
        x = slotw(vm, v, w);
        if (x != ouro_not_implemented) return x;
        ouro_decref(vm, x);
    }
    return ouro_newref(ouro_not_implemented);
}

static OuroObject *unsupported(OuroVM *vm, OuroObject *a, OuroObject *b, const char *symbol) {
    return ouro_err_format(vm, &ouro_exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                           symbol, ouro_type_name(ouro_type_of(a)), ouro_type_name(ouro_type_of(b)));
}

OuroObject *ouro_number_binary(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op) {
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
        OuroObject *r = smallint_binary(vm, ouro_smallint_value(a), ouro_smallint_value(b), op);
        if (r || ouro_err_occurred(vm)) return r;
    }
    OuroObject *r = binary_op1(vm, a, b, op);
    if (r != ouro_not_implemented) return r;
    ouro_decref(vm, r);
    return unsupported(vm, a, b, op == OURO_NB_POWER ? "** or pow()" : ouro_binary_op_symbol(op));
}

OuroObject *ouro_number_inplace(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op) {
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
        OuroObject *r = smallint_binary(vm, ouro_smallint_value(a), ouro_smallint_value(b), op);
        if (r || ouro_err_occurred(vm)) return r;
    }
    OuroBinaryFn slot = ouro_type_of(a)->nb_inplace[op];
    if (slot) {
        OuroObject *r = slot(vm, a, b);
        if (r != ouro_not_implemented) return r;
        ouro_decref(vm, r);
    }
    OuroObject *r = binary_op1(vm, a, b, op);
    if (r != ouro_not_implemented) return r;
    ouro_decref(vm, r);
    return unsupported(vm, a, b, inplace_symbol(op));
}

/* ---- unary operators ------------------------------------------------------------------------------ */

static OuroObject *bad_unary(OuroVM *vm, const char *what, OuroObject *o) {
    return ouro_err_format(vm, &ouro_exc_TypeError, "bad operand type for %s: '%s'", what,
                           ouro_type_name(ouro_type_of(o)));
}

OuroObject *ouro_number_negative(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return int_result(vm, -(int64_t)ouro_smallint_value(o));
    OuroUnaryFn f = o->type->nb_negative;
    return f ? f(vm, o) : bad_unary(vm, "unary -", o);
}

OuroObject *ouro_number_positive(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return o;
    OuroUnaryFn f = o->type->nb_positive;
    return f ? f(vm, o) : bad_unary(vm, "unary +", o);
}

OuroObject *ouro_number_invert(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return ouro_smallint(~ouro_smallint_value(o));
    OuroUnaryFn f = o->type->nb_invert;
    return f ? f(vm, o) : bad_unary(vm, "unary ~", o);
}

OuroObject *ouro_number_absolute(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) {
        intptr_t v = ouro_smallint_value(o);
        return int_result(vm, v < 0 ? -(int64_t)v : (int64_t)v);
    }
    OuroUnaryFn f = o->type->nb_absolute;
    return f ? f(vm, o) : bad_unary(vm, "abs()", o);
}

/* ---- __index__ ------------------------------------------------------------------------------------ */

/* An int of any kind (bool, subclass) as an exact int (new ref). */
static OuroObject *exact_int(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o) || o->type == &ouro_int_type) return ouro_newref(o);
    if (o == ouro_true || o == ouro_false) return ouro_smallint(o == ouro_true);
    mpz_t z;
    mpz_init(z);
    ouro_int_to_mpz(o, z);
    OuroObject *r = ouro_int_from_mpz(vm, z);
    mpz_clear(z);
    return r;
}

OuroObject *ouro_number_index(OuroVM *vm, OuroObject *o) {
    if (ouro_int_check(o)) return exact_int(vm, o);
    OuroUnaryFn f = o->type->nb_index;
    if (!f)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                               o->type->name);
    OuroObject *r = f(vm, o);
    if (!r || OURO_IS_SMALLINT(r) || r->type == &ouro_int_type) return r;
    if (!ouro_int_check(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__index__ returned non-int (type %s)", r->type->name);
        ouro_decref(vm, r);
        return NULL;
    }
    OuroObject *e = exact_int(vm, r);
    ouro_decref(vm, r);
    return e;
}

intptr_t ouro_number_as_ssize(OuroVM *vm, OuroObject *o, OuroType *overflow_exc) {
    if (OURO_IS_SMALLINT(o)) return ouro_smallint_value(o);
    OuroObject *v = ouro_number_index(vm, o);
    if (!v) return -1;
    if (OURO_IS_SMALLINT(v)) return ouro_smallint_value(v);
    mpz_t z;
    mpz_init(z);
    ouro_int_to_mpz(v, z);
    ouro_decref(vm, v);
    intptr_t result;
    if (mpz_fits_slong_p(z) && sizeof(long) == sizeof(intptr_t)) {
        result = (intptr_t)mpz_get_si(z);
    } else if (!overflow_exc) {
        result = mpz_sgn(z) < 0 ? INTPTR_MIN : INTPTR_MAX;
    } else {
        ouro_err_format(vm, overflow_exc, "cannot fit '%s' into an index-sized integer",
                        ouro_type_name(ouro_type_of(o)));
        result = -1;
    }
    mpz_clear(z);
    return result;
}
