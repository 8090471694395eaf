/* gc/alloc.c — the single allocation choke point: every heap object is born and freed here,
 * so the live-object counter (the "every object freed at exit" check) cannot be bypassed.
 * Containers get their GC head here; tracking is a separate, explicit step (gc/track.c).
 * Container allocations and frees drive generation 0's count and the automatic trigger.
 * Small blocks come from per-heap size-class freelists carved out of big chunks (CPython's
 * obmalloc idea, much simplified): most objects are small and short-lived, and malloc/free
 * per object was the largest single cost of allocation-heavy programs. Under the sanitizers
 * or valgrind every block is a plain calloc/free again, so use-after-free stays visible. */
#include "gc/gc.h"

#include <stdlib.h>
#include <string.h>

#if !defined(OURO_SANITIZE) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define OURO_HAVE_VALGRIND 1
#endif
#endif

/* Every block starts with this prefix: the block's size class (or LARGE_CLASS for a plain
 * malloc block) and the bytes requested, so free needs nothing but the object pointer.
 * Its 8 bytes keep objects 8-byte aligned, all any object layout needs. Pooled containers
 * have no prefix: their GC head records the class (OURO_GCF_CLASS_MASK), so a small list
 * (head + object, 64 bytes) fills exactly one cache line, which the collector's passes
 * over a big heap feel directly (memory traffic is their main cost). */
typedef struct BlockPrefix {
    uint32_t size_class;
    uint32_t bytes;                   /* GC head + object, as charged to live_bytes */
} BlockPrefix;

enum {
    GRAIN = 16,                       /* size classes step by 16 bytes (prefix included) */
    MAX_POOLED = 512,                 /* bigger blocks go to malloc */
    NCLASSES = MAX_POOLED / GRAIN,
    LARGE_CLASS = 0xffffffffu,
    CHUNK_BYTES = 256 * 1024,         /* pools are carved from chunks this big */
    CARVE_BYTES = 8 * 1024,           /* an empty class takes this much of a chunk at once */
    LINE = 64,                        /* runs start cache-line aligned */
    PREFIXED = 63,                    /* a container head's class: a BlockPrefix precedes it */
};

typedef struct FreeBlock {
    struct FreeBlock *next;
} FreeBlock;

typedef struct Chunk {                /* the carved area starts LINE bytes in */
    struct Chunk *next;
} Chunk;

struct OuroPools {
    FreeBlock *free[NCLASSES];        /* class c holds blocks of (c + 1) * GRAIN bytes */
    Chunk *chunks;                    /* every chunk, for the teardown */
    char *carve, *carve_end;          /* the unused rest of the newest chunk */
};

static bool is_container_type(OuroType *type) {
    return (((OuroTypeHead *)(void *)type)->hooks.gc_flags & OURO_GC_CONTAINER) != 0;
}

static void init_generation(OuroGCGeneration *gen, int threshold) {
    gen->head.next = gen->head.prev = &gen->head;
    gen->threshold = threshold;
    gen->count = 0;
}

/* Pools are off when the memory checkers must see every block (see the file comment). */
static bool pools_wanted(void) {
#if defined(OURO_SANITIZE)
    return false;
#elif defined(OURO_HAVE_VALGRIND)
    return !RUNNING_ON_VALGRIND;
#else
    return true;
#endif
}

void ouro_heap_init(OuroHeap *heap) {
    memset(heap, 0, sizeof *heap);
    init_generation(&heap->generations[0], 700);
    init_generation(&heap->generations[1], 10);
    init_generation(&heap->generations[2], 10);
    init_generation(&heap->permanent, 0);
    heap->enabled = true;
    /* Out of memory here only costs speed: NULL pools mean plain calloc/free. */
    if (pools_wanted()) heap->pools = calloc(1, sizeof *heap->pools);
}

