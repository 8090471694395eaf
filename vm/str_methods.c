/* vm/str_methods.c — str's methods that search, split, join, strip, replace and pad, and
 * the method table of the type (case, predicate and translate methods are in
 * vm/str_case.c, format/format_map/__format__ in vm/str_format.c). Argument errors use
 * CPython 3.11's exact messages. Results avoid copies: the receiver itself is returned
 * when nothing changes (exact str only), ASCII substrings come from the character cache. */
#include "vm/str_internal.h"
#include "vm/obj_iter.h"

#include <stdlib.h>

/* ---- argument helpers ------------------------------------------------------------------------ */

/* The type name argument-clinic errors show: "None" for None. */
static const char *arg_type_name(OuroObject *o) {
    return o == ouro_none ? "None" : ouro_type_name(ouro_type_of(o));
}

/* Converts an __index__ argument to a C integer as argument clinic's Py_ssize_t / int
 * converters do, with their messages. */
static int integer_arg(OuroVM *vm, OuroObject *o, intptr_t *out, bool c_int) {
    intptr_t v;
    if (OURO_IS_SMALLINT(o)) {
        v = ouro_smallint_value(o);
    } else {
        if (!ouro_index_check(o)) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "'%T' object cannot be interpreted as an integer", o);
            return -1;
        }
        OuroObject *i = ouro_number_index(vm, o);
        if (!i) return -1;
        int64_t big = 0;
        int rc = OURO_IS_SMALLINT(i) ? 0 : ouro_int_as_i64(vm, i, &big);
        v = OURO_IS_SMALLINT(i) ? ouro_smallint_value(i) : (intptr_t)big;
        ouro_decref(vm, i);
        if (rc < 0) {
            if (!ouro_err_matches(vm, &ouro_exc_OverflowError)) return -1;
            ouro_err_clear(vm);
            goto overflow;
        }
    }
    if (c_int && (v > INT32_MAX || v < INT32_MIN)) goto overflow;
    *out = v;
    return 0;
overflow:
    ouro_err_format(vm, &ouro_exc_OverflowError, "Python int too large to convert to C %s",
                    c_int ? "int" : "ssize_t");
    return -1;
}

/* _PyEval_SliceIndex: None keeps the default; __index__ values are clamped. */
static int slice_index(OuroVM *vm, OuroObject *o, intptr_t *out) {
    if (o == ouro_none) return 0;
    if (OURO_IS_SMALLINT(o)) {
        *out = ouro_smallint_value(o);
        return 0;
    }
    if (!ouro_index_check(o)) {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    intptr_t v = ouro_number_as_ssize(vm, o, NULL);
    if (v == -1 && ouro_err_occurred(vm)) return -1;
    *out = v;
    return 0;
}

/* CPython's ADJUST_INDICES. */
static void adjust_indices(intptr_t *start, intptr_t *end, intptr_t len) {
    if (*end > len) *end = len;
    else if (*end < 0 && (*end += len) < 0) *end = 0;
    if (*start < 0 && (*start += len) < 0) *start = 0;
}

/* Arguments of find/rfind/index/rindex/count/startswith/endswith: (sub[, start[, end]]). */
static int search_args(OuroVM *vm, const char *name, OuroObject *self, OuroObject *const *args,
                       size_t nargs, OuroObject *kwnames, intptr_t *start, intptr_t *end) {
    if (kwnames && ouro_tuple_size(kwnames) > 0) {
        ouro_err_format(vm, &ouro_exc_TypeError, "str.%s() takes no keyword arguments", name);
        return -1;
    }
    if (nargs < 1 || nargs > 3) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes at %s %d argument%s (%zu given)",
                        name, nargs < 1 ? "least" : "most", nargs < 1 ? 1 : 3,
                        nargs < 1 ? "" : "s", nargs);
        return -1;
    }
    *start = 0;
    *end = INTPTR_MAX;
    if (nargs > 1 && slice_index(vm, args[1], start) < 0) return -1;
    if (nargs > 2 && slice_index(vm, args[2], end) < 0) return -1;
    adjust_indices(start, end, (intptr_t)ouro_str_length(self));
    return 0;
}

static int need_str(OuroVM *vm, OuroObject *o) {
    if (ouro_str_check(o)) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "must be str, not %T", o);
    return -1;
}

/* s[b0:b1) by byte offsets at character boundaries; s itself when that is all of it. */
static OuroObject *sub_bytes(OuroVM *vm, OuroObject *s, size_t b0, size_t b1) {
    OuroStr *r = ouro_str_raw(s);
    if (b0 == 0 && b1 == r->size && ouro_str_check_exact(s)) return ouro_newref(s);
    if (r->ascii) return ouro_str_from_parts(vm, r->data + b0, b1 - b0, b1 - b0, true);
    return ouro_str_from_valid(vm, r->data + b0, b1 - b0);
}

