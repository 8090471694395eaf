/* vm/obj_float.h — float: a boxed double, recycled through a freelist. */
#ifndef OURO_VM_OBJ_FLOAT_H
#define OURO_VM_OBJ_FLOAT_H

#include "vm/object.h"

typedef struct OuroFloat {
    OuroObject ob;
    double value;
} OuroFloat;

OuroObject *ouro_float_new(OuroVM *vm, double v);
static inline bool ouro_float_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_float_type;   /* exact; subclasses rare */
}
static inline double ouro_float_value(const OuroObject *o) { return ((const OuroFloat *)o)->value; }
/* float(x) semantics for int/float/objects with __float__; TypeError otherwise. */
int ouro_float_as_double(OuroVM *vm, OuroObject *o, double *out);
/* CPython's repr(float): shortest round-trip digits, 'inf', 'nan', exponent rules.
 * Writes into buf (at least 32 bytes). */
void ouro_float_repr_cstr(double v, char *buf, size_t size);

#endif
