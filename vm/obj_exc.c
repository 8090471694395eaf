/* vm/obj_exc.c — the built-in exception classes (vm/exceptions.def) and their instances.
 * Every built-in exception shares OuroException's layout; class-specific attributes
 * (StopIteration.value, SystemExit.code, OSError.errno, SyntaxError.lineno, ...) live in the
 * instance dict, set by that class's __init__, so user subclasses see them as CPython's. */
#include "vm/ouro.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

/* ---- instance basics ------------------------------------------------------------------- */

static OuroObject **exc_dict_slot(OuroObject *self) { return &((OuroException *)self)->dict; }

/* Sets an attribute in the instance dict, creating the dict on first use. */
static int exc_set_attr(OuroVM *vm, OuroObject *self, const char *name, OuroObject *value) {
    OuroObject **slot = exc_dict_slot(self);
    if (!*slot && !(*slot = ouro_dict_new(vm))) return -1;
    return ouro_dict_set_cstr(vm, *slot, name, value);
}

/* Borrowed attribute from the instance dict, or NULL. */
static OuroObject *exc_get_attr(OuroVM *vm, OuroObject *self, const char *name) {
    OuroObject *dict = *exc_dict_slot(self);
    return dict ? ouro_dict_get_cstr(vm, dict, name) : NULL;
}

static OuroObject *exc_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    OuroObject *argtuple = ouro_tuple_from_array(vm, args, nargs);
    if (!argtuple) return NULL;
    OuroException *e = (OuroException *)ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!e) {
        ouro_decref(vm, argtuple);
        return ouro_err_no_memory(vm);
    }
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_incref((OuroObject *)type);
    e->args = argtuple;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)e);
    return (OuroObject *)e;
}

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }

static int set_args(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs) {
    OuroObject *t = ouro_tuple_from_array(vm, args, nargs);
    if (!t) return -1;
    ouro_setref(vm, &((OuroException *)self)->args, t);
    return 0;
}

static int exc_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                    OuroObject *kwnames) {
    if (has_keywords(kwnames)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no keyword arguments",
                        ouro_type_name(ouro_type_of(self)));
        return -1;
    }
    return set_args(vm, self, args, nargs);
}

static int exc_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroException *e = (OuroException *)self;
    OuroObject *fields[] = {e->dict, e->args, e->traceback, e->context, e->cause};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    if (self->type->flags & OURO_TPFLAG_HEAPTYPE) return visit((OuroObject *)self->type, arg);
    return 0;
}

static void exc_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroException *e = (OuroException *)self;
    ouro_clear(vm, &e->dict);
    ouro_clear(vm, &e->args);
    ouro_clear(vm, &e->traceback);
    ouro_clear(vm, &e->context);
    ouro_clear(vm, &e->cause);
}

static void exc_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    ouro_gc_untrack(heap, self);
    exc_clear(heap, self);
    ouro_gc_free(heap, self);
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_gc_decref(heap, (OuroObject *)type);
}

/* ---- str and repr ---------------------------------------------------------------------- */

static OuroObject *args_of(OuroObject *self) { return ((OuroException *)self)->args; }

static OuroObject *exc_str(OuroVM *vm, OuroObject *self) {
    OuroObject *args = args_of(self);
    size_t n = args ? ouro_tuple_size(args) : 0;
    if (n == 0) return ouro_newref(vm->empty_str);
    if (n == 1) return ouro_object_str(vm, ouro_tuple_get(args, 0));
    return ouro_object_str(vm, args);
}

static OuroObject *exc_repr(OuroVM *vm, OuroObject *self) {
    OuroObject *args = args_of(self);
    const char *name = ouro_type_name(ouro_type_of(self));
    if (args && ouro_tuple_size(args) == 1)
        return ouro_str_from_format(vm, "%s(%R)", name, ouro_tuple_get(args, 0));
    return ouro_str_from_format(vm, "%s%R", name, args ? args : vm->empty_tuple);
}

static OuroObject *keyerror_str(OuroVM *vm, OuroObject *self) {
    OuroObject *args = args_of(self);
    if (args && ouro_tuple_size(args) == 1) return ouro_object_repr(vm, ouro_tuple_get(args, 0));
    return exc_str(vm, self);
}

/* ---- attributes ------------------------------------------------------------------------ */

