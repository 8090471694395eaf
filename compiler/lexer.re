/* compiler/lexer.re — the tokenizer (re2c 3.0 input; build/compiler/lexer.c is generated).
 * One linear pass turns a buffer into an array of tokens. re2c recognizes names, keywords,
 * operators and the start of numbers and strings; small C loops around it do what CPython's
 * tokenizer.c does by hand (indentation stack, bracket stack, numbers, string bodies) so
 * that the error messages and their positions match CPython 3.11 exactly.
 * It never builds AST nodes or decodes literals: the parser does that from token text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/lexer.h"

enum { SCAN_NEWLINE = -1, SCAN_EOF = -2, SCAN_NUMBER = -3, SCAN_STRING = -4, SCAN_ERROR = -5 };

typedef struct Lexer {
    const char *buf, *end, *cur;
    const char *line_start;           /* start of the current physical line */
    int line;
    int col0;                         /* column of buf[0] in its line (f-string fields) */
    bool fexpr;
    bool atbol;
    int level;
    char pstack[OURO_LEX_MAXLEVEL];
    int pline[OURO_LEX_MAXLEVEL], pcol[OURO_LEX_MAXLEVEL];
    int indent;
    int indstack[OURO_LEX_MAXINDENT], altindstack[OURO_LEX_MAXINDENT];
    OuroTokens *out;
    /* The first line holding a NUL byte or invalid UTF-8 (NULL: none), its number and the
     * offending byte: CPython's tokenizer refuses such a line when it reads it. */
    const char *bad_line;
    int bad_lineno;
    unsigned char bad_byte;
} Lexer;

static const char *const tok_texts[] = {
#define X(name, text) text,
#include "compiler/tokens.def"
#undef X
};

const char *ouro_tok_text(int kind)
{
    return kind >= 0 && kind < OURO_TOK__COUNT ? tok_texts[kind] : "?";
}

/* 0-based byte column of p, given the start of its physical line. */
static inline int col_at(const Lexer *lx, const char *ls, const char *p)
{
    return (int)(p - ls) + (ls == lx->buf ? lx->col0 : 0);
}

static inline int col_of(const Lexer *lx, const char *p)
{
    return col_at(lx, lx->line_start, p);
}

static inline void new_line(Lexer *lx, const char *next)
{
    lx->line++;
    lx->line_start = next;
}

static int fail(Lexer *lx, const char *kind, int line, int col, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The error for the line CPython's tokenizer could not read (no column, as there). */
static int fail_bad_line(Lexer *lx)
{
    lx->cur = lx->bad_line;
    if (lx->bad_byte == 0)
        return fail(lx, "SyntaxError", lx->bad_lineno, 0, 0,
                    "source code cannot contain null bytes");
    /* ouro_compile rewrites this with the file name (OURO_DIAG_NON_UTF8). */
    int r = fail(lx, OURO_DIAG_NON_UTF8, lx->bad_lineno, 0, 0,
                 "Non-UTF-8 code starting with '\\x%.2x' on line %d", lx->bad_byte,
                 lx->bad_lineno);
    lx->out->weak = false;
    return r;
}

/* Moves to the next physical line; -1 (error recorded) when it is the unreadable one. */
static inline int enter_line(Lexer *lx, const char *next)
{
    new_line(lx, next);
    return next == lx->bad_line ? fail_bad_line(lx) : 0;
}

/* Length of a valid UTF-8 sequence at s (CPython 3.11's valid_utf8: no overlong forms,
 * surrogates or code points past U+10FFFF), 0 when invalid. s[...] ends with '\0'. */
static int valid_utf8(const unsigned char *s)
{
    int expected;
    if (*s < 0x80)
        return 1;
    if (*s < 0xE0) {
        if (*s < 0xC2)
            return 0;
        expected = 1;
    } else if (*s < 0xF0) {
        if ((*s == 0xE0 && s[1] < 0xA0) || (*s == 0xED && s[1] >= 0xA0))
            return 0;
        expected = 2;
    } else if (*s < 0xF5) {
        if (s[1] < 0x90 ? *s == 0xF0 : *s == 0xF4)
            return 0;
        expected = 3;
    } else {
        return 0;
    }
    for (int i = 1; i <= expected; i++)
        if (s[i] < 0x80 || s[i] >= 0xC0)
            return 0;
    return expected + 1;
}

/* A PEP 263 coding declaration ("# -*- coding: latin-1 -*-") in line 1, or in line 2
 * after a comment or blank line 1. */
static bool has_coding_cookie(const char *p, const char *end)
{
    for (int line = 0; line < 2 && p < end; line++) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\f'))
            p++;
        if (p >= end)
            break;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p < le && *p == '#') {
            for (const char *q = p; q + 7 < le; q++) {
                if (memcmp(q, "coding", 6) != 0 || (q[6] != ':' && q[6] != '='))
                    continue;
                const char *r = q + 7;
                while (r < le && (*r == ' ' || *r == '\t'))
                    r++;
                char c = r < le ? *r : ' ';
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.')
                    return true;
            }
        } else if (p < le) {
            return false;             /* code on line 1: line 2 is not looked at */
        }
        p = le + 1;
    }
    return false;
}

