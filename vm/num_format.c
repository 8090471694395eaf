/* vm/num_format.c — numbers as text: float repr (shortest round-trip digits), CPython's
 * PyOS_double_to_string layout rules ('r' 'e' 'f' 'g' modes and flags), int.__format__ and
 * float.__format__ on top of vm/format_spec.h, and parsing float() / float.fromhex() text.
 * Digits come from the C library's correctly rounded printf, laid out by a port of
 * CPython's format_float_short so every corner (exponent thresholds, '#', '.0') matches. */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- decimal digits of a double ----------------------------------------------------------- */

/* Digits of a finite v >= 0 without leading/trailing zeros, and the decimal point position
 * (value = 0.DIGITS * 10**decpt), as _Py_dg_dtoa returns them. mode 0: shortest round-trip;
 * 2: ndigits significant digits; 3: ndigits digits after the point. */
typedef struct Digits {
    char *text;                       /* points into small or a malloc'd block */
    int len, decpt;
    char small[64];
    char *heap;
} Digits;

static void digits_release(Digits *d) { free(d->heap); }

/* snprintf into d->small, or into a heap block when longer. */
static char *print_into(Digits *d, const char *fmt, int prec, double v) {
    int n = snprintf(d->small, sizeof d->small, fmt, prec, v);
    if (n < (int)sizeof d->small) return d->small;
    d->heap = malloc((size_t)n + 1);
    if (!d->heap) return NULL;
    snprintf(d->heap, (size_t)n + 1, fmt, prec, v);
    return d->heap;
}

/* Reads "d.ddde+XX" in place into digits and decpt. */
static void from_exp_form(Digits *d, char *s) {
    char *e = strchr(s, 'e');
    int exp = atoi(e + 1);
    int n = 0;
    for (char *p = s; p < e; p++)
        if (*p != '.') s[n++] = *p;
    d->text = s;
    d->len = n;
    d->decpt = exp + 1;
}

/* Reads "iii.fff" in place. */
static void from_fixed_form(Digits *d, char *s) {
    char *dot = strchr(s, '.');
    int intlen = dot ? (int)(dot - s) : (int)strlen(s);
    int n = 0;
    for (char *p = s; *p; p++)
        if (*p != '.') s[n++] = *p;
    d->text = s;
    d->len = n;
    d->decpt = intlen;
    while (d->len > 0 && d->text[0] == '0') {
        d->text++;
        d->len--;
        d->decpt--;
    }
}

static void strip_trailing_zeros(Digits *d) {
    while (d->len > 0 && d->text[d->len - 1] == '0') d->len--;
    if (d->len == 0) {
        d->text = "0";
        d->len = 1;
        d->decpt = 1;
    }
}

/* Adds one unit in the last digit of the "d.ddde+XX" text in buf (carrying; "9.99e+01"
 * becomes "1.00e+02"). */
static void increment_last_digit(char *buf, size_t cap) {
    char *e = strchr(buf, 'e');
    char *p = e - 1;
    for (;; p--) {
        if (*p == '.') continue;
        if (*p != '9') {
            (*p)++;
            return;
        }
        *p = '0';
        if (p == buf) break;
    }
    /* All nines: the mantissa is now 0.00..; make it 1.00.. and bump the exponent. */
    buf[0] = '1';
    int exp = atoi(e + 1) + 1;
    snprintf(e, cap - (size_t)(e - buf), "e%+03d", exp);
}

static bool reads_back(const char *text, double v) { return strtod(text, NULL) == v; }

/* Exact check that the decimal digits[0..n) * 10**exp10 reads back as v. Small cases
 * use one correctly rounded IEEE operation (both operands exact), like strtod's fast path;
 * the rest ask strtod. */
