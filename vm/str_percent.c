/* vm/str_percent.c — printf-style formatting, fmt % args (CPython's PyUnicode_Format):
 * %s %r %a %d %i %u %o %x %X %e %E %f %F %g %G %c %%, flags - + space # 0, width and
 * precision (or *), length modifiers h l L (ignored), %(key)s with a mapping, and the same
 * errors in the same order as CPython. The format is walked as UTF-8; common conversions
 * (a small int or a str with no width) are written straight into the output buffer. */
#include "vm/str_internal.h"
#include "vm/obj_iter.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct Pct {
    OuroObject *args;                 /* where plain conversions take their values */
    bool args_owned;                  /* args came from a %(key) lookup */
    intptr_t arglen, argidx;          /* arglen -1: args is a single value */
    OuroObject *dict;                 /* the mapping for %(key), or NULL */
    const char *fmt;
    size_t pos, size;                 /* byte cursor in fmt */
    bool eof;                         /* a read ran past the end */
    OuroStrBuf out;
} Pct;

typedef struct PctArg {
    uint32_t ch;                      /* conversion character */
    size_t ch_pos;                    /* its byte offset, for error messages */
    int flags;
    intptr_t width;                   /* -1 when absent */
    int prec;                         /* -1 when absent */
    bool sign;                        /* a number: sign and zero padding apply */
} PctArg;

/* Reads the next character, or sets eof (the character stays as it was). */
static bool read_char(Pct *c, uint32_t *ch) {
    if (c->pos >= c->size) {
        c->eof = true;
        return false;
    }
    const char *p = c->fmt + c->pos;
    *ch = ouro_utf8_next(&p);
    c->pos = (size_t)(p - c->fmt);
    return true;
}

static OuroObject *next_arg(OuroVM *vm, Pct *c) {
    if (c->argidx < c->arglen) {
        intptr_t i = c->argidx++;
        return c->arglen < 0 ? c->args : ouro_tuple_get(c->args, (size_t)i);
    }
    return ouro_err_format(vm, &ouro_exc_TypeError, "not enough arguments for format string");
}

/* A '*' width or precision value: an int that fits a C ssize_t / int. */
static int star_value(OuroVM *vm, Pct *c, bool c_int, intptr_t *out) {
    OuroObject *v = next_arg(vm, c);
    if (!v) return -1;
    if (!ouro_int_check(v)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "* wants int");
        return -1;
    }
    int64_t x;
    if (OURO_IS_SMALLINT(v)) {
        x = ouro_smallint_value(v);
    } else if (ouro_int_as_i64(vm, v, &x) < 0) {
        ouro_err_clear(vm);
        x = INT64_MAX;
    }
    if (x == INT64_MAX || (c_int && (x > INT32_MAX || x < INT32_MIN))) {
        ouro_err_format(vm, &ouro_exc_OverflowError, "Python int too large to convert to C %s",
                        c_int ? "int" : "ssize_t");
        return -1;
    }
    *out = (intptr_t)x;
    return 0;
}

/* Reads decimal digits continuing from the first one in *ch (unicode_format_arg_parse). */
static int read_number(OuroVM *vm, Pct *c, uint32_t *ch, intptr_t limit, const char *what,
                       intptr_t *out) {
    intptr_t v = (intptr_t)(*ch - '0');
    while (read_char(c, ch)) {
        if (*ch < '0' || *ch > '9') break;
        intptr_t d = (intptr_t)(*ch - '0');
        if (v > (limit - d) / 10) {
            ouro_err_format(vm, &ouro_exc_ValueError, "%s too big", what);
            return -1;
        }
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int parse_key(OuroVM *vm, Pct *c) {
    if (!c->dict) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "format requires a mapping");
        return -1;
    }
    c->pos++;   /* the '(' */
    size_t keystart = c->pos;
    int depth = 1;
    uint32_t ch;
    while (depth > 0 && read_char(c, &ch)) {
        if (ch == ')') depth--;
        else if (ch == '(') depth++;
    }
    if (depth > 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "incomplete format key");
        return -1;
    }
    OuroObject *key = ouro_str_from_valid(vm, c->fmt + keystart, c->pos - 1 - keystart);
    if (!key) return -1;
    OuroObject *v = ouro_object_getitem(vm, c->dict, key);
    ouro_decref(vm, key);
    if (!v) return -1;
    if (c->args_owned) ouro_decref(vm, c->args);
    c->args = v;
    c->args_owned = true;
    c->arglen = -1;
    c->argidx = -2;
    return 0;
}

