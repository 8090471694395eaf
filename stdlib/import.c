/* stdlib/import.c — the import system: sys.modules first, then the native modules compiled
 * into ouro, the embedded stdlib/lib modules, then NAME.py or NAME/__init__.py along sys.path
 * (a script's own directory comes first); relative imports, `from pkg import submodule`, CPython's "partially initialized
 * module" message for circular imports, and `ouro -m NAME` (runpy's _run_module_as_main).
 * The VM reaches this only through vm->import, installed at start-up. */
#include "stdlib/stdlib.h"
#include "stdlib/frozen.h"
#include "stdlib/modules.h"
#include "stdlib/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef OuroObject *(*OuroModuleInit)(OuroVM *vm);

static const struct { const char *name; OuroModuleInit init; } native_modules[] = {
    {"atexit", ouro_init_atexit},
    {"_tracemalloc", ouro_init_tracemalloc},
    {"_weakref", ouro_init_weakref},
    {"gc", ouro_init_gc},
    {"math", ouro_init_math},
    {"posix", ouro_init_posix},
    {"time", ouro_init_time},
};

static OuroModuleInit find_native(const char *name) {
    for (size_t i = 0; i < sizeof native_modules / sizeof native_modules[0]; i++)
        if (strcmp(native_modules[i].name, name) == 0) return native_modules[i].init;
    return NULL;
}

/* The modules whose code an import is running right now, innermost first. The nodes live
 * on the C stack of load_source; vm->import_loading is the head. A module in this list is
 * "partially initialized" (CPython asks __spec__._initializing). */
typedef struct Loading {
    OuroObject *module;
    struct Loading *prev;
} Loading;

static bool is_initializing(OuroVM *vm, OuroObject *module) {
    for (Loading *l = vm->import_loading; l; l = l->prev)
        if (l->module == module) return true;
    return false;
}

static bool is_regular_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Finds the source of module `leaf` in the directories of `path` (a list of str); writes the
 * file name into out and sets *package when it is a package's __init__.py. An empty entry
 * means the current directory, spelled absolute in __file__ as CPython 3.9+ does. */
static bool find_source(OuroObject *path, const char *leaf, char *out, size_t size, bool *package) {
    if (!path || !ouro_list_check(path)) return false;
    char cwd[4096];
    for (size_t i = 0; i < ouro_list_size(path); i++) {
        OuroObject *dir = ouro_list_get(path, i);
        if (!ouro_str_check(dir)) continue;
        const char *d = ouro_str_cstr(dir);
        if (ouro_str_size(dir) == 0) d = getcwd(cwd, sizeof cwd) ? cwd : ".";
        const char *sep = d[0] && d[strlen(d) - 1] == '/' ? "" : "/";
        snprintf(out, size, "%s%s%s.py", d, sep, leaf);
        if (is_regular_file(out)) {
            *package = false;
            return true;
        }
        snprintf(out, size, "%s%s%s/__init__.py", d, sep, leaf);
        if (is_regular_file(out)) {
            *package = true;
            return true;
        }
    }
    return false;
}

/* Raises ModuleNotFoundError(msg, name=fullname); returns NULL. */
static OuroObject *raise_not_found(OuroVM *vm, OuroObject *msg, OuroObject *fullname) {
    OuroObject *kwnames = ouro_tuple_pack(vm, 1, OURO_ID(vm, name));
    OuroObject *args[2] = {msg, fullname};
    OuroObject *exc = kwnames ? ouro_object_call(vm, (OuroObject *)&ouro_exc_ModuleNotFoundError,
                                                 args, 1, kwnames)
                              : NULL;
    ouro_xdecref(vm, kwnames);
    if (exc) ouro_err_raise(vm, exc);
    return NULL;
}

static OuroObject *module_not_found(OuroVM *vm, OuroObject *fullname) {
    OuroObject *msg = ouro_str_from_format(vm, "No module named %R", fullname);
    if (!msg) return NULL;
    raise_not_found(vm, msg, fullname);
    ouro_decref(vm, msg);
    return NULL;
}

