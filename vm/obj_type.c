/* vm/obj_type.c — the `type` type: readying static types (MRO, dict of descriptors, slot
 * inheritance), the method cache behind ouro_type_lookup, attribute access on classes,
 * calling a class, and the read-only `mappingproxy` that C.__dict__ returns.
 * Class creation (type(name, bases, dict), C3, heap-type slots) lives in vm/obj_class.c;
 * descriptor objects in vm/obj_method.c. Must not know any concrete built-in type's layout. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"
#include "gc/weakref.h"

#include <stdlib.h>
#include <string.h>

/* ---- method cache ----------------------------------------------------------------------
 * ouro_type_lookup runs on every attribute access, mostly to find NOTHING (instance
 * attributes) or a method. A global direct-mapped cache keyed by (type, interned name)
 * answers both. Invalidation is an epoch bump: any class-attribute change, heap-type death
 * (its address may be reused) or VM teardown makes every entry stale at once. Only
 * interned names are cached: they live as long as the VM, so their addresses are stable. */

enum { CACHE_BITS = 12, CACHE_SIZE = 1 << CACHE_BITS };

typedef struct CacheEntry {
    const OuroType *type;
    const OuroObject *name;
    OuroObject *value;                /* borrowed from a type dict; NULL = "not found" */
    uint64_t epoch;
} CacheEntry;

static CacheEntry method_cache[CACHE_SIZE];
static uint64_t cache_epoch = 1;

void ouro_type_modified(OuroType *type) {
    (void)type;
    cache_epoch++;
}

static inline size_t cache_index(const OuroType *t, const OuroObject *name) {
    uint64_t h = ((uint64_t)(uintptr_t)t >> 3) ^ ((uint64_t)(uintptr_t)name << 5);
    return (size_t)((h * 0x9E3779B97F4A7C15ull) >> (64 - CACHE_BITS));
}

static OuroObject *find_in_mro(OuroType *type, OuroObject *name) {
    OuroObject *mro = type->mro;
    if (mro) {
        size_t n = ouro_tuple_size(mro);
        OuroObject **items = ouro_tuple_items(mro);
        for (size_t i = 0; i < n; i++) {
            OuroObject *dict = ((OuroType *)items[i])->dict;
            if (dict) {
                OuroObject *v = ouro_dict_get_str(dict, name);
                if (v) return v;
            }
        }
        return NULL;
    }
    /* Not ready yet, or cleared by the collector: the base chain is all we have. */
    for (OuroType *b = type; b; b = b->base) {
        if (b->dict) {
            OuroObject *v = ouro_dict_get_str(b->dict, name);
            if (v) return v;
        }
    }
    return NULL;
}

OuroObject *ouro_type_lookup(OuroType *type, OuroObject *name) {
    if (!((const OuroStr *)name)->interned) return find_in_mro(type, name);
    CacheEntry *e = &method_cache[cache_index(type, name)];
    if (e->epoch == cache_epoch && e->type == type && e->name == name) return e->value;
    OuroObject *v = find_in_mro(type, name);
    e->type = type;
    e->name = name;
    e->value = v;
    e->epoch = cache_epoch;
    return v;
}

/* ---- heap-type registry -----------------------------------------------------------------
 * Every live heap type, in creation order: assigning a dunder to a class must re-derive the
 * slots of its subclasses too, and type.__subclasses__() lists them. */

static OuroType **heap_types;
static size_t heap_types_len, heap_types_cap;

int ouro_type_register_heap(OuroType *t) {
    if (heap_types_len == heap_types_cap) {
        size_t cap = heap_types_cap ? heap_types_cap * 2 : 64;
        OuroType **a = realloc(heap_types, cap * sizeof *a);
        if (!a) return -1;
        heap_types = a;
        heap_types_cap = cap;
    }
    heap_types[heap_types_len++] = t;
    return 0;
}

static void forget_heap_type(OuroType *t) {
    for (size_t i = heap_types_len; i-- > 0;) {
        if (heap_types[i] != t) continue;
        memmove(heap_types + i, heap_types + i + 1, (heap_types_len - i - 1) * sizeof *heap_types);
        heap_types_len--;
        break;
    }
    if (heap_types_len == 0) {
        free(heap_types);
        heap_types = NULL;
        heap_types_cap = 0;
    }
}

/* ---- subtype checks and names ------------------------------------------------------------ */

