/* vm/collect.c — the VM side of the cycle collector: gc.collect()'s wrapper (gc.callbacks
 * with "start"/"stop" info dicts, a pending exception saved around the run), automatic
 * collections requested by the heap and run at the eval loop's next safe point, stress
 * mode, the seams gc/ calls back through (DEBUG lines to sys.stderr, type names,
 * gc.garbage), and the collections at interpreter exit. The algorithm itself is gc/'s:
 * nothing here walks or changes the generation lists. */
#include "vm/collect.h"

#include "vm/ouro.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- DEBUG_TRACE: narrating a collection (docs/gc-trace.md) ------------------------------ */

/* Listings longer than HEAD + TAIL lines show their first HEAD and last TAIL items (the
 * youngest objects, a program's own, are at the end of the examined list). */
enum { TRACE_HEAD = 20, TRACE_TAIL = 20, TRACE_LABEL = 64 };

/* An examined object's name for this collection, made while it is certainly alive so a
 * freed object can still be named by its address. */
typedef struct TraceLabel {
    const OuroObject *o;
    char text[TRACE_LABEL];
} TraceLabel;

typedef struct TraceState {
    char *buf;                        /* NUL-separated lines waiting for a safe point */
    size_t len, cap;
    TraceLabel *labels;               /* sorted by address */
    size_t n_labels;
    int generation;
    size_t examined;
    size_t total, index;              /* the listing being printed: size, items seen */
    bool item_shown;                  /* the last CLEAR line was printed (its FREED lines) */
    size_t events[3];                 /* this collection's weakref clears, callbacks and
                                         finalizer calls: lines after TRACE_HEAD are counted
                                         and summed up at the end instead */
} TraceState;

enum { EV_WEAKREF, EV_CALLBACK, EV_FINALIZER };

/* Whether the next event of a kind gets its line (the first TRACE_HEAD per collection). */
static bool event_shown(TraceState *st, int kind) { return st->events[kind]++ < TRACE_HEAD; }

static size_t events_hidden(const TraceState *st, int kind) {
    return st->events[kind] > TRACE_HEAD ? st->events[kind] - TRACE_HEAD : 0;
}

static void trace_line(TraceState *st, const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    size_t len = strlen(line);
    if (len == 0 || line[len - 1] != '\n') line[len++] = '\n', line[len] = '\0';
    if (st->len + len + 1 > st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 4096;
        while (cap < st->len + len + 1) cap *= 2;
        char *b = realloc(st->buf, cap);
        if (!b) return;               /* out of memory: the narration loses a line */
        st->buf = b;
        st->cap = cap;
    }
    memcpy(st->buf + st->len, line, len + 1);
    st->len += len + 1;
}

/* Writes the buffered lines through write_debug (sys.stderr): only at the collector's safe
 * points, since writing may run Python code. The buffer is taken out first, in case that
 * code turns the flag off or on. */
static void trace_flush(OuroHeap *heap, TraceState *st) {
    if (!st->len) return;
    char *buf = st->buf;
    size_t len = st->len;
    st->buf = NULL;
    st->len = st->cap = 0;
    for (size_t i = 0; i < len; i += strlen(buf + i) + 1) write_debug(heap, buf + i);
    free(buf);
}

static int compare_label(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)((const TraceLabel *)a)->o, y = (uintptr_t)((const TraceLabel *)b)->o;
    return x < y ? -1 : x > y;
}

/* "Node#12" (the allocation number, as id() under -X stableids) or "Node@3" (position 3 in
 * this collection's examined list; 0: not examined, just "Node"). */
static void make_label(OuroHeap *heap, const OuroObject *o, size_t position, char *out) {
    const char *name = ouro_type_name(ouro_type_of(o));
    const char *dot = strrchr(name, '.');
    if (dot) name = dot + 1;          /* "weakref.ReferenceType": the short name */
    if (strcmp(name, "ReferenceType") == 0) name = "weakref";
    uint64_t id = heap->stable_ids ? ouro_gc_stable_id(heap, o) : 0;
    if (id) snprintf(out, TRACE_LABEL, "%.30s#%llu", name, (unsigned long long)id);
    else if (position) snprintf(out, TRACE_LABEL, "%.30s@%zu", name, position);
    else snprintf(out, TRACE_LABEL, "%.30s", name);
}

