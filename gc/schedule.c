/* gc/schedule.c — which generation an automatic collection takes: CPython 3.11's
 * collect_generations rule. The oldest generation whose count passed its threshold wins,
 * except that a full collection also waits until the objects promoted into generation 2
 * since the last one reach a quarter of the long-lived total (bpo-4074: without it, building
 * a big structure would rescan the whole heap again and again, a quadratic cost). */
#include "gc/gc.h"

int ouro_gc_generation_due(const OuroHeap *heap) {
    if (!heap->enabled || heap->collecting || heap->generations[0].threshold == 0) return -1;
    for (int i = OURO_GC_GENERATIONS - 1; i >= 0; i--) {
        const OuroGCGeneration *gen = &heap->generations[i];
        if (gen->count <= gen->threshold) continue;
        if (i == OURO_GC_GENERATIONS - 1 && heap->long_lived_pending < heap->long_lived_total / 4)
            continue;
        return i;
    }
    return -1;
}
