/* stdlib/builtins_io.c — built-ins that talk to the outside: print, input, open, and the
 * exit/quit objects (whose repr is the hint the REPL shows for a bare `exit`). */
#include "stdlib/builtins.h"
#include "stdlib/file.h"

/* sys.<name> (borrowed), or NULL with RuntimeError "lost sys.<name>". */
static OuroObject *sys_stream(OuroVM *vm, const char *name) {
    OuroObject *s = vm->sys_module ? ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), name)
                                   : NULL;
    if (!s || s == ouro_none) {
        ouro_err_format(vm, &ouro_exc_RuntimeError, "lost sys.%s", name);
        return NULL;
    }
    return s;
}

static int check_sep(OuroVM *vm, OuroObject *v, const char *what) {
    if (!v || v == ouro_none || ouro_str_check(v)) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "%s must be None or a string, not %T", what, v);
    return -1;
}

/* print(*args, ...) is parsed as a varargs function: an unknown keyword is reported by name
 * even when there are more keywords than parameters (ouro_args_bind would count them). */
static int check_print_keywords(OuroVM *vm, OuroObject *kwnames,
                                const char *const *names, size_t nnames) {
    size_t nkw = ouro_tuple_size(kwnames);
    if (nkw <= nnames) return 0;
    for (size_t k = 0; k < nkw; k++) {
        OuroObject *key = ouro_tuple_get(kwnames, k);
        bool known = false;
        for (size_t i = 0; i < nnames && !known; i++)
            known = ouro_str_equal_cstr(key, names[i] + (names[i][0] == '*'));
        if (!known) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "'%U' is an invalid keyword argument for print()", key);
            return -1;
        }
    }
    return 0;
}

static OuroObject *builtin_print(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"*sep", "end", "file", "flush"};
    OuroObject *kw[4] = {NULL, NULL, NULL, NULL};
    if (kwnames && (check_print_keywords(vm, kwnames, names, 4) < 0 ||
                    ouro_args_bind(vm, "print", args + nargs, 0, kwnames, names, 4, 0, 0, kw) < 0))
        return NULL;
    /* As CPython: sys.stdout = None (no console, or interpreter teardown) silences print. */
    if ((!kw[2] || kw[2] == ouro_none) && vm->sys_module &&
        ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), "stdout") == ouro_none)
        return ouro_newref(ouro_none);
    if (check_sep(vm, kw[0], "sep") < 0 || check_sep(vm, kw[1], "end") < 0) return NULL;
    OuroObject *file = kw[2] && kw[2] != ouro_none ? kw[2] : sys_stream(vm, "stdout");
    if (!file) return NULL;
    ouro_incref(file);   /* a __str__ below could rebind sys.stdout */
    OuroObject *sep = kw[0] && kw[0] != ouro_none ? kw[0] : NULL;
    OuroObject *end = kw[1] && kw[1] != ouro_none ? kw[1] : NULL;
    int status = 0;
    for (size_t i = 0; i < nargs && status == 0; i++) {
        if (i > 0) {
            OuroObject *space = sep ? ouro_newref(sep) : ouro_str_from_codepoint(vm, ' ');
            status = space ? ouro_file_write_str(vm, file, space) : -1;
            ouro_xdecref(vm, space);
            if (status < 0) break;
        }
        OuroObject *s = ouro_object_str(vm, args[i]);
        status = s ? ouro_file_write_str(vm, file, s) : -1;
        ouro_xdecref(vm, s);
    }
    if (status == 0) {
        OuroObject *nl = end ? ouro_newref(end) : ouro_str_from_codepoint(vm, '\n');
        status = nl ? ouro_file_write_str(vm, file, nl) : -1;
        ouro_xdecref(vm, nl);
    }
    if (status == 0 && kw[3]) {
        int flush = ouro_object_truthy(vm, kw[3]);
        status = flush < 0 ? -1 : flush ? ouro_file_flush(vm, file) : 0;
    }
    ouro_decref(vm, file);
    return status < 0 ? NULL : ouro_newref(ouro_none);
}

static OuroObject *builtin_input(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "input", nargs, kwnames, 0, 1) < 0) return NULL;
    OuroObject *out = sys_stream(vm, "stdout");
    OuroObject *in = out ? sys_stream(vm, "stdin") : NULL;
    if (!in) return NULL;
    if (nargs == 1) {
        OuroObject *prompt = ouro_object_str(vm, args[0]);
        int r = prompt ? ouro_file_write_str(vm, out, prompt) : -1;
        ouro_xdecref(vm, prompt);
        if (r < 0) return NULL;
    }
    if (ouro_file_flush(vm, out) < 0) return NULL;
    OuroObject *line = ouro_object_call_method(vm, in, OURO_ID(vm, readline), NULL, 0);
    if (!line) return NULL;
    if (!ouro_str_check(line)) {
        ouro_decref(vm, line);
        return ouro_err_format(vm, &ouro_exc_TypeError, "object.readline() returned non-string");
    }
    size_t n = ouro_str_size(line);
    if (n == 0) {
        ouro_decref(vm, line);
        return ouro_err_format(vm, &ouro_exc_EOFError, "EOF when reading a line");
    }
    if (ouro_str_cstr(line)[n - 1] != '\n') return line;
    OuroObject *stripped = ouro_str_from_utf8(vm, ouro_str_cstr(line), n - 1);
    ouro_decref(vm, line);
    return stripped;
}

/* ---- exit and quit ------------------------------------------------------------------- */

typedef struct OuroQuitter {
    OuroObject ob;
    const char *name;
} OuroQuitter;

static OuroObject *quitter_repr(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_format(vm, "Use %s() or Ctrl-D (i.e. EOF) to exit",
                                ((OuroQuitter *)self)->name);
}

static OuroObject *quitter_call(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"code"};
    OuroObject *code;
    if (ouro_args_bind(vm, ((OuroQuitter *)self)->name, args, nargs, kwnames, names, 1, 0, 0,
                       &code) < 0)
        return NULL;
    /* Like CPython's site.Quitter, close stdin first so a pending read does not block. */
    ouro_err_set(vm, &ouro_exc_SystemExit, code ? code : ouro_none);
    return NULL;
}

static OuroType quitter_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .name = "_sitebuiltins.Quitter",
    .basicsize = sizeof(OuroQuitter),
    .repr = quitter_repr,
    .call = quitter_call,
};

/* The two instances are static (immortal): they hold nothing. */
static OuroQuitter exit_object = {{OURO_IMMORTAL_REFCNT, &quitter_type}, "exit"};
static OuroQuitter quit_object = {{OURO_IMMORTAL_REFCNT, &quitter_type}, "quit"};

static const OuroMethodDef io_functions[] = {
    {"input", builtin_input, 0, "Read a string from standard input."},
    {"open", ouro_file_open, 0, "Open file and return a stream."},
    {"print", builtin_print, 0, "Prints the values to a stream, or to sys.stdout by default."},
    {NULL, NULL, 0, NULL},
};

int ouro_builtins_add_io_functions(OuroVM *vm, OuroObject *module) {
    if (ouro_vm_add_static_type(vm, &quitter_type) < 0 ||
        ouro_vm_add_static_type(vm, &ouro_file_type) < 0)
        return -1;
    if (ouro_module_add_object(vm, module, "exit", (OuroObject *)&exit_object) < 0 ||
        ouro_module_add_object(vm, module, "quit", (OuroObject *)&quit_object) < 0)
        return -1;
    return ouro_module_add_functions(vm, module, io_functions);
}