/* o's label; `scratch` is used for an object not examined (alive, so it can be read). */
static const char *label_of(OuroHeap *heap, TraceState *st, const OuroObject *o, bool alive,
                            char *scratch) {
    TraceLabel key = {.o = o};
    const TraceLabel *l = st->labels
        ? bsearch(&key, st->labels, st->n_labels, sizeof key, compare_label) : NULL;
    if (l) return l->text;
    if (!alive) return "an object";
    make_label(heap, o, 0, scratch);
    return scratch;
}

static const char *plural(size_t n) { return n == 1 ? "" : "s"; }

/* Starts a listing of n items. */
static void listing_begin(TraceState *st, size_t n) {
    st->total = n;
    st->index = 0;
}

/* Whether the next item of the listing is printed; prints "... and N more" at the cut. */
static bool listing_item(TraceState *st) {
    size_t i = st->index++;
    if (st->total <= TRACE_HEAD + TRACE_TAIL || i < TRACE_HEAD) return true;
    if (i == TRACE_HEAD)
        trace_line(st, "gc:     ... and %zu more", st->total - TRACE_HEAD - TRACE_TAIL);
    return i >= st->total - TRACE_TAIL;
}

static void trace_state_free(TraceState *st) {
    if (!st) return;
    free(st->buf);
    free(st->labels);
    free(st);
}

static TraceState *trace_state(OuroVM *vm) {
    if (!vm->gc_trace) vm->gc_trace = calloc(1, sizeof(TraceState));
    return vm->gc_trace;
}

/* BEGIN/EXAMINED: nothing can run; labels are made for every examined object. */
static void trace_examined(OuroHeap *heap, TraceState *st, OuroObject *o, size_t refs) {
    if (st->labels && st->n_labels < st->examined) {
        TraceLabel *l = &st->labels[st->n_labels++];
        l->o = o;
        make_label(heap, o, st->n_labels, l->text);
        if (st->n_labels == st->examined)
            qsort(st->labels, st->n_labels, sizeof *l, compare_label);
    }
    if (!listing_item(st)) return;
    char scratch[TRACE_LABEL];
    make_label(heap, o, st->index, scratch);
    trace_line(st, "gc:     %-24s refcount %lld, gc_refs %zu", scratch, (long long)o->refcnt,
               refs);
}

static void trace_begin(OuroHeap *heap, TraceState *st, int generation, size_t n) {
    free(st->labels);
    st->n_labels = 0;
    st->generation = generation;
    st->examined = n;
    memset(st->events, 0, sizeof st->events);
    st->labels = n ? malloc(n * sizeof *st->labels) : NULL;
    trace_line(st, "gc: trace: collecting generation %d: %zu object%s examined", generation, n,
               plural(n));
    if (n) trace_line(st, "gc: trace: gc_refs = refcount minus references from examined objects:");
    listing_begin(st, n);
    (void)heap;
}

static void trace_unreachable_begin(TraceState *st, size_t n) {
    size_t reachable = st->examined > n ? st->examined - n : 0;
    char where[64];
    if (st->generation < OURO_GC_GENERATIONS - 1)
        snprintf(where, sizeof where, "moved to generation %d", st->generation + 1);
    else
        snprintf(where, sizeof where, "they stay in generation %d", st->generation);
    if (st->examined == 0)
        trace_line(st, "gc: trace: unreachable: none");
    else if (reachable == 0)
        trace_line(st, "gc: trace: unreachable: %zu object%s (all of them)", n, plural(n));
    else if (n == 0)
        trace_line(st, "gc: trace: unreachable: none (the %zu examined object%s reachable, %s)",
                   reachable, reachable == 1 ? " is" : "s are", where);
    else
        trace_line(st, "gc: trace: unreachable: %zu object%s (the other %zu %s reachable, %s)",
                   n, plural(n), reachable, reachable == 1 ? "is" : "are", where);
    listing_begin(st, n);
}

static void trace_weakref(OuroHeap *heap, TraceState *st, OuroObject *wr, OuroObject *referent,
                          size_t callback) {
    char a[TRACE_LABEL], b[TRACE_LABEL];
    const char *wl = label_of(heap, st, wr, true, a);
    if (!referent) {
        trace_line(st, "gc: trace: weakref cleared: %s (it is unreachable itself)", wl);
        return;
    }
    const char *rl = label_of(heap, st, referent, true, b);
    trace_line(st, "gc: trace: weakref cleared: %s to %s%s", wl, rl,
               callback == 1 ? ", its callback will be called"
               : callback == 2 ? ", its callback is never called (the weakref is unreachable too)"
               : "");
}

