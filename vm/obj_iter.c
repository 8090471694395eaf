/* vm/obj_iter.c — the generic iterator types: the sequence iterator ("iterator", for classes
 * with __getitem__ only), callable_iterator (iter(f, sentinel)), enumerate, zip, map, filter
 * and reversed; plus the helpers the container files share (vm/obj_iter.h): the repr
 * recursion guard, the C-stack guard, the unhashable hash, index() bounds. The container
 * iterators (list_iterator, dict_keyiterator, ...) live with their containers. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---------------------------------------------------------------------- */

int ouro_source_iter_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroObject *source = ((OuroSourceIter *)self)->source;
    return source ? visit(source, arg) : 0;
}

void ouro_source_iter_clear(OuroHeap *heap, OuroObject *self) {
    ouro_clear(ouro_vm_of_heap(heap), &((OuroSourceIter *)self)->source);
}

void ouro_source_iter_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    ouro_source_iter_clear(heap, self);
    ouro_gc_free(heap, self);
}

OuroObject *ouro_iter_self(OuroVM *vm, OuroObject *self) { return ouro_newref(self); }

int ouro_repr_enter(OuroVM *vm, OuroObject *o) {
    for (size_t i = vm->repr_active_len; i-- > 0;)
        if (vm->repr_active[i] == o) return 1;
    if (vm->repr_active_len == vm->repr_active_cap) {
        size_t cap = vm->repr_active_cap ? vm->repr_active_cap * 2 : 16;
        OuroObject **a = realloc(vm->repr_active, cap * sizeof *a);
        if (!a) {
            ouro_err_no_memory(vm);
            return -1;
        }
        vm->repr_active = a;
        vm->repr_active_cap = cap;
    }
    vm->repr_active[vm->repr_active_len++] = o;
    return 0;
}

void ouro_repr_leave(OuroVM *vm, OuroObject *o) {
    for (size_t i = vm->repr_active_len; i-- > 0;) {
        if (vm->repr_active[i] == o) {
            memmove(vm->repr_active + i, vm->repr_active + i + 1,
                    (vm->repr_active_len - i - 1) * sizeof *vm->repr_active);
            vm->repr_active_len--;
            return;
        }
    }
}

int ouro_c_stack_check(OuroVM *vm, const char *where) {
    char here;
    uintptr_t base = (uintptr_t)vm->c_stack_base, cur = (uintptr_t)&here;
    if (!base || !vm->c_stack_size || cur >= base || base - cur < vm->c_stack_size) return 0;
    ouro_err_format(vm, &ouro_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}

intptr_t ouro_hash_unhashable(OuroVM *vm, OuroObject *o) {
    ouro_err_format(vm, &ouro_exc_TypeError, "unhashable type: '%s'", ouro_type_name(ouro_type_of(o)));
    return -1;
}

/* _PyEval_SliceIndexNotNone: an __index__ value clamped to intptr_t. */
static int index_bound(OuroVM *vm, OuroObject *v, intptr_t *out) {
    if (OURO_IS_SMALLINT(v)) {
        *out = ouro_smallint_value(v);
        return 0;
    }
    if (!ouro_index_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    intptr_t x = ouro_number_as_ssize(vm, v, NULL);
    if (x == -1 && ouro_err_occurred(vm)) return -1;
    *out = x;
    return 0;
}

int ouro_seq_index_bounds(OuroVM *vm, OuroObject *const *args, size_t nargs, size_t size,
                          size_t *start, size_t *stop) {
    intptr_t s = 0, e = INTPTR_MAX;
    if (nargs > 1 && index_bound(vm, args[1], &s) < 0) return -1;
    if (nargs > 2 && index_bound(vm, args[2], &e) < 0) return -1;
    if (s < 0) {
        s += (intptr_t)size;
        if (s < 0) s = 0;
    }
    if (e < 0) {
        e += (intptr_t)size;
        if (e < 0) e = 0;
    }
    *start = (size_t)s;
    *stop = (size_t)e;
    return 0;
}

int ouro_iter_vm_init(OuroVM *vm) {
    vm->repr_active = NULL;
    vm->repr_active_len = vm->repr_active_cap = 0;
    return 0;
}

void ouro_iter_vm_fini(OuroVM *vm) {
    free(vm->repr_active);
    vm->repr_active = NULL;
    vm->repr_active_len = vm->repr_active_cap = 0;
}

/* Iterators built here hold up to three references; one set of hooks serves them all. */
typedef struct OuroIterObj {
    OuroObject ob;
    OuroObject *a, *b, *c;            /* meaning per type, see each constructor */
    intptr_t index;
    bool flag;
} OuroIterObj;

static OuroIterObj *as_it(OuroObject *o) { return (OuroIterObj *)o; }

static int iterobj_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroIterObj *it = as_it(self);
    OuroObject *refs[3] = {it->a, it->b, it->c};
    for (int i = 0; i < 3; i++) {
        if (refs[i]) {
            int r = visit(refs[i], arg);
            if (r) return r;
        }
    }
    return ouro_subclass_traverse(self, visit, arg);
}

static void iterobj_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroIterObj *it = as_it(self);
    ouro_subclass_clear(heap, self);
    ouro_clear(vm, &it->a);
    ouro_clear(vm, &it->b);
    ouro_clear(vm, &it->c);
}

