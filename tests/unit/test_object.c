/* tests/unit/test_object.c — the object core through its C API, no compiler needed: classes
 * built with ouro_type_new_class from C-function methods, C3 MRO, dunder dispatch and slot
 * updates, slot wrappers and method descriptors, property/staticmethod/classmethod, super,
 * PEP 442 finalization, attribute errors and CPython 3.11's messages. Every test ends by
 * freeing the VM and checking that nothing leaked. */
#include <criterion/criterion.h>

#include "vm/ouro.h"

#include <stdarg.h>
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

TestSuite(object, .init = setup, .fini = teardown);

/* ---- helpers ----------------------------------------------------------------------------------- */

static OuroObject *S(const char *s) {
    OuroObject *o = ouro_str_intern_cstr(vm, s);
    cr_assert_not_null(o);
    return o;
}

/* Asserts the raised exception has the given type and str(), then clears it. */
static void expect_error(OuroType *type, const char *msg) {
    cr_assert_not_null(vm->exc, "expected %s: %s", type->name, msg);
    cr_expect_eq(ouro_type_of(vm->exc), type, "raised %s, expected %s", ouro_type_of(vm->exc)->name,
                 type->name);
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *s = ouro_object_str(vm, exc);
    cr_assert_not_null(s);
    cr_expect_str_eq(ouro_str_cstr(s), msg);
    ouro_decref(vm, s);
    ouro_decref(vm, exc);
}

static void expect_repr(OuroObject *o, const char *text) {
    cr_assert_not_null(o, "NULL where %s was expected", text);
    OuroObject *r = ouro_object_repr(vm, o);
    cr_assert_not_null(r);
    cr_expect_str_eq(ouro_str_cstr(r), text);
    ouro_decref(vm, r);
}

static bool repr_starts_with(OuroObject *o, const char *prefix) {
    OuroObject *r = ouro_object_repr(vm, o);
    cr_assert_not_null(r);
    bool ok = strncmp(ouro_str_cstr(r), prefix, strlen(prefix)) == 0;
    ouro_decref(vm, r);
    return ok;
}

static OuroObject *getattr(OuroObject *o, const char *name) {
    return ouro_object_getattr_cstr(vm, o, name);
}

static int delattr(OuroObject *o, const char *name) {
    OuroObject *n = S(name);
    int r = ouro_object_delattr(vm, o, n);
    ouro_decref(vm, n);
    return r;
}

static int setattr(OuroObject *o, const char *name, OuroObject *value) {
    OuroObject *n = S(name);
    int r = ouro_object_setattr(vm, o, n, value);
    ouro_decref(vm, n);
    return r;
}

/* make_class("A", bases or NULL, "key", value (stolen), ..., NULL): a class of module __main__. */
static OuroObject *make_class(const char *name, OuroObject *bases, ...) {
    OuroObject *ns = ouro_dict_new(vm);
    OuroObject *main_name = S("__main__"), *qual = S(name);
    ouro_dict_set_cstr(vm, ns, "__module__", main_name);
    ouro_dict_set_cstr(vm, ns, "__qualname__", qual);
    ouro_decref(vm, main_name);
    ouro_decref(vm, qual);
    va_list ap;
    va_start(ap, bases);
    const char *key;
    while ((key = va_arg(ap, const char *))) {
        OuroObject *v = va_arg(ap, OuroObject *);
        cr_assert_not_null(v);
        ouro_dict_set_cstr(vm, ns, key, v);
        ouro_decref(vm, v);
    }
    va_end(ap);
    OuroObject *n = S(name);
    OuroObject *b = bases ? ouro_newref(bases) : ouro_newref(vm->empty_tuple);
    OuroObject *cls = ouro_type_new_class(vm, n, b, ns);
    ouro_decref(vm, n);
    ouro_decref(vm, b);
    ouro_decref(vm, ns);
    return cls;
}

/* A C function usable as a method in a class dict (called with self first). */
static OuroObject *M(const OuroMethodDef *def) {
    return ouro_method_descriptor_new(vm, def, &ouro_object_type);
}

static OuroObject *call(OuroObject *f, size_t n, ...) {
    OuroObject *args[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) args[i] = va_arg(ap, OuroObject *);
    va_end(ap);
    return ouro_object_call(vm, f, args, n, NULL);
}

