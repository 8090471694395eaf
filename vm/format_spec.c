/* vm/format_spec.c — the format-spec mini-language: parsing (CPython 3.11's
 * parse_internal_render_format_spec, with its exact ValueError texts) and the layout of
 * padded text and numbers (calc_number_widths, fill_number, InsertThousandsGrouping).
 * It knows nothing of ints or floats: callers hand it digit text. */
#include "vm/format_spec.h"

#include <stdlib.h>
#include <string.h>

static bool is_align(uint32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
static bool is_sign(uint32_t c) { return c == '+' || c == '-' || c == ' '; }

/* Decodes one UTF-8 code point at s[*pos] (the str type guarantees valid UTF-8). */
static uint32_t utf8_next(const char *s, size_t len, size_t *pos) {
    const unsigned char *p = (const unsigned char *)s + *pos;
    size_t left = len - *pos;
    uint32_t c = p[0];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > left) n = 1;
    if (n == 2) c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
    else if (n == 3) c = ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    else if (n == 4)
        c = ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
            ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    *pos += n;
    return c;
}

/* Parses decimal digits at *pos into *value; returns how many were consumed, or -1 after
 * raising "Too many decimal digits in format string". */
static int parse_integer(OuroVM *vm, const char *s, size_t len, size_t *pos, intptr_t *value) {
    intptr_t acc = 0;
    int count = 0;
    while (*pos < len && s[*pos] >= '0' && s[*pos] <= '9') {
        int digit = s[*pos] - '0';
        if (acc > (INTPTR_MAX - digit) / 10) {
            ouro_err_set_str(vm, &ouro_exc_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + digit;
        (*pos)++;
        count++;
    }
    *value = acc;
    return count;
}

static int comma_and_underscore(OuroVM *vm) {
    ouro_err_set_str(vm, &ouro_exc_ValueError, "Cannot specify both ',' and '_'.");
    return -1;
}

/* Checks the grouping option against the type (PEP 378 and PEP 515). */
static int check_grouping(OuroVM *vm, OuroFormatSpec *f) {
    switch (f->type) {
    case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        return 0;
    case 'b': case 'o': case 'x': case 'X':
        if (f->grouping == '_') {
            f->grouping = '4';
            return 0;
        }
        break;
    default:
        break;
    }
    char sep = f->grouping == ',' ? ',' : '_';
    if (f->type > 32 && f->type < 128)
        ouro_err_format(vm, &ouro_exc_ValueError, "Cannot specify '%c' with '%c'.", sep,
                        (int)f->type);
    else
        ouro_err_format(vm, &ouro_exc_ValueError, "Cannot specify '%c' with '\\x%x'.", sep,
                        (unsigned)f->type);
    return -1;
}

int ouro_format_spec_parse(OuroVM *vm, const char *spec, size_t len, uint32_t default_type,
                           char default_align, const char *type_name, OuroFormatSpec *out) {
    OuroFormatSpec f = { .fill = ' ', .align = default_align, .width = -1, .precision = -1,
                         .type = default_type };
    size_t pos = 0;

    /* [[fill]align]: the fill may be any code point, so decode the first one. */
    if (len > 0) {
        size_t after_first = 0;
        uint32_t first = utf8_next(spec, len, &after_first);
        if (after_first < len && is_align((unsigned char)spec[after_first])) {
            f.fill = first;
            f.align = spec[after_first];
            f.fill_specified = f.align_specified = true;
            pos = after_first + 1;
        } else if (is_align(first)) {
            f.align = (char)first;
            f.align_specified = true;
            pos = 1;
        }
    }
    if (pos < len && is_sign((unsigned char)spec[pos])) f.sign = spec[pos++];
    if (pos < len && spec[pos] == 'z') {
        f.no_neg_zero = true;
        pos++;
    }
    if (pos < len && spec[pos] == '#') {
        f.alternate = true;
        pos++;
    }
    /* The '0' flag: zero fill, and sign-aware ('=') alignment for numbers. */
    if (!f.fill_specified && pos < len && spec[pos] == '0') {
        f.fill = '0';
        if (!f.align_specified && default_align == '>') f.align = '=';
        pos++;
    }
    int consumed = parse_integer(vm, spec, len, &pos, &f.width);
    if (consumed < 0) return -1;
    if (consumed == 0) f.width = -1;

    if (pos < len && spec[pos] == ',') {
        f.grouping = ',';
        pos++;
    }
    if (pos < len && spec[pos] == '_') {
        if (f.grouping) return comma_and_underscore(vm);
        f.grouping = '_';
        pos++;
    }
    if (pos < len && spec[pos] == ',' && f.grouping == '_') return comma_and_underscore(vm);

    if (pos < len && spec[pos] == '.') {
        pos++;
        consumed = parse_integer(vm, spec, len, &pos, &f.precision);
        if (consumed < 0) return -1;
        if (consumed == 0) {
            ouro_err_set_str(vm, &ouro_exc_ValueError, "Format specifier missing precision");
            return -1;
        }
    }

    if (pos < len) {
        size_t tpos = pos;
        uint32_t t = utf8_next(spec, len, &tpos);
        if (tpos != len) {
            OuroObject *text = ouro_str_from_utf8(vm, spec, len);
            if (!text) return -1;
            ouro_err_format(vm, &ouro_exc_ValueError,
                            "Invalid format specifier '%U' for object of type '%s'", text,
                            type_name);
            ouro_decref(vm, text);
            return -1;
        }
        f.type = t;
    }
    if (f.grouping && check_grouping(vm, &f) < 0) return -1;
    *out = f;
    return 0;
}

OuroObject *ouro_format_unknown_type(OuroVM *vm, uint32_t type, const char *type_name) {
    if (type > 32 && type < 128)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "Unknown format code '%c' for object of type '%s'", (int)type,
                               type_name);
    return ouro_err_format(vm, &ouro_exc_ValueError,
                           "Unknown format code '\\x%x' for object of type '%s'",
                           (unsigned)type, type_name);
}

static void append_fill(OuroStrBuf *out, uint32_t fill, intptr_t n) {
    if (n <= 0) return;
    if (fill < 0x80) {
        char chunk[64];
        memset(chunk, (int)fill, sizeof chunk);
        while (n > 0) {
            size_t k = n > 64 ? 64 : (size_t)n;
            ouro_strbuf_append(out, chunk, k);
            n -= (intptr_t)k;
        }
        return;
    }
    while (n-- > 0) ouro_strbuf_append_codepoint(out, fill);
}

void ouro_format_pad(OuroStrBuf *out, const OuroFormatSpec *spec, const char *body,
                     size_t size, size_t nchars) {
    intptr_t pad = spec->width - (intptr_t)nchars;
    intptr_t left = 0, right = 0;
    if (pad > 0) {
        if (spec->align == '<') right = pad;
        else if (spec->align == '^') {
            left = pad / 2;
            right = pad - left;
        } else left = pad;
    }
    append_fill(out, spec->fill, left);
    ouro_strbuf_append(out, body, size);
    append_fill(out, spec->fill, right);
}

/* Byte length of the first n code points of valid UTF-8 text. */
static size_t utf8_prefix_bytes(const char *s, size_t size, size_t n) {
    size_t pos = 0;
    while (n > 0 && pos < size) {
        utf8_next(s, size, &pos);
        n--;
    }
    return pos;
}

int ouro_format_str_body(OuroVM *vm, OuroStrBuf *out, const OuroFormatSpec *spec,
                         const char *utf8, size_t size, size_t nchars) {
    const char *msg = NULL;
    if (spec->sign == ' ') msg = "Space not allowed in string format specifier";
    else if (spec->sign) msg = "Sign not allowed in string format specifier";
    else if (spec->no_neg_zero)
        msg = "Negative zero coercion (z) not allowed in string format specifier";
    else if (spec->alternate) msg = "Alternate form (#) not allowed in string format specifier";
    else if (spec->align == '=') msg = "'=' alignment not allowed in string format specifier";
    if (msg) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, msg);
        return -1;
    }
    if (spec->precision >= 0 && (size_t)spec->precision < nchars) {
        size = utf8_prefix_bytes(utf8, size, (size_t)spec->precision);
        nchars = (size_t)spec->precision;
    }
    ouro_format_pad(out, spec, utf8, size, nchars);
    return 0;
}