static inline OuroObject *self_result(OuroVM *vm, OuroObject *s) {
    return ouro_str_exact_copy(vm, s);
}

/* ---- find, index, count ---------------------------------------------------------------------- */

/* Position (code points) of sub in s[start:end], searching from the left or the right. */
static intptr_t find_sub(OuroObject *s, OuroObject *sub, intptr_t start, intptr_t end,
                         bool reverse) {
    intptr_t sublen = (intptr_t)ouro_str_length(sub);
    if (end - start < sublen) return -1;
    if (sublen == 0) return reverse ? end : start;
    OuroStr *r = ouro_str_raw(s);
    size_t b0 = ouro_str_offset(s, (size_t)start), b1 = ouro_str_offset(s, (size_t)end);
    intptr_t off = (reverse ? ouro_str_rfind_bytes : ouro_str_find_bytes)(
        r->data + b0, b1 - b0, ouro_str_cstr(sub), ouro_str_size(sub));
    if (off < 0) return -1;
    if (r->ascii) return start + off;
    return start + (intptr_t)ouro_utf8_count(r->data + b0, (size_t)off);
}

static OuroObject *find_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames, const char *name,
                               bool reverse, bool raise) {
    intptr_t start, end;
    if (search_args(vm, name, self, args, nargs, kwnames, &start, &end) < 0) return NULL;
    if (need_str(vm, args[0]) < 0) return NULL;
    intptr_t pos = find_sub(self, args[0], start, end, reverse);
    if (pos < 0 && raise)
        return ouro_err_format(vm, &ouro_exc_ValueError, "substring not found");
    return ouro_smallint(pos);
}

static OuroObject *str_find(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    return find_common(vm, self, args, nargs, kwnames, "find", false, false);
}
static OuroObject *str_rfind(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return find_common(vm, self, args, nargs, kwnames, "rfind", true, false);
}
static OuroObject *str_index(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return find_common(vm, self, args, nargs, kwnames, "index", false, true);
}
static OuroObject *str_rindex(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    return find_common(vm, self, args, nargs, kwnames, "rindex", true, true);
}

static OuroObject *str_count(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    intptr_t start, end;
    if (search_args(vm, "count", self, args, nargs, kwnames, &start, &end) < 0) return NULL;
    OuroObject *sub = args[0];
    if (need_str(vm, sub) < 0) return NULL;
    intptr_t sublen = (intptr_t)ouro_str_length(sub);
    if (end - start < sublen) return ouro_smallint(0);
    if (sublen == 0) return ouro_smallint(end - start + 1);
    size_t b0 = ouro_str_offset(self, (size_t)start), b1 = ouro_str_offset(self, (size_t)end);
    const char *p = ouro_str_cstr(self) + b0, *needle = ouro_str_cstr(sub);
    size_t left = b1 - b0, nn = ouro_str_size(sub);
    intptr_t n = 0;
    for (;;) {
        intptr_t off = ouro_str_find_bytes(p, left, needle, nn);
        if (off < 0) break;
        n++;
        p += (size_t)off + nn;
        left -= (size_t)off + nn;
    }
    return ouro_smallint(n);
}

/* ---- startswith, endswith -------------------------------------------------------------------- */

/* CPython's tailmatch over code points [start, end). */
static bool tail_match(OuroObject *s, OuroObject *sub, intptr_t start, intptr_t end, bool at_end) {
    intptr_t sublen = (intptr_t)ouro_str_length(sub);
    if (end - sublen < start) return false;
    if (sublen == 0) return true;
    size_t n = ouro_str_size(sub);
    size_t at = at_end ? ouro_str_offset(s, (size_t)end) - n : ouro_str_offset(s, (size_t)start);
    if (at + n > ouro_str_size(s)) return false;
    return memcmp(ouro_str_cstr(s) + at, ouro_str_cstr(sub), n) == 0;
}

static OuroObject *affix_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames, const char *name,
                                bool at_end) {
    intptr_t start, end;
    if (search_args(vm, name, self, args, nargs, kwnames, &start, &end) < 0) return NULL;
    OuroObject *arg = args[0];
    if (ouro_tuple_check(arg)) {
        for (size_t i = 0; i < ouro_tuple_size(arg); i++) {
            OuroObject *item = ouro_tuple_get(arg, i);
            if (!ouro_str_check(item))
                return ouro_err_format(vm, &ouro_exc_TypeError,
                                       "tuple for %s must only contain str, not %T", name, item);
            if (tail_match(self, item, start, end, at_end)) return ouro_true;
        }
        return ouro_false;
    }
    if (!ouro_str_check(arg))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "%s first arg must be str or a tuple of str, not %T", name, arg);
    return ouro_bool_from(tail_match(self, arg, start, end, at_end));
}

