/* compiler/parser.h — the parser's internal interface, shared by parser.c (core, errors,
 * targets), parser_expr.c, parser_stmt.c and parser_str.c. Not for use outside the
 * compiler front end: the public entry is ouro_parse in compiler/compiler.h.
 * Every rule function returns its node, or NULL with p->failed set (the first error is
 * recorded in p->diag unless the parser is speculating, p->quiet > 0). */
#ifndef OURO_COMPILER_PARSER_H
#define OURO_COMPILER_PARSER_H

#include <stdio.h>

#include "compiler/lexer.h"

typedef struct OuroParser {
    OuroArena *arena;
    const char *src;                  /* the whole source: byte -> character columns */
    size_t len;
    OuroToken *toks;
    int ntoks;
    int pos;                          /* current token */
    int maxpos;                       /* furthest token looked at by the "first pass" */
    int maxfetch;                     /* furthest token looked at at all (CPython's fill - 1) */
    int no_invalid;                   /* > 0: CPython's *_without_invalid rules */
    OuroTokens *lex;                  /* the token array and the lexer's error, if any */
    OuroDiag *diag;
    bool failed;
    bool keep_error;                  /* "unexpected indent": a lexer error does not win */
    int quiet;                        /* > 0 while speculating: record no diagnostic */
    int level;                        /* open brackets around the current token */
    int depth;                        /* rule recursion, bounded */
    /* The C stack may not grow below this address (ouro_p_enter checks it). */
    const char *stack_floor;
    bool too_deep;                    /* sticky: nesting overflowed, the parse is abandoned */
    int max_str_digits;               /* decimal literal digit limit (0: none) */
    /* A replacement field of an f-string is parsed by a sub-parser over its own tokens. */
    bool fexpr;
    int fexpr_line, fexpr_col;        /* where the field's expression starts */
    int fstring_nest;                 /* format-spec nesting (at most 2) */
    /* Scratch stack where lists are built before being copied into the arena. */
    void **stack;
    int sp, scap;
} OuroParser;

/* ---- tokens ---- */

static inline OuroToken *ouro_p_tok(OuroParser *p)
{
    if (p->pos > p->maxpos)
        p->maxpos = p->pos;
    if (p->pos > p->maxfetch)
        p->maxfetch = p->pos;
    return &p->toks[p->pos];
}

static inline int ouro_p_kind(OuroParser *p)
{
    return ouro_p_tok(p)->kind;
}

/* The token n places ahead (clamped to the last one). */
static inline OuroToken *ouro_p_peek(OuroParser *p, int n)
{
    int i = p->pos + n;
    if (i >= p->ntoks)
        i = p->ntoks - 1;
    if (i > p->maxpos)
        p->maxpos = i;
    if (i > p->maxfetch)
        p->maxfetch = i;
    return &p->toks[i];
}

static inline OuroToken *ouro_p_next(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (p->pos < p->ntoks - 1)
        p->pos++;
    return t;
}

static inline OuroToken *ouro_p_accept(OuroParser *p, int kind)
{
    return ouro_p_kind(p) == kind ? ouro_p_next(p) : NULL;
}

/* The last token consumed. */
static inline OuroToken *ouro_p_prev(OuroParser *p)
{
    return &p->toks[p->pos > 0 ? p->pos - 1 : 0];
}

static inline OuroSpan ouro_span_tok(const OuroToken *t)
{
    return (OuroSpan){ t->line, t->col, t->end_line, t->end_col };
}

static inline OuroSpan ouro_span_join(OuroSpan a, OuroSpan b)
{
    return (OuroSpan){ a.line, a.col, b.end_line, b.end_col };
}

/* From a's start to the end of the last consumed token. */
static inline OuroSpan ouro_p_span_from(OuroParser *p, OuroSpan a)
{
    OuroToken *t = ouro_p_prev(p);
    return (OuroSpan){ a.line, a.col, t->end_line, t->end_col };
}