static bool digits_read_back(const char *digits, int n, int exp10, double v) {
    static const double tens[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    if (n <= 15 && exp10 >= -22 && exp10 <= 22) {
        uint64_t m = 0;
        for (int i = 0; i < n; i++) m = m * 10 + (uint64_t)(digits[i] - '0');
        double x = (double)m;   /* exact: m < 10**15 < 2**53 */
        return (exp10 >= 0 ? x * tens[exp10] : x / tens[-exp10]) == v;
    }
    char text[48];
    memcpy(text, digits, (size_t)n);
    snprintf(text + n, sizeof text - (size_t)n, "e%d", exp10);
    return strtod(text, NULL) == v;
}

/* Rounds the 17 digits of d17 to n digits (half up) into out; false when the dropped
 * digits are exactly a half, where rounding the rounded text could differ from rounding
 * v itself. *carry reports 99.. -> 100.. (one more power of ten). */
static bool round_digits(const char *d17, int n, char *out, bool *carry) {
    bool half = d17[n] == '5', up = d17[n] >= '5';
    for (int i = n + 1; i < 17 && half; i++) half = d17[i] == '0';
    if (half) return false;
    memcpy(out, d17, (size_t)n);
    *carry = false;
    if (up) {
        int i = n - 1;
        while (i >= 0 && out[i] == '9') out[i--] = '0';
        if (i >= 0) out[i]++;
        else {
            out[0] = '1';
            *carry = true;
        }
    }
    return true;
}

/* Tries the correctly rounded n-digit string (n = 15 or 16): the shortest answer when it
 * reads back, since the round-trip interval is symmetric for these values. */
static bool try_precision(Digits *d, double v, const char *d17, int e17, int n) {
    char buf[20];
    bool carry;
    if (!round_digits(d17, n, buf, &carry)) {
        char text[40];
        snprintf(text, sizeof text, "%.*e", n - 1, v);
        from_exp_form(d, text);
        memcpy(buf, d->text, (size_t)n);
        carry = d->decpt - 1 != e17;
    }
    int e = e17 + (carry ? 1 : 0);
    if (!digits_read_back(buf, n, e - n + 1, v)) return false;
    memcpy(d->small, buf, (size_t)n);
    d->text = d->small;
    d->len = n;
    d->decpt = e + 1;
    return true;
}

/* ---- exact shortest digits without printf, for 1e-6 <= v < 2**64 ----
 * v * 10**k == q + r / den exactly, with 128-bit integers: den is 2**s when v has a
 * fraction (k <= 22 keeps m * 10**k below 2**128), or 10**j for big integral v. ulp_num
 * is v's ulp in the same scale times den. A candidate C (at scale 10**k) reads back as v
 * when it lies within half an ulp, ties going to the even significand. */
typedef unsigned __int128 U128;

typedef struct ScaledValue {
    uint64_t q;
    U128 r, den, ulp_num;
    bool m_even;
    int k;
} ScaledValue;

static const uint64_t pow10_u64[20] = {
    1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
    100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
    10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
    100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
};

static U128 pow10_u128(int k) {
    U128 p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

/* Scales v so that q has 17 digits; false when v is outside the exact range. */
static bool scale_value(double v, ScaledValue *sv) {
    int e;
    double f = frexp(v, &e);                     /* v = f * 2**e, 0.5 <= f < 1 */
    uint64_t m = (uint64_t)ldexp(f, 53);         /* v = m * 2**(e - 53) */
    int s = 53 - e;
    sv->m_even = (m & 1) == 0;
    int k = 16 - (int)floor(log10(v));
    for (int attempt = 0; attempt < 3; attempt++) {
        if (s > 0) {
            if (k < 0 || k > 22 || s > 100) return false;
            U128 n = (U128)m * pow10_u128(k);
            U128 den = (U128)1 << s;
            U128 q = n >> s;
            sv->r = n & (den - 1);
            sv->den = den;
            sv->ulp_num = pow10_u128(k);
            if (q >> 64) return false;
            sv->q = (uint64_t)q;
        } else {
            if (s < -11 || k > 0 || k < -3) return false;
            uint64_t vi = m << -s;                /* v itself, below 2**64 */
            uint64_t p = pow10_u64[-k];
            sv->q = vi / p;
            sv->r = vi % p;
            sv->den = p;
            sv->ulp_num = (U128)1 << -s;
        }
        sv->k = k;
        if (sv->q >= pow10_u64[17]) k--;
        else if (sv->q < pow10_u64[16]) k++;
        else return true;
    }
    return false;
}

/* Rounds v * 10**(k - d) to an integer, half to even (d = 0, 1, 2). */
static uint64_t round_scaled(const ScaledValue *sv, int d) {
    uint64_t p = pow10_u64[d], qq = sv->q / p, rem = sv->q % p;
    U128 frac = (U128)rem * sv->den + sv->r, half = (U128)(p / 2) * sv->den;
    if (d == 0) {
        frac = sv->r * 2;
        half = sv->den;
    }
    if (frac > half || (frac == half && (qq & 1))) qq++;
    return qq;
}

/* Whether c * 10**d (at scale 10**k) reads back as v. */
static bool scaled_reads_back(const ScaledValue *sv, uint64_t c, int d) {
    U128 cs = (U128)c * pow10_u64[d];
    U128 diff;                                   /* |cs * den - (q * den + r)| */
    U128 a = cs * sv->den, b = (U128)sv->q * sv->den + sv->r;
    diff = a > b ? a - b : b - a;
    U128 twice = diff * 2;
    return twice < sv->ulp_num || (twice == sv->ulp_num && sv->m_even);
}

static void set_digits_u64(Digits *d, uint64_t c, int exp10_of_last) {
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + c % 10);
        c /= 10;
    } while (c);
    for (int i = 0; i < n; i++) d->small[i] = tmp[n - 1 - i];
    d->text = d->small;
    d->len = n;
    d->decpt = exp10_of_last + n;
}

