/* compiler/parser_stmt.c — statements and the three entry rules (file, interactive,
 * eval): simple statements with assignment-target checks, blocks with CPython's
 * "expected an indented block after ..." messages, compound statements (if/while/for/
 * try/with/def/class, decorators) and imports. Expressions come from parser_expr.c. */
#include <string.h>

#include "compiler/parser.h"

static bool statement(OuroParser *p);
static bool simple_stmts(OuroParser *p);

static OuroSpan block_span(OuroSpan start, OuroStmtList l)
{
    return l.count ? ouro_span_join(start, l.items[l.count - 1]->span) : start;
}

/* ':' then a block: NEWLINE INDENT statements DEDENT, or simple statements on the line.
 * `what` and `line` name the header for "expected an indented block after ...". */
static bool block(OuroParser *p, OuroStmtList *out, const char *what, int line)
{
    int mark = p->sp;
    if (ouro_p_accept(p, OURO_TOK_NEWLINE)) {
        if (ouro_p_kind(p) != OURO_TOK_INDENT)
            return ouro_p_err_last(p, "IndentationError",
                                   "expected an indented block after %s on line %d", what, line),
                   false;
        ouro_p_next(p);
        while (ouro_p_kind(p) != OURO_TOK_DEDENT && ouro_p_kind(p) != OURO_TOK_ENDMARKER)
            if (!statement(p))
                return false;
        if (!ouro_p_expect(p, OURO_TOK_DEDENT))
            return false;
    } else if (!simple_stmts(p)) {
        return false;
    }
    *out = ouro_p_stmts(p, mark);
    return !p->failed;
}

/* A ':' that CPython only explains when the line ends there ("expected ':'"). */
static bool header_colon(OuroParser *p)
{
    if (ouro_p_accept(p, OURO_TOK_COLON))
        return true;
    if (ouro_p_kind(p) == OURO_TOK_NEWLINE)
        return ouro_p_err_last(p, "SyntaxError", "expected ':'"), false;
    return ouro_p_invalid(p), false;
}

/* ---- simple statements ---- */

static bool is_augassign(int kind, OuroOperator *op)
{
    switch (kind) {
    case OURO_TOK_PLUSEQUAL: *op = OURO_OP_ADD; return true;
    case OURO_TOK_MINEQUAL: *op = OURO_OP_SUB; return true;
    case OURO_TOK_STAREQUAL: *op = OURO_OP_MULT; return true;
    case OURO_TOK_ATEQUAL: *op = OURO_OP_MATMULT; return true;
    case OURO_TOK_SLASHEQUAL: *op = OURO_OP_DIV; return true;
    case OURO_TOK_PERCENTEQUAL: *op = OURO_OP_MOD; return true;
    case OURO_TOK_AMPEREQUAL: *op = OURO_OP_BITAND; return true;
    case OURO_TOK_VBAREQUAL: *op = OURO_OP_BITOR; return true;
    case OURO_TOK_CIRCUMFLEXEQUAL: *op = OURO_OP_BITXOR; return true;
    case OURO_TOK_LEFTSHIFTEQUAL: *op = OURO_OP_LSHIFT; return true;
    case OURO_TOK_RIGHTSHIFTEQUAL: *op = OURO_OP_RSHIFT; return true;
    case OURO_TOK_DOUBLESTAREQUAL: *op = OURO_OP_POW; return true;
    case OURO_TOK_DOUBLESLASHEQUAL: *op = OURO_OP_FLOORDIV; return true;
    default: return false;
    }
}

static OuroExpr *rhs(OuroParser *p)
{
    return ouro_p_kind(p) == OURO_TOK_YIELD ? ouro_p_yield_expr(p) : ouro_p_star_expressions(p);
}

/* Token index where expression e starts, searching from `from`. */
static int token_at(OuroParser *p, int from, const OuroExpr *e)
{
    for (int i = from; i < p->ntoks; i++)
        if (p->toks[i].line == e->span.line && p->toks[i].col == e->span.col)
            return i;
    return from;
}

/* A bare (unparenthesized) tuple starts where its first element starts. */
static bool bare_tuple(const OuroExpr *e)
{
    return e->kind == OURO_EXPR_TUPLE && e->u.tuple.elts.count > 0 &&
           e->u.tuple.elts.items[0]->span.line == e->span.line &&
           e->u.tuple.elts.items[0]->span.col == e->span.col;
}

