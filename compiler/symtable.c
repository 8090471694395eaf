/* compiler/symtable.c — the symbol table: one pass over the AST records every name each
 * scope defines or uses (symtable_visit_* of CPython's Python/symtable.c), then analyze()
 * resolves each to LOCAL / GLOBAL_EXPLICIT / GLOBAL_IMPLICIT / FREE / CELL with CPython's
 * algorithm (analyze_block, analyze_name, update_symbols). Raises the scope-related
 * SyntaxErrors with CPython's messages. Memory comes from the AST arena, except the
 * short-lived name sets of the analysis. No VM objects here. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/symtable.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ------------------------------------------------------------------------------ */

static int st_error(OuroSymtable *st, OuroSpan span, const char *fmt, ...) {
    if (!st->failed && !st->no_memory) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(st->msg, sizeof st->msg, fmt, ap);
        va_end(ap);
        st->failed = true;
        st->err_span = span;
    }
    return -1;
}

static int st_nomem(OuroSymtable *st) {
    st->no_memory = true;
    return -1;
}

/* ---- arena arrays -------------------------------------------------------------------------- */

/* Grows an arena array of elem-sized items to hold at least need items. */
static void *arena_grow(OuroArena *a, void *old, int count, int *cap, int need, size_t elem) {
    if (need <= *cap)
        return old;
    int ncap = *cap ? *cap * 2 : 8;
    while (ncap < need)
        ncap *= 2;
    void *p = ouro_arena_alloc(a, (size_t)ncap * elem);
    if (!p)
        return NULL;
    if (count)
        memcpy(p, old, (size_t)count * elem);
    *cap = ncap;
    return p;
}

static uint32_t name_hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h;
}

/* ---- symbols of one scope ------------------------------------------------------------------ */

OuroSymbol *ouro_symtable_lookup(OuroScope *s, const char *name) {
    if (!s->index_cap)
        return NULL;
    uint32_t mask = (uint32_t)s->index_cap - 1;
    for (uint32_t i = name_hash(name) & mask;; i = (i + 1) & mask) {
        int pos = s->index[i];
        if (!pos)
            return NULL;
        if (strcmp(s->syms[pos - 1].name, name) == 0)
            return &s->syms[pos - 1];
    }
}

static int rehash(OuroSymtable *st, OuroScope *s) {
    int cap = s->index_cap ? s->index_cap * 2 : 16;
    int *index = ouro_arena_alloc(st->arena, (size_t)cap * sizeof(int));
    if (!index)
        return st_nomem(st);
    uint32_t mask = (uint32_t)cap - 1;
    for (int k = 0; k < s->nsyms; k++) {
        uint32_t i = name_hash(s->syms[k].name) & mask;
        while (index[i])
            i = (i + 1) & mask;
        index[i] = k + 1;
    }
    s->index = index;
    s->index_cap = cap;
    return 0;
}

/* The symbol for name in s, created (flags 0) when missing. */
static OuroSymbol *sym_get(OuroSymtable *st, OuroScope *s, const char *name) {
    OuroSymbol *sym = ouro_symtable_lookup(s, name);
    if (sym)
        return sym;
    if ((s->nsyms + 1) * 2 > s->index_cap && rehash(st, s) < 0)
        return NULL;
    OuroSymbol *syms = arena_grow(st->arena, s->syms, s->nsyms, &s->syms_cap, s->nsyms + 1,
                                  sizeof(OuroSymbol));
    if (!syms) {
        st_nomem(st);
        return NULL;
    }
    s->syms = syms;
    sym = &s->syms[s->nsyms++];
    memset(sym, 0, sizeof *sym);
    sym->name = name;
    uint32_t mask = (uint32_t)s->index_cap - 1;
    uint32_t i = name_hash(name) & mask;
    while (s->index[i])
        i = (i + 1) & mask;
    s->index[i] = s->nsyms;
    return sym;
}

/* ---- mangling ------------------------------------------------------------------------------ */