static OuroObject *str_startswith(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    return affix_common(vm, self, args, nargs, kwnames, "startswith", false);
}
static OuroObject *str_endswith(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    return affix_common(vm, self, args, nargs, kwnames, "endswith", true);
}

static OuroObject *affix_remove(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames, const char *name,
                                bool suffix) {
    if (ouro_args_check(vm, name, nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *a = args[0];
    if (!ouro_str_check(a))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s() argument must be str, not %s",
                               name + 4, arg_type_name(a));
    size_t n = ouro_str_size(a), size = ouro_str_size(self);
    const char *d = ouro_str_cstr(self);
    if (n == 0 || n > size) return self_result(vm, self);
    if (!suffix && memcmp(d, ouro_str_cstr(a), n) == 0) return sub_bytes(vm, self, n, size);
    if (suffix && memcmp(d + size - n, ouro_str_cstr(a), n) == 0)
        return sub_bytes(vm, self, 0, size - n);
    return self_result(vm, self);
}

static OuroObject *str_removeprefix(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    return affix_remove(vm, self, args, nargs, kwnames, "str.removeprefix", false);
}
static OuroObject *str_removesuffix(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    return affix_remove(vm, self, args, nargs, kwnames, "str.removesuffix", true);
}

/* ---- split, rsplit, splitlines, partition ---------------------------------------------------- */

/* Room reserved in a split result before the first append (CPython's MAX_PREALLOC): most
 * splits produce a handful of pieces, so this avoids regrowing the list. */
enum { SPLIT_PREALLOC = 12 };

/* Is there a whitespace character at p? Sets *len to its byte length. */
static inline bool space_at(const char *p, size_t *len) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *len = 1;
        return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
    }
    const char *q = p;
    uint32_t cp = ouro_utf8_next(&q);
    *len = (size_t)(q - p);
    return ouro_unicode_isspace(cp);
}

static int append_piece(OuroVM *vm, OuroObject *list, OuroObject *s, size_t b0, size_t b1) {
    OuroObject *piece = sub_bytes(vm, s, b0, b1);
    if (!piece) return -1;
    return ouro_list_append_steal(vm, list, piece);
}

static void reverse_list(OuroObject *list) {
    OuroList *l = (OuroList *)list;
    for (size_t i = 0, j = l->size; i + 1 < j; i++, j--) {
        OuroObject *t = l->items[i];
        l->items[i] = l->items[j - 1];
        l->items[j - 1] = t;
    }
}

static OuroObject *split_whitespace(OuroVM *vm, OuroObject *s, intptr_t maxsplit) {
    OuroObject *list = ouro_list_new(vm, SPLIT_PREALLOC);
    if (!list) return NULL;
    const char *d = ouro_str_cstr(s);
    size_t size = ouro_str_size(s), i = 0, len;
    while (i < size) {
        while (i < size && space_at(d + i, &len)) i += len;
        if (i == size) break;
        if (maxsplit-- == 0) {
            /* The rest, with trailing whitespace kept, is the last piece. */
            if (append_piece(vm, list, s, i, size) < 0) goto fail;
            break;
        }
        size_t j = i;
        while (j < size && !space_at(d + j, &len)) j += ouro_utf8_seqlen((unsigned char)d[j]);
        if (append_piece(vm, list, s, i, j) < 0) goto fail;
        i = j;
    }
    return list;
fail:
    ouro_decref(vm, list);
    return NULL;
}

/* Start of the character that ends at byte i (i > 0). */
static size_t prev_char(const char *d, size_t i) {
    do i--; while (i > 0 && ((unsigned char)d[i] & 0xC0u) == 0x80u);
    return i;
}

static OuroObject *rsplit_whitespace(OuroVM *vm, OuroObject *s, intptr_t maxsplit) {
    OuroObject *list = ouro_list_new(vm, SPLIT_PREALLOC);
    if (!list) return NULL;
    const char *d = ouro_str_cstr(s);
    size_t j = ouro_str_size(s), len;
    while (j > 0) {
        while (j > 0 && space_at(d + prev_char(d, j), &len)) j = prev_char(d, j);
        if (j == 0) break;
        if (maxsplit-- == 0) {
            if (append_piece(vm, list, s, 0, j) < 0) goto fail;
            break;
        }
        size_t i = j;
        while (i > 0 && !space_at(d + prev_char(d, i), &len)) i = prev_char(d, i);
        if (append_piece(vm, list, s, i, j) < 0) goto fail;
        j = i;
    }
    reverse_list(list);
    return list;
fail:
    ouro_decref(vm, list);
    return NULL;
}

