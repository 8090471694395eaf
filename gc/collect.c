/* gc/collect.c — the cycle collector: CPython 3.11's gc_collect_main (gc-reference.md §1.3)
 * on the generation lists of gc/gc.h, with PEP 442 finalization and resurrection. It knows
 * no Python: objects are seen through their type's hooks, and everything else (stderr,
 * gc.garbage, weakref callbacks) goes through heap->seams. docs/gc.md explains each phase and the
 * places where the passes are fused for speed without changing what CPython would do.
 * Nothing here recurses on the object graph: the lists are the work queues. */
#include "gc/gc.h"
#include "gc/weakref.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* ---- head bits ------------------------------------------------------------------------ */

static const uintptr_t REFS_ONE = (uintptr_t)1 << OURO_GCF_REFS_SHIFT;
static const uintptr_t LOW_BITS = ((uintptr_t)1 << OURO_GCF_REFS_SHIFT) - 1;
/* What a survivor keeps; its generation bits are set apart and COLLECTING etc. dropped. */
static const uintptr_t SURVIVOR_KEEP = OURO_GCF_TRACKED | OURO_GCF_KEEP;

static inline uintptr_t gen_bits(int gen) { return (uintptr_t)gen << OURO_GCF_GEN_SHIFT; }

/* A member's flags at the start of a deduction: gc_refs = refcount, COLLECTING set. */
static inline uintptr_t start_refs(uintptr_t f, const OuroObject *o) {
    return (f & LOW_BITS & ~(uintptr_t)OURO_GCF_UNREACHABLE) | OURO_GCF_COLLECTING |
           ((uintptr_t)o->refcnt << OURO_GCF_REFS_SHIFT);
}

/* The head of a child that may belong to a collected set, or NULL. Immediates, NULL,
 * non-containers and immortal statics have no head: they are rejected from the object's own
 * first words, never by reading memory before it. */
static inline OuroGCHead *child_head(OuroObject *c) {
    if (((uintptr_t)c & 1u) || !c) return NULL;
    if (!(ouro_gc_hooks(c)->gc_flags & OURO_GC_CONTAINER) || c->refcnt >= OURO_IMMORTAL_REFCNT)
        return NULL;
    return ouro_gc_head(c);
}

/* ---- lists ---------------------------------------------------------------------------- */

static inline void list_init(OuroGCHead *l) { l->next = l->prev = l; }
static inline bool list_empty(const OuroGCHead *l) { return l->next == l; }

static inline void list_unlink(OuroGCHead *n) {
    n->prev->next = n->next;
    n->next->prev = n->prev;
}

static inline void list_append(OuroGCHead *list, OuroGCHead *n) {
    OuroGCHead *last = list->prev;
    n->prev = last;
    n->next = list;
    last->next = n;
    list->prev = n;
}

/* Appends every node of from to to, in O(1); from becomes empty. */
static void list_merge(OuroGCHead *from, OuroGCHead *to) {
    if (list_empty(from)) return;
    OuroGCHead *first = from->next, *last = from->prev, *tail = to->prev;
    tail->next = first;
    first->prev = tail;
    last->next = to;
    to->prev = last;
    list_init(from);
}

static size_t list_size(const OuroGCHead *l) {
    size_t n = 0;
    for (const OuroGCHead *h = l->next; h != l; h = h->next) n++;
    return n;
}

/* The generation a list sentinel belongs to, or -1 for a private list. */
static int list_generation(const OuroHeap *heap, const OuroGCHead *list) {
    for (int i = 0; i < OURO_GC_GENERATIONS; i++)
        if (list == &heap->generations[i].head) return i;
    return list == &heap->permanent.head ? OURO_GC_PERMANENT : -1;
}

void ouro_gc_list_move(OuroHeap *heap, OuroGCHead *node, OuroGCHead *list) {
    list_unlink(node);
    list_append(list, node);
    int gen = list_generation(heap, list);
    if (gen >= 0) node->flags = (node->flags & SURVIVOR_KEEP) | gen_bits(gen);
}

