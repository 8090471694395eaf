/* vm/obj_set.c — set and frozenset: CPython 3.11's open-addressing table (linear probes of 9
 * then perturbation, an 8-entry table inside the object, dummies for deletions, the same
 * resize policy), ported closely so that iteration order — and therefore repr output — is
 * CPython's. Also set_iterator. Set algebra follows setobject.c step by step for the same
 * reason (which operand is walked decides the result's order). */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

enum { SET_MINSIZE = 8, LINEAR_PROBES = 9, PERTURB_SHIFT = 5 };

typedef struct SetEntry {
    OuroObject *key;                  /* NULL: never used; DUMMY: deleted */
    intptr_t hash;                    /* -1 for DUMMY, 0 with key NULL when unused */
} SetEntry;

typedef struct OuroSet {
    OuroObject ob;
    size_t fill;                      /* active + dummy entries */
    size_t used;                      /* active entries */
    size_t mask;                      /* table size - 1 */
    SetEntry *table;                  /* smalltable or a malloc'd block */
    intptr_t hash;                    /* frozenset: cached hash, -1 until computed */
    size_t finger;                    /* pop() resumes its search here */
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
    SetEntry smalltable[SET_MINSIZE];
} OuroSet;

/* Marks deleted entries; never a real object and never dereferenced. */
static OuroObject set_dummy_object;
#define DUMMY (&set_dummy_object)

static OuroSet *as_set(OuroObject *o) { return (OuroSet *)o; }

static bool is_set(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type == &ouro_set_type || ouro_type_is_subtype(o->type, &ouro_set_type));
}
static bool is_frozenset_type(OuroType *t) {
    return t == &ouro_frozenset_type || ouro_type_is_subtype(t, &ouro_frozenset_type);
}

/* ---- the table ------------------------------------------------------------------------------ */

