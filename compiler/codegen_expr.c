/* compiler/codegen_expr.c — code generation for expressions: constants and their folding
 * (tuples of constants, unary minus on numbers), displays with * and ** unpacking, calls
 * (LOAD_METHOD/CALL_METHOD, keyword and unpacking forms), comparisons and short-circuit
 * jumps, f-strings, lambdas, comprehensions as nested functions, assignment and deletion
 * targets. Patterns follow CPython 3.10's compile.c. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"

#include <string.h>

/* ---- constants ------------------------------------------------------------------------------ */

static bool const_from_ast(OuroExpr *e, OuroCgConst *out) {
    memset(out, 0, sizeof *out);
    switch (e->u.constant.kind) {
    case OURO_CONST_NONE: out->kind = OURO_CK_NONE; break;
    case OURO_CONST_TRUE: out->kind = OURO_CK_TRUE; break;
    case OURO_CONST_FALSE: out->kind = OURO_CK_FALSE; break;
    case OURO_CONST_ELLIPSIS: out->kind = OURO_CK_ELLIPSIS; break;
    case OURO_CONST_INT: out->kind = OURO_CK_INT; out->ival = e->u.constant.ival; break;
    case OURO_CONST_BIGINT:
        out->kind = OURO_CK_BIGINT;
        out->s = e->u.constant.str;
        out->n = strlen(e->u.constant.str);
        break;
    case OURO_CONST_FLOAT: out->kind = OURO_CK_FLOAT; out->fval = e->u.constant.fval; break;
    case OURO_CONST_STR:
        out->kind = OURO_CK_STR;
        out->s = e->u.constant.str;
        out->n = e->u.constant.str_len;
        break;
    }
    return true;
}

static bool negate_const(OuroCompiler *c, OuroCgConst *k) {
    switch (k->kind) {
    case OURO_CK_INT:
        if (k->ival == INT64_MIN) {
            k->kind = OURO_CK_BIGINT;
            k->s = "9223372036854775808";
            k->n = strlen(k->s);
        } else {
            k->ival = -k->ival;
        }
        return true;
    case OURO_CK_FLOAT:
        k->fval = -k->fval;
        return true;
    case OURO_CK_BIGINT:
        if (k->s[0] == '-') {
            k->s++;
            k->n--;
        } else {
            char *s = ouro_arena_alloc(c->arena, k->n + 2);
            if (!s) {
                ouro_cg_nomem(c);
                return false;
            }
            s[0] = '-';
            memcpy(s + 1, k->s, k->n + 1);
            k->s = s;
            k->n++;
        }
        return true;
    default:
        return false;
    }
}

bool ouro_cg_const_of(OuroCompiler *c, OuroExpr *e, OuroCgConst *out) {
    switch (e->kind) {
    case OURO_EXPR_CONSTANT:
        return const_from_ast(e, out);
    case OURO_EXPR_UNARYOP:
        return e->u.unaryop.op == OURO_UOP_USUB && ouro_cg_const_of(c, e->u.unaryop.operand, out) &&
               negate_const(c, out);
    case OURO_EXPR_TUPLE: {
        if (e->u.tuple.ctx != OURO_CTX_LOAD)
            return false;
        int n = e->u.tuple.elts.count;
        OuroCgConst *items = n ? ouro_arena_alloc(c->arena, sizeof(OuroCgConst) * (size_t)n) : NULL;
        if (n && !items) {
            ouro_cg_nomem(c);
            return false;
        }
        for (int i = 0; i < n; i++)
            if (!ouro_cg_const_of(c, e->u.tuple.elts.items[i], &items[i]))
                return false;
        memset(out, 0, sizeof *out);
        out->kind = OURO_CK_TUPLE;
        out->items = items;
        out->n = (size_t)n;
        return true;
    }
    default:
        return false;
    }
}

/* A tuple constant from a list of constant expressions (for `x in [1, 2]`, defaults). */
static bool const_tuple_of(OuroCompiler *c, OuroExprList *elts, OuroCgConst *out) {
    int n = elts->count;
    OuroCgConst *items = n ? ouro_arena_alloc(c->arena, sizeof(OuroCgConst) * (size_t)n) : NULL;
    if (n && !items) {
        ouro_cg_nomem(c);
        return false;
    }
    for (int i = 0; i < n; i++)
        if (!ouro_cg_const_of(c, elts->items[i], &items[i]))
            return false;
    memset(out, 0, sizeof *out);
    out->kind = OURO_CK_TUPLE;
    out->items = items;
    out->n = (size_t)n;
    return true;
}

/* 1 truthy, 0 falsy, -1 not a constant. */
static int const_truth(OuroExpr *e) {
    if (e->kind != OURO_EXPR_CONSTANT)
        return -1;
    switch (e->u.constant.kind) {
    case OURO_CONST_NONE: case OURO_CONST_FALSE: return 0;
    case OURO_CONST_TRUE: case OURO_CONST_ELLIPSIS: case OURO_CONST_BIGINT: return 1;
    case OURO_CONST_INT: return e->u.constant.ival != 0;
    case OURO_CONST_FLOAT: return e->u.constant.fval != 0.0;
    case OURO_CONST_STR: return e->u.constant.str_len != 0;
    }
    return -1;
}

/* ---- helpers -------------------------------------------------------------------------------- */

static unsigned binop_arg(OuroOperator op) {
    static const unsigned map[] = {
        [OURO_OP_ADD] = OURO_NB_ADD, [OURO_OP_SUB] = OURO_NB_SUBTRACT,
        [OURO_OP_MULT] = OURO_NB_MULTIPLY, [OURO_OP_MATMULT] = OURO_NB_MATRIX_MULTIPLY,
        [OURO_OP_DIV] = OURO_NB_TRUE_DIVIDE, [OURO_OP_MOD] = OURO_NB_REMAINDER,
        [OURO_OP_POW] = OURO_NB_POWER, [OURO_OP_LSHIFT] = OURO_NB_LSHIFT,
        [OURO_OP_RSHIFT] = OURO_NB_RSHIFT, [OURO_OP_BITOR] = OURO_NB_OR,
        [OURO_OP_BITXOR] = OURO_NB_XOR, [OURO_OP_BITAND] = OURO_NB_AND,
        [OURO_OP_FLOORDIV] = OURO_NB_FLOOR_DIVIDE,
    };
    return map[op];
}

