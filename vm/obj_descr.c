/* vm/obj_descr.c — the descriptor decorators: staticmethod, classmethod and property, with
 * CPython 3.11's binding rules and messages ("property 'x' of 'C' object has no setter").
 * staticmethod/classmethod copy the wrapped function's __name__, __qualname__, __doc__ and
 * __module__ into their own __dict__, as 3.10+ does. */
#include "vm/ouro.h"

#include <stddef.h>

static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }

/* Allocates an instance of a (possibly heap) subtype of one of these types. */
static OuroObject *alloc_instance(OuroVM *vm, OuroType *type) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    if (is_heap(type)) ouro_incref((OuroObject *)type);
    return o;
}

static void release_type(OuroHeap *heap, OuroType *type) {
    if (is_heap(type)) ouro_gc_decref(heap, (OuroObject *)type);
}

/* ---- staticmethod and classmethod ---------------------------------------------------------- */

static OuroWrapper *as_wrapper(OuroObject *o) { return (OuroWrapper *)o; }

/* functools.wraps-like copying of the wrapped callable's identity into the wrapper's dict. */
static int copy_identity(OuroVM *vm, OuroWrapper *w) {
    OuroObject *names[] = {OURO_ID(vm, __module__), OURO_ID(vm, __name__),
                           OURO_ID(vm, __qualname__), OURO_ID(vm, __doc__)};
    if (!w->dict && !(w->dict = ouro_dict_new(vm))) return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        OuroObject *v = ouro_object_lookup_attr(vm, w->callable, names[i]);
        if (!v) {
            if (ouro_err_occurred(vm)) return -1;
            continue;
        }
        int r = ouro_dict_set(vm, w->dict, names[i], v);
        ouro_decref(vm, v);
        if (r < 0) return -1;
    }
    return ouro_dict_set(vm, w->dict, OURO_ID(vm, __wrapped__), w->callable);
}

static OuroObject *wrapper_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames, const char *name) {
    if (kwnames && ouro_tuple_size(kwnames) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no keyword arguments", name);
    if (nargs != 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s expected 1 argument, got %zu", name, nargs);
    OuroWrapper *w = (OuroWrapper *)alloc_instance(vm, type);
    if (!w) return NULL;
    w->callable = ouro_newref(args[0]);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)w);
    if (copy_identity(vm, w) < 0) {
        ouro_decref(vm, (OuroObject *)w);
        return NULL;
    }
    return (OuroObject *)w;
}

static OuroObject *staticmethod_new(OuroVM *vm, OuroType *type, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    return wrapper_new(vm, type, args, nargs, kwnames, "staticmethod");
}

static OuroObject *classmethod_new(OuroVM *vm, OuroType *type, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    return wrapper_new(vm, type, args, nargs, kwnames, "classmethod");
}

static int wrapper_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroWrapper *w = as_wrapper(self);
    int r;
    if (w->callable && (r = visit(w->callable, arg))) return r;
    if (w->dict && (r = visit(w->dict, arg))) return r;
    return is_heap(self->type) ? visit((OuroObject *)self->type, arg) : 0;
}

static void wrapper_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    ouro_clear(vm, &as_wrapper(self)->callable);
    ouro_clear(vm, &as_wrapper(self)->dict);
}

static void wrapper_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    ouro_gc_untrack(heap, self);
    wrapper_clear(heap, self);
    ouro_gc_free(heap, self);
    release_type(heap, type);
}

static OuroObject *staticmethod_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    OuroObject *c = as_wrapper(self)->callable;
    if (!c) return ouro_err_format(vm, &ouro_exc_RuntimeError, "uninitialized staticmethod object");
    return ouro_newref(c);
}

static OuroObject *staticmethod_call(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kwnames) {
    OuroObject *c = as_wrapper(self)->callable;
    if (!c) return ouro_err_format(vm, &ouro_exc_RuntimeError, "uninitialized staticmethod object");
    return ouro_object_call(vm, c, args, nargs, kwnames);
}

