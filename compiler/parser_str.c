/* compiler/parser_str.c — literals: numbers (int64, big ints as decimal digit text,
 * floats), string literals with their escapes, adjacent-literal concatenation, and
 * f-strings (JoinedStr / FormattedValue), ported from CPython 3.11's string_parser.c so
 * the pieces, the node shapes and the error messages match. Replacement-field
 * expressions are parsed by a sub-parser (ouro_p_fstring_expr in parser.c). */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parser.h"

/* ---- a growable byte buffer for decoded text ---- */

typedef struct Buf {
    char *data;
    size_t len, cap;
} Buf;

static bool buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d)
            return false;
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    return true;
}

static bool buf_putc(Buf *b, char c)
{
    return buf_put(b, &c, 1);
}

/* UTF-8 encoding of a code point (lone surrogates are encoded as-is, WTF-8 style). */
static bool buf_put_cp(Buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_put(b, u, n);
}

static void *no_memory(OuroParser *p)
{
    return ouro_p_alloc(p, (size_t)1 << 62);
}

/* ---- numbers ---- */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/* Decimal digits of a big 0x/0o/0b literal. GMP converts in subquadratic time, so a
 * megabyte of hex digits compiles as fast as CPython's. */
static char *radix_to_decimal(OuroParser *p, const char *d, int base)
{
    mpz_t z;
    if (mpz_init_set_str(z, d, base) != 0) {
        mpz_clear(z);
        return ouro_p_invalid(p);
    }
    size_t cap = mpz_sizeinbase(z, 10) + 2;
    char *out = ouro_p_alloc(p, cap);
    if (out)
        mpz_get_str(out, 10, z);
    mpz_clear(z);
    return out;
}

/* CPython converts decimal literals under sys.set_int_max_str_digits() and reports a
 * longer one as a SyntaxError without a column; other bases have no limit. */
static void *too_many_digits(OuroParser *p, const OuroToken *t, size_t ndigits)
{
    OuroSpan at = { t->line, -1, t->line, -1 };
    return ouro_p_err_span(p, at,
                           "Exceeds the limit (%d digits) for integer string conversion: value "
                           "has %zu digits; use sys.set_int_max_str_digits() to increase the "
                           "limit - Consider hexadecimal for huge integer literals to avoid "
                           "decimal conversion limits.",
                           p->max_str_digits, ndigits);
}

OuroExpr *ouro_p_number(OuroParser *p, const OuroToken *t)
{
    char small[128];
    char *text = t->len < sizeof small ? small : malloc(t->len + 1);
    if (!text)
        return no_memory(p);
    size_t n = 0;
    for (uint32_t i = 0; i < t->len; i++)
        if (t->start[i] != '_')
            text[n++] = t->start[i];
    text[n] = '\0';
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_CONSTANT, ouro_span_tok(t));
    char last = text[n - 1];
    int base = 10;
    const char *digits = text;
    if (n > 1 && text[0] == '0' && strchr("xXoObB", text[1])) {
        base = (text[1] | 0x20) == 'x' ? 16 : (text[1] | 0x20) == 'o' ? 8 : 2;
        digits += 2;
    }
    if (!e) {
        /* out of memory: already recorded */
    } else if (base == 10 && (last == 'j' || last == 'J')) {
        e = ouro_p_err_tok(p, t, "imaginary literals are not supported");
    } else if (base == 10 && strpbrk(text, ".eE")) {
        e->u.constant.kind = OURO_CONST_FLOAT;
        e->u.constant.fval = strtod(text, NULL);
    } else {
        uint64_t v = 0;
        bool big = false;
        for (const char *d = digits; *d; d++) {
            uint64_t dv = (uint64_t)digit_value(*d);
            if (v > (UINT64_MAX - dv) / (uint64_t)base) {
                big = true;
                break;
            }
            v = v * (uint64_t)base + dv;
        }
        if (!big && v <= (uint64_t)INT64_MAX) {
            e->u.constant.kind = OURO_CONST_INT;
            e->u.constant.ival = (int64_t)v;
        } else {
            e->u.constant.kind = OURO_CONST_BIGINT;
            if (base == 10 && p->max_str_digits > 0 && strlen(digits) > (size_t)p->max_str_digits) {
                e = too_many_digits(p, t, strlen(digits));
            } else if (base == 10) {
                while (digits[0] == '0' && digits[1])
                    digits++;
                e->u.constant.str = ouro_arena_strndup(p->arena, digits, strlen(digits));
            } else {
                e->u.constant.str = radix_to_decimal(p, digits, base);
            }
            if (!e) {
                /* the digit limit: already recorded */
            } else if (!e->u.constant.str) {
                e = no_memory(p);
            } else {
                e->u.constant.str_len = strlen(e->u.constant.str);
            }
        }
    }
    if (text != small)
        free(text);
    return e;
}