static void emit_compare(OuroCompiler *c, OuroCmpOp op) {
    switch (op) {
    case OURO_CMP_EQ: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_EQ); break;
    case OURO_CMP_NOTEQ: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_NE); break;
    case OURO_CMP_LT: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_LT); break;
    case OURO_CMP_LTE: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_LE); break;
    case OURO_CMP_GT: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_GT); break;
    case OURO_CMP_GTE: ouro_cg_emit(c, OURO_CGOP_COMPARE_OP, OURO_GE); break;
    case OURO_CMP_IS: ouro_cg_emit(c, OURO_CGOP_IS_OP, 0); break;
    case OURO_CMP_ISNOT: ouro_cg_emit(c, OURO_CGOP_IS_OP, 1); break;
    case OURO_CMP_IN: ouro_cg_emit(c, OURO_CGOP_CONTAINS_OP, 0); break;
    case OURO_CMP_NOTIN: ouro_cg_emit(c, OURO_CGOP_CONTAINS_OP, 1); break;
    }
}

OuroSpan ouro_cg_attr_span(OuroExpr *attr) {
    OuroSpan s = attr->span;
    if (s.line != s.end_line) {
        int len = (int)strlen(attr->u.attribute.attr);
        s.line = s.end_line;
        s.col = len <= s.end_col ? s.end_col - len : -1;
        if (s.col < 0)
            s.end_col = -1;
    }
    return s;
}

/* The right operand of `in` / `not in` or a for-loop iterable: a list display of
 * constants is loaded as one tuple constant. */
static int expr_as_iterable(OuroCompiler *c, OuroExpr *e) {
    OuroCgConst k;
    if (e->kind == OURO_EXPR_LIST && e->u.list.ctx == OURO_CTX_LOAD &&
        const_tuple_of(c, &e->u.list.elts, &k)) {
        OuroSpan old = ouro_cg_set_loc(c, e->span);
        ouro_cg_load_const(c, &k);
        c->u->loc = old;
        return 0;
    }
    return ouro_cg_expr(c, e);
}

static int expr_list(OuroCompiler *c, OuroExprList *l) {
    for (int i = 0; i < l->count; i++)
        if (ouro_cg_expr(c, l->items[i]) < 0)
            return -1;
    return 0;
}

/* starunpack_helper: builds a list/tuple/set from elements that may contain *x; `pushed`
 * values already on the stack become the first items. */
static int starunpack(OuroCompiler *c, OuroExprList *elts, int pushed, unsigned build,
                      unsigned add, unsigned extend, bool tuple) {
    int n = elts->count;
    bool big = n + pushed > OURO_CG_STACK_USE_GUIDELINE;
    bool seen_star = false;
    for (int i = 0; i < n; i++)
        seen_star |= elts->items[i]->kind == OURO_EXPR_STARRED;
    OuroCgConst k;
    if (!seen_star && pushed == 0 && n > 2 && const_tuple_of(c, elts, &k)) {
        if (tuple) {
            ouro_cg_load_const(c, &k);
        } else {
            ouro_cg_emit(c, build, 0);
            ouro_cg_load_const(c, &k);
            ouro_cg_emit(c, extend, 1);
        }
        return 0;
    }
    if (!seen_star && !big) {
        if (expr_list(c, elts) < 0)
            return -1;
        ouro_cg_emit(c, tuple ? OURO_CGOP_BUILD_TUPLE : build, (uint32_t)(n + pushed));
        return 0;
    }
    bool built = false;
    if (big) {
        ouro_cg_emit(c, build, (uint32_t)pushed);
        built = true;
    }
    for (int i = 0; i < n; i++) {
        OuroExpr *elt = elts->items[i];
        if (elt->kind == OURO_EXPR_STARRED) {
            if (!built) {
                ouro_cg_emit(c, build, (uint32_t)(i + pushed));
                built = true;
            }
            if (ouro_cg_expr(c, elt->u.starred.value) < 0)
                return -1;
            ouro_cg_emit(c, extend, 1);
        } else {
            if (ouro_cg_expr(c, elt) < 0)
                return -1;
            if (built)
                ouro_cg_emit(c, add, 1);
        }
    }
    if (tuple)
        ouro_cg_op(c, OURO_CGOP_LIST_TO_TUPLE);
    return 0;
}

/* ---- assignment and deletion targets ---------------------------------------------------------- */

static int assign_sequence(OuroCompiler *c, OuroExpr *t, OuroExprList *elts) {
    int n = elts->count;
    bool seen_star = false;
    for (int i = 0; i < n; i++) {
        if (elts->items[i]->kind != OURO_EXPR_STARRED)
            continue;
        if (seen_star)
            return ouro_cg_error(c, t->span, "multiple starred expressions in assignment");
        if (i >= (1 << 8) || n - i - 1 >= 0xffff)
            return ouro_cg_error(c, t->span, "too many expressions in star-unpacking assignment");
        ouro_cg_emit(c, OURO_CGOP_UNPACK_EX, (uint32_t)(i + ((n - i - 1) << 8)));
        seen_star = true;
    }
    if (!seen_star)
        ouro_cg_emit(c, OURO_CGOP_UNPACK_SEQUENCE, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        OuroExpr *elt = elts->items[i];
        if (ouro_cg_assign_target(c, elt->kind == OURO_EXPR_STARRED ? elt->u.starred.value : elt) < 0)
            return -1;
    }
    return 0;
}

