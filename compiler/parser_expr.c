/* compiler/parser_expr.c — expressions: recursive descent over Python's expression rules
 * with precedence climbing for the binary operators, displays, comprehensions, calls,
 * subscripts, lambda, parameters and assignment-target lists. Where CPython's second
 * parser pass has an invalid_* rule users commonly meet, the same message is raised at
 * the point where this parser notices the problem. */
#include <string.h>

#include "compiler/parser.h"

static OuroExpr *atom(OuroParser *p);
static OuroExpr *primary(OuroParser *p);
static OuroExpr *factor(OuroParser *p);
static OuroExpr *star_named_expression(OuroParser *p);
static bool comp_clauses(OuroParser *p, OuroComprehensionList *out);

static OuroExpr *name_expr(OuroParser *p, const OuroToken *t, OuroExprContext ctx)
{
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_NAME, ouro_span_tok(t));
    if (!e || !(e->u.name.id = ouro_p_name(p, t)))
        return NULL;
    e->u.name.ctx = ctx;
    return e;
}

static OuroExpr *starred(OuroParser *p, const OuroToken *star, OuroExpr *value)
{
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_STARRED, ouro_p_span_from(p, ouro_span_tok(star)));
    if (e)
        e->u.starred.value = value;
    return e;
}

static bool is_token_name(OuroParser *p, int pos, const char *word)
{
    const OuroToken *t = &p->toks[pos];
    size_t n = strlen(word);
    return t->kind == OURO_TOK_NAME && t->len == n && memcmp(t->start, word, n) == 0;
}

/* a is a bare NAME token (not parenthesized, not dotted). */
static bool bare_name_at(OuroParser *p, const OuroExpr *a, int pos)
{
    const OuroToken *t = &p->toks[pos];
    return a->kind == OURO_EXPR_NAME && t->kind == OURO_TOK_NAME && a->span.col == t->col &&
           a->span.end_col == t->end_col && a->span.line == t->line;
}

/* ---- juxtaposed expressions: CPython's invalid_expression / invalid_legacy_expression ---- */

/* After disjunction `a` (starting at token a_pos) the current token starts another
 * expression. Raises the better message when one applies; returns false if it did. */
static bool check_juxtaposed(OuroParser *p, OuroExpr *a, int a_pos)
{
    int k = ouro_p_kind(p);
    if (p->no_invalid)
        return true;
    bool legacy = bare_name_at(p, a, a_pos) &&
                  (is_token_name(p, a_pos, "print") || is_token_name(p, a_pos, "exec"));
    if (legacy && k != OURO_TOK_LPAR && (ouro_p_starts_expr(k) || k == OURO_TOK_STAR)) {
        OuroPMark m = ouro_p_mark(p);
        p->no_invalid++;
        OuroExpr *b = ouro_p_star_expressions(p);
        p->no_invalid--;
        OuroSpan bs = b ? b->span : a->span;
        ouro_p_unmark_second(p, m);
        if (b) {
            const char *w = a->u.name.id;
            ouro_p_err_range(p, a->span, bs,
                             "Missing parentheses in call to '%s'. Did you mean %s(...)?", w, w);
            return false;
        }
        return true;
    }
    if (!ouro_p_starts_expr(k) || legacy)
        return true;
    const OuroToken *first = &p->toks[a_pos];
    if (first->kind == OURO_TOK_NAME &&
        (p->toks[a_pos + 1].kind == OURO_TOK_STRING || is_token_name(p, a_pos, "match") ||
         is_token_name(p, a_pos, "case") || is_token_name(p, a_pos, "_")))
        return true;
    /* CPython reads the second expression (without its error rules) even outside
     * brackets, where it then says nothing: only a tokenizer error met there shows. */
    OuroPMark m = ouro_p_mark(p);
    p->no_invalid++;
    OuroExpr *b = ouro_p_expression(p);
    p->no_invalid--;
    OuroSpan bs = b ? b->span : a->span;
    ouro_p_unmark_second(p, m);
    if (b && p->level > 0) {
        ouro_p_err_range(p, a->span, bs, "invalid syntax. Perhaps you forgot a comma?");
        return false;
    }
    return true;
}

/* ---- expression, named_expression, lambda ---- */

static OuroExpr *lambdef(OuroParser *p)
{
    OuroToken *kw = ouro_p_next(p);
    OuroArguments *args = ouro_p_parameters(p, true);
    if (!args || !ouro_p_expect(p, OURO_TOK_COLON))
        return NULL;
    /* CPython spends two parser levels per lambda (expression -> lambdef): count as many. */
    if (!ouro_p_enter(p))
        return NULL;
    OuroExpr *body = ouro_p_expression(p);
    ouro_p_leave(p);
    if (!body)
        return NULL;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_LAMBDA, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (e) {
        e->u.lambda.args = args;
        e->u.lambda.body = body;
    }
    return e;
}

static OuroExpr *expression_body(OuroParser *p)
{
    if (ouro_p_kind(p) == OURO_TOK_LAMBDA)
        return lambdef(p);
    int a_pos = p->pos;
    OuroExpr *a = ouro_p_disjunction(p);
    if (!a)
        return NULL;
    if (ouro_p_kind(p) != OURO_TOK_IF) {
        if (ouro_p_starts_expr(ouro_p_kind(p)) || ouro_p_kind(p) == OURO_TOK_STAR)
            if (!check_juxtaposed(p, a, a_pos))
                return NULL;
        return a;
    }
    ouro_p_next(p);
    OuroExpr *b = ouro_p_disjunction(p);
    if (!b)
        return NULL;
    if (!ouro_p_accept(p, OURO_TOK_ELSE)) {
        if (ouro_p_kind(p) != OURO_TOK_COLON && !p->no_invalid)
            return ouro_p_err_range(p, a->span, b->span, "expected 'else' after 'if' expression");
        return ouro_p_invalid(p);
    }
    OuroExpr *c = ouro_p_expression(p);
    if (!c)
        return NULL;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_IFEXP, ouro_p_span_at(p, a_pos));
    if (e) {
        e->u.ifexp.test = b;
        e->u.ifexp.body = a;
        e->u.ifexp.orelse = c;
    }
    return e;
}

OuroExpr *ouro_p_expression(OuroParser *p)
{
    if (!ouro_p_enter(p))
        return NULL;
    OuroExpr *e = expression_body(p);
    ouro_p_leave(p);
    return e;
}

