/* compiler/codegen_stmt.c — code generation for statements: def and class, assignments,
 * loops with else, try/except/finally and with (CPython 3.10's block-stack patterns with one
 * stack slot per exception: handlers start with [prev_handled, exc]), return/break/continue
 * unwinding through enclosing blocks (compiler_unwind_fblock), imports, assert and raise. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"

#include <string.h>

/* ---- block stack ------------------------------------------------------------------------------ */

static int push_fblock(OuroCompiler *c, OuroCgFBlock fb) {
    OuroCgUnit *u = c->u;
    if (u->nfblocks >= OURO_CG_MAX_FBLOCKS)
        return ouro_cg_error(c, u->loc, "too many statically nested blocks");
    u->fblocks[u->nfblocks++] = fb;
    return 0;
}

static void pop_fblock(OuroCompiler *c) {
    c->u->nfblocks--;
}

static void call_exit_with_nones(OuroCompiler *c) {
    ouro_cg_load_none(c);
    ouro_cg_load_none(c);
    ouro_cg_load_none(c);
    ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION, 3);
}

/* `name = None; del name` at the end of an `except ... as name` handler. */
static int clear_handler_name(OuroCompiler *c, const char *name) {
    ouro_cg_load_none(c);
    if (ouro_cg_nameop(c, name, OURO_CTX_STORE) < 0)
        return -1;
    return ouro_cg_nameop(c, name, OURO_CTX_DEL);
}

/* compiler_unwind_fblock: leaves one block on the way out of a return/break/continue.
 * preserve_tos: a return value sits on top of the stack and must survive. */
static int unwind_fblock(OuroCompiler *c, OuroCgFBlock *fb, bool preserve_tos) {
    switch (fb->type) {
    case OURO_FB_WHILE_LOOP:
    case OURO_FB_EXCEPTION_HANDLER:
        return 0;
    case OURO_FB_FOR_LOOP:
    case OURO_FB_POP_VALUE:
        if (preserve_tos)
            ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
        return 0;
    case OURO_FB_TRY_EXCEPT:
        ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
        return 0;
    case OURO_FB_FINALLY_TRY: {
        ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
        if (preserve_tos && push_fblock(c, (OuroCgFBlock){.type = OURO_FB_POP_VALUE}) < 0)
            return -1;
        int r = ouro_cg_stmts(c, fb->finalbody);
        if (preserve_tos)
            pop_fblock(c);
        return r;
    }
    case OURO_FB_FINALLY_END:
        /* [prev, exc(, value)]: drop exc, restore prev. */
        if (preserve_tos) {
            ouro_cg_op(c, OURO_CGOP_ROT_TWO);
            ouro_cg_op(c, OURO_CGOP_POP_TOP);
            ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        } else {
            ouro_cg_op(c, OURO_CGOP_POP_TOP);
        }
        ouro_cg_op(c, OURO_CGOP_POP_EXCEPT);
        return 0;
    case OURO_FB_WITH: {
        OuroSpan old = ouro_cg_set_loc(c, fb->stmt->span);
        ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
        if (preserve_tos)
            ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        call_exit_with_nones(c);
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
        c->u->loc = old;
        return 0;
    }
    case OURO_FB_HANDLER_CLEANUP:
        if (fb->name)
            ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
        if (preserve_tos)
            ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        ouro_cg_op(c, OURO_CGOP_POP_EXCEPT);
        return fb->name ? clear_handler_name(c, fb->name) : 0;
    }
    return 0;
}

/* Unwinds blocks from the top until a loop (when loop is given) or all of them. */
static int unwind_fblock_stack(OuroCompiler *c, bool preserve_tos, OuroCgFBlock **loop) {
    OuroCgUnit *u = c->u;
    if (u->nfblocks == 0)
        return 0;
    OuroCgFBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->type == OURO_FB_WHILE_LOOP || top->type == OURO_FB_FOR_LOOP)) {
        *loop = top;
        return 0;
    }
    OuroCgFBlock copy = *top;
    u->nfblocks--;
    if (unwind_fblock(c, &copy, preserve_tos) < 0 || unwind_fblock_stack(c, preserve_tos, loop) < 0)
        return -1;
    u->fblocks[u->nfblocks++] = copy;
    return 0;
}

