/* vm/obj_object.c — the `object` type, root of every class: object() itself (no dict), the
 * default __new__/__init__ with CPython's excess-argument rules, identity equality and hash,
 * the default repr "<__main__.Node object at 0x...>", __class__, __dir__, __format__ and
 * __init_subclass__. Instances of user classes get their dict from vm/obj_class.c. */
#include "vm/ouro.h"

#include <string.h>

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }
static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }

static OuroObject *object_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames);
static int object_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                       OuroObject *kwnames);

/* ---- construction ---------------------------------------------------------------------------- */

static OuroObject *object_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    if (nargs || has_keywords(kwnames)) {
        if (type->new_ != object_new)
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "object.__new__() takes exactly one argument (the type to instantiate)");
        if (type->init == object_init)
            return ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no arguments", type->name);
    }
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    if (is_heap(type)) ouro_incref((OuroObject *)type);
    if (type->hooks.gc_flags & OURO_GC_CONTAINER) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

static int object_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                       OuroObject *kwnames) {
    if (!nargs && !has_keywords(kwnames)) return 0;
    OuroType *type = ouro_type_of(self);
    if (type->init != object_init) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "object.__init__() takes exactly one argument (the instance to initialize)");
        return -1;
    }
    if (type->new_ == object_new) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "%s.__init__() takes exactly one argument (the instance to initialize)",
                        type->name);
        return -1;
    }
    return 0;
}

/* Instances of object itself, and the last step of a heap instance's dealloc
 * (vm/obj_class.c has already run __del__ and dropped the dict). */
static void object_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    ouro_gc_free(heap, self);
    if (is_heap(type)) ouro_gc_decref(heap, (OuroObject *)type);
}

/* ---- repr, equality, hash --------------------------------------------------------------------- */

static OuroObject *object_repr(OuroVM *vm, OuroObject *self) {
    OuroType *type = ouro_type_of(self);
    OuroObject *mod = is_heap(type) && type->dict
                          ? ouro_dict_get_str(type->dict, OURO_ID(vm, __module__))
                          : NULL;
    if (mod && ouro_str_check(mod) && !ouro_str_equal_cstr(mod, "builtins")) {
        OuroObject *qual = type->heap_qualname ? type->heap_qualname : type->heap_name;
        return ouro_str_from_format(vm, "<%U.%U object at %p>", mod, qual, (void *)self);
    }
    return ouro_str_from_format(vm, "<%s object at %p>", type->name, (void *)self);
}

/* The type's repr slot itself: ouro_object_str checks the result ("__str__ returned ..."). */
static OuroObject *object_str(OuroVM *vm, OuroObject *self) {
    OuroUnaryFn repr = ouro_type_of(self)->repr;
    return repr ? repr(vm, self) : object_repr(vm, self);
}

static OuroObject *object_richcompare(OuroVM *vm, OuroObject *self, OuroObject *other, int op) {
    if (op == OURO_EQ)
        return ouro_newref(self == other ? ouro_true : ouro_not_implemented);
    if (op != OURO_NE) return ouro_newref(ouro_not_implemented);
    /* != defaults to the inverse of the type's == (CPython's object_richcompare). */
    OuroRichCmpFn eq = ouro_type_of(self)->richcompare;
    if (!eq) return ouro_newref(ouro_not_implemented);
    OuroObject *r = eq(vm, self, other, OURO_EQ);
    if (!r || r == ouro_not_implemented) return r;
    int t = ouro_object_truthy(vm, r);
    ouro_decref(vm, r);
    if (t < 0) return NULL;
    return ouro_newref(ouro_bool_from(!t));
}

static intptr_t object_hash(OuroVM *vm, OuroObject *self) {
    uintptr_t y = ouro_object_display_address(vm, self);
    /* Under -X stableids the hash is the object's number (so the order of a set of plain
     * objects is the same every run); small consecutive numbers spread well unrotated.
     * An address is rotated as CPython's _Py_HashPointer does: its low bits are zero. */
    if (y == (uintptr_t)self) y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    intptr_t x = (intptr_t)y;
    return x == -1 ? -2 : x;
}

/* ---- __class__ ----------------------------------------------------------------------------------- */

static OuroObject *get_class(OuroVM *vm, OuroObject *self) {
    return ouro_newref((OuroObject *)ouro_type_of(self));
}

static OuroType *solid_static_base(OuroType *t) {
    while (t && is_heap(t)) t = t->base;
    return t;
}