/* ---- numbers --------------------------------------------------------------------------- */

/* CPython's _PyUnicode_InsertThousandsGrouping for the built-in groupings: writes the
 * grouped digits (padded with zeros up to min_width) right to left ending at dst_end, or
 * only counts when dst_end is NULL. Returns the number of characters. */
static size_t group_digits(char *dst_end, const char *digits, size_t ndigits,
                           intptr_t min_width, int group, char sep) {
    intptr_t remaining = (intptr_t)ndigits;
    size_t count = 0;
    const char *src = digits + ndigits;
    bool use_sep = false;
    if (min_width < 0) min_width = 0;
    for (;;) {
        intptr_t want = remaining > min_width ? remaining : min_width;
        if (want < 1) want = 1;
        intptr_t len = group && group < want ? group : want;
        intptr_t nzeros = len - remaining > 0 ? len - remaining : 0;
        intptr_t nchars = remaining < len ? (remaining > 0 ? remaining : 0) : len;
        count += (use_sep ? 1 : 0) + (size_t)nzeros + (size_t)nchars;
        if (dst_end) {
            if (use_sep) *--dst_end = sep;
            for (intptr_t i = 0; i < nchars; i++) *--dst_end = *--src;
            for (intptr_t i = 0; i < nzeros; i++) *--dst_end = '0';
        }
        use_sep = true;
        remaining -= nchars;
        min_width -= len;
        if (!group || (remaining <= 0 && min_width <= 0)) break;
        min_width -= 1;
    }
    return count;
}