static void insert_clean(SetEntry *table, size_t mask, OuroObject *key, intptr_t hash) {
    size_t perturb = (size_t)hash, i = (size_t)hash & mask;
    for (;;) {
        SetEntry *entry = &table[i];
        if (!entry->key) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (!entry->key) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

static int set_table_resize(OuroVM *vm, OuroSet *so, size_t minused) {
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused) {
        if (newsize > SIZE_MAX / 2 / sizeof(SetEntry)) {
            ouro_err_no_memory(vm);
            return -1;
        }
        newsize <<= 1;
    }
    SetEntry *oldtable = so->table, *newtable, small_copy[SET_MINSIZE];
    bool old_malloced = oldtable != so->smalltable;
    if (newsize == SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;   /* no dummies to drop */
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        newtable = calloc(newsize, sizeof(SetEntry));
        if (!newtable) {
            ouro_err_no_memory(vm);
            return -1;
        }
        /* Tables come from calloc: the watchers (tracemalloc) are told here. */
        if (ouro_heap(vm)->watching)
            ouro_gc_watch_raw_alloc(ouro_heap(vm), newtable, newsize * sizeof(SetEntry));
    }
    size_t oldmask = so->mask;
    if (newtable == so->smalltable) memset(newtable, 0, sizeof so->smalltable);
    so->mask = newsize - 1;
    so->table = newtable;
    for (size_t i = 0; i <= oldmask; i++) {
        OuroObject *key = oldtable[i].key;
        if (key && key != DUMMY) insert_clean(newtable, so->mask, key, oldtable[i].hash);
    }
    so->fill = so->used;
    if (old_malloced) {
        if (ouro_heap(vm)->watching) ouro_gc_watch_raw_free(ouro_heap(vm), oldtable);
        free(oldtable);
    }
    return 0;
}

/* Adds key (steals the reference) with its hash. */
static int set_add_entry(OuroVM *vm, OuroSet *so, OuroObject *key, intptr_t hash) {
restart:;
    size_t mask = so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    SetEntry *freeslot = NULL, *entry;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) goto found_unused_or_dummy;
            if (entry->hash == hash) {
                OuroObject *startkey = entry->key;
                if (startkey == key) goto found_active;
                if (!OURO_IS_SMALLINT(startkey) && !OURO_IS_SMALLINT(key) &&
                    startkey->type == &ouro_str_type && key->type == &ouro_str_type) {
                    if (ouro_str_equal(startkey, key)) goto found_active;
                } else {
                    SetEntry *table = so->table;
                    ouro_incref(startkey);
                    int cmp = ouro_object_richcompare_bool(vm, startkey, key, OURO_EQ);
                    ouro_decref(vm, startkey);
                    if (cmp > 0) goto found_active;
                    if (cmp < 0) {
                        ouro_decref(vm, key);
                        return -1;
                    }
                    if (table != so->table || entry->key != startkey) goto restart;
                    mask = so->mask;
                }
            } else if (entry->hash == -1 && freeslot == NULL) {
                freeslot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused_or_dummy:
    if (freeslot) {
        so->used++;
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    entry->key = key;
    entry->hash = hash;
    if (so->fill * 5 < mask * 3) return 0;
    return set_table_resize(vm, so, so->used > 50000 ? so->used * 2 : so->used * 4);
found_active:
    ouro_decref(vm, key);
    return 0;
}

/* The entry holding key, or NULL (with *err set to -1 when a comparison raised). */
static SetEntry *set_lookkey(OuroVM *vm, OuroSet *so, OuroObject *key, intptr_t hash, int *err) {
    *err = 0;
restart:;
    size_t mask = so->mask, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        SetEntry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) return NULL;
            if (entry->hash == hash) {
                OuroObject *startkey = entry->key;
                if (startkey == key) return entry;
                if (!OURO_IS_SMALLINT(startkey) && !OURO_IS_SMALLINT(key) &&
                    startkey->type == &ouro_str_type && key->type == &ouro_str_type) {
                    if (ouro_str_equal(startkey, key)) return entry;
                } else {
                    SetEntry *table = so->table;
                    ouro_incref(startkey);
                    int cmp = ouro_object_richcompare_bool(vm, startkey, key, OURO_EQ);
                    ouro_decref(vm, startkey);
                    if (cmp < 0) {
                        *err = -1;
                        return NULL;
                    }
                    if (table != so->table || entry->key != startkey) goto restart;
                    if (cmp > 0) return entry;
                    mask = so->mask;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int set_contains_entry(OuroVM *vm, OuroSet *so, OuroObject *key, intptr_t hash) {
    int err;
    SetEntry *e = set_lookkey(vm, so, key, hash, &err);
    return e ? 1 : err;
}

/* 1 discarded, 0 not found, -1 error. */
static int set_discard_entry(OuroVM *vm, OuroSet *so, OuroObject *key, intptr_t hash) {
    int err;
    SetEntry *e = set_lookkey(vm, so, key, hash, &err);
    if (!e) return err;
    OuroObject *old = e->key;
    e->key = DUMMY;
    e->hash = -1;
    so->used--;
    ouro_decref(vm, old);
    return 1;
}

static int set_add_key(OuroVM *vm, OuroSet *so, OuroObject *key) {
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return set_add_entry(vm, so, ouro_newref(key), hash);
}

static int set_contains_key(OuroVM *vm, OuroSet *so, OuroObject *key) {
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return set_contains_entry(vm, so, key, hash);
}

static int set_discard_key(OuroVM *vm, OuroSet *so, OuroObject *key) {
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return set_discard_entry(vm, so, key, hash);
}

static bool set_next(OuroSet *so, size_t *pos, SetEntry **entry) {
    size_t i = *pos;
    while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == DUMMY)) i++;
    *pos = i + 1;
    if (i > so->mask) return false;
    *entry = &so->table[i];
    return true;
}

/* Empties the set; releases the keys once it is consistent (CPython's set_clear_internal). */
static void set_clear_internal(OuroHeap *heap, OuroSet *so) {
    SetEntry *table = so->table, small_copy[SET_MINSIZE];
    size_t mask = so->mask, fill = so->fill;
    bool malloced = table != so->smalltable;
    if (!malloced) {
        if (fill == 0) return;
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
    }
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->table = so->smalltable;
    so->mask = SET_MINSIZE - 1;
    so->fill = so->used = 0;
    so->hash = -1;
    for (size_t i = 0; i <= mask && fill > 0; i++) {
        if (table[i].key) {
            fill--;
            if (table[i].key != DUMMY) ouro_gc_decref(heap, table[i].key);
        }
    }
    if (malloced) {
        if (heap->watching) ouro_gc_watch_raw_free(heap, table);
        free(table);
    }
}

static int set_merge(OuroVM *vm, OuroSet *so, OuroSet *other) {
    if (so == other || other->used == 0) return 0;
    if ((so->fill + other->used) * 5 >= so->mask * 3 &&
        set_table_resize(vm, so, (so->used + other->used) * 2) < 0)
        return -1;
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (size_t i = 0; i <= other->mask; i++) {
            OuroObject *key = other->table[i].key;
            if (key) {
                so->table[i].key = ouro_newref(key);
                so->table[i].hash = other->table[i].hash;
            }
        }
        so->fill = other->fill;
        so->used = other->used;
        return 0;
    }
    if (so->fill == 0) {
        so->fill = so->used = other->used;
        for (size_t i = 0; i <= other->mask; i++) {
            OuroObject *key = other->table[i].key;
            if (key && key != DUMMY) insert_clean(so->table, so->mask, ouro_newref(key), other->table[i].hash);
        }
        return 0;
    }
    for (size_t i = 0; i <= other->mask; i++) {
        OuroObject *key = other->table[i].key;
        if (key && key != DUMMY && set_add_entry(vm, so, ouro_newref(key), other->table[i].hash) < 0)
            return -1;
    }
    return 0;
}

static int set_update_internal(OuroVM *vm, OuroSet *so, OuroObject *other) {
    if (ouro_anyset_check(other)) return set_merge(vm, so, as_set(other));
    if (!OURO_IS_SMALLINT(other) && other->type == &ouro_dict_type) {
        size_t n = ouro_dict_size(other);
        if ((so->fill + n) * 5 >= so->mask * 3 && set_table_resize(vm, so, (so->used + n) * 2) < 0)
            return -1;
        size_t pos = 0;
        OuroObject *key;
        intptr_t hash;
        while (ouro_dict_next_hash(other, &pos, &key, NULL, &hash))
            if (set_add_entry(vm, so, ouro_newref(key), hash) < 0) return -1;
        return 0;
    }
    OuroObject *it = ouro_object_getiter(vm, other);
    if (!it) return -1;
    OuroObject *key;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int r = set_add_key(vm, so, key);
        ouro_decref(vm, key);
        if (r < 0) break;
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : 0;
}

/* ---- construction ----------------------------------------------------------------------------- */

static OuroObject *make_new_set(OuroVM *vm, OuroType *type, OuroObject *iterable) {
    OuroObject *o = ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    OuroSet *so = as_set(o);
    so->mask = SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    if (iterable && set_update_internal(vm, so, iterable) < 0) {
        ouro_decref(vm, o);
        return NULL;
    }
    ouro_gc_track(ouro_heap(vm), o);
    return o;
}

/* Results of operations on subclass instances are plain sets / frozensets. */
static OuroObject *make_new_set_basetype(OuroVM *vm, OuroType *type, OuroObject *iterable) {
    if (type != &ouro_set_type && type != &ouro_frozenset_type)
        type = ouro_type_is_subtype(type, &ouro_set_type) ? &ouro_set_type : &ouro_frozenset_type;
    return make_new_set(vm, type, iterable);
}

OuroObject *ouro_set_new(OuroVM *vm, OuroObject *iterable) {
    return make_new_set(vm, &ouro_set_type, iterable);
}

OuroObject *ouro_frozenset_new(OuroVM *vm, OuroObject *iterable) {
    if (iterable && !OURO_IS_SMALLINT(iterable) && iterable->type == &ouro_frozenset_type)
        return ouro_newref(iterable);
    return make_new_set(vm, &ouro_frozenset_type, iterable);
}

int ouro_set_add(OuroVM *vm, OuroObject *set, OuroObject *key) { return set_add_key(vm, as_set(set), key); }

/* contains/discard for a key that may be a set: CPython retries with frozenset(key). */
static int with_frozen_retry(OuroVM *vm, OuroSet *so, OuroObject *key,
                             int (*op)(OuroVM *, OuroSet *, OuroObject *)) {
    int rv = op(vm, so, key);
    if (rv < 0 && is_set(key) && ouro_err_matches(vm, &ouro_exc_TypeError)) {
        ouro_err_clear(vm);
        OuroObject *tmp = make_new_set(vm, &ouro_frozenset_type, key);
        if (!tmp) return -1;
        rv = op(vm, so, tmp);
        ouro_decref(vm, tmp);
    }
    return rv;
}

int ouro_set_contains(OuroVM *vm, OuroObject *set, OuroObject *key) {
    return with_frozen_retry(vm, as_set(set), key, set_contains_key);
}

int ouro_set_discard(OuroVM *vm, OuroObject *set, OuroObject *key) {
    return with_frozen_retry(vm, as_set(set), key, set_discard_key);
}

size_t ouro_set_size(OuroObject *set) { return as_set(set)->used; }

bool ouro_set_next(OuroObject *set, size_t *pos, OuroObject **key) {
    SetEntry *e;
    if (!set_next(as_set(set), pos, &e)) return false;
    *key = e->key;
    return true;
}

/* ---- collector hooks ------------------------------------------------------------------------ */

static int set_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroSet *so = as_set(self);
    size_t pos = 0;
    SetEntry *e;
    while (set_next(so, &pos, &e)) {
        int r = visit(e->key, arg);
        if (r) return r;
    }
    return ouro_subclass_traverse(self, visit, arg);
}

