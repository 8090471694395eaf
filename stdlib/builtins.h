/* stdlib/builtins.h — internal to the builtins module: each file adds its functions. */
#ifndef OURO_STDLIB_BUILTINS_H
#define OURO_STDLIB_BUILTINS_H

#include "stdlib/modules.h"

int ouro_builtins_add_iter_functions(OuroVM *vm, OuroObject *module);  /* builtins_iter.c */
int ouro_builtins_add_io_functions(OuroVM *vm, OuroObject *module);    /* builtins_io.c */

#endif
