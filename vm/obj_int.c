/* vm/obj_int.c — the int type: construction and conversion (immediates and GMP big ints,
 * always normalised), int(), repr/str with CPython's 4300-digit limit, the numeric hash,
 * comparisons, and int's methods and attributes. Arithmetic slots live in vm/int_arith.c,
 * divmod/pow/round/hex helpers in vm/int_number.c, __format__ in vm/num_format.c. */
#define OURO_NUMBERS_INTERNAL
#include "vm/int_internal.h"
#include "vm/str_unicode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* CPython's numeric hash: reduction modulo the Mersenne prime 2**61 - 1. */
#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

int ouro_int_vm_init(OuroVM *vm) {
    vm->int_max_str_digits = OURO_INT_MAX_STR_DIGITS;
    return 0;
}

void ouro_int_vm_fini(OuroVM *vm) { (void)vm; }

/* ---- construction ----------------------------------------------------------------------- */

static OuroObject *bigint_alloc(OuroVM *vm) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), &ouro_int_type, sizeof(OuroBigInt));
    if (!o) return ouro_err_no_memory(vm);
    return o;
}

OuroObject *ouro_int_from_mpz_steal(OuroVM *vm, mpz_t z) {
    intptr_t v;
    if (ouro_mpz_fits_small(z, &v)) {
        mpz_clear(z);
        return ouro_smallint(v);
    }
    OuroObject *o = bigint_alloc(vm);
    if (!o) {
        mpz_clear(z);
        return NULL;
    }
    /* An mpz_t is a one-element array of a struct: copying the struct moves ownership. */
    ouro_bigint(o)->value[0] = z[0];
    return o;
}

OuroObject *ouro_int_from_mpz(OuroVM *vm, const mpz_t v) {
    intptr_t small;
    if (ouro_mpz_fits_small(v, &small)) return ouro_smallint(small);
    OuroObject *o = bigint_alloc(vm);
    if (!o) return NULL;
    mpz_init_set(ouro_bigint(o)->value, v);
    return o;
}

OuroObject *ouro_int_from_i64(OuroVM *vm, int64_t v) {
    if (v >= OURO_SMALLINT_MIN && v <= OURO_SMALLINT_MAX) return ouro_smallint((intptr_t)v);
    OuroObject *o = bigint_alloc(vm);
    if (!o) return NULL;
    mpz_init_set_si(ouro_bigint(o)->value, (long)v);
    return o;
}

OuroObject *ouro_int_from_u64(OuroVM *vm, uint64_t v) {
    if (v <= (uint64_t)OURO_SMALLINT_MAX) return ouro_smallint((intptr_t)v);
    OuroObject *o = bigint_alloc(vm);
    if (!o) return NULL;
    mpz_init_set_ui(ouro_bigint(o)->value, (unsigned long)v);
    return o;
}

OuroObject *ouro_int_from_double(OuroVM *vm, double d) {
    if (isinf(d))
        return ouro_err_format(vm, &ouro_exc_OverflowError,
                               "cannot convert float infinity to integer");
    if (isnan(d))
        return ouro_err_format(vm, &ouro_exc_ValueError, "cannot convert float NaN to integer");
    if (d > -4.0e18 && d < 4.0e18) return ouro_smallint((intptr_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);
    return ouro_int_from_mpz_steal(vm, z);
}

OuroObject *ouro_int_exact(OuroVM *vm, OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return o;
    if (o->type == &ouro_int_type) return ouro_newref(o);
    if (o->type == &ouro_bool_type) return ouro_smallint(o == ouro_true);
    return ouro_int_from_mpz(vm, ouro_bigint(o)->value);
}

OuroObject *ouro_int_subtype_new(OuroVM *vm, OuroType *type, OuroObject *value) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), type, type->basicsize);
    if (!o) return ouro_err_no_memory(vm);
    OuroIntView view;
    mpz_init_set(ouro_bigint(o)->value, ouro_int_view(value, &view));
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_incref((OuroObject *)type);
    if (type->hooks.gc_flags & OURO_GC_CONTAINER) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

/* ---- conversion ------------------------------------------------------------------------- */

int ouro_int_sign(OuroObject *o) {
    intptr_t v;
    if (ouro_int_small_value(o, &v)) return (v > 0) - (v < 0);
    return mpz_sgn(ouro_bigint(o)->value);
}

