/* vm/str_case.c — str's character-class methods: case conversion (upper, lower, casefold,
 * swapcase, capitalize, title, with full Unicode mappings and the final-sigma rule), the
 * is*() predicates, and translate/maketrans. ASCII strings take byte-table fast paths;
 * other strings consult vm/str_unicode.h. */
#include "vm/str_internal.h"

#include <stdlib.h>

/* ---- ASCII classes --------------------------------------------------------------------------- */

enum { A_UPPER = 1, A_LOWER = 2, A_DIGIT = 4, A_SPACE = 8, A_ALPHA = 16, A_IDSTART = 32,
       A_IDCONT = 64, A_PRINT = 128 };

/* Class bits of each ASCII character (Python's notion: \x1c-\x1f are whitespace). */
static const unsigned char ascii_table[128] = {
      0,   0,   0,   0,   0,   0,   0,   0,   0,   8,   8,   8,   8,   8,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   8,   8,   8,   8,
    136, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128,
    196, 196, 196, 196, 196, 196, 196, 196, 196, 196, 128, 128, 128, 128, 128, 128,
    128, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241,
    241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 241, 128, 128, 128, 128, 224,
    128, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242,
    242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 242, 128, 128, 128, 128,   0,
};

static inline unsigned char aclass(unsigned char c) { return ascii_table[c & 127]; }

static bool no_args(OuroVM *vm, const char *fname, size_t nargs, OuroObject *kwnames) {
    return ouro_args_check(vm, fname, nargs, kwnames, 0, 0) == 0;
}

/* ---- case mappings --------------------------------------------------------------------------- */

static bool is_cased(uint32_t c) { return ouro_unicode_has(c, OURO_UC_CASED); }
static bool is_case_ignorable(uint32_t c) { return ouro_unicode_has(c, OURO_UC_CASE_IGNORABLE); }

/* CPython's handle_capital_sigma: U+03A3 lowers to final sigma when a cased letter precedes
 * it and none follows (case-ignorable characters are skipped both ways). */
static uint32_t lower_sigma(const uint32_t *cps, size_t n, size_t i) {
    size_t j = i;
    while (j > 0 && is_case_ignorable(cps[j - 1])) j--;
    bool final = j > 0 && is_cased(cps[j - 1]);
    if (final) {
        j = i + 1;
        while (j < n && is_case_ignorable(cps[j])) j++;
        final = j == n || !is_cased(cps[j]);
    }
    return final ? 0x3C2 : 0x3C3;
}

/* lower_ucs4: full lowercase of cps[i] in its context. */
static int lower_at(const uint32_t *cps, size_t n, size_t i, uint32_t out[3]) {
    if (cps[i] == 0x3A3) {
        out[0] = lower_sigma(cps, n, i);
        return 1;
    }
    return ouro_unicode_case(cps[i], OURO_CASE_LOWER, out);
}

typedef enum { CASE_UPPER, CASE_LOWER, CASE_FOLD, CASE_SWAP, CASE_CAPITALIZE, CASE_TITLE } CaseOp;

static void append_mapped(OuroStrBuf *b, const uint32_t *m, int k) {
    for (int j = 0; j < k; j++) ouro_strbuf_append_codepoint(b, m[j]);
}

static OuroObject *case_general(OuroVM *vm, OuroObject *s, CaseOp op) {
    uint32_t *cps = ouro_str_decode_all(vm, s);
    if (!cps) return NULL;
    size_t n = ouro_str_length(s);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i], m[3];
        int k;
        switch (op) {
        case CASE_UPPER: k = ouro_unicode_case(c, OURO_CASE_UPPER, m); break;
        case CASE_LOWER: k = lower_at(cps, n, i, m); break;
        case CASE_FOLD: k = ouro_unicode_case(c, OURO_CASE_FOLD, m); break;
        case CASE_SWAP:
            if (ouro_unicode_has(c, OURO_UC_UPPER)) k = lower_at(cps, n, i, m);
            else if (ouro_unicode_has(c, OURO_UC_LOWER))
                k = ouro_unicode_case(c, OURO_CASE_UPPER, m);
            else { m[0] = c; k = 1; }
            break;
        case CASE_CAPITALIZE:
            k = i == 0 ? ouro_unicode_case(c, OURO_CASE_TITLE, m) : lower_at(cps, n, i, m);
            break;
        default:
            k = prev_cased ? lower_at(cps, n, i, m) : ouro_unicode_case(c, OURO_CASE_TITLE, m);
            prev_cased = is_cased(c);
            break;
        }
        append_mapped(&b, m, k);
    }
    free(cps);
    return ouro_strbuf_finish(vm, &b);
}

