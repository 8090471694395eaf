/* vm/obj_list.c — list: a growable array of references (CPython's over-allocation), its
 * sequence protocol, slicing with steps, methods, and list_iterator/list_reverseiterator.
 * Sorting lives in vm/list_sort.c. Invariant kept everywhere: references removed from the
 * array are released only once the list is consistent again, because a release may run
 * arbitrary code (__del__) that looks at the list. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

static OuroList *as_list(OuroObject *o) { return (OuroList *)o; }

/* ---- storage ----------------------------------------------------------------------------- */

/* Item arrays come from malloc (they grow by realloc), so the allocator never sees them:
 * the watchers (tracemalloc) are told here, as CPython's tracemalloc sees list storage.
 * A block is reported freed before it is resized or freed, and allocated after. */
static inline void watch_items_free(OuroHeap *heap, OuroObject **items) {
    if (heap->watching && items) ouro_gc_watch_raw_free(heap, items);
}
static inline void watch_items_alloc(OuroHeap *heap, OuroObject **items, size_t capacity) {
    if (heap->watching && items) ouro_gc_watch_raw_alloc(heap, items, capacity * sizeof *items);
}

/* Sets the size to newsize, reallocating with CPython 3.11's growth pattern
 * (0, 4, 8, 16, 24, 32, 40, 52, 64, 76, ...) so append is amortised O(1). */
static int list_resize(OuroVM *vm, OuroList *l, size_t newsize) {
    if (l->capacity >= newsize && newsize >= (l->capacity >> 1)) {
        l->size = newsize;
        return 0;
    }
    if (newsize > (SIZE_MAX / sizeof(OuroObject *)) / 2) {
        ouro_err_no_memory(vm);
        return -1;
    }
    size_t alloc = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if ((intptr_t)newsize - (intptr_t)l->size > (intptr_t)(alloc - newsize))
        alloc = (newsize + 3) & ~(size_t)3;
    if (newsize == 0) alloc = 0;
    watch_items_free(ouro_heap(vm), l->items);
    OuroObject **items = alloc ? realloc(l->items, alloc * sizeof *items) : NULL;
    if (alloc && !items) {
        watch_items_alloc(ouro_heap(vm), l->items, l->capacity);   /* still the old block */
        if (newsize <= l->capacity) {   /* shrinking: keeping the larger array is fine */
            l->size = newsize;
            return 0;
        }
        ouro_err_no_memory(vm);
        return -1;
    }
    watch_items_alloc(ouro_heap(vm), items, alloc);
    if (!alloc) free(l->items);
    l->items = items;
    l->capacity = alloc;
    l->size = newsize;
    return 0;
}

static OuroObject *alloc_list(OuroVM *vm, OuroType *type, size_t capacity) {
    OuroObject *o = ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    OuroList *l = as_list(o);
    if (capacity) {
        l->items = capacity <= SIZE_MAX / sizeof(OuroObject *) ? malloc(capacity * sizeof(OuroObject *)) : NULL;
        if (!l->items) {
            ouro_decref(vm, o);
            return ouro_err_no_memory(vm);
        }
        watch_items_alloc(ouro_heap(vm), l->items, capacity);
        l->capacity = capacity;
    }
    ouro_gc_track(ouro_heap(vm), o);
    return o;
}

OuroObject *ouro_list_new(OuroVM *vm, size_t capacity) {
    return alloc_list(vm, &ouro_list_type, capacity);
}

int ouro_list_append_steal(OuroVM *vm, OuroObject *list, OuroObject *item) {
    OuroList *l = as_list(list);
    if (l->size < l->capacity) {
        l->items[l->size++] = item;
        return 0;
    }
    size_t n = l->size;
    if (list_resize(vm, l, n + 1) < 0) {
        ouro_decref(vm, item);
        return -1;
    }
    l->items[n] = item;
    return 0;
}

int ouro_list_append(OuroVM *vm, OuroObject *list, OuroObject *item) {
    return ouro_list_append_steal(vm, list, ouro_newref(item));
}

/* Appends n borrowed items (which may live inside this very list). */
static int extend_array(OuroVM *vm, OuroList *l, OuroObject *const *src, size_t n, bool self) {
    if (n == 0) return 0;
    size_t m = l->size;
    if (list_resize(vm, l, m + n) < 0) return -1;
    if (self) src = l->items;   /* the array may have moved */
    for (size_t i = 0; i < n; i++) l->items[m + i] = ouro_newref(src[i]);
    return 0;
}