void ouro_int_to_mpz(OuroObject *o, mpz_t out) {
    OuroIntView view;
    mpz_set(out, ouro_int_view(o, &view));
}

int ouro_int_as_i64(OuroVM *vm, OuroObject *o, int64_t *out) {
    intptr_t v;
    if (ouro_int_small_value(o, &v)) {
        *out = v;
        return 0;
    }
    mpz_srcptr z = ouro_bigint(o)->value;
    if (mpz_fits_slong_p(z)) {
        *out = mpz_get_si(z);
        return 0;
    }
    ouro_err_set_str(vm, &ouro_exc_OverflowError, "Python int too large to convert to C long");
    return -1;
}

/* Rounds the 64-bit significand q (with sticky low bits folded in) to a double of at most
 * `bits` significant bits, half to even, and scales it by 2**exp (exact after rounding). */
static double round_significand(uint64_t q, bool sticky, int qbits, int bits, long exp) {
    int drop = qbits - bits;
    if (drop > 0) {
        uint64_t mask = drop >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << drop) - 1;
        uint64_t rem = q & mask;
        uint64_t half = (uint64_t)1 << (drop - 1);
        q -= rem;
        uint64_t unit = drop >= 64 ? 0 : (uint64_t)1 << drop;
        if (rem > half || (rem == half && (sticky || (drop < 64 && ((q >> drop) & 1)))))
            q += unit;
    }
    return ldexp((double)q, (int)(exp < -2000 ? -2000 : exp > 2000 ? 2000 : exp));
}

/* Correctly rounded conversion of an mpz (mpz_get_d truncates). Returns inf on overflow. */
static double mpz_to_double_rounded(mpz_srcptr z) {
    size_t nbits = mpz_sizeinbase(z, 2);
    if (nbits <= 53) return mpz_get_d(z);
    if (nbits > 1025) return mpz_sgn(z) < 0 ? -INFINITY : INFINITY;
    /* Keep 55 top bits; everything below is a sticky bit. */
    mpz_t top;
    mpz_init(top);
    mpz_abs(top, z);
    unsigned long shift = (unsigned long)nbits - 55;
    bool sticky = mpz_scan1(top, 0) < shift;
    mpz_tdiv_q_2exp(top, top, shift);
    uint64_t q = mpz_get_ui(top);
    mpz_clear(top);
    double d = round_significand(q, sticky, 55, 53, (long)shift);
    return mpz_sgn(z) < 0 ? -d : d;
}

int ouro_int_as_double(OuroVM *vm, OuroObject *o, double *out) {
    intptr_t v;
    if (ouro_int_small_value(o, &v)) {
        *out = (double)v;
        return 0;
    }
    double d = mpz_to_double_rounded(ouro_bigint(o)->value);
    if (isinf(d)) {
        ouro_err_set_str(vm, &ouro_exc_OverflowError, "int too large to convert to float");
        return -1;
    }
    *out = d;
    return 0;
}

/* Writes the decimal digits of v (with '-') ending at end; returns the start. */
static char *small_to_decimal(intptr_t v, char *end) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = end;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) *--p = '-';
    return p;
}

static OuroObject *digit_limit_error(OuroVM *vm) {
    return ouro_err_format(vm, &ouro_exc_ValueError,
                           "Exceeds the limit (%d digits) for integer string conversion; use "
                           "sys.set_int_max_str_digits() to increase the limit",
                           vm->int_max_str_digits);
}

char *ouro_int_to_cstr(OuroVM *vm, OuroObject *o, int base, size_t *len) {
    intptr_t v;
    if (ouro_int_small_value(o, &v) && base == 10) {
        char tmp[32], *end = tmp + sizeof tmp;
        char *p = small_to_decimal(v, end);
        char *s = malloc((size_t)(end - p) + 1);
        if (!s) {
            ouro_err_no_memory(vm);
            return NULL;
        }
        memcpy(s, p, (size_t)(end - p));
        s[end - p] = 0;
        *len = (size_t)(end - p);
        return s;
    }
    OuroIntView view;
    mpz_srcptr z = ouro_int_view(o, &view);
    int limit = vm->int_max_str_digits;
    /* sizeinbase may overshoot by one: it is a sure error only beyond limit + 1. */
    if (base == 10 && limit > 0 && mpz_sizeinbase(z, 10) > (size_t)limit + 1) {
        digit_limit_error(vm);
        return NULL;
    }
    char *s = mpz_get_str(NULL, base, z);
    size_t n = strlen(s);
    if (base == 10 && limit > 0 && n - (s[0] == '-') > (size_t)limit) {
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(s, n + 1);
        digit_limit_error(vm);
        return NULL;
    }
    *len = n;
    /* mpz_get_str allocates with GMP's allocator (malloc by default); copy to be safe. */
    char *copy = malloc(n + 1);
    if (copy) memcpy(copy, s, n + 1);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(s, n + 1);
    if (!copy) ouro_err_no_memory(vm);
    return copy;
}

