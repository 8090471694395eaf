/* vm/obj_function.c — the function type: a code object with its globals, defaults and
 * closure. Calling one is vm/call.c's job (ouro_function_call); attribute access to a
 * function through a class binds it into a bound method (descr_get). Functions are
 * containers: globals, closures and defaults routinely lead back to them. */
#include "vm/ouro.h"

#include <stddef.h>

OuroObject *ouro_function_new(OuroVM *vm, OuroObject *code, OuroObject *globals) {
    OuroCode *co = (OuroCode *)code;
    OuroFunction *fn =
        (OuroFunction *)ouro_gc_alloc(ouro_heap(vm), &ouro_function_type, sizeof(OuroFunction));
    if (!fn) return ouro_err_no_memory(vm);
    fn->code = ouro_newref(code);
    fn->globals = ouro_newref(globals);
    fn->name = ouro_newref(co->name);
    fn->qualname = ouro_newref(co->qualname ? co->qualname : co->name);
    /* As CPython 3.11: the docstring is the first constant when it is a str (the compiler
     * puts None first in functions without a docstring). */
    OuroObject *doc = ouro_none;
    if (!(co->flags & OURO_CO_MODULE) && ouro_tuple_size(co->consts) > 0 &&
        ouro_str_check(ouro_tuple_get(co->consts, 0)))
        doc = ouro_tuple_get(co->consts, 0);
    fn->doc = ouro_newref(doc);
    OuroObject *module = ouro_dict_check(globals)
                             ? ouro_dict_get_str(globals, OURO_ID(vm, __name__)) : NULL;
    fn->module = ouro_newref(module ? module : ouro_none);
    /* builtins: globals['__builtins__'] (a module or a dict), else the VM's. */
    OuroObject *b = ouro_dict_check(globals)
                        ? ouro_dict_get_str(globals, OURO_ID(vm, __builtins__)) : NULL;
    if (b && !OURO_IS_SMALLINT(b) && b->type == &ouro_module_type) b = ouro_module_dict(b);
    if (!b || !ouro_dict_check(b)) b = vm->builtins;
    fn->builtins = b ? ouro_newref(b) : NULL;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)fn);
    return (OuroObject *)fn;
}

#define FN(o) ((OuroFunction *)(o))

static int func_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroFunction *f = FN(self);
    OuroObject *fields[] = {f->code, f->globals, f->builtins, f->name, f->qualname,
                            f->defaults, f->kwdefaults, f->closure, f->doc, f->module,
                            f->dict, f->annotations};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    return 0;
}

/* Leaves the function callable and printable: code, name and qualname are never part of a
 * cycle, and globals and builtins are dicts, which the collector clears themselves when
 * they are in the cycle (a call then finds no globals: NameError, never a crash). Calling
 * a cleared function with missing arguments or free variables raises, as the getters
 * below treat NULL fields as None. */
static void func_clear(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroFunction *f = FN(self);
    ouro_clear(vm, &f->defaults);
    ouro_clear(vm, &f->kwdefaults);
    ouro_clear(vm, &f->closure);
    ouro_clear(vm, &f->doc);
    ouro_clear(vm, &f->module);
    ouro_clear(vm, &f->dict);
    ouro_clear(vm, &f->annotations);
}

static void func_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    ouro_gc_untrack(heap, self);
    if (FN(self)->weaklist) ouro_gc_clear_weakrefs(heap, self);
    func_clear(heap, self);
    ouro_clear(vm, &FN(self)->globals);
    ouro_clear(vm, &FN(self)->builtins);
    ouro_clear(vm, &FN(self)->code);
    ouro_clear(vm, &FN(self)->name);
    ouro_clear(vm, &FN(self)->qualname);
    ouro_gc_free(heap, self);
}

static OuroObject *func_repr(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_format(vm, "<function %U at %p>", FN(self)->qualname, (void *)self);
}

static OuroObject *func_descr_get(OuroVM *vm, OuroObject *descr, OuroObject *obj,
                                  OuroObject *type) {
    if (!obj || obj == ouro_none) return ouro_newref(descr);
    return ouro_method_new(vm, descr, obj);
}

static OuroObject *func_call(OuroVM *vm, OuroObject *callable, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames) {
    return ouro_function_call(vm, callable, args, nargs, kwnames);
}

/* ---- attributes ------------------------------------------------------------------------- */

static OuroObject *or_none(OuroObject *o) { return ouro_newref(o ? o : ouro_none); }

static int no_delete(OuroVM *vm, OuroObject *value, const char *what) {
    if (value) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "%s must be set to a %s object",
                    what, "string");
    return -1;
}

static OuroObject *get_name(OuroVM *vm, OuroObject *s) { return ouro_newref(FN(s)->name); }
static int set_name(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (no_delete(vm, v, "__name__") < 0) return -1;
    if (!ouro_str_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__name__ must be set to a string object");
        return -1;
    }
    ouro_setref(vm, &FN(s)->name, ouro_newref(v));
    return 0;
}