/* ---- DEBUG_TRACE ----------------------------------------------------------------------- */

/* The narration seam (docs/gc-trace.md), or NULL when the collection is not traced: every
 * trace site tests this once, so an untraced collection pays one load per phase. */
typedef void (*TraceFn)(OuroHeap *, OuroGCTraceEvent, int, OuroObject *, OuroObject *, size_t);

static inline TraceFn tracer(const OuroHeap *heap) {
    return (heap->debug & OURO_GC_DEBUG_TRACE) ? heap->seams.trace : NULL;
}

static inline void trace_safe_point(OuroHeap *heap, TraceFn tr, int generation) {
    tr(heap, OURO_GC_TRACE_SAFE_POINT, generation, NULL, NULL, 0);
}

/* A header event with the list's size, then one event per member. */
static void trace_list(OuroHeap *heap, TraceFn tr, OuroGCTraceEvent begin, OuroGCTraceEvent item,
                       int generation, OuroGCHead *list) {
    tr(heap, begin, generation, NULL, NULL, list_size(list));
    for (OuroGCHead *h = list->next; h != list; h = h->next)
        tr(heap, item, generation, ouro_gc_object(h), NULL, 0);
}

/* ---- deduce_unreachable --------------------------------------------------------------- */

/* subtract_refs for the main pass, fused with update_refs: a member's gc_refs is started
 * (refcount, COLLECTING) by whichever comes first, the walk reaching it or a reference to
 * it. Membership is "tracked, in generation <= the collected one", read from the head bits
 * (arg is the highest generation's bits), so one pass over the list does both jobs. */
static int visit_decref_young(OuroObject *c, void *arg) {
    OuroGCHead *h = child_head(c);
    if (!h) return 0;
    uintptr_t f = h->flags;
    if (!(f & OURO_GCF_COLLECTING)) {
        if (!(f & OURO_GCF_TRACKED) || (f & OURO_GCF_GEN_MASK) > (uintptr_t)arg) return 0;
        f = start_refs(f, c);
    }
    h->flags = f - REFS_ONE;
    return 0;
}

static void subtract_refs_young(OuroGCHead *young, int generation) {
    void *limit = (void *)gen_bits(generation);
    for (OuroGCHead *h = young->next; h != young; h = h->next) {
        __builtin_prefetch(h->next->next);
        OuroObject *o = ouro_gc_object(h);
        uintptr_t f = h->flags;
        if (!(f & OURO_GCF_COLLECTING)) h->flags = start_refs(f, o);
        OuroTraverseFn traverse = ouro_gc_hooks(o)->traverse;
        if (traverse) traverse(o, visit_decref_young, limit);
    }
}

/* The classic update_refs + subtract_refs, for the resurrection pass: the set is exactly
 * the list, and membership is the COLLECTING bit. */
static int visit_decref(OuroObject *c, void *arg) {
    (void)arg;
    OuroGCHead *h = child_head(c);
    if (h && (h->flags & OURO_GCF_COLLECTING)) h->flags -= REFS_ONE;
    return 0;
}

static void update_and_subtract_refs(OuroGCHead *list) {
    for (OuroGCHead *h = list->next; h != list; h = h->next)
        h->flags = start_refs(h->flags, ouro_gc_object(h));
    for (OuroGCHead *h = list->next; h != list; h = h->next) {
        OuroObject *o = ouro_gc_object(h);
        OuroTraverseFn traverse = ouro_gc_hooks(o)->traverse;
        if (traverse) traverse(o, visit_decref, NULL);
    }
}

/* move_unreachable's visitor: a member referenced by a reachable object is reachable. One
 * already set aside as tentatively unreachable goes back to the tail of young, where the
 * walk will reach it again; one not yet walked gets gc_refs 1 so the walk keeps it. */
typedef struct Reach {
    OuroGCHead *young;
    unsigned seen;                    /* untrack candidates: what kinds of referents */
} Reach;

