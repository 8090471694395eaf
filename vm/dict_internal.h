/* vm/dict_internal.h — INTERNAL to vm/obj_dict.c and the eval loop's inline caches
 * (vm/eval.c, vm/eval_cache.c): the dict layout, plus the two facts the caches validate
 * against instead of repeating lookups:
 *  - a keys block's version: a process-unique number that changes whenever the block's set
 *    of keys or their entry positions change (never when only a value is replaced), so a
 *    cached entry index stays valid while the version matches (LOAD_GLOBAL);
 *  - the watch epoch: bumped on ANY change to a dict marked "watched" (type dicts whose
 *    contents a cache relies on), so one compare revalidates every cached class lookup. */
#ifndef OURO_VM_DICT_INTERNAL_H
#define OURO_VM_DICT_INTERNAL_H

#ifndef OURO_DICT_INTERNAL
#error "vm/dict_internal.h is internal to the dict and the eval loop's caches"
#endif

#include "vm/ouro.h"

typedef struct DictEntry {
    intptr_t hash;
    OuroObject *key;                  /* NULL: deleted entry */
    OuroObject *value;
} DictEntry;

typedef struct DictKeys {
    uint8_t log2_size;                /* index table has 1 << log2_size slots */
    uint8_t log2_index_bytes;         /* slot width: 1, 2, 4 or 8 bytes */
    bool all_str;                     /* every key stored here was an exact str */
    size_t usable;                    /* entries that can still be appended */
    size_t nentries;                  /* entries used, deleted ones included */
    uint64_t version;                 /* 0: none assigned since the last change */
    DictEntry *entries;               /* the entry array, after the index table */
    char indices[];                   /* the index table, then the entries */
} DictKeys;

struct OuroDict {
    OuroObject ob;
    size_t used;                      /* live items */
    DictKeys *keys;                   /* NULL until the first insertion */
    DictEntry *entries;               /* keys->entries (NULL with keys): one load less on
                                         the attribute caches' path */
    bool watched;                     /* changes bump ouro_dict_watch_epoch */
};

extern uint64_t ouro_dict_watch_epoch;

static inline DictKeys *ouro_dictx_keys(OuroObject *d) { return ((OuroDict *)(void *)d)->keys; }

/* The current version of d's keys block (assigning one if needed); 0 when d is empty. */
uint64_t ouro_dict_keys_version(OuroObject *d);
/* Entry index of the str key in d, or -1 (never runs user code). */
intptr_t ouro_dict_index_str(OuroObject *d, OuroObject *key);
/* Marks d so that every later change to it bumps ouro_dict_watch_epoch. */
static inline void ouro_dict_watch(OuroObject *d) { ((OuroDict *)(void *)d)->watched = true; }

/* Value of key (an exact str) in d when it sits at entry hint: the attribute caches' guess,
 * right whenever instances of a class get their attributes in the same order. Borrowed. */
static inline OuroObject *ouro_dict_hinted(OuroObject *d, OuroObject *key, uint32_t hint) {
    OuroDict *dp = (OuroDict *)(void *)d;
    DictEntry *e = dp->entries;
    if (e && hint < dp->keys->nentries && e[hint].key == key) return e[hint].value;
    return NULL;
}

/* True when the str key with this hash is surely absent from d (no table, or its first
 * probe slot in a small table is empty): lets LOAD_METHOD skip the full lookup that proves
 * an instance does not shadow a method, in the common case. */
static inline bool ouro_dict_surely_lacks(OuroObject *d, intptr_t hash) {
    DictKeys *k = ouro_dictx_keys(d);
    if (!k) return true;
    if (k->log2_index_bytes != 0) return false;
    return ((const int8_t *)k->indices)[(size_t)hash & (((size_t)1 << k->log2_size) - 1)] == -1;
}

/* Like ouro_dict_get_str, also storing the entry index found into *hint. Borrowed. */
OuroObject *ouro_dict_get_str_hint(OuroObject *d, OuroObject *key, uint32_t *hint);

#endif
