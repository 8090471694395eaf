/* vm/obj_super.c — super(): the zero-argument form (the __class__ cell and first argument of
 * the calling frame, via ouro_eval_super_args) and super(type, obj). Attribute lookup starts
 * after `type` in type(obj).__mro__ and binds what it finds to obj, as CPython's
 * super_getattro; anything else (and __class__) is the super object's own. */
#include "vm/ouro.h"

typedef struct Super {
    OuroObject ob;
    OuroType *type;                   /* the class super() was called for (a reference) */
    OuroObject *obj;                  /* the instance or class bound to, or NULL */
    OuroType *obj_type;               /* type(obj), or obj itself when it is a class */
} Super;

static Super *as_super(OuroObject *o) { return (Super *)o; }
static bool is_heap(const OuroType *t) { return (t->flags & OURO_TPFLAG_HEAPTYPE) != 0; }
static bool is_type(OuroObject *o) {
    return ouro_type_has_flag(ouro_type_of(o), OURO_TPFLAG_TYPE_SUBCLASS);
}

/* CPython's supercheck: the type whose MRO the lookup walks. */
static OuroType *supercheck(OuroVM *vm, OuroType *type, OuroObject *obj) {
    if (is_type(obj) && ouro_type_is_subtype((OuroType *)obj, type)) return (OuroType *)obj;
    OuroType *ot = ouro_type_of(obj);
    if (ouro_type_is_subtype(ot, type)) return ot;
    ouro_err_set_str(vm, &ouro_exc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return NULL;
}

static OuroObject *super_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    if (is_heap(type)) ouro_incref((OuroObject *)type);
    ouro_gc_track(ouro_heap(vm), o);
    return o;
}

static int super_init(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                      OuroObject *kwnames) {
    if (kwnames && ouro_tuple_size(kwnames) > 0) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "super() takes no keyword arguments");
        return -1;
    }
    if (nargs > 2) {
        ouro_err_format(vm, &ouro_exc_TypeError, "super() takes at most 2 arguments (%zu given)", nargs);
        return -1;
    }
    OuroType *type;
    OuroObject *obj = NULL;
    if (nargs == 0) {
        if (ouro_eval_super_args(vm, &type, &obj) < 0) return -1;
    } else {
        if (!is_type(args[0])) {
            ouro_err_format(vm, &ouro_exc_TypeError, "super() argument 1 must be a type, not %s",
                            ouro_type_name(ouro_type_of(args[0])));
            return -1;
        }
        type = (OuroType *)args[0];
        obj = nargs == 2 && args[1] != ouro_none ? args[1] : NULL;
    }
    OuroType *obj_type = NULL;
    if (obj && !(obj_type = supercheck(vm, type, obj))) return -1;
    Super *su = as_super(self);
    ouro_setref(vm, (OuroObject **)&su->type, ouro_newref((OuroObject *)type));
    ouro_setref(vm, &su->obj, obj ? ouro_newref(obj) : NULL);
    ouro_setref(vm, (OuroObject **)&su->obj_type, obj_type ? ouro_newref((OuroObject *)obj_type) : NULL);
    return 0;
}

static int super_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    Super *su = as_super(self);
    int r;
    if (su->type && (r = visit((OuroObject *)su->type, arg))) return r;
    if (su->obj && (r = visit(su->obj, arg))) return r;
    if (su->obj_type && (r = visit((OuroObject *)su->obj_type, arg))) return r;
    return is_heap(self->type) ? visit((OuroObject *)self->type, arg) : 0;
}

static void super_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    Super *su = as_super(self);
    ouro_clear(vm, (OuroObject **)&su->type);
    ouro_clear(vm, &su->obj);
    ouro_clear(vm, (OuroObject **)&su->obj_type);
}

static void super_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroType *type = self->type;
    ouro_gc_untrack(heap, self);
    super_clear(heap, self);
    ouro_gc_free(heap, self);
    if (is_heap(type)) ouro_gc_decref(heap, (OuroObject *)type);
}

static OuroObject *super_repr(OuroVM *vm, OuroObject *self) {
    Super *su = as_super(self);
    const char *tname = su->type ? su->type->name : "NULL";
    if (su->obj_type)
        return ouro_str_from_format(vm, "<super: <class '%s'>, <%s object>>", tname, su->obj_type->name);
    return ouro_str_from_format(vm, "<super: <class '%s'>, NULL>", tname);
}

/* Looks name up in the MRO of obj_type after su->type, binding what it finds. */
static OuroObject *super_getattro(OuroVM *vm, OuroObject *self, OuroObject *name) {
    Super *su = as_super(self);
    OuroType *start = su->obj_type;
    if (!ouro_str_check(name))
        return ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%T'", name);
    if (start && start->mro && !ouro_str_equal(name, OURO_ID(vm, __class__))) {
        OuroObject *mro = start->mro;
        size_t n = ouro_tuple_size(mro), i = 0;
        while (i + 1 < n && ouro_tuple_get(mro, i) != (OuroObject *)su->type) i++;
        for (i++; i < n; i++) {
            OuroObject *dict = ((OuroType *)ouro_tuple_get(mro, i))->dict;
            OuroObject *res = dict ? ouro_dict_get_str(dict, name) : NULL;
            if (!res) continue;
            OuroDescrGetFn get = ouro_type_of(res)->descr_get;
            if (!get) return ouro_newref(res);
            ouro_incref(res);
            OuroObject *obj = su->obj == (OuroObject *)start ? NULL : su->obj;
            OuroObject *r = get(vm, res, obj, (OuroObject *)start);
            ouro_decref(vm, res);
            return r;
        }
    }
    return ouro_object_generic_getattr(vm, self, name);
}

/* An unbound super(C) used as a class attribute binds to the instance it is fetched from. */
static OuroObject *super_descr_get(OuroVM *vm, OuroObject *self, OuroObject *obj, OuroObject *type) {
    Super *su = as_super(self);
    if (!obj || su->obj || !su->type) return ouro_newref(self);   /* !type: cleared */
    OuroObject *args[2] = {(OuroObject *)su->type, obj};
    return ouro_object_call(vm, (OuroObject *)ouro_type_of(self), args, 2, NULL);
}

static OuroObject *or_none(OuroObject *o) { return ouro_newref(o ? o : ouro_none); }
static OuroObject *get_thisclass(OuroVM *vm, OuroObject *self) {
    return or_none((OuroObject *)as_super(self)->type);
}
static OuroObject *get_self(OuroVM *vm, OuroObject *self) { return or_none(as_super(self)->obj); }
static OuroObject *get_self_class(OuroVM *vm, OuroObject *self) {
    return or_none((OuroObject *)as_super(self)->obj_type);
}

static const OuroGetSetDef super_getsets[] = {
    {"__thisclass__", get_thisclass, NULL, "the class invoking super()"},
    {"__self__", get_self, NULL, "the instance invoking super(); may be None"},
    {"__self_class__", get_self_class, NULL, "the type of the instance invoking super(); may be None"},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_super_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = super_traverse, .clear = super_clear, .dealloc = super_dealloc,
              .gc_flags = OURO_GC_CONTAINER},
    .name = "super",
    .basicsize = sizeof(Super),
    .flags = OURO_TPFLAG_BASETYPE,
    .repr = super_repr,
    .getattr = super_getattro,
    .descr_get = super_descr_get,
    .new_ = super_new,
    .init = super_init,
    .getsets = super_getsets,
    .doc = "super() -> same as super(__class__, <first argument>)\n"
           "super(type) -> unbound super object\n"
           "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
           "super(type, type2) -> bound super object; requires issubclass(type2, type)",
};