/* Target t stands before an '=' at the current token (index i among the statement's
 * targets): CPython's invalid_assignment messages, checked as soon as the '=' is seen. */
static bool check_target(OuroParser *p, OuroExpr *t, int i, int start_pos)
{
    if (t->kind == OURO_EXPR_YIELD || t->kind == OURO_EXPR_YIELDFROM)
        return ouro_p_err_span(p, t->span, "assignment to yield expression not possible"), false;
    OuroExpr *bad = ouro_p_invalid_target(t, OURO_TARGETS_STAR);
    if (!bad)
        return true;
    if (i == 0) {
        /* CPython first reads the statement as an expression and explains a '=' right
         * after its last element (invalid_named_expression). */
        OuroExpr *last = bare_tuple(t) ? t->u.tuple.elts.items[t->u.tuple.elts.count - 1] : t;
        if (ouro_p_misused_equal(p, last, token_at(p, start_pos, last)) || p->failed)
            return false;
    }
    return ouro_p_err_span(p, bad->span, "cannot assign to %s", ouro_p_expr_name(bad)), false;
}

static OuroStmt *assignment(OuroParser *p, OuroExpr *first, int start_pos)
{
    int mark = p->sp;
    OuroExpr *value = first;
    while (ouro_p_kind(p) == OURO_TOK_EQUAL) {
        if (!check_target(p, value, p->sp - mark, start_pos) || !ouro_p_push(p, value))
            return NULL;
        ouro_p_next(p);
        if (!(value = rhs(p)))
            return NULL;
    }
    for (int i = mark; i < p->sp; i++)
        ouro_p_set_target(p, p->stack[i], OURO_TARGETS_STAR);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_ASSIGN, ouro_p_span_at(p, start_pos));
    if (!s)
        return NULL;
    s->u.assign.targets = ouro_p_exprs(p, mark);
    s->u.assign.value = value;
    return s;
}

static OuroStmt *augassign(OuroParser *p, OuroExpr *target, OuroOperator op, int start_pos)
{
    if (target->kind != OURO_EXPR_NAME && target->kind != OURO_EXPR_ATTRIBUTE &&
        target->kind != OURO_EXPR_SUBSCRIPT)
        return ouro_p_err_span(p, target->span,
                               "'%s' is an illegal expression for augmented assignment",
                               ouro_p_expr_name(target));
    ouro_p_next(p);
    OuroExpr *value = rhs(p);
    if (!value)
        return NULL;
    ouro_p_set_target(p, target, OURO_TARGETS_STAR);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_AUGASSIGN, ouro_p_span_at(p, start_pos));
    if (s) {
        s->u.augassign.target = target;
        s->u.augassign.op = op;
        s->u.augassign.value = value;
    }
    return s;
}

static OuroStmt *annassign(OuroParser *p, OuroExpr *target, int start_pos)
{
    const OuroToken *t0 = &p->toks[start_pos];
    bool simple = target->kind == OURO_EXPR_NAME && t0->kind == OURO_TOK_NAME &&
                  t0->col == target->span.col && t0->line == target->span.line;
    bool single = target->kind == OURO_EXPR_NAME || target->kind == OURO_EXPR_ATTRIBUTE ||
                  target->kind == OURO_EXPR_SUBSCRIPT;
    if (!single) {
        /* CPython explains a bad target only when an annotation follows the ':'. */
        OuroToken *colon = ouro_p_tok(p);
        OuroPMark m = ouro_p_mark(p);
        ouro_p_next(p);
        OuroExpr *ann = ouro_p_expression(p);
        ouro_p_unmark_second(p, m);
        if (!ann)
            return ouro_p_err_tok(p, colon, "invalid syntax");
    }
    if (bare_tuple(target))
        return ouro_p_err_span(p, target->u.tuple.elts.items[0]->span,
                               "only single target (not tuple) can be annotated");
    if (target->kind == OURO_EXPR_TUPLE || target->kind == OURO_EXPR_LIST)
        return ouro_p_err_span(p, target->span, "only single target (not %s) can be annotated",
                               target->kind == OURO_EXPR_LIST ? "list" : "tuple");
    if (target->kind != OURO_EXPR_NAME && target->kind != OURO_EXPR_ATTRIBUTE &&
        target->kind != OURO_EXPR_SUBSCRIPT)
        return ouro_p_err_span(p, target->span, "illegal target for annotation");
    ouro_p_next(p);
    OuroExpr *ann = ouro_p_expression(p), *value = NULL;
    if (!ann)
        return NULL;
    if (ouro_p_accept(p, OURO_TOK_EQUAL) && !(value = rhs(p)))
        return NULL;
    ouro_p_set_target(p, target, OURO_TARGETS_STAR);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_ANNASSIGN, ouro_p_span_at(p, start_pos));
    if (s) {
        s->u.annassign.target = target;
        s->u.annassign.annotation = ann;
        s->u.annassign.value = value;
        s->u.annassign.simple = simple;
    }
    return s;
}