static size_t live(void) { return ouro_heap(vm)->live_objects; }

/* ---- C methods ------------------------------------------------------------------------------------ */

static OuroObject *m_repr(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_str_from_cstr(v, "R!");
}
static OuroObject *m_three(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_smallint(3);
}
static OuroObject *m_true(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_newref(ouro_true);
}
static OuroObject *m_added(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_str_from_cstr(v, "added");
}
static OuroObject *m_radded(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_str_from_cstr(v, "radded");
}
static OuroObject *m_first_arg(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_newref(n ? a[0] : ouro_none);
}
static OuroObject *m_a(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_str_from_cstr(v, "A.m");
}
static OuroObject *m_b(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_str_from_cstr(v, "B.m");
}
static OuroObject *m_return_int(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    return ouro_smallint(1);
}

static const OuroMethodDef repr_def = {"__repr__", m_repr, 0, NULL};
static const OuroMethodDef len_def = {"__len__", m_three, 0, NULL};
static const OuroMethodDef eq_def = {"__eq__", m_true, 0, NULL};
static const OuroMethodDef add_def = {"__add__", m_added, 0, NULL};
static const OuroMethodDef radd_def = {"__radd__", m_radded, 0, NULL};
static const OuroMethodDef first_def = {"first", m_first_arg, 0, NULL};
static const OuroMethodDef a_def = {"m", m_a, 0, NULL};
static const OuroMethodDef b_def = {"m", m_b, 0, NULL};
static const OuroMethodDef init_int_def = {"__init__", m_return_int, 0, NULL};
static const OuroMethodDef bool_int_def = {"__bool__", m_return_int, 0, NULL};

/* ---- types ---------------------------------------------------------------------------------------- */

Test(object, builtin_types) {
    expect_repr((OuroObject *)&ouro_int_type, "<class 'int'>");
    expect_repr((OuroObject *)&ouro_type_type, "<class 'type'>");
    cr_expect_eq(ouro_type_of((OuroObject *)&ouro_type_type), &ouro_type_type);
    OuroObject *mro = getattr((OuroObject *)&ouro_bool_type, "__mro__");
    expect_repr(mro, "(<class 'bool'>, <class 'int'>, <class 'object'>)");
    ouro_decref(vm, mro);
    OuroObject *t = call((OuroObject *)&ouro_type_type, 1, ouro_smallint(5));
    cr_expect_eq(t, (OuroObject *)&ouro_int_type);
    ouro_decref(vm, t);
    cr_expect(ouro_type_is_subtype(&ouro_bool_type, &ouro_int_type));
    cr_expect(ouro_object_isinstance(vm, ouro_true, (OuroObject *)&ouro_int_type) == 1);
    OuroObject *x = getattr((OuroObject *)&ouro_int_type, "x");
    cr_expect_null(x);
    expect_error(&ouro_exc_AttributeError, "type object 'int' has no attribute 'x'");
    cr_expect_eq(setattr((OuroObject *)&ouro_int_type, "x", ouro_none), -1);
    expect_error(&ouro_exc_TypeError, "cannot set 'x' attribute of immutable type 'int'");
    cr_expect_eq(setattr(ouro_smallint(1), "x", ouro_none), -1);
    expect_error(&ouro_exc_AttributeError, "'int' object has no attribute 'x'");
    OuroObject *name = getattr((OuroObject *)&ouro_int_type, "__name__");
    expect_repr(name, "'int'");
    ouro_decref(vm, name);
    OuroObject *mod = getattr((OuroObject *)&ouro_int_type, "__module__");
    expect_repr(mod, "'builtins'");
    ouro_decref(vm, mod);
    OuroObject *hash = ouro_dict_get_cstr(vm, ouro_list_type.dict, "__hash__");
    cr_expect_eq(hash, ouro_none, "list.__hash__ should be None");
}