OuroObject *ouro_int_to_decimal(OuroVM *vm, OuroObject *o) {
    intptr_t v;
    if (ouro_int_small_value(o, &v)) {
        char tmp[32], *end = tmp + sizeof tmp;
        char *p = small_to_decimal(v, end);
        return ouro_str_from_utf8(vm, p, (size_t)(end - p));
    }
    size_t n;
    char *s = ouro_int_to_cstr(vm, o, 10, &n);
    if (!s) return NULL;
    OuroObject *r = ouro_str_from_utf8(vm, s, n);
    free(s);
    return r;
}

/* ---- parsing ---------------------------------------------------------------------------- */

static bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

static OuroObject *invalid_literal(OuroVM *vm, const char *s, size_t len, int base) {
    OuroObject *text = ouro_str_from_utf8(vm, s, len);
    if (!text) return NULL;
    OuroObject *repr = ouro_str_repr(vm, text);
    ouro_decref(vm, text);
    if (!repr) return NULL;
    /* CPython's "%.200R": the repr is cut to 200 characters. */
    if (ouro_str_length(repr) > 200) {
        const char *r = ouro_str_cstr(repr);
        size_t pos = 0, chars = 0, size = ouro_str_size(repr);
        while (pos < size && chars < 200) {
            pos++;
            while (pos < size && ((unsigned char)r[pos] & 0xC0) == 0x80) pos++;
            chars++;
        }
        OuroObject *cut = ouro_str_from_utf8(vm, r, pos);
        ouro_decref(vm, repr);
        if (!cut) return NULL;
        repr = cut;
    }
    ouro_err_format(vm, &ouro_exc_ValueError, "invalid literal for int() with base %d: %U",
                    base, repr);
    ouro_decref(vm, repr);
    return NULL;
}

static bool has_prefix(const char *p, const char *end, int base) {
    if (end - p < 2 || p[0] != '0') return false;
    char c = (char)(p[1] | 0x20);
    return (base == 16 && c == 'x') || (base == 8 && c == 'o') || (base == 2 && c == 'b');
}

/* Converts validated digits (no underscores) to an int. */
static OuroObject *digits_to_int(OuroVM *vm, const char *digits, size_t n, int base,
                                 bool negative) {
    /* base**n < 2**63 for n <= 12 in any base up to 36, n <= 18 in base 10. */
    if (n <= 12 || (base <= 10 && n <= 18)) {
        int64_t acc = 0;
        for (size_t i = 0; i < n; i++) acc = acc * base + digit_value(digits[i]);
        return ouro_int_from_i64(vm, negative ? -acc : acc);
    }
    mpz_t z;
    mpz_init(z);
    mpz_set_str(z, digits, base);
    if (negative) mpz_neg(z, z);
    return ouro_int_from_mpz_steal(vm, z);
}

