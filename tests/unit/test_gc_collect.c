/* Unit tests of the cycle collector (gc/collect.c, schedule.c, freeze.c) on synthetic graphs
 * of a node type built here: cycles kept or freed, finalizers (PEP 442) that resurrect or
 * rewire the graph, generations, counts and the 25% rule, freezing, untracking of immutable
 * containers, and the seams (debug lines, DEBUG_SAVEALL). Weak references have their own
 * suite, tests/unit/test_gc_weakref.c. No VM is involved.
 * Every test ends with an empty heap (the fini asserts the live counter is 0). */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gc/gc.h"

enum { SLOTS = 4 };

typedef struct Node {
    OuroObject ob;
    OuroObject *slot[SLOTS];
    int id;
} Node;

static OuroHeap heap;
static int deallocs, finalized, cleared;
/* What a finalizer does, set per test. */
static void (*on_finalize)(Node *self);
static OuroObject *keeper;             /* a "global" a finalizer may resurrect into */

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

static void node_clear(OuroHeap *h, OuroObject *self) {
    Node *n = (Node *)self;
    cleared++;
    for (int i = 0; i < SLOTS; i++) {
        OuroObject *v = n->slot[i];
        n->slot[i] = NULL;
        if (v) ouro_gc_decref(h, v);
    }
}

static void node_dealloc(OuroHeap *h, OuroObject *self) {
    deallocs++;
    if (ouro_gc_is_container(self)) ouro_gc_untrack(h, self);
    Node *n = (Node *)self;
    for (int i = 0; i < SLOTS; i++) {
        OuroObject *v = n->slot[i];
        n->slot[i] = NULL;
        if (v) ouro_gc_decref(h, v);
    }
    ouro_gc_free(h, self);
}

static void node_finalize(OuroHeap *h, OuroObject *self) {
    (void)h;
    finalized++;
    if (on_finalize) on_finalize((Node *)self);
}

static OuroTypeHead node_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
};
static OuroTypeHead fin_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .finalize = node_finalize, .gc_flags = OURO_GC_CONTAINER},
};
static OuroTypeHead tuple_type = {   /* immutable, no clear (as CPython's tuple) */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_UNTRACK_ATOMIC},
};
static OuroTypeHead dict_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER | OURO_GC_UNTRACK_ATOMIC_FULL},
};
static OuroTypeHead leaf_type = {   /* a scalar: no GC head */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.dealloc = node_dealloc},
};
/* An immortal static container: it has no GC head, so nothing may read before it (under
 * ASan the bytes before a global are a redzone). */
static Node static_node = {.ob = {OURO_IMMORTAL_REFCNT, (OuroType *)&node_type}};

static void setup(void) {
    ouro_heap_init(&heap);
    deallocs = finalized = cleared = 0;
    on_finalize = NULL;
    keeper = NULL;
}

static void teardown(void) {
    cr_assert_eq(ouro_heap_fini(&heap), 0, "objects leaked");
}

TestSuite(collect, .init = setup, .fini = teardown);

static Node *make(OuroTypeHead *type, int id) {
    Node *n = (Node *)ouro_gc_alloc(&heap, (OuroType *)type, sizeof(Node));
    cr_assert_not_null(n);
    n->id = id;
    if (type != &leaf_type) ouro_gc_track(&heap, &n->ob);
    return n;
}

/* a.slot[i] = b, taking a new reference. */
static void link(Node *a, int i, Node *b) {
    ouro_gc_incref(&b->ob);
    a->slot[i] = &b->ob;
}

static void drop(Node *n) { ouro_gc_decref(&heap, &n->ob); }

static size_t collect(int gen) { return ouro_gc_collect(&heap, gen, NULL); }

static size_t gen_size(int g) { return ouro_gc_generation_size(&heap, g); }

/* ---- basic cycles --------------------------------------------------------------------- */

Test(collect, empty_heap_collects_nothing) {
    cr_assert_eq(collect(2), 0);
    cr_assert_eq(collect(0), 0);
    cr_assert_not(heap.collecting);
}