static inline char ascii_upper(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }
static inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

static OuroObject *case_ascii(OuroVM *vm, OuroObject *s, CaseOp op) {
    size_t n = ouro_str_size(s);
    const char *src = ouro_str_cstr(s);
    if (n == 0) return ouro_newref(vm->empty_str);
    OuroObject *r = ouro_str_alloc(vm, n, n, true);
    if (!r) return NULL;
    char *dst = ouro_str_raw(r)->data;
    bool prev_cased = false;
    for (size_t i = 0; i < n; i++) {
        char c = src[i];
        switch (op) {
        case CASE_UPPER: dst[i] = ascii_upper(c); break;
        case CASE_LOWER: case CASE_FOLD: dst[i] = ascii_lower(c); break;
        case CASE_SWAP: dst[i] = c >= 'a' && c <= 'z' ? ascii_upper(c) : ascii_lower(c); break;
        case CASE_CAPITALIZE: dst[i] = i == 0 ? ascii_upper(c) : ascii_lower(c); break;
        default:
            dst[i] = prev_cased ? ascii_lower(c) : ascii_upper(c);
            prev_cased = (aclass((unsigned char)c) & (A_UPPER | A_LOWER)) != 0;
            break;
        }
    }
    if (n == 1) ouro_setref(vm, &r, ouro_newref(vm->char_cache[(unsigned char)dst[0]]));
    return r;
}

static OuroObject *case_method(OuroVM *vm, OuroObject *self, size_t nargs, OuroObject *kwnames,
                               const char *fname, CaseOp op) {
    if (!no_args(vm, fname, nargs, kwnames)) return NULL;
    return ouro_str_is_ascii(self) ? case_ascii(vm, self, op) : case_general(vm, self, op);
}

#define CASE_METHOD(fn, pyname, op)                                                          \
    OuroObject *fn(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,      \
                   OuroObject *kwnames) {                                                    \
        return case_method(vm, self, nargs, kwnames, pyname, op);                            \
    }
CASE_METHOD(ouro_str_meth_upper, "str.upper", CASE_UPPER)
CASE_METHOD(ouro_str_meth_lower, "str.lower", CASE_LOWER)
CASE_METHOD(ouro_str_meth_casefold, "str.casefold", CASE_FOLD)
CASE_METHOD(ouro_str_meth_swapcase, "str.swapcase", CASE_SWAP)
CASE_METHOD(ouro_str_meth_capitalize, "str.capitalize", CASE_CAPITALIZE)
CASE_METHOD(ouro_str_meth_title, "str.title", CASE_TITLE)
#undef CASE_METHOD

/* ---- predicates ------------------------------------------------------------------------------ */

/* "Every character has the class, and there is at least one": isalpha, isdigit, ... */
static OuroObject *all_chars(OuroObject *s, unsigned char amask, unsigned uflags) {
    OuroStr *r = ouro_str_raw(s);
    if (r->size == 0) return ouro_false;
    if (r->ascii) {
        for (size_t i = 0; i < r->size; i++)
            if (!(aclass((unsigned char)r->data[i]) & amask)) return ouro_false;
        return ouro_true;
    }
    const char *p = r->data, *end = p + r->size;
    while (p < end) {
        uint32_t c = ouro_utf8_next(&p);
        bool ok = c < 128 ? (aclass((unsigned char)c) & amask) != 0 : ouro_unicode_has(c, uflags);
        if (!ok) return ouro_false;
    }
    return ouro_true;
}

#define PREDICATE(fn, pyname, amask, uflags)                                                 \
    OuroObject *fn(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,      \
                   OuroObject *kwnames) {                                                    \
        if (!no_args(vm, pyname, nargs, kwnames)) return NULL;                               \
        return all_chars(self, amask, uflags);                                               \
    }
PREDICATE(ouro_str_meth_isalpha, "str.isalpha", A_ALPHA, OURO_UC_ALPHA)
PREDICATE(ouro_str_meth_isdecimal, "str.isdecimal", A_DIGIT, OURO_UC_DECIMAL)
PREDICATE(ouro_str_meth_isdigit, "str.isdigit", A_DIGIT, OURO_UC_DIGIT)
PREDICATE(ouro_str_meth_isnumeric, "str.isnumeric", A_DIGIT, OURO_UC_NUMERIC)
PREDICATE(ouro_str_meth_isspace, "str.isspace", A_SPACE, OURO_UC_SPACE)
PREDICATE(ouro_str_meth_isalnum, "str.isalnum", A_ALPHA | A_DIGIT,
          OURO_UC_ALPHA | OURO_UC_DECIMAL | OURO_UC_DIGIT | OURO_UC_NUMERIC)
