/* vm/obj_class.c — classes made at run time: type(name, bases, dict) and the class statement
 * (metaclass choice, C3 MRO, solid-base layout with a real instance dict), the generic slot
 * functions that make a heap type's slots call its dunders, and instance lifetime: traverse,
 * clear, and a dealloc that runs __del__ once (PEP 442) the moment the count reaches zero.
 * Instances of classes deriving from a built-in keep that type's layout; the dict pointer
 * and the weakref-list pointer are appended after it. */
#include "vm/ouro.h"
#include "gc/weakref.h"

#include <stdlib.h>
#include <string.h>

static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }
static bool is_type(OuroObject *o) {
    return ouro_type_has_flag(ouro_type_of(o), OURO_TPFLAG_TYPE_SUBCLASS);
}

/* The nearest static type at or above t: the one whose C code owns the instance layout. */
static OuroType *static_base(OuroType *t) {
    while (t && is_heap(t)) t = t->base;
    return t ? t : &ouro_object_type;
}

/* True when the instance dict was appended by this file (not managed by a built-in base). */
static bool owns_dict(OuroType *t) {
    return t->dict_offset != 0 && static_base(t)->dict_offset == 0;
}

/* ---- calling dunders ---------------------------------------------------------------------------
 * A dunder found on the type is called "unbound" with self first when it is a function-like
 * descriptor (no bound-method object is made); other descriptors are bound with __get__;
 * plain callables stored on the class are called as they are. */

static bool is_method_like(OuroType *dt) {
    return dt == &ouro_function_type || dt == &ouro_method_descriptor_type ||
           dt == &ouro_slot_wrapper_type;
}

/* Calls descr (found on type(self)) as a method of self. */
static OuroObject *call_unbound(OuroVM *vm, OuroObject *descr, OuroObject *self,
                                OuroObject *const *args, size_t nargs, OuroObject *kwnames) {
    OuroType *dt = ouro_type_of(descr);
    ouro_incref(descr);   /* the class dict may drop it while it runs */
    OuroObject *r;
    if (is_method_like(dt)) {
        r = ouro_object_call_prepend(vm, descr, self, args, nargs, kwnames);
    } else if (dt->descr_get) {
        OuroObject *bound = dt->descr_get(vm, descr, self, (OuroObject *)ouro_type_of(self));
        r = bound ? ouro_object_call(vm, bound, args, nargs, kwnames) : NULL;
        ouro_xdecref(vm, bound);
    } else {
        r = ouro_object_call(vm, descr, args, nargs, kwnames);
    }
    ouro_decref(vm, descr);
    return r;
}

/* self.<name>(*args) looked up on the type; AttributeError when the class lacks it. */
static OuroObject *call_dunder(OuroVM *vm, OuroObject *self, OuroObject *name,
                               OuroObject *const *args, size_t nargs) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), name);
    if (!descr) return ouro_err_format(vm, &ouro_exc_AttributeError, "%U", name);
    return call_unbound(vm, descr, self, args, nargs, NULL);
}

/* As call_dunder, but a missing method gives NotImplemented (CPython's vectorcall_maybe). */
static OuroObject *call_dunder_maybe(OuroVM *vm, OuroObject *self, OuroObject *name,
                                     OuroObject *arg) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), name);
    if (!descr) return ouro_newref(ouro_not_implemented);
    return call_unbound(vm, descr, self, &arg, 1, NULL);
}

/* ---- generic slot functions for heap types -------------------------------------------------------- */

static OuroObject *slot_repr(OuroVM *vm, OuroObject *self) {
    return call_dunder(vm, self, OURO_ID(vm, __repr__), NULL, 0);
}

static OuroObject *slot_str(OuroVM *vm, OuroObject *self) {
    return call_dunder(vm, self, OURO_ID(vm, __str__), NULL, 0);
}

static intptr_t hash_not_implemented(OuroVM *vm, OuroObject *self) {
    ouro_err_format(vm, &ouro_exc_TypeError, "unhashable type: '%s'", ouro_type_name(ouro_type_of(self)));
    return -1;
}

static intptr_t slot_hash(OuroVM *vm, OuroObject *self) {
    OuroObject *r = call_dunder(vm, self, OURO_ID(vm, __hash__), NULL, 0);
    if (!r) return -1;
    if (!ouro_int_check(r)) {
        ouro_decref(vm, r);
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__hash__ method should return an integer");
        return -1;
    }
    intptr_t h;
    if (OURO_IS_SMALLINT(r)) {
        h = ouro_smallint_value(r);
        if (h == -1) h = -2;
    } else {
        /* Too big for a word (or a bool/int subclass): use the int's own hash, as CPython. */
        h = ouro_object_hash(vm, r);
    }
    ouro_decref(vm, r);
    return h;
}

static OuroObject *cmp_name(OuroVM *vm, int op) {
    switch (op) {
    case OURO_LT: return OURO_ID(vm, __lt__);
    case OURO_LE: return OURO_ID(vm, __le__);
    case OURO_EQ: return OURO_ID(vm, __eq__);
    case OURO_NE: return OURO_ID(vm, __ne__);
    case OURO_GT: return OURO_ID(vm, __gt__);
    default: return OURO_ID(vm, __ge__);
    }
}

static OuroObject *slot_richcompare(OuroVM *vm, OuroObject *self, OuroObject *other, int op) {
    return call_dunder_maybe(vm, self, cmp_name(vm, op), other);
}

/* __getattribute__, then __getattr__ on AttributeError (CPython's slot_tp_getattr_hook). */
static OuroObject *slot_getattr(OuroVM *vm, OuroObject *self, OuroObject *name) {
    OuroType *t = ouro_type_of(self);
    OuroObject *getattribute = ouro_type_lookup(t, OURO_ID(vm, __getattribute__));
    OuroObject *getattr = ouro_type_lookup(t, OURO_ID(vm, __getattr__));
    OuroObject *res;
    if (!getattribute ||
        getattribute == ouro_type_lookup(&ouro_object_type, OURO_ID(vm, __getattribute__)))
        res = ouro_object_generic_getattr(vm, self, name);
    else
        res = call_unbound(vm, getattribute, self, &name, 1, NULL);
    if (res || !getattr || !ouro_err_matches(vm, &ouro_exc_AttributeError)) return res;
    ouro_err_clear(vm);
    return call_unbound(vm, getattr, self, &name, 1, NULL);
}

static int discard_result(OuroVM *vm, OuroObject *r) {
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

static int slot_setattr(OuroVM *vm, OuroObject *self, OuroObject *name, OuroObject *value) {
    if (value) {
        OuroObject *args[2] = {name, value};
        return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __setattr__), args, 2));
    }
    return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __delattr__), &name, 1));
}

static OuroObject *slot_call(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __call__));
    if (!descr)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not callable",
                               ouro_type_name(ouro_type_of(self)));
    return call_unbound(vm, descr, self, args, nargs, kwnames);
}

