/* tests/unit/test_containers.c — the containers through their C API: dict internals (growth,
 * deletion with dummies, insertion order, popitem, copy, equality), list operations and
 * slicing, sort stability and errors, CPython-exact hashes of tuples and frozensets, set
 * order, range arithmetic. Every test ends by freeing the VM and checking nothing leaked. */
#include <criterion/criterion.h>

#include "vm/ouro.h"

#include <stdio.h>
#include <string.h>

static OuroVM *vm;

static void setup(void) {
    vm = ouro_vm_new();
    cr_assert_not_null(vm);
}

static void teardown(void) {
    cr_assert_null(vm->exc, "exception left set");
    size_t live = ouro_vm_free(vm);
    cr_assert_eq(live, 0, "%zu objects leaked", live);
}

TestSuite(containers, .init = setup, .fini = teardown);

static OuroObject *S(const char *s) {
    OuroObject *o = ouro_str_from_cstr(vm, s);
    cr_assert_not_null(o);
    return o;
}

static OuroObject *I(int64_t v) { return ouro_int_from_i64(vm, v); }

/* repr(o) compared to text; releases o. */
static void expect_repr(OuroObject *o, const char *text) {
    cr_assert_not_null(o);
    OuroObject *r = ouro_object_repr(vm, o);
    cr_assert_not_null(r);
    cr_expect_str_eq(ouro_str_cstr(r), text);
    ouro_decref(vm, r);
    ouro_decref(vm, o);
}

/* ---- dict ----------------------------------------------------------------------------------- */

Test(containers, dict_grow_delete_order) {
    OuroObject *d = ouro_dict_new(vm);
    char buf[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        OuroObject *k = S(buf), *v = I(i);
        cr_assert_eq(ouro_dict_set(vm, d, k, v), 0);
        ouro_decref(vm, k);
        ouro_decref(vm, v);
    }
    cr_assert_eq(ouro_dict_size(d), 1000);
    for (int i = 0; i < 1000; i += 2) {   /* delete the even keys */
        snprintf(buf, sizeof buf, "k%d", i);
        OuroObject *k = S(buf);
        cr_assert_eq(ouro_dict_del(vm, d, k), 0);
        ouro_decref(vm, k);
    }
    cr_assert_eq(ouro_dict_size(d), 500);
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "k%d", i);
        OuroObject *k = S(buf), *v = ouro_dict_get_str(d, k);
        if (i % 2) cr_assert(v && ouro_smallint_value(v) == i);
        else cr_assert_null(v);
        ouro_decref(vm, k);
    }
    /* order: the odd keys in insertion order, then a re-added even key at the end */
    OuroObject *k0 = S("k0"), *zero = I(0);
    ouro_dict_set(vm, d, k0, zero);
    size_t pos = 0, n = 0;
    OuroObject *key, *value;
    int expect = 1;
    while (ouro_dict_next(d, &pos, &key, &value)) {
        if (n < 500) {
            cr_assert_eq(ouro_smallint_value(value), expect);
            expect += 2;
        } else {
            cr_assert(ouro_str_equal(key, k0));
        }
        n++;
    }
    cr_assert_eq(n, 501);
    ouro_decref(vm, k0);
    ouro_decref(vm, d);
}

Test(containers, dict_int_keys_and_missing) {
    OuroObject *d = ouro_dict_new(vm);
    for (int i = -50; i < 50; i++) ouro_dict_set(vm, d, ouro_smallint(i), ouro_smallint(i * i));
    for (int i = -50; i < 50; i++) {
        OuroObject *v = ouro_dict_get(vm, d, ouro_smallint(i));
        cr_assert(v && ouro_smallint_value(v) == i * i);
    }
    cr_assert_null(ouro_dict_get(vm, d, ouro_smallint(1000)));
    cr_assert_null(vm->exc);
    cr_assert_eq(ouro_dict_del(vm, d, ouro_smallint(1000)), -1);
    cr_assert(ouro_err_matches(vm, &ouro_exc_KeyError));
    ouro_err_clear(vm);
    cr_assert_eq(ouro_dict_discard(vm, d, ouro_smallint(5)), 1);
    cr_assert_eq(ouro_dict_discard(vm, d, ouro_smallint(5)), 0);
    ouro_decref(vm, d);
}

