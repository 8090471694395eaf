/* vm/build_class.c — builtins.__build_class__, where every class statement ends up: pick
 * the metaclass, run the class body into a fresh namespace, create the class (through
 * ouro_type_new_class for plain `type`, else by calling the metaclass) and fill the
 * __class__ cell that zero-argument super() reads. Class creation itself is vm/obj_class.c. */
#define OURO_EXEC_INTERNAL
#include "vm/frame.h"

#include <stdlib.h>

/* The most derived metaclass of meta and the bases' metaclasses (CPython's
 * _PyType_CalculateMetaclass), or NULL with TypeError on a conflict. */
static OuroType *calculate_metaclass(OuroVM *vm, OuroType *meta, OuroObject *bases) {
    OuroType *winner = meta;
    for (size_t i = 0; i < ouro_tuple_size(bases); i++) {
        OuroType *t = ouro_type_of(ouro_tuple_get(bases, i));
        if (ouro_type_is_subtype(winner, t)) continue;
        if (ouro_type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "metaclass conflict: the metaclass of a derived class must be a "
                         "(non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

/* Splits the keywords into metaclass= and the rest (kept in kwvals/kwnames order). */
static int split_keywords(OuroVM *vm, OuroObject *const *kwvalues, OuroObject *kwnames,
                          OuroObject **meta, OuroObject **rest_names, OuroObject ***rest_vals,
                          size_t *nrest) {
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    *meta = NULL;
    *rest_names = NULL;
    *nrest = 0;
    size_t nother = 0;
    for (size_t k = 0; k < nkw; k++) {
        if (ouro_str_equal_cstr(ouro_tuple_get(kwnames, k), "metaclass")) *meta = kwvalues[k];
        else nother++;
    }
    if (!nother) return 0;
    OuroObject *names = ouro_tuple_new(vm, nother);
    OuroObject **vals = names ? malloc(nother * sizeof(OuroObject *)) : NULL;
    if (!vals) {
        ouro_xdecref(vm, names);
        if (names) ouro_err_no_memory(vm);
        return -1;
    }
    size_t j = 0;
    for (size_t k = 0; k < nkw; k++) {
        OuroObject *n = ouro_tuple_get(kwnames, k);
        if (ouro_str_equal_cstr(n, "metaclass")) continue;
        ouro_tuple_items(names)[j] = ouro_newref(n);
        vals[j++] = kwvalues[k];
    }
    *rest_names = names;
    *rest_vals = vals;
    *nrest = nother;
    return 0;
}

/* metaclass.__prepare__(name, bases, **kwds) when it has one, else a new dict. */
static OuroObject *prepare_namespace(OuroVM *vm, OuroObject *meta, OuroObject *name,
                                     OuroObject *bases, OuroObject **kwvals, size_t nkw,
                                     OuroObject *kwnames) {
    if (meta == (OuroObject *)&ouro_type_type) return ouro_dict_new(vm);
    OuroObject *prep = ouro_object_lookup_attr(vm, meta, OURO_ID(vm, __prepare__));
    if (!prep) return ouro_err_occurred(vm) ? NULL : ouro_dict_new(vm);
    OuroObject *small[8], **argv = small;
    if (2 + nkw > 8 && !(argv = malloc((2 + nkw) * sizeof(OuroObject *)))) {
        ouro_decref(vm, prep);
        return ouro_err_no_memory(vm);
    }
    argv[0] = name;
    argv[1] = bases;
    for (size_t i = 0; i < nkw; i++) argv[2 + i] = kwvals[i];
    OuroObject *ns = ouro_object_call(vm, prep, argv, 2, kwnames);
    if (argv != small) free(argv);
    ouro_decref(vm, prep);
    if (ns && !ouro_dict_check(ns) && !ouro_type_of(ns)->getitem) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s.__prepare__() must return a mapping, not %s",
                        ouro_type_has_flag(ouro_type_of(meta), OURO_TPFLAG_TYPE_SUBCLASS)
                            ? ouro_type_name((OuroType *)meta) : "<metaclass>",
                        ouro_type_name(ouro_type_of(ns)));
        ouro_clear(vm, &ns);
    }
    return ns;
}

static OuroObject *create_class(OuroVM *vm, OuroObject *meta, OuroObject *name,
                                OuroObject *bases, OuroObject *ns, OuroObject **kwvals,
                                size_t nkw, OuroObject *kwnames) {
    if (meta == (OuroObject *)&ouro_type_type && nkw == 0 && ouro_dict_check(ns))
        return ouro_type_new_class(vm, name, bases, ns);
    OuroObject *small[8], **argv = small;
    if (3 + nkw > 8 && !(argv = malloc((3 + nkw) * sizeof(OuroObject *))))
        return ouro_err_no_memory(vm);
    argv[0] = name;
    argv[1] = bases;
    argv[2] = ns;
    for (size_t i = 0; i < nkw; i++) argv[3 + i] = kwvals[i];
    OuroObject *cls = ouro_object_call(vm, meta, argv, 3, kwnames);
    if (argv != small) free(argv);
    return cls;
}

OuroObject *ouro_build_class(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    if (nargs < 2) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__build_class__: not enough arguments");
        return NULL;
    }
    OuroObject *func = args[0], *name = args[1];
    if (ouro_type_of(func) != &ouro_function_type) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__build_class__: func must be a function");
        return NULL;
    }
    if (!ouro_str_check(name)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__build_class__: name is not a string");
        return NULL;
    }
    OuroObject *meta, *kwrest, **kwvals = NULL;
    size_t nkw;
    if (split_keywords(vm, args + nargs, kwnames, &meta, &kwrest, &kwvals, &nkw) < 0) return NULL;
    OuroObject *bases = ouro_tuple_from_array(vm, args + 2, nargs - 2);
    OuroObject *ns = NULL, *cell = NULL, *cls = NULL;
    if (!bases) goto done;
    if (!meta)
        meta = ouro_tuple_size(bases) ? (OuroObject *)ouro_type_of(ouro_tuple_get(bases, 0))
                                      : (OuroObject *)&ouro_type_type;
    if (ouro_type_has_flag(ouro_type_of(meta), OURO_TPFLAG_TYPE_SUBCLASS)) {
        OuroType *winner = calculate_metaclass(vm, (OuroType *)meta, bases);
        if (!winner) goto done;
        meta = (OuroObject *)winner;
    }
    ns = prepare_namespace(vm, meta, name, bases, kwvals, nkw, kwrest);
    if (!ns) goto done;
    cell = ouro_eval_class_body(vm, func, ns);
    if (!cell) goto done;
    cls = create_class(vm, meta, name, bases, ns, kwvals, nkw, kwrest);
    if (cls && ouro_type_of(cell) == &ouro_cell_type) {
        OuroCell *c = (OuroCell *)cell;
        if (c->ref != cls) ouro_setref(vm, &c->ref, ouro_newref(cls));
    }
done:
    ouro_xdecref(vm, cell);
    ouro_xdecref(vm, ns);
    ouro_xdecref(vm, bases);
    ouro_xdecref(vm, kwrest);
    free(kwvals);
    return cls;
}
