/* vm/obj_iter.h — the generic iterator types (sequence iterator for classes with only
 * __getitem__, callable iterator, enumerate, zip, map, filter, reversed; vm/obj_iter.c) and
 * small helpers every container file shares: the repr recursion guard (Py_ReprEnter), a
 * C-stack guard for deep recursion through nested containers, and the "unhashable" hash. */
#ifndef OURO_VM_OBJ_ITER_H
#define OURO_VM_OBJ_ITER_H

#include "vm/object.h"
#include "vm/obj_str.h"

extern OuroType ouro_seqiter_type;      /* "iterator" */
extern OuroType ouro_calliter_type;     /* "callable_iterator" */

/* iter(seq) for an object with __getitem__ but no __iter__: yields seq[0], seq[1], ... until
 * IndexError or StopIteration (new ref). */
OuroObject *ouro_seqiter_new(OuroVM *vm, OuroObject *seq);
/* iter(callable, sentinel): calls callable() until the result equals sentinel (new ref). */
OuroObject *ouro_calliter_new(OuroVM *vm, OuroObject *callable, OuroObject *sentinel);

/* Iterators over one container whose struct begins like this (list, tuple and set
 * iterators) share their collector hooks: the source is NULL once the iterator is exhausted. */
typedef struct OuroSourceIter {
    OuroObject ob;
    OuroObject *source;
} OuroSourceIter;
int ouro_source_iter_traverse(OuroObject *self, OuroVisitFn visit, void *arg);
void ouro_source_iter_clear(OuroHeap *heap, OuroObject *self);
void ouro_source_iter_dealloc(OuroHeap *heap, OuroObject *self);

/* The iter slot of iterators: returns self (new ref) (PyObject_SelfIter). */
OuroObject *ouro_iter_self(OuroVM *vm, OuroObject *self);

/* Py_ReprEnter: 0 when o is not being repr'd yet (it is now marked), 1 when it already is
 * (the caller writes "[...]" or similar), -1 on error. Every 0 must be paired with
 * ouro_repr_leave. The marks live in vm->repr_active. */
int ouro_repr_enter(OuroVM *vm, OuroObject *o);
void ouro_repr_leave(OuroVM *vm, OuroObject *o);

/* Raises RecursionError "maximum recursion depth exceeded<where>" and returns -1 when the C
 * stack is nearly used up (vm->c_stack_base/c_stack_size); else 0. Containers call it before
 * recursing into their items (repr, comparison, hashing of nested structures). */
int ouro_c_stack_check(OuroVM *vm, const char *where);

/* The hash slot of mutable containers: TypeError "unhashable type: 'list'"; returns -1. */
intptr_t ouro_hash_unhashable(OuroVM *vm, OuroObject *o);

/* User subclasses (heap types) of built-in containers: instances own their type and may
 * have an instance dict (type->dict_offset). The built-in container hooks handle both, so a
 * heap type can use its base's traverse/clear/dealloc unchanged. */
static inline int ouro_subclass_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroType *t = self->type;
    if (!(t->flags & OURO_TPFLAG_HEAPTYPE)) return 0;
    if (t->dict_offset) {
        OuroObject **slot = ouro_object_dict_slot(self);
        if (slot && *slot) {
            int r = visit(*slot, arg);
            if (r) return r;
        }
    }
    return visit((OuroObject *)t, arg);
}
static inline void ouro_subclass_clear(OuroHeap *heap, OuroObject *self) {
    if (!(self->type->flags & OURO_TPFLAG_HEAPTYPE) || !self->type->dict_offset) return;
    OuroObject **slot = ouro_object_dict_slot(self);
    if (slot && *slot) {
        OuroObject *d = *slot;
        *slot = NULL;
        ouro_gc_decref(heap, d);
    }
}
/* Frees a container instance after its own references were released: untracked by
 * ouro_gc_free; a heap type loses the reference its instance held. */
static inline void ouro_subclass_free(OuroHeap *heap, OuroObject *self) {
    OuroType *t = self->type;
    ouro_gc_free(heap, self);
    if (t->flags & OURO_TPFLAG_HEAPTYPE) ouro_gc_decref(heap, (OuroObject *)t);
}
/* Allocates an instance of a (possibly heap) container type with size bytes: a heap type's
 * instance takes a reference to it. NULL (no exception) when out of memory. */
static inline OuroObject *ouro_subclass_alloc(OuroHeap *heap, OuroType *type, size_t size) {
    OuroObject *o = ouro_gc_alloc(heap, type, size);
    if (o && (type->flags & OURO_TPFLAG_HEAPTYPE)) ouro_gc_incref((OuroObject *)type);
    return o;
}

/* hash(o) with the common cases inline: small ints (as CPython's int hash: the value modulo
 * 2**61 - 1, keeping the sign, -1 becoming -2) and exact str (cached). -1 on error. */
static inline intptr_t ouro_hash_fast(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) {
        const uintptr_t modulus = ((uintptr_t)1 << 61) - 1;
        intptr_t v = ouro_smallint_value(o);
        uintptr_t a = v < 0 ? -(uintptr_t)v : (uintptr_t)v;
        if (a >= modulus) a %= modulus;
        intptr_t h = v < 0 ? -(intptr_t)a : (intptr_t)a;
        return h == -1 ? -2 : h;
    }
    if (o->type == &ouro_str_type) return ouro_str_hash(o);
    return ouro_object_hash(vm, o);
}

/* Sequence nb slots (concatenation, repetition) raise CPython's sq_concat/sq_repeat errors
 * themselves, except when the other operand's class defines the reflected method: then they
 * return NotImplemented so it runs (name is e.g. OURO_ID(vm, __radd__)). */
static inline bool ouro_defers_to_reflected(OuroObject *other, OuroObject *name) {
    OuroType *t = ouro_type_of(other);
    return (t->flags & OURO_TPFLAG_HEAPTYPE) && ouro_type_lookup(t, name) != NULL;
}

/* The optional start/stop arguments args[1], args[2] of seq.index(value, start, stop):
 * __index__ values, negatives counted from the end, clamped to [0, size]. 0 or -1. */
int ouro_seq_index_bounds(OuroVM *vm, OuroObject *const *args, size_t nargs, size_t size,
                          size_t *start, size_t *stop);

/* True when o can be used as an index (int, bool, or a type with __index__). */
static inline bool ouro_index_check(const OuroObject *o) {
    return OURO_IS_SMALLINT(o) || (o->type->flags & OURO_TPFLAG_INT_SUBCLASS) != 0 ||
           o->type->nb_index != NULL;
}

#endif
