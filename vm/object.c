/* vm/object.c — the generic object protocol (CPython's Objects/object.c and abstract.c):
 * repr/str, hash, truth, rich comparison, attribute access through descriptors and the
 * instance dict, calls, iteration, subscription, len, `in`, isinstance/issubclass, format
 * and dir. Every entry point dispatches on the type's slots with fast paths for exact
 * built-ins; the messages are CPython 3.11's. Knows no concrete type's layout. */
#include "vm/ouro.h"

#if defined(__has_include)
#if __has_include("vm/obj_iter.h")
#include "vm/obj_iter.h"
#define OURO_HAVE_OBJ_ITER_H 1
#endif
#endif
#ifndef OURO_HAVE_OBJ_ITER_H
/* The sequence iterator for classes with only __getitem__ (vm/obj_iter.h, containers). */
OuroObject *ouro_seqiter_new(OuroVM *vm, OuroObject *seq);
#endif

#include <stdlib.h>
#include <string.h>

static size_t count_keywords(OuroObject *kwnames) { return kwnames ? ouro_tuple_size(kwnames) : 0; }

static bool is_exact_str(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_str_type;
}

static bool is_type(const OuroObject *o) {
    return ouro_type_has_flag(ouro_type_of(o), OURO_TPFLAG_TYPE_SUBCLASS);
}

/* ---- recursion guard ---------------------------------------------------------------------------
 * C-level recursion (repr of nested containers, comparisons of deep structures) shares the
 * Python depth counter, as CPython 3.11's Py_EnterRecursiveCall does, and is also bounded by
 * the real C stack when the VM knows where it starts. */

/* Raising goes through calls too (the exception type is called): like CPython's
 * recursion_headroom, both limits are lifted while the RecursionError is built. */
