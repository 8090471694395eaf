/* vm/obj_list.h — list: a growable array of references. */
#ifndef OURO_VM_OBJ_LIST_H
#define OURO_VM_OBJ_LIST_H

#include "vm/object.h"

typedef struct OuroList {
    OuroObject ob;
    size_t size, capacity;
    OuroObject **items;
} OuroList;

static inline bool ouro_list_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_LIST_SUBCLASS) != 0;
}
static inline size_t ouro_list_size(const OuroObject *l) { return ((const OuroList *)l)->size; }
static inline OuroObject *ouro_list_get(OuroObject *l, size_t i) { return ((OuroList *)l)->items[i]; }

/* An empty list with room for n items (size 0). */
OuroObject *ouro_list_new(OuroVM *vm, size_t capacity);
int ouro_list_append(OuroVM *vm, OuroObject *list, OuroObject *item);   /* borrows item */
int ouro_list_append_steal(OuroVM *vm, OuroObject *list, OuroObject *item);
int ouro_list_extend(OuroVM *vm, OuroObject *list, OuroObject *iterable);
OuroObject *ouro_list_from_iterable(OuroVM *vm, OuroObject *iterable);
OuroObject *ouro_list_as_tuple(OuroVM *vm, OuroObject *list);
/* list.sort(key=key, reverse=reverse): stable; key may be NULL. */
int ouro_list_sort(OuroVM *vm, OuroObject *list, OuroObject *key, bool reverse);

extern OuroType ouro_list_iterator_type, ouro_list_reverseiterator_type;

#endif