/* Finds the first NUL byte or invalid UTF-8 sequence before end and the line it is on.
 * With a coding declaration the bytes are not UTF-8 by contract: only NUL is looked for
 * (ouro does not transcode; CPython would decode with the declared codec). */
static void find_bad_line(Lexer *lx)
{
    bool check_utf8 = !has_coding_cookie(lx->buf, lx->end);
    const unsigned char *p = (const unsigned char *)lx->buf, *end = (const unsigned char *)lx->end;
    const unsigned char *ls = p;
    int line = lx->line;
    while (p < end) {
        unsigned char c = *p;
        if (c == '\n') {
            line++;
            ls = ++p;
        } else if (c != 0 && (c < 0x80 || !check_utf8)) {
            p++;
        } else {
            int n = c ? valid_utf8(p) : 0;
            if (n == 0 || p + n > end) {
                lx->bad_line = (const char *)ls;
                lx->bad_lineno = line;
                lx->bad_byte = c;
                return;
            }
            p += n;
        }
    }
}

static OuroToken *push(Lexer *lx, int kind)
{
    OuroTokens *o = lx->out;
    if (o->count == o->cap) {
        int cap = o->cap ? o->cap * 2 : 256;
        OuroToken *n = realloc(o->items, (size_t)cap * sizeof *n);
        if (!n)
            return NULL;
        o->items = n;
        o->cap = cap;
    }
    OuroToken *t = &o->items[o->count++];
    memset(t, 0, sizeof *t);
    t->kind = (uint8_t)kind;
    return t;
}

/* A token of the current line spanning [s, e). */
static int emit(Lexer *lx, int kind, const char *s, const char *e)
{
    OuroToken *t = push(lx, kind);
    if (!t)
        return -1;
    t->start = s;
    t->len = (uint32_t)(e - s);
    t->line = t->end_line = lx->line;
    t->col = col_of(lx, s);
    t->end_col = col_of(lx, e);
    return 0;
}

/* A token with no text (INDENT, DEDENT, ENDMARKER): CPython gives it column -1 and, when
 * it is blamed for an error, reports the column where the tokenizer stood instead. */
static int emit_nocol(Lexer *lx, int kind, int line, int col, int flags)
{
    OuroToken *t = push(lx, kind);
    if (!t)
        return -1;
    t->start = lx->cur;
    t->line = t->end_line = line;
    t->col = t->end_col = col;
    t->flags = (uint8_t)(OURO_TOKF_NOCOL | flags);
    return 0;
}

/* Records a tokenizer error and ends the token stream with a LEXERROR marker. */
static int fail(Lexer *lx, const char *kind, int line, int col, int end_col, const char *fmt, ...)
{
    OuroDiag *d = &lx->out->err;
    /* tokenizer.c raises most errors at once, but signals these through tok->done. */
    lx->out->weak = strcmp(kind, "SyntaxError") != 0 || strncmp(fmt, "unexpected ", 11) == 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    d->kind = kind;
    d->line = d->end_line = line;
    d->col = col;
    d->end_col = end_col;
    lx->out->failed = true;
    lx->out->paren_level = lx->level;
    if (lx->level) {
        lx->out->paren_line = lx->pline[lx->level - 1];
        lx->out->paren_col = lx->pcol[lx->level - 1];
        lx->out->paren_char = lx->pstack[lx->level - 1];
    }
    OuroToken *t = push(lx, OURO_TOK_LEXERROR);
    if (t) {
        t->start = lx->cur;
        t->line = t->end_line = line;
        t->col = t->end_col = col > 0 ? col - 1 : 0;
        t->flags = OURO_TOKF_EOF;
    }
    return -1;
}

/* CPython's syntaxerror(tok, ...): the column is where the tokenizer's cursor stands. */
#define FAIL_AT(lx, p, ...) \
    fail((lx), "SyntaxError", (lx)->line, col_of((lx), (p)), col_of((lx), (p)), __VA_ARGS__)

/* ---- numbers: a port of tokenizer.c so errors point where CPython's do ---- */

typedef struct NumScan {
    Lexer *lx;
    const unsigned char *b;
    size_t i, n;
} NumScan;

