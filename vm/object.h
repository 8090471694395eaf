/* vm/object.h — the object model: the type object and its slots, references, and the
 * generic object protocol (vm/object.c). Semantics follow CPython's C API closely; where a
 * function here has a CPython counterpart it is named in the comment, and it behaves so.
 *
 * Conventions (every declaration below follows them):
 *  - Functions returning OuroObject * return a NEW reference, or NULL with an exception
 *    set in the VM (vm/error.h). "Borrowed" in a comment means no reference is returned.
 *  - Functions returning int return 0 (or a result >= 0) on success, -1 with an exception set.
 *  - Arguments are borrowed unless a comment says "steals".
 *  - A value may be an immediate small int (OURO_IS_SMALLINT): never dereference a value
 *    without going through ouro_type_of() or a check.
 */
#ifndef OURO_VM_OBJECT_H
#define OURO_VM_OBJECT_H

#include "gc/gc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct OuroVM OuroVM;

/* ---- references ------------------------------------------------------------------------- */

static inline void ouro_incref(OuroObject *o) { ouro_gc_incref(o); }
static inline void ouro_xincref(OuroObject *o) { if (o) ouro_gc_incref(o); }
/* The VM begins with its OuroHeap, so a VM pointer is also its heap pointer. */
static inline OuroHeap *ouro_heap(OuroVM *vm) { return (OuroHeap *)(void *)vm; }
static inline OuroVM *ouro_vm_of_heap(OuroHeap *heap) { return (OuroVM *)(void *)heap; }
static inline void ouro_decref(OuroVM *vm, OuroObject *o) { ouro_gc_decref(ouro_heap(vm), o); }
static inline void ouro_xdecref(OuroVM *vm, OuroObject *o) { if (o) ouro_gc_decref(ouro_heap(vm), o); }
/* Returns o after taking a new reference (for "return ouro_newref(x);"). */
static inline OuroObject *ouro_newref(OuroObject *o) { ouro_gc_incref(o); return o; }
/* Replaces *slot with value (steals value), releasing the old one afterwards (Py_SETREF). */
static inline void ouro_setref(OuroVM *vm, OuroObject **slot, OuroObject *value) {
    OuroObject *old = *slot; *slot = value; ouro_xdecref(vm, old);
}
/* Clears *slot to NULL, releasing the old value afterwards (Py_CLEAR). */
static inline void ouro_clear(OuroVM *vm, OuroObject **slot) {
    OuroObject *old = *slot; if (old) { *slot = NULL; ouro_decref(vm, old); }
}

/* ---- slot signatures ---------------------------------------------------------------------- */

/* Vectorcall-style calls: args[0..nargs) are positional, followed by one value per name in
 * kwnames (a tuple of str, or NULL when there are no keyword arguments). */
typedef OuroObject *(*OuroCallFn)(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames);
typedef OuroObject *(*OuroUnaryFn)(OuroVM *vm, OuroObject *o);
typedef OuroObject *(*OuroBinaryFn)(OuroVM *vm, OuroObject *a, OuroObject *b);
typedef intptr_t (*OuroHashFn)(OuroVM *vm, OuroObject *o);        /* -1 on error */
typedef intptr_t (*OuroLenFn)(OuroVM *vm, OuroObject *o);         /* -1 on error */
typedef int (*OuroInquiryFn)(OuroVM *vm, OuroObject *o);          /* 0/1, -1 on error */
typedef int (*OuroContainsFn)(OuroVM *vm, OuroObject *o, OuroObject *item);
typedef OuroObject *(*OuroRichCmpFn)(OuroVM *vm, OuroObject *a, OuroObject *b, int op);
typedef OuroObject *(*OuroGetAttrFn)(OuroVM *vm, OuroObject *o, OuroObject *name);
/* value NULL means delete */
typedef int (*OuroSetAttrFn)(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *value);
typedef int (*OuroSetItemFn)(OuroVM *vm, OuroObject *o, OuroObject *key, OuroObject *value);
typedef OuroObject *(*OuroDescrGetFn)(OuroVM *vm, OuroObject *descr, OuroObject *obj,
                                       OuroObject *type);
