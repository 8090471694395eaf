/* vm/obj_str.c — the str type: allocation and the per-VM caches (PART(str): the empty
 * string and the one-character ASCII strings), UTF-8 validation, hashing, comparison,
 * indexing and slicing by code point, concatenation, repetition and the type object.
 * Methods live in vm/str_methods.c, formatting in vm/str_format.c and vm/str_percent.c,
 * repr in vm/str_repr.c, interning in vm/str_intern.c, the iterator in vm/str_iter.c. */
#define _GNU_SOURCE
#include "vm/str_internal.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

/* ---- allocation ------------------------------------------------------------------------------ */

OuroObject *ouro_str_alloc(OuroVM *vm, size_t size, size_t length, bool ascii) {
    if (size > (size_t)INTPTR_MAX - sizeof(OuroStr) - 1) return ouro_err_no_memory(vm);
    OuroStr *s = (OuroStr *)ouro_gc_alloc(ouro_heap(vm), &ouro_str_type,
                                          offsetof(OuroStr, data) + size + 1);
    if (!s) return ouro_err_no_memory(vm);
    s->hash = -1;
    s->length = length;
    s->size = size;
    s->ascii = ascii;
    s->data[size] = '\0';
    return &s->ob;
}

OuroObject *ouro_str_char(OuroVM *vm, uint32_t cp) {
    if (cp < 128) return ouro_newref(vm->char_cache[cp]);
    char buf[4];
    size_t n = ouro_utf8_encode(cp, buf);
    OuroObject *s = ouro_str_alloc(vm, n, 1, false);
    if (s) memcpy(ouro_str_raw(s)->data, buf, n);
    return s;
}

OuroObject *ouro_str_from_parts(OuroVM *vm, const char *s, size_t size, size_t length,
                                bool ascii) {
    if (size == 0) return ouro_newref(vm->empty_str);
    if (size == 1) return ouro_newref(vm->char_cache[(unsigned char)s[0]]);
    OuroObject *r = ouro_str_alloc(vm, size, length, ascii);
    if (r) memcpy(ouro_str_raw(r)->data, s, size);
    return r;
}

size_t ouro_utf8_count(const char *s, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += ((unsigned char)s[i] & 0xC0u) != 0x80u;
    return count;
}

/* Length of the all-ASCII prefix, eight bytes at a time. */
static size_t ascii_prefix(const char *s, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080ull) break;
    }
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    return i;
}

OuroObject *ouro_str_from_valid(OuroVM *vm, const char *s, size_t size) {
    size_t prefix = ascii_prefix(s, size);
    if (prefix == size) return ouro_str_from_parts(vm, s, size, size, true);
    return ouro_str_from_parts(vm, s, size, prefix + ouro_utf8_count(s + prefix, size - prefix),
                               false);
}

/* Length of the well-formed sequence at p (surrogates accepted, as Python's str holds
 * them), or 0 when it is ill-formed; *maximal gets the bytes of its maximal valid prefix
 * (at least 1), which is what one U+FFFD replaces. */
static size_t utf8_seq(const unsigned char *p, size_t left, size_t *maximal) {
    unsigned c = p[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xBF;
    *maximal = 1;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) need = 2;
    else if (c >= 0xE0 && c <= 0xEF) { need = 3; if (c == 0xE0) lo = 0xA0; }
    else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else return 0;
    for (size_t k = 1; k < need; k++) {
        if (k >= left) return 0;
        unsigned b = p[k];
        if (b < lo || b > hi) return 0;
        lo = 0x80;
        hi = 0xBF;
        *maximal = k + 1;
    }
    return need;
}

/* Validates s[0..n): true when well-formed, with the code-point count. */
static bool utf8_validate(const char *s, size_t n, size_t *length) {
    size_t i = ascii_prefix(s, n), count = i, maximal;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { i++; count++; continue; }
        size_t k = utf8_seq((const unsigned char *)s + i, n - i, &maximal);
        if (!k) return false;
        i += k;
        count++;
    }
    *length = count;
    return true;
}

/* The replacing decode: each maximal ill-formed subpart becomes one U+FFFD. */
static OuroObject *from_utf8_replacing(OuroVM *vm, const char *s, size_t n) {
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    size_t i = 0, maximal;
    while (i < n) {
        size_t k = utf8_seq((const unsigned char *)s + i, n - i, &maximal);
        if (k) {
            ouro_strbuf_append(&b, s + i, k);
            i += k;
        } else {
            ouro_strbuf_append(&b, "\xEF\xBF\xBD", 3);
            i += maximal;
        }
    }
    return ouro_strbuf_finish(vm, &b);
}

