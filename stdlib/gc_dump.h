/* stdlib/gc_dump.h — gc.dump_heap (stdlib/gc_dump.c): the tracked heap as a GraphViz .dot
 * picture, generations coloured and cycles marked (docs/gc-trace.md). */
#ifndef OURO_STDLIB_GC_DUMP_H
#define OURO_STDLIB_GC_DUMP_H

#include "vm/ouro.h"

/* gc.dump_heap(filename, generation=None, roots=None, library=False, permanent=False):
 * returns the number of objects written (an int), or NULL with an exception. */
OuroObject *ouro_gc_dump_heap(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kw);

#endif