typedef int (*OuroDescrSetFn)(OuroVM *vm, OuroObject *descr, OuroObject *obj, OuroObject *value);
typedef OuroObject *(*OuroNewFn)(OuroVM *vm, OuroType *type, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames);
typedef int (*OuroInitFn)(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames);
/* Iterator protocol: returns the next item, or NULL. NULL with no exception set means the
 * iterator is exhausted (StopIteration is never materialised on this path). */
typedef OuroObject *(*OuroIterNextFn)(OuroVM *vm, OuroObject *o);

/* Rich comparison operators (same order as CPython's Py_LT...). */
enum { OURO_LT = 0, OURO_LE = 1, OURO_EQ = 2, OURO_NE = 3, OURO_GT = 4, OURO_GE = 5 };

/* Binary number operators, indexing nb[] and nb_inplace[]. The order matches CPython 3.11's
 * BINARY_OP oparg numbering of the non-inplace forms. */
typedef enum {
    OURO_NB_ADD, OURO_NB_AND, OURO_NB_FLOOR_DIVIDE, OURO_NB_LSHIFT, OURO_NB_MATRIX_MULTIPLY,
    OURO_NB_MULTIPLY, OURO_NB_REMAINDER, OURO_NB_OR, OURO_NB_POWER, OURO_NB_RSHIFT,
    OURO_NB_SUBTRACT, OURO_NB_TRUE_DIVIDE, OURO_NB_XOR,
    OURO_NB_COUNT
} OuroBinaryOp;

/* Built-in methods and attributes, listed statically by built-in types and modules. */
typedef OuroObject *(*OuroCFunction)(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames);
enum {
    OURO_METH_STATIC = 1u << 0,       /* staticmethod: self is NULL */
    OURO_METH_CLASS  = 1u << 1,       /* classmethod: self is the type */
};
typedef struct OuroMethodDef {
    const char *name;
    OuroCFunction fn;
    unsigned flags;
    const char *doc;
} OuroMethodDef;

typedef OuroObject *(*OuroGetterFn)(OuroVM *vm, OuroObject *self);
typedef int (*OuroSetterFn)(OuroVM *vm, OuroObject *self, OuroObject *value); /* NULL: del */
typedef struct OuroGetSetDef {
    const char *name;
    OuroGetterFn get;
    OuroSetterFn set;                 /* NULL: read-only (AttributeError on assignment) */
    const char *doc;
} OuroGetSetDef;

/* ---- the type object --------------------------------------------------------------------- */

enum {
    OURO_TPFLAG_HEAPTYPE   = 1u << 0, /* created by a class statement; instances own a ref */
    OURO_TPFLAG_BASETYPE   = 1u << 1, /* may be subclassed */
    OURO_TPFLAG_READY      = 1u << 2, /* ouro_type_ready() has run */
    OURO_TPFLAG_INT_SUBCLASS   = 1u << 8,   /* fast subclass checks, as CPython's */
    OURO_TPFLAG_STR_SUBCLASS   = 1u << 9,
    OURO_TPFLAG_TUPLE_SUBCLASS = 1u << 10,
    OURO_TPFLAG_LIST_SUBCLASS  = 1u << 11,
    OURO_TPFLAG_DICT_SUBCLASS  = 1u << 12,
    OURO_TPFLAG_EXC_SUBCLASS   = 1u << 13,  /* BaseException and subclasses */
    OURO_TPFLAG_TYPE_SUBCLASS  = 1u << 14,
};

struct OuroType {
    OuroObject ob;                    /* types are objects (their type is `type`) */
    OuroGCHooks hooks;                /* the collector's view; must follow ob (gc/gc.h) */

    const char *name;                 /* C name: "int", "list"; heap types: __name__ bytes */
    size_t basicsize;                 /* instance size in bytes */
    size_t itemsize;                  /* per-item size of variable-size instances, else 0 */
    size_t dict_offset;               /* offset of the instance-dict pointer, 0 = none */
    /* (Where instances keep their weakref list is the collector's hooks.weaklist_offset.) */
    unsigned long flags;              /* OURO_TPFLAG_* */