static OuroStmt *expr_stmt(OuroParser *p)
{
    int start_pos = p->pos;
    OuroExpr *first = rhs(p);
    if (!first)
        return NULL;
    OuroOperator op;
    int k = ouro_p_kind(p);
    if (k == OURO_TOK_EQUAL)
        return assignment(p, first, start_pos);
    if (is_augassign(k, &op))
        return augassign(p, first, op, start_pos);
    if (k == OURO_TOK_COLON)
        return annassign(p, first, start_pos);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_EXPR, ouro_p_span_at(p, start_pos));
    if (s)
        s->u.expr.value = first;
    return s;
}

static bool starts_star_expr(OuroParser *p)
{
    int k = ouro_p_kind(p);
    return ouro_p_starts_expr(k) || k == OURO_TOK_STAR;
}

static OuroStmt *del_stmt(OuroParser *p, OuroToken *kw)
{
    int mark = p->sp;
    do {
        if (!starts_star_expr(p))
            break;
        OuroExpr *t = ouro_p_star_expression(p);
        if (!t || !ouro_p_set_target(p, t, OURO_TARGETS_DEL) || !ouro_p_push(p, t))
            return NULL;
    } while (ouro_p_accept(p, OURO_TOK_COMMA));
    int k = ouro_p_kind(p);
    if (p->sp == mark || (k != OURO_TOK_SEMI && k != OURO_TOK_NEWLINE))
        return ouro_p_invalid(p);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_DELETE, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (s)
        s->u.delete_.targets = ouro_p_exprs(p, mark);
    return s;
}