static OuroObject *get_args(OuroVM *vm, OuroObject *self) {
    return ouro_newref(args_of(self) ? args_of(self) : vm->empty_tuple);
}

static int set_args_attr(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (!value) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "args may not be deleted");
        return -1;
    }
    OuroObject *t = ouro_tuple_from_iterable(vm, value);
    if (!t) return -1;
    ouro_setref(vm, &((OuroException *)self)->args, t);
    return 0;
}

static OuroObject *or_none(OuroObject *o) { return ouro_newref(o ? o : ouro_none); }

static OuroObject *get_traceback(OuroVM *vm, OuroObject *self) {
    return or_none(((OuroException *)self)->traceback);
}

static bool is_traceback(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && strcmp(o->type->name, "traceback") == 0;
}

static int set_traceback(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (!value) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__traceback__ may not be deleted");
        return -1;
    }
    if (value != ouro_none && !is_traceback(value)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__traceback__ must be a traceback or None");
        return -1;
    }
    ouro_exception_set_traceback(vm, self, value == ouro_none ? NULL : ouro_newref(value));
    return 0;
}

static OuroObject *get_context(OuroVM *vm, OuroObject *self) {
    return or_none(((OuroException *)self)->context);
}

static OuroObject *get_cause(OuroVM *vm, OuroObject *self) {
    return or_none(((OuroException *)self)->cause);
}

/* __context__ and __cause__ accept None or an exception instance. */
static int check_chain_value(OuroVM *vm, OuroObject *value, const char *what) {
    if (!value) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s may not be deleted", what);
        return -1;
    }
    if (value != ouro_none && !ouro_exception_check(value)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "exception %s must be None or derive from BaseException",
                        strcmp(what, "__cause__") == 0 ? "cause" : "context");
        return -1;
    }
    return 0;
}

static int set_context(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (check_chain_value(vm, value, "__context__") < 0) return -1;
    ouro_exception_set_context(vm, self, value == ouro_none ? NULL : ouro_newref(value));
    return 0;
}

static int set_cause(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (check_chain_value(vm, value, "__cause__") < 0) return -1;
    ouro_exception_set_cause(vm, self, value == ouro_none ? NULL : ouro_newref(value));
    return 0;
}

static OuroObject *get_suppress_context(OuroVM *vm, OuroObject *self) {
    return ouro_bool_from(((OuroException *)self)->suppress_context);
}

static int set_suppress_context(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (!value) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "can't delete attribute");
        return -1;
    }
    int truth = ouro_object_truthy(vm, value);
    if (truth < 0) return -1;
    ((OuroException *)self)->suppress_context = truth;
    return 0;
}

static OuroObject *get_dict(OuroVM *vm, OuroObject *self) {
    OuroObject **slot = exc_dict_slot(self);
    if (!*slot && !(*slot = ouro_dict_new(vm))) return NULL;
    return ouro_newref(*slot);
}

static int set_dict(OuroVM *vm, OuroObject *self, OuroObject *value) {
    if (!value || !ouro_dict_check(value)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, value ? "__dict__ must be a dictionary"
                                                         : "__dict__ may not be deleted");
        return -1;
    }
    ouro_setref(vm, exc_dict_slot(self), ouro_newref(value));
    return 0;
}

static const OuroGetSetDef exc_getsets[] = {
    {"__dict__", get_dict, set_dict, NULL},
    {"args", get_args, set_args_attr, NULL},
    {"__traceback__", get_traceback, set_traceback, NULL},
    {"__context__", get_context, set_context, "exception context"},
    {"__cause__", get_cause, set_cause, "exception cause"},
    {"__suppress_context__", get_suppress_context, set_suppress_context, NULL},
    {NULL, NULL, NULL, NULL},
};

static OuroObject *exc_with_traceback(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "with_traceback", nargs, kwnames, 1, 1) < 0) return NULL;
    if (set_traceback(vm, self, args[0]) < 0) return NULL;
    return ouro_newref(self);
}

static const OuroMethodDef exc_methods[] = {
    {"with_traceback", exc_with_traceback, 0,
     "Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self."},
    {NULL, NULL, 0, NULL},
};

/* ---- the class table ------------------------------------------------------------------- */