Test(collect, self_loop_is_freed) {
    Node *a = make(&node_type, 1);
    link(a, 0, a);
    drop(a);
    cr_assert_eq(heap.live_objects, 1);
    cr_assert_eq(collect(2), 1);
    cr_assert_eq(heap.live_objects, 0);
    cr_assert_eq(deallocs, 1);
}

Test(collect, live_self_loop_survives) {
    Node *a = make(&node_type, 1);
    link(a, 0, a);
    cr_assert_eq(collect(2), 0);
    cr_assert(ouro_gc_is_tracked(&a->ob));
    cr_assert_eq(a->ob.refcnt, 2, "refcounts are untouched by a collection");
    drop(a);
    cr_assert_eq(collect(2), 1);
}

Test(collect, two_cycle_is_freed) {
    Node *a = make(&node_type, 1), *b = make(&node_type, 2);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(heap.live_objects, 0);
}

Test(collect, n_cycle_is_freed) {
    enum { N = 1000 };
    Node *first = make(&node_type, 0), *prev = first;
    for (int i = 1; i < N; i++) {
        Node *n = make(&node_type, i);
        link(prev, 0, n);
        drop(n);
        prev = n;
    }
    link(prev, 0, first);
    drop(first);
    cr_assert_eq(collect(2), N);
    cr_assert_eq(heap.live_objects, 0);
}

Test(collect, cycle_hanging_off_a_live_object_survives) {
    Node *root = make(&node_type, 0), *a = make(&node_type, 1), *b = make(&node_type, 2);
    link(root, 0, a);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    cr_assert_eq(collect(2), 0);
    cr_assert_eq(heap.live_objects, 3);
    cr_assert_eq(gen_size(2), 3);
    drop(root);   /* root is freed by refcounting; the cycle stays */
    cr_assert_eq(heap.live_objects, 2);
    cr_assert_eq(collect(2), 2);
}

Test(collect, live_object_reached_only_from_an_older_generation_survives) {
    Node *old = make(&node_type, 0);
    collect(2);   /* old is in generation 2 now */
    Node *young = make(&node_type, 1);
    link(old, 0, young);
    drop(young);
    cr_assert_eq(collect(0), 0, "a reference from outside the set keeps it");
    cr_assert_eq(heap.live_objects, 2);
    drop(old);
}

Test(collect, garbage_hanging_off_a_cycle_is_freed_and_counted) {
    Node *a = make(&node_type, 1), *b = make(&node_type, 2);
    Node *c = make(&node_type, 3), *d = make(&node_type, 4);
    Node *leaf = make(&leaf_type, 5);
    Node *untracked = (Node *)ouro_gc_alloc(&heap, (OuroType *)&node_type, sizeof(Node));
    link(a, 0, b);
    link(b, 0, a);
    link(a, 1, c);
    link(c, 0, d);
    link(d, 0, leaf);
    link(d, 1, untracked);
    a->slot[2] = ouro_smallint(42);
    link(a, 3, &static_node);
    drop(b);
    drop(c);
    drop(d);
    drop(leaf);
    drop(untracked);
    drop(a);
    cr_assert_eq(collect(2), 4, "tracked objects are counted, the rest just freed");
    cr_assert_eq(heap.live_objects, 0);
    cr_assert_eq(static_node.ob.refcnt, OURO_IMMORTAL_REFCNT);
}

Test(collect, null_and_immediate_children_are_skipped) {
    Node *a = make(&node_type, 1);
    a->slot[0] = ouro_smallint(-1);
    a->slot[1] = ouro_smallint(7);
    link(a, 2, a);
    drop(a);
    cr_assert_eq(collect(2), 1);
}

/* ---- long chains (no recursion anywhere) ---------------------------------------------- */