static OuroObject *slot_iter(OuroVM *vm, OuroObject *self) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __iter__));
    if (!descr || descr == ouro_none)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not iterable",
                               ouro_type_name(ouro_type_of(self)));
    return call_unbound(vm, descr, self, NULL, 0, NULL);
}

static OuroObject *slot_iternext(OuroVM *vm, OuroObject *self) {
    OuroObject *r = call_dunder(vm, self, OURO_ID(vm, __next__), NULL, 0);
    if (!r && ouro_err_matches(vm, &ouro_exc_StopIteration)) ouro_err_clear(vm);
    return r;
}

static OuroObject *slot_descr_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __get__));
    if (!descr) return ouro_newref(self);
    OuroObject *args[2] = {obj ? obj : ouro_none, type ? type : ouro_none};
    return call_unbound(vm, descr, self, args, 2, NULL);
}

static int slot_descr_set(OuroVM *vm, OuroObject *self, OuroObject *target, OuroObject *value) {
    if (value) {
        OuroObject *args[2] = {target, value};
        return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __set__), args, 2));
    }
    return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __delete__), &target, 1));
}

/* __new__ is an implicit staticmethod: fetch it as C.__new__ would, then call it with the
 * class first. */
static OuroObject *slot_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    OuroObject *descr = ouro_type_lookup(type, OURO_ID(vm, __new__));
    if (!descr) return ouro_err_format(vm, &ouro_exc_AttributeError, "__new__");
    OuroDescrGetFn get = ouro_type_of(descr)->descr_get;
    ouro_incref(descr);
    OuroObject *func = get ? get(vm, descr, NULL, (OuroObject *)type) : ouro_newref(descr);
    ouro_decref(vm, descr);
    if (!func) return NULL;
    OuroObject *r = ouro_object_call_prepend(vm, func, (OuroObject *)type, args, nargs, kwnames);
    ouro_decref(vm, func);
    return r;
}

static int slot_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                     OuroObject *kwnames) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __init__));
    if (!descr) return 0;
    OuroObject *r = call_unbound(vm, descr, self, args, nargs, kwnames);
    if (!r) return -1;
    if (r != ouro_none) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__init__() should return None, not '%s'",
                        ouro_type_name(ouro_type_of(r)));
        ouro_decref(vm, r);
        return -1;
    }
    ouro_decref(vm, r);
    return 0;
}

static int slot_bool(OuroVM *vm, OuroObject *self) {
    OuroObject *r = call_dunder(vm, self, OURO_ID(vm, __bool__), NULL, 0);
    if (!r) return -1;
    if (r != ouro_true && r != ouro_false) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__bool__ should return bool, returned %s",
                        ouro_type_name(ouro_type_of(r)));
        ouro_decref(vm, r);
        return -1;
    }
    return r == ouro_true;
}

static intptr_t slot_len(OuroVM *vm, OuroObject *self) {
    OuroObject *r = call_dunder(vm, self, OURO_ID(vm, __len__), NULL, 0);
    if (!r) return -1;
    intptr_t n = ouro_number_as_ssize(vm, r, &ouro_exc_OverflowError);
    ouro_decref(vm, r);
    if (n == -1 && ouro_err_occurred(vm)) return -1;
    if (n < 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "__len__() should return >= 0");
        return -1;
    }
    return n;
}

static OuroObject *slot_getitem(OuroVM *vm, OuroObject *self, OuroObject *key) {
    return call_dunder(vm, self, OURO_ID(vm, __getitem__), &key, 1);
}

static int slot_setitem(OuroVM *vm, OuroObject *self, OuroObject *key, OuroObject *value) {
    if (value) {
        OuroObject *args[2] = {key, value};
        return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __setitem__), args, 2));
    }
    return discard_result(vm, call_dunder(vm, self, OURO_ID(vm, __delitem__), &key, 1));
}

static int slot_contains(OuroVM *vm, OuroObject *self, OuroObject *item) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __contains__));
    if (descr == ouro_none) {
        ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not a container",
                        ouro_type_name(ouro_type_of(self)));
        return -1;
    }
    if (!descr) {
        ouro_err_format(vm, &ouro_exc_AttributeError, "__contains__");
        return -1;
    }
    OuroObject *r = call_unbound(vm, descr, self, &item, 1, NULL);
    if (!r) return -1;
    int t = ouro_object_truthy(vm, r);
    ouro_decref(vm, r);
    return t;
}

#define UNARY_SLOT(fn, id) \
    static OuroObject *fn(OuroVM *vm, OuroObject *self) { return call_dunder(vm, self, OURO_ID(vm, id), NULL, 0); }
UNARY_SLOT(slot_neg, __neg__)
UNARY_SLOT(slot_pos, __pos__)
UNARY_SLOT(slot_abs, __abs__)
UNARY_SLOT(slot_invert, __invert__)
UNARY_SLOT(slot_int, __int__)
UNARY_SLOT(slot_float, __float__)
UNARY_SLOT(slot_index, __index__)
#undef UNARY_SLOT

/* ---- binary operators ------------------------------------------------------------------------------- */

/* The dunder names of each OuroBinaryOp: plain, reflected, in-place (as offsets in OuroIds). */
#define IDS(a, r, i) {offsetof(OuroIds, id##a), offsetof(OuroIds, id##r), offsetof(OuroIds, id##i)}
static const size_t nb_names[OURO_NB_COUNT][3] = {
    [OURO_NB_ADD] = IDS(__add__, __radd__, __iadd__),
    [OURO_NB_AND] = IDS(__and__, __rand__, __iand__),
    [OURO_NB_FLOOR_DIVIDE] = IDS(__floordiv__, __rfloordiv__, __ifloordiv__),
    [OURO_NB_LSHIFT] = IDS(__lshift__, __rlshift__, __ilshift__),
    [OURO_NB_MATRIX_MULTIPLY] = IDS(__matmul__, __rmatmul__, __imatmul__),
    [OURO_NB_MULTIPLY] = IDS(__mul__, __rmul__, __imul__),
    [OURO_NB_REMAINDER] = IDS(__mod__, __rmod__, __imod__),
    [OURO_NB_OR] = IDS(__or__, __ror__, __ior__),
    [OURO_NB_POWER] = IDS(__pow__, __rpow__, __ipow__),
    [OURO_NB_RSHIFT] = IDS(__rshift__, __rrshift__, __irshift__),
    [OURO_NB_SUBTRACT] = IDS(__sub__, __rsub__, __isub__),
    [OURO_NB_TRUE_DIVIDE] = IDS(__truediv__, __rtruediv__, __itruediv__),
    [OURO_NB_XOR] = IDS(__xor__, __rxor__, __ixor__),
};
#undef IDS

static OuroObject *nb_name(OuroVM *vm, int op, int which) {
    return *(OuroObject **)(void *)((char *)&vm->ids + nb_names[op][which]);
}