bool ouro_type_is_subtype(OuroType *a, OuroType *b) {
    if (a == b) return true;
    OuroObject *mro = a->mro;
    if (mro) {
        size_t n = ouro_tuple_size(mro);
        OuroObject **items = ouro_tuple_items(mro);
        for (size_t i = 1; i < n; i++)
            if (items[i] == (OuroObject *)b) return true;
        return false;
    }
    for (OuroType *t = a->base; t; t = t->base)
        if (t == b) return true;
    return b == &ouro_object_type;
}

const char *ouro_type_name(const OuroType *type) { return type->name; }

static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }

/* __qualname__ of a static type: its name after the last dot. */
static const char *static_short_name(const OuroType *t) {
    const char *dot = strrchr(t->name, '.');
    return dot ? dot + 1 : t->name;
}

static OuroObject *type_qualname(OuroVM *vm, OuroType *t) {
    if (is_heap(t) && t->heap_qualname) return ouro_newref(t->heap_qualname);
    return ouro_str_from_cstr(vm, static_short_name(t));
}

/* __module__: borrowed from a heap type's dict (NULL if absent); a new str for static types. */
static OuroObject *type_module(OuroVM *vm, OuroType *t, bool *owned) {
    *owned = false;
    if (is_heap(t)) return t->dict ? ouro_dict_get_str(t->dict, OURO_ID(vm, __module__)) : NULL;
    *owned = true;
    const char *dot = strrchr(t->name, '.');
    if (dot) return ouro_str_from_utf8(vm, t->name, (size_t)(dot - t->name));
    return ouro_str_from_cstr(vm, "builtins");
}

/* ---- slot inheritance -------------------------------------------------------------------- */

#define INHERIT(field) \
    do { if (!type->field) type->field = base->field; } while (0)

static void inherit_number_slots(OuroType *type, const OuroType *base) {
    for (int i = 0; i < OURO_NB_COUNT; i++) {
        INHERIT(nb[i]);
        INHERIT(nb_inplace[i]);
    }
    INHERIT(nb_negative);
    INHERIT(nb_positive);
    INHERIT(nb_absolute);
    INHERIT(nb_invert);
    INHERIT(nb_bool);
    INHERIT(nb_int);
    INHERIT(nb_float);
    INHERIT(nb_index);
}

static void inherit_static_layout(OuroType *type, const OuroType *base) {
    bool same_layout = type->basicsize == 0 || type->basicsize == base->basicsize;
    if (type->basicsize == 0) type->basicsize = base->basicsize;
    if (same_layout) {
        INHERIT(itemsize);
        INHERIT(dict_offset);
        if (!type->hooks.weaklist_offset) type->hooks.weaklist_offset = base->hooks.weaklist_offset;
    }
    /* The collector hooks belong to a layout: take them only as a whole, and only when the
     * type declared none of its own. */
    if (!type->hooks.dealloc && !type->hooks.traverse && same_layout) {
        type->hooks.traverse = base->hooks.traverse;
        type->hooks.clear = base->hooks.clear;
        type->hooks.dealloc = base->hooks.dealloc;
        /* Untracking atom-only containers is for the exact tuple and dict types only. */
        type->hooks.gc_flags = base->hooks.gc_flags & OURO_GC_CONTAINER;
    }
}

void ouro_type_inherit_slots(OuroType *type, const OuroType *base, bool heap) {
    if (!heap) inherit_static_layout(type, base);
    type->flags |= base->flags & (OURO_TPFLAG_INT_SUBCLASS | OURO_TPFLAG_STR_SUBCLASS |
                                  OURO_TPFLAG_TUPLE_SUBCLASS | OURO_TPFLAG_LIST_SUBCLASS |
                                  OURO_TPFLAG_DICT_SUBCLASS | OURO_TPFLAG_EXC_SUBCLASS |
                                  OURO_TPFLAG_TYPE_SUBCLASS);
    INHERIT(repr);
    INHERIT(str);
    /* As CPython: a static type defining either __eq__-family or __hash__ keeps its own pair
     * (list defines comparison, so it must not inherit object's identity hash). */
    if (heap || (!type->richcompare && !type->hash)) {
        INHERIT(richcompare);
        INHERIT(hash);
    }
    INHERIT(getattr);
    INHERIT(setattr);
    INHERIT(call);
    INHERIT(iter);
    INHERIT(iternext);
    INHERIT(descr_get);
    INHERIT(descr_set);
    /* Static types deriving directly from object cannot be instantiated unless they say
     * how (CPython's DISALLOW_INSTANTIATION rule): "cannot create 'function' instances". */
    if (heap || base != &ouro_object_type) INHERIT(new_);
    INHERIT(init);
    inherit_number_slots(type, base);
    INHERIT(length);
    INHERIT(getitem);
    INHERIT(setitem);
    INHERIT(contains);
}