size_t ouro_heap_fini(OuroHeap *heap) {
    free(heap->dealloc_queue);
    heap->dealloc_queue = NULL;
    heap->dealloc_len = heap->dealloc_cap = 0;
    struct OuroPools *p = heap->pools;
    /* Objects still alive (reported leaks) may live in the chunks: keep them then. */
    if (p && heap->live_objects == 0) {
        for (Chunk *c = p->chunks, *next; c; c = next) {
            next = c->next;
            free(c);
        }
        free(p);
        heap->pools = NULL;
    }
    ouro_gc_stable_ids_free(heap);    /* -X stableids: its table (gc/watch.c) */
    return heap->live_objects;
}

/* Refills an empty class from the current chunk (a new chunk when it is used up). */
static FreeBlock *pool_refill(struct OuroPools *p, size_t cls) {
    size_t block = (cls + 1) * GRAIN;
    p->carve += (size_t)(-(uintptr_t)p->carve & (LINE - 1));   /* chunk ends are aligned */
    if ((size_t)(p->carve_end - p->carve) < block) {
        Chunk *c = aligned_alloc(LINE, CHUNK_BYTES);
        if (!c) return NULL;
        c->next = p->chunks;
        p->chunks = c;
        p->carve = (char *)c + LINE;
        p->carve_end = (char *)c + CHUNK_BYTES;
    }
    size_t avail = (size_t)(p->carve_end - p->carve);
    size_t n = (avail < CARVE_BYTES ? avail : CARVE_BYTES) / block;
    FreeBlock *first = (FreeBlock *)(void *)p->carve, *b = first;
    for (size_t i = 1; i < n; i++) {
        FreeBlock *next = (FreeBlock *)(void *)((char *)b + block);
        b->next = next;
        b = next;
    }
    b->next = NULL;
    p->carve += n * block;
    return first;
}

/* A block for bytes of payload, not zeroed; NULL when out of memory. */
static BlockPrefix *block_get(OuroHeap *heap, size_t bytes) {
    size_t total = bytes + sizeof(BlockPrefix);
    struct OuroPools *p = heap->pools;
    BlockPrefix *b;
    if (p && total <= MAX_POOLED) {
        size_t cls = (total - 1) / GRAIN;
        FreeBlock *f = p->free[cls];
        if (!f && !(f = pool_refill(p, cls))) return NULL;
        p->free[cls] = f->next;
        b = (BlockPrefix *)(void *)f;
        b->size_class = (uint32_t)cls;
    } else {
        if (bytes > UINT32_MAX - sizeof(BlockPrefix) || !(b = malloc(total))) return NULL;
        b->size_class = LARGE_CLASS;
    }
    b->bytes = (uint32_t)bytes;
    return b;
}

static BlockPrefix *block_alloc(OuroHeap *heap, size_t bytes) {
    BlockPrefix *b = block_get(heap, bytes);
    if (b) memset(b + 1, 0, bytes);
    return b;
}

static void block_free(OuroHeap *heap, BlockPrefix *b) {
    if (b->size_class == LARGE_CLASS) {
        free(b);
        return;
    }
    struct OuroPools *p = heap->pools;
    unsigned cls = b->size_class;   /* read before the free-list link overwrites the prefix */
    FreeBlock *f = (FreeBlock *)(void *)b;
    f->next = p->free[cls];
    p->free[cls] = f;
}

/* Raw blocks share the pools and the prefix (so free finds the class), not the zeroing. */
void *ouro_gc_raw_alloc(OuroHeap *heap, size_t size) {
    BlockPrefix *b = block_get(heap, size);
    if (b && heap->watching) ouro_gc_watch_raw_alloc(heap, b + 1, size);
    return b ? b + 1 : NULL;
}

void ouro_gc_raw_free(OuroHeap *heap, void *p) {
    if (!p) return;
    if (heap->watching) ouro_gc_watch_raw_free(heap, p);
    block_free(heap, (BlockPrefix *)p - 1);
}

