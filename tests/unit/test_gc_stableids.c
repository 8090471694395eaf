/* Unit tests of -X stableids' numbering in gc/watch.c, on the gc layer alone: numbers in
 * allocation order from 1, never reused after a free, kept across a resize that moves the
 * object, raw blocks left unnumbered, older objects unnumbered, and a table that survives
 * growth and many deletions (backward-shift deletion must keep every entry reachable). */
#include <criterion/criterion.h>

#include "gc/gc.h"

#include <stdlib.h>

typedef struct Blob {
    OuroObject ob;
    char data[8];
} Blob;

static void blob_dealloc(OuroHeap *heap, OuroObject *self) { ouro_gc_free(heap, self); }

static OuroTypeHead scalar_type = {
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.dealloc = blob_dealloc},
};

static OuroTypeHead container_type = {   /* no references: traverse is never needed here */
    .ob = {OURO_IMMORTAL_REFCNT, NULL},
    .hooks = {.dealloc = blob_dealloc, .gc_flags = OURO_GC_CONTAINER},
};

static OuroHeap heap;

static void setup(void) { ouro_heap_init(&heap); }

static void teardown(void) {
    cr_assert_eq(ouro_heap_fini(&heap), 0, "objects leaked");
    cr_assert_null(heap.stable_ids, "heap_fini frees the table");
}

TestSuite(stableids, .init = setup, .fini = teardown);

static OuroObject *new_blob(OuroTypeHead *type) {
    OuroObject *o = ouro_gc_alloc(&heap, (OuroType *)type, sizeof(Blob));
    cr_assert_not_null(o);
    return o;
}

static uint64_t id_of(const void *o) { return ouro_gc_stable_id(&heap, o); }

Test(stableids, off_by_default) {
    OuroObject *a = new_blob(&scalar_type);
    cr_assert_eq(id_of(a), 0);
    cr_assert(!heap.watching);
    ouro_gc_decref(&heap, a);
}

Test(stableids, numbers_in_allocation_order_and_never_reused) {
    OuroObject *before = new_blob(&scalar_type);
    cr_assert_eq(ouro_gc_stable_ids_enable(&heap), 0);
    cr_assert(heap.watching);
    OuroObject *a = new_blob(&scalar_type), *b = new_blob(&container_type);
    cr_assert_eq(id_of(before), 0, "objects older than the mode keep their address");
    cr_assert_eq(id_of(a), 1);
    cr_assert_eq(id_of(b), 2);
    ouro_gc_decref(&heap, a);
    cr_assert_eq(id_of(a), 0, "a freed object has no number");
    OuroObject *c = new_blob(&scalar_type);   /* likely a's block again */
    cr_assert_eq(id_of(c), 3, "numbers are not reused");
    void *raw = ouro_gc_raw_alloc(&heap, 32);
    cr_assert_eq(id_of(raw), 0, "raw blocks are not numbered");
    ouro_gc_raw_free(&heap, raw);
    OuroObject *d = new_blob(&scalar_type);
    cr_assert_eq(id_of(d), 4);
    cr_assert_eq(ouro_gc_stable_ids_enable(&heap), 0, "enabling twice keeps the numbers");
    cr_assert_eq(id_of(d), 4);
    ouro_gc_decref(&heap, b);
    ouro_gc_decref(&heap, c);
    ouro_gc_decref(&heap, d);
    ouro_gc_decref(&heap, before);
}

static void check_resize(OuroTypeHead *type) {
    cr_assert_eq(ouro_gc_stable_ids_enable(&heap), 0);
    OuroObject *o = new_blob(type);
    OuroObject *other = new_blob(type);
    uint64_t n = id_of(o);
    cr_assert_neq(n, 0);
    OuroObject *moved = ouro_gc_realloc(&heap, o, 100000);   /* too big for a pool: moves */
    cr_assert_not_null(moved);
    cr_assert_eq(id_of(moved), n, "a resized object keeps its number");
    if (moved != o) cr_assert_eq(id_of(o), 0);
    OuroObject *next = new_blob(type);
    cr_assert_eq(id_of(next), id_of(other) + 1, "a resize does not take a new number");
    moved = ouro_gc_realloc(&heap, moved, sizeof(Blob));
    cr_assert_eq(id_of(moved), n);
    ouro_gc_decref(&heap, moved);
    ouro_gc_decref(&heap, other);
    ouro_gc_decref(&heap, next);
}

Test(stableids, resize_keeps_the_number_scalar) { check_resize(&scalar_type); }
Test(stableids, resize_keeps_the_number_container) { check_resize(&container_type); }

Test(stableids, table_growth_and_deletions) {
    enum { N = 50000 };
    OuroObject **objs = calloc(N, sizeof *objs);
    cr_assert_not_null(objs);
    cr_assert_eq(ouro_gc_stable_ids_enable(&heap), 0);
    for (int i = 0; i < N; i++) objs[i] = new_blob(i % 2 ? &scalar_type : &container_type);
    for (int i = 0; i < N; i += 3) {
        ouro_gc_decref(&heap, objs[i]);
        objs[i] = NULL;
    }
    for (int i = 0; i < N; i++)
        if (objs[i]) cr_assert_eq(id_of(objs[i]), (uint64_t)i + 1, "object %d", i);
    OuroObject *late = new_blob(&scalar_type);
    cr_assert_eq(id_of(late), (uint64_t)N + 1);
    ouro_gc_decref(&heap, late);
    for (int i = 0; i < N; i++)
        if (objs[i]) ouro_gc_decref(&heap, objs[i]);
    free(objs);
}
