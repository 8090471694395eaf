/* vm/collect.c — the VM side of the cycle collector: gc.collect()'s wrapper (gc.callbacks
 * with "start"/"stop" info dicts, a pending exception saved around the run), automatic
 * collections requested by the heap and run at the eval loop's next safe point, stress
 * mode, the seams gc/ calls back through (DEBUG lines to sys.stderr, type names,
 * gc.garbage), and the collections at interpreter exit. The algorithm itself is gc/'s:
 * nothing here walks or changes the generation lists. */
#include "vm/collect.h"

#include "vm/ouro.h"

#include <stdio.h>

/* Rounds of full collections at exit: each round may run __del__ methods that drop (or
 * make) more cyclic garbage; real programs settle in two or three. */
enum { EXIT_COLLECTION_ROUNDS = 16 };

/* ---- seams gc/ calls back through ------------------------------------------------------ */

/* As CPython's PySys_WriteStderr: sys.stderr.write(line), and C stderr when that fails —
 * sys.stderr missing, None (observed: CPython 3.11 still prints DEBUG_STATS lines after
 * sys.stderr = None, unlike unraisable reports, which it drops), or a write that raises.
 * Runs with the collector's lists mid-collection, so any error is swallowed here. */
static void write_debug(OuroHeap *heap, const char *line) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroObject *saved = ouro_err_fetch(vm);
    OuroObject *file = vm->sys_module
        ? ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, stderr)) : NULL;
    bool done = false;
    if (file && file != ouro_none) {
        ouro_incref(file);
        OuroObject *s = ouro_str_from_cstr(vm, line);
        OuroObject *r = s ? ouro_object_call_method(vm, file, OURO_ID(vm, write), &s, 1) : NULL;
        ouro_xdecref(vm, s);
        if (r) {
            ouro_decref(vm, r);
            done = true;
        }
        ouro_err_clear(vm);
        ouro_decref(vm, file);
    }
    if (!done) {
        fputs(line, stderr);
        fflush(stderr);
    }
    ouro_err_restore(vm, saved);
}

/* The short name of o's type, as CPython's tp_name for heap types ("A", "dict"). */
static const char *type_name(const OuroObject *o) { return ouro_type_name(ouro_type_of(o)); }

/* DEBUG_SAVEALL: keeps o alive in gc.garbage (the list takes its own reference). */
static bool save_garbage(OuroHeap *heap, OuroObject *o) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    if (!vm->gc_garbage) return false;
    OuroObject *saved = ouro_err_fetch(vm);
    bool ok = ouro_list_append(vm, vm->gc_garbage, o) == 0;
    ouro_err_clear(vm);
    ouro_err_restore(vm, saved);
    return ok;
}

/* Calls wr's callback with wr (CPython's handle_callback), for a weakref just cleared by a
 * referent's death: by refcount (ouro_gc_clear_weakrefs) or in a collection. An error is
 * reported as unraisable with the callback as the "in" object; an exception pending when
 * the referent died (a dealloc in the middle of a raise) is kept aside meanwhile. The
 * caller holds wr; the callback is held here in case the call drops wr's reference. */
static void call_weakref_callback(OuroHeap *heap, OuroWeakRef *wr, OuroObject *cb) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroObject *saved = ouro_err_fetch(vm);
    ouro_incref(cb);
    OuroObject *r = ouro_object_call1(vm, cb, (OuroObject *)wr);
    if (r) ouro_decref(vm, r);
    else ouro_err_write_unraisable(vm, cb);
    ouro_decref(vm, cb);
    ouro_err_restore(vm, saved);
}

/* ---- per-VM state (vm/vm_parts.def) ------------------------------------------------------ */

int ouro_collect_vm_init(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    if (!(vm->gc_callbacks = ouro_list_new(vm, 0)) || !(vm->gc_garbage = ouro_list_new(vm, 0)))
        return -1;
    heap->collection_due = ouro_vm_request_collection;
    heap->seams.write_debug = write_debug;
    heap->seams.type_name = type_name;
    heap->seams.save_garbage = save_garbage;
    heap->seams.call_weakref_callback = call_weakref_callback;
    return 0;
}

void ouro_collect_vm_fini(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    /* Teardown frees objects one by one from here on: no collection may start any more,
     * and nothing may be saved into a list that is about to go. */
    heap->collection_due = NULL;
    heap->seams.save_garbage = NULL;
    heap->seams.write_debug = NULL;
    /* The types are gone by now: a weakref dying this late cannot run Python code. */
    heap->seams.call_weakref_callback = NULL;
    ouro_clear(vm, &vm->gc_callbacks);
    ouro_clear(vm, &vm->gc_garbage);
}

/* ---- gc.callbacks ------------------------------------------------------------------------ */

/* CPython's invoke_gc_callback: every entry of the live list is called by index (the list
 * may change under the calls), each kept alive while it runs; an error is reported as
 * unraisable and the others still run. Called with heap->collecting set, so gc.collect()
 * inside a callback returns 0. */
