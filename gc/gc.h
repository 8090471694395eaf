/* gc/gc.h — the memory manager's public contract: object headers, the collector's view of a
 * type (hooks), allocation, reference counts, tracking. Includes only libc.
 *
 * Every heap object starts with OuroObject {refcnt, type}. A value that is not a heap object
 * is an immediate small int: a word with the low bit set (see OURO_IS_SMALLINT). Refcount
 * operations skip immediates, so callers need not test for them.
 *
 * The collector never looks inside an object. It sees a type only through the OuroGCHooks
 * that begin every type object (right after the type's own object header): traverse,
 * clear, finalize (PEP 442 __del__), dealloc, and the container flag. The VM's OuroType
 * starts with exactly the layout of OuroTypeHead.
 *
 * Container objects (those whose type has OURO_GC_CONTAINER) are allocated with an
 * OuroGCHead placed *before* the object. The head links the object into a generation list
 * when it is tracked, and carries the collector's scratch count and flags. Scalars and
 * strings have no head at all.
 *
 * Lifetime: an object is freed the moment its count reaches zero. The release path is
 * iterative (a deferred-dealloc queue, like CPython's trashcan), so freeing a million-long
 * chain does not recurse a million times on the C stack.
 */
#ifndef OURO_GC_GC_H
#define OURO_GC_GC_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct OuroType OuroType;     /* defined by the VM (vm/object.h) */
typedef struct OuroHeap OuroHeap;

typedef struct OuroObject {
    intptr_t refcnt;
    OuroType *type;
} OuroObject;

/* ---- immediate small ints ------------------------------------------------------------- */

#define OURO_SMALLINT_MAX ((intptr_t)(INTPTR_MAX >> 1))
#define OURO_SMALLINT_MIN ((intptr_t)(INTPTR_MIN >> 1))

static inline bool OURO_IS_SMALLINT(const OuroObject *o) { return ((uintptr_t)o & 1u) != 0; }
static inline OuroObject *ouro_smallint(intptr_t v) {
    return (OuroObject *)(((uintptr_t)v << 1) | 1u);
}
static inline intptr_t ouro_smallint_value(const OuroObject *o) {
    return (intptr_t)(uintptr_t)o >> 1;   /* arithmetic shift keeps the sign (gcc, clang) */
}

/* ---- the collector's view of a type --------------------------------------------------- */

typedef int (*OuroVisitFn)(OuroObject *child, void *arg);
/* Calls visit on every object reference the object holds (immediates may be passed;
 * the collector ignores them). Stops and returns the first non-zero result of visit. */
typedef int (*OuroTraverseFn)(OuroObject *self, OuroVisitFn visit, void *arg);
/* Drops the references the object holds that could take part in a cycle (PEP 442 tp_clear). */
typedef void (*OuroClearFn)(OuroHeap *heap, OuroObject *self);
/* PEP 442 finalizer (__del__); may resurrect. Must not raise: report errors as unraisable. */
typedef void (*OuroFinalizeFn)(OuroHeap *heap, OuroObject *self);
/* Releases what the object owns and frees it with ouro_gc_free. */
typedef void (*OuroDeallocFn)(OuroHeap *heap, OuroObject *self);

enum {
    OURO_GC_CONTAINER = 1u << 0,      /* instances carry an OuroGCHead and can be tracked */
};

typedef struct OuroGCHooks {
    OuroTraverseFn traverse;
    OuroClearFn clear;
    OuroFinalizeFn finalize;          /* NULL when instances have no finalizer */
    OuroDeallocFn dealloc;
    unsigned gc_flags;
} OuroGCHooks;

/* Every type object begins with this layout. */
typedef struct OuroTypeHead {
    OuroObject ob;
    OuroGCHooks hooks;
} OuroTypeHead;

static inline const OuroGCHooks *ouro_gc_hooks(const OuroObject *o) {
    return &((const OuroTypeHead *)(const void *)o->type)->hooks;
}
static inline bool ouro_gc_is_container(const OuroObject *o) {
    return (ouro_gc_hooks(o)->gc_flags & OURO_GC_CONTAINER) != 0;
}

/* ---- the GC head before a container ----------------------------------------------------- */

enum {
    OURO_GCF_TRACKED     = 1u << 0,   /* linked into a generation list */
    OURO_GCF_FINALIZED   = 1u << 1,   /* PEP 442: finalize already ran, never again */
    OURO_GCF_COLLECTING  = 1u << 2,   /* in the generation being collected */
    OURO_GCF_UNREACHABLE = 1u << 3,   /* moved to the unreachable list */
};