    OuroType *base;                   /* first base (object's is NULL) */
    OuroObject *bases;                /* tuple of types */
    OuroObject *mro;                  /* tuple of types, self first (C3) */
    OuroObject *dict;                 /* type attributes: a dict */
    OuroObject *heap_name;            /* heap types: __name__ (str); else NULL */
    OuroObject *heap_qualname;        /* heap types: __qualname__ (str); else NULL */

    /* Object protocol slots. NULL means "not supported" (after inheritance by
     * ouro_type_ready). Heap types point these at generic functions that look up the
     * matching dunder method along the MRO (vm/obj_class.c). */
    OuroUnaryFn repr, str;
    OuroHashFn hash;
    OuroRichCmpFn richcompare;
    OuroGetAttrFn getattr;
    OuroSetAttrFn setattr;
    OuroCallFn call;
    OuroUnaryFn iter;
    OuroIterNextFn iternext;
    OuroDescrGetFn descr_get;
    OuroDescrSetFn descr_set;         /* set and delete; non-NULL makes a data descriptor */
    OuroNewFn new_;
    OuroInitFn init;

    /* Number protocol. For a binary slot, either operand may be the one of this type
     * (CPython's convention): the slot must check both and return ouro_not_implemented. */
    OuroBinaryFn nb[OURO_NB_COUNT];
    OuroBinaryFn nb_inplace[OURO_NB_COUNT];
    OuroUnaryFn nb_negative, nb_positive, nb_absolute, nb_invert;
    OuroInquiryFn nb_bool;
    OuroUnaryFn nb_int, nb_float, nb_index;

    /* Sequence and mapping protocol (one set: CPython's mp_ and sq_ merged). */
    OuroLenFn length;
    OuroBinaryFn getitem;             /* o[key]; slices arrive as slice objects */
    OuroSetItemFn setitem;            /* value NULL means delete */
    OuroContainsFn contains;

    /* Statically listed members of built-in types, installed into dict by type_ready. */
    const OuroMethodDef *methods;
    const OuroGetSetDef *getsets;
    const char *doc;
    OuroWeakRef *weaklist;            /* weak references to this type (gc/weakref.h) */
};

static inline OuroType *ouro_type_of(const OuroObject *o);   /* below, after the int type */

/* ---- statics ------------------------------------------------------------------------------- */

extern OuroType ouro_type_type, ouro_object_type, ouro_none_type, ouro_notimplemented_type,
    ouro_ellipsis_type, ouro_bool_type, ouro_int_type, ouro_float_type, ouro_str_type,
    ouro_tuple_type, ouro_list_type, ouro_dict_type, ouro_set_type, ouro_frozenset_type,
    ouro_range_type, ouro_slice_type, ouro_function_type, ouro_code_type, ouro_cell_type,
    ouro_method_type, ouro_builtin_function_type, ouro_module_type, ouro_staticmethod_type,
    ouro_classmethod_type, ouro_property_type, ouro_super_type, ouro_generator_type,
    ouro_enumerate_type, ouro_zip_type, ouro_map_type, ouro_filter_type, ouro_reversed_type;

/* Immortal singletons. */
extern OuroObject ouro_none_object, ouro_notimplemented_object, ouro_ellipsis_object;
extern OuroObject ouro_true_object, ouro_false_object;
#define ouro_none (&ouro_none_object)
#define ouro_not_implemented (&ouro_notimplemented_object)
#define ouro_ellipsis (&ouro_ellipsis_object)
#define ouro_true (&ouro_true_object)
#define ouro_false (&ouro_false_object)
static inline OuroObject *ouro_bool_from(bool b) { return b ? ouro_true : ouro_false; }

static inline OuroType *ouro_type_of(const OuroObject *o) {
    return OURO_IS_SMALLINT(o) ? &ouro_int_type : o->type;
}
static inline bool ouro_type_has_flag(const OuroType *t, unsigned long f) {
    return (t->flags & f) != 0;
}

/* ---- generic object protocol (vm/object.c) ------------------------------------------------ */

