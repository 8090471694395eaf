/* vm/strbuf.c — OuroStrBuf, the growable UTF-8 buffer behind every text builder (repr, str,
 * format, join of unknown size), and ouro_str_from_format/vformat, the printf-like
 * formatter that error messages use (%s %d %R %S %U %T ...: see vm/error.h).
 * The buffer starts in its inline 128 bytes and only mallocs when it outgrows them;
 * an allocation failure is remembered and reported once, by finish. */
#include "vm/str_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

void ouro_strbuf_init(OuroStrBuf *b) {
    b->data = b->inline_buf;
    b->len = 0;
    b->cap = sizeof b->inline_buf;
    b->failed = false;
}

/* Makes room for extra more bytes (plus a NUL); false when that failed. */
static bool reserve(OuroStrBuf *b, size_t extra) {
    if (b->failed) return false;
    if (b->len + extra < b->cap) return true;
    if (extra > SIZE_MAX / 4 - b->len) {
        b->failed = true;
        return false;
    }
    size_t cap = b->cap * 2;
    while (cap <= b->len + extra) cap *= 2;
    char *p;
    if (b->data == b->inline_buf) {
        p = malloc(cap);
        if (p) memcpy(p, b->data, b->len);
    } else {
        p = realloc(b->data, cap);
    }
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void ouro_strbuf_append(OuroStrBuf *b, const char *s, size_t n) {
    if (!reserve(b, n)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void ouro_strbuf_append_cstr(OuroStrBuf *b, const char *s) { ouro_strbuf_append(b, s, strlen(s)); }

void ouro_strbuf_append_char(OuroStrBuf *b, char c) {
    if (!reserve(b, 1)) return;
    b->data[b->len++] = c;
}

void ouro_strbuf_append_codepoint(OuroStrBuf *b, uint32_t cp) {
    if (!reserve(b, 4)) return;
    b->len += ouro_utf8_encode(cp, b->data + b->len);
}

static void strbuf_vprintf(OuroStrBuf *b, const char *fmt, va_list ap) {
    va_list copy;
    va_copy(copy, ap);
    size_t room = b->failed ? 0 : b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, copy);
    va_end(copy);
    if (n < 0 || b->failed) return;
    if ((size_t)n >= room) {
        if (!reserve(b, (size_t)n + 1)) return;
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void ouro_strbuf_printf(OuroStrBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

int ouro_strbuf_append_str(OuroVM *vm, OuroStrBuf *b, OuroObject *s) {
    if (!ouro_str_check(s)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "expected str, got %T", s);
        return -1;
    }
    ouro_strbuf_append(b, ouro_str_cstr(s), ouro_str_size(s));
    return 0;
}

int ouro_strbuf_append_repr(OuroVM *vm, OuroStrBuf *b, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) {
        ouro_strbuf_printf(b, "%" PRIdPTR, ouro_smallint_value(o));
        return 0;
    }
    if (ouro_str_check_exact(o)) {
        ouro_str_repr_into(b, o);
        return 0;
    }
    OuroObject *r = ouro_object_repr(vm, o);
    if (!r) return -1;
    int rc = ouro_strbuf_append_str(vm, b, r);
    ouro_decref(vm, r);
    return rc;
}

int ouro_strbuf_append_strof(OuroVM *vm, OuroStrBuf *b, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) {
        ouro_strbuf_printf(b, "%" PRIdPTR, ouro_smallint_value(o));
        return 0;
    }
    if (ouro_str_check_exact(o)) {
        ouro_strbuf_append(b, ouro_str_cstr(o), ouro_str_size(o));
        return 0;
    }
    OuroObject *r = ouro_object_str(vm, o);
    if (!r) return -1;
    int rc = ouro_strbuf_append_str(vm, b, r);
    ouro_decref(vm, r);
    return rc;
}

void ouro_strbuf_release(OuroStrBuf *b) {
    if (b->data != b->inline_buf) free(b->data);
    ouro_strbuf_init(b);
}

OuroObject *ouro_strbuf_finish(OuroVM *vm, OuroStrBuf *b) {
    if (b->failed) {
        ouro_strbuf_release(b);
        return ouro_err_no_memory(vm);
    }
    OuroObject *s = ouro_str_from_utf8(vm, b->data, b->len);
    ouro_strbuf_release(b);
    return s;
}

/* ---- printf-like formatting ----------------------------------------------------------------- */

/* One conversion's flags: %[-][0][width][.precision][l|ll|z]conv. */
typedef struct FormatSpec {
    bool left, zero;
    int width, precision;             /* -1 when absent */
    int longs;                        /* 0, 1 (l) or 2 (ll) */
    bool size_t_;                     /* z */
} FormatSpec;

/* Appends text of nchars code points, padded to spec->width with spaces. */
static void append_padded(OuroStrBuf *b, const FormatSpec *f, const char *s, size_t n,
                          size_t nchars) {
    size_t pad = f->width > 0 && (size_t)f->width > nchars ? (size_t)f->width - nchars : 0;
    if (!f->left)
        for (size_t i = 0; i < pad; i++) ouro_strbuf_append_char(b, ' ');
    ouro_strbuf_append(b, s, n);
    if (f->left)
        for (size_t i = 0; i < pad; i++) ouro_strbuf_append_char(b, ' ');
}

/* A str object cut to spec->precision code points, then padded. */
static void append_str_object(OuroStrBuf *b, const FormatSpec *f, OuroObject *s) {
    size_t n = ouro_str_size(s), nchars = ouro_str_length(s);
    if (f->precision >= 0 && (size_t)f->precision < nchars) {
        n = ouro_str_offset(s, (size_t)f->precision);
        nchars = (size_t)f->precision;
    }
    append_padded(b, f, ouro_str_cstr(s), n, nchars);
}

/* A C string limited to spec->precision bytes without splitting a UTF-8 sequence. */
static void append_cstr(OuroStrBuf *b, const FormatSpec *f, const char *s) {
    if (!s) s = "(null)";
    size_t n = f->precision >= 0 ? strnlen(s, (size_t)f->precision) : strlen(s);
    if (f->precision >= 0 && s[n] != '\0') {
        size_t k = n;
        while (k > 0 && ((unsigned char)s[k] & 0xC0u) == 0x80u) k--;
        if (k < n && k + ouro_utf8_seqlen((unsigned char)s[k]) > n) n = k;
    }
    if (f->width <= 0) ouro_strbuf_append(b, s, n);
    else append_padded(b, f, s, n, ouro_utf8_count(s, n));
}

/* Integer conversions go through C's printf with the same flags. */
static void append_integer(OuroStrBuf *b, const FormatSpec *f, char conv, va_list *ap) {
    char cfmt[32], *p = cfmt;
    *p++ = '%';
    if (f->left) *p++ = '-';
    if (f->zero) *p++ = '0';
    *p++ = '*';
    *p++ = '.';
    *p++ = '*';
    bool is_signed = conv == 'd' || conv == 'i';
    int width = f->width < 0 ? 0 : f->width, prec = f->precision;
    if (f->size_t_) {
        *p++ = 'z';
        *p++ = conv;
        *p = '\0';
        if (is_signed) ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, ssize_t));
        else ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, size_t));
        return;
    }
    for (int i = 0; i < f->longs; i++) *p++ = 'l';
    *p++ = conv;
    *p = '\0';
    if (f->longs == 2) {
        if (is_signed) ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, long long));
        else ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, unsigned long long));
    } else if (f->longs == 1) {
        if (is_signed) ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, long));
        else ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, unsigned long));
    } else {
        if (is_signed) ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, int));
        else ouro_strbuf_printf(b, cfmt, width, prec, va_arg(*ap, unsigned));
    }
}