int ouro_cg_assign_target(OuroCompiler *c, OuroExpr *t) {
    OuroSpan old = ouro_cg_set_loc(c, t->span);
    int r = 0;
    switch (t->kind) {
    case OURO_EXPR_NAME:
        if (strcmp(t->u.name.id, "__debug__") == 0)
            r = ouro_cg_error(c, t->span, "cannot assign to __debug__");
        else
            r = ouro_cg_nameop(c, t->u.name.id, OURO_CTX_STORE);
        break;
    case OURO_EXPR_ATTRIBUTE:
        r = ouro_cg_expr(c, t->u.attribute.value);
        c->u->loc = ouro_cg_attr_span(t);
        ouro_cg_emit_name(c, OURO_CGOP_STORE_ATTR, t->u.attribute.attr);
        break;
    case OURO_EXPR_SUBSCRIPT:
        if (ouro_cg_expr(c, t->u.subscript.value) < 0 || ouro_cg_expr(c, t->u.subscript.slice) < 0)
            r = -1;
        else
            ouro_cg_op(c, OURO_CGOP_STORE_SUBSCR);
        break;
    case OURO_EXPR_TUPLE:
        r = assign_sequence(c, t, &t->u.tuple.elts);
        break;
    case OURO_EXPR_LIST:
        r = assign_sequence(c, t, &t->u.list.elts);
        break;
    case OURO_EXPR_STARRED:
        r = ouro_cg_error(c, t->span, "starred assignment target must be in a list or tuple");
        break;
    default:
        r = ouro_cg_error(c, t->span, "cannot assign to expression");
        break;
    }
    c->u->loc = old;
    return r;
}

int ouro_cg_delete_target(OuroCompiler *c, OuroExpr *t) {
    OuroSpan old = ouro_cg_set_loc(c, t->span);
    int r = 0;
    switch (t->kind) {
    case OURO_EXPR_NAME:
        r = ouro_cg_nameop(c, t->u.name.id, OURO_CTX_DEL);
        break;
    case OURO_EXPR_ATTRIBUTE:
        r = ouro_cg_expr(c, t->u.attribute.value);
        c->u->loc = ouro_cg_attr_span(t);
        ouro_cg_emit_name(c, OURO_CGOP_DELETE_ATTR, t->u.attribute.attr);
        break;
    case OURO_EXPR_SUBSCRIPT:
        if (ouro_cg_expr(c, t->u.subscript.value) < 0 || ouro_cg_expr(c, t->u.subscript.slice) < 0)
            r = -1;
        else
            ouro_cg_op(c, OURO_CGOP_DELETE_SUBSCR);
        break;
    case OURO_EXPR_TUPLE:
    case OURO_EXPR_LIST: {
        OuroExprList *l = t->kind == OURO_EXPR_TUPLE ? &t->u.tuple.elts : &t->u.list.elts;
        for (int i = 0; i < l->count && r == 0; i++)
            r = ouro_cg_delete_target(c, l->items[i]);
        break;
    }
    default:
        r = ouro_cg_error(c, t->span, "cannot delete expression");
        break;
    }
    c->u->loc = old;
    return r;
}

/* ---- slices, subscripts, attributes ----------------------------------------------------------- */

static int compile_slice(OuroCompiler *c, OuroExpr *s) {
    OuroExpr *parts[2] = {s->u.slice.lower, s->u.slice.upper};
    for (int i = 0; i < 2; i++) {
        if (parts[i]) {
            if (ouro_cg_expr(c, parts[i]) < 0)
                return -1;
        } else {
            ouro_cg_load_none(c);
        }
    }
    if (s->u.slice.step && ouro_cg_expr(c, s->u.slice.step) < 0)
        return -1;
    ouro_cg_emit(c, OURO_CGOP_BUILD_SLICE, s->u.slice.step ? 3 : 2);
    return 0;
}

/* ---- boolean operators and comparisons -------------------------------------------------------- */

static int compile_boolop(OuroCompiler *c, OuroExpr *e) {
    unsigned op = e->u.boolop.op == OURO_BOOL_AND ? OURO_CGOP_JUMP_IF_FALSE_OR_POP
                                                   : OURO_CGOP_JUMP_IF_TRUE_OR_POP;
    int end = ouro_cg_new_label(c);
    OuroExprList *v = &e->u.boolop.values;
    for (int i = 0; i < v->count - 1; i++) {
        if (ouro_cg_expr(c, v->items[i]) < 0)
            return -1;
        ouro_cg_emit(c, op, (uint32_t)end);
    }
    if (ouro_cg_expr(c, v->items[v->count - 1]) < 0)
        return -1;
    ouro_cg_place(c, end);
    return 0;
}

static int compile_compare(OuroCompiler *c, OuroExpr *e) {
    int n = e->u.compare.count - 1;
    if (ouro_cg_expr(c, e->u.compare.left) < 0)
        return -1;
    OuroExprList *cmp = &e->u.compare.comparators;
    if (n == 0) {
        OuroCmpOp op = e->u.compare.ops[0];
        int r = (op == OURO_CMP_IN || op == OURO_CMP_NOTIN) ? expr_as_iterable(c, cmp->items[0])
                                                            : ouro_cg_expr(c, cmp->items[0]);
        if (r < 0)
            return -1;
        emit_compare(c, op);
        return 0;
    }
    int cleanup = ouro_cg_new_label(c), end = ouro_cg_new_label(c);
    for (int i = 0; i < n; i++) {
        if (ouro_cg_expr(c, cmp->items[i]) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_DUP_TOP);
        ouro_cg_op(c, OURO_CGOP_ROT_THREE);
        emit_compare(c, e->u.compare.ops[i]);
        ouro_cg_emit(c, OURO_CGOP_JUMP_IF_FALSE_OR_POP, (uint32_t)cleanup);
    }
    if (ouro_cg_expr(c, cmp->items[n]) < 0)
        return -1;
    emit_compare(c, e->u.compare.ops[n]);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
    ouro_cg_place(c, cleanup);
    ouro_cg_op(c, OURO_CGOP_ROT_TWO);
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    ouro_cg_place(c, end);
    return 0;
}