static bool fast_shortest(Digits *d, double v) {
    ScaledValue sv;
    if (v < 1e-6 || v >= 18446744073709551616.0 || !scale_value(v, &sv)) return false;
    for (int drop = 2; drop >= 1; drop--) {
        uint64_t c = round_scaled(&sv, drop);
        if (scaled_reads_back(&sv, c, drop)) {
            set_digits_u64(d, c, drop - sv.k);
            return true;
        }
    }
    set_digits_u64(d, round_scaled(&sv, 0), -sv.k);
    return true;
}

/* Shortest round-trip digits of v > 0 (dtoa mode 0). The interval of strings reading back
 * as v is symmetric except at powers of two (the gap below is half the gap above) and
 * coarser for subnormals: those take a full search that also tries the next string above
 * the correctly rounded one. Elsewhere the correctly rounded 15-, 16- or 17-digit string
 * is the answer, and rounding to 15 digits already yields any shorter one padded with
 * zeros; the 15 and 16 digit strings are derived from one 17-digit conversion. */
static void shortest_digits(Digits *d, double v) {
    int e;
    if (frexp(v, &e) == 0.5 || v < DBL_MIN) {
        for (int p = 1; p <= 17; p++) {
            snprintf(d->small, sizeof d->small, "%.*e", p - 1, v);
            if (p == 17 || reads_back(d->small, v)) break;
            increment_last_digit(d->small, sizeof d->small);
            if (reads_back(d->small, v)) break;
        }
        from_exp_form(d, d->small);
        return;
    }
    if (fast_shortest(d, v)) return;
    char text[40];
    snprintf(text, sizeof text, "%.16e", v);
    Digits tmp;
    from_exp_form(&tmp, text);             /* 17 digits, decpt = exponent + 1 */
    char d17[18];
    memcpy(d17, tmp.text, 17);
    d17[17] = 0;
    int e17 = tmp.decpt - 1;
    if (try_precision(d, v, d17, e17, 15) || try_precision(d, v, d17, e17, 16)) return;
    memcpy(d->small, d17, 17);
    d->text = d->small;
    d->len = 17;
    d->decpt = e17 + 1;
}

static int make_digits(Digits *d, double v, int mode, int ndigits) {
    d->heap = NULL;
    if (v == 0.0) {
        d->text = "0";
        d->len = 1;
        d->decpt = 1;
        return 0;
    }
    char *s;
    if (mode == 0) {
        shortest_digits(d, v);
    } else if (mode == 2) {
        s = print_into(d, "%.*e", ndigits - 1, v);
        if (!s) return -1;
        from_exp_form(d, s);
    } else {
        s = print_into(d, "%.*f", ndigits, v);
        if (!s) return -1;
        from_fixed_form(d, s);
    }
    strip_trailing_zeros(d);
    return 0;
}

/* ---- PyOS_double_to_string ---------------------------------------------------------------- */

