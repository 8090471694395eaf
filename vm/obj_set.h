/* vm/obj_set.h — set and frozenset: open-addressing hash sets. */
#ifndef OURO_VM_OBJ_SET_H
#define OURO_VM_OBJ_SET_H

#include "vm/object.h"

static inline bool ouro_anyset_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type == &ouro_set_type || o->type == &ouro_frozenset_type ||
                                    ouro_type_is_subtype(o->type, &ouro_set_type) ||
                                    ouro_type_is_subtype(o->type, &ouro_frozenset_type));
}
/* New set / frozenset, filled from iterable (NULL: empty). */
OuroObject *ouro_set_new(OuroVM *vm, OuroObject *iterable);
OuroObject *ouro_frozenset_new(OuroVM *vm, OuroObject *iterable);
int ouro_set_add(OuroVM *vm, OuroObject *set, OuroObject *key);       /* borrows */
int ouro_set_contains(OuroVM *vm, OuroObject *set, OuroObject *key);  /* 1, 0, -1 */
int ouro_set_discard(OuroVM *vm, OuroObject *set, OuroObject *key);   /* 1, 0, -1 */
size_t ouro_set_size(OuroObject *set);
bool ouro_set_next(OuroObject *set, size_t *pos, OuroObject **key);  /* borrowed */
/* In-place algebra on a set (for dict views): set |= iterable, set -= iterable,
 * set ^= iterable (any iterables). 0 or -1. */
int ouro_set_update(OuroVM *vm, OuroObject *set, OuroObject *iterable);
int ouro_set_difference_update(OuroVM *vm, OuroObject *set, OuroObject *iterable);
int ouro_set_symmetric_difference_update(OuroVM *vm, OuroObject *set, OuroObject *iterable);

extern OuroType ouro_set_iterator_type;

#endif