/* CPython's SLOT1BINFULL: self.__op__(other), with other.__rop__(self) first when other's
 * class is a subclass overriding __rop__, and after when __op__ gave NotImplemented. */
static OuroObject *slot_binary(OuroVM *vm, OuroObject *self, OuroObject *other, int op,
                               OuroBinaryFn me) {
    OuroType *ts = ouro_type_of(self), *to = ouro_type_of(other);
    OuroObject *name = nb_name(vm, op, 0), *rname = nb_name(vm, op, 1);
    bool do_other = ts != to && to->nb[op] == me;
    if (ts->nb[op] == me) {
        if (do_other && ouro_type_is_subtype(to, ts) &&
            ouro_type_lookup(to, rname) != ouro_type_lookup(ts, rname)) {
            OuroObject *r = call_dunder_maybe(vm, other, rname, self);
            if (r != ouro_not_implemented) return r;
            ouro_decref(vm, r);
            do_other = false;
        }
        OuroObject *r = call_dunder_maybe(vm, self, name, other);
        if (r != ouro_not_implemented || ts == to) return r;
        ouro_decref(vm, r);
    }
    if (do_other) return call_dunder_maybe(vm, other, rname, self);
    return ouro_newref(ouro_not_implemented);
}

static OuroObject *slot_inplace(OuroVM *vm, OuroObject *self, OuroObject *other, int op) {
    return call_dunder_maybe(vm, self, nb_name(vm, op, 2), other);
}

#define NB_SLOTS(op)                                                                       \
    static OuroObject *slot_nb_##op(OuroVM *vm, OuroObject *a, OuroObject *b) {            \
        return slot_binary(vm, a, b, op, slot_nb_##op);                                    \
    }                                                                                      \
    static OuroObject *slot_inb_##op(OuroVM *vm, OuroObject *a, OuroObject *b) {           \
        return slot_inplace(vm, a, b, op);                                                 \
    }
NB_SLOTS(OURO_NB_ADD)
NB_SLOTS(OURO_NB_AND)
NB_SLOTS(OURO_NB_FLOOR_DIVIDE)
NB_SLOTS(OURO_NB_LSHIFT)
NB_SLOTS(OURO_NB_MATRIX_MULTIPLY)
NB_SLOTS(OURO_NB_MULTIPLY)
NB_SLOTS(OURO_NB_REMAINDER)
NB_SLOTS(OURO_NB_OR)
NB_SLOTS(OURO_NB_POWER)
NB_SLOTS(OURO_NB_RSHIFT)
NB_SLOTS(OURO_NB_SUBTRACT)
NB_SLOTS(OURO_NB_TRUE_DIVIDE)
NB_SLOTS(OURO_NB_XOR)
#undef NB_SLOTS

#define NB_ENTRY(op) [op] = slot_nb_##op
static const OuroBinaryFn nb_slots[OURO_NB_COUNT] = {
    NB_ENTRY(OURO_NB_ADD), NB_ENTRY(OURO_NB_AND), NB_ENTRY(OURO_NB_FLOOR_DIVIDE),
    NB_ENTRY(OURO_NB_LSHIFT), NB_ENTRY(OURO_NB_MATRIX_MULTIPLY), NB_ENTRY(OURO_NB_MULTIPLY),
    NB_ENTRY(OURO_NB_REMAINDER), NB_ENTRY(OURO_NB_OR), NB_ENTRY(OURO_NB_POWER),
    NB_ENTRY(OURO_NB_RSHIFT), NB_ENTRY(OURO_NB_SUBTRACT), NB_ENTRY(OURO_NB_TRUE_DIVIDE),
    NB_ENTRY(OURO_NB_XOR),
};
#undef NB_ENTRY
#define INB_ENTRY(op) [op] = slot_inb_##op
static const OuroBinaryFn inb_slots[OURO_NB_COUNT] = {
    INB_ENTRY(OURO_NB_ADD), INB_ENTRY(OURO_NB_AND), INB_ENTRY(OURO_NB_FLOOR_DIVIDE),
    INB_ENTRY(OURO_NB_LSHIFT), INB_ENTRY(OURO_NB_MATRIX_MULTIPLY), INB_ENTRY(OURO_NB_MULTIPLY),
    INB_ENTRY(OURO_NB_REMAINDER), INB_ENTRY(OURO_NB_OR), INB_ENTRY(OURO_NB_POWER),
    INB_ENTRY(OURO_NB_RSHIFT), INB_ENTRY(OURO_NB_SUBTRACT), INB_ENTRY(OURO_NB_TRUE_DIVIDE),
    INB_ENTRY(OURO_NB_XOR),
};
#undef INB_ENTRY

/* ---- finalization and instance lifetime ---------------------------------------------------------- */

/* hooks.finalize of classes with __del__: called by the dealloc below and by the collector
 * (which sets OURO_GCF_FINALIZED itself). Errors are reported, never propagated, and an
 * exception being raised when the object died is kept intact. */
static void slot_finalize(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroObject *del = ouro_type_lookup(ouro_type_of(self), OURO_ID(vm, __del__));
    if (!del) return;
    OuroObject *saved = ouro_err_fetch(vm);
    ouro_incref(del);
    OuroObject *r = call_unbound(vm, del, self, NULL, 0, NULL);
    if (r) ouro_decref(vm, r);
    else ouro_err_write_unraisable(vm, del);
    ouro_decref(vm, del);
    ouro_err_restore(vm, saved);
}

/* Calls fn on every __slots__ value of self: the object references heap classes appended
 * after the static base's layout, except the dict (handled apart) and the weakref list. */
static int for_each_slot_value(OuroObject *self, int (*fn)(OuroObject **slot, void *arg), void *arg) {
    OuroType *type = self->type;
    size_t start = (static_base(type)->basicsize + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
    for (size_t off = start; off + sizeof(OuroObject *) <= type->basicsize; off += sizeof(OuroObject *)) {
        if (off == type->dict_offset || off == type->hooks.weaklist_offset) continue;
        OuroObject **slot = (OuroObject **)(void *)((char *)self + off);
        int r;
        if (*slot && (r = fn(slot, arg))) return r;
    }
    return 0;
}

typedef struct VisitArg { OuroVisitFn visit; void *arg; } VisitArg;
static int visit_slot(OuroObject **slot, void *arg) {
    VisitArg *va = arg;
    return va->visit(*slot, va->arg);
}
static int clear_slot(OuroObject **slot, void *heap) {
    OuroObject *v = *slot;
    *slot = NULL;
    ouro_gc_decref((OuroHeap *)heap, v);
    return 0;
}

/* Visiting a reference twice would make the collector think it unreachable, so the base's
 * traverse runs with the appended dict hidden: bases that know about subclass dicts
 * (vm/obj_iter.h's helpers) and bases that do not are then both counted exactly once. A
 * built-in base with a traverse visits the heap type itself (its dealloc releases it). */
static int subtype_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroType *type = self->type;
    OuroType *sb = static_base(type);
    OuroObject **slot = owns_dict(type) ? (OuroObject **)(void *)((char *)self + type->dict_offset) : NULL;
    OuroObject *dict = slot ? *slot : NULL;
    int r;
    if (dict && (r = visit(dict, arg))) return r;
    VisitArg va = {visit, arg};
    if ((r = for_each_slot_value(self, visit_slot, &va))) return r;
    if (!sb->hooks.traverse) return visit((OuroObject *)type, arg);
    if (slot) *slot = NULL;
    r = sb->hooks.traverse(self, visit, arg);
    if (slot) *slot = dict;
    return r;
}

