/* vm/str_format.c — str.format, str.format_map and str.__format__ (PEP 3101). The format
 * string is scanned as UTF-8 bytes (every delimiter is ASCII) in the same steps as
 * CPython's unicode_format.h, so the same inputs give the same errors: literal text and
 * {{ }} escapes, then field name, !conversion and :spec (itself expanded one level deep).
 * Values are formatted through ouro_object_format, with fast paths for str and small ints. */
#include "vm/str_internal.h"
#include "vm/format_spec.h"

/* Where replacement fields find their values, and the auto-numbering state. */
typedef struct FormatArgs {
    OuroObject *const *args;          /* positional arguments (NULL for format_map) */
    size_t nargs;
    OuroObject *kwnames;              /* format(): keyword names, or NULL */
    OuroObject *const *kwvalues;
    OuroObject *mapping;              /* format_map(): the mapping */
    enum { AUTO_INIT, AUTO_AUTO, AUTO_MANUAL } auto_state;
    intptr_t auto_next;
} FormatArgs;

typedef struct Span {
    const char *p;
    size_t n;
} Span;

static OuroObject *span_str(OuroVM *vm, Span s) { return ouro_str_from_valid(vm, s.p, s.n); }

static OuroObject *value_error(OuroVM *vm, const char *msg) {
    ouro_err_set_str(vm, &ouro_exc_ValueError, msg);
    return NULL;
}

/* CPython's get_integer: the decimal value of an all-digit (any script) span, -1 when it is
 * empty or not all digits, -2 with ValueError on overflow. */
static intptr_t span_integer(OuroVM *vm, Span s) {
    if (s.n == 0) return -1;
    intptr_t acc = 0;
    const char *p = s.p, *end = s.p + s.n;
    while (p < end) {
        int d = ouro_unicode_decimal(ouro_utf8_next(&p));
        if (d < 0) return -1;
        if (acc > (INTPTR_MAX - d) / 10) {
            value_error(vm, "Too many decimal digits in format string");
            return -2;
        }
        acc = acc * 10 + d;
    }
    return acc;
}

/* ---- field lookup ---------------------------------------------------------------------------- */

static OuroObject *lookup_keyword(OuroVM *vm, FormatArgs *fa, Span name) {
    OuroObject *key = span_str(vm, name);
    if (!key) return NULL;
    OuroObject *v = NULL;
    if (fa->mapping) {
        v = ouro_object_getitem(vm, fa->mapping, key);
    } else {
        size_t nkw = fa->kwnames ? ouro_tuple_size(fa->kwnames) : 0;
        for (size_t i = 0; i < nkw && !v; i++)
            if (ouro_str_equal(ouro_tuple_get(fa->kwnames, i), key))
                v = ouro_newref(fa->kwvalues[i]);
        if (!v) ouro_err_set(vm, &ouro_exc_KeyError, key);
    }
    ouro_decref(vm, key);
    return v;
}

static OuroObject *lookup_positional(OuroVM *vm, FormatArgs *fa, intptr_t index) {
    if (!fa->args) return value_error(vm, "Format string contains positional fields");
    if ((size_t)index >= fa->nargs)
        return ouro_err_format(vm, &ouro_exc_IndexError,
                               "Replacement index %zd out of range for positional args tuple",
                               index);
    return ouro_newref(fa->args[index]);
}

/* Applies the .attr and [key] parts that follow the first name (rest of the field). */
static OuroObject *apply_accessors(OuroVM *vm, OuroObject *obj, const char *p, const char *end) {
    while (obj && p < end) {
        char c = *p++;
        const char *start = p;
        OuroObject *next;
        if (c == '.') {
            while (p < end && *p != '.' && *p != '[') p++;
            if (p == start) {
                ouro_decref(vm, obj);
                return value_error(vm, "Empty attribute in format string");
            }
            OuroObject *name = span_str(vm, (Span){start, (size_t)(p - start)});
            next = name ? ouro_object_getattr(vm, obj, name) : NULL;
            ouro_xdecref(vm, name);
        } else if (c == '[') {
            while (p < end && *p != ']') p++;
            if (p == end) {
                ouro_decref(vm, obj);
                return value_error(vm, "Missing ']' in format string");
            }
            Span key = {start, (size_t)(p - start)};
            p++;
            if (key.n == 0) {
                ouro_decref(vm, obj);
                return value_error(vm, "Empty attribute in format string");
            }
            intptr_t index = span_integer(vm, key);
            if (index == -2) {
                ouro_decref(vm, obj);
                return NULL;
            }
            if (index >= 0) {
                next = ouro_object_getitem(vm, obj, ouro_smallint(index));
            } else {
                OuroObject *k = span_str(vm, key);
                next = k ? ouro_object_getitem(vm, obj, k) : NULL;
                ouro_xdecref(vm, k);
            }
        } else {
            ouro_decref(vm, obj);
            return value_error(vm, "Only '.' or '[' may follow ']' in format field specifier");
        }
        ouro_decref(vm, obj);
        obj = next;
    }
    return obj;
}