static const char *parse_spec(const char *p, FormatSpec *f) {
    memset(f, 0, sizeof *f);
    f->width = f->precision = -1;
    for (;; p++) {
        if (*p == '-') f->left = true;
        else if (*p == '0') f->zero = true;
        else break;
    }
    if (*p >= '0' && *p <= '9') {
        f->width = 0;
        while (*p >= '0' && *p <= '9') f->width = f->width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
        p++;
        f->precision = 0;
        while (*p >= '0' && *p <= '9') f->precision = f->precision * 10 + (*p++ - '0');
    }
    if (*p == 'z') {
        f->size_t_ = true;
        p++;
    } else {
        while (*p == 'l' && f->longs < 2) {
            f->longs++;
            p++;
        }
    }
    return p;
}

/* One object conversion (%R %S %A); -1 when the repr/str call raised. */
static int append_object(OuroVM *vm, OuroStrBuf *b, const FormatSpec *f, char conv,
                         OuroObject *o) {
    OuroObject *s;
    if (conv == 'R') s = ouro_object_repr(vm, o);
    else if (conv == 'A') s = ouro_str_ascii(vm, o);
    else s = ouro_object_str(vm, o);
    if (!s) return -1;
    if (!ouro_str_check(s)) {
        ouro_decref(vm, s);
        ouro_err_format(vm, &ouro_exc_TypeError, "__str__ returned non-string");
        return -1;
    }
    append_str_object(b, f, s);
    ouro_decref(vm, s);
    return 0;
}

