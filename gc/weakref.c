/* gc/weakref.c — the per-object list of weak references (gc/weakref.h): linking,
 * unlinking, counting, and CPython's PyObject_ClearWeakRefs for the refcount path. The
 * collector's own clearing (handle_weakrefs) is in gc/collect.c and shares the pending
 * chain below. No allocation anywhere: a cleared weakref's list links are free, so the
 * weakrefs whose callbacks must run are chained through them. */
#include "gc/weakref.h"

void ouro_gc_weakref_link(OuroWeakRef *wr, OuroWeakRef *after) {
    if (after) {
        wr->wr_prev = after;
        wr->wr_next = after->wr_next;
        if (after->wr_next) after->wr_next->wr_prev = wr;
        after->wr_next = wr;
        return;
    }
    OuroWeakRef **list = ouro_gc_weaklist(wr->referent);
    wr->wr_prev = NULL;
    wr->wr_next = *list;
    if (*list) (*list)->wr_prev = wr;
    *list = wr;
}

void ouro_gc_weakref_clear(OuroWeakRef *wr) {
    if (!wr->referent) return;
    OuroWeakRef **list = ouro_gc_weaklist(wr->referent);
    if (*list == wr) *list = wr->wr_next;
    if (wr->wr_prev) wr->wr_prev->wr_next = wr->wr_next;
    if (wr->wr_next) wr->wr_next->wr_prev = wr->wr_prev;
    wr->wr_prev = wr->wr_next = NULL;
    wr->referent = NULL;
}

size_t ouro_gc_weakref_count(OuroObject *o) {
    OuroWeakRef **list = ouro_gc_weaklist(o);
    size_t n = 0;
    if (list)
        for (OuroWeakRef *wr = *list; wr; wr = wr->wr_next) n++;
    return n;
}

void ouro_gc_weakref_pending_add(OuroWeakRefPending *p, OuroWeakRef *wr) {
    ouro_gc_incref(&wr->ob);
    wr->wr_next = NULL;
    if (p->last) p->last->wr_next = wr;
    else p->first = wr;
    p->last = wr;
}

void ouro_gc_clear_weakrefs(OuroHeap *heap, OuroObject *o) {
    OuroWeakRef **list = ouro_gc_weaklist(o);
    if (!list || !*list) return;
    /* Every weakref is cleared before any callback runs, so no callback can reach o. A
     * weakref whose own count is already 0 (its dealloc is queued, gc/refcount.c) is only
     * unlinked: it is dying and its callback must not run (CPython does the same). */
    /* The callback is moved out of the weakref (CPython: `__callback__` is None from here
     * on) into the weakref's free wr_prev. */
    OuroWeakRefPending calls = {NULL, NULL};
    while (*list) {
        OuroWeakRef *wr = *list;
        ouro_gc_weakref_clear(wr);
        if (!wr->callback || wr->ob.refcnt <= 0) continue;
        ouro_gc_weakref_pending_add(&calls, wr);
        wr->wr_prev = (OuroWeakRef *)(void *)wr->callback;
        wr->callback = NULL;
    }
    /* All callbacks are called before any weakref or callback is released, as CPython,
     * which holds them all in one tuple until the end. */
    void (*call)(OuroHeap *, OuroWeakRef *, OuroObject *) = heap->seams.call_weakref_callback;
    if (call)
        for (OuroWeakRef *wr = calls.first; wr; wr = wr->wr_next)
            call(heap, wr, (OuroObject *)(void *)wr->wr_prev);
    for (OuroWeakRef *wr = calls.first, *next; wr; wr = next) {
        next = wr->wr_next;
        OuroObject *cb = (OuroObject *)(void *)wr->wr_prev;
        wr->wr_prev = wr->wr_next = NULL;
        ouro_gc_decref(heap, cb);
        ouro_gc_decref(heap, &wr->ob);
    }
}
