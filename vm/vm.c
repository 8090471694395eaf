/* vm/vm.c — a VM's birth and death. Start-up makes per-file state, interns the common
 * identifiers and readies every built-in type. Teardown follows CPython 3.11's
 * finalize_modules: modules are dropped and the collector runs while sys and builtins
 * still work (so __del__ methods can print), then sys and builtins go, then everything
 * else; it reports how many heap objects outlived the VM (0 means no leak). The exit
 * order and its differences from CPython are in docs/gc-shutdown.md. */
#include "vm/ouro.h"

#include "vm/atexit.h"
#include "vm/collect.h"

#include <stdio.h>
#include <stdlib.h>

enum { OURO_DEFAULT_C_STACK = 7 * 1024 * 1024 };

static int intern_identifiers(OuroVM *vm) {
#define X(name)                                                                  \
    if (!(vm->ids.id##name = ouro_str_intern_cstr(vm, #name))) return -1;
#include "vm/strings.def"
#undef X
    return 0;
}

static void release_identifiers(OuroVM *vm) {
#define X(name) ouro_clear(vm, &vm->ids.id##name);
#include "vm/strings.def"
#undef X
}

static int ready_builtin_types(OuroVM *vm) {
#define X(type) if (ouro_type_ready(vm, &type) < 0) return -1;
#include "vm/builtin_types.def"
#undef X
    ouro_exc_prepare_types();
#define X(N, B) if (ouro_type_ready(vm, &ouro_exc_##N) < 0) return -1;
#include "vm/exceptions.def"
#undef X
    return 0;
}

int ouro_vm_add_static_type(OuroVM *vm, OuroType *type) {
    if (vm->n_extra_types == (int)(sizeof vm->extra_types / sizeof vm->extra_types[0])) {
        ouro_err_set_str(vm, &ouro_exc_SystemError, "too many extra static types");
        return -1;
    }
    if (ouro_type_ready(vm, type) < 0) return -1;
    vm->extra_types[vm->n_extra_types++] = type;
    return 0;
}

static void release_builtin_types(OuroVM *vm) {
    while (vm->n_extra_types > 0) ouro_type_release_static(vm, vm->extra_types[--vm->n_extra_types]);
#define X(N, B) ouro_type_release_static(vm, &ouro_exc_##N);
#include "vm/exceptions.def"
#undef X
#define X(type) ouro_type_release_static(vm, &type);
#include "vm/builtin_types.def"
#undef X
}

static int init_parts(OuroVM *vm) {
#define PART(area) if (ouro_##area##_vm_init(vm) < 0) return -1;
#include "vm/vm_parts.def"
#undef PART
    return 0;
}

/* Runs every part's fini in reverse order of vm/vm_parts.def. */
static void fini_parts(OuroVM *vm) {
    typedef void (*FiniFn)(OuroVM *);
    static const FiniFn finis[] = {
#define PART(area) ouro_##area##_vm_fini,
#include "vm/vm_parts.def"
#undef PART
    };
    for (size_t i = sizeof finis / sizeof finis[0]; i-- > 0;) finis[i](vm);
}

OuroVM *ouro_vm_new(void) {
    char stack_marker;
    OuroVM *vm = calloc(1, sizeof *vm);
    if (!vm) return NULL;
    ouro_heap_init(&vm->heap);
    vm->recursion_limit = 1000;
    vm->c_stack_base = &stack_marker;
    vm->c_stack_size = OURO_DEFAULT_C_STACK;
    if (init_parts(vm) < 0 || intern_identifiers(vm) < 0 || ready_builtin_types(vm) < 0 ||
        !(vm->modules = ouro_dict_new(vm))) {
        ouro_vm_free(vm);
        return NULL;
    }
    return vm;
}

/* ---- interpreter exit (CPython 3.11's Py_FinalizeEx / finalize_modules) ---------------- */

/* Releases a module's globals as CPython's _PyModule_ClearDict does: names starting with
 * one underscore first, then the rest except __builtins__, each replaced by None so that
 * finalizers running meanwhile still find the name. */
static void clear_module_dict(OuroVM *vm, OuroObject *dict) {
    for (int pass = 0; pass < 2; pass++) {
        size_t pos = 0;
        OuroObject *key, *value;
        while (ouro_dict_next(dict, &pos, &key, &value)) {
            if (value == ouro_none || !ouro_str_check(key)) continue;
            const char *k = ouro_str_cstr(key);
            bool underscore = k[0] == '_' && k[1] != '_';
            if (pass == 0 ? !underscore : ouro_str_equal(key, OURO_ID(vm, __builtins__)))
                continue;
            ouro_incref(key);
            if (ouro_dict_set(vm, dict, key, ouro_none) < 0) ouro_err_write_unraisable(vm, NULL);
            ouro_decref(vm, key);
            pos = 0;   /* the dict may have changed under a finalizer: rescan */
        }
    }
}

static bool is_module(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_module_type;
}

static void clear_module(OuroVM *vm, OuroObject *module) {
    if (is_module(module)) clear_module_dict(vm, ouro_module_dict(module));
}

/* Sets d[name] to value when d has the key (a failure is reported, never raised). */
static void replace_if_present(OuroVM *vm, OuroObject *d, const char *name, OuroObject *value) {
    if (!ouro_dict_get_cstr(vm, d, name)) {
        ouro_err_clear(vm);
        return;
    }
    if (ouro_dict_set_cstr(vm, d, name, value) < 0) ouro_err_write_unraisable(vm, NULL);
}

/* finalize_modules_delete_special: user values hiding in builtins._ and sys.last_value
 * (with its traceback's frames) go first, and sys.stdout/stderr/stdin get their
 * originals back, so finalizers print where the program started printing. */
static void delete_special(OuroVM *vm) {
    static const char *const sys_deletes[] = {
        "path", "argv", "ps1", "ps2", "last_type", "last_value", "last_traceback",
        "path_hooks", "path_importer_cache", "meta_path", "__interactivehook__",
    };
    static const char *const sys_files[][2] = {
        {"stdin", "__stdin__"}, {"stdout", "__stdout__"}, {"stderr", "__stderr__"},
    };
    if (vm->builtins) replace_if_present(vm, vm->builtins, "_", ouro_none);
    if (!vm->sys_module) return;
    OuroObject *sysd = ouro_module_dict(vm->sys_module);
    for (size_t i = 0; i < sizeof sys_deletes / sizeof sys_deletes[0]; i++)
        replace_if_present(vm, sysd, sys_deletes[i], ouro_none);
    for (size_t i = 0; i < sizeof sys_files / sizeof sys_files[0]; i++) {
        OuroObject *orig = ouro_dict_get_cstr(vm, sysd, sys_files[i][1]);
        if (!orig) {
            ouro_err_clear(vm);
            continue;
        }
        ouro_incref(orig);
        replace_if_present(vm, sysd, sys_files[i][0], orig);
        ouro_decref(vm, orig);
    }
}

/* Installed as vm->import once teardown starts: CPython sets sys.meta_path to None and
 * empties sys.modules, after which every import statement fails this way. */
static OuroObject *import_at_exit(OuroVM *vm, OuroObject *name, OuroObject *globals,
                                  OuroObject *fromlist, int level) {
    (void)name, (void)globals, (void)fromlist, (void)level;
    ouro_err_set_str(vm, &ouro_exc_ImportError,
                     "sys.meta_path is None, Python is likely shutting down");
    return NULL;
}

/* ---- objects the collector itself keeps ---- */

/* The walks below need no memory: an object is "seen" once it sits in the permanent
 * generation (gc.freeze's list, which no collection looks at), and the part of that list
 * after its old tail is the breadth-first queue. */

static bool is_frozen(OuroObject *o) {
    uintptr_t gen = (ouro_gc_head(o)->flags & OURO_GCF_GEN_MASK) >> OURO_GCF_GEN_SHIFT;
    return gen == OURO_GC_PERMANENT;
}

static int freeze_visit(OuroObject *child, void *arg) {
    OuroHeap *heap = arg;
    if (child && !OURO_IS_SMALLINT(child) && child->refcnt < OURO_IMMORTAL_REFCNT &&
        ouro_gc_is_tracked(child) && !is_frozen(child))
        ouro_gc_list_move(heap, ouro_gc_head(child), &heap->permanent.head);
    return 0;
}

/* Moves into the permanent generation, breadth first, everything reachable from the
 * objects of that list that follow `from` (or already follow it). */
static void freeze_reachable(OuroHeap *heap, OuroGCHead *from) {
    OuroGCHead *frozen = &heap->permanent.head;
    for (OuroGCHead *h = from->next; h != frozen; h = h->next) {
        OuroObject *o = ouro_gc_object(h);
        OuroTraverseFn traverse = ouro_gc_hooks(o)->traverse;
        if (traverse) traverse(o, freeze_visit, heap);
    }
}

/* What CPython keeps alive through the whole teardown never has its __del__ run there:
 * frozen objects (gc.freeze; usually __main__'s dict among them), the gc.callbacks and
 * gc.garbage lists (the collector's own state holds them), and all they reach. Here
 * everything must be freed, so those objects are frozen and marked finalized (PEP 442's
 * once-only flag); the exit collections unfreeze them last and free them silently. */
static void spare_collector_roots(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    OuroGCHead *frozen = &heap->permanent.head;
    if (vm->gc_callbacks && ouro_list_size(vm->gc_callbacks) > 0)
        freeze_visit(vm->gc_callbacks, heap);
    if (vm->gc_garbage && ouro_list_size(vm->gc_garbage) > 0) freeze_visit(vm->gc_garbage, heap);
    freeze_reachable(heap, frozen);
    for (OuroGCHead *h = frozen->next; h != frozen; h = h->next)
        ouro_gc_set_finalized(ouro_gc_object(h));
}

/* ---- modules ---- */

/* finalize_remove_modules + finalize_clear_modules_dict: sys.modules is emptied, and a
 * module nothing else holds dies now (its dict with it, or its dict is left to the
 * collector when functions defined there keep it in a cycle). Returns a malloc'd array of
 * the modules something else still holds (new references; *n of them), which stands in
 * for CPython's weak list; NULL when there are none. */
static OuroObject **remove_modules(OuroVM *vm, size_t *n) {
    *n = 0;
    size_t cap = ouro_dict_size(vm->modules);
    OuroObject **held = cap ? malloc(cap * sizeof *held) : NULL;
    if (held) {
        size_t pos = 0;
        OuroObject *key, *value;
        while (ouro_dict_next(vm->modules, &pos, &key, &value))
            if (is_module(value)) held[(*n)++] = ouro_newref(value);
    }
    ouro_dict_clear(vm, vm->modules);
    /* Dropping one module may leave another (imported by it) held by nobody: repeat. */
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < *n; i++) {
            if (held[i] && held[i]->refcnt == 1) {
                ouro_clear(vm, &held[i]);
                changed = true;
            }
        }
    }
    return held;
}

