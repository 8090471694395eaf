/* vm/obj_weakref.c — weakref.ReferenceType and the two proxy types, CPython 3.11's
 * Objects/weakrefobject.c: creation with the shared callback-less ref and proxy at the head
 * of the referent's list, call, hash (cached, kept after death), equality, reprs, and
 * proxies forwarding every slot to a live referent (ReferenceError once it died). The
 * weakref list itself and the clearing when a referent dies belong to gc/ (gc/weakref.h);
 * this file never walks a list except to find the shareable refs at its head. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

static bool is_proxy_type(const OuroType *t) {
    return t == &ouro_weakref_proxy_type || t == &ouro_weakref_callable_proxy_type;
}

static OuroWeakRef *as_wr(OuroObject *o) { return (OuroWeakRef *)o; }

/* ---- creation -------------------------------------------------------------------------- */

/* PyArg_UnpackTuple's arity errors: "__new__ expected at least 1 argument, got 0". */
static int check_arity(OuroVM *vm, const char *name, size_t nargs, size_t min, size_t max) {
    if (nargs < min) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                        min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                        min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }

/* ob's list head, or NULL with CPython's TypeError when ob's type has no weakref list. */
static OuroWeakRef **weaklist_of(OuroVM *vm, OuroObject *ob) {
    OuroWeakRef **list = ouro_gc_weaklist(ob);
    if (!list)
        ouro_err_format(vm, &ouro_exc_TypeError, "cannot create weak reference to '%s' object",
                        ouro_type_name(ouro_type_of(ob)));
    return list;
}

/* CPython's get_basic_refs: the callback-less exact ref and proxy sit at the head. */
static void basic_refs(OuroWeakRef *head, OuroWeakRef **ref, OuroWeakRef **proxy) {
    *ref = *proxy = NULL;
    if (!head || head->callback) return;
    if (head->ob.type == &ouro_weakref_ref_type) {
        *ref = head;
        head = head->wr_next;
    }
    if (head && !head->callback && is_proxy_type(head->ob.type)) *proxy = head;
}

/* A new, unlinked weakref object of type to ob (zeroed memory: no list links yet). */
static OuroWeakRef *alloc_weakref(OuroVM *vm, OuroType *type, OuroObject *ob, OuroObject *callback) {
    OuroWeakRef *wr = (OuroWeakRef *)ouro_subclass_alloc(ouro_heap(vm), type, type->basicsize);
    if (!wr) {
        ouro_err_no_memory(vm);
        return NULL;
    }
    wr->referent = ob;
    wr->callback = callback ? ouro_newref(callback) : NULL;
    wr->hash = -1;
    return wr;
}

static OuroObject *link_and_track(OuroVM *vm, OuroWeakRef *wr, OuroWeakRef *after) {
    ouro_gc_weakref_link(wr, after);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)wr);
    return (OuroObject *)wr;
}

OuroObject *ouro_weakref_new_ref(OuroVM *vm, OuroType *type, OuroObject *ob, OuroObject *callback) {
    OuroWeakRef **list = weaklist_of(vm, ob);
    if (!list) return NULL;
    if (callback == ouro_none) callback = NULL;
    OuroWeakRef *ref, *proxy;
    basic_refs(*list, &ref, &proxy);
    bool shared = !callback && type == &ouro_weakref_ref_type;
    if (shared && ref) return ouro_newref((OuroObject *)ref);
    OuroWeakRef *wr = alloc_weakref(vm, type, ob, callback);
    if (!wr) return NULL;
    if (shared) return link_and_track(vm, wr, NULL);
    /* Others go after the shareable ones: before older refs, so callbacks run newest first. */
    return link_and_track(vm, wr, proxy ? proxy : ref);
}

OuroObject *ouro_weakref_new_proxy(OuroVM *vm, OuroObject *ob, OuroObject *callback) {
    OuroWeakRef **list = weaklist_of(vm, ob);
    if (!list) return NULL;
    if (callback == ouro_none) callback = NULL;
    OuroWeakRef *ref, *proxy;
    basic_refs(*list, &ref, &proxy);
    if (!callback && proxy) return ouro_newref((OuroObject *)proxy);
    OuroType *type = ouro_type_of(ob)->call ? &ouro_weakref_callable_proxy_type : &ouro_weakref_proxy_type;
    OuroWeakRef *wr = alloc_weakref(vm, type, ob, callback);
    if (!wr) return NULL;
    return link_and_track(vm, wr, callback && proxy ? proxy : ref);
}

