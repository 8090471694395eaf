/* vm/obj_method.c — callables made by the object core: bound methods, built-in functions and
 * methods, method descriptors (list.append), getset descriptors (object.__class__), and the
 * slot wrappers that expose a static type's C slots as dunders (int.__add__, object.__init__)
 * together with their bound form, method-wrapper. Binding never copies arguments to the heap
 * for small calls. Knows no concrete built-in type's layout. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }

/* CPython's _Py_HashPointer: a rotated address (never -1). */
static intptr_t hash_pointer(const void *p) {
    uintptr_t y = (uintptr_t)p;
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    intptr_t x = (intptr_t)y;
    return x == -1 ? -2 : x;
}

static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }

/* ---- bound methods ------------------------------------------------------------------------ */

OuroObject *ouro_method_new(OuroVM *vm, OuroObject *func, OuroObject *self) {
    OuroMethod *m = (OuroMethod *)ouro_gc_alloc(ouro_heap(vm), &ouro_method_type, sizeof(OuroMethod));
    if (!m) return ouro_err_no_memory(vm);
    m->func = ouro_newref(func);
    m->self = ouro_newref(self);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)m);
    return (OuroObject *)m;
}

static OuroObject *method_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    OuroMethod *m = (OuroMethod *)callable;
    return ouro_object_call_prepend(vm, m->func, m->self, args, nargs, kwnames);
}

static int method_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroMethod *m = (OuroMethod *)self;
    int r = visit(m->func, arg);
    return r ? r : visit(m->self, arg);
}

static void method_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroMethod *m = (OuroMethod *)self;
    ouro_gc_untrack(heap, self);
    if (m->weaklist) ouro_gc_clear_weakrefs(heap, self);
    OuroObject *func = m->func, *obj = m->self;
    ouro_gc_free(heap, self);
    ouro_gc_decref(heap, func);
    ouro_gc_decref(heap, obj);
}

/* The function's __qualname__ (or __name__) as a str, or NULL without an exception. */
static OuroObject *func_display_name(OuroVM *vm, OuroObject *func) {
    OuroObject *name = ouro_object_lookup_attr(vm, func, OURO_ID(vm, __qualname__));
    if (!name && !ouro_err_occurred(vm)) name = ouro_object_lookup_attr(vm, func, OURO_ID(vm, __name__));
    if (name && !ouro_str_check(name)) ouro_clear(vm, &name);
    return name;
}

static OuroObject *method_repr(OuroVM *vm, OuroObject *self) {
    OuroMethod *m = (OuroMethod *)self;
    OuroObject *name = func_display_name(vm, m->func);
    if (!name && ouro_err_occurred(vm)) return NULL;
    OuroObject *r = ouro_str_from_format(vm, "<bound method %s of %R>",
                                         name ? ouro_str_cstr(name) : "?", m->self);
    ouro_xdecref(vm, name);
    return r;
}

static OuroObject *method_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if ((op != OURO_EQ && op != OURO_NE) || ouro_type_of(a) != &ouro_method_type ||
        ouro_type_of(b) != &ouro_method_type)
        return ouro_newref(ouro_not_implemented);
    OuroMethod *x = (OuroMethod *)a, *y = (OuroMethod *)b;
    int eq = x->self == y->self;
    if (eq) {
        eq = ouro_object_richcompare_bool(vm, x->func, y->func, OURO_EQ);
        if (eq < 0) return NULL;
    }
    return ouro_newref(ouro_bool_from(op == OURO_EQ ? eq : !eq));
}

static intptr_t method_hash(OuroVM *vm, OuroObject *self) {
    OuroMethod *m = (OuroMethod *)self;
    intptr_t y = ouro_object_hash(vm, m->func);
    if (y == -1) return -1;
    intptr_t x = hash_pointer(m->self) ^ y;
    return x == -1 ? -2 : x;
}

static OuroObject *method_descr_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    return ouro_newref(self);
}

/* Attributes not defined on the method type itself come from the function. */
static OuroObject *method_getattro(OuroVM *vm, OuroObject *self, OuroObject *name) {
    if (!ouro_str_check(name))
        return ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
    OuroObject *descr = ouro_type_lookup(&ouro_method_type, name);
    if (descr) {
        OuroDescrGetFn get = ouro_type_of(descr)->descr_get;
        if (get) return get(vm, descr, self, (OuroObject *)&ouro_method_type);
        return ouro_newref(descr);
    }
    return ouro_object_getattr(vm, ((OuroMethod *)self)->func, name);
}

static OuroObject *method_get_self(OuroVM *vm, OuroObject *self) {
    return ouro_newref(((OuroMethod *)self)->self);
}
static OuroObject *method_get_func(OuroVM *vm, OuroObject *self) {
    return ouro_newref(((OuroMethod *)self)->func);
}
static OuroObject *method_get_doc(OuroVM *vm, OuroObject *self) {
    return ouro_object_getattr(vm, ((OuroMethod *)self)->func, OURO_ID(vm, __doc__));
}

static const OuroGetSetDef method_getsets[] = {
    {"__self__", method_get_self, NULL, "the instance to which a method is bound"},
    {"__func__", method_get_func, NULL, "the function (or other callable) implementing a method"},
    {"__doc__", method_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static OuroObject *method_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    if (ouro_args_check(vm, "method", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!ouro_type_of(args[0])->call)
        return ouro_err_format(vm, &ouro_exc_TypeError, "first argument must be callable");
    if (args[1] == ouro_none)
        return ouro_err_format(vm, &ouro_exc_TypeError, "instance must not be None");
    return ouro_method_new(vm, args[0], args[1]);
}

OuroType ouro_method_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = method_traverse, .dealloc = method_dealloc, .gc_flags = OURO_GC_CONTAINER,
              .weaklist_offset = offsetof(OuroMethod, weaklist)},
    .name = "method",
    .basicsize = sizeof(OuroMethod),
    .repr = method_repr,
    .hash = method_hash,
    .richcompare = method_richcompare,
    .getattr = method_getattro,
    .call = method_call,
    .descr_get = method_descr_get,
    .new_ = method_new,
    .getsets = method_getsets,
    .doc = "Create a bound instance method object.",
};