static OuroStmt *names_stmt(OuroParser *p, OuroToken *kw, OuroStmtKind kind)
{
    int mark = p->sp;
    do {
        OuroToken *t = ouro_p_expect(p, OURO_TOK_NAME);
        const char *name = t ? ouro_p_name(p, t) : NULL;
        if (!name || !ouro_p_push(p, (void *)name))
            return NULL;
    } while (ouro_p_accept(p, OURO_TOK_COMMA));
    OuroStmt *s = ouro_p_stmt(p, kind, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (!s)
        return NULL;
    OuroNameList l;
    l.items = (const char **)ouro_p_take(p, mark, &l.count);
    if (kind == OURO_STMT_GLOBAL)
        s->u.global.names = l;
    else
        s->u.nonlocal.names = l;
    return s;
}

/* NAME ('.' NAME)* as one arena string. */
static const char *dotted_name(OuroParser *p)
{
    OuroToken *first = ouro_p_expect(p, OURO_TOK_NAME);
    if (!first)
        return NULL;
    size_t n = first->len;
    int count = 1;
    while (ouro_p_kind(p) == OURO_TOK_DOT && ouro_p_peek(p, 1)->kind == OURO_TOK_NAME) {
        ouro_p_next(p);
        n += 1 + ouro_p_next(p)->len;
        count++;
    }
    if (ouro_p_kind(p) == OURO_TOK_DOT) {
        ouro_p_next(p);
        return ouro_p_invalid(p);     /* `import a.` */
    }
    char *s = ouro_p_alloc(p, n + 1);
    if (!s)
        return NULL;
    size_t k = 0;
    for (OuroToken *t = first; count > 0; t++) {
        if (t->kind == OURO_TOK_DOT) {
            s[k++] = '.';
            continue;
        }
        memcpy(s + k, t->start, t->len);
        k += t->len;
        count--;
    }
    s[k] = '\0';
    return s;
}

static OuroAlias *alias(OuroParser *p, bool dotted)
{
    OuroToken *start = ouro_p_tok(p);
    OuroAlias *a = ouro_p_alloc(p, sizeof *a);
    if (!a)
        return NULL;
    if (dotted) {
        a->name = dotted_name(p);
    } else {
        OuroToken *t = ouro_p_expect(p, OURO_TOK_NAME);
        a->name = t ? ouro_p_name(p, t) : NULL;
    }
    if (!a->name)
        return NULL;
    if (ouro_p_accept(p, OURO_TOK_AS)) {
        OuroToken *t = ouro_p_expect(p, OURO_TOK_NAME);
        if (!t || !(a->asname = ouro_p_name(p, t)))
            return NULL;
    }
    a->span = ouro_p_span_from(p, ouro_span_tok(start));
    return a;
}

static OuroStmt *import_name(OuroParser *p, OuroToken *kw)
{
    int mark = p->sp;
    do {
        OuroAlias *a = alias(p, true);
        if (!a || !ouro_p_push(p, a))
            return NULL;
    } while (ouro_p_accept(p, OURO_TOK_COMMA));
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_IMPORT, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (s)
        s->u.import.names.items = (OuroAlias **)ouro_p_take(p, mark, &s->u.import.names.count);
    return s;
}

static OuroStmt *import_from(OuroParser *p, OuroToken *kw)
{
    int level = 0;
    for (;;) {
        if (ouro_p_accept(p, OURO_TOK_DOT))
            level++;
        else if (ouro_p_accept(p, OURO_TOK_ELLIPSIS))
            level += 3;
        else
            break;
    }
    const char *module = NULL;
    if (ouro_p_kind(p) != OURO_TOK_IMPORT || level == 0)
        if (!(module = dotted_name(p)))
            return NULL;
    if (!ouro_p_expect(p, OURO_TOK_IMPORT))
        return NULL;
    int mark = p->sp;
    OuroToken *star = ouro_p_accept(p, OURO_TOK_STAR);
    if (star) {
        OuroAlias *a = ouro_p_alloc(p, sizeof *a);
        if (!a || !ouro_p_push(p, a))
            return NULL;
        a->name = "*";
        a->span = ouro_span_tok(star);
    } else {
        bool paren = ouro_p_accept(p, OURO_TOK_LPAR) != NULL;
        p->level += paren;
        do {
            if (paren && ouro_p_kind(p) == OURO_TOK_RPAR && p->sp > mark)
                break;
            if (!paren && ouro_p_kind(p) == OURO_TOK_NEWLINE && p->sp > mark)
                return ouro_p_err_last(p, "SyntaxError",
                                       "trailing comma not allowed without surrounding parentheses");
            OuroAlias *a = alias(p, false);
            if (!a || !ouro_p_push(p, a))
                return NULL;
        } while (ouro_p_accept(p, OURO_TOK_COMMA));
        if (paren && !ouro_p_expect(p, OURO_TOK_RPAR))
            return NULL;
        p->level -= paren;
    }
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_IMPORTFROM, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (!s)
        return NULL;
    s->u.importfrom.module = module;
    s->u.importfrom.level = level;
    s->u.importfrom.names.items = (OuroAlias **)ouro_p_take(p, mark, &s->u.importfrom.names.count);
    return s;
}

static OuroStmt *simple_stmt(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    OuroStmt *s;
    switch (t->kind) {
    case OURO_TOK_PASS:
        ouro_p_next(p);
        return ouro_p_stmt(p, OURO_STMT_PASS, ouro_span_tok(t));
    case OURO_TOK_BREAK:
        ouro_p_next(p);
        return ouro_p_stmt(p, OURO_STMT_BREAK, ouro_span_tok(t));
    case OURO_TOK_CONTINUE:
        ouro_p_next(p);
        return ouro_p_stmt(p, OURO_STMT_CONTINUE, ouro_span_tok(t));
    case OURO_TOK_RETURN: {
        ouro_p_next(p);
        OuroExpr *v = NULL;
        if (starts_star_expr(p) && !(v = ouro_p_star_expressions(p)))
            return NULL;
        s = ouro_p_stmt(p, OURO_STMT_RETURN, ouro_p_span_from(p, ouro_span_tok(t)));
        if (s)
            s->u.return_.value = v;
        return s;
    }
    case OURO_TOK_RAISE: {
        ouro_p_next(p);
        OuroExpr *exc = NULL, *cause = NULL;
        if (ouro_p_starts_expr(ouro_p_kind(p))) {
            if (!(exc = ouro_p_expression(p)))
                return NULL;
            if (ouro_p_accept(p, OURO_TOK_FROM) && !(cause = ouro_p_expression(p)))
                return NULL;
        }
        s = ouro_p_stmt(p, OURO_STMT_RAISE, ouro_p_span_from(p, ouro_span_tok(t)));
        if (s) {
            s->u.raise.exc = exc;
            s->u.raise.cause = cause;
        }
        return s;
    }
    case OURO_TOK_GLOBAL:
        ouro_p_next(p);
        return names_stmt(p, t, OURO_STMT_GLOBAL);
    case OURO_TOK_NONLOCAL:
        ouro_p_next(p);
        return names_stmt(p, t, OURO_STMT_NONLOCAL);
    case OURO_TOK_DEL:
        ouro_p_next(p);
        return del_stmt(p, t);
    case OURO_TOK_ASSERT: {
        ouro_p_next(p);
        OuroExpr *test = ouro_p_expression(p), *msg = NULL;
        if (!test)
            return NULL;
        if (ouro_p_accept(p, OURO_TOK_COMMA) && !(msg = ouro_p_expression(p)))
            return NULL;
        s = ouro_p_stmt(p, OURO_STMT_ASSERT, ouro_p_span_from(p, ouro_span_tok(t)));
        if (s) {
            s->u.assert_.test = test;
            s->u.assert_.msg = msg;
        }
        return s;
    }
    case OURO_TOK_IMPORT:
        ouro_p_next(p);
        return import_name(p, t);
    case OURO_TOK_FROM:
        ouro_p_next(p);
        return import_from(p, t);
    default:
        return expr_stmt(p);
    }
}

/* simple_stmt (';' simple_stmt)* [';'] NEWLINE, each statement pushed on the stack. */
static bool simple_stmts(OuroParser *p)
{
    for (;;) {
        OuroStmt *s = simple_stmt(p);
        if (!s || !ouro_p_push(p, s))
            return false;
        if (ouro_p_accept(p, OURO_TOK_SEMI)) {
            if (ouro_p_accept(p, OURO_TOK_NEWLINE))
                return true;
            continue;
        }
        if (!ouro_p_accept(p, OURO_TOK_NEWLINE))
            return ouro_p_invalid(p), false;
        return true;
    }
}

/* ---- compound statements ---- */

static OuroStmt *if_stmt(OuroParser *p, OuroToken *kw, const char *what)
{
    ouro_p_next(p);
    OuroExpr *test = ouro_p_named_expression(p);
    if (!test || !header_colon(p))
        return NULL;
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_IF, ouro_span_tok(kw));
    int line = strcmp(what, "'if' statement") == 0 ? test->span.line : kw->line;
    if (!s || !block(p, &s->u.if_.body, what, line))
        return NULL;
    s->u.if_.test = test;
    OuroSpan end = block_span(s->span, s->u.if_.body);
    OuroToken *t = ouro_p_tok(p);
    if (t->kind == OURO_TOK_ELIF) {
        if (!ouro_p_enter(p))         /* an elif chain nests: bound it */
            return NULL;
        OuroStmt *elif = if_stmt(p, t, "'elif' statement");
        ouro_p_leave(p);
        int mark = p->sp;
        if (!elif || !ouro_p_push(p, elif))
            return NULL;
        s->u.if_.orelse = ouro_p_stmts(p, mark);
        end = elif->span;
    } else if (t->kind == OURO_TOK_ELSE) {
        ouro_p_next(p);
        if (!ouro_p_expect_forced(p, OURO_TOK_COLON) ||
            !block(p, &s->u.if_.orelse, "'else' statement", t->line))
            return NULL;
        end = block_span(end, s->u.if_.orelse);
    }
    s->span = ouro_span_join(s->span, end);
    return s;
}

