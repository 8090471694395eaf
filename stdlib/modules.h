/* stdlib/modules.h — the built-in (native) modules. Each init creates the module object
 * (new ref, or NULL with an exception set); stdlib/import.c lists them by name so that
 * `import math` finds them, and stdlib/stdlib.c creates builtins and sys at start-up. */
#ifndef OURO_STDLIB_MODULES_H
#define OURO_STDLIB_MODULES_H

#include "vm/ouro.h"

OuroObject *ouro_init_builtins(OuroVM *vm);   /* stdlib/builtins*.c */
OuroObject *ouro_init_sys(OuroVM *vm);        /* stdlib/mod_sys.c */
OuroObject *ouro_init_math(OuroVM *vm);       /* stdlib/mod_math.c */
OuroObject *ouro_init_time(OuroVM *vm);       /* stdlib/mod_time.c */
OuroObject *ouro_init_gc(OuroVM *vm);         /* stdlib/mod_gc.c */
OuroObject *ouro_init_weakref(OuroVM *vm);    /* stdlib/mod_weakref.c (`_weakref`) */
OuroObject *ouro_init_atexit(OuroVM *vm);     /* stdlib/mod_atexit.c */
OuroObject *ouro_init_tracemalloc(OuroVM *vm); /* stdlib/mod_tracemalloc.c (`_tracemalloc`) */
OuroObject *ouro_init_posix(OuroVM *vm);      /* stdlib/mod_os.c (`posix`, behind lib/os.py) */

#endif