static int jump_if_compare(OuroCompiler *c, OuroExpr *e, int label, bool cond) {
    int n = e->u.compare.count - 1;
    int cleanup = ouro_cg_new_label(c), end = ouro_cg_new_label(c);
    OuroExprList *cmp = &e->u.compare.comparators;
    if (ouro_cg_expr(c, e->u.compare.left) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (ouro_cg_expr(c, cmp->items[i]) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_DUP_TOP);
        ouro_cg_op(c, OURO_CGOP_ROT_THREE);
        emit_compare(c, e->u.compare.ops[i]);
        ouro_cg_emit(c, OURO_CGOP_POP_JUMP_IF_FALSE, (uint32_t)cleanup);
    }
    if (ouro_cg_expr(c, cmp->items[n]) < 0)
        return -1;
    emit_compare(c, e->u.compare.ops[n]);
    ouro_cg_emit(c, cond ? OURO_CGOP_POP_JUMP_IF_TRUE : OURO_CGOP_POP_JUMP_IF_FALSE, (uint32_t)label);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
    ouro_cg_place(c, cleanup);
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    if (!cond)
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)label);
    ouro_cg_place(c, end);
    return 0;
}

static int jump_if_inner(OuroCompiler *c, OuroExpr *e, int label, bool cond) {
    switch (e->kind) {
    case OURO_EXPR_UNARYOP:
        if (e->u.unaryop.op == OURO_UOP_NOT)
            return ouro_cg_jump_if(c, e->u.unaryop.operand, label, !cond);
        break;
    case OURO_EXPR_BOOLOP: {
        OuroExprList *v = &e->u.boolop.values;
        bool cond2 = e->u.boolop.op == OURO_BOOL_OR;
        int next2 = label;
        if (cond2 != cond)
            next2 = ouro_cg_new_label(c);
        for (int i = 0; i < v->count - 1; i++)
            if (ouro_cg_jump_if(c, v->items[i], next2, cond2) < 0)
                return -1;
        if (ouro_cg_jump_if(c, v->items[v->count - 1], label, cond) < 0)
            return -1;
        if (next2 != label)
            ouro_cg_place(c, next2);
        return 0;
    }
    case OURO_EXPR_IFEXP: {
        int end = ouro_cg_new_label(c), next2 = ouro_cg_new_label(c);
        if (ouro_cg_jump_if(c, e->u.ifexp.test, next2, false) < 0 ||
            ouro_cg_jump_if(c, e->u.ifexp.body, label, cond) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
        ouro_cg_place(c, next2);
        if (ouro_cg_jump_if(c, e->u.ifexp.orelse, label, cond) < 0)
            return -1;
        ouro_cg_place(c, end);
        return 0;
    }
    case OURO_EXPR_COMPARE:
        if (e->u.compare.count > 1)
            return jump_if_compare(c, e, label, cond);
        break;
    case OURO_EXPR_CONSTANT: {
        int t = const_truth(e);
        if (t >= 0) {
            if ((t == 1) == cond)
                ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)label);
            return 0;
        }
        break;
    }
    default:
        break;
    }
    if (ouro_cg_expr(c, e) < 0)
        return -1;
    ouro_cg_emit(c, cond ? OURO_CGOP_POP_JUMP_IF_TRUE : OURO_CGOP_POP_JUMP_IF_FALSE, (uint32_t)label);
    return 0;
}

int ouro_cg_jump_if(OuroCompiler *c, OuroExpr *e, int label, bool cond) {
    OuroSpan old = ouro_cg_set_loc(c, e->span);
    int r = jump_if_inner(c, e, label, cond);
    c->u->loc = old;
    return r;
}

/* ---- calls ---------------------------------------------------------------------------------- */

static bool span_before(OuroSpan a, OuroSpan b) {
    return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Argument-order rules the AST no longer shows (the parser may have checked already). */
static int check_call_order(OuroCompiler *c, OuroExprList *args, OuroKeywordList *kws) {
    for (int i = 0; i < args->count; i++) {
        OuroExpr *a = args->items[i];
        for (int k = 0; k < kws->count; k++) {
            OuroKeyword *kw = kws->items[k];
            if (!span_before(kw->span, a->span))
                continue;
            if (a->kind == OURO_EXPR_STARRED) {
                if (!kw->arg)
                    return ouro_cg_error(c, a->span, "iterable argument unpacking follows keyword "
                                                     "argument unpacking");
            } else {
                return ouro_cg_error(c, a->span, kw->arg ? "positional argument follows keyword "
                                                           "argument"
                                                         : "positional argument follows keyword "
                                                           "argument unpacking");
            }
        }
    }
    for (int k = 0; k < kws->count; k++) {
        if (!kws->items[k]->arg)
            continue;
        for (int j = 0; j < k; j++)
            if (kws->items[j]->arg && strcmp(kws->items[j]->arg, kws->items[k]->arg) == 0)
                return ouro_cg_error(c, kws->items[k]->span, "keyword argument repeated: %s",
                                     kws->items[k]->arg);
    }
    return 0;
}

/* A tuple constant of the keyword names kws[begin..end). */
static bool kwnames_const(OuroCompiler *c, OuroKeywordList *kws, int begin, int end,
                          OuroCgConst *out) {
    int n = end - begin;
    OuroCgConst *items = ouro_arena_alloc(c->arena, sizeof(OuroCgConst) * (size_t)(n ? n : 1));
    if (!items) {
        ouro_cg_nomem(c);
        return false;
    }
    for (int i = 0; i < n; i++) {
        const char *name = kws->items[begin + i]->arg;
        items[i] = (OuroCgConst){.kind = OURO_CK_STR, .s = name, .n = strlen(name)};
    }
    *out = (OuroCgConst){.kind = OURO_CK_TUPLE, .items = items, .n = (size_t)n};
    return true;
}

/* compiler_subkwargs: a dict of the keyword arguments kws[begin..end). */
static int subkwargs(OuroCompiler *c, OuroKeywordList *kws, int begin, int end) {
    int n = end - begin;
    bool big = n * 2 > OURO_CG_STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        for (int i = begin; i < end; i++)
            if (ouro_cg_expr(c, kws->items[i]->value) < 0)
                return -1;
        OuroCgConst k;
        if (!kwnames_const(c, kws, begin, end, &k))
            return -1;
        ouro_cg_load_const(c, &k);
        ouro_cg_emit(c, OURO_CGOP_BUILD_CONST_KEY_MAP, (uint32_t)n);
        return 0;
    }
    if (big)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
    for (int i = begin; i < end; i++) {
        ouro_cg_load_str(c, kws->items[i]->arg);
        if (ouro_cg_expr(c, kws->items[i]->value) < 0)
            return -1;
        if (big)
            ouro_cg_emit(c, OURO_CGOP_MAP_ADD, 1);
    }
    if (!big)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, (uint32_t)n);
    return 0;
}