#define ouro_exc_NULL ouro_object_type   /* BaseException's base */
#define X(N, B)                                                                            \
    OuroType ouro_exc_##N = {                                                          \
        .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                    \
        .hooks = {.traverse = exc_traverse, .clear = exc_clear, .dealloc = exc_dealloc,   \
                  .gc_flags = OURO_GC_CONTAINER},                                         \
        .name = #N,                                                                       \
        .basicsize = sizeof(OuroException),                                               \
        .dict_offset = offsetof(OuroException, dict),                                     \
        .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_EXC_SUBCLASS,                          \
        .base = &ouro_exc_##B,                                                            \
    };
#include "vm/exceptions.def"
#undef X
#undef ouro_exc_NULL

/* ---- class-specific constructors ------------------------------------------------------- */

static int stopiteration_init(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (exc_init(vm, self, args, nargs, kwnames) < 0) return -1;
    return exc_set_attr(vm, self, "value", nargs ? args[0] : ouro_none);
}

static int systemexit_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    if (exc_init(vm, self, args, nargs, kwnames) < 0) return -1;
    OuroObject *code = nargs == 0 ? ouro_none : nargs == 1 ? args[0] : args_of(self);
    return exc_set_attr(vm, self, "code", code);
}

/* Keyword-only attributes accepted by a constructor (ImportError's name/path,
 * AttributeError's name/obj, NameError's name): all default to None. */
static int init_with_keywords(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames, const char *const *allowed) {
    if (set_args(vm, self, args, nargs) < 0) return -1;
    for (const char *const *a = allowed; *a; a++)
        if (exc_set_attr(vm, self, *a, ouro_none) < 0) return -1;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    for (size_t k = 0; k < nkw; k++) {
        OuroObject *key = ouro_tuple_get(kwnames, k);
        const char *const *a = allowed;
        while (*a && !ouro_str_equal_cstr(key, *a)) a++;
        if (!*a) {
            ouro_err_format(vm, &ouro_exc_TypeError, "'%U' is an invalid keyword argument for %s()",
                            key, ouro_type_name(ouro_type_of(self)));
            return -1;
        }
        if (exc_set_attr(vm, self, *a, args[nargs + k]) < 0) return -1;
    }
    return 0;
}

static int importerror_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    static const char *const allowed[] = {"name", "path", NULL};
    if (init_with_keywords(vm, self, args, nargs, kwnames, allowed) < 0) return -1;
    return exc_set_attr(vm, self, "msg", nargs == 1 ? args[0] : ouro_none);
}

static OuroObject *importerror_str(OuroVM *vm, OuroObject *self) {
    OuroObject *msg = exc_get_attr(vm, self, "msg");
    if (msg && msg != ouro_none) return ouro_object_str(vm, msg);
    return exc_str(vm, self);
}

static int attributeerror_init(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    static const char *const allowed[] = {"name", "obj", NULL};
    return init_with_keywords(vm, self, args, nargs, kwnames, allowed);
}

static int nameerror_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                          OuroObject *kwnames) {
    static const char *const allowed[] = {"name", NULL};
    return init_with_keywords(vm, self, args, nargs, kwnames, allowed);
}

/* OSError(errno, strerror[, filename]) picks the subclass for errno, as CPython's. */
static OuroType *oserror_subclass_for(OuroObject *errnum) {
    int64_t e;
    if (!OURO_IS_SMALLINT(errnum)) return &ouro_exc_OSError;
    e = ouro_smallint_value(errnum);
    switch (e) {
    case ENOENT: return &ouro_exc_FileNotFoundError;
    case EEXIST: return &ouro_exc_FileExistsError;
    case EISDIR: return &ouro_exc_IsADirectoryError;
    case ENOTDIR: return &ouro_exc_NotADirectoryError;
    case EACCES: case EPERM: return &ouro_exc_PermissionError;
    case ETIMEDOUT: return &ouro_exc_TimeoutError;
    case EAGAIN: case EALREADY: case EINPROGRESS: return &ouro_exc_BlockingIOError;
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK: return &ouro_exc_BlockingIOError;
#endif
    case ECHILD: return &ouro_exc_ChildProcessError;
    case EPIPE: case ESHUTDOWN: return &ouro_exc_BrokenPipeError;
    case ECONNABORTED: return &ouro_exc_ConnectionAbortedError;
    case ECONNREFUSED: return &ouro_exc_ConnectionRefusedError;
    case ECONNRESET: return &ouro_exc_ConnectionResetError;
    case EINTR: return &ouro_exc_InterruptedError;
    case ESRCH: return &ouro_exc_ProcessLookupError;
    default: return &ouro_exc_OSError;
    }
}