static Node *chain(int n, bool reverse_tracking, Node **last_out) {
    /* Built head-first; with reverse_tracking the tail is tracked first, so move_unreachable
     * sees every node before its referrer (each one is set aside, then moved back). */
    Node **all = malloc(sizeof(Node *) * (size_t)n);
    cr_assert_not_null(all);
    for (int i = 0; i < n; i++) {
        all[i] = (Node *)ouro_gc_alloc(&heap, (OuroType *)&node_type, sizeof(Node));
        cr_assert_not_null(all[i]);
    }
    for (int i = 0; i < n; i++) {
        int k = reverse_tracking ? n - 1 - i : i;
        ouro_gc_track(&heap, &all[k]->ob);
    }
    for (int i = 0; i + 1 < n; i++) all[i]->slot[0] = &all[i + 1]->ob;   /* steals */
    Node *head = all[0];
    *last_out = all[n - 1];
    free(all);
    return head;
}

Test(collect, million_long_live_chain_survives) {
    enum { N = 1000000 };
    Node *last;
    Node *head = chain(N, true, &last);
    cr_assert_eq(collect(2), 0);
    cr_assert_eq(gen_size(2), N);
    cr_assert_eq(heap.long_lived_total, N);
    cr_assert_eq(collect(2), 0);
    drop(head);
    cr_assert_eq(heap.live_objects, 0);
}

Test(collect, million_long_garbage_ring_is_freed) {
    enum { N = 1000000 };
    Node *last;
    Node *head = chain(N, false, &last);
    link(last, 0, head);
    drop(head);
    cr_assert_eq(collect(2), N);
    cr_assert_eq(heap.live_objects, 0);
}

/* ---- PEP 442 finalizers --------------------------------------------------------------- */

static void resurrect_self(Node *self) {
    if (!keeper) {
        ouro_gc_incref(&self->ob);
        keeper = &self->ob;
    }
}

Test(collect, finalizer_runs_once_and_garbage_is_freed) {
    Node *a = make(&fin_type, 1), *b = make(&fin_type, 2);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(finalized, 2);
    cr_assert_eq(heap.live_objects, 0);
}

Test(collect, resurrected_objects_survive_and_are_not_finalized_again) {
    Node *a = make(&fin_type, 1), *b = make(&fin_type, 2);
    Node *other = make(&node_type, 3);
    link(a, 0, b);
    link(b, 0, a);
    link(other, 0, other);   /* unrelated garbage in the same batch is still freed */
    drop(a);
    drop(b);
    drop(other);
    on_finalize = resurrect_self;
    cr_assert_eq(collect(2), 1, "resurrected objects are not counted");
    cr_assert_eq(finalized, 2);
    cr_assert_eq(heap.live_objects, 2);
    cr_assert_eq(keeper, &a->ob);
    cr_assert(ouro_gc_is_finalized(&a->ob));
    cr_assert(ouro_gc_is_finalized(&b->ob));
    cr_assert(ouro_gc_is_tracked(&b->ob));
    cr_assert_eq(gen_size(2), 2, "the resurrected closure goes to the old generation");
    cr_assert_eq(a->slot[0], &b->ob, "nothing was cleared");
    OuroObject *k = keeper;
    keeper = NULL;
    ouro_gc_decref(&heap, k);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(finalized, 2, "never finalized twice");
    cr_assert_eq(heap.live_objects, 0);
}

Test(collect, resurrection_in_a_young_collection_moves_to_the_next_generation) {
    Node *a = make(&fin_type, 1);
    link(a, 0, a);
    drop(a);
    on_finalize = resurrect_self;
    cr_assert_eq(collect(0), 0);
    cr_assert_eq(gen_size(1), 1);
    OuroObject *k = keeper;
    keeper = NULL;
    ouro_gc_decref(&heap, k);
    cr_assert_eq(collect(0), 0, "it is in generation 1 now");
    cr_assert_eq(collect(1), 1);
}

static Node *spare;
static void break_own_cycle(Node *self) {   /* __del__ that clears its own reference */
    OuroObject *v = self->slot[0];
    self->slot[0] = NULL;
    ouro_gc_decref(&heap, v);
}

Test(collect, finalizer_that_breaks_the_cycle_frees_by_refcount_uncounted) {
    Node *a = make(&fin_type, 1), *b = make(&node_type, 2);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    on_finalize = break_own_cycle;
    cr_assert_eq(collect(2), 0, "objects freed during finalization are not counted");
    cr_assert_eq(heap.live_objects, 0);
}

