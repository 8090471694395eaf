/* Unit tests of weak references as the memory manager sees them (gc/weakref.c and the
 * collector's handle_weakrefs in gc/collect.c), on synthetic graphs: a weakrefable node
 * type with a weaklist slot, a weakref type with OURO_GC_WEAKREF, and a callback seam that
 * records what each callback saw. No VM is involved; every test ends with an empty heap. */
#include <criterion/criterion.h>

#include <stddef.h>

#include "gc/gc.h"
#include "gc/weakref.h"

enum { SLOTS = 4 };

typedef struct Node {
    OuroObject ob;
    OuroObject *slot[SLOTS];
    OuroWeakRef *weaklist;
    int id;
} Node;

static OuroHeap heap;
static int deallocs, finalized, cleared;
static void (*on_finalize)(Node *self);
static OuroObject *keeper;             /* a "global" code may resurrect into */

/* ---- types ---------------------------------------------------------------------------- */

static int node_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    Node *n = (Node *)self;
    for (int i = 0; i < SLOTS; i++) {
        if (n->slot[i]) {
            int r = visit(n->slot[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

static void drop_slots(OuroHeap *h, Node *n) {
    for (int i = 0; i < SLOTS; i++) {
        OuroObject *v = n->slot[i];
        n->slot[i] = NULL;
        if (v) ouro_gc_decref(h, v);
    }
}

static void node_clear(OuroHeap *h, OuroObject *self) {
    cleared++;
    drop_slots(h, (Node *)self);
}

/* As a VM type's dealloc: untrack, clear the weakrefs (callbacks run with the object's
 * count at 0), then tear down. (The refcount path's __del__ is the VM's business.) */
static void node_dealloc(OuroHeap *h, OuroObject *self) {
    deallocs++;
    if (ouro_gc_is_container(self)) ouro_gc_untrack(h, self);
    if (ouro_gc_hooks(self)->weaklist_offset) ouro_gc_clear_weakrefs(h, self);
    drop_slots(h, (Node *)self);
    ouro_gc_free(h, self);
}

static void node_finalize(OuroHeap *h, OuroObject *self) {
    (void)h;
    finalized++;
    if (on_finalize) on_finalize((Node *)self);
}

static OuroTypeHead wnode_type = {   /* weakrefable container */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(Node, weaklist)},
};
static OuroTypeHead wfin_type = {    /* the same, with a finalizer (__del__) */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .finalize = node_finalize, .gc_flags = OURO_GC_CONTAINER,
              .weaklist_offset = offsetof(Node, weaklist)},
};
static OuroTypeHead node_type = {    /* not weakrefable */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
};
static OuroTypeHead leaf_type = {    /* a scalar (no GC head): used as callbacks */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.dealloc = node_dealloc},
};

/* The weakref type: a container that holds its callback (CPython's weakref tp_traverse
 * visits only the callback; tp_clear clears the ref and drops the callback). */
static int wr_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroWeakRef *wr = (OuroWeakRef *)self;
    return wr->callback ? visit(wr->callback, arg) : 0;
}

static void wr_drop_callback(OuroHeap *h, OuroWeakRef *wr) {
    OuroObject *cb = wr->callback;
    wr->callback = NULL;
    if (cb) ouro_gc_decref(h, cb);
}

static void wr_clear(OuroHeap *h, OuroObject *self) {
    cleared++;
    ouro_gc_weakref_clear((OuroWeakRef *)self);
    wr_drop_callback(h, (OuroWeakRef *)self);
}

static int wr_deallocs;
static void unwatch(OuroWeakRef *wr);
static void wr_dealloc(OuroHeap *h, OuroObject *self) {
    wr_deallocs++;
    unwatch((OuroWeakRef *)self);
    ouro_gc_untrack(h, self);
    ouro_gc_weakref_clear((OuroWeakRef *)self);
    wr_drop_callback(h, (OuroWeakRef *)self);
    ouro_gc_free(h, self);
}

static OuroTypeHead wr_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = wr_traverse, .clear = wr_clear, .dealloc = wr_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_WEAKREF},
};

/* ---- the callback seam: a log of what each call saw ----------------------------------- */

enum { MAX_CALLS = 16, MAX_WATCH = 8 };