int ouro_list_extend(OuroVM *vm, OuroObject *list, OuroObject *iterable) {
    OuroList *l = as_list(list);
    if (ouro_list_check(iterable))
        return extend_array(vm, l, as_list(iterable)->items, as_list(iterable)->size, iterable == list);
    if (ouro_tuple_check(iterable))
        return extend_array(vm, l, ouro_tuple_items(iterable), ouro_tuple_size(iterable), false);
    OuroObject *it = ouro_object_getiter(vm, iterable);
    if (!it) return -1;
    OuroIterNextFn next = ouro_type_of(it)->iternext;
    OuroObject *item;
    for (;;) {
        item = next ? next(vm, it) : ouro_iter_next(vm, it);
        if (!item) break;
        if (ouro_list_append_steal(vm, list, item) < 0) break;
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? -1 : 0;
}

OuroObject *ouro_list_from_iterable(OuroVM *vm, OuroObject *iterable) {
    size_t hint = ouro_list_check(iterable) ? as_list(iterable)->size
                  : ouro_tuple_check(iterable) ? ouro_tuple_size(iterable) : 0;
    OuroObject *l = ouro_list_new(vm, hint);
    if (!l) return NULL;
    if (ouro_list_extend(vm, l, iterable) < 0) {
        ouro_decref(vm, l);
        return NULL;
    }
    return l;
}

OuroObject *ouro_list_as_tuple(OuroVM *vm, OuroObject *list) {
    return ouro_tuple_from_array(vm, as_list(list)->items, as_list(list)->size);
}

/* Empties the list; the old items are released after it is consistent (CPython _list_clear). */
static void list_clear_items(OuroHeap *heap, OuroList *l) {
    OuroObject **items = l->items;
    size_t n = l->size;
    l->items = NULL;
    l->size = l->capacity = 0;
    while (n-- > 0) ouro_gc_decref(heap, items[n]);
    watch_items_free(heap, items);
    free(items);
}

/* ---- collector hooks --------------------------------------------------------------------- */

/* Last item first, as CPython's list_traverse (gc.get_referents shows the order). */
static int list_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroList *l = as_list(self);
    for (size_t i = l->size; i-- > 0;) {
        int r = visit(l->items[i], arg);
        if (r) return r;
    }
    return ouro_subclass_traverse(self, visit, arg);
}

static void list_clear(OuroHeap *heap, OuroObject *self) {
    ouro_subclass_clear(heap, self);
    list_clear_items(heap, as_list(self));
}

static void list_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    list_clear(heap, self);
    ouro_subclass_free(heap, self);
}

/* ---- repr and comparison ------------------------------------------------------------------ */

static OuroObject *list_repr(OuroVM *vm, OuroObject *self) {
    OuroList *l = as_list(self);
    if (l->size == 0) return ouro_str_from_cstr(vm, "[]");
    int r = ouro_repr_enter(vm, self);
    if (r != 0) return r > 0 ? ouro_str_from_cstr(vm, "[...]") : NULL;
    if (ouro_c_stack_check(vm, " while getting the repr of an object") < 0) {
        ouro_repr_leave(vm, self);
        return NULL;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append_char(&b, '[');
    for (size_t i = 0; i < l->size; i++) {   /* the list may change under repr() */
        if (i) ouro_strbuf_append(&b, ", ", 2);
        OuroObject *item = ouro_newref(l->items[i]);
        int rc = ouro_strbuf_append_repr(vm, &b, item);
        ouro_decref(vm, item);
        if (rc < 0) {
            ouro_strbuf_release(&b);
            ouro_repr_leave(vm, self);
            return NULL;
        }
    }
    ouro_strbuf_append_char(&b, ']');
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

static OuroObject *list_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_list_check(a) || !ouro_list_check(b)) return ouro_newref(ouro_not_implemented);
    OuroList *v = as_list(a), *w = as_list(b);
    if (v->size != w->size && (op == OURO_EQ || op == OURO_NE))
        return ouro_newref(ouro_bool_from(op == OURO_NE));
    if (ouro_c_stack_check(vm, " in comparison") < 0) return NULL;
    size_t i;
    for (i = 0; i < v->size && i < w->size; i++) {
        OuroObject *x = v->items[i], *y = w->items[i];
        if (x == y) continue;
        ouro_incref(x);
        ouro_incref(y);
        int k = ouro_object_richcompare_bool(vm, x, y, OURO_EQ);
        ouro_decref(vm, x);
        ouro_decref(vm, y);
        if (k < 0) return NULL;
        if (!k) break;
    }
    if (i >= v->size || i >= w->size) return ouro_newref(ouro_bool_from(compare_sizes(v->size, w->size, op)));
    if (op == OURO_EQ) return ouro_newref(ouro_false);
    if (op == OURO_NE) return ouro_newref(ouro_true);
    OuroObject *x = ouro_newref(v->items[i]), *y = ouro_newref(w->items[i]);
    OuroObject *r = ouro_object_richcompare(vm, x, y, op);
    ouro_decref(vm, x);
    ouro_decref(vm, y);
    return r;
}

