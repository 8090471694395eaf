/* gc/alloc.c — the single allocation choke point: every heap object is born and freed here,
 * so the live-object counter (the "every object freed at exit" check) cannot be bypassed.
 * Containers get their GC head here; tracking is a separate, explicit step (gc/track.c). */
#include "gc/gc.h"

#include <stdlib.h>
#include <string.h>

static size_t head_size(OuroType *type) {
    const OuroGCHooks *hooks = &((OuroTypeHead *)(void *)type)->hooks;
    return (hooks->gc_flags & OURO_GC_CONTAINER) ? sizeof(OuroGCHead) : 0;
}

static void init_generation(OuroGCGeneration *gen, int threshold) {
    gen->head.next = gen->head.prev = &gen->head;
    gen->threshold = threshold;
    gen->count = 0;
}

void ouro_heap_init(OuroHeap *heap) {
    memset(heap, 0, sizeof *heap);
    init_generation(&heap->generations[0], 700);
    init_generation(&heap->generations[1], 10);
    init_generation(&heap->generations[2], 10);
    init_generation(&heap->permanent, 0);
    heap->enabled = true;
}

size_t ouro_heap_fini(OuroHeap *heap) {
    free(heap->dealloc_queue);
    heap->dealloc_queue = NULL;
    heap->dealloc_len = heap->dealloc_cap = 0;
    return heap->live_objects;
}

OuroObject *ouro_gc_alloc(OuroHeap *heap, OuroType *type, size_t size) {
    size_t pre = head_size(type);
    char *mem = calloc(1, pre + size);
    if (!mem) return NULL;
    OuroObject *o = (OuroObject *)(mem + pre);
    o->refcnt = 1;
    o->type = type;
    heap->live_objects++;
    heap->live_bytes += pre + size;
    return o;
}

OuroObject *ouro_gc_realloc(OuroHeap *heap, OuroObject *o, size_t new_size) {
    size_t pre = head_size(o->type);
    char *mem = realloc((char *)o - pre, pre + new_size);
    if (!mem) return NULL;
    (void)heap;
    return (OuroObject *)(mem + pre);
}

void ouro_gc_free(OuroHeap *heap, OuroObject *o) {
    size_t pre = head_size(o->type);
    if (pre) ouro_gc_untrack(heap, o);
    heap->live_objects--;
    free((char *)o - pre);
}