/* Flags, width, precision and length modifier; leaves the conversion in a->ch. */
static int parse_arg(OuroVM *vm, Pct *c, PctArg *a) {
    if (a->ch == '(' && parse_key(vm, c) < 0) return -1;
    uint32_t ch = a->ch;
    while (read_char(c, &ch)) {
        int f = ch == '-' ? F_LJUST : ch == '+' ? F_SIGN : ch == ' ' ? F_BLANK
              : ch == '#' ? F_ALT : ch == '0' ? F_ZERO : 0;
        if (!f) break;
        a->flags |= f;
    }
    if (ch == '*') {
        if (star_value(vm, c, false, &a->width) < 0) return -1;
        if (a->width < 0) {
            a->flags |= F_LJUST;
            a->width = -a->width;
        }
        read_char(c, &ch);
    } else if (ch >= '0' && ch <= '9' && !c->eof) {
        if (read_number(vm, c, &ch, INTPTR_MAX, "width", &a->width) < 0) return -1;
    }
    if (ch == '.' && !c->eof) {
        a->prec = 0;
        read_char(c, &ch);
        if (ch == '*' && !c->eof) {
            intptr_t p;
            if (star_value(vm, c, true, &p) < 0) return -1;
            a->prec = p < 0 ? 0 : (int)p;
            read_char(c, &ch);
        } else if (ch >= '0' && ch <= '9' && !c->eof) {
            intptr_t p;
            if (read_number(vm, c, &ch, INT32_MAX, "precision", &p) < 0) return -1;
            a->prec = (int)p;
        }
    }
    if (!c->eof && (ch == 'h' || ch == 'l' || ch == 'L')) read_char(c, &ch);
    if (c->eof) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "incomplete format");
        return -1;
    }
    a->ch = ch;
    a->ch_pos = c->pos - ouro_utf8_cplen(ch);
    return 0;
}

/* ---- numbers --------------------------------------------------------------------------------- */

/* The text of an int in base 8, 10 or 16 ("-" then digits) into b. */
static void int_digits(OuroStrBuf *b, OuroObject *v, int base, bool upper) {
    if (OURO_IS_SMALLINT(v)) {
        intptr_t x = ouro_smallint_value(v);
        const char *f = base == 10 ? "%s%llu" : base == 8 ? "%s%llo" : upper ? "%s%llX" : "%s%llx";
        unsigned long long mag = x < 0 ? (unsigned long long)-(long long)x : (unsigned long long)x;
        ouro_strbuf_printf(b, f, x < 0 ? "-" : "", mag);
        return;
    }
    mpz_t z;
    mpz_init(z);
    ouro_int_to_mpz(v, z);
    size_t n = mpz_sizeinbase(z, base) + 2;
    char *tmp = malloc(n);
    if (!tmp) {
        b->failed = true;
    } else {
        mpz_get_str(tmp, upper ? -base : base, z);
        ouro_strbuf_append_cstr(b, tmp);
        free(tmp);
    }
    mpz_clear(z);
}

static OuroObject *wrong_number_type(OuroVM *vm, uint32_t ch, OuroObject *v) {
    if (ch == 'o' || ch == 'x' || ch == 'X')
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "%%%c format: an integer is required, not %T", (int)ch, v);
    return ouro_err_format(vm, &ouro_exc_TypeError,
                           "%%%c format: a real number is required, not %T", (int)ch, v);
}

/* The int an integer conversion formats (new ref): ints as they are, floats truncated for
 * %d %i %u, __index__ (or __int__ for %d) otherwise. */