/* ---- def and class ------------------------------------------------------------------------------ */

static bool is_docstring(OuroStmt *s) {
    return s->kind == OURO_STMT_EXPR && s->u.expr.value->kind == OURO_EXPR_CONSTANT &&
           s->u.expr.value->u.constant.kind == OURO_CONST_STR;
}

static int first_line(OuroStmt *s, OuroExprList *decorators) {
    return decorators->count ? decorators->items[0]->span.line : s->span.line;
}

static int apply_decorators(OuroCompiler *c, OuroExprList *decorators) {
    for (int i = 0; i < decorators->count; i++)
        ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION, 1);
    return 0;
}

static int compile_function(OuroCompiler *c, OuroStmt *s) {
    OuroExprList *decos = &s->u.functiondef.decorator_list;
    for (int i = 0; i < decos->count; i++)
        if (ouro_cg_expr(c, decos->items[i]) < 0)
            return -1;
    unsigned flags = 0;
    OuroArguments *a = s->u.functiondef.args;
    if (ouro_cg_default_args(c, a, &flags) < 0)
        return -1;
    if (ouro_cg_enter_scope(c, s, s->u.functiondef.name, first_line(s, decos)) < 0)
        return -1;
    OuroStmtList *body = &s->u.functiondef.body;
    bool doc = body->count && is_docstring(body->items[0]);
    OuroCgConst first = {.kind = OURO_CK_NONE};
    if (doc) {
        OuroExpr *d = body->items[0]->u.expr.value;
        first = (OuroCgConst){.kind = OURO_CK_STR, .s = d->u.constant.str, .n = d->u.constant.str_len};
    }
    ouro_cg_add_const(c, &first);          /* consts[0]: the docstring or None, as CPython */
    ouro_cg_set_argcounts(c, a);
    for (int i = doc ? 1 : 0; i < body->count; i++)
        if (ouro_cg_stmt(c, body->items[i]) < 0)
            return -1;
    int idx = ouro_cg_exit_scope(c);
    if (idx < 0)
        return -1;
    ouro_cg_make_closure(c, idx, flags);
    apply_decorators(c, decos);
    return ouro_cg_nameop(c, s->u.functiondef.name, OURO_CTX_STORE);
}

static int compile_class(OuroCompiler *c, OuroStmt *s) {
    OuroExprList *decos = &s->u.classdef.decorator_list;
    for (int i = 0; i < decos->count; i++)
        if (ouro_cg_expr(c, decos->items[i]) < 0)
            return -1;
    if (ouro_cg_enter_scope(c, s, s->u.classdef.name, first_line(s, decos)) < 0)
        return -1;
    c->u->loc = s->span;
    if (ouro_cg_nameop(c, "__name__", OURO_CTX_LOAD) < 0 ||
        ouro_cg_nameop(c, "__module__", OURO_CTX_STORE) < 0)
        return -1;
    ouro_cg_load_str(c, c->u->qualname);
    if (ouro_cg_nameop(c, "__qualname__", OURO_CTX_STORE) < 0)
        return -1;
    if (ouro_cg_body(c, &s->u.classdef.body, true) < 0)
        return -1;
    c->u->loc = s->span;
    if (c->u->ste->needs_class_closure)
        ouro_cg_emit(c, OURO_CGOP_LOAD_CLOSURE,
                     (uint32_t)ouro_cg_names_find(&c->u->cellvars, "__class__"));
    else
        ouro_cg_load_none(c);
    ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    int idx = ouro_cg_exit_scope(c);
    if (idx < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_LOAD_BUILD_CLASS);
    ouro_cg_make_closure(c, idx, 0);
    ouro_cg_load_str(c, s->u.classdef.name);
    if (ouro_cg_call_helper(c, 2, &s->u.classdef.bases, &s->u.classdef.keywords, s->span) < 0)
        return -1;
    apply_decorators(c, decos);
    return ouro_cg_nameop(c, s->u.classdef.name, OURO_CTX_STORE);
}