static inline int nx(NumScan *s)
{
    int c = s->i < s->n ? s->b[s->i] : -1;
    s->i++;
    return c;
}

static inline void bk(NumScan *s) { s->i--; }

static inline bool is_digit(int c) { return c >= '0' && c <= '9'; }
static inline bool is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool is_ident_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c) ||
           c >= 128;
}

static inline const char *at(NumScan *s) { return (const char *)s->b + s->i; }

static bool lookahead(NumScan *s, const char *word)
{
    size_t save = s->i;
    bool ok = true;
    for (const char *w = word; *w && ok; w++)
        ok = nx(s) == *w;
    s->i = save;
    return ok;
}

/* A number may be followed directly by and/else/for/if/in/is/not/or (CPython allows it
 * with a warning), but not by any other identifier character. */
static bool verify_end(NumScan *s, int c, const char *kind)
{
    bool r = false;
    if (c == 'a')
        r = lookahead(s, "nd");
    else if (c == 'e')
        r = lookahead(s, "lse");
    else if (c == 'f')
        r = lookahead(s, "or");
    else if (c == 'i') {
        int c2 = s->i < s->n ? s->b[s->i] : -1;
        r = c2 == 'f' || c2 == 'n' || c2 == 's';
    } else if (c == 'o')
        r = lookahead(s, "r");
    else if (c == 'n')
        r = lookahead(s, "ot");
    if (!r && is_ident_char(c)) {
        bk(s);
        FAIL_AT(s->lx, at(s), "invalid %s literal", kind);
        return false;
    }
    return true;
}

enum { TAIL_ERR = -2 };

static int decimal_tail(NumScan *s)
{
    int c;
    for (;;) {
        do
            c = nx(s);
        while (is_digit(c));
        if (c != '_')
            break;
        c = nx(s);
        if (!is_digit(c)) {
            bk(s);
            FAIL_AT(s->lx, at(s), "invalid decimal literal");
            return TAIL_ERR;
        }
    }
    return c;
}

/* Digits of a 0x/0o/0b literal after its prefix. */
static int radix_digits(NumScan *s, int base, const char *kind)
{
    int c = nx(s);
    do {
        if (c == '_')
            c = nx(s);
        bool ok = base == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + base);
        if (!ok) {
            if (base != 16 && is_digit(c))
                return FAIL_AT(s->lx, at(s), "invalid digit '%c' in %s literal", c, kind), TAIL_ERR;
            bk(s);
            return FAIL_AT(s->lx, at(s), "invalid %s literal", kind), TAIL_ERR;
        }
        do
            c = nx(s);
        while (base == 16 ? is_xdigit(c) : (c >= '0' && c < '0' + base));
    } while (c == '_');
    if (base != 16 && is_digit(c))
        return FAIL_AT(s->lx, at(s), "invalid digit '%c' in %s literal", c, kind), TAIL_ERR;
    return verify_end(s, c, kind) ? c : TAIL_ERR;
}

/* Decimal, float and imaginary literals; c is the character after the integer part or
 * the first digit after a leading '.' (frac set). */
