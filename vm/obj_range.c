/* vm/obj_range.c — range: start/stop/step/length kept as int objects (arbitrary size, as in
 * CPython) with machine-integer fast paths whenever all four are immediates. Iteration uses
 * range_iterator (no allocation per step: immediates) or, for huge bounds, longrange_iterator.
 * Membership of ints is O(1). Neither ranges nor their iterators hold anything but ints, so
 * they are not collector containers. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

typedef struct OuroRange {
    OuroObject ob;
    OuroObject *start, *stop, *step, *length;   /* ints */
} OuroRange;

static OuroRange *as_range(OuroObject *o) { return (OuroRange *)o; }

static bool all_small(OuroRange *r) {
    return OURO_IS_SMALLINT(r->start) && OURO_IS_SMALLINT(r->stop) && OURO_IS_SMALLINT(r->step) &&
           OURO_IS_SMALLINT(r->length);
}

/* ---- int arithmetic through the number protocol (big values only) ----------------------------- */

static OuroObject *num(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op) {
    return ouro_number_binary(vm, a, b, op);
}

/* -1/0/1 comparison of two ints; -2 on error. */
static int int_cmp(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
        intptr_t x = ouro_smallint_value(a), y = ouro_smallint_value(b);
        return (x > y) - (x < y);
    }
    int lt = ouro_object_richcompare_bool(vm, a, b, OURO_LT);
    if (lt < 0) return -2;
    if (lt) return -1;
    int eq = ouro_object_richcompare_bool(vm, a, b, OURO_EQ);
    return eq < 0 ? -2 : !eq;
}

/* Number of items: (hi - lo - 1) // step + 1 when lo < hi, with the ends swapped for
 * negative steps (CPython's compute_range_length). */
static OuroObject *compute_length(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step) {
    if (OURO_IS_SMALLINT(start) && OURO_IS_SMALLINT(stop) && OURO_IS_SMALLINT(step)) {
        intptr_t lo = ouro_smallint_value(start), hi = ouro_smallint_value(stop), st = ouro_smallint_value(step);
        if (st < 0) {
            intptr_t t = lo;
            lo = hi;
            hi = t;
            st = -st;
        }
        if (lo >= hi) return ouro_smallint(0);
        uintptr_t n = ((uintptr_t)hi - (uintptr_t)lo - 1) / (uintptr_t)st + 1;
        return ouro_int_from_u64(vm, n);
    }
    bool neg = ouro_int_sign(step) < 0;
    OuroObject *lo = neg ? stop : start, *hi = neg ? start : stop;
    int c = int_cmp(vm, lo, hi);
    if (c == -2) return NULL;
    if (c >= 0) return ouro_smallint(0);
    OuroObject *st = neg ? ouro_number_negative(vm, step) : ouro_newref(step);
    if (!st) return NULL;
    OuroObject *diff = num(vm, hi, lo, OURO_NB_SUBTRACT), *t = NULL, *q = NULL, *n = NULL;
    if (diff) t = num(vm, diff, ouro_smallint(1), OURO_NB_SUBTRACT);
    if (t) q = num(vm, t, st, OURO_NB_FLOOR_DIVIDE);
    if (q) n = num(vm, q, ouro_smallint(1), OURO_NB_ADD);
    ouro_xdecref(vm, diff);
    ouro_xdecref(vm, t);
    ouro_xdecref(vm, q);
    ouro_decref(vm, st);
    return n;
}

/* Steals start, stop, step. */
static OuroObject *make_range(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step) {
    OuroObject *length = compute_length(vm, start, stop, step);
    OuroRange *r = length ? (OuroRange *)ouro_gc_alloc(ouro_heap(vm), &ouro_range_type, sizeof(OuroRange)) : NULL;
    if (!r) {
        if (length) {
            ouro_decref(vm, length);
            ouro_err_no_memory(vm);
        }
        ouro_decref(vm, start);
        ouro_decref(vm, stop);
        ouro_decref(vm, step);
        return NULL;
    }
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return (OuroObject *)r;
}

OuroObject *ouro_range_new(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step) {
    OuroObject *a = start ? ouro_number_index(vm, start) : ouro_smallint(0);
    OuroObject *b = a ? ouro_number_index(vm, stop) : NULL;
    OuroObject *c = b ? (step ? ouro_number_index(vm, step) : ouro_smallint(1)) : NULL;
    if (!c) {
        ouro_xdecref(vm, a);
        ouro_xdecref(vm, b);
        return NULL;
    }
    if (ouro_int_sign(c) == 0) {
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        ouro_decref(vm, c);
        return ouro_err_format(vm, &ouro_exc_ValueError, "range() arg 3 must not be zero");
    }
    return make_range(vm, a, b, c);
}

