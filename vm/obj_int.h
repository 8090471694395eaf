/* vm/obj_int.h — int (immediate small ints and GMP-backed big ints) and bool.
 * An int whose value fits OURO_SMALLINT_MIN..MAX is ALWAYS an immediate; OuroBigInt holds
 * only values outside that range (normalised after every operation), so equal ints have
 * equal representations. bool is a subclass of int; True and False are static singletons.
 * GMP (libgmp) does the big arithmetic: a well-kept library beats code we would write. */
#ifndef OURO_VM_OBJ_INT_H
#define OURO_VM_OBJ_INT_H

#include "vm/object.h"
#include <gmp.h>

typedef struct OuroBigInt {
    OuroObject ob;
    mpz_t value;
} OuroBigInt;

OuroObject *ouro_int_from_i64(OuroVM *vm, int64_t v);
OuroObject *ouro_int_from_u64(OuroVM *vm, uint64_t v);
OuroObject *ouro_int_from_double(OuroVM *vm, double d);          /* truncates; errors as int(x) */
OuroObject *ouro_int_from_mpz(OuroVM *vm, const mpz_t v);        /* copies; normalises */
/* Parses as int(text, base): underscores, sign, whitespace, prefixes when base is 0;
 * ValueError "invalid literal for int() with base 10: 'x'" as CPython. */
OuroObject *ouro_int_from_string(OuroVM *vm, const char *s, size_t len, int base);
/* True for int, bool and their subclasses. */
static inline bool ouro_int_check(const OuroObject *o) {
    return OURO_IS_SMALLINT(o) || (o->type->flags & OURO_TPFLAG_INT_SUBCLASS) != 0;
}
/* Reads an int (or bool) as a C int64; OverflowError "Python int too large to convert to C
 * long" when it does not fit. */
int ouro_int_as_i64(OuroVM *vm, OuroObject *o, int64_t *out);
/* Exact conversion to double; OverflowError "int too large to convert to float". */
int ouro_int_as_double(OuroVM *vm, OuroObject *o, double *out);
/* Loads any int into an initialised mpz (bools as 0/1). */
void ouro_int_to_mpz(OuroObject *o, mpz_t out);
/* Decimal text (as repr/str), new str. */
OuroObject *ouro_int_to_decimal(OuroVM *vm, OuroObject *o);
/* -1, 0 or 1. */
int ouro_int_sign(OuroObject *o);

/* Numeric built-ins (vm/int_number.c); any operand types, dispatching to __divmod__ /
 * __rdivmod__ / __pow__ / __round__ of other types as CPython does. */
/* divmod(a, b) (PyNumber_Divmod). */
OuroObject *ouro_number_divmod(OuroVM *vm, OuroObject *a, OuroObject *b);
/* pow(base, exp, mod); mod NULL or None means pow(base, exp) (PyNumber_Power). */
OuroObject *ouro_number_power3(OuroVM *vm, OuroObject *base, OuroObject *exp, OuroObject *mod);
/* round(x) / round(x, ndigits); ndigits NULL or None means round(x). */
OuroObject *ouro_number_round(OuroVM *vm, OuroObject *x, OuroObject *ndigits_or_null);
/* hex()/oct()/bin() (base 16, 8, 2; 10 gives the decimal text): x must support __index__;
 * '0x1f' / '-0x1f' forms as CPython's PyNumber_ToBase. New str. */
OuroObject *ouro_number_to_base(OuroVM *vm, OuroObject *x, int base);

#endif