/* Parses the ASCII text s; err/err_len is the caller's original text for messages. */
static OuroObject *parse_int(OuroVM *vm, const char *s, size_t len, int base, const char *err,
                             size_t err_len) {
    if ((base != 0 && base < 2) || base > 36)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "int() base must be >= 2 and <= 36, or 0");
    const char *p = s, *end = s + len;
    while (p < end && is_space(*p)) p++;
    while (end > p && is_space(end[-1])) end--;
    bool negative = false;
    if (p < end && (*p == '+' || *p == '-')) negative = *p++ == '-';
    int b = base;
    bool error_if_nonzero = false;
    if (b == 0) {
        if (p < end && *p == '0' && end - p >= 2) {
            char c = (char)(p[1] | 0x20);
            b = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 10;
        } else b = 10;
        if (b == 10 && p < end && *p == '0') error_if_nonzero = true;
    }
    if (has_prefix(p, end, b)) {
        p += 2;
        if (p < end && *p == '_') p++;   /* one underscore may follow the prefix */
    }
    size_t cap = (size_t)(end - p) + 1;
    char small[64];
    char *digits = cap <= sizeof small ? small : malloc(cap);
    if (!digits) return ouro_err_no_memory(vm);
    size_t n = 0;
    bool ok = p < end && *p != '_';
    bool prev_underscore = false;
    for (const char *q = p; ok && q < end; q++) {
        if (*q == '_') {
            ok = !prev_underscore;
            prev_underscore = true;
            continue;
        }
        prev_underscore = false;
        if (digit_value(*q) >= b) ok = false;
        else digits[n++] = *q;
    }
    if (prev_underscore || n == 0) ok = false;
    digits[n] = 0;
    OuroObject *result = NULL;
    if (!ok) {
        invalid_literal(vm, err, err_len, base);
    } else if ((b & (b - 1)) != 0 && vm->int_max_str_digits > 0 &&
               n > (size_t)vm->int_max_str_digits) {
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "Exceeds the limit (%d digits) for integer string conversion: value "
                        "has %zu digits; use sys.set_int_max_str_digits() to increase the limit",
                        vm->int_max_str_digits, n);
    } else {
        result = digits_to_int(vm, digits, n, b, negative);
        if (result && error_if_nonzero && ouro_int_sign(result) != 0) {
            ouro_decref(vm, result);
            result = invalid_literal(vm, err, err_len, base);
        }
    }
    if (digits != small) free(digits);
    return result;
}

OuroObject *ouro_int_from_string(OuroVM *vm, const char *s, size_t len, int base) {
    return parse_int(vm, s, len, base, s, len);
}

char *ouro_number_text_to_ascii(const char *s, size_t size, size_t *out_len) {
    char *buf = malloc(size + 1);
    if (!buf) return NULL;
    size_t n = 0, pos = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (pos < size) {
        uint32_t c = p[pos];
        size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (pos + k > size) k = 1;
        if (k == 2) c = ((c & 0x1F) << 6) | (p[pos + 1] & 0x3F);
        else if (k == 3)
            c = ((c & 0x0F) << 12) | ((uint32_t)(p[pos + 1] & 0x3F) << 6) | (p[pos + 2] & 0x3F);
        else if (k == 4)
            c = ((c & 0x07) << 18) | ((uint32_t)(p[pos + 1] & 0x3F) << 12) |
                ((uint32_t)(p[pos + 2] & 0x3F) << 6) | (p[pos + 3] & 0x3F);
        pos += k;
        int d;
        if (c < 0x80) buf[n++] = (char)c;
        else if (ouro_unicode_isspace(c)) buf[n++] = ' ';
        else if ((d = ouro_unicode_decimal(c)) >= 0) buf[n++] = (char)('0' + d);
        else buf[n++] = '?';   /* never valid in a number */
    }
    buf[n] = 0;
    *out_len = n;
    return buf;
}

/* ---- the type's slots ------------------------------------------------------------------- */

static void int_dealloc(OuroHeap *heap, OuroObject *o) {
    OuroType *type = o->type;
    mpz_clear(ouro_bigint(o)->value);
    if (type->flags & OURO_TPFLAG_HEAPTYPE) {
        OuroObject **dict = ouro_object_dict_slot(o);
        if (dict && *dict) ouro_clear(ouro_vm_of_heap(heap), dict);
    }
    ouro_gc_free(heap, o);
    if (type->flags & OURO_TPFLAG_HEAPTYPE) ouro_gc_decref(heap, (OuroObject *)type);
}

static OuroObject *int_repr(OuroVM *vm, OuroObject *o) { return ouro_int_to_decimal(vm, o); }

static intptr_t hash_small(intptr_t v) {
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    u %= HASH_MODULUS;
    intptr_t h = v < 0 ? -(intptr_t)u : (intptr_t)u;
    return h == -1 ? -2 : h;
}

static intptr_t int_hash(OuroVM *vm, OuroObject *o) {
    intptr_t v;
    if (ouro_int_small_value(o, &v)) return hash_small(v);
    mpz_srcptr z = ouro_bigint(o)->value;
    intptr_t h = (intptr_t)mpz_tdiv_ui(z, HASH_MODULUS);
    if (mpz_sgn(z) < 0) h = -h;
    return h == -1 ? -2 : h;
}