bool ouro_p_misused_equal(OuroParser *p, OuroExpr *e, int e_pos)
{
    bool name = bare_name_at(p, e, e_pos);
    /* CPython's lookahead !(list|tuple|genexp|True|None|False) at e's first token. */
    const OuroExpr *lm = e;
    for (;;) {
        if (lm->kind == OURO_EXPR_BINOP)
            lm = lm->u.binop.left;
        else if (lm->kind == OURO_EXPR_ATTRIBUTE)
            lm = lm->u.attribute.value;
        else if (lm->kind == OURO_EXPR_SUBSCRIPT)
            lm = lm->u.subscript.value;
        else if (lm->kind == OURO_EXPR_CALL)
            lm = lm->u.call.func;
        else
            break;
    }
    bool at_start = lm->span.line == e->span.line && lm->span.col == e->span.col;
    bool excluded = e->kind == OURO_EXPR_STARRED ||
                    (at_start && (lm->kind == OURO_EXPR_LIST || lm->kind == OURO_EXPR_TUPLE ||
                                  lm->kind == OURO_EXPR_GENERATOREXP ||
                                  (lm->kind == OURO_EXPR_CONSTANT &&
                                   (lm->u.constant.kind == OURO_CONST_TRUE ||
                                    lm->u.constant.kind == OURO_CONST_FALSE ||
                                    lm->u.constant.kind == OURO_CONST_NONE))));
    bool bitwise = e->kind != OURO_EXPR_BOOLOP && e->kind != OURO_EXPR_COMPARE &&
                   e->kind != OURO_EXPR_IFEXP && e->kind != OURO_EXPR_LAMBDA &&
                   e->kind != OURO_EXPR_NAMEDEXPR && e->kind != OURO_EXPR_YIELD &&
                   e->kind != OURO_EXPR_YIELDFROM &&
                   !(e->kind == OURO_EXPR_UNARYOP && e->u.unaryop.op == OURO_UOP_NOT);
    if (p->no_invalid || (!name && (excluded || !bitwise)))
        return false;
    OuroPMark m = ouro_p_mark(p);
    ouro_p_next(p);
    OuroExpr *b = ouro_p_bitwise_or(p);
    int after = ouro_p_kind(p);
    OuroSpan bs = b ? b->span : e->span;
    ouro_p_unmark_second(p, m);
    if (!b || after == OURO_TOK_EQUAL || after == OURO_TOK_COLONEQUAL)
        return false;
    if (name)
        ouro_p_err_range(p, e->span, bs,
                         "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    else
        ouro_p_err_span(p, e->span, "cannot assign to %s here. Maybe you meant '==' instead of '='?",
                        ouro_p_expr_name(e));
    return true;
}

OuroExpr *ouro_p_named_expression(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind == OURO_TOK_NAME && ouro_p_peek(p, 1)->kind == OURO_TOK_COLONEQUAL) {
        OuroExpr *target = name_expr(p, t, OURO_CTX_STORE);
        ouro_p_next(p);
        ouro_p_next(p);
        OuroExpr *value = target ? ouro_p_expression(p) : NULL;
        if (!value)
            return NULL;
        OuroExpr *e = ouro_p_expr(p, OURO_EXPR_NAMEDEXPR, ouro_p_span_from(p, target->span));
        if (e) {
            e->u.namedexpr.target = target;
            e->u.namedexpr.value = value;
        }
        return e;
    }
    int e_pos = p->pos;
    OuroExpr *e = ouro_p_expression(p);
    if (!e)
        return NULL;
    if (ouro_p_kind(p) == OURO_TOK_COLONEQUAL)
        return ouro_p_err_span(p, e->span, "cannot use assignment expressions with %s",
                               ouro_p_expr_name(e));
    if (ouro_p_kind(p) == OURO_TOK_EQUAL && !ouro_p_misused_equal(p, e, e_pos))
        return ouro_p_invalid(p);
    if (p->failed)
        return NULL;
    return e;
}

/* ---- boolean operators, comparisons ---- */

static OuroExpr *comparison(OuroParser *p);

static OuroExpr *inversion(OuroParser *p)
{
    if (ouro_p_kind(p) != OURO_TOK_NOT)
        return comparison(p);
    OuroToken *t = ouro_p_next(p);
    if (!ouro_p_enter(p))
        return NULL;
    OuroExpr *operand = inversion(p);
    ouro_p_leave(p);
    if (!operand)
        return NULL;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_UNARYOP, ouro_p_span_from(p, ouro_span_tok(t)));
    if (e) {
        e->u.unaryop.op = OURO_UOP_NOT;
        e->u.unaryop.operand = operand;
    }
    return e;
}

static OuroExpr *boolop(OuroParser *p, int tok, OuroBoolOp op, OuroExpr *(*sub)(OuroParser *))
{
    int start = p->pos;
    OuroExpr *first = sub(p);
    if (!first || ouro_p_kind(p) != tok)
        return first;
    int mark = p->sp;
    if (!ouro_p_push(p, first))
        return NULL;
    OuroExpr *last = first;
    while (ouro_p_accept(p, tok)) {
        if (!(last = sub(p)) || !ouro_p_push(p, last))
            return NULL;
    }
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_BOOLOP, ouro_p_span_at(p, start));
    if (!e)
        return NULL;
    e->u.boolop.op = op;
    e->u.boolop.values = ouro_p_exprs(p, mark);
    return e;
}

static OuroExpr *conjunction(OuroParser *p)
{
    return boolop(p, OURO_TOK_AND, OURO_BOOL_AND, inversion);
}

OuroExpr *ouro_p_disjunction(OuroParser *p)
{
    return boolop(p, OURO_TOK_OR, OURO_BOOL_OR, conjunction);
}

/* The comparison operator at the current token (consumed), or -1. */
static int comp_op(OuroParser *p)
{
    int op;
    switch (ouro_p_kind(p)) {
    case OURO_TOK_EQEQUAL: op = OURO_CMP_EQ; break;
    case OURO_TOK_NOTEQUAL: op = OURO_CMP_NOTEQ; break;
    case OURO_TOK_LESS: op = OURO_CMP_LT; break;
    case OURO_TOK_LESSEQUAL: op = OURO_CMP_LTE; break;
    case OURO_TOK_GREATER: op = OURO_CMP_GT; break;
    case OURO_TOK_GREATEREQUAL: op = OURO_CMP_GTE; break;
    case OURO_TOK_IN: op = OURO_CMP_IN; break;
    case OURO_TOK_IS:
        if (ouro_p_peek(p, 1)->kind == OURO_TOK_NOT) {
            ouro_p_next(p);
            op = OURO_CMP_ISNOT;
        } else {
            op = OURO_CMP_IS;
        }
        break;
    case OURO_TOK_NOT:
        if (ouro_p_peek(p, 1)->kind != OURO_TOK_IN)
            return -1;
        ouro_p_next(p);
        op = OURO_CMP_NOTIN;
        break;
    default:
        return -1;
    }
    ouro_p_next(p);
    return op;
}

