/* vm/obj_cell.c — cells: the boxes that closures share a variable through (a function's
 * __closure__ is a tuple of them). A cell is a container: `def f(): f` style recursion
 * through a closure is the classic cycle function -> closure -> cell -> function. */
#include "vm/ouro.h"

OuroObject *ouro_cell_new(OuroVM *vm, OuroObject *value) {
    OuroCell *c = (OuroCell *)ouro_gc_alloc(ouro_heap(vm), &ouro_cell_type, sizeof(OuroCell));
    if (!c) return ouro_err_no_memory(vm);
    c->ref = value;
    ouro_xincref(value);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)c);
    return (OuroObject *)c;
}

static int cell_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroObject *ref = ((OuroCell *)self)->ref;
    return ref ? visit(ref, arg) : 0;
}

static void cell_clear(OuroHeap *heap, OuroObject *self) {
    ouro_clear(ouro_vm_of_heap(heap), &((OuroCell *)self)->ref);
}

static void cell_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroObject *ref = ((OuroCell *)self)->ref;
    ouro_gc_untrack(heap, self);
    ouro_gc_free(heap, self);
    if (ref) ouro_gc_decref(heap, ref);
}

static OuroObject *cell_repr(OuroVM *vm, OuroObject *self) {
    OuroObject *ref = ((OuroCell *)self)->ref;
    if (!ref) return ouro_str_from_format(vm, "<cell at %p: empty>", (void *)self);
    return ouro_str_from_format(vm, "<cell at %p: %s object at %p>", (void *)self,
                                ouro_type_name(ouro_type_of(ref)), (void *)ref);
}

static OuroObject *cell_get_contents(OuroVM *vm, OuroObject *self) {
    OuroObject *ref = ((OuroCell *)self)->ref;
    if (!ref) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "Cell is empty");
        return NULL;
    }
    return ouro_newref(ref);
}

static int cell_set_contents(OuroVM *vm, OuroObject *self, OuroObject *value) {
    ouro_xincref(value);
    ouro_setref(vm, &((OuroCell *)self)->ref, value);
    return 0;
}

/* Cells compare by their contents; an empty cell sorts before a full one (CPython). */
static OuroObject *cell_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (ouro_type_of(a) != &ouro_cell_type || ouro_type_of(b) != &ouro_cell_type)
        return ouro_newref(ouro_not_implemented);
    OuroObject *x = ((OuroCell *)a)->ref, *y = ((OuroCell *)b)->ref;
    if (x && y) return ouro_object_richcompare(vm, x, y, op);
    int cx = x != NULL, cy = y != NULL;
    bool r;
    switch (op) {
    case OURO_LT: r = cx < cy; break;
    case OURO_LE: r = cx <= cy; break;
    case OURO_EQ: r = cx == cy; break;
    case OURO_NE: r = cx != cy; break;
    case OURO_GT: r = cx > cy; break;
    default: r = cx >= cy; break;
    }
    return ouro_bool_from(r);
}

static const OuroGetSetDef cell_getsets[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_cell_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = cell_traverse, .clear = cell_clear, .dealloc = cell_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "cell",
    .basicsize = sizeof(OuroCell),
    .repr = cell_repr,
    .richcompare = cell_richcompare,
    .getsets = cell_getsets,
    .doc = "Create a new cell object.",
};