OuroObject *ouro_str_from_utf8(OuroVM *vm, const char *s, size_t n) {
    size_t prefix = ascii_prefix(s, n);
    if (prefix == n) return ouro_str_from_parts(vm, s, n, n, true);
    size_t length;
    if (!utf8_validate(s, n, &length)) return from_utf8_replacing(vm, s, n);
    return ouro_str_from_parts(vm, s, n, length, false);
}

OuroObject *ouro_str_from_cstr(OuroVM *vm, const char *s) {
    return ouro_str_from_utf8(vm, s, strlen(s));
}

OuroObject *ouro_str_from_codepoint(OuroVM *vm, uint32_t cp) {
    if (cp >= 0x110000) {
        return ouro_err_format(vm, &ouro_exc_ValueError, "chr() arg not in range(0x110000)");
    }
    return ouro_str_char(vm, cp);
}

OuroObject *ouro_str_exact_copy(OuroVM *vm, OuroObject *s) {
    if (ouro_str_check_exact(s)) return ouro_newref(s);
    OuroStr *r = ouro_str_raw(s);
    return ouro_str_from_parts(vm, r->data, r->size, r->length, r->ascii);
}

uint32_t *ouro_str_decode_all(OuroVM *vm, OuroObject *s) {
    OuroStr *r = ouro_str_raw(s);
    uint32_t *cps = malloc((r->length + 1) * sizeof *cps);
    if (!cps) {
        ouro_err_no_memory(vm);
        return NULL;
    }
    const char *p = r->data;
    for (size_t i = 0; i < r->length; i++) cps[i] = ouro_utf8_next(&p);
    return cps;
}

/* ---- hashing, equality, ordering ------------------------------------------------------------- */

static inline uint64_t read64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static inline uint64_t read32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static inline uint64_t mum(uint64_t a, uint64_t b) {
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)(r >> 64) ^ (uint64_t)r;
}

/* A wyhash-style multiply-mix hash: 16 bytes per step, good avalanche, no table. */
static uint64_t hash_bytes(const unsigned char *p, size_t n) {
    const uint64_t s0 = 0xa0761d6478bd642full, s1 = 0xe7037ed1a0b428dbull,
                   s2 = 0x8ebc6af09c88c6e3ull;
    uint64_t seed = s0 ^ mum((uint64_t)n ^ s1, s2), a, b;
    size_t i = n;
    while (i > 16) {
        seed = mum(read64(p) ^ s1, read64(p + 8) ^ seed);
        p += 16;
        i -= 16;
    }
    if (i >= 8) { a = read64(p); b = read64(p + i - 8); }
    else if (i >= 4) { a = read32(p); b = read32(p + i - 4); }
    else if (i > 0) { a = ((uint64_t)p[0] << 16) | ((uint64_t)p[i >> 1] << 8) | p[i - 1]; b = 0; }
    else a = b = 0;
    return mum(s1 ^ (uint64_t)n, mum(a ^ s1, b ^ seed));
}

intptr_t ouro_str_hash(OuroObject *s) {
    OuroStr *r = ouro_str_raw(s);
    if (r->hash != -1) return r->hash;
    intptr_t h = (intptr_t)hash_bytes((const unsigned char *)r->data, r->size);
    if (h == -1) h = -2;
    r->hash = h;
    return h;
}

bool ouro_str_equal(OuroObject *a, OuroObject *b) {
    if (a == b) return true;
    OuroStr *x = ouro_str_raw(a), *y = ouro_str_raw(b);
    if (x->size != y->size) return false;
    if (x->hash != -1 && y->hash != -1 && x->hash != y->hash) return false;
    return memcmp(x->data, y->data, x->size) == 0;
}

bool ouro_str_equal_cstr(OuroObject *s, const char *c) {
    size_t n = strlen(c);
    return ouro_str_size(s) == n && memcmp(ouro_str_cstr(s), c, n) == 0;
}

/* UTF-8 byte order is code-point order, so memcmp orders strings as Python does. */
int ouro_str_compare(OuroObject *a, OuroObject *b) {
    OuroStr *x = ouro_str_raw(a), *y = ouro_str_raw(b);
    size_t n = x->size < y->size ? x->size : y->size;
    int c = memcmp(x->data, y->data, n);
    if (c) return c;
    return x->size < y->size ? -1 : x->size > y->size ? 1 : 0;
}

