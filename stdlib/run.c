/* stdlib/run.c — running code as __main__: a script file, a -c string, sys.path[0], and
 * what happens to an exception nobody caught (sys.excepthook, sys.last_*, and the exit
 * status CPython would give). The -m runner is in stdlib/import.c. */
#include "stdlib/stdlib.h"
#include "stdlib/file.h"
#include "stdlib/run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *ouro_read_file(const char *path, size_t *len) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, fp);
        if (n < cap - 1) break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
        }
        buf = bigger;
    }
    int err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = '\0';
    /* A UTF-8 byte-order mark starts some source files: CPython's file reader skips it. */
    if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        n -= 3;
        memmove(buf, buf + 3, n + 1);
    }
    *len = n;
    return buf;
}

void ouro_abspath(const char *path, char *out, size_t size) {
    char joined[8192];
    if (path[0] == '/') {
        snprintf(joined, sizeof joined, "%s", path);
    } else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, ".");
        snprintf(joined, sizeof joined, "%s/%s", cwd, path);
    }
    /* Normalise: drop "." components and fold "..". */
    char *parts[1024];
    int n = 0;
    for (char *tok = strtok(joined, "/"); tok && n < 1024; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0) continue;
        if (strcmp(tok, "..") == 0) {
            if (n > 0) n--;
            continue;
        }
        parts[n++] = tok;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n && used + 1 < size; i++)
        used += (size_t)snprintf(out + used, size - used, "/%s", parts[i]);
    if (n == 0) snprintf(out, size, "/");
}

static int run_code(OuroVM *vm, OuroObject *code, OuroObject *dict) {
    OuroObject *r = ouro_eval_code(vm, code, dict, dict);
    ouro_decref(vm, code);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

int ouro_run_file_in(OuroVM *vm, const char *path, OuroObject *dict) {
    size_t len;
    char *src = ouro_read_file(path, &len);
    if (!src) {
        int err = errno;
        OuroObject *name = ouro_str_from_cstr(vm, path);
        OuroObject *msg = name ? ouro_str_from_cstr(vm, strerror(err)) : NULL;
        OuroObject *args = msg ? ouro_tuple_pack(vm, 3, ouro_smallint(err), msg, name) : NULL;
        if (args) ouro_err_set(vm, &ouro_exc_OSError, args);
        ouro_xdecref(vm, args);
        ouro_xdecref(vm, msg);
        ouro_xdecref(vm, name);
        return -1;
    }
    OuroObject *code = vm->compile(vm, src, len, path, OURO_MODE_EXEC);
    free(src);
    return code ? run_code(vm, code, dict) : -1;
}

OuroObject *ouro_main_module(OuroVM *vm) {
    OuroObject *m = ouro_dict_get_str(vm->modules, OURO_ID(vm, __main__));
    if (m) return m;
    m = ouro_module_new(vm, "__main__");
    if (!m) return NULL;
    if (ouro_dict_set(vm, ouro_module_dict(m), OURO_ID(vm, __builtins__), vm->builtins_module) < 0 ||
        ouro_dict_set(vm, vm->modules, OURO_ID(vm, __main__), m) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    ouro_decref(vm, m);   /* sys.modules holds it */
    return m;
}

static int insert_path(OuroVM *vm, OuroObject *path, size_t index, const char *dir, size_t n) {
    OuroObject *d = ouro_str_from_utf8(vm, dir, n);
    if (!d) return -1;
    OuroObject *insert = ouro_str_from_cstr(vm, "insert");
    OuroObject *args[2] = {ouro_smallint((int64_t)index), d};
    OuroObject *r = insert ? ouro_object_call_method(vm, path, insert, args, 2) : NULL;
    ouro_xdecref(vm, insert);
    ouro_decref(vm, d);
    ouro_xdecref(vm, r);
    return r ? 0 : -1;
}

int ouro_run_set_path0(OuroVM *vm, const char *dir) {
    OuroObject *path = vm->sys_module ? ouro_dict_get_str(ouro_module_dict(vm->sys_module),
                                                          OURO_ID(vm, path))
                                      : NULL;
    if (!path || !ouro_list_check(path)) return 0;
    bool first = ouro_list_size(path) == 0;
    if (insert_path(vm, path, 0, dir, strlen(dir)) < 0) return -1;
    const char *extra = getenv("OUROPATH");
    if (!first || !extra) return 0;
    /* $OUROPATH, like $PYTHONPATH: colon-separated directories after sys.path[0]. */
    for (const char *p = extra; *p;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n && insert_path(vm, path, ouro_list_size(path), p, n) < 0) return -1;
        p += n + (end != NULL);
    }
    return 0;
}

int ouro_run_file(OuroVM *vm, const char *path) {
    char abs[4096];
    ouro_abspath(path, abs, sizeof abs);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", abs);
    char *slash = strrchr(dir, '/');
    if (slash) *(slash == dir ? slash + 1 : slash) = '\0';
    OuroObject *main_mod = ouro_main_module(vm);
    if (!main_mod || ouro_run_set_path0(vm, dir) < 0) return -1;
    OuroObject *file = ouro_str_from_cstr(vm, abs);
    int r = file ? ouro_dict_set(vm, ouro_module_dict(main_mod), OURO_ID(vm, __file__), file) : -1;
    ouro_xdecref(vm, file);
    if (r < 0) return -1;
    return ouro_run_file_in(vm, abs, ouro_module_dict(main_mod));
}

int ouro_run_string(OuroVM *vm, const char *src, const char *filename) {
    OuroObject *main_mod = ouro_main_module(vm);
    if (!main_mod || ouro_run_set_path0(vm, "") < 0) return -1;
    OuroObject *code = vm->compile(vm, src, strlen(src), filename, OURO_MODE_EXEC);
    return code ? run_code(vm, code, ouro_module_dict(main_mod)) : -1;
}

static void flush_stream(OuroVM *vm, const char *name) {
    if (!vm->sys_module) return;
    OuroObject *f = ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), name);
    if (f && f != ouro_none && ouro_file_flush(vm, f) < 0) ouro_err_clear(vm);
}