enum { SEEN_ATOMIC_TRACKED = 1, SEEN_OTHER_CONTAINER = 2 };

static int visit_reachable(OuroObject *c, void *arg) {
    OuroGCHead *h = child_head(c);
    if (!h) return 0;
    uintptr_t f = h->flags;
    if (!(f & OURO_GCF_COLLECTING)) return 0;   /* outsider, or already walked */
    if (f & OURO_GCF_UNREACHABLE) {
        list_unlink(h);
        list_append(((Reach *)arg)->young, h);
        h->flags = (f & LOW_BITS & ~(uintptr_t)OURO_GCF_UNREACHABLE) | REFS_ONE;
    } else if (f < REFS_ONE) {
        h->flags = f | REFS_ONE;
    }
    return 0;
}

/* The same, also noting whether any referent may be tracked (ouro_gc_may_be_tracked):
 * tuple and dict survivors are untracked in the same walk that proves them reachable. */
static int visit_reachable_noting(OuroObject *c, void *arg) {
    if (!((uintptr_t)c & 1u) && c && c->refcnt < OURO_IMMORTAL_REFCNT) {
        unsigned fl = ouro_gc_hooks(c)->gc_flags;
        if (fl & OURO_GC_CONTAINER) {
            Reach *r = arg;
            if (!(fl & OURO_GC_UNTRACK_ATOMIC)) r->seen |= SEEN_OTHER_CONTAINER;
            else if (ouro_gc_head(c)->flags & OURO_GCF_TRACKED) r->seen |= SEEN_ATOMIC_TRACKED;
        }
    }
    return visit_reachable(c, arg);
}

static inline void untrack_in_walk(OuroGCHead *prev, OuroGCHead *h) {
    prev->next = h->next;
    h->next->prev = prev;
    h->next = h->prev = NULL;
    h->flags &= OURO_GCF_KEEP;
}

/* The walk that settles a survivor (gc_refs > 0): propagate reachability to its referents,
 * then either untrack it (untrack_tuples / untrack_dicts), park it on `deferred` (a dict
 * whose only possibly-tracked referents are tuples, which may still be untracked later in
 * this walk: CPython checks dicts after all tuples), or keep it in young, promoted. */
typedef struct Walk {
    Reach reach;
    uintptr_t survivor_gen;           /* generation bits survivors get */
    unsigned untrack_mask;            /* OURO_GC_UNTRACK_ATOMIC[_FULL] candidates now */
    OuroGCHead *deferred;
} Walk;

typedef enum Fate { KEPT, UNTRACKED, DEFERRED } Fate;

static Fate settle_survivor(Walk *w, OuroGCHead *prev, OuroGCHead *h) {
    OuroObject *o = ouro_gc_object(h);
    const OuroGCHooks *hooks = ouro_gc_hooks(o);
    unsigned cand = hooks->gc_flags & w->untrack_mask;
    if (!cand) {
        if (hooks->traverse) hooks->traverse(o, visit_reachable, &w->reach);
        h->flags = (h->flags & SURVIVOR_KEEP) | w->survivor_gen;
        return KEPT;
    }
    w->reach.seen = 0;
    if (hooks->traverse) hooks->traverse(o, visit_reachable_noting, &w->reach);
    h->flags = (h->flags & SURVIVOR_KEEP) | w->survivor_gen;
    unsigned seen = w->reach.seen;
    if (!seen) {
        untrack_in_walk(prev, h);
        return UNTRACKED;
    }
    if ((cand & OURO_GC_UNTRACK_ATOMIC) || (seen & SEEN_OTHER_CONTAINER)) return KEPT;
    prev->next = h->next;
    h->next->prev = prev;
    list_append(w->deferred, h);
    return DEFERRED;
}

/* CPython's move_unreachable: young is walked front to back and serves as the work queue
 * (objects moved back to its tail are walked later), so no recursion and no extra memory.
 * Returns the number of objects that stay in young or were deferred. */
