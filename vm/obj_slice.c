/* vm/obj_slice.c — slice objects and the index arithmetic every sequence uses with them:
 * ouro_slice_indices (PySlice_Unpack + PySlice_AdjustIndices, i.e. PySlice_GetIndicesEx)
 * and the unclamped form behind slice.indices() and range slicing (_PySlice_GetLongIndices,
 * here on machine integers). Slices are unhashable, as in CPython 3.11. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

static OuroSlice *as_slice(OuroObject *o) { return (OuroSlice *)o; }

OuroObject *ouro_slice_new(OuroVM *vm, OuroObject *start, OuroObject *stop, OuroObject *step) {
    OuroSlice *s = (OuroSlice *)ouro_gc_alloc(ouro_heap(vm), &ouro_slice_type, sizeof(OuroSlice));
    if (!s) return ouro_err_no_memory(vm);
    s->start = ouro_newref(start ? start : ouro_none);
    s->stop = ouro_newref(stop ? stop : ouro_none);
    s->step = ouro_newref(step ? step : ouro_none);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)s);
    return (OuroObject *)s;
}

/* _PyEval_SliceIndex: None leaves *out alone; __index__ values are clamped to intptr_t. */
static int slice_index(OuroVM *vm, OuroObject *v, intptr_t *out) {
    if (v == ouro_none) return 0;
    if (OURO_IS_SMALLINT(v)) {
        *out = ouro_smallint_value(v);
        return 0;
    }
    if (!ouro_index_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    intptr_t x = ouro_number_as_ssize(vm, v, NULL);
    if (x == -1 && ouro_err_occurred(vm)) return -1;
    *out = x;
    return 0;
}

/* PySlice_Unpack. */
static int slice_unpack(OuroVM *vm, OuroSlice *s, intptr_t *start, intptr_t *stop, intptr_t *step) {
    *step = 1;
    if (slice_index(vm, s->step, step) < 0) return -1;
    if (*step == 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "slice step cannot be zero");
        return -1;
    }
    if (*step < -INTPTR_MAX) *step = -INTPTR_MAX;   /* so that -step cannot overflow */
    *start = *step < 0 ? INTPTR_MAX : 0;
    if (slice_index(vm, s->start, start) < 0) return -1;
    *stop = *step < 0 ? INTPTR_MIN : INTPTR_MAX;
    return slice_index(vm, s->stop, stop);
}

/* PySlice_AdjustIndices: clamps to the sequence and returns the slice length. */
static intptr_t slice_adjust(intptr_t length, intptr_t *start, intptr_t *stop, intptr_t step) {
    if (*start < 0) {
        *start += length;
        if (*start < 0) *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0) *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start) return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

int ouro_slice_indices(OuroVM *vm, OuroObject *slice, intptr_t length, intptr_t *start,
                       intptr_t *stop, intptr_t *step, intptr_t *slicelength) {
    if (slice_unpack(vm, as_slice(slice), start, stop, step) < 0) return -1;
    *slicelength = slice_adjust(length, start, stop, *step);
    return 0;
}

int ouro_slice_long_indices(OuroVM *vm, OuroObject *slice, intptr_t length, intptr_t *start,
                            intptr_t *stop, intptr_t *step) {
    OuroSlice *s = as_slice(slice);
    *step = 1;
    if (slice_index(vm, s->step, step) < 0) return -1;
    if (*step == 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "slice step cannot be zero");
        return -1;
    }
    bool neg = *step < 0;
    intptr_t lower = neg ? -1 : 0, upper = neg ? length - 1 : length;
    intptr_t *ends[2] = {start, stop};
    OuroObject *vals[2] = {s->start, s->stop};
    for (int i = 0; i < 2; i++) {
        if (vals[i] == ouro_none) {
            *ends[i] = (i == 0) == neg ? upper : lower;
            continue;
        }
        if (slice_index(vm, vals[i], ends[i]) < 0) return -1;
        intptr_t v = *ends[i];
        if (v < 0) {
            v += length;
            if (v < lower) v = lower;
        } else if (v > upper) {
            v = upper;
        }
        *ends[i] = v;
    }
    return 0;
}

/* ---- the type ------------------------------------------------------------------------------- */