static OuroObject *str_richcompare(OuroVM *vm, OuroObject *a, OuroObject *b, int op) {
    if (!ouro_str_check(a) || !ouro_str_check(b)) return ouro_newref(ouro_not_implemented);
    bool r;
    if (op == OURO_EQ || op == OURO_NE) {
        r = ouro_str_equal(a, b) == (op == OURO_EQ);
    } else {
        int c = a == b ? 0 : ouro_str_compare(a, b);
        switch (op) {
        case OURO_LT: r = c < 0; break;
        case OURO_LE: r = c <= 0; break;
        case OURO_GT: r = c > 0; break;
        default: r = c >= 0; break;
        }
    }
    return ouro_bool_from(r);
}

static intptr_t str_hash_slot(OuroVM *vm, OuroObject *s) { return ouro_str_hash(s); }

/* ---- code-point indexing ------------------------------------------------------------------- */

size_t ouro_str_offset(OuroObject *s, size_t i) {
    OuroStr *r = ouro_str_raw(s);
    if (r->ascii || i == 0) return i;
    if (i >= r->length) return r->size;
    if (i <= r->length / 2) {
        const unsigned char *p = (const unsigned char *)r->data;
        while (i > 0) {
            p += ouro_utf8_seqlen(*p);
            i--;
        }
        return (size_t)((const char *)p - r->data);
    }
    const char *p = r->data + r->size;
    for (size_t k = r->length; k > i; k--) {
        p--;
        while (((unsigned char)*p & 0xC0u) == 0x80u) p--;
    }
    return (size_t)(p - r->data);
}

/* ouro_str_offset for indexing: remembers the last position found in a non-ASCII string,
 * so s[i] in a loop over i walks from there (linear overall, not quadratic). */
static size_t cached_offset(OuroVM *vm, OuroObject *s, size_t i) {
    OuroStr *r = ouro_str_raw(s);
    if (r->ascii) return i;
    size_t from_index = 0, from_offset = 0;
    if (vm->str_pos_obj == s) {
        from_index = vm->str_pos_index;
        from_offset = vm->str_pos_offset;
    }
    size_t dist_cache = from_index > i ? from_index - i : i - from_index;
    size_t off;
    if (from_index == 0 || dist_cache >= i || dist_cache >= r->length - i) {
        off = ouro_str_offset(s, i);
    } else if (from_index <= i) {
        const unsigned char *p = (const unsigned char *)r->data + from_offset;
        for (size_t k = from_index; k < i; k++) p += ouro_utf8_seqlen(*p);
        off = (size_t)((const char *)p - r->data);
    } else {
        const char *p = r->data + from_offset;
        for (size_t k = from_index; k > i; k--) {
            p--;
            while (((unsigned char)*p & 0xC0u) == 0x80u) p--;
        }
        off = (size_t)(p - r->data);
    }
    vm->str_pos_obj = s;
    vm->str_pos_index = i;
    vm->str_pos_offset = off;
    return off;
}

OuroObject *ouro_str_slice(OuroVM *vm, OuroObject *s, intptr_t start, intptr_t stop) {
    OuroStr *r = ouro_str_raw(s);
    intptr_t len = (intptr_t)r->length;
    if (start < 0) start = 0;
    if (stop > len) stop = len;
    if (stop <= start) return ouro_newref(vm->empty_str);
    if (start == 0 && stop == len && ouro_str_check_exact(s)) return ouro_newref(s);
    if (r->ascii)
        return ouro_str_from_parts(vm, r->data + start, (size_t)(stop - start),
                                   (size_t)(stop - start), true);
    size_t b0 = cached_offset(vm, s, (size_t)start);
    const unsigned char *p = (const unsigned char *)r->data + b0;
    for (intptr_t k = start; k < stop; k++) p += ouro_utf8_seqlen(*p);
    size_t n = (size_t)((const char *)p - (r->data + b0));
    return ouro_str_from_parts(vm, r->data + b0, n, (size_t)(stop - start),
                               n == (size_t)(stop - start));
}