static int compare_ints(OuroObject *a, OuroObject *b) {
    intptr_t x, y;
    if (ouro_int_small_value(a, &x) && ouro_int_small_value(b, &y)) return (x > y) - (x < y);
    OuroIntView va, vb;
    int c = mpz_cmp(ouro_int_view(a, &va), ouro_int_view(b, &vb));
    return (c > 0) - (c < 0);
}

static bool cmp_result(int c, int op) {
    switch (op) {
    case OURO_LT: return c < 0;
    case OURO_LE: return c <= 0;
    case OURO_EQ: return c == 0;
    case OURO_NE: return c != 0;
    case OURO_GT: return c > 0;
    default: return c >= 0;
    }
}

static OuroObject *int_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_int_check(a) || !ouro_int_check(b)) return ouro_not_implemented;
    return ouro_bool_from(cmp_result(compare_ints(a, b), op));
}

static OuroObject *int_nb_int(OuroVM *vm, OuroObject *o) { return ouro_int_exact(vm, o); }

static OuroObject *int_nb_float(OuroVM *vm, OuroObject *o) {
    double d;
    if (ouro_int_as_double(vm, o, &d) < 0) return NULL;
    return ouro_float_new(vm, d);
}

/* ---- int() ------------------------------------------------------------------------------ */

/* int(x) for a str: the literal in base 10. */
static OuroObject *int_from_str_object(OuroVM *vm, OuroObject *s, int base) {
    const char *text = ouro_str_cstr(s);
    size_t size = ouro_str_size(s);
    if (((OuroStr *)s)->ascii) return parse_int(vm, text, size, base, text, size);
    /* Other scripts' digits and Unicode spaces count, as CPython's int() allows. */
    size_t n;
    char *ascii = ouro_number_text_to_ascii(text, size, &n);
    if (!ascii) return ouro_err_no_memory(vm);
    OuroObject *r = parse_int(vm, ascii, n, base, text, size);
    free(ascii);
    return r;
}

/* Checks what __int__/__index__ returned; converts int subclasses to exact ints. */
static OuroObject *checked_int_result(OuroVM *vm, OuroObject *r, const char *dunder) {
    if (!r) return NULL;
    if (!ouro_int_check(r)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s returned non-int (type %T)", dunder, r);
        ouro_decref(vm, r);
        return NULL;
    }
    if (OURO_IS_SMALLINT(r) || r->type == &ouro_int_type) return r;
    OuroObject *exact = ouro_int_exact(vm, r);
    ouro_decref(vm, r);
    return exact;
}

/* PyNumber_Long without the string and base cases. */
static OuroObject *int_from_object(OuroVM *vm, OuroObject *x) {
    if (OURO_IS_SMALLINT(x) || x->type == &ouro_int_type) return ouro_newref(x);
    OuroType *t = ouro_type_of(x);
    if (t->nb_int) return checked_int_result(vm, t->nb_int(vm, x), "__int__");
    if (t->nb_index) return checked_int_result(vm, t->nb_index(vm, x), "__index__");
    OuroObject *trunc = ouro_type_lookup(t, OURO_ID(vm, __trunc__));
    if (trunc) {
        OuroObject *r = ouro_object_call1(vm, trunc, x);
        if (!r) return NULL;
        if (ouro_int_check(r)) return checked_int_result(vm, r, "__trunc__");
        /* __trunc__ may return an Integral that is not an int: ask it for __index__. */
        OuroType *rt = ouro_type_of(r);
        if (!rt->nb_index) {
            ouro_err_format(vm, &ouro_exc_TypeError, "__trunc__ returned non-Integral (type %T)",
                            r);
            ouro_decref(vm, r);
            return NULL;
        }
        OuroObject *i = checked_int_result(vm, rt->nb_index(vm, r), "__index__");
        ouro_decref(vm, r);
        return i;
    }
    if (ouro_str_check(x)) return int_from_str_object(vm, x, 10);
    return ouro_err_format(vm, &ouro_exc_TypeError,
                           "int() argument must be a string, a bytes-like object or a real "
                           "number, not '%s'",
                           ouro_type_name(t));
}

static OuroObject *int_new_value(OuroVM *vm, OuroObject *x, OuroObject *base_obj) {
    if (!x) {
        if (base_obj)
            return ouro_err_format(vm, &ouro_exc_TypeError, "int() missing string argument");
        return ouro_smallint(0);
    }
    if (!base_obj) return int_from_object(vm, x);
    intptr_t base = ouro_number_as_ssize(vm, base_obj, NULL);
    if (base == -1 && ouro_err_occurred(vm)) return NULL;
    if ((base != 0 && base < 2) || base > 36)
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "int() base must be >= 2 and <= 36, or 0");
    if (!ouro_str_check(x))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "int() can't convert non-string with explicit base");
    return int_from_str_object(vm, x, (int)base);
}