/* finalize_modules_clear_weaklist: modules that outlived the collection (something
 * outside the garbage still holds them) have their globals cleared, newest first; sys
 * and builtins wait for the very end. */
static void clear_held_modules(OuroVM *vm, OuroObject **held, size_t n) {
    for (size_t i = n; i-- > 0;) {
        if (held[i] && held[i] != vm->sys_module && held[i] != vm->builtins_module)
            clear_module(vm, held[i]);
    }
    for (size_t i = 0; i < n; i++) ouro_xdecref(vm, held[i]);
    free(held);
}

/* CPython 3.11's order: a collection while everything is alive (gc.callbacks run); the
 * special names; sys.modules emptied; full collections, which run the __del__ of whatever
 * __main__ and the other modules held (print still works); the globals of modules still
 * alive cleared; sys and builtins cleared last (sys.stdout becomes None); a last
 * round of collections for what that freed. */
static void finalize_modules(OuroVM *vm) {
    ouro_atexit_run(vm, true);   /* CPython's _PyAtExit_Call: LIFO, before any collection */
    /* The order comes from CPython's first exit collection, which runs only when the
     * collector is enabled; without it __del__ methods run in allocation order. */
    /* CPython's first exit collection runs while __main__ is alive (only when the
     * collector is enabled); it leaves the generation lists in the order in which the
     * next collections run the __del__ methods: __main__'s globals in dict order, then
     * what they hold. Our lists have CPython's shape (start-up objects are promoted, see
     * ouro_gc_promote_startup), so the same collection gives the same order. */
    if (ouro_heap(vm)->enabled) ouro_vm_collect_before_exit(vm);
    spare_collector_roots(vm);
    vm->finalizing = true;   /* from here on, as in CPython, no import works */
    vm->import = import_at_exit;
    delete_special(vm);
    size_t n = 0;
    OuroObject **held = remove_modules(vm, &n);
    ouro_vm_collect_at_exit(vm);
    clear_held_modules(vm, held, n);
    if (vm->sys_module) clear_module(vm, vm->sys_module);
    if (vm->builtins_module) clear_module(vm, vm->builtins_module);
    if (vm->exc) ouro_err_clear(vm);
}