/* ---- container blocks: [GC head | object], the head's class bits say how to free ---- */

static inline unsigned head_class(const OuroGCHead *h) {
    return (unsigned)((h->flags & OURO_GCF_CLASS_MASK) >> OURO_GCF_CLASS_SHIFT);
}
static inline uintptr_t class_bits(unsigned cls) { return (uintptr_t)cls << OURO_GCF_CLASS_SHIFT; }

/* A zeroed block for a head and an object (total bytes together); NULL when out of memory. */
static OuroGCHead *container_block(OuroHeap *heap, size_t total) {
    struct OuroPools *p = heap->pools;
    OuroGCHead *h;
    if (p && total <= MAX_POOLED) {
        size_t cls = (total - 1) / GRAIN;
        FreeBlock *f = p->free[cls];
        if (!f && !(f = pool_refill(p, cls))) return NULL;
        p->free[cls] = f->next;
        memset(f, 0, total);
        h = (OuroGCHead *)(void *)f;
        h->flags = class_bits((unsigned)cls);
        heap->live_bytes += (cls + 1) * GRAIN;
        return h;
    }
    BlockPrefix *b = block_alloc(heap, total);
    if (!b) return NULL;
    h = (OuroGCHead *)(void *)(b + 1);
    h->flags = class_bits(PREFIXED);
    heap->live_bytes += total;
    return h;
}

/* Bytes usable from the head on. */
static size_t container_block_size(const OuroGCHead *h) {
    unsigned cls = head_class(h);
    return cls == PREFIXED ? ((const BlockPrefix *)(const void *)h - 1)->bytes : (cls + 1u) * GRAIN;
}

static void container_block_free(OuroHeap *heap, OuroGCHead *h) {
    unsigned cls = head_class(h);
    heap->live_bytes -= container_block_size(h);
    if (cls == PREFIXED) {
        block_free(heap, (BlockPrefix *)(void *)h - 1);
        return;
    }
    struct OuroPools *p = heap->pools;
    FreeBlock *f = (FreeBlock *)(void *)h;
    f->next = p->free[cls];
    p->free[cls] = f;
}

/* Resizes an (untracked) container's block; NULL when out of memory (the old one stays). */
static OuroObject *container_realloc(OuroHeap *heap, OuroGCHead *h, size_t total) {
    size_t have = container_block_size(h);
    unsigned cls = head_class(h);
    if (cls != PREFIXED && total <= have) return ouro_gc_object(h);   /* fits its block */
    if (cls == PREFIXED && (!heap->pools || total > MAX_POOLED)) {
        BlockPrefix *b = (BlockPrefix *)(void *)h - 1;
        if (total > UINT32_MAX - sizeof *b) return NULL;
        BlockPrefix *nb = realloc(b, total + sizeof *nb);
        if (!nb) return NULL;
        heap->live_bytes += total;
        heap->live_bytes -= nb->bytes;
        nb->bytes = (uint32_t)total;
        return ouro_gc_object((OuroGCHead *)(void *)(nb + 1));
    }
    OuroGCHead *nh = container_block(heap, total);
    if (!nh) return NULL;
    uintptr_t cbits = nh->flags & OURO_GCF_CLASS_MASK;
    memcpy(nh, h, have < total ? have : total);
    nh->flags = (nh->flags & ~(uintptr_t)OURO_GCF_CLASS_MASK) | cbits;
    container_block_free(heap, h);
    return ouro_gc_object(nh);
}

/* CPython 3.11's generation-0 count: container allocations (tracked later or not) minus
 * container frees, and the automatic trigger when it passes the threshold. The collector
 * itself never runs here: the VM's collection_due hook only schedules it for a safe point.
 * Stress mode asks at every container allocation; the VM picks the generation. */
