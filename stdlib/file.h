/* stdlib/file.h — text file objects (stdlib/obj_file.c): open() and the std streams. */
#ifndef OURO_STDLIB_FILE_H
#define OURO_STDLIB_FILE_H

#include "vm/ouro.h"
#include <stdio.h>

extern OuroType ouro_file_type;

/* open(file, mode='r', ...) as a built-in function (OuroCFunction). */
OuroObject *ouro_file_open(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames);
/* Wraps a C stream that the file object does not own (sys.stdin/stdout/stderr). */
OuroObject *ouro_file_from_stdio(OuroVM *vm, FILE *fp, const char *name, const char *mode);
/* file.write(s) with a fast path for our own files; any object with write() works. */
int ouro_file_write_str(OuroVM *vm, OuroObject *file, OuroObject *s);
int ouro_file_flush(OuroVM *vm, OuroObject *file);

#endif
