/* vm/obj_tuple.c — tuple: a fixed array of references, the per-VM shared empty tuple
 * (PART(tuple)), CPython 3.11's xxHash-based hash, and tuple_iterator.
 * Tracking rule (ouro_tuple_track_if_needed, docs/gc-tracking.md): a tuple is tracked unless
 * every item is an atom or an untracked tuple (CPython's _PyTuple_MaybeUntrack, applied at
 * creation); the collector untracks survivors whose items became untracked later
 * (OURO_GC_UNTRACK_ATOMIC). Subclass instances are always tracked. Items are only NULL
 * while being filled, so traverse/dealloc tolerate NULL; like CPython, the collector never
 * clears an exact tuple's items (a cycle through a tuple always passes a mutable object). */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

static OuroTuple *as_tuple(OuroObject *o) { return (OuroTuple *)o; }

static OuroObject *alloc_tuple(OuroVM *vm, OuroType *type, size_t n) {
    if (n > (SIZE_MAX - type->basicsize) / sizeof(OuroObject *)) return ouro_err_no_memory(vm);
    OuroObject *t = ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize + n * sizeof(OuroObject *));
    if (!t) return ouro_err_no_memory(vm);
    as_tuple(t)->size = n;
    return t;
}

OuroObject *ouro_tuple_new(OuroVM *vm, size_t n) {
    if (n == 0) return ouro_newref(vm->empty_tuple);
    return alloc_tuple(vm, &ouro_tuple_type, n);
}

void ouro_tuple_track_if_needed(OuroVM *vm, OuroObject *t) {
    if (t == vm->empty_tuple || ouro_gc_is_tracked(t)) return;
    OuroTuple *tp = as_tuple(t);
    bool track = t->type != &ouro_tuple_type;
    for (size_t i = 0; i < tp->size && !track; i++)
        track = tp->items[i] && ouro_gc_may_be_tracked(tp->items[i]);
    if (track) ouro_gc_track(ouro_heap(vm), t);
}

OuroObject *ouro_tuple_from_array(OuroVM *vm, OuroObject *const *items, size_t n) {
    OuroObject *t = ouro_tuple_new(vm, n);
    if (!t || n == 0) return t;
    for (size_t i = 0; i < n; i++) as_tuple(t)->items[i] = ouro_newref(items[i]);
    ouro_tuple_track_if_needed(vm, t);
    return t;
}

OuroObject *ouro_tuple_pack(OuroVM *vm, size_t n, ...) {
    OuroObject *t = ouro_tuple_new(vm, n);
    if (!t || n == 0) return t;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) as_tuple(t)->items[i] = ouro_newref(va_arg(ap, OuroObject *));
    va_end(ap);
    ouro_tuple_track_if_needed(vm, t);
    return t;
}

/* Collects an arbitrary iterable into a malloc'd array of new references. */
static OuroObject **collect_iterable(OuroVM *vm, OuroObject *iterable, size_t *count) {
    OuroObject *it = ouro_object_getiter(vm, iterable);
    if (!it) return NULL;
    size_t n = 0, cap = 8;
    OuroObject **buf = malloc(cap * sizeof *buf);
    if (!buf) {
        ouro_decref(vm, it);
        return (OuroObject **)ouro_err_no_memory(vm);
    }
    OuroObject *item;
    while ((item = ouro_iter_next(vm, it)) != NULL) {
        if (n == cap) {
            OuroObject **nb = cap < SIZE_MAX / 4 / sizeof *buf ? realloc(buf, 2 * cap * sizeof *buf) : NULL;
            if (!nb) {
                ouro_decref(vm, item);
                ouro_err_no_memory(vm);
                break;
            }
            buf = nb;
            cap *= 2;
        }
        buf[n++] = item;
    }
    ouro_decref(vm, it);
    if (ouro_err_occurred(vm)) {
        for (size_t i = 0; i < n; i++) ouro_decref(vm, buf[i]);
        free(buf);
        return NULL;
    }
    *count = n;
    return buf;
}

