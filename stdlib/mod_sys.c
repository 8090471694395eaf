/* stdlib/mod_sys.c — the sys module: interpreter state a script may read or change (argv,
 * path, modules, std streams, recursion limit) and the reference-count probe the lessons use,
 * sys.getrefcount. Names and messages follow CPython 3.11. */
#include "stdlib/modules.h"
#include "stdlib/file.h"
#include "vm/obj_iter.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#define OURO_PY_VERSION "3.11.7"

static OuroObject *sys_getrefcount(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "getrefcount", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *o = args[0];
    /* Immediates have no count; CPython's small ints are immortal-ish with huge counts. */
    if (OURO_IS_SMALLINT(o)) return ouro_int_from_i64(vm, 1000000000);
    return ouro_int_from_i64(vm, o->refcnt >= OURO_IMMORTAL_REFCNT ? 4294967295LL : o->refcnt);
}

static OuroObject *sys_getrecursionlimit(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                         size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "getrecursionlimit", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, vm->recursion_limit);
}

static OuroObject *sys_setrecursionlimit(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                         size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "setrecursionlimit", nargs, kwnames, 1, 1) < 0) return NULL;
    if (ouro_float_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "'float' object cannot be interpreted as an integer");
    int64_t limit;
    if (ouro_int_as_i64(vm, args[0], &limit) < 0) return NULL;
    if (limit < 1)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "recursion limit must be greater or equal than 1");
    if (limit > INT_MAX) limit = INT_MAX;
    if (limit <= vm->depth)
        return ouro_err_format(vm, &ouro_exc_RecursionError,
                               "cannot set the recursion limit to %d at the recursion depth %d: "
                               "the limit is too low",
                               (int)limit, vm->depth);
    vm->recursion_limit = (int)limit;
    return ouro_newref(ouro_none);
}

static OuroObject *sys_exit(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "exit", nargs, kwnames, 0, 1) < 0) return NULL;
    ouro_err_set(vm, &ouro_exc_SystemExit, nargs ? args[0] : ouro_none);
    return NULL;
}

/* Our objects' sizes: the instance, its items, and the GC head CPython counts too. */
static OuroObject *sys_getsizeof(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"object", "default"};
    OuroObject *a[2];
    if (ouro_args_bind(vm, "getsizeof", args, nargs, kwnames, names, 2, 1, 1, a) < 0) return NULL;
    OuroObject *o = a[0];
    if (OURO_IS_SMALLINT(o)) return ouro_int_from_i64(vm, 28);
    OuroObject *r = ouro_object_call_method(vm, o, OURO_ID(vm, __sizeof__), NULL, 0);
    if (!r) {
        if (a[1] && ouro_err_matches(vm, &ouro_exc_TypeError)) {
            ouro_err_clear(vm);
            return ouro_newref(a[1]);
        }
        return NULL;
    }
    int64_t size;
    int ok = ouro_int_as_i64(vm, r, &size);
    ouro_decref(vm, r);
    if (ok < 0) return NULL;
    if (ouro_gc_is_container(o)) size += 16;   /* CPython 3.11's PyGC_Head */
    return ouro_int_from_i64(vm, size);
}

static OuroObject *sys_intern(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "intern", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "intern() argument must be str, not %T",
                               args[0]);
    return ouro_str_intern(vm, args[0]);
}

static OuroObject *sys_exc_info(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "exc_info", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *exc = ouro_eval_handled_exception(vm);
    if (!exc) return ouro_tuple_pack(vm, 3, ouro_none, ouro_none, ouro_none);
    OuroObject *tb = ((OuroException *)exc)->traceback;
    return ouro_tuple_pack(vm, 3, (OuroObject *)ouro_type_of(exc), exc, tb ? tb : ouro_none);
}

static OuroObject *sys_exception(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "exception", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *exc = ouro_eval_handled_exception(vm);
    return ouro_newref(exc ? exc : ouro_none);
}