static OuroObject *classmethod_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    OuroObject *c = as_wrapper(self)->callable;
    if (!c) return ouro_err_format(vm, &ouro_exc_RuntimeError, "uninitialized classmethod object");
    if (!type) type = (OuroObject *)ouro_type_of(obj);
    OuroType *ct = ouro_type_of(c);
    /* A built-in classmethod (dict.fromkeys) binds to the class directly. */
    if (ct == &ouro_method_descriptor_type) {
        const OuroCFunctionObject *d = (const OuroCFunctionObject *)c;
        if (d->def->flags & OURO_METH_CLASS) return ouro_cfunction_new(vm, d->def, type, NULL);
    }
    if (ct->descr_get) return ct->descr_get(vm, c, type, type);
    return ouro_method_new(vm, c, type);
}

static OuroObject *wrapper_repr(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_format(vm, "<%s(%R)>", ouro_type_name(ouro_type_of(self)),
                                as_wrapper(self)->callable ? as_wrapper(self)->callable : ouro_none);
}

static OuroObject *wrapper_get_func(OuroVM *vm, OuroObject *self) {
    OuroObject *c = as_wrapper(self)->callable;
    return ouro_newref(c ? c : ouro_none);
}

static OuroObject *wrapper_get_isabstract(OuroVM *vm, OuroObject *self) {
    OuroObject *c = as_wrapper(self)->callable;
    if (!c) return ouro_newref(ouro_false);
    OuroObject *name = ouro_str_intern_cstr(vm, "__isabstractmethod__");
    if (!name) return NULL;
    OuroObject *v = ouro_object_lookup_attr(vm, c, name);
    ouro_decref(vm, name);
    if (!v) return ouro_err_occurred(vm) ? NULL : ouro_newref(ouro_false);
    int t = ouro_object_truthy(vm, v);
    ouro_decref(vm, v);
    return t < 0 ? NULL : ouro_newref(ouro_bool_from(t));
}

static OuroObject *wrapper_get_dict(OuroVM *vm, OuroObject *self) {
    OuroWrapper *w = as_wrapper(self);
    if (!w->dict && !(w->dict = ouro_dict_new(vm))) return NULL;
    return ouro_newref(w->dict);
}

static const OuroGetSetDef wrapper_getsets[] = {
    {"__func__", wrapper_get_func, NULL, NULL},
    {"__isabstractmethod__", wrapper_get_isabstract, NULL, NULL},
    {"__dict__", wrapper_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_staticmethod_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = wrapper_traverse, .clear = wrapper_clear, .dealloc = wrapper_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "staticmethod",
    .basicsize = sizeof(OuroWrapper),
    .dict_offset = offsetof(OuroWrapper, dict),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = wrapper_repr,
    .call = staticmethod_call,
    .descr_get = staticmethod_get,
    .new_ = staticmethod_new,
    .getsets = wrapper_getsets,
    .doc = "staticmethod(function) -> method\n\nConvert a function to be a static method.",
};

OuroType ouro_classmethod_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = wrapper_traverse, .clear = wrapper_clear, .dealloc = wrapper_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "classmethod",
    .basicsize = sizeof(OuroWrapper),
    .dict_offset = offsetof(OuroWrapper, dict),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = wrapper_repr,
    .descr_get = classmethod_get,
    .new_ = classmethod_new,
    .getsets = wrapper_getsets,
    .doc = "classmethod(function) -> method\n\nConvert a function to be a class method.",
};

/* ---- property --------------------------------------------------------------------------------- */

/* OuroProperty plus what only this file needs: the name given by __set_name__ (for the
 * error messages) and whether doc was taken from the getter (getter() then refreshes it). */
typedef struct Property {
    OuroProperty p;
    OuroObject *name;                 /* str or NULL */
    bool getter_doc;
} Property;

static Property *as_prop(OuroObject *o) { return (Property *)o; }

static OuroObject *property_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                                OuroObject *kwnames) {
    size_t size = type->basicsize < sizeof(Property) ? sizeof(Property) : type->basicsize;
    Property *p = (Property *)ouro_gc_alloc(ouro_heap(vm), type, size);
    if (!p) return ouro_err_no_memory(vm);
    if (is_heap(type)) ouro_incref((OuroObject *)type);
    p->p.fget = ouro_newref(ouro_none);
    p->p.fset = ouro_newref(ouro_none);
    p->p.fdel = ouro_newref(ouro_none);
    p->p.doc = ouro_newref(ouro_none);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)p);
    return (OuroObject *)p;
}