static void make_new_cycle(Node *self) {   /* allocates and links new garbage */
    Node *x = make(&node_type, 100), *y = make(&node_type, 101);
    link(x, 0, y);
    link(y, 0, x);
    link(self, 1, x);   /* hangs off the dying object */
    drop(x);
    drop(y);
    spare = make(&node_type, 102);
    link(spare, 0, spare);
    drop(spare);
}

Test(collect, finalizer_that_creates_new_cycles) {
    Node *a = make(&fin_type, 1);
    link(a, 0, a);
    drop(a);
    on_finalize = make_new_cycle;
    /* x, y (hung off a) are referenced from the dying object only: they are new objects in
     * generation 0, outside the set; clearing a frees nothing of theirs: they stay garbage. */
    cr_assert_eq(collect(2), 1);
    cr_assert_eq(heap.live_objects, 3);
    on_finalize = NULL;
    cr_assert_eq(collect(2), 3);
    cr_assert_eq(heap.live_objects, 0);
}

static void drop_other_references(Node *self) {   /* frees the other garbage it points at */
    for (int i = 1; i < SLOTS; i++) {
        OuroObject *v = self->slot[i];
        self->slot[i] = NULL;
        if (v) ouro_gc_decref(&heap, v);
    }
}

Test(collect, finalizer_that_drops_references_to_later_garbage) {
    Node *a = make(&fin_type, 1), *b = make(&fin_type, 2), *c = make(&fin_type, 3);
    link(a, 0, a);
    link(a, 1, b);   /* b and c are garbage only via a, and a frees them in its finalizer */
    link(a, 2, c);
    drop(b);
    drop(c);
    drop(a);
    on_finalize = drop_other_references;
    size_t n = collect(2);
    cr_assert_eq(n, 1, "only a remains unreachable after finalization");
    cr_assert_eq(heap.live_objects, 0);
}

static int collect_inside;
static void collect_from_finalizer(Node *self) {
    (void)self;
    collect_inside = (int)collect(2) + 100 * heap.collecting;
}

Test(collect, nested_collection_is_refused) {
    Node *a = make(&fin_type, 1);
    link(a, 0, a);
    drop(a);
    on_finalize = collect_from_finalizer;
    cr_assert_eq(collect(2), 1);
    cr_assert_eq(collect_inside, 100, "returned 0 with the collecting flag set");
    cr_assert_eq(heap.stats[2].collections, 1);
}

/* ---- generations, counts, stats ------------------------------------------------------- */

Test(collect, counts_after_each_generation_follow_cpython) {
    Node *a = make(&node_type, 1);
    cr_assert_eq(heap.generations[0].count, 1);
    collect(0);
    cr_assert_eq(heap.generations[0].count, 0);
    cr_assert_eq(heap.generations[1].count, 1);
    collect(0);
    cr_assert_eq(heap.generations[1].count, 2);
    collect(1);
    cr_assert_eq(heap.generations[0].count, 0);
    cr_assert_eq(heap.generations[1].count, 0);
    cr_assert_eq(heap.generations[2].count, 1);
    collect(2);
    for (int g = 0; g < 3; g++) cr_assert_eq(heap.generations[g].count, 0);
    cr_assert_eq(heap.stats[0].collections, 2);
    cr_assert_eq(heap.stats[1].collections, 1);
    cr_assert_eq(heap.stats[2].collections, 1);
    drop(a);
}

Test(collect, survivors_move_one_generation_up) {
    Node *a = make(&node_type, 1);
    cr_assert_eq(gen_size(0), 1);
    collect(0);
    cr_assert_eq(gen_size(0), 0);
    cr_assert_eq(gen_size(1), 1);
    Node *b = make(&node_type, 2);
    collect(1);   /* merges 0 into 1, promotes both */
    cr_assert_eq(gen_size(1), 0);
    cr_assert_eq(gen_size(2), 2);
    cr_assert_eq(heap.long_lived_pending, 2);
    collect(2);
    cr_assert_eq(gen_size(2), 2);
    cr_assert_eq(heap.long_lived_pending, 0);
    cr_assert_eq(heap.long_lived_total, 2);
    drop(a);
    drop(b);
}