static size_t move_unreachable(Walk *w, OuroGCHead *unreachable) {
    OuroGCHead *young = w->reach.young, *prev = young, *h = young->next;
    size_t kept = 0;
    while (h != young) {
        __builtin_prefetch(h->next->next);
        uintptr_t f = h->flags;
        if (f >= REFS_ONE) {
            Fate fate = settle_survivor(w, prev, h);
            if (fate == KEPT) prev = h;
            kept += fate != UNTRACKED;
        } else {
            prev->next = h->next;
            h->next->prev = prev;
            list_append(unreachable, h);
            h->flags = f | OURO_GCF_UNREACHABLE;
        }
        h = prev->next;
    }
    return kept;
}

/* Settles the deferred dicts now that every tuple's fate is known; they rejoin young.
 * Returns how many were untracked. */
static int any_may_be_tracked(OuroObject *c, void *arg) {
    (void)arg;
    return c && ouro_gc_may_be_tracked(c);
}

static size_t untrack_deferred(OuroGCHead *deferred, OuroGCHead *young) {
    size_t untracked = 0;
    for (OuroGCHead *h = deferred->next, *next; h != deferred; h = next) {
        next = h->next;
        OuroObject *o = ouro_gc_object(h);
        if (ouro_gc_hooks(o)->traverse(o, any_may_be_tracked, NULL)) continue;
        list_unlink(h);
        h->next = h->prev = NULL;
        h->flags &= OURO_GCF_KEEP;
        untracked++;
    }
    list_merge(deferred, young);
    return untracked;
}

/* ---- after the unreachable set is known ----------------------------------------------- */

static void debug_line(OuroHeap *heap, const char *line) {
    if (heap->seams.write_debug) heap->seams.write_debug(heap, line);
}

/* DEBUG_COLLECTABLE: one line per unreachable object, before any weakref is cleared (the
 * line goes to sys.stderr, which may be Python code). */
static void print_collectable(OuroHeap *heap, OuroGCHead *unreachable) {
    char line[256];
    for (OuroGCHead *h = unreachable->next; h != unreachable; h = h->next) {
        OuroObject *o = ouro_gc_object(h);
        const char *name = heap->seams.type_name ? heap->seams.type_name(o) : "object";
        uint64_t id = ouro_gc_stable_id(heap, o);   /* -X stableids: the number, as %p shows */
        if (id) snprintf(line, sizeof line, "gc: collectable <%s 0x%llx>\n", name,
                           (unsigned long long)id);
        else snprintf(line, sizeof line, "gc: collectable <%s %p>\n", name, (void *)o);
        debug_line(heap, line);
    }
}

/* handle_weakrefs' first pass, for one unreachable object o (CPython 3.11, gc-reference.md
 * §1.3 step 9). A weakref that is itself garbage is cleared, so its callback can never run
 * (bpo-38006). Every weakref to o is cleared; one with a callback is kept to be called
 * unless it is garbage too (COLLECTING: at this point exactly the unreachable set), since
 * then it may legitimately be taken to have died first, and its callback could resurrect
 * garbage. Nothing is called yet: every weakref to garbage is dead before any code runs. */
static bool weakref_is_garbage(OuroWeakRef *wr) {
    return ouro_gc_is_container(&wr->ob) && (ouro_gc_head(&wr->ob)->flags & OURO_GCF_COLLECTING);
}