/* ---- built-in functions and methods --------------------------------------------------------- */

static OuroObject *cfunction_alloc(OuroVM *vm, OuroType *type, const OuroMethodDef *def,
                                   OuroObject *self, OuroType *owner, OuroObject *module) {
    OuroCFunctionObject *f = (OuroCFunctionObject *)ouro_gc_alloc(ouro_heap(vm), type,
                                                                   sizeof(OuroCFunctionObject));
    if (!f) return ouro_err_no_memory(vm);
    f->def = def;
    f->self = self ? ouro_newref(self) : NULL;
    f->owner = owner;
    if (owner && is_heap(owner)) ouro_incref((OuroObject *)owner);
    f->module = module ? ouro_newref(module) : NULL;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)f);
    return (OuroObject *)f;
}

OuroObject *ouro_cfunction_new(OuroVM *vm, const OuroMethodDef *def, OuroObject *self,
                               OuroObject *module) {
    return cfunction_alloc(vm, &ouro_builtin_function_type, def, self, NULL, module);
}

OuroObject *ouro_method_descriptor_new(OuroVM *vm, const OuroMethodDef *def, OuroType *owner) {
    return cfunction_alloc(vm, &ouro_method_descriptor_type, def, NULL, owner, NULL);
}

static OuroCFunctionObject *as_cfunc(OuroObject *o) { return (OuroCFunctionObject *)o; }

static OuroObject *cfunction_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    OuroCFunctionObject *f = as_cfunc(callable);
    return f->def->fn(vm, f->self, args, nargs, kwnames);
}

static int cfunction_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroCFunctionObject *f = as_cfunc(self);
    int r;
    if (f->self && (r = visit(f->self, arg))) return r;
    if (f->module && (r = visit(f->module, arg))) return r;
    if (f->owner && is_heap(f->owner)) return visit((OuroObject *)f->owner, arg);
    return 0;
}

static void cfunction_clear(OuroHeap *heap, OuroObject *self) {
    ouro_clear(ouro_vm_of_heap(heap), &as_cfunc(self)->self);
}

static void cfunction_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    ouro_gc_untrack(heap, self);
    if (f->weaklist) ouro_gc_clear_weakrefs(heap, self);
    OuroObject *obj = f->self, *module = f->module;
    OuroType *owner = f->owner;
    ouro_gc_free(heap, self);
    if (obj) ouro_gc_decref(heap, obj);
    if (module) ouro_gc_decref(heap, module);
    if (owner && is_heap(owner)) ouro_gc_decref(heap, (OuroObject *)owner);
}

static bool is_plain_function(OuroCFunctionObject *f) {
    return !f->self || ouro_type_of(f->self) == &ouro_module_type;
}

static OuroObject *cfunction_repr(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    if (is_plain_function(f)) return ouro_str_from_format(vm, "<built-in function %s>", f->def->name);
    return ouro_str_from_format(vm, "<built-in method %s of %s object at %p>", f->def->name,
                                ouro_type_name(ouro_type_of(f->self)), (void *)f->self);
}

static OuroObject *cfunction_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if ((op != OURO_EQ && op != OURO_NE) || ouro_type_of(a) != ouro_type_of(b))
        return ouro_newref(ouro_not_implemented);
    OuroCFunctionObject *x = as_cfunc(a), *y = as_cfunc(b);
    bool eq = x->self == y->self && x->def->fn == y->def->fn;
    return ouro_newref(ouro_bool_from(op == OURO_EQ ? eq : !eq));
}

static intptr_t cfunction_hash(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    intptr_t x = hash_pointer(f->self) ^ hash_pointer((const void *)f->def);
    return x == -1 ? -2 : x;
}

static OuroObject *cfunction_get_name(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_cstr(vm, as_cfunc(self)->def->name);
}

static OuroObject *cfunction_get_qualname(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    if (is_plain_function(f)) return ouro_str_from_cstr(vm, f->def->name);
    OuroObject *owner = ouro_type_has_flag(ouro_type_of(f->self), OURO_TPFLAG_TYPE_SUBCLASS)
                            ? f->self
                            : (OuroObject *)ouro_type_of(f->self);
    OuroObject *q = ouro_object_getattr(vm, owner, OURO_ID(vm, __qualname__));
    if (!q) return NULL;
    OuroObject *r = ouro_str_from_format(vm, "%S.%s", q, f->def->name);
    ouro_decref(vm, q);
    return r;
}

/* A module-level function's __self__ is its module (looked up by name in sys.modules). */
static OuroObject *cfunction_get_self(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    if (f->self) return ouro_newref(f->self);
    OuroObject *m = f->module && vm->modules && ouro_str_check(f->module)
                        ? ouro_dict_get_str(vm->modules, f->module)
                        : NULL;
    return ouro_newref(m ? m : ouro_none);
}

static OuroObject *cfunction_get_module(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *f = as_cfunc(self);
    return ouro_newref(f->module ? f->module : ouro_none);
}

static int cfunction_set_module(OuroVM *vm, OuroObject *self, OuroObject *value) {
    ouro_setref(vm, &as_cfunc(self)->module, value ? ouro_newref(value) : NULL);
    return 0;
}