typedef struct Call {
    OuroWeakRef *wr;
    int cb_id;                        /* the callback leaf's id */
    int finalized_at, cleared_at;     /* counters when it ran */
    bool all_watched_cleared;         /* every watched weakref was dead already */
    bool callback_in_wr;              /* wr->callback was the callback (collector path) */
    int watched_with_callback;        /* watched weakrefs still holding a callback */
} Call;

static Call calls[MAX_CALLS];
static int ncalls;
static OuroWeakRef *watch[MAX_WATCH];  /* weakrefs that must all be dead in any callback */
static int nwatch;
static void (*on_callback)(OuroWeakRef *wr);

/* A freed weakref leaves the watch list (tests then drop what is left, in order). */
static void unwatch(OuroWeakRef *wr) {
    for (int i = 0; i < nwatch; i++) {
        if (watch[i] != wr) continue;
        for (int j = i + 1; j < nwatch; j++) watch[j - 1] = watch[j];
        nwatch--;
        return;
    }
}

static void record_callback(OuroHeap *h, OuroWeakRef *wr, OuroObject *callback) {
    cr_assert_eq(h, &heap);
    cr_assert_lt(ncalls, MAX_CALLS);
    cr_assert_null(wr->referent, "the weakref is dead when its callback runs");
    cr_assert_not_null(callback);
    cr_assert_gt(wr->ob.refcnt, 0);
    cr_assert_gt(callback->refcnt, 0);
    Call *c = &calls[ncalls++];
    c->wr = wr;
    c->cb_id = ((Node *)callback)->id;
    c->finalized_at = finalized;
    c->cleared_at = cleared;
    c->callback_in_wr = wr->callback == callback;
    c->all_watched_cleared = true;
    c->watched_with_callback = 0;
    for (int i = 0; i < nwatch; i++) {
        if (watch[i]->referent) c->all_watched_cleared = false;
        if (watch[i]->callback) c->watched_with_callback++;
    }
    if (on_callback) on_callback(wr);
}

static void setup(void) {
    ouro_heap_init(&heap);
    heap.seams.call_weakref_callback = record_callback;
    deallocs = finalized = cleared = wr_deallocs = ncalls = nwatch = 0;
    on_finalize = NULL;
    on_callback = NULL;
    keeper = NULL;
}

static void teardown(void) {
    cr_assert_eq(ouro_heap_fini(&heap), 0, "objects leaked");
}

TestSuite(weakref, .init = setup, .fini = teardown);

/* ---- helpers -------------------------------------------------------------------------- */

static Node *make(OuroTypeHead *type, int id) {
    Node *n = (Node *)ouro_gc_alloc(&heap, (OuroType *)type, sizeof(Node));
    cr_assert_not_null(n);
    n->id = id;
    if (type != &leaf_type) ouro_gc_track(&heap, &n->ob);
    return n;
}

/* A callback object: a leaf whose id names it in the log. */
static OuroObject *cb(int id) { return &make(&leaf_type, id)->ob; }

/* A new weakref to referent; callback is stolen (may be NULL). Linked at the head, or
 * right after `after`, as the VM decides. */
static OuroWeakRef *new_ref(Node *referent, OuroObject *callback, OuroWeakRef *after) {
    OuroWeakRef *wr = (OuroWeakRef *)ouro_gc_alloc(&heap, (OuroType *)&wr_type, sizeof *wr);
    cr_assert_not_null(wr);
    wr->referent = &referent->ob;
    wr->callback = callback;
    wr->hash = -1;
    ouro_gc_weakref_link(wr, after);
    ouro_gc_track(&heap, &wr->ob);
    if (nwatch < MAX_WATCH) watch[nwatch++] = wr;
    return wr;
}

/* a.slot[i] = b, taking a new reference. */
static void link(Node *a, int i, OuroObject *b) {
    ouro_gc_incref(b);
    a->slot[i] = b;
}

static void drop(OuroObject *o) { ouro_gc_decref(&heap, o); }
static void drop_wr(OuroWeakRef *wr) { drop(&wr->ob); }

static size_t collect(int gen) { return ouro_gc_collect(&heap, gen, NULL); }