static OuroExpr *comparison(OuroParser *p)
{
    int start = p->pos;
    OuroExpr *left = ouro_p_bitwise_or(p);
    if (!left)
        return NULL;
    int op = comp_op(p);
    if (op < 0)
        return left;
    int mark = p->sp, nops = 0;
    OuroCmpOp ops[64], *opv = ops;
    OuroExpr *last = left;
    int cap = 64;
    do {
        if (nops == cap) {            /* long chains: move the operators to the arena */
            OuroCmpOp *n = ouro_p_alloc(p, sizeof *n * (size_t)cap * 2);
            if (!n)
                return NULL;
            memcpy(n, opv, sizeof *n * (size_t)nops);
            opv = n;
            cap *= 2;
        }
        opv[nops++] = (OuroCmpOp)op;
        if (!(last = ouro_p_bitwise_or(p)) || !ouro_p_push(p, last))
            return NULL;
    } while ((op = comp_op(p)) >= 0);
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_COMPARE, ouro_p_span_at(p, start));
    OuroCmpOp *stored = ouro_p_alloc(p, sizeof *stored * (size_t)nops);
    if (!e || !stored)
        return NULL;
    memcpy(stored, opv, sizeof *stored * (size_t)nops);
    e->u.compare.left = left;
    e->u.compare.count = nops;
    e->u.compare.ops = stored;
    e->u.compare.comparators = ouro_p_exprs(p, mark);
    return e;
}

/* ---- binary operators (precedence climbing), unary, power ---- */

static int binop_prec(int kind, OuroOperator *op)
{
    switch (kind) {
    case OURO_TOK_VBAR: *op = OURO_OP_BITOR; return 1;
    case OURO_TOK_CIRCUMFLEX: *op = OURO_OP_BITXOR; return 2;
    case OURO_TOK_AMPER: *op = OURO_OP_BITAND; return 3;
    case OURO_TOK_LEFTSHIFT: *op = OURO_OP_LSHIFT; return 4;
    case OURO_TOK_RIGHTSHIFT: *op = OURO_OP_RSHIFT; return 4;
    case OURO_TOK_PLUS: *op = OURO_OP_ADD; return 5;
    case OURO_TOK_MINUS: *op = OURO_OP_SUB; return 5;
    case OURO_TOK_STAR: *op = OURO_OP_MULT; return 6;
    case OURO_TOK_SLASH: *op = OURO_OP_DIV; return 6;
    case OURO_TOK_DOUBLESLASH: *op = OURO_OP_FLOORDIV; return 6;
    case OURO_TOK_PERCENT: *op = OURO_OP_MOD; return 6;
    case OURO_TOK_AT: *op = OURO_OP_MATMULT; return 6;
    default: return 0;
    }
}

static OuroExpr *binop(OuroParser *p, int start, OuroExpr *left, OuroOperator op,
                       OuroExpr *right)
{
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_BINOP, ouro_p_span_at(p, start));
    if (e) {
        e->u.binop.left = left;
        e->u.binop.op = op;
        e->u.binop.right = right;
    }
    return e;
}

static OuroExpr *binary(OuroParser *p, int min_prec)
{
    int start = p->pos;
    OuroExpr *left = factor(p);
    OuroOperator op;
    int prec;
    while (left && (prec = binop_prec(ouro_p_kind(p), &op)) >= min_prec && prec > 0) {
        ouro_p_next(p);
        OuroExpr *right = binary(p, prec + 1);
        left = right ? binop(p, start, left, op, right) : NULL;
    }
    return left;
}

OuroExpr *ouro_p_bitwise_or(OuroParser *p)
{
    return binary(p, 1);
}

static OuroExpr *power(OuroParser *p)
{
    int start = p->pos;
    OuroExpr *left = primary(p);
    if (!left || ouro_p_kind(p) != OURO_TOK_DOUBLESTAR)
        return left;
    ouro_p_next(p);
    /* a ** b ** c ... recurses on the right; CPython spends two levels (power -> factor). */
    if (!ouro_p_enter(p))
        return NULL;
    if (!ouro_p_enter(p)) {
        ouro_p_leave(p);
        return NULL;
    }
    OuroExpr *right = factor(p);
    p->depth -= 2;
    return right ? binop(p, start, left, OURO_OP_POW, right) : NULL;
}

static OuroExpr *factor(OuroParser *p)
{
    OuroUnaryOp op;
    switch (ouro_p_kind(p)) {
    case OURO_TOK_PLUS: op = OURO_UOP_UADD; break;
    case OURO_TOK_MINUS: op = OURO_UOP_USUB; break;
    case OURO_TOK_TILDE: op = OURO_UOP_INVERT; break;
    default: return power(p);
    }
    OuroToken *t = ouro_p_next(p);
    if (!ouro_p_enter(p))
        return NULL;
    OuroExpr *operand = factor(p);
    ouro_p_leave(p);
    if (!operand)
        return NULL;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_UNARYOP, ouro_p_span_from(p, ouro_span_tok(t)));
    if (e) {
        e->u.unaryop.op = op;
        e->u.unaryop.operand = operand;
    }
    return e;
}

/* ---- primary: attribute, call, subscript ---- */

static OuroExpr *slice_item(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind == OURO_TOK_STAR) {
        ouro_p_next(p);
        OuroExpr *v = ouro_p_bitwise_or(p);
        return v ? starred(p, t, v) : NULL;
    }
    OuroExpr *lower = NULL, *upper = NULL, *step = NULL;
    if (t->kind != OURO_TOK_COLON) {
        lower = ouro_p_named_expression(p);
        if (!lower || ouro_p_kind(p) != OURO_TOK_COLON)
            return lower;
    }
    ouro_p_next(p);
    int k = ouro_p_kind(p);
    if (k != OURO_TOK_COLON && k != OURO_TOK_COMMA && k != OURO_TOK_RSQB &&
        !(upper = ouro_p_expression(p)))
        return NULL;
    if (ouro_p_accept(p, OURO_TOK_COLON)) {
        k = ouro_p_kind(p);
        if (k != OURO_TOK_COMMA && k != OURO_TOK_RSQB && !(step = ouro_p_expression(p)))
            return NULL;
    }
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_SLICE, ouro_p_span_from(p, ouro_span_tok(t)));
    if (e) {
        e->u.slice.lower = lower;
        e->u.slice.upper = upper;
        e->u.slice.step = step;
    }
    return e;
}

static OuroExpr *slices(OuroParser *p)
{
    int start = p->pos;
    OuroExpr *first = slice_item(p);
    if (!first || ouro_p_kind(p) != OURO_TOK_COMMA)
        return first;
    int mark = p->sp;
    if (!ouro_p_push(p, first))
        return NULL;
    while (ouro_p_accept(p, OURO_TOK_COMMA) && ouro_p_kind(p) != OURO_TOK_RSQB) {
        OuroExpr *e = slice_item(p);
        if (!e || !ouro_p_push(p, e))
            return NULL;
    }
    OuroExpr *t = ouro_p_expr(p, OURO_EXPR_TUPLE, ouro_p_span_at(p, start));
    if (!t)
        return NULL;
    t->u.tuple.elts = ouro_p_exprs(p, mark);
    return t;
}