static OuroObject *def_doc(OuroVM *vm, const char *doc) {
    return doc ? ouro_str_from_cstr(vm, doc) : ouro_newref(ouro_none);
}

static OuroObject *cfunction_get_doc(OuroVM *vm, OuroObject *self) {
    return def_doc(vm, as_cfunc(self)->def->doc);
}

static OuroObject *get_none(OuroVM *vm, OuroObject *self) { return ouro_newref(ouro_none); }

static const OuroGetSetDef cfunction_getsets[] = {
    {"__name__", cfunction_get_name, NULL, NULL},
    {"__qualname__", cfunction_get_qualname, NULL, NULL},
    {"__self__", cfunction_get_self, NULL, NULL},
    {"__module__", cfunction_get_module, cfunction_set_module, NULL},
    {"__doc__", cfunction_get_doc, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_builtin_function_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = cfunction_traverse, .clear = cfunction_clear,
              .dealloc = cfunction_dealloc, .gc_flags = OURO_GC_CONTAINER,
              .weaklist_offset = offsetof(OuroCFunctionObject, weaklist)},
    .name = "builtin_function_or_method",
    .basicsize = sizeof(OuroCFunctionObject),
    .repr = cfunction_repr,
    .hash = cfunction_hash,
    .richcompare = cfunction_richcompare,
    .call = cfunction_call,
    .getsets = cfunction_getsets,
};

/* ---- method descriptors --------------------------------------------------------------------- */

/* "descriptor 'append' for 'list' objects doesn't apply to a 'int' object" */
static int check_descr_self(OuroVM *vm, const char *name, OuroType *owner, OuroObject *obj) {
    OuroType *t = ouro_type_of(obj);
    if (t == owner || ouro_type_is_subtype(t, owner)) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                    name, owner->name, t->name);
    return -1;
}

static OuroObject *methoddescr_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    OuroCFunctionObject *d = as_cfunc(callable);
    if (nargs < 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "unbound method %s.%s() needs an argument",
                               d->owner->name, d->def->name);
    if (d->def->flags & OURO_METH_CLASS) {
        OuroObject *cls = args[0];
        if (!ouro_type_has_flag(ouro_type_of(cls), OURO_TPFLAG_TYPE_SUBCLASS) ||
            !ouro_type_is_subtype((OuroType *)cls, d->owner))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "descriptor '%s' for type '%s' needs a subtype of '%s', not '%s'",
                                   d->def->name, d->owner->name, d->owner->name,
                                   ouro_type_name(ouro_type_of(cls)));
    } else if (check_descr_self(vm, d->def->name, d->owner, args[0]) < 0) {
        return NULL;
    }
    return d->def->fn(vm, args[0], args + 1, nargs - 1, kwnames);
}

static OuroObject *methoddescr_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    OuroCFunctionObject *d = as_cfunc(self);
    if (!obj) return ouro_newref(self);
    if (check_descr_self(vm, d->def->name, d->owner, obj) < 0) return NULL;
    return ouro_cfunction_new(vm, d->def, obj, NULL);
}

static OuroObject *methoddescr_repr(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *d = as_cfunc(self);
    return ouro_str_from_format(vm, "<method '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static OuroObject *descr_qualname(OuroVM *vm, OuroType *owner, const char *name) {
    OuroObject *q = ouro_object_getattr(vm, (OuroObject *)owner, OURO_ID(vm, __qualname__));
    if (!q) return NULL;
    OuroObject *r = ouro_str_from_format(vm, "%S.%s", q, name);
    ouro_decref(vm, q);
    return r;
}

static OuroObject *methoddescr_get_qualname(OuroVM *vm, OuroObject *self) {
    OuroCFunctionObject *d = as_cfunc(self);
    return descr_qualname(vm, d->owner, d->def->name);
}

static OuroObject *methoddescr_get_objclass(OuroVM *vm, OuroObject *self) {
    return ouro_newref((OuroObject *)as_cfunc(self)->owner);
}

static const OuroGetSetDef methoddescr_getsets[] = {
    {"__name__", cfunction_get_name, NULL, NULL},
    {"__qualname__", methoddescr_get_qualname, NULL, NULL},
    {"__objclass__", methoddescr_get_objclass, NULL, NULL},
    {"__doc__", cfunction_get_doc, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_method_descriptor_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = cfunction_traverse, .clear = cfunction_clear,
              .dealloc = cfunction_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "method_descriptor",
    .basicsize = sizeof(OuroCFunctionObject),
    .repr = methoddescr_repr,
    .call = methoddescr_call,
    .descr_get = methoddescr_get,
    .getsets = methoddescr_getsets,
};

/* ---- getset descriptors --------------------------------------------------------------------- */

typedef struct GetSetDescr {
    OuroObject ob;
    const OuroGetSetDef *def;
    OuroType *owner;                  /* a reference when it is a heap type */
} GetSetDescr;

static GetSetDescr *as_getset(OuroObject *o) { return (GetSetDescr *)o; }

OuroObject *ouro_getset_descriptor_new(OuroVM *vm, const OuroGetSetDef *def, OuroType *owner) {
    GetSetDescr *d = (GetSetDescr *)ouro_gc_alloc(ouro_heap(vm), &ouro_getset_descriptor_type,
                                                  sizeof(GetSetDescr));
    if (!d) return ouro_err_no_memory(vm);
    d->def = def;
    d->owner = owner;
    if (is_heap(owner)) ouro_incref((OuroObject *)owner);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)d);
    return (OuroObject *)d;
}

static int getset_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroType *owner = as_getset(self)->owner;
    return is_heap(owner) ? visit((OuroObject *)owner, arg) : 0;
}

static void getset_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *owner = as_getset(self)->owner;
    ouro_gc_untrack(heap, self);
    ouro_gc_free(heap, self);
    if (is_heap(owner)) ouro_gc_decref(heap, (OuroObject *)owner);
}