/* An optional `else:` block of a loop or try. */
static bool else_block(OuroParser *p, OuroStmtList *out)
{
    OuroToken *t = ouro_p_accept(p, OURO_TOK_ELSE);
    if (!t)
        return true;
    return ouro_p_expect_forced(p, OURO_TOK_COLON) && block(p, out, "'else' statement", t->line);
}

static OuroStmt *while_stmt(OuroParser *p, OuroToken *kw)
{
    ouro_p_next(p);
    OuroExpr *test = ouro_p_named_expression(p);
    OuroStmt *s = test && header_colon(p) ? ouro_p_stmt(p, OURO_STMT_WHILE, ouro_span_tok(kw)) : NULL;
    if (!s || !block(p, &s->u.while_.body, "'while' statement", kw->line))
        return NULL;
    s->u.while_.test = test;
    OuroSpan end = block_span(s->span, s->u.while_.body);
    if (!else_block(p, &s->u.while_.orelse))
        return NULL;
    s->span = block_span(end, s->u.while_.orelse);
    return s;
}

static OuroStmt *for_stmt(OuroParser *p, OuroToken *kw)
{
    ouro_p_next(p);
    OuroExpr *target = ouro_p_for_targets(p);
    if (!target || !ouro_p_expect(p, OURO_TOK_IN))
        return NULL;
    OuroExpr *iter = ouro_p_star_expressions(p);
    if (!iter || !header_colon(p))
        return NULL;
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_FOR, ouro_span_tok(kw));
    if (!s || !block(p, &s->u.for_.body, "'for' statement", kw->line))
        return NULL;
    s->u.for_.target = target;
    s->u.for_.iter = iter;
    OuroSpan end = block_span(s->span, s->u.for_.body);
    if (!else_block(p, &s->u.for_.orelse))
        return NULL;
    s->span = block_span(end, s->u.for_.orelse);
    return s;
}

