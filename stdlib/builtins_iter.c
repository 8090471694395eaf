/* stdlib/builtins_iter.c — built-ins that consume iterables: iter, next, sorted, min, max,
 * sum, any, all. They drive the iterator protocol directly (iternext returning NULL with no
 * exception means exhaustion) so no StopIteration is ever created on these paths. */
#include "stdlib/builtins.h"
#include "vm/obj_iter.h"

static OuroObject *builtin_iter(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "iter", nargs, kwnames, 1, 2) < 0) return NULL;
    if (nargs == 1) return ouro_object_getiter(vm, args[0]);
    if (!ouro_type_of(args[0])->call)
        return ouro_err_format(vm, &ouro_exc_TypeError, "iter(v, w): v must be callable");
    return ouro_calliter_new(vm, args[0], args[1]);
}

static OuroObject *builtin_next(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "next", nargs, kwnames, 1, 2) < 0) return NULL;
    OuroType *t = ouro_type_of(args[0]);
    if (!t->iternext)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not an iterator",
                               ouro_type_name(t));
    OuroObject *returned = NULL, *item;
    /* A generator's return value travels in StopIteration.value, as next(gen) shows it. */
    if (t == &ouro_generator_type) item = ouro_gen_send(vm, args[0], ouro_none, &returned);
    else item = t->iternext(vm, args[0]);
    if (item || ouro_err_occurred(vm)) {
        ouro_xdecref(vm, returned);
        return item;
    }
    if (nargs == 2) {
        ouro_xdecref(vm, returned);
        return ouro_newref(args[1]);
    }
    if (returned && returned != ouro_none) {
        /* Wrapped, never spread: a returned tuple is one value. */
        OuroObject *exc = ouro_object_call1(vm, (OuroObject *)&ouro_exc_StopIteration, returned);
        ouro_decref(vm, returned);
        if (exc) ouro_err_raise(vm, exc);
    } else {
        ouro_xdecref(vm, returned);
        ouro_err_set_none(vm, &ouro_exc_StopIteration);
    }
    return NULL;
}

static OuroObject *builtin_sorted(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"*key", "reverse"};
    OuroObject *a[2];
    if (nargs != 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "sorted expected 1 argument, got %zu",
                               nargs);
    /* As CPython: build the list first, then list.sort() checks the keywords. */
    OuroObject *list = ouro_list_from_iterable(vm, args[0]);
    if (!list) return NULL;
    int reverse = 0;
    if (ouro_args_bind(vm, "sort", args + 1, 0, kwnames, names, 2, 0, 0, a) < 0 ||
        (a[1] && !ouro_int_check(a[1]) &&
         !ouro_err_format(vm, &ouro_exc_TypeError,
                          "'%T' object cannot be interpreted as an integer", a[1])) ||
        (a[1] && (reverse = ouro_object_truthy(vm, a[1])) < 0)) {
        ouro_decref(vm, list);
        return NULL;
    }
    OuroObject *key = a[0] == ouro_none ? NULL : a[0];
    if (ouro_list_sort(vm, list, key, reverse) < 0) ouro_clear(vm, &list);
    return list;
}

/* min() and max(): one iterable, or two or more positional values; key= and default=. */
static OuroObject *iter_of_args(OuroVM *vm, OuroObject *const *args, size_t npos) {
    if (npos == 1) return ouro_object_getiter(vm, args[0]);
    OuroObject *t = ouro_tuple_from_array(vm, args, npos);
    if (!t) return NULL;
    OuroObject *it = ouro_object_getiter(vm, t);
    ouro_decref(vm, t);
    return it;
}

static OuroObject *best_of(OuroVM *vm, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames, int op, const char *name) {
    static const char *const names[] = {"key", "default"};
    OuroObject *kw[2] = {NULL, NULL};
    if (nargs == 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s expected at least 1 argument, got 0",
                               name);
    if (kwnames && ouro_args_bind(vm, name, args + nargs, 0, kwnames, names, 2, 0, 0, kw) < 0)
        return NULL;
    OuroObject *key = kw[0] == ouro_none ? NULL : kw[0];
    OuroObject *dflt = kw[1];
    if (dflt && nargs > 1)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "Cannot specify a default for %s() with multiple positional arguments",
                               name);
    OuroObject *it = iter_of_args(vm, args, nargs);
    if (!it) return NULL;
    OuroObject *best = NULL, *best_key = NULL, *item;
    while ((item = ouro_iter_next(vm, it))) {
        OuroObject *k = key ? ouro_object_call1(vm, key, item) : ouro_newref(item);
        if (!k) {
            ouro_decref(vm, item);
            goto fail;
        }
        int better = best ? ouro_object_richcompare_bool(vm, k, best_key, op) : 1;
        if (better < 0) {
            ouro_decref(vm, k);
            ouro_decref(vm, item);
            goto fail;
        }
        if (better) {
            ouro_setref(vm, &best, item);
            ouro_setref(vm, &best_key, k);
        } else {
            ouro_decref(vm, item);
            ouro_decref(vm, k);
        }
    }
    if (ouro_err_occurred(vm)) goto fail;
    ouro_decref(vm, it);
    ouro_xdecref(vm, best_key);
    if (best) return best;
    if (dflt) return ouro_newref(dflt);
    return ouro_err_format(vm, &ouro_exc_ValueError, "%s() arg is an empty sequence", name);