/* CPython's format_float_short, writing into a malloc'd string. */
static char *format_float_short(double v, char code, int mode, int precision, int flags,
                                bool upper) {
    bool sign = signbit(v) != 0;
    bool add_sign = flags & OURO_DTSF_SIGN, add_dot_0 = flags & OURO_DTSF_ADD_DOT_0;
    bool alt = flags & OURO_DTSF_ALT;
    if (!isfinite(v)) {
        char *buf = malloc(5), *p = buf;
        if (!buf) return NULL;
        if (isnan(v)) sign = false;   /* the sign of a NaN is never shown */
        if (sign) *p++ = '-';
        else if (add_sign) *p++ = '+';
        memcpy(p, isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 4);
        return buf;
    }
    Digits d;
    if (make_digits(&d, fabs(v), mode, precision) < 0) return NULL;
    if ((flags & OURO_DTSF_NO_NEG_0) && sign && d.len == 1 && d.text[0] == '0') sign = false;
    /* A 'f' result that rounded to zero keeps the sign of v, as dtoa's does. */

    long decpt = d.decpt, digits_len = d.len, vdigits_end = digits_len;
    bool use_exp = false;
    int exp = 0;
    switch (code) {
    case 'e':
        use_exp = true;
        vdigits_end = precision;
        break;
    case 'f':
        vdigits_end = decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
        if (alt) vdigits_end = precision;
        break;
    default: /* 'r' */
        if (decpt <= -4 || decpt > 16) use_exp = true;
        break;
    }
    if (use_exp) {
        exp = (int)decpt - 1;
        decpt = 1;
    }
    long vdigits_start = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0) vdigits_end = vdigits_end > decpt ? vdigits_end : decpt + 1;
    else vdigits_end = vdigits_end > decpt ? vdigits_end : decpt;

    size_t bufsize = 3 + (size_t)(vdigits_end - vdigits_start) + (use_exp ? 8 : 0);
    char *buf = malloc(bufsize), *p = buf;
    if (!buf) {
        digits_release(&d);
        return NULL;
    }
    if (sign) *p++ = '-';
    else if (add_sign) *p++ = '+';
    if (decpt <= 0) {
        memset(p, '0', (size_t)(decpt - vdigits_start));
        p += decpt - vdigits_start;
        *p++ = '.';
        memset(p, '0', (size_t)-decpt);
        p += -decpt;
    } else {
        memset(p, '0', (size_t)-vdigits_start);
        p += -vdigits_start;
    }
    if (0 < decpt && decpt <= digits_len) {
        memcpy(p, d.text, (size_t)decpt);
        p += decpt;
        *p++ = '.';
        memcpy(p, d.text + decpt, (size_t)(digits_len - decpt));
        p += digits_len - decpt;
    } else {
        memcpy(p, d.text, (size_t)digits_len);
        p += digits_len;
    }
    if (digits_len < decpt) {
        memset(p, '0', (size_t)(decpt - digits_len));
        p += decpt - digits_len;
        *p++ = '.';
        memset(p, '0', (size_t)(vdigits_end - decpt));
        p += vdigits_end - decpt;
    } else {
        memset(p, '0', (size_t)(vdigits_end - digits_len));
        p += vdigits_end - digits_len;
    }
    if (p[-1] == '.' && !alt) p--;
    if (use_exp) p += sprintf(p, "%c%+.02d", upper ? 'E' : 'e', exp);
    *p = 0;
    digits_release(&d);
    return buf;
}

char *ouro_double_to_string(double v, char code, int precision, int flags) {
    bool upper = false;
    int mode;
    switch (code) {
    case 'E': upper = true; code = 'e'; /* fall through */
    case 'e': mode = 2; precision++; break;
    case 'F': upper = true; code = 'f'; /* fall through */
    case 'f': mode = 3; break;
    case 'G': upper = true; code = 'g'; /* fall through */
    case 'g': mode = 2; if (precision == 0) precision = 1; break;
    default: code = 'r'; mode = 0; precision = 0; break;
    }
    return format_float_short(v, code, mode, precision, flags, upper);
}

void ouro_float_repr_cstr(double v, char *buf, size_t size) {
    char *s = ouro_double_to_string(v, 'r', 0, OURO_DTSF_ADD_DOT_0);
    if (!s) {
        snprintf(buf, size, "%.17g", v);
        return;
    }
    snprintf(buf, size, "%s", s);
    free(s);
}

/* ---- __format__ --------------------------------------------------------------------------- */

static int parse_spec(OuroVM *vm, OuroObject *spec, uint32_t default_type,
                      const char *type_name, OuroFormatSpec *f) {
    return ouro_format_spec_parse(vm, ouro_str_cstr(spec), ouro_str_size(spec), default_type,
                                  '>', type_name, f);
}