/* Checks o's list against the expected order, both directions. */
static void assert_list(Node *o, OuroWeakRef **expected, size_t n) {
    OuroWeakRef *prev = NULL, *wr = o->weaklist;
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(wr, expected[i], "position %zu", i);
        cr_assert_eq(wr->wr_prev, prev, "prev link at %zu", i);
        cr_assert_eq(wr->referent, &o->ob);
        prev = wr;
        wr = wr->wr_next;
    }
    cr_assert_null(wr, "list longer than expected");
    cr_assert_eq(ouro_gc_weakref_count(&o->ob), n);
}

/* ---- the list ------------------------------------------------------------------------- */

Test(weakref, head_insertion_puts_the_newest_first) {
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *r1 = new_ref(a, NULL, NULL), *r2 = new_ref(a, NULL, NULL);
    OuroWeakRef *r3 = new_ref(a, NULL, NULL);
    assert_list(a, (OuroWeakRef *[]){r3, r2, r1}, 3);
    drop_wr(r1);
    drop_wr(r2);
    drop_wr(r3);
    drop(&a->ob);
}

Test(weakref, insertion_after_the_shared_refs_puts_callback_refs_newest_first) {
    /* CPython: the callback-less ref sits at the head; every callback ref goes right after
     * it, so among callback refs the newest comes first. */
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *basic = new_ref(a, NULL, NULL);
    OuroWeakRef *c1 = new_ref(a, cb(1), basic), *c2 = new_ref(a, cb(2), basic);
    OuroWeakRef *c3 = new_ref(a, cb(3), basic);
    assert_list(a, (OuroWeakRef *[]){basic, c3, c2, c1}, 4);
    /* Insertion after the last element links it at the tail. */
    OuroWeakRef *tail = new_ref(a, NULL, c1);
    assert_list(a, (OuroWeakRef *[]){basic, c3, c2, c1, tail}, 5);
    drop_wr(tail);
    drop_wr(c1);
    drop_wr(c2);
    drop_wr(c3);
    drop_wr(basic);
    drop(&a->ob);
    cr_assert_eq(ncalls, 0, "weakrefs dead before their referent never call back");
}

Test(weakref, weakrefs_dying_before_their_referent_unlink_themselves) {
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *r1 = new_ref(a, cb(1), NULL), *r2 = new_ref(a, cb(2), NULL);
    OuroWeakRef *r3 = new_ref(a, cb(3), NULL), *r4 = new_ref(a, cb(4), NULL);
    drop_wr(r3);   /* middle */
    assert_list(a, (OuroWeakRef *[]){r4, r2, r1}, 3);
    drop_wr(r4);   /* head */
    assert_list(a, (OuroWeakRef *[]){r2, r1}, 2);
    drop_wr(r1);   /* tail */
    assert_list(a, (OuroWeakRef *[]){r2}, 1);
    drop_wr(r2);   /* the only one */
    cr_assert_null(a->weaklist);
    cr_assert_eq(ouro_gc_weakref_count(&a->ob), 0);
    cr_assert_eq(wr_deallocs, 4);
    drop(&a->ob);
    cr_assert_eq(ncalls, 0);
}

Test(weakref, clear_is_idempotent_and_keeps_the_callback) {
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *r = new_ref(a, cb(1), NULL);
    ouro_gc_weakref_clear(r);
    cr_assert_null(r->referent);
    cr_assert_null(a->weaklist);
    cr_assert_not_null(r->callback);
    ouro_gc_weakref_clear(r);
    cr_assert_null(r->wr_prev);
    cr_assert_null(r->wr_next);
    drop(&a->ob);
    cr_assert_eq(ncalls, 0, "a cleared weakref is no longer in the list");
    drop_wr(r);
}

Test(weakref, counts) {
    Node *a = make(&wnode_type, 1), *plain = make(&node_type, 2);
    Node *leaf = make(&leaf_type, 3);
    cr_assert_eq(ouro_gc_weakref_count(&a->ob), 0);
    cr_assert_eq(ouro_gc_weakref_count(&plain->ob), 0, "not weakrefable");
    cr_assert_eq(ouro_gc_weakref_count(&leaf->ob), 0, "not weakrefable");
    cr_assert_eq(ouro_gc_weakref_count(ouro_smallint(7)), 0, "an immediate");
    cr_assert_null(ouro_gc_weaklist(ouro_smallint(7)));
    cr_assert_null(ouro_gc_weaklist(&plain->ob));
    cr_assert_eq(ouro_gc_weaklist(&a->ob), &a->weaklist);
    cr_assert(ouro_gc_is_weakref(&new_ref(a, NULL, NULL)->ob));
    cr_assert_not(ouro_gc_is_weakref(&a->ob));
    cr_assert_not(ouro_gc_is_weakref(ouro_smallint(1)));
    OuroWeakRef *r2 = new_ref(a, cb(1), NULL);
    cr_assert_eq(ouro_gc_weakref_count(&a->ob), 2);
    ouro_gc_clear_weakrefs(&heap, &plain->ob);   /* not weakrefable: a no-op */
    ouro_gc_clear_weakrefs(&heap, &leaf->ob);
    drop_wr(watch[0]);
    drop_wr(r2);
    drop(&a->ob);
    drop(&plain->ob);
    drop(&leaf->ob);
}

