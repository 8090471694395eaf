/* compiler/parser.c — the parser's core: ouro_parse, error recording with CPython's
 * positions, the choice between a lexer and a parser error (CPython tokenizes the rest of
 * the file after a parse error and lets a tokenizer error win), node and list allocation,
 * assignment-target checks, and the sub-parser for f-string replacement fields.
 * The grammar itself lives in parser_stmt.c, parser_expr.c and parser_str.c. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parser.h"

/* CPython's parser gives up past MAXSTACK (6000) rule levels with a bare MemoryError. Our
 * rules count as many levels as CPython's on the constructs that nest without brackets
 * (unary operators, not, **, lambda, if-else, elif); CPython spends about 31 more on the
 * way down to the first of them, hence the bound, which reproduces its limits exactly at
 * module level. The C stack bound (stack_floor) keeps even a deep caller safe. */
enum { MAX_DEPTH = 6000 - 31 };

/* ---- errors ---- */

static void record(OuroParser *p, const char *kind, int line, int col, int end_line,
                   int end_col, const char *fmt, va_list ap)
{
    p->failed = true;
    if (p->quiet || p->diag->kind)
        return;
    OuroDiag *d = p->diag;
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    if (p->fexpr) {
        /* CPython 3.11 reports replacement-field errors inside "(" + text + ")". */
        ouro_diag_prefix(d, "f-string: ");
        if (line == p->fexpr_line && col > 0)
            col = col - p->fexpr_col + 1;
        if (end_line == p->fexpr_line && end_col > 0)
            end_col = end_col - p->fexpr_col + 1;
    } else {
        col = ouro_diag_char_col(p->src, p->len, line, col);
        end_col = ouro_diag_char_col(p->src, p->len, end_line, end_col);
    }
    d->kind = kind;
    d->line = line;
    d->col = col;
    d->end_line = end_line;
    d->end_col = end_col;
}

