/* stdlib/import.c — the import system: sys.modules first, then the native modules compiled
 * into ouro, then NAME.py or NAME/__init__.py along sys.path (a script's own directory comes
 * first). The VM reaches this only through vm->import, installed at start-up. */
#include "stdlib/stdlib.h"
#include "stdlib/modules.h"
#include "stdlib/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef OuroObject *(*OuroModuleInit)(OuroVM *vm);

static const struct { const char *name; OuroModuleInit init; } native_modules[] = {
    {"math", ouro_init_math},
    {"time", ouro_init_time},
};

static OuroModuleInit find_native(const char *name) {
    for (size_t i = 0; i < sizeof native_modules / sizeof native_modules[0]; i++)
        if (strcmp(native_modules[i].name, name) == 0) return native_modules[i].init;
    return NULL;
}

static bool is_regular_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds the source of module `leaf` in the directories of `path` (a list of str); writes the
 * file name into out and sets *package when it is a package's __init__.py. */
static bool find_source(OuroObject *path, const char *leaf, char *out, size_t size, bool *package) {
    if (!path || !ouro_list_check(path)) return false;
    for (size_t i = 0; i < ouro_list_size(path); i++) {
        OuroObject *dir = ouro_list_get(path, i);
        if (!ouro_str_check(dir)) continue;
        const char *d = ouro_str_size(dir) ? ouro_str_cstr(dir) : ".";
        snprintf(out, size, "%s/%s.py", d, leaf);
        if (is_regular_file(out)) {
            *package = false;
            return true;
        }
        snprintf(out, size, "%s/%s/__init__.py", d, leaf);
        if (is_regular_file(out)) {
            *package = true;
            return true;
        }
    }
    return false;
}

static OuroObject *module_not_found(OuroVM *vm, OuroObject *fullname) {
    OuroObject *msg = ouro_str_from_format(vm, "No module named %R", fullname);
    if (!msg) return NULL;
    OuroObject *kwnames = ouro_tuple_pack(vm, 1, OURO_ID(vm, name));
    OuroObject *args[2] = {msg, fullname};
    OuroObject *exc = kwnames ? ouro_object_call(vm, (OuroObject *)&ouro_exc_ModuleNotFoundError,
                                                 args, 1, kwnames)
                              : NULL;
    ouro_decref(vm, msg);
    ouro_xdecref(vm, kwnames);
    if (exc) ouro_err_raise(vm, exc);
    return NULL;
}

/* Runs a source file as module `fullname`, registered in sys.modules before it runs (so
 * circular imports see the partial module) and removed again if it fails. */
static OuroObject *load_source(OuroVM *vm, OuroObject *fullname, const char *file, bool package) {
    OuroObject *module = ouro_module_new(vm, ouro_str_cstr(fullname));
    if (!module) return NULL;
    OuroObject *dict = ouro_module_dict(module);
    OuroObject *file_str = ouro_str_from_cstr(vm, file);
    if (!file_str || ouro_dict_set(vm, dict, OURO_ID(vm, __file__), file_str) < 0 ||
        ouro_dict_set(vm, dict, OURO_ID(vm, __builtins__), vm->builtins_module) < 0 ||
        ouro_dict_set(vm, vm->modules, fullname, module) < 0)
        goto fail;
    if (package) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", file);
        char *slash = strrchr(dir, '/');
        if (slash) *slash = '\0';
        OuroObject *dir_str = ouro_str_from_cstr(vm, dir);
        OuroObject *paths = dir_str ? ouro_list_new(vm, 1) : NULL;
        int r = paths ? ouro_list_append(vm, paths, dir_str) : -1;
        if (r == 0) r = ouro_dict_set(vm, dict, OURO_ID(vm, path), paths);
        if (r == 0) r = ouro_dict_set(vm, dict, OURO_ID(vm, __package__), fullname);
        ouro_xdecref(vm, dir_str);
        ouro_xdecref(vm, paths);
        if (r < 0) goto fail;
    }
    if (ouro_run_file_in(vm, file, dict) < 0) {
        OuroObject *saved = ouro_err_fetch(vm);
        if (ouro_dict_discard(vm, vm->modules, fullname) < 0) ouro_err_clear(vm);
        ouro_err_restore(vm, saved);
        goto fail;
    }
    ouro_decref(vm, file_str);
    /* The module may have replaced itself in sys.modules, as CPython allows. */
    OuroObject *final = ouro_dict_get(vm, vm->modules, fullname);
    ouro_decref(vm, module);
    return final ? ouro_newref(final) : NULL;