static void raise_recursion(OuroVM *vm, const char *where) {
    char *base = vm->c_stack_base;
    int limit = vm->recursion_limit;
    vm->c_stack_base = NULL;
    vm->recursion_limit = limit > 0 ? limit + 50 : limit;
    ouro_err_format(vm, &ouro_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    vm->c_stack_base = base;
    vm->recursion_limit = limit;
}

static int enter_recursion(OuroVM *vm, const char *where) {
    if (vm->c_stack_base) {
        char here;
        size_t used = (size_t)(vm->c_stack_base > &here ? vm->c_stack_base - &here : &here - vm->c_stack_base);
        if (used > vm->c_stack_size) {
            raise_recursion(vm, where);
            return -1;
        }
    }
    if (++vm->depth > vm->recursion_limit && vm->recursion_limit > 0) {
        vm->depth--;
        raise_recursion(vm, where);
        return -1;
    }
    return 0;
}

static void leave_recursion(OuroVM *vm) { vm->depth--; }

/* ---- repr, str, hash, truth ------------------------------------------------------------------------- */

OuroObject *ouro_object_repr(OuroVM *vm, OuroObject *o) {
    OuroType *t = ouro_type_of(o);
    if (is_exact_str(o)) return ouro_str_repr(vm, o);
    if (!t->repr) return ouro_str_from_format(vm, "<%s object at %p>", t->name, (void *)o);
    if (enter_recursion(vm, " while getting the repr of an object") < 0) return NULL;
    OuroObject *r = t->repr(vm, o);
    leave_recursion(vm);
    if (r && !ouro_str_check(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__repr__ returned non-string (type %s)",
                        ouro_type_name(ouro_type_of(r)));
        ouro_clear(vm, &r);
    }
    return r;
}

OuroObject *ouro_object_str(OuroVM *vm, OuroObject *o) {
    if (is_exact_str(o)) return ouro_newref(o);
    OuroType *t = ouro_type_of(o);
    if (!t->str) return ouro_object_repr(vm, o);
    if (enter_recursion(vm, " while getting the str of an object") < 0) return NULL;
    OuroObject *r = t->str(vm, o);
    leave_recursion(vm);
    if (r && !ouro_str_check(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__str__ returned non-string (type %s)",
                        ouro_type_name(ouro_type_of(r)));
        ouro_clear(vm, &r);
    }
    return r;
}

intptr_t ouro_object_hash(OuroVM *vm, OuroObject *o) {
    if (is_exact_str(o)) return ouro_str_hash(o);
    OuroType *t = ouro_type_of(o);
    if (t->hash) return t->hash(vm, o);
    ouro_err_format(vm, &ouro_exc_TypeError, "unhashable type: '%s'", t->name);
    return -1;
}

int ouro_object_truthy(OuroVM *vm, OuroObject *o) {
    if (o == ouro_true) return 1;
    if (o == ouro_false || o == ouro_none) return 0;
    if (OURO_IS_SMALLINT(o)) return ouro_smallint_value(o) != 0;
    OuroType *t = o->type;
    if (t->nb_bool) return t->nb_bool(vm, o);
    if (t->length) {
        intptr_t n = t->length(vm, o);
        return n < 0 ? -1 : n > 0;
    }
    return 1;
}

/* ---- rich comparison ---------------------------------------------------------------------------------- */

static const int swapped_op[] = {OURO_GT, OURO_GE, OURO_EQ, OURO_NE, OURO_LT, OURO_LE};
static const char *const op_symbol[] = {"<", "<=", "==", "!=", ">", ">="};

/* CPython's do_richcompare: the right operand's reflected method goes first when its type is
 * a subclass of the left's; == and != fall back to identity. */
static OuroObject *do_richcompare(OuroVM *vm, OuroObject *v, OuroObject *w, int op) {
    OuroType *tv = ouro_type_of(v), *tw = ouro_type_of(w);
    bool checked_reverse = false;
    OuroObject *r;
    if (tv != tw && tw->richcompare && ouro_type_is_subtype(tw, tv)) {
        checked_reverse = true;
        r = tw->richcompare(vm, w, v, swapped_op[op]);
        if (r != ouro_not_implemented) return r;
        ouro_decref(vm, r);
    }
    if (tv->richcompare) {
        r = tv->richcompare(vm, v, w, op);
        if (r != ouro_not_implemented) return r;
        ouro_decref(vm, r);
    }
    if (!checked_reverse && tw->richcompare) {
        r = tw->richcompare(vm, w, v, swapped_op[op]);
        if (r != ouro_not_implemented) return r;
        ouro_decref(vm, r);
    }
    switch (op) {
    case OURO_EQ: return ouro_newref(ouro_bool_from(v == w));
    case OURO_NE: return ouro_newref(ouro_bool_from(v != w));
    default:
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' not supported between instances of '%s' and '%s'",
                               op_symbol[op], tv->name, tw->name);
    }
}

static OuroObject *compare_smallints(OuroObject *a, OuroObject *b, int op) {
    intptr_t x = ouro_smallint_value(a), y = ouro_smallint_value(b);
    bool r;
    switch (op) {
    case OURO_LT: r = x < y; break;
    case OURO_LE: r = x <= y; break;
    case OURO_EQ: r = x == y; break;
    case OURO_NE: r = x != y; break;
    case OURO_GT: r = x > y; break;
    default: r = x >= y; break;
    }
    return ouro_bool_from(r);
}

OuroObject *ouro_object_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) return compare_smallints(a, b, op);
    if (enter_recursion(vm, " in comparison") < 0) return NULL;
    OuroObject *r = do_richcompare(vm, a, b, op);
    leave_recursion(vm);
    return r;
}

int ouro_object_richcompare_bool(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (a == b) {
        if (op == OURO_EQ) return 1;
        if (op == OURO_NE) return 0;
    }
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) return compare_smallints(a, b, op) == ouro_true;
    if (is_exact_str(a) && is_exact_str(b) && (op == OURO_EQ || op == OURO_NE))
        return ouro_str_equal(a, b) == (op == OURO_EQ);
    OuroObject *r = ouro_object_richcompare(vm, a, b, op);
    if (!r) return -1;
    if (r == ouro_true || r == ouro_false) return r == ouro_true;
    int t = ouro_object_truthy(vm, r);
    ouro_decref(vm, r);
    return t;
}

/* ---- attributes ----------------------------------------------------------------------------------------- */