static OuroExpr *primary(OuroParser *p)
{
    int start = p->pos;
    OuroExpr *e = atom(p);
    while (e) {
        int k = ouro_p_kind(p);
        if (k == OURO_TOK_DOT) {
            ouro_p_next(p);
            OuroToken *name = ouro_p_expect(p, OURO_TOK_NAME);
            if (!name)
                return NULL;
            OuroExpr *a = ouro_p_expr(p, OURO_EXPR_ATTRIBUTE, ouro_p_span_at(p, start));
            if (!a || !(a->u.attribute.attr = ouro_p_name(p, name)))
                return NULL;
            a->u.attribute.value = e;
            e = a;
        } else if (k == OURO_TOK_LPAR) {
            ouro_p_next(p);
            OuroExpr *c = ouro_p_expr(p, OURO_EXPR_CALL, e->span);
            if (!c || !ouro_p_call_args(p, &c->u.call.args, &c->u.call.keywords))
                return NULL;
            c->u.call.func = e;
            c->span = ouro_p_span_at(p, start);
            e = c;
        } else if (k == OURO_TOK_LSQB) {
            ouro_p_next(p);
            p->level++;
            OuroExpr *s = slices(p);
            if (!s || !ouro_p_expect(p, OURO_TOK_RSQB))
                return NULL;
            p->level--;
            OuroExpr *sub = ouro_p_expr(p, OURO_EXPR_SUBSCRIPT, ouro_p_span_at(p, start));
            if (!sub)
                return NULL;
            sub->u.subscript.value = e;
            sub->u.subscript.slice = s;
            e = sub;
        } else {
            break;
        }
    }
    return e;
}

/* ---- call arguments ---- */

static OuroKeyword *keyword(OuroParser *p, const char *arg, OuroExpr *value, OuroSpan span)
{
    OuroKeyword *k = ouro_p_alloc(p, sizeof *k);
    if (k) {
        k->arg = arg;
        k->value = value;
        k->span = span;
    }
    return k;
}

static OuroSpan last_comp_item(const OuroComprehensionList *g)
{
    const OuroComprehension *c = g->items[g->count - 1];
    return c->ifs.count ? c->ifs.items[c->ifs.count - 1]->span : c->iter->span;
}

static OuroExpr *genexp(OuroParser *p, OuroExpr *elt, OuroSpan span)
{
    OuroExpr *g = ouro_p_expr(p, OURO_EXPR_GENERATOREXP, span);
    if (!g || !comp_clauses(p, &g->u.genexp.generators))
        return NULL;
    g->u.genexp.elt = elt;
    return g;
}

/* One positional argument (or a generator expression). */
static OuroExpr *positional_arg(OuroParser *p, OuroSpan open, int nbefore, bool *genexp_error)
{
    OuroToken *t = ouro_p_tok(p);
    OuroExpr *e;
    if (t->kind == OURO_TOK_NAME && ouro_p_peek(p, 1)->kind == OURO_TOK_COLONEQUAL)
        e = ouro_p_named_expression(p);
    else
        e = ouro_p_expression(p);
    if (!e)
        return NULL;
    int k = ouro_p_kind(p);
    if (k == OURO_TOK_EQUAL)
        return ouro_p_err_range(p, e->span, ouro_span_tok(ouro_p_tok(p)),
                                "expression cannot contain assignment, perhaps you meant \"==\"?");
    if (k == OURO_TOK_COLONEQUAL)
        return ouro_p_invalid(p);
    if (k != OURO_TOK_FOR)
        return e;
    OuroExpr *g = genexp(p, e, open);
    if (!g)
        return NULL;
    k = ouro_p_kind(p);
    if (k != OURO_TOK_COMMA && k != OURO_TOK_RPAR)
        return ouro_p_invalid(p);
    if (k == OURO_TOK_COMMA || nbefore > 0) {
        *genexp_error = true;
        return ouro_p_err_range(p, e->span, last_comp_item(&g->u.genexp.generators),
                                "Generator expression must be parenthesized");
    }
    g->span = ouro_span_join(open, ouro_span_tok(ouro_p_tok(p)));
    return g;
}

/* Splits tagged (tag, item) pairs pushed since mark into two arena arrays. */
static bool split_pairs(OuroParser *p, int mark, void ***a, int *na, void ***b, int *nb)
{
    int n = (p->sp - mark) / 2;
    *na = *nb = 0;
    for (int i = 0; i < n; i++)
        (*(p->stack[mark + 2 * i] ? nb : na))++;
    *a = *na ? ouro_p_alloc(p, sizeof(void *) * (size_t)*na) : NULL;
    *b = *nb ? ouro_p_alloc(p, sizeof(void *) * (size_t)*nb) : NULL;
    if ((*na && !*a) || (*nb && !*b))
        return false;
    int ia = 0, ib = 0;
    for (int i = 0; i < n; i++) {
        void *item = p->stack[mark + 2 * i + 1];
        if (p->stack[mark + 2 * i])
            (*b)[ib++] = item;
        else
            (*a)[ia++] = item;
    }
    p->sp = mark;
    return true;
}