/* heap is passed only when the collection is traced (the lines are buffered: no code runs). */
static void clear_weakrefs_to_garbage(OuroObject *o, const OuroGCHooks *hooks,
                                      OuroWeakRefPending *calls, OuroHeap *traced) {
    if (hooks->gc_flags & OURO_GC_WEAKREF) {
        OuroWeakRef *self = (OuroWeakRef *)(void *)o;
        if (traced && self->referent)
            tracer(traced)(traced, OURO_GC_TRACE_WEAKREF_CLEARED, -1, o, NULL, 0);
        ouro_gc_weakref_clear(self);
    }
    if (!hooks->weaklist_offset) return;
    OuroWeakRef **list = (OuroWeakRef **)(void *)((char *)o + hooks->weaklist_offset);
    while (*list) {
        OuroWeakRef *wr = *list;
        ouro_gc_weakref_clear(wr);
        bool call = wr->callback && wr->ob.refcnt > 0 && !weakref_is_garbage(wr);
        if (traced && wr->ob.refcnt > 0)   /* n: 1 = callback due, 2 = garbage, never called */
            tracer(traced)(traced, OURO_GC_TRACE_WEAKREF_CLEARED, -1, &wr->ob, o,
                           call ? 1 : wr->callback && weakref_is_garbage(wr) ? 2 : 0);
        if (call) ouro_gc_weakref_pending_add(calls, wr);
    }
}

/* handle_weakrefs' second pass: each kept weakref's callback is called (it is reachable,
 * so it cannot reach garbage), then the extra reference is dropped. A weakref freed by that
 * drop was reachable, so nothing counted it yet: the caller adds the number returned to
 * the collected count (observed: a WeakValueDictionary's KeyedRef adds 1). A survivor moves
 * to `old`, as CPython, whose first pass had moved it to a private list. */
static size_t call_weakref_callbacks(OuroHeap *heap, OuroWeakRefPending *calls,
                                     OuroGCHead *old) {
    size_t freed = 0;
    void (*call)(OuroHeap *, OuroWeakRef *, OuroObject *) = heap->seams.call_weakref_callback;
    for (OuroWeakRef *wr = calls->first, *next; wr; wr = next) {
        next = wr->wr_next;
        wr->wr_next = NULL;
        if (call && wr->callback) {
            TraceFn tr = tracer(heap);
            if (tr) {
                tr(heap, OURO_GC_TRACE_CALLBACK, -1, &wr->ob, NULL, 0);
                trace_safe_point(heap, tr, -1);
            }
            call(heap, wr, wr->callback);
        }
        OuroObject *o = &wr->ob;
        if (o->refcnt == 1) freed++;
        else if (ouro_gc_is_tracked(o)) ouro_gc_list_move(heap, ouro_gc_head(o), old);
        ouro_gc_decref(heap, o);
    }
    calls->first = calls->last = NULL;
    return freed;
}

/* Clears the UNREACHABLE marks (the list is an ordinary list again), counts the set, runs
 * handle_weakrefs' first pass, and says whether any object in it still has a finalizer to
 * run: when none has (and no weakref callback is due), no Python code can run before the
 * clears, nothing can be resurrected, and the finalize and resurrection passes are skipped
 * (same result). With no weakrefs in play the weakref part costs one test of the hooks
 * already loaded. */
static bool finish_unreachable(OuroHeap *heap, OuroGCHead *unreachable, bool print,
                               size_t *count, OuroWeakRefPending *calls) {
    if (print) print_collectable(heap, unreachable);
    bool finalizers = false;
    size_t n = 0;
    for (OuroGCHead *h = unreachable->next; h != unreachable; h = h->next) {
        n++;
        uintptr_t f = h->flags & ~(uintptr_t)OURO_GCF_UNREACHABLE;
        h->flags = f;
        OuroObject *o = ouro_gc_object(h);
        const OuroGCHooks *hooks = ouro_gc_hooks(o);
        if (!(f & OURO_GCF_FINALIZED) && hooks->finalize) finalizers = true;
        if (hooks->weaklist_offset | (hooks->gc_flags & OURO_GC_WEAKREF))
            clear_weakrefs_to_garbage(o, hooks, calls, tracer(heap) ? heap : NULL);
    }
    *count = n;
    return finalizers;
}

/* PEP 442: every unreachable object's finalizer runs once, with the object intact. Always
 * taking the first object and moving it aside keeps the walk safe whatever a finalizer
 * frees, untracks or creates (bpo-21435). */