/* ---- escapes ---- */

static void *unicode_error(OuroParser *p, size_t start, size_t end, const char *what)
{
    return ouro_p_err_last(p, "SyntaxError",
                           "(unicode error) 'unicodeescape' codec can't decode bytes in "
                           "position %zu-%zu: %s", start, end, what);
}

static int hexval(char c)
{
    int v = digit_value(c);
    return v < 16 ? v : -1;
}

/* Appends s[0..n) to b, decoding backslash escapes as CPython's unicode_escape codec does
 * (unknown escapes keep their backslash). Returns false on error (recorded). */
static bool decode_escapes(OuroParser *p, Buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        const char *bs = memchr(s + i, '\\', n - i);
        size_t run = bs ? (size_t)(bs - (s + i)) : n - i;
        if (run && !buf_put(b, s + i, run))
            return no_memory(p), false;
        i += run;
        if (i >= n)
            break;
        size_t start = i++;
        if (i >= n) {                 /* a lone trailing backslash: kept */
            if (!buf_putc(b, '\\'))
                return no_memory(p), false;
            break;
        }
        char c = s[i++];
        uint32_t cp;
        int need = 0;
        switch (c) {
        case '\n': continue;
        case '\\': cp = '\\'; break;
        case '\'': cp = '\''; break;
        case '"': cp = '"'; break;
        case 'a': cp = 7; break;
        case 'b': cp = 8; break;
        case 'f': cp = 12; break;
        case 'n': cp = 10; break;
        case 'r': cp = 13; break;
        case 't': cp = 9; break;
        case 'v': cp = 11; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
            cp = (uint32_t)(c - '0');
            for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
                cp = cp * 8 + (uint32_t)(s[i++] - '0');
            break;
        case 'x': need = 2; break;
        case 'u': need = 4; break;
        case 'U': need = 8; break;
        case 'N': {
            /* Character names need the Unicode database, which ouro does not carry. */
            if (i < n && s[i] == '{') {
                size_t j = i + 1;
                while (j < n && s[j] != '}')
                    j++;
                if (j < n)
                    return unicode_error(p, start, j, "unknown Unicode character name"), false;
                return unicode_error(p, start, j - 1, "malformed \\N character escape"), false;
            }
            return unicode_error(p, start, i - 1, "malformed \\N character escape"), false;
        }
        default:
            if (!buf_putc(b, '\\') || !buf_putc(b, c))
                return no_memory(p), false;
            continue;
        }
        if (need) {
            cp = 0;
            int got = 0;
            while (got < need && i < n && hexval(s[i]) >= 0) {
                cp = cp * 16 + (uint32_t)hexval(s[i++]);
                got++;
            }
            if (got < need) {
                const char *what = need == 2 ? "truncated \\xXX escape"
                                   : need == 4 ? "truncated \\uXXXX escape"
                                               : "truncated \\UXXXXXXXX escape";
                return unicode_error(p, start, i - 1, what), false;
            }
            if (cp > 0x10FFFF)
                return unicode_error(p, start, i - 1, "illegal Unicode character"), false;
        }
        if (!buf_put_cp(b, cp))
            return no_memory(p), false;
    }
    return true;
}

/* ---- one string token: prefix, quotes, body ---- */

typedef struct StrTok {
    const OuroToken *tok;
    const char *body;
    size_t len;
    bool raw, fmt, bytes;
} StrTok;