static void set_clear_hook(OuroHeap *heap, OuroObject *self) {
    ouro_subclass_clear(heap, self);
    set_clear_internal(heap, as_set(self));
}

static void set_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    if (as_set(self)->weaklist) ouro_gc_clear_weakrefs(heap, self);
    set_clear_hook(heap, self);
    ouro_subclass_free(heap, self);
}

/* ---- algebra -------------------------------------------------------------------------------- */

static OuroObject *set_copy_of(OuroVM *vm, OuroObject *so) {
    return make_new_set_basetype(vm, so->type, so);
}

static OuroObject *set_intersection(OuroVM *vm, OuroObject *self, OuroObject *other) {
    OuroObject *result = make_new_set_basetype(vm, self->type, NULL);
    if (!result) return NULL;
    OuroSet *so = as_set(self);
    if (ouro_anyset_check(other)) {
        OuroSet *walk = as_set(other);
        if (walk->used > so->used) {
            OuroSet *t = so;
            so = walk;
            walk = t;
        }
        size_t pos = 0;
        SetEntry *e;
        while (set_next(walk, &pos, &e)) {
            OuroObject *key = ouro_newref(e->key);
            intptr_t hash = e->hash;
            int rv = set_contains_entry(vm, so, key, hash);
            if (rv > 0) rv = set_add_entry(vm, as_set(result), ouro_newref(key), hash);
            ouro_decref(vm, key);
            if (rv < 0) {
                ouro_decref(vm, result);
                return NULL;
            }
        }
        return result;
    }
    OuroObject *it = ouro_object_getiter(vm, other);
    if (!it) {
        ouro_decref(vm, result);
        return NULL;
    }
    OuroObject *key;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        intptr_t hash = ouro_hash_fast(vm, key);
        int rv = hash == -1 ? -1 : set_contains_entry(vm, so, key, hash);
        if (rv > 0) rv = set_add_entry(vm, as_set(result), ouro_newref(key), hash);
        ouro_decref(vm, key);
        if (rv < 0) break;
    }
    ouro_decref(vm, it);
    if (ouro_err_occurred(vm)) ouro_clear(vm, &result);
    return result;
}