static OuroObject *int_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    OuroObject *x = nargs > 0 ? args[0] : NULL, *base = nargs > 1 ? args[1] : NULL;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    if (nargs + nkw > 2)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "int() takes at most 2 arguments (%zu given)", nargs + nkw);
    for (size_t i = 0; i < nkw; i++) {
        OuroObject *name = ouro_tuple_get(kwnames, i);
        if (!ouro_str_equal_cstr(name, "base") || base)
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   ouro_str_equal_cstr(name, "base")
                                       ? "argument for int() given by name ('base') and "
                                         "position (2)"
                                       : "'%U' is an invalid keyword argument for int()",
                                   name);
        base = args[nargs + i];
    }
    OuroObject *value = int_new_value(vm, x, base);
    if (!value || type == &ouro_int_type) return value;
    OuroObject *o = ouro_int_subtype_new(vm, type, value);
    ouro_decref(vm, value);
    return o;
}

/* ---- methods and attributes --------------------------------------------------------------- */

static OuroObject *int_self(OuroVM *vm, OuroObject *self) { return ouro_int_exact(vm, self); }

static OuroObject *int_noargs_self(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames, const char *name) {
    if (ouro_args_check(vm, name, nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_int_exact(vm, self);
}

static OuroObject *int_conjugate(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kw) {
    return int_noargs_self(vm, self, args, nargs, kw, "int.conjugate");
}
static OuroObject *int_trunc(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kw) {
    return int_noargs_self(vm, self, args, nargs, kw, "int.__trunc__");
}
static OuroObject *int_floor(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kw) {
    return int_noargs_self(vm, self, args, nargs, kw, "int.__floor__");
}
static OuroObject *int_ceil(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                            size_t nargs, OuroObject *kw) {
    return int_noargs_self(vm, self, args, nargs, kw, "int.__ceil__");
}

static OuroObject *int_bit_length(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.bit_length", nargs, kw, 0, 0) < 0) return NULL;
    intptr_t v;
    if (ouro_int_small_value(self, &v)) {
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        return ouro_smallint(u ? 64 - __builtin_clzll(u) : 0);
    }
    return ouro_int_from_u64(vm, mpz_sizeinbase(ouro_bigint(self)->value, 2));
}

static OuroObject *int_bit_count(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.bit_count", nargs, kw, 0, 0) < 0) return NULL;
    intptr_t v;
    if (ouro_int_small_value(self, &v)) {
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        return ouro_smallint(__builtin_popcountll(u));
    }
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, ouro_bigint(self)->value);
    mp_bitcnt_t n = mpz_popcount(a);
    mpz_clear(a);
    return ouro_int_from_u64(vm, n);
}

static OuroObject *int_as_integer_ratio(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.as_integer_ratio", nargs, kw, 0, 0) < 0) return NULL;
    OuroObject *n = ouro_int_exact(vm, self);
    if (!n) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 2, n, ouro_smallint(1));
    ouro_decref(vm, n);
    return t;
}

static OuroObject *int_round_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "__round__", nargs, kw, 0, 1) < 0) return NULL;
    return ouro_int_round(vm, self, nargs ? args[0] : NULL);
}

static OuroObject *int_format_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.__format__", nargs, kw, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "__format__() argument must be str, not %T", args[0]);
    return ouro_int_format(vm, self, args[0]);
}

static OuroObject *int_divmod_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.__divmod__", nargs, kw, 1, 1) < 0) return NULL;
    return ouro_int_divmod(vm, self, args[0]);
}

static OuroObject *int_rdivmod_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.__rdivmod__", nargs, kw, 1, 1) < 0) return NULL;
    return ouro_int_divmod(vm, args[0], self);
}

static OuroObject *int_getnewargs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.__getnewargs__", nargs, kw, 0, 0) < 0) return NULL;
    OuroObject *n = ouro_int_exact(vm, self);
    if (!n) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 1, n);
    ouro_decref(vm, n);
    return t;
}