static inline void count_container(OuroHeap *heap) {
    OuroGCGeneration *g0 = &heap->generations[0];
    g0->count++;
    if (heap->collecting || !heap->collection_due) return;
    if (heap->stress_full > 0 ||
        (g0->count > g0->threshold && g0->threshold > 0 && heap->enabled))
        heap->collection_due(heap);
}

OuroObject *ouro_gc_alloc(OuroHeap *heap, OuroType *type, size_t size) {
    OuroObject *o;
    bool container = is_container_type(type);
    if (container) {
        OuroGCHead *h = container_block(heap, sizeof(OuroGCHead) + size);
        if (!h) return NULL;
        o = ouro_gc_object(h);
    } else {
        BlockPrefix *b = block_alloc(heap, size);
        if (!b) return NULL;
        heap->live_bytes += size;
        o = (OuroObject *)(void *)(b + 1);
    }
    o->refcnt = 1;
    o->type = type;
    heap->live_objects++;
    if (heap->watching) ouro_gc_watch_alloc(heap, o, size);
    if (container) count_container(heap);
    return o;
}

/* A resize is a free and an allocation for the watchers (the object may move). */
static OuroObject *resize(OuroHeap *heap, OuroObject *o, size_t new_size);

OuroObject *ouro_gc_realloc(OuroHeap *heap, OuroObject *o, size_t new_size) {
    if (!heap->watching) return resize(heap, o, new_size);
    ouro_gc_watch_resize_begin(heap, o);
    OuroObject *n = resize(heap, o, new_size);
    ouro_gc_watch_resize_end(heap, n ? n : o, n ? new_size : 0);
    return n;
}

static OuroObject *resize(OuroHeap *heap, OuroObject *o, size_t new_size) {
    if (is_container_type(o->type))
        return container_realloc(heap, ouro_gc_head(o), sizeof(OuroGCHead) + new_size);
    BlockPrefix *b = (BlockPrefix *)(void *)o - 1;
    size_t bytes = new_size, old_bytes = b->bytes;
    if (bytes > UINT32_MAX - sizeof(BlockPrefix)) return NULL;
    if (b->size_class == LARGE_CLASS && (!heap->pools || bytes + sizeof *b > MAX_POOLED)) {
        BlockPrefix *nb = realloc(b, bytes + sizeof *b);
        if (!nb) return NULL;
        b = nb;
    } else if (b->size_class != LARGE_CLASS && bytes + sizeof *b <= (b->size_class + 1u) * GRAIN) {
        /* Still fits its block: nothing moves. */
    } else {
        BlockPrefix *nb = block_alloc(heap, bytes);
        if (!nb) return NULL;
        memcpy(nb + 1, b + 1, old_bytes < bytes ? old_bytes : bytes);
        block_free(heap, b);
        b = nb;
    }
    b->bytes = (uint32_t)bytes;
    heap->live_bytes += bytes;
    heap->live_bytes -= old_bytes;
    return (OuroObject *)(void *)(b + 1);
}

void ouro_gc_uncount(OuroHeap *heap, OuroObject *o) {
    OuroGCHead *h = ouro_gc_head(o);
    if (h->flags & OURO_GCF_UNCOUNTED) return;
    h->flags |= OURO_GCF_UNCOUNTED;
    if (heap->generations[0].count > 0) heap->generations[0].count--;
}

void ouro_gc_free(OuroHeap *heap, OuroObject *o) {
    heap->live_objects--;
    if (heap->watching) ouro_gc_watch_free(heap, o);
    if (is_container_type(o->type)) {
        ouro_gc_untrack(heap, o);
        if (heap->generations[0].count > 0 && !(ouro_gc_head(o)->flags & OURO_GCF_UNCOUNTED))
            heap->generations[0].count--;
        container_block_free(heap, ouro_gc_head(o));
        return;
    }
    BlockPrefix *b = (BlockPrefix *)(void *)o - 1;
    heap->live_bytes -= b->bytes;
    block_free(heap, b);
}