static OuroObject *split_sep(OuroVM *vm, OuroObject *s, OuroObject *sep, intptr_t maxsplit,
                             bool reverse) {
    size_t nn = ouro_str_size(sep);
    if (nn == 0) return ouro_err_format(vm, &ouro_exc_ValueError, "empty separator");
    OuroObject *list = ouro_list_new(vm, SPLIT_PREALLOC);
    if (!list) return NULL;
    const char *d = ouro_str_cstr(s), *needle = ouro_str_cstr(sep);
    size_t size = ouro_str_size(s);
    if (!reverse) {
        size_t i = 0;
        while (maxsplit-- != 0) {
            intptr_t off = ouro_str_find_bytes(d + i, size - i, needle, nn);
            if (off < 0) break;
            if (append_piece(vm, list, s, i, i + (size_t)off) < 0) goto fail;
            i += (size_t)off + nn;
        }
        if (append_piece(vm, list, s, i, size) < 0) goto fail;
    } else {
        size_t j = size;
        while (maxsplit-- != 0) {
            intptr_t off = ouro_str_rfind_bytes(d, j, needle, nn);
            if (off < 0) break;
            if (append_piece(vm, list, s, (size_t)off + nn, j) < 0) goto fail;
            j = (size_t)off;
        }
        if (append_piece(vm, list, s, 0, j) < 0) goto fail;
        reverse_list(list);
    }
    return list;
fail:
    ouro_decref(vm, list);
    return NULL;
}

static OuroObject *split_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames, const char *name,
                                bool reverse) {
    static const char *const names[] = {"sep", "maxsplit"};
    OuroObject *a[2];
    if (ouro_args_bind(vm, name, args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    intptr_t maxsplit = -1;
    if (a[1] && integer_arg(vm, a[1], &maxsplit, false) < 0) return NULL;
    if (maxsplit < 0) maxsplit = INTPTR_MAX;
    OuroObject *sep = a[0];
    if (!sep || sep == ouro_none)
        return reverse ? rsplit_whitespace(vm, self, maxsplit)
                       : split_whitespace(vm, self, maxsplit);
    if (!ouro_str_check(sep))
        return ouro_err_format(vm, &ouro_exc_TypeError, "must be str or None, not %T", sep);
    return split_sep(vm, self, sep, maxsplit, reverse);
}

static OuroObject *str_split(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return split_common(vm, self, args, nargs, kwnames, "split", false);
}
static OuroObject *str_rsplit(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    return split_common(vm, self, args, nargs, kwnames, "rsplit", true);
}

/* Is there a line break at p? Sets *len to its byte length (\r\n counts as one). */
static bool linebreak_at(const char *p, const char *end, size_t *len) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80) {
        *len = c == '\r' && p + 1 < end && p[1] == '\n' ? 2 : 1;
        return (c >= 10 && c <= 13) || (c >= 0x1c && c <= 0x1e);
    }
    const char *q = p;
    uint32_t cp = ouro_utf8_next(&q);
    *len = (size_t)(q - p);
    return ouro_unicode_islinebreak(cp);
}

static OuroObject *str_splitlines(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"keepends"};
    OuroObject *a[1];
    if (ouro_args_bind(vm, "splitlines", args, nargs, kwnames, names, 1, 0, 0, a) < 0)
        return NULL;
    bool keepends = false;
    if (a[0]) {
        if (!ouro_index_check(a[0]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "'%T' object cannot be interpreted as an integer", a[0]);
        int t = ouro_object_truthy(vm, a[0]);
        if (t < 0) return NULL;
        keepends = t;
    }
    OuroObject *list = ouro_list_new(vm, SPLIT_PREALLOC);
    if (!list) return NULL;
    const char *d = ouro_str_cstr(self), *end = d + ouro_str_size(self);
    size_t i = 0, size = ouro_str_size(self), len;
    while (i < size) {
        size_t j = i;
        while (j < size && !linebreak_at(d + j, end, &len)) j += len;
        size_t eol = j;
        if (j < size) j += len;
        if (append_piece(vm, list, self, i, keepends ? j : eol) < 0) {
            ouro_decref(vm, list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static OuroObject *partition_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames, bool reverse) {
    if (ouro_args_check(vm, reverse ? "str.rpartition" : "str.partition", nargs, kwnames, 1, 1) <
        0)
        return NULL;
    OuroObject *sep = args[0];
    if (need_str(vm, sep) < 0) return NULL;
    size_t nn = ouro_str_size(sep), size = ouro_str_size(self);
    if (nn == 0) return ouro_err_format(vm, &ouro_exc_ValueError, "empty separator");
    intptr_t off = (reverse ? ouro_str_rfind_bytes : ouro_str_find_bytes)(
        ouro_str_cstr(self), size, ouro_str_cstr(sep), nn);
    OuroObject *parts[3];
    if (off < 0) {
        OuroObject *whole = self_result(vm, self);
        if (!whole) return NULL;
        parts[reverse ? 2 : 0] = whole;
        parts[1] = ouro_newref(vm->empty_str);
        parts[reverse ? 0 : 2] = ouro_newref(vm->empty_str);
    } else {
        parts[0] = sub_bytes(vm, self, 0, (size_t)off);
        parts[1] = ouro_str_exact_copy(vm, sep);
        parts[2] = sub_bytes(vm, self, (size_t)off + nn, size);
    }
    OuroObject *t = NULL;
    if (parts[0] && parts[1] && parts[2]) t = ouro_tuple_from_array(vm, parts, 3);
    for (int i = 0; i < 3; i++) ouro_xdecref(vm, parts[i]);
    return t;
}

static OuroObject *str_partition(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    return partition_common(vm, self, args, nargs, kwnames, false);
}
static OuroObject *str_rpartition(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    return partition_common(vm, self, args, nargs, kwnames, true);
}

/* ---- join ------------------------------------------------------------------------------------ */

/* Joins items[0..n) (borrowed) with sep: one pass to check and size, one to copy. */
static OuroObject *join_array(OuroVM *vm, OuroObject *sep, OuroObject *const *items, size_t n) {
    if (n == 0) return ouro_newref(vm->empty_str);
    OuroStr *sp = ouro_str_raw(sep);
    size_t size = 0, length = 0;
    bool ascii = sp->ascii;
    for (size_t i = 0; i < n; i++) {
        OuroObject *it = items[i];
        if (!ouro_str_check(it))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "sequence item %zu: expected str instance, %T found", i, it);
        OuroStr *r = ouro_str_raw(it);
        size += r->size;
        length += r->length;
        ascii = ascii && r->ascii;
    }
    if (n == 1 && ouro_str_check_exact(items[0])) return ouro_newref(items[0]);
    size += sp->size * (n - 1);
    length += sp->length * (n - 1);
    OuroObject *res = ouro_str_alloc(vm, size, length, ascii);
    if (!res) return NULL;
    char *dst = ouro_str_raw(res)->data;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && sp->size) {
            memcpy(dst, sp->data, sp->size);
            dst += sp->size;
        }
        OuroStr *r = ouro_str_raw(items[i]);
        memcpy(dst, r->data, r->size);
        dst += r->size;
    }
    return res;
}

