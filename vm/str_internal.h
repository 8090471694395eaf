/* vm/str_internal.h — helpers shared by the str files only (vm/obj_str.c, vm/str_*.c):
 * raw allocation, UTF-8 walking over the internal encoding, index conversion and argument
 * helpers. Not part of any contract: other areas use vm/obj_str.h.
 * Internal text is UTF-8 that may also carry lone surrogates (3-byte forms), as Python's
 * str can; everything here assumes that well-formed internal encoding. */
#ifndef OURO_VM_STR_INTERNAL_H
#define OURO_VM_STR_INTERNAL_H

#include "vm/ouro.h"
#include "vm/str_unicode.h"

#include <string.h>

static inline OuroStr *ouro_str_raw(OuroObject *s) { return (OuroStr *)s; }
static inline bool ouro_str_is_ascii(const OuroObject *s) { return ((const OuroStr *)s)->ascii; }
static inline bool ouro_str_check_exact(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_str_type;
}

/* A new exact str of size bytes / length code points whose data the caller fills in
 * (data[size] is already NUL). NULL with MemoryError on failure. */
OuroObject *ouro_str_alloc(OuroVM *vm, size_t size, size_t length, bool ascii);
/* A str from known well-formed internal UTF-8 with its length known; uses the empty and
 * one-character caches. */
OuroObject *ouro_str_from_parts(OuroVM *vm, const char *s, size_t size, size_t length,
                                bool ascii);
/* Same, computing length and ascii from well-formed bytes. */
OuroObject *ouro_str_from_valid(OuroVM *vm, const char *s, size_t size);
/* s itself when it is an exact str, else an exact copy of a str subclass instance. */
OuroObject *ouro_str_exact_copy(OuroVM *vm, OuroObject *s);
/* Byte offset of code point index i (0 <= i <= length). */
size_t ouro_str_offset(OuroObject *s, size_t i);
/* Code points in a well-formed byte range. */
size_t ouro_utf8_count(const char *s, size_t n);
/* The str's code points decoded into a new malloc'd array (NULL: MemoryError raised). */
uint32_t *ouro_str_decode_all(OuroVM *vm, OuroObject *s);

/* Decodes the code point at *p and advances *p past it. */
static inline uint32_t ouro_utf8_next(const char **pp) {
    const unsigned char *p = (const unsigned char *)*pp;
    uint32_t c = p[0];
    if (c < 0x80) { *pp += 1; return c; }
    if (c < 0xE0) { *pp += 2; return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu); }
    if (c < 0xF0) {
        *pp += 3;
        return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
    *pp += 4;
    return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
           (p[3] & 0x3Fu);
}
/* Decodes the code point that ends at *p (moving *p back to its first byte). */
static inline uint32_t ouro_utf8_prev(const char **pp) {
    const char *p = *pp - 1;
    while (((unsigned char)*p & 0xC0u) == 0x80u) p--;
    *pp = p;
    const char *q = p;
    return ouro_utf8_next(&q);
}
/* Byte length of the sequence starting with lead byte c. */
static inline size_t ouro_utf8_seqlen(unsigned char c) {
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}
/* Encodes cp (< 0x110000; surrogates allowed) into out; returns the byte count. */
static inline size_t ouro_utf8_encode(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
static inline size_t ouro_utf8_cplen(uint32_t cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/* Byte-level substring search (UTF-8 is self-synchronising, so byte matches of a
 * well-formed needle are character matches). Returns the byte offset or -1. */
intptr_t ouro_str_find_bytes(const char *hay, size_t hn, const char *needle, size_t nn);
intptr_t ouro_str_rfind_bytes(const char *hay, size_t hn, const char *needle, size_t nn);

/* Appends repr(s) of a str to b (vm/str_repr.c). */
void ouro_str_repr_into(OuroStrBuf *b, OuroObject *s);

/* The one-character string for cp (new ref; cached for ASCII). */
OuroObject *ouro_str_char(OuroVM *vm, uint32_t cp);

/* printf-style formatting: fmt % args (vm/str_percent.c). */
OuroObject *ouro_str_percent(OuroVM *vm, OuroObject *fmt, OuroObject *args);

/* The methods defined outside vm/str_methods.c, which holds the table (format,
 * format_map and __format__ in vm/str_format.c; the rest in vm/str_case.c). */
typedef OuroObject *OuroStrMethod(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames);
extern const OuroMethodDef ouro_str_methods[];
OuroStrMethod ouro_str_meth_format;
OuroStrMethod ouro_str_meth_format_map;
OuroStrMethod ouro_str_meth_dunder_format;
OuroStrMethod ouro_str_meth_upper;
OuroStrMethod ouro_str_meth_lower;
OuroStrMethod ouro_str_meth_casefold;
OuroStrMethod ouro_str_meth_swapcase;
OuroStrMethod ouro_str_meth_capitalize;
OuroStrMethod ouro_str_meth_title;
OuroStrMethod ouro_str_meth_isalpha;
OuroStrMethod ouro_str_meth_isdecimal;
OuroStrMethod ouro_str_meth_isdigit;
OuroStrMethod ouro_str_meth_isnumeric;
OuroStrMethod ouro_str_meth_isspace;
OuroStrMethod ouro_str_meth_isalnum;
OuroStrMethod ouro_str_meth_isprintable;
OuroStrMethod ouro_str_meth_isascii;
OuroStrMethod ouro_str_meth_isupper;
OuroStrMethod ouro_str_meth_islower;
OuroStrMethod ouro_str_meth_istitle;
OuroStrMethod ouro_str_meth_isidentifier;
OuroStrMethod ouro_str_meth_translate;
OuroStrMethod ouro_str_meth_maketrans;

/* The str iterator (vm/str_iter.c). */
OuroObject *ouro_str_iter_new(OuroVM *vm, OuroObject *s);

#endif