/* ---- indexing and slicing ------------------------------------------------------------------ */

/* Reads an index key: 1 with *out set, 0 when key is not an index, -1 on error. */
static int read_index(OuroVM *vm, OuroObject *key, intptr_t *out) {
    if (OURO_IS_SMALLINT(key)) {
        *out = ouro_smallint_value(key);
        return 1;
    }
    if (!ouro_index_check(key)) return 0;
    intptr_t i = ouro_number_as_ssize(vm, key, &ouro_exc_IndexError);
    if (i == -1 && ouro_err_occurred(vm)) return -1;
    *out = i;
    return 1;
}

static OuroObject *list_slice_copy(OuroVM *vm, OuroList *l, size_t lo, size_t hi) {
    OuroObject *r = ouro_list_new(vm, hi > lo ? hi - lo : 0);
    if (!r || hi <= lo) return r;
    OuroList *rl = as_list(r);
    for (size_t i = lo; i < hi; i++) rl->items[i - lo] = ouro_newref(l->items[i]);
    rl->size = hi - lo;
    return r;
}

static OuroObject *list_subscript(OuroVM *vm, OuroObject *self, OuroObject *key) {
    OuroList *l = as_list(self);
    intptr_t i;
    int k = read_index(vm, key, &i);
    if (k < 0) return NULL;
    if (k) {
        if (i < 0) i += (intptr_t)l->size;
        if (i < 0 || (size_t)i >= l->size)
            return ouro_err_format(vm, &ouro_exc_IndexError, "list index out of range");
        return ouro_newref(l->items[i]);
    }
    if (OURO_IS_SMALLINT(key) || key->type != &ouro_slice_type)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "list indices must be integers or slices, not %T", key);
    intptr_t start, stop, step, len;
    if (ouro_slice_indices(vm, key, (intptr_t)l->size, &start, &stop, &step, &len) < 0) return NULL;
    if (step == 1) return list_slice_copy(vm, l, (size_t)start, (size_t)stop);
    OuroObject *r = ouro_list_new(vm, len > 0 ? (size_t)len : 0);
    if (!r) return NULL;
    for (intptr_t n = 0, j = start; n < len; n++, j += step)
        as_list(r)->items[n] = ouro_newref(l->items[j]);
    as_list(r)->size = len > 0 ? (size_t)len : 0;
    return r;
}

/* PySequence_Fast: the list or tuple itself, else a new list from the iterable. Sets
 * *items and *n. NULL with TypeError(msg) when v is not iterable. */
static OuroObject *sequence_fast(OuroVM *vm, OuroObject *v, const char *msg, OuroObject ***items,
                                 size_t *n) {
    OuroObject *seq;
    if (ouro_list_check(v) || ouro_tuple_check(v)) {
        seq = ouro_newref(v);
    } else {
        OuroObject *it = ouro_object_getiter(vm, v);
        if (!it) {
            if (ouro_err_matches(vm, &ouro_exc_TypeError)) {
                ouro_err_clear(vm);
                ouro_err_set_str(vm, &ouro_exc_TypeError, msg);
            }
            return NULL;
        }
        seq = ouro_list_new(vm, 0);
        if (seq && ouro_list_extend(vm, seq, it) < 0) ouro_clear(vm, &seq);
        ouro_decref(vm, it);
        if (!seq) return NULL;
    }
    if (ouro_list_check(seq)) {
        *items = as_list(seq)->items;
        *n = as_list(seq)->size;
    } else {
        *items = ouro_tuple_items(seq);
        *n = ouro_tuple_size(seq);
    }
    return seq;
}

