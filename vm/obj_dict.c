/* vm/obj_dict.c — dict: CPython's compact ordered layout. A keys block holds an index table
 * (int8/16/32/64 slots, open addressing with CPython's perturbed probing) followed by a dense
 * entry array in insertion order; deletion leaves a DUMMY slot and a NULL entry until the next
 * resize. Keys blocks that only ever held exact str keys take a fast path (pointer, then hash,
 * then ouro_str_equal) that never runs user code. Also the dict iterators (forward and
 * reversed, keys/values/items); the views are in vm/obj_dictview.c. */
#define OURO_DICT_INTERNAL
#include "vm/dict_internal.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

enum { DKIX_EMPTY = -1, DKIX_DUMMY = -2, DKIX_ERROR = -3 };
enum { LOG2_MINSIZE = 3, PERTURB_SHIFT = 5 };

static OuroDict *as_dict(OuroObject *o) { return (OuroDict *)o; }

/* ---- versions and watching (see vm/dict_internal.h) ------------------------------------- */

uint64_t ouro_dict_watch_epoch = 1;
static uint64_t last_keys_version;

/* Every change goes through here: a watched dict invalidates the class-lookup caches. */
static inline void dict_changed(OuroDict *d) {
    if (d->watched) ouro_dict_watch_epoch++;
}

/* A change of the key set or of entry positions: cached entry indexes are stale. */
static inline void keys_changed(OuroDict *d) {
    dict_changed(d);
    if (d->keys) d->keys->version = 0;
}

uint64_t ouro_dict_keys_version(OuroObject *d) {
    DictKeys *k = as_dict(d)->keys;
    if (!k) return 0;
    if (!k->version) k->version = ++last_keys_version;
    return k->version;
}

/* ---- the keys block ------------------------------------------------------------------------ */

static size_t keys_size(const DictKeys *k) { return (size_t)1 << k->log2_size; }
static size_t usable_fraction(size_t size) { return (size << 1) / 3; }

static inline DictEntry *keys_entries(DictKeys *k) { return k->entries; }

static intptr_t ix_get(const DictKeys *k, size_t i) {
    switch (k->log2_index_bytes) {
    case 0: return ((const int8_t *)k->indices)[i];
    case 1: return ((const int16_t *)(const void *)k->indices)[i];
    case 2: return ((const int32_t *)(const void *)k->indices)[i];
    default: return (intptr_t)((const int64_t *)(const void *)k->indices)[i];
    }
}

static void ix_set(DictKeys *k, size_t i, intptr_t ix) {
    switch (k->log2_index_bytes) {
    case 0: ((int8_t *)k->indices)[i] = (int8_t)ix; break;
    case 1: ((int16_t *)(void *)k->indices)[i] = (int16_t)ix; break;
    case 2: ((int32_t *)(void *)k->indices)[i] = (int32_t)ix; break;
    default: ((int64_t *)(void *)k->indices)[i] = ix; break;
    }
}

static size_t keys_bytes(uint8_t log2_size, uint8_t log2_bytes) {
    size_t size = (size_t)1 << log2_size;
    return sizeof(DictKeys) + (size << log2_bytes) + usable_fraction(size) * sizeof(DictEntry);
}

/* Tables come from the heap's pools: small dicts (instance dicts above all) are created and
 * dropped as often as the objects owning them. */
static DictKeys *keys_new(OuroHeap *heap, uint8_t log2_size) {
    uint8_t lb = log2_size < 8 ? 0 : log2_size < 16 ? 1 : log2_size < 32 ? 2 : 3;
    if (log2_size >= 8 * sizeof(size_t) - 6) return NULL;
    size_t size = (size_t)1 << log2_size;
    DictKeys *k = ouro_gc_raw_alloc(heap, keys_bytes(log2_size, lb));
    if (!k) return NULL;
    k->log2_size = log2_size;
    k->log2_index_bytes = lb;
    k->all_str = true;
    k->usable = usable_fraction(size);
    k->nentries = 0;
    k->version = 0;
    k->entries = (DictEntry *)(void *)(k->indices + (size << lb));
    memset(k->indices, 0xff, size << lb);   /* every slot DKIX_EMPTY */
    return k;
}

/* Smallest log2 size whose table holds minsize slots (CPython's calculate_log2_keysize). */
static uint8_t log2_keysize(size_t minsize) {
    uint8_t log2 = LOG2_MINSIZE;
    while (((size_t)1 << log2) < minsize && log2 < 8 * sizeof(size_t) - 7) log2++;
    return log2;
}