OuroObject *ouro_object_new_instance_dict(OuroVM *vm) {
    OuroObject *d = ouro_dict_new(vm);
    if (d) ouro_gc_uncount(ouro_heap(vm), d);
    return d;
}

OuroObject **ouro_object_dict_slot(OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return NULL;
    size_t off = o->type->dict_offset;
    return off ? (OuroObject **)(void *)((char *)o + off) : NULL;
}

static OuroObject *no_attribute(OuroVM *vm, OuroObject *o, OuroObject *name) {
    return ouro_err_format(vm, &ouro_exc_AttributeError, "'%s' object has no attribute '%U'",
                           ouro_type_name(ouro_type_of(o)), name);
}

static OuroObject *bad_attr_name(OuroVM *vm, OuroObject *name) {
    return ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
}

static OuroObject *call_get(OuroVM *vm, OuroDescrGetFn get, OuroObject *descr, OuroObject *obj,
                            OuroType *type) {
    ouro_incref(descr);
    OuroObject *r = get(vm, descr, obj, (OuroObject *)type);
    ouro_decref(vm, descr);
    return r;
}

/* PyObject_GenericGetAttr; with suppress, a missing attribute returns NULL without raising
 * (lookups that expect misses, like hasattr, skip building an AttributeError). */
static OuroObject *generic_getattr(OuroVM *vm, OuroObject *o, OuroObject *name, bool suppress) {
    OuroType *t = ouro_type_of(o);
    OuroObject *descr = ouro_type_lookup(t, name);
    OuroDescrGetFn get = NULL;
    if (descr) {
        OuroType *dt = ouro_type_of(descr);
        get = dt->descr_get;
        if (get && dt->descr_set) return call_get(vm, get, descr, o, t);
    }
    OuroObject **slot = ouro_object_dict_slot(o);
    if (slot && *slot) {
        OuroObject *v = ouro_dict_get_str(*slot, name);
        if (v) return ouro_newref(v);
    }
    if (get) return call_get(vm, get, descr, o, t);
    if (descr) return ouro_newref(descr);
    return suppress ? NULL : no_attribute(vm, o, name);
}

OuroObject *ouro_object_generic_getattr(OuroVM *vm, OuroObject *o, OuroObject *name) {
    if (!ouro_str_check(name)) return bad_attr_name(vm, name);
    return generic_getattr(vm, o, name, false);
}

OuroObject *ouro_object_getattr(OuroVM *vm, OuroObject *o, OuroObject *name) {
    if (!ouro_str_check(name)) return bad_attr_name(vm, name);
    OuroType *t = ouro_type_of(o);
    OuroObject *r = t->getattr == ouro_object_generic_getattr ? generic_getattr(vm, o, name, false)
                    : t->getattr                              ? t->getattr(vm, o, name)
                                                              : no_attribute(vm, o, name);
    if (!r) ouro_exc_attribute_error_context(vm, o, name);
    return r;
}

OuroObject *ouro_object_getattr_cstr(OuroVM *vm, OuroObject *o, const char *name) {
    OuroObject *s = ouro_str_intern_cstr(vm, name);
    if (!s) return NULL;
    OuroObject *r = ouro_object_getattr(vm, o, s);
    ouro_decref(vm, s);
    return r;
}

OuroObject *ouro_object_lookup_attr(OuroVM *vm, OuroObject *o, OuroObject *name) {
    if (!ouro_str_check(name)) return bad_attr_name(vm, name);
    OuroType *t = ouro_type_of(o);
    if (t->getattr == ouro_object_generic_getattr) {
        /* A descriptor (property, __slots__ member) may still raise AttributeError. */
        OuroObject *r = generic_getattr(vm, o, name, true);
        if (!r && ouro_err_matches(vm, &ouro_exc_AttributeError)) ouro_err_clear(vm);
        return r;
    }
    if (!t->getattr) return NULL;   /* not readied yet (start-up): no attributes at all */
    OuroObject *r = ouro_object_getattr(vm, o, name);
    if (!r && ouro_err_matches(vm, &ouro_exc_AttributeError)) ouro_err_clear(vm);
    return r;
}