#undef INHERIT

/* ---- readying static types ----------------------------------------------------------------- */

static int add_methods(OuroVM *vm, OuroType *t) {
    for (const OuroMethodDef *d = t->methods; d && d->name; d++) {
        OuroObject *v;
        if (d->flags & OURO_METH_STATIC) {
            OuroObject *fn = ouro_cfunction_new(vm, d, NULL, NULL);
            if (!fn) return -1;
            v = ouro_object_call1(vm, (OuroObject *)&ouro_staticmethod_type, fn);
            ouro_decref(vm, fn);
        } else if (d->flags & OURO_METH_CLASS) {
            OuroObject *descr = ouro_method_descriptor_new(vm, d, t);
            if (!descr) return -1;
            v = ouro_object_call1(vm, (OuroObject *)&ouro_classmethod_type, descr);
            ouro_decref(vm, descr);
        } else {
            v = ouro_method_descriptor_new(vm, d, t);
        }
        if (!v) return -1;
        int r = ouro_dict_set_cstr(vm, t->dict, d->name, v);
        ouro_decref(vm, v);
        if (r < 0) return -1;
    }
    return 0;
}

static int add_getsets(OuroVM *vm, OuroType *t) {
    for (const OuroGetSetDef *d = t->getsets; d && d->name; d++) {
        OuroObject *v = ouro_getset_descriptor_new(vm, d, t);
        if (!v) return -1;
        int r = ouro_dict_set_cstr(vm, t->dict, d->name, v);
        ouro_decref(vm, v);
        if (r < 0) return -1;
    }
    return 0;
}

static int set_doc(OuroVM *vm, OuroType *t) {
    if (ouro_dict_get_str(t->dict, OURO_ID(vm, __doc__))) return 0;
    OuroObject *doc = t->doc ? ouro_str_from_cstr(vm, t->doc) : ouro_newref(ouro_none);
    if (!doc) return -1;
    int r = ouro_dict_set(vm, t->dict, OURO_ID(vm, __doc__), doc);
    ouro_decref(vm, doc);
    return r;
}

static int make_bases_and_mro(OuroVM *vm, OuroType *t) {
    if (!t->base) {
        t->bases = ouro_newref(vm->empty_tuple);
        t->mro = ouro_tuple_pack(vm, 1, (OuroObject *)t);
        return t->mro ? 0 : -1;
    }
    t->bases = ouro_tuple_pack(vm, 1, (OuroObject *)t->base);
    if (!t->bases) return -1;
    OuroObject *base_mro = t->base->mro;
    size_t n = ouro_tuple_size(base_mro);
    OuroObject *mro = ouro_tuple_new(vm, n + 1);
    if (!mro) return -1;
    ouro_tuple_items(mro)[0] = ouro_newref((OuroObject *)t);
    for (size_t i = 0; i < n; i++) ouro_tuple_items(mro)[i + 1] = ouro_newref(ouro_tuple_get(base_mro, i));
    ouro_tuple_track_if_needed(vm, mro);
    t->mro = mro;
    return 0;
}

int ouro_type_ready(OuroVM *vm, OuroType *t) {
    if (t->flags & OURO_TPFLAG_READY) return 0;
    if (!t->ob.type) t->ob.type = &ouro_type_type;
    if (!t->base && t != &ouro_object_type) t->base = &ouro_object_type;
    if (t->base && ouro_type_ready(vm, t->base) < 0) return -1;
    if (make_bases_and_mro(vm, t) < 0) goto fail;
    if (!t->dict && !(t->dict = ouro_dict_new(vm))) goto fail;
    /* Slot wrappers first: they compare this type's slots with its base's, which only
     * means "defined here" before inheritance fills the gaps. */
    if (add_methods(vm, t) < 0 || add_getsets(vm, t) < 0 || ouro_slot_wrappers_add(vm, t) < 0 ||
        set_doc(vm, t) < 0)
        goto fail;
    if (t->base) ouro_type_inherit_slots(t, t->base, false);
    if ((!t->hash || t->hash == ouro_hash_unhashable) && !ouro_dict_get_str(t->dict, OURO_ID(vm, __hash__)) &&
        ouro_dict_set(vm, t->dict, OURO_ID(vm, __hash__), ouro_none) < 0)
        goto fail;
    t->flags |= OURO_TPFLAG_READY;
    ouro_type_modified(t);
    return 0;
fail:
    ouro_type_release_static(vm, t);
    return -1;
}