static OuroObject *integer_of(OuroVM *vm, OuroObject *v, uint32_t ch) {
    if (ouro_int_check(v)) return ouro_newref(v);
    bool index_only = ch == 'o' || ch == 'x' || ch == 'X';
    OuroType *t = ouro_type_of(v);
    OuroObject *r;
    if (ouro_float_check(v) && !index_only) r = ouro_int_from_double(vm, ouro_float_value(v));
    else if (t->nb_index) r = ouro_number_index(vm, v);
    else if (t->nb_int && !index_only) r = t->nb_int(vm, v);
    else return wrong_number_type(vm, ch, v);
    if (!r && ouro_err_matches(vm, &ouro_exc_TypeError)) {
        ouro_err_clear(vm);
        return wrong_number_type(vm, ch, v);
    }
    return r;
}

/* _PyUnicode_FormatLong: sign, optional 0o/0x/0X prefix, digits zero-filled to prec. */
static void format_long(OuroStrBuf *b, OuroObject *v, int prec, uint32_t ch, bool alt) {
    OuroStrBuf digits;
    ouro_strbuf_init(&digits);
    int base = ch == 'o' ? 8 : (ch == 'x' || ch == 'X') ? 16 : 10;
    int_digits(&digits, v, base, ch == 'X');
    if (digits.failed) b->failed = true;
    const char *d = digits.data;
    size_t n = digits.len;
    if (n > 0 && d[0] == '-') {
        ouro_strbuf_append_char(b, '-');
        d++;
        n--;
    }
    if (alt && base != 10) {
        ouro_strbuf_append_char(b, '0');
        ouro_strbuf_append_char(b, (char)ch);
    }
    for (intptr_t k = (intptr_t)n; k < prec; k++) ouro_strbuf_append_char(b, '0');
    ouro_strbuf_append(b, d, n);
    ouro_strbuf_release(&digits);
}

/* PyOS_double_to_string for the e f g E F G conversions. */
static void format_double(OuroStrBuf *b, double x, uint32_t ch, int prec, bool alt) {
    if (prec < 0) prec = 6;
    bool upper = ch == 'E' || ch == 'F' || ch == 'G';
    if (isnan(x)) {
        ouro_strbuf_append_cstr(b, upper ? "NAN" : "nan");
        return;
    }
    if (isinf(x)) {
        ouro_strbuf_append_cstr(b, x < 0 ? (upper ? "-INF" : "-inf") : (upper ? "INF" : "inf"));
        return;
    }
    char cfmt[8] = "%", *p = cfmt + 1;
    if (alt) *p++ = '#';
    *p++ = '.';
    *p++ = '*';
    *p++ = (char)ch;
    *p = '\0';
    ouro_strbuf_printf(b, cfmt, prec, x);
}

static int float_arg(OuroVM *vm, OuroObject *v, double *x) {
    if (ouro_float_check(v)) {
        *x = ouro_float_value(v);
        return 0;
    }
    if (!ouro_str_check(v) && ouro_float_as_double(vm, v, x) == 0) return 0;
    if (ouro_err_occurred(vm) && !ouro_err_matches(vm, &ouro_exc_TypeError)) return -1;
    ouro_err_clear(vm);
    ouro_err_format(vm, &ouro_exc_TypeError, "must be real number, not %T", v);
    return -1;
}

/* formatchar: a one-character str or an int code point. */
static int char_arg(OuroVM *vm, OuroObject *v, uint32_t *cp) {
    if (ouro_str_check(v) && ouro_str_length(v) == 1) {
        const char *p = ouro_str_cstr(v);
        *cp = ouro_utf8_next(&p);
        return 0;
    }
    if (!ouro_str_check(v) && ouro_index_check(v)) {
        OuroObject *i = ouro_int_check(v) ? ouro_newref(v) : ouro_number_index(vm, v);
        if (!i) {
            ouro_err_clear(vm);
        } else {
            int64_t x;
            if (ouro_int_as_i64(vm, i, &x) < 0) {
                ouro_err_clear(vm);
                x = -1;   /* too large for C: out of range all the same */
            }
            ouro_decref(vm, i);
            if (x < 0 || x >= 0x110000) {
                ouro_err_set_str(vm, &ouro_exc_OverflowError, "%c arg not in range(0x110000)");
                return -1;
            }
            *cp = (uint32_t)x;
            return 0;
        }
    }
    ouro_err_set_str(vm, &ouro_exc_TypeError, "%c requires int or char");
    return -1;
}

