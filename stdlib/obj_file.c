/* stdlib/obj_file.c — text files: what open() returns and what sys.stdin/stdout/stderr are.
 * A thin layer over C stdio (its buffering is what CPython's io stack gives a text file:
 * line-buffered on a terminal, block-buffered otherwise), decoding and encoding UTF-8. */
#include "stdlib/file.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct OuroFile {
    OuroObject ob;
    FILE *fp;
    OuroObject *name;                 /* str, or int for wrapped descriptors */
    OuroObject *mode;                 /* str */
    bool readable, writable;
    bool owns_fp;                     /* close the FILE on close()/dealloc (not the std streams) */
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
} OuroFile;

static bool is_file(OuroObject *o) { return !OURO_IS_SMALLINT(o) && o->type == &ouro_file_type; }

static int check_open(OuroVM *vm, OuroFile *f) {
    if (f->fp) return 0;
    ouro_err_set_str(vm, &ouro_exc_ValueError, "I/O operation on closed file.");
    return -1;
}

static int raise_errno(OuroVM *vm, int err, OuroObject *filename) {
    OuroObject *msg = ouro_str_from_cstr(vm, strerror(err));
    if (!msg) return -1;
    OuroObject *args = filename ? ouro_tuple_pack(vm, 3, ouro_smallint(err), msg, filename)
                                : ouro_tuple_pack(vm, 2, ouro_smallint(err), msg);
    ouro_decref(vm, msg);
    if (!args) return -1;
    ouro_err_set(vm, &ouro_exc_OSError, args);
    ouro_decref(vm, args);
    return -1;
}

static OuroObject *file_wrap(OuroVM *vm, FILE *fp, OuroObject *name, const char *mode,
                             bool readable, bool writable, bool owns) {
    OuroObject *mode_str = ouro_str_from_cstr(vm, mode);
    if (!mode_str) return NULL;
    OuroFile *f = (OuroFile *)ouro_gc_alloc(ouro_heap(vm), &ouro_file_type, sizeof(OuroFile));
    if (!f) {
        ouro_decref(vm, mode_str);
        return ouro_err_no_memory(vm);
    }
    f->fp = fp;
    f->name = ouro_newref(name);
    f->mode = mode_str;
    f->readable = readable;
    f->writable = writable;
    f->owns_fp = owns;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)f);
    return (OuroObject *)f;
}

OuroObject *ouro_file_from_stdio(OuroVM *vm, FILE *fp, const char *name, const char *mode) {
    OuroObject *n = ouro_str_from_cstr(vm, name);
    if (!n) return NULL;
    OuroObject *f = file_wrap(vm, fp, n, mode, mode[0] == 'r', mode[0] != 'r', false);
    ouro_decref(vm, n);
    return f;
}

/* ---- open ------------------------------------------------------------------------------ */

/* Checks a Python mode string and gives the C one; -1 with ValueError if invalid. The checks
 * and their order are those of CPython's io.open(). */
static int parse_mode(OuroVM *vm, OuroObject *mode, char *cmode, bool *readable, bool *writable) {
    const char *m = ouro_str_cstr(mode);
    int base = 0, nbase = 0;
    bool plus = false, text = false, binary = false;
    for (const char *p = m; *p; p++) {
        switch (*p) {
        case 'r': case 'w': case 'a': case 'x': base = *p; nbase++; break;
        case '+': plus = true; break;
        case 't': text = true; break;
        case 'b': binary = true; break;
        default: goto invalid;
        }
        if (strchr(p + 1, *p)) goto invalid;
    }
    if (text && binary) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    if (nbase > 1) {
        ouro_err_set_str(vm, &ouro_exc_ValueError,
                         "must have exactly one of create/read/write/append mode");
        return -1;
    }
    if (binary) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "binary mode is not supported by ouro yet");
        return -1;
    }
    if (!base) {
        ouro_err_set_str(vm, &ouro_exc_ValueError,
                         "Must have exactly one of create/read/write/append mode and at most one plus");
        return -1;
    }
    *readable = base == 'r' || plus;
    *writable = base != 'r' || plus;
    snprintf(cmode, 8, "%c%s%s", base == 'x' ? 'w' : base, base == 'x' ? "x" : "", plus ? "+" : "");
    return 0;