/* ---- refcount death (ouro_gc_clear_weakrefs) ------------------------------------------ */

Test(weakref, refcount_death_clears_all_then_calls_newest_first) {
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *basic = new_ref(a, NULL, NULL);
    OuroWeakRef *r1 = new_ref(a, cb(1), basic), *r2 = new_ref(a, cb(2), basic);
    OuroWeakRef *r3 = new_ref(a, cb(3), basic);
    drop(&a->ob);
    cr_assert_eq(ncalls, 3);
    int order[] = {3, 2, 1};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(calls[i].cb_id, order[i], "call %d", i);
        cr_assert(calls[i].all_watched_cleared, "every weakref is dead before any callback");
        cr_assert_not(calls[i].callback_in_wr, "moved out: __callback__ is None inside");
        cr_assert_eq(calls[i].watched_with_callback, 0, "all moved out before any call");
    }
    cr_assert_eq(calls[0].wr, r3);
    for (int i = 0; i < nwatch; i++) {
        cr_assert_null(watch[i]->referent);
        cr_assert_null(watch[i]->callback, "after a refcount death no callback is held");
        cr_assert_eq(watch[i]->ob.refcnt, 1, "the extra references are dropped");
    }
    cr_assert_eq(deallocs, 4, "a, and the callbacks were released");
    drop_wr(basic);
    drop_wr(r1);
    drop_wr(r2);
    drop_wr(r3);
}

/* A callback that drops the last outside reference to every weakref in `holder`. */
static Node *holder;
static void drop_holder_slots(OuroWeakRef *wr) {
    (void)wr;
    drop_slots(&heap, holder);
}

Test(weakref, refcount_callbacks_may_free_weakrefs_still_to_be_called) {
    Node *a = make(&wnode_type, 1);
    holder = make(&node_type, 9);
    OuroWeakRef *r1 = new_ref(a, cb(1), NULL), *r2 = new_ref(a, cb(2), NULL);
    link(holder, 0, &r1->ob);
    link(holder, 1, &r2->ob);
    drop_wr(r1);
    drop_wr(r2);
    on_callback = drop_holder_slots;
    drop(&a->ob);
    cr_assert_eq(ncalls, 2);
    cr_assert_eq(calls[0].cb_id, 2);
    cr_assert_eq(calls[1].cb_id, 1, "still called although its last outside ref went");
    cr_assert_eq(wr_deallocs, 2);
    drop(&holder->ob);
}

/* A callback that makes a weakref to the object in keeper and then kills that object. */
static void make_and_kill(OuroWeakRef *wr) {
    (void)wr;
    if (!keeper) return;
    Node *b = (Node *)keeper;
    keeper = NULL;
    new_ref(b, cb(7), NULL);
    drop(&b->ob);
}

Test(weakref, refcount_callback_may_make_new_weakrefs_and_kill_other_referents) {
    /* Callbacks run arbitrary code: here the first one makes a weakref to b and drops b,
     * which clears b's weakrefs (a nested clear) while a's are still pending. */
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    new_ref(a, cb(1), NULL);
    new_ref(a, cb(2), NULL);
    keeper = &b->ob;
    on_callback = make_and_kill;
    drop(&a->ob);
    cr_assert_eq(ncalls, 3);
    cr_assert_eq(calls[0].cb_id, 2);
    cr_assert_eq(calls[1].cb_id, 7, "b's callback runs inside a's first");
    cr_assert_eq(calls[2].cb_id, 1);
    cr_assert_null(keeper);
    while (nwatch > 0) drop_wr(watch[0]);   /* each is freed: unwatched */
}