static int call_ex(OuroCompiler *c, int n, OuroExprList *args, OuroKeywordList *kws) {
    if (starunpack(c, args, n, OURO_CGOP_BUILD_LIST, OURO_CGOP_LIST_APPEND, OURO_CGOP_LIST_EXTEND,
                   true) < 0)
        return -1;
    int nkw = kws->count;
    if (nkw) {
        bool have_dict = false;
        int nseen = 0;
        for (int i = 0; i < nkw; i++) {
            OuroKeyword *kw = kws->items[i];
            if (kw->arg) {
                nseen++;
                continue;
            }
            if (nseen) {
                if (subkwargs(c, kws, i - nseen, i) < 0)
                    return -1;
                if (have_dict)
                    ouro_cg_emit(c, OURO_CGOP_DICT_MERGE, 1);
                have_dict = true;
                nseen = 0;
            }
            if (!have_dict) {
                ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
                have_dict = true;
            }
            if (ouro_cg_expr(c, kw->value) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_DICT_MERGE, 1);
        }
        if (nseen) {
            if (subkwargs(c, kws, nkw - nseen, nkw) < 0)
                return -1;
            if (have_dict)
                ouro_cg_emit(c, OURO_CGOP_DICT_MERGE, 1);
        }
    }
    ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION_EX, nkw > 0);
    return 0;
}

int ouro_cg_call_helper(OuroCompiler *c, int n, OuroExprList *args, OuroKeywordList *kws,
                        OuroSpan span) {
    if (check_call_order(c, args, kws) < 0)
        return -1;
    int nargs = args->count, nkw = kws->count;
    bool simple = nargs + nkw * 2 <= OURO_CG_STACK_USE_GUIDELINE;
    for (int i = 0; simple && i < nargs; i++)
        simple = args->items[i]->kind != OURO_EXPR_STARRED;
    for (int i = 0; simple && i < nkw; i++)
        simple = kws->items[i]->arg != NULL;
    if (!simple) {
        OuroSpan old = ouro_cg_set_loc(c, span);
        int r = call_ex(c, n, args, kws);
        c->u->loc = old;
        return r;
    }
    if (expr_list(c, args) < 0)
        return -1;
    for (int i = 0; i < nkw; i++)
        if (ouro_cg_expr(c, kws->items[i]->value) < 0)
            return -1;
    OuroSpan old = ouro_cg_set_loc(c, span);
    if (nkw) {
        OuroCgConst k;
        if (!kwnames_const(c, kws, 0, nkw, &k))
            return -1;
        ouro_cg_load_const(c, &k);
        ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION_KW, (uint32_t)(n + nargs + nkw));
    } else {
        ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION, (uint32_t)(n + nargs));
    }
    c->u->loc = old;
    return 0;
}

static int compile_call(OuroCompiler *c, OuroExpr *e) {
    OuroExpr *f = e->u.call.func;
    OuroExprList *args = &e->u.call.args;
    bool method = f->kind == OURO_EXPR_ATTRIBUTE && f->u.attribute.ctx == OURO_CTX_LOAD &&
                  e->u.call.keywords.count == 0 && args->count < OURO_CG_STACK_USE_GUIDELINE;
    for (int i = 0; method && i < args->count; i++)
        method = args->items[i]->kind != OURO_EXPR_STARRED;
    if (!method) {
        if (ouro_cg_expr(c, f) < 0)
            return -1;
        return ouro_cg_call_helper(c, 0, args, &e->u.call.keywords, e->span);
    }
    if (ouro_cg_expr(c, f->u.attribute.value) < 0)
        return -1;
    OuroSpan at = ouro_cg_attr_span(f);
    c->u->loc = at;
    ouro_cg_emit_name(c, OURO_CGOP_LOAD_METHOD, f->u.attribute.attr);
    if (expr_list(c, args) < 0)
        return -1;
    OuroSpan call = e->span;
    if (at.line != call.line) {
        call.line = at.line;
        call.col = at.col;
    }
    c->u->loc = call;
    ouro_cg_emit(c, OURO_CGOP_CALL_METHOD, (uint32_t)args->count);
    return 0;
}

/* ---- displays ---------------------------------------------------------------------------------- */