static void split_token(const OuroToken *t, StrTok *st)
{
    const char *s = t->start, *end = t->start + t->len;
    st->tok = t;
    st->raw = st->fmt = st->bytes = false;
    while (*s != '\'' && *s != '"') {
        char c = (char)(*s | 0x20);
        st->raw |= c == 'r';
        st->fmt |= c == 'f';
        st->bytes |= c == 'b';
        s++;
    }
    size_t q = (s + 2 < end && s[1] == s[0] && s[2] == s[0] && t->len - (size_t)(s - t->start) >= 6)
                   ? 3 : 1;
    st->body = s + q;
    st->len = (size_t)(end - s) - 2 * q;
}

/* ---- f-strings ---- */

typedef struct FParts {
    OuroParser *p;
    OuroSpan span;                    /* of the whole run of literals */
    OuroSpan tail;                    /* of the result and its last literal (CPython 3.11
                                         uses the current token's inside a format spec) */
    Buf lit;                          /* pending literal text */
    int mark;                         /* values on the scratch stack since mark */
} FParts;

static bool flush_literal(FParts *f, OuroSpan span)
{
    if (f->lit.len == 0)
        return true;
    OuroParser *p = f->p;
    OuroExpr *c = ouro_p_expr(p, OURO_EXPR_CONSTANT, span);
    if (!c)
        return false;
    c->u.constant.kind = OURO_CONST_STR;
    c->u.constant.str = ouro_arena_strndup(p->arena, f->lit.data, f->lit.len);
    c->u.constant.str_len = f->lit.len;
    f->lit.len = 0;
    return c->u.constant.str ? ouro_p_push(p, c) : (no_memory(p), false);
}

static OuroExpr *finish_joined(FParts *f)
{
    if (!flush_literal(f, f->tail))
        return NULL;
    OuroExpr *j = ouro_p_expr(f->p, OURO_EXPR_JOINEDSTR, f->tail);
    if (j)
        j->u.joinedstr.values = ouro_p_exprs(f->p, f->mark);
    return j;
}

/* Line and column of ptr inside string token t. */
static void pos_in_token(const OuroToken *t, const char *ptr, int *line, int *col)
{
    int l = t->line;
    const char *ls = NULL;
    for (const char *c = t->start; c < ptr; c++)
        if (*c == '\n') {
            l++;
            ls = c + 1;
        }
    *line = l;
    *col = ls ? (int)(ptr - ls) : t->col + (int)(ptr - t->start);
}

static bool fstring_parse(FParts *f, const StrTok *st, const char **str, const char *end,
                          int rec);

/* The literal text up to the next single '{' (or '}' ending a format spec). Returns 1
 * when it stopped after a doubled brace (scanning continues), 0, or -1 on error. */
static int find_literal(FParts *f, const StrTok *st, const char **str, const char *end, int rec)
{
    OuroParser *p = f->p;
    const char *s = *str, *lit = s;
    int result = 0;
    while (s < end) {
        char ch = *s++;
        if (!st->raw && ch == '\\' && s < end) {
            ch = *s++;
            if (ch == 'N') {
                if (s < end && *s++ == '{') {
                    while (s < end && *s++ != '}') {
                    }
                }
                continue;
            }
        }
        if (ch == '{' || ch == '}') {
            if (rec == 0) {
                if (s < end && *s == ch) {
                    *str = s + 1;
                    result = 1;
                    goto done;
                }
                if (ch == '}') {
                    *str = s - 1;
                    ouro_p_err_last(p, "SyntaxError", "f-string: single '}' is not allowed");
                    return -1;
                }
            }
            s--;
            break;
        }
    }
    *str = s;
done:;
    size_t n = (size_t)(s - lit);
    if (n == 0)
        return result;
    if (st->raw ? !buf_put(&f->lit, lit, n) : !decode_escapes(p, &f->lit, lit, n))
        return st->raw ? (no_memory(p), -1) : -1;
    return result;
}

