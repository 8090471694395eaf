/* stdlib/mod_os.c — the native `posix` module behind stdlib/lib/os.py: the process calls the
 * lessons use (getpid, getppid, fork, waitpid, _exit, system, getcwd, getenv's environ) and
 * the wait-status macros. Like CPython, fork() neither flushes nor drops stdio buffers: text
 * printed but not yet flushed to a pipe is written by both processes, and os._exit() in the
 * child skips the flush, so the lessons' output matches python3's byte for byte. */
#include "stdlib/modules.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define OS_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                OuroObject *kw

/* Raises OSError(errno, strerror[, filename]); the OSError constructor picks the subclass
 * (FileNotFoundError for ENOENT, ...) as CPython's PyErr_SetFromErrno does. */
static OuroObject *raise_errno(OuroVM *vm, int err, OuroObject *filename) {
    OuroObject *msg = ouro_str_from_cstr(vm, strerror(err));
    if (!msg) return NULL;
    OuroObject *a = filename ? ouro_tuple_pack(vm, 3, ouro_smallint(err), msg, filename)
                             : ouro_tuple_pack(vm, 2, ouro_smallint(err), msg);
    ouro_decref(vm, msg);
    if (!a) return NULL;
    ouro_err_set(vm, &ouro_exc_OSError, a);
    ouro_decref(vm, a);
    return NULL;
}

/* A path-like str argument: no embedded NUL, as CPython's path converter. */
static const char *as_path(OuroVM *vm, OuroObject *o) {
    if (!ouro_str_check(o)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "expected str, bytes or os.PathLike object, not %T", o);
        return NULL;
    }
    if (strlen(ouro_str_cstr(o)) != ouro_str_size(o)) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "embedded null byte");
        return NULL;
    }
    return ouro_str_cstr(o);
}

static OuroObject *os_getpid(OS_ARGS) {
    if (ouro_args_check(vm, "posix.getpid", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, getpid());
}

static OuroObject *os_getppid(OS_ARGS) {
    if (ouro_args_check(vm, "posix.getppid", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, getppid());
}

static OuroObject *os_fork(OS_ARGS) {
    if (ouro_args_check(vm, "posix.fork", nargs, kw, 0, 0) < 0) return NULL;
    pid_t pid = fork();
    if (pid < 0) return raise_errno(vm, errno, NULL);
    return ouro_int_from_i64(vm, pid);
}

/* waitpid(pid, options) -> (pid, status); retried on EINTR unless Ctrl-C is pending. */
static OuroObject *os_waitpid(OS_ARGS) {
    if (kw && ouro_tuple_size(kw) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "waitpid() takes no keyword arguments");
    if (nargs != 2)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "waitpid() takes exactly 2 arguments (%zu given)", nargs);
    int pid, options, status = 0;
    if (ouro_arg_format_i(vm, args[0], &pid) < 0 || ouro_arg_format_i(vm, args[1], &options) < 0) return NULL;
    pid_t r;
    while ((r = waitpid(pid, &status, options)) < 0 && errno == EINTR) {
        if (vm->interrupt_requested) {
            vm->interrupt_requested = 0;
            ouro_err_set_none(vm, &ouro_exc_KeyboardInterrupt);
            return NULL;
        }
    }
    if (r < 0) return raise_errno(vm, errno, NULL);
    OuroObject *p = ouro_int_from_i64(vm, r);
    if (!p) return NULL;
    OuroObject *s = ouro_int_from_i64(vm, status);
    if (!s) { ouro_decref(vm, p); return NULL; }
    OuroObject *t = ouro_tuple_pack(vm, 2, p, s);
    ouro_decref(vm, p);
    ouro_decref(vm, s);
    return t;
}

/* One required int parameter by the given name (os._exit(status), os.WIFEXITED(status)). */
static int one_int(OuroVM *vm, const char *fname, const char *pname, OuroObject *const *args,
                   size_t nargs, OuroObject *kw, int *out) {
    const char *names[1] = {pname};
    OuroObject *a[1];
    if (ouro_args_bind(vm, fname, args, nargs, kw, names, 1, 0, 1, a) < 0) return -1;
    return ouro_arg_format_i(vm, a[0], out);
}

/* Ends the process at once: no atexit handlers, no flushing, no teardown (so no leak
 * check either), exactly as CPython's os._exit. */
static OuroObject *os__exit(OS_ARGS) {
    int status;
    if (one_int(vm, "_exit", "status", args, nargs, kw, &status) < 0) return NULL;
    _exit(status);
}

/* system(command) -> the wait status, as C's system(); stdout is not flushed first (nor is
 * it by CPython), so buffered output may appear after the command's. */
static OuroObject *os_system(OS_ARGS) {
    const char *names[1] = {"command"};
    OuroObject *a[1];
    if (ouro_args_bind(vm, "system", args, nargs, kw, names, 1, 0, 1, a) < 0) return NULL;
    const char *cmd = as_path(vm, a[0]);
    if (!cmd) return NULL;
    int r = system(cmd);
    if (r == -1) return raise_errno(vm, errno, NULL);
    return ouro_int_from_i64(vm, r);
}

static OuroObject *os_getcwd(OS_ARGS) {
    if (ouro_args_check(vm, "posix.getcwd", nargs, kw, 0, 0) < 0) return NULL;
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return raise_errno(vm, errno, NULL);
    OuroObject *s = ouro_str_from_cstr(vm, cwd);
    free(cwd);
    return s;
}

static OuroObject *os_WIFEXITED(OS_ARGS) {
    int st;
    if (one_int(vm, "WIFEXITED", "status", args, nargs, kw, &st) < 0) return NULL;
    return ouro_newref(ouro_bool_from(WIFEXITED(st)));
}

static OuroObject *os_WEXITSTATUS(OS_ARGS) {
    int st;
    if (one_int(vm, "WEXITSTATUS", "status", args, nargs, kw, &st) < 0) return NULL;
    return ouro_int_from_i64(vm, WEXITSTATUS(st));
}

static OuroObject *os_WIFSIGNALED(OS_ARGS) {
    int st;
    if (one_int(vm, "WIFSIGNALED", "status", args, nargs, kw, &st) < 0) return NULL;
    return ouro_newref(ouro_bool_from(WIFSIGNALED(st)));
}

static OuroObject *os_WTERMSIG(OS_ARGS) {
    int st;
    if (one_int(vm, "WTERMSIG", "status", args, nargs, kw, &st) < 0) return NULL;
    return ouro_int_from_i64(vm, WTERMSIG(st));
}

/* remove(path) / unlink(path): CPython's messages name the file ("[Errno 2] No such file or
 * directory: 'x'"). */
static OuroObject *remove_impl(OuroVM *vm, const char *fname, OuroObject *const *args,
                               size_t nargs, OuroObject *kw) {
    const char *names[1] = {"path"};
    OuroObject *a[1];
    if (ouro_args_bind(vm, fname, args, nargs, kw, names, 1, 0, 1, a) < 0) return NULL;
    const char *path = as_path(vm, a[0]);
    if (!path) return NULL;
    if (unlink(path) != 0) return raise_errno(vm, errno, a[0]);
    return ouro_newref(ouro_none);
}

static OuroObject *os_remove(OS_ARGS) { return remove_impl(vm, "remove", args, nargs, kw); }
static OuroObject *os_unlink(OS_ARGS) { return remove_impl(vm, "unlink", args, nargs, kw); }

/* _stat_kind(path) -> 0 missing, 1 regular file, 2 directory, 3 other: what posixpath's
 * exists/isfile/isdir need, without a stat_result type. */
static OuroObject *os__stat_kind(OS_ARGS) {
    if (ouro_args_check(vm, "_stat_kind", nargs, kw, 1, 1) < 0) return NULL;
    const char *path = as_path(vm, args[0]);
    if (!path) return NULL;
    struct stat st;
    if (stat(path, &st) != 0) return ouro_smallint(0);
    return ouro_smallint(S_ISREG(st.st_mode) ? 1 : S_ISDIR(st.st_mode) ? 2 : 3);
}

/* environ as a dict of str, read once at import (reading is what the lessons need; setting
 * an item does not change the real environment, unlike CPython's os._Environ). */
static OuroObject *environ_dict(OuroVM *vm) {
    OuroObject *d = ouro_dict_new(vm);
    if (!d) return NULL;
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (!eq || eq == *e) continue;
        OuroObject *k = ouro_str_from_utf8(vm, *e, (size_t)(eq - *e));
        OuroObject *v = k ? ouro_str_from_cstr(vm, eq + 1) : NULL;
        /* A variable that is not UTF-8 is skipped (CPython would use surrogateescape). */
        int r = (k && v) ? ouro_dict_set(vm, d, k, v) : 0;
        if (!k || !v) ouro_err_clear(vm);
        ouro_xdecref(vm, k);
        ouro_xdecref(vm, v);
        if (r < 0) { ouro_decref(vm, d); return NULL; }
    }
    return d;
}