/* compiler_subdict: keys[begin..end) and their values as one dict. */
static int subdict(OuroCompiler *c, OuroExpr *e, int begin, int end) {
    OuroExprList *keys = &e->u.dict.keys, *values = &e->u.dict.values;
    int n = end - begin;
    bool big = n * 2 > OURO_CG_STACK_USE_GUIDELINE;
    if (n > 1 && !big) {
        OuroExprList sub = {keys->items + begin, n};
        OuroCgConst k;
        if (const_tuple_of(c, &sub, &k)) {
            for (int i = begin; i < end; i++)
                if (ouro_cg_expr(c, values->items[i]) < 0)
                    return -1;
            ouro_cg_load_const(c, &k);
            ouro_cg_emit(c, OURO_CGOP_BUILD_CONST_KEY_MAP, (uint32_t)n);
            return 0;
        }
    }
    if (big)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
    for (int i = begin; i < end; i++) {
        if (ouro_cg_expr(c, keys->items[i]) < 0 || ouro_cg_expr(c, values->items[i]) < 0)
            return -1;
        if (big)
            ouro_cg_emit(c, OURO_CGOP_MAP_ADD, 1);
    }
    if (!big)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, (uint32_t)n);
    return 0;
}

static int compile_dict(OuroCompiler *c, OuroExpr *e) {
    int n = e->u.dict.values.count, elements = 0;
    bool have_dict = false;
    for (int i = 0; i < n; i++) {
        if (e->u.dict.keys.items[i] == NULL) {
            if (elements) {
                if (subdict(c, e, i - elements, i) < 0)
                    return -1;
                if (have_dict)
                    ouro_cg_emit(c, OURO_CGOP_DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
                have_dict = true;
            }
            if (ouro_cg_expr(c, e->u.dict.values.items[i]) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_DICT_UPDATE, 1);
        } else if (elements * 2 > OURO_CG_STACK_USE_GUIDELINE) {
            if (subdict(c, e, i - elements, i + 1) < 0)
                return -1;
            if (have_dict)
                ouro_cg_emit(c, OURO_CGOP_DICT_UPDATE, 1);
            have_dict = true;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements) {
        if (subdict(c, e, n - elements, n) < 0)
            return -1;
        if (have_dict)
            ouro_cg_emit(c, OURO_CGOP_DICT_UPDATE, 1);
        have_dict = true;
    }
    if (!have_dict)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
    return 0;
}

/* ---- f-strings --------------------------------------------------------------------------------- */

static int compile_formatted(OuroCompiler *c, OuroExpr *e) {
    if (ouro_cg_expr(c, e->u.formatted.value) < 0)
        return -1;
    unsigned arg = 0;
    switch (e->u.formatted.conversion) {
    case 's': arg = 1; break;
    case 'r': arg = 2; break;
    case 'a': arg = 3; break;
    default: arg = 0; break;
    }
    if (e->u.formatted.format_spec) {
        if (ouro_cg_expr(c, e->u.formatted.format_spec) < 0)
            return -1;
        arg |= 4;
    }
    ouro_cg_emit(c, OURO_CGOP_FORMAT_VALUE, arg);
    return 0;
}

static int compile_joined(OuroCompiler *c, OuroExpr *e) {
    OuroExprList *v = &e->u.joinedstr.values;
    if (v->count == 0) {
        ouro_cg_load_str(c, "");
        return 0;
    }
    if (v->count > OURO_CG_STACK_USE_GUIDELINE) {
        ouro_cg_load_str(c, "");
        ouro_cg_emit_name(c, OURO_CGOP_LOAD_METHOD, "join");
        ouro_cg_emit(c, OURO_CGOP_BUILD_LIST, 0);
        for (int i = 0; i < v->count; i++) {
            if (ouro_cg_expr(c, v->items[i]) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_LIST_APPEND, 1);
        }
        ouro_cg_emit(c, OURO_CGOP_CALL_METHOD, 1);
        return 0;
    }
    if (expr_list(c, v) < 0)
        return -1;
    if (v->count != 1)
        ouro_cg_emit(c, OURO_CGOP_BUILD_STRING, (uint32_t)v->count);
    return 0;
}

/* ---- functions: defaults, lambda, comprehensions ----------------------------------------------- */

int ouro_cg_default_args(OuroCompiler *c, OuroArguments *a, unsigned *flags) {
    if (a->defaults.count) {
        OuroCgConst k;
        if (const_tuple_of(c, &a->defaults, &k)) {
            ouro_cg_load_const(c, &k);
        } else {
            if (expr_list(c, &a->defaults) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_BUILD_TUPLE, (uint32_t)a->defaults.count);
        }
        *flags |= 1;
    }
    int nkw = 0;
    for (int i = 0; i < a->kwonlyargs.count; i++) {
        OuroExpr *d = i < a->kw_defaults.count ? a->kw_defaults.items[i] : NULL;
        if (!d)
            continue;
        ouro_cg_load_str(c, ouro_cg_mangle(c, a->kwonlyargs.items[i]->name));
        if (ouro_cg_expr(c, d) < 0)
            return -1;
        nkw++;
    }
    if (nkw) {
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, (uint32_t)nkw);
        *flags |= 2;
    }
    return 0;
}

void ouro_cg_set_argcounts(OuroCompiler *c, OuroArguments *a) {
    OuroCgUnit *u = c->u;
    u->posonlyargcount = a->posonlyargs.count;
    u->argcount = a->posonlyargs.count + a->args.count;
    u->kwonlyargcount = a->kwonlyargs.count;
    if (a->vararg)
        u->flags |= OURO_CO_VARARGS;
    if (a->kwarg)
        u->flags |= OURO_CO_VARKEYWORDS;
}

static int compile_lambda(OuroCompiler *c, OuroExpr *e) {
    unsigned flags = 0;
    OuroArguments *a = e->u.lambda.args;
    if (ouro_cg_default_args(c, a, &flags) < 0)
        return -1;
    if (ouro_cg_enter_scope(c, e, "<lambda>", e->span.line) < 0)
        return -1;
    OuroCgConst none = {.kind = OURO_CK_NONE};
    ouro_cg_add_const(c, &none);           /* consts[0] is None: a lambda has no docstring */
    ouro_cg_set_argcounts(c, a);
    c->u->loc = e->u.lambda.body->span;
    if (ouro_cg_expr(c, e->u.lambda.body) < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    int idx = ouro_cg_exit_scope(c);
    if (idx < 0)
        return -1;
    ouro_cg_make_closure(c, idx, flags);
    return 0;
}

static int comprehension_generator(OuroCompiler *c, OuroComprehensionList *gens, int index,
                                   int depth, OuroExpr *elt, OuroExpr *val, OuroUnitKind kind) {
    OuroComprehension *g = gens->items[index];
    int start = ouro_cg_new_label(c), if_cleanup = ouro_cg_new_label(c);
    int anchor = ouro_cg_new_label(c);
    if (index == 0) {
        ouro_cg_emit(c, OURO_CGOP_LOAD_FAST, 0);
    } else {
        if (expr_as_iterable(c, g->iter) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_GET_ITER);
    }
    depth++;
    ouro_cg_place(c, start);
    ouro_cg_emit(c, OURO_CGOP_FOR_ITER, (uint32_t)anchor);
    if (ouro_cg_assign_target(c, g->target) < 0)
        return -1;
    for (int i = 0; i < g->ifs.count; i++)
        if (ouro_cg_jump_if(c, g->ifs.items[i], if_cleanup, false) < 0)
            return -1;
    if (index + 1 < gens->count) {
        if (comprehension_generator(c, gens, index + 1, depth, elt, val, kind) < 0)
            return -1;
    } else {
        if (ouro_cg_expr(c, elt) < 0)
            return -1;
        switch (kind) {
        case OURO_UNIT_GENEXP:
            ouro_cg_op(c, OURO_CGOP_YIELD_VALUE);
            ouro_cg_op(c, OURO_CGOP_POP_TOP);
            break;
        case OURO_UNIT_LISTCOMP:
            ouro_cg_emit(c, OURO_CGOP_LIST_APPEND, (uint32_t)depth + 1);
            break;
        case OURO_UNIT_SETCOMP:
            ouro_cg_emit(c, OURO_CGOP_SET_ADD, (uint32_t)depth + 1);
            break;
        default:
            if (ouro_cg_expr(c, val) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_MAP_ADD, (uint32_t)depth + 1);
            break;
        }
    }
    ouro_cg_place(c, if_cleanup);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)start);
    ouro_cg_place(c, anchor);
    return 0;
}