Test(object, class_and_instance) {
    OuroObject *A = make_class("A", NULL, NULL);
    cr_assert_not_null(A);
    expect_repr(A, "<class '__main__.A'>");
    OuroObject *keys = ouro_dict_keys_list(vm, ((OuroType *)A)->dict);
    expect_repr(keys, "['__module__', '__dict__', '__weakref__', '__doc__']");
    ouro_decref(vm, keys);
    OuroObject *a = call(A, 0);
    cr_assert_not_null(a);
    cr_expect(repr_starts_with(a, "<__main__.A object at 0x"));
    OuroObject *s = ouro_object_str(vm, a);
    cr_expect(strncmp(ouro_str_cstr(s), "<__main__.A object at 0x", 24) == 0);
    ouro_decref(vm, s);
    /* The instance dict is a real object, created on the first store. */
    cr_expect_null(*ouro_object_dict_slot(a));
    size_t before = live();
    cr_expect_eq(setattr(a, "x", ouro_smallint(7)), 0);
    cr_expect_eq(live(), before + 1);
    OuroObject *x = getattr(a, "x");
    cr_expect_eq(x, ouro_smallint(7));
    cr_expect_null(getattr(a, "y"));
    expect_error(&ouro_exc_AttributeError, "'A' object has no attribute 'y'");
    OuroObject *d = getattr(a, "__dict__");
    expect_repr(d, "{'x': 7}");
    ouro_decref(vm, d);
    OuroObject *cls = getattr(a, "__class__");
    cr_expect_eq(cls, A);
    ouro_decref(vm, cls);
    cr_expect_eq(delattr(a, "x"), 0);
    cr_expect_eq(delattr(a, "x"), -1);
    expect_error(&ouro_exc_AttributeError, "'A' object has no attribute 'x'");
    /* object() itself has no dict. */
    OuroObject *o = call((OuroObject *)&ouro_object_type, 0);
    cr_expect_eq(setattr(o, "x", ouro_none), -1);
    expect_error(&ouro_exc_AttributeError, "'object' object has no attribute 'x'");
    ouro_decref(vm, o);
    ouro_decref(vm, a);
    ouro_decref(vm, A);
}

Test(object, two_instances_in_a_cycle_are_four_objects) {
    OuroObject *A = make_class("Node", NULL, NULL);
    OuroObject *name = S("other");   /* interned before counting */
    size_t before = live();
    OuroObject *a = call(A, 0), *b = call(A, 0);
    setattr(a, "other", b);
    setattr(b, "other", a);
    cr_expect_eq(live(), before + 4);
    /* Break the cycle by hand (the collector is another issue). */
    cr_expect_eq(delattr(a, "other"), 0);
    ouro_decref(vm, a);
    ouro_decref(vm, b);
    cr_expect_eq(live(), before);
    ouro_decref(vm, name);
    ouro_decref(vm, A);
}

Test(object, c3_mro) {
    OuroObject *O = make_class("O", NULL, NULL);
    OuroObject *bo = ouro_tuple_pack(vm, 1, O);
    OuroObject *X = make_class("X", bo, NULL), *Y = make_class("Y", bo, NULL);
    OuroObject *xy = ouro_tuple_pack(vm, 2, X, Y), *yx = ouro_tuple_pack(vm, 2, Y, X);
    OuroObject *Z = make_class("Z", xy, NULL);
    OuroObject *mro = getattr(Z, "__mro__");
    expect_repr(mro, "(<class '__main__.Z'>, <class '__main__.X'>, <class '__main__.Y'>, "
                     "<class '__main__.O'>, <class 'object'>)");
    ouro_decref(vm, mro);
    OuroObject *P = make_class("P", xy, NULL), *Q = make_class("Q", yx, NULL);
    OuroObject *pq = ouro_tuple_pack(vm, 2, P, Q);
    cr_expect_null(make_class("R", pq, NULL));
    expect_error(&ouro_exc_TypeError,
                 "Cannot create a consistent method resolution\norder (MRO) for bases X, Y");
    OuroObject *oo = ouro_tuple_pack(vm, 2, O, O);
    cr_expect_null(make_class("D", oo, NULL));
    expect_error(&ouro_exc_TypeError, "duplicate base class O");
    OuroObject *objs[] = {bo, X, Y, xy, yx, Z, P, Q, pq, oo, O};
    for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) ouro_decref(vm, objs[i]);
}

