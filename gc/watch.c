/* gc/watch.c — watching allocations for teaching tools: -X stableids numbers objects in
 * allocation order (so reprs and id() are the same from run to run), and tracemalloc sees
 * every block through seams.trace_alloc / trace_free. The allocator calls in here only
 * while heap->watching is set, so an unwatched heap pays one flag test per allocation. */
#include "gc/gc.h"

void ouro_gc_watch_update(OuroHeap *heap) {
    heap->watching = heap->stable_ids != NULL || heap->seams.trace_alloc != NULL;
}

void ouro_gc_watch_alloc(OuroHeap *heap, void *block, size_t size) {
    if (heap->seams.trace_alloc) heap->seams.trace_alloc(heap, block, size);
}

void ouro_gc_watch_free(OuroHeap *heap, void *block) {
    if (heap->seams.trace_free) heap->seams.trace_free(heap, block);
}

int ouro_gc_stable_ids_enable(OuroHeap *heap) {
    (void)heap;
    return -1;                        /* -X stableids: being written */
}

uint64_t ouro_gc_stable_id(const OuroHeap *heap, const void *object) {
    (void)heap, (void)object;
    return 0;
}