/* ---- the collector's hooks (shared by all three types and ref's subclasses) -------------- */

/* Only the callback: the referent is not owned. A subclass instance also owns its type. */
static int weakref_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroWeakRef *wr = as_wr(self);
    int r;
    if (wr->callback && (r = visit(wr->callback, arg))) return r;
    return ouro_subclass_traverse(self, visit, arg);
}

/* CPython's gc_clear (clear_weakref): the weakref goes dead and drops its callback, which
 * therefore never runs. */
static void weakref_clear(OuroHeap *heap, OuroObject *self) {
    OuroWeakRef *wr = as_wr(self);
    ouro_gc_weakref_clear(wr);
    ouro_subclass_clear(heap, self);
    OuroObject *cb = wr->callback;
    wr->callback = NULL;
    if (cb) ouro_gc_decref(heap, cb);
}

static void weakref_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroWeakRef *wr = as_wr(self);
    OuroObject *cb = wr->callback;
    ouro_gc_untrack(heap, self);
    ouro_gc_weakref_clear(wr);
    ouro_subclass_free(heap, self);
    if (cb) ouro_gc_decref(heap, cb);
}

/* ---- ReferenceType ---------------------------------------------------------------------- */

/* __new__(type, ob, callback=None): keywords are __init__'s to refuse (subclasses take
 * their own). */
static OuroObject *ref_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    (void)kwnames;
    if (check_arity(vm, "__new__", nargs, 1, 2) < 0) return NULL;
    return ouro_weakref_new_ref(vm, type, args[0], nargs > 1 ? args[1] : NULL);
}

static int ref_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                    OuroObject *kwnames) {
    (void)self;
    (void)args;
    if (has_keywords(kwnames)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "ref() takes no keyword arguments");
        return -1;
    }
    return check_arity(vm, "__init__", nargs, 1, 2);
}

static OuroObject *ref_call(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    (void)args;
    if (has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "weakref() takes no keyword arguments");
    if (nargs)
        return ouro_err_format(vm, &ouro_exc_TypeError, "weakref expected 0 arguments, got %zu", nargs);
    return ouro_newref(ouro_weakref_get(self));
}

/* hash(referent), taken once: a ref hashed while alive keeps its hash after death. */
static intptr_t ref_hash(OuroVM *vm, OuroObject *self) {
    OuroWeakRef *wr = as_wr(self);
    if (wr->hash != -1) return wr->hash;
    if (!wr->referent) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "weak object has gone away");
        return -1;
    }
    OuroObject *o = ouro_newref(wr->referent);
    intptr_t h = ouro_object_hash(vm, o);
    ouro_decref(vm, o);
    wr->hash = h;
    return h;
}

/* == and != compare the referents while both live, else the weakrefs' identities. */
static OuroObject *ref_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if ((op != OURO_EQ && op != OURO_NE) || !ouro_weakref_check(a) || !ouro_weakref_check(b))
        return ouro_newref(ouro_not_implemented);
    OuroObject *x = as_wr(a)->referent, *y = as_wr(b)->referent;
    if (!x || !y) {
        bool eq = a == b;
        return ouro_newref(ouro_bool_from(op == OURO_EQ ? eq : !eq));
    }
    ouro_incref(x);
    ouro_incref(y);
    OuroObject *r = ouro_object_richcompare(vm, x, y, op);
    ouro_decref(vm, x);
    ouro_decref(vm, y);
    return r;
}

/* type(o).__name__ bound to o (CPython's _PyObject_LookupSpecial): a class's or a
 * function's name, never an instance attribute. New reference or NULL (maybe an error). */
static OuroObject *special_name(OuroVM *vm, OuroObject *o) {
    OuroType *t = ouro_type_of(o);
    OuroObject *d = ouro_type_lookup(t, OURO_ID(vm, __name__));
    if (!d) return NULL;
    OuroDescrGetFn get = ouro_type_of(d)->descr_get;
    if (!get) return ouro_newref(d);
    ouro_incref(d);
    OuroObject *r = get(vm, d, o, (OuroObject *)t);
    ouro_decref(vm, d);
    return r;
}