static OuroObject *getset_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    GetSetDescr *d = as_getset(self);
    if (!obj) return ouro_newref(self);
    if (check_descr_self(vm, d->def->name, d->owner, obj) < 0) return NULL;
    if (!d->def->get)
        return ouro_err_format(vm, &ouro_exc_AttributeError, "attribute '%s' of '%s' objects is not readable",
                               d->def->name, d->owner->name);
    return d->def->get(vm, obj);
}

static int getset_set(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *value) {
    GetSetDescr *d = as_getset(self);
    if (check_descr_self(vm, d->def->name, d->owner, obj) < 0) return -1;
    if (!d->def->set) {
        ouro_err_format(vm, &ouro_exc_AttributeError, "attribute '%s' of '%s' objects is not writable",
                        d->def->name, d->owner->name);
        return -1;
    }
    return d->def->set(vm, obj, value);
}

static OuroObject *getset_repr(OuroVM *vm, OuroObject *self) {
    GetSetDescr *d = as_getset(self);
    return ouro_str_from_format(vm, "<attribute '%s' of '%s' objects>", d->def->name, d->owner->name);
}

static OuroObject *getset_get_name(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_cstr(vm, as_getset(self)->def->name);
}
static OuroObject *getset_get_qualname(OuroVM *vm, OuroObject *self) {
    GetSetDescr *d = as_getset(self);
    return descr_qualname(vm, d->owner, d->def->name);
}
static OuroObject *getset_get_objclass(OuroVM *vm, OuroObject *self) {
    return ouro_newref((OuroObject *)as_getset(self)->owner);
}
static OuroObject *getset_get_doc(OuroVM *vm, OuroObject *self) {
    return def_doc(vm, as_getset(self)->def->doc);
}

static const OuroGetSetDef getset_getsets[] = {
    {"__name__", getset_get_name, NULL, NULL},
    {"__qualname__", getset_get_qualname, NULL, NULL},
    {"__objclass__", getset_get_objclass, NULL, NULL},
    {"__doc__", getset_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_getset_descriptor_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = getset_traverse, .dealloc = getset_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "getset_descriptor",
    .basicsize = sizeof(GetSetDescr),
    .repr = getset_repr,
    .descr_get = getset_get,
    .descr_set = getset_set,
    .getsets = getset_getsets,
};

/* ---- member descriptors ------------------------------------------------------------------------
 * One per name in a class's __slots__: the value lives in the instance at offset (NULL while
 * unset). The owner is always a heap type, held by a reference. */

typedef struct MemberDescr {
    OuroObject ob;
    OuroType *owner;
    OuroObject *name;                 /* str */
    size_t offset;
} MemberDescr;

static MemberDescr *as_member(OuroObject *o) { return (MemberDescr *)o; }

OuroObject *ouro_member_descriptor_new(OuroVM *vm, OuroType *owner, OuroObject *name,
                                       size_t offset) {
    MemberDescr *d = (MemberDescr *)ouro_gc_alloc(ouro_heap(vm), &ouro_member_descriptor_type,
                                                  sizeof(MemberDescr));
    if (!d) return ouro_err_no_memory(vm);
    d->owner = (OuroType *)ouro_newref((OuroObject *)owner);
    d->name = ouro_newref(name);
    d->offset = offset;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)d);
    return (OuroObject *)d;
}

static int member_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    return visit((OuroObject *)as_member(self)->owner, arg);
}

static void member_dealloc(OuroHeap *heap, OuroObject *self) {
    MemberDescr *d = as_member(self);
    OuroObject *owner = (OuroObject *)d->owner, *name = d->name;
    ouro_gc_untrack(heap, self);
    ouro_gc_free(heap, self);
    ouro_gc_decref(heap, name);
    ouro_gc_decref(heap, owner);
}

static OuroObject **member_slot(MemberDescr *d, OuroObject *obj) {
    return (OuroObject **)(void *)((char *)obj + d->offset);
}

static OuroObject *member_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    MemberDescr *d = as_member(self);
    if (!obj) return ouro_newref(self);
    if (check_descr_self(vm, ouro_str_cstr(d->name), d->owner, obj) < 0) return NULL;
    OuroObject *v = *member_slot(d, obj);
    if (!v) {
        ouro_err_format(vm, &ouro_exc_AttributeError, "'%s' object has no attribute '%U'",
                        ouro_type_of(obj)->name, d->name);
        /* The eval loop's attribute caches may call this directly, not via getattr. */
        ouro_exc_attribute_error_context(vm, obj, d->name);
        return NULL;
    }
    return ouro_newref(v);
}

static int member_set(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *value) {
    MemberDescr *d = as_member(self);
    if (check_descr_self(vm, ouro_str_cstr(d->name), d->owner, obj) < 0) return -1;
    OuroObject **slot = member_slot(d, obj);
    if (!value && !*slot) {
        /* CPython's PyMember_SetOne says only the name here. */
        ouro_err_set(vm, &ouro_exc_AttributeError, d->name);
        return -1;
    }
    OuroObject *old = *slot;
    *slot = value ? ouro_newref(value) : NULL;
    ouro_xdecref(vm, old);
    return 0;
}

static OuroObject *member_repr(OuroVM *vm, OuroObject *self) {
    MemberDescr *d = as_member(self);
    return ouro_str_from_format(vm, "<member '%U' of '%s' objects>", d->name, d->owner->name);
}