static int format_one(OuroVM *vm, OuroStrBuf *b, const FormatSpec *f, char conv, va_list *ap) {
    switch (conv) {
    case 'd': case 'i': case 'u': case 'x': case 'X':
        append_integer(b, f, conv == 'i' ? 'd' : conv, ap);
        return 0;
    case 'c': {
        int c = va_arg(*ap, int);
        ouro_strbuf_append_codepoint(b, (uint32_t)c < 0x110000 ? (uint32_t)c : 0xFFFD);
        return 0;
    }
    case 'p':
        ouro_strbuf_printf(b, "0x%" PRIxPTR, ouro_object_display_address(vm, va_arg(*ap, void *)));
        return 0;
    case 's':
        append_cstr(b, f, va_arg(*ap, const char *));
        return 0;
    case 'U': {
        OuroObject *s = va_arg(*ap, OuroObject *);
        if (ouro_str_check(s)) append_str_object(b, f, s);
        else return append_object(vm, b, f, 'S', s);
        return 0;
    }
    case 'T': {
        OuroObject *o = va_arg(*ap, OuroObject *);
        const char *name = ouro_type_name(ouro_type_of(o));
        append_padded(b, f, name, strlen(name), ouro_utf8_count(name, strlen(name)));
        return 0;
    }
    case 'R': case 'S': case 'A':
        return append_object(vm, b, f, conv, va_arg(*ap, OuroObject *));
    default:
        return 1;   /* not a conversion: copied literally by the caller */
    }
}

OuroObject *ouro_str_from_vformat(OuroVM *vm, const char *fmt, va_list ap_in) {
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    va_list ap;
    va_copy(ap, ap_in);
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            ouro_strbuf_append_cstr(&b, p);
            break;
        }
        ouro_strbuf_append(&b, p, (size_t)(pct - p));
        if (pct[1] == '%') {
            ouro_strbuf_append_char(&b, '%');
            p = pct + 2;
            continue;
        }
        FormatSpec f;
        const char *conv = parse_spec(pct + 1, &f);
        if (*conv == '\0') {
            ouro_strbuf_append_cstr(&b, pct);
            break;
        }
        int rc = format_one(vm, &b, &f, *conv, &ap);
        if (rc < 0) {
            va_end(ap);
            ouro_strbuf_release(&b);
            return NULL;
        }
        if (rc > 0) {
            /* Unknown code: CPython copies the rest of the format verbatim. */
            ouro_strbuf_append_cstr(&b, pct);
            break;
        }
        p = conv + 1;
    }
    va_end(ap);
    return ouro_strbuf_finish(vm, &b);
}

OuroObject *ouro_str_from_format(OuroVM *vm, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    OuroObject *s = ouro_str_from_vformat(vm, fmt, ap);
    va_end(ap);
    return s;
}