Test(weakref, refcount_death_skips_weakrefs_whose_dealloc_is_queued) {
    /* A weakref whose count reached 0 inside a deep release is queued (gc/refcount.c) but
     * still linked; the referent dying before the queue drains must not revive it. */
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *dying = new_ref(a, cb(1), NULL), *live = new_ref(a, cb(2), NULL);
    heap.dealloc_depth = 1000;
    drop_wr(dying);
    cr_assert_eq(heap.dealloc_len, 1);
    cr_assert_eq(dying->ob.refcnt, 0);
    heap.dealloc_depth = 0;
    a->ob.refcnt = 0;                            /* a dies by hand: its dealloc's steps */
    ouro_gc_clear_weakrefs(&heap, &a->ob);
    cr_assert_eq(ncalls, 1);
    cr_assert_eq(calls[0].wr, live);
    cr_assert_not(calls[0].callback_in_wr);
    /* Releasing live's callback at depth 0 drained the queue: the dying weakref is gone,
     * with its callback, by its own dealloc. */
    cr_assert_eq(heap.dealloc_len, 0);
    cr_assert_eq(wr_deallocs, 1);
    cr_assert_null(a->weaklist);
    node_dealloc(&heap, &a->ob);
    drop_wr(live);
}

Test(weakref, refcount_death_without_a_seam_still_clears_and_releases) {
    heap.seams.call_weakref_callback = NULL;
    Node *a = make(&wnode_type, 1);
    OuroWeakRef *r = new_ref(a, cb(1), NULL);
    drop(&a->ob);
    cr_assert_null(r->referent);
    cr_assert_null(r->callback);
    cr_assert_eq(r->ob.refcnt, 1);
    drop_wr(r);
}

/* ---- the collector (handle_weakrefs) ---------------------------------------------------- */

/* Makes the cycle a <-> b and drops the outside references. */
static void cycle(Node *a, Node *b) {
    link(a, 0, &b->ob);
    link(b, 0, &a->ob);
    drop(&a->ob);
    drop(&b->ob);
}

Test(weakref, gc_callback_of_a_reachable_weakref_runs_before_finalizers) {
    Node *a = make(&wfin_type, 1), *b = make(&wfin_type, 2);
    OuroWeakRef *basic = new_ref(a, NULL, NULL);
    OuroWeakRef *r = new_ref(a, cb(1), basic), *rb = new_ref(b, cb(2), NULL);
    for (int i = 0; i < nwatch; i++)   /* the weakrefs are old, a and b young */
        ouro_gc_list_move(&heap, ouro_gc_head(&watch[i]->ob), &heap.generations[2].head);
    cycle(a, b);
    cr_assert_eq(collect(0), 2);
    cr_assert_eq(ncalls, 2);
    cr_assert_eq(calls[0].cb_id, 1, "objects in unreachable-list order");
    cr_assert_eq(calls[1].cb_id, 2);
    for (int i = 0; i < 2; i++) {
        cr_assert(calls[i].all_watched_cleared, "all weakrefs to garbage die before any call");
        cr_assert_eq(calls[i].finalized_at, 0, "callbacks run before any finalizer");
        cr_assert_eq(calls[i].cleared_at, 0);
        cr_assert(calls[i].callback_in_wr, "the collector leaves the callback in the weakref");
    }
    cr_assert_eq(finalized, 2);
    cr_assert_null(basic->referent);
    cr_assert_eq(r->callback, calls[0].wr->callback, "the collector keeps the callback");
    cr_assert_eq(r->ob.refcnt, 1);
    /* A surviving weakref moves to the collected generation's older one, as CPython. */
    cr_assert_eq((ouro_gc_head(&r->ob)->flags & OURO_GCF_GEN_MASK) >> OURO_GCF_GEN_SHIFT, 1);
    cr_assert_eq(ouro_gc_generation_size(&heap, 1), 2);
    drop_wr(basic);
    drop_wr(r);
    drop_wr(rb);
}