/* The collector must have freed every tracked object by now; any left is a bug somewhere
 * (a missing traverse, a leaked reference). Under OURO_CHECK_LEAKS the survivors' types
 * are listed on stderr (the caller then exits 70: they count as live objects). */
static void report_survivors(OuroVM *vm) {
    if (!getenv("OURO_CHECK_LEAKS")) return;
    OuroHeap *heap = ouro_heap(vm);
    for (int g = 0; g <= OURO_GC_PERMANENT; g++) {
        OuroGCHead *list =
            g == OURO_GC_PERMANENT ? &heap->permanent.head : &heap->generations[g].head;
        size_t shown = 0;
        for (OuroGCHead *h = list->next; h != list && shown < 20; h = h->next, shown++) {
            OuroObject *o = ouro_gc_object(h);
            fprintf(stderr, "ouro: tracked %s object %p (refcount %ld) survived teardown\n",
                    ouro_type_name(ouro_type_of(o)), (void *)o, (long)o->refcnt);
        }
    }
}

size_t ouro_vm_free(OuroVM *vm) {
    if (!vm) return 0;
    if (vm->exc) ouro_err_clear(vm);
    if (vm->modules) finalize_modules(vm);
    vm->finalizing = true;
    /* What clearing sys and builtins freed, while sys still says stdout/stderr are None
     * (late prints and error reports vanish, as in CPython); then their own cycles. */
    ouro_vm_collect_at_exit(vm);
    ouro_clear(vm, &vm->modules);
    ouro_clear(vm, &vm->sys_module);
    ouro_clear(vm, &vm->builtins_module);
    ouro_clear(vm, &vm->builtins);
    ouro_vm_collect_at_exit(vm);
    if (vm->exc) ouro_err_clear(vm);
    release_builtin_types(vm);
    release_identifiers(vm);
    fini_parts(vm);
    report_survivors(vm);
    size_t live = ouro_heap_fini(&vm->heap);
    free(vm);
    return live;
}