#undef PREDICATE

OuroObject *ouro_str_meth_isprintable(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.isprintable", nargs, kwnames)) return NULL;
    if (ouro_str_size(self) == 0) return ouro_true;
    return all_chars(self, A_PRINT, OURO_UC_PRINTABLE);
}

OuroObject *ouro_str_meth_isascii(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.isascii", nargs, kwnames)) return NULL;
    return ouro_bool_from(ouro_str_is_ascii(self));
}

static unsigned char_flags(uint32_t c) {
    if (c < 128) {
        unsigned char k = aclass((unsigned char)c);
        return (k & A_UPPER ? OURO_UC_UPPER : 0u) | (k & A_LOWER ? OURO_UC_LOWER : 0u);
    }
    return ouro_unicode_record(c)->flags;
}

/* isupper (want_upper) / islower: no character of the other case or titlecase, and at
 * least one of the wanted case. */
static OuroObject *cased_check(OuroObject *s, bool want_upper) {
    unsigned bad = (want_upper ? OURO_UC_LOWER : OURO_UC_UPPER) | OURO_UC_TITLE;
    unsigned good = want_upper ? OURO_UC_UPPER : OURO_UC_LOWER;
    const char *p = ouro_str_cstr(s), *end = p + ouro_str_size(s);
    bool cased = false;
    while (p < end) {
        unsigned f = char_flags(ouro_utf8_next(&p));
        if (f & bad) return ouro_false;
        if (f & good) cased = true;
    }
    return ouro_bool_from(cased);
}

OuroObject *ouro_str_meth_isupper(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.isupper", nargs, kwnames)) return NULL;
    return cased_check(self, true);
}

OuroObject *ouro_str_meth_islower(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.islower", nargs, kwnames)) return NULL;
    return cased_check(self, false);
}