static OuroObject *member_get_name(OuroVM *vm, OuroObject *self) {
    return ouro_newref(as_member(self)->name);
}
static OuroObject *member_get_qualname(OuroVM *vm, OuroObject *self) {
    MemberDescr *d = as_member(self);
    return descr_qualname(vm, d->owner, ouro_str_cstr(d->name));
}
static OuroObject *member_get_objclass(OuroVM *vm, OuroObject *self) {
    return ouro_newref((OuroObject *)as_member(self)->owner);
}
static OuroObject *member_get_doc(OuroVM *vm, OuroObject *self) { return ouro_newref(ouro_none); }

static const OuroGetSetDef member_getsets[] = {
    {"__name__", member_get_name, NULL, NULL},
    {"__qualname__", member_get_qualname, NULL, NULL},
    {"__objclass__", member_get_objclass, NULL, NULL},
    {"__doc__", member_get_doc, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_member_descriptor_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = member_traverse, .dealloc = member_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "member_descriptor",
    .basicsize = sizeof(MemberDescr),
    .repr = member_repr,
    .descr_get = member_get,
    .descr_set = member_set,
    .getsets = member_getsets,
};

/* ---- slot wrappers ------------------------------------------------------------------------------
 * One table row per dunder a static type can define through a slot. The wrapper calls the
 * OWNER's slot (int.__add__ is int's nb[ADD] even when called on a bool). */

typedef enum {
    K_UNARY, K_HASH, K_LEN, K_BOOL, K_NEXT, K_BINARY, K_RBINARY, K_RICHCMP, K_GETATTR,
    K_SETATTR, K_DELATTR, K_SETITEM, K_DELITEM, K_CONTAINS, K_CALL, K_INIT, K_GET, K_SET,
    K_DELETE,
} WrapKind;

typedef struct SlotDef {
    const char *name;
    WrapKind kind;
    int op;                           /* comparison operator for K_RICHCMP */
    size_t offset;                    /* of the slot in OuroType */
    const char *doc;
} SlotDef;

#define SLOT(name, kind, field, doc) {name, kind, 0, offsetof(OuroType, field), doc}
#define CMP(name, op, doc) {name, K_RICHCMP, op, offsetof(OuroType, richcompare), doc}
#define BIN(name, rname, iname, index, sym)                                               \
    {name, K_BINARY, 0, offsetof(OuroType, nb) + (index) * sizeof(OuroBinaryFn),          \
     "Return self" sym "value."},                                                           \
    {rname, K_RBINARY, 0, offsetof(OuroType, nb) + (index) * sizeof(OuroBinaryFn),        \
     "Return value" sym "self."},                                                           \
    {iname, K_BINARY, 0, offsetof(OuroType, nb_inplace) + (index) * sizeof(OuroBinaryFn), \
     "Return self" sym "=value."}

static const SlotDef slotdefs[] = {
    SLOT("__repr__", K_UNARY, repr, "Return repr(self)."),
    SLOT("__str__", K_UNARY, str, "Return str(self)."),
    SLOT("__hash__", K_HASH, hash, "Return hash(self)."),
    SLOT("__call__", K_CALL, call, "Call self as a function."),
    SLOT("__getattribute__", K_GETATTR, getattr, "Return getattr(self, name)."),
    SLOT("__setattr__", K_SETATTR, setattr, "Implement setattr(self, name, value)."),
    SLOT("__delattr__", K_DELATTR, setattr, "Implement delattr(self, name)."),
    CMP("__lt__", OURO_LT, "Return self<value."),
    CMP("__le__", OURO_LE, "Return self<=value."),
    CMP("__eq__", OURO_EQ, "Return self==value."),
    CMP("__ne__", OURO_NE, "Return self!=value."),
    CMP("__gt__", OURO_GT, "Return self>value."),
    CMP("__ge__", OURO_GE, "Return self>=value."),
    SLOT("__iter__", K_UNARY, iter, "Implement iter(self)."),
    SLOT("__next__", K_NEXT, iternext, "Implement next(self)."),
    SLOT("__get__", K_GET, descr_get, "Return an attribute of instance, which is of type owner."),
    SLOT("__set__", K_SET, descr_set, "Set an attribute of instance to value."),
    SLOT("__delete__", K_DELETE, descr_set, "Delete an attribute of instance."),
    SLOT("__init__", K_INIT, init, "Initialize self.  See help(type(self)) for accurate signature."),
    SLOT("__len__", K_LEN, length, "Return len(self)."),
    SLOT("__getitem__", K_BINARY, getitem, "Return self[key]."),
    SLOT("__setitem__", K_SETITEM, setitem, "Set self[key] to value."),
    SLOT("__delitem__", K_DELITEM, setitem, "Delete self[key]."),
    SLOT("__contains__", K_CONTAINS, contains, "Return key in self."),
    SLOT("__bool__", K_BOOL, nb_bool, "True if self else False"),
    SLOT("__neg__", K_UNARY, nb_negative, "-self"),
    SLOT("__pos__", K_UNARY, nb_positive, "+self"),
    SLOT("__abs__", K_UNARY, nb_absolute, "abs(self)"),
    SLOT("__invert__", K_UNARY, nb_invert, "~self"),
    SLOT("__int__", K_UNARY, nb_int, "int(self)"),
    SLOT("__float__", K_UNARY, nb_float, "float(self)"),
    SLOT("__index__", K_UNARY, nb_index,
         "Return self converted to an integer, if self is suitable for use as an index into a list."),
    BIN("__add__", "__radd__", "__iadd__", OURO_NB_ADD, "+"),
    BIN("__and__", "__rand__", "__iand__", OURO_NB_AND, "&"),
    BIN("__floordiv__", "__rfloordiv__", "__ifloordiv__", OURO_NB_FLOOR_DIVIDE, "//"),
    BIN("__lshift__", "__rlshift__", "__ilshift__", OURO_NB_LSHIFT, "<<"),
    BIN("__matmul__", "__rmatmul__", "__imatmul__", OURO_NB_MATRIX_MULTIPLY, "@"),
    BIN("__mul__", "__rmul__", "__imul__", OURO_NB_MULTIPLY, "*"),
    BIN("__mod__", "__rmod__", "__imod__", OURO_NB_REMAINDER, "%"),
    BIN("__or__", "__ror__", "__ior__", OURO_NB_OR, "|"),
    BIN("__pow__", "__rpow__", "__ipow__", OURO_NB_POWER, "**"),
    BIN("__rshift__", "__rrshift__", "__irshift__", OURO_NB_RSHIFT, ">>"),
    BIN("__sub__", "__rsub__", "__isub__", OURO_NB_SUBTRACT, "-"),
    BIN("__truediv__", "__rtruediv__", "__itruediv__", OURO_NB_TRUE_DIVIDE, "/"),
    BIN("__xor__", "__rxor__", "__ixor__", OURO_NB_XOR, "^"),
};

#undef SLOT
#undef CMP
#undef BIN

typedef void (*AnyFn)(void);

static AnyFn slot_of(const OuroType *t, size_t offset) {
    AnyFn f;
    memcpy(&f, (const char *)t + offset, sizeof f);
    return f;
}

typedef struct SlotWrapper {
    OuroObject ob;
    OuroType *owner;                  /* static: never refcounted */
    const SlotDef *def;
} SlotWrapper;

typedef struct MethodWrapper {
    OuroObject ob;
    OuroObject *descr;                /* the SlotWrapper */
    OuroObject *self;
} MethodWrapper;

static SlotWrapper *as_wrapper(OuroObject *o) { return (SlotWrapper *)o; }

static int check_nargs(OuroVM *vm, size_t nargs, size_t want) {
    if (nargs == want) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "expected %zu argument%s, got %zu", want,
                    want == 1 ? "" : "s", nargs);
    return -1;
}