static OuroWithItem *with_item(OuroParser *p)
{
    OuroWithItem *w = ouro_p_alloc(p, sizeof *w);
    if (!w || !(w->context_expr = ouro_p_expression(p)))
        return NULL;
    if (ouro_p_accept(p, OURO_TOK_AS)) {
        OuroExpr *t = ouro_p_star_targets(p, OURO_TARGETS_STAR, true);
        if (!t || !ouro_p_set_target(p, t, OURO_TARGETS_STAR))
            return NULL;
        w->optional_vars = t;
    }
    return w;
}

static bool with_items(OuroParser *p, bool paren)
{
    do {
        if (paren && ouro_p_kind(p) == OURO_TOK_RPAR)
            break;
        OuroWithItem *w = with_item(p);
        if (!w || !ouro_p_push(p, w))
            return false;
    } while (ouro_p_accept(p, OURO_TOK_COMMA));
    return true;
}

static OuroStmt *with_stmt(OuroParser *p, OuroToken *kw)
{
    ouro_p_next(p);
    int mark = p->sp;
    bool done = false;
    if (ouro_p_kind(p) == OURO_TOK_LPAR) {
        /* with (a as b, c): ... — or a parenthesized expression: try the first reading. */
        OuroPMark m = ouro_p_mark(p);
        ouro_p_next(p);
        p->level++;
        done = with_items(p, true) && ouro_p_accept(p, OURO_TOK_RPAR) &&
               ouro_p_kind(p) == OURO_TOK_COLON;
        if (done)
            p->level--;
        ouro_p_unmark(p, m, !done);
    }
    if (!done && !with_items(p, false))
        return NULL;
    if (!header_colon(p))
        return NULL;
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_WITH, ouro_span_tok(kw));
    if (!s)
        return NULL;
    s->u.with.items.items = (OuroWithItem **)ouro_p_take(p, mark, &s->u.with.items.count);
    if (!block(p, &s->u.with.body, "'with' statement", kw->line))
        return NULL;
    s->span = block_span(s->span, s->u.with.body);
    return s;
}

static OuroExceptHandler *except_block(OuroParser *p)
{
    OuroToken *kw = ouro_p_next(p);
    OuroExceptHandler *h = ouro_p_alloc(p, sizeof *h);
    if (!h)
        return NULL;
    if (ouro_p_kind(p) != OURO_TOK_COLON && ouro_p_kind(p) != OURO_TOK_NEWLINE) {
        if (!(h->type = ouro_p_expression(p)))
            return NULL;
        if (ouro_p_kind(p) == OURO_TOK_COMMA) {
            OuroPMark m = ouro_p_mark(p);
            ouro_p_next(p);
            OuroExpr *rest = ouro_p_star_expressions(p);
            OuroSpan rs = rest ? rest->span : h->type->span;
            ouro_p_unmark_second(p, m);
            if (rest)
                return ouro_p_err_range(p, h->type->span, rs,
                                        "multiple exception types must be parenthesized");
        }
        if (ouro_p_accept(p, OURO_TOK_AS)) {
            OuroToken *n = ouro_p_expect(p, OURO_TOK_NAME);
            if (!n || !(h->name = ouro_p_name(p, n)))
                return NULL;
        }
    }
    if (!header_colon(p) || !block(p, &h->body, "'except' statement", kw->line))
        return NULL;
    h->span = block_span(ouro_span_tok(kw), h->body);
    return h;
}

