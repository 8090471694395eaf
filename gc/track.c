/* gc/track.c — linking containers into generation lists. An object is tracked only once
 * it is complete, so the collector never traverses a half-built object. Tracking is on
 * every container's construction path, so it stays O(1) and branch-light: the generation
 * counts and the automatic trigger live in gc/alloc.c (CPython 3.11 counts allocations). */
#include "gc/gc.h"

/* Flags a head keeps when it enters or leaves a list: PEP 442's bit and the allocator's.
 * The collector's scratch bits must not survive (an object untracked by a finalizer in the
 * middle of a collection must not look COLLECTING to the resurrection pass). */
static const uintptr_t KEEP = OURO_GCF_KEEP;

void ouro_gc_track(OuroHeap *heap, OuroObject *o) {
    OuroGCHead *g = ouro_gc_head(o);
    if (g->flags & OURO_GCF_TRACKED) return;
    g->flags = (g->flags & KEEP) | OURO_GCF_TRACKED;   /* generation 0 */
    OuroGCHead *list = &heap->generations[0].head, *last = list->prev;
    g->prev = last;
    g->next = list;
    last->next = g;
    list->prev = g;
}

void ouro_gc_untrack(OuroHeap *heap, OuroObject *o) {
    (void)heap;
    OuroGCHead *g = ouro_gc_head(o);
    if (!(g->flags & OURO_GCF_TRACKED)) return;
    g->prev->next = g->next;
    g->next->prev = g->prev;
    g->next = g->prev = NULL;
    g->flags &= KEEP;
}