/* A free slot for hash (EMPTY or DUMMY), following the probe sequence. */
static size_t find_empty_slot(const DictKeys *k, intptr_t hash) {
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (ix_get(k, i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The slot whose index is ix (the entry must be in the table). */
static size_t slot_of_index(const DictKeys *k, intptr_t hash, intptr_t ix) {
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    while (ix_get(k, i) != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

static bool is_exact_str(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_str_type;
}

static intptr_t str_hash_inline(OuroObject *s) {
    intptr_t h = ((OuroStr *)s)->hash;
    return h != -1 ? h : ouro_str_hash(s);
}

/* Lookup in an all-str table for an exact str key: no user code runs. */
static intptr_t lookup_str(DictKeys *k, OuroObject *key, intptr_t hash) {
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    DictEntry *ep = keys_entries(k);
    for (;;) {
        intptr_t ix = ix_get(k, i);
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            DictEntry *e = &ep[ix];
            if (e->key == key || (e->hash == hash && ouro_str_equal(e->key, key))) return ix;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* General lookup: entry index, DKIX_EMPTY when absent, DKIX_ERROR when __eq__ raised.
 * A comparison may change the dict; the search then restarts (as CPython). */
static intptr_t dict_lookup(OuroVM *vm, OuroDict *d, OuroObject *key, intptr_t hash) {
restart:;
    DictKeys *k = d->keys;
    if (!k) return DKIX_EMPTY;
    bool str_key = is_exact_str(key);
    if (str_key && k->all_str) return lookup_str(k, key, hash);
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        intptr_t ix = ix_get(k, i);
        if (ix == DKIX_EMPTY) return DKIX_EMPTY;
        if (ix >= 0) {
            DictEntry *e = &keys_entries(k)[ix];
            OuroObject *startkey = e->key;
            if (startkey == key) return ix;
            if (e->hash == hash) {
                if (str_key && is_exact_str(startkey)) {
                    if (ouro_str_equal(startkey, key)) return ix;
                } else {
                    ouro_incref(startkey);
                    int cmp = ouro_object_richcompare_bool(vm, startkey, key, OURO_EQ);
                    ouro_decref(vm, startkey);
                    if (cmp < 0) return DKIX_ERROR;
                    if (k != d->keys || keys_entries(k)[ix].key != startkey) goto restart;
                    if (cmp > 0) return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Rebuilds the table with room for the live items (log2 size given); compacts entries. */
static int dict_resize(OuroVM *vm, OuroDict *d, uint8_t log2_size) {
    DictKeys *old = d->keys;
    while (usable_fraction((size_t)1 << log2_size) < d->used) log2_size++;
    DictKeys *k = keys_new(ouro_heap(vm), log2_size);
    if (!k) {
        ouro_err_no_memory(vm);
        return -1;
    }
    if (old) {
        DictEntry *src = keys_entries(old), *dst = keys_entries(k);
        size_t n = 0;
        bool all_str = true;
        for (size_t i = 0; i < old->nentries; i++) {
            if (!src[i].key) continue;
            dst[n] = src[i];
            all_str = all_str && is_exact_str(src[i].key);
            ix_set(k, find_empty_slot(k, src[i].hash), (intptr_t)n);
            n++;
        }
        k->all_str = all_str;
        k->nentries = n;
        k->usable -= n;
        ouro_gc_raw_free(ouro_heap(vm), old);
    }
    d->keys = k;
    d->entries = k->entries;
    return 0;
}

static int dict_grow(OuroVM *vm, OuroDict *d) {
    return dict_resize(vm, d, log2_keysize(d->used * 3));
}

/* CPython's MAINTAIN_TRACKING: a dict starts untracked and is tracked the moment it stores a
 * key or value that may take part in a cycle. Every store (insert_new, dict_insert) comes
 * through here; the test is one flag load once the dict is tracked. */
static inline void maintain_tracking(OuroVM *vm, OuroDict *d, OuroObject *key, OuroObject *value) {
    if (ouro_gc_head(&d->ob)->flags & OURO_GCF_TRACKED) return;
    if (ouro_gc_may_be_tracked(value) || ouro_gc_may_be_tracked(key))
        ouro_gc_track(ouro_heap(vm), &d->ob);
}

/* Appends a new entry for a key known to be absent. Steals key and value. */
static int insert_new(OuroVM *vm, OuroDict *d, OuroObject *key, intptr_t hash, OuroObject *value) {
    if ((!d->keys || d->keys->usable == 0) && dict_grow(vm, d) < 0) {
        ouro_decref(vm, key);
        ouro_decref(vm, value);
        return -1;
    }
    maintain_tracking(vm, d, key, value);
    DictKeys *k = d->keys;
    if (k->all_str && !is_exact_str(key)) k->all_str = false;
    DictEntry *e = &keys_entries(k)[k->nentries];
    ix_set(k, find_empty_slot(k, hash), (intptr_t)k->nentries);
    e->hash = hash;
    e->key = key;
    e->value = value;
    k->usable--;
    k->nentries++;
    d->used++;
    keys_changed(d);
    return 0;
}

/* d[key] = value with a known hash. Steals key and value. */
static int dict_insert(OuroVM *vm, OuroDict *d, OuroObject *key, intptr_t hash, OuroObject *value) {
    intptr_t ix = dict_lookup(vm, d, key, hash);
    if (ix == DKIX_ERROR) {
        ouro_decref(vm, key);
        ouro_decref(vm, value);
        return -1;
    }
    if (ix >= 0) {
        DictEntry *e = &keys_entries(d->keys)[ix];
        OuroObject *old = e->value;
        maintain_tracking(vm, d, key, value);
        e->value = value;
        dict_changed(d);
        ouro_decref(vm, old);
        ouro_decref(vm, key);
        return 0;
    }
    return insert_new(vm, d, key, hash, value);
}

/* Unlinks entry ix; returns its key and value (references passed to the caller). */
static void dict_unlink(OuroDict *d, intptr_t ix, OuroObject **key, OuroObject **value) {
    DictKeys *k = d->keys;
    DictEntry *e = &keys_entries(k)[ix];
    ix_set(k, slot_of_index(k, e->hash, ix), DKIX_DUMMY);
    *key = e->key;
    *value = e->value;
    e->key = e->value = NULL;
    d->used--;
    keys_changed(d);
}

static void set_key_error(OuroVM *vm, OuroObject *key) {
    OuroObject *t = ouro_tuple_pack(vm, 1, key);
    if (!t) return;
    ouro_err_set(vm, &ouro_exc_KeyError, t);
    ouro_decref(vm, t);
}

/* ---- public API ---------------------------------------------------------------------------- */

/* An exact dict starts untracked (it holds nothing yet; see maintain_tracking). Instances of
 * subclasses are tracked at once: they own their heap type, as CPython's. */
static OuroObject *alloc_dict(OuroVM *vm, OuroType *type) {
    OuroObject *o = ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    if (type != &ouro_dict_type) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

OuroObject *ouro_dict_new(OuroVM *vm) { return alloc_dict(vm, &ouro_dict_type); }

size_t ouro_dict_size(OuroObject *d) { return as_dict(d)->used; }

OuroObject *ouro_dict_get(OuroVM *vm, OuroObject *d, OuroObject *key) {
    OuroDict *dp = as_dict(d);
    if (is_exact_str(key)) {
        if (!dp->keys) return NULL;
        intptr_t h = str_hash_inline(key);
        intptr_t ix = dp->keys->all_str ? lookup_str(dp->keys, key, h) : dict_lookup(vm, dp, key, h);
        return ix >= 0 ? keys_entries(dp->keys)[ix].value : NULL;
    }
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return NULL;
    intptr_t ix = dict_lookup(vm, dp, key, hash);
    return ix >= 0 ? keys_entries(dp->keys)[ix].value : NULL;
}

OuroObject *ouro_dict_get_str(OuroObject *d, OuroObject *key) {
    DictKeys *k = as_dict(d)->keys;
    if (!k) return NULL;
    intptr_t hash = str_hash_inline(key);
    if (k->all_str) {
        intptr_t ix = lookup_str(k, key, hash);
        return ix >= 0 ? keys_entries(k)[ix].value : NULL;
    }
    /* Mixed keys: only str keys can equal a str without running user code. */
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        intptr_t ix = ix_get(k, i);
        if (ix == DKIX_EMPTY) return NULL;
        if (ix >= 0) {
            DictEntry *e = &keys_entries(k)[ix];
            if (e->key == key || (e->hash == hash && ouro_str_check(e->key) && ouro_str_equal(e->key, key)))
                return e->value;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

intptr_t ouro_dict_index_str(OuroObject *d, OuroObject *key) {
    DictKeys *k = as_dict(d)->keys;
    if (!k) return -1;
    intptr_t hash = str_hash_inline(key);
    if (k->all_str) {
        intptr_t ix = lookup_str(k, key, hash);
        return ix >= 0 ? ix : -1;
    }
    size_t mask = keys_size(k) - 1, i = (size_t)hash & mask, perturb = (size_t)hash;
    for (;;) {
        intptr_t ix = ix_get(k, i);
        if (ix == DKIX_EMPTY) return -1;
        if (ix >= 0) {
            DictEntry *e = &keys_entries(k)[ix];
            if (e->key == key || (e->hash == hash && ouro_str_check(e->key) && ouro_str_equal(e->key, key)))
                return ix;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

OuroObject *ouro_dict_get_str_hint(OuroObject *d, OuroObject *key, uint32_t *hint) {
    intptr_t ix = ouro_dict_index_str(d, key);
    if (ix < 0) return NULL;
    if ((uintptr_t)ix <= UINT32_MAX) *hint = (uint32_t)ix;
    return keys_entries(as_dict(d)->keys)[ix].value;
}

OuroObject *ouro_dict_get_cstr(OuroVM *vm, OuroObject *d, const char *key) {
    OuroObject *k = ouro_str_from_cstr(vm, key);
    if (!k) return NULL;
    OuroObject *v = ouro_dict_get_str(d, k);
    ouro_decref(vm, k);
    return v;
}

int ouro_dict_set(OuroVM *vm, OuroObject *d, OuroObject *key, OuroObject *value) {
    intptr_t hash = is_exact_str(key) ? str_hash_inline(key) : ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return dict_insert(vm, as_dict(d), ouro_newref(key), hash, ouro_newref(value));
}

int ouro_dict_set_cstr(OuroVM *vm, OuroObject *d, const char *key, OuroObject *value) {
    OuroObject *k = ouro_str_intern_cstr(vm, key);
    if (!k) return -1;
    int r = ouro_dict_set(vm, d, k, value);
    ouro_decref(vm, k);
    return r;
}

/* Removes key: 1 removed (old value in *value_out if given, else released), 0 absent. */
static int dict_pop_known(OuroVM *vm, OuroDict *d, OuroObject *key, intptr_t hash,
                          OuroObject **value_out) {
    if (d->used == 0) return 0;
    intptr_t ix = dict_lookup(vm, d, key, hash);
    if (ix == DKIX_ERROR) return -1;
    if (ix < 0) return 0;
    OuroObject *k, *v;
    dict_unlink(d, ix, &k, &v);
    ouro_decref(vm, k);
    if (value_out) *value_out = v;
    else ouro_decref(vm, v);
    return 1;
}

int ouro_dict_discard(OuroVM *vm, OuroObject *d, OuroObject *key) {
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return dict_pop_known(vm, as_dict(d), key, hash, NULL);
}

int ouro_dict_del(OuroVM *vm, OuroObject *d, OuroObject *key) {
    int r = ouro_dict_discard(vm, d, key);
    if (r == 0) {
        set_key_error(vm, key);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

/* Detaches the whole table, then releases its entries (the dict is empty meanwhile). */
static void dict_clear_table(OuroHeap *heap, OuroDict *d) {
    DictKeys *k = d->keys;
    if (!k) return;
    keys_changed(d);
    d->keys = NULL;
    d->entries = NULL;
    d->used = 0;
    DictEntry *ep = keys_entries(k);
    for (size_t i = 0; i < k->nentries; i++) {
        if (!ep[i].key) continue;
        ouro_gc_decref(heap, ep[i].key);
        ouro_gc_decref(heap, ep[i].value);
    }
    ouro_gc_raw_free(heap, k);
}

void ouro_dict_clear(OuroVM *vm, OuroObject *d) { dict_clear_table(ouro_heap(vm), as_dict(d)); }

bool ouro_dict_next(OuroObject *d, size_t *pos, OuroObject **key, OuroObject **value) {
    DictKeys *k = as_dict(d)->keys;
    if (!k) return false;
    DictEntry *ep = keys_entries(k);
    for (size_t i = *pos; i < k->nentries; i++) {
        if (ep[i].key) {
            *pos = i + 1;
            if (key) *key = ep[i].key;
            if (value) *value = ep[i].value;
            return true;
        }
    }
    *pos = k->nentries;
    return false;
}

/* Iteration that also yields the stored hash (set construction from a dict uses it). */
bool ouro_dict_next_hash(OuroObject *d, size_t *pos, OuroObject **key, OuroObject **value,
                         intptr_t *hash) {
    DictKeys *k = as_dict(d)->keys;
    if (!k) return false;
    DictEntry *ep = keys_entries(k);
    for (size_t i = *pos; i < k->nentries; i++) {
        if (ep[i].key) {
            *pos = i + 1;
            *key = ep[i].key;
            if (value) *value = ep[i].value;
            *hash = ep[i].hash;
            return true;
        }
    }
    *pos = k->nentries;
    return false;
}

/* 1 when key (with its precomputed hash) is in d, 0 when not, -1 on error. */
int ouro_dict_contains_hash(OuroVM *vm, OuroObject *d, OuroObject *key, intptr_t hash) {
    intptr_t ix = dict_lookup(vm, as_dict(d), key, hash);
    return ix == DKIX_ERROR ? -1 : ix >= 0;
}

static OuroObject *clone_exact(OuroVM *vm, OuroDict *src) {
    OuroObject *o = ouro_dict_new(vm);
    if (!o) return NULL;
    DictKeys *k = src->keys;
    size_t bytes = keys_bytes(k->log2_size, k->log2_index_bytes);
    DictKeys *copy = ouro_gc_raw_alloc(ouro_heap(vm), bytes);
    if (!copy) {
        ouro_decref(vm, o);
        return ouro_err_no_memory(vm);
    }
    memcpy(copy, k, bytes);
    copy->version = 0;
    copy->entries = (DictEntry *)(void *)(copy->indices + (keys_size(copy) << copy->log2_index_bytes));
    DictEntry *ep = keys_entries(copy);
    for (size_t i = 0; i < copy->nentries; i++) {
        ouro_incref(ep[i].key);
        ouro_incref(ep[i].value);
    }
    as_dict(o)->keys = copy;
    as_dict(o)->entries = copy->entries;
    as_dict(o)->used = src->used;
    /* As CPython's clone_combined_dict: the copy is tracked when the original is. */
    if (ouro_gc_is_tracked(&src->ob)) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

OuroObject *ouro_dict_copy(OuroVM *vm, OuroObject *d) {
    OuroDict *src = as_dict(d);
    /* A dense table (no deleted entries) is copied wholesale, as CPython's clone_combined_dict. */
    if (src->keys && src->used == src->keys->nentries) return clone_exact(vm, src);
    OuroObject *o = ouro_dict_new(vm);
    if (o && ouro_dict_merge(vm, o, d, true) < 0) ouro_clear(vm, &o);
    return o;
}

static OuroObject *dict_iter(OuroVM *vm, OuroObject *self);

/* True when other is a dict whose iteration is the built-in one (CPython's fast-merge test). */
static bool plain_dict_iteration(OuroObject *other) {
    return ouro_dict_check(other) && ouro_type_of(other)->iter == dict_iter;
}

/* Merges a mapping that is not a plain dict: for key in other.keys(): d[key] = other[key]. */
static int merge_mapping(OuroVM *vm, OuroObject *d, OuroObject *other, bool override) {
    OuroObject *keys = ouro_object_call_method(vm, other, OURO_ID(vm, keys), NULL, 0);
    if (!keys) return -1;
    OuroObject *it = ouro_object_getiter(vm, keys);
    ouro_decref(vm, keys);
    if (!it) return -1;
    OuroObject *key;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int r = 0;
        if (!override) {
            r = ouro_dict_get(vm, d, key) != NULL;
            if (!r && ouro_err_occurred(vm)) r = -1;
        }
        if (r == 0) {
            OuroObject *value = ouro_object_getitem(vm, other, key);
            r = value ? ouro_dict_set(vm, d, key, value) : -1;
            ouro_xdecref(vm, value);
        }
        ouro_decref(vm, key);
        if (r < 0) break;
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : 0;
}

int ouro_dict_merge(OuroVM *vm, OuroObject *d, OuroObject *other, bool override) {
    if (!plain_dict_iteration(other)) return merge_mapping(vm, d, other, override);
    if (d == other) return 0;
    OuroDict *a = as_dict(d), *b = as_dict(other);
    if (b->used == 0) return 0;
    size_t need = a->used + b->used;
    if ((!a->keys || usable_fraction(keys_size(a->keys)) < need) &&
        dict_resize(vm, a, log2_keysize((need * 3 + 1) / 2)) < 0)
        return -1;
    /* Walk by index and re-check bounds: a key's __eq__ may change `other`. */
    for (size_t i = 0; b->keys && i < b->keys->nentries; i++) {
        DictEntry *e = &keys_entries(b->keys)[i];
        if (!e->key) continue;
        OuroObject *key = ouro_newref(e->key), *value = ouro_newref(e->value);
        intptr_t hash = e->hash;
        int r;
        if (override) {
            r = dict_insert(vm, a, key, hash, value);
        } else {
            intptr_t ix = dict_lookup(vm, a, key, hash);
            r = ix == DKIX_ERROR ? -1 : 0;
            if (ix == DKIX_EMPTY) {
                r = insert_new(vm, a, key, hash, value);
            } else {
                ouro_decref(vm, key);
                ouro_decref(vm, value);
            }
        }
        if (r < 0) return -1;
    }
    return 0;
}

/* The item as a key/value pair for update(): list/tuple, or any iterable of length 2. */
static OuroObject *pair_as_sequence(OuroVM *vm, OuroObject *item, size_t index) {
    if (ouro_tuple_check(item) || ouro_list_check(item)) return ouro_newref(item);
    OuroObject *it = ouro_object_getiter(vm, item);
    if (!it) {
        if (ouro_err_matches(vm, &ouro_exc_TypeError)) {
            ouro_err_clear(vm);
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "cannot convert dictionary update sequence element #%zu to a sequence", index);
        }
        return NULL;
    }
    OuroObject *l = ouro_list_new(vm, 2);
    if (l && ouro_list_extend(vm, l, it) < 0) ouro_clear(vm, &l);
    ouro_decref(vm, it);
    return l;
}

static int merge_from_pairs(OuroVM *vm, OuroObject *d, OuroObject *seq, bool override) {
    OuroObject *it = ouro_object_getiter(vm, seq);
    if (!it) return -1;
    OuroObject *item;
    for (size_t i = 0; (item = ouro_iter_next(vm, it)) != NULL; i++) {
        OuroObject *fast = pair_as_sequence(vm, item, i);
        ouro_decref(vm, item);
        if (!fast) break;
        bool is_list = ouro_list_check(fast);
        size_t n = is_list ? ouro_list_size(fast) : ouro_tuple_size(fast);
        int r = -1;
        if (n != 2) {
            ouro_err_format(vm, &ouro_exc_ValueError,
                            "dictionary update sequence element #%zu has length %zu; 2 is required", i, n);
        } else {
            OuroObject *key = is_list ? ouro_list_get(fast, 0) : ouro_tuple_get(fast, 0);
            OuroObject *value = is_list ? ouro_list_get(fast, 1) : ouro_tuple_get(fast, 1);
            ouro_incref(key);
            ouro_incref(value);
            if (override) {
                r = ouro_dict_set(vm, d, key, value);
            } else {
                r = ouro_dict_get(vm, d, key) ? 0 : ouro_err_occurred(vm) ? -1 : ouro_dict_set(vm, d, key, value);
            }
            ouro_decref(vm, key);
            ouro_decref(vm, value);
        }
        ouro_decref(vm, fast);
        if (r < 0) break;
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : 0;
}

int ouro_dict_update(OuroVM *vm, OuroObject *d, OuroObject *other) {
    if (!OURO_IS_SMALLINT(other) && other->type == &ouro_dict_type) return ouro_dict_merge(vm, d, other, true);
    OuroObject *keys = ouro_object_lookup_attr(vm, other, OURO_ID(vm, keys));
    if (keys) {
        ouro_decref(vm, keys);
        return ouro_dict_merge(vm, d, other, true);
    }
    if (ouro_err_occurred(vm)) return -1;
    return merge_from_pairs(vm, d, other, true);
}

OuroObject *ouro_dict_keys_list(OuroVM *vm, OuroObject *d) {
    OuroObject *l = ouro_list_new(vm, as_dict(d)->used);
    if (!l) return NULL;
    size_t pos = 0;
    OuroObject *key;
    while (ouro_dict_next(d, &pos, &key, NULL)) {
        if (ouro_list_append(vm, l, key) < 0) {
            ouro_decref(vm, l);
            return NULL;
        }
    }
    return l;
}

/* ---- collector hooks ----------------------------------------------------------------------- */

/* As CPython's dict_traverse (and in its order, which gc.get_referents shows): value then
 * key; a table of exact str keys visits only the values, as a str can never be tracked. */
static int dict_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    DictKeys *k = as_dict(self)->keys;
    if (k) {
        DictEntry *ep = keys_entries(k);
        bool values_only = k->all_str;
        for (size_t i = 0; i < k->nentries; i++) {
            if (!ep[i].key) continue;
            int r = visit(ep[i].value, arg);
            if (!r && !values_only) r = visit(ep[i].key, arg);
            if (r) return r;
        }
    }
    return ouro_subclass_traverse(self, visit, arg);
}

static void dict_clear_hook(OuroHeap *heap, OuroObject *self) {
    ouro_subclass_clear(heap, self);
    dict_clear_table(heap, as_dict(self));
}

static void dict_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    dict_clear_hook(heap, self);
    ouro_subclass_free(heap, self);
}

/* ---- slots --------------------------------------------------------------------------------- */

static OuroObject *dict_repr(OuroVM *vm, OuroObject *self) {
    OuroDict *d = as_dict(self);
    if (d->used == 0) return ouro_str_from_cstr(vm, "{}");
    int rr = ouro_repr_enter(vm, self);
    if (rr != 0) return rr > 0 ? ouro_str_from_cstr(vm, "{...}") : NULL;
    if (ouro_c_stack_check(vm, " while getting the repr of an object") < 0) {
        ouro_repr_leave(vm, self);
        return NULL;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append_char(&b, '{');
    bool first = true;
    int rc = 0;
    for (size_t i = 0; rc == 0 && d->keys && i < d->keys->nentries; i++) {
        DictEntry *e = &keys_entries(d->keys)[i];
        if (!e->key) continue;
        OuroObject *key = ouro_newref(e->key), *value = ouro_newref(e->value);
        if (!first) ouro_strbuf_append(&b, ", ", 2);
        first = false;
        rc = ouro_strbuf_append_repr(vm, &b, key);
        if (rc == 0) {
            ouro_strbuf_append(&b, ": ", 2);
            rc = ouro_strbuf_append_repr(vm, &b, value);
        }
        ouro_decref(vm, key);
        ouro_decref(vm, value);
    }
    ouro_repr_leave(vm, self);
    if (rc < 0) {
        ouro_strbuf_release(&b);
        return NULL;
    }
    ouro_strbuf_append_char(&b, '}');
    return ouro_strbuf_finish(vm, &b);
}

static int dict_equal(OuroVM *vm, OuroDict *a, OuroDict *b) {
    if (a->used != b->used) return 0;
    for (size_t i = 0; a->keys && i < a->keys->nentries; i++) {
        DictEntry *e = &keys_entries(a->keys)[i];
        if (!e->key) continue;
        OuroObject *key = ouro_newref(e->key), *aval = ouro_newref(e->value);
        intptr_t ix = dict_lookup(vm, b, key, e->hash);
        int cmp;
        if (ix < 0) {
            cmp = ix == DKIX_ERROR ? -1 : 0;
        } else {
            OuroObject *bval = ouro_newref(keys_entries(b->keys)[ix].value);
            cmp = ouro_object_richcompare_bool(vm, aval, bval, OURO_EQ);
            ouro_decref(vm, bval);
        }
        ouro_decref(vm, key);
        ouro_decref(vm, aval);
        if (cmp <= 0) return cmp;
    }
    return 1;
}

static OuroObject *dict_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_dict_check(a) || !ouro_dict_check(b) || (op != OURO_EQ && op != OURO_NE))
        return ouro_newref(ouro_not_implemented);
    if (ouro_c_stack_check(vm, " in comparison") < 0) return NULL;
    int r = dict_equal(vm, as_dict(a), as_dict(b));
    if (r < 0) return NULL;
    return ouro_newref(ouro_bool_from((r == 1) == (op == OURO_EQ)));
}

static intptr_t dict_length(OuroVM *vm, OuroObject *self) { return (intptr_t)as_dict(self)->used; }

static int dict_contains(OuroVM *vm, OuroObject *self, OuroObject *key) {
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return -1;
    return ouro_dict_contains_hash(vm, self, key, hash);
}

static OuroObject *dict_subscript(OuroVM *vm, OuroObject *self, OuroObject *key) {
    OuroObject *v = ouro_dict_get(vm, self, key);
    if (v) return ouro_newref(v);
    if (ouro_err_occurred(vm)) return NULL;
    if (self->type != &ouro_dict_type && ouro_type_lookup(self->type, OURO_ID(vm, __missing__)))
        return ouro_object_call_method(vm, self, OURO_ID(vm, __missing__), &key, 1);
    set_key_error(vm, key);
    return NULL;
}

static int dict_ass_subscript(OuroVM *vm, OuroObject *self, OuroObject *key, OuroObject *value) {
    return value ? ouro_dict_set(vm, self, key, value) : ouro_dict_del(vm, self, key);
}

static OuroObject *dict_or(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_dict_check(a) || !ouro_dict_check(b)) return ouro_newref(ouro_not_implemented);
    OuroObject *r = ouro_dict_copy(vm, a);
    if (r && ouro_dict_update(vm, r, b) < 0) ouro_clear(vm, &r);
    return r;
}

static OuroObject *dict_ior(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_dict_check(a)) return ouro_newref(ouro_not_implemented);
    if (ouro_dict_update(vm, a, b) < 0) return NULL;
    return ouro_newref(a);
}

/* ---- methods ------------------------------------------------------------------------------- */

/* update(self, [other], **kw) shared by dict() and dict.update(). */
static int update_common(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                         OuroObject *kwnames, const char *fname) {
    if (nargs > 1) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s expected at most 1 argument, got %zu", fname, nargs);
        return -1;
    }
    if (nargs == 1 && ouro_dict_update(vm, self, args[0]) < 0) return -1;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (ouro_dict_set(vm, self, ouro_tuple_get(kwnames, i), args[nargs + i]) < 0) return -1;
    return 0;
}

static OuroObject *dict_update_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (update_common(vm, self, args, nargs, kwnames, "update") < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *dict_get_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.get", nargs, kwnames, 1, 2) < 0) return NULL;
    OuroObject *v = ouro_dict_get(vm, self, args[0]);
    if (!v && ouro_err_occurred(vm)) return NULL;
    return ouro_newref(v ? v : nargs > 1 ? args[1] : ouro_none);
}

static OuroObject *dict_setdefault(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.setdefault", nargs, kwnames, 1, 2) < 0) return NULL;
    OuroObject *key = args[0], *dflt = nargs > 1 ? args[1] : ouro_none;
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return NULL;
    OuroDict *d = as_dict(self);
    intptr_t ix = dict_lookup(vm, d, key, hash);
    if (ix == DKIX_ERROR) return NULL;
    if (ix >= 0) return ouro_newref(keys_entries(d->keys)[ix].value);
    if (insert_new(vm, d, ouro_newref(key), hash, ouro_newref(dflt)) < 0) return NULL;
    return ouro_newref(dflt);
}

static OuroObject *dict_pop(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.pop", nargs, kwnames, 1, 2) < 0) return NULL;
    OuroObject *key = args[0];
    intptr_t hash = ouro_hash_fast(vm, key);
    if (hash == -1) return NULL;
    OuroObject *v = NULL;
    int r = dict_pop_known(vm, as_dict(self), key, hash, &v);
    if (r < 0) return NULL;
    if (r > 0) return v;
    if (nargs > 1) return ouro_newref(args[1]);
    set_key_error(vm, key);
    return NULL;
}

static OuroObject *dict_popitem(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.popitem", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroDict *d = as_dict(self);
    if (d->used == 0) {
        ouro_err_set_str(vm, &ouro_exc_KeyError, "popitem(): dictionary is empty");
        return NULL;
    }
    /* Make the result first: then nothing can fail once the item is unlinked. */
    OuroObject *res = ouro_tuple_new(vm, 2);
    if (!res) return NULL;
    DictKeys *k = d->keys;
    intptr_t i = (intptr_t)k->nentries - 1;
    while (i >= 0 && !keys_entries(k)[i].key) i--;
    OuroObject *key, *value;
    dict_unlink(d, i, &key, &value);
    k->nentries = (size_t)i;   /* the trailing entries are free again; usable stays (DUMMY slot) */
    ouro_tuple_items(res)[0] = key;
    ouro_tuple_items(res)[1] = value;
    ouro_tuple_track_if_needed(vm, res);
    return res;
}

static OuroObject *dict_copy_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dict_copy(vm, self);
}

static OuroObject *dict_clear_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    ouro_dict_clear(vm, self);
    return ouro_newref(ouro_none);
}

static OuroObject *dict_fromkeys(OuroVM *vm, OuroObject *cls, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.fromkeys", nargs, kwnames, 1, 2) < 0) return NULL;
    OuroObject *value = nargs > 1 ? args[1] : ouro_none;
    OuroObject *d = ouro_object_call0(vm, cls);
    if (!d) return NULL;
    bool fast = !OURO_IS_SMALLINT(d) && d->type == &ouro_dict_type;
    OuroObject *it = ouro_object_getiter(vm, args[0]);
    if (!it) {
        ouro_decref(vm, d);
        return NULL;
    }
    OuroObject *key;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int r = fast ? ouro_dict_set(vm, d, key, value) : ouro_object_setitem(vm, d, key, value);
        ouro_decref(vm, key);
        if (r < 0) break;
    }
    ouro_decref(vm, it);
    if (ouro_err_occurred(vm)) ouro_clear(vm, &d);
    return d;
}

static OuroObject *dict_keys_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.keys", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dictview_new(vm, self, &ouro_dict_keys_type);
}

static OuroObject *dict_values_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.values", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dictview_new(vm, self, &ouro_dict_values_type);
}

static OuroObject *dict_items_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.items", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dictview_new(vm, self, &ouro_dict_items_type);
}

static OuroObject *dict_reversed_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dict.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dict_iter_new(vm, self, OURO_DICT_ITER_KEYS, true);
}

static const OuroMethodDef dict_methods[] = {
    {"keys", dict_keys_meth, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dict_items_meth, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"values", dict_values_meth, 0, "D.values() -> an object providing a view on D's values"},
    {"get", dict_get_meth, 0, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", dict_setdefault, 0, "Insert key with a value of default if key is not in the dictionary."},
    {"pop", dict_pop, 0, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", dict_popitem, 0, "Remove and return a (key, value) pair as a 2-tuple."},
    {"update", dict_update_meth, 0, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"copy", dict_copy_meth, 0, "D.copy() -> a shallow copy of D"},
    {"clear", dict_clear_meth, 0, "D.clear() -> None.  Remove all items from D."},
    {"fromkeys", dict_fromkeys, OURO_METH_CLASS, "Create a new dictionary with keys from iterable and values set to value."},
    {"__reversed__", dict_reversed_meth, 0, "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL},
};

static OuroObject *dict_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    return alloc_dict(vm, type);
}

static int dict_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                     OuroObject *kwnames) {
    return update_common(vm, self, args, nargs, kwnames, "dict");
}

/* ---- iterators ----------------------------------------------------------------------------- */

typedef struct OuroDictIter {
    OuroObject ob;
    OuroObject *dict;                 /* NULL once exhausted */
    intptr_t used;                    /* the dict's size when iteration began; -1 after a change */
    intptr_t pos;                     /* next entry index (reversed: counts down) */
    size_t len;                       /* items still expected */
    OuroObject *result;               /* items: the (key, value) tuple, reused when unshared */
} OuroDictIter;

static OuroType *const iter_types[2][3] = {
    {&ouro_dict_keyiterator_type, &ouro_dict_valueiterator_type, &ouro_dict_itemiterator_type},
    {&ouro_dict_reversekeyiterator_type, &ouro_dict_reversevalueiterator_type,
     &ouro_dict_reverseitemiterator_type},
};

OuroObject *ouro_dict_iter_new(OuroVM *vm, OuroObject *dict, OuroDictIterKind kind, bool reversed) {
    OuroDictIter *it = (OuroDictIter *)ouro_gc_alloc(ouro_heap(vm), iter_types[reversed][kind],
                                                     sizeof(OuroDictIter));
    if (!it) return ouro_err_no_memory(vm);
    OuroDict *d = as_dict(dict);
    it->dict = ouro_newref(dict);
    it->used = (intptr_t)d->used;
    it->len = d->used;
    it->pos = reversed ? (d->keys ? (intptr_t)d->keys->nentries - 1 : -1) : 0;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)it);
    return (OuroObject *)it;
}

static OuroObject *dict_iter(OuroVM *vm, OuroObject *self) {
    return ouro_dict_iter_new(vm, self, OURO_DICT_ITER_KEYS, false);
}

/* The next live entry, or NULL at the end (with RuntimeError when the dict changed). */
static DictEntry *dictiter_advance(OuroVM *vm, OuroDictIter *it, bool reversed) {
    OuroDict *d = as_dict(it->dict);
    if (it->used != (intptr_t)d->used) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "dictionary changed size during iteration");
        it->used = -1;
        return NULL;
    }
    DictKeys *k = d->keys;
    DictEntry *e = NULL;
    intptr_t i = it->pos;
    if (k && reversed) {
        if (i >= (intptr_t)k->nentries) i = (intptr_t)k->nentries - 1;
        while (i >= 0 && !keys_entries(k)[i].key) i--;
        if (i >= 0) e = &keys_entries(k)[i];
        it->pos = i - 1;
    } else if (k) {
        while (i < (intptr_t)k->nentries && !keys_entries(k)[i].key) i++;
        if (i < (intptr_t)k->nentries) e = &keys_entries(k)[i];
        it->pos = i + 1;
    }
    if (!e) {
        ouro_clear(vm, &it->dict);
        return NULL;
    }
    if (it->len == 0) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "dictionary keys changed during iteration");
        ouro_clear(vm, &it->dict);
        return NULL;
    }
    it->len--;
    return e;
}

static OuroObject *item_pair(OuroVM *vm, OuroDictIter *it, OuroObject *key, OuroObject *value) {
    OuroObject *r = it->result;
    if (r && r->refcnt == 1) {   /* nobody else sees the last pair: refill it in place */
        OuroObject **items = ouro_tuple_items(r);
        OuroObject *ok = items[0], *ov = items[1];
        items[0] = ouro_newref(key);
        items[1] = ouro_newref(value);
        ouro_decref(vm, ok);
        ouro_decref(vm, ov);
        ouro_tuple_track_if_needed(vm, r);
        return ouro_newref(r);
    }
    r = ouro_tuple_pack(vm, 2, key, value);
    if (r) ouro_setref(vm, &it->result, ouro_newref(r));
    return r;
}

static OuroObject *dictiter_next_kind(OuroVM *vm, OuroObject *self, OuroDictIterKind kind, bool rev) {
    OuroDictIter *it = (OuroDictIter *)self;
    if (!it->dict) return NULL;
    DictEntry *e = dictiter_advance(vm, it, rev);
    if (!e) return NULL;
    switch (kind) {
    case OURO_DICT_ITER_KEYS: return ouro_newref(e->key);
    case OURO_DICT_ITER_VALUES: return ouro_newref(e->value);
    default: return item_pair(vm, it, e->key, e->value);
    }
}

static OuroObject *keyiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_KEYS, false); }
static OuroObject *valueiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_VALUES, false); }
static OuroObject *itemiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_ITEMS, false); }
static OuroObject *rkeyiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_KEYS, true); }
static OuroObject *rvalueiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_VALUES, true); }
static OuroObject *ritemiter_next(OuroVM *vm, OuroObject *s) { return dictiter_next_kind(vm, s, OURO_DICT_ITER_ITEMS, true); }

