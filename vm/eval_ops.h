/* vm/eval_ops.h — INTERNAL to vm/eval.c: the slower, rarer halves of instructions, kept
 * out of the dispatch loop so the loop stays small and hot. Every function follows the
 * object.h conventions (borrowed arguments unless "steals"; NULL / -1 with vm->exc set). */
#ifndef OURO_VM_EVAL_OPS_H
#define OURO_VM_EVAL_OPS_H

#ifndef OURO_EXEC_INTERNAL
#error "vm/eval_ops.h is internal to the execution files"
#endif

#include "vm/frame.h"

/* UNPACK_SEQUENCE / UNPACK_EX: writes the items at sp[0 .. total) with the first item
 * highest (sp[total-1]); argcntafter -1 means no starred target. */
int ouro_op_unpack(OuroVM *vm, OuroObject *v, int argcnt, int argcntafter, OuroObject **sp);
/* except-clause test: 1 match, 0 no match, -1 error (bad class). */
int ouro_op_exc_match(OuroVM *vm, OuroObject *exc, OuroObject *cls);
/* raise exc [from cause]: steals both (cause may be NULL); always leaves vm->exc set. */
void ouro_op_raise(OuroVM *vm, OuroObject *exc, OuroObject *cause);
OuroObject *ouro_op_import_name(OuroVM *vm, OuroFrame *f, OuroObject *name,
                                OuroObject *fromlist, OuroObject *level);
OuroObject *ouro_op_import_from(OuroVM *vm, OuroObject *module, OuroObject *name);
int ouro_op_import_star(OuroVM *vm, OuroFrame *f, OuroObject *module);
/* FORMAT_VALUE: conv 0 none, 1 str, 2 repr, 3 ascii; spec may be NULL. */
OuroObject *ouro_op_format_value(OuroVM *vm, OuroObject *v, int conv, OuroObject *spec);
OuroObject *ouro_op_build_string(OuroVM *vm, OuroObject *const *items, size_t n);
/* type(obj).name bound to obj (_PyObject_LookupSpecial); NULL with no exception: absent. */
OuroObject *ouro_op_lookup_special(OuroVM *vm, OuroObject *obj, OuroObject *name);
/* SETUP_WITH's lookups and __enter__ call: *exit_out gets the bound __exit__. */
OuroObject *ouro_op_enter_with(OuroVM *vm, OuroObject *mgr, OuroObject **exit_out);
OuroObject *ouro_op_with_exit(OuroVM *vm, OuroObject *exit, OuroObject *exc);
OuroObject *ouro_op_call_ex(OuroVM *vm, OuroObject *func, OuroObject *args, OuroObject *kwargs);
OuroObject *ouro_op_call_kw(OuroVM *vm, OuroObject *func, OuroObject *const *args,
                            size_t nargs, OuroObject *kwnames);
int ouro_op_dict_merge(OuroVM *vm, OuroObject *func, OuroObject *dict, OuroObject *update);
int ouro_op_dict_update(OuroVM *vm, OuroObject *dict, OuroObject *update);
int ouro_op_set_update(OuroVM *vm, OuroObject *set, OuroObject *iterable);
/* func: the callable when the list is f(*x)'s argument list (CPython words that error
 * "f() argument after * ..."), else NULL. */
int ouro_op_list_extend(OuroVM *vm, OuroObject *list, OuroObject *iterable, OuroObject *func);
int ouro_op_print_expr(OuroVM *vm, OuroObject *v);
int ouro_op_setup_annotations(OuroVM *vm, OuroFrame *f);
OuroObject *ouro_op_make_function(OuroVM *vm, OuroFrame *f, int flags, OuroObject **sp);
/* Name lookups of module/class bodies and their errors. */
OuroObject *ouro_op_load_name(OuroVM *vm, OuroFrame *f, OuroObject *name);
int ouro_op_store_name(OuroVM *vm, OuroFrame *f, OuroObject *name, OuroObject *v);
int ouro_op_delete_name(OuroVM *vm, OuroFrame *f, OuroObject *name);
OuroObject *ouro_op_load_classderef(OuroVM *vm, OuroFrame *f, int oparg);
void ouro_op_name_error(OuroVM *vm, OuroObject *name);
void ouro_op_unbound_local(OuroVM *vm, OuroObject *name);
void ouro_op_unbound_deref(OuroVM *vm, OuroCode *co, int oparg);