static void finalize_garbage(OuroHeap *heap, OuroGCHead *unreachable) {
    OuroGCHead seen;
    list_init(&seen);
    while (!list_empty(unreachable)) {
        OuroGCHead *h = unreachable->next;
        list_unlink(h);
        list_append(&seen, h);
        OuroObject *o = ouro_gc_object(h);
        OuroFinalizeFn finalize = ouro_gc_hooks(o)->finalize;
        if (!finalize || (h->flags & OURO_GCF_FINALIZED)) continue;
        h->flags |= OURO_GCF_FINALIZED;
        TraceFn tr = tracer(heap);
        if (tr) {
            tr(heap, OURO_GC_TRACE_FINALIZE, -1, o, NULL, 0);
            trace_safe_point(heap, tr, -1);
        }
        ouro_gc_incref(o);
        finalize(heap, o);
        ouro_gc_decref(heap, o);
    }
    list_merge(&seen, unreachable);
}

/* A finalizer may have stored a reference to garbage somewhere live: the deduction is run
 * again on the unreachable set alone, and whatever is now referenced from outside it, plus
 * everything that reaches, survives into `old` (CPython 3.9+). The rest goes to `still`. */
static void handle_resurrected(OuroHeap *heap, OuroGCHead *unreachable, OuroGCHead *still,
                               OuroGCHead *old, int old_gen) {
    update_and_subtract_refs(unreachable);
    Walk w = {.reach = {unreachable, 0}, .survivor_gen = gen_bits(old_gen)};
    move_unreachable(&w, still);
    for (OuroGCHead *h = still->next; h != still; h = h->next)
        h->flags &= ~(uintptr_t)OURO_GCF_UNREACHABLE;
    TraceFn tr = tracer(heap);
    if (tr)
        trace_list(heap, tr, OURO_GC_TRACE_RESURRECTED_BEGIN, OURO_GC_TRACE_RESURRECTED, old_gen,
                   unreachable);
    list_merge(unreachable, old);
}

/* Breaks the cycles: clear each object (or hand it to gc.garbage under DEBUG_SAVEALL) and
 * let refcounting free what falls. An object still at the head afterwards is alive (another
 * object's clear may free it later) and moves to `old`. */
static void delete_garbage(OuroHeap *heap, OuroGCHead *garbage, OuroGCHead *old, int old_gen) {
    while (!list_empty(garbage)) {
        OuroGCHead *h = garbage->next;
        OuroObject *o = ouro_gc_object(h);
        bool saved = (heap->debug & OURO_GC_DEBUG_SAVEALL) && heap->seams.save_garbage &&
                     heap->seams.save_garbage(heap, o);
        OuroClearFn clear = ouro_gc_hooks(o)->clear;
        if (!saved && clear) {
            ouro_gc_incref(o);
            clear(heap, o);
            ouro_gc_decref(heap, o);
        }
        if (garbage->next == h) {
            list_unlink(h);
            list_append(old, h);
            h->flags = (h->flags & SURVIVOR_KEEP) | gen_bits(old_gen);
        }
    }
}

/* delete_garbage under DEBUG_TRACE: the same steps, narrated, and after each clear the
 * objects it freed are named. They are found as the members of a snapshot no longer in the
 * list (dead addresses are compared, never read); the snapshot is skipped for big sets,
 * whose lines the VM caps anyway. */
enum { TRACE_FREED_MAX = 512 };

static int compare_ptr(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
    return x < y ? -1 : x > y;
}

typedef struct Snapshot {
    OuroObject **objs, **now;         /* the set in list order; the list now, sorted */
    size_t n;
} Snapshot;

static void snapshot_take(Snapshot *s, OuroGCHead *list) {
    size_t n = list_size(list);
    s->n = 0;
    s->objs = n && n <= TRACE_FREED_MAX ? malloc(2 * n * sizeof *s->objs) : NULL;
    if (!s->objs) return;
    s->now = s->objs + n;
    for (OuroGCHead *h = list->next; h != list; h = h->next) s->objs[s->n++] = ouro_gc_object(h);
}