static OuroObject *dictiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kwnames) {
    OuroDictIter *it = (OuroDictIter *)self;
    size_t n = it->dict && it->used == (intptr_t)as_dict(it->dict)->used ? it->len : 0;
    return ouro_smallint((intptr_t)n);
}

static int dictiter_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroDictIter *it = (OuroDictIter *)self;
    int r = it->dict ? visit(it->dict, arg) : 0;
    if (!r && it->result) r = visit(it->result, arg);
    return r;
}

static void dictiter_clear(OuroHeap *heap, OuroObject *self) {
    OuroDictIter *it = (OuroDictIter *)self;
    ouro_clear(ouro_vm_of_heap(heap), &it->dict);
    ouro_clear(ouro_vm_of_heap(heap), &it->result);
}

static void dictiter_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    dictiter_clear(heap, self);
    ouro_gc_free(heap, self);
}

static const OuroMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

#define DICT_ITER_TYPE(cname, pyname, nextfn)                                                      \
    OuroType cname = {                                                                             \
        .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                             \
        .hooks = {.traverse = dictiter_traverse, .clear = dictiter_clear,                          \
                  .dealloc = dictiter_dealloc, .gc_flags = OURO_GC_CONTAINER},                     \
        .name = pyname,                                                                            \
        .basicsize = sizeof(OuroDictIter),                                                         \
        .iter = ouro_iter_self,                                                                    \
        .iternext = nextfn,                                                                        \
        .methods = dictiter_methods,                                                               \
    };