static OuroObject *str_slice_step(OuroVM *vm, OuroObject *s, OuroObject *slice) {
    OuroStr *r = ouro_str_raw(s);
    intptr_t start, stop, step, n;
    if (ouro_slice_indices(vm, slice, (intptr_t)r->length, &start, &stop, &step, &n) < 0)
        return NULL;
    if (n <= 0) return ouro_newref(vm->empty_str);
    if (step == 1) return ouro_str_slice(vm, s, start, start + n);
    if (r->ascii) {
        OuroObject *res = ouro_str_alloc(vm, (size_t)n, (size_t)n, true);
        if (!res) return NULL;
        char *dst = ouro_str_raw(res)->data;
        for (intptr_t i = 0, j = start; i < n; i++, j += step) dst[i] = r->data[j];
        if (n == 1) ouro_setref(vm, &res, ouro_str_char(vm, (unsigned char)dst[0]));
        return res;
    }
    uint32_t *cps = ouro_str_decode_all(vm, s);
    if (!cps) return NULL;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    for (intptr_t i = 0, j = start; i < n; i++, j += step) ouro_strbuf_append_codepoint(&b, cps[j]);
    free(cps);
    return ouro_strbuf_finish(vm, &b);
}

static OuroObject *str_index_at(OuroVM *vm, OuroObject *s, intptr_t i) {
    OuroStr *r = ouro_str_raw(s);
    if (i < 0) i += (intptr_t)r->length;
    if (i < 0 || (size_t)i >= r->length)
        return ouro_err_format(vm, &ouro_exc_IndexError, "string index out of range");
    if (r->ascii) return ouro_newref(vm->char_cache[(unsigned char)r->data[i]]);
    const char *p = r->data + cached_offset(vm, s, (size_t)i);
    return ouro_str_char(vm, ouro_utf8_next(&p));
}

static OuroObject *str_getitem(OuroVM *vm, OuroObject *s, OuroObject *key) {
    if (OURO_IS_SMALLINT(key)) return str_index_at(vm, s, ouro_smallint_value(key));
    if (key->type == &ouro_slice_type) return str_slice_step(vm, s, key);
    if (ouro_index_check(key)) {
        intptr_t i = ouro_number_as_ssize(vm, key, &ouro_exc_IndexError);
        if (i == -1 && ouro_err_occurred(vm)) return NULL;
        return str_index_at(vm, s, i);
    }
    return ouro_err_format(vm, &ouro_exc_TypeError, "string indices must be integers, not '%T'",
                           key);
}

static intptr_t str_length(OuroVM *vm, OuroObject *s) { return (intptr_t)ouro_str_length(s); }

/* ---- searching ------------------------------------------------------------------------------- */

intptr_t ouro_str_find_bytes(const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return 0;
    if (nn > hn) return -1;
    const char *p = nn == 1 ? memchr(hay, needle[0], hn) : memmem(hay, hn, needle, nn);
    return p ? (intptr_t)(p - hay) : -1;
}

intptr_t ouro_str_rfind_bytes(const char *hay, size_t hn, const char *needle, size_t nn) {
    if (nn == 0) return (intptr_t)hn;
    if (nn > hn) return -1;
    if (nn == 1) {
        const char *p = memrchr(hay, needle[0], hn);
        return p ? (intptr_t)(p - hay) : -1;
    }
    size_t limit = hn - nn + 1;   /* candidate starts are [0, limit) */
    while (limit > 0) {
        const char *p = memrchr(hay, needle[0], limit);
        if (!p) return -1;
        if (memcmp(p, needle, nn) == 0) return (intptr_t)(p - hay);
        limit = (size_t)(p - hay);
    }
    return -1;
}

static int str_contains(OuroVM *vm, OuroObject *s, OuroObject *item) {
    if (!ouro_str_check(item)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "'in <string>' requires string as left operand, not %T", item);
        return -1;
    }
    return ouro_str_find_bytes(ouro_str_cstr(s), ouro_str_size(s), ouro_str_cstr(item),
                               ouro_str_size(item)) >= 0;
}

/* ---- concatenation, repetition, % ------------------------------------------------------------ */

OuroObject *ouro_str_concat(OuroVM *vm, OuroObject *a, OuroObject *b) {
    OuroStr *x = ouro_str_raw(a), *y = ouro_str_raw(b);
    if (y->size == 0 && ouro_str_check_exact(a)) return ouro_newref(a);
    if (x->size == 0 && ouro_str_check_exact(b)) return ouro_newref(b);
    if (x->size > (size_t)INTPTR_MAX - y->size)
        return ouro_err_format(vm, &ouro_exc_OverflowError, "strings are too large to concat");
    OuroObject *r = ouro_str_alloc(vm, x->size + y->size, x->length + y->length,
                                   x->ascii && y->ascii);
    if (!r) return NULL;
    memcpy(ouro_str_raw(r)->data, x->data, x->size);
    memcpy(ouro_str_raw(r)->data + x->size, y->data, y->size);
    return r;
}