static OuroStmt *try_stmt(OuroParser *p, OuroToken *kw)
{
    ouro_p_next(p);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_TRY, ouro_span_tok(kw));
    if (!s || !ouro_p_expect_forced(p, OURO_TOK_COLON) ||
        !block(p, &s->u.try_.body, "'try' statement", kw->line))
        return NULL;
    OuroSpan end = block_span(s->span, s->u.try_.body);
    int mark = p->sp;
    while (ouro_p_kind(p) == OURO_TOK_EXCEPT) {
        OuroExceptHandler *h = except_block(p);
        if (!h || !ouro_p_push(p, h))
            return NULL;
        end = h->span;
    }
    s->u.try_.handlers.items = (OuroExceptHandler **)ouro_p_take(p, mark, &s->u.try_.handlers.count);
    if (s->u.try_.handlers.count) {
        if (!else_block(p, &s->u.try_.orelse))
            return NULL;
        end = block_span(end, s->u.try_.orelse);
    }
    OuroToken *fin = ouro_p_accept(p, OURO_TOK_FINALLY);
    if (fin) {
        if (!ouro_p_expect_forced(p, OURO_TOK_COLON) ||
            !block(p, &s->u.try_.finalbody, "'finally' statement", fin->line))
            return NULL;
        end = block_span(end, s->u.try_.finalbody);
    } else if (!s->u.try_.handlers.count) {
        return ouro_p_err_last(p, "SyntaxError", "expected 'except' or 'finally' block");
    }
    s->span = ouro_span_join(s->span, end);
    return s;
}

static OuroStmt *funcdef(OuroParser *p, OuroExprList decorators)
{
    OuroToken *kw = ouro_p_next(p);
    OuroToken *name = ouro_p_expect(p, OURO_TOK_NAME);
    if (!name || !ouro_p_expect_forced(p, OURO_TOK_LPAR))
        return NULL;
    p->level++;
    OuroArguments *args = ouro_p_parameters(p, false);
    if (!args || !ouro_p_expect(p, OURO_TOK_RPAR))
        return NULL;
    p->level--;
    OuroExpr *returns = NULL;
    if (ouro_p_accept(p, OURO_TOK_RARROW) && !(returns = ouro_p_expression(p)))
        return NULL;
    if (!ouro_p_expect_forced(p, OURO_TOK_COLON))
        return NULL;
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_FUNCTIONDEF, ouro_span_tok(kw));
    if (!s || !(s->u.functiondef.name = ouro_p_name(p, name)) ||
        !block(p, &s->u.functiondef.body, "function definition", kw->line))
        return NULL;
    s->u.functiondef.args = args;
    s->u.functiondef.returns = returns;
    s->u.functiondef.decorator_list = decorators;
    s->span = block_span(s->span, s->u.functiondef.body);
    return s;
}

static OuroStmt *classdef(OuroParser *p, OuroExprList decorators)
{
    OuroToken *kw = ouro_p_next(p);
    OuroToken *name = ouro_p_expect(p, OURO_TOK_NAME);
    if (!name)
        return NULL;
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_CLASSDEF, ouro_span_tok(kw));
    if (!s || !(s->u.classdef.name = ouro_p_name(p, name)))
        return NULL;
    if (ouro_p_accept(p, OURO_TOK_LPAR) &&
        !ouro_p_call_args(p, &s->u.classdef.bases, &s->u.classdef.keywords))
        return NULL;
    if (!header_colon(p) || !block(p, &s->u.classdef.body, "class definition", kw->line))
        return NULL;
    s->u.classdef.decorator_list = decorators;
    s->span = block_span(s->span, s->u.classdef.body);
    return s;
}

static OuroStmt *decorated(OuroParser *p)
{
    int mark = p->sp;
    while (ouro_p_accept(p, OURO_TOK_AT)) {
        OuroExpr *d = ouro_p_named_expression(p);
        if (!d || !ouro_p_push(p, d) || !ouro_p_expect(p, OURO_TOK_NEWLINE))
            return NULL;
    }
    OuroExprList decorators = ouro_p_exprs(p, mark);
    if (ouro_p_kind(p) == OURO_TOK_DEF)
        return funcdef(p, decorators);
    if (ouro_p_kind(p) == OURO_TOK_CLASS)
        return classdef(p, decorators);
    return ouro_p_invalid(p);
}