invalid:
    ouro_err_format(vm, &ouro_exc_ValueError, "invalid mode: '%s'", m);
    return -1;
}

/* fopen() of a directory succeeds for reading; open() raises IsADirectoryError. */
static bool is_directory(FILE *fp) {
    struct stat st;
    return fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode);
}

OuroObject *ouro_file_open(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors",
                                        "newline", "closefd", "opener"};
    OuroObject *a[8];
    if (ouro_args_bind(vm, "open", args, nargs, kwnames, names, 8, 0, 1, a) < 0) return NULL;
    OuroObject *file = a[0], *mode = a[1] ? a[1] : NULL;
    if (!ouro_str_check(file))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "expected str, bytes or os.PathLike object, not %T", file);
    if (mode && !ouro_str_check(mode))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "open() argument 'mode' must be str, not %T", mode);
    OuroObject *default_mode = NULL;
    if (!mode && !(mode = default_mode = ouro_str_from_cstr(vm, "r"))) return NULL;
    char cmode[8];
    bool readable, writable;
    OuroObject *result = NULL;
    if (parse_mode(vm, mode, cmode, &readable, &writable) == 0) {
        FILE *fp = fopen(ouro_str_cstr(file), cmode);
        if (!fp) {
            raise_errno(vm, errno, file);
        } else if (is_directory(fp)) {
            fclose(fp);
            raise_errno(vm, EISDIR, file);
        } else if (!(result = file_wrap(vm, fp, file, ouro_str_cstr(mode), readable, writable, true)))
            fclose(fp);
    }
    ouro_xdecref(vm, default_mode);
    return result;
}

/* ---- reading --------------------------------------------------------------------------- */

/* Whether the next getc() may have to refill the buffer (glibc lets us look; elsewhere
 * assume so) from something that can block: a terminal, pipe or socket, not a disk file. */
static bool may_block(FILE *fp) {
#ifdef __GLIBC__
    if (fp->_IO_read_ptr < fp->_IO_read_end) return false;
#endif
    struct stat st;
    return fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode);
}

/* The SIGINT handler is installed with SA_RESTART so that writes and other calls are not
 * cut short; while a read blocks it must instead fail with EINTR, so Ctrl-C is seen at once
 * (CPython's handler has no SA_RESTART and its readers check signals on EINTR). */
static bool without_restart(struct sigaction *saved) {
    if (sigaction(SIGINT, NULL, saved) < 0 || saved->sa_handler == SIG_DFL ||
        saved->sa_handler == SIG_IGN || !(saved->sa_flags & SA_RESTART))
        return false;
    struct sigaction sa = *saved;
    sa.sa_flags &= ~SA_RESTART;
    return sigaction(SIGINT, &sa, NULL) == 0;
}

/* PyErr_CheckSignals after an interrupted read: KeyboardInterrupt when Ctrl-C was pressed. */
static bool take_interrupt(OuroVM *vm) {
    if (!vm->interrupt_requested) return false;
    vm->interrupt_requested = 0;
    ouro_err_set_none(vm, &ouro_exc_KeyboardInterrupt);
    return true;
}

/* Reads one line (with its newline) into buf, at most limit characters (code points, as a
 * text file counts them; -1: no limit); *nchars counts them. 1 when something was read,
 * 0 at end of file, -1 with KeyboardInterrupt when Ctrl-C interrupted a blocking read
 * (other interrupted reads are retried). CRLF becomes LF. */
static int read_line(OuroVM *vm, FILE *fp, OuroStrBuf *buf, intptr_t limit, intptr_t *nchars) {
    int c, status = 0;
    struct sigaction saved;
    bool restart_off = false;
    for (;;) {
        if (!restart_off && may_block(fp)) {
            if (take_interrupt(vm)) {
                status = -1;
                break;
            }
            restart_off = without_restart(&saved);
        }
        if ((c = getc(fp)) == EOF) {
            bool eintr = ferror(fp) && errno == EINTR;
            if (eintr) clearerr(fp);
            /* A Ctrl-C that came with the end of input is not lost either. */
            if ((eintr || restart_off) && take_interrupt(vm)) {
                status = -1;
                break;
            }
            if (eintr) continue;
            break;
        }
        bool lead = (c & 0xC0) != 0x80;
        if (lead && limit >= 0 && *nchars >= limit) {
            ungetc(c, fp);
            break;
        }
        status = 1;
        if (c == '\r') {
            int next = getc(fp);
            if (next != '\n' && next != EOF) ungetc(next, fp);
            c = '\n';
        }
        ouro_strbuf_append_char(buf, (char)c);
        if (lead) ++*nchars;
        if (c == '\n') break;
    }
    if (restart_off) sigaction(SIGINT, &saved, NULL);
    return status;
}