static OuroObject *none_or_null(int r) { return r < 0 ? NULL : ouro_newref(ouro_none); }

static OuroObject *wrap_get(OuroVM *vm, OuroDescrGetFn f, OuroObject *self, OuroObject *const *args,
                            size_t nargs) {
    if (nargs < 1 || nargs > 2) {
        return ouro_err_format(vm, &ouro_exc_TypeError, "expected %s1 argument%s, got %zu",
                               nargs < 1 ? "at least " : "at most ", nargs < 1 ? "" : "s", nargs);
    }
    OuroObject *obj = args[0] == ouro_none ? NULL : args[0];
    OuroObject *type = nargs > 1 && args[1] != ouro_none ? args[1] : NULL;
    if (!obj && !type)
        return ouro_err_format(vm, &ouro_exc_TypeError, "__get__(None, None) is invalid");
    return f(vm, self, obj, type);
}

static bool takes_keywords(WrapKind k) { return k == K_CALL || k == K_INIT; }

/* Arity of each kind (K_CALL, K_INIT and K_GET check for themselves). */
static size_t kind_arity(WrapKind k) {
    switch (k) {
    case K_UNARY: case K_HASH: case K_LEN: case K_BOOL: case K_NEXT: return 0;
    case K_SETATTR: case K_SETITEM: case K_SET: return 2;
    default: return 1;
    }
}

static OuroObject *wrap_name_check(OuroVM *vm, OuroObject *name) {
    if (ouro_str_check(name)) return name;
    return ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
}

/* Calls the owner's slot for the wrapper's dunder on self with the remaining args. */
static OuroObject *wrapper_dispatch(OuroVM *vm, OuroType *owner, const SlotDef *def,
                                    OuroObject *self, OuroObject *const *args, size_t nargs,
                                    OuroObject *kwnames) {
    WrapKind k = def->kind;
    if (!takes_keywords(k) && has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "wrapper %s() takes no keyword arguments", def->name);
    if (k != K_CALL && k != K_INIT && k != K_GET && check_nargs(vm, nargs, kind_arity(k)) < 0)
        return NULL;
    AnyFn any = slot_of(owner, def->offset);
    switch (k) {
    case K_UNARY: return ((OuroUnaryFn)any)(vm, self);
    case K_HASH: {
        intptr_t h = ((OuroHashFn)any)(vm, self);
        return h == -1 ? NULL : ouro_int_from_i64(vm, h);
    }
    case K_LEN: {
        intptr_t n = ((OuroLenFn)any)(vm, self);
        return n < 0 ? NULL : ouro_int_from_i64(vm, n);
    }
    case K_BOOL: {
        int r = ((OuroInquiryFn)any)(vm, self);
        return r < 0 ? NULL : ouro_newref(ouro_bool_from(r));
    }
    case K_NEXT: {
        OuroObject *r = ((OuroIterNextFn)any)(vm, self);
        if (!r && !ouro_err_occurred(vm)) ouro_err_set_none(vm, &ouro_exc_StopIteration);
        return r;
    }
    case K_BINARY: return ((OuroBinaryFn)any)(vm, self, args[0]);
    case K_RBINARY: return ((OuroBinaryFn)any)(vm, args[0], self);
    case K_RICHCMP: return ((OuroRichCmpFn)any)(vm, self, args[0], def->op);
    case K_GETATTR:
        if (!wrap_name_check(vm, args[0])) return NULL;
        return ((OuroGetAttrFn)any)(vm, self, args[0]);
    case K_SETATTR:
        if (!wrap_name_check(vm, args[0])) return NULL;
        return none_or_null(((OuroSetAttrFn)any)(vm, self, args[0], args[1]));
    case K_DELATTR:
        if (!wrap_name_check(vm, args[0])) return NULL;
        return none_or_null(((OuroSetAttrFn)any)(vm, self, args[0], NULL));
    case K_SETITEM: return none_or_null(((OuroSetItemFn)any)(vm, self, args[0], args[1]));
    case K_DELITEM: return none_or_null(((OuroSetItemFn)any)(vm, self, args[0], NULL));
    case K_CONTAINS: {
        int r = ((OuroContainsFn)any)(vm, self, args[0]);
        return r < 0 ? NULL : ouro_newref(ouro_bool_from(r));
    }
    case K_CALL: return ((OuroCallFn)any)(vm, self, args, nargs, kwnames);
    case K_INIT: return none_or_null(((OuroInitFn)any)(vm, self, args, nargs, kwnames));
    case K_GET: return wrap_get(vm, (OuroDescrGetFn)any, self, args, nargs);
    case K_SET: return none_or_null(((OuroDescrSetFn)any)(vm, self, args[0], args[1]));
    case K_DELETE: return none_or_null(((OuroDescrSetFn)any)(vm, self, args[0], NULL));
    }
    return NULL;
}