/* CPython's format_float_internal. */
static OuroObject *format_float_spec(OuroVM *vm, double val, const OuroFormatSpec *f) {
    if (f->precision > INT_MAX)
        return ouro_err_format(vm, &ouro_exc_ValueError, "precision too big");
    int precision = (int)f->precision;
    int flags = 0, default_precision = 6;
    char type = (char)f->type;
    bool add_pct = false;
    if (f->alternate) flags |= OURO_DTSF_ALT;
    if (f->no_neg_zero) flags |= OURO_DTSF_NO_NEG_0;
    if (type == 0) {
        /* No type: repr() without a precision, else 'g' that keeps a digit after the point. */
        flags |= OURO_DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n') type = 'g';
    if (type == '%') {
        type = 'f';
        val *= 100;
        add_pct = true;
    }
    if (precision < 0) precision = default_precision;
    else if (type == 'r') type = 'g';
    char *buf = ouro_double_to_string(val, type, precision, flags);
    if (!buf) return ouro_err_no_memory(vm);
    size_t n = strlen(buf);
    if (add_pct) {
        /* The '%' joins the remainder, inside the padded field. */
        char *grown = realloc(buf, n + 2);
        if (!grown) {
            free(buf);
            return ouro_err_no_memory(vm);
        }
        buf = grown;
        buf[n++] = '%';
        buf[n] = 0;
    }
    const char *p = buf;
    bool negative = *p == '-';
    if (negative) p++, n--;
    size_t ndigits = 0;
    while (ndigits < n && p[ndigits] >= '0' && p[ndigits] <= '9') ndigits++;
    OuroStrBuf out;
    ouro_strbuf_init(&out);
    ouro_format_number(&out, f, negative, NULL, p, ndigits, p + ndigits, n - ndigits, false);
    free(buf);
    return ouro_strbuf_finish(vm, &out);
}

OuroObject *ouro_float_format(OuroVM *vm, double v, OuroObject *spec, const char *type_name) {
    OuroFormatSpec f;
    if (parse_spec(vm, spec, 0, type_name, &f) < 0) return NULL;
    switch (f.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%':
        return format_float_spec(vm, v, &f);
    default:
        return ouro_format_unknown_type(vm, f.type, type_name);
    }
}

/* CPython's format_long_internal. */
static OuroObject *format_int_spec(OuroVM *vm, OuroObject *x, const OuroFormatSpec *f) {
    if (f->precision != -1)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "Precision not allowed in integer format specifier");
    if (f->no_neg_zero)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "Negative zero coercion (z) not allowed in integer format "
                               "specifier");
    OuroStrBuf out;
    ouro_strbuf_init(&out);
    if (f->type == 'c') {
        if (f->sign)
            return ouro_err_format(vm, &ouro_exc_ValueError,
                                   "Sign not allowed with integer format specifier 'c'");
        if (f->alternate)
            return ouro_err_format(vm, &ouro_exc_ValueError,
                                   "Alternate form (#) not allowed with integer format "
                                   "specifier 'c'");
        int64_t cp;
        if (ouro_int_as_i64(vm, x, &cp) < 0) return NULL;
        if (cp < 0 || cp > 0x10FFFF)
            return ouro_err_format(vm, &ouro_exc_OverflowError, "%%c arg not in range(0x110000)");
        OuroStrBuf ch;
        ouro_strbuf_init(&ch);
        ouro_strbuf_append_codepoint(&ch, (uint32_t)cp);
        /* The character is "remainder" text: never grouped, padded around. */
        ouro_format_number(&out, f, false, NULL, "", 0, ch.data, ch.len, false);
        ouro_strbuf_release(&ch);
        return ouro_strbuf_finish(vm, &out);
    }
    int base = 10;
    const char *prefix = NULL;
    switch (f->type) {
    case 'b': base = 2; prefix = "0b"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'x': case 'X': base = 16; prefix = "0x"; break;
    default: break;
    }
    size_t n;
    char *text = ouro_int_to_cstr(vm, x, base, &n);
    if (!text) return NULL;
    const char *digits = text;
    bool negative = *digits == '-';
    if (negative) digits++, n--;
    ouro_format_number(&out, f, negative, f->alternate ? prefix : NULL, digits, n, "", 0,
                       f->type == 'X');
    free(text);
    return ouro_strbuf_finish(vm, &out);
}

OuroObject *ouro_int_format(OuroVM *vm, OuroObject *x, OuroObject *spec) {
    if (ouro_str_size(spec) == 0) return ouro_object_str(vm, x);
    const char *type_name = ouro_type_name(ouro_type_of(x));
    OuroFormatSpec f;
    if (parse_spec(vm, spec, 'd', type_name, &f) < 0) return NULL;
    switch (f.type) {
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        return format_int_spec(vm, x, &f);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        double d;
        if (ouro_int_as_double(vm, x, &d) < 0) return NULL;
        return format_float_spec(vm, d, &f);
    }
    default:
        return ouro_format_unknown_type(vm, f.type, type_name);
    }
}

