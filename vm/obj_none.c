/* vm/obj_none.c — the singletons None, NotImplemented and Ellipsis and their types. They are
 * immortal statics; calling a type returns its singleton (with no arguments). Hashes are
 * identity-based, inherited from object. */
#include "vm/ouro.h"

OuroObject ouro_none_object = { OURO_IMMORTAL_REFCNT, &ouro_none_type };
OuroObject ouro_notimplemented_object = { OURO_IMMORTAL_REFCNT, &ouro_notimplemented_type };
OuroObject ouro_ellipsis_object = { OURO_IMMORTAL_REFCNT, &ouro_ellipsis_type };

/* The singletons are never freed. */
static void singleton_dealloc(OuroHeap *heap, OuroObject *o) { (void)heap; (void)o; }

static bool has_arguments(size_t nargs, OuroObject *kwnames) {
    return nargs > 0 || (kwnames && ouro_tuple_size(kwnames) > 0);
}

static OuroObject *none_repr(OuroVM *vm, OuroObject *o) { return ouro_str_from_cstr(vm, "None"); }

static int none_bool(OuroVM *vm, OuroObject *o) { return 0; }

static OuroObject *none_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (has_arguments(nargs, kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "NoneType takes no arguments");
    return ouro_none;
}

OuroType ouro_none_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = singleton_dealloc },
    .name = "NoneType",
    .basicsize = sizeof(OuroObject),
    .repr = none_repr,
    .nb_bool = none_bool,
    .new_ = none_new,
};

static OuroObject *notimpl_repr(OuroVM *vm, OuroObject *o) {
    return ouro_str_from_cstr(vm, "NotImplemented");
}

static OuroObject *notimpl_new(OuroVM *vm, OuroType *type, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (has_arguments(nargs, kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "NotImplementedType takes no arguments");
    return ouro_not_implemented;
}

OuroType ouro_notimplemented_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = singleton_dealloc },
    .name = "NotImplementedType",
    .basicsize = sizeof(OuroObject),
    .repr = notimpl_repr,
    .new_ = notimpl_new,
};

static OuroObject *ellipsis_repr(OuroVM *vm, OuroObject *o) {
    return ouro_str_from_cstr(vm, "Ellipsis");
}

static OuroObject *ellipsis_new(OuroVM *vm, OuroType *type, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (has_arguments(nargs, kwnames))
        return ouro_err_format(vm, &ouro_exc_TypeError, "EllipsisType takes no arguments");
    return ouro_ellipsis;
}

/* CPython 3.11 names the type 'ellipsis' (types.EllipsisType is the same object). */
OuroType ouro_ellipsis_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = singleton_dealloc },
    .name = "ellipsis",
    .basicsize = sizeof(OuroObject),
    .repr = ellipsis_repr,
    .new_ = ellipsis_new,
};