/* NAME '=' value, or **value; NULL with p->failed on error. */
static OuroKeyword *keyword_arg(OuroParser *p, OuroToken *t)
{
    if (t->kind == OURO_TOK_DOUBLESTAR) {
        ouro_p_next(p);
        OuroExpr *v = ouro_p_expression(p);
        return v ? keyword(p, NULL, v, ouro_p_span_from(p, ouro_span_tok(t))) : NULL;
    }
    OuroToken *eq = ouro_p_peek(p, 1);
    if (t->kind != OURO_TOK_NAME)
        return ouro_p_err_range(p, ouro_span_tok(t), ouro_span_tok(eq), "cannot assign to %s",
                                ouro_tok_text(t->kind));
    ouro_p_next(p);
    ouro_p_next(p);
    OuroExpr *v = ouro_p_expression(p);
    if (!v)
        return NULL;
    if (ouro_p_kind(p) == OURO_TOK_FOR)
        return ouro_p_err_range(p, ouro_span_tok(t), ouro_span_tok(eq),
                                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    const char *name = ouro_p_name(p, t);
    return name ? keyword(p, name, v, ouro_p_span_from(p, ouro_span_tok(t))) : NULL;
}

bool ouro_p_call_args(OuroParser *p, OuroExprList *args, OuroKeywordList *keywords)
{
    OuroSpan open = ouro_span_tok(ouro_p_prev(p));
    int mark = p->sp, nitems = 0;
    const char *late = NULL;          /* "positional argument follows ...", raised at ')' */
    bool seen_kw = false, seen_kwunpack = false;
    p->level++;
    while (ouro_p_kind(p) != OURO_TOK_RPAR) {
        OuroToken *t = ouro_p_tok(p);
        void *item;
        bool is_kw = false;
        if (t->kind == OURO_TOK_STAR) {
            if (seen_kwunpack)
                return ouro_p_err_tok(p, t, "iterable argument unpacking follows keyword "
                                            "argument unpacking"), false;
            ouro_p_next(p);
            OuroExpr *v = ouro_p_expression(p);
            item = v ? starred(p, t, v) : NULL;
        } else if (t->kind == OURO_TOK_DOUBLESTAR ||
                   ((t->kind == OURO_TOK_NAME || t->kind == OURO_TOK_TRUE ||
                     t->kind == OURO_TOK_FALSE || t->kind == OURO_TOK_NONE) &&
                    ouro_p_peek(p, 1)->kind == OURO_TOK_EQUAL)) {
            is_kw = true;
            seen_kwunpack |= t->kind == OURO_TOK_DOUBLESTAR;
            seen_kw |= t->kind != OURO_TOK_DOUBLESTAR;
            item = keyword_arg(p, t);
        } else {
            bool gerr = false;
            item = positional_arg(p, open, nitems, &gerr);
            if (!late && seen_kwunpack)
                late = "positional argument follows keyword argument unpacking";
            else if (!late && seen_kw)
                late = "positional argument follows keyword argument";
        }
        if (!item || !ouro_p_push(p, (void *)(intptr_t)is_kw) || !ouro_p_push(p, item))
            return false;
        nitems++;
        if (!ouro_p_accept(p, OURO_TOK_COMMA))
            break;
    }
    if (late && ouro_p_kind(p) == OURO_TOK_RPAR)
        return ouro_p_err_last(p, "SyntaxError", "%s", late), false;
    if (!ouro_p_expect(p, OURO_TOK_RPAR))
        return false;
    p->level--;
    void **a, **k;
    if (!split_pairs(p, mark, &a, &args->count, &k, &keywords->count))
        return false;
    args->items = (OuroExpr **)a;
    keywords->items = (OuroKeyword **)k;
    return true;
}

/* ---- comprehensions ---- */

/* 'for' targets 'in': when the targets do not parse, CPython re-reads them as an
 * expression to say what is wrong with them (invalid_for_target). */
OuroExpr *ouro_p_for_targets(OuroParser *p)
{
    int start = p->pos;
    OuroPMark m = ouro_p_mark(p);
    OuroExpr *t = ouro_p_star_targets(p, OURO_TARGETS_FOR, false);
    bool ok = t && ouro_p_kind(p) == OURO_TOK_IN;
    ouro_p_unmark(p, m, !ok);
    if (ok)
        return ouro_p_set_target(p, t, OURO_TARGETS_FOR);
    p->pos = start;
    OuroExpr *e = ouro_p_star_expressions(p);
    if (!e)
        return NULL;
    OuroExpr *bad = ouro_p_invalid_target(e, OURO_TARGETS_FOR);
    if (bad)
        return ouro_p_err_span(p, bad->span, "cannot assign to %s", ouro_p_expr_name(bad));
    return ouro_p_invalid(p);
}

static bool comp_clauses(OuroParser *p, OuroComprehensionList *out)
{
    int mark = p->sp;
    while (ouro_p_accept(p, OURO_TOK_FOR)) {
        OuroComprehension *c = ouro_p_alloc(p, sizeof *c);
        if (!c || !(c->target = ouro_p_for_targets(p)) || !ouro_p_expect(p, OURO_TOK_IN) ||
            !(c->iter = ouro_p_disjunction(p)))
            return false;
        int imark = p->sp;
        while (ouro_p_accept(p, OURO_TOK_IF)) {
            OuroExpr *cond = ouro_p_disjunction(p);
            if (!cond || !ouro_p_push(p, cond))
                return false;
        }
        c->ifs = ouro_p_exprs(p, imark);
        if (!ouro_p_push(p, c))
            return false;
    }
    out->items = (OuroComprehension **)ouro_p_take(p, mark, &out->count);
    return !p->failed;
}

/* ---- displays ---- */

static OuroExpr *star_named_expression(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind != OURO_TOK_STAR)
        return ouro_p_named_expression(p);
    ouro_p_next(p);
    OuroExpr *v = ouro_p_bitwise_or(p);
    return v ? starred(p, t, v) : NULL;
}

/* Elements after the first of a list/tuple/set display, up to (not including) `close`.
 * A `for` after several elements gets CPython's comprehension-target hint. */
static bool display_rest(OuroParser *p, OuroExpr *first, int close)
{
    OuroExpr *last = first;
    while (ouro_p_kind(p) == OURO_TOK_COMMA) {
        OuroToken *comma = ouro_p_next(p);
        int k = ouro_p_kind(p);
        if (k == close)
            break;
        if (k == OURO_TOK_FOR && close != OURO_TOK_RPAR)
            return ouro_p_err_range(p, first->span, ouro_span_tok(comma),
                                    "did you forget parentheses around the comprehension target?"),
                   false;
        if (!(last = star_named_expression(p)) || !ouro_p_push(p, last))
            return false;
    }
    if (ouro_p_kind(p) == OURO_TOK_FOR && close != OURO_TOK_RPAR && last != first)
        return ouro_p_err_range(p, first->span, last->span,
                                "did you forget parentheses around the comprehension target?"),
               false;
    return true;
}

static OuroExpr *comprehension_of(OuroParser *p, OuroExprKind kind, OuroExpr *elt,
                                  OuroSpan open)
{
    if (elt->kind == OURO_EXPR_STARRED)
        return ouro_p_err_span(p, elt->span, "iterable unpacking cannot be used in comprehension");
    OuroExpr *e = ouro_p_expr(p, kind, open);
    if (!e || !comp_clauses(p, &e->u.listcomp.generators))
        return NULL;
    e->u.listcomp.elt = elt;
    return e;
}

static OuroExpr *paren_atom(OuroParser *p)
{
    OuroToken *open = ouro_p_next(p);
    p->level++;
    OuroToken *t = ouro_p_tok(p);
    OuroExpr *e;
    if (t->kind == OURO_TOK_RPAR) {
        e = ouro_p_expr(p, OURO_EXPR_TUPLE, ouro_span_join(ouro_span_tok(open), ouro_span_tok(t)));
    } else if (t->kind == OURO_TOK_YIELD) {
        e = ouro_p_yield_expr(p);
    } else if (t->kind == OURO_TOK_DOUBLESTAR) {
        ouro_p_next(p);
        OuroExpr *v = ouro_p_expression(p);
        if (v && ouro_p_kind(p) == OURO_TOK_RPAR)
            return ouro_p_err_tok(p, t, "cannot use double starred expression here");
        return v ? ouro_p_invalid(p) : NULL;
    } else {
        OuroExpr *first = star_named_expression(p);
        if (!first)
            return NULL;
        int k = ouro_p_kind(p);
        if (k == OURO_TOK_FOR) {
            e = comprehension_of(p, OURO_EXPR_GENERATOREXP, first, ouro_span_tok(open));
        } else if (k == OURO_TOK_COMMA) {
            int mark = p->sp;
            if (!ouro_p_push(p, first) || !display_rest(p, first, OURO_TOK_RPAR))
                return NULL;
            e = ouro_p_expr(p, OURO_EXPR_TUPLE, ouro_span_tok(open));
            if (e)
                e->u.tuple.elts = ouro_p_exprs(p, mark);
        } else {
            if (first->kind == OURO_EXPR_STARRED && k == OURO_TOK_RPAR)
                return ouro_p_err_span(p, first->span, "cannot use starred expression here");
            e = first;
            if (k == OURO_TOK_RPAR) {
                ouro_p_next(p);
                p->level--;
                return e;             /* a group keeps the span of what it holds */
            }
        }
    }
    if (!e || !ouro_p_expect(p, OURO_TOK_RPAR))
        return NULL;
    p->level--;
    if (e->kind == OURO_EXPR_TUPLE || e->kind == OURO_EXPR_GENERATOREXP)
        e->span = ouro_p_span_from(p, ouro_span_tok(open));
    return e;
}

