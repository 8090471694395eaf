/* vm/obj_str.h — str: immutable UTF-8 text with a cached hash and code-point length.
 * Indexing is O(1) for ASCII strings (the common case) and walks UTF-8 otherwise.
 * Also OuroStrBuf, the growable byte buffer every repr/str/format builder uses. */
#ifndef OURO_VM_OBJ_STR_H
#define OURO_VM_OBJ_STR_H

#include "vm/object.h"

typedef struct OuroStr {
    OuroObject ob;
    intptr_t hash;                    /* -1 until computed */
    size_t length;                    /* code points */
    size_t size;                      /* bytes, excluding the NUL */
    uint8_t ascii;                    /* all bytes < 0x80: byte index == char index */
    uint8_t interned;
    char data[];                      /* UTF-8, NUL-terminated */
} OuroStr;

static inline bool ouro_str_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_STR_SUBCLASS) != 0;
}
static inline const char *ouro_str_cstr(const OuroObject *o) { return ((const OuroStr *)o)->data; }
static inline size_t ouro_str_size(const OuroObject *o) { return ((const OuroStr *)o)->size; }
static inline size_t ouro_str_length(const OuroObject *o) { return ((const OuroStr *)o)->length; }

/* New str from valid UTF-8 bytes (invalid sequences are replaced by U+FFFD). */
OuroObject *ouro_str_from_utf8(OuroVM *vm, const char *s, size_t n);
OuroObject *ouro_str_from_cstr(OuroVM *vm, const char *s);
/* Same format codes as ouro_err_format (%s %d %zd %R %S %U %T ...). */
OuroObject *ouro_str_from_format(OuroVM *vm, const char *fmt, ...);
OuroObject *ouro_str_from_vformat(OuroVM *vm, const char *fmt, va_list ap);
/* One-code-point string (cached for ASCII). */
OuroObject *ouro_str_from_codepoint(OuroVM *vm, uint32_t cp);
intptr_t ouro_str_hash(OuroObject *s);                   /* never fails */
bool ouro_str_equal(OuroObject *a, OuroObject *b);       /* two str objects */
bool ouro_str_equal_cstr(OuroObject *s, const char *c);
OuroObject *ouro_str_concat(OuroVM *vm, OuroObject *a, OuroObject *b);
/* sep.join(iterable) */
OuroObject *ouro_str_join(OuroVM *vm, OuroObject *sep, OuroObject *iterable);
/* repr() of a str with CPython's quote choice and escapes. */
OuroObject *ouro_str_repr(OuroVM *vm, OuroObject *s);
/* format(obj, spec) for str; int/float have theirs in their files (the format-spec
 * mini-language parser is shared: vm/format_spec.h). */
OuroObject *ouro_str_format_with_spec(OuroVM *vm, OuroObject *s, OuroObject *spec);
/* ascii(o): repr(o) with non-ASCII escaped as \x, \u, \U (new ref). */
OuroObject *ouro_str_ascii(OuroVM *vm, OuroObject *o);
/* s[start:stop] by code point (clamped to the string; new ref). */
OuroObject *ouro_str_slice(OuroVM *vm, OuroObject *s, intptr_t start, intptr_t stop);
/* Orders two str objects by code point: <0, 0, >0. */
int ouro_str_compare(OuroObject *a, OuroObject *b);
/* The str iterators (vm/str_iter.c): "str_ascii_iterator" for ASCII strings, else
 * "str_iterator", as CPython 3.11 names them. */
extern OuroType ouro_str_iterator_type, ouro_str_ascii_iterator_type;

/* ---- OuroStrBuf ---------------------------------------------------------------------------- */

typedef struct OuroStrBuf {
    char *data;
    size_t len, cap;
    bool failed;                      /* an allocation failed: finish raises MemoryError */
    char inline_buf[128];
} OuroStrBuf;

void ouro_strbuf_init(OuroStrBuf *b);
void ouro_strbuf_append(OuroStrBuf *b, const char *s, size_t n);
void ouro_strbuf_append_cstr(OuroStrBuf *b, const char *s);
void ouro_strbuf_append_char(OuroStrBuf *b, char c);
void ouro_strbuf_append_codepoint(OuroStrBuf *b, uint32_t cp);   /* as UTF-8 */
void ouro_strbuf_printf(OuroStrBuf *b, const char *fmt, ...);     /* plain C printf */
/* Appends a str object / repr(o) / str(o); -1 with an exception set on failure. */
int ouro_strbuf_append_str(OuroVM *vm, OuroStrBuf *b, OuroObject *s);
int ouro_strbuf_append_repr(OuroVM *vm, OuroStrBuf *b, OuroObject *o);
int ouro_strbuf_append_strof(OuroVM *vm, OuroStrBuf *b, OuroObject *o);
/* Makes the str and releases the buffer (new ref, or NULL). */
OuroObject *ouro_strbuf_finish(OuroVM *vm, OuroStrBuf *b);
void ouro_strbuf_release(OuroStrBuf *b);

#endif
