/* gc/refcount.c — the release path taken when a count reaches zero. Deallocs nest (a list
 * frees its items, which free theirs...), so past a small depth further releases are queued
 * and drained by the outermost call: deep structures are freed without deep C recursion
 * (CPython's trashcan). */
#include "gc/gc.h"

#include <stdlib.h>

enum { OURO_DEALLOC_MAX_DEPTH = 50 };

static void enqueue(OuroHeap *heap, OuroObject *o) {
    if (heap->dealloc_len == heap->dealloc_cap) {
        size_t cap = heap->dealloc_cap ? heap->dealloc_cap * 2 : 256;
        OuroObject **q = realloc(heap->dealloc_queue, cap * sizeof *q);
        if (!q) abort();   /* cannot leak safely and cannot raise from a release */
        heap->dealloc_queue = q;
        heap->dealloc_cap = cap;
    }
    heap->dealloc_queue[heap->dealloc_len++] = o;
}

static void dealloc_now(OuroHeap *heap, OuroObject *o) {
    heap->dealloc_depth++;
    ouro_gc_hooks(o)->dealloc(heap, o);
    heap->dealloc_depth--;
}

void ouro_gc_release(OuroHeap *heap, OuroObject *o) {
    if (heap->dealloc_depth >= OURO_DEALLOC_MAX_DEPTH) {
        enqueue(heap, o);
        return;
    }
    dealloc_now(heap, o);
    if (heap->dealloc_depth == 0) {
        while (heap->dealloc_len > 0) dealloc_now(heap, heap->dealloc_queue[--heap->dealloc_len]);
    }
}