/* ---- simple statements ---------------------------------------------------------------------------- */

static int compile_return(OuroCompiler *c, OuroStmt *s) {
    if (c->u->ste->type != OURO_BLOCK_FUNCTION)
        return ouro_cg_error(c, s->span, "'return' outside function");
    OuroExpr *v = s->u.return_.value;
    OuroCgConst k;
    bool is_const = v && ouro_cg_const_of(c, v, &k);
    bool preserve = v && !is_const;
    if (preserve && ouro_cg_expr(c, v) < 0)
        return -1;
    if (unwind_fblock_stack(c, preserve, NULL) < 0)
        return -1;
    c->u->loc = s->span;
    if (!v)
        ouro_cg_load_none(c);
    else if (is_const)
        ouro_cg_load_const(c, &k);
    ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    return 0;
}

static int compile_break_continue(OuroCompiler *c, OuroStmt *s, bool is_break) {
    OuroCgFBlock *loop = NULL;
    if (unwind_fblock_stack(c, false, &loop) < 0)
        return -1;
    if (!loop)
        return ouro_cg_error(c, s->span, is_break ? "'break' outside loop"
                                                  : "'continue' not properly in loop");
    c->u->loc = s->span;
    if (is_break) {
        if (unwind_fblock(c, loop, false) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)loop->exit_label);
    } else {
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)loop->block_label);
    }
    return 0;
}

/* a, b = x, y (same length 2 or 3, no stars): rotate instead of building a tuple. */
static bool is_swap(OuroStmt *s) {
    if (s->u.assign.targets.count != 1)
        return false;
    OuroExpr *t = s->u.assign.targets.items[0], *v = s->u.assign.value;
    if ((t->kind != OURO_EXPR_TUPLE && t->kind != OURO_EXPR_LIST) || v->kind != OURO_EXPR_TUPLE)
        return false;
    OuroExprList *te = t->kind == OURO_EXPR_TUPLE ? &t->u.tuple.elts : &t->u.list.elts;
    OuroExprList *ve = &v->u.tuple.elts;
    if (te->count != ve->count || (te->count != 2 && te->count != 3))
        return false;
    for (int i = 0; i < te->count; i++)
        if (te->items[i]->kind == OURO_EXPR_STARRED || ve->items[i]->kind == OURO_EXPR_STARRED)
            return false;
    return true;
}

static int compile_assign(OuroCompiler *c, OuroStmt *s) {
    OuroExprList *targets = &s->u.assign.targets;
    if (is_swap(s)) {
        OuroExpr *t = targets->items[0], *v = s->u.assign.value;
        OuroExprList *te = t->kind == OURO_EXPR_TUPLE ? &t->u.tuple.elts : &t->u.list.elts;
        for (int i = 0; i < v->u.tuple.elts.count; i++)
            if (ouro_cg_expr(c, v->u.tuple.elts.items[i]) < 0)
                return -1;
        if (te->count == 3)
            ouro_cg_op(c, OURO_CGOP_ROT_THREE);
        ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        for (int i = 0; i < te->count; i++)
            if (ouro_cg_assign_target(c, te->items[i]) < 0)
                return -1;
        return 0;
    }
    if (ouro_cg_expr(c, s->u.assign.value) < 0)
        return -1;
    for (int i = 0; i < targets->count; i++) {
        if (i < targets->count - 1)
            ouro_cg_op(c, OURO_CGOP_DUP_TOP);
        if (ouro_cg_assign_target(c, targets->items[i]) < 0)
            return -1;
    }
    return 0;
}

