/* vm/atexit.h — the exit callbacks (CPython's atexit state, Modules/atexitmodule.c): the
 * list the atexit module registers into, and the run at interpreter exit, which vm/vm.c
 * starts before anything is torn down. stdlib/mod_atexit.c is a thin binding over this. */
#ifndef OURO_VM_ATEXIT_H
#define OURO_VM_ATEXIT_H

#include "vm/vm.h"

/* Appends func(*args, **kw) (vectorcall layout: args[0..nargs) positional, then one value
 * per name in kwnames, which may be NULL). Borrows everything. 0, or -1 on out of memory.
 * Once the exit run has happened the call is accepted and dropped: nothing would ever run
 * it (CPython keeps it until its module state dies). */
int ouro_atexit_register(OuroVM *vm, OuroObject *func, OuroObject *const *args, size_t nargs,
                         OuroObject *kwnames);

/* Forgets every callback whose function == func (CPython compares with ==, so a bound
 * method unregisters its equal twins). The slots stay counted in ouro_atexit_count, as in
 * CPython. 0, or -1 when a comparison raised. */
int ouro_atexit_unregister(OuroVM *vm, OuroObject *func);

/* Calls the callbacks registered so far, last registered first; one that raises is
 * reported ("Exception ignored in atexit callback: <func>" and its traceback) and the rest
 * still run. Then forgets them all. Never fails; must be called with no exception set.
 * at_exit marks the interpreter's own final run (see ouro_atexit_register). */
void ouro_atexit_run(OuroVM *vm, bool at_exit);

/* Forgets every callback without calling it (atexit._clear). */
void ouro_atexit_clear(OuroVM *vm);

/* Number of callback slots, unregistered ones included (atexit._ncallbacks). */
size_t ouro_atexit_count(OuroVM *vm);

#endif