static int check_readable(OuroVM *vm, OuroFile *f) {
    if (check_open(vm, f) < 0) return -1;
    if (f->readable) return 0;
    ouro_err_set_str(vm, &ouro_exc_OSError, "not readable");
    return -1;
}

static int size_arg(OuroVM *vm, const char *fname, OuroObject *const *args, size_t nargs,
                    OuroObject *kwnames, intptr_t *size) {
    *size = -1;
    if (ouro_args_check(vm, fname, nargs, kwnames, 0, 1) < 0) return -1;
    if (nargs == 1 && args[0] != ouro_none) {
        int64_t v;
        if (ouro_int_as_i64(vm, args[0], &v) < 0) return -1;
        *size = v < 0 ? -1 : (intptr_t)v;
    }
    return 0;
}

static OuroObject *file_read(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    intptr_t size;
    if (size_arg(vm, "read", args, nargs, kwnames, &size) < 0 || check_readable(vm, f) < 0)
        return NULL;
    OuroStrBuf buf;
    ouro_strbuf_init(&buf);
    intptr_t nchars = 0;
    while (size < 0 || nchars < size) {
        int r = read_line(vm, f->fp, &buf, size, &nchars);
        if (r < 0) {
            ouro_strbuf_release(&buf);
            return NULL;
        }
        if (r == 0) break;
    }
    return ouro_strbuf_finish(vm, &buf);
}

static OuroObject *file_readline(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    intptr_t size;
    if (size_arg(vm, "readline", args, nargs, kwnames, &size) < 0 || check_readable(vm, f) < 0)
        return NULL;
    if (f->fp == stdin) fflush(stdout);   /* show any prompt before blocking on input */
    OuroStrBuf buf;
    ouro_strbuf_init(&buf);
    intptr_t nchars = 0;
    if (read_line(vm, f->fp, &buf, size, &nchars) < 0) {
        ouro_strbuf_release(&buf);
        return NULL;
    }
    return ouro_strbuf_finish(vm, &buf);
}

static OuroObject *file_readlines(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    if (ouro_args_check(vm, "readlines", nargs, kwnames, 0, 1) < 0 || check_readable(vm, f) < 0)
        return NULL;
    OuroObject *lines = ouro_list_new(vm, 0);
    if (!lines) return NULL;
    for (;;) {
        OuroStrBuf buf;
        ouro_strbuf_init(&buf);
        intptr_t nchars = 0;
        int r = read_line(vm, f->fp, &buf, -1, &nchars);
        if (r <= 0) {
            ouro_strbuf_release(&buf);
            if (r == 0) return lines;
            ouro_decref(vm, lines);
            return NULL;
        }
        OuroObject *line = ouro_strbuf_finish(vm, &buf);
        if (!line || ouro_list_append_steal(vm, lines, line) < 0) {
            ouro_decref(vm, lines);
            return NULL;
        }
    }
}

static OuroObject *file_iternext(OuroVM *vm, OuroObject *self) {
    OuroFile *f = (OuroFile *)self;
    if (check_readable(vm, f) < 0) return NULL;
    OuroStrBuf buf;
    ouro_strbuf_init(&buf);
    intptr_t nchars = 0;
    if (read_line(vm, f->fp, &buf, -1, &nchars) <= 0) {   /* end, or KeyboardInterrupt */
        ouro_strbuf_release(&buf);
        return NULL;
    }
    return ouro_strbuf_finish(vm, &buf);
}

static OuroObject *file_iter(OuroVM *vm, OuroObject *self) {
    if (check_open(vm, (OuroFile *)self) < 0) return NULL;
    return ouro_newref(self);
}

/* ---- writing --------------------------------------------------------------------------- */

