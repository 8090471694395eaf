/* gc/freeze.c — gc.freeze and friends: the permanent generation, a list no collection ever
 * looks at (CPython 3.7+, for fork-heavy servers). Moving objects in or out rewrites each
 * head's generation bits, which the collector reads to tell members of the collected set
 * from outsiders; freeze is rare, collections are not, so the O(n) cost lands here. */
#include "gc/gc.h"

/* Appends every node of `from` to `to` (O(n): each head gets to's generation bits). */
static void move_all(OuroGCHead *from, OuroGCHead *to, uintptr_t gen) {
    if (from->next == from) return;
    for (OuroGCHead *h = from->next; h != from; h = h->next)
        h->flags = (h->flags & ~(uintptr_t)OURO_GCF_GEN_MASK) | (gen << OURO_GCF_GEN_SHIFT);
    OuroGCHead *first = from->next, *last = from->prev, *tail = to->prev;
    tail->next = first;
    first->prev = tail;
    last->next = to;
    to->prev = last;
    from->next = from->prev = from;
}

/* CPython 3.11 zeroes every generation's count (observed: get_count() == (0, 0, 0)). */
void ouro_gc_freeze(OuroHeap *heap) {
    for (int i = 0; i < OURO_GC_GENERATIONS; i++) {
        move_all(&heap->generations[i].head, &heap->permanent.head, OURO_GC_PERMANENT);
        heap->generations[i].count = 0;
    }
}

void ouro_gc_unfreeze(OuroHeap *heap) {
    move_all(&heap->permanent.head, &heap->generations[OURO_GC_GENERATIONS - 1].head,
             OURO_GC_GENERATIONS - 1);
}

/* Interpreter start-up is over: what it made is old. CPython's start-up (site, encodings,
 * the importer) runs enough automatic collections that the interpreter's objects, the
 * __main__ dict among them, sit in the older generations when a script starts. Ours
 * allocates less, so they would still be young; promoting them silently (no collection, no
 * statistics) puts the lists in the order CPython's have, which later collections, and
 * therefore the order of __del__ calls at exit, depend on. */
void ouro_gc_promote_startup(OuroHeap *heap) {
    for (int i = 0; i < OURO_GC_GENERATIONS - 1; i++)
        move_all(&heap->generations[i].head, &heap->generations[OURO_GC_GENERATIONS - 1].head,
                 OURO_GC_GENERATIONS - 1);
}

size_t ouro_gc_generation_size(const OuroHeap *heap, int generation) {
    const OuroGCHead *list = generation == OURO_GC_PERMANENT ? &heap->permanent.head
                                                             : &heap->generations[generation].head;
    size_t n = 0;
    for (const OuroGCHead *h = list->next; h != list; h = h->next) n++;
    return n;
}

size_t ouro_gc_freeze_count(const OuroHeap *heap) {
    return ouro_gc_generation_size(heap, OURO_GC_PERMANENT);
}