static void invoke_callbacks(OuroVM *vm, const char *phase, int generation,
                             const OuroGCResult *result) {
    OuroObject *cbs = vm->gc_callbacks;
    if (!cbs || ouro_list_size(cbs) == 0) return;
    OuroObject *info = ouro_dict_new(vm);
    OuroObject *args[2] = { ouro_str_from_cstr(vm, phase), info };
    if (!info || !args[0] ||
        ouro_dict_set_cstr(vm, info, "generation", ouro_smallint(generation)) < 0 ||
        ouro_dict_set_cstr(vm, info, "collected", ouro_smallint((intptr_t)result->collected)) < 0 ||
        ouro_dict_set_cstr(vm, info, "uncollectable",
                           ouro_smallint((intptr_t)result->uncollectable)) < 0) {
        ouro_err_write_unraisable(vm, NULL);
        ouro_xdecref(vm, args[0]);
        ouro_xdecref(vm, info);
        return;
    }
    for (size_t i = 0; i < ouro_list_size(cbs); i++) {
        OuroObject *cb = ouro_newref(ouro_list_get(cbs, i));
        OuroObject *r = ouro_object_call(vm, cb, args, 2, NULL);
        if (r) ouro_decref(vm, r);
        else ouro_err_write_unraisable(vm, cb);
        ouro_decref(vm, cb);
    }
    ouro_decref(vm, args[0]);
    ouro_decref(vm, info);
}

/* ---- collections --------------------------------------------------------------------------- */

size_t ouro_vm_collect(OuroVM *vm, int generation) {
    OuroHeap *heap = ouro_heap(vm);
    if (heap->collecting) return 0;
    OuroObject *saved = ouro_err_fetch(vm);
    OuroGCResult result = { 0, 0 };
    /* CPython holds its `collecting` flag across the callbacks too (gc_collect_with_callback
     * runs inside it), so a callback's gc.collect() is the no-op it is under __del__. gc/
     * wants the flag clear on entry and sets it itself. */
    heap->collecting = true;
    invoke_callbacks(vm, "start", generation, &result);
    heap->collecting = false;
    size_t n = ouro_gc_collect(heap, generation, &result);
    heap->collecting = true;
    invoke_callbacks(vm, "stop", generation, &result);
    heap->collecting = false;
    ouro_err_clear(vm);
    ouro_err_restore(vm, saved);
    return n;
}

void ouro_vm_request_collection(OuroHeap *heap) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    vm->collection_requested = true;
    vm->eval_breaker = 1;
}

void ouro_vm_collect_pending(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    if (heap->collecting) return;
    int generation;
    if (heap->stress_full > 0) {
        /* gc.disable() and threshold0 == 0 hold in stress mode too: a program that turns
         * automatic collection off to observe counts or keep garbage must see none. */
        if (!heap->enabled || heap->generations[0].threshold == 0) return;
        heap->stress_tick++;
        generation = heap->stress_tick % heap->stress_full == 0 ? 2 : 0;
    } else {
        generation = ouro_gc_generation_due(heap);
        if (generation < 0) return;
    }
    ouro_vm_collect(vm, generation);
}

void ouro_vm_set_gc_stress(OuroVM *vm, unsigned full_every) {
    OuroHeap *heap = ouro_heap(vm);
    heap->stress_full = full_every;   /* 0 turns stress mode off */
    heap->stress_tick = 0;
}

void ouro_vm_collect_before_exit(OuroVM *vm) {
    if (ouro_heap(vm)->enabled) ouro_vm_collect(vm, 2);
}

/* Empties a list from its end, one item at a time, so a finalizer that runs meanwhile and
 * appends to (or empties) the same list leaves it consistent. */
static void drain_list(OuroVM *vm, OuroObject *list) {
    if (!list) return;
    OuroList *l = (OuroList *)list;
    while (l->size > 0) {
        OuroObject *item = l->items[--l->size];
        ouro_decref(vm, item);
    }
}

/* Full collections, without callbacks (CPython's _PyGC_CollectNoFail), until one finds
 * nothing. */
static void collect_until_quiet(OuroHeap *heap) {
    for (int round = 0; round < EXIT_COLLECTION_ROUNDS; round++) {
        OuroGCResult result;
        if (ouro_gc_collect(heap, 2, &result) == 0) break;
    }
}

/* gc.garbage is emptied first (and DEBUG_SAVEALL dropped) so what it held can be freed:
 * CPython leaves it to leak, but every object must be freed here. gc.callbacks are dropped
 * too: CPython runs no callback in these collections either. Frozen objects are unfrozen
 * last: CPython never collects them, but they must be freed; their __del__ methods
 * therefore run after every other finalizer, which no program can tell from "never". */
void ouro_vm_collect_at_exit(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    if (heap->collecting) return;
    OuroObject *saved = ouro_err_fetch(vm);
    heap->debug &= ~OURO_GC_DEBUG_SAVEALL;
    heap->stress_full = 0;
    drain_list(vm, vm->gc_callbacks);
    drain_list(vm, vm->gc_garbage);
    collect_until_quiet(heap);
    if (ouro_gc_freeze_count(heap) > 0) {
        ouro_gc_unfreeze(heap);
        collect_until_quiet(heap);
    }
    /* __del__ methods run by the collections may have saved new objects in gc.garbage. */
    drain_list(vm, vm->gc_garbage);
    ouro_err_clear(vm);
    ouro_err_restore(vm, saved);
}