Test(object, bad_bases) {
    OuroObject *b = ouro_tuple_pack(vm, 1, (OuroObject *)&ouro_bool_type);
    cr_expect_null(make_class("X", b, NULL));
    expect_error(&ouro_exc_TypeError, "type 'bool' is not an acceptable base type");
    ouro_decref(vm, b);
    b = ouro_tuple_pack(vm, 2, (OuroObject *)&ouro_int_type, (OuroObject *)&ouro_str_type);
    cr_expect_null(make_class("X", b, NULL));
    expect_error(&ouro_exc_TypeError, "multiple bases have instance lay-out conflict");
    ouro_decref(vm, b);
    b = ouro_tuple_pack(vm, 1, ouro_smallint(1));
    cr_expect_null(make_class("X", b, NULL));
    expect_error(&ouro_exc_TypeError, "metaclass conflict: the metaclass of a derived class must be a "
                                      "(non-strict) subclass of the metaclasses of all its bases");
    ouro_decref(vm, b);
}

/* ---- dunder dispatch ------------------------------------------------------------------------------ */

Test(object, dunders) {
    OuroObject *A = make_class("A", NULL, "__repr__", M(&repr_def), "__len__", M(&len_def),
                               "__eq__", M(&eq_def), "__add__", M(&add_def), NULL);
    cr_assert_not_null(A);
    OuroObject *a = call(A, 0);
    expect_repr(a, "R!");
    cr_expect_eq(ouro_object_length(vm, a), 3);
    cr_expect_eq(ouro_object_truthy(vm, a), 1);
    cr_expect_eq(ouro_object_hash(vm, a), -1);
    expect_error(&ouro_exc_TypeError, "unhashable type: 'A'");
    cr_expect_eq(ouro_object_richcompare_bool(vm, a, ouro_smallint(1), OURO_EQ), 1);
    cr_expect_eq(ouro_object_richcompare_bool(vm, a, ouro_smallint(1), OURO_NE), 0);
    OuroObject *r = ouro_number_binary(vm, a, ouro_smallint(1), OURO_NB_ADD);
    expect_repr(r, "'added'");
    ouro_decref(vm, r);
    cr_expect_null(ouro_number_binary(vm, ouro_smallint(1), a, OURO_NB_ADD));
    expect_error(&ouro_exc_TypeError, "unsupported operand type(s) for +: 'int' and 'A'");
    /* Assigning a dunder to the class updates its slots. */
    OuroObject *radd = M(&radd_def);
    cr_expect_eq(setattr(A, "__radd__", radd), 0);
    ouro_decref(vm, radd);
    r = ouro_number_binary(vm, ouro_smallint(1), a, OURO_NB_ADD);
    expect_repr(r, "'radded'");
    ouro_decref(vm, r);
    r = ouro_number_inplace(vm, a, ouro_smallint(1), OURO_NB_ADD);
    expect_repr(r, "'added'");
    ouro_decref(vm, r);
    cr_expect_null(ouro_number_binary(vm, a, a, OURO_NB_POWER));
    expect_error(&ouro_exc_TypeError, "unsupported operand type(s) for ** or pow(): 'A' and 'A'");
    ouro_decref(vm, a);
    ouro_decref(vm, A);
}

Test(object, dunder_result_checks) {
    OuroObject *A = make_class("A", NULL, "__init__", M(&init_int_def), NULL);
    cr_expect_null(call(A, 0));
    expect_error(&ouro_exc_TypeError, "__init__() should return None, not 'int'");
    OuroObject *B = make_class("B", NULL, "__bool__", M(&bool_int_def), NULL);
    OuroObject *b = call(B, 0);
    cr_expect_eq(ouro_object_truthy(vm, b), -1);
    expect_error(&ouro_exc_TypeError, "__bool__ should return bool, returned int");
    ouro_decref(vm, b);
    ouro_decref(vm, B);
    ouro_decref(vm, A);
}