/* sys.displayhook: the REPL's echo of an expression's value, stored in builtins._ */
static OuroObject *sys_displayhook(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "displayhook", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *value = args[0];
    if (value == ouro_none) return ouro_newref(ouro_none);
    if (ouro_dict_set(vm, vm->builtins, OURO_ID(vm, _), ouro_none) < 0) return NULL;
    OuroObject *out = ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, stdout));
    if (!out || out == ouro_none)
        return ouro_err_format(vm, &ouro_exc_RuntimeError, "lost sys.stdout");
    OuroObject *text = ouro_object_repr(vm, value);
    if (!text) return NULL;
    OuroObject *line = ouro_str_from_format(vm, "%U\n", text);
    ouro_decref(vm, text);
    int r = line ? ouro_file_write_str(vm, out, line) : -1;
    ouro_xdecref(vm, line);
    if (r < 0 || ouro_dict_set(vm, vm->builtins, OURO_ID(vm, _), value) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *sys_excepthook(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "excepthook", nargs, kwnames, 3, 3) < 0) return NULL;
    if (ouro_exception_check(args[1])) ouro_err_display(vm, args[1]);
    return ouro_newref(ouro_none);
}

static OuroObject *sys_get_int_max_str_digits(OuroVM *vm, OuroObject *self,
                                              OuroObject *const *args, size_t nargs,
                                              OuroObject *kwnames) {
    if (ouro_args_check(vm, "get_int_max_str_digits", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, vm->int_max_str_digits);
}

static OuroObject *sys_set_int_max_str_digits(OuroVM *vm, OuroObject *self,
                                              OuroObject *const *args, size_t nargs,
                                              OuroObject *kwnames) {
    static const char *const names[] = {"maxdigits"};
    OuroObject *maxdigits;
    if (ouro_args_bind(vm, "set_int_max_str_digits", args, nargs, kwnames, names, 1, 0, 1,
                       &maxdigits) < 0)
        return NULL;
    int64_t v;
    if (ouro_int_as_i64(vm, maxdigits, &v) < 0) return NULL;
    if (v != 0 && (v < 640 || v > INT_MAX))
        return ouro_err_format(vm, &ouro_exc_ValueError, "maxdigits must be 0 or larger than 640");
    vm->int_max_str_digits = (int)v;
    return ouro_newref(ouro_none);
}

static const OuroMethodDef sys_functions[] = {
    {"displayhook", sys_displayhook, 0, "Print an object to sys.stdout and also save it in builtins._"},
    {"exc_info", sys_exc_info, 0, "Return current exception information: (type, value, traceback)."},
    {"exception", sys_exception, 0, "Return the current exception."},
    {"excepthook", sys_excepthook, 0, "Handle an exception by displaying it with a traceback on sys.stderr."},
    {"exit", sys_exit, 0, "Exit the interpreter by raising SystemExit(status)."},
    {"get_int_max_str_digits", sys_get_int_max_str_digits, 0, "Return the maximum string digits limit for non-binary int<->str conversions."},
    {"set_int_max_str_digits", sys_set_int_max_str_digits, 0, "Set the maximum string digits limit for non-binary int<->str conversions."},
    {"getrecursionlimit", sys_getrecursionlimit, 0, "Return the current value of the recursion limit."},
    {"getrefcount", sys_getrefcount, 0, "Return the reference count of object."},
    {"getsizeof", sys_getsizeof, 0, "Return the size of object in bytes."},
    {"intern", sys_intern, 0, "``Intern'' the given string."},
    {"setrecursionlimit", sys_setrecursionlimit, 0, "Set the maximum depth of the Python interpreter stack to n."},
    {NULL, NULL, 0, NULL},
};

static int add_new(OuroVM *vm, OuroObject *module, const char *name, OuroObject *value) {
    if (!value) return -1;
    int r = ouro_module_add_object(vm, module, name, value);
    ouro_decref(vm, value);
    return r;
}

static int add_streams(OuroVM *vm, OuroObject *m) {
    static const struct { const char *name, *shadow, *fname, *mode; } streams[] = {
        {"stdin", "__stdin__", "<stdin>", "r"},
        {"stdout", "__stdout__", "<stdout>", "w"},
        {"stderr", "__stderr__", "<stderr>", "w"},
    };
    FILE *fps[] = {stdin, stdout, stderr};
    for (int i = 0; i < 3; i++) {
        OuroObject *f = ouro_file_from_stdio(vm, fps[i], streams[i].fname, streams[i].mode);
        if (!f || ouro_module_add_object(vm, m, streams[i].name, f) < 0 ||
            ouro_module_add_object(vm, m, streams[i].shadow, f) < 0) {
            ouro_xdecref(vm, f);
            return -1;
        }
        ouro_decref(vm, f);
    }
    return 0;
}

static int add_argv(OuroVM *vm, OuroObject *m, int argc, char **argv) {
    OuroObject *list = ouro_list_new(vm, (size_t)(argc > 0 ? argc : 1));
    if (!list) return -1;
    if (argc == 0) {
        OuroObject *empty = ouro_newref(vm->empty_str);
        if (ouro_list_append_steal(vm, list, empty) < 0) goto fail;
    }
    for (int i = 0; i < argc; i++) {
        OuroObject *s = ouro_str_from_cstr(vm, argv[i]);
        if (!s || ouro_list_append_steal(vm, list, s) < 0) goto fail;
    }
    return add_new(vm, m, "argv", list);
fail:
    ouro_decref(vm, list);
    return -1;
}

static OuroObject *version_info(OuroVM *vm) {
    OuroObject *final = ouro_str_from_cstr(vm, "final");
    if (!final) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 5, ouro_smallint(3), ouro_smallint(11), ouro_smallint(7),
                                    final, ouro_smallint(0));
    ouro_decref(vm, final);
    return t;
}