static OuroObject *range_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "range", nargs, kwnames, 1, 3) < 0) return NULL;
    if (nargs == 1) return ouro_range_new(vm, NULL, args[0], NULL);
    return ouro_range_new(vm, args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static void range_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroRange *r = as_range(self);
    ouro_gc_decref(heap, r->start);
    ouro_gc_decref(heap, r->stop);
    ouro_gc_decref(heap, r->step);
    ouro_gc_decref(heap, r->length);
    ouro_gc_free(heap, self);
}

/* ---- items ------------------------------------------------------------------------------------ */

/* start + i * step (i an int). */
static OuroObject *compute_item(OuroVM *vm, OuroRange *r, OuroObject *i) {
    if (OURO_IS_SMALLINT(i) && all_small(r)) {
        /* |i * step| < |length * step| <= |stop - start|, so this cannot overflow */
        intptr_t v = ouro_smallint_value(r->start) + ouro_smallint_value(i) * ouro_smallint_value(r->step);
        return ouro_int_from_i64(vm, v);
    }
    OuroObject *prod = num(vm, i, r->step, OURO_NB_MULTIPLY);
    if (!prod) return NULL;
    OuroObject *res = num(vm, r->start, prod, OURO_NB_ADD);
    ouro_decref(vm, prod);
    return res;
}

static OuroObject *range_item(OuroVM *vm, OuroRange *r, OuroObject *index) {
    OuroObject *i = ouro_newref(index);
    if (ouro_int_sign(i) < 0) {
        OuroObject *j = num(vm, i, r->length, OURO_NB_ADD);
        ouro_decref(vm, i);
        if (!j) return NULL;
        i = j;
    }
    int below = ouro_int_sign(i) < 0;
    int c = below ? -1 : int_cmp(vm, i, r->length);
    if (c == -2) {
        ouro_decref(vm, i);
        return NULL;
    }
    if (below || c >= 0) {
        ouro_decref(vm, i);
        return ouro_err_format(vm, &ouro_exc_IndexError, "range object index out of range");
    }
    OuroObject *res = compute_item(vm, r, i);
    ouro_decref(vm, i);
    return res;
}

static OuroObject *range_slice(OuroVM *vm, OuroRange *r, OuroObject *slice) {
    if (!OURO_IS_SMALLINT(r->length))
        return ouro_err_format(vm, &ouro_exc_OverflowError, "Python int too large to convert to C ssize_t");
    intptr_t start, stop, step;
    if (ouro_slice_long_indices(vm, slice, ouro_smallint_value(r->length), &start, &stop, &step) < 0)
        return NULL;
    OuroObject *st = ouro_int_from_i64(vm, step);
    if (!st) return NULL;
    OuroObject *substep = num(vm, r->step, st, OURO_NB_MULTIPLY);
    ouro_decref(vm, st);
    OuroObject *a = substep ? ouro_int_from_i64(vm, start) : NULL;
    OuroObject *substart = a ? compute_item(vm, r, a) : NULL;
    OuroObject *b = substart ? ouro_int_from_i64(vm, stop) : NULL;
    OuroObject *substop = b ? compute_item(vm, r, b) : NULL;
    ouro_xdecref(vm, a);
    ouro_xdecref(vm, b);
    if (!substop) {
        ouro_xdecref(vm, substep);
        ouro_xdecref(vm, substart);
        return NULL;
    }
    return make_range(vm, substart, substop, substep);
}

static OuroObject *range_subscript(OuroVM *vm, OuroObject *self, OuroObject *key) {
    OuroRange *r = as_range(self);
    if (OURO_IS_SMALLINT(key) && all_small(r)) {
        intptr_t i = ouro_smallint_value(key), n = ouro_smallint_value(r->length);
        if (i < 0) i += n;
        if (i < 0 || i >= n) return ouro_err_format(vm, &ouro_exc_IndexError, "range object index out of range");
        return ouro_int_from_i64(vm, ouro_smallint_value(r->start) + i * ouro_smallint_value(r->step));
    }
    if (ouro_index_check(key)) {
        OuroObject *i = ouro_number_index(vm, key);
        if (!i) return NULL;
        OuroObject *res = range_item(vm, r, i);
        ouro_decref(vm, i);
        return res;
    }
    if (key->type == &ouro_slice_type) return range_slice(vm, r, key);
    return ouro_err_format(vm, &ouro_exc_TypeError, "range indices must be integers or slices, not %T", key);
}

