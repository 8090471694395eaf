/* vm/collect.h — the VM driving the cycle collector (gc/): explicit collections
 * (gc.collect), automatic ones at safe points, stress mode, gc.callbacks, gc.garbage, the
 * DEBUG_* output, and the final collection at exit. gc/ knows no Python; everything that
 * calls Python code or touches sys.stderr around a collection lives here. */
#ifndef OURO_VM_COLLECT_H
#define OURO_VM_COLLECT_H

#include "vm/vm.h"

/* gc.collect(generation): runs a collection wrapped the way CPython's
 * gc_collect_with_callback is: every gc.callbacks entry is called with ("start", info) and
 * ("stop", info), info = {"generation": g, "collected": m, "uncollectable": n}; an error
 * raised by a callback is reported as unraisable ("Exception ignored in: <callback>") and
 * the rest still run. A pending exception is saved and restored around the whole run.
 * Returns collected + uncollectable; returns 0 at once, calling no callback, when a
 * collection is already running (gc.collect() from __del__ or a callback). Never fails. */
size_t ouro_vm_collect(OuroVM *vm, int generation);

/* Called when the heap asks for a collection (installed as heap->collection_due): sets
 * vm->collection_requested and the eval breaker, so the collection runs at the next safe
 * point instead of inside an allocation (CPython 3.12's choice; see gh-97922). */
void ouro_vm_request_collection(OuroHeap *heap);

/* The eval loop's safe-point hook: runs the automatic collection that is due
 * (ouro_gc_generation_due), or in stress mode a gen-0 collection (a full one every
 * stress_full-th request). Never fails; a pending exception is preserved. */
void ouro_vm_collect_pending(OuroVM *vm);

/* Stress mode (ouro -X gcstress[=N], OURO_GCSTRESS=N): collect generation 0 at every
 * container allocation, and all generations every full_every-th time (full_every > 0). */
void ouro_vm_set_gc_stress(OuroVM *vm, unsigned full_every);

/* Interpreter exit, after the atexit handlers and BEFORE module globals are cleared:
 * CPython 3.11's _PyGC_CollectIfEnabled in Py_FinalizeEx — one full collection with
 * gc.callbacks, only when automatic collection is enabled (observable: a callback still
 * registered at exit prints "start"/"stop" there). */
void ouro_vm_collect_before_exit(OuroVM *vm);

/* Interpreter exit, after sys.modules was emptied: full collections without callbacks
 * until one finds nothing, so the __del__ of every object still alive in a cycle runs
 * (CPython's finalize_modules collections); gc.garbage's items are let go first. Then the
 * permanent generation is unfrozen and collected too: CPython never frees frozen objects,
 * but every object must be freed here, so vm/vm.c marks them finalized beforehand and
 * they die without running __del__ (docs/gc-shutdown.md). */
void ouro_vm_collect_at_exit(OuroVM *vm);

#endif