/* SystemExit's code as an exit status: None -> 0, int -> itself, anything else is printed
 * to stderr and gives 1 (CPython's handle_system_exit). */
static int system_exit_status(OuroVM *vm, OuroObject *exc) {
    OuroObject *code = ouro_object_getattr_cstr(vm, exc, "code");
    if (!code) {
        ouro_err_clear(vm);
        return 1;
    }
    int status = 0;
    int64_t v;
    if (code == ouro_none) {
        status = 0;
    } else if (ouro_int_check(code) && ouro_int_as_i64(vm, code, &v) == 0) {
        status = (int)v;
    } else {
        ouro_err_clear(vm);
        flush_stream(vm, "stdout");
        OuroObject *s = ouro_object_str(vm, code);
        if (s) {
            fprintf(stderr, "%s\n", ouro_str_cstr(s));
            ouro_decref(vm, s);
        } else {
            ouro_err_clear(vm);
        }
        status = 1;
    }
    ouro_decref(vm, code);
    return status;
}

static void set_sys(OuroVM *vm, const char *name, OuroObject *value) {
    if (ouro_dict_set_cstr(vm, ouro_module_dict(vm->sys_module), name, value) < 0)
        ouro_err_clear(vm);
}

void ouro_print_exception(OuroVM *vm, OuroObject *exc) {
    flush_stream(vm, "stdout");
    if (!vm->sys_module || !ouro_exception_check(exc)) {
        ouro_err_display(vm, exc);
        return;
    }
    OuroObject *tb = ((OuroException *)exc)->traceback;
    OuroObject *type = (OuroObject *)exc->type;
    tb = tb ? tb : ouro_none;
    set_sys(vm, "last_type", type);
    set_sys(vm, "last_value", exc);
    set_sys(vm, "last_traceback", tb);
    OuroObject *sysd = ouro_module_dict(vm->sys_module);
    OuroObject *hook = ouro_dict_get_str(sysd, OURO_ID(vm, excepthook));
    OuroObject *builtin_hook = ouro_dict_get_cstr(vm, sysd, "__excepthook__");
    if (!hook || hook == ouro_none) {
        fputs("sys.excepthook is missing\n", stderr);
        ouro_err_display(vm, exc);
        return;
    }
    if (hook == builtin_hook) {
        ouro_err_display(vm, exc);
        return;
    }
    OuroObject *args[3] = {type, exc, tb};
    OuroObject *r = ouro_object_call(vm, hook, args, 3, NULL);
    if (r) {
        ouro_decref(vm, r);
        return;
    }
    OuroObject *hook_exc = ouro_err_fetch(vm);
    flush_stream(vm, "stdout");
    fflush(stderr);
    fputs("Error in sys.excepthook:\n", stderr);
    if (hook_exc) ouro_err_display(vm, hook_exc);
    fputs("\nOriginal exception was:\n", stderr);
    ouro_err_display(vm, exc);
    ouro_xdecref(vm, hook_exc);
}

int ouro_handle_uncaught(OuroVM *vm) {
    OuroObject *exc = ouro_err_fetch(vm);
    if (!exc) return 0;
    int status;
    if (ouro_object_is_instance_of_type(exc, &ouro_exc_SystemExit)) {
        status = system_exit_status(vm, exc);
    } else {
        ouro_print_exception(vm, exc);
        status = ouro_object_is_instance_of_type(exc, &ouro_exc_KeyboardInterrupt) ? 130 : 1;
    }
    ouro_decref(vm, exc);
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    flush_stream(vm, "stderr");
    return status;
}