OuroObject *ouro_tuple_from_iterable(OuroVM *vm, OuroObject *iterable) {
    if (!OURO_IS_SMALLINT(iterable) && iterable->type == &ouro_tuple_type)
        return ouro_newref(iterable);
    if (ouro_list_check(iterable)) return ouro_list_as_tuple(vm, iterable);
    size_t n = 0;
    OuroObject **buf = collect_iterable(vm, iterable, &n);
    if (!buf) return NULL;
    OuroObject *t = ouro_tuple_new(vm, n);
    if (!t) {
        for (size_t i = 0; i < n; i++) ouro_decref(vm, buf[i]);
    } else if (n) {
        memcpy(as_tuple(t)->items, buf, n * sizeof *buf);
        ouro_tuple_track_if_needed(vm, t);
    }
    free(buf);
    return t;
}

/* ---- collector hooks --------------------------------------------------------------------- */

/* Last item first, as CPython's tupletraverse (gc.get_referents shows the order). */
static int tuple_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroTuple *t = as_tuple(self);
    for (size_t i = t->size; i-- > 0;) {
        if (t->items[i]) {
            int r = visit(t->items[i], arg);
            if (r) return r;
        }
    }
    return ouro_subclass_traverse(self, visit, arg);
}

/* Only a subclass instance's dict: the items stay, so a tuple the collector cleared is
 * still a valid tuple (CPython's tuple has no tp_clear at all). */
static void tuple_clear(OuroHeap *heap, OuroObject *self) { ouro_subclass_clear(heap, self); }

static void tuple_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroTuple *t = as_tuple(self);
    ouro_gc_untrack(heap, self);
    ouro_subclass_clear(heap, self);
    /* Last to first, as CPython's tupledealloc: finalizers of the items run in that order. */
    for (size_t i = t->size; i-- > 0;) {
        OuroObject *o = t->items[i];
        if (o) {
            t->items[i] = NULL;
            ouro_gc_decref(heap, o);
        }
    }
    ouro_subclass_free(heap, self);
}

/* ---- hash, repr, comparison ------------------------------------------------------------ */

#define XXPRIME_1 ((uint64_t)11400714785074694791ULL)
#define XXPRIME_2 ((uint64_t)14029467366897019727ULL)
#define XXPRIME_5 ((uint64_t)2870177450012600261ULL)

static intptr_t tuple_hash(OuroVM *vm, OuroObject *self) {
    OuroTuple *t = as_tuple(self);
    if (ouro_c_stack_check(vm, " while getting the hash of an object") < 0) return -1;
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < t->size; i++) {
        intptr_t h = ouro_hash_fast(vm, t->items[i]);
        if (h == -1) return -1;
        acc += (uint64_t)h * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += t->size ^ (XXPRIME_5 ^ 3527539UL);
    if (acc == (uint64_t)-1) return 1546275796;
    return (intptr_t)acc;
}