const char *ouro_symtable_mangle(OuroArena *arena, const char *priv, const char *name) {
    if (!priv || name[0] != '_' || name[1] != '_')
        return name;
    size_t n = strlen(name);
    if ((name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.'))
        return name;
    while (*priv == '_')
        priv++;
    if (!*priv)
        return name;
    size_t p = strlen(priv);
    char *out = ouro_arena_alloc(arena, 1 + p + n + 1);
    if (!out)
        return NULL;
    out[0] = '_';
    memcpy(out + 1, priv, p);
    memcpy(out + 1 + p, name, n + 1);
    return out;
}

/* symtable_add_def_helper: records flag for name in scope s. span locates a duplicate
 * parameter error. */
static int add_def_in(OuroSymtable *st, OuroScope *s, const char *name, unsigned flag,
                      OuroSpan span) {
    const char *mangled = ouro_symtable_mangle(st->arena, st->private_name, name);
    if (!mangled)
        return st_nomem(st);
    OuroSymbol *sym = sym_get(st, s, mangled);
    if (!sym)
        return -1;
    if ((flag & OURO_DEF_PARAM) && (sym->flags & OURO_DEF_PARAM))
        return st_error(st, span, "duplicate argument '%s' in function definition", mangled);
    sym->flags |= flag;
    if (flag & OURO_DEF_PARAM) {
        const char **p = arena_grow(st->arena, s->params, s->nparams, &s->params_cap,
                                    s->nparams + 1, sizeof(char *));
        if (!p)
            return st_nomem(st);
        s->params = p;
        s->params[s->nparams++] = mangled;
    }
    return 0;
}

static int add_def(OuroSymtable *st, const char *name, unsigned flag, OuroSpan span) {
    return add_def_in(st, st->cur, name, flag, span);
}

/* ---- scopes -------------------------------------------------------------------------------- */

static int enter_block(OuroSymtable *st, const char *name, OuroBlockType type, OuroUnitKind kind,
                       const void *node, OuroSpan span) {
    OuroScope *s = ouro_arena_alloc(st->arena, sizeof *s);
    if (!s)
        return st_nomem(st);
    s->type = type;
    s->kind = kind;
    s->name = name;
    s->node = node;
    s->span = span;
    s->parent = st->cur;
    if (st->cur) {
        OuroScope *p = st->cur;
        OuroScope **ch = arena_grow(st->arena, p->children, p->nchildren, &p->children_cap,
                                    p->nchildren + 1, sizeof(OuroScope *));
        if (!ch)
            return st_nomem(st);
        p->children = ch;
        p->children[p->nchildren++] = s;
        s->nested = p->nested || p->type == OURO_BLOCK_FUNCTION;
    } else {
        st->top = s;
    }
    st->cur = s;
    return 0;
}

static void exit_block(OuroSymtable *st) {
    st->cur = st->cur->parent;
}

OuroScope *ouro_symtable_child(OuroScope *parent, const void *node) {
    int n = parent->nchildren;
    for (int k = 0; k < n; k++) {
        int i = (parent->child_cursor + k) % n;
        if (parent->children[i]->node == node) {
            parent->child_cursor = (i + 1) % n;
            return parent->children[i];
        }
    }
    return NULL;
}

/* ---- the visit pass ------------------------------------------------------------------------ */

static int visit_expr(OuroSymtable *st, OuroExpr *e);
static int visit_stmts(OuroSymtable *st, OuroStmtList *l);

static int visit_exprs(OuroSymtable *st, OuroExprList *l) {
    for (int i = 0; i < l->count; i++)
        if (l->items[i] && visit_expr(st, l->items[i]) < 0)
            return -1;
    return 0;
}

static int visit_opt(OuroSymtable *st, OuroExpr *e) {
    return e ? visit_expr(st, e) : 0;
}

static int visit_keywords(OuroSymtable *st, OuroKeywordList *kws) {
    for (int i = 0; i < kws->count; i++)
        if (visit_expr(st, kws->items[i]->value) < 0)
            return -1;
    return 0;
}

static int visit_params(OuroSymtable *st, OuroArgList *l) {
    for (int i = 0; i < l->count; i++)
        if (add_def(st, l->items[i]->name, OURO_DEF_PARAM, l->items[i]->span) < 0)
            return -1;
    return 0;
}

static int visit_arguments(OuroSymtable *st, OuroArguments *a) {
    if (visit_params(st, &a->posonlyargs) < 0 || visit_params(st, &a->args) < 0 ||
        visit_params(st, &a->kwonlyargs) < 0)
        return -1;
    if (a->vararg && add_def(st, a->vararg->name, OURO_DEF_PARAM, a->vararg->span) < 0)
        return -1;
    if (a->kwarg && add_def(st, a->kwarg->name, OURO_DEF_PARAM, a->kwarg->span) < 0)
        return -1;
    return 0;
}

/* Annotations of parameters are evaluated (symbolically) in the enclosing scope. */
static int visit_arg_annotations(OuroSymtable *st, OuroArgList *l) {
    for (int i = 0; i < l->count; i++)
        if (visit_opt(st, l->items[i]->annotation) < 0)
            return -1;
    return 0;
}

static int visit_annotations(OuroSymtable *st, OuroArguments *a, OuroExpr *returns) {
    if (visit_arg_annotations(st, &a->posonlyargs) < 0 || visit_arg_annotations(st, &a->args) < 0 ||
        visit_arg_annotations(st, &a->kwonlyargs) < 0)
        return -1;
    if (a->vararg && visit_opt(st, a->vararg->annotation) < 0)
        return -1;
    if (a->kwarg && visit_opt(st, a->kwarg->annotation) < 0)
        return -1;
    return visit_opt(st, returns);
}

static int visit_defaults(OuroSymtable *st, OuroArguments *a) {
    return visit_exprs(st, &a->defaults) < 0 || visit_exprs(st, &a->kw_defaults) < 0 ? -1 : 0;
}

static int visit_funcdef(OuroSymtable *st, OuroStmt *s) {
    if (add_def(st, s->u.functiondef.name, OURO_DEF_LOCAL, s->span) < 0)
        return -1;
    OuroArguments *a = s->u.functiondef.args;
    if (visit_defaults(st, a) < 0 || visit_annotations(st, a, s->u.functiondef.returns) < 0 ||
        visit_exprs(st, &s->u.functiondef.decorator_list) < 0)
        return -1;
    if (enter_block(st, s->u.functiondef.name, OURO_BLOCK_FUNCTION, OURO_UNIT_FUNCTION, s,
                    s->span) < 0)
        return -1;
    if (visit_arguments(st, a) < 0 || visit_stmts(st, &s->u.functiondef.body) < 0)
        return -1;
    exit_block(st);
    return 0;
}

static int visit_classdef(OuroSymtable *st, OuroStmt *s) {
    if (add_def(st, s->u.classdef.name, OURO_DEF_LOCAL, s->span) < 0)
        return -1;
    if (visit_exprs(st, &s->u.classdef.bases) < 0 || visit_keywords(st, &s->u.classdef.keywords) < 0 ||
        visit_exprs(st, &s->u.classdef.decorator_list) < 0)
        return -1;
    if (enter_block(st, s->u.classdef.name, OURO_BLOCK_CLASS, OURO_UNIT_CLASS, s, s->span) < 0)
        return -1;
    const char *saved = st->private_name;
    st->private_name = s->u.classdef.name;
    int r = visit_stmts(st, &s->u.classdef.body);
    st->private_name = saved;
    if (r < 0)
        return -1;
    exit_block(st);
    return 0;
}

/* global / nonlocal statements: the checks of symtable_visit_stmt. */
static int visit_directive(OuroSymtable *st, OuroStmt *s, bool global) {
    OuroNameList *names = global ? &s->u.global.names : &s->u.nonlocal.names;
    const char *what = global ? "global" : "nonlocal";
    for (int i = 0; i < names->count; i++) {
        const char *name = ouro_symtable_mangle(st->arena, st->private_name, names->items[i]);
        if (!name)
            return st_nomem(st);
        OuroSymbol *cur = ouro_symtable_lookup(st->cur, name);
        unsigned flags = cur ? cur->flags : 0;
        if (flags & (OURO_DEF_PARAM | OURO_DEF_LOCAL | OURO_DEF_USE | OURO_DEF_ANNOT)) {
            if (flags & OURO_DEF_PARAM)
                return st_error(st, s->span, "name '%s' is parameter and %s", name, what);
            if (flags & OURO_DEF_USE)
                return st_error(st, s->span, "name '%s' is used prior to %s declaration", name,
                                what);
            if (flags & OURO_DEF_ANNOT)
                return st_error(st, s->span, "annotated name '%s' can't be %s", name, what);
            return st_error(st, s->span, "name '%s' is assigned to before %s declaration", name,
                            what);
        }
        if (add_def(st, names->items[i], global ? OURO_DEF_GLOBAL : OURO_DEF_NONLOCAL, s->span) < 0)
            return -1;
        OuroSymbol *sym = ouro_symtable_lookup(st->cur, name);
        if (sym && !sym->span.line)
            sym->span = s->span;
    }
    return 0;
}

static int visit_alias(OuroSymtable *st, OuroAlias *a) {
    if (strcmp(a->name, "*") == 0) {
        if (st->cur->type != OURO_BLOCK_MODULE)
            return st_error(st, a->span, "import * only allowed at module level");
        return 0;
    }
    const char *store = a->asname;
    if (!store) {
        const char *dot = strchr(a->name, '.');
        store = dot ? ouro_arena_strndup(st->arena, a->name, (size_t)(dot - a->name)) : a->name;
        if (!store)
            return st_nomem(st);
    }
    return add_def(st, store, OURO_DEF_IMPORT, a->span);
}

static int visit_annassign(OuroSymtable *st, OuroStmt *s) {
    OuroExpr *t = s->u.annassign.target;
    if (t->kind == OURO_EXPR_NAME) {
        const char *name = ouro_symtable_mangle(st->arena, st->private_name, t->u.name.id);
        if (!name)
            return st_nomem(st);
        OuroSymbol *cur = ouro_symtable_lookup(st->cur, name);
        if (cur && (cur->flags & (OURO_DEF_GLOBAL | OURO_DEF_NONLOCAL)) &&
            st->cur->type != OURO_BLOCK_MODULE && s->u.annassign.simple)
            return st_error(st, s->span, "annotated name '%s' can't be %s", name,
                            (cur->flags & OURO_DEF_GLOBAL) ? "global" : "nonlocal");
        unsigned flag = s->u.annassign.simple ? (OURO_DEF_ANNOT | OURO_DEF_LOCAL)
                                              : (s->u.annassign.value ? OURO_DEF_LOCAL : 0);
        if (flag && add_def(st, t->u.name.id, flag, t->span) < 0)
            return -1;
    } else if (visit_expr(st, t) < 0) {
        return -1;
    }
    if (visit_expr(st, s->u.annassign.annotation) < 0)
        return -1;
    return visit_opt(st, s->u.annassign.value);
}

/* ---- nesting bound ------------------------------------------------------------------------ */

static int too_deep(OuroSymtable *st) {
    st->too_deep = true;
    return -1;
}

/* Counts one more level of statement or expression nesting; false past the bound. */
static bool enter_nested(OuroSymtable *st) {
    if (st->too_deep)
        return false;
    if (++st->depth > st->max_depth || (const char *)__builtin_frame_address(0) < st->stack_floor) {
        st->depth--;
        too_deep(st);
        return false;
    }
    return true;
}

static int visit_stmt_kind(OuroSymtable *st, OuroStmt *s);

static int visit_stmt(OuroSymtable *st, OuroStmt *s) {
    if (!enter_nested(st))
        return -1;
    int r = visit_stmt_kind(st, s);
    st->depth--;
    return r;
}

static int visit_stmt_kind(OuroSymtable *st, OuroStmt *s) {
    switch (s->kind) {
    case OURO_STMT_FUNCTIONDEF:
        return visit_funcdef(st, s);
    case OURO_STMT_CLASSDEF:
        return visit_classdef(st, s);
    case OURO_STMT_RETURN:
        return visit_opt(st, s->u.return_.value);
    case OURO_STMT_DELETE:
        return visit_exprs(st, &s->u.delete_.targets);
    case OURO_STMT_ASSIGN:
        if (visit_exprs(st, &s->u.assign.targets) < 0)
            return -1;
        return visit_expr(st, s->u.assign.value);
    case OURO_STMT_AUGASSIGN: {
        OuroExpr *t = s->u.augassign.target;
        if (t->kind == OURO_EXPR_NAME) {
            if (add_def(st, t->u.name.id, OURO_DEF_LOCAL, t->span) < 0)
                return -1;
        } else if (visit_expr(st, t) < 0) {
            return -1;
        }
        return visit_expr(st, s->u.augassign.value);
    }
    case OURO_STMT_ANNASSIGN:
        return visit_annassign(st, s);
    case OURO_STMT_FOR:
        if (visit_expr(st, s->u.for_.target) < 0 || visit_expr(st, s->u.for_.iter) < 0 ||
            visit_stmts(st, &s->u.for_.body) < 0)
            return -1;
        return visit_stmts(st, &s->u.for_.orelse);
    case OURO_STMT_WHILE:
        if (visit_expr(st, s->u.while_.test) < 0 || visit_stmts(st, &s->u.while_.body) < 0)
            return -1;
        return visit_stmts(st, &s->u.while_.orelse);
    case OURO_STMT_IF:
        if (visit_expr(st, s->u.if_.test) < 0 || visit_stmts(st, &s->u.if_.body) < 0)
            return -1;
        return visit_stmts(st, &s->u.if_.orelse);
    case OURO_STMT_WITH:
        for (int i = 0; i < s->u.with.items.count; i++) {
            OuroWithItem *it = s->u.with.items.items[i];
            if (visit_expr(st, it->context_expr) < 0 || visit_opt(st, it->optional_vars) < 0)
                return -1;
        }
        return visit_stmts(st, &s->u.with.body);
    case OURO_STMT_RAISE:
        if (visit_opt(st, s->u.raise.exc) < 0)
            return -1;
        return visit_opt(st, s->u.raise.cause);
    case OURO_STMT_TRY:
        if (visit_stmts(st, &s->u.try_.body) < 0 || visit_stmts(st, &s->u.try_.orelse) < 0)
            return -1;
        for (int i = 0; i < s->u.try_.handlers.count; i++) {
            OuroExceptHandler *h = s->u.try_.handlers.items[i];
            if (visit_opt(st, h->type) < 0)
                return -1;
            if (h->name && add_def(st, h->name, OURO_DEF_LOCAL, h->span) < 0)
                return -1;
            if (visit_stmts(st, &h->body) < 0)
                return -1;
        }
        return visit_stmts(st, &s->u.try_.finalbody);
    case OURO_STMT_ASSERT:
        if (visit_expr(st, s->u.assert_.test) < 0)
            return -1;
        return visit_opt(st, s->u.assert_.msg);
    case OURO_STMT_IMPORT:
        for (int i = 0; i < s->u.import.names.count; i++)
            if (visit_alias(st, s->u.import.names.items[i]) < 0)
                return -1;
        return 0;
    case OURO_STMT_IMPORTFROM:
        for (int i = 0; i < s->u.importfrom.names.count; i++)
            if (visit_alias(st, s->u.importfrom.names.items[i]) < 0)
                return -1;
        return 0;
    case OURO_STMT_GLOBAL:
        return visit_directive(st, s, true);
    case OURO_STMT_NONLOCAL:
        return visit_directive(st, s, false);
    case OURO_STMT_EXPR:
        return visit_expr(st, s->u.expr.value);
    case OURO_STMT_PASS:
    case OURO_STMT_BREAK:
    case OURO_STMT_CONTINUE:
        return 0;
    }
    return 0;
}

static int visit_stmts(OuroSymtable *st, OuroStmtList *l) {
    for (int i = 0; i < l->count; i++)
        if (visit_stmt(st, l->items[i]) < 0)
            return -1;
    return 0;
}

/* symtable_extend_namedexpr_scope: a walrus inside a comprehension binds in the nearest
 * enclosing function (or module) scope. */
static int extend_namedexpr_scope(OuroSymtable *st, OuroExpr *target) {
    const char *name = target->u.name.id;
    for (OuroScope *s = st->cur; s; s = s->parent) {
        if (s->comprehension) {
            OuroSymbol *sym = ouro_symtable_lookup(s, name);
            if (sym && (sym->flags & OURO_DEF_COMP_ITER))
                return st_error(st, target->span,
                                "assignment expression cannot rebind comprehension iteration "
                                "variable '%s'", name);
            continue;
        }
        if (s->type == OURO_BLOCK_FUNCTION) {
            OuroSymbol *sym = ouro_symtable_lookup(s, name);
            unsigned f = (sym && (sym->flags & OURO_DEF_GLOBAL)) ? OURO_DEF_GLOBAL : OURO_DEF_NONLOCAL;
            if (add_def(st, name, f, target->span) < 0)
                return -1;
            return add_def_in(st, s, name, OURO_DEF_LOCAL, target->span);
        }
        if (s->type == OURO_BLOCK_MODULE) {
            if (add_def(st, name, OURO_DEF_GLOBAL, target->span) < 0)
                return -1;
            return add_def_in(st, s, name, OURO_DEF_GLOBAL, target->span);
        }
        return st_error(st, target->span,
                        "assignment expression within a comprehension cannot be used in a class "
                        "body");
    }
    return 0;
}

static const char *comp_name(OuroExprKind k, OuroUnitKind *kind) {
    switch (k) {
    case OURO_EXPR_LISTCOMP: *kind = OURO_UNIT_LISTCOMP; return "<listcomp>";
    case OURO_EXPR_SETCOMP: *kind = OURO_UNIT_SETCOMP; return "<setcomp>";
    case OURO_EXPR_DICTCOMP: *kind = OURO_UNIT_DICTCOMP; return "<dictcomp>";
    default: *kind = OURO_UNIT_GENEXP; return "<genexpr>";
    }
}

static int visit_comp_target(OuroSymtable *st, OuroExpr *target) {
    st->cur->comp_iter_target = true;
    int r = visit_expr(st, target);
    st->cur->comp_iter_target = false;
    return r;
}

static int visit_comprehension(OuroSymtable *st, OuroExpr *e, OuroComprehensionList *gens,
                               OuroExpr *elt, OuroExpr *value) {
    OuroComprehension *outer = gens->items[0];
    if (visit_expr(st, outer->iter) < 0)
        return -1;
    OuroUnitKind kind;
    const char *name = comp_name(e->kind, &kind);
    if (enter_block(st, name, OURO_BLOCK_FUNCTION, kind, e, e->span) < 0)
        return -1;
    st->cur->comprehension = true;
    if (add_def(st, ".0", OURO_DEF_PARAM, e->span) < 0)
        return -1;
    if (visit_comp_target(st, outer->target) < 0 || visit_exprs(st, &outer->ifs) < 0)
        return -1;
    for (int i = 1; i < gens->count; i++) {
        OuroComprehension *g = gens->items[i];
        if (visit_comp_target(st, g->target) < 0 || visit_expr(st, g->iter) < 0 ||
            visit_exprs(st, &g->ifs) < 0)
            return -1;
    }
    if (value && visit_expr(st, value) < 0)
        return -1;
    if (visit_expr(st, elt) < 0)
        return -1;
    if (kind == OURO_UNIT_GENEXP)
        st->cur->generator = true;
    exit_block(st);
    return 0;
}

static int yield_in_comprehension(OuroSymtable *st, OuroExpr *e) {
    static const char *const what[] = {
        [OURO_UNIT_LISTCOMP] = "list comprehension", [OURO_UNIT_SETCOMP] = "set comprehension",
        [OURO_UNIT_DICTCOMP] = "dict comprehension", [OURO_UNIT_GENEXP] = "generator expression",
    };
    return st_error(st, e->span, "'yield' inside %s", what[st->cur->kind]);
}

static int visit_name(OuroSymtable *st, OuroExpr *e) {
    unsigned flag = e->u.name.ctx == OURO_CTX_LOAD ? OURO_DEF_USE : OURO_DEF_LOCAL;
    if (st->cur->comp_iter_target && flag == OURO_DEF_LOCAL)
        flag |= OURO_DEF_COMP_ITER;
    if (add_def(st, e->u.name.id, flag, e->span) < 0)
        return -1;
    /* super() with no arguments needs the class cell: it counts as a use of __class__. */
    if (e->u.name.ctx == OURO_CTX_LOAD && st->cur->type == OURO_BLOCK_FUNCTION &&
        strcmp(e->u.name.id, "super") == 0)
        return add_def(st, "__class__", OURO_DEF_USE, e->span);
    return 0;
}

static int visit_lambda(OuroSymtable *st, OuroExpr *e) {
    if (visit_defaults(st, e->u.lambda.args) < 0)
        return -1;
    if (enter_block(st, "<lambda>", OURO_BLOCK_FUNCTION, OURO_UNIT_LAMBDA, e, e->span) < 0)
        return -1;
    if (visit_arguments(st, e->u.lambda.args) < 0 || visit_expr(st, e->u.lambda.body) < 0)
        return -1;
    exit_block(st);
    return 0;
}

static int visit_expr_kind(OuroSymtable *st, OuroExpr *e);

static int visit_expr(OuroSymtable *st, OuroExpr *e) {
    if (!enter_nested(st))
        return -1;
    int r = visit_expr_kind(st, e);
    st->depth--;
    return r;
}

static int visit_expr_kind(OuroSymtable *st, OuroExpr *e) {
    switch (e->kind) {
    case OURO_EXPR_BOOLOP:
        return visit_exprs(st, &e->u.boolop.values);
    case OURO_EXPR_NAMEDEXPR:
        if (st->cur->comprehension && e->u.namedexpr.target->kind == OURO_EXPR_NAME &&
            extend_namedexpr_scope(st, e->u.namedexpr.target) < 0)
            return -1;
        if (visit_expr(st, e->u.namedexpr.value) < 0)
            return -1;
        return visit_expr(st, e->u.namedexpr.target);
    case OURO_EXPR_BINOP:
        if (visit_expr(st, e->u.binop.left) < 0)
            return -1;
        return visit_expr(st, e->u.binop.right);
    case OURO_EXPR_UNARYOP:
        return visit_expr(st, e->u.unaryop.operand);
    case OURO_EXPR_LAMBDA:
        return visit_lambda(st, e);
    case OURO_EXPR_IFEXP:
        if (visit_expr(st, e->u.ifexp.test) < 0 || visit_expr(st, e->u.ifexp.body) < 0)
            return -1;
        return visit_expr(st, e->u.ifexp.orelse);
    case OURO_EXPR_DICT:
        if (visit_exprs(st, &e->u.dict.keys) < 0)
            return -1;
        return visit_exprs(st, &e->u.dict.values);
    case OURO_EXPR_SET:
        return visit_exprs(st, &e->u.set.elts);
    case OURO_EXPR_LISTCOMP:
        return visit_comprehension(st, e, &e->u.listcomp.generators, e->u.listcomp.elt, NULL);
    case OURO_EXPR_SETCOMP:
        return visit_comprehension(st, e, &e->u.setcomp.generators, e->u.setcomp.elt, NULL);
    case OURO_EXPR_GENERATOREXP:
        return visit_comprehension(st, e, &e->u.genexp.generators, e->u.genexp.elt, NULL);
    case OURO_EXPR_DICTCOMP:
        return visit_comprehension(st, e, &e->u.dictcomp.generators, e->u.dictcomp.key,
                                   e->u.dictcomp.value);
    case OURO_EXPR_YIELD:
    case OURO_EXPR_YIELDFROM:
        if (visit_opt(st, e->kind == OURO_EXPR_YIELD ? e->u.yield.value : e->u.yieldfrom.value) < 0)
            return -1;
        if (st->cur->comprehension)
            return yield_in_comprehension(st, e);
        st->cur->generator = true;
        return 0;
    case OURO_EXPR_COMPARE:
        if (visit_expr(st, e->u.compare.left) < 0)
            return -1;
        return visit_exprs(st, &e->u.compare.comparators);
    case OURO_EXPR_CALL:
        if (visit_expr(st, e->u.call.func) < 0 || visit_exprs(st, &e->u.call.args) < 0)
            return -1;
        return visit_keywords(st, &e->u.call.keywords);
    case OURO_EXPR_FORMATTEDVALUE:
        if (visit_expr(st, e->u.formatted.value) < 0)
            return -1;
        return visit_opt(st, e->u.formatted.format_spec);
    case OURO_EXPR_JOINEDSTR:
        return visit_exprs(st, &e->u.joinedstr.values);
    case OURO_EXPR_CONSTANT:
        return 0;
    case OURO_EXPR_ATTRIBUTE:
        return visit_expr(st, e->u.attribute.value);
    case OURO_EXPR_SUBSCRIPT:
        if (visit_expr(st, e->u.subscript.value) < 0)
            return -1;
        return visit_expr(st, e->u.subscript.slice);
    case OURO_EXPR_STARRED:
        return visit_expr(st, e->u.starred.value);
    case OURO_EXPR_NAME:
        return visit_name(st, e);
    case OURO_EXPR_LIST:
        return visit_exprs(st, &e->u.list.elts);
    case OURO_EXPR_TUPLE:
        return visit_exprs(st, &e->u.tuple.elts);
    case OURO_EXPR_SLICE:
        if (visit_opt(st, e->u.slice.lower) < 0 || visit_opt(st, e->u.slice.upper) < 0)
            return -1;
        return visit_opt(st, e->u.slice.step);
    }
    return 0;
}

/* ---- analysis (CPython's analyze_block) ---------------------------------------------------- */

/* A small set of names; linear search is fine for the sizes scopes have. */
typedef struct NameSet {
    const char **items;
    int count, cap;
} NameSet;

static bool set_has(const NameSet *s, const char *name) {
    if (!s)
        return false;
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->items[i], name) == 0)
            return true;
    return false;
}