static void append_upper(OuroStrBuf *out, const char *s, size_t n, bool upper) {
    if (n == 0) return;
    if (!upper) {
        ouro_strbuf_append(out, s, n);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        ouro_strbuf_append_char(out, c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
}

void ouro_format_number(OuroStrBuf *out, const OuroFormatSpec *spec, bool negative,
                        const char *prefix, const char *digits, size_t ndigits,
                        const char *rest, size_t nrest, bool upper) {
    char sign = 0;
    if (negative) sign = '-';
    else if (spec->sign == '+' || spec->sign == ' ') sign = spec->sign;
    size_t nprefix = prefix ? strlen(prefix) : 0;
    intptr_t non_digits = (sign ? 1 : 0) + (intptr_t)nprefix + (intptr_t)nrest;
    intptr_t min_width = 0;
    if (spec->fill == '0' && spec->align == '=') min_width = spec->width - non_digits;
    int group = spec->grouping == '4' ? 4 : spec->grouping ? 3 : 0;
    char sep = spec->grouping == ',' ? ',' : '_';

    size_t ngrouped = ndigits ? group_digits(NULL, digits, ndigits, min_width, group, sep) : 0;
    intptr_t pad = spec->width - (non_digits + (intptr_t)ngrouped);
    intptr_t lpad = 0, spad = 0, rpad = 0;
    if (pad > 0) {
        switch (spec->align) {
        case '<': rpad = pad; break;
        case '^': lpad = pad / 2; rpad = pad - lpad; break;
        case '=': spad = pad; break;
        default: lpad = pad; break;
        }
    }
    append_fill(out, spec->fill, lpad);
    if (sign) ouro_strbuf_append_char(out, sign);
    append_upper(out, prefix, nprefix, upper);
    append_fill(out, spec->fill, spad);
    if (ngrouped) {
        char small[128];
        char *tmp = ngrouped <= sizeof small ? small : malloc(ngrouped);
        if (!tmp) {
            out->failed = true;
            return;
        }
        group_digits(tmp + ngrouped, digits, ndigits, min_width, group, sep);
        append_upper(out, tmp, ngrouped, upper);
        if (tmp != small) free(tmp);
    }
    if (nrest) ouro_strbuf_append(out, rest, nrest);
    append_fill(out, spec->fill, rpad);
}