Test(object, comparisons_and_construction_errors) {
    OuroObject *A = make_class("A", NULL, NULL), *B = make_class("B", NULL, NULL);
    OuroObject *a = call(A, 0), *b = call(B, 0);
    cr_expect_null(ouro_object_richcompare(vm, a, b, OURO_LT));
    expect_error(&ouro_exc_TypeError, "'<' not supported between instances of 'A' and 'B'");
    cr_expect_eq(ouro_object_richcompare_bool(vm, a, b, OURO_EQ), 0);
    cr_expect_eq(ouro_object_richcompare_bool(vm, a, a, OURO_EQ), 1);
    cr_expect_null(call(A, 1, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "A() takes no arguments");
    OuroObject *init = getattr((OuroObject *)&ouro_object_type, "__init__");
    cr_expect_null(call(init, 2, a, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "A.__init__() takes exactly one argument (the instance to initialize)");
    cr_expect_null(call(init, 0));
    expect_error(&ouro_exc_TypeError, "descriptor '__init__' of 'object' object needs an argument");
    ouro_decref(vm, init);
    OuroObject *new_ = getattr((OuroObject *)&ouro_object_type, "__new__");
    cr_expect(repr_starts_with(new_, "<built-in method __new__ of type object at 0x"));
    cr_expect_null(call(new_, 1, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "object.__new__(X): X is not a type object (int)");
    cr_expect_null(call(new_, 1, (OuroObject *)&ouro_dict_type));
    expect_error(&ouro_exc_TypeError, "object.__new__(dict) is not safe, use dict.__new__()");
    OuroObject *a2 = call(new_, 1, A);
    cr_expect(a2 && ouro_type_of(a2) == (OuroType *)A);
    ouro_xdecref(vm, a2);
    ouro_decref(vm, new_);
    ouro_decref(vm, a);
    ouro_decref(vm, b);
    ouro_decref(vm, A);
    ouro_decref(vm, B);
}

/* ---- descriptors ------------------------------------------------------------------------------------ */

Test(object, slot_wrappers_and_method_descriptors) {
    OuroObject *add = getattr((OuroObject *)&ouro_int_type, "__add__");
    expect_repr(add, "<slot wrapper '__add__' of 'int' objects>");
    OuroObject *r = call(add, 2, ouro_smallint(1), ouro_smallint(2));
    cr_expect_eq(r, ouro_smallint(3));
    cr_expect_null(call(add, 2, S("a"), ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "descriptor '__add__' requires a 'int' object but received a 'str'");
    ouro_decref(vm, add);
    OuroObject *bound = getattr(ouro_smallint(1), "__add__");
    cr_expect(repr_starts_with(bound, "<method-wrapper '__add__' of int object at 0x"));
    r = call(bound, 1, ouro_smallint(41));
    cr_expect_eq(r, ouro_smallint(42));
    ouro_decref(vm, bound);

    OuroObject *append = getattr((OuroObject *)&ouro_list_type, "append");
    expect_repr(append, "<method 'append' of 'list' objects>");
    cr_expect_null(call(append, 2, ouro_smallint(1), ouro_smallint(2)));
    expect_error(&ouro_exc_TypeError, "descriptor 'append' for 'list' objects doesn't apply to a 'int' object");
    cr_expect_null(call(append, 0));
    expect_error(&ouro_exc_TypeError, "unbound method list.append() needs an argument");
    OuroObject *list = ouro_list_new(vm, 0);
    OuroObject *meth = getattr(list, "append");
    cr_expect(repr_starts_with(meth, "<built-in method append of list object at 0x"));
    r = call(meth, 1, ouro_smallint(5));
    cr_expect_eq(r, ouro_none);
    expect_repr(list, "[5]");
    ouro_decref(vm, meth);
    ouro_decref(vm, append);
    ouro_decref(vm, list);
}

Test(object, property_staticmethod_classmethod) {
    OuroObject *getter = ouro_cfunction_new(vm, &first_def, NULL, NULL);
    OuroObject *prop = call((OuroObject *)&ouro_property_type, 1, getter);
    OuroObject *sm = call((OuroObject *)&ouro_staticmethod_type, 1, getter);
    OuroObject *cm = call((OuroObject *)&ouro_classmethod_type, 1, getter);
    OuroObject *C = make_class("C", NULL, "x", prop, "s", sm, "c", cm, NULL);
    ouro_decref(vm, getter);
    cr_assert_not_null(C);
    OuroObject *c = call(C, 0);
    OuroObject *x = getattr(c, "x");
    cr_expect_eq(x, c, "the getter receives the instance");
    ouro_decref(vm, x);
    cr_expect_eq(setattr(c, "x", ouro_none), -1);
    expect_error(&ouro_exc_AttributeError, "property 'x' of 'C' object has no setter");
    cr_expect_eq(delattr(c, "x"), -1);
    expect_error(&ouro_exc_AttributeError, "property 'x' of 'C' object has no deleter");
    OuroObject *s = getattr(C, "s");
    OuroObject *r = call(s, 1, ouro_smallint(9));
    cr_expect_eq(r, ouro_smallint(9));
    ouro_decref(vm, s);
    OuroObject *cmeth = getattr(c, "c");
    r = call(cmeth, 0);
    cr_expect_eq(r, C, "a classmethod receives the class");
    ouro_decref(vm, r);
    ouro_decref(vm, cmeth);
    ouro_decref(vm, c);
    ouro_decref(vm, C);
}

Test(object, super_two_arguments) {
    OuroObject *A = make_class("A", NULL, "m", M(&a_def), NULL);
    OuroObject *ba = ouro_tuple_pack(vm, 1, A);
    OuroObject *B = make_class("B", ba, "m", M(&b_def), NULL);
    OuroObject *b = call(B, 0);
    OuroObject *m = getattr(b, "m");
    OuroObject *r = call(m, 0);
    expect_repr(r, "'B.m'");
    ouro_decref(vm, r);
    ouro_decref(vm, m);
    OuroObject *su = call((OuroObject *)&ouro_super_type, 2, B, b);
    expect_repr(su, "<super: <class 'B'>, <B object>>");
    m = getattr(su, "m");
    r = call(m, 0);
    expect_repr(r, "'A.m'");
    ouro_decref(vm, r);
    ouro_decref(vm, m);
    ouro_decref(vm, su);
    cr_expect_null(call((OuroObject *)&ouro_super_type, 2, B, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    ouro_decref(vm, b);
    ouro_decref(vm, B);
    ouro_decref(vm, ba);
    ouro_decref(vm, A);
}

/* ---- finalization ----------------------------------------------------------------------------------- */

static int del_calls;
static OuroObject *resurrect_into;

static OuroObject *m_del(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    del_calls++;
    if (resurrect_into && ouro_list_append(v, resurrect_into, self) < 0) return NULL;
    return ouro_newref(ouro_none);
}
static OuroObject *m_del_raises(OuroVM *v, OuroObject *self, OuroObject *const *a, size_t n, OuroObject *k) {
    del_calls++;
    return ouro_err_format(v, &ouro_exc_ValueError, "boom");
}
static const OuroMethodDef del_def = {"__del__", m_del, 0, NULL};
static const OuroMethodDef del_raises_def = {"__del__", m_del_raises, 0, NULL};

Test(object, del_runs_once_and_may_resurrect) {
    del_calls = 0;
    OuroObject *A = make_class("A", NULL, "__del__", M(&del_def), NULL);
    OuroObject *a = call(A, 0);
    ouro_decref(vm, a);
    cr_expect_eq(del_calls, 1, "__del__ runs when the count reaches zero");
    resurrect_into = ouro_list_new(vm, 0);
    a = call(A, 0);
    size_t before = live();
    ouro_decref(vm, a);
    cr_expect_eq(del_calls, 2);
    cr_expect_eq(ouro_list_size(resurrect_into), 1, "resurrected");
    cr_expect_eq(live(), before);
    OuroObject *list = resurrect_into;
    resurrect_into = NULL;
    ouro_decref(vm, list);   /* the object dies again, without a second __del__ */
    cr_expect_eq(del_calls, 2);
    ouro_decref(vm, A);
}

Test(object, del_errors_are_unraisable_and_keep_the_pending_exception) {
    del_calls = 0;
    OuroObject *A = make_class("A", NULL, "__del__", M(&del_raises_def), NULL);
    OuroObject *a = call(A, 0);
    ouro_err_set_str(vm, &ouro_exc_KeyError, "pending");
    ouro_decref(vm, a);
    cr_expect_eq(del_calls, 1);
    expect_error(&ouro_exc_KeyError, "'pending'");
    ouro_decref(vm, A);
}

/* ---- the rest of the protocol ---------------------------------------------------------------------- */

Test(object, protocol_messages) {
    OuroObject *s = S("a");
    cr_expect_null(ouro_object_call(vm, ouro_smallint(1), NULL, 0, NULL));
    expect_error(&ouro_exc_TypeError, "'int' object is not callable");
    cr_expect_null(ouro_object_getiter(vm, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "'int' object is not iterable");
    cr_expect_null(ouro_iter_next(vm, ouro_smallint(1)));
    expect_error(&ouro_exc_TypeError, "'int' object is not an iterator");
    cr_expect_null(ouro_object_getitem(vm, ouro_smallint(1), ouro_smallint(0)));
    expect_error(&ouro_exc_TypeError, "'int' object is not subscriptable");
    cr_expect_null(ouro_object_getitem(vm, (OuroObject *)&ouro_int_type, ouro_smallint(0)));
    expect_error(&ouro_exc_TypeError, "type 'int' is not subscriptable");
    cr_expect_eq(ouro_object_setitem(vm, s, ouro_smallint(0), s), -1);
    expect_error(&ouro_exc_TypeError, "'str' object does not support item assignment");
    cr_expect_eq(ouro_object_delitem(vm, s, ouro_smallint(0)), -1);
    expect_error(&ouro_exc_TypeError, "'str' object doesn't support item deletion");
    cr_expect_eq(ouro_object_length(vm, ouro_smallint(1)), -1);
    expect_error(&ouro_exc_TypeError, "object of type 'int' has no len()");
    cr_expect_eq(ouro_object_contains(vm, ouro_smallint(1), ouro_smallint(1)), -1);
    expect_error(&ouro_exc_TypeError, "argument of type 'int' is not iterable");
    cr_expect_eq(ouro_object_isinstance(vm, ouro_smallint(1), ouro_smallint(1)), -1);
    expect_error(&ouro_exc_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    cr_expect_eq(ouro_object_issubclass(vm, ouro_smallint(1), (OuroObject *)&ouro_int_type), -1);
    expect_error(&ouro_exc_TypeError, "issubclass() arg 1 must be a class");
    OuroObject *types = ouro_tuple_pack(vm, 2, (OuroObject *)&ouro_str_type, (OuroObject *)&ouro_int_type);
    cr_expect_eq(ouro_object_isinstance(vm, ouro_true, types), 1);
    ouro_decref(vm, types);
    OuroObject *list = ouro_list_new(vm, 0);
    cr_expect_eq(ouro_object_hash(vm, list), -1);
    expect_error(&ouro_exc_TypeError, "unhashable type: 'list'");
    ouro_decref(vm, list);
    cr_expect_null(ouro_number_negative(vm, s));
    expect_error(&ouro_exc_TypeError, "bad operand type for unary -: 'str'");
    cr_expect_null(ouro_number_absolute(vm, s));
    expect_error(&ouro_exc_TypeError, "bad operand type for abs(): 'str'");
    cr_expect_null(ouro_number_index(vm, s));
    expect_error(&ouro_exc_TypeError, "'str' object cannot be interpreted as an integer");
    cr_expect_null(ouro_number_inplace(vm, ouro_smallint(1), s, OURO_NB_ADD));
    expect_error(&ouro_exc_TypeError, "unsupported operand type(s) for +=: 'int' and 'str'");
    OuroObject *big = ouro_number_binary(vm, ouro_smallint(OURO_SMALLINT_MAX), ouro_smallint(1), OURO_NB_ADD);
    expect_repr(big, "4611686018427387904");
    ouro_decref(vm, big);
    OuroObject *q = ouro_number_binary(vm, ouro_smallint(-7), ouro_smallint(2), OURO_NB_FLOOR_DIVIDE);
    cr_expect_eq(q, ouro_smallint(-4));
    q = ouro_number_binary(vm, ouro_smallint(-7), ouro_smallint(2), OURO_NB_REMAINDER);
    cr_expect_eq(q, ouro_smallint(1));
    OuroObject *A = make_class("A", NULL, NULL);
    OuroObject *a = call(A, 0);
    OuroObject *spec = S("x");
    cr_expect_null(ouro_object_format(vm, a, spec));
    expect_error(&ouro_exc_TypeError, "unsupported format string passed to A.__format__");
    ouro_decref(vm, spec);
    OuroObject *dir = ouro_object_dir(vm, a);
    cr_assert_not_null(dir);
    cr_expect(ouro_list_size(dir) > 20);
    expect_repr(ouro_list_get(dir, 0), "'__class__'");
    ouro_decref(vm, dir);
    ouro_decref(vm, a);
    ouro_decref(vm, A);
    ouro_decref(vm, s);
}

/* ---- collector hooks ------------------------------------------------------------------------------ */

typedef struct VisitLog {
    OuroObject *seen[16];
    int n;
} VisitLog;

static int log_visit(OuroObject *child, void *arg) {
    VisitLog *log = arg;
    if (log->n < 16) log->seen[log->n] = child;
    log->n++;
    return 0;
}

static int times_visited(VisitLog *log, OuroObject *o) {
    int k = 0;
    for (int i = 0; i < log->n && i < 16; i++) k += log->seen[i] == o;
    return k;
}

/* Instances of classes (plain, or deriving from list, int or an exception) visit their dict
 * and their class exactly once each: a double visit would let the collector free live objects. */
static void check_traverse(OuroObject *base, OuroObject *const *args, size_t nargs) {
    OuroObject *bases = base ? ouro_tuple_pack(vm, 1, base) : NULL;
    OuroObject *C = make_class("C", bases, NULL);
    cr_assert_not_null(C);
    OuroObject *c = ouro_object_call(vm, C, args, nargs, NULL);
    cr_assert_not_null(c);
    cr_assert_eq(setattr(c, "attr", ouro_none), 0);
    OuroObject *dict = *ouro_object_dict_slot(c);
    cr_assert_not_null(dict);
    VisitLog log = {.n = 0};
    const OuroGCHooks *hooks = ouro_gc_hooks(c);
    cr_assert(hooks->gc_flags & OURO_GC_CONTAINER);
    hooks->traverse(c, log_visit, &log);
    cr_expect_eq(times_visited(&log, dict), 1, "dict visited %d times (base %s)",
                 times_visited(&log, dict), base ? ((OuroType *)base)->name : "object");
    cr_expect_eq(times_visited(&log, C), 1, "class visited %d times (base %s)", times_visited(&log, C),
                 base ? ((OuroType *)base)->name : "object");
    cr_expect_eq(*ouro_object_dict_slot(c), dict, "traverse must leave the dict in place");
    hooks->clear(ouro_heap(vm), c);
    cr_expect_null(*ouro_object_dict_slot(c), "clear drops the dict");
    ouro_decref(vm, c);
    ouro_decref(vm, C);
    ouro_xdecref(vm, bases);
}

Test(object, traverse_visits_each_reference_once) {
    check_traverse(NULL, NULL, 0);
    check_traverse((OuroObject *)&ouro_list_type, NULL, 0);
    check_traverse((OuroObject *)&ouro_dict_type, NULL, 0);
    OuroObject *five = ouro_smallint(5);
    check_traverse((OuroObject *)&ouro_int_type, &five, 1);
    check_traverse((OuroObject *)&ouro_exc_ValueError, NULL, 0);
}

Test(object, method_cache_sees_class_changes) {
    OuroObject *A = make_class("A", NULL, "m", M(&a_def), NULL);
    OuroObject *ba = ouro_tuple_pack(vm, 1, A);
    OuroObject *B = make_class("B", ba, NULL);
    OuroObject *name = S("m");
    OuroObject *found = ouro_type_lookup((OuroType *)B, name);
    cr_expect_not_null(found);
    OuroObject *m = M(&b_def);
    cr_assert_eq(setattr(A, "m", m), 0);
    cr_expect_eq(ouro_type_lookup((OuroType *)B, name), m, "stale method cache");
    cr_assert_eq(delattr(A, "m"), 0);
    cr_expect_null(ouro_type_lookup((OuroType *)B, name));
    ouro_decref(vm, m);
    ouro_decref(vm, name);
    ouro_decref(vm, B);
    ouro_decref(vm, ba);
    ouro_decref(vm, A);
}

/* Static types keep per-VM dicts: a second VM in the same process readies them again. */
Test(object, second_vm_in_one_process) {
    for (int round = 0; round < 2; round++) {
        OuroObject *A = make_class("A", NULL, "__repr__", M(&repr_def), NULL);
        OuroObject *a = call(A, 0);
        expect_repr(a, "R!");
        OuroObject *add = getattr((OuroObject *)&ouro_int_type, "__add__");
        expect_repr(add, "<slot wrapper '__add__' of 'int' objects>");
        ouro_decref(vm, add);
        ouro_decref(vm, a);
        ouro_decref(vm, A);
        if (round == 0) {
            size_t live = ouro_vm_free(vm);
            cr_assert_eq(live, 0, "%zu objects leaked by the first VM", live);
            vm = ouro_vm_new();
            cr_assert_not_null(vm);
        }
    }
}
