/* vm/error.c — raising, inspecting and clearing the VM's raised exception (CPython's PyErr_*).
 * The raised exception is always an instance in vm->exc. Implicit chaining (__context__) is
 * set here, at the moment of raising, from the exception being handled, as CPython does.
 * Printing tracebacks lives in vm/traceback.c. */
#include "vm/ouro.h"

#include <stdio.h>

/* Sets exc.__context__ to the exception being handled, unless that would make the context
 * chain loop back to exc (CPython's cycle-avoidance in _PyErr_SetObject). */
static void chain_to_handled(OuroVM *vm, OuroObject *exc) {
    OuroObject *handled = ouro_eval_handled_exception(vm);
    if (!handled || handled == exc || !ouro_exception_check(handled)) return;
    if (((OuroException *)exc)->context) return;
    /* Walk handled's context chain; if exc is on it, cut the chain just before exc. */
    OuroObject *o = handled;
    while (o) {
        OuroException *e = (OuroException *)o;
        if (e->context == exc) {
            ouro_exception_set_context(vm, o, NULL);
            break;
        }
        o = e->context;
    }
    ouro_exception_set_context(vm, exc, ouro_newref(handled));
}

void ouro_err_raise(OuroVM *vm, OuroObject *exc) {
    if (exc && ouro_exception_check(exc)) chain_to_handled(vm, exc);
    ouro_setref(vm, &vm->exc, exc);
}

/* Builds the instance for ouro_err_set; NULL when building it raised (that exception
 * is then the one set). */
static OuroObject *make_instance(OuroVM *vm, OuroType *type, OuroObject *value) {
    if (value && ouro_object_is_instance_of_type(value, type)) return ouro_newref(value);
    if (!value || value == ouro_none)
        return ouro_object_call(vm, (OuroObject *)type, NULL, 0, NULL);
    if (ouro_tuple_check(value))
        return ouro_object_call(vm, (OuroObject *)type, ouro_tuple_items(value),
                                ouro_tuple_size(value), NULL);
    return ouro_object_call(vm, (OuroObject *)type, &value, 1, NULL);
}

void ouro_err_set(OuroVM *vm, OuroType *type, OuroObject *value) {
    /* The raised exception may be the very value being wrapped: keep it alive meanwhile. */
    OuroObject *pending = ouro_err_fetch(vm);
    OuroObject *exc = make_instance(vm, type, value);
    ouro_xdecref(vm, pending);
    if (!exc) return;   /* constructing it raised; that exception stands */
    if (!ouro_exception_check(exc)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "calling %R should have returned an instance of BaseException, not %T",
                        (OuroObject *)type, exc);
        ouro_decref(vm, exc);
        return;
    }
    ouro_err_raise(vm, exc);
}

void ouro_err_set_none(OuroVM *vm, OuroType *type) { ouro_err_set(vm, type, NULL); }

void ouro_err_set_str(OuroVM *vm, OuroType *type, const char *msg) {
    OuroObject *s = ouro_str_from_cstr(vm, msg);
    if (!s) return;
    ouro_err_set(vm, type, s);
    ouro_decref(vm, s);
}

OuroObject *ouro_err_vformat(OuroVM *vm, OuroType *type, const char *fmt, va_list ap) {
    OuroObject *msg = ouro_str_from_vformat(vm, fmt, ap);
    if (!msg) return NULL;
    ouro_err_set(vm, type, msg);
    ouro_decref(vm, msg);
    return NULL;
}

OuroObject *ouro_err_format(OuroVM *vm, OuroType *type, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ouro_err_vformat(vm, type, fmt, ap);
    va_end(ap);
    return NULL;
}

OuroObject *ouro_err_no_memory(OuroVM *vm) {
    OuroObject *prealloc = vm->memory_error;
    if (prealloc) {
        /* Reused for every raise: forget where it was raised last time. */
        ouro_exception_set_traceback(vm, prealloc, NULL);
        ouro_exception_set_context(vm, prealloc, NULL);
        ouro_setref(vm, &vm->exc, ouro_newref(prealloc));
    } else {
        /* Start-up has not made the instance yet: nothing sensible can be raised. */
        fputs("ouro: out of memory during start-up\n", stderr);
    }
    return NULL;
}

bool ouro_err_matches(OuroVM *vm, OuroType *type) {
    return vm->exc && ouro_type_is_subtype(ouro_type_of(vm->exc), type);
}

OuroObject *ouro_err_fetch(OuroVM *vm) {
    OuroObject *exc = vm->exc;
    vm->exc = NULL;
    return exc;
}

void ouro_err_restore(OuroVM *vm, OuroObject *exc) { ouro_setref(vm, &vm->exc, exc); }

void ouro_err_clear(OuroVM *vm) { ouro_clear(vm, &vm->exc); }

OuroObject *ouro_err_bad_argument_type(OuroVM *vm, const char *fname, const char *expected,
                                       OuroObject *got) {
    return ouro_err_format(vm, &ouro_exc_TypeError, "%s() argument must be %s, not %T", fname,
                           expected, got);
}