/* a[lo:hi] = v (v NULL deletes), as CPython's list_ass_slice. */
static int list_ass_slice(OuroVM *vm, OuroList *a, intptr_t lo, intptr_t hi, OuroObject *v) {
    OuroObject *seq = NULL, **vitems = NULL;
    size_t n = 0;
    if (v) {
        if (v == (OuroObject *)a) {
            OuroObject *copy = list_slice_copy(vm, a, 0, a->size);
            if (!copy) return -1;
            int r = list_ass_slice(vm, a, lo, hi, copy);
            ouro_decref(vm, copy);
            return r;
        }
        seq = sequence_fast(vm, v, "can only assign an iterable", &vitems, &n);
        if (!seq) return -1;
    }
    intptr_t size = (intptr_t)a->size;
    if (lo < 0) lo = 0;
    else if (lo > size) lo = size;
    if (hi < lo) hi = lo;
    else if (hi > size) hi = size;
    size_t norig = (size_t)(hi - lo);
    intptr_t d = (intptr_t)n - (intptr_t)norig;
    if (size + d == 0) {
        ouro_xdecref(vm, seq);
        list_clear_items(ouro_heap(vm), a);
        return 0;
    }
    OuroObject *small[8], **recycle = small;
    if (norig > 8 && !(recycle = malloc(norig * sizeof *recycle))) {
        ouro_xdecref(vm, seq);
        ouro_err_no_memory(vm);
        return -1;
    }
    memcpy(recycle, a->items + lo, norig * sizeof *recycle);
    if (d < 0) {
        memmove(a->items + hi + d, a->items + hi, (size_t)(size - hi) * sizeof(OuroObject *));
        list_resize(vm, a, (size_t)(size + d));   /* shrinking cannot fail to keep the items */
    } else if (d > 0) {
        if (list_resize(vm, a, (size_t)(size + d)) < 0) {
            if (recycle != small) free(recycle);
            ouro_xdecref(vm, seq);
            return -1;
        }
        memmove(a->items + hi + d, a->items + hi, (size_t)(size - hi) * sizeof(OuroObject *));
    }
    for (size_t k = 0; k < n; k++) a->items[lo + (intptr_t)k] = ouro_newref(vitems[k]);
    for (size_t k = norig; k-- > 0;) ouro_decref(vm, recycle[k]);
    if (recycle != small) free(recycle);
    ouro_xdecref(vm, seq);
    return 0;
}

static int list_del_extended(OuroVM *vm, OuroList *l, intptr_t start, intptr_t step, intptr_t len) {
    if (len <= 0) return 0;
    if (step < 0) {
        intptr_t stop = start + 1;
        start = stop + step * (len - 1) - 1;
        step = -step;
    }
    OuroObject **garbage = malloc((size_t)len * sizeof *garbage);
    if (!garbage) {
        ouro_err_no_memory(vm);
        return -1;
    }
    size_t cur, i, size = l->size;
    for (cur = (size_t)start, i = 0; i < (size_t)len; cur += (size_t)step, i++) {
        size_t lim = (size_t)step - 1;
        garbage[i] = l->items[cur];
        if (cur + (size_t)step >= size) lim = size - cur - 1;
        memmove(l->items + cur - i, l->items + cur + 1, lim * sizeof(OuroObject *));
    }
    cur = (size_t)start + (size_t)len * (size_t)step;
    if (cur < size) memmove(l->items + cur - len, l->items + cur, (size - cur) * sizeof(OuroObject *));
    list_resize(vm, l, size - (size_t)len);
    for (i = 0; i < (size_t)len; i++) ouro_decref(vm, garbage[i]);
    free(garbage);
    return 0;
}