static unsigned inplace_arg(OuroOperator op) {
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

static int compile_augassign(OuroCompiler *c, OuroStmt *s) {
    OuroExpr *t = s->u.augassign.target;
    OuroSpan old = ouro_cg_set_loc(c, t->span);
    switch (t->kind) {
    case OURO_EXPR_ATTRIBUTE:
        if (ouro_cg_expr(c, t->u.attribute.value) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_DUP_TOP);
        c->u->loc = ouro_cg_attr_span(t);
        ouro_cg_emit_name(c, OURO_CGOP_LOAD_ATTR, t->u.attribute.attr);
        break;
    case OURO_EXPR_SUBSCRIPT:
        if (ouro_cg_expr(c, t->u.subscript.value) < 0 || ouro_cg_expr(c, t->u.subscript.slice) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_DUP_TOP_TWO);
        ouro_cg_op(c, OURO_CGOP_BINARY_SUBSCR);
        break;
    case OURO_EXPR_NAME:
        if (ouro_cg_nameop(c, t->u.name.id, OURO_CTX_LOAD) < 0)
            return -1;
        break;
    default:
        return ouro_cg_error(c, t->span, "illegal expression for augmented assignment");
    }
    c->u->loc = s->span;
    if (ouro_cg_expr(c, s->u.augassign.value) < 0)
        return -1;
    ouro_cg_emit(c, OURO_CGOP_INPLACE_OP, inplace_arg(s->u.augassign.op));
    c->u->loc = t->span;
    switch (t->kind) {
    case OURO_EXPR_ATTRIBUTE:
        c->u->loc = ouro_cg_attr_span(t);
        ouro_cg_op(c, OURO_CGOP_ROT_TWO);
        ouro_cg_emit_name(c, OURO_CGOP_STORE_ATTR, t->u.attribute.attr);
        break;
    case OURO_EXPR_SUBSCRIPT:
        ouro_cg_op(c, OURO_CGOP_ROT_THREE);
        ouro_cg_op(c, OURO_CGOP_STORE_SUBSCR);
        break;
    default:
        if (ouro_cg_nameop(c, t->u.name.id, OURO_CTX_STORE) < 0)
            return -1;
        break;
    }
    c->u->loc = old;
    return 0;
}

/* Annotations are not evaluated (a documented simplification): only the value is assigned;
 * a target without value still has its sub-expressions evaluated as CPython does. */
static int compile_annassign(OuroCompiler *c, OuroStmt *s) {
    OuroExpr *t = s->u.annassign.target;
    if (s->u.annassign.value) {
        if (ouro_cg_expr(c, s->u.annassign.value) < 0)
            return -1;
        return ouro_cg_assign_target(c, t);
    }
    if (t->kind == OURO_EXPR_ATTRIBUTE) {
        if (ouro_cg_expr(c, t->u.attribute.value) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
    } else if (t->kind == OURO_EXPR_SUBSCRIPT) {
        if (ouro_cg_expr(c, t->u.subscript.value) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
        if (ouro_cg_expr(c, t->u.subscript.slice) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
    }
    return 0;
}

static int compile_assert(OuroCompiler *c, OuroStmt *s) {
    int end = ouro_cg_new_label(c);
    if (ouro_cg_jump_if(c, s->u.assert_.test, end, true) < 0)
        return -1;
    /* CPython 3.11 reports a failed assert at the test expression, not the statement. */
    OuroSpan stmt_loc = ouro_cg_set_loc(c, s->u.assert_.test->span);
    ouro_cg_op(c, OURO_CGOP_LOAD_ASSERTION_ERROR);
    if (s->u.assert_.msg) {
        if (ouro_cg_expr(c, s->u.assert_.msg) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_CALL_FUNCTION, 1);
    }
    ouro_cg_emit(c, OURO_CGOP_RAISE_VARARGS, 1);
    ouro_cg_set_loc(c, stmt_loc);
    ouro_cg_place(c, end);
    return 0;
}

static int compile_raise(OuroCompiler *c, OuroStmt *s) {
    unsigned n = 0;
    if (s->u.raise.exc) {
        if (ouro_cg_expr(c, s->u.raise.exc) < 0)
            return -1;
        n++;
        if (s->u.raise.cause) {
            if (ouro_cg_expr(c, s->u.raise.cause) < 0)
                return -1;
            n++;
        }
    }
    ouro_cg_emit(c, OURO_CGOP_RAISE_VARARGS, n);
    return 0;
}

static int compile_import(OuroCompiler *c, OuroStmt *s) {
    for (int i = 0; i < s->u.import.names.count; i++) {
        OuroAlias *a = s->u.import.names.items[i];
        OuroSpan old = ouro_cg_set_loc(c, a->span);
        ouro_cg_load_int(c, 0);
        ouro_cg_load_none(c);
        ouro_cg_emit_name(c, OURO_CGOP_IMPORT_NAME, a->name);
        const char *dot = strchr(a->name, '.');
        int r;
        if (a->asname) {
            /* import a.b.c as d: the top package comes back; walk down to c. */
            while (dot) {
                const char *next = strchr(dot + 1, '.');
                size_t len = next ? (size_t)(next - dot - 1) : strlen(dot + 1);
                const char *attr = ouro_arena_strndup(c->arena, dot + 1, len);
                if (!attr) {
                    ouro_cg_nomem(c);
                    return -1;
                }
                ouro_cg_emit_name(c, OURO_CGOP_LOAD_ATTR, attr);
                dot = next;
            }
            r = ouro_cg_nameop(c, a->asname, OURO_CTX_STORE);
        } else {
            const char *top = dot ? ouro_arena_strndup(c->arena, a->name, (size_t)(dot - a->name))
                                  : a->name;
            if (!top) {
                ouro_cg_nomem(c);
                return -1;
            }
            r = ouro_cg_nameop(c, top, OURO_CTX_STORE);
        }
        c->u->loc = old;
        if (r < 0)
            return -1;
    }
    return 0;
}

static int compile_importfrom(OuroCompiler *c, OuroStmt *s) {
    const char *module = s->u.importfrom.module;
    OuroAliasList *names = &s->u.importfrom.names;
    /* __future__ features are all mandatory or irrelevant here: nothing to run. */
    if (module && strcmp(module, "__future__") == 0 && s->u.importfrom.level == 0)
        return 0;
    ouro_cg_load_int(c, s->u.importfrom.level);
    OuroCgConst *items = ouro_arena_alloc(c->arena, sizeof(OuroCgConst) * (size_t)(names->count + 1));
    if (!items) {
        ouro_cg_nomem(c);
        return -1;
    }
    for (int i = 0; i < names->count; i++)
        items[i] = (OuroCgConst){.kind = OURO_CK_STR, .s = names->items[i]->name,
                                 .n = strlen(names->items[i]->name)};
    OuroCgConst fromlist = {.kind = OURO_CK_TUPLE, .items = items, .n = (size_t)names->count};
    ouro_cg_load_const(c, &fromlist);
    ouro_cg_emit_name(c, OURO_CGOP_IMPORT_NAME, module ? module : "");
    for (int i = 0; i < names->count; i++) {
        OuroAlias *a = names->items[i];
        OuroSpan old = ouro_cg_set_loc(c, a->span);
        if (i == 0 && strcmp(a->name, "*") == 0) {
            ouro_cg_op(c, OURO_CGOP_IMPORT_STAR);
            c->u->loc = old;
            return 0;
        }
        ouro_cg_emit_name(c, OURO_CGOP_IMPORT_FROM, a->name);
        int r = ouro_cg_nameop(c, a->asname ? a->asname : a->name, OURO_CTX_STORE);
        c->u->loc = old;
        if (r < 0)
            return -1;
    }
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    return 0;
}

static int compile_expr_stmt(OuroCompiler *c, OuroStmt *s) {
    OuroExpr *v = s->u.expr.value;
    if (c->mode == OURO_MODE_SINGLE && c->u->kind == OURO_UNIT_MODULE) {
        if (ouro_cg_expr(c, v) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_PRINT_EXPR);
        return 0;
    }
    if (v->kind == OURO_EXPR_CONSTANT)
        return 0;
    if (ouro_cg_expr(c, v) < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    return 0;
}

/* ---- compound statements --------------------------------------------------------------------------- */

static int compile_for(OuroCompiler *c, OuroStmt *s) {
    int start = ouro_cg_new_label(c), cleanup = ouro_cg_new_label(c), end = ouro_cg_new_label(c);
    if (ouro_cg_iterable(c, s->u.for_.iter) < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_GET_ITER);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_FOR_LOOP, .block_label = start,
                                      .exit_label = end}) < 0)
        return -1;
    ouro_cg_place(c, start);
    ouro_cg_emit(c, OURO_CGOP_FOR_ITER, (uint32_t)cleanup);
    if (ouro_cg_assign_target(c, s->u.for_.target) < 0 || ouro_cg_stmts(c, &s->u.for_.body) < 0)
        return -1;
    c->u->loc = s->span;
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)start);
    ouro_cg_place(c, cleanup);
    pop_fblock(c);
    if (ouro_cg_stmts(c, &s->u.for_.orelse) < 0)
        return -1;
    ouro_cg_place(c, end);
    return 0;
}

