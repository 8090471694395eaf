/* stdlib/run.h — running source files, strings and modules as __main__, and reporting what
 * nobody caught (stdlib/run.c; ouro_run_module is in stdlib/import.c). */
#ifndef OURO_STDLIB_RUN_H
#define OURO_STDLIB_RUN_H

#include "vm/ouro.h"

/* Reads a whole file into a malloc'd NUL-terminated buffer; NULL with errno set on failure. */
char *ouro_read_file(const char *path, size_t *len);
/* Compiles the file and runs it with dict as globals and locals. 0, or -1 with exception. */
int ouro_run_file_in(OuroVM *vm, const char *path, OuroObject *dict);
/* The __main__ module (borrowed), created with __builtins__ on first use. */
OuroObject *ouro_main_module(OuroVM *vm);
/* Installs the importer hook (stdlib/import.c). */
void ouro_import_install(OuroVM *vm);
/* Makes path absolute the way os.path.abspath does (no symlink resolution). */
void ouro_abspath(const char *path, char *out, size_t size);
/* Puts dir first on sys.path (the script's directory, '' for -c and the REPL, the current
 * directory for -m); the first call also appends the entries of $OUROPATH. 0 or -1. */
int ouro_run_set_path0(OuroVM *vm, const char *dir);
/* `ouro -m name` (runpy._run_module_as_main): finds the module on sys.path (importing its
 * parent packages; a package runs its __main__ submodule) and runs it as __main__ with
 * sys.argv[0] set to its file. 0; -1 with an exception (print its traceback); or 1 when the
 * module cannot be found, with the message CPython prints after "ouro: " in msg. */
int ouro_run_module(OuroVM *vm, const char *name, char *msg, size_t size);
/* Reports an exception nobody caught (steals nothing, exc stays the caller's): sets
 * sys.last_type/last_value/last_traceback and calls sys.excepthook, falling back to the
 * built-in display when the hook is missing or fails (PyErr_PrintEx). */
void ouro_print_exception(OuroVM *vm, OuroObject *exc);

#endif