int ouro_object_generic_setattr(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *value) {
    if (!ouro_str_check(name)) {
        bad_attr_name(vm, name);
        return -1;
    }
    OuroType *t = ouro_type_of(o);
    if (is_type(o)) {
        /* A class's dict changes only through type.__setattr__ (slots, the method cache). */
        ouro_err_format(vm, &ouro_exc_TypeError, "can't apply this __setattr__ to %s object", t->name);
        return -1;
    }
    OuroObject *descr = ouro_type_lookup(t, name);
    if (descr) {
        OuroDescrSetFn set = ouro_type_of(descr)->descr_set;
        if (set) {
            ouro_incref(descr);
            int r = set(vm, descr, o, value);
            ouro_decref(vm, descr);
            return r;
        }
    }
    OuroObject **slot = ouro_object_dict_slot(o);
    if (!slot) {
        if (descr)
            ouro_err_format(vm, &ouro_exc_AttributeError, "'%s' object attribute '%U' is read-only",
                            t->name, name);
        else
            no_attribute(vm, o, name);
        return -1;
    }
    if (value) {
        if (!*slot && !(*slot = ouro_object_new_instance_dict(vm))) return -1;
        return ouro_dict_set(vm, *slot, name, value);
    }
    int r = *slot ? ouro_dict_discard(vm, *slot, name) : 0;
    if (r == 0) no_attribute(vm, o, name);
    return r > 0 ? 0 : -1;
}

int ouro_object_setattr(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *value) {
    if (!ouro_str_check(name)) {
        bad_attr_name(vm, name);
        return -1;
    }
    OuroType *t = ouro_type_of(o);
    if (t->setattr) return t->setattr(vm, o, name, value);
    ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object has %s attributes (%s .%U)", t->name,
                    t->getattr ? "only read-only" : "no", value ? "assign to" : "del", name);
    return -1;
}

int ouro_object_delattr(OuroVM *vm, OuroObject *o, OuroObject *name) {
    return ouro_object_setattr(vm, o, name, NULL);
}

/* ---- calls --------------------------------------------------------------------------------------------- */

/* Whether CPython 3.11 guards this call with " while calling a Python object": its METH_O
 * and METH_NOARGS builtins (cfunction_vectorcall_O, method_vectorcall_O; approximated here by
 * "at most one argument, no keywords", as ouro builtins are all fastcall) and instances with
 * a __call__ (_PyObject_MakeTpCall). Functions and bound methods count their depth when the
 * frame is pushed; types are left out (most built-in ones are vectorcall, and raising
 * RecursionError itself calls an exception type). */
static bool c_call_guarded(OuroObject *callable, OuroType *t, size_t nargs, OuroObject *kwnames) {
    if (t == &ouro_builtin_function_type || t == &ouro_method_descriptor_type) {
        const OuroCFunctionObject *f = (const OuroCFunctionObject *)callable;
        size_t n = f->owner && !f->self && nargs ? nargs - 1 : nargs;   /* unbound: drop self */
        return n <= 1 && !count_keywords(kwnames);
    }
    return ouro_type_has_flag(t, OURO_TPFLAG_HEAPTYPE) && !is_type(callable);
}

OuroObject *ouro_object_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    OuroType *t = ouro_type_of(callable);
    if (!t->call)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not callable", t->name);
    bool guard = c_call_guarded(callable, t, nargs, kwnames);
    if (guard && enter_recursion(vm, " while calling a Python object") < 0) return NULL;
    OuroObject *r = t->call(vm, callable, args, nargs, kwnames);
    if (guard) leave_recursion(vm);
    if (!r && !vm->exc)
        ouro_err_format(vm, &ouro_exc_SystemError, "%R returned NULL without setting an exception", callable);
    return r;
}

OuroObject *ouro_object_call0(OuroVM *vm, OuroObject *callable) {
    return ouro_object_call(vm, callable, NULL, 0, NULL);
}

OuroObject *ouro_object_call1(OuroVM *vm, OuroObject *callable, OuroObject *arg) {
    return ouro_object_call(vm, callable, &arg, 1, NULL);
}

static bool is_method_like(const OuroType *dt) {
    return dt == &ouro_function_type || dt == &ouro_method_descriptor_type ||
           dt == &ouro_slot_wrapper_type;
}