static int compile_while(OuroCompiler *c, OuroStmt *s) {
    int loop = ouro_cg_new_label(c), body = ouro_cg_new_label(c);
    int end = ouro_cg_new_label(c), anchor = ouro_cg_new_label(c);
    ouro_cg_place(c, loop);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_WHILE_LOOP, .block_label = loop,
                                      .exit_label = end}) < 0)
        return -1;
    if (ouro_cg_jump_if(c, s->u.while_.test, anchor, false) < 0)
        return -1;
    ouro_cg_place(c, body);
    if (ouro_cg_stmts(c, &s->u.while_.body) < 0)
        return -1;
    /* The test again at the bottom: one jump per iteration, as CPython 3.10. */
    c->u->loc = s->span;
    if (ouro_cg_jump_if(c, s->u.while_.test, body, true) < 0)
        return -1;
    pop_fblock(c);
    ouro_cg_place(c, anchor);
    if (ouro_cg_stmts(c, &s->u.while_.orelse) < 0)
        return -1;
    ouro_cg_place(c, end);
    return 0;
}

static int compile_if(OuroCompiler *c, OuroStmt *s) {
    int end = ouro_cg_new_label(c);
    bool has_else = s->u.if_.orelse.count > 0;
    int next = has_else ? ouro_cg_new_label(c) : end;
    if (ouro_cg_jump_if(c, s->u.if_.test, next, false) < 0 || ouro_cg_stmts(c, &s->u.if_.body) < 0)
        return -1;
    if (has_else) {
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
        ouro_cg_place(c, next);
        if (ouro_cg_stmts(c, &s->u.if_.orelse) < 0)
            return -1;
    }
    ouro_cg_place(c, end);
    return 0;
}