static void iterobj_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    iterobj_clear(heap, self);
    ouro_subclass_free(heap, self);
}

/* Allocates an iterator object of type (a subclass allocates type->basicsize); steals a, b, c
 * (which may be NULL) and tracks it. */
static OuroObject *iterobj_new(OuroVM *vm, OuroType *type, OuroObject *a, OuroObject *b, OuroObject *c) {
    OuroIterObj *it = (OuroIterObj *)ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize);
    if (!it) {
        ouro_xdecref(vm, a);
        ouro_xdecref(vm, b);
        ouro_xdecref(vm, c);
        return ouro_err_no_memory(vm);
    }
    it->a = a;
    it->b = b;
    it->c = c;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)it);
    return (OuroObject *)it;
}

/* Calls the iterator's next slot directly. */
static OuroObject *next_of(OuroVM *vm, OuroObject *it) {
    OuroIterNextFn next = ouro_type_of(it)->iternext;
    return next ? next(vm, it) : ouro_iter_next(vm, it);
}

/* Fills a 2-tuple result, reusing the previous one when nobody else holds it (CPython's
 * enumerate/zip trick). Steals x and y. */
static OuroObject *pair_result(OuroVM *vm, OuroObject **cache, OuroObject *x, OuroObject *y) {
    OuroObject *r = *cache;
    if (r && r->refcnt == 1) {
        OuroObject **items = ouro_tuple_items(r);
        OuroObject *ox = items[0], *oy = items[1];
        items[0] = x;
        items[1] = y;
        ouro_decref(vm, ox);
        ouro_decref(vm, oy);
        ouro_tuple_track_if_needed(vm, r);
        return ouro_newref(r);
    }
    r = ouro_tuple_new(vm, 2);
    if (!r) {
        ouro_decref(vm, x);
        ouro_decref(vm, y);
        return NULL;
    }
    ouro_tuple_items(r)[0] = x;
    ouro_tuple_items(r)[1] = y;
    ouro_tuple_track_if_needed(vm, r);
    ouro_setref(vm, cache, ouro_newref(r));
    return r;
}

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }

static OuroObject *length_hint_of(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames);

/* ---- sequence iterator: a = seq ---------------------------------------------------------- */

OuroObject *ouro_seqiter_new(OuroVM *vm, OuroObject *seq) {
    return iterobj_new(vm, &ouro_seqiter_type, ouro_newref(seq), NULL, NULL);
}

static OuroObject *seqiter_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *it = as_it(self);
    if (!it->a) return NULL;
    OuroObject *item = ouro_object_getitem(vm, it->a, ouro_smallint(it->index));
    if (item) {
        it->index++;
        return item;
    }
    if (ouro_err_matches(vm, &ouro_exc_IndexError) || ouro_err_matches(vm, &ouro_exc_StopIteration)) {
        ouro_err_clear(vm);
        ouro_clear(vm, &it->a);
    }
    return NULL;
}

static OuroObject *seqiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                       size_t nargs, OuroObject *kwnames) {
    OuroIterObj *it = as_it(self);
    if (!it->a) return ouro_smallint(0);
    intptr_t n = ouro_object_length(vm, it->a);
    if (n < 0) {
        if (!ouro_err_matches(vm, &ouro_exc_TypeError)) return NULL;
        ouro_err_clear(vm);
        return ouro_newref(ouro_not_implemented);
    }
    return ouro_smallint(n > it->index ? n - it->index : 0);
}

static const OuroMethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- callable iterator: a = callable, b = sentinel --------------------------------------- */