static int compile_comprehension(OuroCompiler *c, OuroExpr *e, OuroComprehensionList *gens,
                                 OuroExpr *elt, OuroExpr *val) {
    static const char *const names[] = {
        [OURO_EXPR_LISTCOMP] = "<listcomp>", [OURO_EXPR_SETCOMP] = "<setcomp>",
        [OURO_EXPR_DICTCOMP] = "<dictcomp>", [OURO_EXPR_GENERATOREXP] = "<genexpr>",
    };
    if (ouro_cg_enter_scope(c, e, names[e->kind], e->span.line) < 0)
        return -1;
    OuroUnitKind kind = c->u->kind;
    c->u->argcount = 1;
    if (kind == OURO_UNIT_LISTCOMP)
        ouro_cg_emit(c, OURO_CGOP_BUILD_LIST, 0);
    else if (kind == OURO_UNIT_SETCOMP)
        ouro_cg_emit(c, OURO_CGOP_BUILD_SET, 0);
    else if (kind == OURO_UNIT_DICTCOMP)
        ouro_cg_emit(c, OURO_CGOP_BUILD_MAP, 0);
    if (comprehension_generator(c, gens, 0, 0, elt, val, kind) < 0)
        return -1;
    if (kind != OURO_UNIT_GENEXP)
        ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    int idx = ouro_cg_exit_scope(c);
    if (idx < 0)
        return -1;
    ouro_cg_make_closure(c, idx, 0);
    if (expr_as_iterable(c, gens->items[0]->iter) < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_GET_ITER);
    ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION, 1);
    return 0;
}

/* ---- the expression visitor -------------------------------------------------------------------- */

static int check_yield(OuroCompiler *c, OuroExpr *e) {
    if (c->u->ste->type != OURO_BLOCK_FUNCTION)
        return ouro_cg_error(c, e->span, "'yield' outside function");
    return 0;
}

static int compile_sequence(OuroCompiler *c, OuroExpr *e, OuroExprList *elts, OuroExprContext ctx,
                            bool tuple) {
    if (ctx == OURO_CTX_STORE)
        return ouro_cg_assign_target(c, e);
    if (ctx == OURO_CTX_DEL)
        return ouro_cg_delete_target(c, e);
    OuroCgConst k;
    if (tuple && ouro_cg_const_of(c, e, &k)) {
        ouro_cg_load_const(c, &k);
        return 0;
    }
    return starunpack(c, elts, 0, OURO_CGOP_BUILD_LIST, OURO_CGOP_LIST_APPEND,
                      OURO_CGOP_LIST_EXTEND, tuple);
}

