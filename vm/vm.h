/* vm/vm.h — the VM instance: the heap (first, so a VM pointer is its heap pointer), the
 * raised exception, the frame chain, interned identifiers, module tables and the hooks the
 * stdlib installs (the VM never calls the compiler or the importer directly).
 * There is no global VM: every function takes the OuroVM * it works on. */
#ifndef OURO_VM_VM_H
#define OURO_VM_VM_H

#include "vm/object.h"

typedef struct OuroFrame OuroFrame;

typedef struct OuroIds {
#define X(name) OuroObject *id##name;   /* id__init__ holds "__init__" */
#include "vm/strings.def"
#undef X
} OuroIds;

/* Borrowed interned str for an identifier listed in vm/strings.def. */
#define OURO_ID(vm, name) ((vm)->ids.id##name)

typedef enum { OURO_MODE_EXEC, OURO_MODE_EVAL, OURO_MODE_SINGLE } OuroCompileMode;

/* Compiles source to a code object (new ref) or raises SyntaxError; installed by stdlib. */
typedef OuroObject *(*OuroCompileHook)(OuroVM *vm, const char *src, size_t len,
                                        const char *filename, OuroCompileMode mode);
/* Imports a module (the IMPORT_NAME opcode): __import__(name, globals, None, fromlist, level). */
typedef OuroObject *(*OuroImportHook)(OuroVM *vm, OuroObject *name, OuroObject *globals,
                                       OuroObject *fromlist, int level);

struct OuroVM {
    OuroHeap heap;                    /* must stay first (ouro_heap(vm)) */

    OuroObject *exc;                  /* the raised exception (an instance), or NULL */
    OuroFrame *frame;                 /* innermost executing frame, or NULL */
    int depth;                        /* Python call depth, for RecursionError */
    int recursion_limit;              /* sys.getrecursionlimit(), default 1000 */

    OuroIds ids;
    OuroObject *interned;             /* dict: str -> the interned str */
    OuroObject *char_cache[128];      /* one-character ASCII strings */
    OuroObject *empty_str, *empty_tuple;

    OuroObject *builtins;             /* the builtins module's dict */
    OuroObject *builtins_module;
    OuroObject *modules;              /* sys.modules (dict) */
    OuroObject *sys_module;

    OuroCompileHook compile;
    OuroImportHook import;

    /* Safe-point requests, checked by the eval loop at backward jumps and calls. */
    volatile int eval_breaker;        /* non-zero when any request below is pending */
    volatile int interrupt_requested; /* SIGINT seen: raise KeyboardInterrupt */
    bool collection_requested;        /* the heap asked for an automatic collection */
    char *c_stack_base;               /* address near the bottom of the C stack */
    size_t c_stack_size;              /* usable bytes; deeper C recursion -> RecursionError */

    /* Per-file state: a file that needs per-VM state (freelists, caches) adds its fields
     * here with a comment naming the file, and its init/fini in vm/vm_parts.def. */
    OuroObject **float_freelist;      /* vm/obj_float.c */
    size_t float_freelist_len;
    int int_max_str_digits;           /* vm/obj_int.c: sys.set_int_max_str_digits() (0: no limit) */
    void *frame_stack;                /* vm/frame.c */
    const OuroObject *str_pos_obj;    /* vm/obj_str.c: last code-point index -> byte offset */
    size_t str_pos_index, str_pos_offset; /* looked up in a non-ASCII str (linear walks) */
    OuroObject **repr_active;         /* vm/obj_iter.c: containers inside repr (Py_ReprEnter) */
    size_t repr_active_len, repr_active_cap;
    OuroObject *memory_error;         /* vm/obj_exc.c: preallocated, raised without allocating */
    OuroType *extra_types[32];        /* vm/vm.c: static types of higher layers (files, ...) */
    int n_extra_types;
    void *import_loading;             /* stdlib/import.c: modules an import is running (C-stack list) */
    OuroObject *gc_callbacks;         /* vm/collect.c: the list gc.callbacks names */
    OuroObject *gc_garbage;           /* vm/collect.c: the list gc.garbage names */
    void *gc_trace;                   /* vm/collect.c: DEBUG_TRACE's lines and labels */
    void *tracemalloc;                /* stdlib/mod_tracemalloc.c: tracing state, or NULL */
    OuroObject *atexit_callbacks;     /* vm/atexit.c: atexit's entries (a list), or NULL */
    bool atexit_done;                 /* vm/atexit.c: the exit run happened */

    int argc;
    char **argv;
    const char *main_path;            /* the script run as __main__, or NULL */
    bool interactive;
    bool finalizing;                  /* interpreter teardown in progress */
};

/* Creates a VM with the built-in types ready, builtins and sys installed by the stdlib's
 * init (stdlib/stdlib.h calls this then installs its hooks). NULL on out of memory. */
OuroVM *ouro_vm_new(void);
/* Tears down: clears modules, runs finalizers, frees everything. Returns the number of heap
 * objects still alive afterwards (0 when nothing leaked). */
size_t ouro_vm_free(OuroVM *vm);

/* Readies a static type defined outside vm/ (the stdlib's file type, ...) and releases it
 * with the built-in ones at teardown. 0 or -1. */
int ouro_vm_add_static_type(OuroVM *vm, OuroType *type);

/* Interns a str: returns the canonical equal str (new ref). */
OuroObject *ouro_str_intern(OuroVM *vm, OuroObject *s);
/* Interned str from a C string (new ref). */
OuroObject *ouro_str_intern_cstr(OuroVM *vm, const char *s);

/* Per-file VM state set-up and teardown (see vm/vm_parts.def). */
#define PART(area) int ouro_##area##_vm_init(OuroVM *vm); void ouro_##area##_vm_fini(OuroVM *vm);
#include "vm/vm_parts.def"
#undef PART

#endif
