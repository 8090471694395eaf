/* vm/obj_dictview.c — the dict views dict_keys, dict_values and dict_items: live windows on a
 * dict (len, iter, reversed, in, repr) and, for keys and items, the set-like comparisons and
 * operators (& | - ^, isdisjoint) computed through real sets, as CPython's dictobject.c does.
 * Views see the dict only through vm/obj_dict.h. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

typedef struct OuroDictView {
    OuroObject ob;
    OuroObject *dict;
} OuroDictView;

static OuroObject *view_dict(OuroObject *v) { return ((OuroDictView *)v)->dict; }

static bool is_keys(const OuroObject *o) { return !OURO_IS_SMALLINT(o) && o->type == &ouro_dict_keys_type; }
static bool is_items(const OuroObject *o) { return !OURO_IS_SMALLINT(o) && o->type == &ouro_dict_items_type; }
static bool is_setlike_view(const OuroObject *o) { return is_keys(o) || is_items(o); }

OuroObject *ouro_dictview_new(OuroVM *vm, OuroObject *d, OuroType *type) {
    OuroDictView *v = (OuroDictView *)ouro_gc_alloc(ouro_heap(vm), type, sizeof(OuroDictView));
    if (!v) return ouro_err_no_memory(vm);
    v->dict = ouro_newref(d);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)v);
    return (OuroObject *)v;
}

static int view_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroObject *d = view_dict(self);
    return d ? visit(d, arg) : 0;
}

/* No clear hook (as CPython's views): a view refers only to its dict, which the collector
 * clears when the view is in a cycle; the view itself stays valid. */
static void view_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    ouro_clear(ouro_vm_of_heap(heap), &((OuroDictView *)self)->dict);
    ouro_gc_free(heap, self);
}

static OuroDictIterKind view_kind(const OuroObject *v) {
    return is_keys(v) ? OURO_DICT_ITER_KEYS : is_items(v) ? OURO_DICT_ITER_ITEMS : OURO_DICT_ITER_VALUES;
}

static intptr_t view_length(OuroVM *vm, OuroObject *self) {
    return view_dict(self) ? (intptr_t)ouro_dict_size(view_dict(self)) : 0;
}

static OuroObject *view_iter(OuroVM *vm, OuroObject *self) {
    return ouro_dict_iter_new(vm, view_dict(self), view_kind(self), false);
}

static OuroObject *view_reversed(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_dict_iter_new(vm, view_dict(self), view_kind(self), true);
}

static OuroObject *view_repr(OuroVM *vm, OuroObject *self) {
    int r = ouro_repr_enter(vm, self);
    if (r != 0) return r > 0 ? ouro_str_from_cstr(vm, "...") : NULL;
    OuroObject *seq = ouro_list_from_iterable(vm, self);
    OuroObject *res = seq ? ouro_str_from_format(vm, "%s(%R)", self->type->name, seq) : NULL;
    ouro_xdecref(vm, seq);
    ouro_repr_leave(vm, self);
    return res;
}

static int keys_contains(OuroVM *vm, OuroObject *self, OuroObject *key) {
    return ouro_object_contains(vm, view_dict(self), key);
}

static int items_contains(OuroVM *vm, OuroObject *self, OuroObject *item) {
    if (!ouro_tuple_check(item) || ouro_tuple_size(item) != 2) return 0;
    OuroObject *found = ouro_dict_get(vm, view_dict(self), ouro_tuple_get(item, 0));
    if (!found) return ouro_err_occurred(vm) ? -1 : 0;
    ouro_incref(found);
    int r = ouro_object_richcompare_bool(vm, found, ouro_tuple_get(item, 1), OURO_EQ);
    ouro_decref(vm, found);
    return r;
}

static int values_contains(OuroVM *vm, OuroObject *self, OuroObject *value) {
    OuroObject *it = view_iter(vm, self);
    if (!it) return -1;
    OuroObject *v;
    int r = 0;
    while (r == 0 && (v = ouro_iter_next(vm, it)) != NULL) {
        r = ouro_object_richcompare_bool(vm, v, value, OURO_EQ);
        ouro_decref(vm, v);
    }
    ouro_decref(vm, it);
    return r != 0 ? r : ouro_err_occurred(vm) ? -1 : 0;
}

/* 1 when every item of self is in other (`in`), 0 when not, -1 on error. */
static int all_contained_in(OuroVM *vm, OuroObject *self, OuroObject *other) {
    OuroObject *it = ouro_object_getiter(vm, self);
    if (!it) return -1;
    int ok = 1;
    OuroObject *item;
    while ((item = ouro_iter_next(vm, it)) != NULL) {
        ok = ouro_object_contains(vm, other, item);
        ouro_decref(vm, item);
        if (ok <= 0) break;
    }
    ouro_decref(vm, it);
    return ok >= 0 && ouro_err_occurred(vm) ? -1 : ok;
}

static OuroObject *view_richcompare(OuroVM *vm, OuroObject *self, OuroObject *other, int op) {
    if (!ouro_anyset_check(other) && !is_setlike_view(other)) return ouro_newref(ouro_not_implemented);
    intptr_t ls = ouro_object_length(vm, self);
    if (ls < 0) return NULL;
    intptr_t lo = ouro_object_length(vm, other);
    if (lo < 0) return NULL;
    int ok = 0;
    switch (op) {
    case OURO_EQ:
    case OURO_NE:
        if (ls == lo) ok = all_contained_in(vm, self, other);
        if (op == OURO_NE && ok >= 0) ok = !ok;
        break;
    case OURO_LT: if (ls < lo) ok = all_contained_in(vm, self, other); break;
    case OURO_LE: if (ls <= lo) ok = all_contained_in(vm, self, other); break;
    case OURO_GT: if (ls > lo) ok = all_contained_in(vm, other, self); break;
    default: if (ls >= lo) ok = all_contained_in(vm, other, self); break;
    }
    if (ok < 0) return NULL;
    return ouro_newref(ouro_bool_from(ok));
}