static int set_class(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (!value) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "can't delete __class__ attribute");
        return -1;
    }
    if (!ouro_type_has_flag(ouro_type_of(value), OURO_TPFLAG_TYPE_SUBCLASS)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__class__ must be set to a class, not '%s' object",
                        ouro_type_name(ouro_type_of(value)));
        return -1;
    }
    OuroType *old = ouro_type_of(self), *new_type = (OuroType *)value;
    if (OURO_IS_SMALLINT(self) || !is_heap(old) || !is_heap(new_type)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "__class__ assignment only supported for mutable types or ModuleType subclasses");
        return -1;
    }
    if (old->basicsize != new_type->basicsize || old->dict_offset != new_type->dict_offset ||
        old->hooks.weaklist_offset != new_type->hooks.weaklist_offset ||
        solid_static_base(old) != solid_static_base(new_type) ||
        old->hooks.finalize != new_type->hooks.finalize) {
        ouro_err_format(vm, &ouro_exc_TypeError, "__class__ assignment: '%s' object layout differs from '%s'",
                        new_type->name, old->name);
        return -1;
    }
    ouro_incref(value);
    self->type = new_type;
    ouro_decref(vm, (OuroObject *)old);
    return 0;
}

static const OuroGetSetDef object_getsets[] = {
    {"__class__", get_class, set_class, "the object's class"},
    {NULL, NULL, NULL, NULL},
};

/* ---- methods ---------------------------------------------------------------------------------------- */

/* object.__dir__: the instance dict's keys plus every name along the class's MRO. */
static OuroObject *object_dir(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    if (ouro_args_check(vm, "__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject **slot = ouro_object_dict_slot(self);
    OuroObject *names = slot && *slot && ouro_dict_check(*slot) ? ouro_dict_copy(vm, *slot) : ouro_dict_new(vm);
    if (!names) return NULL;
    OuroObject *cls = ouro_object_lookup_attr(vm, self, OURO_ID(vm, __class__));
    if (!cls && ouro_err_occurred(vm)) goto fail;
    if (cls && ouro_type_has_flag(ouro_type_of(cls), OURO_TPFLAG_TYPE_SUBCLASS)) {
        OuroObject *mro = ((OuroType *)cls)->mro;
        size_t n = mro ? ouro_tuple_size(mro) : 0;
        for (size_t i = 0; i < n; i++) {
            OuroObject *d = ((OuroType *)ouro_tuple_get(mro, i))->dict;
            if (d && ouro_dict_merge(vm, names, d, false) < 0) {
                ouro_decref(vm, cls);
                goto fail;
            }
        }
    }
    ouro_xdecref(vm, cls);
    OuroObject *list = ouro_dict_keys_list(vm, names);
    ouro_decref(vm, names);
    return list;
fail:
    ouro_decref(vm, names);
    return NULL;
}

static OuroObject *object_format(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "__format__() argument must be str, not %T", args[0]);
    if (ouro_str_size(args[0]) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "unsupported format string passed to %s.__format__",
                               ouro_type_name(ouro_type_of(self)));
    return ouro_object_str(vm, self);
}

static OuroObject *object_init_subclass(OuroVM *vm, OuroObject *cls, OuroObject *const *args,
                                        size_t nargs, OuroObject *kwnames) {
    if (has_keywords(kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                               ouro_type_name((OuroType *)cls));
    if (nargs)
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s.__init_subclass__() takes no arguments (%zu given)",
                               ouro_type_name((OuroType *)cls), nargs);
    return ouro_newref(ouro_none);
}

static OuroObject *object_subclasshook(OuroVM *vm, OuroObject *cls, OuroObject *const *args,
                                       size_t nargs, OuroObject *kwnames) {
    return ouro_newref(ouro_not_implemented);
}

static OuroObject *object_sizeof(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroType *t = ouro_type_of(self);
    size_t size = t->basicsize;
    if (t->itemsize) {
        intptr_t n = ouro_object_length(vm, self);
        if (n < 0) ouro_err_clear(vm);
        else size += (size_t)n * t->itemsize;
    }
    return ouro_int_from_u64(vm, size);
}

static const OuroMethodDef object_methods[] = {
    {"__dir__", object_dir, 0, "Default dir() implementation."},
    {"__format__", object_format, 0, "Default object formatter."},
    {"__init_subclass__", object_init_subclass, OURO_METH_CLASS,
     "This method is called when a class is subclassed.\n\n"
     "The default implementation does nothing. It may be\n"
     "overridden to extend subclasses.\n"},
    {"__subclasshook__", object_subclasshook, OURO_METH_CLASS,
     "Abstract classes can override this to customize issubclass()."},
    {"__sizeof__", object_sizeof, 0, "Size of object in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_object_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = object_dealloc},
    .name = "object",
    .basicsize = sizeof(OuroObject),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = object_repr,
    .str = object_str,
    .hash = object_hash,
    .richcompare = object_richcompare,
    .getattr = ouro_object_generic_getattr,
    .setattr = ouro_object_generic_setattr,
    .new_ = object_new,
    .init = object_init,
    .methods = object_methods,
    .getsets = object_getsets,
    .doc = "The base class of the class hierarchy.\n\n"
           "When called, it accepts no arguments and returns a new featureless\n"
           "instance that has no instance attributes and cannot be given any.\n",
};