static OuroObject *tuple_repr(OuroVM *vm, OuroObject *self) {
    OuroTuple *t = as_tuple(self);
    if (t->size == 0) return ouro_str_from_cstr(vm, "()");
    int r = ouro_repr_enter(vm, self);
    if (r != 0) return r > 0 ? ouro_str_from_cstr(vm, "(...)") : NULL;
    if (ouro_c_stack_check(vm, " while getting the repr of an object") < 0) {
        ouro_repr_leave(vm, self);
        return NULL;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append_char(&b, '(');
    for (size_t i = 0; i < t->size; i++) {
        if (i) ouro_strbuf_append(&b, ", ", 2);
        if (ouro_strbuf_append_repr(vm, &b, t->items[i]) < 0) {
            ouro_strbuf_release(&b);
            ouro_repr_leave(vm, self);
            return NULL;
        }
    }
    if (t->size == 1) ouro_strbuf_append_char(&b, ',');
    ouro_strbuf_append_char(&b, ')');
    ouro_repr_leave(vm, self);
    return ouro_strbuf_finish(vm, &b);
}

static bool compare_sizes(size_t a, size_t b, int op) {
    switch (op) {
    case OURO_LT: return a < b;
    case OURO_LE: return a <= b;
    case OURO_EQ: return a == b;
    case OURO_NE: return a != b;
    case OURO_GT: return a > b;
    default: return a >= b;
    }
}

static OuroObject *tuple_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_tuple_check(a) || !ouro_tuple_check(b)) return ouro_newref(ouro_not_implemented);
    OuroTuple *v = as_tuple(a), *w = as_tuple(b);
    if ((op == OURO_EQ || op == OURO_NE) && v->size != w->size)
        return ouro_newref(ouro_bool_from(op == OURO_NE));
    if (ouro_c_stack_check(vm, " in comparison") < 0) return NULL;
    size_t i;
    for (i = 0; i < v->size && i < w->size; i++) {
        int k = ouro_object_richcompare_bool(vm, v->items[i], w->items[i], OURO_EQ);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= v->size || i >= w->size) return ouro_newref(ouro_bool_from(compare_sizes(v->size, w->size, op)));
    if (op == OURO_EQ) return ouro_newref(ouro_false);
    if (op == OURO_NE) return ouro_newref(ouro_true);
    return ouro_object_richcompare(vm, v->items[i], w->items[i], op);
}

/* ---- sequence protocol ------------------------------------------------------------------- */

static intptr_t tuple_length(OuroVM *vm, OuroObject *self) { return (intptr_t)as_tuple(self)->size; }

static int tuple_contains(OuroVM *vm, OuroObject *self, OuroObject *item) {
    OuroTuple *t = as_tuple(self);
    for (size_t i = 0; i < t->size; i++) {
        int k = ouro_object_richcompare_bool(vm, t->items[i], item, OURO_EQ);
        if (k != 0) return k;
    }
    return 0;
}

static OuroObject *tuple_slice(OuroVM *vm, OuroObject *self, OuroObject *slice) {
    OuroTuple *t = as_tuple(self);
    intptr_t start, stop, step, len;
    if (ouro_slice_indices(vm, slice, (intptr_t)t->size, &start, &stop, &step, &len) < 0) return NULL;
    if (len <= 0) return ouro_newref(vm->empty_tuple);
    if (step == 1 && (size_t)len == t->size && self->type == &ouro_tuple_type) return ouro_newref(self);
    OuroObject *r = ouro_tuple_new(vm, (size_t)len);
    if (!r) return NULL;
    for (intptr_t i = 0, j = start; i < len; i++, j += step)
        as_tuple(r)->items[i] = ouro_newref(t->items[j]);
    ouro_tuple_track_if_needed(vm, r);
    return r;
}

static OuroObject *tuple_subscript(OuroVM *vm, OuroObject *self, OuroObject *key) {
    OuroTuple *t = as_tuple(self);
    intptr_t i;
    if (OURO_IS_SMALLINT(key)) {
        i = ouro_smallint_value(key);
    } else if (ouro_index_check(key)) {
        i = ouro_number_as_ssize(vm, key, &ouro_exc_IndexError);
        if (i == -1 && ouro_err_occurred(vm)) return NULL;
    } else if (key->type == &ouro_slice_type) {
        return tuple_slice(vm, self, key);
    } else {
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "tuple indices must be integers or slices, not %T", key);
    }
    if (i < 0) i += (intptr_t)t->size;
    if (i < 0 || (size_t)i >= t->size)
        return ouro_err_format(vm, &ouro_exc_IndexError, "tuple index out of range");
    return ouro_newref(t->items[i]);
}