static OuroExpr *list_atom(OuroParser *p)
{
    OuroToken *open = ouro_p_next(p);
    p->level++;
    OuroExpr *e;
    if (ouro_p_kind(p) == OURO_TOK_RSQB) {
        e = ouro_p_expr(p, OURO_EXPR_LIST, ouro_span_tok(open));
    } else {
        OuroExpr *first = star_named_expression(p);
        if (!first)
            return NULL;
        if (ouro_p_kind(p) == OURO_TOK_FOR) {
            e = comprehension_of(p, OURO_EXPR_LISTCOMP, first, ouro_span_tok(open));
        } else {
            int mark = p->sp;
            if (!ouro_p_push(p, first) || !display_rest(p, first, OURO_TOK_RSQB))
                return NULL;
            e = ouro_p_expr(p, OURO_EXPR_LIST, ouro_span_tok(open));
            if (e)
                e->u.list.elts = ouro_p_exprs(p, mark);
        }
    }
    if (!e || !ouro_p_expect(p, OURO_TOK_RSQB))
        return NULL;
    p->level--;
    e->span = ouro_p_span_from(p, ouro_span_tok(open));
    return e;
}

static OuroExpr *dict_value(OuroParser *p, OuroToken *colon)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind == OURO_TOK_STAR) {
        ouro_p_next(p);
        OuroExpr *v = ouro_p_bitwise_or(p);
        return v ? ouro_p_err_range(p, ouro_span_tok(t), v->span,
                                    "cannot use a starred expression in a dictionary value")
                 : NULL;
    }
    if (t->kind == OURO_TOK_RBRACE || t->kind == OURO_TOK_COMMA)
        return ouro_p_err_tok(p, colon, "expression expected after dictionary key and ':'");
    return ouro_p_expression(p);
}

/* The rest of a dict display after its first item; keys and values alternate on the
 * scratch stack (key NULL for **). */
static bool dict_rest(OuroParser *p)
{
    while (ouro_p_accept(p, OURO_TOK_COMMA)) {
        OuroToken *t = ouro_p_tok(p);
        if (t->kind == OURO_TOK_RBRACE)
            break;
        OuroExpr *key = NULL, *value;
        if (t->kind == OURO_TOK_DOUBLESTAR) {
            ouro_p_next(p);
            value = ouro_p_bitwise_or(p);
        } else {
            key = ouro_p_expression(p);
            if (!key)
                return false;
            OuroToken *colon = ouro_p_accept(p, OURO_TOK_COLON);
            if (!colon) {
                ouro_p_err_range(p, (OuroSpan){ key->span.end_line, key->span.end_col - 1, 0, 0 },
                                 (OuroSpan){ 0, 0, key->span.end_line, -1 },
                                 "':' expected after dictionary key");
                return false;
            }
            value = dict_value(p, colon);
        }
        if (!value || !ouro_p_push(p, key) || !ouro_p_push(p, value))
            return false;
    }
    return true;
}

static OuroExpr *dict_display(OuroParser *p, OuroToken *open, OuroExpr *key, OuroExpr *value)
{
    int mark = p->sp;
    if (!ouro_p_push(p, key) || !ouro_p_push(p, value) || !dict_rest(p))
        return NULL;
    int n = (p->sp - mark) / 2;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_DICT, ouro_span_tok(open));
    OuroExpr **keys = ouro_p_alloc(p, sizeof *keys * (size_t)n);
    OuroExpr **vals = ouro_p_alloc(p, sizeof *vals * (size_t)n);
    if (!e || !keys || !vals)
        return NULL;
    for (int i = 0; i < n; i++) {
        keys[i] = p->stack[mark + 2 * i];
        vals[i] = p->stack[mark + 2 * i + 1];
    }
    p->sp = mark;
    e->u.dict.keys = (OuroExprList){ keys, n };
    e->u.dict.values = (OuroExprList){ vals, n };
    return e;
}

static OuroExpr *brace_atom(OuroParser *p)
{
    OuroToken *open = ouro_p_next(p);
    p->level++;
    OuroToken *t = ouro_p_tok(p);
    OuroExpr *e;
    if (t->kind == OURO_TOK_RBRACE) {
        e = ouro_p_expr(p, OURO_EXPR_DICT, ouro_span_tok(open));
    } else if (t->kind == OURO_TOK_DOUBLESTAR) {
        ouro_p_next(p);
        OuroExpr *v = ouro_p_bitwise_or(p);
        if (!v)
            return NULL;
        if (ouro_p_kind(p) == OURO_TOK_FOR)
            return ouro_p_err_tok(p, t, "dict unpacking cannot be used in dict comprehension");
        e = dict_display(p, open, NULL, v);
    } else {
        OuroExpr *first = star_named_expression(p);
        if (!first)
            return NULL;
        OuroToken *colon = first->kind != OURO_EXPR_STARRED &&
                                   first->kind != OURO_EXPR_NAMEDEXPR
                               ? ouro_p_accept(p, OURO_TOK_COLON)
                               : NULL;
        if (colon) {
            OuroExpr *value = dict_value(p, colon);
            if (!value)
                return NULL;
            if (ouro_p_kind(p) == OURO_TOK_FOR) {
                e = ouro_p_expr(p, OURO_EXPR_DICTCOMP, ouro_span_tok(open));
                if (!e || !comp_clauses(p, &e->u.dictcomp.generators))
                    return NULL;
                e->u.dictcomp.key = first;
                e->u.dictcomp.value = value;
            } else {
                e = dict_display(p, open, first, value);
            }
        } else if (ouro_p_kind(p) == OURO_TOK_FOR) {
            e = comprehension_of(p, OURO_EXPR_SETCOMP, first, ouro_span_tok(open));
        } else {
            int mark = p->sp;
            if (!ouro_p_push(p, first) || !display_rest(p, first, OURO_TOK_RBRACE))
                return NULL;
            e = ouro_p_expr(p, OURO_EXPR_SET, ouro_span_tok(open));
            if (e)
                e->u.set.elts = ouro_p_exprs(p, mark);
        }
    }
    if (!e || !ouro_p_expect(p, OURO_TOK_RBRACE))
        return NULL;
    p->level--;
    e->span = ouro_p_span_from(p, ouro_span_tok(open));
    return e;
}

