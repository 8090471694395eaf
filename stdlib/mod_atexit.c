/* stdlib/mod_atexit.c — the atexit module, as CPython 3.11's Modules/atexitmodule.c presents
 * it: register, unregister, _run_exitfuncs, _clear, _ncallbacks, with its messages and
 * docstrings. A thin binding: the callbacks and their run live in vm/atexit.c, which the
 * VM's exit calls. */
#include "stdlib/modules.h"

#include "vm/atexit.h"

#define ATEXIT_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                    OuroObject *kw

static OuroObject *atexit_register(ATEXIT_ARGS) {
    (void)self;
    if (nargs == 0) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "register() takes at least 1 argument (0 given)");
        return NULL;
    }
    OuroObject *func = args[0];
    if (!ouro_type_of(func)->call) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "the first argument must be callable");
        return NULL;
    }
    if (ouro_atexit_register(vm, func, args + 1, nargs - 1, kw) < 0) return NULL;
    return ouro_newref(func);
}

static OuroObject *atexit_unregister(ATEXIT_ARGS) {
    (void)self;
    if (ouro_args_check(vm, "atexit.unregister", nargs, kw, 1, 1) < 0) return NULL;
    if (ouro_atexit_unregister(vm, args[0]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *atexit_run_exitfuncs(ATEXIT_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "atexit._run_exitfuncs", nargs, kw, 0, 0) < 0) return NULL;
    ouro_atexit_run(vm, false);
    return ouro_newref(ouro_none);
}

static OuroObject *atexit_clear(ATEXIT_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "atexit._clear", nargs, kw, 0, 0) < 0) return NULL;
    ouro_atexit_clear(vm);
    return ouro_newref(ouro_none);
}

static OuroObject *atexit_ncallbacks(ATEXIT_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "atexit._ncallbacks", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, (int64_t)ouro_atexit_count(vm));
}

static const OuroMethodDef atexit_functions[] = {
    {"register", atexit_register, 0,
     "register(func, *args, **kwargs) -> func\n"
     "\n"
     "Register a function to be executed upon normal program termination\n"
     "\n"
     "    func - function to be called at exit\n"
     "    args - optional arguments to pass to func\n"
     "    kwargs - optional keyword arguments to pass to func\n"
     "\n"
     "    func is returned to facilitate usage as a decorator."},
    {"unregister", atexit_unregister, 0,
     "unregister(func) -> None\n"
     "\n"
     "Unregister an exit function which was previously registered using\n"
     "atexit.register\n"
     "\n"
     "    func - function to be unregistered"},
    {"_run_exitfuncs", atexit_run_exitfuncs, 0,
     "_run_exitfuncs() -> None\n"
     "\n"
     "Run all registered exit functions.\n"
     "\n"
     "If a callback raises an exception, it is logged with sys.unraisablehook."},
    {"_clear", atexit_clear, 0,
     "_clear() -> None\n"
     "\n"
     "Clear the list of previously registered exit functions."},
    {"_ncallbacks", atexit_ncallbacks, 0,
     "_ncallbacks() -> int\n"
     "\n"
     "Return the number of registered exit functions."},
    {0},
};

static const char atexit_doc[] =
    "allow programmer to define multiple exit functions to be executed\n"
    "upon normal program termination.\n"
    "\n"
    "Two public functions, register and unregister, are defined.\n";

OuroObject *ouro_init_atexit(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "atexit");
    if (!m) return NULL;
    int r = ouro_module_add_functions(vm, m, atexit_functions);
    if (r == 0) r = ouro_module_add_native_attrs(vm, m, atexit_doc);
    if (r < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