static int float_tail(NumScan *s, int c, bool frac, bool exp)
{
    if (exp)
        goto exponent;
    if (frac)
        goto fraction;
    if (c == '.') {
        c = nx(s);
    fraction:
        if (is_digit(c)) {
            c = decimal_tail(s);
            if (c == TAIL_ERR)
                return TAIL_ERR;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = nx(s);
        if (c == '+' || c == '-') {
            c = nx(s);
            if (!is_digit(c)) {
                bk(s);
                FAIL_AT(s->lx, at(s), "invalid decimal literal");
                return TAIL_ERR;
            }
        } else if (!is_digit(c)) {
            bk(s);
            if (!verify_end(s, e, "decimal"))
                return TAIL_ERR;
            bk(s);                    /* the 'e' starts the next token */
            return 0;
        }
        c = decimal_tail(s);
        if (c == TAIL_ERR)
            return TAIL_ERR;
    }
    if (c == 'j' || c == 'J') {
        c = nx(s);
        if (!verify_end(s, c, "imaginary"))
            return TAIL_ERR;
    } else if (!verify_end(s, c, "decimal")) {
        return TAIL_ERR;
    }
    bk(s);
    return 0;
}

static int scan_number(Lexer *lx, const char *start)
{
    NumScan s = { lx, (const unsigned char *)lx->buf, (size_t)(start - lx->buf),
                  (size_t)(lx->end - lx->buf) };
    int c = nx(&s);
    int r;
    if (c == '.') {
        r = float_tail(&s, nx(&s), true, false);
    } else if (c != '0') {
        c = decimal_tail(&s);
        r = c == TAIL_ERR ? TAIL_ERR : float_tail(&s, c, false, false);
    } else {
        c = nx(&s);
        if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
            int lc = c | 0x20;
            int base = lc == 'x' ? 16 : lc == 'o' ? 8 : 2;
            r = radix_digits(&s, base, lc == 'x' ? "hexadecimal" : lc == 'o' ? "octal" : "binary");
            if (r != TAIL_ERR) {
                bk(&s);
                r = 0;
            }
        } else {
            bool nonzero = false;
            for (;;) {
                if (c == '_') {
                    c = nx(&s);
                    if (!is_digit(c)) {
                        bk(&s);
                        return FAIL_AT(lx, at(&s), "invalid decimal literal");
                    }
                }
                if (c != '0')
                    break;
                c = nx(&s);
            }
            const char *zeros_end = at(&s);
            if (is_digit(c)) {
                nonzero = true;
                c = decimal_tail(&s);
                if (c == TAIL_ERR)
                    return -1;
            }
            if (c == '.' || c == 'j' || c == 'J') {
                r = float_tail(&s, c, false, false);
            } else if (c == 'e' || c == 'E') {
                r = float_tail(&s, c, false, true);
            } else if (nonzero) {
                return fail(lx, "SyntaxError", lx->line, col_of(lx, start) + 1,
                            col_of(lx, zeros_end),
                            "leading zeros in decimal integer literals are not permitted; "
                            "use an 0o prefix for octal integers");
            } else {
                r = verify_end(&s, c, "decimal") ? (bk(&s), 0) : TAIL_ERR;
            }
        }
    }
    if (r == TAIL_ERR)
        return -1;
    lx->cur = at(&s);
    return emit(lx, OURO_TOK_NUMBER, start, lx->cur);
}

/* ---- strings: the body scan of tokenizer.c; decoding happens in the parser ---- */

static int scan_string(Lexer *lx, const char *start, const char *q)
{
    const char quote = *q;
    const char *p = q + 1, *end = lx->end;
    const char *first_ls = lx->line_start;
    int first_line = lx->line;
    int quote_size = 1, end_quote_size = 0;
    if (p < end && *p == quote) {
        if (p + 1 < end && p[1] == quote) {
            quote_size = 3;
            p += 2;
        } else {
            end_quote_size = 1;
            p++;
        }
    }
    while (end_quote_size != quote_size) {
        if (p >= end || (quote_size == 1 && *p == '\n')) {
            /* CPython reports at the string's start, naming the line where it noticed. */
            int detected = p >= end && p > lx->buf && p[-1] == '\n' && !lx->fexpr
                               ? lx->line - 1 : lx->line;
            int col = col_at(lx, first_ls, start) + 1;
            lx->line_start = first_ls;
            lx->cur = start;
            lx->out->incomplete = quote_size == 3;
            if (quote_size == 3)
                return fail(lx, "SyntaxError", first_line, col, col,
                            "unterminated triple-quoted string literal (detected at line %d)",
                            detected);
            return fail(lx, "SyntaxError", first_line, col, col,
                        "unterminated string literal (detected at line %d)", detected);
        }
        char c = *p++;
        if (c == quote) {
            end_quote_size++;
            continue;
        }
        end_quote_size = 0;
        if (c == '\\' && p < end)
            c = *p++;
        if (c == '\n' && enter_line(lx, p) < 0)
            return -1;
    }
    OuroToken *t = push(lx, OURO_TOK_STRING);
    if (!t)
        return -1;
    t->start = start;
    t->len = (uint32_t)(p - start);
    t->line = first_line;
    t->col = col_at(lx, first_ls, start);
    t->end_line = lx->line;
    t->end_col = col_of(lx, p);
    lx->cur = p;
    return 0;
}

/* ---- characters that cannot appear in identifiers ---- */

/* Decodes the UTF-8 sequence at s (at most n bytes); *len receives its length. */
static uint32_t utf8_decode(const unsigned char *s, size_t n, int *len)
{
    int k = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    if ((size_t)k > n)
        k = 1;
    uint32_t cp = k == 1 ? s[0] : (uint32_t)(s[0] & (0x3F >> (k - 1)));
    for (int i = 1; i < k; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *len = k;
    return cp;
}

static bool is_nonprintable(uint32_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

/* Punctuation and symbols: no Unicode database here, so the common blocks by range. */
static bool is_symbol(uint32_t c)
{
    return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB5 && c != 0xB7 && c != 0xBA) ||
           c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x205E && c != 0x203F && c != 0x2040 &&
                                      c != 0x2054) ||
           (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2190 && c <= 0x2BFF) ||
           (c >= 0x3000 && c <= 0x3004) || (c >= 0x3008 && c <= 0x3020) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
           (c >= 0x1F000 && c <= 0x1FAFF);
}

