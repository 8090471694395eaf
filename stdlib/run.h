/* stdlib/run.h — running source files and strings as modules (stdlib/run.c). */
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

#endif
