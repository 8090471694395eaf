/* gc/track.c — linking containers into generation lists. An object is tracked only once
 * it is complete, so the collector never traverses a half-built object. Generation 0's
 * count is tracked allocations minus deallocations, as in CPython 3.11. */
#include "gc/gc.h"

static void list_append(OuroGCHead *list, OuroGCHead *node) {
    OuroGCHead *last = list->prev;
    node->prev = last;
    node->next = list;
    last->next = node;
    list->prev = node;
}

static void list_remove(OuroGCHead *node) {
    node->prev->next = node->next;
    node->next->prev = node->prev;
    node->next = node->prev = NULL;
}

void ouro_gc_track(OuroHeap *heap, OuroObject *o) {
    OuroGCHead *g = ouro_gc_head(o);
    if (g->flags & OURO_GCF_TRACKED) return;
    g->flags |= OURO_GCF_TRACKED;
    g->generation = 0;
    list_append(&heap->generations[0].head, g);
    heap->generations[0].count++;
    if (heap->generations[0].count > heap->generations[0].threshold &&
        heap->generations[0].threshold > 0 && heap->enabled && !heap->collecting &&
        heap->collection_due)
        heap->collection_due(heap);
}

void ouro_gc_untrack(OuroHeap *heap, OuroObject *o) {
    OuroGCHead *g = ouro_gc_head(o);
    if (!(g->flags & OURO_GCF_TRACKED)) return;
    list_remove(g);
    g->flags &= ~(uint32_t)OURO_GCF_TRACKED;
    if (heap->generations[0].count > 0) heap->generations[0].count--;
}