static int expr_inner(OuroCompiler *c, OuroExpr *e) {
    OuroCgConst k;
    switch (e->kind) {
    case OURO_EXPR_BOOLOP:
        return compile_boolop(c, e);
    case OURO_EXPR_NAMEDEXPR:
        if (ouro_cg_expr(c, e->u.namedexpr.value) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_DUP_TOP);
        return ouro_cg_assign_target(c, e->u.namedexpr.target);
    case OURO_EXPR_BINOP:
        if (ouro_cg_expr(c, e->u.binop.left) < 0 || ouro_cg_expr(c, e->u.binop.right) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_BINARY_OP, binop_arg(e->u.binop.op));
        return 0;
    case OURO_EXPR_UNARYOP: {
        if (ouro_cg_const_of(c, e, &k)) {
            ouro_cg_load_const(c, &k);
            return 0;
        }
        if (ouro_cg_expr(c, e->u.unaryop.operand) < 0)
            return -1;
        static const unsigned ops[] = {
            [OURO_UOP_INVERT] = OURO_CGOP_UNARY_INVERT, [OURO_UOP_NOT] = OURO_CGOP_UNARY_NOT,
            [OURO_UOP_UADD] = OURO_CGOP_UNARY_POSITIVE, [OURO_UOP_USUB] = OURO_CGOP_UNARY_NEGATIVE,
        };
        ouro_cg_op(c, ops[e->u.unaryop.op]);
        return 0;
    }
    case OURO_EXPR_LAMBDA:
        return compile_lambda(c, e);
    case OURO_EXPR_IFEXP: {
        int next = ouro_cg_new_label(c), end = ouro_cg_new_label(c);
        if (ouro_cg_jump_if(c, e->u.ifexp.test, next, false) < 0 || ouro_cg_expr(c, e->u.ifexp.body) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
        ouro_cg_place(c, next);
        if (ouro_cg_expr(c, e->u.ifexp.orelse) < 0)
            return -1;
        ouro_cg_place(c, end);
        return 0;
    }
    case OURO_EXPR_DICT:
        return compile_dict(c, e);
    case OURO_EXPR_SET:
        return starunpack(c, &e->u.set.elts, 0, OURO_CGOP_BUILD_SET, OURO_CGOP_SET_ADD,
                          OURO_CGOP_SET_UPDATE, false);
    case OURO_EXPR_LISTCOMP:
        return compile_comprehension(c, e, &e->u.listcomp.generators, e->u.listcomp.elt, NULL);
    case OURO_EXPR_SETCOMP:
        return compile_comprehension(c, e, &e->u.setcomp.generators, e->u.setcomp.elt, NULL);
    case OURO_EXPR_GENERATOREXP:
        return compile_comprehension(c, e, &e->u.genexp.generators, e->u.genexp.elt, NULL);
    case OURO_EXPR_DICTCOMP:
        return compile_comprehension(c, e, &e->u.dictcomp.generators, e->u.dictcomp.key,
                                     e->u.dictcomp.value);
    case OURO_EXPR_YIELD:
        if (check_yield(c, e) < 0)
            return -1;
        if (e->u.yield.value) {
            if (ouro_cg_expr(c, e->u.yield.value) < 0)
                return -1;
        } else {
            ouro_cg_load_none(c);
        }
        ouro_cg_op(c, OURO_CGOP_YIELD_VALUE);
        return 0;
    case OURO_EXPR_YIELDFROM:
        if (check_yield(c, e) < 0 || ouro_cg_expr(c, e->u.yieldfrom.value) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_GET_YIELD_FROM_ITER);
        ouro_cg_load_none(c);
        ouro_cg_op(c, OURO_CGOP_YIELD_FROM);
        return 0;
    case OURO_EXPR_COMPARE:
        return compile_compare(c, e);
    case OURO_EXPR_CALL:
        return compile_call(c, e);
    case OURO_EXPR_FORMATTEDVALUE:
        return compile_formatted(c, e);
    case OURO_EXPR_JOINEDSTR:
        return compile_joined(c, e);
    case OURO_EXPR_CONSTANT:
        const_from_ast(e, &k);
        ouro_cg_load_const(c, &k);
        return 0;
    case OURO_EXPR_ATTRIBUTE:
        if (e->u.attribute.ctx == OURO_CTX_STORE)
            return ouro_cg_assign_target(c, e);
        if (e->u.attribute.ctx == OURO_CTX_DEL)
            return ouro_cg_delete_target(c, e);
        if (ouro_cg_expr(c, e->u.attribute.value) < 0)
            return -1;
        c->u->loc = ouro_cg_attr_span(e);
        ouro_cg_emit_name(c, OURO_CGOP_LOAD_ATTR, e->u.attribute.attr);
        return 0;
    case OURO_EXPR_SUBSCRIPT:
        if (e->u.subscript.ctx == OURO_CTX_STORE)
            return ouro_cg_assign_target(c, e);
        if (e->u.subscript.ctx == OURO_CTX_DEL)
            return ouro_cg_delete_target(c, e);
        if (ouro_cg_expr(c, e->u.subscript.value) < 0 || ouro_cg_expr(c, e->u.subscript.slice) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_BINARY_SUBSCR);
        return 0;
    case OURO_EXPR_STARRED:
        if (e->u.starred.ctx == OURO_CTX_STORE)
            return ouro_cg_error(c, e->span, "starred assignment target must be in a list or tuple");
        return ouro_cg_error(c, e->span, "can't use starred expression here");
    case OURO_EXPR_NAME:
        if (e->u.name.ctx == OURO_CTX_LOAD && strcmp(e->u.name.id, "__debug__") == 0) {
            k = (OuroCgConst){.kind = OURO_CK_TRUE};
            ouro_cg_load_const(c, &k);
            return 0;
        }
        if (e->u.name.ctx == OURO_CTX_STORE)
            return ouro_cg_assign_target(c, e);
        return ouro_cg_nameop(c, e->u.name.id, e->u.name.ctx);
    case OURO_EXPR_LIST:
        return compile_sequence(c, e, &e->u.list.elts, e->u.list.ctx, false);
    case OURO_EXPR_TUPLE:
        return compile_sequence(c, e, &e->u.tuple.elts, e->u.tuple.ctx, true);
    case OURO_EXPR_SLICE:
        return compile_slice(c, e);
    }
    return 0;
}

int ouro_cg_expr(OuroCompiler *c, OuroExpr *e) {
    if (!ouro_cg_ok(c) || ouro_cg_check_stack(c) < 0)
        return -1;
    OuroSpan old = ouro_cg_set_loc(c, e->span);
    int r = expr_inner(c, e);
    if (c->u)
        c->u->loc = old;
    return r;
}

int ouro_cg_iterable(OuroCompiler *c, OuroExpr *e) {
    return expr_as_iterable(c, e);
}