OuroObject *ouro_str_join(OuroVM *vm, OuroObject *sep, OuroObject *iterable) {
    if (ouro_list_check(iterable))
        return join_array(vm, sep, ((OuroList *)iterable)->items, ouro_list_size(iterable));
    if (ouro_tuple_check(iterable))
        return join_array(vm, sep, ouro_tuple_items(iterable), ouro_tuple_size(iterable));
    OuroObject *it = ouro_object_getiter(vm, iterable);
    if (!it) {
        if (ouro_err_matches(vm, &ouro_exc_TypeError))
            ouro_err_format(vm, &ouro_exc_TypeError, "can only join an iterable");
        return NULL;
    }
    OuroObject *list = ouro_list_from_iterable(vm, it);
    ouro_decref(vm, it);
    if (!list) return NULL;
    OuroObject *r = join_array(vm, sep, ((OuroList *)list)->items, ouro_list_size(list));
    ouro_decref(vm, list);
    return r;
}

static OuroObject *str_join_meth(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.join", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_str_join(vm, self, args[0]);
}

/* ---- strip ----------------------------------------------------------------------------------- */

/* Does chars (a str) contain the character at p? */
static bool in_chars(OuroObject *chars, const char *p, size_t len) {
    const char *c = ouro_str_cstr(chars);
    size_t n = ouro_str_size(chars);
    if (len == 1) return memchr(c, *p, n) != NULL;
    return ouro_str_find_bytes(c, n, p, len) >= 0;
}

static bool strip_at(OuroObject *chars, const char *p, size_t len) {
    if (!chars) {
        size_t l;
        return space_at(p, &l);
    }
    return in_chars(chars, p, len);
}

static OuroObject *strip_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames, const char *name, bool left,
                                bool right) {
    if (ouro_args_check(vm, name, nargs, kwnames, 0, 1) < 0) return NULL;
    OuroObject *chars = nargs ? args[0] : NULL;
    if (chars == ouro_none) chars = NULL;
    if (chars && !ouro_str_check(chars))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s arg must be None or str", name + 4);
    const char *d = ouro_str_cstr(self);
    size_t i = 0, j = ouro_str_size(self);
    if (left) {
        while (i < j) {
            size_t len = ouro_utf8_seqlen((unsigned char)d[i]);
            if (!strip_at(chars, d + i, len)) break;
            i += len;
        }
    }
    if (right) {
        while (j > i) {
            size_t k = prev_char(d, j);
            if (!strip_at(chars, d + k, j - k)) break;
            j = k;
        }
    }
    return sub_bytes(vm, self, i, j);
}

static OuroObject *str_strip(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return strip_common(vm, self, args, nargs, kwnames, "str.strip", true, true);
}
static OuroObject *str_lstrip(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    return strip_common(vm, self, args, nargs, kwnames, "str.lstrip", true, false);
}
static OuroObject *str_rstrip(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    return strip_common(vm, self, args, nargs, kwnames, "str.rstrip", false, true);
}

