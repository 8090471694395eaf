/* gc/watch.c — watching allocations for teaching tools: -X stableids numbers objects in
 * allocation order (so reprs and id() are the same from run to run), and tracemalloc sees
 * every block through seams.trace_alloc / trace_free. The allocator calls in here only
 * while heap->watching is set, so an unwatched heap pays one flag test per allocation.
 * Stable ids: an open-addressing table object address -> number (linear probing, deletion
 * by backward shift, so no tombstones); only objects are numbered, never raw blocks. */
#include "gc/gc.h"

#include <stdlib.h>

typedef struct StableSlot {
    uintptr_t key;                    /* the object's address; 0 = empty slot */
    uint64_t number;
} StableSlot;

struct OuroStableIds {
    StableSlot *slots;
    size_t mask;                      /* capacity - 1 (capacity a power of two) */
    size_t len;
    uint64_t next;                    /* the number the next object gets */
    uint64_t moving;                  /* a resize in progress: the moving object's number */
};

enum { STABLE_MIN_CAPACITY = 1024 };

/* Object addresses are 16-byte aligned: drop those bits, then Fibonacci-mix the rest. */
static inline size_t slot_of(const struct OuroStableIds *t, uintptr_t key) {
    return (size_t)(((uint64_t)key >> 4) * 0x9E3779B97F4A7C15ull >> 20) & t->mask;
}

static void table_put(struct OuroStableIds *t, uintptr_t key, uint64_t number) {
    size_t i = slot_of(t, key);
    while (t->slots[i].key && t->slots[i].key != key) i = (i + 1) & t->mask;
    if (!t->slots[i].key) t->len++;
    t->slots[i] = (StableSlot){key, number};
}

/* Doubles the table at 50% load. On out of memory the table stays (fuller, still valid):
 * returns -1 only when it is completely full, and the object then goes unnumbered. */
static int table_make_room(struct OuroStableIds *t) {
    size_t cap = t->mask + 1;
    if (t->len * 2 < cap) return 0;
    StableSlot *slots = calloc(cap * 2, sizeof *slots);
    if (!slots) return t->len + 1 < cap ? 0 : -1;
    StableSlot *old = t->slots;
    t->slots = slots;
    t->mask = cap * 2 - 1;
    t->len = 0;
    for (size_t i = 0; i < cap; i++)
        if (old[i].key) table_put(t, old[i].key, old[i].number);
    free(old);
    return 0;
}

/* Removes key; returns its number, or 0 when it had none. */
static uint64_t table_take(struct OuroStableIds *t, uintptr_t key) {
    size_t i = slot_of(t, key);
    while (t->slots[i].key != key) {
        if (!t->slots[i].key) return 0;
        i = (i + 1) & t->mask;
    }
    uint64_t number = t->slots[i].number;
    /* Backward shift: move later entries of the run into the hole when their home slot
     * does not lie cyclically in (hole, j], so every lookup still finds them. */
    for (size_t j = (i + 1) & t->mask; t->slots[j].key; j = (j + 1) & t->mask) {
        size_t home = slot_of(t, t->slots[j].key);
        bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
        if (stays) continue;
        t->slots[i] = t->slots[j];
        i = j;
    }
    t->slots[i].key = 0;
    t->len--;
    return number;
}

static void number_object(struct OuroStableIds *t, void *object, uint64_t number) {
    if (table_make_room(t) == 0) table_put(t, (uintptr_t)object, number);
}

void ouro_gc_watch_update(OuroHeap *heap) {
    heap->watching = heap->stable_ids != NULL || heap->seams.trace_alloc != NULL;
}

void ouro_gc_watch_alloc(OuroHeap *heap, void *block, size_t size) {
    struct OuroStableIds *t = heap->stable_ids;
    if (t) number_object(t, block, t->next++);
    if (heap->seams.trace_alloc) heap->seams.trace_alloc(heap, block, size);
}

void ouro_gc_watch_free(OuroHeap *heap, void *block) {
    if (heap->stable_ids) table_take(heap->stable_ids, (uintptr_t)block);
    if (heap->seams.trace_free) heap->seams.trace_free(heap, block);
}

void ouro_gc_watch_raw_alloc(OuroHeap *heap, void *block, size_t size) {
    if (heap->seams.trace_alloc) heap->seams.trace_alloc(heap, block, size);
}

void ouro_gc_watch_raw_free(OuroHeap *heap, void *block) {
    if (heap->seams.trace_free) heap->seams.trace_free(heap, block);
}

/* A resize is a free and an allocation for tracemalloc, but the object keeps its number:
 * begin takes it out of the table (the old address may be reused by then) and end files it
 * under the new address. Nothing else is allocated between the two calls. */
void ouro_gc_watch_resize_begin(OuroHeap *heap, void *block) {
    if (heap->stable_ids) heap->stable_ids->moving = table_take(heap->stable_ids, (uintptr_t)block);
    if (heap->seams.trace_free) heap->seams.trace_free(heap, block);
}

void ouro_gc_watch_resize_end(OuroHeap *heap, void *block, size_t size) {
    struct OuroStableIds *t = heap->stable_ids;
    if (t && t->moving) {
        number_object(t, block, t->moving);
        t->moving = 0;
    }
    if (heap->seams.trace_alloc) heap->seams.trace_alloc(heap, block, size);
}

int ouro_gc_stable_ids_enable(OuroHeap *heap) {
    if (heap->stable_ids) return 0;
    struct OuroStableIds *t = calloc(1, sizeof *t);
    if (t) t->slots = calloc(STABLE_MIN_CAPACITY, sizeof *t->slots);
    if (!t || !t->slots) {
        free(t);
        return -1;
    }
    t->mask = STABLE_MIN_CAPACITY - 1;
    t->next = 1;
    heap->stable_ids = t;
    ouro_gc_watch_update(heap);
    return 0;
}

void ouro_gc_stable_ids_free(OuroHeap *heap) {
    struct OuroStableIds *t = heap->stable_ids;
    if (!t) return;
    free(t->slots);
    free(t);
    heap->stable_ids = NULL;
    ouro_gc_watch_update(heap);
}

uint64_t ouro_gc_stable_id(const OuroHeap *heap, const void *object) {
    const struct OuroStableIds *t = heap->stable_ids;
    if (!t || !object) return 0;
    uintptr_t key = (uintptr_t)object;
    for (size_t i = slot_of(t, key); t->slots[i].key; i = (i + 1) & t->mask)
        if (t->slots[i].key == key) return t->slots[i].number;
    return 0;
}