static bool fexpr_end_char(const char *s, const char *end, bool *stop)
{
    char ch = *s;
    *stop = false;
    if (ch == '!' || ch == ':' || ch == '}' || ch == '=' || ch == '>' || ch == '<') {
        if (s + 1 < end) {
            char next = s[1];
            if ((ch == '!' || ch == '=' || ch == '<' || ch == '>') && next == '=')
                return true;          /* a two-character operator: skip both */
        }
        *stop = ch != '>' && ch != '<';
    }
    return false;
}

/* One replacement field starting at '{'. */
static bool find_expr(FParts *f, const StrTok *st, const char **str, const char *end, int rec)
{
    OuroParser *p = f->p;
    if (rec >= 2)
        return ouro_p_err_last(p, "SyntaxError", "f-string: expressions nested too deeply"), false;
    const char *s = *str + 1, *expr_start = s;
    char quote = 0, stack[OURO_LEX_MAXLEVEL];
    int string_type = 0, depth = 0;
    for (; s < end; s++) {
        char ch = *s;
        if (ch == '\\')
            return ouro_p_err_last(p, "SyntaxError",
                                   "f-string expression part cannot include a backslash"), false;
        if (quote) {
            if (ch == quote) {
                if (string_type == 3) {
                    if (s + 2 < end && s[1] == ch && s[2] == ch) {
                        s += 2;
                        quote = 0;
                    }
                } else {
                    quote = 0;
                }
            }
        } else if (ch == '\'' || ch == '"') {
            if (s + 2 < end && s[1] == ch && s[2] == ch) {
                string_type = 3;
                s += 2;
            } else {
                string_type = 1;
            }
            quote = ch;
        } else if (ch == '[' || ch == '{' || ch == '(') {
            if (depth >= OURO_LEX_MAXLEVEL)
                return ouro_p_err_last(p, "SyntaxError", "f-string: too many nested parenthesis"),
                       false;
            stack[depth++] = ch;
        } else if (ch == '#') {
            return ouro_p_err_last(p, "SyntaxError", "f-string expression part cannot include '#'"),
                   false;
        } else if (depth == 0 && strchr("!:}=<>", ch)) {
            bool stop;
            if (fexpr_end_char(s, end, &stop)) {
                s++;
                continue;
            }
            if (stop)
                break;
        } else if (ch == ']' || ch == '}' || ch == ')') {
            if (!depth)
                return ouro_p_err_last(p, "SyntaxError", "f-string: unmatched '%c'", ch), false;
            char open = stack[--depth];
            if (!((open == '(' && ch == ')') || (open == '[' && ch == ']') ||
                  (open == '{' && ch == '}')))
                return ouro_p_err_last(p, "SyntaxError",
                                       "f-string: closing parenthesis '%c' does not match "
                                       "opening parenthesis '%c'", ch, open), false;
        }
    }
    const char *expr_end = s;
    if (quote)
        return ouro_p_err_last(p, "SyntaxError", "f-string: unterminated string"), false;
    if (depth)
        return ouro_p_err_last(p, "SyntaxError", "f-string: unmatched '%c'", stack[depth - 1]),
               false;
    if (s >= end)
        goto unexpected_end;
    const char *w = expr_start;
    while (w < expr_end && (*w == ' ' || *w == '\t' || *w == '\n' || *w == '\f'))
        w++;
    if (w == expr_end) {
        if (*expr_end == '!' || *expr_end == ':' || *expr_end == '=')
            return ouro_p_err_last(p, "SyntaxError", "f-string: expression required before '%c'",
                                   *expr_end), false;
        return ouro_p_err_last(p, "SyntaxError", "f-string: empty expression not allowed"), false;
    }
    int line, col;
    pos_in_token(st->tok, expr_start, &line, &col);
    OuroExpr *value = ouro_p_fstring_expr(p, expr_start, (size_t)(expr_end - expr_start), line, col);
    if (!value)
        return false;
    bool self_doc = false;
    if (*s == '=') {
        s++;
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\f' || *s == '\r' ||
                           *s == '\v'))
            s++;
        if (s >= end)
            goto unexpected_end;
        self_doc = true;
        if (!buf_put(&f->lit, expr_start, (size_t)(s - expr_start)))
            return no_memory(p), false;
    }
    int conversion = -1;
    if (*s == '!') {
        s++;
        if (s >= end)
            goto unexpected_end;
        conversion = (unsigned char)*s++;
        if (conversion != 's' && conversion != 'r' && conversion != 'a')
            return ouro_p_err_last(p, "SyntaxError", "f-string: invalid conversion character: "
                                                     "expected 's', 'r', or 'a'"), false;
    }
    OuroExpr *spec = NULL;
    if (s < end && *s == ':') {
        s++;
        if (s >= end)
            goto unexpected_end;
        /* CPython 3.11 gives a format spec the span of its own token, not the run's. */
        FParts sub = { p, f->span, ouro_span_tok(st->tok), { NULL, 0, 0 }, p->sp };
        p->fstring_nest++;
        bool ok = fstring_parse(&sub, st, &s, end, rec + 1);
        p->fstring_nest--;
        spec = ok ? finish_joined(&sub) : NULL;
        free(sub.lit.data);
        if (!spec)
            return false;
    }
    if (s >= end || *s != '}')
        goto unexpected_end;
    s++;
    if (self_doc && !spec && conversion == -1)
        conversion = 'r';
    if (!flush_literal(f, f->span))
        return false;
    OuroExpr *fv = ouro_p_expr(p, OURO_EXPR_FORMATTEDVALUE, f->span);
    if (!fv)
        return false;
    fv->u.formatted.value = value;
    fv->u.formatted.conversion = conversion;
    fv->u.formatted.format_spec = spec;
    *str = s;
    return ouro_p_push(p, fv);