Test(containers, dict_unhashable_key) {
    OuroObject *d = ouro_dict_new(vm), *l = ouro_list_new(vm, 0);
    cr_assert_eq(ouro_dict_set(vm, d, l, l), -1);
    cr_assert(ouro_err_matches(vm, &ouro_exc_TypeError));
    ouro_err_clear(vm);
    ouro_decref(vm, l);
    ouro_decref(vm, d);
}

Test(containers, dict_copy_equal_clear_repr) {
    OuroObject *d = ouro_dict_new(vm), *a = S("a"), *b = S("b");
    ouro_dict_set(vm, d, a, ouro_smallint(1));
    ouro_dict_set(vm, d, b, ouro_smallint(2));
    OuroObject *c = ouro_dict_copy(vm, d);
    cr_assert_eq(ouro_object_richcompare_bool(vm, c, d, OURO_EQ), 1);
    ouro_dict_set(vm, c, a, ouro_smallint(3));
    cr_assert_eq(ouro_object_richcompare_bool(vm, c, d, OURO_EQ), 0);
    expect_repr(ouro_newref(c), "{'a': 3, 'b': 2}");
    cr_assert_eq(ouro_dict_set(vm, d, d, ouro_none), -1);                  /* unhashable */
    ouro_err_clear(vm);
    ouro_dict_set(vm, c, b, c);                                             /* recursive */
    expect_repr(ouro_newref(c), "{'a': 3, 'b': {...}}");
    ouro_dict_clear(vm, c);
    cr_assert_eq(ouro_dict_size(c), 0);
    expect_repr(c, "{}");
    ouro_decref(vm, a);
    ouro_decref(vm, b);
    ouro_decref(vm, d);
}

Test(containers, dict_update_pairs_errors) {
    OuroObject *d = ouro_dict_new(vm);
    OuroObject *bad = ouro_list_new(vm, 0), *t3 = ouro_tuple_pack(vm, 3, ouro_smallint(1), ouro_smallint(2), ouro_smallint(3));
    ouro_list_append(vm, bad, t3);
    cr_assert_eq(ouro_dict_update(vm, d, bad), -1);
    OuroObject *exc = ouro_err_fetch(vm);
    expect_repr(exc, "ValueError('dictionary update sequence element #0 has length 3; 2 is required')");
    OuroObject *good = ouro_list_new(vm, 0), *t2 = ouro_tuple_pack(vm, 2, ouro_smallint(1), ouro_smallint(2));
    ouro_list_append(vm, good, t2);
    cr_assert_eq(ouro_dict_update(vm, d, good), 0);
    expect_repr(ouro_newref(d), "{1: 2}");
    ouro_decref(vm, t2);
    ouro_decref(vm, t3);
    ouro_decref(vm, good);
    ouro_decref(vm, bad);
    ouro_decref(vm, d);
}

/* ---- list --------------------------------------------------------------------------------- */

