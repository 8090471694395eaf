/* gc/gc.h — the memory manager's public contract: object headers, the collector's view of a
 * type (hooks), allocation, reference counts, tracking. Includes only libc.
 *
 * Every heap object starts with OuroObject {refcnt, type}. A value that is not a heap object
 * is an immediate small int: a word with the low bit set (see OURO_IS_SMALLINT). Refcount
 * operations skip immediates, so callers need not test for them.
 *
 * The collector never looks inside an object, except for weak references (gc/weakref.h:
 * the list head at hooks.weaklist_offset, and weakref objects, which begin with
 * OuroWeakRef). It sees a type only through the OuroGCHooks that begin every type object
 * (right after the type's own object header): traverse, clear, finalize (PEP 442 __del__),
 * dealloc, the flags, and the weaklist offset. The VM's OuroType
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
typedef struct OuroWeakRef OuroWeakRef; /* gc/weakref.h */
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
    OURO_GC_UNTRACK_ATOMIC = 1u << 1, /* immutable: untracked by any collection once no
                                         referent may be tracked (exact tuple) */
    OURO_GC_UNTRACK_ATOMIC_FULL = 1u << 2, /* the same, by full collections only (dict) */
    OURO_GC_WEAKREF = 1u << 3,        /* instances begin with OuroWeakRef (gc/weakref.h) */
};