static const OuroMethodDef os_functions[] = {
    { "getpid", os_getpid, 0, "Return the current process id." },
    { "getppid", os_getppid, 0, "Return the parent's process id." },
    { "fork", os_fork, 0, "Fork a child process.\n\nReturn 0 to child process and PID of child to parent process." },
    { "waitpid", os_waitpid, 0, "Wait for completion of a given child process." },
    { "_exit", os__exit, 0, "Exit to the system with specified status, without normal exit processing." },
    { "system", os_system, 0, "Execute the command in a subshell." },
    { "remove", os_remove, 0, "Remove a file (same as unlink())." },
    { "unlink", os_unlink, 0, "Remove a file (same as remove())." },
    { "getcwd", os_getcwd, 0, "Return a unicode string representing the current working directory." },
    { "WIFEXITED", os_WIFEXITED, 0, "Return True if the process returning status exited via the exit() system call." },
    { "WEXITSTATUS", os_WEXITSTATUS, 0, "Return the process return code from status." },
    { "WIFSIGNALED", os_WIFSIGNALED, 0, "Return True if the process returning status was terminated by a signal." },
    { "WTERMSIG", os_WTERMSIG, 0, "Return the signal that terminated the process that provided the status value." },
    { "_stat_kind", os__stat_kind, 0, "0 missing, 1 file, 2 directory, 3 other (for posixpath)." },
    { NULL, NULL, 0, NULL },
};

OuroObject *ouro_init_posix(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "posix");
    if (!m) return NULL;
    OuroObject *env = NULL;
    if (ouro_module_add_functions(vm, m, os_functions) < 0 ||
        ouro_module_add_native_attrs(vm, m, "This module provides access to operating system "
                                            "functionality that is standardized by the C "
                                            "Standard and the POSIX standard (a thinly "
                                            "disguised Unix interface).") < 0 ||
        ouro_module_add_int(vm, m, "WNOHANG", WNOHANG) < 0 ||
        !(env = environ_dict(vm)) || ouro_module_add_object(vm, m, "environ", env) < 0) {
        ouro_xdecref(vm, env);
        ouro_decref(vm, m);
        return NULL;
    }
    ouro_decref(vm, env);
    return m;
}