/* CPython's verify_identifier, for the characters ouro can classify. */
static int check_identifier(Lexer *lx, const char *s, const char *e)
{
    for (const char *p = s; p < e;) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        int n;
        uint32_t c = utf8_decode((const unsigned char *)p, (size_t)(e - p), &n);
        int col = col_of(lx, p) + 1;
        lx->cur = p + n;
        if (is_nonprintable(c))
            return fail(lx, "SyntaxError", lx->line, col, col,
                        "invalid non-printable character U+%04X", c);
        if (is_symbol(c))
            return fail(lx, "SyntaxError", lx->line, col, col, "invalid character '%.*s' (U+%04X)",
                        n, p, c);
        p += n;
    }
    lx->cur = e;   /* the cursor was moved only to point errors at the bad character */
    return 0;
}

/* ---- the re2c scanner: one token (or a SCAN_* code) from lx->cur ---- */

static int scan(Lexer *lx, const char **tok_start)
{
    const unsigned char *YYCURSOR = (const unsigned char *)lx->cur, *YYMARKER;
    const unsigned char *comment = NULL;
    for (;;) {
        const unsigned char *tok = YYCURSOR;
        *tok_start = (const char *)tok;
#define RET(k) do { lx->cur = (const char *)YYCURSOR; return (k); } while (0)
        /*!re2c
            re2c:define:YYCTYPE = "unsigned char";
            re2c:yyfill:enable = 0;
            re2c:indent:string = "    ";
            re2c:indent:top = 2;

            ident = ([a-zA-Z_] | [\x80-\xff]) ([a-zA-Z0-9_] | [\x80-\xff])*;
            strprefix = [rRuUfFbB] | [rR][fFbB] | [fFbB][rR];

            [ \t\f]+ { continue; }
            "#" [^\n\x00]* { comment = tok; continue; }
            "\n" {
                /* tokenizer.c starts a NEWLINE at the comment before it, if any */
                if (comment)
                    *tok_start = (const char *)comment;
                RET(SCAN_NEWLINE);
            }
            "\\\n" {
                if ((const char *)YYCURSOR >= lx->end) {
                    /* CPython blames the end of the line, past its newline. */
                    lx->cur = (const char *)YYCURSOR;
                    lx->out->incomplete = true;
                    return fail(lx, "SyntaxError", lx->line, col_of(lx, lx->cur), 0,
                                "unexpected EOF while parsing"), SCAN_ERROR;
                }
                if (enter_line(lx, (const char *)YYCURSOR) < 0)
                    return SCAN_ERROR;
                continue;
            }
            "\\" {
                lx->cur = (const char *)YYCURSOR;
                return fail(lx, "SyntaxError", lx->line, col_of(lx, (const char *)tok) + 2, 0,
                            "unexpected character after line continuation character"),
                       SCAN_ERROR;
            }
            "\x00" {
                lx->cur = (const char *)tok;
                if ((const char *)tok >= lx->end)
                    return SCAN_EOF;
                return fail(lx, "SyntaxError", lx->line, col_of(lx, (const char *)tok) + 1, 0,
                            "source code cannot contain null bytes"), SCAN_ERROR;
            }
            [0-9] | "." [0-9] { RET(SCAN_NUMBER); }
            strprefix? ['"] { RET(SCAN_STRING); }

            "False" { RET(OURO_TOK_FALSE); }
            "None" { RET(OURO_TOK_NONE); }
            "True" { RET(OURO_TOK_TRUE); }
            "and" { RET(OURO_TOK_AND); }
            "as" { RET(OURO_TOK_AS); }
            "assert" { RET(OURO_TOK_ASSERT); }
            "async" { RET(OURO_TOK_ASYNC); }
            "await" { RET(OURO_TOK_AWAIT); }
            "break" { RET(OURO_TOK_BREAK); }
            "class" { RET(OURO_TOK_CLASS); }
            "continue" { RET(OURO_TOK_CONTINUE); }
            "def" { RET(OURO_TOK_DEF); }
            "del" { RET(OURO_TOK_DEL); }
            "elif" { RET(OURO_TOK_ELIF); }
            "else" { RET(OURO_TOK_ELSE); }
            "except" { RET(OURO_TOK_EXCEPT); }
            "finally" { RET(OURO_TOK_FINALLY); }
            "for" { RET(OURO_TOK_FOR); }
            "from" { RET(OURO_TOK_FROM); }
            "global" { RET(OURO_TOK_GLOBAL); }
            "if" { RET(OURO_TOK_IF); }
            "import" { RET(OURO_TOK_IMPORT); }
            "in" { RET(OURO_TOK_IN); }
            "is" { RET(OURO_TOK_IS); }
            "lambda" { RET(OURO_TOK_LAMBDA); }
            "nonlocal" { RET(OURO_TOK_NONLOCAL); }
            "not" { RET(OURO_TOK_NOT); }
            "or" { RET(OURO_TOK_OR); }
            "pass" { RET(OURO_TOK_PASS); }
            "raise" { RET(OURO_TOK_RAISE); }
            "return" { RET(OURO_TOK_RETURN); }
            "try" { RET(OURO_TOK_TRY); }
            "while" { RET(OURO_TOK_WHILE); }
            "with" { RET(OURO_TOK_WITH); }
            "yield" { RET(OURO_TOK_YIELD); }
            ident { RET(OURO_TOK_NAME); }

            "(" { RET(OURO_TOK_LPAR); }
            ")" { RET(OURO_TOK_RPAR); }
            "[" { RET(OURO_TOK_LSQB); }
            "]" { RET(OURO_TOK_RSQB); }
            "{" { RET(OURO_TOK_LBRACE); }
            "}" { RET(OURO_TOK_RBRACE); }
            ":" { RET(OURO_TOK_COLON); }
            "," { RET(OURO_TOK_COMMA); }
            ";" { RET(OURO_TOK_SEMI); }
            "+" { RET(OURO_TOK_PLUS); }
            "-" { RET(OURO_TOK_MINUS); }
            "*" { RET(OURO_TOK_STAR); }
            "/" { RET(OURO_TOK_SLASH); }
            "|" { RET(OURO_TOK_VBAR); }
            "&" { RET(OURO_TOK_AMPER); }
            "<" { RET(OURO_TOK_LESS); }
            ">" { RET(OURO_TOK_GREATER); }
            "=" { RET(OURO_TOK_EQUAL); }
            "." { RET(OURO_TOK_DOT); }
            "%" { RET(OURO_TOK_PERCENT); }
            "==" { RET(OURO_TOK_EQEQUAL); }
            "!=" { RET(OURO_TOK_NOTEQUAL); }
            "<=" { RET(OURO_TOK_LESSEQUAL); }
            ">=" { RET(OURO_TOK_GREATEREQUAL); }
            "~" { RET(OURO_TOK_TILDE); }
            "^" { RET(OURO_TOK_CIRCUMFLEX); }
            "<<" { RET(OURO_TOK_LEFTSHIFT); }
            ">>" { RET(OURO_TOK_RIGHTSHIFT); }
            "**" { RET(OURO_TOK_DOUBLESTAR); }
            "+=" { RET(OURO_TOK_PLUSEQUAL); }
            "-=" { RET(OURO_TOK_MINEQUAL); }
            "*=" { RET(OURO_TOK_STAREQUAL); }
            "/=" { RET(OURO_TOK_SLASHEQUAL); }
            "%=" { RET(OURO_TOK_PERCENTEQUAL); }
            "&=" { RET(OURO_TOK_AMPEREQUAL); }
            "|=" { RET(OURO_TOK_VBAREQUAL); }
            "^=" { RET(OURO_TOK_CIRCUMFLEXEQUAL); }
            "<<=" { RET(OURO_TOK_LEFTSHIFTEQUAL); }
            ">>=" { RET(OURO_TOK_RIGHTSHIFTEQUAL); }
            "**=" { RET(OURO_TOK_DOUBLESTAREQUAL); }
            "//" { RET(OURO_TOK_DOUBLESLASH); }
            "//=" { RET(OURO_TOK_DOUBLESLASHEQUAL); }
            "@" { RET(OURO_TOK_AT); }
            "@=" { RET(OURO_TOK_ATEQUAL); }
            "->" { RET(OURO_TOK_RARROW); }
            "..." { RET(OURO_TOK_ELLIPSIS); }
            ":=" { RET(OURO_TOK_COLONEQUAL); }
            "!" { RET(OURO_TOK_EXCLAMATION); }
            * { RET(OURO_TOK_ERRORTOKEN); }
        */
#undef RET
    }
}