/* <weakref at 0x..; to 'C' at 0x..>, with " (name)" when type(o).__name__ gives a str for o. */
static OuroObject *ref_repr(OuroVM *vm, OuroObject *self) {
    OuroObject *o = as_wr(self)->referent;
    if (!o) return ouro_str_from_format(vm, "<weakref at %p; dead>", (void *)self);
    ouro_incref(o);
    OuroObject *name = special_name(vm, o);
    OuroObject *r = NULL;
    if (!ouro_err_occurred(vm)) {
        const char *tname = ouro_type_name(ouro_type_of(o));
        if (name && ouro_str_check(name))
            r = ouro_str_from_format(vm, "<weakref at %p; to '%s' at %p (%U)>", (void *)self, tname,
                                     (void *)o, name);
        else
            r = ouro_str_from_format(vm, "<weakref at %p; to '%s' at %p>", (void *)self, tname, (void *)o);
    }
    ouro_xdecref(vm, name);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *ref_get_callback(OuroVM *vm, OuroObject *self) {
    (void)vm;
    OuroObject *cb = as_wr(self)->callback;
    return ouro_newref(cb ? cb : ouro_none);
}

/* A read-only member in CPython (T_OBJECT, READONLY): its message, for set and del. */
static int ref_set_callback(OuroVM *vm, OuroObject *self, OuroObject *value) {
    (void)self;
    (void)value;
    ouro_err_set_str(vm, &ouro_exc_AttributeError, "readonly attribute");
    return -1;
}

static const OuroGetSetDef ref_getsets[] = {
    {"__callback__", ref_get_callback, ref_set_callback, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_weakref_ref_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = weakref_traverse, .clear = weakref_clear, .dealloc = weakref_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_WEAKREF},
    .name = "weakref.ReferenceType",
    .basicsize = sizeof(OuroWeakRef),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = ref_repr,
    .hash = ref_hash,
    .richcompare = ref_richcompare,
    .getattr = ouro_object_generic_getattr,
    .call = ref_call,
    .new_ = ref_new,
    .init = ref_init,
    .getsets = ref_getsets,
};

/* ---- proxies ------------------------------------------------------------------------------
 * Every operation unwraps each operand that is a proxy (CPython's UNWRAP), holding a
 * reference to the referent while the operation runs: it may drop the last other one. */

static OuroObject *dead_proxy(OuroVM *vm) {
    return ouro_err_format(vm, &ouro_exc_ReferenceError, "weakly-referenced object no longer exists");
}

/* o, or the referent when o is a proxy: a new reference; NULL with ReferenceError when dead. */
static OuroObject *unwrap(OuroVM *vm, OuroObject *o) {
    if (!ouro_weakref_proxy_check(o)) return ouro_newref(o);
    OuroObject *r = as_wr(o)->referent;
    return r ? ouro_newref(r) : dead_proxy(vm);
}

static bool unwrap2(OuroVM *vm, OuroObject *a, OuroObject *b, OuroObject **x, OuroObject **y) {
    if (!(*x = unwrap(vm, a))) return false;
    if (!(*y = unwrap(vm, b))) {
        ouro_decref(vm, *x);
        return false;
    }
    return true;
}

static OuroObject *release2(OuroVM *vm, OuroObject *x, OuroObject *y, OuroObject *result) {
    ouro_decref(vm, x);
    ouro_decref(vm, y);
    return result;
}

/* <weakproxy at 0x.. to C at 0x..>; a dead proxy shows NoneType (CPython prints its None). */
static OuroObject *proxy_repr(OuroVM *vm, OuroObject *self) {
    OuroObject *o = ouro_weakref_get(self);
    return ouro_str_from_format(vm, "<weakproxy at %p to %s at %p>", (void *)self,
                                ouro_type_name(ouro_type_of(o)), (void *)o);
}

#define UNARY(fname, expr)                                             \
    static OuroObject *fname(OuroVM *vm, OuroObject *self) {           \
        OuroObject *o = unwrap(vm, self);                              \
        if (!o) return NULL;                                           \
        OuroObject *r = (expr);                                        \
        ouro_decref(vm, o);                                            \
        return r;                                                      \
    }
UNARY(proxy_str, ouro_object_str(vm, o))
UNARY(proxy_iter, ouro_object_getiter(vm, o))
UNARY(proxy_neg, ouro_number_negative(vm, o))
UNARY(proxy_pos, ouro_number_positive(vm, o))
UNARY(proxy_abs, ouro_number_absolute(vm, o))
UNARY(proxy_invert, ouro_number_invert(vm, o))
UNARY(proxy_index, ouro_number_index(vm, o))
UNARY(proxy_int, ouro_object_call1(vm, (OuroObject *)&ouro_int_type, o))
UNARY(proxy_float, ouro_object_call1(vm, (OuroObject *)&ouro_float_type, o))
#undef UNARY

static OuroObject *proxy_iternext(OuroVM *vm, OuroObject *self) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *r;
    if (!ouro_type_of(o)->iternext)
        r = ouro_err_format(vm, &ouro_exc_TypeError, "Weakref proxy referenced a non-iterator '%s' object",
                            ouro_type_name(ouro_type_of(o)));
    else
        r = ouro_iter_next(vm, o);
    ouro_decref(vm, o);
    return r;
}