void ouro_type_release_static(OuroVM *vm, OuroType *t) {
    ouro_type_modified(t);
    OuroObject *dict = t->dict;
    t->dict = NULL;
    if (dict) {
        ouro_dict_clear(vm, dict);
        ouro_decref(vm, dict);
    }
    ouro_clear(vm, &t->bases);
    ouro_clear(vm, &t->mro);
    t->flags &= ~(unsigned long)OURO_TPFLAG_READY;
    /* object goes last: a heap type still registered now was leaked by this VM, and must
     * not be touched by the next one. */
    if (t == &ouro_object_type) {
        free(heap_types);
        heap_types = NULL;
        heap_types_len = heap_types_cap = 0;
    }
}

/* ---- the type object's hooks (heap types only: static types are immortal and have no GC
 * head) --------------------------------------------------------------------------------- */

static int type_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroType *t = (OuroType *)self;
    if (!is_heap(t)) return 0;
    OuroObject *fields[] = {t->dict, t->bases, t->mro, t->heap_name, t->heap_qualname,
                            (OuroObject *)t->base};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    if (is_heap(self->type)) return visit((OuroObject *)self->type, arg);
    return 0;
}

/* As CPython's type_clear: empty the dict (methods referring back to the class are what
 * makes the cycles) and drop the MRO; the rest goes with the object. */
static void type_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroType *t = (OuroType *)self;
    ouro_type_modified(t);
    if (t->dict) ouro_dict_clear(vm, t->dict);
    ouro_clear(vm, &t->mro);
}

static void type_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroType *t = (OuroType *)self;
    OuroType *meta = self->type;
    ouro_gc_untrack(heap, self);
    if (t->weaklist) ouro_gc_clear_weakrefs(heap, self);
    forget_heap_type(t);
    ouro_type_modified(t);
    ouro_clear(vm, &t->dict);
    ouro_clear(vm, &t->bases);
    ouro_clear(vm, &t->mro);
    ouro_clear(vm, &t->heap_qualname);
    OuroObject *base = (OuroObject *)t->base;
    t->base = NULL;
    ouro_xdecref(vm, base);
    ouro_clear(vm, &t->heap_name);
    ouro_gc_free(heap, self);
    if (is_heap(meta)) ouro_gc_decref(heap, (OuroObject *)meta);
}

/* ---- repr, call, attributes --------------------------------------------------------------- */

static OuroObject *type_repr(OuroVM *vm, OuroObject *self) {
    OuroType *t = (OuroType *)self;
    bool owned;
    OuroObject *mod = type_module(vm, t, &owned);
    if (!mod && owned) return NULL;
    OuroObject *result;
    if (mod && ouro_str_check(mod) && !ouro_str_equal_cstr(mod, "builtins")) {
        OuroObject *qual = type_qualname(vm, t);
        result = qual ? ouro_str_from_format(vm, "<class '%U.%U'>", mod, qual) : NULL;
        ouro_xdecref(vm, qual);
    } else {
        result = ouro_str_from_format(vm, "<class '%s'>", t->name);
    }
    if (owned) ouro_decref(vm, mod);
    return result;
}

static bool has_keywords(OuroObject *kwnames) { return kwnames && ouro_tuple_size(kwnames) > 0; }

static OuroObject *type_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    OuroType *type = (OuroType *)callable;
    if (type == &ouro_type_type) {
        if (nargs == 1 && !has_keywords(kwnames)) return ouro_newref((OuroObject *)ouro_type_of(args[0]));
        if (nargs != 3) return ouro_err_format(vm, &ouro_exc_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!type->new_)
        return ouro_err_format(vm, &ouro_exc_TypeError, "cannot create '%s' instances", type->name);
    OuroObject *obj = type->new_(vm, type, args, nargs, kwnames);
    if (!obj) return NULL;
    OuroType *ot = ouro_type_of(obj);
    /* __init__ runs only when __new__ returned an instance of the class called. */
    if (ot != type && !ouro_type_is_subtype(ot, type)) return obj;
    if (ot->init && ot->init(vm, obj, args, nargs, kwnames) < 0) {
        ouro_decref(vm, obj);
        return NULL;
    }
    return obj;
}