static int slice_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroSlice *s = as_slice(self);
    OuroObject *parts[3] = {s->start, s->stop, s->step};
    for (int i = 0; i < 3; i++) {
        if (parts[i]) {
            int r = visit(parts[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

/* No clear hook (as CPython's slice): a slice is immutable, so a cycle through one always
 * passes through a mutable object the collector clears, and a slice stays valid. */
static void slice_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroSlice *s = as_slice(self);
    ouro_gc_untrack(heap, self);
    ouro_clear(vm, &s->start);
    ouro_clear(vm, &s->stop);
    ouro_clear(vm, &s->step);
    ouro_gc_free(heap, self);
}

static OuroObject *part(OuroObject *o) { return o ? o : ouro_none; }

static OuroObject *slice_repr(OuroVM *vm, OuroObject *self) {
    OuroSlice *s = as_slice(self);
    return ouro_str_from_format(vm, "slice(%R, %R, %R)", part(s->start), part(s->stop), part(s->step));
}

static OuroObject *slice_as_tuple(OuroVM *vm, OuroObject *self) {
    OuroSlice *s = as_slice(self);
    return ouro_tuple_pack(vm, 3, part(s->start), part(s->stop), part(s->step));
}

static OuroObject *slice_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (OURO_IS_SMALLINT(a) || OURO_IS_SMALLINT(b) || a->type != &ouro_slice_type ||
        b->type != &ouro_slice_type)
        return ouro_newref(ouro_not_implemented);
    if (a == b && (op == OURO_EQ || op == OURO_NE)) return ouro_newref(ouro_bool_from(op == OURO_EQ));
    OuroObject *ta = slice_as_tuple(vm, a);
    if (!ta) return NULL;
    OuroObject *tb = slice_as_tuple(vm, b);
    if (!tb) {
        ouro_decref(vm, ta);
        return NULL;
    }
    OuroObject *r = ouro_object_richcompare(vm, ta, tb, op);
    ouro_decref(vm, ta);
    ouro_decref(vm, tb);
    return r;
}

static OuroObject *slice_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "slice", nargs, kwnames, 1, 3) < 0) return NULL;
    if (nargs == 1) return ouro_slice_new(vm, NULL, args[0], NULL);
    return ouro_slice_new(vm, args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static OuroObject *slice_indices_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "slice.indices", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *len = ouro_number_index(vm, args[0]);
    if (!len) return NULL;
    if (ouro_int_sign(len) < 0) {
        ouro_decref(vm, len);
        return ouro_err_format(vm, &ouro_exc_ValueError, "length should not be negative");
    }
    intptr_t length = ouro_number_as_ssize(vm, len, NULL);
    ouro_decref(vm, len);
    if (length == -1 && ouro_err_occurred(vm)) return NULL;
    intptr_t start, stop, step;
    if (ouro_slice_long_indices(vm, self, length, &start, &stop, &step) < 0) return NULL;
    OuroObject *r = ouro_tuple_new(vm, 3);
    if (!r) return NULL;
    intptr_t vals[3] = {start, stop, step};
    for (int i = 0; i < 3; i++) {
        if (!(ouro_tuple_items(r)[i] = ouro_int_from_i64(vm, vals[i]))) {
            ouro_decref(vm, r);
            return NULL;
        }
    }
    return r;
}

static OuroObject *slice_get_start(OuroVM *vm, OuroObject *self) { return ouro_newref(part(as_slice(self)->start)); }
static OuroObject *slice_get_stop(OuroVM *vm, OuroObject *self) { return ouro_newref(part(as_slice(self)->stop)); }
static OuroObject *slice_get_step(OuroVM *vm, OuroObject *self) { return ouro_newref(part(as_slice(self)->step)); }

static const OuroGetSetDef slice_getsets[] = {
    {"start", slice_get_start, NULL, NULL},
    {"stop", slice_get_stop, NULL, NULL},
    {"step", slice_get_step, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static const OuroMethodDef slice_methods[] = {
    {"indices", slice_indices_meth, 0, "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_slice_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = slice_traverse, .dealloc = slice_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "slice",
    .basicsize = sizeof(OuroSlice),
    .repr = slice_repr,
    .hash = ouro_hash_unhashable,
    .richcompare = slice_richcompare,
    .new_ = slice_new,
    .methods = slice_methods,
    .getsets = slice_getsets,
    .doc = "slice(stop)\nslice(start, stop[, step])",
};