static int proxy_bool(OuroVM *vm, OuroObject *self) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return -1;
    int r = ouro_object_truthy(vm, o);
    ouro_decref(vm, o);
    return r;
}

static intptr_t proxy_length(OuroVM *vm, OuroObject *self) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return -1;
    intptr_t r = ouro_object_length(vm, o);
    ouro_decref(vm, o);
    return r;
}

static int proxy_contains(OuroVM *vm, OuroObject *self, OuroObject *item) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return -1;
    int r = ouro_object_contains(vm, o, item);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *proxy_getitem(OuroVM *vm, OuroObject *self, OuroObject *key) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *r = ouro_object_getitem(vm, o, key);
    ouro_decref(vm, o);
    return r;
}

static int proxy_setitem(OuroVM *vm, OuroObject *self, OuroObject *key, OuroObject *value) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return -1;
    int r = value ? ouro_object_setitem(vm, o, key, value) : ouro_object_delitem(vm, o, key);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *proxy_getattr(OuroVM *vm, OuroObject *self, OuroObject *name) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *r = ouro_object_getattr(vm, o, name);
    ouro_decref(vm, o);
    return r;
}

static int proxy_setattr(OuroVM *vm, OuroObject *self, OuroObject *name, OuroObject *value) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return -1;
    int r = value ? ouro_object_setattr(vm, o, name, value) : ouro_object_delattr(vm, o, name);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *proxy_call(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *r = ouro_object_call(vm, o, args, nargs, kwnames);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *proxy_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    OuroObject *x, *y;
    if (!unwrap2(vm, a, b, &x, &y)) return NULL;
    return release2(vm, x, y, ouro_object_richcompare(vm, x, y, op));
}

static OuroObject *proxy_binary(OuroVM *vm, OuroObject *a, OuroObject *b, OuroBinaryOp op, bool inplace) {
    OuroObject *x, *y;
    if (!unwrap2(vm, a, b, &x, &y)) return NULL;
    OuroObject *r = inplace ? ouro_number_inplace(vm, x, y, op) : ouro_number_binary(vm, x, y, op);
    return release2(vm, x, y, r);
}

#define NB(op)                                                                              \
    static OuroObject *proxy_nb_##op(OuroVM *vm, OuroObject *a, OuroObject *b) {            \
        return proxy_binary(vm, a, b, op, false);                                           \
    }                                                                                       \
    static OuroObject *proxy_inb_##op(OuroVM *vm, OuroObject *a, OuroObject *b) {           \
        return proxy_binary(vm, a, b, op, true);                                            \
    }
NB(OURO_NB_ADD)
NB(OURO_NB_AND)
NB(OURO_NB_FLOOR_DIVIDE)
NB(OURO_NB_LSHIFT)
NB(OURO_NB_MATRIX_MULTIPLY)
NB(OURO_NB_MULTIPLY)
NB(OURO_NB_REMAINDER)
NB(OURO_NB_OR)
NB(OURO_NB_POWER)
NB(OURO_NB_RSHIFT)
NB(OURO_NB_SUBTRACT)
NB(OURO_NB_TRUE_DIVIDE)
NB(OURO_NB_XOR)
#undef NB

