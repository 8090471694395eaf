/* vm/str_iter.c — iter(str): yields one-character strings, walking the UTF-8 bytes once
 * (O(1) per step for every string). CPython 3.11 names the ASCII variant
 * "str_ascii_iterator" and the other "str_iterator"; both share this code. The iterator is
 * a container (a str subclass instance may hold a dict) and, as CPython's, always tracked. */
#include "vm/str_internal.h"
#include "vm/obj_iter.h"

typedef struct OuroStrIter {
    OuroObject ob;
    OuroObject *str;                  /* NULL once exhausted */
    size_t pos;                       /* byte offset of the next character */
    size_t index;                     /* code-point index of the next character */
} OuroStrIter;

OuroObject *ouro_str_iter_new(OuroVM *vm, OuroObject *s) {
    OuroType *type = ouro_str_is_ascii(s) ? &ouro_str_ascii_iterator_type
                                          : &ouro_str_iterator_type;
    OuroStrIter *it = (OuroStrIter *)ouro_gc_alloc(ouro_heap(vm), type, sizeof(OuroStrIter));
    if (!it) return ouro_err_no_memory(vm);
    it->str = ouro_newref(s);
    ouro_gc_track(ouro_heap(vm), &it->ob);
    return &it->ob;
}

static OuroObject *str_iter_next(OuroVM *vm, OuroObject *self) {
    OuroStrIter *it = (OuroStrIter *)self;
    OuroObject *s = it->str;
    if (!s) return NULL;
    OuroStr *r = ouro_str_raw(s);
    if (it->pos >= r->size) {
        it->str = NULL;
        ouro_decref(vm, s);
        return NULL;
    }
    const char *p = r->data + it->pos;
    uint32_t cp = ouro_utf8_next(&p);
    it->pos = (size_t)(p - r->data);
    it->index++;
    return ouro_str_char(vm, cp);
}

static OuroObject *str_iter_length_hint(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__length_hint__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroStrIter *it = (OuroStrIter *)self;
    if (!it->str) return ouro_smallint(0);
    return ouro_smallint((intptr_t)(ouro_str_length(it->str) - it->index));
}

static int str_iter_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroStrIter *it = (OuroStrIter *)self;
    return it->str ? visit(it->str, arg) : 0;
}

static void str_iter_clear(OuroHeap *heap, OuroObject *self) {
    OuroStrIter *it = (OuroStrIter *)self;
    OuroObject *s = it->str;
    if (s) {
        it->str = NULL;
        ouro_gc_decref(heap, s);
    }
}

static void str_iter_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroObject *s = ((OuroStrIter *)self)->str;
    ouro_gc_free(heap, self);
    if (s) ouro_gc_decref(heap, s);
}

static const OuroMethodDef str_iter_methods[] = {
    {"__length_hint__", str_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, 0, NULL},
};

#define STR_ITER_TYPE(cname, pyname)                                                         \
    OuroType cname = {                                                                       \
        .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},                                       \
        .hooks = {.traverse = str_iter_traverse, .clear = str_iter_clear,                    \
                  .dealloc = str_iter_dealloc, .gc_flags = OURO_GC_CONTAINER},               \
        .name = pyname,                                                                      \
        .basicsize = sizeof(OuroStrIter),                                                    \
        .iter = ouro_iter_self,                                                              \
        .iternext = str_iter_next,                                                           \
        .methods = str_iter_methods,                                                         \
    };

STR_ITER_TYPE(ouro_str_iterator_type, "str_iterator")
STR_ITER_TYPE(ouro_str_ascii_iterator_type, "str_ascii_iterator")
