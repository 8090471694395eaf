/* vm/str_repr.c — repr() of str with CPython's quote choice and escapes, and ascii().
 * The common case (printable ASCII, no quotes to escape) is one size pass and one copy;
 * everything else is written into an OuroStrBuf. */
#include "vm/str_internal.h"

static const char hexdigits[] = "0123456789abcdef";

static void append_hex(OuroStrBuf *b, char kind, uint32_t cp, int digits) {
    char buf[10];
    buf[0] = '\\';
    buf[1] = kind;
    for (int i = 0; i < digits; i++) buf[2 + i] = hexdigits[(cp >> (4 * (digits - 1 - i))) & 15];
    ouro_strbuf_append(b, buf, (size_t)(2 + digits));
}

/* Appends the escape of cp the way repr does (all_ascii: as ascii() does). */
static void append_escaped(OuroStrBuf *b, uint32_t cp, char quote, bool all_ascii) {
    if (cp == (uint32_t)quote || cp == '\\') {
        ouro_strbuf_append_char(b, '\\');
        ouro_strbuf_append_char(b, (char)cp);
    } else if (cp == '\t') {
        ouro_strbuf_append(b, "\\t", 2);
    } else if (cp == '\n') {
        ouro_strbuf_append(b, "\\n", 2);
    } else if (cp == '\r') {
        ouro_strbuf_append(b, "\\r", 2);
    } else if (cp < 0x20 || cp == 0x7f) {
        append_hex(b, 'x', cp, 2);
    } else if (cp < 0x7f) {
        ouro_strbuf_append_char(b, (char)cp);
    } else if (!all_ascii && ouro_unicode_has(cp, OURO_UC_PRINTABLE)) {
        ouro_strbuf_append_codepoint(b, cp);
    } else if (cp < 0x100) {
        append_hex(b, 'x', cp, 2);
    } else if (cp < 0x10000) {
        append_hex(b, 'u', cp, 4);
    } else {
        append_hex(b, 'U', cp, 8);
    }
}

/* CPython's choice: single quotes unless the text has ' and no ". */
static char choose_quote(const char *s, size_t n) {
    bool single = memchr(s, '\'', n) != NULL, dbl = memchr(s, '"', n) != NULL;
    return single && !dbl ? '"' : '\'';
}

static void repr_into(OuroStrBuf *b, OuroObject *s, bool all_ascii) {
    const char *p = ouro_str_cstr(s), *end = p + ouro_str_size(s);
    char quote = choose_quote(p, ouro_str_size(s));
    ouro_strbuf_append_char(b, quote);
    while (p < end) {
        /* Copy runs that need no escaping in one go. */
        const char *run = p;
        while (p < end && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f && *p != '\\' &&
               *p != quote)
            p++;
        ouro_strbuf_append(b, run, (size_t)(p - run));
        if (p < end) append_escaped(b, ouro_utf8_next(&p), quote, all_ascii);
    }
    ouro_strbuf_append_char(b, quote);
}

void ouro_str_repr_into(OuroStrBuf *b, OuroObject *s) { repr_into(b, s, false); }

/* True when repr is the text between quotes unchanged. */
static bool repr_is_plain(const char *s, size_t n, char quote) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f || c == '\\' || c == (unsigned char)quote) return false;
    }
    return true;
}

OuroObject *ouro_str_repr(OuroVM *vm, OuroObject *s) {
    const char *data = ouro_str_cstr(s);
    size_t n = ouro_str_size(s);
    char quote = choose_quote(data, n);
    if (repr_is_plain(data, n, quote)) {
        OuroObject *r = ouro_str_alloc(vm, n + 2, n + 2, true);
        if (!r) return NULL;
        char *dst = ouro_str_raw(r)->data;
        dst[0] = quote;
        memcpy(dst + 1, data, n);
        dst[n + 1] = quote;
        return r;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    repr_into(&b, s, false);
    return ouro_strbuf_finish(vm, &b);
}

OuroObject *ouro_str_ascii(OuroVM *vm, OuroObject *o) {
    if (ouro_str_check(o)) {
        OuroStrBuf b;
        ouro_strbuf_init(&b);
        repr_into(&b, o, true);
        return ouro_strbuf_finish(vm, &b);
    }
    OuroObject *r = ouro_object_repr(vm, o);
    if (!r || ouro_str_is_ascii(r)) return r;
    /* Escape the non-ASCII characters of an arbitrary repr (quotes and backslashes stay). */
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    const char *p = ouro_str_cstr(r), *end = p + ouro_str_size(r);
    while (p < end) {
        uint32_t cp = ouro_utf8_next(&p);
        if (cp < 0x80) ouro_strbuf_append_char(&b, (char)cp);
        else if (cp < 0x100) append_hex(&b, 'x', cp, 2);
        else if (cp < 0x10000) append_hex(&b, 'u', cp, 4);
        else append_hex(&b, 'U', cp, 8);
    }
    ouro_decref(vm, r);
    return ouro_strbuf_finish(vm, &b);
}