static void trace_event(OuroHeap *heap, OuroGCTraceEvent ev, int generation, OuroObject *o,
                        OuroObject *other, size_t n) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    TraceState *st = trace_state(vm);
    if (!st) return;
    char scratch[TRACE_LABEL];
    switch (ev) {
    case OURO_GC_TRACE_BEGIN:
        trace_begin(heap, st, generation, n);
        break;
    case OURO_GC_TRACE_EXAMINED:
        trace_examined(heap, st, o, n);
        break;
    case OURO_GC_TRACE_UNREACHABLE_BEGIN:
        trace_unreachable_begin(st, n);
        break;
    case OURO_GC_TRACE_UNREACHABLE:
    case OURO_GC_TRACE_RESURRECTED:
        if (listing_item(st))
            trace_line(st, "gc:     %s", label_of(heap, st, o, true, scratch));
        break;
    case OURO_GC_TRACE_WEAKREF_CLEARED:
        if (event_shown(st, EV_WEAKREF)) trace_weakref(heap, st, o, other, n);
        break;
    case OURO_GC_TRACE_CALLBACK:
        if (event_shown(st, EV_CALLBACK))
            trace_line(st, "gc: trace: calling the callback of %s",
                       label_of(heap, st, o, true, scratch));
        break;
    case OURO_GC_TRACE_FINALIZE:
        if (event_shown(st, EV_FINALIZER))
            trace_line(st, "gc: trace: calling the finalizer (__del__) of %s",
                       label_of(heap, st, o, true, scratch));
        break;
    case OURO_GC_TRACE_RESURRECTED_BEGIN:
        if (n == 0) trace_line(st, "gc: trace: resurrected: none");
        else
            trace_line(st, "gc: trace: resurrected: %zu object%s (reachable again after the "
                       "finalizers: they survive, in generation %d)", n, plural(n), generation);
        listing_begin(st, n);
        break;
    case OURO_GC_TRACE_GARBAGE_BEGIN:
        if (n)
            trace_line(st, "gc: trace: breaking the cycles: clearing %zu object%s, refcounting "
                       "frees what falls", n, plural(n));
        listing_begin(st, n);
        break;
    case OURO_GC_TRACE_CLEAR:
        if ((st->item_shown = listing_item(st))) {
            const char *l = label_of(heap, st, o, true, scratch);
            if (n) trace_line(st, "gc:     %s saved in gc.garbage (DEBUG_SAVEALL)", l);
            else trace_line(st, "gc:     clear %s", l);
        }
        break;
    case OURO_GC_TRACE_FREED:
        if (st->item_shown)
            trace_line(st, "gc:       freed %s", label_of(heap, st, o, false, scratch));
        break;
    case OURO_GC_TRACE_SURVIVED:
        if (st->item_shown)
            trace_line(st, "gc:       %s is still alive: it moves to generation %d",
                       label_of(heap, st, o, true, scratch), generation);
        break;
    case OURO_GC_TRACE_END:
        if (events_hidden(st, EV_WEAKREF) + events_hidden(st, EV_CALLBACK) +
            events_hidden(st, EV_FINALIZER))
            trace_line(st, "gc: trace: not shown above: %zu more weakref clears, %zu more "
                       "callbacks, %zu more finalizer calls", events_hidden(st, EV_WEAKREF),
                       events_hidden(st, EV_CALLBACK), events_hidden(st, EV_FINALIZER));
        trace_line(st, "gc: trace: generation %d done: %zu collected", generation, n);
        free(st->labels);
        st->labels = NULL;
        st->n_labels = 0;
        break;
    case OURO_GC_TRACE_SAFE_POINT:
        trace_flush(heap, st);
        break;
    }
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
    heap->seams.trace = trace_event;
    return 0;
}

void ouro_collect_vm_fini(OuroVM *vm) {
    OuroHeap *heap = ouro_heap(vm);
    /* Teardown frees objects one by one from here on: no collection may start any more,
     * and nothing may be saved into a list that is about to go. */
    heap->collection_due = NULL;
    heap->seams.save_garbage = NULL;
    heap->seams.write_debug = NULL;
    heap->seams.trace = NULL;
    trace_state_free(vm->gc_trace);
    vm->gc_trace = NULL;
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
    /* DEBUG_TRACE too: these collections free the whole heap, which is no lesson. */
    heap->debug &= ~(OURO_GC_DEBUG_SAVEALL | OURO_GC_DEBUG_TRACE);
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