static int compile_with(OuroCompiler *c, OuroStmt *s, int pos) {
    OuroWithItem *item = s->u.with.items.items[pos];
    int final = ouro_cg_new_label(c), exit = ouro_cg_new_label(c), suppress = ouro_cg_new_label(c);
    if (ouro_cg_expr(c, item->context_expr) < 0)
        return -1;
    c->u->loc = s->span;
    ouro_cg_emit(c, OURO_CGOP_SETUP_WITH, (uint32_t)final);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_WITH, .stmt = s}) < 0)
        return -1;
    if (item->optional_vars) {
        if (ouro_cg_assign_target(c, item->optional_vars) < 0)
            return -1;
    } else {
        ouro_cg_op(c, OURO_CGOP_POP_TOP);
    }
    int r = pos + 1 < s->u.with.items.count ? compile_with(c, s, pos + 1)
                                             : ouro_cg_stmts(c, &s->u.with.body);
    if (r < 0)
        return -1;
    c->u->loc = s->span;
    ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
    pop_fblock(c);
    call_exit_with_nones(c);
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)exit);
    /* Exceptional exit: [exit, prev, exc]; a true result of __exit__ swallows exc. */
    ouro_cg_place(c, final);
    ouro_cg_op(c, OURO_CGOP_WITH_EXCEPT_START);
    ouro_cg_emit(c, OURO_CGOP_POP_JUMP_IF_TRUE, (uint32_t)suppress);
    ouro_cg_op(c, OURO_CGOP_RERAISE);
    ouro_cg_place(c, suppress);
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    ouro_cg_op(c, OURO_CGOP_POP_EXCEPT);
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    ouro_cg_place(c, exit);
    return 0;
}