static int set_difference_update_internal(OuroVM *vm, OuroSet *so, OuroObject *other) {
    if ((OuroObject *)so == other) {
        set_clear_internal(ouro_heap(vm), so);
        return 0;
    }
    if (ouro_anyset_check(other)) {
        size_t pos = 0;
        SetEntry *e;
        while (set_next(as_set(other), &pos, &e)) {
            OuroObject *key = ouro_newref(e->key);
            int rv = set_discard_entry(vm, so, key, e->hash);
            ouro_decref(vm, key);
            if (rv < 0) return -1;
        }
    } else {
        OuroObject *it = ouro_object_getiter(vm, other);
        if (!it) return -1;
        OuroObject *key;
        while ((key = ouro_iter_next(vm, it)) != NULL) {
            int rv = set_discard_key(vm, so, key);
            ouro_decref(vm, key);
            if (rv < 0) break;
        }
        ouro_decref(vm, it);
        if (ouro_err_occurred(vm)) return -1;
    }
    if (so->fill - so->used <= so->mask / 4) return 0;
    return set_table_resize(vm, so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static OuroObject *set_copy_and_difference(OuroVM *vm, OuroObject *so, OuroObject *other) {
    OuroObject *result = set_copy_of(vm, so);
    if (result && set_difference_update_internal(vm, as_set(result), other) < 0) ouro_clear(vm, &result);
    return result;
}

static OuroObject *set_difference(OuroVM *vm, OuroObject *self, OuroObject *other) {
    size_t other_size;
    bool other_dict = !OURO_IS_SMALLINT(other) && other->type == &ouro_dict_type;
    if (ouro_anyset_check(other)) other_size = as_set(other)->used;
    else if (other_dict) other_size = ouro_dict_size(other);
    else return set_copy_and_difference(vm, self, other);
    OuroSet *so = as_set(self);
    if ((so->used >> 2) > other_size) return set_copy_and_difference(vm, self, other);
    OuroObject *result = make_new_set_basetype(vm, self->type, NULL);
    if (!result) return NULL;
    size_t pos = 0;
    SetEntry *e;
    while (set_next(so, &pos, &e)) {
        OuroObject *key = ouro_newref(e->key);
        intptr_t hash = e->hash;
        int rv = other_dict ? ouro_dict_contains_hash(vm, other, key, hash)
                            : set_contains_entry(vm, as_set(other), key, hash);
        if (rv == 0) rv = set_add_entry(vm, as_set(result), ouro_newref(key), hash);
        ouro_decref(vm, key);
        if (rv < 0) {
            ouro_decref(vm, result);
            return NULL;
        }
    }
    return result;
}

static int set_symmetric_difference_update_internal(OuroVM *vm, OuroSet *so, OuroObject *other) {
    if ((OuroObject *)so == other) {
        set_clear_internal(ouro_heap(vm), so);
        return 0;
    }
    if (!OURO_IS_SMALLINT(other) && other->type == &ouro_dict_type) {
        size_t pos = 0;
        OuroObject *key;
        intptr_t hash;
        while (ouro_dict_next_hash(other, &pos, &key, NULL, &hash)) {
            ouro_incref(key);
            int rv = set_discard_entry(vm, so, key, hash);
            if (rv == 0) rv = set_add_entry(vm, so, ouro_newref(key), hash);
            ouro_decref(vm, key);
            if (rv < 0) return -1;
        }
        return 0;
    }
    OuroObject *otherset = ouro_anyset_check(other) ? ouro_newref(other)
                                                    : make_new_set_basetype(vm, ((OuroObject *)so)->type, other);
    if (!otherset) return -1;
    size_t pos = 0;
    SetEntry *e;
    int rv = 0;
    while (rv >= 0 && set_next(as_set(otherset), &pos, &e)) {
        OuroObject *key = ouro_newref(e->key);
        intptr_t hash = e->hash;
        rv = set_discard_entry(vm, so, key, hash);
        if (rv == 0) rv = set_add_entry(vm, so, ouro_newref(key), hash);
        ouro_decref(vm, key);
    }
    ouro_decref(vm, otherset);
    return rv < 0 ? -1 : 0;
}

static OuroObject *set_symmetric_difference(OuroVM *vm, OuroObject *self, OuroObject *other) {
    OuroObject *result = make_new_set_basetype(vm, self->type, other);
    if (result && set_symmetric_difference_update_internal(vm, as_set(result), self) < 0)
        ouro_clear(vm, &result);
    return result;
}

/* 1 when every element of self is in other, 0 when not, -1 on error. */
static int set_issubset_int(OuroVM *vm, OuroObject *self, OuroObject *other) {
    if (!ouro_anyset_check(other)) {
        OuroObject *tmp = make_new_set(vm, &ouro_set_type, other);
        if (!tmp) return -1;
        int r = set_issubset_int(vm, self, tmp);
        ouro_decref(vm, tmp);
        return r;
    }
    OuroSet *so = as_set(self);
    if (so->used > as_set(other)->used) return 0;
    size_t pos = 0;
    SetEntry *e;
    while (set_next(so, &pos, &e)) {
        OuroObject *key = ouro_newref(e->key);
        int rv = set_contains_entry(vm, as_set(other), key, e->hash);
        ouro_decref(vm, key);
        if (rv <= 0) return rv;
    }
    return 1;
}

static int set_issuperset_int(OuroVM *vm, OuroObject *self, OuroObject *other) {
    if (ouro_anyset_check(other)) return set_issubset_int(vm, other, self);
    OuroObject *it = ouro_object_getiter(vm, other);
    if (!it) return -1;
    OuroObject *key;
    int result = 1;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int rv = set_contains_key(vm, as_set(self), key);
        ouro_decref(vm, key);
        if (rv <= 0) {
            result = rv;
            break;
        }
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : result;
}

static int set_isdisjoint_int(OuroVM *vm, OuroObject *self, OuroObject *other) {
    OuroSet *so = as_set(self);
    if (self == other) return so->used == 0;
    if (!OURO_IS_SMALLINT(other) && (other->type == &ouro_set_type || other->type == &ouro_frozenset_type)) {
        OuroSet *walk = as_set(other);
        if (walk->used > so->used) {
            OuroSet *t = so;
            so = walk;
            walk = t;
        }
        size_t pos = 0;
        SetEntry *e;
        while (set_next(walk, &pos, &e)) {
            OuroObject *key = ouro_newref(e->key);
            int rv = set_contains_entry(vm, so, key, e->hash);
            ouro_decref(vm, key);
            if (rv != 0) return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    OuroObject *it = ouro_object_getiter(vm, other);
    if (!it) return -1;
    OuroObject *key;
    int result = 1;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int rv = set_contains_key(vm, so, key);
        ouro_decref(vm, key);
        if (rv != 0) {
            result = rv < 0 ? -1 : 0;
            break;
        }
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : result;
}

static void set_swap_bodies(OuroSet *a, OuroSet *b) {
    size_t t;
    t = a->fill; a->fill = b->fill; b->fill = t;
    t = a->used; a->used = b->used; b->used = t;
    t = a->mask; a->mask = b->mask; b->mask = t;
    SetEntry *u = a->table == a->smalltable ? b->smalltable : a->table;
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        SetEntry tab[SET_MINSIZE];
        memcpy(tab, a->smalltable, sizeof tab);
        memcpy(a->smalltable, b->smalltable, sizeof tab);
        memcpy(b->smalltable, tab, sizeof tab);
    }
    if (is_frozenset_type(a->ob.type) && is_frozenset_type(b->ob.type)) {
        intptr_t h = a->hash;
        a->hash = b->hash;
        b->hash = h;
    } else {
        a->hash = b->hash = -1;
    }
}

/* ---- slots ------------------------------------------------------------------------------------ */

static OuroObject *bool_result(int r) { return r < 0 ? NULL : ouro_newref(ouro_bool_from(r)); }

static OuroObject *set_richcompare(OuroVM *vm, OuroObject *v, OuroObject *w, int op) {
    if (!ouro_anyset_check(v) || !ouro_anyset_check(w)) return ouro_newref(ouro_not_implemented);
    size_t nv = as_set(v)->used, nw = as_set(w)->used;
    switch (op) {
    case OURO_EQ:
    case OURO_NE: {
        int r;
        if (nv != nw) r = 0;
        else if (as_set(v)->hash != -1 && as_set(w)->hash != -1 && as_set(v)->hash != as_set(w)->hash) r = 0;
        else r = set_issubset_int(vm, v, w);
        if (r < 0) return NULL;
        return ouro_newref(ouro_bool_from((r == 1) == (op == OURO_EQ)));
    }
    case OURO_LE: return bool_result(set_issubset_int(vm, v, w));
    case OURO_GE: return bool_result(set_issuperset_int(vm, v, w));
    case OURO_LT: return nv >= nw ? ouro_newref(ouro_false) : bool_result(set_issubset_int(vm, v, w));
    default: return nv <= nw ? ouro_newref(ouro_false) : bool_result(set_issuperset_int(vm, v, w));
    }
}

static OuroObject *set_or(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_anyset_check(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    OuroObject *result = set_copy_of(vm, a);
    if (result && a != b && set_update_internal(vm, as_set(result), b) < 0) ouro_clear(vm, &result);
    return result;
}

static OuroObject *set_and(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_anyset_check(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    return set_intersection(vm, a, b);
}

static OuroObject *set_sub(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_anyset_check(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    return set_difference(vm, a, b);
}

static OuroObject *set_xor(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_anyset_check(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    return set_symmetric_difference(vm, a, b);
}

static OuroObject *set_ior(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!is_set(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    if (set_update_internal(vm, as_set(a), b) < 0) return NULL;
    return ouro_newref(a);
}

static int set_intersection_update_int(OuroVM *vm, OuroObject *so, OuroObject *other) {
    OuroObject *tmp = set_intersection(vm, so, other);
    if (!tmp) return -1;
    set_swap_bodies(as_set(so), as_set(tmp));
    ouro_decref(vm, tmp);
    return 0;
}

static OuroObject *set_iand(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!is_set(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    if (set_intersection_update_int(vm, a, b) < 0) return NULL;
    return ouro_newref(a);
}

static OuroObject *set_isub(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!is_set(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    if (set_difference_update_internal(vm, as_set(a), b) < 0) return NULL;
    return ouro_newref(a);
}

static OuroObject *set_ixor(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!is_set(a) || !ouro_anyset_check(b)) return ouro_newref(ouro_not_implemented);
    if (set_symmetric_difference_update_internal(vm, as_set(a), b) < 0) return NULL;
    return ouro_newref(a);
}

static intptr_t set_length(OuroVM *vm, OuroObject *self) { return (intptr_t)as_set(self)->used; }

static int set_contains_slot(OuroVM *vm, OuroObject *self, OuroObject *key) {
    return ouro_set_contains(vm, self, key);
}

static OuroObject *set_repr(OuroVM *vm, OuroObject *self) {
    OuroSet *so = as_set(self);
    const char *name = ouro_type_name(ouro_type_of(self));
    bool exact_set = self->type == &ouro_set_type;
    int rr = ouro_repr_enter(vm, self);
    if (rr != 0) return rr > 0 ? ouro_str_from_format(vm, "%s(...)", name) : NULL;
    if (so->used == 0) {
        ouro_repr_leave(vm, self);
        return ouro_str_from_format(vm, "%s()", name);
    }
    /* Snapshot the keys first: a key's repr may change the set. */
    OuroObject *keys = ouro_list_new(vm, so->used);
    size_t pos = 0;
    SetEntry *e;
    while (keys && set_next(so, &pos, &e))
        if (ouro_list_append(vm, keys, e->key) < 0) ouro_clear(vm, &keys);
    if (!keys || ouro_c_stack_check(vm, " while getting the repr of an object") < 0) {
        ouro_xdecref(vm, keys);
        ouro_repr_leave(vm, self);
        return NULL;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    if (!exact_set) {
        ouro_strbuf_append_cstr(&b, name);
        ouro_strbuf_append_char(&b, '(');
    }
    ouro_strbuf_append_char(&b, '{');
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < ouro_list_size(keys); i++) {
        if (i) ouro_strbuf_append(&b, ", ", 2);
        rc = ouro_strbuf_append_repr(vm, &b, ouro_list_get(keys, i));
    }
    ouro_decref(vm, keys);
    ouro_repr_leave(vm, self);
    if (rc < 0) {
        ouro_strbuf_release(&b);
        return NULL;
    }
    ouro_strbuf_append_char(&b, '}');
    if (!exact_set) ouro_strbuf_append_char(&b, ')');
    return ouro_strbuf_finish(vm, &b);
}

static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; }

static intptr_t frozenset_hash(OuroVM *vm, OuroObject *self) {
    OuroSet *so = as_set(self);
    if (so->hash != -1) return so->hash;
    uint64_t hash = 0;
    for (size_t i = 0; i <= so->mask; i++) hash ^= shuffle_bits((uint64_t)so->table[i].hash);
    if ((so->mask + 1 - so->fill) & 1) hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1) hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == (uint64_t)-1) hash = 590923713UL;
    so->hash = (intptr_t)hash;
    return so->hash;
}

/* ---- methods ------------------------------------------------------------------------------------ */

#define SET_METHOD(fn) \
    static OuroObject *fn(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, OuroObject *kwnames)

SET_METHOD(set_add_meth) {
    if (ouro_args_check(vm, "set.add", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_add_key(vm, as_set(self), args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

SET_METHOD(set_remove_meth) {
    if (ouro_args_check(vm, "set.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    int rv = ouro_set_discard(vm, self, args[0]);
    if (rv < 0) return NULL;
    if (rv == 0) {
        OuroObject *t = ouro_tuple_pack(vm, 1, args[0]);
        if (t) {
            ouro_err_set(vm, &ouro_exc_KeyError, t);
            ouro_decref(vm, t);
        }
        return NULL;
    }
    return ouro_newref(ouro_none);
}

SET_METHOD(set_discard_meth) {
    if (ouro_args_check(vm, "set.discard", nargs, kwnames, 1, 1) < 0) return NULL;
    if (ouro_set_discard(vm, self, args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

SET_METHOD(set_pop_meth) {
    if (ouro_args_check(vm, "set.pop", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroSet *so = as_set(self);
    if (so->used == 0) {
        ouro_err_set_str(vm, &ouro_exc_KeyError, "pop from an empty set");
        return NULL;
    }
    SetEntry *entry = so->table + (so->finger & so->mask), *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == DUMMY) {
        entry++;
        if (entry > limit) entry = so->table;
    }
    OuroObject *key = entry->key;
    entry->key = DUMMY;
    entry->hash = -1;
    so->used--;
    so->finger = (size_t)(entry - so->table) + 1;
    return key;
}

SET_METHOD(set_clear_meth) {
    if (ouro_args_check(vm, "set.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    set_clear_internal(ouro_heap(vm), as_set(self));
    return ouro_newref(ouro_none);
}

SET_METHOD(set_copy_meth) {
    if (ouro_args_check(vm, "set.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return set_copy_of(vm, self);
}

SET_METHOD(frozenset_copy_meth) {
    if (ouro_args_check(vm, "frozenset.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    if (self->type == &ouro_frozenset_type) return ouro_newref(self);
    return set_copy_of(vm, self);
}

static bool no_keywords(OuroVM *vm, const char *fname, OuroObject *kwnames) {
    return ouro_args_check(vm, fname, 0, kwnames, 0, 0) == 0;
}

SET_METHOD(set_union_meth) {
    if (!no_keywords(vm, "set.union", kwnames)) return NULL;
    OuroObject *result = set_copy_of(vm, self);
    for (size_t i = 0; result && i < nargs; i++)
        if (args[i] != self && set_update_internal(vm, as_set(result), args[i]) < 0) ouro_clear(vm, &result);
    return result;
}

SET_METHOD(set_update_meth) {
    if (!no_keywords(vm, "set.update", kwnames)) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_update_internal(vm, as_set(self), args[i]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *intersection_multi(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs) {
    if (nargs == 0) return set_copy_of(vm, self);
    OuroObject *result = ouro_newref(self);
    for (size_t i = 0; result && i < nargs; i++) {
        OuroObject *next = set_intersection(vm, result, args[i]);
        ouro_decref(vm, result);
        result = next;
    }
    return result;
}

SET_METHOD(set_intersection_meth) {
    if (!no_keywords(vm, "set.intersection", kwnames)) return NULL;
    return intersection_multi(vm, self, args, nargs);
}

SET_METHOD(set_intersection_update_meth) {
    if (!no_keywords(vm, "set.intersection_update", kwnames)) return NULL;
    OuroObject *tmp = intersection_multi(vm, self, args, nargs);
    if (!tmp) return NULL;
    set_swap_bodies(as_set(self), as_set(tmp));
    ouro_decref(vm, tmp);
    return ouro_newref(ouro_none);
}

SET_METHOD(set_difference_meth) {
    if (!no_keywords(vm, "set.difference", kwnames)) return NULL;
    if (nargs == 0) return set_copy_of(vm, self);
    OuroObject *result = set_difference(vm, self, args[0]);
    for (size_t i = 1; result && i < nargs; i++)
        if (set_difference_update_internal(vm, as_set(result), args[i]) < 0) ouro_clear(vm, &result);
    return result;
}

SET_METHOD(set_difference_update_meth) {
    if (!no_keywords(vm, "set.difference_update", kwnames)) return NULL;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update_internal(vm, as_set(self), args[i]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

SET_METHOD(set_symmetric_difference_meth) {
    if (ouro_args_check(vm, "set.symmetric_difference", nargs, kwnames, 1, 1) < 0) return NULL;
    return set_symmetric_difference(vm, self, args[0]);
}

SET_METHOD(set_symmetric_difference_update_meth) {
    if (ouro_args_check(vm, "set.symmetric_difference_update", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_symmetric_difference_update_internal(vm, as_set(self), args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

SET_METHOD(set_issubset_meth) {
    if (ouro_args_check(vm, "set.issubset", nargs, kwnames, 1, 1) < 0) return NULL;
    return bool_result(set_issubset_int(vm, self, args[0]));
}

SET_METHOD(set_issuperset_meth) {
    if (ouro_args_check(vm, "set.issuperset", nargs, kwnames, 1, 1) < 0) return NULL;
    return bool_result(set_issuperset_int(vm, self, args[0]));
}

SET_METHOD(set_isdisjoint_meth) {
    if (ouro_args_check(vm, "set.isdisjoint", nargs, kwnames, 1, 1) < 0) return NULL;
    return bool_result(set_isdisjoint_int(vm, self, args[0]));
}

static const OuroMethodDef set_methods[] = {
    {"add", set_add_meth, 0, "Add an element to a set."},
    {"clear", set_clear_meth, 0, "Remove all elements from this set."},
    {"copy", set_copy_meth, 0, "Return a shallow copy of a set."},
    {"discard", set_discard_meth, 0, "Remove an element from a set if it is a member."},
    {"difference", set_difference_meth, 0, "Return the difference of two or more sets as a new set."},
    {"difference_update", set_difference_update_meth, 0, "Remove all elements of another set from this set."},
    {"intersection", set_intersection_meth, 0, "Return the intersection of two sets as a new set."},
    {"intersection_update", set_intersection_update_meth, 0, "Update a set with the intersection of itself and another."},
    {"isdisjoint", set_isdisjoint_meth, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, 0, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, 0, "Report whether this set contains another set."},
    {"pop", set_pop_meth, 0, "Remove and return an arbitrary set element."},
    {"remove", set_remove_meth, 0, "Remove an element from a set; it must be a member."},
    {"symmetric_difference", set_symmetric_difference_meth, 0, "Return the symmetric difference of two sets as a new set."},
    {"symmetric_difference_update", set_symmetric_difference_update_meth, 0, "Update a set with the symmetric difference of itself and another."},
    {"union", set_union_meth, 0, "Return the union of sets as a new set."},
    {"update", set_update_meth, 0, "Update a set with the union of itself and others."},
    {NULL, NULL, 0, NULL},
};

static const OuroMethodDef frozenset_methods[] = {
    {"copy", frozenset_copy_meth, 0, "Return a shallow copy of a set."},
    {"difference", set_difference_meth, 0, "Return the difference of two or more sets as a new set."},
    {"intersection", set_intersection_meth, 0, "Return the intersection of two sets as a new set."},
    {"isdisjoint", set_isdisjoint_meth, 0, "Return True if two sets have a null intersection."},
    {"issubset", set_issubset_meth, 0, "Report whether another set contains this set."},
    {"issuperset", set_issuperset_meth, 0, "Report whether this set contains another set."},
    {"symmetric_difference", set_symmetric_difference_meth, 0, "Return the symmetric difference of two sets as a new set."},
    {"union", set_union_meth, 0, "Return the union of sets as a new set."},
    {NULL, NULL, 0, NULL},
};

/* ---- construction ---------------------------------------------------------------------------- */

static OuroObject *set_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    if (type == &ouro_set_type && !no_keywords(vm, "set", kwnames)) return NULL;
    return make_new_set(vm, type, NULL);
}

static int set_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                    OuroObject *kwnames) {
    if (ouro_args_check(vm, "set", nargs, kwnames, 0, 1) < 0) return -1;
    if (as_set(self)->fill) set_clear_internal(ouro_heap(vm), as_set(self));
    as_set(self)->hash = -1;
    return nargs ? set_update_internal(vm, as_set(self), args[0]) : 0;
}

static OuroObject *frozenset_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                                 OuroObject *kwnames) {
    if (type == &ouro_frozenset_type && !no_keywords(vm, "frozenset", kwnames)) return NULL;
    if (ouro_args_check(vm, "frozenset", nargs, NULL, 0, 1) < 0) return NULL;
    if (type == &ouro_frozenset_type) return ouro_frozenset_new(vm, nargs ? args[0] : NULL);
    return make_new_set(vm, type, nargs ? args[0] : NULL);
}

/* ---- set_iterator ----------------------------------------------------------------------------- */

typedef struct OuroSetIter {
    OuroObject ob;
    OuroObject *set;                  /* NULL once exhausted */
    size_t used;                      /* the set's size when iteration began */
    size_t pos;
    size_t len;
} OuroSetIter;

static OuroObject *set_iter(OuroVM *vm, OuroObject *self) {
    OuroSetIter *it = (OuroSetIter *)ouro_gc_alloc(ouro_heap(vm), &ouro_set_iterator_type, sizeof(OuroSetIter));
    if (!it) return ouro_err_no_memory(vm);
    it->set = ouro_newref(self);
    it->used = it->len = as_set(self)->used;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)it);
    return (OuroObject *)it;
}

static OuroObject *setiter_next(OuroVM *vm, OuroObject *self) {
    OuroSetIter *it = (OuroSetIter *)self;
    if (!it->set) return NULL;
    OuroSet *so = as_set(it->set);
    if (it->used != so->used) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "Set changed size during iteration");
        it->used = (size_t)-1;
        return NULL;
    }
    SetEntry *e;
    if (!set_next(so, &it->pos, &e)) {
        ouro_clear(vm, &it->set);
        return NULL;
    }
    it->len--;
    return ouro_newref(e->key);
}

static OuroObject *setiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                       size_t nargs, OuroObject *kwnames) {
    OuroSetIter *it = (OuroSetIter *)self;
    size_t n = it->set && it->used == as_set(it->set)->used ? it->len : 0;
    return ouro_smallint((intptr_t)n);
}

static const OuroMethodDef setiter_methods[] = {
    {"__length_hint__", setiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_set_iterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = ouro_source_iter_traverse, .clear = ouro_source_iter_clear, .dealloc = ouro_source_iter_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "set_iterator",
    .basicsize = sizeof(OuroSetIter),
    .iter = ouro_iter_self,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

OuroType ouro_set_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = set_traverse, .clear = set_clear_hook, .dealloc = set_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(OuroSet, weaklist)},
    .name = "set",
    .basicsize = sizeof(OuroSet),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = set_repr,
    .hash = ouro_hash_unhashable,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .new_ = set_new,
    .init = set_init,
    .nb = {[OURO_NB_OR] = set_or, [OURO_NB_AND] = set_and, [OURO_NB_SUBTRACT] = set_sub,
           [OURO_NB_XOR] = set_xor},
    .nb_inplace = {[OURO_NB_OR] = set_ior, [OURO_NB_AND] = set_iand, [OURO_NB_SUBTRACT] = set_isub,
                   [OURO_NB_XOR] = set_ixor},
    .length = set_length,
    .contains = set_contains_slot,
    .methods = set_methods,
    .doc = "set() -> new empty set object\nset(iterable) -> new set object",
};

OuroType ouro_frozenset_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = set_traverse, .clear = set_clear_hook, .dealloc = set_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(OuroSet, weaklist)},
    .name = "frozenset",
    .basicsize = sizeof(OuroSet),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .iter = set_iter,
    .new_ = frozenset_new,
    .nb = {[OURO_NB_OR] = set_or, [OURO_NB_AND] = set_and, [OURO_NB_SUBTRACT] = set_sub,
           [OURO_NB_XOR] = set_xor},
    .length = set_length,
    .contains = set_contains_slot,
    .methods = frozenset_methods,
    .doc = "frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object",
};

int ouro_set_update(OuroVM *vm, OuroObject *set, OuroObject *iterable) {
    return set_update_internal(vm, as_set(set), iterable);
}

int ouro_set_difference_update(OuroVM *vm, OuroObject *set, OuroObject *iterable) {
    return set_difference_update_internal(vm, as_set(set), iterable);
}

int ouro_set_symmetric_difference_update(OuroVM *vm, OuroObject *set, OuroObject *iterable) {
    return set_symmetric_difference_update_internal(vm, as_set(set), iterable);
}