static OuroExpr *constant(OuroParser *p, const OuroToken *t, OuroConstKind kind)
{
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_CONSTANT, ouro_span_tok(t));
    if (e)
        e->u.constant.kind = kind;
    return e;
}

static OuroExpr *atom(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    switch (t->kind) {
    case OURO_TOK_NAME:
        ouro_p_next(p);
        return name_expr(p, t, OURO_CTX_LOAD);
    case OURO_TOK_NUMBER:
        ouro_p_next(p);
        return ouro_p_number(p, t);
    case OURO_TOK_STRING:
        return ouro_p_strings(p);
    case OURO_TOK_TRUE:
        ouro_p_next(p);
        return constant(p, t, OURO_CONST_TRUE);
    case OURO_TOK_FALSE:
        ouro_p_next(p);
        return constant(p, t, OURO_CONST_FALSE);
    case OURO_TOK_NONE:
        ouro_p_next(p);
        return constant(p, t, OURO_CONST_NONE);
    case OURO_TOK_ELLIPSIS:
        ouro_p_next(p);
        return constant(p, t, OURO_CONST_ELLIPSIS);
    case OURO_TOK_LPAR:
        return paren_atom(p);
    case OURO_TOK_LSQB:
        return list_atom(p);
    case OURO_TOK_LBRACE:
        return brace_atom(p);
    default:
        return ouro_p_invalid(p);
    }
}

/* ---- expression lists, yield, targets ---- */

OuroExpr *ouro_p_star_expression(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind != OURO_TOK_STAR)
        return ouro_p_expression(p);
    ouro_p_next(p);
    OuroExpr *v = ouro_p_bitwise_or(p);
    return v ? starred(p, t, v) : NULL;
}

/* item (',' item)* [','] -> the item, or a Tuple when there is a comma. */
static OuroExpr *expr_list(OuroParser *p, OuroExpr *(*item)(OuroParser *))
{
    int start = p->pos;
    OuroExpr *first = item(p);
    if (!first || ouro_p_kind(p) != OURO_TOK_COMMA)
        return first;
    int mark = p->sp;
    if (!ouro_p_push(p, first))
        return NULL;
    while (ouro_p_accept(p, OURO_TOK_COMMA)) {
        int k = ouro_p_kind(p);
        if (!ouro_p_starts_expr(k) && k != OURO_TOK_STAR)
            break;
        OuroExpr *e = item(p);
        if (!e || !ouro_p_push(p, e))
            return NULL;
    }
    OuroExpr *t = ouro_p_expr(p, OURO_EXPR_TUPLE, ouro_p_span_at(p, start));
    if (!t)
        return NULL;
    t->u.tuple.elts = ouro_p_exprs(p, mark);
    return t;
}

OuroExpr *ouro_p_star_expressions(OuroParser *p)
{
    return expr_list(p, ouro_p_star_expression);
}

OuroExpr *ouro_p_yield_expr(OuroParser *p)
{
    OuroToken *kw = ouro_p_next(p);
    if (ouro_p_accept(p, OURO_TOK_FROM)) {
        OuroExpr *v = ouro_p_expression(p);
        if (!v)
            return NULL;
        OuroExpr *e = ouro_p_expr(p, OURO_EXPR_YIELDFROM, ouro_p_span_from(p, ouro_span_tok(kw)));
        if (e)
            e->u.yieldfrom.value = v;
        return e;
    }
    OuroExpr *v = NULL;
    int k = ouro_p_kind(p);
    if ((ouro_p_starts_expr(k) || k == OURO_TOK_STAR) && !(v = ouro_p_star_expressions(p)))
        return NULL;
    OuroExpr *e = ouro_p_expr(p, OURO_EXPR_YIELD, ouro_p_span_from(p, ouro_span_tok(kw)));
    if (e)
        e->u.yield.value = v;
    return e;
}

static OuroExpr *star_target(OuroParser *p)
{
    OuroToken *t = ouro_p_tok(p);
    if (t->kind != OURO_TOK_STAR)
        return ouro_p_bitwise_or(p);
    ouro_p_next(p);
    OuroExpr *v = ouro_p_bitwise_or(p);
    return v ? starred(p, t, v) : NULL;
}

OuroExpr *ouro_p_star_targets(OuroParser *p, OuroTargetsKind kind, bool single)
{
    (void)kind;
    return single ? star_target(p) : expr_list(p, star_target);
}

/* ---- parameters of def and lambda ---- */

typedef struct ParamState {
    bool lambda;
    int close;
    int nparams, nslash;              /* positional parameters, how many before '/' */
    bool seen_slash, seen_star, seen_kwarg, seen_default;
} ParamState;

static OuroArg *param(OuroParser *p, ParamState *st)
{
    OuroToken *t = ouro_p_next(p);
    OuroArg *a = ouro_p_alloc(p, sizeof *a);
    if (!a || !(a->name = ouro_p_name(p, t)))
        return NULL;
    a->span = ouro_span_tok(t);
    if (!st->lambda && ouro_p_accept(p, OURO_TOK_COLON)) {
        if (!(a->annotation = ouro_p_expression(p)))
            return NULL;
        a->span = ouro_p_span_from(p, a->span);
    }
    return a;
}

/* '=' default, or NULL with no error when there is none. */
static OuroExpr *param_default(OuroParser *p, ParamState *st, bool *has)
{
    *has = false;
    OuroToken *eq = ouro_p_accept(p, OURO_TOK_EQUAL);
    if (!eq)
        return NULL;
    *has = true;
    int k = ouro_p_kind(p);
    if (k == OURO_TOK_COMMA || k == st->close)
        return ouro_p_err_tok(p, eq, "expected default value expression");
    return ouro_p_expression(p);
}

static void *parenthesized_params(OuroParser *p, ParamState *st)
{
    OuroToken *open = ouro_p_next(p);
    OuroPMark m = ouro_p_mark(p);
    bool ok = ouro_p_accept(p, OURO_TOK_NAME) != NULL;
    while (ok && ouro_p_accept(p, OURO_TOK_COMMA))
        if (!ouro_p_accept(p, OURO_TOK_NAME))
            break;
    OuroToken *close = ok ? ouro_p_accept(p, OURO_TOK_RPAR) : NULL;
    ouro_p_unmark(p, m, !close);
    if (!close)
        return ouro_p_invalid(p);
    return ouro_p_err_range(p, ouro_span_tok(open), ouro_span_tok(close),
                            st->lambda ? "Lambda expression parameters cannot be parenthesized"
                                       : "Function parameters cannot be parenthesized");
}