void *ouro_p_err_tok(OuroParser *p, const OuroToken *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (t->flags & OURO_TOKF_NOCOL)
        record(p, "SyntaxError", t->line, 0, t->line, 0, fmt, ap);
    else
        record(p, "SyntaxError", t->line, t->col + 1, t->end_line, t->end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ouro_p_err_span(OuroParser *p, OuroSpan s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(p, "SyntaxError", s.line, s.col + 1, s.end_line, s.end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ouro_p_err_range(OuroParser *p, OuroSpan a, OuroSpan b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record(p, "SyntaxError", a.line, a.col + 1, b.end_line, b.end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ouro_p_err_last(OuroParser *p, const char *kind, const char *fmt, ...)
{
    const OuroToken *t = &p->toks[p->maxpos];
    va_list ap;
    va_start(ap, fmt);
    /* A token without text: CPython reports where its tokenizer stands, and no end. */
    if (t->flags & OURO_TOKF_NOCOL)
        record(p, kind, t->line, t->col, t->line, 0, fmt, ap);
    else
        record(p, kind, t->line, t->col + 1, t->end_line, t->end_col + 1, fmt, ap);
    va_end(ap);
    return NULL;
}

void *ouro_p_invalid(OuroParser *p)
{
    const OuroToken *t = &p->toks[p->maxpos];
    if (t->kind == OURO_TOK_INDENT || t->kind == OURO_TOK_DEDENT) {
        /* CPython blames the block structure itself, and no later error overrides it. */
        if (!p->quiet && !p->diag->kind)
            p->keep_error = true;
        return ouro_p_err_last(p, "IndentationError", t->kind == OURO_TOK_INDENT
                                                          ? "unexpected indent"
                                                          : "unexpected unindent");
    }
    return ouro_p_err_tok(p, t, "invalid syntax");
}

OuroToken *ouro_p_expect_forced(OuroParser *p, int kind)
{
    OuroToken *t = ouro_p_accept(p, kind);
    if (!t)
        ouro_p_err_tok(p, ouro_p_tok(p), "expected '%s'", ouro_tok_text(kind));
    return t;
}

OuroToken *ouro_p_expect(OuroParser *p, int kind)
{
    OuroToken *t = ouro_p_accept(p, kind);
    if (!t)
        ouro_p_invalid(p);
    return t;
}

/* Nesting overflow ends the whole parse, speculation included: backtracking out of it
 * and retrying would only overflow again (and could take exponential time). */
static void too_deep(OuroParser *p)
{
    p->failed = true;
    if (p->too_deep)
        return;
    p->too_deep = true;
    memset(p->diag, 0, sizeof *p->diag);
    ouro_diag_set(p->diag, "MemoryError", 0, 0, 0, 0, "%s", "");
}

static inline const char *frame_address(void)
{
    return __builtin_frame_address(0);
}

bool ouro_p_enter(OuroParser *p)
{
    if (p->too_deep) {
        p->failed = true;
        return false;
    }
    if (++p->depth > MAX_DEPTH || frame_address() < p->stack_floor) {
        p->depth--;
        too_deep(p);
        return false;
    }
    return true;
}

bool ouro_p_starts_expr(int kind)
{
    switch (kind) {
    case OURO_TOK_NAME: case OURO_TOK_NUMBER: case OURO_TOK_STRING: case OURO_TOK_LPAR:
    case OURO_TOK_LSQB: case OURO_TOK_LBRACE: case OURO_TOK_MINUS: case OURO_TOK_PLUS:
    case OURO_TOK_TILDE: case OURO_TOK_NOT: case OURO_TOK_LAMBDA: case OURO_TOK_TRUE:
    case OURO_TOK_FALSE: case OURO_TOK_NONE: case OURO_TOK_ELLIPSIS: case OURO_TOK_AWAIT:
        return true;
    default:
        return false;
    }
}

/* ---- nodes and lists ---- */

void *ouro_p_alloc(OuroParser *p, size_t size)
{
    void *m = ouro_arena_alloc(p->arena, size);
    if (!m && !p->failed) {
        p->failed = true;
        if (!p->diag->kind)
            ouro_diag_set(p->diag, "MemoryError", 0, 0, 0, 0, "out of memory");
    }
    return m;
}

OuroExpr *ouro_p_expr(OuroParser *p, OuroExprKind kind, OuroSpan span)
{
    OuroExpr *e = ouro_p_alloc(p, sizeof *e);
    if (e) {
        e->kind = kind;
        e->span = span;
    }
    return e;
}

OuroStmt *ouro_p_stmt(OuroParser *p, OuroStmtKind kind, OuroSpan span)
{
    OuroStmt *s = ouro_p_alloc(p, sizeof *s);
    if (s) {
        s->kind = kind;
        s->span = span;
    }
    return s;
}

const char *ouro_p_name(OuroParser *p, const OuroToken *t)
{
    char *s = ouro_arena_strndup(p->arena, t->start, t->len);
    if (!s)
        ouro_p_alloc(p, (size_t)1 << 62);   /* records the out-of-memory error */
    return s;
}

bool ouro_p_push(OuroParser *p, void *item)
{
    if (p->sp == p->scap) {
        int cap = p->scap ? p->scap * 2 : 256;
        void **n = realloc(p->stack, (size_t)cap * sizeof *n);
        if (!n) {
            ouro_p_alloc(p, (size_t)1 << 62);
            return false;
        }
        p->stack = n;
        p->scap = cap;
    }
    p->stack[p->sp++] = item;
    return true;
}

void **ouro_p_take(OuroParser *p, int mark, int *count)
{
    int n = p->sp - mark;
    *count = n;
    p->sp = mark;
    if (n <= 0) {
        *count = 0;
        return NULL;
    }
    void **items = ouro_p_alloc(p, (size_t)n * sizeof *items);
    if (items)
        memcpy(items, p->stack + mark, (size_t)n * sizeof *items);
    else
        *count = 0;
    return items;
}

/* ---- assignment targets ---- */

const char *ouro_p_expr_name(const OuroExpr *e)
{
    switch (e->kind) {
    case OURO_EXPR_ATTRIBUTE: return "attribute";
    case OURO_EXPR_SUBSCRIPT: return "subscript";
    case OURO_EXPR_STARRED: return "starred";
    case OURO_EXPR_NAME: return "name";
    case OURO_EXPR_LIST: return "list";
    case OURO_EXPR_TUPLE: return "tuple";
    case OURO_EXPR_LAMBDA: return "lambda";
    case OURO_EXPR_CALL: return "function call";
    case OURO_EXPR_BOOLOP: case OURO_EXPR_BINOP: case OURO_EXPR_UNARYOP: return "expression";
    case OURO_EXPR_GENERATOREXP: return "generator expression";
    case OURO_EXPR_YIELD: case OURO_EXPR_YIELDFROM: return "yield expression";
    case OURO_EXPR_LISTCOMP: return "list comprehension";
    case OURO_EXPR_SETCOMP: return "set comprehension";
    case OURO_EXPR_DICTCOMP: return "dict comprehension";
    case OURO_EXPR_DICT: return "dict literal";
    case OURO_EXPR_SET: return "set display";
    case OURO_EXPR_JOINEDSTR: case OURO_EXPR_FORMATTEDVALUE: return "f-string expression";
    case OURO_EXPR_CONSTANT:
        switch (e->u.constant.kind) {
        case OURO_CONST_NONE: return "None";
        case OURO_CONST_FALSE: return "False";
        case OURO_CONST_TRUE: return "True";
        case OURO_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case OURO_EXPR_COMPARE: return "comparison";
    case OURO_EXPR_IFEXP: return "conditional expression";
    case OURO_EXPR_NAMEDEXPR: return "named expression";
    default: return "expression";
    }
}

OuroExpr *ouro_p_invalid_target(OuroExpr *e, OuroTargetsKind kind)
{
    if (!e)
        return NULL;
    switch (e->kind) {
    case OURO_EXPR_LIST:
    case OURO_EXPR_TUPLE: {
        OuroExprList *l = e->kind == OURO_EXPR_LIST ? &e->u.list.elts : &e->u.tuple.elts;
        for (int i = 0; i < l->count; i++) {
            OuroExpr *bad = ouro_p_invalid_target(l->items[i], kind);
            if (bad)
                return bad;
        }
        return NULL;
    }
    case OURO_EXPR_STARRED:
        if (kind == OURO_TARGETS_DEL)
            return e;
        return ouro_p_invalid_target(e->u.starred.value, kind);
    case OURO_EXPR_COMPARE:
        /* `for a in b` can reach here as a comparison: look at its left side. */
        if (kind == OURO_TARGETS_FOR) {
            if (e->u.compare.ops[0] == OURO_CMP_IN)
                return ouro_p_invalid_target(e->u.compare.left, kind);
            return NULL;
        }
        return e;
    case OURO_EXPR_NAME:
    case OURO_EXPR_SUBSCRIPT:
    case OURO_EXPR_ATTRIBUTE:
        return NULL;
    default:
        return e;
    }
}

static void set_ctx(OuroExpr *e, OuroExprContext ctx)
{
    switch (e->kind) {
    case OURO_EXPR_NAME: e->u.name.ctx = ctx; break;
    case OURO_EXPR_ATTRIBUTE: e->u.attribute.ctx = ctx; break;
    case OURO_EXPR_SUBSCRIPT: e->u.subscript.ctx = ctx; break;
    case OURO_EXPR_STARRED:
        e->u.starred.ctx = ctx;
        set_ctx(e->u.starred.value, ctx);
        break;
    case OURO_EXPR_LIST:
        e->u.list.ctx = ctx;
        for (int i = 0; i < e->u.list.elts.count; i++)
            set_ctx(e->u.list.elts.items[i], ctx);
        break;
    case OURO_EXPR_TUPLE:
        e->u.tuple.ctx = ctx;
        for (int i = 0; i < e->u.tuple.elts.count; i++)
            set_ctx(e->u.tuple.elts.items[i], ctx);
        break;
    default:
        break;
    }
}

OuroExpr *ouro_p_set_target(OuroParser *p, OuroExpr *e, OuroTargetsKind kind)
{
    OuroExpr *bad = ouro_p_invalid_target(e, kind);
    if (bad)
        return ouro_p_err_span(p, bad->span, kind == OURO_TARGETS_DEL ? "cannot delete %s"
                                                                     : "cannot assign to %s",
                               ouro_p_expr_name(bad));
    set_ctx(e, kind == OURO_TARGETS_DEL ? OURO_CTX_DEL : OURO_CTX_STORE);
    return e;
}

/* ---- f-string replacement fields ---- */

OuroExpr *ouro_p_fstring_expr(OuroParser *p, const char *s, size_t n, int line, int col)
{
    char *text = ouro_arena_strndup(p->arena, s, n);
    if (!text)
        return ouro_p_alloc(p, (size_t)1 << 62);
    OuroLexInput in = { text, n, line, col, true, false };
    OuroTokens toks;
    int lexed = ouro_lex(&in, &toks);
    OuroParser q;
    memset(&q, 0, sizeof q);
    q.arena = p->arena;
    q.src = p->src;
    q.len = p->len;
    q.toks = toks.items;
    q.ntoks = toks.count;
    q.lex = &toks;
    q.diag = p->diag;
    q.quiet = p->quiet;
    q.level = 1;
    q.depth = p->depth;
    q.stack_floor = p->stack_floor;
    q.max_str_digits = p->max_str_digits;
    q.fexpr = true;
    q.fexpr_line = line;
    q.fexpr_col = col;
    q.fstring_nest = p->fstring_nest;
    OuroExpr *e = NULL;
    if (lexed < 0) {
        q.failed = true;
        if (!q.quiet && !q.diag->kind) {
            OuroDiag *d = q.diag;
            *d = toks.err;
            ouro_diag_prefix(d, "f-string: ");
            if (d->line == line && d->col > 0)
                d->col = d->col - col + 1;
            if (d->end_line == line && d->end_col > 0)
                d->end_col = d->end_col - col + 1;
            d->incomplete = false;
        }
    } else if (!q.toks || q.ntoks == 0) {
        q.failed = true;
    } else {
        OuroToken *first = ouro_p_tok(&q);
        if (first->kind == OURO_TOK_YIELD)
            e = ouro_p_yield_expr(&q);
        else
            e = ouro_p_star_expressions(&q);
        if (e && e->kind == OURO_EXPR_STARRED)
            e = ouro_p_err_span(&q, e->span, "cannot use starred expression here");
        if (e && ouro_p_kind(&q) != OURO_TOK_ENDMARKER)
            e = ouro_p_invalid(&q);
    }
    if (q.failed) {
        e = NULL;
        p->failed = true;
    }
    if (q.too_deep)
        too_deep(p);
    free(q.stack);
    ouro_tokens_free(&toks);
    return e;
}

/* ---- the entry point ---- */

/* CPython compiles text with universal newlines and an implied final newline. */
static const char *normalize(OuroArena *a, const char *src, size_t len, size_t *out_len,
                             bool *added)
{
    *added = false;
    *out_len = len;
    bool has_cr = memchr(src, '\r', len) != NULL;
    bool ends_nl = len == 0 || src[len - 1] == '\n';
    if (!has_cr && ends_nl)
        return src;
    char *b = ouro_arena_alloc(a, len + 2);
    if (!b)
        return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (src[i] == '\r') {
            b[n++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n')
                i++;
        } else {
            b[n++] = src[i];
        }
    }
    if (n == 0 || b[n - 1] != '\n') {
        b[n++] = '\n';
        *added = ends_nl ? false : true;
    }
    b[n] = '\0';
    *out_len = n;
    return b;
}

/* After a failed parse with a lexer error pending: which message CPython shows. */
static void lexer_error(OuroParser *p)
{
    OuroDiag *d = p->diag;
    *d = p->lex->err;
    d->incomplete = p->lex->incomplete;
    d->col = ouro_diag_char_col(p->src, p->len, d->line, d->col);
    d->end_col = ouro_diag_char_col(p->src, p->len, d->end_line, d->end_col);
}

static void resolve_errors(OuroParser *p)
{
    OuroTokens *lx = p->lex;
    OuroDiag *d = p->diag;
    const OuroToken *last = &p->toks[p->maxpos];
    if (lx->failed) {
        bool reached = p->maxfetch >= p->ntoks - 1;
        if (reached || !d->kind) {
            lexer_error(p);
            return;
        }
        if (p->keep_error)
            return;
        if (lx->paren_level > 0 && p->toks[p->maxfetch].line > lx->paren_line) {
            ouro_diag_set(d, "SyntaxError", lx->paren_line,
                          ouro_diag_char_col(p->src, p->len, lx->paren_line, lx->paren_col + 1),
                          lx->paren_line, 0, "'%c' was never closed", lx->paren_char);
            d->incomplete = lx->incomplete;
            return;
        }
        if (p->toks[p->ntoks - 1].kind == OURO_TOK_LEXERROR && !lx->weak)
            lexer_error(p);
        return;
    }
    if (!d->kind)
        ouro_p_invalid(p);
    d->incomplete = (last->flags & OURO_TOKF_EOF) != 0;
}

/* The lowest address the C stack may reach: budget bytes below the caller's frame
 * (saturating: a budget larger than the address space below means no bound). */
static const char *stack_floor(size_t budget)
{
    uintptr_t here = (uintptr_t)frame_address();
    return (const char *)(here > budget ? here - budget : 0);
}

OuroModuleAST *ouro_parse(OuroArena *a, const char *src, size_t len, OuroCompileMode mode,
                          OuroDiag *diag)
{
    return ouro_parse_budget(a, src, len, mode, diag, OURO_PARSE_STACK_BUDGET,
                             OURO_PARSE_MAX_STR_DIGITS);
}

OuroModuleAST *ouro_parse_budget(OuroArena *a, const char *src, size_t len,
                                 OuroCompileMode mode, OuroDiag *diag, size_t stack_budget,
                                 int max_str_digits)
{
    memset(diag, 0, sizeof *diag);
    size_t n;
    bool added;
    const char *buf = normalize(a, src, len, &n, &added);
    if (!buf) {
        ouro_diag_set(diag, "MemoryError", 0, 0, 0, 0, "out of memory");
        return NULL;
    }
    OuroLexInput in = { buf, n, 1, 0, false, added };
    OuroTokens toks;
    ouro_lex(&in, &toks);
    if (toks.count == 0) {
        *diag = toks.err;
        ouro_tokens_free(&toks);
        return NULL;
    }
    OuroParser p;
    memset(&p, 0, sizeof p);
    p.arena = a;
    p.src = buf;
    p.len = n;
    p.toks = toks.items;
    p.ntoks = toks.count;
    p.lex = &toks;
    p.diag = diag;
    p.stack_floor = stack_floor(stack_budget);
    p.max_str_digits = max_str_digits;
    OuroModuleAST *m = mode == OURO_MODE_EVAL     ? ouro_p_eval(&p)
                       : mode == OURO_MODE_SINGLE ? ouro_p_interactive(&p)
                                                  : ouro_p_file(&p);
    if (p.too_deep) {
        m = NULL;                     /* the MemoryError stands: CPython stops right there */
    } else if (!m || p.failed) {
        m = NULL;
        p.failed = true;
        resolve_errors(&p);
    }
    free(p.stack);
    ouro_tokens_free(&toks);
    return m;
}
