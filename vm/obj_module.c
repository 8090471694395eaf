/* vm/obj_module.c — module objects: a name and the dict that holds the module's globals.
 * Attribute access goes straight to that dict; a missing name raises CPython's
 * "module 'm' has no attribute 'x'". */
#include "vm/ouro.h"

#include <stddef.h>

OuroObject *ouro_module_new(OuroVM *vm, const char *name) {
    OuroObject *name_str = ouro_str_from_cstr(vm, name);
    OuroObject *dict = name_str ? ouro_dict_new(vm) : NULL;
    if (!dict || ouro_dict_set(vm, dict, OURO_ID(vm, __name__), name_str) < 0 ||
        ouro_dict_set(vm, dict, OURO_ID(vm, __doc__), ouro_none) < 0 ||
        ouro_dict_set(vm, dict, OURO_ID(vm, __package__), ouro_none) < 0) {
        ouro_xdecref(vm, name_str);
        ouro_xdecref(vm, dict);
        return NULL;
    }
    OuroModule *m = (OuroModule *)ouro_gc_alloc(ouro_heap(vm), &ouro_module_type, sizeof(OuroModule));
    if (!m) {
        ouro_decref(vm, name_str);
        ouro_decref(vm, dict);
        return ouro_err_no_memory(vm);
    }
    m->dict = dict;
    m->name = name_str;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)m);
    return (OuroObject *)m;
}

int ouro_module_add_object(OuroVM *vm, OuroObject *module, const char *name, OuroObject *value) {
    return ouro_dict_set_cstr(vm, ouro_module_dict(module), name, value);
}

int ouro_module_add_int(OuroVM *vm, OuroObject *module, const char *name, int64_t value) {
    OuroObject *v = ouro_int_from_i64(vm, value);
    if (!v) return -1;
    int r = ouro_module_add_object(vm, module, name, v);
    ouro_decref(vm, v);
    return r;
}

int ouro_module_add_native_attrs(OuroVM *vm, OuroObject *module, const char *doc) {
    OuroObject *d = ouro_str_from_cstr(vm, doc);
    OuroObject *package = ouro_str_from_cstr(vm, "");
    int r = d && package ? 0 : -1;
    if (r == 0) r = ouro_module_add_object(vm, module, "__doc__", d);
    if (r == 0) r = ouro_module_add_object(vm, module, "__package__", package);
    if (r == 0) r = ouro_module_add_object(vm, module, "__loader__", ouro_none);
    if (r == 0) r = ouro_module_add_object(vm, module, "__spec__", ouro_none);
    ouro_xdecref(vm, d);
    ouro_xdecref(vm, package);
    return r;
}

int ouro_module_add_functions(OuroVM *vm, OuroObject *module, const OuroMethodDef *defs) {
    OuroObject *modname = ((OuroModule *)module)->name;
    for (const OuroMethodDef *d = defs; d->name; d++) {
        OuroObject *fn = ouro_cfunction_new(vm, d, NULL, modname);
        if (!fn) return -1;
        int r = ouro_module_add_object(vm, module, d->name, fn);
        ouro_decref(vm, fn);
        if (r < 0) return -1;
    }
    return 0;
}

static OuroObject *module_getattr(OuroVM *vm, OuroObject *self, OuroObject *name) {
    OuroObject *v = ouro_object_generic_getattr(vm, self, name);
    if (v || !ouro_err_matches(vm, &ouro_exc_AttributeError)) return v;
    ouro_err_clear(vm);
    OuroObject *modname = ouro_dict_get_str(ouro_module_dict(self), OURO_ID(vm, __name__));
    if (modname && ouro_str_check(modname))
        return ouro_err_format(vm, &ouro_exc_AttributeError, "module '%U' has no attribute '%U'",
                               modname, name);
    return ouro_err_format(vm, &ouro_exc_AttributeError, "module has no attribute '%U'", name);
}

static OuroObject *module_repr(OuroVM *vm, OuroObject *self) {
    OuroObject *dict = ouro_module_dict(self);
    OuroObject *name = ouro_dict_get_str(dict, OURO_ID(vm, __name__));
    OuroObject *file = ouro_dict_get_str(dict, OURO_ID(vm, __file__));
    if (!name) name = ((OuroModule *)self)->name;
    if (file && ouro_str_check(file))
        return ouro_str_from_format(vm, "<module %R from %R>", name, file);
    return ouro_str_from_format(vm, "<module %R (built-in)>", name);
}

static int module_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroModule *m = (OuroModule *)self;
    if (m->dict) {
        int r = visit(m->dict, arg);
        if (r) return r;
    }
    return m->name ? visit(m->name, arg) : 0;
}

/* No clear hook: a module refers only to its name (a str) and its dict, so every cycle
 * through a module passes through that dict, which the collector clears. Keeping the dict
 * keeps a collected module usable (attribute access, repr) until it is freed; emptying it
 * here would be wrong, as functions still alive may use it as their globals. */
static void module_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    ouro_gc_untrack(heap, self);
    if (((OuroModule *)self)->weaklist) ouro_gc_clear_weakrefs(heap, self);
    ouro_clear(vm, &((OuroModule *)self)->dict);
    ouro_clear(vm, &((OuroModule *)self)->name);
    ouro_gc_free(heap, self);
}

static OuroObject *module_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    static const char *const names[] = {"name", "doc"};
    OuroObject *bound[2];
    if (ouro_args_bind(vm, "module", args, nargs, kwnames, names, 2, 0, 1, bound) < 0) return NULL;
    if (!ouro_str_check(bound[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "module.__init__() argument 'name' must be str, not %T", bound[0]);
    OuroObject *m = ouro_module_new(vm, ouro_str_cstr(bound[0]));
    if (m && bound[1] && ouro_dict_set(vm, ouro_module_dict(m), OURO_ID(vm, __doc__), bound[1]) < 0)
        ouro_clear(vm, &m);
    return m;
}

static OuroObject *module_get_dict(OuroVM *vm, OuroObject *self) {
    return ouro_newref(ouro_module_dict(self));
}

/* module.__dir__: the names in the module's globals (or what a __dir__ function defined
 * there returns, PEP 562), not object.__dir__'s class attributes. */
static OuroObject *module_dir(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                              OuroObject *kwnames) {
    if (ouro_args_check(vm, "__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *dict = ouro_module_dict(self);
    OuroObject *custom = ouro_dict_get_str(dict, OURO_ID(vm, __dir__));
    if (custom) return ouro_object_call(vm, custom, NULL, 0, NULL);
    return ouro_dict_keys_list(vm, dict);
}

static const OuroMethodDef module_methods[] = {
    {"__dir__", module_dir, 0, "Standard dir() implementation."},
    {NULL, NULL, 0, NULL},
};

static const OuroGetSetDef module_getsets[] = {
    {"__dict__", module_get_dict, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_module_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = module_traverse, .dealloc = module_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(OuroModule, weaklist)},
    .name = "module",
    .basicsize = sizeof(OuroModule),
    .dict_offset = offsetof(OuroModule, dict),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = module_repr,
    .getattr = module_getattr,
    .setattr = ouro_object_generic_setattr,
    .new_ = module_new,
    .getsets = module_getsets,
    .methods = module_methods,
    .doc = "Create a module object.",
};