static int property_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                         OuroObject *kwnames) {
    static const char *const names[] = {"fget", "fset", "fdel", "doc"};
    OuroObject *a[4];
    if (ouro_args_bind(vm, "property", args, nargs, kwnames, names, 4, 0, 0, a) < 0) return -1;
    Property *p = as_prop(self);
    OuroObject *fget = a[0] ? a[0] : ouro_none, *doc = a[3] ? a[3] : ouro_none;
    ouro_setref(vm, &p->p.fget, ouro_newref(fget));
    ouro_setref(vm, &p->p.fset, ouro_newref(a[1] ? a[1] : ouro_none));
    ouro_setref(vm, &p->p.fdel, ouro_newref(a[2] ? a[2] : ouro_none));
    p->getter_doc = false;
    if (doc == ouro_none && fget != ouro_none) {
        OuroObject *d = ouro_object_lookup_attr(vm, fget, OURO_ID(vm, __doc__));
        if (!d && ouro_err_occurred(vm)) return -1;
        if (d) {
            ouro_setref(vm, &p->p.doc, d);
            p->getter_doc = true;
            return 0;
        }
    }
    ouro_setref(vm, &p->p.doc, ouro_newref(doc));
    return 0;
}

static int property_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    Property *p = as_prop(self);
    OuroObject *fields[] = {p->p.fget, p->p.fset, p->p.fdel, p->p.doc, p->name};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        int r;
        if (fields[i] && (r = visit(fields[i], arg))) return r;
    }
    return is_heap(self->type) ? visit((OuroObject *)self->type, arg) : 0;
}

/* The collector's clear: the accessors become None (never NULL), so a cleared property
 * still behaves as one without getter, setter or deleter. */
static void property_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    Property *p = as_prop(self);
    ouro_setref(vm, &p->p.fget, ouro_newref(ouro_none));
    ouro_setref(vm, &p->p.fset, ouro_newref(ouro_none));
    ouro_setref(vm, &p->p.fdel, ouro_newref(ouro_none));
    ouro_setref(vm, &p->p.doc, ouro_newref(ouro_none));
    ouro_clear(vm, &p->name);
}

static void property_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    OuroVM *vm = ouro_vm_of_heap(heap);
    Property *p = as_prop(self);
    ouro_gc_untrack(heap, self);
    ouro_clear(vm, &p->p.fget);
    ouro_clear(vm, &p->p.fset);
    ouro_clear(vm, &p->p.fdel);
    ouro_clear(vm, &p->p.doc);
    ouro_clear(vm, &p->name);
    ouro_gc_free(heap, self);
    release_type(heap, type);
}

/* "property 'x' of 'C' object has no getter" (3.11 wording; degrades without a name). */
static void missing_accessor(OuroVM *vm, Property *p, OuroObject *obj, const char *what) {
    OuroType *t = ouro_type_of(obj);
    OuroObject *qual = ouro_object_getattr(vm, (OuroObject *)t, OURO_ID(vm, __qualname__));
    if (!qual) return;
    if (p->name)
        ouro_err_format(vm, &ouro_exc_AttributeError, "property %R of %R object has no %s", p->name,
                        qual, what);
    else
        ouro_err_format(vm, &ouro_exc_AttributeError, "property of %R object has no %s", qual, what);
    ouro_decref(vm, qual);
}

static OuroObject *property_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    if (!obj || obj == ouro_none) return ouro_newref(self);
    Property *p = as_prop(self);
    if (p->p.fget == ouro_none) {
        missing_accessor(vm, p, obj, "getter");
        return NULL;
    }
    return ouro_object_call1(vm, p->p.fget, obj);
}