OuroObject *ouro_str_meth_istitle(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.istitle", nargs, kwnames)) return NULL;
    const char *p = ouro_str_cstr(self), *end = p + ouro_str_size(self);
    bool cased = false, prev_cased = false;
    while (p < end) {
        unsigned f = char_flags(ouro_utf8_next(&p));
        if (f & (OURO_UC_UPPER | OURO_UC_TITLE)) {
            if (prev_cased) return ouro_false;
            prev_cased = cased = true;
        } else if (f & OURO_UC_LOWER) {
            if (!prev_cased) return ouro_false;
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return ouro_bool_from(cased);
}

OuroObject *ouro_str_meth_isidentifier(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                       size_t nargs, OuroObject *kwnames) {
    if (!no_args(vm, "str.isidentifier", nargs, kwnames)) return NULL;
    const char *p = ouro_str_cstr(self), *end = p + ouro_str_size(self);
    if (p == end) return ouro_false;
    uint32_t c = ouro_utf8_next(&p);
    bool ok = c < 128 ? (aclass((unsigned char)c) & A_IDSTART) != 0
                      : ouro_unicode_has(c, OURO_UC_XID_START);
    while (ok && p < end) {
        c = ouro_utf8_next(&p);
        ok = c < 128 ? (aclass((unsigned char)c) & A_IDCONT) != 0
                     : ouro_unicode_has(c, OURO_UC_XID_CONTINUE);
    }
    return ouro_bool_from(ok);
}

/* ---- translate / maketrans ------------------------------------------------------------------- */

/* The table's answer for one character: 1 keep it, 0 mapped (appended), -1 error. */
static int translate_char(OuroVM *vm, OuroObject *table, uint32_t c, OuroStrBuf *b) {
    OuroObject *key = ouro_smallint((intptr_t)c);
    OuroObject *v = ouro_object_getitem(vm, table, key);
    if (!v) {
        if (!ouro_err_matches(vm, &ouro_exc_LookupError)) return -1;
        ouro_err_clear(vm);
        return 1;
    }
    int rc = 0;
    if (v == ouro_none) {
        /* deleted */
    } else if (ouro_int_check(v)) {
        int64_t cp;
        if (ouro_int_as_i64(vm, v, &cp) < 0 || cp < 0 || cp >= 0x110000) {
            ouro_err_clear(vm);
            ouro_err_format(vm, &ouro_exc_ValueError,
                            "character mapping must be in range(0x110000)");
            rc = -1;
        } else {
            ouro_strbuf_append_codepoint(b, (uint32_t)cp);
        }
    } else if (ouro_str_check(v)) {
        ouro_strbuf_append(b, ouro_str_cstr(v), ouro_str_size(v));
    } else {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "character mapping must return integer, None or str");
        rc = -1;
    }
    ouro_decref(vm, v);
    return rc;
}

OuroObject *ouro_str_meth_translate(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.translate", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *table = args[0];
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    /* ASCII answers are cached: translating a long text asks the table once per letter. */
    enum { UNKNOWN, KEEP, MAPPED };
    unsigned char state[128] = {0};
    size_t cached_at[128], cached_len[128];
    OuroStrBuf cache;
    ouro_strbuf_init(&cache);
    const char *p = ouro_str_cstr(self), *end = p + ouro_str_size(self);
    while (p < end) {
        const char *start = p;
        uint32_t c = ouro_utf8_next(&p);
        if (c < 128 && state[c] == KEEP) { ouro_strbuf_append_char(&b, (char)c); continue; }
        if (c < 128 && state[c] == MAPPED) {
            ouro_strbuf_append(&b, cache.data + cached_at[c], cached_len[c]);
            continue;
        }
        size_t before = b.len;
        int rc = translate_char(vm, table, c, &b);
        if (rc < 0) {
            ouro_strbuf_release(&cache);
            ouro_strbuf_release(&b);
            return NULL;
        }
        if (rc == 1) ouro_strbuf_append(&b, start, (size_t)(p - start));
        if (c < 128 && !b.failed) {
            state[c] = rc == 1 ? KEEP : MAPPED;
            cached_at[c] = cache.len;
            cached_len[c] = b.len - before;
            if (rc == 0) ouro_strbuf_append(&cache, b.data + before, b.len - before);
            if (cache.failed) state[c] = UNKNOWN;
        }
    }
    ouro_strbuf_release(&cache);
    return ouro_strbuf_finish(vm, &b);
}

static OuroObject *maketrans_dict(OuroVM *vm, OuroObject *x) {
    if (!ouro_dict_check(x))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "if you give only one argument to maketrans it must be a dict");
    OuroObject *result = ouro_dict_new(vm);
    if (!result) return NULL;
    size_t pos = 0;
    OuroObject *key, *value;
    while (ouro_dict_next(x, &pos, &key, &value)) {
        OuroObject *newkey;
        if (ouro_str_check(key)) {
            if (ouro_str_length(key) != 1) {
                ouro_decref(vm, result);
                return ouro_err_format(vm, &ouro_exc_ValueError,
                                       "string keys in translate table must be of length 1");
            }
            const char *p = ouro_str_cstr(key);
            newkey = ouro_smallint((intptr_t)ouro_utf8_next(&p));
        } else if (ouro_int_check(key)) {
            newkey = key;
        } else {
            ouro_decref(vm, result);
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "keys in translate table must be strings or integers");
        }
        if (ouro_dict_set(vm, result, newkey, value) < 0) {
            ouro_decref(vm, result);
            return NULL;
        }
    }
    return result;
}

OuroObject *ouro_str_meth_maketrans(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "maketrans", nargs, kwnames, 1, 3) < 0) return NULL;
    if (nargs == 1) return maketrans_dict(vm, args[0]);
    OuroObject *x = args[0], *y = args[1], *z = nargs == 3 ? args[2] : NULL;
    if (!ouro_str_check(x))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "first maketrans argument must be a string if there is a second "
                               "argument");
    if (!ouro_str_check(y))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "maketrans() argument 2 must be str, not %T", y);
    if (z && !ouro_str_check(z))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "maketrans() argument 3 must be str, not %s",
                               z == ouro_none ? "None" : ouro_type_name(ouro_type_of(z)));
    if (ouro_str_length(x) != ouro_str_length(y))
        return ouro_err_format(vm, &ouro_exc_ValueError,
                               "the first two maketrans arguments must have equal length");
    OuroObject *result = ouro_dict_new(vm);
    if (!result) return NULL;
    const char *p = ouro_str_cstr(x), *q = ouro_str_cstr(y), *pend = p + ouro_str_size(x);
    while (p < pend) {
        OuroObject *k = ouro_smallint((intptr_t)ouro_utf8_next(&p));
        OuroObject *v = ouro_smallint((intptr_t)ouro_utf8_next(&q));
        if (ouro_dict_set(vm, result, k, v) < 0) goto fail;
    }
    if (z) {
        p = ouro_str_cstr(z);
        pend = p + ouro_str_size(z);
        while (p < pend) {
            OuroObject *k = ouro_smallint((intptr_t)ouro_utf8_next(&p));
            if (ouro_dict_set(vm, result, k, ouro_none) < 0) goto fail;
        }
    }
    return result;
fail:
    ouro_decref(vm, result);
    return NULL;
}
