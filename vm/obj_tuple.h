/* vm/obj_tuple.h — tuple: a fixed array of references. */
#ifndef OURO_VM_OBJ_TUPLE_H
#define OURO_VM_OBJ_TUPLE_H

#include "vm/object.h"

typedef struct OuroTuple {
    OuroObject ob;
    size_t size;
    OuroObject *items[];
} OuroTuple;

static inline bool ouro_tuple_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_TUPLE_SUBCLASS) != 0;
}
static inline size_t ouro_tuple_size(const OuroObject *t) { return ((const OuroTuple *)t)->size; }
static inline OuroObject **ouro_tuple_items(OuroObject *t) { return ((OuroTuple *)t)->items; }
static inline OuroObject *ouro_tuple_get(OuroObject *t, size_t i) { return ((OuroTuple *)t)->items[i]; }

/* A tuple of n NULL slots for the caller to fill (steal into items[i]) before anyone else
 * sees it; n == 0 returns the shared empty tuple. Tracked once filled by the caller calling
 * ouro_tuple_track_if_needed (cheap; the collector issue refines tracking rules). */
OuroObject *ouro_tuple_new(OuroVM *vm, size_t n);
void ouro_tuple_track_if_needed(OuroVM *vm, OuroObject *t);
/* Tuple of n borrowed items (increfs each). */
OuroObject *ouro_tuple_from_array(OuroVM *vm, OuroObject *const *items, size_t n);
OuroObject *ouro_tuple_pack(OuroVM *vm, size_t n, ...);  /* borrowed items */
OuroObject *ouro_tuple_from_iterable(OuroVM *vm, OuroObject *iterable);

extern OuroType ouro_tuple_iterator_type;

#endif
