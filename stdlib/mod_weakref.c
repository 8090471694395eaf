/* stdlib/mod_weakref.c — the `_weakref` module as CPython 3.11's Modules/_weakref.c
 * presents it (names, signatures, error messages): ref and the proxy types are the VM's
 * (vm/obj_weakref.c), the weakref lists gc/'s. stdlib/lib/weakref.py builds the public
 * `weakref` module on top of this one. */
#include "stdlib/modules.h"

#define WR_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                OuroObject *kw

static bool has_keywords(OuroObject *kw) { return kw && ouro_tuple_size(kw) > 0; }

/* "_weakref.getweakrefs() takes exactly one argument (0 given)" (METH_O's message). */
static int one_argument(OuroVM *vm, const char *fname, size_t nargs, OuroObject *kw) {
    if (has_keywords(kw)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs != 1) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes exactly one argument (%zu given)",
                        fname, nargs);
        return -1;
    }
    return 0;
}

/* getweakrefcount(object, /): 0 for objects that cannot be weakly referenced. */
static OuroObject *wr_getweakrefcount(WR_ARGS) {
    (void)self;
    if (one_argument(vm, "_weakref.getweakrefcount", nargs, kw) < 0) return NULL;
    return ouro_int_from_u64(vm, ouro_gc_weaklist(args[0]) ? ouro_gc_weakref_count(args[0]) : 0);
}

/* getweakrefs(object, /): the list, head first (shared ref and proxy, then newest). */
static OuroObject *wr_getweakrefs(WR_ARGS) {
    (void)self;
    if (one_argument(vm, "_weakref.getweakrefs", nargs, kw) < 0) return NULL;
    OuroWeakRef **list = ouro_gc_weaklist(args[0]);
    OuroObject *result = ouro_list_new(vm, list ? ouro_gc_weakref_count(args[0]) : 0);
    if (!result || !list) return result;
    for (OuroWeakRef *wr = *list; wr; wr = wr->wr_next) {
        if (ouro_list_append(vm, result, (OuroObject *)wr) < 0) {
            ouro_decref(vm, result);
            return NULL;
        }
    }
    return result;
}

/* proxy(object, callback=None, /) */
static OuroObject *wr_proxy(WR_ARGS) {
    (void)self;
    if (has_keywords(kw))
        return ouro_err_format(vm, &ouro_exc_TypeError, "_weakref.proxy() takes no keyword arguments");
    if (nargs < 1)
        return ouro_err_format(vm, &ouro_exc_TypeError, "proxy expected at least 1 argument, got %zu", nargs);
    if (nargs > 2)
        return ouro_err_format(vm, &ouro_exc_TypeError, "proxy expected at most 2 arguments, got %zu", nargs);
    return ouro_weakref_new_proxy(vm, args[0], nargs > 1 ? args[1] : NULL);
}

/* _remove_dead_weakref(dct, key, /): del dct[key] if it is a dead weakref; a missing key is
 * fine (the weak-value dicts call it from callbacks, after the entry may have gone). */
static OuroObject *wr_remove_dead_weakref(WR_ARGS) {
    (void)self;
    if (has_keywords(kw))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "_weakref._remove_dead_weakref() takes no keyword arguments");
    if (nargs != 2)
        return ouro_err_format(vm, &ouro_exc_TypeError, "_remove_dead_weakref expected 2 arguments, got %zu",
                               nargs);
    OuroObject *dct = args[0], *key = args[1];
    if (!ouro_dict_check(dct))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "_remove_dead_weakref() argument 1 must be dict, not %T", dct);
    OuroObject *value = ouro_dict_get(vm, dct, key);
    if (!value) return ouro_err_occurred(vm) ? NULL : ouro_newref(ouro_none);
    if (!ouro_weakref_check(value))
        return ouro_err_format(vm, &ouro_exc_TypeError, "not a weakref");
    if (((OuroWeakRef *)value)->referent == NULL && ouro_dict_discard(vm, dct, key) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static const OuroMethodDef weakref_functions[] = {
    {"getweakrefcount", wr_getweakrefcount, 0, "Return the number of weak references to 'object'."},
    {"getweakrefs", wr_getweakrefs, 0,
     "getweakrefs(object) -- return a list of all weak reference objects\n"
     "that point to 'object'."},
    {"proxy", wr_proxy, 0,
     "proxy(object[, callback]) -- create a proxy object that weakly\n"
     "references 'object'.  'callback', if given, is called with a\n"
     "reference to the proxy when 'object' is about to be finalized."},
    {"_remove_dead_weakref", wr_remove_dead_weakref, 0,
     "Atomically remove key from dict if it points to a dead weakref."},
    {NULL, NULL, 0, NULL},
};

static int add_attributes(OuroVM *vm, OuroObject *m) {
    static const struct { const char *name; OuroType *type; } types[] = {
        {"ref", &ouro_weakref_ref_type},
        {"ReferenceType", &ouro_weakref_ref_type},
        {"ProxyType", &ouro_weakref_proxy_type},
        {"CallableProxyType", &ouro_weakref_callable_proxy_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (ouro_module_add_object(vm, m, types[i].name, (OuroObject *)types[i].type) < 0) return -1;
    return ouro_module_add_native_attrs(vm, m, "Weak-reference support module.");
}

OuroObject *ouro_init_weakref(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "_weakref");
    if (!m) return NULL;
    if (ouro_module_add_functions(vm, m, weakref_functions) < 0 || add_attributes(vm, m) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
