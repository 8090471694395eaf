/* vm/obj_dict.h — dict: insertion-ordered hash table (CPython's compact layout: an index
 * table into a dense entry array), with a fast path for str keys. Also the keys/values/
 * items views. Lookups of str keys never fail. */
#ifndef OURO_VM_OBJ_DICT_H
#define OURO_VM_OBJ_DICT_H

#include "vm/object.h"

typedef struct OuroDict OuroDict;     /* layout private to vm/obj_dict.c */

static inline bool ouro_dict_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_DICT_SUBCLASS) != 0;
}
OuroObject *ouro_dict_new(OuroVM *vm);
size_t ouro_dict_size(OuroObject *d);
/* Borrowed value or NULL. NULL with an exception set means the key's hash/eq raised. */
OuroObject *ouro_dict_get(OuroVM *vm, OuroObject *d, OuroObject *key);
/* Borrowed value or NULL for a str key (never raises). */
OuroObject *ouro_dict_get_str(OuroObject *d, OuroObject *key);
OuroObject *ouro_dict_get_cstr(OuroVM *vm, OuroObject *d, const char *key);
int ouro_dict_set(OuroVM *vm, OuroObject *d, OuroObject *key, OuroObject *value); /* borrows */
int ouro_dict_set_cstr(OuroVM *vm, OuroObject *d, const char *key, OuroObject *value);
/* Removes key; KeyError when absent. */
int ouro_dict_del(OuroVM *vm, OuroObject *d, OuroObject *key);
/* Removes key if present: 1 removed, 0 absent, -1 error. */
int ouro_dict_discard(OuroVM *vm, OuroObject *d, OuroObject *key);
void ouro_dict_clear(OuroVM *vm, OuroObject *d);
/* Iterates in insertion order: start with *pos = 0; borrowed key/value; false at the end.
 * The dict must not change during the walk. */
bool ouro_dict_next(OuroObject *d, size_t *pos, OuroObject **key, OuroObject **value);
OuroObject *ouro_dict_copy(OuroVM *vm, OuroObject *d);
/* d.update(other): other is a dict, a mapping with keys(), or an iterable of pairs. */
int ouro_dict_update(OuroVM *vm, OuroObject *d, OuroObject *other);
/* Merges a dict's items into d (override: replace existing keys). */
int ouro_dict_merge(OuroVM *vm, OuroObject *d, OuroObject *other, bool override);
OuroObject *ouro_dict_keys_list(OuroVM *vm, OuroObject *d);

/* ---- for the views, sets and iterators (vm/obj_dictview.c, vm/obj_set.c) ---- */
typedef enum { OURO_DICT_ITER_KEYS, OURO_DICT_ITER_VALUES, OURO_DICT_ITER_ITEMS } OuroDictIterKind;
/* New iterator over d's keys/values/items, in insertion order or reversed. */
OuroObject *ouro_dict_iter_new(OuroVM *vm, OuroObject *d, OuroDictIterKind kind, bool reversed);
/* Like ouro_dict_next, also giving the stored hash of the key. */
bool ouro_dict_next_hash(OuroObject *d, size_t *pos, OuroObject **key, OuroObject **value,
                         intptr_t *hash);
/* 1 when key (whose hash is given) is in d, 0 when not, -1 on error. */
int ouro_dict_contains_hash(OuroVM *vm, OuroObject *d, OuroObject *key, intptr_t hash);
/* New keys/values/items view of d (type is one of the three view types). */
OuroObject *ouro_dictview_new(OuroVM *vm, OuroObject *d, OuroType *type);

extern OuroType ouro_dict_keys_type, ouro_dict_values_type, ouro_dict_items_type;
extern OuroType ouro_dict_keyiterator_type, ouro_dict_valueiterator_type,
    ouro_dict_itemiterator_type, ouro_dict_reversekeyiterator_type,
    ouro_dict_reversevalueiterator_type, ouro_dict_reverseitemiterator_type;

#endif