static int set_add(OuroSymtable *st, NameSet *s, const char *name) {
    if (set_has(s, name))
        return 0;
    if (s->count == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        const char **p = realloc(s->items, (size_t)cap * sizeof(char *));
        if (!p)
            return st_nomem(st);
        s->items = p;
        s->cap = cap;
    }
    s->items[s->count++] = name;
    return 0;
}

static void set_discard(NameSet *s, const char *name) {
    if (!s)
        return;
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->items[i], name) == 0) {
            s->items[i] = s->items[--s->count];
            return;
        }
}

static int set_update(OuroSymtable *st, NameSet *dst, const NameSet *src) {
    if (!src)
        return 0;
    for (int i = 0; i < src->count; i++)
        if (set_add(st, dst, src->items[i]) < 0)
            return -1;
    return 0;
}

static void set_free(NameSet *s) {
    free(s->items);
    s->items = NULL;
    s->count = s->cap = 0;
}

static int analyze_name(OuroSymtable *st, OuroScope *ste, OuroSymbol *sym, NameSet *bound,
                        NameSet *local, NameSet *free_, NameSet *global) {
    const char *name = sym->name;
    unsigned flags = sym->flags;
    if (flags & OURO_DEF_GLOBAL) {
        if (flags & OURO_DEF_NONLOCAL)
            return st_error(st, sym->span, "name '%s' is nonlocal and global", name);
        sym->scope = OURO_SYM_GLOBAL_EXPLICIT;
        if (set_add(st, global, name) < 0)
            return -1;
        set_discard(bound, name);
        return 0;
    }
    if (flags & OURO_DEF_NONLOCAL) {
        if (!bound)
            return st_error(st, sym->span, "nonlocal declaration not allowed at module level");
        if (!set_has(bound, name))
            return st_error(st, sym->span, "no binding for nonlocal '%s' found", name);
        sym->scope = OURO_SYM_FREE;
        return set_add(st, free_, name);
    }
    if (flags & OURO_DEF_BOUND) {
        sym->scope = OURO_SYM_LOCAL;
        if (set_add(st, local, name) < 0)
            return -1;
        set_discard(global, name);
        return 0;
    }
    if (bound && set_has(bound, name)) {
        sym->scope = OURO_SYM_FREE;
        return set_add(st, free_, name);
    }
    sym->scope = OURO_SYM_GLOBAL_IMPLICIT;
    (void)ste;
    return 0;
}