OuroObject *ouro_init_sys(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "sys");
    if (!m) return NULL;
    if (ouro_module_add_functions(vm, m, sys_functions) < 0 || add_streams(vm, m) < 0 ||
        add_argv(vm, m, vm->argc, vm->argv) < 0 ||
        add_new(vm, m, "path", ouro_list_new(vm, 0)) < 0 ||
        ouro_module_add_object(vm, m, "modules", vm->modules) < 0 ||
        add_new(vm, m, "version",
                ouro_str_from_cstr(vm, OURO_PY_VERSION " (ouroboros 0.1.0) [GCC " __VERSION__ "]")) < 0 ||
        add_new(vm, m, "version_info", version_info(vm)) < 0 ||
        add_new(vm, m, "platform", ouro_str_from_cstr(vm, "linux")) < 0 ||
        add_new(vm, m, "byteorder", ouro_str_from_cstr(vm, "little")) < 0 ||
        add_new(vm, m, "executable", ouro_str_from_cstr(vm, "ouro")) < 0 ||
        add_new(vm, m, "implementation_name", ouro_str_from_cstr(vm, "ouroboros")) < 0 ||
        ouro_module_add_int(vm, m, "maxsize", INTPTR_MAX) < 0 ||
        ouro_module_add_int(vm, m, "hexversion", 0x030b07f0) < 0 ||
        add_new(vm, m, "ps1", ouro_str_from_cstr(vm, ">>> ")) < 0 ||
        add_new(vm, m, "ps2", ouro_str_from_cstr(vm, "... ")) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    OuroObject *d = ouro_module_dict(m);
    OuroObject *hook = ouro_dict_get_str(d, OURO_ID(vm, displayhook));
    OuroObject *ehook = ouro_dict_get_str(d, OURO_ID(vm, excepthook));
    if (ouro_dict_set_cstr(vm, d, "__displayhook__", hook) < 0 ||
        ouro_dict_set_cstr(vm, d, "__excepthook__", ehook) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