static OuroObject *oserror_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (type == &ouro_exc_OSError && nargs >= 2) type = oserror_subclass_for(args[0]);
    return exc_new(vm, type, args, nargs, kwnames);
}

static int oserror_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                        OuroObject *kwnames) {
    if (exc_init(vm, self, args, nargs, kwnames) < 0) return -1;
    bool structured = nargs >= 2 && nargs <= 5;
    OuroObject *errnum = structured ? args[0] : ouro_none;
    OuroObject *strerror = structured ? args[1] : ouro_none;
    OuroObject *filename = structured && nargs >= 3 ? args[2] : ouro_none;
    if (exc_set_attr(vm, self, "errno", errnum) < 0 ||
        exc_set_attr(vm, self, "strerror", strerror) < 0 ||
        exc_set_attr(vm, self, "filename", filename) < 0)
        return -1;
    /* With a filename, CPython keeps only (errno, strerror) as args. */
    if (filename != ouro_none) return set_args(vm, self, args, 2);
    return 0;
}

static OuroObject *oserror_str(OuroVM *vm, OuroObject *self) {
    OuroObject *errnum = exc_get_attr(vm, self, "errno");
    OuroObject *strerror = exc_get_attr(vm, self, "strerror");
    OuroObject *filename = exc_get_attr(vm, self, "filename");
    if (filename && filename != ouro_none)
        return ouro_str_from_format(vm, "[Errno %S] %S: %R", errnum, strerror, filename);
    if (errnum && strerror && errnum != ouro_none && strerror != ouro_none)
        return ouro_str_from_format(vm, "[Errno %S] %S", errnum, strerror);
    return exc_str(vm, self);
}

static const char *const syntax_fields[] = {"filename", "lineno", "offset", "text",
                                            "end_lineno", "end_offset"};

static int syntaxerror_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (exc_init(vm, self, args, nargs, kwnames) < 0) return -1;
    if (exc_set_attr(vm, self, "msg", nargs >= 1 ? args[0] : ouro_none) < 0 ||
        exc_set_attr(vm, self, "print_file_and_line", ouro_none) < 0)
        return -1;
    OuroObject *info = nargs == 2 ? args[1] : NULL;
    size_t ninfo = 0;
    if (info) {
        if (!ouro_tuple_check(info) || ouro_tuple_size(info) < 4 || ouro_tuple_size(info) > 6) {
            ouro_err_set_str(vm, &ouro_exc_IndexError, "tuple index out of range");
            return -1;
        }
        ninfo = ouro_tuple_size(info);
    }
    for (size_t i = 0; i < 6; i++) {
        OuroObject *v = i < ninfo ? ouro_tuple_get(info, i) : ouro_none;
        if (exc_set_attr(vm, self, syntax_fields[i], v) < 0) return -1;
    }
    return 0;
}

/* str(SyntaxError): "msg (file.py, line 3)" with the file's base name, as CPython. */
static OuroObject *syntaxerror_str(OuroVM *vm, OuroObject *self) {
    OuroObject *msg = exc_get_attr(vm, self, "msg");
    OuroObject *filename = exc_get_attr(vm, self, "filename");
    OuroObject *lineno = exc_get_attr(vm, self, "lineno");
    if (!msg) msg = ouro_none;
    bool have_file = filename && ouro_str_check(filename);
    bool have_line = lineno && ouro_int_check(lineno) && lineno != ouro_true && lineno != ouro_false;
    const char *base = NULL;
    if (have_file) {
        const char *path = ouro_str_cstr(filename);
        const char *slash = strrchr(path, '/');
        base = slash ? slash + 1 : path;
    }
    if (have_file && have_line) return ouro_str_from_format(vm, "%S (%s, line %S)", msg, base, lineno);
    if (have_file) return ouro_str_from_format(vm, "%S (%s)", msg, base);
    if (have_line) return ouro_str_from_format(vm, "%S (line %S)", msg, lineno);
    return ouro_object_str(vm, msg);
}