/* Records the free variables of children in this scope (update_symbols). */
static int update_symbols(OuroSymtable *st, OuroScope *ste, NameSet *bound, NameSet *free_) {
    bool classflag = ste->type == OURO_BLOCK_CLASS;
    for (int i = 0; i < free_->count; i++) {
        const char *name = free_->items[i];
        OuroSymbol *sym = ouro_symtable_lookup(ste, name);
        if (sym) {
            if (classflag && (sym->flags & (OURO_DEF_BOUND | OURO_DEF_GLOBAL)))
                sym->flags |= OURO_DEF_FREE_CLASS;
            continue;
        }
        if (bound && !set_has(bound, name))
            continue;
        sym = sym_get(st, ste, name);
        if (!sym)
            return -1;
        sym->scope = OURO_SYM_FREE;
    }
    return 0;
}

static int analyze_block(OuroSymtable *st, OuroScope *ste, NameSet *bound, NameSet *free_,
                         NameSet *global);

/* Analyzes a child with copies of the sets it may modify; its free names go to child_free. */
static int analyze_child(OuroSymtable *st, OuroScope *child, NameSet *bound, NameSet *global,
                         NameSet *child_free) {
    NameSet b = {0}, g = {0}, f = {0};
    int r = -1;
    if (set_update(st, &b, bound) < 0 || set_update(st, &g, global) < 0)
        goto done;
    if (analyze_block(st, child, &b, &f, &g) < 0)
        goto done;
    r = set_update(st, child_free, &f);
done:
    set_free(&b);
    set_free(&g);
    set_free(&f);
    return r;
}