unexpected_end:
    return ouro_p_err_last(p, "SyntaxError", "f-string: expecting '}'"), false;
}

static bool fstring_parse(FParts *f, const StrTok *st, const char **str, const char *end,
                          int rec)
{
    for (;;) {
        int r = find_literal(f, st, str, end, rec);
        if (r < 0)
            return false;
        if (r == 1)
            continue;
        if (*str >= end || **str == '}')
            return true;
        if (!find_expr(f, st, str, end, rec))
            return false;
    }
}

/* ---- a run of adjacent literals ---- */

OuroExpr *ouro_p_strings(OuroParser *p)
{
    int first = p->pos;
    bool any_f = false, any_bytes = false, any_str = false;
    while (ouro_p_kind(p) == OURO_TOK_STRING) {
        StrTok st;
        split_token(ouro_p_next(p), &st);
        any_f |= st.fmt;
        any_bytes |= st.bytes;
        any_str |= !st.bytes;
    }
    ouro_p_tok(p);                    /* CPython looks one token past the run */
    int last = p->pos - 1;
    OuroSpan span = ouro_span_join(ouro_span_tok(&p->toks[first]), ouro_span_tok(&p->toks[last]));
    if (any_bytes && any_str)
        return ouro_p_err_last(p, "SyntaxError", "cannot mix bytes and nonbytes literals");
    if (any_bytes)
        return ouro_p_err_span(p, span, "bytes literals are not supported");
    FParts f = { p, span, span, { NULL, 0, 0 }, p->sp };
    bool ok = true;
    for (int i = first; ok && i <= last; i++) {
        StrTok st;
        split_token(&p->toks[i], &st);
        if (st.fmt) {
            const char *s = st.body;
            ok = fstring_parse(&f, &st, &s, st.body + st.len, 0);
        } else if (st.raw) {
            ok = buf_put(&f.lit, st.body, st.len) || (no_memory(p), false);
        } else {
            ok = decode_escapes(p, &f.lit, st.body, st.len);
        }
    }
    OuroExpr *e = NULL;
    if (ok && any_f) {
        e = finish_joined(&f);
    } else if (ok) {
        e = ouro_p_expr(p, OURO_EXPR_CONSTANT, span);
        if (e) {
            e->u.constant.kind = OURO_CONST_STR;
            e->u.constant.str = ouro_arena_strndup(p->arena, f.lit.data ? f.lit.data : "",
                                                   f.lit.len);
            e->u.constant.str_len = f.lit.len;
            if (!e->u.constant.str)
                e = no_memory(p);
        }
    }
    free(f.lit.data);
    return e;
}