static int list_assign_extended(OuroVM *vm, OuroList *l, intptr_t start, intptr_t step,
                                intptr_t len, OuroObject *value) {
    OuroObject **items, *seq;
    size_t n;
    if (value == (OuroObject *)l) {
        seq = list_slice_copy(vm, l, 0, l->size);
        if (!seq) return -1;
        items = as_list(seq)->items;
        n = as_list(seq)->size;
    } else {
        seq = sequence_fast(vm, value, "must assign iterable to extended slice", &items, &n);
        if (!seq) return -1;
    }
    if ((intptr_t)n != len) {
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "attempt to assign sequence of size %zu to extended slice of size %zd", n, len);
        ouro_decref(vm, seq);
        return -1;
    }
    if (len == 0) {
        ouro_decref(vm, seq);
        return 0;
    }
    OuroObject **garbage = malloc((size_t)len * sizeof *garbage);
    if (!garbage) {
        ouro_decref(vm, seq);
        ouro_err_no_memory(vm);
        return -1;
    }
    intptr_t cur = start;
    for (intptr_t i = 0; i < len; i++, cur += step) {
        garbage[i] = l->items[cur];
        l->items[cur] = ouro_newref(items[i]);
    }
    for (intptr_t i = 0; i < len; i++) ouro_decref(vm, garbage[i]);
    free(garbage);
    ouro_decref(vm, seq);
    return 0;
}

static int list_ass_subscript(OuroVM *vm, OuroObject *self, OuroObject *key, OuroObject *value) {
    OuroList *l = as_list(self);
    intptr_t i;
    int k = read_index(vm, key, &i);
    if (k < 0) return -1;
    if (k) {
        if (i < 0) i += (intptr_t)l->size;
        if (i < 0 || (size_t)i >= l->size) {
            ouro_err_format(vm, &ouro_exc_IndexError, "list assignment index out of range");
            return -1;
        }
        if (!value) return list_ass_slice(vm, l, i, i + 1, NULL);
        OuroObject *old = l->items[i];
        l->items[i] = ouro_newref(value);
        ouro_decref(vm, old);
        return 0;
    }
    if (OURO_IS_SMALLINT(key) || key->type != &ouro_slice_type) {
        ouro_err_format(vm, &ouro_exc_TypeError, "list indices must be integers or slices, not %T", key);
        return -1;
    }
    intptr_t start, stop, step, len;
    if (ouro_slice_indices(vm, key, (intptr_t)l->size, &start, &stop, &step, &len) < 0) return -1;
    if (step == 1) return list_ass_slice(vm, l, start, stop, value);
    if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
    if (!value) return list_del_extended(vm, l, start, step, len);
    return list_assign_extended(vm, l, start, step, len, value);
}

/* ---- sequence protocol -------------------------------------------------------------------- */

static intptr_t list_length(OuroVM *vm, OuroObject *self) { return (intptr_t)as_list(self)->size; }

static int list_contains(OuroVM *vm, OuroObject *self, OuroObject *item) {
    OuroList *l = as_list(self);
    for (size_t i = 0; i < l->size; i++) {
        OuroObject *x = l->items[i];
        if (x == item) return 1;
        ouro_incref(x);
        int k = ouro_object_richcompare_bool(vm, x, item, OURO_EQ);
        ouro_decref(vm, x);
        if (k != 0) return k;
    }
    return 0;
}

static OuroObject *list_concat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_list_check(a)) return ouro_newref(ouro_not_implemented);
    if (!ouro_list_check(b)) {
        if (ouro_defers_to_reflected(b, OURO_ID(vm, __radd__))) return ouro_newref(ouro_not_implemented);
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "can only concatenate list (not \"%T\") to list", b);
    }
    OuroList *v = as_list(a), *w = as_list(b);
    OuroObject *r = ouro_list_new(vm, v->size + w->size);
    if (!r) return NULL;
    OuroList *rl = as_list(r);
    for (size_t i = 0; i < v->size; i++) rl->items[i] = ouro_newref(v->items[i]);
    for (size_t i = 0; i < w->size; i++) rl->items[v->size + i] = ouro_newref(w->items[i]);
    rl->size = v->size + w->size;
    return r;
}

/* The repeat count of seq * count; -2 with nothing raised means "return NotImplemented". */
static intptr_t repeat_count(OuroVM *vm, OuroObject *count, bool seq_is_left) {
    if (!ouro_index_check(count)) {
        if (seq_is_left && ouro_defers_to_reflected(count, OURO_ID(vm, __rmul__))) return -2;
        ouro_err_format(vm, &ouro_exc_TypeError, "can't multiply sequence by non-int of type '%T'", count);
        return -1;
    }
    intptr_t n = ouro_number_as_ssize(vm, count, &ouro_exc_OverflowError);
    if (n == -1 && ouro_err_occurred(vm)) return -1;
    return n < 0 ? 0 : n;
}