/* __package__ for a module: itself for a package, else the name up to its last dot. */
static OuroObject *package_name(OuroVM *vm, OuroObject *fullname, bool package) {
    if (package) return ouro_newref(fullname);
    const char *s = ouro_str_cstr(fullname);
    const char *dot = strrchr(s, '.');
    return ouro_str_from_utf8(vm, s, dot ? (size_t)(dot - s) : 0);
}

static int set_package_attrs(OuroVM *vm, OuroObject *dict, OuroObject *fullname,
                             const char *file, bool package) {
    OuroObject *pkg = package_name(vm, fullname, package);
    int r = pkg ? ouro_dict_set(vm, dict, OURO_ID(vm, __package__), pkg) : -1;
    ouro_xdecref(vm, pkg);
    if (r < 0 || !package) return r;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    OuroObject *dir_str = ouro_str_from_cstr(vm, dir);
    OuroObject *paths = dir_str ? ouro_list_new(vm, 1) : NULL;
    r = paths ? ouro_list_append(vm, paths, dir_str) : -1;
    if (r == 0) r = ouro_dict_set(vm, dict, OURO_ID(vm, __path__), paths);
    ouro_xdecref(vm, dir_str);
    ouro_xdecref(vm, paths);
    return r;
}

/* Runs the module's code: the file, or the embedded source when there is no file. */
static int exec_module(OuroVM *vm, OuroObject *dict, const char *file,
                       const OuroFrozenModule *frozen) {
    if (file) return ouro_run_file_in(vm, file, dict);
    char filename[300];
    snprintf(filename, sizeof filename, "<frozen %s>", frozen->name);
    OuroObject *code = vm->compile(vm, frozen->source, frozen->size, filename, OURO_MODE_EXEC);
    OuroObject *r = code ? ouro_eval_code(vm, code, dict, dict) : NULL;
    ouro_xdecref(vm, code);
    ouro_xdecref(vm, r);
    return r ? 0 : -1;
}

/* Runs a source file (or an embedded module's source) as module `fullname`, registered in
 * sys.modules before it runs (so circular imports see the partial module) and removed
 * again if it fails. */
static OuroObject *load_module(OuroVM *vm, OuroObject *fullname, const char *file, bool package,
                               const OuroFrozenModule *frozen) {
    OuroObject *module = ouro_module_new(vm, ouro_str_cstr(fullname));
    if (!module) return NULL;
    OuroObject *dict = ouro_module_dict(module);
    OuroObject *file_str = file ? ouro_str_from_cstr(vm, file) : NULL;
    int r = !file ? 0 : file_str ? ouro_dict_set(vm, dict, OURO_ID(vm, __file__), file_str) : -1;
    ouro_xdecref(vm, file_str);
    if (r < 0 || set_package_attrs(vm, dict, fullname, file, package) < 0 ||
        ouro_dict_set(vm, dict, OURO_ID(vm, __builtins__), vm->builtins_module) < 0 ||
        ouro_dict_set(vm, vm->modules, fullname, module) < 0) {
        ouro_decref(vm, module);
        return NULL;
    }
    Loading node = {module, vm->import_loading};
    vm->import_loading = &node;
    r = exec_module(vm, dict, file, frozen);
    vm->import_loading = node.prev;
    if (r < 0) {
        OuroObject *saved = ouro_err_fetch(vm);
        if (ouro_dict_discard(vm, vm->modules, fullname) < 0) ouro_err_clear(vm);
        ouro_err_restore(vm, saved);
        ouro_decref(vm, module);
        return NULL;
    }
    /* The module may have replaced itself in sys.modules, as CPython allows. */
    OuroObject *final = ouro_dict_get(vm, vm->modules, fullname);
    ouro_decref(vm, module);
    if (final) return ouro_newref(final);
    if (!ouro_err_occurred(vm))
        ouro_err_format(vm, &ouro_exc_ImportError, "Loaded module %U not found in sys.modules",
                        fullname);
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
    bool top_level = path == sys_path(vm);
    OuroModuleInit init = top_level ? find_native(ouro_str_cstr(fullname)) : NULL;
    if (init) {
        m = init(vm);
        if (m && ouro_dict_set(vm, vm->modules, fullname, m) < 0) ouro_clear(vm, &m);
        return m;
    }
    const OuroFrozenModule *frozen = top_level ? ouro_frozen_find(ouro_str_cstr(fullname)) : NULL;
    if (frozen) return load_module(vm, fullname, NULL, false, frozen);
    char file[4096];
    bool package;
    if (!find_source(path, leaf, file, sizeof file, &package)) return module_not_found(vm, fullname);
    return load_module(vm, fullname, file, package, NULL);
}

