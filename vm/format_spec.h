/* vm/format_spec.h — the format-spec mini-language shared by int, float and str __format__:
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 * parsed into a struct (CPython's parse_internal_render_format_spec, same errors), plus the
 * layout helpers: padding a UTF-8 body, and laying out a number (sign, prefix, grouped digits,
 * remainder) exactly as CPython's calc_number_widths/fill_number do. */
#ifndef OURO_VM_FORMAT_SPEC_H
#define OURO_VM_FORMAT_SPEC_H

#include "vm/ouro.h"

typedef struct OuroFormatSpec {
    uint32_t fill;                    /* fill code point, ' ' by default */
    char align;                       /* '<' '>' '^' '=' (the caller's default when absent) */
    char sign;                        /* '+' '-' ' ', or 0 when absent */
    bool no_neg_zero;                 /* 'z' */
    bool alternate;                   /* '#' */
    bool fill_specified, align_specified;
    intptr_t width;                   /* -1 when absent */
    char grouping;                    /* ',' or '_' (every 3 digits), '4' ('_' every 4 digits
                                         for b/o/x/X), or 0 */
    intptr_t precision;               /* -1 when absent */
    uint32_t type;                    /* presentation type, or the caller's default */
} OuroFormatSpec;

/* Parses spec[0..len) (UTF-8). default_type is 0 for float/str-like types with no implicit
 * type ('d' for int, 's' for str); default_align is '>' for numbers and '<' for str.
 * type_name names the object's type in "Invalid format specifier 'x' for object of type 'int'".
 * Raises ValueError with CPython's messages; 0 or -1. */
int ouro_format_spec_parse(OuroVM *vm, const char *spec, size_t len, uint32_t default_type,
                           char default_align, const char *type_name, OuroFormatSpec *out);

/* ValueError "Unknown format code 'q' for object of type 'int'"; returns NULL. */
OuroObject *ouro_format_unknown_type(OuroVM *vm, uint32_t type, const char *type_name);

/* Appends body (UTF-8, size bytes, nchars code points) padded to spec->width with spec->fill
 * according to spec->align ('<' '>' '^'; '=' behaves as '>'). */
void ouro_format_pad(OuroStrBuf *out, const OuroFormatSpec *spec, const char *body,
                     size_t size, size_t nchars);

/* str.__format__'s checks and layout (CPython's format_string_internal): sign, 'z', '#' and
 * '=' are rejected; precision truncates to that many code points. spec must have been
 * parsed with default_type 's' and default_align '<'; type must be 's'. 0 or -1. */
int ouro_format_str_body(OuroVM *vm, OuroStrBuf *out, const OuroFormatSpec *spec,
                         const char *utf8, size_t size, size_t nchars);

/* Lays out a number: negative selects the '-' sign (else spec->sign decides '+', ' ' or
 * none); prefix ("0x", may be NULL) follows the sign; digits[0..ndigits) are the ASCII
 * integer digits that grouping applies to; rest[0..nrest) follows them (".5e+10", "%",
 * or the whole of "inf"). Zero padding ('0' fill with '=' alignment) is grouped like the
 * digits, as CPython does. upper uppercases prefix and digits (the 'X' type). */
void ouro_format_number(OuroStrBuf *out, const OuroFormatSpec *spec, bool negative,
                        const char *prefix, const char *digits, size_t ndigits,
                        const char *rest, size_t nrest, bool upper);

#endif