static int analyze_block(OuroSymtable *st, OuroScope *ste, NameSet *bound, NameSet *free_,
                         NameSet *global) {
    NameSet local = {0}, newbound = {0}, newglobal = {0}, newfree = {0}, allfree = {0};
    int r = -1;
    bool is_class = ste->type == OURO_BLOCK_CLASS;
    if (is_class) {
        if (set_update(st, &newglobal, global) < 0 || set_update(st, &newbound, bound) < 0)
            goto done;
    }
    for (int i = 0; i < ste->nsyms; i++)
        if (analyze_name(st, ste, &ste->syms[i], bound, &local, free_, global) < 0)
            goto done;
    if (!is_class) {
        if (ste->type == OURO_BLOCK_FUNCTION && set_update(st, &newbound, &local) < 0)
            goto done;
        if (set_update(st, &newbound, bound) < 0 || set_update(st, &newglobal, global) < 0)
            goto done;
    } else if (set_add(st, &newbound, "__class__") < 0) {
        goto done;
    }
    for (int i = 0; i < ste->nchildren; i++)
        if (analyze_child(st, ste->children[i], &newbound, &newglobal, &allfree) < 0)
            goto done;
    if (set_update(st, &newfree, &allfree) < 0)
        goto done;
    if (ste->type == OURO_BLOCK_FUNCTION) {
        /* analyze_cells: locals that children use freely become cells. */
        for (int i = 0; i < ste->nsyms; i++) {
            OuroSymbol *sym = &ste->syms[i];
            if (sym->scope == OURO_SYM_LOCAL && set_has(&newfree, sym->name)) {
                sym->scope = OURO_SYM_CELL;
                set_discard(&newfree, sym->name);
            }
        }
    } else if (is_class && set_has(&newfree, "__class__")) {
        ste->needs_class_closure = true;
        set_discard(&newfree, "__class__");
    }
    if (update_symbols(st, ste, bound, &newfree) < 0)
        goto done;
    r = set_update(st, free_, &newfree);
done:
    set_free(&local);
    set_free(&newbound);
    set_free(&newglobal);
    set_free(&newfree);
    set_free(&allfree);
    return r;
}

int ouro_symtable_build(OuroSymtable *st, OuroArena *arena, OuroModuleAST *mod,
                        OuroCompileMode mode) {
    return ouro_symtable_build_ex(st, arena, mod, mode, 3000, (size_t)4 << 20);
}

int ouro_symtable_build_ex(OuroSymtable *st, OuroArena *arena, OuroModuleAST *mod,
                           OuroCompileMode mode, int max_depth, size_t stack_budget) {
    memset(st, 0, sizeof *st);
    st->arena = arena;
    st->max_depth = max_depth;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    st->stack_floor = (const char *)(here > stack_budget ? here - stack_budget : 0);
    OuroSpan span = {1, 0, 1, 0};
    if (enter_block(st, "top", OURO_BLOCK_MODULE, OURO_UNIT_MODULE, mod, span) < 0)
        return -1;
    if (visit_stmts(st, &mod->body) < 0)
        return -1;
    NameSet free_ = {0}, global = {0};
    int r = analyze_block(st, st->top, NULL, &free_, &global);
    set_free(&free_);
    set_free(&global);
    (void)mode;
    return r;
}