typedef struct OuroGCHead {
    struct OuroGCHead *next, *prev;
    intptr_t gc_refs;                 /* collector scratch: refcount minus internal refs */
    uint32_t flags;                   /* OURO_GCF_* */
    uint32_t generation;              /* 0, 1, 2, or OURO_GC_PERMANENT */
} OuroGCHead;

#define OURO_GC_GENERATIONS 3
#define OURO_GC_PERMANENT 3

static inline OuroGCHead *ouro_gc_head(OuroObject *o) { return (OuroGCHead *)o - 1; }
static inline OuroObject *ouro_gc_object(OuroGCHead *g) { return (OuroObject *)(g + 1); }

typedef struct OuroGCGeneration {
    OuroGCHead head;                  /* list sentinel */
    int threshold;
    int count;                        /* gen 0: allocations minus deallocations; older:
                                         collections of the next younger generation */
} OuroGCGeneration;

/* ---- the heap ------------------------------------------------------------------------- */

struct OuroHeap {
    OuroGCGeneration generations[OURO_GC_GENERATIONS];
    OuroGCGeneration permanent;       /* gc.freeze() */
    size_t live_objects;              /* heap objects allocated and not yet freed */
    size_t live_bytes;
    /* Deferred deallocation (trashcan): objects whose count hit zero while a dealloc was
     * already running are queued here and freed by the outermost release. */
    OuroObject **dealloc_queue;
    size_t dealloc_len, dealloc_cap;
    int dealloc_depth;
    bool enabled;                     /* automatic collection (gc.enable/disable) */
    bool collecting;
    /* Called when automatic collection is due (gen-0 count passed its threshold); the VM
     * installs it and decides when it is safe to run. May be NULL. */
    void (*collection_due)(OuroHeap *heap);
    /* gc/alloc.c: size-class freelists for small blocks; NULL means plain calloc/free
     * (sanitizer and valgrind runs). */
    struct OuroPools *pools;
};

/* Sets up an empty heap. */
void ouro_heap_init(OuroHeap *heap);
/* Tears the heap down; returns the number of objects still alive (0 when all were freed). */
size_t ouro_heap_fini(OuroHeap *heap);

/* Allocates size bytes for an object of the given type, zeroed, with refcnt 1 and the type
 * set. Containers get a GC head in front (untracked). Returns NULL when out of memory. */
OuroObject *ouro_gc_alloc(OuroHeap *heap, OuroType *type, size_t size);
/* Resizes a variable-size object in place or moves it; the object must be untracked.
 * Returns the (possibly moved) object, or NULL (the old one is still valid). */
OuroObject *ouro_gc_realloc(OuroHeap *heap, OuroObject *o, size_t new_size);
/* Frees an object's memory (from its dealloc hook). Untracks it first if still tracked. */
void ouro_gc_free(OuroHeap *heap, OuroObject *o);

/* Raw storage owned by an object (a dict's table, ...) from the same size-class pools as
 * objects, without a header or a live-object count. Uninitialized; NULL when out of memory.
 * Blocks must go back through ouro_gc_raw_free of the same heap. */
void *ouro_gc_raw_alloc(OuroHeap *heap, size_t size);
void ouro_gc_raw_free(OuroHeap *heap, void *p);

/* Links a complete container into generation 0 / unlinks it. Idempotent. */
void ouro_gc_track(OuroHeap *heap, OuroObject *o);
void ouro_gc_untrack(OuroHeap *heap, OuroObject *o);
static inline bool ouro_gc_is_tracked(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && ouro_gc_is_container(o) &&
           (ouro_gc_head(o)->flags & OURO_GCF_TRACKED) != 0;
}

/* ---- reference counts ----------------------------------------------------------------- */

/* Slow path of a release: runs the type's dealloc, iteratively (see dealloc_queue). */
void ouro_gc_release(OuroHeap *heap, OuroObject *o);

static inline void ouro_gc_incref(OuroObject *o) {
    if (!OURO_IS_SMALLINT(o)) o->refcnt++;
}
static inline void ouro_gc_decref(OuroHeap *heap, OuroObject *o) {
    if (!OURO_IS_SMALLINT(o) && --o->refcnt == 0) ouro_gc_release(heap, o);
}

/* Objects with this count or more are immortal statics (None, True, ...): never freed. */
#define OURO_IMMORTAL_REFCNT ((intptr_t)1 << 60)

#endif