/* ---- replace --------------------------------------------------------------------------------- */

/* replace('', new): new goes before each of the first n characters (and at the end when
 * n exceeds the length). */
static OuroObject *replace_empty(OuroVM *vm, OuroObject *s, OuroObject *new_, intptr_t count) {
    size_t len = ouro_str_length(s);
    size_t n = (size_t)count > len + 1 ? len + 1 : (size_t)count;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    const char *p = ouro_str_cstr(s), *end = p + ouro_str_size(s);
    for (size_t k = 0; k < n; k++) {
        ouro_strbuf_append(&b, ouro_str_cstr(new_), ouro_str_size(new_));
        if (p < end) {
            size_t l = ouro_utf8_seqlen((unsigned char)*p);
            ouro_strbuf_append(&b, p, l);
            p += l;
        }
    }
    ouro_strbuf_append(&b, p, (size_t)(end - p));
    return ouro_strbuf_finish(vm, &b);
}

static OuroObject *str_replace(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.replace", nargs, kwnames, 2, 3) < 0) return NULL;
    OuroObject *old = args[0], *new_ = args[1];
    for (int i = 0; i < 2; i++) {
        if (!ouro_str_check(args[i]))
            return ouro_err_format(vm, &ouro_exc_TypeError,
                                   "replace() argument %d must be str, not %s", i + 1,
                                   arg_type_name(args[i]));
    }
    intptr_t count = -1;
    if (nargs == 3 && integer_arg(vm, args[2], &count, false) < 0) return NULL;
    if (count < 0) count = INTPTR_MAX;
    if (count == 0) return self_result(vm, self);
    size_t on = ouro_str_size(old), nn = ouro_str_size(new_), size = ouro_str_size(self);
    if (on == 0) return replace_empty(vm, self, new_, count);
    const char *d = ouro_str_cstr(self), *od = ouro_str_cstr(old);
    /* Count the occurrences first so the result is allocated once. */
    size_t n = 0, i = 0;
    while ((intptr_t)n < count) {
        intptr_t off = ouro_str_find_bytes(d + i, size - i, od, on);
        if (off < 0) break;
        n++;
        i += (size_t)off + on;
    }
    if (n == 0) return self_result(vm, self);
    if (nn > on && (nn - on) > ((size_t)INTPTR_MAX - size) / n)
        return ouro_err_format(vm, &ouro_exc_OverflowError, "replace string is too long");
    size_t rsize = size - n * on + n * nn;
    size_t rlen = ouro_str_length(self) - n * ouro_str_length(old) + n * ouro_str_length(new_);
    if (rsize == 0) return ouro_newref(vm->empty_str);
    OuroObject *res = ouro_str_alloc(vm, rsize, rlen, rlen == rsize);
    if (!res) return NULL;
    char *dst = ouro_str_raw(res)->data;
    i = 0;
    for (size_t k = 0; k < n; k++) {
        size_t off = (size_t)ouro_str_find_bytes(d + i, size - i, od, on);
        memcpy(dst, d + i, off);
        dst += off;
        memcpy(dst, ouro_str_cstr(new_), nn);
        dst += nn;
        i += off + on;
    }
    memcpy(dst, d + i, size - i);
    if (rsize == 1)   /* one ASCII character: use the shared object */
        ouro_setref(vm, &res, ouro_newref(vm->char_cache[(unsigned char)*ouro_str_cstr(res)]));
    return res;
}

/* ---- padding: center, ljust, rjust, zfill, expandtabs ---------------------------------------- */

/* s with left and right copies of the fill character around it. */
static OuroObject *pad(OuroVM *vm, OuroObject *s, size_t left, size_t right, uint32_t fill) {
    if (left == 0 && right == 0) return self_result(vm, s);
    char fb[4];
    size_t fl = ouro_utf8_encode(fill, fb), size = ouro_str_size(s);
    if (left + right > ((size_t)INTPTR_MAX - size) / fl)
        return ouro_err_format(vm, &ouro_exc_OverflowError, "padded string is too long");
    OuroObject *r = ouro_str_alloc(vm, size + (left + right) * fl,
                                   ouro_str_length(s) + left + right,
                                   ouro_str_is_ascii(s) && fill < 0x80);
    if (!r) return NULL;
    char *dst = ouro_str_raw(r)->data;
    for (size_t k = 0; k < left; k++, dst += fl) memcpy(dst, fb, fl);
    memcpy(dst, ouro_str_cstr(s), size);
    dst += size;
    for (size_t k = 0; k < right; k++, dst += fl) memcpy(dst, fb, fl);
    return r;
}