static intptr_t range_length(OuroVM *vm, OuroObject *self) {
    OuroObject *n = as_range(self)->length;
    if (OURO_IS_SMALLINT(n)) return ouro_smallint_value(n);
    ouro_err_set_str(vm, &ouro_exc_OverflowError, "Python int too large to convert to C ssize_t");
    return -1;
}

static int range_bool(OuroVM *vm, OuroObject *self) { return ouro_int_sign(as_range(self)->length) != 0; }

/* ---- membership ------------------------------------------------------------------------------- */

static bool exact_int(const OuroObject *o) {
    return OURO_IS_SMALLINT(o) || o->type == &ouro_int_type || o->type == &ouro_bool_type;
}

/* O(1) membership of an exact int (CPython's range_contains_long). */
static int contains_long(OuroVM *vm, OuroRange *r, OuroObject *ob) {
    if (OURO_IS_SMALLINT(ob) && all_small(r)) {
        intptr_t v = ouro_smallint_value(ob), lo = ouro_smallint_value(r->start),
                 hi = ouro_smallint_value(r->stop), st = ouro_smallint_value(r->step);
        if (st > 0 ? !(lo <= v && v < hi) : !(hi < v && v <= lo)) return 0;
        return ((v - lo) % st) == 0;
    }
    int c1, c2;
    if (ouro_int_sign(r->step) > 0) {
        c1 = int_cmp(vm, r->start, ob);
        c2 = c1 == -2 ? -2 : int_cmp(vm, ob, r->stop);
        if (c1 == -2 || c2 == -2) return -1;
        if (!(c1 <= 0 && c2 < 0)) return 0;
    } else {
        c1 = int_cmp(vm, r->stop, ob);
        c2 = c1 == -2 ? -2 : int_cmp(vm, ob, r->start);
        if (c1 == -2 || c2 == -2) return -1;
        if (!(c1 < 0 && c2 <= 0)) return 0;
    }
    OuroObject *d = num(vm, ob, r->start, OURO_NB_SUBTRACT);
    OuroObject *m = d ? num(vm, d, r->step, OURO_NB_REMAINDER) : NULL;
    ouro_xdecref(vm, d);
    if (!m) return -1;
    int res = ouro_int_sign(m) == 0;
    ouro_decref(vm, m);
    return res;
}

static OuroObject *range_iter(OuroVM *vm, OuroObject *self);

/* Linear search by equality for non-int values: count of matches, or the first index
 * (stop_at_first). -1 on error; *found says whether any matched. */
static intptr_t iter_search(OuroVM *vm, OuroObject *self, OuroObject *value, bool stop_at_first,
                            bool *found) {
    OuroObject *it = range_iter(vm, self);
    if (!it) return -1;
    intptr_t count = 0, index = 0;
    *found = false;
    OuroObject *item;
    while ((item = ouro_iter_next(vm, it)) != NULL) {
        int eq = ouro_object_richcompare_bool(vm, item, value, OURO_EQ);
        ouro_decref(vm, item);
        if (eq < 0) break;
        if (eq) {
            *found = true;
            count++;
            if (stop_at_first) break;
        }
        index++;
    }
    ouro_decref(vm, it);
    if (ouro_err_occurred(vm)) return -1;
    return stop_at_first ? index : count;
}

static int range_contains(OuroVM *vm, OuroObject *self, OuroObject *ob) {
    if (exact_int(ob)) return contains_long(vm, as_range(self), ob);
    bool found;
    if (iter_search(vm, self, ob, true, &found) < 0) return -1;
    return found;
}

static OuroObject *range_index(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "range.index", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroRange *r = as_range(self);
    OuroObject *ob = args[0];
    if (!exact_int(ob)) {
        bool found;
        intptr_t i = iter_search(vm, self, ob, true, &found);
        if (i < 0) return NULL;
        if (!found) return ouro_err_format(vm, &ouro_exc_ValueError, "sequence.index(x): x not in sequence");
        return ouro_int_from_i64(vm, i);
    }
    int c = contains_long(vm, r, ob);
    if (c < 0) return NULL;
    if (!c) return ouro_err_format(vm, &ouro_exc_ValueError, "%R is not in range", ob);
    OuroObject *d = num(vm, ob, r->start, OURO_NB_SUBTRACT);
    if (!d) return NULL;
    OuroObject *res = num(vm, d, r->step, OURO_NB_FLOOR_DIVIDE);
    ouro_decref(vm, d);
    return res;
}

