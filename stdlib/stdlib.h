/* stdlib/stdlib.h — the standard library layer: builtins, native modules (sys, math, time,
 * and later gc, weakref), the importer, and the hooks that connect the VM to the compiler. */
#ifndef OURO_STDLIB_STDLIB_H
#define OURO_STDLIB_STDLIB_H

#include "vm/ouro.h"

/* Installs builtins, sys (with argv), the compile and import hooks. 0 or -1. */
int ouro_stdlib_init(OuroVM *vm, int argc, char **argv);

/* Runs a file / a source string as __main__. Returns 0, or -1 with the exception set
 * (SystemExit included: the caller decides the exit status). */
int ouro_run_file(OuroVM *vm, const char *path);
int ouro_run_string(OuroVM *vm, const char *src, const char *filename);

/* Handles the raised exception at top level as CPython does: SystemExit gives its exit code
 * (printing a non-int code to stderr), KeyboardInterrupt 130, anything else prints the
 * traceback and gives 1. Clears the exception. */
int ouro_handle_uncaught(OuroVM *vm);

/* The interactive loop (stdlib/repl.c is in vm/cli). */
#endif