/* callable(first, *args) without heap allocation for small counts. */
OuroObject *ouro_object_call_prepend(OuroVM *vm, OuroObject *callable, OuroObject *first,
                                     OuroObject *const *args, size_t nargs, OuroObject *kwnames) {
    enum { SMALL = 8 };
    OuroObject *small[SMALL];
    size_t total = nargs + count_keywords(kwnames);
    OuroObject **buf = total + 1 <= SMALL ? small : malloc((total + 1) * sizeof *buf);
    if (!buf) return ouro_err_no_memory(vm);
    buf[0] = first;
    if (total) memcpy(buf + 1, args, total * sizeof *buf);
    OuroObject *r;
    if (ouro_type_of(callable) == &ouro_function_type)
        r = ouro_function_call(vm, callable, buf, nargs + 1, kwnames);
    else
        r = ouro_object_call(vm, callable, buf, nargs + 1, kwnames);
    if (buf != small) free(buf);
    return r;
}

OuroObject *ouro_object_call_method(OuroVM *vm, OuroObject *obj, OuroObject *name,
                                    OuroObject *const *args, size_t nargs) {
    OuroType *t = ouro_type_of(obj);
    if (t->getattr == ouro_object_generic_getattr) {
        OuroObject *descr = ouro_type_lookup(t, name);
        if (descr && is_method_like(ouro_type_of(descr))) {
            OuroObject **slot = ouro_object_dict_slot(obj);
            if (!slot || !*slot || !ouro_dict_get_str(*slot, name)) {
                ouro_incref(descr);
                OuroObject *r = ouro_object_call_prepend(vm, descr, obj, args, nargs, NULL);
                ouro_decref(vm, descr);
                return r;
            }
        }
    }
    OuroObject *meth = ouro_object_getattr(vm, obj, name);
    if (!meth) return NULL;
    OuroObject *r = ouro_object_call(vm, meth, args, nargs, NULL);
    ouro_decref(vm, meth);
    return r;
}

/* ---- iteration ----------------------------------------------------------------------------------------- */

OuroObject *ouro_object_getiter(OuroVM *vm, OuroObject *o) {
    OuroType *t = ouro_type_of(o);
    if (t->iter) {
        OuroObject *it = t->iter(vm, o);
        if (it && !ouro_type_of(it)->iternext) {
            ouro_err_format(vm, &ouro_exc_TypeError, "iter() returned non-iterator of type '%s'",
                            ouro_type_name(ouro_type_of(it)));
            ouro_clear(vm, &it);
        }
        return it;
    }
    if (t->getitem && !ouro_dict_check(o)) return ouro_seqiter_new(vm, o);
    return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not iterable", t->name);
}

OuroObject *ouro_iter_next(OuroVM *vm, OuroObject *it) {
    OuroType *t = ouro_type_of(it);
    if (!t->iternext)
        return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not an iterator", t->name);
    return t->iternext(vm, it);
}

/* ---- subscription, len, in --------------------------------------------------------------------------- */

OuroObject *ouro_object_getitem(OuroVM *vm, OuroObject *o, OuroObject *key) {
    OuroType *t = ouro_type_of(o);
    if (t->getitem) return t->getitem(vm, o, key);
    if (is_type(o)) {
        /* list[int] and friends: the class's __class_getitem__, when it has one. */
        OuroObject *meth = ouro_object_lookup_attr(vm, o, OURO_ID(vm, __class_getitem__));
        if (meth) {
            OuroObject *r = ouro_object_call1(vm, meth, key);
            ouro_decref(vm, meth);
            return r;
        }
        if (ouro_err_occurred(vm)) return NULL;
        return ouro_err_format(vm, &ouro_exc_TypeError, "type '%s' is not subscriptable",
                               ((OuroType *)o)->name);
    }
    return ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not subscriptable", t->name);
}

int ouro_object_setitem(OuroVM *vm, OuroObject *o, OuroObject *key, OuroObject *value) {
    OuroType *t = ouro_type_of(o);
    if (t->setitem) return t->setitem(vm, o, key, value);
    ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object does not support item assignment", t->name);
    return -1;
}