static void subtype_clear(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    for_each_slot_value(self, clear_slot, heap);
    if (owns_dict(type))
        ouro_clear(ouro_vm_of_heap(heap), (OuroObject **)(void *)((char *)self + type->dict_offset));
    OuroType *sb = static_base(type);
    if (sb->hooks.clear) sb->hooks.clear(heap, self);
}

/* PEP 442: __del__ runs once, with the object temporarily alive again; if it stored a new
 * reference somewhere the object survives (and will not be finalized a second time), its
 * weak references intact. Otherwise the weakrefs are cleared and their callbacks run
 * (gc-reference.md §3.2), untracked first: a collection started by a callback must not
 * meet an object whose count is 0. Nothing can reach the object from a callback. */
static void subtype_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    if (type->hooks.finalize) {
        OuroGCHead *g = ouro_gc_head(self);
        if (!(g->flags & OURO_GCF_FINALIZED)) {
            g->flags |= OURO_GCF_FINALIZED;
            self->refcnt = 1;
            type->hooks.finalize(heap, self);
            if (--self->refcnt != 0) return;   /* resurrected */
            type = self->type;                 /* __del__ may have assigned __class__ */
        }
    }
    ouro_gc_untrack(heap, self);
    /* A built-in base with its own weakref list (set, module, type) clears it in its
     * dealloc, after the slots and dict below: CPython's order. */
    OuroWeakRef **weaklist = ouro_gc_weaklist(self);
    if (weaklist && *weaklist && !static_base(type)->hooks.weaklist_offset)
        ouro_gc_clear_weakrefs(heap, self);
    for_each_slot_value(self, clear_slot, heap);
    if (owns_dict(type))
        ouro_clear(ouro_vm_of_heap(heap), (OuroObject **)(void *)((char *)self + type->dict_offset));
    /* The built-in base frees the memory and releases the heap type (object_dealloc does). */
    static_base(type)->hooks.dealloc(heap, self);
}

/* ---- __dict__ and __weakref__ of instances ---------------------------------------------------------- */

static OuroObject *instance_get_dict(OuroVM *vm, OuroObject *self) {
    OuroObject **slot = ouro_object_dict_slot(self);
    if (!slot) return ouro_err_format(vm, &ouro_exc_AttributeError, "This object has no __dict__");
    if (!*slot && !(*slot = ouro_object_new_instance_dict(vm))) return NULL;
    return ouro_newref(*slot);
}

static int instance_set_dict(OuroVM *vm, OuroObject *self, OuroObject *value) {
    OuroObject **slot = ouro_object_dict_slot(self);
    if (!slot) {
        ouro_err_format(vm, &ouro_exc_AttributeError, "This object has no __dict__");
        return -1;
    }
    if (!value) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!ouro_dict_check(value)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                        ouro_type_name(ouro_type_of(value)));
        return -1;
    }
    ouro_setref(vm, slot, ouro_newref(value));
    return 0;
}

/* The first weak reference to the object (CPython's subtype_getweakref), or None. */
static OuroObject *instance_get_weakref(OuroVM *vm, OuroObject *self) {
    OuroWeakRef **weaklist = ouro_gc_weaklist(self);
    return ouro_newref(weaklist && *weaklist ? (OuroObject *)*weaklist : ouro_none);
}

static const OuroGetSetDef dict_getset = {"__dict__", instance_get_dict, instance_set_dict,
                                          "dictionary for instance variables (if defined)"};
static const OuroGetSetDef weakref_getset = {"__weakref__", instance_get_weakref, NULL,
                                             "list of weak references to the object (if defined)"};

/* ---- deriving a heap type's slots ------------------------------------------------------------------- */

/* A dunder counts as defined in Python unless it is the slot wrapper / built-in __new__ of a
 * static type, whose slot the class then inherits directly. */
static bool defined(OuroType *t, OuroObject *name) {
    OuroObject *d = ouro_type_lookup(t, name);
    if (!d) return false;
    return ouro_type_of(d) != &ouro_slot_wrapper_type && !ouro_is_builtin_new(d);
}

#define PICK(slot, cond, fn) t->slot = (cond) ? (fn) : b->slot
#define DEF(id) defined(t, OURO_ID(vm, id))

static void derive_slots(OuroVM *vm, OuroType *t) {
    OuroType *b = t->base;
    PICK(repr, DEF(__repr__), slot_repr);
    PICK(str, DEF(__str__), slot_str);
    OuroObject *hash = ouro_type_lookup(t, OURO_ID(vm, __hash__));
    if (hash == ouro_none) t->hash = hash_not_implemented;
    else PICK(hash, DEF(__hash__), slot_hash);
    PICK(richcompare, DEF(__lt__) || DEF(__le__) || DEF(__eq__) || DEF(__ne__) || DEF(__gt__) || DEF(__ge__),
         slot_richcompare);
    PICK(getattr, DEF(__getattribute__) || DEF(__getattr__), slot_getattr);
    PICK(setattr, DEF(__setattr__) || DEF(__delattr__), slot_setattr);
    PICK(call, DEF(__call__), slot_call);
    PICK(iter, DEF(__iter__), slot_iter);
    PICK(iternext, DEF(__next__), slot_iternext);
    PICK(descr_get, DEF(__get__), slot_descr_get);
    PICK(descr_set, DEF(__set__) || DEF(__delete__), slot_descr_set);
    PICK(new_, DEF(__new__), slot_new);
    PICK(init, DEF(__init__), slot_init);
    for (int op = 0; op < OURO_NB_COUNT; op++) {
        PICK(nb[op], defined(t, nb_name(vm, op, 0)) || defined(t, nb_name(vm, op, 1)), nb_slots[op]);
        PICK(nb_inplace[op], defined(t, nb_name(vm, op, 2)), inb_slots[op]);
    }
    PICK(nb_negative, DEF(__neg__), slot_neg);
    PICK(nb_positive, DEF(__pos__), slot_pos);
    PICK(nb_absolute, DEF(__abs__), slot_abs);
    PICK(nb_invert, DEF(__invert__), slot_invert);
    PICK(nb_bool, DEF(__bool__), slot_bool);
    PICK(nb_int, DEF(__int__), slot_int);
    PICK(nb_float, DEF(__float__), slot_float);
    PICK(nb_index, DEF(__index__), slot_index);
    PICK(length, DEF(__len__), slot_len);
    PICK(getitem, DEF(__getitem__), slot_getitem);
    PICK(setitem, DEF(__setitem__) || DEF(__delitem__), slot_setitem);
    PICK(contains, DEF(__contains__), slot_contains);
    t->hooks.finalize = ouro_type_lookup(t, OURO_ID(vm, __del__)) ? slot_finalize : NULL;
}