static int compile_handler(OuroCompiler *c, OuroExceptHandler *h, int end) {
    if (h->name) {
        int cleanup_end = ouro_cg_new_label(c);
        if (ouro_cg_nameop(c, h->name, OURO_CTX_STORE) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_SETUP_FINALLY, (uint32_t)cleanup_end);
        if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_HANDLER_CLEANUP, .name = h->name}) < 0)
            return -1;
        if (ouro_cg_stmts(c, &h->body) < 0)
            return -1;
        pop_fblock(c);
        c->u->loc = h->span;
        ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
        ouro_cg_op(c, OURO_CGOP_POP_EXCEPT);
        if (clear_handler_name(c, h->name) < 0)
            return -1;
        ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
        /* The handler body raised: [prev, prev2, exc2]. */
        ouro_cg_place(c, cleanup_end);
        if (clear_handler_name(c, h->name) < 0)
            return -1;
        ouro_cg_op(c, OURO_CGOP_RERAISE);
        return 0;
    }
    ouro_cg_op(c, OURO_CGOP_POP_TOP);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_HANDLER_CLEANUP}) < 0)
        return -1;
    if (ouro_cg_stmts(c, &h->body) < 0)
        return -1;
    pop_fblock(c);
    c->u->loc = h->span;
    ouro_cg_op(c, OURO_CGOP_POP_EXCEPT);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)end);
    return 0;
}

static int compile_try_except(OuroCompiler *c, OuroStmt *s) {
    int except = ouro_cg_new_label(c), orelse = ouro_cg_new_label(c), end = ouro_cg_new_label(c);
    ouro_cg_emit(c, OURO_CGOP_SETUP_FINALLY, (uint32_t)except);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_TRY_EXCEPT}) < 0)
        return -1;
    if (ouro_cg_stmts(c, &s->u.try_.body) < 0)
        return -1;
    pop_fblock(c);
    ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)orelse);
    /* Handlers start with [prev_handled, exc]. */
    ouro_cg_place(c, except);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_EXCEPTION_HANDLER}) < 0)
        return -1;
    OuroHandlerList *hs = &s->u.try_.handlers;
    for (int i = 0; i < hs->count; i++) {
        OuroExceptHandler *h = hs->items[i];
        c->u->loc = h->span;
        if (!h->type && i < hs->count - 1)
            return ouro_cg_error(c, h->span, "default 'except:' must be last");
        int next = ouro_cg_new_label(c);
        if (h->type) {
            ouro_cg_op(c, OURO_CGOP_DUP_TOP);
            if (ouro_cg_expr(c, h->type) < 0)
                return -1;
            ouro_cg_emit(c, OURO_CGOP_JUMP_IF_NOT_EXC_MATCH, (uint32_t)next);
        }
        if (compile_handler(c, h, end) < 0)
            return -1;
        ouro_cg_place(c, next);
    }
    pop_fblock(c);
    ouro_cg_op(c, OURO_CGOP_RERAISE);
    ouro_cg_place(c, orelse);
    c->u->loc = s->span;
    if (ouro_cg_stmts(c, &s->u.try_.orelse) < 0)
        return -1;
    ouro_cg_place(c, end);
    return 0;
}