static int type_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                     OuroObject *kwnames) {
    if (nargs == 1 && has_keywords(kwnames)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static OuroObject *call_descr_get(OuroVM *vm, OuroDescrGetFn get, OuroObject *descr,
                                  OuroObject *obj, OuroObject *type) {
    ouro_incref(descr);   /* the dict holding it may change while __get__ runs */
    OuroObject *r = get(vm, descr, obj, type);
    ouro_decref(vm, descr);
    return r;
}

/* Attribute lookup on a class (CPython's type_getattro): data descriptors of the metatype,
 * then the class's MRO (binding with obj NULL), then the metatype's other attributes. */
static OuroObject *type_getattro(OuroVM *vm, OuroObject *self, OuroObject *name) {
    OuroType *type = (OuroType *)self;
    OuroType *meta = ouro_type_of(self);
    if (!ouro_str_check(name))
        return ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
    OuroObject *meta_attr = ouro_type_lookup(meta, name);
    OuroDescrGetFn meta_get = NULL;
    if (meta_attr) {
        OuroType *mt = ouro_type_of(meta_attr);
        meta_get = mt->descr_get;
        if (meta_get && mt->descr_set)
            return call_descr_get(vm, meta_get, meta_attr, self, (OuroObject *)meta);
    }
    OuroObject *attr = ouro_type_lookup(type, name);
    if (attr) {
        OuroDescrGetFn local_get = ouro_type_of(attr)->descr_get;
        if (local_get) return call_descr_get(vm, local_get, attr, NULL, self);
        return ouro_newref(attr);
    }
    if (meta_get) return call_descr_get(vm, meta_get, meta_attr, self, (OuroObject *)meta);
    if (meta_attr) return ouro_newref(meta_attr);
    return ouro_err_format(vm, &ouro_exc_AttributeError, "type object '%s' has no attribute '%U'",
                           type->name, name);
}

static bool is_dunder(OuroObject *name) {
    size_t n = ouro_str_size(name);
    const char *s = ouro_str_cstr(name);
    return n > 4 && s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

/* A dunder assigned to a class changes the slots of that class and of its subclasses. */
static int update_subclass_slots(OuroVM *vm, OuroType *type, OuroObject *name) {
    if (ouro_class_update_slots(vm, type, name) < 0) return -1;
    for (size_t i = 0; i < heap_types_len; i++) {
        OuroType *sub = heap_types[i];
        if (sub != type && ouro_type_is_subtype(sub, type) &&
            ouro_class_update_slots(vm, sub, name) < 0)
            return -1;
    }
    return 0;
}

static int type_setattro(OuroVM *vm, OuroObject *self, OuroObject *name, OuroObject *value) {
    OuroType *type = (OuroType *)self;
    if (!ouro_str_check(name)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
        return -1;
    }
    if (!is_heap(type)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "cannot set %R attribute of immutable type '%s'",
                        name, type->name);
        return -1;
    }
    OuroObject *meta_attr = ouro_type_lookup(ouro_type_of(self), name);
    if (meta_attr) {
        OuroDescrSetFn set = ouro_type_of(meta_attr)->descr_set;
        if (set) {
            ouro_incref(meta_attr);
            int r = set(vm, meta_attr, self, value);
            ouro_decref(vm, meta_attr);
            return r;
        }
    }
    OuroObject *key = ouro_str_intern(vm, name);   /* interned keys keep the cache useful */
    if (!key) return -1;
    int r;
    if (value) {
        r = ouro_dict_set(vm, type->dict, key, value);
    } else {
        r = ouro_dict_discard(vm, type->dict, key);
        if (r == 0) {
            ouro_err_format(vm, &ouro_exc_AttributeError, "type object '%s' has no attribute '%U'",
                            type->name, name);
            r = -1;
        }
    }
    ouro_type_modified(type);
    if (r >= 0 && is_dunder(key)) r = update_subclass_slots(vm, type, key);
    ouro_decref(vm, key);
    return r < 0 ? -1 : 0;
}

/* ---- getsets ------------------------------------------------------------------------------ */

static OuroObject *get_name(OuroVM *vm, OuroObject *self) {
    OuroType *t = (OuroType *)self;
    if (is_heap(t) && t->heap_name) return ouro_newref(t->heap_name);
    return ouro_str_from_cstr(vm, static_short_name(t));
}

/* The checks CPython makes before renaming a heap type. */
static int check_name_value(OuroVM *vm, OuroType *t, OuroObject *value, const char *attr) {
    if (!value) {
        ouro_err_format(vm, &ouro_exc_TypeError, "cannot delete '%s' attribute of immutable type '%s'",
                        attr, t->name);
        return -1;
    }
    if (!ouro_str_check(value)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "can only assign string to %s.%s, not '%T'",
                        t->name, attr, value);
        return -1;
    }
    if (strlen(ouro_str_cstr(value)) != ouro_str_size(value)) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "type name must not contain null characters");
        return -1;
    }
    return 0;
}