/* ---- inline caches (vm/eval_cache.c) --------------------------------------------------------
 * The first run of LOAD_ATTR, STORE_ATTR, LOAD_METHOD or LOAD_GLOBAL rewrites the instruction
 * into a private "quickened" opcode whose argument indexes one of these entries; the entry
 * remembers what the last lookup found and the facts that keep it true (CPython 3.11's
 * specializing interpreter, with per-VM side entries instead of inline cache words). */

enum {
    OURO_IC_GENERIC = 0,              /* no shortcut: the full protocol every time */
    OURO_IC_INSTANCE,                 /* not on the class: the instance dict only */
    OURO_IC_CLASS_VALUE,              /* plain class attribute, unless the instance has it */
    OURO_IC_FUNCTION,                 /* function on the class: bound, unless shadowed */
    OURO_IC_NONDATA,                  /* other non-data descriptor, unless shadowed */
    OURO_IC_DATA,                     /* data descriptor on the class (property, getset) */
    OURO_IC_METHOD,                   /* LOAD_METHOD: method-like, unless shadowed */
    OURO_IC_STORE_INSTANCE,           /* STORE_ATTR into the instance dict */
    OURO_IC_GLOBAL,                   /* LOAD_GLOBAL found in globals */
    OURO_IC_BUILTIN,                  /* LOAD_GLOBAL found in builtins */
};

/* What an attribute lookup found for one type; valid while the entry's epoch is current and
 * the type is the same object (pointer and dict: a new type reusing the address has another
 * dict). */
typedef struct OuroAttrWay {
    OuroType *type;
    OuroObject *type_dict;
    OuroObject *descr;                /* the class attribute (borrowed) or NULL */
    size_t dict_offset;               /* type->dict_offset, without loading the type */
    uint8_t kind;                     /* OURO_IC_* */
} OuroAttrWay;

typedef struct OuroInlineCache {
    OuroObject *name;                 /* the instruction's name (borrowed from its code) */
    uint32_t hint;                    /* attributes: entry index in the instance dict;
                                         globals: entry index in the dict found in */
    uint8_t kind;                     /* LOAD_GLOBAL: OURO_IC_GLOBAL / _BUILTIN / _GENERIC */
    union {
        struct {                      /* attributes: two types (a call site often sees a
                                         class and its subclass), newest first */
            uint64_t epoch;           /* ouro_dict_watch_epoch when filled */
            OuroAttrWay way[2];
        } a;
        struct {                      /* LOAD_GLOBAL: valid while the keys versions hold */
            OuroObject *globals, *builtins;
            uint64_t globals_version, builtins_version;
        } g;
    } u;
} OuroInlineCache;

static inline OuroInlineCache *ouro_ic_at(OuroFrameStack *fs, uint32_t i) {
    return &fs->ic_blocks[i >> OURO_IC_BLOCK_BITS][i & ((1u << OURO_IC_BLOCK_BITS) - 1)];
}
/* A fresh entry for an instruction naming name; UINT32_MAX when none can be had (the
 * instruction then simply stays generic). */
uint32_t ouro_ic_new(OuroVM *vm, OuroObject *name);
/* Releases the entry blocks (frame stack teardown). */
void ouro_ic_free_all(OuroFrameStack *fs);
/* The way of e that is valid for instances of tp, or NULL. */
static inline OuroAttrWay *ouro_ic_way(OuroInlineCache *e, const OuroType *tp,
                                       uint64_t epoch) {
    if (e->u.a.epoch != epoch) return NULL;
    if (e->u.a.way[0].type == tp && e->u.a.way[0].type_dict == tp->dict) return &e->u.a.way[0];
    if (e->u.a.way[1].type == tp && e->u.a.way[1].type_dict == tp->dict) return &e->u.a.way[1];
    return NULL;
}
/* Derives a way of e for instances of tp (for_method: LOAD_METHOD, for_store: STORE_ATTR)
 * and returns it. Never raises: an unusual case just becomes OURO_IC_GENERIC. */
OuroAttrWay *ouro_ic_fill_attr(OuroInlineCache *e, OuroType *tp, bool for_method,
                               bool for_store);
/* LOAD_GLOBAL: finds the name in f's globals or builtins, records where, and returns the
 * value (borrowed); NULL with NameError set when it is in neither. */
OuroObject *ouro_ic_fill_global(OuroVM *vm, OuroInlineCache *e, OuroFrame *f);

#endif