OuroObject *ouro_calliter_new(OuroVM *vm, OuroObject *callable, OuroObject *sentinel) {
    return iterobj_new(vm, &ouro_calliter_type, ouro_newref(callable), ouro_newref(sentinel), NULL);
}

static OuroObject *calliter_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *it = as_it(self);
    if (!it->a) return NULL;
    OuroObject *result = ouro_object_call0(vm, it->a);
    if (result) {
        int ok = ouro_object_richcompare_bool(vm, it->b, result, OURO_EQ);
        if (ok == 0) return result;
        ouro_decref(vm, result);
        if (ok > 0) {
            ouro_clear(vm, &it->a);
            ouro_clear(vm, &it->b);
        }
    } else if (ouro_err_matches(vm, &ouro_exc_StopIteration)) {
        ouro_err_clear(vm);
        ouro_clear(vm, &it->a);
        ouro_clear(vm, &it->b);
    }
    return NULL;
}

/* ---- enumerate: a = iterator, b = big index (NULL while index fits), c = result cache ---- */

static OuroObject *enumerate_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                                 OuroObject *kwnames) {
    if (nargs == 0 && !has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "enumerate() missing required argument 'iterable'");
    static const char *const names[] = {"iterable", "start"};
    OuroObject *out[2];
    if (ouro_args_bind(vm, "enumerate", args, nargs, kwnames, names, 2, 0, 1, out) < 0) return NULL;
    OuroObject *start = NULL;
    if (out[1] && !(start = ouro_number_index(vm, out[1]))) return NULL;
    OuroObject *iter = ouro_object_getiter(vm, out[0]);
    if (!iter) {
        ouro_xdecref(vm, start);
        return NULL;
    }
    intptr_t index = 0;
    int64_t v;
    if (start) {   /* a start that fits counts with machine integers (also bools, int subclasses) */
        if (ouro_int_as_i64(vm, start, &v) == 0 && v >= OURO_SMALLINT_MIN && v < OURO_SMALLINT_MAX) {
            index = (intptr_t)v;
            ouro_clear(vm, &start);
        } else {
            ouro_err_clear(vm);
        }
    }
    OuroObject *e = iterobj_new(vm, type, iter, start, NULL);
    if (e) as_it(e)->index = index;
    return e;
}

static OuroObject *enumerate_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *en = as_it(self);
    if (!en->a) return NULL;   /* cleared by the collector */
    OuroObject *item = next_of(vm, en->a);
    if (!item) return NULL;
    OuroObject *idx;
    if (!en->b && en->index < OURO_SMALLINT_MAX) {
        idx = ouro_smallint(en->index++);
    } else {
        if (!en->b && !(en->b = ouro_int_from_i64(vm, en->index))) {
            ouro_decref(vm, item);
            return NULL;
        }
        idx = en->b;
        OuroObject *nxt = ouro_number_binary(vm, idx, ouro_smallint(1), OURO_NB_ADD);
        if (!nxt) {
            ouro_decref(vm, item);
            return NULL;
        }
        en->b = nxt;   /* the old value's reference passes to the result */
    }
    return pair_result(vm, &en->c, idx, item);
}

/* ---- zip: a = tuple of iterators, c = result cache, flag = strict ------------------------- */

static OuroObject *zip_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    bool strict = false;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        OuroObject *name = ouro_tuple_get(kwnames, i);
        if (!ouro_str_equal_cstr(name, "strict"))
            return ouro_err_format(vm, &ouro_exc_TypeError, "'%U' is an invalid keyword argument for zip()", name);
        int t = ouro_object_truthy(vm, args[nargs + i]);
        if (t < 0) return NULL;
        strict = t;
    }
    OuroObject *iters = ouro_tuple_new(vm, nargs);
    if (!iters) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        OuroObject *it = ouro_object_getiter(vm, args[i]);
        if (!it) {
            ouro_decref(vm, iters);
            return NULL;
        }
        ouro_tuple_items(iters)[i] = it;
    }
    ouro_tuple_track_if_needed(vm, iters);
    OuroObject *z = iterobj_new(vm, type, iters, NULL, NULL);
    if (z) as_it(z)->flag = strict;
    return z;
}