/* From token start_pos to the end of the last consumed token: CPython's node extent
 * (it includes the brackets of a parenthesized first or last operand). */
static inline OuroSpan ouro_p_span_at(OuroParser *p, int start_pos)
{
    const OuroToken *a = &p->toks[start_pos], *b = ouro_p_prev(p);
    return (OuroSpan){ a->line, a->col, b->end_line, b->end_col };
}

/* Can this token begin an expression? (for "Perhaps you forgot a comma?") */
bool ouro_p_starts_expr(int kind);

/* ---- errors (parser.c); all return NULL so rules can `return ouro_p_err...` ---- */

/* At a token (CPython's RAISE_SYNTAX_ERROR_KNOWN_LOCATION). */
void *ouro_p_err_tok(OuroParser *p, const OuroToken *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Over a node's span, or from a's start to b's end. */
void *ouro_p_err_span(OuroParser *p, OuroSpan s, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void *ouro_p_err_range(OuroParser *p, OuroSpan a, OuroSpan b, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* At the furthest token looked at (CPython's RAISE_SYNTAX_ERROR / RAISE_INDENTATION_ERROR). */
void *ouro_p_err_last(OuroParser *p, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "invalid syntax" at the furthest token looked at. */
void *ouro_p_invalid(OuroParser *p);
/* Fails with "expected 'x'" at the current token unless it is `kind` (a forced token). */
OuroToken *ouro_p_expect_forced(OuroParser *p, int kind);
/* Consumes `kind` or fails with "invalid syntax". */
OuroToken *ouro_p_expect(OuroParser *p, int kind);
/* Depth guard around recursive rules: returns false (and fails) when too deep. */
bool ouro_p_enter(OuroParser *p);
static inline void ouro_p_leave(OuroParser *p) { p->depth--; }

/* Speculative parsing: errors are not recorded and the position can be restored. */
typedef struct { int pos, sp, level, maxpos; } OuroPMark;
static inline OuroPMark ouro_p_mark(OuroParser *p)
{
    p->quiet++;
    return (OuroPMark){ p->pos, p->sp, p->level, p->maxpos };
}

/* Ends a look-ahead that emulates CPython's second (error-reporting) pass: the generic
 * "invalid syntax" position stays where the first pass stopped. */
static inline void ouro_p_unmark_second(OuroParser *p, OuroPMark m)
{
    p->quiet--;
    p->pos = m.pos;
    p->sp = m.sp;
    p->level = m.level;
    p->failed = false;
    p->maxpos = m.maxpos;
}
/* Ends speculation; rewinds when `rewind` (or when the attempt failed). */
static inline void ouro_p_unmark(OuroParser *p, OuroPMark m, bool rewind)
{
    p->quiet--;
    if (rewind || p->failed) {
        p->pos = m.pos;
        p->sp = m.sp;
        p->level = m.level;
        p->failed = false;
    }
}

/* ---- nodes and lists (parser.c) ---- */

OuroExpr *ouro_p_expr(OuroParser *p, OuroExprKind kind, OuroSpan span);
OuroStmt *ouro_p_stmt(OuroParser *p, OuroStmtKind kind, OuroSpan span);
void *ouro_p_alloc(OuroParser *p, size_t size);
const char *ouro_p_name(OuroParser *p, const OuroToken *t);   /* arena copy of a NAME */
bool ouro_p_push(OuroParser *p, void *item);
void **ouro_p_take(OuroParser *p, int mark, int *count);      /* pops [mark, sp) */

static inline OuroExprList ouro_p_exprs(OuroParser *p, int mark)
{
    OuroExprList l;
    l.items = (OuroExpr **)ouro_p_take(p, mark, &l.count);
    return l;
}

static inline OuroStmtList ouro_p_stmts(OuroParser *p, int mark)
{
    OuroStmtList l;
    l.items = (OuroStmt **)ouro_p_take(p, mark, &l.count);
    return l;
}

/* ---- assignment targets (parser.c) ---- */

typedef enum { OURO_TARGETS_STAR, OURO_TARGETS_FOR, OURO_TARGETS_DEL } OuroTargetsKind;

/* CPython's _PyPegen_get_expr_name: "function call", "literal", ... */
const char *ouro_p_expr_name(const OuroExpr *e);
/* The first sub-expression that cannot be a target, or NULL (_PyPegen_get_invalid_target). */
OuroExpr *ouro_p_invalid_target(OuroExpr *e, OuroTargetsKind kind);
/* Sets ctx on a valid target tree; on an invalid one fails with "cannot assign to X" or
 * "cannot delete X". Returns e or NULL. */
OuroExpr *ouro_p_set_target(OuroParser *p, OuroExpr *e, OuroTargetsKind kind);

/* ---- expressions (parser_expr.c) ---- */

OuroExpr *ouro_p_expression(OuroParser *p);            /* expression */
OuroExpr *ouro_p_named_expression(OuroParser *p);      /* named_expression */
OuroExpr *ouro_p_disjunction(OuroParser *p);
OuroExpr *ouro_p_bitwise_or(OuroParser *p);
OuroExpr *ouro_p_star_expressions(OuroParser *p);      /* a, *b, c -> Tuple */
OuroExpr *ouro_p_star_expression(OuroParser *p);       /* '*' bitwise_or | expression */
OuroExpr *ouro_p_yield_expr(OuroParser *p);            /* at 'yield' */
OuroExpr *ouro_p_star_targets(OuroParser *p, OuroTargetsKind kind, bool single);
/* The targets of `for ... in` (validated, Store context), stopping before 'in'. */
OuroExpr *ouro_p_for_targets(OuroParser *p);
OuroArguments *ouro_p_parameters(OuroParser *p, bool lambda);
/* `e` (starting at token e_pos) is followed by '=' where no assignment can be: raises
 * CPython's "Maybe you meant '=='" message and returns true when it applies. */
bool ouro_p_misused_equal(OuroParser *p, OuroExpr *e, int e_pos);
/* Call arguments after '(' up to and including ')'. */
bool ouro_p_call_args(OuroParser *p, OuroExprList *args, OuroKeywordList *keywords);

/* ---- literals (parser_str.c) ---- */

OuroExpr *ouro_p_number(OuroParser *p, const OuroToken *t);
OuroExpr *ouro_p_strings(OuroParser *p);               /* at a run of STRING tokens */

/* ---- statements and entry points (parser_stmt.c) ---- */

OuroModuleAST *ouro_p_file(OuroParser *p);
OuroModuleAST *ouro_p_interactive(OuroParser *p);
OuroModuleAST *ouro_p_eval(OuroParser *p);

/* Parses an f-string replacement field's expression text [s, s+n) found at line/col of
 * the source (parser.c): returns the expression or NULL with the error recorded. */
OuroExpr *ouro_p_fstring_expr(OuroParser *p, const char *s, size_t n, int line, int col);

/* ouro_parse with a bound on the C stack the parser may use (ouro_compile passes what the
 * VM has left; ouro_parse allows OURO_PARSE_STACK_BUDGET) and the digit limit of decimal
 * literals (sys.set_int_max_str_digits(); ouro_parse uses CPython's default, 4300; 0 means
 * none). Past the stack budget, or past CPython's parser depth, the parse fails with a
 * MemoryError diagnostic as CPython's does. */
#define OURO_PARSE_STACK_BUDGET ((size_t)4 << 20)
#define OURO_PARSE_MAX_STR_DIGITS 4300
OuroModuleAST *ouro_parse_budget(OuroArena *a, const char *src, size_t len,
                                 OuroCompileMode mode, OuroDiag *diag, size_t stack_budget,
                                 int max_str_digits);

/* ---- debugging (ast_dump.c) ---- */

/* Writes the AST like Python's ast.dump(tree[, include_attributes=True]). */
void ouro_ast_dump(OuroModuleAST *m, FILE *out);
void ouro_ast_dump_ex(OuroModuleAST *m, FILE *out, bool attributes);

#endif
