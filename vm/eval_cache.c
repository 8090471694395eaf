/* vm/eval_cache.c — the eval loop's inline caches: handing out entries and (re)filling them.
 * The loop (vm/eval.c) checks an entry's guards and takes the shortcut it records; this
 * file decides what an entry may record. Class lookups are trusted while no watched dict
 * changed (every dict along the MRO is watched once an entry depends on it) and the type
 * object is the same (pointer and dict); global lookups while the keys versions of the
 * globals and builtins dicts are unchanged (vm/dict_internal.h). */
#define OURO_EXEC_INTERNAL
#define OURO_DICT_INTERNAL
#include "vm/eval_ops.h"
#include "vm/dict_internal.h"

#include <stdlib.h>

enum { IC_BLOCK_SIZE = 1u << OURO_IC_BLOCK_BITS };

uint32_t ouro_ic_new(OuroVM *vm, OuroObject *name) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    uint32_t i = fs->ic_count;
    size_t block = i >> OURO_IC_BLOCK_BITS;
    /* A full table only means later code runs unquickened; entries are never recycled
     * (code objects do not tell us when they die), so the cap bounds the memory. */
    if (block >= OURO_IC_MAX_BLOCKS) return UINT32_MAX;
    if (!fs->ic_blocks[block] &&
        !(fs->ic_blocks[block] = calloc(IC_BLOCK_SIZE, sizeof(OuroInlineCache))))
        return UINT32_MAX;
    OuroInlineCache *e = ouro_ic_at(fs, i);
    ouro_str_hash(name);              /* cached in the str: the fast paths read it directly */
    e->name = name;
    e->kind = OURO_IC_GENERIC;
    e->hint = 0;
    e->u.a.epoch = 0;                 /* never current: the first run fills the entry */
    e->u.a.way[0].type = e->u.a.way[1].type = NULL;
    fs->ic_count = i + 1;
    return i;
}

void ouro_ic_free_all(OuroFrameStack *fs) {
    for (size_t b = 0; b < OURO_IC_MAX_BLOCKS; b++) {
        free(fs->ic_blocks[b]);
        fs->ic_blocks[b] = NULL;
    }
    fs->ic_count = 0;
}

/* Descriptors that LOAD_METHOD may call unbound with self first (as eval.c's). */
static bool is_method_like(OuroObject *descr) {
    OuroType *dt = ouro_type_of(descr);
    return dt == &ouro_function_type || dt == &ouro_method_descriptor_type ||
           dt == &ouro_slot_wrapper_type;
}

/* Watches every dict along tp's MRO: a later change to any of them may change what a
 * lookup on tp finds. False when the MRO is not there to watch. */
static bool watch_mro(OuroType *tp) {
    OuroObject *mro = tp->mro;
    if (!mro || !tp->dict) return false;
    size_t n = ouro_tuple_size(mro);
    for (size_t i = 0; i < n; i++) {
        OuroType *t = (OuroType *)ouro_tuple_get(mro, i);
        if (!t->dict || !ouro_dict_check(t->dict)) return false;
        ouro_dict_watch(t->dict);
    }
    return true;
}

static uint8_t load_kind(OuroType *tp, OuroObject *descr, bool for_method) {
    if (!descr) return tp->dict_offset ? OURO_IC_INSTANCE : OURO_IC_GENERIC;
    if (for_method && is_method_like(descr)) return OURO_IC_METHOD;
    OuroType *dt = ouro_type_of(descr);
    if (dt->descr_get && dt->descr_set) return OURO_IC_DATA;
    if (dt == &ouro_function_type) return OURO_IC_FUNCTION;
    if (dt->descr_get) return OURO_IC_NONDATA;
    return OURO_IC_CLASS_VALUE;
}

static uint8_t store_kind(OuroType *tp, OuroObject *descr) {
    if (tp->setattr != ouro_object_generic_setattr || !tp->dict_offset) return OURO_IC_GENERIC;
    if (descr && ouro_type_of(descr)->descr_set) return OURO_IC_GENERIC;
    return OURO_IC_STORE_INSTANCE;
}

OuroAttrWay *ouro_ic_fill_attr(OuroInlineCache *e, OuroType *tp, bool for_method,
                               bool for_store) {
    if (e->u.a.epoch != ouro_dict_watch_epoch) e->u.a.way[0].type = NULL;
    /* The newest type goes first; the older one stays as the second way. */
    e->u.a.way[1] = e->u.a.way[0];
    OuroAttrWay *w = &e->u.a.way[0];
    w->type = tp;
    w->type_dict = tp->dict;
    w->descr = NULL;
    w->dict_offset = tp->dict_offset;
    w->kind = OURO_IC_GENERIC;
    bool generic_get = tp->getattr == ouro_object_generic_getattr;
    if ((for_store || generic_get) && ((const OuroStr *)e->name)->interned && watch_mro(tp)) {
        OuroObject *descr = ouro_type_lookup(tp, e->name);
        w->descr = descr;
        w->kind = for_store ? store_kind(tp, descr) : load_kind(tp, descr, for_method);
    }
    /* Read after the watches: marking dicts bumps nothing, but the entry must match the
     * epoch that its facts were taken at. */
    if (e->u.a.epoch != ouro_dict_watch_epoch) {
        e->u.a.epoch = ouro_dict_watch_epoch;
        e->u.a.way[1].type = NULL;
    }
    return w;
}

OuroObject *ouro_ic_fill_global(OuroVM *vm, OuroInlineCache *e, OuroFrame *f) {
    OuroObject *g = f->globals, *b = f->builtins;
    e->kind = OURO_IC_GENERIC;
    e->u.g.globals = g;
    e->u.g.builtins = b;
    intptr_t ix = ouro_dict_index_str(g, e->name);
    if (ix >= 0) {
        e->kind = OURO_IC_GLOBAL;
        e->hint = (uint32_t)ix;
        e->u.g.globals_version = ouro_dict_keys_version(g);
        return ouro_dictx_keys(g)->entries[ix].value;
    }
    if (b && (ix = ouro_dict_index_str(b, e->name)) >= 0) {
        /* The globals version proves the name is still absent from globals. An empty
         * globals dict has no keys block to version: then no shortcut. */
        e->u.g.globals_version = ouro_dict_keys_version(g);
        if (e->u.g.globals_version) {
            e->kind = OURO_IC_BUILTIN;
            e->hint = (uint32_t)ix;
            e->u.g.builtins_version = ouro_dict_keys_version(b);
        }
        return ouro_dictx_keys(b)->entries[ix].value;
    }
    ouro_op_name_error(vm, e->name);
    return NULL;
}