/* zip(strict=True) found iterator i exhausted: checks the others, raising ValueError. */
static OuroObject *zip_strict_check(OuroVM *vm, OuroObject *iters, size_t i) {
    if (ouro_err_occurred(vm)) return NULL;
    const char *plural = i == 1 ? " " : "s 1-";
    if (i) {
        return ouro_err_format(vm, &ouro_exc_ValueError, "zip() argument %zu is shorter than argument%s%zu",
                               i + 1, plural, i);
    }
    size_t n = ouro_tuple_size(iters);
    for (i = 1; i < n; i++) {
        OuroObject *item = next_of(vm, ouro_tuple_get(iters, i));
        if (item) {
            ouro_decref(vm, item);
            plural = i == 1 ? " " : "s 1-";
            return ouro_err_format(vm, &ouro_exc_ValueError, "zip() argument %zu is longer than argument%s%zu",
                                   i + 1, plural, i);
        }
        if (ouro_err_occurred(vm)) return NULL;
    }
    return NULL;
}

static OuroObject *zip_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *z = as_it(self);
    OuroObject *iters = z->a;
    size_t n = iters ? ouro_tuple_size(iters) : 0;   /* NULL: cleared by the collector */
    if (n == 0) return NULL;
    OuroObject *r = z->c;
    bool reuse = r && r->refcnt == 1;
    if (!reuse) {
        r = ouro_tuple_new(vm, n);
        if (!r) return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        OuroObject *item = next_of(vm, ouro_tuple_get(iters, i));
        if (!item) {
            if (!reuse) ouro_decref(vm, r);
            return z->flag ? zip_strict_check(vm, iters, i) : NULL;
        }
        OuroObject *old = ouro_tuple_items(r)[i];
        ouro_tuple_items(r)[i] = item;
        ouro_xdecref(vm, old);
    }
    ouro_tuple_track_if_needed(vm, r);
    if (reuse) return ouro_newref(r);
    ouro_setref(vm, &z->c, ouro_newref(r));
    return r;
}

/* ---- map: a = function, b = tuple of iterators ------------------------------------------- */

static OuroObject *map_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    if (type == &ouro_map_type && has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "map() takes no keyword arguments");
    if (nargs < 2) return ouro_err_format(vm, &ouro_exc_TypeError, "map() must have at least two arguments.");
    OuroObject *iters = ouro_tuple_new(vm, nargs - 1);
    if (!iters) return NULL;
    for (size_t i = 1; i < nargs; i++) {
        OuroObject *it = ouro_object_getiter(vm, args[i]);
        if (!it) {
            ouro_decref(vm, iters);
            return NULL;
        }
        ouro_tuple_items(iters)[i - 1] = it;
    }
    ouro_tuple_track_if_needed(vm, iters);
    return iterobj_new(vm, type, ouro_newref(args[0]), iters, NULL);
}

static OuroObject *map_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *m = as_it(self);
    if (!m->a || !m->b) return NULL;   /* cleared by the collector */
    size_t n = ouro_tuple_size(m->b);
    OuroObject *small[8], **items = n <= 8 ? small : malloc(n * sizeof *items);
    if (!items) return ouro_err_no_memory(vm);
    size_t got = 0;
    OuroObject *result = NULL;
    for (; got < n; got++) {
        if (!(items[got] = next_of(vm, ouro_tuple_get(m->b, got)))) break;
    }
    if (got == n) result = ouro_object_call(vm, m->a, items, n, NULL);
    for (size_t i = 0; i < got; i++) ouro_decref(vm, items[i]);
    if (items != small) free(items);
    return result;
}

/* ---- filter: a = function (None: truthiness), b = iterator -------------------------------- */

static OuroObject *filter_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    if (type == &ouro_filter_type && has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "filter() takes no keyword arguments");
    if (ouro_args_check(vm, "filter", nargs, NULL, 2, 2) < 0) return NULL;
    OuroObject *it = ouro_object_getiter(vm, args[1]);
    if (!it) return NULL;
    return iterobj_new(vm, type, ouro_newref(args[0]), it, NULL);
}

static OuroObject *filter_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *f = as_it(self);
    if (!f->a || !f->b) return NULL;   /* cleared by the collector */
    bool plain = f->a == ouro_none || f->a == (OuroObject *)&ouro_bool_type;
    for (;;) {
        OuroObject *item = next_of(vm, f->b);
        if (!item) return NULL;
        int ok;
        if (plain) {
            ok = ouro_object_truthy(vm, item);
        } else {
            OuroObject *good = ouro_object_call1(vm, f->a, item);
            if (!good) {
                ouro_decref(vm, item);
                return NULL;
            }
            ok = ouro_object_truthy(vm, good);
            ouro_decref(vm, good);
        }
        if (ok > 0) return item;
        ouro_decref(vm, item);
        if (ok < 0) return NULL;
    }
}