/* ---- indentation, brackets and the main loop ---- */

/* Length of the current physical line including its newline (CPython's column when the
 * error has no token of its own: the cursor stands at the end of the line). */
static int line_len(const Lexer *lx)
{
    const char *nl = memchr(lx->line_start, '\n', (size_t)(lx->end - lx->line_start));
    return col_of(lx, nl ? nl + 1 : lx->end);
}

/* Measures the indentation of a new line and emits INDENT/DEDENT tokens; blank and
 * comment-only lines are left alone (*blank set). Returns -1 on error. */
static int at_line_start(Lexer *lx, bool *blank)
{
    int col = 0, altcol = 0, cont_line_col = 0;
    const char *p = lx->cur;
    for (;;) {
        char c = *p;
        if (c == ' ') {
            col++, altcol++;
        } else if (c == '\t') {
            col = (col / 8 + 1) * 8;
            altcol = altcol + 1;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\' && p + 1 < lx->end) {
            cont_line_col = cont_line_col ? cont_line_col : col;
            if (p[1] != '\n') {
                lx->cur = p + 2;
                return fail(lx, "SyntaxError", lx->line, col_of(lx, p) + 2, 0,
                            "unexpected character after line continuation character");
            }
            p += 2;
            if (p >= lx->end) {
                lx->cur = p;
                lx->out->incomplete = true;
                return fail(lx, "SyntaxError", lx->line, col_of(lx, p), 0,
                            "unexpected EOF while parsing");
            }
            if (enter_line(lx, p) < 0)
                return -1;
            continue;
        } else {
            break;
        }
        p++;
    }
    lx->cur = p;
    *blank = *p == '#' || *p == '\n';
    if (*blank || lx->level > 0)
        return 0;
    bool eof = p >= lx->end;
    if (cont_line_col)
        col = altcol = cont_line_col;
    /* At end of input CPython blames the last line, at its end. */
    int line = lx->line, ecol = p - lx->line_start;
    if (eof && lx->line > 1 && p > lx->buf && p[-1] == '\n') {
        const char *ls = p - 1;
        while (ls > lx->buf && ls[-1] != '\n')
            ls--;
        line = lx->line - 1;
        ecol = (int)(p - ls);
    }
    int flags = eof ? OURO_TOKF_EOF : 0;
    int *ind = lx->indstack, *alt = lx->altindstack;
    if (col == ind[lx->indent]) {
        if (altcol != alt[lx->indent])
            return fail(lx, "TabError", lx->line, 1, 0,
                        "inconsistent use of tabs and spaces in indentation");
    } else if (col > ind[lx->indent]) {
        if (lx->indent + 1 >= OURO_LEX_MAXINDENT)
            return fail(lx, "IndentationError", lx->line, 1, 0, "too many levels of indentation");
        if (altcol <= alt[lx->indent])
            return fail(lx, "TabError", lx->line, 1, 0,
                        "inconsistent use of tabs and spaces in indentation");
        lx->indent++;
        ind[lx->indent] = col;
        alt[lx->indent] = altcol;
        return emit_nocol(lx, OURO_TOK_INDENT, line, ecol, flags);
    } else {
        while (lx->indent > 0 && col < ind[lx->indent]) {
            lx->indent--;
            if (emit_nocol(lx, OURO_TOK_DEDENT, line, ecol, flags) < 0)
                return -1;
        }
        if (col != ind[lx->indent])
            return fail(lx, "IndentationError", lx->line, line_len(lx), 0,
                        "unindent does not match any outer indentation level");
        if (altcol != alt[lx->indent])
            return fail(lx, "TabError", lx->line, 1, 0,
                        "inconsistent use of tabs and spaces in indentation");
    }
    return 0;
}