static int set_name(OuroVM *vm, OuroObject *self, OuroObject *value) {
    OuroType *t = (OuroType *)self;
    if (check_name_value(vm, t, value, "__name__") < 0) return -1;
    ouro_setref(vm, &t->heap_name, ouro_newref(value));
    t->name = ouro_str_cstr(t->heap_name);
    return 0;
}

static OuroObject *get_qualname(OuroVM *vm, OuroObject *self) {
    return type_qualname(vm, (OuroType *)self);
}

static int set_qualname(OuroVM *vm, OuroObject *self, OuroObject *value) {
    OuroType *t = (OuroType *)self;
    if (check_name_value(vm, t, value, "__qualname__") < 0) return -1;
    ouro_setref(vm, &t->heap_qualname, ouro_newref(value));
    return 0;
}

static OuroObject *get_module(OuroVM *vm, OuroObject *self) {
    bool owned;
    OuroObject *mod = type_module(vm, (OuroType *)self, &owned);
    if (owned) return mod;
    if (!mod) return ouro_err_format(vm, &ouro_exc_AttributeError, "__module__");
    return ouro_newref(mod);
}

static int set_in_type_dict(OuroVM *vm, OuroObject *self, OuroObject *key, OuroObject *value) {
    OuroType *t = (OuroType *)self;
    ouro_type_modified(t);
    if (value) return ouro_dict_set(vm, t->dict, key, value);
    int r = ouro_dict_discard(vm, t->dict, key);
    if (r == 0) ouro_err_format(vm, &ouro_exc_AttributeError, "%U", key);
    return r <= 0 ? -1 : 0;
}

static int set_module(OuroVM *vm, OuroObject *self, OuroObject *value) {
    return set_in_type_dict(vm, self, OURO_ID(vm, __module__), value);
}

static OuroObject *get_doc(OuroVM *vm, OuroObject *self) {
    OuroType *t = (OuroType *)self;
    if (!is_heap(t)) return t->doc ? ouro_str_from_cstr(vm, t->doc) : ouro_newref(ouro_none);
    OuroObject *doc = t->dict ? ouro_dict_get_str(t->dict, OURO_ID(vm, __doc__)) : NULL;
    if (!doc) return ouro_newref(ouro_none);
    OuroDescrGetFn get = ouro_type_of(doc)->descr_get;
    if (get) return call_descr_get(vm, get, doc, NULL, self);
    return ouro_newref(doc);
}

static int set_doc_attr(OuroVM *vm, OuroObject *self, OuroObject *value) {
    return set_in_type_dict(vm, self, OURO_ID(vm, __doc__), value);
}

static OuroObject *get_dict(OuroVM *vm, OuroObject *self) {
    OuroType *t = (OuroType *)self;
    if (!t->dict) return ouro_newref(ouro_none);
    return ouro_mappingproxy_new(vm, t->dict);
}

static OuroObject *or_none(OuroObject *o) { return ouro_newref(o ? o : ouro_none); }

static OuroObject *get_mro(OuroVM *vm, OuroObject *self) { return or_none(((OuroType *)self)->mro); }
static OuroObject *get_bases(OuroVM *vm, OuroObject *self) {
    return or_none(((OuroType *)self)->bases);
}
static OuroObject *get_base(OuroVM *vm, OuroObject *self) {
    return or_none((OuroObject *)((OuroType *)self)->base);
}

static OuroObject *get_annotations(OuroVM *vm, OuroObject *self) {
    OuroType *t = (OuroType *)self;
    if (!is_heap(t))
        return ouro_err_format(vm, &ouro_exc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                               t->name);
    OuroObject *ann = ouro_dict_get_str(t->dict, OURO_ID(vm, __annotations__));
    if (ann) {
        OuroDescrGetFn get = ouro_type_of(ann)->descr_get;
        return get ? call_descr_get(vm, get, ann, NULL, self) : ouro_newref(ann);
    }
    ann = ouro_dict_new(vm);
    if (ann && set_in_type_dict(vm, self, OURO_ID(vm, __annotations__), ann) < 0) ouro_clear(vm, &ann);
    return ann;
}

static int set_annotations(OuroVM *vm, OuroObject *self, OuroObject *value) {
    OuroType *t = (OuroType *)self;
    if (!is_heap(t)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'",
                        t->name);
        return -1;
    }
    return set_in_type_dict(vm, self, OURO_ID(vm, __annotations__), value);
}