Test(collect, young_collection_ignores_older_garbage) {
    Node *a = make(&node_type, 1);
    link(a, 0, a);
    collect(0);
    drop(a);   /* garbage in generation 1 now */
    cr_assert_eq(collect(0), 0);
    cr_assert_eq(heap.live_objects, 1);
    cr_assert_eq(collect(1), 1);
    cr_assert_eq(heap.stats[1].collected, 1);
}

Test(collect, stats_accumulate_per_generation) {
    for (int i = 0; i < 3; i++) {
        Node *a = make(&node_type, i);
        link(a, 0, a);
        drop(a);
    }
    cr_assert_eq(collect(2), 3);
    Node *b = make(&node_type, 9);
    link(b, 0, b);
    drop(b);
    cr_assert_eq(collect(2), 1);
    cr_assert_eq(heap.stats[2].collections, 2);
    cr_assert_eq(heap.stats[2].collected, 4);
    cr_assert_eq(heap.stats[2].uncollectable, 0);
}

Test(collect, count_is_allocations_minus_frees) {
    Node *a = make(&node_type, 1);
    Node *u = (Node *)ouro_gc_alloc(&heap, (OuroType *)&node_type, sizeof(Node));   /* untracked */
    Node *leaf = make(&leaf_type, 3);   /* scalars do not count */
    cr_assert_eq(heap.generations[0].count, 2);
    drop(u);
    drop(leaf);
    cr_assert_eq(heap.generations[0].count, 1);
    collect(0);
    drop(a);   /* a free after the collection: the count stays at 0 */
    cr_assert_eq(heap.generations[0].count, 0);
}

static int due_calls;
static void note_due(OuroHeap *h) {
    (void)h;
    due_calls++;
}

Test(collect, allocation_past_threshold_asks_for_a_collection) {
    heap.collection_due = note_due;
    due_calls = 0;
    heap.generations[0].threshold = 3;
    Node *n[5];
    for (int i = 0; i < 5; i++) n[i] = make(&node_type, i);
    cr_assert_eq(due_calls, 2, "asked at the 4th and 5th allocations");
    heap.enabled = false;
    Node *x = make(&node_type, 9);
    cr_assert_eq(due_calls, 2, "disabled");
    heap.enabled = true;
    heap.generations[0].threshold = 0;
    Node *y = make(&node_type, 10);
    cr_assert_eq(due_calls, 2, "threshold 0 disables");
    heap.stress_full = 5;
    Node *z = make(&node_type, 11);
    cr_assert_eq(due_calls, 3, "stress mode asks at every container allocation");
    Node *leaf = make(&leaf_type, 12);
    cr_assert_eq(due_calls, 3);
    for (int i = 0; i < 5; i++) drop(n[i]);
    drop(x);
    drop(y);
    drop(z);
    drop(leaf);
}

Test(collect, generation_due_follows_collect_generations) {
    cr_assert_eq(ouro_gc_generation_due(&heap), -1);
    heap.generations[0].count = 701;
    cr_assert_eq(ouro_gc_generation_due(&heap), 0);
    heap.generations[1].count = 10;
    cr_assert_eq(ouro_gc_generation_due(&heap), 0, "strictly greater");
    heap.generations[1].count = 11;
    cr_assert_eq(ouro_gc_generation_due(&heap), 1);
    heap.generations[2].count = 11;
    heap.long_lived_total = 100;
    heap.long_lived_pending = 24;
    cr_assert_eq(ouro_gc_generation_due(&heap), 1, "the 25% rule defers the full collection");
    heap.long_lived_pending = 25;
    cr_assert_eq(ouro_gc_generation_due(&heap), 2);
    heap.enabled = false;
    cr_assert_eq(ouro_gc_generation_due(&heap), -1);
    heap.enabled = true;
    heap.collecting = true;
    cr_assert_eq(ouro_gc_generation_due(&heap), -1);
    heap.collecting = false;
    heap.generations[0].threshold = 0;
    cr_assert_eq(ouro_gc_generation_due(&heap), -1);
    for (int g = 0; g < 3; g++) heap.generations[g].count = 0;
}