static OuroObject *range_count(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "range.count", nargs, kwnames, 1, 1) < 0) return NULL;
    if (exact_int(args[0])) {
        int c = contains_long(vm, as_range(self), args[0]);
        return c < 0 ? NULL : ouro_smallint(c);
    }
    bool found;
    intptr_t n = iter_search(vm, self, args[0], false, &found);
    return n < 0 ? NULL : ouro_int_from_i64(vm, n);
}

/* ---- comparison, hash, repr ------------------------------------------------------------------ */

static int range_equals(OuroVM *vm, OuroRange *a, OuroRange *b) {
    if (a == b) return 1;
    int c = ouro_object_richcompare_bool(vm, a->length, b->length, OURO_EQ);
    if (c != 1) return c;
    if (ouro_int_sign(a->length) == 0) return 1;
    c = ouro_object_richcompare_bool(vm, a->start, b->start, OURO_EQ);
    if (c != 1) return c;
    c = ouro_object_richcompare_bool(vm, a->length, ouro_smallint(1), OURO_EQ);
    if (c != 0) return c;
    return ouro_object_richcompare_bool(vm, a->step, b->step, OURO_EQ);
}

static OuroObject *range_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (OURO_IS_SMALLINT(b) || b->type != &ouro_range_type || OURO_IS_SMALLINT(a) ||
        a->type != &ouro_range_type || (op != OURO_EQ && op != OURO_NE))
        return ouro_newref(ouro_not_implemented);
    int r = range_equals(vm, as_range(a), as_range(b));
    if (r < 0) return NULL;
    return ouro_newref(ouro_bool_from((r == 1) == (op == OURO_EQ)));
}

static intptr_t range_hash(OuroVM *vm, OuroObject *self) {
    OuroRange *r = as_range(self);
    OuroObject *start = ouro_none, *step = ouro_none;
    if (ouro_int_sign(r->length) != 0) {
        start = r->start;
        int one = ouro_object_richcompare_bool(vm, r->length, ouro_smallint(1), OURO_EQ);
        if (one < 0) return -1;
        if (!one) step = r->step;
    }
    OuroObject *t = ouro_tuple_pack(vm, 3, r->length, start, step);
    if (!t) return -1;
    intptr_t h = ouro_object_hash(vm, t);
    ouro_decref(vm, t);
    return h;
}

static OuroObject *range_repr(OuroVM *vm, OuroObject *self) {
    OuroRange *r = as_range(self);
    if (r->step == ouro_smallint(1)) return ouro_str_from_format(vm, "range(%R, %R)", r->start, r->stop);
    return ouro_str_from_format(vm, "range(%R, %R, %R)", r->start, r->stop, r->step);
}

static OuroObject *range_get_start(OuroVM *vm, OuroObject *self) { return ouro_newref(as_range(self)->start); }
static OuroObject *range_get_stop(OuroVM *vm, OuroObject *self) { return ouro_newref(as_range(self)->stop); }
static OuroObject *range_get_step(OuroVM *vm, OuroObject *self) { return ouro_newref(as_range(self)->step); }