fail:
    ouro_xdecref(vm, file_str);
    ouro_decref(vm, module);
    return NULL;
}

static OuroObject *sys_path(OuroVM *vm) {
    return vm->sys_module ? ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, path))
                          : NULL;
}

/* Imports one level: `fullname` whose last component is leaf, searched in path. */
static OuroObject *import_one(OuroVM *vm, OuroObject *fullname, const char *leaf, OuroObject *path) {
    OuroObject *m = ouro_dict_get(vm, vm->modules, fullname);
    if (m) return ouro_newref(m);
    if (ouro_err_occurred(vm)) return NULL;
    OuroModuleInit init = path == sys_path(vm) ? find_native(ouro_str_cstr(fullname)) : NULL;
    if (init) {
        m = init(vm);
        if (m && ouro_dict_set(vm, vm->modules, fullname, m) < 0) ouro_clear(vm, &m);
        return m;
    }
    char file[4096];
    bool package;
    if (!find_source(path, leaf, file, sizeof file, &package)) return module_not_found(vm, fullname);
    return load_source(vm, fullname, file, package);
}

/* Imports every prefix of a dotted name ("a", "a.b", "a.b.c"), binding each child as an
 * attribute of its parent; returns the top package and, via *leaf_out, the last module. */
static OuroObject *import_dotted(OuroVM *vm, OuroObject *name, OuroObject **leaf_out) {
    const char *full = ouro_str_cstr(name);
    size_t len = ouro_str_size(name);
    OuroObject *top = NULL, *parent = NULL;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && full[end] != '.') end++;
        OuroObject *prefix = ouro_str_from_utf8(vm, full, end);
        char leaf[256];
        snprintf(leaf, sizeof leaf, "%.*s", (int)(end - start), full + start);
        OuroObject *path = parent ? ouro_object_lookup_attr(vm, parent, OURO_ID(vm, path)) : NULL;
        if (parent && !path) {
            if (!ouro_err_occurred(vm)) {
                ouro_err_format(vm, &ouro_exc_ModuleNotFoundError,
                                "No module named %R; %R is not a package", prefix,
                                ((OuroModule *)parent)->name);
            }
            ouro_xdecref(vm, prefix);
            goto fail;
        }
        OuroObject *m = prefix ? import_one(vm, prefix, leaf, parent ? path : sys_path(vm)) : NULL;
        ouro_xdecref(vm, path);
        ouro_xdecref(vm, prefix);
        if (!m) goto fail;
        if (parent) {
            OuroObject *attr = ouro_str_from_cstr(vm, leaf);
            int r = attr ? ouro_object_setattr(vm, parent, attr, m) : -1;
            ouro_xdecref(vm, attr);
            if (r < 0) {
                ouro_decref(vm, m);
                goto fail;
            }
        }
        if (!top) top = ouro_newref(m);
        ouro_xdecref(vm, parent);
        parent = m;
        start = end + 1;
    }
    *leaf_out = parent;
    return top;
fail:
    ouro_xdecref(vm, top);
    ouro_xdecref(vm, parent);
    return NULL;
}

static OuroObject *import_hook(OuroVM *vm, OuroObject *name, OuroObject *globals,
                               OuroObject *fromlist, int level) {
    if (level > 0)
        return ouro_err_format(vm, &ouro_exc_ImportError,
                               "attempted relative import with no known parent package");
    if (ouro_str_size(name) == 0) return ouro_err_format(vm, &ouro_exc_ValueError, "Empty module name");
    OuroObject *leaf = NULL;
    OuroObject *top = import_dotted(vm, name, &leaf);
    if (!top) return NULL;
    bool want_leaf = fromlist && fromlist != ouro_none &&
                     (!ouro_tuple_check(fromlist) || ouro_tuple_size(fromlist) > 0);
    if (want_leaf) {
        ouro_decref(vm, top);
        return leaf;
    }
    ouro_decref(vm, leaf);
    return top;
}

void ouro_import_install(OuroVM *vm) { vm->import = import_hook; }