/* Reports (and forgets) the members of s that left the list. */
static void snapshot_report_freed(OuroHeap *heap, TraceFn tr, Snapshot *s, OuroGCHead *list,
                                  int generation) {
    if (!s->objs) return;
    size_t m = 0;
    for (OuroGCHead *h = list->next; h != list && m < s->n; h = h->next)
        s->now[m++] = ouro_gc_object(h);
    qsort(s->now, m, sizeof *s->now, compare_ptr);
    for (size_t i = 0; i < s->n; i++) {
        if (!s->objs[i] || bsearch(&s->objs[i], s->now, m, sizeof *s->now, compare_ptr)) continue;
        tr(heap, OURO_GC_TRACE_FREED, generation, s->objs[i], NULL, 0);
        s->objs[i] = NULL;
    }
}

static void snapshot_forget(Snapshot *s, OuroObject *o) {
    for (size_t i = 0; s->objs && i < s->n; i++)
        if (s->objs[i] == o) s->objs[i] = NULL;
}

static void delete_garbage_traced(OuroHeap *heap, TraceFn tr, OuroGCHead *garbage,
                                  OuroGCHead *old, int old_gen) {
    Snapshot snap;
    snapshot_take(&snap, garbage);
    tr(heap, OURO_GC_TRACE_GARBAGE_BEGIN, old_gen, NULL, NULL, list_size(garbage));
    while (!list_empty(garbage)) {
        OuroGCHead *h = garbage->next;
        OuroObject *o = ouro_gc_object(h);
        bool saved = (heap->debug & OURO_GC_DEBUG_SAVEALL) && heap->seams.save_garbage &&
                     heap->seams.save_garbage(heap, o);
        tr(heap, OURO_GC_TRACE_CLEAR, old_gen, o, NULL, saved);
        trace_safe_point(heap, tr, old_gen);
        OuroClearFn clear = ouro_gc_hooks(o)->clear;
        if (!saved && clear) {
            ouro_gc_incref(o);
            clear(heap, o);
            ouro_gc_decref(heap, o);
        }
        snapshot_report_freed(heap, tr, &snap, garbage, old_gen);
        if (garbage->next == h) {
            tr(heap, OURO_GC_TRACE_SURVIVED, old_gen, o, NULL, 0);
            snapshot_forget(&snap, o);
            list_unlink(h);
            list_append(old, h);
            h->flags = (h->flags & SURVIVOR_KEEP) | gen_bits(old_gen);
        }
    }
    free(snap.objs);
}

/* ---- gc_collect_main ------------------------------------------------------------------ */

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void debug_header(OuroHeap *heap, int generation) {
    char line[160];
    snprintf(line, sizeof line, "gc: collecting generation %d...\n", generation);
    debug_line(heap, line);
    snprintf(line, sizeof line, "gc: objects in each generation: %zu %zu %zu\n",
             ouro_gc_generation_size(heap, 0), ouro_gc_generation_size(heap, 1),
             ouro_gc_generation_size(heap, 2));
    debug_line(heap, line);
    snprintf(line, sizeof line, "gc: objects in permanent generation: %zu\n",
             ouro_gc_generation_size(heap, OURO_GC_PERMANENT));
    debug_line(heap, line);
}