/* Class-specific slots are set before any type is readied so subclasses inherit them. */
void ouro_exc_prepare_types(void) {
    OuroType *base = &ouro_exc_BaseException;
    base->new_ = exc_new;
    base->init = exc_init;
    base->repr = exc_repr;
    base->str = exc_str;
    base->getsets = exc_getsets;
    base->methods = exc_methods;
    base->doc = "Common base class for all exceptions";
    ouro_exc_KeyError.str = keyerror_str;
    ouro_exc_StopIteration.init = stopiteration_init;
    ouro_exc_SystemExit.init = systemexit_init;
    ouro_exc_ImportError.init = importerror_init;
    ouro_exc_ImportError.str = importerror_str;
    ouro_exc_AttributeError.init = attributeerror_init;
    ouro_exc_NameError.init = nameerror_init;
    ouro_exc_OSError.new_ = oserror_new;
    ouro_exc_OSError.init = oserror_init;
    ouro_exc_OSError.str = oserror_str;
    ouro_exc_SyntaxError.init = syntaxerror_init;
    ouro_exc_SyntaxError.str = syntaxerror_str;
}

/* ---- public helpers -------------------------------------------------------------------- */

OuroObject *ouro_exception_new(OuroVM *vm, OuroType *type, OuroObject *args) {
    OuroObject *const *items = args ? ouro_tuple_items(args) : NULL;
    size_t n = args ? ouro_tuple_size(args) : 0;
    return ouro_object_call(vm, (OuroObject *)type, items, n, NULL);
}

void ouro_exception_set_traceback(OuroVM *vm, OuroObject *exc, OuroObject *tb) {
    ouro_setref(vm, &((OuroException *)exc)->traceback, tb);
}

void ouro_exception_set_context(OuroVM *vm, OuroObject *exc, OuroObject *ctx) {
    ouro_setref(vm, &((OuroException *)exc)->context, ctx);
}

void ouro_exception_set_cause(OuroVM *vm, OuroObject *exc, OuroObject *cause) {
    ((OuroException *)exc)->suppress_context = true;
    ouro_setref(vm, &((OuroException *)exc)->cause, cause);
}

OuroObject *ouro_stop_iteration_value(OuroVM *vm, OuroObject *exc) {
    if (exc && ouro_object_is_instance_of_type(exc, &ouro_exc_StopIteration)) {
        OuroObject *v = exc_get_attr(vm, exc, "value");
        if (v) return ouro_newref(v);
        OuroObject *args = args_of(exc);
        if (args && ouro_tuple_size(args) > 0) return ouro_newref(ouro_tuple_get(args, 0));
    }
    return ouro_newref(ouro_none);
}

/* PyObject_GetAttr's set_attribute_error_context: an AttributeError leaving a getattr
 * learns the object and the name (for "Did you mean" in tracebacks), unless it knows them. */
void ouro_exc_attribute_error_context(OuroVM *vm, OuroObject *obj, OuroObject *name) {
    OuroObject *exc = vm->exc;
    if (!exc || !ouro_object_is_instance_of_type(exc, &ouro_exc_AttributeError)) return;
    OuroObject *old_name = exc_get_attr(vm, exc, "name");
    OuroObject *old_obj = exc_get_attr(vm, exc, "obj");
    if ((old_name && old_name != ouro_none) || (old_obj && old_obj != ouro_none)) return;
    vm->exc = NULL;   /* the dict stores below must not see a pending exception */
    if (exc_set_attr(vm, exc, "name", name) < 0 || exc_set_attr(vm, exc, "obj", obj) < 0) {
        ouro_decref(vm, exc);   /* MemoryError replaces it, as in CPython */
        return;
    }
    vm->exc = exc;
}

/* ---- per-VM state ---------------------------------------------------------------------- */

int ouro_exc_vm_init(OuroVM *vm) {
    /* Made directly: MemoryError must be raisable when nothing else can be allocated. */
    vm->memory_error = exc_new(vm, &ouro_exc_MemoryError, NULL, 0, NULL);
    return vm->memory_error ? 0 : -1;
}

void ouro_exc_vm_fini(OuroVM *vm) { ouro_clear(vm, &vm->memory_error); }