Test(containers, list_append_pop_insert_slice) {
    OuroObject *l = ouro_list_new(vm, 0);
    for (int i = 0; i < 10000; i++) cr_assert_eq(ouro_list_append(vm, l, ouro_smallint(i)), 0);
    cr_assert_eq(ouro_list_size(l), 10000);
    OuroObject *sl = ouro_slice_new(vm, ouro_smallint(10), NULL, NULL);
    OuroObject *none = ouro_list_new(vm, 0);
    cr_assert_eq(ouro_object_setitem(vm, l, sl, none), 0);   /* del l[10:] */
    expect_repr(ouro_newref(l), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
    OuroObject *step = ouro_slice_new(vm, NULL, NULL, ouro_smallint(2));
    cr_assert_eq(ouro_object_delitem(vm, l, step), 0);       /* del l[::2] */
    expect_repr(ouro_newref(l), "[1, 3, 5, 7, 9]");
    OuroObject *rev = ouro_slice_new(vm, NULL, NULL, ouro_smallint(-1));
    expect_repr(ouro_object_getitem(vm, l, rev), "[9, 7, 5, 3, 1]");
    cr_assert_eq(ouro_object_setitem(vm, l, step, none), -1);  /* size 0 to extended slice of 3 */
    OuroObject *exc = ouro_err_fetch(vm);
    expect_repr(exc, "ValueError('attempt to assign sequence of size 0 to extended slice of size 3')");
    cr_assert_null(ouro_object_getitem(vm, l, ouro_smallint(5)));
    exc = ouro_err_fetch(vm);
    expect_repr(exc, "IndexError('list index out of range')");
    expect_repr(ouro_object_getitem(vm, l, ouro_smallint(-1)), "9");
    ouro_decref(vm, rev);
    ouro_decref(vm, step);
    ouro_decref(vm, sl);
    ouro_decref(vm, none);
    ouro_list_append(vm, l, l);
    expect_repr(ouro_newref(l), "[1, 3, 5, 7, 9, [...]]");
    ouro_gc_hooks(l)->clear(ouro_heap(vm), l);   /* break the self-cycle */
    expect_repr(l, "[]");
}

/* key=lambda t: t[0] */
static OuroObject *first_item(OuroVM *v, OuroObject *self, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    return ouro_newref(ouro_tuple_get(args[0], 0));
}
static const OuroMethodDef first_def = {"first", first_item, 0, NULL};

Test(containers, sort_stable_with_key_and_reverse) {
    OuroObject *l = ouro_list_new(vm, 0);
    for (int i = 0; i < 500; i++) {
        OuroObject *t = ouro_tuple_pack(vm, 2, ouro_smallint((i * 7919) % 10), ouro_smallint(i));
        ouro_list_append_steal(vm, l, t);
    }
    OuroObject *key = ouro_cfunction_new(vm, &first_def, NULL, NULL);
    cr_assert_eq(ouro_list_sort(vm, l, key, false), 0);
    for (size_t i = 1; i < ouro_list_size(l); i++) {
        OuroObject *a = ouro_list_get(l, i - 1), *b = ouro_list_get(l, i);
        intptr_t ka = ouro_smallint_value(ouro_tuple_get(a, 0)), kb = ouro_smallint_value(ouro_tuple_get(b, 0));
        cr_assert(ka < kb || (ka == kb && ouro_smallint_value(ouro_tuple_get(a, 1)) < ouro_smallint_value(ouro_tuple_get(b, 1))));
    }
    cr_assert_eq(ouro_list_sort(vm, l, key, true), 0);
    for (size_t i = 1; i < ouro_list_size(l); i++) {
        OuroObject *a = ouro_list_get(l, i - 1), *b = ouro_list_get(l, i);
        intptr_t ka = ouro_smallint_value(ouro_tuple_get(a, 0)), kb = ouro_smallint_value(ouro_tuple_get(b, 0));
        /* reverse keeps equal keys in their original (ascending index) order */
        cr_assert(ka > kb || (ka == kb && ouro_smallint_value(ouro_tuple_get(a, 1)) < ouro_smallint_value(ouro_tuple_get(b, 1))));
    }
    ouro_decref(vm, key);
    ouro_decref(vm, l);
}

Test(containers, sort_errors) {
    OuroObject *l = ouro_list_new(vm, 0), *s = S("a");
    ouro_list_append(vm, l, ouro_smallint(1));
    ouro_list_append(vm, l, s);
    cr_assert_eq(ouro_list_sort(vm, l, NULL, false), -1);
    OuroObject *exc = ouro_err_fetch(vm);
    expect_repr(exc, "TypeError(\"'<' not supported between instances of 'str' and 'int'\")");
    cr_assert_eq(ouro_list_size(l), 2);   /* still a permutation */
    ouro_decref(vm, s);
    ouro_decref(vm, l);
}

Test(containers, sort_fast_paths) {
    OuroObject *l = ouro_list_new(vm, 0);
    for (int i = 0; i < 2000; i++) ouro_list_append(vm, l, ouro_smallint((i * 7919) % 2003 - 1000));
    cr_assert_eq(ouro_list_sort(vm, l, NULL, false), 0);
    for (size_t i = 1; i < ouro_list_size(l); i++)
        cr_assert(ouro_smallint_value(ouro_list_get(l, i - 1)) <= ouro_smallint_value(ouro_list_get(l, i)));
    ouro_decref(vm, l);
    l = ouro_list_new(vm, 0);
    const char *words[] = {"pear", "apple", "\xc3\xa9t\xc3\xa9", "zoo", "app", "b"};
    for (int i = 0; i < 6; i++) ouro_list_append_steal(vm, l, S(words[i]));
    ouro_list_sort(vm, l, NULL, false);
    expect_repr(l, "['app', 'apple', 'b', 'pear', 'zoo', '\xc3\xa9t\xc3\xa9']");
}

/* ---- tuple, set, frozenset: CPython's exact hashes and order ----------------------------- */

Test(containers, tuple_hash_matches_cpython) {
    OuroObject *t = ouro_tuple_pack(vm, 2, ouro_smallint(1), ouro_smallint(2));
    cr_expect_eq(ouro_object_hash(vm, t), (intptr_t)-3550055125485641917LL);
    ouro_decref(vm, t);
    cr_expect_eq(ouro_object_hash(vm, vm->empty_tuple), (intptr_t)5740354900026072187LL);
    OuroObject *inner = ouro_tuple_pack(vm, 2, ouro_smallint(2), ouro_smallint(3));
    t = ouro_tuple_pack(vm, 2, ouro_smallint(1), inner);
    cr_expect_eq(ouro_object_hash(vm, t), (intptr_t)7267574591690527098LL);
    expect_repr(t, "(1, (2, 3))");
    ouro_decref(vm, inner);
    expect_repr(ouro_tuple_pack(vm, 1, ouro_smallint(1)), "(1,)");
}

Test(containers, set_order_and_frozenset_hash) {
    int64_t vals[] = {5, 3, 1, 100, -1, 8, 16, 7, (int64_t)1 << 40};
    OuroObject *s = ouro_set_new(vm, NULL);
    for (int i = 0; i < 9; i++) {
        OuroObject *v = I(vals[i]);
        ouro_set_add(vm, s, v);
        ouro_decref(vm, v);
    }
    expect_repr(s, "{1099511627776, 1, 3, 100, 5, 7, 8, 16, -1}");
    OuroObject *f = ouro_frozenset_new(vm, NULL);
    cr_expect_eq(ouro_object_hash(vm, f), (intptr_t)133146708735736LL);
    expect_repr(f, "frozenset()");
    OuroObject *l = ouro_list_new(vm, 0);
    for (int i = 1; i <= 3; i++) ouro_list_append(vm, l, ouro_smallint(i));
    f = ouro_frozenset_new(vm, l);
    cr_expect_eq(ouro_object_hash(vm, f), (intptr_t)-272375401224217160LL);
    ouro_decref(vm, f);
    s = ouro_set_new(vm, l);
    cr_assert_eq(ouro_set_discard(vm, s, ouro_smallint(2)), 1);
    cr_assert_eq(ouro_set_contains(vm, s, ouro_smallint(2)), 0);
    cr_assert_eq(ouro_set_size(s), 2);
    expect_repr(s, "{1, 3}");
    ouro_decref(vm, l);
    expect_repr(ouro_set_new(vm, NULL), "set()");
}

/* ---- range and slice --------------------------------------------------------------------- */

Test(containers, range_basics) {
    OuroObject *r = ouro_range_new(vm, ouro_smallint(0), ouro_smallint(10), ouro_smallint(3));
    cr_assert_eq(ouro_object_length(vm, r), 4);
    cr_assert_eq(ouro_object_contains(vm, r, ouro_smallint(9)), 1);
    cr_assert_eq(ouro_object_contains(vm, r, ouro_smallint(8)), 0);
    expect_repr(ouro_object_getitem(vm, r, ouro_smallint(-1)), "9");
    OuroObject *sl = ouro_slice_new(vm, NULL, NULL, ouro_smallint(-1));
    expect_repr(ouro_object_getitem(vm, r, sl), "range(9, -3, -3)");
    ouro_decref(vm, sl);
    expect_repr(ouro_list_from_iterable(vm, r), "[0, 3, 6, 9]");
    expect_repr(r, "range(0, 10, 3)");
    cr_assert_null(ouro_range_new(vm, ouro_smallint(0), ouro_smallint(1), ouro_smallint(0)));
    expect_repr(ouro_err_fetch(vm), "ValueError('range() arg 3 must not be zero')");
}

Test(containers, slice_indices) {
    OuroObject *s = ouro_slice_new(vm, ouro_smallint(-100), ouro_none, ouro_smallint(-2));
    intptr_t start, stop, step, len;
    cr_assert_eq(ouro_slice_indices(vm, s, 10, &start, &stop, &step, &len), 0);
    cr_expect(start == -1 && stop == -1 && step == -2 && len == 0);
    ouro_decref(vm, s);
    s = ouro_slice_new(vm, ouro_none, ouro_none, ouro_smallint(-2));
    cr_assert_eq(ouro_slice_indices(vm, s, 10, &start, &stop, &step, &len), 0);
    cr_expect(start == 9 && stop == -1 && step == -2 && len == 5);
    expect_repr(s, "slice(None, None, -2)");
}