static OuroObject *str_concat_slot(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_str_check(a)) return ouro_newref(ouro_not_implemented);
    if (!ouro_str_check(b)) {
        /* CPython reaches str's sq_concat only after b's __radd__ declined. */
        if (ouro_defers_to_reflected(b, OURO_ID(vm, __radd__)))
            return ouro_newref(ouro_not_implemented);
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "can only concatenate str (not \"%T\") to str", b);
    }
    return ouro_str_concat(vm, a, b);
}

static OuroObject *str_repeat(OuroVM *vm, OuroObject *s, intptr_t n) {
    OuroStr *r = ouro_str_raw(s);
    if (n <= 0 || r->size == 0) return ouro_newref(vm->empty_str);
    if (n == 1) return ouro_str_exact_copy(vm, s);
    if (r->size > (size_t)INTPTR_MAX / (size_t)n)
        return ouro_err_format(vm, &ouro_exc_OverflowError, "repeated string is too long");
    size_t total = r->size * (size_t)n;
    OuroObject *res = ouro_str_alloc(vm, total, r->length * (size_t)n, r->ascii);
    if (!res) return NULL;
    char *dst = ouro_str_raw(res)->data;
    if (r->size == 1) {
        memset(dst, r->data[0], total);
        return res;
    }
    /* Doubling copies: log(n) memcpy calls. */
    memcpy(dst, r->data, r->size);
    size_t done = r->size;
    while (done < total) {
        size_t chunk = done <= total - done ? done : total - done;
        memcpy(dst + done, dst, chunk);
        done += chunk;
    }
    return res;
}

static OuroObject *str_repeat_slot(OuroVM *vm, OuroObject *a, OuroObject *b) {
    bool left = ouro_str_check(a);
    OuroObject *seq = left ? a : b, *count = left ? b : a;
    if (!ouro_index_check(count)) {
        if (left && ouro_defers_to_reflected(count, OURO_ID(vm, __rmul__)))
            return ouro_newref(ouro_not_implemented);
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "can't multiply sequence by non-int of type '%T'", count);
    }
    intptr_t n = OURO_IS_SMALLINT(count) ? ouro_smallint_value(count)
                                         : ouro_number_as_ssize(vm, count, &ouro_exc_OverflowError);
    if (n == -1 && ouro_err_occurred(vm)) return NULL;
    return str_repeat(vm, seq, n);
}

static OuroObject *str_mod_slot(OuroVM *vm, OuroObject *a, OuroObject *b) {
    if (!ouro_str_check(a)) return ouro_newref(ouro_not_implemented);
    return ouro_str_percent(vm, a, b);
}

/* ---- object protocol ------------------------------------------------------------------------- */

static OuroObject *str_repr_slot(OuroVM *vm, OuroObject *s) { return ouro_str_repr(vm, s); }
static OuroObject *str_str_slot(OuroVM *vm, OuroObject *s) { return ouro_str_exact_copy(vm, s); }
static OuroObject *str_iter_slot(OuroVM *vm, OuroObject *s) { return ouro_str_iter_new(vm, s); }

/* str(object='', encoding='utf-8', errors='strict'). There is no bytes type yet, so the
 * decoding forms only produce CPython's errors. */