/* ---- set operators --------------------------------------------------------------------- */

/* A new set from a view operand (a keys view reads its dict directly) or any iterable. */
static OuroObject *to_set(OuroVM *vm, OuroObject *o) {
    return ouro_set_new(vm, is_keys(o) ? view_dict(o) : o);
}

static OuroObject *view_or(OuroVM *vm, OuroObject *a, OuroObject *b) {
    OuroObject *r = to_set(vm, a);
    if (r && ouro_set_update(vm, r, b) < 0) ouro_clear(vm, &r);
    return r;
}

static OuroObject *view_sub(OuroVM *vm, OuroObject *a, OuroObject *b) {
    OuroObject *r = to_set(vm, a);
    if (r && ouro_set_difference_update(vm, r, b) < 0) ouro_clear(vm, &r);
    return r;
}

static OuroObject *view_xor(OuroVM *vm, OuroObject *a, OuroObject *b) {
    OuroObject *r = to_set(vm, a);
    if (r && ouro_set_symmetric_difference_update(vm, r, b) < 0) ouro_clear(vm, &r);
    return r;
}

/* Items of `walk` that are in `probe` (`in`), collected into a new set in walk's order. */
static OuroObject *collect_common(OuroVM *vm, OuroObject *walk, OuroObject *probe) {
    OuroObject *result = ouro_set_new(vm, NULL);
    if (!result) return NULL;
    OuroObject *it = ouro_object_getiter(vm, walk);
    if (!it) {
        ouro_decref(vm, result);
        return NULL;
    }
    OuroObject *key;
    while ((key = ouro_iter_next(vm, it)) != NULL) {
        int c = ouro_object_contains(vm, probe, key);
        if (c > 0) c = ouro_set_add(vm, result, key);
        ouro_decref(vm, key);
        if (c < 0) break;
    }
    ouro_decref(vm, it);
    if (ouro_err_occurred(vm)) ouro_clear(vm, &result);
    return result;
}

/* CPython's _PyDictView_Intersect: decides which side is walked. */
static OuroObject *view_and(OuroVM *vm, OuroObject *self, OuroObject *other) {
    if (!is_setlike_view(self)) {   /* the view was the right operand */
        OuroObject *t = self;
        self = other;
        other = t;
    }
    intptr_t ls = view_length(vm, self);
    /* set.intersection(view): walks the view, probing the set */
    if (!OURO_IS_SMALLINT(other) && other->type == &ouro_set_type && ls <= (intptr_t)ouro_set_size(other))
        return collect_common(vm, self, other);
    if (is_setlike_view(other) && view_length(vm, other) > ls) {
        OuroObject *t = self;
        self = other;
        other = t;
    }
    return collect_common(vm, other, self);
}

static OuroObject *view_isdisjoint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "isdisjoint", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *other = args[0];
    if (self == other) return ouro_newref(ouro_bool_from(view_length(vm, self) == 0));
    if (ouro_anyset_check(other) || is_setlike_view(other)) {
        intptr_t ls = view_length(vm, self), lo = ouro_object_length(vm, other);
        if (lo < 0) return NULL;
        if (lo > ls) {
            OuroObject *t = self;
            self = other;
            other = t;
        }
    }
    OuroObject *it = ouro_object_getiter(vm, other);
    if (!it) return NULL;
    OuroObject *item;
    int found = 0;
    while (!found && (item = ouro_iter_next(vm, it)) != NULL) {
        found = ouro_object_contains(vm, self, item);
        ouro_decref(vm, item);
    }
    ouro_decref(vm, it);
    if (found < 0 || ouro_err_occurred(vm)) return NULL;
    return ouro_newref(ouro_bool_from(!found));
}

static const OuroMethodDef setview_methods[] = {
    {"isdisjoint", view_isdisjoint, 0, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", view_reversed, 0, "Return a reverse iterator over the dict keys."},
    {NULL, NULL, 0, NULL},
};

static const OuroMethodDef values_methods[] = {
    {"__reversed__", view_reversed, 0, "Return a reverse iterator over the dict values."},
    {NULL, NULL, 0, NULL},
};

#define VIEW_HOOKS                                                                                 \
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                                 \
    .hooks = {.traverse = view_traverse, .dealloc = view_dealloc,                                  \
              .gc_flags = OURO_GC_CONTAINER},                                                      \
    .basicsize = sizeof(OuroDictView), .repr = view_repr, .iter = view_iter, .length = view_length

OuroType ouro_dict_keys_type = {
    VIEW_HOOKS,
    .name = "dict_keys",
    .hash = ouro_hash_unhashable,
    .richcompare = view_richcompare,
    .contains = keys_contains,
    .nb = {[OURO_NB_AND] = view_and, [OURO_NB_OR] = view_or, [OURO_NB_SUBTRACT] = view_sub,
           [OURO_NB_XOR] = view_xor},
    .methods = setview_methods,
};

OuroType ouro_dict_items_type = {
    VIEW_HOOKS,
    .name = "dict_items",
    .hash = ouro_hash_unhashable,
    .richcompare = view_richcompare,
    .contains = items_contains,
    .nb = {[OURO_NB_AND] = view_and, [OURO_NB_OR] = view_or, [OURO_NB_SUBTRACT] = view_sub,
           [OURO_NB_XOR] = view_xor},
    .methods = setview_methods,
};

OuroType ouro_dict_values_type = {
    VIEW_HOOKS,
    .name = "dict_values",
    .contains = values_contains,
    .methods = values_methods,
};