fail:
    ouro_decref(vm, it);
    ouro_xdecref(vm, best);
    ouro_xdecref(vm, best_key);
    return NULL;
}

static OuroObject *builtin_min(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return best_of(vm, args, nargs, kwnames, OURO_LT, "min");
}

static OuroObject *builtin_max(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return best_of(vm, args, nargs, kwnames, OURO_GT, "max");
}

/* Adds the rest of the iterator to a float total without boxing each partial sum. */
static OuroObject *sum_floats(OuroVM *vm, OuroObject *it, double total, OuroObject **pending) {
    OuroObject *item;
    while ((item = ouro_iter_next(vm, it))) {
        if (ouro_float_check(item)) {
            total += ouro_float_value(item);
        } else if (OURO_IS_SMALLINT(item)) {
            total += (double)ouro_smallint_value(item);
        } else {
            *pending = item;   /* not a float or small int: continue generically */
            break;
        }
        ouro_decref(vm, item);
    }
    return ouro_err_occurred(vm) ? NULL : ouro_float_new(vm, total);
}

static OuroObject *builtin_sum(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"iterable", "start"};
    OuroObject *a[2];
    if (nargs == 0 && !kwnames)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "sum() takes at least 1 positional argument (0 given)");
    if (ouro_args_bind(vm, "sum", args, nargs, kwnames, names, 2, 1, 1, a) < 0) return NULL;
    OuroObject *start = a[1] ? a[1] : ouro_smallint(0);
    if (ouro_str_check(start))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "sum() can't sum strings [use ''.join(seq) instead]");
    OuroObject *it = ouro_object_getiter(vm, a[0]);
    if (!it) return NULL;
    OuroObject *total = ouro_newref(start), *item = NULL;
    /* Small ints add in a C integer until they overflow or meet another type. */
    if (OURO_IS_SMALLINT(total)) {
        intptr_t acc = ouro_smallint_value(total);
        while ((item = ouro_iter_next(vm, it))) {
            intptr_t r;
            if (!OURO_IS_SMALLINT(item) || __builtin_add_overflow(acc, ouro_smallint_value(item), &r) ||
                r > OURO_SMALLINT_MAX || r < OURO_SMALLINT_MIN)
                break;
            acc = r;
        }
        total = ouro_int_from_i64(vm, acc);
        if (item && ouro_float_check(item)) {
            double base = (double)acc + ouro_float_value(item);
            ouro_decref(vm, item);
            item = NULL;
            ouro_decref(vm, total);
            total = sum_floats(vm, it, base, &item);
            if (!total) goto fail;
        }
    } else if (ouro_float_check(total)) {
        double base = ouro_float_value(total);
        ouro_decref(vm, total);
        total = sum_floats(vm, it, base, &item);
        if (!total) goto fail;
    }
    if (ouro_err_occurred(vm)) goto fail;
    /* Generic path: whatever is left, with the item already taken out first. */
    for (;;) {
        if (!item && !(item = ouro_iter_next(vm, it))) break;
        OuroObject *next = ouro_number_binary(vm, total, item, OURO_NB_ADD);
        ouro_decref(vm, item);
        item = NULL;
        if (!next) goto fail;
        ouro_setref(vm, &total, next);
    }
    if (ouro_err_occurred(vm)) goto fail;
    ouro_decref(vm, it);
    return total;
fail:
    ouro_xdecref(vm, item);
    ouro_xdecref(vm, total);
    ouro_decref(vm, it);
    return NULL;
}

/* any() and all(): stop at the first item whose truth is `stop_on`. */
static OuroObject *any_all(OuroVM *vm, const char *name, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames, int stop_on) {
    if (ouro_args_check(vm, name, nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *it = ouro_object_getiter(vm, args[0]);
    if (!it) return NULL;
    OuroObject *item;
    while ((item = ouro_iter_next(vm, it))) {
        int truth = ouro_object_truthy(vm, item);
        ouro_decref(vm, item);
        if (truth < 0) break;
        if (truth == stop_on) {
            ouro_decref(vm, it);
            return ouro_newref(ouro_bool_from(stop_on));
        }
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? NULL : ouro_newref(ouro_bool_from(!stop_on));
}

static OuroObject *builtin_any(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return any_all(vm, "any", args, nargs, kwnames, 1);
}

static OuroObject *builtin_all(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return any_all(vm, "all", args, nargs, kwnames, 0);
}

static const OuroMethodDef iter_functions[] = {
    {"all", builtin_all, 0, "Return True if bool(x) is True for all values x in the iterable."},
    {"any", builtin_any, 0, "Return True if bool(x) is True for any x in the iterable."},
    {"iter", builtin_iter, 0, "Get an iterator from an object."},
    {"max", builtin_max, 0, "With a single iterable argument, return its biggest item."},
    {"min", builtin_min, 0, "With a single iterable argument, return its smallest item."},
    {"next", builtin_next, 0, "Return the next item from the iterator."},
    {"sorted", builtin_sorted, 0, "Return a new list containing all items from the iterable in ascending order."},
    {"sum", builtin_sum, 0, "Return the sum of a 'start' value (default: 0) plus an iterable of numbers"},
    {NULL, NULL, 0, NULL},
};

int ouro_builtins_add_iter_functions(OuroVM *vm, OuroObject *module) {
    return ouro_module_add_functions(vm, module, iter_functions);
}