static OuroObject *tuple_concat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_tuple_check(a)) return ouro_newref(ouro_not_implemented);
    if (!ouro_tuple_check(b)) {
        if (ouro_defers_to_reflected(b, OURO_ID(vm, __radd__))) return ouro_newref(ouro_not_implemented);
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "can only concatenate tuple (not \"%T\") to tuple", b);
    }
    OuroTuple *v = as_tuple(a), *w = as_tuple(b);
    if (w->size == 0 && a->type == &ouro_tuple_type) return ouro_newref(a);
    if (v->size == 0 && b->type == &ouro_tuple_type) return ouro_newref(b);
    OuroObject *r = ouro_tuple_new(vm, v->size + w->size);
    if (!r) return NULL;
    OuroObject **dst = as_tuple(r)->items;
    for (size_t i = 0; i < v->size; i++) dst[i] = ouro_newref(v->items[i]);
    for (size_t i = 0; i < w->size; i++) dst[v->size + i] = ouro_newref(w->items[i]);
    ouro_tuple_track_if_needed(vm, r);
    return r;
}

static OuroObject *tuple_repeat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    bool left = ouro_tuple_check(a);
    OuroObject *seq = left ? a : b, *count = left ? b : a;
    if (!ouro_index_check(count)) {
        if (left && ouro_defers_to_reflected(count, OURO_ID(vm, __rmul__)))
            return ouro_newref(ouro_not_implemented);
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "can't multiply sequence by non-int of type '%T'", count);
    }
    intptr_t n = ouro_number_as_ssize(vm, count, &ouro_exc_OverflowError);
    if (n == -1 && ouro_err_occurred(vm)) return NULL;
    OuroTuple *t = as_tuple(seq);
    if (n <= 0 || t->size == 0) return ouro_newref(vm->empty_tuple);
    if (n == 1 && seq->type == &ouro_tuple_type) return ouro_newref(seq);
    if (t->size > (size_t)INTPTR_MAX / sizeof(OuroObject *) / (size_t)n) return ouro_err_no_memory(vm);
    OuroObject *r = ouro_tuple_new(vm, t->size * (size_t)n);
    if (!r) return NULL;
    OuroObject **dst = as_tuple(r)->items;
    for (intptr_t k = 0; k < n; k++)
        for (size_t i = 0; i < t->size; i++) *dst++ = ouro_newref(t->items[i]);
    ouro_tuple_track_if_needed(vm, r);
    return r;
}

/* ---- methods ------------------------------------------------------------------------------ */

static OuroObject *tuple_index(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "tuple.index", nargs, kwnames, 1, 3) < 0) return NULL;
    OuroTuple *t = as_tuple(self);
    size_t start, stop;
    if (ouro_seq_index_bounds(vm, args, nargs, t->size, &start, &stop) < 0) return NULL;
    for (size_t i = start; i < stop && i < t->size; i++) {
        int k = ouro_object_richcompare_bool(vm, t->items[i], args[0], OURO_EQ);
        if (k > 0) return ouro_smallint((intptr_t)i);
        if (k < 0) return NULL;
    }
    return ouro_err_format(vm, &ouro_exc_ValueError, "tuple.index(x): x not in tuple");
}

static OuroObject *tuple_count(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "tuple.count", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroTuple *t = as_tuple(self);
    intptr_t n = 0;
    for (size_t i = 0; i < t->size; i++) {
        int k = ouro_object_richcompare_bool(vm, t->items[i], args[0], OURO_EQ);
        if (k < 0) return NULL;
        n += k;
    }
    return ouro_smallint(n);
}

static OuroObject *tuple_getnewargs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "tuple.__getnewargs__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *copy = ouro_tuple_from_array(vm, ouro_tuple_items(self), ouro_tuple_size(self));
    if (!copy) return NULL;
    OuroObject *r = ouro_tuple_pack(vm, 1, copy);
    ouro_decref(vm, copy);
    return r;
}