int ouro_object_delitem(OuroVM *vm, OuroObject *o, OuroObject *key) {
    OuroType *t = ouro_type_of(o);
    if (t->setitem) return t->setitem(vm, o, key, NULL);
    ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object doesn't support item deletion", t->name);
    return -1;
}

intptr_t ouro_object_length(OuroVM *vm, OuroObject *o) {
    OuroType *t = ouro_type_of(o);
    if (t->length) return t->length(vm, o);
    ouro_err_format(vm, &ouro_exc_TypeError, "object of type '%s' has no len()", t->name);
    return -1;
}

/* `item in container` without __contains__: compare with each element (identity first). */
static int contains_by_iteration(OuroVM *vm, OuroObject *container, OuroObject *item) {
    OuroObject *it = ouro_object_getiter(vm, container);
    if (!it) {
        if (ouro_err_matches(vm, &ouro_exc_TypeError)) {
            ouro_err_clear(vm);
            ouro_err_format(vm, &ouro_exc_TypeError, "argument of type '%s' is not iterable",
                            ouro_type_name(ouro_type_of(container)));
        }
        return -1;
    }
    int found = 0;
    OuroObject *x;
    while ((x = ouro_iter_next(vm, it))) {
        found = ouro_object_richcompare_bool(vm, x, item, OURO_EQ);
        ouro_decref(vm, x);
        if (found != 0) break;
    }
    if (!x && ouro_err_occurred(vm)) found = -1;
    ouro_decref(vm, it);
    return found;
}

int ouro_object_contains(OuroVM *vm, OuroObject *container, OuroObject *item) {
    OuroType *t = ouro_type_of(container);
    if (t->contains) return t->contains(vm, container, item);
    return contains_by_iteration(vm, container, item);
}

/* ---- isinstance / issubclass ------------------------------------------------------------------------- */

bool ouro_object_is_instance_of_type(OuroObject *o, OuroType *t) {
    OuroType *ot = ouro_type_of(o);
    return ot == t || ouro_type_is_subtype(ot, t);
}

/* Calls type(cls).<name>(cls, arg) when the metaclass defines it: 1/0, -1 on error, -2 absent. */
static int call_checker(OuroVM *vm, OuroObject *cls, OuroObject *name, OuroObject *arg) {
    OuroObject *checker = ouro_type_lookup(ouro_type_of(cls), name);
    if (!checker) return -2;
    OuroObject *args[2] = {cls, arg};
    OuroObject *r;
    ouro_incref(checker);
    if (is_method_like(ouro_type_of(checker))) {
        r = ouro_object_call(vm, checker, args, 2, NULL);
    } else {
        OuroObject *bound = ouro_object_getattr(vm, cls, name);
        r = bound ? ouro_object_call1(vm, bound, arg) : NULL;
        ouro_xdecref(vm, bound);
    }
    ouro_decref(vm, checker);
    if (!r) return -1;
    int t = ouro_object_truthy(vm, r);
    ouro_decref(vm, r);
    return t;
}

/* CPython's object_isinstance: an object whose __class__ claims another type than its
 * own (a weakref proxy, a mock) is an instance of that type's bases too. */
static int isinstance_by_class_attr(OuroVM *vm, OuroObject *o, OuroType *cls) {
    OuroObject *icls = ouro_object_lookup_attr(vm, o, OURO_ID(vm, __class__));
    if (!icls) return ouro_err_occurred(vm) ? -1 : 0;
    int r = icls != (OuroObject *)ouro_type_of(o) && is_type(icls) &&
            ouro_type_is_subtype((OuroType *)icls, cls);
    ouro_decref(vm, icls);
    return r;
}