static int open_bracket(Lexer *lx, const char *tok)
{
    if (lx->level >= OURO_LEX_MAXLEVEL)
        return FAIL_AT(lx, lx->cur, "too many nested parentheses");
    lx->pstack[lx->level] = *tok;
    lx->pline[lx->level] = lx->line;
    lx->pcol[lx->level] = col_of(lx, tok);
    lx->level++;
    return 0;
}

static int close_bracket(Lexer *lx, const char *tok)
{
    char c = *tok;
    if (!lx->level)
        return FAIL_AT(lx, lx->cur, "unmatched '%c'", c);
    lx->level--;
    char open = lx->pstack[lx->level];
    if ((open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}'))
        return 0;
    if (lx->pline[lx->level] != lx->line)
        return FAIL_AT(lx, lx->cur,
                       "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d",
                       c, open, lx->pline[lx->level]);
    return FAIL_AT(lx, lx->cur, "closing parenthesis '%c' does not match opening parenthesis '%c'",
                   c, open);
}

/* End of input: close the token stream (or report the open bracket). */
static int at_eof(Lexer *lx)
{
    if (lx->level > 0) {
        int i = lx->level - 1;
        OuroDiag *d = &lx->out->err;
        snprintf(d->msg, sizeof d->msg, "'%c' was never closed", lx->pstack[i]);
        d->kind = "SyntaxError";
        d->line = d->end_line = lx->pline[i];
        d->col = lx->pcol[i] + 1;
        d->end_col = 0;
        lx->out->failed = true;
        lx->out->incomplete = true;
        lx->out->paren_level = lx->level;
        lx->out->paren_line = lx->pline[i];
        lx->out->paren_col = lx->pcol[i];
        lx->out->paren_char = lx->pstack[i];
        emit_nocol(lx, OURO_TOK_EOFPAREN, lx->line, 0, OURO_TOKF_EOF);
        return -1;
    }
    if (lx->fexpr) {
        /* CPython parses a replacement field as "(" + text + ")": the end of the text
         * stands where that ')' would be. */
        OuroToken *t = push(lx, OURO_TOK_ENDMARKER);
        if (!t)
            return -1;
        t->start = lx->cur;
        t->line = t->end_line = lx->line;
        t->col = col_of(lx, lx->cur);
        t->end_col = t->col + 1;
        return 0;
    }
    int line = lx->line, col = 0;
    if (lx->cur > lx->buf && lx->cur[-1] == '\n') {
        const char *ls = lx->cur - 1;
        while (ls > lx->buf && ls[-1] != '\n')
            ls--;
        line = lx->line - 1;
        col = (int)(lx->cur - ls);
    }
    return emit_nocol(lx, OURO_TOK_ENDMARKER, line, col, OURO_TOKF_EOF);
}

int ouro_lex(const OuroLexInput *in, OuroTokens *out)
{
    Lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.buf = lx.cur = lx.line_start = in->src;
    lx.end = in->src + in->len;
    lx.line = in->line;
    lx.col0 = in->col;
    lx.fexpr = in->fstring_expr;
    lx.atbol = !lx.fexpr;
    lx.out = out;
    memset(out, 0, sizeof *out);
    if (!lx.fexpr) {
        find_bad_line(&lx);
        if (lx.bad_line == lx.buf)
            return fail_bad_line(&lx);
    }
    for (;;) {
        bool blank = false;
        if (lx.atbol) {
            lx.atbol = false;
            if (at_line_start(&lx, &blank) < 0)
                return -1;
        }
        const char *tok;
        int k = scan(&lx, &tok);
        int r = 0;
        switch (k) {
        case SCAN_ERROR:
            return -1;
        case SCAN_EOF:
            return at_eof(&lx);
        case SCAN_NEWLINE:
            if (!blank && lx.level == 0 && !lx.fexpr) {
                OuroToken *t = push(&lx, OURO_TOK_NEWLINE);
                if (!t)
                    return -1;
                t->start = tok;
                t->line = t->end_line = lx.line;
                t->col = col_of(&lx, tok);
                t->end_col = col_of(&lx, lx.cur - 1);
                if (lx.cur >= lx.end && in->added_newline)
                    t->flags = OURO_TOKF_EOF;
            }
            if (enter_line(&lx, lx.cur) < 0)
                return -1;
            lx.atbol = !lx.fexpr;
            continue;
        case SCAN_NUMBER:
            r = scan_number(&lx, tok);
            break;
        case SCAN_STRING:
            r = scan_string(&lx, tok, lx.cur - 1);
            break;
        case OURO_TOK_LPAR: case OURO_TOK_LSQB: case OURO_TOK_LBRACE:
            r = open_bracket(&lx, tok);
            if (r == 0)
                r = emit(&lx, k, tok, lx.cur);
            break;
        case OURO_TOK_RPAR: case OURO_TOK_RSQB: case OURO_TOK_RBRACE:
            r = close_bracket(&lx, tok);
            if (r == 0)
                r = emit(&lx, k, tok, lx.cur);
            break;
        case OURO_TOK_NAME:
            r = check_identifier(&lx, tok, lx.cur);
            if (r == 0)
                r = emit(&lx, k, tok, lx.cur);
            break;
        case OURO_TOK_ERRORTOKEN:
            if ((unsigned char)*tok < 0x20 || *tok == 0x7f) {
                int col = col_of(&lx, tok) + 1;
                return fail(&lx, "SyntaxError", lx.line, col, col,
                            "invalid non-printable character U+%04X", (unsigned char)*tok);
            }
            r = emit(&lx, k, tok, lx.cur);
            break;
        default:
            r = emit(&lx, k, tok, lx.cur);
            break;
        }
        if (r < 0) {
            if (!out->failed) {       /* out of memory while growing the array */
                out->failed = true;
                ouro_diag_set(&out->err, "SyntaxError", lx.line, 0, 0, 0, "out of memory");
            }
            return -1;
        }
    }
}

void ouro_tokens_free(OuroTokens *t)
{
    free(t->items);
    t->items = NULL;
    t->count = t->cap = 0;
}