/* The parent's __path__ (new ref), or NULL with ModuleNotFoundError when it has none. */
static OuroObject *parent_path(OuroVM *vm, OuroObject *parent, OuroObject *prefix) {
    OuroObject *path = ouro_object_lookup_attr(vm, parent, OURO_ID(vm, __path__));
    if (path || ouro_err_occurred(vm)) return path;
    OuroObject *msg = ouro_str_from_format(vm, "No module named %R; %R is not a package", prefix,
                                           ((OuroModule *)parent)->name);
    if (msg) {
        raise_not_found(vm, msg, prefix);
        ouro_decref(vm, msg);
    }
    return NULL;
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
        if (end == start || end - start >= 256) {
            ouro_err_format(vm, &ouro_exc_ModuleNotFoundError, "No module named %R", name);
            goto fail;
        }
        OuroObject *prefix = ouro_str_from_utf8(vm, full, end);
        if (!prefix) goto fail;
        char leaf[256];
        snprintf(leaf, sizeof leaf, "%.*s", (int)(end - start), full + start);
        OuroObject *m = ouro_dict_get(vm, vm->modules, prefix);
        if (m) {
            m = ouro_newref(m);
        } else if (parent) {
            OuroObject *path = parent_path(vm, parent, prefix);
            m = path ? import_one(vm, prefix, leaf, path) : NULL;
            ouro_xdecref(vm, path);
        } else {
            m = import_one(vm, prefix, leaf, sys_path(vm));
        }
        ouro_decref(vm, prefix);
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

/* ---- from X import names ------------------------------------------------------------- */

/* CPython's "cannot import name 'x' from partially initialized module 'm' (most likely due
 * to a circular import) (path)", with ImportError.name and .path set. */
static int raise_partially_initialized(OuroVM *vm, OuroObject *module, OuroObject *name) {
    OuroObject *modname = ((OuroModule *)module)->name;
    OuroObject *path = ouro_dict_get_str(ouro_module_dict(module), OURO_ID(vm, __file__));
    if (path && ouro_str_check(path))
        ouro_err_format(vm, &ouro_exc_ImportError,
                        "cannot import name %R from partially initialized module %R "
                        "(most likely due to a circular import) (%U)",
                        name, modname, path);
    else
        ouro_err_format(vm, &ouro_exc_ImportError,
                        "cannot import name %R from partially initialized module %R "
                        "(most likely due to a circular import) (unknown location)",
                        name, modname);
    OuroObject *exc = ouro_err_fetch(vm);
    if (exc && (ouro_object_setattr(vm, exc, OURO_ID(vm, name), modname) < 0 ||
                ouro_object_setattr(vm, exc, OURO_ID(vm, path), path ? path : ouro_none) < 0))
        ouro_err_clear(vm);
    ouro_err_restore(vm, exc);
    return -1;
}

/* True when the raised error is ModuleNotFoundError for exactly `fullname`. */
static bool is_not_found_for(OuroVM *vm, OuroObject *fullname) {
    if (!ouro_err_matches(vm, &ouro_exc_ModuleNotFoundError)) return false;
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *name = ouro_object_lookup_attr(vm, exc, OURO_ID(vm, name));
    bool same = name && ouro_str_check(name) &&
                ouro_object_richcompare_bool(vm, name, fullname, OURO_EQ) == 1;
    ouro_xdecref(vm, name);
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    ouro_err_restore(vm, exc);
    return same;
}

/* One name of a fromlist: a package's submodule is imported when it is not an attribute yet
 * (importlib's _handle_fromlist); a missing name of a module still initializing raises the
 * circular-import message here, since IMPORT_FROM cannot tell. */
static int handle_from_name(OuroVM *vm, OuroObject *module, OuroObject *name, bool package) {
    OuroObject *x = ouro_object_lookup_attr(vm, module, name);
    if (x || ouro_err_occurred(vm)) {
        ouro_xdecref(vm, x);
        return x ? 0 : -1;
    }
    OuroObject *full = ouro_str_from_format(vm, "%U.%U", ((OuroModule *)module)->name, name);
    if (!full) return -1;
    int r = 0;
    if (package) {
        OuroObject *leaf = NULL;
        OuroObject *top = import_dotted(vm, full, &leaf);
        if (top) {
            ouro_decref(vm, top);
            ouro_decref(vm, leaf);
        } else if (is_not_found_for(vm, full)) {
            ouro_err_clear(vm);
        } else {
            r = -1;
        }
    }
    if (r == 0 && is_initializing(vm, module) && !ouro_dict_get_str(vm->modules, full)) {
        x = ouro_object_lookup_attr(vm, module, name);
        if (!x && !ouro_err_occurred(vm)) r = raise_partially_initialized(vm, module, name);
        else if (!x) r = -1;
        ouro_xdecref(vm, x);
    }
    ouro_decref(vm, full);
    return r;
}

static int handle_fromlist(OuroVM *vm, OuroObject *module, OuroObject *fromlist, bool recursive) {
    if (OURO_IS_SMALLINT(module) || module->type != &ouro_module_type) return 0;
    bool package = ouro_dict_get_str(ouro_module_dict(module), OURO_ID(vm, __path__)) != NULL;
    OuroObject *seq = ouro_list_from_iterable(vm, fromlist);
    if (!seq) return -1;
    int r = 0;
    for (size_t i = 0; r == 0 && i < ouro_list_size(seq); i++) {
        OuroObject *name = ouro_list_get(seq, i);
        if (!ouro_str_check(name)) {
            r = -1;
            ouro_err_format(vm, &ouro_exc_TypeError, "Item in %s.%s must be str, not %T",
                            ouro_str_cstr(((OuroModule *)module)->name),
                            recursive ? "__all__" : "__from__", name);
        } else if (strcmp(ouro_str_cstr(name), "*") == 0) {
            OuroObject *all = recursive ? NULL
                                        : ouro_dict_get_str(ouro_module_dict(module), OURO_ID(vm, __all__));
            if (all) r = handle_fromlist(vm, module, all, true);
        } else {
            r = handle_from_name(vm, module, name, package);
        }
    }
    ouro_decref(vm, seq);
    return r;
}

/* ---- relative imports ---------------------------------------------------------------- */

/* The absolute name `from <level dots><name> import ...` means in a module with these
 * globals (importlib's _calc___package__ and _resolve_name). New ref or NULL. */
static OuroObject *resolve_relative(OuroVM *vm, OuroObject *name, OuroObject *globals, int level) {
    OuroObject *pkg = globals && ouro_dict_check(globals)
                          ? ouro_dict_get_str(globals, OURO_ID(vm, __package__)) : NULL;
    OuroObject *base;
    if (pkg && ouro_str_check(pkg)) {
        base = ouro_newref(pkg);
    } else {
        OuroObject *modname = globals && ouro_dict_check(globals)
                                  ? ouro_dict_get_str(globals, OURO_ID(vm, __name__)) : NULL;
        if (!modname || !ouro_str_check(modname))
            return ouro_err_format(vm, &ouro_exc_KeyError, "'__name__' not in globals");
        bool package = ouro_dict_get_str(globals, OURO_ID(vm, __path__)) != NULL;
        base = package_name(vm, modname, package);
        if (!base) return NULL;
    }
    if (ouro_str_size(base) == 0) {
        ouro_decref(vm, base);
        return ouro_err_format(vm, &ouro_exc_ImportError,
                               "attempted relative import with no known parent package");
    }
    const char *s = ouro_str_cstr(base);
    size_t cut = ouro_str_size(base);
    for (int i = 1; i < level; i++) {
        while (cut > 0 && s[cut - 1] != '.') cut--;
        if (cut == 0) {
            ouro_decref(vm, base);
            return ouro_err_format(vm, &ouro_exc_ImportError,
                                   "attempted relative import beyond top-level package");
        }
        cut--;
    }
    OuroStrBuf buf;
    ouro_strbuf_init(&buf);
    ouro_strbuf_append(&buf, s, cut);
    if (ouro_str_size(name)) {
        ouro_strbuf_append_char(&buf, '.');
        ouro_strbuf_append(&buf, ouro_str_cstr(name), ouro_str_size(name));
    }
    ouro_decref(vm, base);
    return ouro_strbuf_finish(vm, &buf);
}

/* __import__(name, globals, locals, fromlist, level). */
static OuroObject *import_hook(OuroVM *vm, OuroObject *name, OuroObject *globals,
                               OuroObject *fromlist, int level) {
    if (level < 0) return ouro_err_format(vm, &ouro_exc_ValueError, "level must be >= 0");
    OuroObject *absname = level > 0 ? resolve_relative(vm, name, globals, level) : ouro_newref(name);
    if (!absname) return NULL;
    if (ouro_str_size(absname) == 0) {
        ouro_decref(vm, absname);
        return ouro_err_format(vm, &ouro_exc_ValueError, "Empty module name");
    }
    OuroObject *leaf = NULL;
    OuroObject *top = import_dotted(vm, absname, &leaf);
    ouro_decref(vm, absname);
    if (!top) return NULL;
    bool want_leaf = fromlist && fromlist != ouro_none &&
                     (!ouro_tuple_check(fromlist) || ouro_tuple_size(fromlist) > 0);
    if (want_leaf) {
        ouro_decref(vm, top);
        if (handle_fromlist(vm, leaf, fromlist, false) < 0) ouro_clear(vm, &leaf);
        return leaf;
    }
    ouro_decref(vm, leaf);
    if (level == 0 || ouro_str_size(name) == 0) return top;
    /* `__import__('b.c', level=1)` in package a returns a.b: the module whose name is the
     * resolved name cut where the relative part's first component ends. */
    ouro_decref(vm, top);
    const char *rel = ouro_str_cstr(name);
    const char *dot = strchr(rel, '.');
    size_t cut_off = dot ? strlen(dot) : 0;
    OuroObject *full = resolve_relative(vm, name, globals, level);
    if (!full) return NULL;
    OuroObject *short_name = ouro_str_from_utf8(vm, ouro_str_cstr(full), ouro_str_size(full) - cut_off);
    ouro_decref(vm, full);
    if (!short_name) return NULL;
    OuroObject *m = ouro_dict_get(vm, vm->modules, short_name);
    if (!m && !ouro_err_occurred(vm)) module_not_found(vm, short_name);
    ouro_decref(vm, short_name);
    return m ? ouro_newref(m) : NULL;
}

void ouro_import_install(OuroVM *vm) { vm->import = import_hook; }

/* ---- ouro -m NAME ------------------------------------------------------------------------ */

/* Sets sys.argv[0] to the file about to run as __main__. */
static int set_argv0(OuroVM *vm, const char *file) {
    OuroObject *argv = ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), "argv");
    OuroObject *s = ouro_str_from_cstr(vm, file);
    if (!s) return -1;
    int r = argv && ouro_list_check(argv) && ouro_list_size(argv) > 0
                ? ouro_object_setitem(vm, argv, ouro_smallint(0), s)
                : 0;
    ouro_decref(vm, s);
    return r;
}