static const OuroGetSetDef type_getsets[] = {
    {"__name__", get_name, set_name, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL},
    {"__module__", get_module, set_module, NULL},
    {"__doc__", get_doc, set_doc_attr, NULL},
    {"__dict__", get_dict, NULL, NULL},
    {"__mro__", get_mro, NULL, NULL},
    {"__bases__", get_bases, NULL, NULL},
    {"__base__", get_base, NULL, NULL},
    {"__annotations__", get_annotations, set_annotations, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ---- methods ------------------------------------------------------------------------------ */

static OuroObject *type_mro(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "mro", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroType *t = (OuroType *)self;
    if (!t->mro) return ouro_list_new(vm, 0);
    return ouro_list_from_iterable(vm, t->mro);
}

static OuroObject *type_subclasses(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__subclasses__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *list = ouro_list_new(vm, 0);
    for (size_t i = 0; list && i < heap_types_len; i++) {
        OuroObject *bases = heap_types[i]->bases;
        if (!bases) continue;
        for (size_t j = 0; j < ouro_tuple_size(bases); j++) {
            if (ouro_tuple_get(bases, j) != self) continue;
            if (ouro_list_append(vm, list, (OuroObject *)heap_types[i]) < 0) ouro_clear(vm, &list);
            break;
        }
    }
    return list;
}

static OuroObject *type_instancecheck(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__instancecheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_bool_from(ouro_object_is_instance_of_type(args[0], (OuroType *)self));
}

static OuroObject *type_subclasscheck(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__subclasscheck__", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *sub = args[0];
    if (OURO_IS_SMALLINT(sub) || !ouro_type_has_flag(ouro_type_of(sub), OURO_TPFLAG_TYPE_SUBCLASS))
        return ouro_err_format(vm, &ouro_exc_TypeError, "issubclass() arg 1 must be a class");
    return ouro_bool_from(ouro_type_is_subtype((OuroType *)sub, (OuroType *)self));
}

/* dir(cls): the names in the dicts of the class and everything on its MRO. */
static OuroObject *type_dir(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "__dir__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroType *t = (OuroType *)self;
    OuroObject *names = ouro_dict_new(vm);
    if (!names) return NULL;
    OuroObject *mro = t->mro;
    size_t n = mro ? ouro_tuple_size(mro) : 0;
    for (size_t i = n; i-- > 0;) {
        OuroObject *d = ((OuroType *)ouro_tuple_get(mro, i))->dict;
        if (d && ouro_dict_merge(vm, names, d, true) < 0) {
            ouro_decref(vm, names);
            return NULL;
        }
    }
    OuroObject *list = ouro_dict_keys_list(vm, names);
    ouro_decref(vm, names);
    return list;
}

static OuroObject *type_sizeof(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                               OuroObject *kwnames) {
    if (ouro_args_check(vm, "__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, (int64_t)sizeof(OuroType));
}

static OuroObject *type_prepare(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    return ouro_dict_new(vm);
}

static const OuroMethodDef type_methods[] = {
    {"mro", type_mro, 0, "Return a type's method resolution order."},
    {"__subclasses__", type_subclasses, 0, "Return a list of immediate subclasses."},
    {"__instancecheck__", type_instancecheck, 0, "Check if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, 0, "Check if a class is a subclass."},
    {"__dir__", type_dir, 0, "Specialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, 0, "Return memory consumption of the type object."},
    {"__prepare__", type_prepare, OURO_METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_type_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = type_traverse, .clear = type_clear, .dealloc = type_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(OuroType, weaklist)},
    .name = "type",
    .basicsize = sizeof(OuroType),
    .dict_offset = offsetof(OuroType, dict),
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_TYPE_SUBCLASS,
    .repr = type_repr,
    .getattr = type_getattro,
    .setattr = type_setattro,
    .call = type_call,
    .new_ = ouro_type_new_slot,
    .init = type_init,
    .methods = type_methods,
    .getsets = type_getsets,
    .doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

/* ---- mappingproxy --------------------------------------------------------------------------- */

typedef struct MappingProxy {
    OuroObject ob;
    OuroObject *mapping;
} MappingProxy;

static OuroObject *proxied(OuroObject *self) { return ((MappingProxy *)self)->mapping; }

OuroObject *ouro_mappingproxy_new(OuroVM *vm, OuroObject *mapping) {
    MappingProxy *p = (MappingProxy *)ouro_gc_alloc(ouro_heap(vm), &ouro_mappingproxy_type,
                                                    sizeof(MappingProxy));
    if (!p) return ouro_err_no_memory(vm);
    p->mapping = ouro_newref(mapping);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)p);
    return (OuroObject *)p;
}

static OuroObject *mappingproxy_new(OuroVM *vm, OuroType *type, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"mapping"};
    OuroObject *mapping;
    if (ouro_args_bind(vm, "mappingproxy", args, nargs, kwnames, names, 1, 0, 1, &mapping) < 0)
        return NULL;
    OuroType *mt = ouro_type_of(mapping);
    if (!ouro_dict_check(mapping) &&
        (!mt->getitem || ouro_list_check(mapping) || ouro_tuple_check(mapping)))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "mappingproxy() argument must be a mapping, not %T", mapping);
    return ouro_mappingproxy_new(vm, mapping);
}

static int mappingproxy_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    return visit(proxied(self), arg);
}

static void mappingproxy_dealloc(OuroHeap *heap, OuroObject *self) {
    ouro_gc_untrack(heap, self);
    OuroObject *m = proxied(self);
    ouro_gc_free(heap, self);
    ouro_gc_decref(heap, m);
}

static OuroObject *mappingproxy_repr(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_format(vm, "mappingproxy(%R)", proxied(self));
}

static OuroObject *mappingproxy_str(OuroVM *vm, OuroObject *self) {
    return ouro_object_str(vm, proxied(self));
}

static OuroObject *mappingproxy_getitem(OuroVM *vm, OuroObject *self, OuroObject *key) {
    return ouro_object_getitem(vm, proxied(self), key);
}

static intptr_t mappingproxy_len(OuroVM *vm, OuroObject *self) {
    return ouro_object_length(vm, proxied(self));
}

static int mappingproxy_contains(OuroVM *vm, OuroObject *self, OuroObject *key) {
    return ouro_object_contains(vm, proxied(self), key);
}

static OuroObject *mappingproxy_iter(OuroVM *vm, OuroObject *self) {
    return ouro_object_getiter(vm, proxied(self));
}

static OuroObject *mappingproxy_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (OURO_IS_SMALLINT(a) || a->type != &ouro_mappingproxy_type) return ouro_newref(ouro_not_implemented);
    return ouro_object_richcompare(vm, proxied(a), b, op);
}

/* keys(), values(), items(), get(), copy() are the underlying mapping's. */
static OuroObject *forward(OuroVM *vm, OuroObject *self, OuroObject *name,
                           OuroObject *const *args, size_t nargs, OuroObject *kwnames,
                           const char *fname, size_t min, size_t max) {
    if (ouro_args_check(vm, fname, nargs, kwnames, min, max) < 0) return NULL;
    return ouro_object_call_method(vm, proxied(self), name, args, nargs);
}

static OuroObject *mp_keys(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    return forward(vm, self, OURO_ID(vm, keys), args, nargs, kwnames, "keys", 0, 0);
}
static OuroObject *mp_values(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return forward(vm, self, OURO_ID(vm, values), args, nargs, kwnames, "values", 0, 0);
}
static OuroObject *mp_items(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    return forward(vm, self, OURO_ID(vm, items), args, nargs, kwnames, "items", 0, 0);
}
static OuroObject *mp_get(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                          OuroObject *kwnames) {
    return forward(vm, self, OURO_ID(vm, get), args, nargs, kwnames, "get", 1, 2);
}
static OuroObject *mp_copy(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    return forward(vm, self, OURO_ID(vm, copy), args, nargs, kwnames, "copy", 0, 0);
}

static const OuroMethodDef mappingproxy_methods[] = {
    {"keys", mp_keys, 0, "D.keys() -> a set-like object providing a view on D's keys"},
    {"values", mp_values, 0, "D.values() -> an object providing a view on D's values"},
    {"items", mp_items, 0, "D.items() -> a set-like object providing a view on D's items"},
    {"get", mp_get, 0, "Return the value for key if key is in the mapping, else default."},
    {"copy", mp_copy, 0, "D.copy() -> a shallow copy of D"},
    {NULL, NULL, 0, NULL},
};

OuroType ouro_mappingproxy_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = mappingproxy_traverse, .dealloc = mappingproxy_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "mappingproxy",
    .basicsize = sizeof(MappingProxy),
    .repr = mappingproxy_repr,
    .str = mappingproxy_str,
    .richcompare = mappingproxy_richcompare,
    .iter = mappingproxy_iter,
    .new_ = mappingproxy_new,
    .length = mappingproxy_len,
    .getitem = mappingproxy_getitem,
    .contains = mappingproxy_contains,
    .methods = mappingproxy_methods,
    .doc = "Read-only proxy of a mapping.",
};