Test(weakref, gc_callbacks_are_newest_first_per_object) {
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    new_ref(a, cb(1), NULL);
    new_ref(a, cb(2), NULL);
    new_ref(a, cb(3), NULL);
    cycle(a, b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(ncalls, 3);
    cr_assert_eq(calls[0].cb_id, 3);
    cr_assert_eq(calls[1].cb_id, 2);
    cr_assert_eq(calls[2].cb_id, 1);
    while (nwatch > 0) drop_wr(watch[0]);   /* each is freed: unwatched */
}

Test(weakref, gc_callback_of_a_weakref_that_is_garbage_never_runs) {
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    OuroWeakRef *inner = new_ref(a, cb(1), NULL);
    link(b, 1, &inner->ob);            /* the weakref is part of the garbage */
    drop_wr(inner);
    OuroWeakRef *outer = new_ref(b, cb(2), NULL);
    cycle(a, b);
    cr_assert_eq(collect(2), 3, "a, b and the inner weakref");
    cr_assert_eq(ncalls, 1);
    cr_assert_eq(calls[0].cb_id, 2);
    cr_assert_eq(wr_deallocs, 1);
    drop_wr(outer);
}

Test(weakref, gc_garbage_weakref_to_a_live_object_is_cleared_silently) {
    /* bpo-38006: a weakref inside the garbage is cleared before anything runs, so its
     * callback cannot fire later, when its referent dies by other means. */
    Node *live = make(&wnode_type, 1), *a = make(&wnode_type, 2), *b = make(&wnode_type, 3);
    OuroWeakRef *inner = new_ref(live, cb(1), NULL);
    OuroWeakRef *kept = new_ref(live, cb(2), NULL);
    link(a, 1, &inner->ob);
    drop_wr(inner);
    cycle(a, b);
    cr_assert_eq(collect(2), 3);
    cr_assert_eq(ncalls, 0);
    cr_assert_eq(wr_deallocs, 1);
    assert_list(live, (OuroWeakRef *[]){kept}, 1);
    drop(&live->ob);
    cr_assert_eq(ncalls, 1);
    cr_assert_eq(calls[0].cb_id, 2);
    drop_wr(kept);
}

Test(weakref, gc_callback_less_weakrefs_are_cleared_without_calls) {
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    OuroWeakRef *r1 = new_ref(a, NULL, NULL), *r2 = new_ref(b, NULL, NULL);
    cycle(a, b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(ncalls, 0);
    cr_assert_null(r1->referent);
    cr_assert_null(r2->referent);
    drop_wr(r1);
    drop_wr(r2);
}

static void resurrect_into_keeper(Node *self) {
    if (keeper) return;
    ouro_gc_incref(&self->ob);
    keeper = &self->ob;
}

Test(weakref, gc_weakrefs_to_a_resurrected_object_are_cleared_anyway) {
    /* CPython 3.11: weakrefs are cleared before finalizers, so an object resurrected by
     * its __del__ has lost them all (gc-reference.md §3.3). */
    Node *a = make(&wfin_type, 1), *b = make(&wfin_type, 2);
    OuroWeakRef *basic = new_ref(a, NULL, NULL), *r = new_ref(a, cb(1), basic);
    on_finalize = resurrect_into_keeper;
    cycle(a, b);
    cr_assert_eq(collect(2), 0, "resurrected objects are not counted");
    cr_assert_eq(finalized, 2);
    cr_assert_eq(keeper, &a->ob);
    cr_assert_eq(ncalls, 1);
    cr_assert_null(basic->referent);
    cr_assert_null(r->referent);
    cr_assert_null(a->weaklist);
    cr_assert_eq(deallocs, 0);
    on_finalize = NULL;
    drop(keeper);
    keeper = NULL;
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(finalized, 2, "no second __del__");
    cr_assert_eq(ncalls, 1, "no callback for the cleared weakrefs");
    drop_wr(basic);
    drop_wr(r);
}

Test(weakref, gc_weakref_freed_by_its_own_callback_counts_as_collected) {
    /* A WeakValueDictionary-like holder whose entry is removed by the callback: the
     * weakref was reachable, so only the callback pass can count it. */
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    holder = make(&node_type, 9);
    OuroWeakRef *r1 = new_ref(a, cb(1), NULL), *r2 = new_ref(b, cb(2), NULL);
    link(holder, 0, &r1->ob);
    link(holder, 1, &r2->ob);
    drop_wr(r1);
    drop_wr(r2);
    on_callback = drop_holder_slots;   /* the first callback drops both weakrefs */
    cycle(a, b);
    OuroGCResult res;
    cr_assert_eq(ouro_gc_collect(&heap, 2, &res), 4, "a, b and both weakrefs");
    cr_assert_eq(res.collected, 4);
    cr_assert_eq(heap.stats[2].collected, 4);
    cr_assert_eq(ncalls, 2, "the second weakref's callback still runs");
    cr_assert_eq(wr_deallocs, 2);
    drop(&holder->ob);
}

Test(weakref, gc_surviving_weakref_is_not_counted) {
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    OuroWeakRef *r = new_ref(a, cb(1), NULL);
    cycle(a, b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(ncalls, 1);
    cr_assert(ouro_gc_is_tracked(&r->ob));
    cr_assert_eq(ouro_gc_generation_size(&heap, 2), 1);
    drop_wr(r);
}

/* A callback that (as only C or a buggy type could) stores a reference to garbage. */
static Node *garbage_b;
static void resurrect_garbage(OuroWeakRef *wr) {
    (void)wr;
    ouro_gc_incref(&garbage_b->ob);
    keeper = &garbage_b->ob;
}

Test(weakref, gc_callback_resurrecting_garbage_is_handled_safely) {
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2), *c = make(&wnode_type, 3);
    OuroWeakRef *r = new_ref(a, cb(1), NULL);
    garbage_b = b;
    on_callback = resurrect_garbage;
    link(c, 0, &c->ob);                /* unrelated garbage in the same batch */
    drop(&c->ob);
    cycle(a, b);
    cr_assert_eq(collect(2), 1, "only the unrelated self-loop");
    cr_assert_eq(ncalls, 1);
    cr_assert_eq(cleared, 1);
    cr_assert_eq(deallocs, 1);
    cr_assert_eq(((Node *)keeper)->slot[0], &a->ob, "the resurrected cycle is intact");
    on_callback = NULL;
    drop(keeper);
    keeper = NULL;
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(ncalls, 1);
    drop_wr(r);
}

/* A callback that tries a nested collection, then makes an object with a weakref. */
static size_t nested;
static void nested_collect(OuroWeakRef *wr) {
    (void)wr;
    if (keeper) return;
    cr_assert(heap.collecting);
    nested = collect(2);
    Node *n = make(&wnode_type, 5);
    new_ref(n, cb(6), NULL);
    keeper = &n->ob;
}

Test(weakref, gc_callback_may_collect_nothing_nested_and_allocate) {
    /* A callback runs with heap->collecting set: a nested collection is refused, and new
     * objects and weakrefs made meanwhile are ordinary young objects. */
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    new_ref(a, cb(1), NULL);
    nested = 99;
    on_callback = nested_collect;
    cycle(a, b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(nested, 0);
    cr_assert_not_null(keeper);
    cr_assert_eq(ouro_gc_weakref_count(keeper), 1);
    drop(keeper);
    keeper = NULL;
    cr_assert_eq(ncalls, 2, "the callback's own weakref fired by refcount");
    while (nwatch > 0) drop_wr(watch[0]);   /* each is freed: unwatched */
}

Test(weakref, gc_without_a_seam_still_clears_and_releases) {
    heap.seams.call_weakref_callback = NULL;
    Node *a = make(&wnode_type, 1), *b = make(&wnode_type, 2);
    OuroWeakRef *r = new_ref(a, cb(1), NULL);
    cycle(a, b);
    cr_assert_eq(collect(2), 2);
    cr_assert_null(r->referent);
    cr_assert_eq(r->ob.refcnt, 1);
    drop_wr(r);
}

Test(weakref, gc_weakrefs_in_a_young_collection_only_touch_the_garbage) {
    /* A weakref to a live object in an older generation is left alone by a collection of
     * generation 0 whose garbage holds other weakrefs. */
    Node *old = make(&wnode_type, 1);
    OuroWeakRef *r_old = new_ref(old, cb(1), NULL);
    collect(2);
    Node *a = make(&wnode_type, 2), *b = make(&wnode_type, 3);
    OuroWeakRef *r_a = new_ref(a, cb(2), NULL);
    cycle(a, b);
    cr_assert_eq(collect(0), 2);
    cr_assert_eq(ncalls, 1);
    cr_assert_eq(calls[0].cb_id, 2);
    assert_list(old, (OuroWeakRef *[]){r_old}, 1);
    drop(&old->ob);
    cr_assert_eq(ncalls, 2);
    drop_wr(r_old);
    drop_wr(r_a);
}