/* (width[, fillchar]) of center/ljust/rjust. */
static int pad_args(OuroVM *vm, const char *fname, OuroObject *const *args, size_t nargs,
                    OuroObject *kwnames, intptr_t *width, uint32_t *fill) {
    if (ouro_args_check(vm, fname, nargs, kwnames, 1, 2) < 0) return -1;
    if (integer_arg(vm, args[0], width, false) < 0) return -1;
    *fill = ' ';
    if (nargs == 2) {
        OuroObject *f = args[1];
        if (!ouro_str_check(f)) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "The fill character must be a unicode character, not %T", f);
            return -1;
        }
        if (ouro_str_length(f) != 1) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "The fill character must be exactly one character long");
            return -1;
        }
        const char *p = ouro_str_cstr(f);
        *fill = ouro_utf8_next(&p);
    }
    return 0;
}

typedef enum { PAD_CENTER, PAD_LJUST, PAD_RJUST } PadKind;

static OuroObject *pad_common(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames, const char *fname, PadKind k) {
    intptr_t width;
    uint32_t fill;
    if (pad_args(vm, fname, args, nargs, kwnames, &width, &fill) < 0) return NULL;
    intptr_t len = (intptr_t)ouro_str_length(self);
    if (width <= len) return self_result(vm, self);
    size_t marg = (size_t)(width - len);
    if (k == PAD_LJUST) return pad(vm, self, 0, marg, fill);
    if (k == PAD_RJUST) return pad(vm, self, marg, 0, fill);
    size_t left = marg / 2 + (marg & (size_t)width & 1);
    return pad(vm, self, left, marg - left, fill);
}

static OuroObject *str_center(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    return pad_common(vm, self, args, nargs, kwnames, "str.center", PAD_CENTER);
}
static OuroObject *str_ljust(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return pad_common(vm, self, args, nargs, kwnames, "str.ljust", PAD_LJUST);
}
static OuroObject *str_rjust(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    return pad_common(vm, self, args, nargs, kwnames, "str.rjust", PAD_RJUST);
}

static OuroObject *str_zfill(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.zfill", nargs, kwnames, 1, 1) < 0) return NULL;
    intptr_t width;
    if (integer_arg(vm, args[0], &width, false) < 0) return NULL;
    intptr_t len = (intptr_t)ouro_str_length(self);
    if (width <= len) return self_result(vm, self);
    OuroObject *r = pad(vm, self, (size_t)(width - len), 0, '0');
    if (!r) return NULL;
    /* A leading sign moves in front of the zeros. */
    char *d = ouro_str_raw(r)->data;
    size_t fill = (size_t)(width - len);
    if (len > 0 && (d[fill] == '+' || d[fill] == '-')) {
        d[0] = d[fill];
        d[fill] = '0';
    }
    return r;
}

static OuroObject *str_expandtabs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"tabsize"};
    OuroObject *a[1];
    if (ouro_args_bind(vm, "expandtabs", args, nargs, kwnames, names, 1, 0, 0, a) < 0)
        return NULL;
    intptr_t tabsize = 8;
    if (a[0] && integer_arg(vm, a[0], &tabsize, true) < 0) return NULL;
    const char *d = ouro_str_cstr(self), *end = d + ouro_str_size(self);
    if (!memchr(d, '\t', ouro_str_size(self))) return self_result(vm, self);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    size_t column = 0;
    for (const char *p = d; p < end;) {
        char c = *p;
        if (c == '\t') {
            if (tabsize > 0) {
                size_t n = (size_t)tabsize - column % (size_t)tabsize;
                for (size_t k = 0; k < n; k++) ouro_strbuf_append_char(&b, ' ');
                column += n;
            }
            p++;
            continue;
        }
        size_t l = ouro_utf8_seqlen((unsigned char)c);
        ouro_strbuf_append(&b, p, l);
        p += l;
        column = c == '\n' || c == '\r' ? 0 : column + 1;
    }
    return ouro_strbuf_finish(vm, &b);
}

/* ---- small dunders --------------------------------------------------------------------------- */

static OuroObject *str_sizeof(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.__sizeof__", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_smallint((intptr_t)(offsetof(OuroStr, data) + ouro_str_size(self) + 1));
}

static OuroObject *str_getnewargs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.__getnewargs__", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *copy = ouro_str_exact_copy(vm, self);
    if (!copy) return NULL;
    OuroObject *t = ouro_tuple_pack(vm, 1, copy);
    ouro_decref(vm, copy);
    return t;
}

/* ---- the method table ------------------------------------------------------------------------ */