/* The object a field name designates (get_field_object). */
static OuroObject *field_object(OuroVM *vm, FormatArgs *fa, Span field) {
    const char *end = field.p + field.n, *p = field.p;
    while (p < end && *p != '.' && *p != '[') p++;
    Span first = {field.p, (size_t)(p - field.p)};
    intptr_t index = span_integer(vm, first);
    if (index == -2) return NULL;
    bool empty = first.n == 0;
    if (empty || index >= 0) {
        if (fa->auto_state == AUTO_INIT) fa->auto_state = empty ? AUTO_AUTO : AUTO_MANUAL;
        if (fa->auto_state == AUTO_MANUAL && empty)
            return value_error(vm, "cannot switch from manual field specification to "
                                   "automatic field numbering");
        if (fa->auto_state == AUTO_AUTO && !empty)
            return value_error(vm, "cannot switch from automatic field numbering to manual "
                                   "field specification");
        if (empty) index = fa->auto_next++;
    }
    OuroObject *obj = index >= 0 ? lookup_positional(vm, fa, index)
                                 : lookup_keyword(vm, fa, first);
    if (!obj) return NULL;
    return apply_accessors(vm, obj, p, end);
}

/* ---- parsing --------------------------------------------------------------------------------- */

/* One replacement field: name, conversion (0 when absent), spec. */
typedef struct Field {
    Span name, spec;
    uint32_t conversion;
    bool spec_needs_expanding;
} Field;

/* CPython's parse_field: *pp is just after the opening '{'; on success it is just after
 * the closing '}'. */