OuroObject *ouro_object_repr(OuroVM *vm, OuroObject *o);      /* PyObject_Repr */
OuroObject *ouro_object_str(OuroVM *vm, OuroObject *o);       /* PyObject_Str */
intptr_t ouro_object_hash(OuroVM *vm, OuroObject *o);         /* PyObject_Hash */
/* The address id() and default reprs show ("at 0x..."): the object's address, or under
 * -X stableids its allocation number (docs/stableids.md; objects older than the mode keep
 * their address). %p in ouro_str_from_format / ouro_err_format already goes through it. */
static inline uintptr_t ouro_object_display_address(OuroVM *vm, const void *o) {
    const OuroHeap *heap = ouro_heap(vm);
    if (!heap->stable_ids) return (uintptr_t)o;
    uint64_t n = ouro_gc_stable_id(heap, o);
    return n ? (uintptr_t)n : (uintptr_t)o;
}
int ouro_object_truthy(OuroVM *vm, OuroObject *o);            /* PyObject_IsTrue */
OuroObject *ouro_object_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op);
int ouro_object_richcompare_bool(OuroVM *vm, OuroObject *a, OuroObject *b, int op); /* identity shortcut for EQ/NE as CPython */
OuroObject *ouro_object_getattr(OuroVM *vm, OuroObject *o, OuroObject *name);
OuroObject *ouro_object_getattr_cstr(OuroVM *vm, OuroObject *o, const char *name);
/* Like getattr, but a missing attribute returns NULL with NO exception set. */
OuroObject *ouro_object_lookup_attr(OuroVM *vm, OuroObject *o, OuroObject *name);
int ouro_object_setattr(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *value);
int ouro_object_delattr(OuroVM *vm, OuroObject *o, OuroObject *name);
/* PyObject_GenericGetAttr / GenericSetAttr: descriptors, then the instance dict. */
OuroObject *ouro_object_generic_getattr(OuroVM *vm, OuroObject *o, OuroObject *name);
int ouro_object_generic_setattr(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *value);
/* The instance dict slot (dict_offset), or NULL when the type has none. */
OuroObject **ouro_object_dict_slot(OuroObject *o);
/* A new empty __dict__ for an instance (new ref, or NULL with an exception): a dict left
 * out of the collector's generation-0 count (ouro_gc_uncount), because CPython 3.11 would
 * allocate none. */
OuroObject *ouro_object_new_instance_dict(OuroVM *vm);
OuroObject *ouro_object_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames);
OuroObject *ouro_object_call0(OuroVM *vm, OuroObject *callable);
OuroObject *ouro_object_call1(OuroVM *vm, OuroObject *callable, OuroObject *arg);
/* callable(first, *args, **kw) without heap allocation for small argument counts: how bound
 * methods and dunder slots call their function with self in front. */
OuroObject *ouro_object_call_prepend(OuroVM *vm, OuroObject *callable, OuroObject *first,
                                     OuroObject *const *args, size_t nargs, OuroObject *kwnames);
/* Calls obj.name(*args): avoids creating a bound method when it can. */
OuroObject *ouro_object_call_method(OuroVM *vm, OuroObject *obj, OuroObject *name,
                                    OuroObject *const *args, size_t nargs);
OuroObject *ouro_object_getiter(OuroVM *vm, OuroObject *o);   /* PyObject_GetIter */
OuroObject *ouro_iter_next(OuroVM *vm, OuroObject *it);       /* see OuroIterNextFn */
OuroObject *ouro_object_getitem(OuroVM *vm, OuroObject *o, OuroObject *key);
int ouro_object_setitem(OuroVM *vm, OuroObject *o, OuroObject *key, OuroObject *value);
int ouro_object_delitem(OuroVM *vm, OuroObject *o, OuroObject *key);
intptr_t ouro_object_length(OuroVM *vm, OuroObject *o);      /* PyObject_Size */
int ouro_object_contains(OuroVM *vm, OuroObject *container, OuroObject *item); /* `in` */
bool ouro_object_is_instance_of_type(OuroObject *o, OuroType *t);  /* no __instancecheck__ */
int ouro_object_isinstance(OuroVM *vm, OuroObject *o, OuroObject *cls);  /* cls may be tuple */
int ouro_object_issubclass(OuroVM *vm, OuroObject *derived, OuroObject *cls);
bool ouro_type_is_subtype(OuroType *a, OuroType *b);          /* walks a's MRO */
OuroObject *ouro_object_format(OuroVM *vm, OuroObject *o, OuroObject *spec); /* format() */
OuroObject *ouro_object_dir(OuroVM *vm, OuroObject *o);       /* sorted list */