static OuroObject *slotwrapper_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    SlotWrapper *w = as_wrapper(callable);
    if (nargs < 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "descriptor '%s' of '%s' object needs an argument",
                               w->def->name, w->owner->name);
    OuroType *t = ouro_type_of(args[0]);
    if (t != w->owner && !ouro_type_is_subtype(t, w->owner))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "descriptor '%s' requires a '%s' object but received a '%s'",
                               w->def->name, w->owner->name, t->name);
    return wrapper_dispatch(vm, w->owner, w->def, args[0], args + 1, nargs - 1, kwnames);
}

static OuroObject *method_wrapper_new(OuroVM *vm, OuroObject *descr, OuroObject *self) {
    MethodWrapper *m = (MethodWrapper *)ouro_gc_alloc(ouro_heap(vm), &ouro_method_wrapper_type,
                                                      sizeof(MethodWrapper));
    if (!m) return ouro_err_no_memory(vm);
    m->descr = ouro_newref(descr);
    m->self = ouro_newref(self);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)m);
    return (OuroObject *)m;
}

static OuroObject *slotwrapper_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    SlotWrapper *w = as_wrapper(self);
    if (!obj) return ouro_newref(self);
    if (check_descr_self(vm, w->def->name, w->owner, obj) < 0) return NULL;
    return method_wrapper_new(vm, self, obj);
}

static OuroObject *slotwrapper_repr(OuroVM *vm, OuroObject *self) {
    SlotWrapper *w = as_wrapper(self);
    return ouro_str_from_format(vm, "<slot wrapper '%s' of '%s' objects>", w->def->name, w->owner->name);
}

/* A container only so gc.is_tracked(int.__add__) is True as in CPython: the owner is a
 * static type (no reference), so there is nothing to visit or clear. */
static int slotwrapper_traverse(OuroObject *self, OuroVisitFn visit, void *arg) { return 0; }

static void plain_dealloc(OuroHeap *heap, OuroObject *self) { ouro_gc_free(heap, self); }

static OuroObject *slotwrapper_get_name(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_cstr(vm, as_wrapper(self)->def->name);
}
static OuroObject *slotwrapper_get_qualname(OuroVM *vm, OuroObject *self) {
    SlotWrapper *w = as_wrapper(self);
    return descr_qualname(vm, w->owner, w->def->name);
}
static OuroObject *slotwrapper_get_objclass(OuroVM *vm, OuroObject *self) {
    return ouro_newref((OuroObject *)as_wrapper(self)->owner);
}
static OuroObject *slotwrapper_get_doc(OuroVM *vm, OuroObject *self) {
    return def_doc(vm, as_wrapper(self)->def->doc);
}

static const OuroGetSetDef slotwrapper_getsets[] = {
    {"__name__", slotwrapper_get_name, NULL, NULL},
    {"__qualname__", slotwrapper_get_qualname, NULL, NULL},
    {"__objclass__", slotwrapper_get_objclass, NULL, NULL},
    {"__doc__", slotwrapper_get_doc, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_slot_wrapper_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = slotwrapper_traverse, .dealloc = plain_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "wrapper_descriptor",
    .basicsize = sizeof(SlotWrapper),
    .repr = slotwrapper_repr,
    .call = slotwrapper_call,
    .descr_get = slotwrapper_get,
    .getsets = slotwrapper_getsets,
};

/* ---- method-wrapper: a slot wrapper bound to an instance ------------------------------------- */

static MethodWrapper *as_mw(OuroObject *o) { return (MethodWrapper *)o; }

static OuroObject *mw_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    MethodWrapper *m = as_mw(callable);
    SlotWrapper *w = as_wrapper(m->descr);
    return wrapper_dispatch(vm, w->owner, w->def, m->self, args, nargs, kwnames);
}

static int mw_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    int r = visit(as_mw(self)->descr, arg);
    return r ? r : visit(as_mw(self)->self, arg);
}

static void mw_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroObject *descr = as_mw(self)->descr, *obj = as_mw(self)->self;
    ouro_gc_untrack(heap, self);
    ouro_gc_free(heap, self);
    ouro_gc_decref(heap, descr);
    ouro_gc_decref(heap, obj);
}

static OuroObject *mw_repr(OuroVM *vm, OuroObject *self) {
    MethodWrapper *m = as_mw(self);
    return ouro_str_from_format(vm, "<method-wrapper '%s' of %s object at %p>",
                                as_wrapper(m->descr)->def->name, ouro_type_name(ouro_type_of(m->self)),
                                (void *)m->self);
}

