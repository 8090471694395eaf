/* Unit tests of the gc layer alone, on a synthetic node type built here: allocation and the
 * live counter, release at count zero, tracking, and freeing very deep chains without deep
 * C recursion (the trashcan). No VM is involved: the collector sees types only via hooks. */
#include <criterion/criterion.h>

#include "gc/gc.h"

typedef struct Node {
    OuroObject ob;
    OuroObject *next;
    int id;
} Node;

static int deallocs;
static int max_depth_seen;

static int node_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    Node *n = (Node *)self;
    return n->next ? visit(n->next, arg) : 0;
}

static void node_clear(OuroHeap *heap, OuroObject *self) {
    Node *n = (Node *)self;
    OuroObject *next = n->next;
    n->next = NULL;
    if (next) ouro_gc_decref(heap, next);
}

static void node_dealloc(OuroHeap *heap, OuroObject *self) {
    deallocs++;
    if (heap->dealloc_depth > max_depth_seen) max_depth_seen = heap->dealloc_depth;
    node_clear(heap, self);
    ouro_gc_free(heap, self);
}

static OuroTypeHead node_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.traverse = node_traverse, .clear = node_clear, .dealloc = node_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
};

static OuroTypeHead leaf_type = {   /* a scalar: no GC head */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.dealloc = node_dealloc},
};

static OuroHeap heap;

static void setup(void) {
    ouro_heap_init(&heap);
    deallocs = 0;
    max_depth_seen = 0;
}

static void teardown(void) { cr_assert_eq(ouro_heap_fini(&heap), 0, "objects leaked"); }

TestSuite(gc, .init = setup, .fini = teardown);

static Node *new_node(OuroTypeHead *type) {
    Node *n = (Node *)ouro_gc_alloc(&heap, (OuroType *)type, sizeof(Node));
    cr_assert_not_null(n);
    return n;
}

Test(gc, smallints_are_immediates) {
    OuroObject *v = ouro_smallint(-42);
    cr_assert(OURO_IS_SMALLINT(v));
    cr_assert_eq(ouro_smallint_value(v), -42);
    cr_assert_eq(ouro_smallint_value(ouro_smallint(OURO_SMALLINT_MAX)), OURO_SMALLINT_MAX);
    cr_assert_eq(ouro_smallint_value(ouro_smallint(OURO_SMALLINT_MIN)), OURO_SMALLINT_MIN);
    ouro_gc_incref(v);   /* no-ops on immediates: must not crash */
    ouro_gc_decref(&heap, v);
}

Test(gc, alloc_counts_and_release_frees) {
    Node *a = new_node(&node_type);
    cr_assert_eq(a->ob.refcnt, 1);
    cr_assert_eq(heap.live_objects, 1);
    ouro_gc_incref(&a->ob);
    ouro_gc_decref(&heap, &a->ob);
    cr_assert_eq(deallocs, 0);
    ouro_gc_decref(&heap, &a->ob);
    cr_assert_eq(deallocs, 1);
    cr_assert_eq(heap.live_objects, 0);
}

Test(gc, scalars_have_no_head_and_are_never_tracked) {
    Node *leaf = new_node(&leaf_type);
    cr_assert_not(ouro_gc_is_container(&leaf->ob));
    cr_assert_not(ouro_gc_is_tracked(&leaf->ob));
    ouro_gc_decref(&heap, &leaf->ob);
}

Test(gc, tracking_links_generation_zero) {
    Node *a = new_node(&node_type);
    cr_assert_not(ouro_gc_is_tracked(&a->ob));
    cr_assert_eq(heap.generations[0].count, 1, "count[0] counts container allocations");
    ouro_gc_track(&heap, &a->ob);
    ouro_gc_track(&heap, &a->ob);   /* idempotent */
    cr_assert(ouro_gc_is_tracked(&a->ob));
    cr_assert_eq(heap.generations[0].count, 1);
    cr_assert_eq(heap.generations[0].head.next, ouro_gc_head(&a->ob));
    ouro_gc_untrack(&heap, &a->ob);
    cr_assert_not(ouro_gc_is_tracked(&a->ob));
    cr_assert_eq(heap.generations[0].count, 1, "untracking does not count");
    ouro_gc_track(&heap, &a->ob);
    ouro_gc_decref(&heap, &a->ob);   /* freeing untracks */
    cr_assert_eq(heap.generations[0].count, 0, "frees count down");
    cr_assert_eq(heap.generations[0].head.next, &heap.generations[0].head);
}

Test(gc, releasing_a_chain_frees_every_node_in_order) {
    Node *head = NULL;
    for (int i = 0; i < 10; i++) {
        Node *n = new_node(&node_type);
        n->id = i;
        n->next = head ? &head->ob : NULL;
        head = n;
    }
    ouro_gc_decref(&heap, &head->ob);
    cr_assert_eq(deallocs, 10);
}

Test(gc, million_long_chain_is_freed_without_deep_recursion) {
    Node *head = NULL;
    for (int i = 0; i < 1000000; i++) {
        Node *n = new_node(&node_type);
        n->next = head ? &head->ob : NULL;
        ouro_gc_track(&heap, &n->ob);
        head = n;
    }
    ouro_gc_decref(&heap, &head->ob);
    cr_assert_eq(deallocs, 1000000);
    cr_assert_leq(max_depth_seen, 64, "dealloc nested %d deep", max_depth_seen);
    cr_assert_eq(heap.generations[0].count, 0);
}

static int count_child(OuroObject *child, void *arg) {
    (void)child;
    ++*(int *)arg;
    return 0;
}

Test(gc, traverse_reports_children) {
    Node *a = new_node(&node_type), *b = new_node(&node_type);
    a->next = &b->ob;
    int seen = 0;
    node_type.hooks.traverse(&a->ob, count_child, &seen);
    cr_assert_eq(seen, 1);
    ouro_gc_decref(&heap, &a->ob);
    cr_assert_eq(deallocs, 2);
}