static int compile_try_finally(OuroCompiler *c, OuroStmt *s) {
    int end = ouro_cg_new_label(c), exit = ouro_cg_new_label(c);
    OuroStmtList *finalbody = &s->u.try_.finalbody;
    ouro_cg_emit(c, OURO_CGOP_SETUP_FINALLY, (uint32_t)end);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_FINALLY_TRY, .finalbody = finalbody}) < 0)
        return -1;
    int r = s->u.try_.handlers.count ? compile_try_except(c, s) : ouro_cg_stmts(c, &s->u.try_.body);
    if (r < 0)
        return -1;
    ouro_cg_op(c, OURO_CGOP_POP_BLOCK);
    pop_fblock(c);
    if (ouro_cg_stmts(c, finalbody) < 0)
        return -1;
    ouro_cg_emit(c, OURO_CGOP_JUMP_ABSOLUTE, (uint32_t)exit);
    /* The exceptional path: [prev, exc] under an EXCEPT_HANDLER block. */
    ouro_cg_place(c, end);
    if (push_fblock(c, (OuroCgFBlock){.type = OURO_FB_FINALLY_END}) < 0)
        return -1;
    if (ouro_cg_stmts(c, finalbody) < 0)
        return -1;
    pop_fblock(c);
    ouro_cg_op(c, OURO_CGOP_RERAISE);
    ouro_cg_place(c, exit);
    return 0;
}

/* ---- the statement visitor ------------------------------------------------------------------------- */

static int stmt_inner(OuroCompiler *c, OuroStmt *s) {
    switch (s->kind) {
    case OURO_STMT_FUNCTIONDEF: return compile_function(c, s);
    case OURO_STMT_CLASSDEF: return compile_class(c, s);
    case OURO_STMT_RETURN: return compile_return(c, s);
    case OURO_STMT_DELETE:
        for (int i = 0; i < s->u.delete_.targets.count; i++)
            if (ouro_cg_delete_target(c, s->u.delete_.targets.items[i]) < 0)
                return -1;
        return 0;
    case OURO_STMT_ASSIGN: return compile_assign(c, s);
    case OURO_STMT_AUGASSIGN: return compile_augassign(c, s);
    case OURO_STMT_ANNASSIGN: return compile_annassign(c, s);
    case OURO_STMT_FOR: return compile_for(c, s);
    case OURO_STMT_WHILE: return compile_while(c, s);
    case OURO_STMT_IF: return compile_if(c, s);
    case OURO_STMT_WITH: return compile_with(c, s, 0);
    case OURO_STMT_RAISE: return compile_raise(c, s);
    case OURO_STMT_TRY:
        return s->u.try_.finalbody.count ? compile_try_finally(c, s) : compile_try_except(c, s);
    case OURO_STMT_ASSERT: return compile_assert(c, s);
    case OURO_STMT_IMPORT: return compile_import(c, s);
    case OURO_STMT_IMPORTFROM: return compile_importfrom(c, s);
    case OURO_STMT_GLOBAL: case OURO_STMT_NONLOCAL: case OURO_STMT_PASS: return 0;
    case OURO_STMT_EXPR: return compile_expr_stmt(c, s);
    case OURO_STMT_BREAK: return compile_break_continue(c, s, true);
    case OURO_STMT_CONTINUE: return compile_break_continue(c, s, false);
    }
    return 0;
}

int ouro_cg_stmt(OuroCompiler *c, OuroStmt *s) {
    if (!ouro_cg_ok(c) || ouro_cg_check_stack(c) < 0)
        return -1;
    OuroSpan old = ouro_cg_set_loc(c, s->span);
    int r = stmt_inner(c, s);
    if (c->u)
        c->u->loc = old;
    return r < 0 || !ouro_cg_ok(c) ? -1 : 0;
}

int ouro_cg_stmts(OuroCompiler *c, OuroStmtList *l) {
    for (int i = 0; i < l->count; i++)
        if (ouro_cg_stmt(c, l->items[i]) < 0)
            return -1;
    return 0;
}

int ouro_cg_body(OuroCompiler *c, OuroStmtList *body, bool docstring) {
    int start = 0;
    if (docstring && body->count && is_docstring(body->items[0])) {
        OuroExpr *d = body->items[0]->u.expr.value;
        OuroSpan old = ouro_cg_set_loc(c, body->items[0]->span);
        if (ouro_cg_expr(c, d) < 0 || ouro_cg_nameop(c, "__doc__", OURO_CTX_STORE) < 0)
            return -1;
        c->u->loc = old;
        start = 1;
    }
    for (int i = start; i < body->count; i++)
        if (ouro_cg_stmt(c, body->items[i]) < 0)
            return -1;
    return 0;
}