#define NB_ENTRIES(prefix)                                                                  \
    {[OURO_NB_ADD] = prefix##OURO_NB_ADD, [OURO_NB_AND] = prefix##OURO_NB_AND,              \
     [OURO_NB_FLOOR_DIVIDE] = prefix##OURO_NB_FLOOR_DIVIDE,                                 \
     [OURO_NB_LSHIFT] = prefix##OURO_NB_LSHIFT,                                             \
     [OURO_NB_MATRIX_MULTIPLY] = prefix##OURO_NB_MATRIX_MULTIPLY,                           \
     [OURO_NB_MULTIPLY] = prefix##OURO_NB_MULTIPLY,                                         \
     [OURO_NB_REMAINDER] = prefix##OURO_NB_REMAINDER, [OURO_NB_OR] = prefix##OURO_NB_OR,    \
     [OURO_NB_POWER] = prefix##OURO_NB_POWER, [OURO_NB_RSHIFT] = prefix##OURO_NB_RSHIFT,    \
     [OURO_NB_SUBTRACT] = prefix##OURO_NB_SUBTRACT,                                         \
     [OURO_NB_TRUE_DIVIDE] = prefix##OURO_NB_TRUE_DIVIDE, [OURO_NB_XOR] = prefix##OURO_NB_XOR}

/* divmod has no slot in this VM: ouro_number_divmod finds these methods instead. */
static OuroObject *proxy_divmod(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                                OuroObject *kwnames) {
    if (ouro_args_check(vm, "__divmod__", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *x, *y;
    if (!unwrap2(vm, self, args[0], &x, &y)) return NULL;
    return release2(vm, x, y, ouro_number_divmod(vm, x, y));
}

static OuroObject *proxy_rdivmod(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                                 OuroObject *kwnames) {
    if (ouro_args_check(vm, "__rdivmod__", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *x, *y;
    if (!unwrap2(vm, args[0], self, &x, &y)) return NULL;
    return release2(vm, x, y, ouro_number_divmod(vm, x, y));
}

static OuroObject *proxy_bytes(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "__bytes__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *name = ouro_str_from_cstr(vm, "__bytes__");
    OuroObject *r = name ? ouro_object_call_method(vm, o, name, NULL, 0) : NULL;
    ouro_xdecref(vm, name);
    ouro_decref(vm, o);
    return r;
}

static OuroObject *proxy_reversed(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                                  OuroObject *kwnames) {
    if (ouro_args_check(vm, "__reversed__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *o = unwrap(vm, self);
    if (!o) return NULL;
    OuroObject *r = ouro_object_call1(vm, (OuroObject *)&ouro_reversed_type, o);
    ouro_decref(vm, o);
    return r;
}

static const OuroMethodDef proxy_methods[] = {
    {"__bytes__", proxy_bytes, 0, NULL},
    {"__reversed__", proxy_reversed, 0, NULL},
    {"__divmod__", proxy_divmod, 0, "Return divmod(self, value)."},
    {"__rdivmod__", proxy_rdivmod, 0, "Return divmod(value, self)."},
    {NULL, NULL, 0, NULL},
};

static const OuroMethodDef callable_proxy_methods[] = {
    {"__divmod__", proxy_divmod, 0, "Return divmod(self, value)."},
    {"__rdivmod__", proxy_rdivmod, 0, "Return divmod(value, self)."},
    {NULL, NULL, 0, NULL},
};

#define PROXY_SLOTS                                                                          \
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                           \
    .hooks = {.traverse = weakref_traverse, .clear = weakref_clear, .dealloc = weakref_dealloc, \
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_WEAKREF},                              \
    .basicsize = sizeof(OuroWeakRef), .repr = proxy_repr, .str = proxy_str,                  \
    .hash = ouro_hash_unhashable, .richcompare = proxy_richcompare,                          \
    .getattr = proxy_getattr, .setattr = proxy_setattr, .iter = proxy_iter,                  \
    .iternext = proxy_iternext, .nb = NB_ENTRIES(proxy_nb_), .nb_inplace = NB_ENTRIES(proxy_inb_), \
    .nb_negative = proxy_neg, .nb_positive = proxy_pos, .nb_absolute = proxy_abs,            \
    .nb_invert = proxy_invert, .nb_bool = proxy_bool, .nb_int = proxy_int,                   \
    .nb_float = proxy_float, .nb_index = proxy_index, .length = proxy_length,                \
    .getitem = proxy_getitem, .setitem = proxy_setitem, .contains = proxy_contains

OuroType ouro_weakref_proxy_type = {
    PROXY_SLOTS,
    .name = "weakref.ProxyType",
    .methods = proxy_methods,
};

OuroType ouro_weakref_callable_proxy_type = {
    PROXY_SLOTS,
    .name = "weakref.CallableProxyType",
    .call = proxy_call,
    .methods = callable_proxy_methods,
};

#undef PROXY_SLOTS
#undef NB_ENTRIES