const OuroMethodDef ouro_str_methods[] = {
    {"capitalize", ouro_str_meth_capitalize, 0, "Return a capitalized version of the string."},
    {"casefold", ouro_str_meth_casefold, 0,
     "Return a version of the string suitable for caseless comparisons."},
    {"center", str_center, 0, "Return a centered string of length width."},
    {"count", str_count, 0, "S.count(sub[, start[, end]]) -> int"},
    {"endswith", str_endswith, 0, "S.endswith(suffix[, start[, end]]) -> bool"},
    {"expandtabs", str_expandtabs, 0,
     "Return a copy where all tab characters are expanded using spaces."},
    {"find", str_find, 0, "S.find(sub[, start[, end]]) -> int"},
    {"format", ouro_str_meth_format, 0, "S.format(*args, **kwargs) -> str"},
    {"format_map", ouro_str_meth_format_map, 0, "S.format_map(mapping) -> str"},
    {"index", str_index, 0, "S.index(sub[, start[, end]]) -> int"},
    {"isalnum", ouro_str_meth_isalnum, 0,
     "Return True if the string is an alpha-numeric string, False otherwise."},
    {"isalpha", ouro_str_meth_isalpha, 0,
     "Return True if the string is an alphabetic string, False otherwise."},
    {"isascii", ouro_str_meth_isascii, 0,
     "Return True if all characters in the string are ASCII, False otherwise."},
    {"isdecimal", ouro_str_meth_isdecimal, 0,
     "Return True if the string is a decimal string, False otherwise."},
    {"isdigit", ouro_str_meth_isdigit, 0,
     "Return True if the string is a digit string, False otherwise."},
    {"isidentifier", ouro_str_meth_isidentifier, 0,
     "Return True if the string is a valid Python identifier, False otherwise."},
    {"islower", ouro_str_meth_islower, 0,
     "Return True if the string is a lowercase string, False otherwise."},
    {"isnumeric", ouro_str_meth_isnumeric, 0,
     "Return True if the string is a numeric string, False otherwise."},
    {"isprintable", ouro_str_meth_isprintable, 0,
     "Return True if the string is printable, False otherwise."},
    {"isspace", ouro_str_meth_isspace, 0,
     "Return True if the string is a whitespace string, False otherwise."},
    {"istitle", ouro_str_meth_istitle, 0,
     "Return True if the string is a title-cased string, False otherwise."},
    {"isupper", ouro_str_meth_isupper, 0,
     "Return True if the string is an uppercase string, False otherwise."},
    {"join", str_join_meth, 0, "Concatenate any number of strings."},
    {"ljust", str_ljust, 0, "Return a left-justified string of length width."},
    {"lower", ouro_str_meth_lower, 0, "Return a copy of the string converted to lowercase."},
    {"lstrip", str_lstrip, 0, "Return a copy of the string with leading whitespace removed."},
    {"maketrans", ouro_str_meth_maketrans, OURO_METH_STATIC,
     "Return a translation table usable for str.translate()."},
    {"partition", str_partition, 0,
     "Partition the string into three parts using the given separator."},
    {"removeprefix", str_removeprefix, 0,
     "Return a str with the given prefix string removed if present."},
    {"removesuffix", str_removesuffix, 0,
     "Return a str with the given suffix string removed if present."},
    {"replace", str_replace, 0,
     "Return a copy with all occurrences of substring old replaced by new."},
    {"rfind", str_rfind, 0, "S.rfind(sub[, start[, end]]) -> int"},
    {"rindex", str_rindex, 0, "S.rindex(sub[, start[, end]]) -> int"},
    {"rjust", str_rjust, 0, "Return a right-justified string of length width."},
    {"rpartition", str_rpartition, 0,
     "Partition the string into three parts using the given separator."},
    {"rsplit", str_rsplit, 0,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"rstrip", str_rstrip, 0, "Return a copy of the string with trailing whitespace removed."},
    {"split", str_split, 0,
     "Return a list of the substrings in the string, using sep as the separator string."},
    {"splitlines", str_splitlines, 0,
     "Return a list of the lines in the string, breaking at line boundaries."},
    {"startswith", str_startswith, 0, "S.startswith(prefix[, start[, end]]) -> bool"},
    {"strip", str_strip, 0,
     "Return a copy of the string with leading and trailing whitespace removed."},
    {"swapcase", ouro_str_meth_swapcase, 0,
     "Convert uppercase characters to lowercase and lowercase characters to uppercase."},
    {"title", ouro_str_meth_title, 0,
     "Return a version of the string where each word is titlecased."},
    {"translate", ouro_str_meth_translate, 0,
     "Replace each character in the string using the given translation table."},
    {"upper", ouro_str_meth_upper, 0, "Return a copy of the string converted to uppercase."},
    {"zfill", str_zfill, 0,
     "Pad a numeric string with zeros on the left, to fill a field of the given width."},
    {"__format__", ouro_str_meth_dunder_format, 0,
     "Return a formatted version of the string as described by format_spec."},
    {"__getnewargs__", str_getnewargs, 0, NULL},
    {"__sizeof__", str_sizeof, 0, "Return the size of the string in memory, in bytes."},
    {NULL, NULL, 0, NULL},
};