static OuroObject *int_sizeof(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kw) {
    if (ouro_args_check(vm, "int.__sizeof__", nargs, kw, 0, 0) < 0) return NULL;
    /* CPython's layout: a 24-byte header plus 30-bit digits (at least one). */
    intptr_t v;
    size_t bits;
    if (ouro_int_small_value(self, &v)) {
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        bits = u ? (size_t)(64 - __builtin_clzll(u)) : 0;
    } else {
        bits = mpz_sizeinbase(ouro_bigint(self)->value, 2);
    }
    size_t digits = bits ? (bits + 29) / 30 : 1;
    return ouro_int_from_u64(vm, 24 + 4 * digits);
}

static const OuroMethodDef int_methods[] = {
    { "conjugate", int_conjugate, 0, "Returns self, the complex conjugate of any int." },
    { "bit_length", int_bit_length, 0, "Number of bits necessary to represent self in binary." },
    { "bit_count", int_bit_count, 0, "Number of ones in the binary representation of the absolute value of self." },
    { "as_integer_ratio", int_as_integer_ratio, 0, "Return integer ratio." },
    { "__trunc__", int_trunc, 0, "Truncating an Integral returns itself." },
    { "__floor__", int_floor, 0, "Flooring an Integral returns itself." },
    { "__ceil__", int_ceil, 0, "Ceiling of an Integral returns itself." },
    { "__round__", int_round_method, 0, "Rounding an Integral returns itself.\n"
                                        "Rounding with an ndigits argument also returns an integer." },
    { "__format__", int_format_method, 0, "Convert to a string according to format_spec." },
    { "__divmod__", int_divmod_method, 0, "Return divmod(self, value)." },
    { "__rdivmod__", int_rdivmod_method, 0, "Return divmod(value, self)." },
    { "__getnewargs__", int_getnewargs, 0, NULL },
    { "__sizeof__", int_sizeof, 0, "Returns size in memory, in bytes." },
    { NULL, NULL, 0, NULL },
};

static OuroObject *int_get_zero(OuroVM *vm, OuroObject *self) { return ouro_smallint(0); }
static OuroObject *int_get_one(OuroVM *vm, OuroObject *self) { return ouro_smallint(1); }

static const OuroGetSetDef int_getsets[] = {
    { "real", int_self, NULL, "the real part of a complex number" },
    { "imag", int_get_zero, NULL, "the imaginary part of a complex number" },
    { "numerator", int_self, NULL, "the numerator of a rational number in lowest terms" },
    { "denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms" },
    { NULL, NULL, NULL, NULL },
};

OuroType ouro_int_type = {
    .ob = { OURO_IMMORTAL_REFCNT, &ouro_type_type },
    .hooks = { .dealloc = int_dealloc },
    .name = "int",
    .basicsize = sizeof(OuroBigInt),
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_INT_SUBCLASS,
    .repr = int_repr,
    .hash = int_hash,
    .richcompare = int_richcompare,
    .new_ = int_new,
    .nb = {
        [OURO_NB_ADD] = ouro_int_slot_add,
        [OURO_NB_SUBTRACT] = ouro_int_slot_sub,
        [OURO_NB_MULTIPLY] = ouro_int_slot_mul,
        [OURO_NB_FLOOR_DIVIDE] = ouro_int_slot_floordiv,
        [OURO_NB_REMAINDER] = ouro_int_slot_mod,
        [OURO_NB_TRUE_DIVIDE] = ouro_int_slot_truediv,
        [OURO_NB_POWER] = ouro_int_slot_pow,
        [OURO_NB_LSHIFT] = ouro_int_slot_lshift,
        [OURO_NB_RSHIFT] = ouro_int_slot_rshift,
        [OURO_NB_AND] = ouro_int_slot_and,
        [OURO_NB_OR] = ouro_int_slot_or,
        [OURO_NB_XOR] = ouro_int_slot_xor,
    },
    .nb_negative = ouro_int_slot_neg,
    .nb_positive = ouro_int_slot_pos,
    .nb_absolute = ouro_int_slot_abs,
    .nb_invert = ouro_int_slot_invert,
    .nb_bool = ouro_int_slot_bool,
    .nb_int = int_nb_int,
    .nb_float = int_nb_float,
    .nb_index = int_nb_int,
    .methods = int_methods,
    .getsets = int_getsets,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
           "Convert a number or string to an integer, or return 0 if no arguments\n"
           "are given.  If x is a number, return x.__int__().  For floating point\n"
           "numbers, this truncates towards zero.",
};