/* ---- output ---------------------------------------------------------------------------------- */

static void append_fill(OuroStrBuf *b, char fill, intptr_t n) {
    for (intptr_t k = 0; k < n; k++) ouro_strbuf_append_char(b, fill);
}

/* unicode_format_arg_output: writes text (UTF-8, len code points) with sign, alternate-form
 * prefix and padding applied. */
static void output_arg(Pct *c, PctArg *a, const char *text, size_t size) {
    OuroStrBuf *b = &c->out;
    char fill = a->sign && (a->flags & F_ZERO) ? '0' : ' ';
    intptr_t len = (intptr_t)ouro_utf8_count(text, size);
    if ((a->width == -1 || a->width <= len) && (a->prec == -1 || a->prec >= len) &&
        !(a->flags & (F_SIGN | F_BLANK))) {
        ouro_strbuf_append(b, text, size);
        return;
    }
    if ((a->ch == 's' || a->ch == 'r' || a->ch == 'a') && a->prec >= 0 && len > a->prec)
        len = a->prec;
    const char *p = text;
    char signchar = 0;
    if (a->sign) {
        if (*p == '-' || *p == '+') {
            signchar = *p++;
            len--;
        } else if (a->flags & F_SIGN) {
            signchar = '+';
        } else if (a->flags & F_BLANK) {
            signchar = ' ';
        } else {
            a->sign = false;
        }
    }
    intptr_t width = a->width < len ? len : a->width;
    bool prefix = (a->flags & F_ALT) && (a->ch == 'x' || a->ch == 'X' || a->ch == 'o');
    if (a->sign) {
        if (fill != ' ') ouro_strbuf_append_char(b, signchar);
        if (width > len) width--;
    }
    if (prefix) {
        if (fill != ' ') {
            ouro_strbuf_append(b, p, 2);
            p += 2;
        }
        width = width - 2 < 0 ? 0 : width - 2;
        len -= 2;
    }
    if (width > len && !(a->flags & F_LJUST)) {
        append_fill(b, fill, width - len);
        width = len;
    }
    if (fill == ' ') {
        if (a->sign) ouro_strbuf_append_char(b, signchar);
        if (prefix) {
            ouro_strbuf_append(b, p, 2);
            p += 2;
        }
    }
    /* len code points starting at p */
    const char *q = p;
    for (intptr_t k = 0; k < len; k++) q += ouro_utf8_seqlen((unsigned char)*q);
    ouro_strbuf_append(b, p, (size_t)(q - p));
    if (width > len) append_fill(b, ' ', width - len);
}