static OuroObject *list_repeat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    bool left = ouro_list_check(a);
    OuroObject *seq = left ? a : b;
    intptr_t n = repeat_count(vm, left ? b : a, left);
    if (n == -2) return ouro_newref(ouro_not_implemented);
    if (n < 0) return NULL;
    OuroList *l = as_list(seq);
    size_t size = l->size;
    if (n && size > (SIZE_MAX / sizeof(OuroObject *)) / 2 / (size_t)n) return ouro_err_no_memory(vm);
    OuroObject *r = ouro_list_new(vm, size * (size_t)n);
    if (!r) return NULL;
    OuroObject **dst = as_list(r)->items;
    if (size == 1) {
        OuroObject *x = l->items[0];
        if (!OURO_IS_SMALLINT(x)) x->refcnt += n;
        for (intptr_t k = 0; k < n; k++) dst[k] = x;
    } else {
        for (intptr_t k = 0; k < n; k++)
            for (size_t i = 0; i < size; i++) *dst++ = ouro_newref(l->items[i]);
    }
    as_list(r)->size = size * (size_t)n;
    return r;
}

static OuroObject *list_inplace_concat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_list_check(a)) return ouro_newref(ouro_not_implemented);
    if (ouro_list_extend(vm, a, b) < 0) return NULL;
    return ouro_newref(a);
}

static OuroObject *list_inplace_repeat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_list_check(a)) return ouro_newref(ouro_not_implemented);
    intptr_t n = repeat_count(vm, b, true);
    if (n == -2) return ouro_newref(ouro_not_implemented);
    if (n < 0) return NULL;
    OuroList *l = as_list(a);
    size_t size = l->size;
    if (n == 0 || size == 0) {
        list_clear_items(ouro_heap(vm), l);
        return ouro_newref(a);
    }
    if (size > (SIZE_MAX / sizeof(OuroObject *)) / 2 / (size_t)n) return ouro_err_no_memory(vm);
    if (list_resize(vm, l, size * (size_t)n) < 0) return NULL;
    OuroObject **p = l->items + size;
    for (intptr_t k = 1; k < n; k++)
        for (size_t i = 0; i < size; i++) *p++ = ouro_newref(l->items[i]);
    return ouro_newref(a);
}

/* ---- methods ------------------------------------------------------------------------------- */