DICT_ITER_TYPE(ouro_dict_keyiterator_type, "dict_keyiterator", keyiter_next)
DICT_ITER_TYPE(ouro_dict_valueiterator_type, "dict_valueiterator", valueiter_next)
DICT_ITER_TYPE(ouro_dict_itemiterator_type, "dict_itemiterator", itemiter_next)
DICT_ITER_TYPE(ouro_dict_reversekeyiterator_type, "dict_reversekeyiterator", rkeyiter_next)
DICT_ITER_TYPE(ouro_dict_reversevalueiterator_type, "dict_reversevalueiterator", rvalueiter_next)
DICT_ITER_TYPE(ouro_dict_reverseitemiterator_type, "dict_reverseitemiterator", ritemiter_next)

/* Full collections untrack exact dicts left holding only atoms (CPython's untrack_dicts);
 * heap subclasses get plain OURO_GC_CONTAINER (vm/obj_class.c), static ones lose the flag
 * when inheriting (vm/obj_type.c). */
OuroType ouro_dict_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = dict_traverse, .clear = dict_clear_hook, .dealloc = dict_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_UNTRACK_ATOMIC_FULL},
    .name = "dict",
    .basicsize = sizeof(OuroDict),
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_DICT_SUBCLASS,
    .repr = dict_repr,
    .hash = ouro_hash_unhashable,
    .richcompare = dict_richcompare,
    .iter = dict_iter,
    .new_ = dict_new,
    .init = dict_init,
    .nb = {[OURO_NB_OR] = dict_or},
    .nb_inplace = {[OURO_NB_OR] = dict_ior},
    .length = dict_length,
    .getitem = dict_subscript,
    .setitem = dict_ass_subscript,
    .contains = dict_contains,
    .methods = dict_methods,
    .doc = "dict() -> new empty dictionary",
};