/* "Error while finding module specification for 'a.b' (ModuleNotFoundError: ...)" from
 * the raised ModuleNotFoundError, which is cleared. */
static void spec_error(OuroVM *vm, const char *name, char *msg, size_t size) {
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *text = exc ? ouro_object_str(vm, exc) : NULL;
    if (!text) ouro_err_clear(vm);
    snprintf(msg, size, "Error while finding module specification for '%s' (%s: %s)", name,
             exc ? ouro_type_name(exc->type) : "ImportError", text ? ouro_str_cstr(text) : "");
    ouro_xdecref(vm, text);
    ouro_xdecref(vm, exc);
}

/* Finds module `name` for -m: imports its parent package, then looks for the source of the
 * last component. Returns 0 with the file in `file`, -1 with an exception, or 1 with the
 * message runpy would print in msg. */
static int find_main_module(OuroVM *vm, const char *name, char *file, size_t fsize,
                            bool *package, char *msg, size_t size) {
    const char *dot = strrchr(name, '.');
    OuroObject *path = sys_path(vm);
    OuroObject *parent = NULL, *owned_path = NULL;
    if (dot) {
        OuroObject *pname = ouro_str_from_utf8(vm, name, (size_t)(dot - name));
        OuroObject *top = pname ? import_dotted(vm, pname, &parent) : NULL;
        if (top) {
            ouro_decref(vm, top);
            owned_path = ouro_object_lookup_attr(vm, parent, OURO_ID(vm, __path__));
            if (!owned_path && !ouro_err_occurred(vm)) {
                ouro_err_format(vm, &ouro_exc_ModuleNotFoundError,
                                "__path__ attribute not found on %R while trying to find '%s'",
                                pname, name);
            }
        }
        ouro_xdecref(vm, pname);
        ouro_xdecref(vm, parent);
        if (!owned_path) {
            if (!ouro_err_matches(vm, &ouro_exc_ModuleNotFoundError)) return -1;
            spec_error(vm, name, msg, size);
            return 1;
        }
        path = owned_path;
    }
    bool found = name[0] && find_source(path, dot ? dot + 1 : name, file, fsize, package);
    ouro_xdecref(vm, owned_path);
    if (found) return 0;
    snprintf(msg, size, "No module named %s", name);
    return 1;
}