static OuroObject *str_new(OuroVM *vm, OuroType *type, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames) {
    static const char *const names[] = {"object", "encoding", "errors"};
    OuroObject *a[3];
    if (ouro_args_bind(vm, "str", args, nargs, kwnames, names, 3, 0, 0, a) < 0) return NULL;
    OuroObject *value;
    if (a[1] || a[2]) {
        if (a[1] && !ouro_str_check(a[1]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "str() argument 'encoding' must be str, not %T", a[1]);
        if (a[2] && !ouro_str_check(a[2]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "str() argument 'errors' must be str, not %T", a[2]);
        if (!a[0]) {
            value = ouro_newref(vm->empty_str);
        } else if (ouro_str_check(a[0])) {
            return ouro_err_format(vm, &ouro_exc_TypeError, "decoding str is not supported");
        } else {
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "decoding to str: need a bytes-like object, %T found", a[0]);
        }
    } else {
        value = a[0] ? ouro_object_str(vm, a[0]) : ouro_newref(vm->empty_str);
    }
    if (!value || type == &ouro_str_type) return value;
    /* A subclass instance: the same text in an object of the subtype. */
    OuroStr *v = ouro_str_raw(value);
    size_t base = type->basicsize > offsetof(OuroStr, data) ? type->basicsize
                                                            : offsetof(OuroStr, data);
    OuroObject *o = ouro_subclass_alloc(ouro_heap(vm), type, base + v->size + 1);
    if (!o) {
        ouro_decref(vm, value);
        return ouro_err_no_memory(vm);
    }
    OuroStr *r = ouro_str_raw(o);
    r->hash = -1;
    r->length = v->length;
    r->size = v->size;
    r->ascii = v->ascii;
    memcpy(r->data, v->data, v->size + 1);
    ouro_decref(vm, value);
    if (ouro_gc_is_container(o)) ouro_gc_track(ouro_heap(vm), o);
    return o;
}

/* Exact strs hold no references; instances of subclasses may hold a dict and their type. */
static int str_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    return ouro_subclass_traverse(self, visit, arg);
}

static void str_clear(OuroHeap *heap, OuroObject *self) { ouro_subclass_clear(heap, self); }

static void str_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    if (vm->str_pos_obj == self) vm->str_pos_obj = NULL;   /* the address may be reused */
    if (self->type != &ouro_str_type) {
        ouro_subclass_clear(heap, self);
        ouro_subclass_free(heap, self);
        return;
    }
    ouro_gc_free(heap, self);
}

OuroType ouro_str_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = str_traverse, .clear = str_clear, .dealloc = str_dealloc},
    .name = "str",
    .basicsize = sizeof(OuroStr),
    .itemsize = 1,
    .flags = OURO_TPFLAG_BASETYPE | OURO_TPFLAG_STR_SUBCLASS,
    .repr = str_repr_slot,
    .str = str_str_slot,
    .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .iter = str_iter_slot,
    .new_ = str_new,
    .nb = {[OURO_NB_ADD] = str_concat_slot, [OURO_NB_MULTIPLY] = str_repeat_slot,
           [OURO_NB_REMAINDER] = str_mod_slot},
    .length = str_length,
    .getitem = str_getitem,
    .contains = str_contains,
    .methods = ouro_str_methods,
    .doc = "str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str\n\n"
           "Create a new string object from the given object. If encoding or\n"
           "errors is specified, then the object must expose a data buffer\n"
           "that will be decoded using the given encoding and error handler.\n"
           "Otherwise, returns the result of object.__str__() (if defined)\n"
           "or repr(object).\n"
           "encoding defaults to sys.getdefaultencoding().\n"
           "errors defaults to 'strict'.",
};

/* ---- per-VM state -------------------------------------------------------------------------- */

/* The cached strings are immortal: shared by every empty or one-character result, freed
 * directly at teardown. */
static OuroObject *make_immortal(OuroVM *vm, const char *s, size_t n) {
    OuroObject *o = ouro_gc_alloc(ouro_heap(vm), &ouro_str_type, offsetof(OuroStr, data) + n + 1);
    if (!o) return NULL;
    OuroStr *r = ouro_str_raw(o);
    o->refcnt = OURO_IMMORTAL_REFCNT;
    r->hash = -1;
    r->length = r->size = n;
    r->ascii = 1;
    r->interned = 1;
    memcpy(r->data, s, n);
    r->data[n] = '\0';
    return o;
}

int ouro_str_vm_init(OuroVM *vm) {
    if (!(vm->empty_str = make_immortal(vm, "", 0))) return -1;
    for (int c = 0; c < 128; c++) {
        char ch = (char)c;
        if (!(vm->char_cache[c] = make_immortal(vm, &ch, 1))) return -1;
    }
    if (!(vm->interned = ouro_dict_new(vm))) return -1;
    return 0;
}

void ouro_str_vm_fini(OuroVM *vm) {
    if (vm->interned) {
        ouro_dict_clear(vm, vm->interned);
        ouro_clear(vm, &vm->interned);
    }
    for (int c = 0; c < 128; c++) {
        if (vm->char_cache[c]) ouro_gc_free(ouro_heap(vm), vm->char_cache[c]);
        vm->char_cache[c] = NULL;
    }
    if (vm->empty_str) ouro_gc_free(ouro_heap(vm), vm->empty_str);
    vm->empty_str = NULL;
}
