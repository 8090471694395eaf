/* vm/vm.c — a VM's birth and death. Start-up makes per-file state, interns the common
 * identifiers and readies every built-in type. Teardown follows CPython's order: module
 * globals are released while builtins still work (so __del__ methods can print), then
 * everything else, and reports how many heap objects outlived the VM (0 means no leak). */
#include "vm/ouro.h"

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

static void clear_module(OuroVM *vm, OuroObject *module) {
    if (!OURO_IS_SMALLINT(module) && module->type == &ouro_module_type)
        clear_module_dict(vm, ouro_module_dict(module));
}

/* __main__ first, then the other modules newest first, builtins and sys last. */
static void clear_modules(OuroVM *vm) {
    if (!vm->modules) return;
    OuroObject *mods = ouro_dict_keys_list(vm, vm->modules);
    if (!mods) {
        ouro_err_clear(vm);
        return;
    }
    OuroObject *main_mod = ouro_dict_get_str(vm->modules, OURO_ID(vm, __main__));
    if (main_mod) clear_module(vm, main_mod);
    for (size_t i = ouro_list_size(mods); i-- > 0;) {
        OuroObject *m = ouro_dict_get(vm, vm->modules, ouro_list_get(mods, i));
        if (m && m != main_mod && m != vm->builtins_module && m != vm->sys_module)
            clear_module(vm, m);
    }
    ouro_decref(vm, mods);
    if (vm->sys_module) clear_module(vm, vm->sys_module);
    ouro_dict_clear(vm, vm->modules);
    if (vm->builtins_module) clear_module(vm, vm->builtins_module);
}

/* Until the cycle collector's final collection exists, teardown breaks whatever cycles
 * remain (classes, whose MRO holds themselves; functions and their module dicts) by calling
 * every tracked container's clear hook, so the live counter can reach zero. */
static void break_remaining_cycles(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    size_t before = (size_t)-1;
    for (;;) {
        size_t n = 0;
        for (int g = 0; g < OURO_GC_GENERATIONS; g++)
            for (OuroGCHead *h = heap->generations[g].head.next; h != &heap->generations[g].head; h = h->next)
                n++;
        if (n == 0 || n >= before) return;
        before = n;
        OuroObject **all = malloc(n * sizeof *all);
        if (!all) return;
        size_t i = 0;
        for (int g = 0; g < OURO_GC_GENERATIONS; g++)
            for (OuroGCHead *h = heap->generations[g].head.next; h != &heap->generations[g].head; h = h->next)
                all[i++] = ouro_newref(ouro_gc_object(h));
        for (i = 0; i < n; i++) {
            const OuroGCHooks *hooks = ouro_gc_hooks(all[i]);
            if (hooks->clear) hooks->clear(heap, all[i]);
        }
        for (i = 0; i < n; i++) ouro_decref(vm, all[i]);
        free(all);
        if (vm->exc) ouro_err_clear(vm);
    }
}

size_t ouro_vm_free(OuroVM *vm) {
    if (!vm) return 0;
    vm->finalizing = true;
    if (vm->exc) ouro_err_clear(vm);
    clear_modules(vm);
    ouro_clear(vm, &vm->modules);
    ouro_clear(vm, &vm->sys_module);
    ouro_clear(vm, &vm->builtins_module);
    ouro_clear(vm, &vm->builtins);
    break_remaining_cycles(vm);
    if (vm->exc) ouro_err_clear(vm);
    release_builtin_types(vm);
    release_identifiers(vm);
    fini_parts(vm);
    size_t live = ouro_heap_fini(&vm->heap);
    free(vm);
    return live;
}