/* ---- reversed: a = sequence (NULL once exhausted), index = next index --------------------- */

static OuroObject *reversed_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                                OuroObject *kwnames) {
    if (type == &ouro_reversed_type && has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "reversed() takes no keyword arguments");
    if (nargs != 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "reversed expected 1 argument, got %zu", nargs);
    OuroObject *seq = args[0];
    OuroType *st = ouro_type_of(seq);
    OuroObject *meth = ouro_type_lookup(st, OURO_ID(vm, __reversed__));
    if (meth && meth != ouro_none) return ouro_object_call_method(vm, seq, OURO_ID(vm, __reversed__), NULL, 0);
    if (meth == ouro_none || ouro_dict_check(seq) || !st->getitem)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not reversible", ouro_type_name(st));
    intptr_t n = ouro_object_length(vm, seq);
    if (n < 0) return NULL;
    OuroObject *r = iterobj_new(vm, type, ouro_newref(seq), NULL, NULL);
    if (r) as_it(r)->index = n - 1;
    return r;
}

static OuroObject *reversed_next(OuroVM *vm, OuroObject *self) {
    OuroIterObj *r = as_it(self);
    if (r->index >= 0 && r->a) {
        OuroObject *item = ouro_object_getitem(vm, r->a, ouro_smallint(r->index));
        if (item) {
            r->index--;
            return item;
        }
        if (!ouro_err_matches(vm, &ouro_exc_IndexError) && !ouro_err_matches(vm, &ouro_exc_StopIteration))
            return NULL;
        ouro_err_clear(vm);
    }
    r->index = -1;
    ouro_clear(vm, &r->a);
    return NULL;
}

static OuroObject *length_hint_of(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    OuroIterObj *r = as_it(self);
    if (!r->a) return ouro_smallint(0);
    intptr_t n = ouro_object_length(vm, r->a);
    if (n < 0) return NULL;
    return ouro_smallint(n < r->index + 1 ? 0 : r->index + 1);
}

static const OuroMethodDef reversed_methods[] = {
    {"__length_hint__", length_hint_of, 0, NULL},
    {NULL, NULL, 0, NULL},
};

/* ---- the types -------------------------------------------------------------------------- */

#define ITER_HOOKS                                                                                 \
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                                 \
    .hooks = {.traverse = iterobj_traverse, .clear = iterobj_clear, .dealloc = iterobj_dealloc,    \
              .gc_flags = OURO_GC_CONTAINER},                                                      \
    .basicsize = sizeof(OuroIterObj), .iter = ouro_iter_self

OuroType ouro_seqiter_type = {
    ITER_HOOKS,
    .name = "iterator",
    .iternext = seqiter_next,
    .methods = seqiter_methods,
};

OuroType ouro_calliter_type = {
    ITER_HOOKS,
    .name = "callable_iterator",
    .iternext = calliter_next,
};

OuroType ouro_enumerate_type = {
    ITER_HOOKS,
    .name = "enumerate",
    .flags = OURO_TPFLAG_BASETYPE,
    .iternext = enumerate_next,
    .new_ = enumerate_new,
    .doc = "Return an enumerate object.",
};

OuroType ouro_zip_type = {
    ITER_HOOKS,
    .name = "zip",
    .flags = OURO_TPFLAG_BASETYPE,
    .iternext = zip_next,
    .new_ = zip_new,
    .doc = "zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.",
};

OuroType ouro_map_type = {
    ITER_HOOKS,
    .name = "map",
    .flags = OURO_TPFLAG_BASETYPE,
    .iternext = map_next,
    .new_ = map_new,
    .doc = "map(func, *iterables) --> map object",
};

OuroType ouro_filter_type = {
    ITER_HOOKS,
    .name = "filter",
    .flags = OURO_TPFLAG_BASETYPE,
    .iternext = filter_next,
    .new_ = filter_new,
    .doc = "filter(function or None, iterable) --> filter object",
};

OuroType ouro_reversed_type = {
    ITER_HOOKS,
    .name = "reversed",
    .flags = OURO_TPFLAG_BASETYPE,
    .iternext = reversed_next,
    .new_ = reversed_new,
    .methods = reversed_methods,
    .doc = "Return a reverse iterator over the values of the given sequence.",
};
