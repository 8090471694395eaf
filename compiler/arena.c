/* compiler/arena.c — the AST arena: bump allocation from big malloc'd chunks, freed all at
 * once. The AST never lives on the object heap, so parsing allocates no objects and a
 * syntax error costs one free. Allocations are zeroed and 16-byte aligned. */
#include <stdlib.h>
#include <string.h>

#include "compiler/compiler.h"

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} ArenaChunk;

struct OuroArena {
    ArenaChunk *head;
};

enum { ARENA_CHUNK = 64 * 1024 };

OuroArena *ouro_arena_new(void)
{
    return calloc(1, sizeof(OuroArena));
}

void ouro_arena_free(OuroArena *a)
{
    if (!a)
        return;
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}

static ArenaChunk *arena_grow(OuroArena *a, size_t need)
{
    size_t size = ARENA_CHUNK;
    /* Chunks double with use so big sources do not make long chains. */
    if (a->head && a->head->size * 2 > size && a->head->size < 16 * ARENA_CHUNK)
        size = a->head->size * 2;
    if (need > size)
        size = need;
    ArenaChunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->size = size;
    c->used = 0;
    c->next = a->head;
    a->head = c;
    return c;
}

void *ouro_arena_alloc(OuroArena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    ArenaChunk *c = a->head;
    if (!c || c->size - c->used < size) {
        c = arena_grow(a, size);
        if (!c)
            return NULL;
    }
    void *p = c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *ouro_arena_strndup(OuroArena *a, const char *s, size_t n)
{
    char *p = ouro_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