static int parse_field(OuroVM *vm, const char **pp, const char *end, Field *f) {
    const char *p = *pp;
    char c = 0;
    f->conversion = 0;
    f->spec = (Span){NULL, 0};
    f->spec_needs_expanding = false;
    f->name.p = p;
    while (p < end) {
        c = *p++;
        if (c == '{') {
            value_error(vm, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (p < end && *p != ']') p++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!') break;
    }
    f->name.n = (size_t)(p - 1 - f->name.p);
    if (c != '!' && c != ':') {
        if (c != '}') {
            value_error(vm, "expected '}' before end of string");
            return -1;
        }
        *pp = p;
        return 0;
    }
    if (c == '!') {
        if (p >= end) {
            value_error(vm, "end of string while looking for conversion specifier");
            return -1;
        }
        f->conversion = ouro_utf8_next(&p);
        if (p < end) {
            c = *p++;
            if (c == '}') {
                *pp = p;
                return 0;
            }
            if (c != ':') {
                value_error(vm, "expected ':' after conversion specifier");
                return -1;
            }
        }
    }
    f->spec.p = p;
    int depth = 1;
    while (p < end) {
        c = *p++;
        if (c == '{') {
            f->spec_needs_expanding = true;
            depth++;
        } else if (c == '}' && --depth == 0) {
            f->spec.n = (size_t)(p - 1 - f->spec.p);
            *pp = p;
            return 0;
        }
    }
    value_error(vm, "unmatched '{' in format spec");
    return -1;
}

static OuroObject *convert(OuroVM *vm, OuroObject *obj, uint32_t conversion) {
    switch (conversion) {
    case 'r': return ouro_object_repr(vm, obj);
    case 's': return ouro_object_str(vm, obj);
    case 'a': return ouro_str_ascii(vm, obj);
    default:
        if (conversion > 32 && conversion < 127)
            return ouro_err_format(vm, &ouro_exc_ValueError, "Unknown conversion specifier %c",
                                   (int)conversion);
        return ouro_err_format(vm, &ouro_exc_ValueError, "Unknown conversion specifier \\x%x",
                               (unsigned)conversion);
    }
}

static int build(OuroVM *vm, OuroStrBuf *out, Span input, FormatArgs *fa, int depth);

/* str.__format__ of any str (subclass instances included) into out. */
static int format_str(OuroVM *vm, OuroStrBuf *out, OuroObject *s, const char *spec, size_t n) {
    OuroFormatSpec f;
    if (ouro_format_spec_parse(vm, spec, n, 's', '<', "str", &f) < 0) return -1;
    if (f.type != 's') {
        ouro_format_unknown_type(vm, f.type, "str");
        return -1;
    }
    return ouro_format_str_body(vm, out, &f, ouro_str_cstr(s), ouro_str_size(s),
                                ouro_str_length(s));
}

/* Formats obj with the spec text and appends it (render_field). */
static int render(OuroVM *vm, OuroStrBuf *out, OuroObject *obj, const char *spec, size_t n) {
    if (n == 0 && (OURO_IS_SMALLINT(obj) || ouro_str_check_exact(obj)))
        return ouro_strbuf_append_strof(vm, out, obj);
    if (ouro_str_check_exact(obj)) return format_str(vm, out, obj, spec, n);
    OuroObject *spec_obj = n ? ouro_str_from_valid(vm, spec, n) : ouro_newref(vm->empty_str);
    if (!spec_obj) return -1;
    OuroObject *r = ouro_object_format(vm, obj, spec_obj);
    ouro_decref(vm, spec_obj);
    if (!r) return -1;
    int rc = ouro_strbuf_append_str(vm, out, r);
    ouro_decref(vm, r);
    return rc;
}

static int output_field(OuroVM *vm, OuroStrBuf *out, const Field *f, FormatArgs *fa,
                        int depth) {
    OuroObject *obj = field_object(vm, fa, f->name);
    if (!obj) return -1;
    if (f->conversion) {
        ouro_setref(vm, &obj, convert(vm, obj, f->conversion));
        if (!obj) return -1;
    }
    int rc;
    if (f->spec_needs_expanding) {
        OuroStrBuf spec;
        ouro_strbuf_init(&spec);
        rc = build(vm, &spec, f->spec, fa, depth - 1);
        if (rc == 0 && spec.failed) {
            ouro_err_no_memory(vm);
            rc = -1;
        }
        if (rc == 0) rc = render(vm, out, obj, spec.data, spec.len);
        ouro_strbuf_release(&spec);
    } else {
        rc = render(vm, out, obj, f->spec.p, f->spec.n);
    }
    ouro_decref(vm, obj);
    return rc;
}

/* build_string + do_markup: literal text and fields of input, appended to out. */
static int build(OuroVM *vm, OuroStrBuf *out, Span input, FormatArgs *fa, int depth) {
    if (depth <= 0) {
        value_error(vm, "Max string recursion exceeded");
        return -1;
    }
    const char *p = input.p, *end = input.p + input.n;
    while (p < end) {
        const char *start = p;
        while (p < end && *p != '{' && *p != '}') p++;
        ouro_strbuf_append(out, start, (size_t)(p - start));
        if (p == end) break;
        char c = *p++;
        if (p < end && *p == c) {
            /* {{ or }}: one literal brace */
            ouro_strbuf_append_char(out, c);
            p++;
            continue;
        }
        if (c == '}') {
            value_error(vm, "Single '}' encountered in format string");
            return -1;
        }
        if (p == end) {
            value_error(vm, "Single '{' encountered in format string");
            return -1;
        }
        Field f;
        if (parse_field(vm, &p, end, &f) < 0) return -1;
        if (output_field(vm, out, &f, fa, depth) < 0) return -1;
    }
    return 0;
}

/* PEP 3101: a spec may hold fields, but those may not hold more ("{0:{1:{2}}}" fails). */
enum { FORMAT_MAX_DEPTH = 2 };

static OuroObject *format_with(OuroVM *vm, OuroObject *fmt, FormatArgs *fa) {
    OuroStrBuf out;
    ouro_strbuf_init(&out);
    Span input = {ouro_str_cstr(fmt), ouro_str_size(fmt)};
    if (build(vm, &out, input, fa, FORMAT_MAX_DEPTH) < 0) {
        ouro_strbuf_release(&out);
        return NULL;
    }
    return ouro_strbuf_finish(vm, &out);
}

OuroObject *ouro_str_meth_format(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    FormatArgs fa = {.args = args, .nargs = nargs, .kwnames = kwnames, .kwvalues = args + nargs};
    return format_with(vm, self, &fa);
}

OuroObject *ouro_str_meth_format_map(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                     size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.format_map", nargs, kwnames, 1, 1) < 0) return NULL;
    FormatArgs fa = {.mapping = args[0]};
    return format_with(vm, self, &fa);
}

/* ---- __format__ ------------------------------------------------------------------------------ */

OuroObject *ouro_str_format_with_spec(OuroVM *vm, OuroObject *s, OuroObject *spec) {
    /* An empty spec means str(s): a subclass's __str__ applies (CPython's format_obj). */
    if (ouro_str_size(spec) == 0)
        return ouro_str_check_exact(s) ? ouro_newref(s) : ouro_object_str(vm, s);
    OuroStrBuf out;
    ouro_strbuf_init(&out);
    if (format_str(vm, &out, s, ouro_str_cstr(spec), ouro_str_size(spec)) < 0) {
        ouro_strbuf_release(&out);
        return NULL;
    }
    return ouro_strbuf_finish(vm, &out);
}

OuroObject *ouro_str_meth_dunder_format(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                        size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "str.__format__", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!ouro_str_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "__format__() argument must be str, not %T", args[0]);
    return ouro_str_format_with_spec(vm, self, args[0]);
}