static OuroObject *list_append_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.append", nargs, kwnames, 1, 1) < 0) return NULL;
    if (ouro_list_append(vm, self, args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *list_extend_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.extend", nargs, kwnames, 1, 1) < 0) return NULL;
    if (ouro_list_extend(vm, self, args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *list_insert(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.insert", nargs, kwnames, 2, 2) < 0) return NULL;
    intptr_t where = ouro_number_as_ssize(vm, args[0], &ouro_exc_OverflowError);
    if (where == -1 && ouro_err_occurred(vm)) return NULL;
    OuroList *l = as_list(self);
    intptr_t n = (intptr_t)l->size;
    if (where < 0) {
        where += n;
        if (where < 0) where = 0;
    }
    if (where > n) where = n;
    if (list_resize(vm, l, (size_t)n + 1) < 0) return NULL;
    memmove(l->items + where + 1, l->items + where, (size_t)(n - where) * sizeof(OuroObject *));
    l->items[where] = ouro_newref(args[1]);
    return ouro_newref(ouro_none);
}

static OuroObject *list_pop(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.pop", nargs, kwnames, 0, 1) < 0) return NULL;
    intptr_t i = -1;
    if (nargs) {
        i = ouro_number_as_ssize(vm, args[0], &ouro_exc_OverflowError);
        if (i == -1 && ouro_err_occurred(vm)) return NULL;
    }
    OuroList *l = as_list(self);
    if (l->size == 0) return ouro_err_format(vm, &ouro_exc_IndexError, "pop from empty list");
    if (i < 0) i += (intptr_t)l->size;
    if (i < 0 || (size_t)i >= l->size) return ouro_err_format(vm, &ouro_exc_IndexError, "pop index out of range");
    OuroObject *v = l->items[i];
    memmove(l->items + i, l->items + i + 1, (l->size - (size_t)i - 1) * sizeof(OuroObject *));
    list_resize(vm, l, l->size - 1);
    return v;
}

static OuroObject *list_remove(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.remove", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroList *l = as_list(self);
    for (size_t i = 0; i < l->size; i++) {
        OuroObject *x = ouro_newref(l->items[i]);
        int k = ouro_object_richcompare_bool(vm, x, args[0], OURO_EQ);
        ouro_decref(vm, x);
        if (k < 0) return NULL;
        if (k) {
            if (i < l->size && list_ass_slice(vm, l, (intptr_t)i, (intptr_t)i + 1, NULL) < 0) return NULL;
            return ouro_newref(ouro_none);
        }
    }
    return ouro_err_format(vm, &ouro_exc_ValueError, "list.remove(x): x not in list");
}

static OuroObject *list_index(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.index", nargs, kwnames, 1, 3) < 0) return NULL;
    OuroList *l = as_list(self);
    size_t start, stop;
    if (ouro_seq_index_bounds(vm, args, nargs, l->size, &start, &stop) < 0) return NULL;
    for (size_t i = start; i < stop && i < l->size; i++) {
        OuroObject *x = ouro_newref(l->items[i]);
        int k = ouro_object_richcompare_bool(vm, x, args[0], OURO_EQ);
        ouro_decref(vm, x);
        if (k > 0) return ouro_smallint((intptr_t)i);
        if (k < 0) return NULL;
    }
    return ouro_err_format(vm, &ouro_exc_ValueError, "%R is not in list", args[0]);
}

static OuroObject *list_count(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.count", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroList *l = as_list(self);
    intptr_t n = 0;
    for (size_t i = 0; i < l->size; i++) {
        OuroObject *x = l->items[i];
        if (x == args[0]) {
            n++;
            continue;
        }
        ouro_incref(x);
        int k = ouro_object_richcompare_bool(vm, x, args[0], OURO_EQ);
        ouro_decref(vm, x);
        if (k < 0) return NULL;
        n += k;
    }
    return ouro_smallint(n);
}

static OuroObject *list_clear_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.clear", nargs, kwnames, 0, 0) < 0) return NULL;
    list_clear_items(ouro_heap(vm), as_list(self));
    return ouro_newref(ouro_none);
}

static OuroObject *list_copy(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.copy", nargs, kwnames, 0, 0) < 0) return NULL;
    return list_slice_copy(vm, as_list(self), 0, as_list(self)->size);
}

static void reverse_items(OuroObject **lo, OuroObject **hi) {
    for (--hi; lo < hi; lo++, hi--) {
        OuroObject *t = *lo;
        *lo = *hi;
        *hi = t;
    }
}

static OuroObject *list_reverse(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.reverse", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroList *l = as_list(self);
    if (l->size > 1) reverse_items(l->items, l->items + l->size);
    return ouro_newref(ouro_none);
}

static OuroObject *list_sort_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"*key", "*reverse"};
    OuroObject *out[2];
    if (ouro_args_bind(vm, "sort", args, nargs, kwnames, names, 2, 0, 0, out) < 0) return NULL;
    bool reverse = false;
    if (out[1]) {
        if (!ouro_int_check(out[1]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "'%T' object cannot be interpreted as an integer", out[1]);
        int t = ouro_object_truthy(vm, out[1]);
        if (t < 0) return NULL;
        reverse = t;
    }
    OuroObject *key = out[0] == ouro_none ? NULL : out[0];
    if (ouro_list_sort(vm, self, key, reverse) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *list_iter(OuroVM *vm, OuroObject *self);
static OuroObject *list_reversed_new(OuroVM *vm, OuroObject *list);

static OuroObject *list_reversed_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "list.__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return list_reversed_new(vm, self);
}

static const OuroMethodDef list_methods[] = {
    {"append", list_append_meth, 0, "Append object to the end of the list."},
    {"extend", list_extend_meth, 0, "Extend list by appending elements from the iterable."},
    {"insert", list_insert, 0, "Insert object before index."},
    {"pop", list_pop, 0, "Remove and return item at index (default last)."},
    {"remove", list_remove, 0, "Remove first occurrence of value."},
    {"index", list_index, 0, "Return first index of value."},
    {"count", list_count, 0, "Return number of occurrences of value."},
    {"clear", list_clear_meth, 0, "Remove all items from list."},
    {"copy", list_copy, 0, "Return a shallow copy of the list."},
    {"reverse", list_reverse, 0, "Reverse *IN PLACE*."},
    {"sort", list_sort_meth, 0, "Sort the list in ascending order and return None."},
    {"__reversed__", list_reversed_meth, 0, "Return a reverse iterator over the list."},
    {NULL, NULL, 0, NULL},
};

/* ---- construction -------------------------------------------------------------------------- */

static OuroObject *list_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    return alloc_list(vm, type, 0);
}

static int list_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                     OuroObject *kwnames) {
    if (ouro_args_check(vm, "list", nargs, kwnames, 0, 1) < 0) return -1;
    if (as_list(self)->size) list_clear_items(ouro_heap(vm), as_list(self));
    return nargs ? ouro_list_extend(vm, self, args[0]) : 0;
}

/* ---- list_iterator and list_reverseiterator ------------------------------------------------ */

typedef struct OuroListIter {
    OuroObject ob;
    OuroObject *seq;                  /* NULL once exhausted */
    intptr_t index;                   /* next index; the reverse iterator counts down */
} OuroListIter;

static OuroObject *new_list_iter(OuroVM *vm, OuroType *type, OuroObject *list, intptr_t index) {
    OuroListIter *it = (OuroListIter *)ouro_gc_alloc(ouro_heap(vm), type, sizeof(OuroListIter));
    if (!it) return ouro_err_no_memory(vm);
    it->seq = ouro_newref(list);
    it->index = index;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)it);
    return (OuroObject *)it;
}