/* '*' [NAME [':' annotation]] */
static bool star_param(OuroParser *p, ParamState *st, OuroArguments *args)
{
    OuroToken *star = ouro_p_tok(p);
    if (st->seen_kwarg)
        return ouro_p_err_tok(p, star, "arguments cannot follow var-keyword argument"), false;
    if (st->seen_star)
        return ouro_p_err_tok(p, star, "* argument may appear only once"), false;
    ouro_p_next(p);
    st->seen_star = true;
    if (ouro_p_kind(p) == OURO_TOK_NAME) {
        if (!(args->vararg = param(p, st)))
            return false;
        if (ouro_p_kind(p) == OURO_TOK_EQUAL)
            return ouro_p_err_tok(p, ouro_p_tok(p),
                                  "var-positional argument cannot have default value"), false;
        return true;
    }
    int k = ouro_p_kind(p);
    if (k == st->close || (k == OURO_TOK_COMMA && (ouro_p_peek(p, 1)->kind == st->close ||
                                                    ouro_p_peek(p, 1)->kind == OURO_TOK_DOUBLESTAR))) {
        if (st->lambda)                /* invalid_lambda_star_etc has no location */
            return ouro_p_err_last(p, "SyntaxError", "named arguments must follow bare *"), false;
        return ouro_p_err_tok(p, star, "named arguments must follow bare *"), false;
    }
    if (k != OURO_TOK_COMMA)
        return ouro_p_invalid(p), false;
    return true;
}

static bool kwarg_param(OuroParser *p, ParamState *st, OuroArguments *args)
{
    OuroToken *t = ouro_p_tok(p);
    if (st->seen_kwarg)
        return ouro_p_err_tok(p, t, "arguments cannot follow var-keyword argument"), false;
    ouro_p_next(p);
    if (ouro_p_kind(p) != OURO_TOK_NAME)
        return ouro_p_invalid(p), false;
    if (!(args->kwarg = param(p, st)))
        return false;
    if (ouro_p_kind(p) == OURO_TOK_EQUAL)
        return ouro_p_err_tok(p, ouro_p_tok(p), "var-keyword argument cannot have default value"),
               false;
    st->seen_kwarg = true;
    return true;
}

static bool slash_param(OuroParser *p, ParamState *st)
{
    OuroToken *t = ouro_p_tok(p);
    if (st->nparams == 0 && !st->seen_star) {
        if (ouro_p_peek(p, 1)->kind == OURO_TOK_COMMA)
            return ouro_p_err_tok(p, t, "at least one argument must precede /"), false;
        return ouro_p_err_tok(p, t, "invalid syntax"), false;
    }
    if (st->seen_slash)
        return ouro_p_err_tok(p, t, "/ may appear only once"), false;
    if (st->seen_star)
        return ouro_p_err_tok(p, t, "/ must be ahead of *"), false;
    if (st->seen_kwarg)
        return ouro_p_err_tok(p, t, "arguments cannot follow var-keyword argument"), false;
    ouro_p_next(p);
    st->seen_slash = true;
    st->nslash = st->nparams;
    return true;
}

OuroArguments *ouro_p_parameters(OuroParser *p, bool lambda)
{
    ParamState st = { .lambda = lambda, .close = lambda ? OURO_TOK_COLON : OURO_TOK_RPAR };
    OuroArguments *args = ouro_p_alloc(p, sizeof *args);
    if (!args)
        return NULL;
    /* Four lists are built at once: keep each in its own region of a local buffer by
     * collecting (kind, pointer) pairs on the scratch stack and splitting at the end. */
    int mark = p->sp;
    enum { POS, KWONLY, KWDEF, DEF };
    while (ouro_p_kind(p) != st.close) {
        int k = ouro_p_kind(p);
        bool ok = true;
        if (k == OURO_TOK_SLASH) {
            ok = slash_param(p, &st);
        } else if (k == OURO_TOK_STAR) {
            ok = star_param(p, &st, args);
        } else if (k == OURO_TOK_DOUBLESTAR) {
            ok = kwarg_param(p, &st, args);
        } else if (k == OURO_TOK_NAME) {
            if (st.seen_kwarg)
                return ouro_p_err_tok(p, ouro_p_tok(p), "arguments cannot follow var-keyword argument");
            OuroToken *start = ouro_p_tok(p);
            OuroArg *a = param(p, &st);
            bool has;
            OuroExpr *d = a ? param_default(p, &st, &has) : NULL;
            if (!a || p->failed)
                return NULL;
            if (st.seen_star) {
                ok = ouro_p_push(p, (void *)(intptr_t)KWONLY) && ouro_p_push(p, a) &&
                     ouro_p_push(p, (void *)(intptr_t)KWDEF) && ouro_p_push(p, d);
            } else {
                if (!has && st.seen_default)
                    return ouro_p_err_span(p, ouro_span_tok(start),
                                           "non-default argument follows default argument");
                st.seen_default |= has;
                st.nparams++;
                ok = ouro_p_push(p, (void *)(intptr_t)POS) && ouro_p_push(p, a);
                if (ok && has)
                    ok = ouro_p_push(p, (void *)(intptr_t)DEF) && ouro_p_push(p, d);
            }
        } else if (k == OURO_TOK_LPAR) {
            return parenthesized_params(p, &st);
        } else {
            return ouro_p_invalid(p);
        }
        if (!ok)
            return NULL;
        if (!ouro_p_accept(p, OURO_TOK_COMMA))
            break;
    }
    /* Split the tagged pairs into the four lists. */
    int n = (p->sp - mark) / 2, counts[4] = { 0, 0, 0, 0 };
    for (int i = 0; i < n; i++)
        counts[(intptr_t)p->stack[mark + 2 * i]]++;
    void **lists[4];
    for (int j = 0; j < 4; j++) {
        lists[j] = counts[j] ? ouro_p_alloc(p, sizeof(void *) * (size_t)counts[j]) : NULL;
        if (counts[j] && !lists[j])
            return NULL;
        counts[j] = 0;
    }
    for (int i = 0; i < n; i++) {
        int j = (int)(intptr_t)p->stack[mark + 2 * i];
        lists[j][counts[j]++] = p->stack[mark + 2 * i + 1];
    }
    p->sp = mark;
    int npos = counts[POS];
    args->posonlyargs = (OuroArgList){ (OuroArg **)lists[POS], st.nslash };
    /* No positional parameters: lists[POS] is NULL, and NULL + 0 is undefined. */
    args->args = (OuroArgList){ npos > st.nslash ? (OuroArg **)lists[POS] + st.nslash : NULL,
                                npos - st.nslash };
    if (st.nslash == 0)
        args->posonlyargs.items = NULL;
    args->kwonlyargs = (OuroArgList){ (OuroArg **)lists[KWONLY], counts[KWONLY] };
    args->kw_defaults = (OuroExprList){ (OuroExpr **)lists[KWDEF], counts[KWDEF] };
    args->defaults = (OuroExprList){ (OuroExpr **)lists[DEF], counts[DEF] };
    return args;
}