static const OuroGetSetDef range_getsets[] = {
    {"start", range_get_start, NULL, NULL},
    {"stop", range_get_stop, NULL, NULL},
    {"step", range_get_step, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ---- iterators ------------------------------------------------------------------------------- */

typedef struct OuroRangeIter {
    OuroObject ob;
    intptr_t next, step, remaining;
} OuroRangeIter;

typedef struct OuroLongRangeIter {
    OuroObject ob;
    OuroObject *next, *step, *remaining;   /* ints */
} OuroLongRangeIter;

static OuroObject *fast_iter(OuroVM *vm, intptr_t start, intptr_t step, intptr_t len) {
    OuroRangeIter *it = (OuroRangeIter *)ouro_gc_alloc(ouro_heap(vm), &ouro_range_iterator_type, sizeof(OuroRangeIter));
    if (!it) return ouro_err_no_memory(vm);
    it->next = start;
    it->step = step;
    it->remaining = len;
    return (OuroObject *)it;
}

/* Steals start, step, len. */
static OuroObject *long_iter(OuroVM *vm, OuroObject *start, OuroObject *step, OuroObject *len) {
    OuroLongRangeIter *it = (start && step && len)
        ? (OuroLongRangeIter *)ouro_gc_alloc(ouro_heap(vm), &ouro_longrange_iterator_type, sizeof(OuroLongRangeIter))
        : NULL;
    if (!it) {
        if (start && step && len) ouro_err_no_memory(vm);
        ouro_xdecref(vm, start);
        ouro_xdecref(vm, step);
        ouro_xdecref(vm, len);
        return NULL;
    }
    it->next = start;
    it->step = step;
    it->remaining = len;
    return (OuroObject *)it;
}

static OuroObject *range_iter(OuroVM *vm, OuroObject *self) {
    OuroRange *r = as_range(self);
    if (all_small(r))
        return fast_iter(vm, ouro_smallint_value(r->start), ouro_smallint_value(r->step),
                         ouro_smallint_value(r->length));
    return long_iter(vm, ouro_newref(r->start), ouro_newref(r->step), ouro_newref(r->length));
}

static OuroObject *range_reversed(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "range.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroRange *r = as_range(self);
    if (all_small(r)) {
        intptr_t n = ouro_smallint_value(r->length), st = ouro_smallint_value(r->step);
        intptr_t last = n ? ouro_smallint_value(r->start) + (n - 1) * st : ouro_smallint_value(r->start);
        return fast_iter(vm, last, -st, n);
    }
    OuroObject *nm1 = num(vm, r->length, ouro_smallint(1), OURO_NB_SUBTRACT);
    OuroObject *last = nm1 ? compute_item(vm, r, nm1) : NULL;
    ouro_xdecref(vm, nm1);
    if (!last) return NULL;
    return long_iter(vm, last, ouro_number_negative(vm, r->step), ouro_newref(r->length));
}

static OuroObject *rangeiter_next(OuroVM *vm, OuroObject *self) {
    OuroRangeIter *it = (OuroRangeIter *)self;
    if (it->remaining <= 0) return NULL;
    intptr_t v = it->next;
    it->next += it->step;   /* values stay within the immediate range: no overflow */
    it->remaining--;
    return ouro_smallint(v);
}

static OuroObject *longrangeiter_next(OuroVM *vm, OuroObject *self) {
    OuroLongRangeIter *it = (OuroLongRangeIter *)self;
    if (ouro_int_sign(it->remaining) <= 0) return NULL;
    OuroObject *n = num(vm, it->next, it->step, OURO_NB_ADD);
    OuroObject *rem = n ? num(vm, it->remaining, ouro_smallint(1), OURO_NB_SUBTRACT) : NULL;
    if (!rem) {
        ouro_xdecref(vm, n);
        return NULL;
    }
    OuroObject *result = it->next;
    it->next = n;
    ouro_setref(vm, &it->remaining, rem);
    return result;
}

static OuroObject *rangeiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                         size_t nargs, OuroObject *kwnames) {
    if (self->type == &ouro_range_iterator_type) {
        intptr_t n = ((OuroRangeIter *)self)->remaining;
        return ouro_smallint(n > 0 ? n : 0);
    }
    return ouro_newref(((OuroLongRangeIter *)self)->remaining);
}

static void rangeiter_dealloc(OuroHeap *heap, OuroObject *self) { ouro_gc_free(heap, self); }

static void longrangeiter_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroLongRangeIter *it = (OuroLongRangeIter *)self;
    ouro_gc_decref(heap, it->next);
    ouro_gc_decref(heap, it->step);
    ouro_gc_decref(heap, it->remaining);
    ouro_gc_free(heap, self);
}

static const OuroMethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_range_iterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = rangeiter_dealloc},
    .name = "range_iterator",
    .basicsize = sizeof(OuroRangeIter),
    .iter = ouro_iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};

OuroType ouro_longrange_iterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = longrangeiter_dealloc},
    .name = "longrange_iterator",
    .basicsize = sizeof(OuroLongRangeIter),
    .iter = ouro_iter_self,
    .iternext = longrangeiter_next,
    .methods = rangeiter_methods,
};

static const OuroMethodDef range_methods[] = {
    {"index", range_index, 0, "rangeobject.index(value) -> integer -- return index of value."},
    {"count", range_count, 0, "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"__reversed__", range_reversed, 0, "Return a reverse iterator."},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_range_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = range_dealloc},
    .name = "range",
    .basicsize = sizeof(OuroRange),
    .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare,
    .iter = range_iter,
    .new_ = range_new,
    .nb_bool = range_bool,
    .length = range_length,
    .getitem = range_subscript,
    .contains = range_contains,
    .methods = range_methods,
    .getsets = range_getsets,
    .doc = "range(stop) -> range object\nrange(start, stop[, step]) -> range object",
};