typedef struct OuroGCHooks {
    OuroTraverseFn traverse;
    OuroClearFn clear;
    OuroFinalizeFn finalize;          /* NULL when instances have no finalizer */
    OuroDeallocFn dealloc;
    unsigned gc_flags;
    size_t weaklist_offset;           /* where instances keep their weakref list (an
                                         OuroWeakRef *, gc/weakref.h); 0 = not weakrefable */
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

/* The head is three words (CPython packs into two; we keep prev a real pointer so lists stay
 * doubly linked through a whole collection). `flags` packs, from the low bit up:
 *   TRACKED, FINALIZED, COLLECTING, UNREACHABLE  (OURO_GCF_*)
 *   the generation the object's list belongs to (2 bits: 0, 1, 2, OURO_GC_PERMANENT),
 *   the allocator's size class of the block (6 bits, gc/alloc.c: containers need no block
 *   prefix, which keeps a small list in one 64-byte cache line),
 *   and, during a collection only, gc_refs (the rest of the word).
 * Code outside gc/ may test and set OURO_GCF_FINALIZED (see the accessors below) and must
 * not touch the other bits. The generation bits let the collector decide in one load whether
 * a child belongs to the set being collected (see gc/collect.c). */
enum {
    OURO_GCF_TRACKED     = 1u << 0,   /* linked into a generation list */
    OURO_GCF_FINALIZED   = 1u << 1,   /* PEP 442: finalize already ran, never again */
    OURO_GCF_COLLECTING  = 1u << 2,   /* in the generation being collected */
    OURO_GCF_UNREACHABLE = 1u << 3,   /* moved to the unreachable list */
    OURO_GCF_GEN_SHIFT   = 4,
    OURO_GCF_GEN_MASK    = 3u << OURO_GCF_GEN_SHIFT,
    OURO_GCF_CLASS_SHIFT = 6,
    OURO_GCF_CLASS_MASK  = 63u << OURO_GCF_CLASS_SHIFT,
    OURO_GCF_UNCOUNTED   = 1u << 12,  /* not in generation 0's count (ouro_gc_uncount) */
    OURO_GCF_REFS_SHIFT  = 13,        /* gc_refs lives above this bit during a collection */
    /* What a head keeps when it leaves a list (untracked): PEP 442's bit, the size class,
     * the uncounted mark. */
    OURO_GCF_KEEP        = OURO_GCF_FINALIZED | OURO_GCF_CLASS_MASK | OURO_GCF_UNCOUNTED,
};

typedef struct OuroGCHead {
    struct OuroGCHead *next, *prev;
    uintptr_t flags;                  /* OURO_GCF_* bits, generation, gc_refs (see above) */
} OuroGCHead;

#define OURO_GC_GENERATIONS 3
#define OURO_GC_PERMANENT 3

static inline OuroGCHead *ouro_gc_head(OuroObject *o) { return (OuroGCHead *)o - 1; }
static inline OuroObject *ouro_gc_object(OuroGCHead *g) { return (OuroObject *)(g + 1); }

/* PEP 442's once-only flag, for finalizers run by refcounting (o must be a container). */
static inline bool ouro_gc_is_finalized(OuroObject *o) {
    return (ouro_gc_head(o)->flags & OURO_GCF_FINALIZED) != 0;
}
static inline void ouro_gc_set_finalized(OuroObject *o) {
    ouro_gc_head(o)->flags |= OURO_GCF_FINALIZED;
}

typedef struct OuroGCGeneration {
    OuroGCHead head;                  /* list sentinel */
    int threshold;
    int count;                        /* gen 0: allocations minus deallocations; older:
                                         collections of the next younger generation */
} OuroGCGeneration;

/* ---- the heap ------------------------------------------------------------------------- */

/* Cumulative per-generation statistics (gc.get_stats). */
typedef struct OuroGCStats {
    size_t collections;
    size_t collected;
    size_t uncollectable;
} OuroGCStats;

/* gc.set_debug flags, CPython's values. */
enum {
    OURO_GC_DEBUG_STATS = 1,
    OURO_GC_DEBUG_COLLECTABLE = 2,
    OURO_GC_DEBUG_UNCOLLECTABLE = 4,
    OURO_GC_DEBUG_SAVEALL = 32,
    OURO_GC_DEBUG_LEAK = 2 | 4 | 32,
    /* Ouroboros only (ouro -X gctrace): narrate every phase of every collection through
     * seams.trace (docs/gc-trace.md). 64: no CPython DEBUG_* flag uses that bit. */
    OURO_GC_DEBUG_TRACE = 64,
};

/* What the collector tells seams.trace under DEBUG_TRACE, in this order (docs/gc-trace.md).
 * `o` is live when the event is sent, except for FREED (a dead address: compare it, never
 * read it). SAFE_POINT says Python code may run now: the VM buffers every line until then,
 * since during the deduction the lists are mid-walk and must not see a new object. */
typedef enum OuroGCTraceEvent {
    OURO_GC_TRACE_BEGIN,              /* n = objects examined, generation */
    OURO_GC_TRACE_EXAMINED,           /* o, n = its gc_refs after subtract_refs */
    OURO_GC_TRACE_UNREACHABLE_BEGIN,  /* n = unreachable objects */
    OURO_GC_TRACE_UNREACHABLE,        /* o */
    OURO_GC_TRACE_WEAKREF_CLEARED,    /* o = the weakref, other = its referent (NULL: the
                                         weakref is garbage itself), n = 1 if its callback
                                         will be called, 2 if it never will (the weakref
                                         is garbage too), 0 without a callback */
    OURO_GC_TRACE_CALLBACK,           /* o = the weakref whose callback is called now */
    OURO_GC_TRACE_FINALIZE,           /* o: its finalizer (__del__) is called now */
    OURO_GC_TRACE_RESURRECTED_BEGIN,  /* n = objects a finalizer or callback made reachable */
    OURO_GC_TRACE_RESURRECTED,        /* o */
    OURO_GC_TRACE_GARBAGE_BEGIN,      /* n = objects to clear */
    OURO_GC_TRACE_CLEAR,              /* o is cleared now (n = 1: saved in gc.garbage) */
    OURO_GC_TRACE_FREED,              /* o (dead) was freed by the last clear */
    OURO_GC_TRACE_SURVIVED,           /* o outlived its clear: moves to an older generation */
    OURO_GC_TRACE_END,                /* n = collected */
    OURO_GC_TRACE_SAFE_POINT,
} OuroGCTraceEvent;

/* What the collector needs from the VM but cannot know itself (gc/ sees no Python).
 * All may be NULL. */
typedef struct OuroGCSeams {
    /* Writes one complete line of DEBUG output ("gc: ...\n") to sys.stderr. */
    void (*write_debug)(OuroHeap *heap, const char *line);
    /* The type's short name for "gc: collectable <A 0x...>". */
    const char *(*type_name)(const OuroObject *o);
    /* DEBUG_SAVEALL: appends o to gc.garbage (a new reference is taken by the callee).
     * Returns false when that failed (out of memory); the object is then cleared. */
    bool (*save_garbage)(OuroHeap *heap, OuroObject *o);
    /* Calls callback(wr) for a cleared weakref (the refcount path's
     * ouro_gc_clear_weakrefs and the collector's handle_weakrefs, gc-reference.md §1.3
     * step 9); an error is reported as unraisable ("Exception ignored in: <callback>") and
     * a pending exception preserved. The caller holds references to wr and callback. The
     * callback is passed apart because the refcount path has already moved it out of wr
     * (CPython: `wr.__callback__` is None inside it), while the collector leaves it in. */
    void (*call_weakref_callback)(OuroHeap *heap, OuroWeakRef *wr, OuroObject *callback);
    /* tracemalloc (issue 5): every object or raw block allocated / freed while tracing.
     * Installed by the VM only while tracing; see gc/watch.c. */
    void (*trace_alloc)(OuroHeap *heap, void *block, size_t size);
    void (*trace_free)(OuroHeap *heap, void *block);
    /* DEBUG_TRACE: one event of a collection's narration (see OuroGCTraceEvent); called only
     * while heap->debug has OURO_GC_DEBUG_TRACE. */
    void (*trace)(OuroHeap *heap, OuroGCTraceEvent event, int generation, OuroObject *o,
                  OuroObject *other, size_t n);
} OuroGCSeams;

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

    /* ---- the cycle collector (gc/collect.c, gc/schedule.c, gc/freeze.c) ---- */
    OuroGCStats stats[OURO_GC_GENERATIONS];
    size_t long_lived_total;          /* objects left in gen 2 by the last full collection */
    size_t long_lived_pending;        /* objects promoted into gen 2 since then */
    int debug;                        /* OURO_GC_DEBUG_* flags (gc.set_debug) */
    /* Stress mode (ouro -X gcstress): when > 0, every container allocation asks for a
     * collection of generation 0, and every stress_full-th one for a full collection. */
    unsigned stress_full;
    unsigned long stress_tick;
    /* Watching allocations (gc/watch.c): true while tracemalloc traces or -X stableids
     * numbers objects; the allocator then reports every alloc and free there. */
    bool watching;
    struct OuroStableIds *stable_ids; /* -X stableids: allocation numbers (gc/watch.c) */
    /* Seams the VM fills in (each may be NULL; the collector then skips that step). */
    OuroGCSeams seams;
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
/* Takes a just-allocated container out of generation 0's count (its allocation and, later,
 * its free). The VM uses it for instance __dict__s: CPython 3.11 keeps instance attributes
 * inline and allocates no dict, so not counting ours makes automatic collections happen
 * where CPython 3.11's would (docs/gc.md, "Counting"). */
void ouro_gc_uncount(OuroHeap *heap, OuroObject *o);
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

/* ---- the cycle collector -------------------------------------------------------------- */
/* CPython 3.11's gc_collect_main (gc-reference.md §1.3), on the generation lists above.
 * The caller (the VM) guarantees a safe point: every tracked object is fully built, no
 * exception is pending (the VM saves and restores it), and heap->collecting is false.
 * The collector sets heap->collecting for its whole run, so anything a finalizer or a
 * weakref callback does (allocating, tracking, untracking, dropping references, asking
 * for another collection) is safe; such a nested request is the caller's to refuse.
 *
 * Generation counts: generations[0].count is container *allocations* minus container
 * frees since the last collection of generation 0 (counted in ouro_gc_alloc and
 * ouro_gc_free, tracked or not, as CPython 3.11's gc.get_count()[0]); count[1] and
 * count[2] are collections of the next younger generation since their own last one.
 *
 * Containers the collector may untrack on its own: a survivor whose type has
 * OURO_GC_UNTRACK_ATOMIC (exact tuples; every collection) or OURO_GC_UNTRACK_ATOMIC_FULL
 * (exact dicts; full collections only) is untracked when none of its referents may be
 * tracked (see ouro_gc_may_be_tracked). */

typedef struct OuroGCResult {
    size_t collected;                 /* unreachable objects found (CPython's m) */
    size_t uncollectable;             /* CPython's n: always 0 here (no legacy tp_del) */
} OuroGCResult;

/* Collects generation `generation` (0, 1 or 2) and every younger one. Updates counts,
 * stats and long-lived totals; prints DEBUG lines through seams.write_debug. Returns
 * collected + uncollectable. */
size_t ouro_gc_collect(OuroHeap *heap, int generation, OuroGCResult *result);

/* The generation an automatic collection should collect now, or -1 for none: CPython
 * 3.11's collect_generations rule (oldest generation whose count exceeds its threshold,
 * gen 2 only when long_lived_pending > long_lived_total / 4). Returns -1 when automatic
 * collection is disabled (enabled false, threshold 0) or a collection is running. */
int ouro_gc_generation_due(const OuroHeap *heap);

/* gc.freeze / gc.unfreeze / gc.get_freeze_count: move every object of generations 0-2 to
 * the permanent generation (count[0] becomes 0), and back into generation 2. */
void ouro_gc_freeze(OuroHeap *heap);
void ouro_gc_unfreeze(OuroHeap *heap);
size_t ouro_gc_freeze_count(const OuroHeap *heap);
/* Moves every object of generations 0 and 1 into generation 2 without collecting: the VM
 * calls it once start-up is over (gc/freeze.c says why). Counts and statistics unchanged. */
void ouro_gc_promote_startup(OuroHeap *heap);

/* Moves a tracked object's head to another list. When the list is a generation's (or the
 * permanent one) the head's generation bits follow: the collector relies on them, so any
 * code outside gc/ that moves heads must use this. */
void ouro_gc_list_move(OuroHeap *heap, OuroGCHead *node, OuroGCHead *list);

/* Number of objects in a generation list (0-2, or OURO_GC_PERMANENT). O(n). */
size_t ouro_gc_generation_size(const OuroHeap *heap, int generation);

/* ---- watching allocations (gc/watch.c) -------------------------------------------------- */
/* The allocator calls these when heap->watching is set: they number objects for
 * -X stableids and forward to seams.trace_alloc / trace_free for tracemalloc. */
void ouro_gc_watch_alloc(OuroHeap *heap, void *block, size_t size);
void ouro_gc_watch_free(OuroHeap *heap, void *block);
/* Recomputes heap->watching after a seam or the stable-ids table changed. */
void ouro_gc_watch_update(OuroHeap *heap);
/* -X stableids: from now on every object gets the next number of an allocation counter
 * (starting at 1); ouro_gc_stable_id returns it (0 for objects allocated before). */
int ouro_gc_stable_ids_enable(OuroHeap *heap);
uint64_t ouro_gc_stable_id(const OuroHeap *heap, const void *object);
/* Frees the stable-ids table (ouro_heap_fini, after the last object is gone). */
void ouro_gc_stable_ids_free(OuroHeap *heap);
/* Raw blocks (ouro_gc_raw_alloc) go to tracemalloc only: stable ids number objects. */
void ouro_gc_watch_raw_alloc(OuroHeap *heap, void *block, size_t size);
void ouro_gc_watch_raw_free(OuroHeap *heap, void *block);
/* ouro_gc_realloc: a free then an allocation for tracemalloc; the object keeps its stable
 * id across the move (begin before the resize, end with the new or, on failure, old block). */
void ouro_gc_watch_resize_begin(OuroHeap *heap, void *block);
void ouro_gc_watch_resize_end(OuroHeap *heap, void *block, size_t size);

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

/* True when o could take part in a cycle: a container with a GC head (immortal statics
 * have none), unless it is an OURO_GC_UNTRACK_ATOMIC object already found untracked
 * (CPython's _PyObject_GC_MAY_BE_TRACKED). A container storing o must be tracked when
 * this holds (dicts start untracked and track themselves on such an insert). */
static inline bool ouro_gc_may_be_tracked(OuroObject *o) {
    if (OURO_IS_SMALLINT(o) || o->refcnt >= OURO_IMMORTAL_REFCNT) return false;
    unsigned flags = ouro_gc_hooks(o)->gc_flags;
    if (!(flags & OURO_GC_CONTAINER)) return false;
    return !(flags & OURO_GC_UNTRACK_ATOMIC) || (ouro_gc_head(o)->flags & OURO_GCF_TRACKED);
}

#endif
