/* stdlib/frozen.h — modules written in the language and embedded into the executable at
 * build time (stdlib/lib/NAME.py, through stdlib/embed_modules.cmake). The importer finds them
 * after the native modules and compiles them on first import. */
#ifndef OURO_STDLIB_FROZEN_H
#define OURO_STDLIB_FROZEN_H

#include <stddef.h>

typedef struct OuroFrozenModule {
    const char *name;                 /* NULL ends the table */
    const char *source;               /* UTF-8, NUL-terminated */
    size_t size;
} OuroFrozenModule;

extern const OuroFrozenModule ouro_frozen_modules[];

/* The embedded module called name, or NULL. */
static inline const OuroFrozenModule *ouro_frozen_find(const char *name) {
    for (const OuroFrozenModule *m = ouro_frozen_modules; m->name; m++) {
        const char *a = m->name, *b = name;
        while (*a && *a == *b) a++, b++;
        if (*a == *b) return m;
    }
    return NULL;
}

#endif