/* One statement (simple statements of a line are several): pushed on the stack. */
static bool statement(OuroParser *p)
{
    if (!ouro_p_enter(p))
        return false;
    OuroToken *t = ouro_p_tok(p);
    OuroStmt *s = NULL;
    bool compound = true;
    OuroExprList none = { NULL, 0 };
    switch (t->kind) {
    case OURO_TOK_IF: s = if_stmt(p, t, "'if' statement"); break;
    case OURO_TOK_WHILE: s = while_stmt(p, t); break;
    case OURO_TOK_FOR: s = for_stmt(p, t); break;
    case OURO_TOK_WITH: s = with_stmt(p, t); break;
    case OURO_TOK_TRY: s = try_stmt(p, t); break;
    case OURO_TOK_DEF: s = funcdef(p, none); break;
    case OURO_TOK_CLASS: s = classdef(p, none); break;
    case OURO_TOK_AT: s = decorated(p); break;
    case OURO_TOK_INDENT: case OURO_TOK_DEDENT:
        ouro_p_invalid(p);
        break;
    default:
        compound = false;
        break;
    }
    bool ok = compound ? s && ouro_p_push(p, s) : simple_stmts(p);
    ouro_p_leave(p);
    return ok && !p->failed;
}

/* ---- entry rules ---- */

static OuroModuleAST *module(OuroParser *p, int mark)
{
    OuroModuleAST *m = ouro_p_alloc(p, sizeof *m);
    if (!m)
        return NULL;
    m->body = ouro_p_stmts(p, mark);
    return p->failed ? NULL : m;
}

OuroModuleAST *ouro_p_file(OuroParser *p)
{
    int mark = p->sp;
    while (ouro_p_kind(p) != OURO_TOK_ENDMARKER)
        if (!statement(p))
            return NULL;
    return module(p, mark);
}

OuroModuleAST *ouro_p_interactive(OuroParser *p)
{
    int mark = p->sp;
    /* Blank or comment-only input: nothing to run (CPython's REPL never compiles it). */
    if (ouro_p_kind(p) == OURO_TOK_ENDMARKER)
        return module(p, mark);
    if (!statement(p))
        return NULL;
    if (ouro_p_kind(p) != OURO_TOK_ENDMARKER) {
        OuroStmt *last = p->stack[p->sp - 1];
        bool simple = last->kind != OURO_STMT_IF && last->kind != OURO_STMT_WHILE &&
                      last->kind != OURO_STMT_FOR && last->kind != OURO_STMT_WITH &&
                      last->kind != OURO_STMT_TRY && last->kind != OURO_STMT_FUNCTIONDEF &&
                      last->kind != OURO_STMT_CLASSDEF;
        if (simple)
            return ouro_p_err_tok(p, ouro_p_prev(p),
                                  "multiple statements found while compiling a single statement");
        return ouro_p_invalid(p);
    }
    return module(p, mark);
}

OuroModuleAST *ouro_p_eval(OuroParser *p)
{
    int mark = p->sp;
    OuroExpr *first = ouro_p_expression(p);
    OuroExpr *e = first;
    if (first && ouro_p_kind(p) == OURO_TOK_COMMA) {
        int emark = p->sp;
        if (!ouro_p_push(p, first))
            return NULL;
        while (ouro_p_accept(p, OURO_TOK_COMMA) && ouro_p_starts_expr(ouro_p_kind(p))) {
            OuroExpr *x = ouro_p_expression(p);
            if (!x || !ouro_p_push(p, x))
                return NULL;
        }
        e = ouro_p_expr(p, OURO_EXPR_TUPLE, ouro_p_span_from(p, first->span));
        if (e)
            e->u.tuple.elts = ouro_p_exprs(p, emark);
    }
    if (!e)
        return NULL;
    while (ouro_p_accept(p, OURO_TOK_NEWLINE)) {
    }
    if (ouro_p_kind(p) != OURO_TOK_ENDMARKER)
        return ouro_p_invalid(p);
    OuroStmt *s = ouro_p_stmt(p, OURO_STMT_EXPR, e->span);
    if (!s || !ouro_p_push(p, s))
        return NULL;
    s->u.expr.value = e;
    return module(p, mark);
}