int ouro_object_isinstance(OuroVM *vm, OuroObject *o, OuroObject *cls) {
    OuroType *ot = ouro_type_of(o);
    if ((OuroObject *)ot == cls) return 1;
    if (!OURO_IS_SMALLINT(cls) && cls->type == &ouro_type_type) {
        if (ouro_type_is_subtype(ot, (OuroType *)cls)) return 1;
        return isinstance_by_class_attr(vm, o, (OuroType *)cls);
    }
    if (ouro_tuple_check(cls)) {
        if (enter_recursion(vm, " in __instancecheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < ouro_tuple_size(cls) && r == 0; i++)
            r = ouro_object_isinstance(vm, o, ouro_tuple_get(cls, i));
        leave_recursion(vm);
        return r;
    }
    int r = call_checker(vm, cls, OURO_ID(vm, __instancecheck__), o);
    if (r != -2) return r;
    ouro_err_set_str(vm, &ouro_exc_TypeError,
                     "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return -1;
}

int ouro_object_issubclass(OuroVM *vm, OuroObject *derived, OuroObject *cls) {
    if (!OURO_IS_SMALLINT(cls) && cls->type == &ouro_type_type) {
        if (derived == cls) return 1;
        if (!is_type(derived)) {
            ouro_err_set_str(vm, &ouro_exc_TypeError, "issubclass() arg 1 must be a class");
            return -1;
        }
        return ouro_type_is_subtype((OuroType *)derived, (OuroType *)cls);
    }
    if (ouro_tuple_check(cls)) {
        if (enter_recursion(vm, " in __subclasscheck__") < 0) return -1;
        int r = 0;
        for (size_t i = 0; i < ouro_tuple_size(cls) && r == 0; i++)
            r = ouro_object_issubclass(vm, derived, ouro_tuple_get(cls, i));
        leave_recursion(vm);
        return r;
    }
    int r = call_checker(vm, cls, OURO_ID(vm, __subclasscheck__), derived);
    if (r != -2) return r;
    ouro_err_set_str(vm, &ouro_exc_TypeError,
                     "issubclass() arg 2 must be a class, a tuple of classes, or a union");
    return -1;
}

/* ---- format and dir ------------------------------------------------------------------------------------ */

/* Calls type(o).<name>(o, *args): special-method lookup, which skips the instance (and, for
 * a class, its own MRO: dir(cls) is type.__dir__(cls), not object.__dir__). */
static OuroObject *call_special(OuroVM *vm, OuroObject *o, OuroObject *name, OuroObject *const *args,
                                size_t nargs) {
    OuroObject *descr = ouro_type_lookup(ouro_type_of(o), name);
    if (!descr) return ouro_err_format(vm, &ouro_exc_AttributeError, "%U", name);
    OuroType *dt = ouro_type_of(descr);
    OuroObject *r;
    ouro_incref(descr);
    if (is_method_like(dt)) {
        r = ouro_object_call_prepend(vm, descr, o, args, nargs, NULL);
    } else if (dt->descr_get) {
        OuroObject *bound = dt->descr_get(vm, descr, o, (OuroObject *)ouro_type_of(o));
        r = bound ? ouro_object_call(vm, bound, args, nargs, NULL) : NULL;
        ouro_xdecref(vm, bound);
    } else {
        r = ouro_object_call(vm, descr, args, nargs, NULL);
    }
    ouro_decref(vm, descr);
    return r;
}

OuroObject *ouro_object_format(OuroVM *vm, OuroObject *o, OuroObject *spec) {
    if (!spec) spec = vm->empty_str;
    if (ouro_str_size(spec) == 0 && is_exact_str(o)) return ouro_newref(o);
    OuroType *t = ouro_type_of(o);
    if (!ouro_type_lookup(t, OURO_ID(vm, __format__)))
        return ouro_err_format(vm, &ouro_exc_TypeError, "Type %s doesn't define __format__", t->name);
    OuroObject *r = call_special(vm, o, OURO_ID(vm, __format__), &spec, 1);
    if (r && !ouro_str_check(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__format__ must return a str, not %s",
                        ouro_type_name(ouro_type_of(r)));
        ouro_clear(vm, &r);
    }
    return r;
}

OuroObject *ouro_object_dir(OuroVM *vm, OuroObject *o) {
    OuroObject *names = call_special(vm, o, OURO_ID(vm, __dir__), NULL, 0);
    if (!names) return NULL;
    OuroObject *list = ouro_list_from_iterable(vm, names);
    ouro_decref(vm, names);
    if (list && ouro_list_sort(vm, list, NULL, false) < 0) ouro_clear(vm, &list);
    return list;
}