int ouro_run_module(OuroVM *vm, const char *name, char *msg, size_t size) {
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, ".");
    if (ouro_run_set_path0(vm, cwd) < 0) return -1;
    char file[4096], main_name[4096];
    bool package;
    int r = find_main_module(vm, name, file, sizeof file, &package, msg, size);
    if (r != 0) return r;
    if (package) {
        size_t n = strlen(name);
        if (strcmp(name, "__main__") == 0 || (n > 9 && strcmp(name + n - 9, ".__main__") == 0)) {
            snprintf(msg, size, "Cannot use package as __main__ module");
            return 1;
        }
        /* A package runs its __main__ submodule, after the package itself is imported. */
        snprintf(main_name, sizeof main_name, "%s.__main__", name);
        r = find_main_module(vm, main_name, file, sizeof file, &package, msg, size);
        if (r == 1 && strncmp(msg, "No module named ", 16) == 0) {
            char inner[1024];
            snprintf(inner, sizeof inner, "%s", msg);
            snprintf(msg, size, "%s; '%s' is a package and cannot be directly executed", inner,
                     name);
        }
        if (r != 0) return r;
        if (package) {
            snprintf(msg, size, "Cannot use package as __main__ module");
            return 1;
        }
        name = main_name;
    }
    OuroObject *main_mod = ouro_main_module(vm);
    if (!main_mod || set_argv0(vm, file) < 0) return -1;
    OuroObject *dict = ouro_module_dict(main_mod);
    OuroObject *file_str = ouro_str_from_cstr(vm, file);
    const char *dot = strrchr(name, '.');
    OuroObject *pkg = file_str ? ouro_str_from_utf8(vm, name, dot ? (size_t)(dot - name) : 0) : NULL;
    r = pkg ? ouro_dict_set(vm, dict, OURO_ID(vm, __file__), file_str) : -1;
    if (r == 0) r = ouro_dict_set(vm, dict, OURO_ID(vm, __package__), pkg);
    ouro_xdecref(vm, file_str);
    ouro_xdecref(vm, pkg);
    if (r < 0) return -1;
    return ouro_run_file_in(vm, file, dict);
}