static const OuroMethodDef tuple_methods[] = {
    {"index", tuple_index, 0, "Return first index of value."},
    {"count", tuple_count, 0, "Return number of occurrences of value."},
    {"__getnewargs__", tuple_getnewargs, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- construction ------------------------------------------------------------------------- */

static OuroObject *tuple_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "tuple", nargs, kwnames, 0, 1) < 0) return NULL;
    if (type == &ouro_tuple_type)
        return nargs ? ouro_tuple_from_iterable(vm, args[0]) : ouro_newref(vm->empty_tuple);
    OuroObject *tmp = nargs ? ouro_tuple_from_iterable(vm, args[0]) : ouro_newref(vm->empty_tuple);
    if (!tmp) return NULL;
    size_t n = ouro_tuple_size(tmp);
    OuroObject *r = alloc_tuple(vm, type, n);
    if (r) {
        for (size_t i = 0; i < n; i++) as_tuple(r)->items[i] = ouro_newref(ouro_tuple_get(tmp, i));
        ouro_gc_track(ouro_heap(vm), r);
    }
    ouro_decref(vm, tmp);
    return r;
}

/* ---- tuple_iterator ----------------------------------------------------------------------- */

typedef struct OuroTupleIter {
    OuroObject ob;
    OuroObject *seq;                  /* NULL once exhausted */
    size_t index;
} OuroTupleIter;

static OuroObject *tuple_iter(OuroVM *vm, OuroObject *self) {
    OuroTupleIter *it = (OuroTupleIter *)ouro_gc_alloc(ouro_heap(vm), &ouro_tuple_iterator_type,
                                                       sizeof(OuroTupleIter));
    if (!it) return ouro_err_no_memory(vm);
    it->seq = ouro_newref(self);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)it);
    return (OuroObject *)it;
}

static OuroObject *tupleiter_next(OuroVM *vm, OuroObject *self) {
    OuroTupleIter *it = (OuroTupleIter *)self;
    if (!it->seq) return NULL;
    if (it->index < as_tuple(it->seq)->size) return ouro_newref(as_tuple(it->seq)->items[it->index++]);
    ouro_clear(vm, &it->seq);
    return NULL;
}

static OuroObject *tupleiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                         size_t nargs, OuroObject *kwnames) {
    OuroTupleIter *it = (OuroTupleIter *)self;
    size_t n = it->seq ? as_tuple(it->seq)->size - it->index : 0;
    return ouro_smallint((intptr_t)n);
}

static const OuroMethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_tuple_iterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = ouro_source_iter_traverse, .clear = ouro_source_iter_clear,
              .dealloc = ouro_source_iter_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "tuple_iterator",
    .basicsize = sizeof(OuroTupleIter),
    .iter = ouro_iter_self,
    .iternext = tupleiter_next,
    .methods = tupleiter_methods,
};

/* Any collection untracks exact tuples whose items may no longer be tracked (CPython's
 * untrack_tuples); subclasses never get the flag (vm/obj_class.c, vm/obj_type.c). */
OuroType ouro_tuple_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = tuple_traverse, .clear = tuple_clear, .dealloc = tuple_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_UNTRACK_ATOMIC},
    .name = "tuple",
    .basicsize = sizeof(OuroTuple),
    .itemsize = sizeof(OuroObject *),
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_TUPLE_SUBCLASS,
    .repr = tuple_repr,
    .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .iter = tuple_iter,
    .new_ = tuple_new,
    .nb = {[OURO_NB_ADD] = tuple_concat, [OURO_NB_MULTIPLY] = tuple_repeat},
    .length = tuple_length,
    .getitem = tuple_subscript,
    .contains = tuple_contains,
    .methods = tuple_methods,
    .doc = "Built-in immutable sequence.",
};

/* ---- per-VM state: the empty tuple ------------------------------------------------------ */

int ouro_tuple_vm_init(OuroVM *vm) {
    /* Immortal: shared by every empty tuple result, freed only at teardown. */
    OuroObject *t = ouro_gc_alloc(ouro_heap(vm), &ouro_tuple_type, sizeof(OuroTuple));
    if (!t) return -1;
    t->refcnt = OURO_IMMORTAL_REFCNT;
    vm->empty_tuple = t;
    return 0;
}

void ouro_tuple_vm_fini(OuroVM *vm) {
    if (vm->empty_tuple) ouro_gc_free(ouro_heap(vm), vm->empty_tuple);
    vm->empty_tuple = NULL;
}