/* Formats one conversion's value into c->out. */
static int format_arg(OuroVM *vm, Pct *c, PctArg *a) {
    OuroObject *v = next_arg(vm, c);
    if (!v) return -1;
    bool plain = a->width == -1 && a->prec == -1;
    OuroStrBuf tmp;
    ouro_strbuf_init(&tmp);
    OuroObject *s = NULL;
    switch (a->ch) {
    case 's': case 'r': case 'a':
        if (plain && OURO_IS_SMALLINT(v)) return ouro_strbuf_append_strof(vm, &c->out, v);
        if (a->ch == 's' && ouro_str_check_exact(v)) {
            if (plain && !(a->flags & (F_SIGN | F_BLANK)))
                return ouro_strbuf_append_str(vm, &c->out, v);
            s = ouro_newref(v);
        } else {
            s = a->ch == 's' ? ouro_object_str(vm, v)
              : a->ch == 'r' ? ouro_object_repr(vm, v) : ouro_str_ascii(vm, v);
        }
        if (!s) return -1;
        output_arg(c, a, ouro_str_cstr(s), ouro_str_size(s));
        ouro_decref(vm, s);
        return 0;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X': {
        OuroObject *i = integer_of(vm, v, a->ch);
        if (!i) return -1;
        format_long(&tmp, i, a->prec, a->ch, (a->flags & F_ALT) != 0);
        ouro_decref(vm, i);
        a->sign = true;
        break;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double x;
        if (float_arg(vm, v, &x) < 0) return -1;
        format_double(&tmp, x, a->ch, a->prec, (a->flags & F_ALT) != 0);
        a->sign = true;
        break;
    }
    case 'c': {
        uint32_t cp;
        if (char_arg(vm, v, &cp) < 0) return -1;
        ouro_strbuf_append_codepoint(&tmp, cp);
        break;
    }
    default: {
        size_t index = ouro_utf8_count(c->fmt, a->ch_pos);
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "unsupported format character '%c' (0x%x) at index %zu",
                        a->ch >= 31 && a->ch <= 126 ? (int)a->ch : '?', (unsigned)a->ch, index);
        return -1;
    }
    }
    if (tmp.failed) {
        ouro_strbuf_release(&tmp);
        ouro_err_no_memory(vm);
        return -1;
    }
    output_arg(c, a, tmp.data, tmp.len);
    ouro_strbuf_release(&tmp);
    return 0;
}

/* One %-directive, c->pos just after the '%'. */
static int directive(OuroVM *vm, Pct *c) {
    PctArg a = {.width = -1, .prec = -1};
    a.ch = c->pos < c->size ? (unsigned char)c->fmt[c->pos] : 0;
    if (a.ch == '%') {
        c->pos++;
        ouro_strbuf_append_char(&c->out, '%');
        return 0;
    }
    if (parse_arg(vm, c, &a) < 0 || format_arg(vm, c, &a) < 0) return -1;
    if (c->dict && c->argidx < c->arglen) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "not all arguments converted during string formatting");
        return -1;
    }
    return 0;
}

/* CPython's PyMapping_Check minus tuple and str: anything subscriptable. */
static bool is_mapping(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && ouro_type_of(o)->getitem && !ouro_tuple_check(o) &&
           !ouro_str_check(o);
}

OuroObject *ouro_str_percent(OuroVM *vm, OuroObject *fmt, OuroObject *args) {
    Pct c = {.args = args, .fmt = ouro_str_cstr(fmt), .size = ouro_str_size(fmt)};
    if (ouro_tuple_check(args)) {
        c.arglen = (intptr_t)ouro_tuple_size(args);
        c.argidx = 0;
    } else {
        c.arglen = -1;
        c.argidx = -2;
    }
    c.dict = is_mapping(args) ? args : NULL;
    ouro_strbuf_init(&c.out);
    int rc = 0;
    while (c.pos < c.size && rc == 0) {
        const char *start = c.fmt + c.pos;
        const char *pct = memchr(start, '%', c.size - c.pos);
        if (!pct) {
            ouro_strbuf_append(&c.out, start, c.size - c.pos);
            break;
        }
        ouro_strbuf_append(&c.out, start, (size_t)(pct - start));
        c.pos = (size_t)(pct - c.fmt) + 1;
        rc = directive(vm, &c);
    }
    if (rc == 0 && c.argidx < c.arglen && !c.dict) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "not all arguments converted during string formatting");
        rc = -1;
    }
    if (c.args_owned) ouro_decref(vm, c.args);
    if (rc < 0) {
        ouro_strbuf_release(&c.out);
        return NULL;
    }
    if (c.out.failed) {
        ouro_strbuf_release(&c.out);
        return ouro_err_no_memory(vm);
    }
    /* A format without directives returns the receiver itself (exact str only). */
    if (c.out.len == c.size && ouro_str_check_exact(fmt) &&
        memcmp(c.out.data, c.fmt, c.size) == 0) {
        ouro_strbuf_release(&c.out);
        return ouro_newref(fmt);
    }
    return ouro_strbuf_finish(vm, &c.out);
}