static int property_set(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *value) {
    Property *p = as_prop(self);
    OuroObject *func = value ? p->p.fset : p->p.fdel;
    if (func == ouro_none) {
        missing_accessor(vm, p, obj, value ? "setter" : "deleter");
        return -1;
    }
    OuroObject *args[2] = {obj, value};
    OuroObject *r = ouro_object_call(vm, func, args, value ? 2 : 1, NULL);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

/* getter()/setter()/deleter(): a copy of the property (of the same class) with one accessor
 * replaced, as CPython's property_copy. */
static OuroObject *property_copy(OuroVM *vm, OuroObject *self, OuroObject *get, OuroObject *set,
                                 OuroObject *del) {
    Property *p = as_prop(self);
    if (!get) get = p->p.fget;
    if (!set) set = p->p.fset;
    if (!del) del = p->p.fdel;
    OuroObject *doc = p->getter_doc && get != ouro_none ? ouro_none : p->p.doc;
    OuroObject *args[4] = {get, set, del, doc};
    OuroObject *copy = ouro_object_call(vm, (OuroObject *)ouro_type_of(self), args, 4, NULL);
    if (copy && ouro_object_is_instance_of_type(copy, &ouro_property_type) && p->name)
        ouro_setref(vm, &as_prop(copy)->name, ouro_newref(p->name));
    return copy;
}

static OuroObject *property_getter(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "getter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(vm, self, args[0], NULL, NULL);
}

static OuroObject *property_setter(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "setter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(vm, self, NULL, args[0], NULL);
}

static OuroObject *property_deleter(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "deleter", nargs, kwnames, 1, 1) < 0) return NULL;
    return property_copy(vm, self, NULL, NULL, args[0]);
}

static OuroObject *property_set_name(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kwnames) {
    if (nargs != 2 || (kwnames && ouro_tuple_size(kwnames) > 0))
        return ouro_err_format(vm, &ouro_exc_TypeError, "__set_name__() takes 2 positional arguments (%zu given)",
                               nargs);
    ouro_setref(vm, &as_prop(self)->name, ouro_newref(args[1]));
    return ouro_newref(ouro_none);
}

static const OuroMethodDef property_methods[] = {
    {"getter", property_getter, 0, "Descriptor to obtain a copy of the property with a different getter."},
    {"setter", property_setter, 0, "Descriptor to obtain a copy of the property with a different setter."},
    {"deleter", property_deleter, 0, "Descriptor to obtain a copy of the property with a different deleter."},
    {"__set_name__", property_set_name, 0, "Method to set name of a property."},
    {NULL, NULL, 0, NULL},
};

static OuroObject *prop_fget(OuroVM *vm, OuroObject *self) { return ouro_newref(as_prop(self)->p.fget); }
static OuroObject *prop_fset(OuroVM *vm, OuroObject *self) { return ouro_newref(as_prop(self)->p.fset); }
static OuroObject *prop_fdel(OuroVM *vm, OuroObject *self) { return ouro_newref(as_prop(self)->p.fdel); }
static OuroObject *prop_doc(OuroVM *vm, OuroObject *self) { return ouro_newref(as_prop(self)->p.doc); }

static int prop_set_doc(OuroVM *vm, OuroObject *self, OuroObject *value) {
    ouro_setref(vm, &as_prop(self)->p.doc, ouro_newref(value ? value : ouro_none));
    as_prop(self)->getter_doc = false;
    return 0;
}

static OuroObject *prop_isabstract(OuroVM *vm, OuroObject *self) {
    Property *p = as_prop(self);
    OuroObject *name = ouro_str_intern_cstr(vm, "__isabstractmethod__");
    if (!name) return NULL;
    OuroObject *funcs[] = {p->p.fget, p->p.fset, p->p.fdel};
    for (size_t i = 0; i < 3; i++) {
        OuroObject *v = ouro_object_lookup_attr(vm, funcs[i], name);
        if (!v) {
            if (ouro_err_occurred(vm)) goto fail;
            continue;
        }
        int t = ouro_object_truthy(vm, v);
        ouro_decref(vm, v);
        if (t < 0) goto fail;
        if (t) {
            ouro_decref(vm, name);
            return ouro_newref(ouro_true);
        }
    }
    ouro_decref(vm, name);
    return ouro_newref(ouro_false);
fail:
    ouro_decref(vm, name);
    return NULL;
}

static const OuroGetSetDef property_getsets[] = {
    {"fget", prop_fget, NULL, NULL},
    {"fset", prop_fset, NULL, NULL},
    {"fdel", prop_fdel, NULL, NULL},
    {"__doc__", prop_doc, prop_set_doc, NULL},
    {"__isabstractmethod__", prop_isabstract, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_property_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = property_traverse, .clear = property_clear, .dealloc = property_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "property",
    .basicsize = sizeof(Property),
    .flags = OURO_TPFLAG_BASETYPE,
    .descr_get = property_get,
    .descr_set = property_set,
    .new_ = property_new,
    .init = property_init,
    .methods = property_methods,
    .getsets = property_getsets,
    .doc = "Property attribute.",
};