static OuroObject *list_iter(OuroVM *vm, OuroObject *self) {
    return new_list_iter(vm, &ouro_list_iterator_type, self, 0);
}

static OuroObject *list_reversed_new(OuroVM *vm, OuroObject *list) {
    return new_list_iter(vm, &ouro_list_reverseiterator_type, list, (intptr_t)as_list(list)->size - 1);
}

static OuroObject *listiter_next(OuroVM *vm, OuroObject *self) {
    OuroListIter *it = (OuroListIter *)self;
    OuroObject *seq = it->seq;
    if (!seq) return NULL;
    if ((size_t)it->index < as_list(seq)->size) return ouro_newref(as_list(seq)->items[it->index++]);
    ouro_clear(vm, &it->seq);
    return NULL;
}

static OuroObject *listreviter_next(OuroVM *vm, OuroObject *self) {
    OuroListIter *it = (OuroListIter *)self;
    OuroObject *seq = it->seq;
    if (!seq) return NULL;
    if (it->index >= 0 && (size_t)it->index < as_list(seq)->size)
        return ouro_newref(as_list(seq)->items[it->index--]);
    it->index = -1;
    ouro_clear(vm, &it->seq);
    return NULL;
}

static OuroObject *listiter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kwnames) {
    OuroListIter *it = (OuroListIter *)self;
    intptr_t n = 0;
    if (it->seq) {
        intptr_t size = (intptr_t)as_list(it->seq)->size;
        n = self->type == &ouro_list_iterator_type ? size - it->index
            : (it->index < size ? it->index + 1 : 0);
        if (n < 0) n = 0;
    }
    return ouro_smallint(n);
}

static const OuroMethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, 0, NULL},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_list_iterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = ouro_source_iter_traverse, .clear = ouro_source_iter_clear,
              .dealloc = ouro_source_iter_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "list_iterator",
    .basicsize = sizeof(OuroListIter),
    .iter = ouro_iter_self,
    .iternext = listiter_next,
    .methods = listiter_methods,
};

OuroType ouro_list_reverseiterator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = ouro_source_iter_traverse, .clear = ouro_source_iter_clear,
              .dealloc = ouro_source_iter_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "list_reverseiterator",
    .basicsize = sizeof(OuroListIter),
    .iter = ouro_iter_self,
    .iternext = listreviter_next,
    .methods = listiter_methods,
};

OuroType ouro_list_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = list_traverse, .clear = list_clear, .dealloc = list_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "list",
    .basicsize = sizeof(OuroList),
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_LIST_SUBCLASS,
    .repr = list_repr,
    .hash = ouro_hash_unhashable,
    .richcompare = list_richcompare,
    .iter = list_iter,
    .new_ = list_new,
    .init = list_init,
    .nb = {[OURO_NB_ADD] = list_concat, [OURO_NB_MULTIPLY] = list_repeat},
    .nb_inplace = {[OURO_NB_ADD] = list_inplace_concat, [OURO_NB_MULTIPLY] = list_inplace_repeat},
    .length = list_length,
    .getitem = list_subscript,
    .setitem = list_ass_subscript,
    .contains = list_contains,
    .methods = list_methods,
    .doc = "Built-in mutable sequence.",
};