static OuroObject *mw_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if ((op != OURO_EQ && op != OURO_NE) || ouro_type_of(a) != ouro_type_of(b))
        return ouro_newref(ouro_not_implemented);
    bool eq = as_mw(a)->descr == as_mw(b)->descr && as_mw(a)->self == as_mw(b)->self;
    return ouro_newref(ouro_bool_from(op == OURO_EQ ? eq : !eq));
}

static intptr_t mw_hash(OuroVM *vm, OuroObject *self) {
    intptr_t x = hash_pointer(as_mw(self)->self) ^ hash_pointer(as_mw(self)->descr);
    return x == -1 ? -2 : x;
}

static OuroObject *mw_get_self(OuroVM *vm, OuroObject *self) { return ouro_newref(as_mw(self)->self); }
static OuroObject *mw_get_name(OuroVM *vm, OuroObject *self) {
    return slotwrapper_get_name(vm, as_mw(self)->descr);
}
static OuroObject *mw_get_qualname(OuroVM *vm, OuroObject *self) {
    return slotwrapper_get_qualname(vm, as_mw(self)->descr);
}
static OuroObject *mw_get_objclass(OuroVM *vm, OuroObject *self) {
    return slotwrapper_get_objclass(vm, as_mw(self)->descr);
}
static OuroObject *mw_get_doc(OuroVM *vm, OuroObject *self) {
    return slotwrapper_get_doc(vm, as_mw(self)->descr);
}

static const OuroGetSetDef mw_getsets[] = {
    {"__self__", mw_get_self, NULL, NULL},
    {"__name__", mw_get_name, NULL, NULL},
    {"__qualname__", mw_get_qualname, NULL, NULL},
    {"__objclass__", mw_get_objclass, NULL, NULL},
    {"__doc__", mw_get_doc, NULL, NULL},
    {"__text_signature__", get_none, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_method_wrapper_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = mw_traverse, .dealloc = mw_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "method-wrapper",
    .basicsize = sizeof(MethodWrapper),
    .repr = mw_repr,
    .hash = mw_hash,
    .richcompare = mw_richcompare,
    .call = mw_call,
    .getsets = mw_getsets,
};

/* ---- __new__ of static types -------------------------------------------------------------------
 * A built-in method bound to the type (as CPython's tp_new_wrapper): object.__new__(X, ...)
 * checks X, then calls the type's new_ slot with the rest. */

static OuroObject *tp_new_wrapper(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames);

static const OuroMethodDef new_def = {
    "__new__", tp_new_wrapper, 0,
    "Create and return a new object.  See help(type) for accurate signature."};

bool ouro_is_builtin_new(OuroObject *o) {
    return o && !OURO_IS_SMALLINT(o) && o->type == &ouro_builtin_function_type &&
           as_cfunc(o)->def == &new_def;
}

/* The nearest class at or above t whose __new__ is a built-in one. */
static OuroType *static_new_base(OuroVM *vm, OuroType *t) {
    while (t && is_heap(t) && !ouro_is_builtin_new(ouro_type_lookup(t, OURO_ID(vm, __new__))))
        t = t->base;
    return t;
}

static OuroObject *tp_new_wrapper(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    OuroType *type = (OuroType *)self;
    if (nargs < 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__new__(): not enough arguments", type->name);
    OuroObject *arg0 = args[0];
    if (!ouro_type_has_flag(ouro_type_of(arg0), OURO_TPFLAG_TYPE_SUBCLASS))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__new__(X): X is not a type object (%s)",
                               type->name, ouro_type_name(ouro_type_of(arg0)));
    OuroType *subtype = (OuroType *)arg0;
    if (!ouro_type_is_subtype(subtype, type))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__new__(%s): %s is not a subtype of %s",
                               type->name, subtype->name, subtype->name, type->name);
    OuroType *staticbase = static_new_base(vm, subtype);
    if (staticbase && staticbase->new_ != type->new_)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()",
                               type->name, subtype->name, staticbase->name);
    return type->new_(vm, subtype, args + 1, nargs - 1, kwnames);
}

/* A slot counts as defined by t when it differs from its base's (before inheritance). */
static bool defines_slot(const OuroType *t, size_t offset) {
    AnyFn mine = slot_of(t, offset);
    if (!mine) return false;
    /* Mutable containers spell "unhashable" with a function; __hash__ is None for them. */
    if (offset == offsetof(OuroType, hash) && mine == (AnyFn)ouro_hash_unhashable) return false;
    return !t->base || mine != slot_of(t->base, offset);
}

static int add_entry(OuroVM *vm, OuroType *t, const char *name, OuroObject *value) {
    if (!value) return -1;
    int r = 0;
    if (!ouro_dict_get_cstr(vm, t->dict, name)) r = ouro_dict_set_cstr(vm, t->dict, name, value);
    ouro_decref(vm, value);
    return r;
}

int ouro_slot_wrappers_add(OuroVM *vm, OuroType *t) {
    for (size_t i = 0; i < sizeof slotdefs / sizeof slotdefs[0]; i++) {
        const SlotDef *def = &slotdefs[i];
        if (!defines_slot(t, def->offset)) continue;
        SlotWrapper *w = (SlotWrapper *)ouro_gc_alloc(ouro_heap(vm), &ouro_slot_wrapper_type,
                                                      sizeof(SlotWrapper));
        if (!w) {
            ouro_err_no_memory(vm);
            return -1;
        }
        w->owner = t;
        w->def = def;
        ouro_gc_track(ouro_heap(vm), (OuroObject *)w);
        if (add_entry(vm, t, def->name, (OuroObject *)w) < 0) return -1;
    }
    if (t->new_ && (!t->base || t->new_ != t->base->new_)) {
        if (add_entry(vm, t, "__new__", ouro_cfunction_new(vm, &new_def, (OuroObject *)t, NULL)) < 0)
            return -1;
    }
    return 0;
}