int ouro_file_write_str(OuroVM *vm, OuroObject *file, OuroObject *s) {
    if (is_file(file)) {
        OuroFile *f = (OuroFile *)file;
        if (check_open(vm, f) < 0) return -1;
        if (!f->writable) {
            ouro_err_set_str(vm, &ouro_exc_OSError, "not writable");
            return -1;
        }
        if (fwrite(ouro_str_cstr(s), 1, ouro_str_size(s), f->fp) != ouro_str_size(s))
            return raise_errno(vm, errno, NULL);
        if (f->fp == stderr) fflush(stderr);
        return 0;
    }
    OuroObject *r = ouro_object_call_method(vm, file, OURO_ID(vm, write), &s, 1);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

int ouro_file_flush(OuroVM *vm, OuroObject *file) {
    if (is_file(file)) {
        OuroFile *f = (OuroFile *)file;
        if (f->fp) fflush(f->fp);
        return 0;
    }
    OuroObject *r = ouro_object_call_method(vm, file, OURO_ID(vm, flush), NULL, 0);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

static OuroObject *file_write(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "write", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "write() argument must be str, not %T",
                               args[0]);
    if (ouro_file_write_str(vm, self, args[0]) < 0) return NULL;
    return ouro_int_from_i64(vm, (int64_t)ouro_str_length(args[0]));
}

static OuroObject *file_writelines(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "writelines", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *it = ouro_object_getiter(vm, args[0]);
    if (!it) return NULL;
    OuroObject *line;
    while ((line = ouro_iter_next(vm, it))) {
        int r = ouro_str_check(line) ? ouro_file_write_str(vm, self, line)
                                     : (ouro_err_format(vm, &ouro_exc_TypeError,
                                                        "write() argument must be str, not %T", line),
                                        -1);
        ouro_decref(vm, line);
        if (r < 0) break;
    }
    ouro_decref(vm, it);
    return ouro_err_occurred(vm) ? NULL : ouro_newref(ouro_none);
}

static OuroObject *file_flush(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "flush", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(vm, (OuroFile *)self) < 0) return NULL;
    fflush(((OuroFile *)self)->fp);
    return ouro_newref(ouro_none);
}

static void close_fp(OuroFile *f) {
    if (!f->fp) return;
    if (f->owns_fp) fclose(f->fp);
    else fflush(f->fp);
    f->fp = NULL;
}

static OuroObject *file_close(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    close_fp((OuroFile *)self);
    return ouro_newref(ouro_none);
}

static OuroObject *file_enter(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    if (check_open(vm, (OuroFile *)self) < 0) return NULL;
    return ouro_newref(self);
}

static OuroObject *file_exit(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    close_fp((OuroFile *)self);
    return ouro_newref(ouro_none);
}

static OuroObject *file_isatty(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    if (ouro_args_check(vm, "isatty", nargs, kwnames, 0, 0) < 0 || check_open(vm, f) < 0)
        return NULL;
    return ouro_newref(ouro_bool_from(isatty(fileno(f->fp))));
}

static OuroObject *file_fileno(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    if (ouro_args_check(vm, "fileno", nargs, kwnames, 0, 0) < 0 || check_open(vm, f) < 0)
        return NULL;
    return ouro_int_from_i64(vm, fileno(f->fp));
}

static OuroObject *file_readable(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (check_open(vm, (OuroFile *)self) < 0) return NULL;
    return ouro_newref(ouro_bool_from(((OuroFile *)self)->readable));
}

static OuroObject *file_writable(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (check_open(vm, (OuroFile *)self) < 0) return NULL;
    return ouro_newref(ouro_bool_from(((OuroFile *)self)->writable));
}

/* tell() and seek() use byte offsets as cookies, which is what CPython's are for UTF-8. */
static OuroObject *file_tell(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    if (ouro_args_check(vm, "tell", nargs, kwnames, 0, 0) < 0 || check_open(vm, f) < 0)
        return NULL;
    long pos = ftell(f->fp);
    if (pos < 0) {
        raise_errno(vm, errno, NULL);
        return NULL;
    }
    return ouro_int_from_i64(vm, pos);
}