/* CPython's trace with thresholds (5, 2, 2): collections of generation 0,0,0,1,... and no
 * full collection while the long-lived objects dwarf the promoted ones (the 25% rule). */
Test(collect, automatic_schedule_with_small_thresholds) {
    Node *last;
    Node *big = chain(1000, false, &last);
    collect(2);
    heap.generations[0].threshold = 5;
    heap.generations[1].threshold = 2;
    heap.generations[2].threshold = 2;
    char pattern[16] = {0};
    Node *keep[200];
    int made = 0, k = 0;
    while (k < 12 && made < 200) {
        keep[made] = make(&node_type, made);
        made++;
        int g = ouro_gc_generation_due(&heap);
        if (g >= 0) {
            collect(g);
            pattern[k++] = (char)('0' + g);
        }
    }
    cr_assert_str_eq(pattern, "000100010001");
    cr_assert_gt(heap.generations[2].count, 2, "gen 2 is over its threshold but deferred");
    for (int i = 0; i < made; i++) drop(keep[i]);
    drop(big);
}

/* ---- untracking immutable containers -------------------------------------------------- */

Test(collect, tuples_of_untracked_values_are_untracked_by_any_collection) {
    Node *t = make(&tuple_type, 1);
    Node *leaf = make(&leaf_type, 2);
    link(t, 0, leaf);
    t->slot[1] = ouro_smallint(3);
    link(t, 2, &static_node);
    Node *inner = make(&tuple_type, 3), *outer = make(&tuple_type, 4);
    link(outer, 0, inner);   /* inner is walked first (tracked first): both go in one pass */
    Node *holder = make(&tuple_type, 5), *list = make(&node_type, 6);
    link(holder, 0, list);   /* holds a mutable container: stays tracked */
    cr_assert(ouro_gc_may_be_tracked(&inner->ob));
    collect(0);
    cr_assert_not(ouro_gc_is_tracked(&t->ob));
    cr_assert_not(ouro_gc_is_tracked(&inner->ob));
    cr_assert_not(ouro_gc_is_tracked(&outer->ob));
    cr_assert_not(ouro_gc_may_be_tracked(&inner->ob));
    cr_assert(ouro_gc_is_tracked(&holder->ob));
    cr_assert(ouro_gc_is_tracked(&list->ob));
    cr_assert_eq(gen_size(1), 2, "only the tracked survivors are promoted");
    drop(t);
    drop(leaf);
    drop(inner);
    drop(outer);
    drop(holder);
    drop(list);
}

Test(collect, dicts_are_untracked_by_full_collections_only) {
    Node *d = make(&dict_type, 1);
    Node *t = make(&tuple_type, 2);
    link(d, 0, t);      /* the tuple is tracked when the dict is walked, untracked later */
    d->slot[1] = ouro_smallint(5);
    Node *d2 = make(&dict_type, 3), *l = make(&node_type, 4);
    link(d2, 0, l);
    Node *d3 = make(&dict_type, 5);
    link(d3, 0, d);     /* a dict referent always "may be tracked" (CPython) */
    collect(1);
    cr_assert(ouro_gc_is_tracked(&d->ob), "not by young collections");
    cr_assert_not(ouro_gc_is_tracked(&t->ob));
    Node *t2 = make(&tuple_type, 6);
    link(d, 2, t2);   /* a fresh tracked tuple, walked after d */
    collect(2);
    cr_assert_not(ouro_gc_is_tracked(&d->ob), "its tuples were untracked in the same pass");
    cr_assert_not(ouro_gc_is_tracked(&t2->ob));
    cr_assert(ouro_gc_is_tracked(&d2->ob));
    cr_assert(ouro_gc_is_tracked(&d3->ob));
    cr_assert_eq(heap.long_lived_total, 3, "d2, l, d3");
    drop(d);
    drop(t);
    drop(t2);
    drop(d2);
    drop(l);
    drop(d3);
}