#undef PICK
#undef DEF

int ouro_class_update_slots(OuroVM *vm, OuroType *type, OuroObject *name) {
    if (!is_heap(type) || !type->base) return 0;
    ouro_type_modified(type);
    derive_slots(vm, type);
    return 0;
}

/* ---- bases, layout and the MRO ----------------------------------------------------------------------- */

/* The type whose C layout instances of t must have (CPython's solid_base). */
static OuroType *solid_base(OuroType *t) {
    if (!t->base) return t;
    OuroType *base = solid_base(t->base);
    /* A heap type's own layout counts only when it adds __slots__ values, not for the dict
     * and weakref pointers (CPython's extra_ivars). */
    size_t added = t->basicsize - t->base->basicsize;
    if (is_heap(t)) {
        if (t->dict_offset != t->base->dict_offset) added -= sizeof(OuroObject *);
        if (t->hooks.weaklist_offset != t->base->hooks.weaklist_offset) added -= sizeof(OuroObject *);
        return added >= sizeof(OuroObject *) ? t : base;
    }
    bool extra = t->basicsize != t->base->basicsize || t->itemsize != t->base->itemsize;
    return extra ? t : base;
}

static OuroType *best_base(OuroVM *vm, OuroObject *bases) {
    OuroType *base = NULL, *winner = NULL;
    for (size_t i = 0; i < ouro_tuple_size(bases); i++) {
        OuroObject *b = ouro_tuple_get(bases, i);
        if (!is_type(b)) {
            ouro_err_set_str(vm, &ouro_exc_TypeError, "bases must be types");
            return NULL;
        }
        OuroType *bt = (OuroType *)b;
        if (!(bt->flags & OURO_TPFLAG_BASETYPE)) {
            ouro_err_format(vm, &ouro_exc_TypeError, "type '%s' is not an acceptable base type", bt->name);
            return NULL;
        }
        OuroType *candidate = solid_base(bt);
        if (!winner) {
            winner = candidate;
            base = bt;
        } else if (ouro_type_is_subtype(winner, candidate)) {
            continue;
        } else if (ouro_type_is_subtype(candidate, winner)) {
            winner = candidate;
            base = bt;
        } else {
            ouro_err_set_str(vm, &ouro_exc_TypeError, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

typedef struct MergeSeq {
    OuroObject **items;
    size_t n, pos;
} MergeSeq;

static bool in_tail(MergeSeq *seqs, size_t nseqs, OuroObject *candidate) {
    for (size_t i = 0; i < nseqs; i++)
        for (size_t j = seqs[i].pos + 1; j < seqs[i].n; j++)
            if (seqs[i].items[j] == candidate) return true;
    return false;
}

/* "Cannot create a consistent method resolution\norder (MRO) for bases A, B": the heads
 * still waiting, each named once, in order. */
static void mro_error(OuroVM *vm, MergeSeq *seqs, size_t nseqs) {
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append_cstr(&b, "Cannot create a consistent method resolution\norder (MRO) for bases");
    const char *sep = " ";
    for (size_t i = 0; i < nseqs; i++) {
        if (seqs[i].pos >= seqs[i].n) continue;
        OuroObject *head = seqs[i].items[seqs[i].pos];
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = seqs[k].pos < seqs[k].n && seqs[k].items[seqs[k].pos] == head;
        if (seen) continue;
        ouro_strbuf_append_cstr(&b, sep);
        ouro_strbuf_append_cstr(&b, ((OuroType *)head)->name);
        sep = ", ";
    }
    OuroObject *msg = ouro_strbuf_finish(vm, &b);
    if (!msg) return;
    ouro_err_set(vm, &ouro_exc_TypeError, msg);
    ouro_decref(vm, msg);
}

static OuroObject *c3_merge(OuroVM *vm, OuroType *type, OuroObject *bases) {
    size_t nbases = ouro_tuple_size(bases), nseqs = nbases + 1, total = 1;
    MergeSeq *seqs = calloc(nseqs, sizeof *seqs);
    if (!seqs) return ouro_err_no_memory(vm);
    for (size_t i = 0; i < nbases; i++) {
        OuroType *b = (OuroType *)ouro_tuple_get(bases, i);
        seqs[i].items = ouro_tuple_items(b->mro);
        seqs[i].n = ouro_tuple_size(b->mro);
        total += seqs[i].n;
    }
    seqs[nbases].items = ouro_tuple_items(bases);
    seqs[nbases].n = nbases;
    OuroObject **out = malloc(total * sizeof *out);
    OuroObject *result = NULL;
    if (!out) {
        free(seqs);
        return ouro_err_no_memory(vm);
    }
    size_t len = 0;
    out[len++] = (OuroObject *)type;
    for (;;) {
        bool remaining = false;
        OuroObject *found = NULL;
        for (size_t i = 0; i < nseqs && !found; i++) {
            if (seqs[i].pos >= seqs[i].n) continue;
            remaining = true;
            OuroObject *candidate = seqs[i].items[seqs[i].pos];
            if (!in_tail(seqs, nseqs, candidate)) found = candidate;
        }
        if (!remaining) break;
        if (!found) {
            mro_error(vm, seqs, nseqs);
            goto done;
        }
        out[len++] = found;
        for (size_t i = 0; i < nseqs; i++)
            if (seqs[i].pos < seqs[i].n && seqs[i].items[seqs[i].pos] == found) seqs[i].pos++;
    }
    result = ouro_tuple_from_array(vm, out, len);
done:
    free(out);
    free(seqs);
    return result;
}

static OuroObject *compute_mro(OuroVM *vm, OuroType *type, OuroObject *bases) {
    size_t n = ouro_tuple_size(bases);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (ouro_tuple_get(bases, i) == ouro_tuple_get(bases, j))
                return ouro_err_format(vm, &ouro_exc_TypeError, "duplicate base class %s",
                                       ((OuroType *)ouro_tuple_get(bases, i))->name);
    return c3_merge(vm, type, bases);
}

static size_t align_ptr(size_t n) { return (n + sizeof(void *) - 1) & ~(sizeof(void *) - 1); }

/* What a class's __slots__ asks for (CPython's type_new_slots): the member names, mangled
 * and sorted, and whether __dict__ / __weakref__ were listed. present is false without
 * __slots__, and then the class gets a dict and a weakref list when the base lacks them. */
typedef struct SlotSpec {
    bool present, add_dict, add_weakref;
    OuroObject *names;                /* list of str (owned), or NULL */
} SlotSpec;

/* The layout can grow only after fixed-size bases (str and tuple keep their data inline). */
static bool layout_extensible(OuroType *base) {
    return base->itemsize == 0 &&
           !(base->flags & (OURO_TPFLAG_STR_SUBCLASS | OURO_TPFLAG_TUPLE_SUBCLASS |
                            OURO_TPFLAG_TYPE_SUBCLASS));
}

/* _Py_Mangle: "__x" in class "_Cls" becomes "_Cls__x" (not dunders, not dotted names). */
static OuroObject *mangle(OuroVM *vm, OuroObject *classname, OuroObject *name) {
    const char *n = ouro_str_cstr(name), *c = ouro_str_cstr(classname);
    size_t nlen = ouro_str_size(name);
    if (nlen < 2 || n[0] != '_' || n[1] != '_' || (n[nlen - 1] == '_' && n[nlen - 2] == '_') ||
        memchr(n, '.', nlen))
        return ouro_newref(name);
    while (*c == '_') c++;
    if (!*c) return ouro_newref(name);
    return ouro_str_from_format(vm, "_%s%U", c, name);
}

static int is_identifier(OuroVM *vm, OuroObject *name) {
    OuroObject *meth = ouro_object_getattr_cstr(vm, name, "isidentifier");
    OuroObject *r = meth ? ouro_object_call0(vm, meth) : NULL;
    ouro_xdecref(vm, meth);
    if (!r) return -1;
    int ok = r == ouro_true;
    ouro_decref(vm, r);
    return ok;
}

static int slots_error(OuroVM *vm, SlotSpec *spec, OuroObject *slots) {
    ouro_xdecref(vm, slots);
    ouro_clear(vm, &spec->names);
    return -1;
}

static int parse_slots(OuroVM *vm, OuroType *t, OuroType *base, OuroObject *ns, SlotSpec *spec) {
    *spec = (SlotSpec){false, false, false, NULL};
    OuroObject *given = ouro_dict_get_str(ns, OURO_ID(vm, __slots__));
    if (!given) return 0;
    spec->present = true;
    OuroObject *slots = ouro_str_check(given) ? ouro_tuple_pack(vm, 1, given)
                                              : ouro_tuple_from_iterable(vm, given);
    if (!slots) return -1;
    size_t n = ouro_tuple_size(slots);
    /* int is variable-size in CPython: its subclasses take no slots there either. */
    if (n > 0 && (!layout_extensible(base) || (base->flags & OURO_TPFLAG_INT_SUBCLASS))) {
        ouro_err_format(vm, &ouro_exc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                        base->name);
        return slots_error(vm, spec, slots);
    }
    bool may_add_dict = base->dict_offset == 0, may_add_weak = base->hooks.weaklist_offset == 0;
    for (size_t i = 0; i < n; i++) {
        OuroObject *name = ouro_tuple_get(slots, i);
        if (!ouro_str_check(name)) {
            ouro_err_format(vm, &ouro_exc_TypeError, "__slots__ items must be strings, not '%s'",
                            ouro_type_name(ouro_type_of(name)));
            return slots_error(vm, spec, slots);
        }
        int ok = is_identifier(vm, name);
        if (ok <= 0) {
            if (ok == 0) ouro_err_set_str(vm, &ouro_exc_TypeError, "__slots__ must be identifiers");
            return slots_error(vm, spec, slots);
        }
        if (ouro_str_equal_cstr(name, "__dict__")) {
            if (!may_add_dict || spec->add_dict) {
                ouro_err_set_str(vm, &ouro_exc_TypeError, "__dict__ slot disallowed: we already got one");
                return slots_error(vm, spec, slots);
            }
            spec->add_dict = true;
        }
        if (ouro_str_equal_cstr(name, "__weakref__")) {
            if (!may_add_weak || spec->add_weakref) {
                ouro_err_set_str(vm, &ouro_exc_TypeError,
                                 "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0");
                return slots_error(vm, spec, slots);
            }
            spec->add_weakref = true;
        }
    }
    if (!(spec->names = ouro_list_new(vm, 0))) return slots_error(vm, spec, slots);
    for (size_t i = 0; i < n; i++) {
        OuroObject *name = ouro_tuple_get(slots, i);
        if (ouro_str_equal_cstr(name, "__dict__") || ouro_str_equal_cstr(name, "__weakref__")) continue;
        OuroObject *m = mangle(vm, t->heap_name, name);
        if (!m) return slots_error(vm, spec, slots);
        if (ouro_dict_get_str(ns, m)) {
            ouro_err_format(vm, &ouro_exc_ValueError, "%R in __slots__ conflicts with class variable", m);
            ouro_decref(vm, m);
            return slots_error(vm, spec, slots);
        }
        int r = ouro_list_append(vm, spec->names, m);
        ouro_decref(vm, m);
        if (r < 0) return slots_error(vm, spec, slots);
    }
    ouro_decref(vm, slots);
    if (ouro_list_sort(vm, spec->names, NULL, false) < 0) return slots_error(vm, spec, NULL);
    return 0;
}

/* Instance layout: the best base's, then the __slots__ values, then a dict pointer and a
 * weakref-list pointer when the base has none (all of them, without __slots__) and its
 * instances are fixed-size. Slot values are object references from the first aligned offset
 * past the static base's size (vm/obj_class.c's traverse relies on it). */
static void compute_layout(OuroType *t, OuroType *base, const SlotSpec *spec, bool *added_dict,
                           bool *added_weaklist) {
    t->basicsize = base->basicsize;
    t->itemsize = base->itemsize;
    t->dict_offset = base->dict_offset;
    t->hooks.weaklist_offset = base->hooks.weaklist_offset;
    *added_dict = *added_weaklist = false;
    if (!layout_extensible(base)) return;
    if (spec->names && ouro_list_size(spec->names) > 0)
        t->basicsize = align_ptr(t->basicsize) + ouro_list_size(spec->names) * sizeof(OuroObject *);
    if (!t->dict_offset && (!spec->present || spec->add_dict)) {
        t->dict_offset = align_ptr(t->basicsize);
        t->basicsize = t->dict_offset + sizeof(OuroObject *);
        *added_dict = true;
    }
    /* int is variable-size in CPython, so its subclasses get no weakref list there
     * ("cannot create weak reference to 'I' object"); the dict they do get. */
    if (!t->hooks.weaklist_offset && (!spec->present || spec->add_weakref) &&
        !(base->flags & OURO_TPFLAG_INT_SUBCLASS)) {
        t->hooks.weaklist_offset = align_ptr(t->basicsize);
        t->basicsize = t->hooks.weaklist_offset + sizeof(OuroObject *);
        *added_weaklist = true;
    }
}

/* One member descriptor per slot name, at the offsets compute_layout gave them. */
static int add_members(OuroVM *vm, OuroType *t, OuroType *base, const SlotSpec *spec) {
    if (!spec->names) return 0;
    size_t off = align_ptr(base->basicsize);
    for (size_t i = 0; i < ouro_list_size(spec->names); i++, off += sizeof(OuroObject *)) {
        OuroObject *name = ouro_list_get(spec->names, i);
        OuroObject *d = ouro_member_descriptor_new(vm, t, name, off);
        if (!d) return -1;
        int r = ouro_dict_set(vm, t->dict, name, d);
        ouro_decref(vm, d);
        if (r < 0) return -1;
    }
    return 0;
}

/* ---- the class namespace ----------------------------------------------------------------------------- */

static int wrap_in_dict(OuroVM *vm, OuroObject *dict, OuroObject *key, OuroType *wrapper) {
    OuroObject *v = ouro_dict_get_str(dict, key);
    if (!v || ouro_type_of(v) != &ouro_function_type) return 0;
    OuroObject *w = ouro_object_call1(vm, (OuroObject *)wrapper, v);
    if (!w) return -1;
    int r = ouro_dict_set(vm, dict, key, w);
    ouro_decref(vm, w);
    return r;
}

static int add_getset(OuroVM *vm, OuroType *t, const OuroGetSetDef *def) {
    OuroObject *d = ouro_getset_descriptor_new(vm, def, t);
    if (!d) return -1;
    int r = ouro_dict_set_cstr(vm, t->dict, def->name, d);
    ouro_decref(vm, d);
    return r;
}

static int set_module_from_globals(OuroVM *vm, OuroObject *dict) {
    if (ouro_dict_get_str(dict, OURO_ID(vm, __module__))) return 0;
    OuroObject *globals = ouro_eval_globals(vm);
    OuroObject *name = globals ? ouro_dict_get_str(globals, OURO_ID(vm, __name__)) : NULL;
    return name ? ouro_dict_set(vm, dict, OURO_ID(vm, __module__), name) : 0;
}

/* Moves __qualname__ out of the namespace into the type (it is not a class attribute). */
static int take_qualname(OuroVM *vm, OuroType *t) {
    OuroObject *q = ouro_dict_get_str(t->dict, OURO_ID(vm, __qualname__));
    if (!q) {
        t->heap_qualname = ouro_newref(t->heap_name);
        return 0;
    }
    if (!ouro_str_check(q)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "type __qualname__ must be a str, not %s",
                        ouro_type_name(ouro_type_of(q)));
        return -1;
    }
    t->heap_qualname = ouro_newref(q);
    return ouro_dict_del(vm, t->dict, OURO_ID(vm, __qualname__));
}

/* The class body's __class__ cell (for zero-argument super()) now refers to the class. */
static int fill_classcell(OuroVM *vm, OuroType *t) {
    OuroObject *cell = ouro_dict_get_str(t->dict, OURO_ID(vm, __classcell__));
    if (!cell) return 0;
    if (ouro_type_of(cell) != &ouro_cell_type) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__classcell__ must be a nonlocal cell, not %R",
                        (OuroObject *)ouro_type_of(cell));
        return -1;
    }
    ouro_setref(vm, &((OuroCell *)cell)->ref, ouro_newref((OuroObject *)t));
    return ouro_dict_del(vm, t->dict, OURO_ID(vm, __classcell__));
}

static int prepare_namespace(OuroVM *vm, OuroType *t, const SlotSpec *spec, bool added_dict,
                             bool added_weaklist) {
    OuroObject *dict = t->dict;
    if (set_module_from_globals(vm, dict) < 0 || take_qualname(vm, t) < 0 || fill_classcell(vm, t) < 0)
        return -1;
    if (add_members(vm, t, t->base, spec) < 0) return -1;
    if (wrap_in_dict(vm, dict, OURO_ID(vm, __new__), &ouro_staticmethod_type) < 0 ||
        wrap_in_dict(vm, dict, OURO_ID(vm, __init_subclass__), &ouro_classmethod_type) < 0 ||
        wrap_in_dict(vm, dict, OURO_ID(vm, __class_getitem__), &ouro_classmethod_type) < 0)
        return -1;
    /* Built-in bases with an instance dict (exceptions) may not expose it themselves. */
    bool want_dict = added_dict || (t->dict_offset && !ouro_type_lookup(t->base, OURO_ID(vm, __dict__)));
    if (want_dict && !ouro_dict_get_str(dict, OURO_ID(vm, __dict__)) && add_getset(vm, t, &dict_getset) < 0)
        return -1;
    if (added_weaklist && !ouro_dict_get_str(dict, OURO_ID(vm, __weakref__)) &&
        add_getset(vm, t, &weakref_getset) < 0)
        return -1;
    if (!ouro_dict_get_str(dict, OURO_ID(vm, __doc__)) &&
        ouro_dict_set(vm, dict, OURO_ID(vm, __doc__), ouro_none) < 0)
        return -1;
    /* Defining __eq__ without __hash__ makes instances unhashable. */
    if (ouro_dict_get_str(dict, OURO_ID(vm, __eq__)) && !ouro_dict_get_str(dict, OURO_ID(vm, __hash__)) &&
        ouro_dict_set(vm, dict, OURO_ID(vm, __hash__), ouro_none) < 0)
        return -1;
    return 0;
}

/* ---- __set_name__ and __init_subclass__ ------------------------------------------------------------- */

static void set_name_failed(OuroVM *vm, OuroType *t, OuroObject *key, OuroObject *value) {
    OuroObject *cause = ouro_err_fetch(vm);
    ouro_err_format(vm, &ouro_exc_RuntimeError, "Error calling __set_name__ on '%s' instance %R in '%s'",
                    ouro_type_name(ouro_type_of(value)), key, t->name);
    if (vm->exc && cause && ouro_exception_check(vm->exc)) {
        ouro_exception_set_context(vm, vm->exc, ouro_newref(cause));
        ouro_exception_set_cause(vm, vm->exc, cause);
    } else {
        ouro_xdecref(vm, cause);
    }
}

static int call_set_names(OuroVM *vm, OuroType *t) {
    OuroObject *copy = ouro_dict_copy(vm, t->dict);   /* __set_name__ may change the class */
    if (!copy) return -1;
    size_t pos = 0;
    OuroObject *key, *value;
    int result = 0;
    while (ouro_dict_next(copy, &pos, &key, &value)) {
        OuroObject *set_name = ouro_type_lookup(ouro_type_of(value), OURO_ID(vm, __set_name__));
        if (!set_name) continue;
        OuroObject *args[2] = {(OuroObject *)t, key};
        OuroObject *r = call_unbound(vm, set_name, value, args, 2, NULL);
        if (!r) {
            set_name_failed(vm, t, key, value);
            result = -1;
            break;
        }
        ouro_decref(vm, r);
    }
    ouro_decref(vm, copy);
    return result;
}

/* super(t, t).__init_subclass__(**kwargs) */
static int call_init_subclass(OuroVM *vm, OuroType *t, OuroObject *const *kwvalues,
                              OuroObject *kwnames) {
    OuroObject *mro = t->mro, *descr = NULL;
    for (size_t i = 1; i < ouro_tuple_size(mro) && !descr; i++) {
        OuroObject *d = ((OuroType *)ouro_tuple_get(mro, i))->dict;
        if (d) descr = ouro_dict_get_str(d, OURO_ID(vm, __init_subclass__));
    }
    if (!descr) return 0;
    OuroDescrGetFn get = ouro_type_of(descr)->descr_get;
    ouro_incref(descr);
    OuroObject *func = get ? get(vm, descr, NULL, (OuroObject *)t) : ouro_newref(descr);
    ouro_decref(vm, descr);
    if (!func) return -1;
    OuroObject *r = ouro_object_call(vm, func, kwvalues, 0, kwnames);
    ouro_decref(vm, func);
    return discard_result(vm, r);
}

/* ---- creating the class -------------------------------------------------------------------------------- */

static OuroObject *default_bases(OuroVM *vm, OuroObject *bases) {
    if (ouro_tuple_size(bases) > 0) return ouro_newref(bases);
    return ouro_tuple_pack(vm, 1, (OuroObject *)&ouro_object_type);
}

static OuroType *alloc_type(OuroVM *vm, OuroType *metatype, OuroObject *name, OuroObject *bases,
                            OuroType *base, OuroObject *ns) {
    size_t size = metatype->basicsize < sizeof(OuroType) ? sizeof(OuroType) : metatype->basicsize;
    OuroType *t = (OuroType *)ouro_gc_alloc(ouro_heap(vm), metatype, size);
    if (!t) {
        ouro_err_no_memory(vm);
        return NULL;
    }
    if (is_heap(metatype)) ouro_incref((OuroObject *)metatype);
    t->heap_name = ouro_newref(name);
    t->name = ouro_str_cstr(name);
    t->bases = ouro_newref(bases);
    t->base = (OuroType *)ouro_newref((OuroObject *)base);
    t->flags = OURO_TPFLAG_HEAPTYPE | OURO_TPFLAG_BASETYPE | OURO_TPFLAG_READY;
    t->hooks.traverse = subtype_traverse;
    t->hooks.clear = subtype_clear;
    t->hooks.dealloc = subtype_dealloc;
    /* Subclasses of weakref.ref are weak references too (weakref.py's KeyedRef). */
    t->hooks.gc_flags = OURO_GC_CONTAINER | (static_base(base)->hooks.gc_flags & OURO_GC_WEAKREF);
    t->dict = ouro_dict_copy(vm, ns);
    if (!t->dict) {
        ouro_decref(vm, (OuroObject *)t);
        return NULL;
    }
    return t;
}

static OuroObject *new_class(OuroVM *vm, OuroType *metatype, OuroObject *name, OuroObject *given_bases,
                             OuroObject *ns, OuroObject *const *kwvalues, OuroObject *kwnames) {
    if (strlen(ouro_str_cstr(name)) != ouro_str_size(name))
        return ouro_err_format(vm, &ouro_exc_ValueError, "type name must not contain null characters");
    OuroObject *bases = default_bases(vm, given_bases);
    if (!bases) return NULL;
    OuroType *base = best_base(vm, bases);
    OuroType *t = base ? alloc_type(vm, metatype, name, bases, base, ns) : NULL;
    ouro_decref(vm, bases);
    if (!t) return NULL;
    OuroObject *self = (OuroObject *)t;
    bool added_dict, added_weaklist;
    SlotSpec spec;
    if (parse_slots(vm, t, base, ns, &spec) < 0) goto fail;
    compute_layout(t, base, &spec, &added_dict, &added_weaklist);
    if (!(t->mro = compute_mro(vm, t, t->bases)) ||
        prepare_namespace(vm, t, &spec, added_dict, added_weaklist) < 0) {
        ouro_xdecref(vm, spec.names);
        goto fail;
    }
    ouro_xdecref(vm, spec.names);
    ouro_type_inherit_slots(t, base, true);
    derive_slots(vm, t);
    if (ouro_type_register_heap(t) < 0) {
        ouro_err_no_memory(vm);
        goto fail;
    }
    ouro_gc_track(ouro_heap(vm), self);
    if (call_set_names(vm, t) < 0 || call_init_subclass(vm, t, kwvalues, kwnames) < 0) goto fail;
    return self;
fail:
    ouro_decref(vm, self);
    return NULL;
}

/* The most derived metaclass among metatype and the bases' types (CPython's
 * _PyType_CalculateMetaclass); NULL with TypeError on a conflict. */
static OuroType *calculate_metaclass(OuroVM *vm, OuroType *metatype, OuroObject *bases) {
    OuroType *winner = metatype;
    for (size_t i = 0; i < ouro_tuple_size(bases); i++) {
        OuroType *tmp = ouro_type_of(ouro_tuple_get(bases, i));
        if (ouro_type_is_subtype(winner, tmp)) continue;
        if (ouro_type_is_subtype(tmp, winner)) {
            winner = tmp;
            continue;
        }
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
                         "subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

OuroObject *ouro_type_new_slot(OuroVM *vm, OuroType *metatype, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (nargs != 3)
        return ouro_err_format(vm, &ouro_exc_TypeError, "type.__new__() takes exactly 3 arguments (%zu given)",
                               nargs);
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "type.__new__() argument 1 must be str, not %T", args[0]);
    if (!ouro_tuple_check(args[1]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "type.__new__() argument 2 must be tuple, not %T", args[1]);
    if (!ouro_dict_check(args[2]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "type.__new__() argument 3 must be dict, not %T", args[2]);
    OuroType *winner = calculate_metaclass(vm, metatype, args[1]);
    if (!winner) return NULL;
    if (winner != metatype && winner->new_ != ouro_type_new_slot)
        return winner->new_(vm, winner, args, nargs, kwnames);
    return new_class(vm, winner, args[0], args[1], args[2], args + nargs, kwnames);
}

OuroObject *ouro_type_new_class(OuroVM *vm, OuroObject *name, OuroObject *bases, OuroObject *dict) {
    OuroType *meta = calculate_metaclass(vm, &ouro_type_type, bases);
    if (!meta) return NULL;
    OuroObject *args[3] = {name, bases, dict};
    if (meta == &ouro_type_type) return ouro_type_new_slot(vm, meta, args, 3, NULL);
    /* A metaclass inherited from a base: call it, so its __new__ and __init__ both run. */
    return ouro_object_call(vm, (OuroObject *)meta, args, 3, NULL);
}