static OuroObject *file_seek(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    int64_t offset, whence = 0;
    if (ouro_args_check(vm, "seek", nargs, kwnames, 1, 2) < 0 || check_open(vm, f) < 0 ||
        ouro_int_as_i64(vm, args[0], &offset) < 0 ||
        (nargs == 2 && ouro_int_as_i64(vm, args[1], &whence) < 0))
        return NULL;
    if (whence == 1 && offset != 0)
        return ouro_err_format(vm, &ouro_exc_OSError, "can't do nonzero cur-relative seeks");
    if (whence == 2 && offset != 0)
        return ouro_err_format(vm, &ouro_exc_OSError, "can't do nonzero end-relative seeks");
    if (whence < 0 || whence > 2)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (whence == 0 && offset < 0)
        return ouro_err_format(vm, &ouro_exc_ValueError, "negative seek position %lld",
                               (long long)offset);
    if (fseek(f->fp, (long)offset, whence == 0 ? SEEK_SET : whence == 1 ? SEEK_CUR : SEEK_END) < 0) {
        raise_errno(vm, errno, NULL);
        return NULL;
    }
    return ouro_int_from_i64(vm, ftell(f->fp));
}

static OuroObject *file_seekable(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    OuroFile *f = (OuroFile *)self;
    if (check_open(vm, f) < 0) return NULL;
    return ouro_newref(ouro_bool_from(ftell(f->fp) >= 0));
}

static const OuroMethodDef file_methods[] = {
    {"tell", file_tell, 0, NULL},
    {"seek", file_seek, 0, NULL},
    {"seekable", file_seekable, 0, NULL},
    {"read", file_read, 0, NULL},
    {"readline", file_readline, 0, NULL},
    {"readlines", file_readlines, 0, NULL},
    {"write", file_write, 0, NULL},
    {"writelines", file_writelines, 0, NULL},
    {"flush", file_flush, 0, NULL},
    {"close", file_close, 0, NULL},
    {"isatty", file_isatty, 0, NULL},
    {"fileno", file_fileno, 0, NULL},
    {"readable", file_readable, 0, NULL},
    {"writable", file_writable, 0, NULL},
    {"__enter__", file_enter, 0, NULL},
    {"__exit__", file_exit, 0, NULL},
    {NULL, NULL, 0, NULL},
};

static OuroObject *get_closed(OuroVM *vm, OuroObject *self) {
    return ouro_newref(ouro_bool_from(((OuroFile *)self)->fp == NULL));
}

static OuroObject *get_name(OuroVM *vm, OuroObject *self) {
    return ouro_newref(((OuroFile *)self)->name);
}

static OuroObject *get_mode(OuroVM *vm, OuroObject *self) {
    return ouro_newref(((OuroFile *)self)->mode);
}

/* CPython names the locale's encoding for open() ("UTF-8") but "utf-8" for the std streams. */
static const char *encoding_name(OuroFile *f) { return f->owns_fp ? "UTF-8" : "utf-8"; }

static OuroObject *get_encoding(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_cstr(vm, encoding_name((OuroFile *)self));
}

static const OuroGetSetDef file_getsets[] = {
    {"closed", get_closed, NULL, NULL},
    {"name", get_name, NULL, NULL},
    {"mode", get_mode, NULL, NULL},
    {"encoding", get_encoding, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static OuroObject *file_repr(OuroVM *vm, OuroObject *self) {
    OuroFile *f = (OuroFile *)self;
    return ouro_str_from_format(vm, "<_io.TextIOWrapper name=%R mode=%R encoding='%s'>",
                                f->name, f->mode, encoding_name(f));
}

/* Files are containers only so gc.is_tracked(f) is True as in CPython: name (a str or an
 * int) and mode (a str) cannot lead back to the file, so there is no clear hook. */
static int file_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroFile *f = (OuroFile *)self;
    int r = f->name ? visit(f->name, arg) : 0;
    return r ? r : f->mode ? visit(f->mode, arg) : 0;
}

static void file_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroFile *f = (OuroFile *)self;
    ouro_gc_untrack(heap, self);
    if (f->weaklist) ouro_gc_clear_weakrefs(heap, self);
    close_fp(f);
    ouro_clear(vm, &f->name);
    ouro_clear(vm, &f->mode);
    ouro_gc_free(heap, self);
}

OuroType ouro_file_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = file_traverse, .dealloc = file_dealloc, .gc_flags = OURO_GC_CONTAINER,
              .weaklist_offset = offsetof(OuroFile, weaklist)},
    .name = "_io.TextIOWrapper",
    .basicsize = sizeof(OuroFile),
    .repr = file_repr,
    .iter = file_iter,
    .iternext = file_iternext,
    .methods = file_methods,
    .getsets = file_getsets,
};