Test(collect, garbage_tuples_in_cycles_are_freed) {
    Node *t = make(&tuple_type, 1), *a = make(&node_type, 2);
    link(t, 0, a);
    link(a, 0, t);
    drop(t);
    drop(a);
    cr_assert_eq(collect(0), 2);
    cr_assert_eq(heap.live_objects, 0);
}

/* ---- gc.freeze ------------------------------------------------------------------------- */

Test(collect, frozen_garbage_survives_until_unfrozen) {
    Node *a = make(&node_type, 1), *b = make(&node_type, 2);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    heap.generations[1].count = 3;
    ouro_gc_freeze(&heap);
    for (int g = 0; g < 3; g++) {
        cr_assert_eq(heap.generations[g].count, 0);
        cr_assert_eq(gen_size(g), 0);
    }
    cr_assert_eq(ouro_gc_freeze_count(&heap), 2);
    cr_assert(ouro_gc_is_tracked(&a->ob));
    cr_assert_eq(collect(2), 0);
    cr_assert_eq(collect(0), 0);
    cr_assert_eq(heap.live_objects, 2);
    ouro_gc_unfreeze(&heap);
    cr_assert_eq(ouro_gc_freeze_count(&heap), 0);
    cr_assert_eq(gen_size(2), 2);
    cr_assert_eq(collect(1), 0, "unfrozen objects are in the oldest generation");
    cr_assert_eq(collect(2), 2);
}

Test(collect, young_objects_referencing_frozen_ones_are_handled_as_outsiders) {
    Node *frozen = make(&node_type, 1);
    ouro_gc_freeze(&heap);
    Node *a = make(&node_type, 2);
    link(a, 0, frozen);
    link(a, 1, a);
    link(frozen, 0, a);   /* a is referenced from the frozen object: it is live */
    drop(a);
    cr_assert_eq(collect(2), 0);
    cr_assert_eq(frozen->ob.refcnt, 2, "the frozen object's count is untouched");
    Node *f2 = make(&node_type, 3);
    link(f2, 0, frozen);
    drop(f2);   /* frees by refcount */
    ouro_gc_unfreeze(&heap);
    node_clear(&heap, &frozen->ob);   /* now only a (a self-loop) holds it */
    drop(frozen);
    cr_assert_eq(collect(2), 2);
}

/* ---- seams: debug output, DEBUG_SAVEALL ----------------------------------------------- */

static char debug_out[8192];
static void capture_debug(OuroHeap *h, const char *line) {
    (void)h;
    strncat(debug_out, line, sizeof debug_out - strlen(debug_out) - 1);
}
static const char *node_name(const OuroObject *o) { return o->type == (OuroType *)&fin_type ? "F" : "N"; }

Test(collect, debug_stats_and_collectable_lines) {
    debug_out[0] = 0;
    heap.seams.write_debug = capture_debug;
    heap.seams.type_name = node_name;
    heap.debug = OURO_GC_DEBUG_STATS | OURO_GC_DEBUG_COLLECTABLE;
    Node *keep = make(&node_type, 0);
    collect(0);
    Node *a = make(&fin_type, 1);
    link(a, 0, a);
    drop(a);
    char expect[512];
    debug_out[0] = 0;
    cr_assert_eq(collect(2), 1);
    snprintf(expect, sizeof expect,
             "gc: collecting generation 2...\n"
             "gc: objects in each generation: 1 1 0\n"
             "gc: objects in permanent generation: 0\n"
             "gc: collectable <F %p>\n"
             "gc: done, 1 unreachable, 0 uncollectable, ", (void *)a);
    cr_assert_eq(strncmp(debug_out, expect, strlen(expect)), 0, "got:\n%s", debug_out);
    const char *tail = debug_out + strlen(expect);
    /* "%.4fs elapsed\n": one digit, a point, four digits */
    cr_assert(tail[1] == '.' && strcmp(tail + 6, "s elapsed\n") == 0, "tail: %s", tail);
    heap.debug = 0;
    drop(keep);
}

