/* vm/int_internal.h — private to the numbers files (vm/obj_int.c, vm/int_*.c, vm/obj_bool.c,
 * vm/obj_float.c, vm/float_*.c): reading int operands of every representation (immediate,
 * bool, exact big int, subclass instance), building normalised results, and the slot
 * functions the type objects list. Not a public header. */
#ifndef OURO_VM_INT_INTERNAL_H
#define OURO_VM_INT_INTERNAL_H

#ifndef OURO_NUMBERS_INTERNAL
#error "vm/int_internal.h is private to the numbers files"
#endif

#include "vm/ouro.h"
#include "vm/format_spec.h"

#include <gmp.h>

static inline OuroBigInt *ouro_bigint(OuroObject *o) { return (OuroBigInt *)o; }

/* CPython's default sys.get_int_max_str_digits(). */
#define OURO_INT_MAX_STR_DIGITS 4300

/* Reads the value of an int operand when it fits a smallint: immediates, True/False, and
 * subclass instances holding a small value. Exact OuroBigInts never fit (normalisation). */
static inline bool ouro_int_small_value(OuroObject *o, intptr_t *v) {
    if (OURO_IS_SMALLINT(o)) {
        *v = ouro_smallint_value(o);
        return true;
    }
    if (o->type == &ouro_bool_type) {
        *v = o == ouro_true;
        return true;
    }
    if (o->type == &ouro_int_type) return false;
    mpz_srcptr z = ouro_bigint(o)->value;
    if (!mpz_fits_slong_p(z)) return false;
    long l = mpz_get_si(z);
    if (l < OURO_SMALLINT_MIN || l > OURO_SMALLINT_MAX) return false;
    *v = (intptr_t)l;
    return true;
}

/* A read-only mpz view of any int, valid while the view and the object live. */
typedef struct OuroIntView {
    mpz_t z;
    mp_limb_t limb;
} OuroIntView;

static inline mpz_srcptr ouro_int_view(OuroObject *o, OuroIntView *view) {
    intptr_t v;
    if (!OURO_IS_SMALLINT(o) && o->type != &ouro_bool_type) return ouro_bigint(o)->value;
    v = OURO_IS_SMALLINT(o) ? ouro_smallint_value(o) : (o == ouro_true);
    view->limb = v < 0 ? (mp_limb_t)0 - (mp_limb_t)v : (mp_limb_t)v;
    return mpz_roinit_n(view->z, &view->limb, v < 0 ? -1 : v > 0 ? 1 : 0);
}

static inline bool ouro_mpz_fits_small(mpz_srcptr z, intptr_t *v) {
    if (!mpz_fits_slong_p(z)) return false;
    long l = mpz_get_si(z);
    if (l < OURO_SMALLINT_MIN || l > OURO_SMALLINT_MAX) return false;
    *v = (intptr_t)l;
    return true;
}

/* Builds an int from z and takes z over (it is cleared or moved either way): new ref. */
OuroObject *ouro_int_from_mpz_steal(OuroVM *vm, mpz_t z);
/* The value of any int as an exact int (subclass instances and bools convert): new ref. */
OuroObject *ouro_int_exact(OuroVM *vm, OuroObject *o);
/* Allocates an instance of an int subclass holding value (any int). */
OuroObject *ouro_int_subtype_new(OuroVM *vm, OuroType *type, OuroObject *value);

/* Number text of any script to ASCII (CPython's _PyUnicode_TransformDecimalAndSpaceToASCII):
 * Unicode spaces become ' ', decimal digits their ASCII digit, other non-ASCII '?'. Returns
 * malloc'd text, or NULL when out of memory. */
char *ouro_number_text_to_ascii(const char *s, size_t size, size_t *out_len);
/* Decimal digits of |o| into an mpz-free buffer: returns malloc'd text (with '-' when
 * negative), or NULL after raising (the 4300-digit limit, out of memory). */
char *ouro_int_to_cstr(OuroVM *vm, OuroObject *o, int base, size_t *len);

/* ---- slot functions (vm/int_arith.c) --------------------------------------------------- */
OuroObject *ouro_int_slot_add(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_sub(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_mul(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_floordiv(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_mod(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_truediv(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_pow(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_lshift(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_rshift(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_and(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_or(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_xor(OuroVM *vm, OuroObject *a, OuroObject *b);
OuroObject *ouro_int_slot_neg(OuroVM *vm, OuroObject *a);
OuroObject *ouro_int_slot_pos(OuroVM *vm, OuroObject *a);
OuroObject *ouro_int_slot_abs(OuroVM *vm, OuroObject *a);
OuroObject *ouro_int_slot_invert(OuroVM *vm, OuroObject *a);
int ouro_int_slot_bool(OuroVM *vm, OuroObject *a);
/* divmod(a, b) for two ints: a tuple (q, r), or NotImplemented for foreign operands. */
OuroObject *ouro_int_divmod(OuroVM *vm, OuroObject *a, OuroObject *b);
/* pow(a, b, m) for three ints. */
OuroObject *ouro_int_pow3(OuroVM *vm, OuroObject *a, OuroObject *b, OuroObject *m);
/* a / b correctly rounded (CPython's long_true_divide) into *out. */
int ouro_int_true_divide(OuroVM *vm, OuroObject *a, OuroObject *b, double *out);
/* round(x, ndigits) for an int x; ndigits NULL means round(x). */
OuroObject *ouro_int_round(OuroVM *vm, OuroObject *x, OuroObject *ndigits);

/* ---- format (vm/num_format.c) ---------------------------------------------------------- */
/* int.__format__ / float.__format__ with a parsed-from-str spec: new str. */
OuroObject *ouro_int_format(OuroVM *vm, OuroObject *x, OuroObject *spec);
OuroObject *ouro_float_format(OuroVM *vm, double v, OuroObject *spec, const char *type_name);
/* PyOS_double_to_string: code is 'e' 'E' 'f' 'F' 'g' 'G' or 'r' (precision ignored);
 * flags below. Returns malloc'd text or NULL (out of memory). */
enum {
    OURO_DTSF_SIGN = 1,          /* always a sign */
    OURO_DTSF_ADD_DOT_0 = 2,     /* integral values get ".0" */
    OURO_DTSF_ALT = 4,           /* '#' alternate form */
    OURO_DTSF_NO_NEG_0 = 8,      /* 'z': negative zero loses its sign */
};
char *ouro_double_to_string(double v, char code, int precision, int flags);
/* float(str) parsing: underscores between digits, whitespace, inf/nan; ValueError
 * "could not convert string to float: 'x'". 0 or -1. */
int ouro_float_parse(OuroVM *vm, OuroObject *str, double *out);
/* float.fromhex() text. 0 or -1. */
int ouro_float_parse_hex(OuroVM *vm, OuroObject *str, double *out);

/* ---- float helpers shared with int (vm/obj_float.c) ------------------------------------ */
static inline bool ouro_float_check_any(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) &&
           (o->type == &ouro_float_type || ouro_type_is_subtype(o->type, &ouro_float_type));
}
/* int ** int with a negative exponent and int/float mixes end in float pow. */
OuroObject *ouro_float_pow_values(OuroVM *vm, double a, double b);
/* divmod(a, b) where one operand is a float and the other an int or float, else
 * NotImplemented. */
OuroObject *ouro_float_divmod(OuroVM *vm, OuroObject *a, OuroObject *b);
/* round(x, ndigits) for a float x. */
OuroObject *ouro_float_round(OuroVM *vm, double x, OuroObject *ndigits);

#endif
