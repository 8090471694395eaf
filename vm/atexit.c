/* vm/atexit.c — the exit callbacks, as CPython 3.11's atexit module state: a list in the VM
 * (vm->atexit_callbacks, made on first use) of entries (func, kwnames or None, positional
 * args..., keyword values...), run last-in first-out when the interpreter exits, before
 * any module is torn down. Unregistered slots hold None and stay counted. Errors in a
 * callback are reported, never raised: the exit status is not theirs to change. */
#include "vm/ouro.h"

#include "vm/atexit.h"

#include <stdio.h>

int ouro_atexit_vm_init(OuroVM *vm) {
    vm->atexit_callbacks = NULL;
    vm->atexit_done = false;
    return 0;
}

/* Only what was registered after the exit run (or by a teardown finalizer) is left. */
void ouro_atexit_vm_fini(OuroVM *vm) {
    ouro_clear(vm, &vm->atexit_callbacks);
}

/* ---- registration ---------------------------------------------------------------------- */

int ouro_atexit_register(OuroVM *vm, OuroObject *func, OuroObject *const *args, size_t nargs,
                         OuroObject *kwnames) {
    if (vm->atexit_done) return 0;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    if (!vm->atexit_callbacks && !(vm->atexit_callbacks = ouro_list_new(vm, 4))) return -1;
    OuroObject *entry = ouro_tuple_new(vm, 2 + nargs + nkw);
    if (!entry) return -1;
    OuroObject **items = ouro_tuple_items(entry);
    items[0] = ouro_newref(func);
    items[1] = ouro_newref(nkw ? kwnames : ouro_none);
    for (size_t i = 0; i < nargs + nkw; i++) items[2 + i] = ouro_newref(args[i]);
    ouro_tuple_track_if_needed(vm, entry);
    return ouro_list_append_steal(vm, vm->atexit_callbacks, entry);
}

/* Puts None in slot i of the callbacks list (which must have one). */
static void forget_slot(OuroVM *vm, OuroObject *list, size_t i) {
    OuroObject **slot = &((OuroList *)list)->items[i];
    OuroObject *old = *slot;
    *slot = ouro_newref(ouro_none);
    ouro_decref(vm, old);
}

int ouro_atexit_unregister(OuroVM *vm, OuroObject *func) {
    /* A comparison runs Python code, which may register, unregister or clear: the list
     * and its size are looked at again after each one. */
    for (size_t i = 0; vm->atexit_callbacks && i < ouro_list_size(vm->atexit_callbacks); i++) {
        OuroObject *list = vm->atexit_callbacks;
        OuroObject *entry = ouro_list_get(list, i);
        if (entry == ouro_none) continue;
        ouro_incref(entry);
        ouro_incref(list);
        int eq = ouro_object_richcompare_bool(vm, ouro_tuple_get(entry, 0), func, OURO_EQ);
        if (eq > 0 && i < ouro_list_size(list) && ouro_list_get(list, i) == entry)
            forget_slot(vm, list, i);
        ouro_decref(vm, list);
        ouro_decref(vm, entry);
        if (eq < 0) return -1;
    }
    return 0;
}

void ouro_atexit_clear(OuroVM *vm) {
    ouro_clear(vm, &vm->atexit_callbacks);
}

size_t ouro_atexit_count(OuroVM *vm) {
    return vm->atexit_callbacks ? ouro_list_size(vm->atexit_callbacks) : 0;
}

/* ---- the run --------------------------------------------------------------------------- */

/* Writes s to sys.stderr (C stderr when sys has none or the write fails). false when
 * sys.stderr is None: CPython then drops the whole report. */
static bool write_stderr(OuroVM *vm, OuroObject *s) {
    OuroObject *file = vm->sys_module
        ? ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, stderr)) : NULL;
    if (file == ouro_none) return false;
    if (file) {
        ouro_incref(file);
        OuroObject *r = ouro_object_call_method(vm, file, OURO_ID(vm, write), &s, 1);
        ouro_decref(vm, file);
        if (r) {
            ouro_decref(vm, r);
            return true;
        }
        ouro_err_clear(vm);
    }
    fputs(ouro_str_cstr(s), stderr);
    fflush(stderr);
    return true;
}

/* CPython's _PyErr_WriteUnraisableMsg("in atexit callback", func): the header names the
 * function, then the traceback and the exception as every unraisable report shows them. */
static void report_error(OuroVM *vm, OuroObject *func) {
    OuroObject *exc = ouro_err_fetch(vm);
    OuroObject *repr = ouro_object_repr(vm, func);
    OuroObject *header = repr
        ? ouro_str_from_format(vm, "Exception ignored in atexit callback: %U\n", repr)
        : NULL;
    if (!header) {
        ouro_err_clear(vm);
        header = ouro_str_from_cstr(vm, "Exception ignored in atexit callback: "
                                        "<object repr() failed>\n");
    }
    ouro_xdecref(vm, repr);
    bool shown = header && write_stderr(vm, header);
    ouro_xdecref(vm, header);
    ouro_err_clear(vm);
    ouro_err_restore(vm, exc);
    if (shown) ouro_err_write_unraisable(vm, NULL);
    else ouro_err_clear(vm);
}

/* Calls one entry (func, kwnames or None, args..., keyword values...). */
static void call_entry(OuroVM *vm, OuroObject *entry) {
    OuroObject **items = ouro_tuple_items(entry);
    OuroObject *func = items[0];
    OuroObject *kwnames = items[1] == ouro_none ? NULL : items[1];
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    size_t nargs = ouro_tuple_size(entry) - 2 - nkw;
    OuroObject *r = ouro_object_call(vm, func, items + 2, nargs, kwnames);
    if (r) ouro_decref(vm, r);
    else report_error(vm, func);
}

void ouro_atexit_run(OuroVM *vm, bool at_exit) {
    OuroObject *list = vm->atexit_callbacks;
    if (!list) {
        if (at_exit) vm->atexit_done = true;
        return;
    }
    /* Callbacks registered while the run goes on are not run (CPython walks down from the
     * count it started with), and atexit._clear() from a callback ends the run. The
     * reference held on the list keeps that identity test honest. */
    ouro_incref(list);
    for (size_t i = ouro_list_size(list); i-- > 0;) {
        if (vm->atexit_callbacks != list || i >= ouro_list_size(list)) break;
        OuroObject *entry = ouro_list_get(list, i);
        if (entry == ouro_none) continue;
        ouro_incref(entry);   /* the call itself may unregister it */
        call_entry(vm, entry);
        ouro_decref(vm, entry);
    }
    ouro_decref(vm, list);
    ouro_clear(vm, &vm->atexit_callbacks);
    if (at_exit) vm->atexit_done = true;
}