static OuroObject *saved[8];
static int n_saved;
static bool save_garbage(OuroHeap *h, OuroObject *o) {
    (void)h;
    ouro_gc_incref(o);
    saved[n_saved++] = o;
    return true;
}

Test(collect, debug_saveall_keeps_garbage_without_clearing) {
    heap.seams.save_garbage = save_garbage;
    heap.debug = OURO_GC_DEBUG_SAVEALL;
    n_saved = 0;
    Node *a = make(&fin_type, 1), *b = make(&node_type, 2);
    link(a, 0, b);
    link(b, 0, a);
    drop(a);
    drop(b);
    cr_assert_eq(collect(2), 2, "saved objects are counted");
    cr_assert_eq(n_saved, 2);
    cr_assert_eq(cleared, 0);
    cr_assert_eq(finalized, 1, "finalizers still run");
    cr_assert_eq(heap.live_objects, 2);
    cr_assert_eq(gen_size(2), 2, "kept in the oldest generation");
    heap.debug = 0;
    for (int i = 0; i < n_saved; i++) ouro_gc_decref(&heap, saved[i]);
    cr_assert_eq(collect(2), 2);
    cr_assert_eq(finalized, 1);
    cr_assert_eq(heap.live_objects, 0);
}

/* The weakref phase (handle_weakrefs, step 9) is tested in tests/unit/test_gc_weakref.c. */

Test(collect, list_move_keeps_generation_bits) {
    Node *a = make(&node_type, 1);
    ouro_gc_list_move(&heap, ouro_gc_head(&a->ob), &heap.generations[2].head);
    cr_assert_eq(gen_size(2), 1);
    link(a, 0, a);
    drop(a);
    cr_assert_eq(collect(1), 0, "generation 2 objects are outsiders to a young collection");
    cr_assert_eq(collect(2), 1);
}

/* ---- speed (not a timed test: prints ns per object when OURO_GC_BENCH is set) ---------- */

typedef struct Vec {   /* a list-like container: items in a separate block */
    OuroObject ob;
    size_t size, capacity;
    OuroObject **items;
} Vec;

static int vec_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    Vec *v = (Vec *)self;
    for (size_t i = 0; i < v->size; i++) {
        int r = visit(v->items[i], arg);
        if (r) return r;
    }
    return 0;
}

static void vec_dealloc(OuroHeap *h, OuroObject *self) {
    Vec *v = (Vec *)self;
    ouro_gc_untrack(h, self);
    for (size_t i = 0; i < v->size; i++) ouro_gc_decref(h, v->items[i]);
    ouro_gc_raw_free(h, v->items);
    ouro_gc_free(h, self);
}

static OuroTypeHead vec_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = vec_traverse, .dealloc = vec_dealloc, .gc_flags = OURO_GC_CONTAINER},
};

static Vec *new_vec(size_t n) {
    Vec *v = (Vec *)ouro_gc_alloc(&heap, (OuroType *)&vec_type, sizeof(Vec));
    v->items = ouro_gc_raw_alloc(&heap, (n ? n : 1) * sizeof(OuroObject *));
    v->capacity = n;
    ouro_gc_track(&heap, &v->ob);
    return v;
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* x = [[i] for i in range(N)], then full collections of the live heap. */
Test(collect, bench_full_collection_of_a_live_heap, .timeout = 120) {
    if (!getenv("OURO_GC_BENCH")) return;
    size_t n = (size_t)atol(getenv("OURO_GC_BENCH"));
    if (n == 0) n = 1000000;
    Vec *x = new_vec(n);
    for (size_t i = 0; i < n; i++) {
        Vec *item = new_vec(1);
        item->items[item->size++] = ouro_smallint((intptr_t)i);
        x->items[x->size++] = &item->ob;
    }
    collect(2);
    double best = 1e9;
    for (int r = 0; r < 5; r++) {
        double t = seconds();
        collect(2);
        t = seconds() - t;
        if (t < best) best = t;
    }
    fprintf(stderr, "full collection of %zu live objects: %.2f ns/object (best of 5)\n", n + 1,
            best / (double)(n + 1) * 1e9);
    drop((Node *)x);
}