/* Number protocol (PyNumber_*): binary ops with reflected fallback and subclass priority. */
OuroObject *ouro_number_binary(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op);
OuroObject *ouro_number_inplace(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op);
OuroObject *ouro_number_negative(OuroVM *vm, OuroObject *o);
OuroObject *ouro_number_positive(OuroVM *vm, OuroObject *o);
OuroObject *ouro_number_invert(OuroVM *vm, OuroObject *o);
OuroObject *ouro_number_absolute(OuroVM *vm, OuroObject *o);
OuroObject *ouro_number_index(OuroVM *vm, OuroObject *o);     /* __index__ -> int */
/* __index__ to a C integer; overflow raises OverflowError/IndexError as CPython's
 * PyNumber_AsSsize_t with exc NULL (clamps) or the given exception type. */
intptr_t ouro_number_as_ssize(OuroVM *vm, OuroObject *o, OuroType *overflow_exc);
/* The operator symbol for error messages ("+", "//", ...). */
const char *ouro_binary_op_symbol(OuroBinaryOp op);

/* ---- types (vm/obj_type.c, vm/obj_class.c) ----------------------------------------------- */

/* Completes a static type: inherits slots from base, computes the MRO, and fills its dict
 * from methods/getsets (needs the VM for the dict objects). */
int ouro_type_ready(OuroVM *vm, OuroType *type);
/* Releases what ouro_type_ready made for a static type in this VM (its dict, mro, bases), so
 * the live-object counter can reach zero at teardown. Safe on a type never readied. */
void ouro_type_release_static(OuroVM *vm, OuroType *type);
/* Looks name up along type's MRO; borrowed result or NULL (no exception). (_PyType_Lookup) */
OuroObject *ouro_type_lookup(OuroType *type, OuroObject *name);
/* The type's __name__ as a C string (borrowed). */
const char *ouro_type_name(const OuroType *type);
/* Creates a class: type(name, bases, dict) (the class statement ends here). */
OuroObject *ouro_type_new_class(OuroVM *vm, OuroObject *name, OuroObject *bases,
                                OuroObject *dict);
/* Releases what ouro_type_ready made for a static type in this VM (dict, bases, mro) and
 * clears OURO_TPFLAG_READY, so the live-object count can reach 0 and a later VM can ready
 * the type again. ouro_vm_free calls it for every static type (subclasses before bases). */
void ouro_type_release_static(OuroVM *vm, OuroType *type);
/* Invalidates ouro_type_lookup's method cache. type.__setattr__ calls it; call it after
 * changing a type's dict any other way. */
void ouro_type_modified(OuroType *type);
/* Object-core internals (vm/obj_type.c, vm/obj_class.c): the `type` type's new_ slot
 * (type(x), type(name, bases, dict), metaclasses), slot inheritance from a base, and the
 * re-derivation of a heap type's slots (and its subclasses') after a dunder is assigned. */
OuroObject *ouro_type_new_slot(OuroVM *vm, OuroType *metatype, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames);
void ouro_type_inherit_slots(OuroType *type, const OuroType *base, bool heap);
int ouro_class_update_slots(OuroVM *vm, OuroType *type, OuroObject *name);
int ouro_type_register_heap(OuroType *type);   /* every live heap type, for the above */
/* `mappingproxy`: the read-only view returned by C.__dict__ (vm/obj_type.c). */
extern OuroType ouro_mappingproxy_type;
OuroObject *ouro_mappingproxy_new(OuroVM *vm, OuroObject *mapping);

#endif