static OuroObject *get_qualname(OuroVM *vm, OuroObject *s) { return ouro_newref(FN(s)->qualname); }
static int set_qualname(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (no_delete(vm, v, "__qualname__") < 0) return -1;
    if (!ouro_str_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__qualname__ must be set to a string object");
        return -1;
    }
    ouro_setref(vm, &FN(s)->qualname, ouro_newref(v));
    return 0;
}

static OuroObject *get_doc(OuroVM *vm, OuroObject *s) { return or_none(FN(s)->doc); }
static int set_doc(OuroVM *vm, OuroObject *s, OuroObject *v) {
    ouro_setref(vm, &FN(s)->doc, ouro_newref(v ? v : ouro_none));
    return 0;
}

static OuroObject *get_module(OuroVM *vm, OuroObject *s) { return or_none(FN(s)->module); }
static int set_module(OuroVM *vm, OuroObject *s, OuroObject *v) {
    ouro_setref(vm, &FN(s)->module, ouro_newref(v ? v : ouro_none));
    return 0;
}

static OuroObject *get_defaults(OuroVM *vm, OuroObject *s) { return or_none(FN(s)->defaults); }
static int set_defaults(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (v == ouro_none) v = NULL;
    if (v && !ouro_tuple_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__defaults__ must be set to a tuple object");
        return -1;
    }
    if (v && ouro_tuple_size(v) == 0) v = NULL;
    ouro_xincref(v);
    ouro_setref(vm, &FN(s)->defaults, v);
    return 0;
}

static OuroObject *get_kwdefaults(OuroVM *vm, OuroObject *s) { return or_none(FN(s)->kwdefaults); }
static int set_kwdefaults(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (v == ouro_none) v = NULL;
    if (v && !ouro_dict_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    ouro_xincref(v);
    ouro_setref(vm, &FN(s)->kwdefaults, v);
    return 0;
}

static OuroObject *get_closure(OuroVM *vm, OuroObject *s) { return or_none(FN(s)->closure); }
static OuroObject *get_globals(OuroVM *vm, OuroObject *s) { return ouro_newref(FN(s)->globals); }
static OuroObject *get_builtins(OuroVM *vm, OuroObject *s) {
    return or_none(FN(s)->builtins);
}

static OuroObject *get_code(OuroVM *vm, OuroObject *s) { return ouro_newref(FN(s)->code); }
static int set_code(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (!v || OURO_IS_SMALLINT(v) || v->type != &ouro_code_type) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__code__ must be set to a code object");
        return -1;
    }
    size_t nclosure = FN(s)->closure ? ouro_tuple_size(FN(s)->closure) : 0;
    if ((size_t)((OuroCode *)v)->nfreevars != nclosure) {
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "%U() requires a code object with %zu free vars, not %d",
                        FN(s)->name, nclosure, ((OuroCode *)v)->nfreevars);
        return -1;
    }
    ouro_setref(vm, &FN(s)->code, ouro_newref(v));
    return 0;
}

static OuroObject *get_dict(OuroVM *vm, OuroObject *s) {
    if (!FN(s)->dict && !(FN(s)->dict = ouro_dict_new(vm))) return NULL;
    return ouro_newref(FN(s)->dict);
}
static int set_dict(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (!v) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "cannot delete __dict__");
        return -1;
    }
    if (!ouro_dict_check(v)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "__dict__ must be set to a dictionary, not a '%s'",
                        ouro_type_name(ouro_type_of(v)));
        return -1;
    }
    ouro_setref(vm, &FN(s)->dict, ouro_newref(v));
    return 0;
}

static OuroObject *get_annotations(OuroVM *vm, OuroObject *s) {
    if (!FN(s)->annotations && !(FN(s)->annotations = ouro_dict_new(vm))) return NULL;
    return ouro_newref(FN(s)->annotations);
}
static int set_annotations(OuroVM *vm, OuroObject *s, OuroObject *v) {
    if (v == ouro_none) v = NULL;
    if (v && !ouro_dict_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    ouro_xincref(v);
    ouro_setref(vm, &FN(s)->annotations, v);
    return 0;
}

static const OuroGetSetDef func_getsets[] = {
    {"__name__", get_name, set_name, NULL},
    {"__qualname__", get_qualname, set_qualname, NULL},
    {"__doc__", get_doc, set_doc, NULL},
    {"__module__", get_module, set_module, NULL},
    {"__defaults__", get_defaults, set_defaults, NULL},
    {"__kwdefaults__", get_kwdefaults, set_kwdefaults, NULL},
    {"__closure__", get_closure, NULL, NULL},
    {"__globals__", get_globals, NULL, NULL},
    {"__builtins__", get_builtins, NULL, NULL},
    {"__code__", get_code, set_code, NULL},
    {"__dict__", get_dict, set_dict, NULL},
    {"__annotations__", get_annotations, set_annotations, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_function_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = func_traverse, .clear = func_clear, .dealloc = func_dealloc,
              .gc_flags = OURO_GC_CONTAINER, .weaklist_offset = offsetof(OuroFunction, weaklist)},
    .name = "function",
    .basicsize = sizeof(OuroFunction),
    .dict_offset = offsetof(OuroFunction, dict),
    .repr = func_repr,
    .call = func_call,
    .descr_get = func_descr_get,
    .getsets = func_getsets,
    .doc = "Create a function object.",
};