/* Steps 2-6: counters, merge, deduce_unreachable, untrack_tuples/dicts, promotion. */
static void deduce_and_promote(OuroHeap *heap, int generation, OuroGCHead *unreachable) {
    int last = OURO_GC_GENERATIONS - 1;
    if (generation < last) heap->generations[generation + 1].count++;
    for (int i = 0; i <= generation; i++) heap->generations[i].count = 0;
    OuroGCHead *young = &heap->generations[generation].head;
    for (int i = 0; i < generation; i++) list_merge(&heap->generations[i].head, young);

    subtract_refs_young(young, generation);
    TraceFn tr = tracer(heap);
    if (tr) {
        /* Nothing may run here: the VM only buffers these lines. */
        tr(heap, OURO_GC_TRACE_BEGIN, generation, NULL, NULL, list_size(young));
        for (OuroGCHead *h = young->next; h != young; h = h->next)
            tr(heap, OURO_GC_TRACE_EXAMINED, generation, ouro_gc_object(h), NULL,
               (size_t)(h->flags >> OURO_GCF_REFS_SHIFT));
    }
    OuroGCHead deferred;
    list_init(&deferred);
    int old_gen = generation < last ? generation + 1 : last;
    Walk w = {.reach = {young, 0}, .survivor_gen = gen_bits(old_gen),
              .untrack_mask = OURO_GC_UNTRACK_ATOMIC, .deferred = NULL};
    if (generation == last) {
        w.untrack_mask |= OURO_GC_UNTRACK_ATOMIC_FULL;
        w.deferred = &deferred;
    }
    size_t survivors = move_unreachable(&w, unreachable);
    survivors -= untrack_deferred(&deferred, young);

    if (generation < last) {
        if (generation == last - 1) heap->long_lived_pending += survivors;
        list_merge(young, &heap->generations[generation + 1].head);
    } else {
        heap->long_lived_pending = 0;
        heap->long_lived_total = survivors;
    }
}

size_t ouro_gc_collect(OuroHeap *heap, int generation, OuroGCResult *result) {
    OuroGCResult res = {0, 0};
    if (heap->collecting || generation < 0 || generation >= OURO_GC_GENERATIONS) {
        if (result) *result = res;
        return 0;
    }
    heap->collecting = true;
    double t0 = 0;
    if (heap->debug & OURO_GC_DEBUG_STATS) {
        debug_header(heap, generation);
        t0 = now_seconds();
    }
    int last = OURO_GC_GENERATIONS - 1, old_gen = generation < last ? generation + 1 : last;
    OuroGCHead *old = &heap->generations[old_gen].head;

    OuroGCHead unreachable, final_unreachable;
    list_init(&unreachable);
    list_init(&final_unreachable);
    deduce_and_promote(heap, generation, &unreachable);
    TraceFn tr = tracer(heap);
    if (tr) {
        trace_list(heap, tr, OURO_GC_TRACE_UNREACHABLE_BEGIN, OURO_GC_TRACE_UNREACHABLE,
                   generation, &unreachable);
        trace_safe_point(heap, tr, generation);
    }
    size_t found;
    OuroWeakRefPending calls = {NULL, NULL};
    bool run_code = finish_unreachable(heap, &unreachable,
                                       (heap->debug & OURO_GC_DEBUG_COLLECTABLE) != 0, &found,
                                       &calls);
    /* Weakref callbacks run before any finalizer (3.11's order, bpo-40312). */
    if (calls.first) {
        res.collected += call_weakref_callbacks(heap, &calls, old);
        run_code = true;
    }
    if (run_code) {
        finalize_garbage(heap, &unreachable);
        handle_resurrected(heap, &unreachable, &final_unreachable, old, old_gen);
        res.collected += list_size(&final_unreachable);
    } else {
        list_merge(&unreachable, &final_unreachable);
        res.collected += found;
    }
    if ((tr = tracer(heap))) {
        delete_garbage_traced(heap, tr, &final_unreachable, old, old_gen);
        tr(heap, OURO_GC_TRACE_END, generation, NULL, NULL, res.collected + res.uncollectable);
        trace_safe_point(heap, tr, generation);
    } else {
        delete_garbage(heap, &final_unreachable, old, old_gen);
    }

    if (heap->debug & OURO_GC_DEBUG_STATS) {
        char line[160];
        snprintf(line, sizeof line, "gc: done, %zu unreachable, %zu uncollectable, %.4fs elapsed\n",
                 res.collected + res.uncollectable, res.uncollectable, now_seconds() - t0);
        debug_line(heap, line);
    }
    OuroGCStats *st = &heap->stats[generation];
    st->collections++;
    st->collected += res.collected;
    st->uncollectable += res.uncollectable;
    heap->collecting = false;
    if (result) *result = res;
    return res.collected + res.uncollectable;
}