/* ---- parsing ------------------------------------------------------------------------------ */

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool match_word(const char *p, const char *end, const char *word) {
    size_t n = strlen(word);
    if ((size_t)(end - p) != n) return false;
    for (size_t i = 0; i < n; i++)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

/* Checks [sign](digits[.digits]|.digits)[e[sign]digits] or inf/infinity/nan over p..end
 * (underscores already removed). */
static bool valid_float_syntax(const char *p, const char *end) {
    if (p < end && (*p == '+' || *p == '-')) p++;
    if (match_word(p, end, "inf") || match_word(p, end, "infinity") || match_word(p, end, "nan"))
        return true;
    int mantissa = 0;
    while (p < end && is_digit(*p)) p++, mantissa++;
    if (p < end && *p == '.') {
        p++;
        while (p < end && is_digit(*p)) p++, mantissa++;
    }
    if (mantissa == 0) return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        int exp = 0;
        while (p < end && is_digit(*p)) p++, exp++;
        if (exp == 0) return false;
    }
    return p == end;
}

int ouro_float_parse(OuroVM *vm, OuroObject *str, double *out) {
    const char *s = ouro_str_cstr(str), *end = s + ouro_str_size(str);
    char *ascii = NULL;
    if (!((OuroStr *)str)->ascii) {
        size_t n;
        ascii = ouro_number_text_to_ascii(s, ouro_str_size(str), &n);
        if (!ascii) {
            ouro_err_no_memory(vm);
            return -1;
        }
        s = ascii;
        end = s + n;
    }
    while (s < end && is_space(*s)) s++;
    while (end > s && is_space(end[-1])) end--;
    size_t n = (size_t)(end - s);
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) {
        free(ascii);
        ouro_err_no_memory(vm);
        return -1;
    }
    /* Underscores are allowed only between digits. */
    bool ok = n > 0;
    size_t len = 0;
    for (size_t i = 0; i < n && ok; i++) {
        if (s[i] == '_') {
            ok = i > 0 && i + 1 < n && is_digit(s[i - 1]) && is_digit(s[i + 1]);
            continue;
        }
        if (s[i] == 0) ok = false;
        buf[len++] = s[i];
    }
    buf[len] = 0;
    ok = ok && valid_float_syntax(buf, buf + len);
    if (ok) *out = strtod(buf, NULL);
    if (buf != small) free(buf);
    free(ascii);
    if (!ok) {
        ouro_err_format(vm, &ouro_exc_ValueError, "could not convert string to float: %R", str);
        return -1;
    }
    return 0;
}

static bool is_hex(char c) {
    return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

int ouro_float_parse_hex(OuroVM *vm, OuroObject *str, double *out) {
    const char *s = ouro_str_cstr(str), *end = s + ouro_str_size(str);
    while (s < end && is_space(*s)) s++;
    while (end > s && is_space(end[-1])) end--;
    bool negative = false;
    if (s < end && (*s == '+' || *s == '-')) negative = *s++ == '-';
    if (match_word(s, end, "inf") || match_word(s, end, "infinity")) {
        *out = negative ? -INFINITY : INFINITY;
        return 0;
    }
    if (match_word(s, end, "nan")) {
        *out = NAN;
        return 0;
    }
    if (end - s >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x') s += 2;
    const char *p = s;
    int mantissa = 0;
    while (p < end && is_hex(*p)) p++, mantissa++;
    if (p < end && *p == '.') {
        p++;
        while (p < end && is_hex(*p)) p++, mantissa++;
    }
    bool ok = mantissa > 0;
    if (ok && p < end && (*p | 0x20) == 'p') {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        int exp = 0;
        while (p < end && is_digit(*p)) p++, exp++;
        ok = exp > 0;
    }
    ok = ok && p == end;
    if (!ok) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "invalid hexadecimal floating-point string");
        return -1;
    }
    size_t n = (size_t)(end - s);
    char *buf = malloc(n + 4);
    if (!buf) {
        ouro_err_no_memory(vm);
        return -1;
    }
    memcpy(buf, "0x", 2);
    memcpy(buf + 2, s, n);
    buf[n + 2] = 0;
    errno = 0;
    double d = strtod(buf, NULL);
    free(buf);
    if (isinf(d)) {
        ouro_err_set_str(vm, &ouro_exc_OverflowError,
                         "hexadecimal value too large to represent as a float");
        return -1;
    }
    *out = negative ? -d : d;
    return 0;
}
