/* compiler/ast_dump.c — prints an AST exactly as CPython 3.11's ast.dump() does (optionally
 * with include_attributes=True), so parser output can be diffed against python3. A
 * debugging and testing aid: nothing in the compiler pipeline depends on it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parser.h"

typedef struct Dump {
    FILE *out;
    bool attrs;
} Dump;

static void expr(Dump *d, const OuroExpr *e);
static void stmts(Dump *d, OuroStmtList l);

static void span(Dump *d, OuroSpan s)
{
    if (d->attrs)
        fprintf(d->out, ", lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", s.line,
                s.col, s.end_line, s.end_col);
}

static void exprs(Dump *d, OuroExprList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        if (i)
            fputs(", ", d->out);
        if (l.items[i])
            expr(d, l.items[i]);
        else
            fputs("None", d->out);
    }
    fputc(']', d->out);
}

static void opt(Dump *d, const char *name, const OuroExpr *e)
{
    if (e) {
        fprintf(d->out, ", %s=", name);
        expr(d, e);
    }
}

static void pystr(Dump *d, const char *s, size_t n)
{
    bool sq = memchr(s, '\'', n) != NULL, dq = memchr(s, '"', n) != NULL;
    char q = sq && !dq ? '"' : '\'';
    fputc(q, d->out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == (unsigned char)q)
            fprintf(d->out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", d->out);
        else if (c == '\r')
            fputs("\\r", d->out);
        else if (c == '\t')
            fputs("\\t", d->out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(d->out, "\\x%02x", c);
        else if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] <= 0xA0 ||
                                            (unsigned char)s[i + 1] == 0xAD))
            fprintf(d->out, "\\x%02x", (unsigned char)s[++i]);
        else
            fputc(c, d->out);
    }
    fputc(q, d->out);
}

/* Python's repr(float): the shortest digits that round-trip, fixed or scientific. */
static void pyfloat(Dump *d, double v)
{
    if (isinf(v)) {
        fputs(v > 0 ? "inf" : "-inf", d->out);
        return;
    }
    char buf[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    char digits[32];
    size_t nd = 0;
    const char *c = buf;
    if (*c == '-') {
        fputc('-', d->out);
        c++;
    }
    for (; *c && *c != 'e'; c++)
        if (*c != '.')
            digits[nd++] = *c;
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    int decpt = atoi(c + 1) + 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            fputs("0.", d->out);
            for (int i = 0; i < -decpt; i++)
                fputc('0', d->out);
            fputs(digits, d->out);
        } else if ((size_t)decpt >= nd) {
            fputs(digits, d->out);
            for (size_t i = nd; i < (size_t)decpt; i++)
                fputc('0', d->out);
            fputs(".0", d->out);
        } else {
            fprintf(d->out, "%.*s.%s", decpt, digits, digits + decpt);
        }
    } else {
        fputc(digits[0], d->out);
        if (nd > 1)
            fprintf(d->out, ".%s", digits + 1);
        int ex = decpt - 1;
        fprintf(d->out, "e%c%02d", ex < 0 ? '-' : '+', abs(ex));
    }
}

static const char *op_name(OuroOperator op)
{
    static const char *const names[] = { "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
                                         "LShift", "RShift", "BitOr", "BitXor", "BitAnd",
                                         "FloorDiv" };
    return names[op];
}

static const char *ctx_name(OuroExprContext c)
{
    return c == OURO_CTX_LOAD ? "Load()" : c == OURO_CTX_STORE ? "Store()" : "Del()";
}

static void arg(Dump *d, const OuroArg *a)
{
    fprintf(d->out, "arg(arg='%s'", a->name);
    opt(d, "annotation", a->annotation);
    span(d, a->span);
    fputc(')', d->out);
}

static void args_list(Dump *d, OuroArgList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        if (i)
            fputs(", ", d->out);
        arg(d, l.items[i]);
    }
    fputc(']', d->out);
}

static void arguments(Dump *d, const OuroArguments *a)
{
    fputs("arguments(posonlyargs=", d->out);
    args_list(d, a->posonlyargs);
    fputs(", args=", d->out);
    args_list(d, a->args);
    if (a->vararg) {
        fputs(", vararg=", d->out);
        arg(d, a->vararg);
    }
    fputs(", kwonlyargs=", d->out);
    args_list(d, a->kwonlyargs);
    fputs(", kw_defaults=", d->out);
    exprs(d, a->kw_defaults);
    if (a->kwarg) {
        fputs(", kwarg=", d->out);
        arg(d, a->kwarg);
    }
    fputs(", defaults=", d->out);
    exprs(d, a->defaults);
    fputc(')', d->out);
}

static void keywords(Dump *d, OuroKeywordList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        const OuroKeyword *k = l.items[i];
        fputs(i ? ", keyword(" : "keyword(", d->out);
        if (k->arg)
            fprintf(d->out, "arg='%s', ", k->arg);
        fputs("value=", d->out);
        expr(d, k->value);
        span(d, k->span);
        fputc(')', d->out);
    }
    fputc(']', d->out);
}

static void comprehensions(Dump *d, OuroComprehensionList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        const OuroComprehension *c = l.items[i];
        fputs(i ? ", comprehension(target=" : "comprehension(target=", d->out);
        expr(d, c->target);
        fputs(", iter=", d->out);
        expr(d, c->iter);
        fputs(", ifs=", d->out);
        exprs(d, c->ifs);
        fputs(", is_async=0)", d->out);
    }
    fputc(']', d->out);
}

static void constant(Dump *d, const OuroExpr *e)
{
    FILE *o = d->out;
    fputs("Constant(value=", o);
    switch (e->u.constant.kind) {
    case OURO_CONST_NONE: fputs("None", o); break;
    case OURO_CONST_TRUE: fputs("True", o); break;
    case OURO_CONST_FALSE: fputs("False", o); break;
    case OURO_CONST_ELLIPSIS: fputs("Ellipsis", o); break;
    case OURO_CONST_INT: fprintf(o, "%lld", (long long)e->u.constant.ival); break;
    case OURO_CONST_BIGINT: fputs(e->u.constant.str, o); break;
    case OURO_CONST_FLOAT: pyfloat(d, e->u.constant.fval); break;
    case OURO_CONST_STR: pystr(d, e->u.constant.str, e->u.constant.str_len); break;
    }
}

static void expr(Dump *d, const OuroExpr *e)
{
    static const char *const cmp[] = { "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot",
                                       "In", "NotIn" };
    static const char *const uop[] = { "Invert", "Not", "UAdd", "USub" };
    FILE *o = d->out;
    switch (e->kind) {
    case OURO_EXPR_BOOLOP:
        fprintf(o, "BoolOp(op=%s(), values=", e->u.boolop.op == OURO_BOOL_AND ? "And" : "Or");
        exprs(d, e->u.boolop.values);
        break;
    case OURO_EXPR_NAMEDEXPR:
        fputs("NamedExpr(target=", o);
        expr(d, e->u.namedexpr.target);
        fputs(", value=", o);
        expr(d, e->u.namedexpr.value);
        break;
    case OURO_EXPR_BINOP:
        fputs("BinOp(left=", o);
        expr(d, e->u.binop.left);
        fprintf(o, ", op=%s(), right=", op_name(e->u.binop.op));
        expr(d, e->u.binop.right);
        break;
    case OURO_EXPR_UNARYOP:
        fprintf(o, "UnaryOp(op=%s(), operand=", uop[e->u.unaryop.op]);
        expr(d, e->u.unaryop.operand);
        break;
    case OURO_EXPR_LAMBDA:
        fputs("Lambda(args=", o);
        arguments(d, e->u.lambda.args);
        fputs(", body=", o);
        expr(d, e->u.lambda.body);
        break;
    case OURO_EXPR_IFEXP:
        fputs("IfExp(test=", o);
        expr(d, e->u.ifexp.test);
        fputs(", body=", o);
        expr(d, e->u.ifexp.body);
        fputs(", orelse=", o);
        expr(d, e->u.ifexp.orelse);
        break;
    case OURO_EXPR_DICT:
        fputs("Dict(keys=", o);
        exprs(d, e->u.dict.keys);
        fputs(", values=", o);
        exprs(d, e->u.dict.values);
        break;
    case OURO_EXPR_SET:
        fputs("Set(elts=", o);
        exprs(d, e->u.set.elts);
        break;
    case OURO_EXPR_LISTCOMP:
    case OURO_EXPR_SETCOMP:
    case OURO_EXPR_GENERATOREXP:
        fputs(e->kind == OURO_EXPR_LISTCOMP  ? "ListComp(elt="
              : e->kind == OURO_EXPR_SETCOMP ? "SetComp(elt="
                                             : "GeneratorExp(elt=", o);
        expr(d, e->u.listcomp.elt);
        fputs(", generators=", o);
        comprehensions(d, e->u.listcomp.generators);
        break;
    case OURO_EXPR_DICTCOMP:
        fputs("DictComp(key=", o);
        expr(d, e->u.dictcomp.key);
        fputs(", value=", o);
        expr(d, e->u.dictcomp.value);
        fputs(", generators=", o);
        comprehensions(d, e->u.dictcomp.generators);
        break;
    case OURO_EXPR_YIELD:
        fputs("Yield(", o);
        if (e->u.yield.value) {
            fputs("value=", o);
            expr(d, e->u.yield.value);
        }
        if (d->attrs) {
            fprintf(o, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d)",
                    e->u.yield.value ? ", " : "", e->span.line, e->span.col, e->span.end_line,
                    e->span.end_col);
        } else {
            fputc(')', o);
        }
        return;
    case OURO_EXPR_YIELDFROM:
        fputs("YieldFrom(value=", o);
        expr(d, e->u.yieldfrom.value);
        break;
    case OURO_EXPR_COMPARE:
        fputs("Compare(left=", o);
        expr(d, e->u.compare.left);
        fputs(", ops=[", o);
        for (int i = 0; i < e->u.compare.count; i++)
            fprintf(o, "%s%s()", i ? ", " : "", cmp[e->u.compare.ops[i]]);
        fputs("], comparators=", o);
        exprs(d, e->u.compare.comparators);
        break;
    case OURO_EXPR_CALL:
        fputs("Call(func=", o);
        expr(d, e->u.call.func);
        fputs(", args=", o);
        exprs(d, e->u.call.args);
        fputs(", keywords=", o);
        keywords(d, e->u.call.keywords);
        break;
    case OURO_EXPR_FORMATTEDVALUE:
        fputs("FormattedValue(value=", o);
        expr(d, e->u.formatted.value);
        fprintf(o, ", conversion=%d", e->u.formatted.conversion);
        opt(d, "format_spec", e->u.formatted.format_spec);
        break;
    case OURO_EXPR_JOINEDSTR:
        fputs("JoinedStr(values=", o);
        exprs(d, e->u.joinedstr.values);
        break;
    case OURO_EXPR_CONSTANT:
        constant(d, e);
        break;
    case OURO_EXPR_ATTRIBUTE:
        fputs("Attribute(value=", o);
        expr(d, e->u.attribute.value);
        fprintf(o, ", attr='%s', ctx=%s", e->u.attribute.attr, ctx_name(e->u.attribute.ctx));
        break;
    case OURO_EXPR_SUBSCRIPT:
        fputs("Subscript(value=", o);
        expr(d, e->u.subscript.value);
        fputs(", slice=", o);
        expr(d, e->u.subscript.slice);
        fprintf(o, ", ctx=%s", ctx_name(e->u.subscript.ctx));
        break;
    case OURO_EXPR_STARRED:
        fputs("Starred(value=", o);
        expr(d, e->u.starred.value);
        fprintf(o, ", ctx=%s", ctx_name(e->u.starred.ctx));
        break;
    case OURO_EXPR_NAME:
        fprintf(o, "Name(id='%s', ctx=%s", e->u.name.id, ctx_name(e->u.name.ctx));
        break;
    case OURO_EXPR_LIST:
    case OURO_EXPR_TUPLE:
        fputs(e->kind == OURO_EXPR_LIST ? "List(elts=" : "Tuple(elts=", o);
        exprs(d, e->u.list.elts);
        fprintf(o, ", ctx=%s", ctx_name(e->u.list.ctx));
        break;
    case OURO_EXPR_SLICE: {
        fputs("Slice(", o);
        const char *sep = "";
        const OuroExpr *parts[3] = { e->u.slice.lower, e->u.slice.upper, e->u.slice.step };
        const char *names[3] = { "lower", "upper", "step" };
        for (int i = 0; i < 3; i++)
            if (parts[i]) {
                fprintf(o, "%s%s=", sep, names[i]);
                expr(d, parts[i]);
                sep = ", ";
            }
        if (d->attrs)
            fprintf(o, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", sep,
                    e->span.line, e->span.col, e->span.end_line, e->span.end_col);
        fputc(')', o);
        return;
    }
    }
    span(d, e->span);
    fputc(')', o);
}

static void aliases(Dump *d, OuroAliasList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        fprintf(d->out, "%salias(name='%s'", i ? ", " : "", l.items[i]->name);
        if (l.items[i]->asname)
            fprintf(d->out, ", asname='%s'", l.items[i]->asname);
        span(d, l.items[i]->span);
        fputc(')', d->out);
    }
    fputc(']', d->out);
}

static void names(Dump *d, OuroNameList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++)
        fprintf(d->out, "%s'%s'", i ? ", " : "", l.items[i]);
    fputc(']', d->out);
}

static void stmt(Dump *d, const OuroStmt *s)
{
    FILE *o = d->out;
    switch (s->kind) {
    case OURO_STMT_FUNCTIONDEF:
        fprintf(o, "FunctionDef(name='%s', args=", s->u.functiondef.name);
        arguments(d, s->u.functiondef.args);
        fputs(", body=", o);
        stmts(d, s->u.functiondef.body);
        fputs(", decorator_list=", o);
        exprs(d, s->u.functiondef.decorator_list);
        opt(d, "returns", s->u.functiondef.returns);
        break;
    case OURO_STMT_CLASSDEF:
        fprintf(o, "ClassDef(name='%s', bases=", s->u.classdef.name);
        exprs(d, s->u.classdef.bases);
        fputs(", keywords=", o);
        keywords(d, s->u.classdef.keywords);
        fputs(", body=", o);
        stmts(d, s->u.classdef.body);
        fputs(", decorator_list=", o);
        exprs(d, s->u.classdef.decorator_list);
        break;
    case OURO_STMT_RETURN:
        fputs("Return(", o);
        if (s->u.return_.value) {
            fputs("value=", o);
            expr(d, s->u.return_.value);
            span(d, s->span);
        } else if (d->attrs) {
            fprintf(o, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                    s->span.line, s->span.col, s->span.end_line, s->span.end_col);
        }
        fputc(')', o);
        return;
    case OURO_STMT_DELETE:
        fputs("Delete(targets=", o);
        exprs(d, s->u.delete_.targets);
        break;
    case OURO_STMT_ASSIGN:
        fputs("Assign(targets=", o);
        exprs(d, s->u.assign.targets);
        fputs(", value=", o);
        expr(d, s->u.assign.value);
        break;
    case OURO_STMT_AUGASSIGN:
        fputs("AugAssign(target=", o);
        expr(d, s->u.augassign.target);
        fprintf(o, ", op=%s(), value=", op_name(s->u.augassign.op));
        expr(d, s->u.augassign.value);
        break;
    case OURO_STMT_ANNASSIGN:
        fputs("AnnAssign(target=", o);
        expr(d, s->u.annassign.target);
        fputs(", annotation=", o);
        expr(d, s->u.annassign.annotation);
        opt(d, "value", s->u.annassign.value);
        fprintf(o, ", simple=%d", s->u.annassign.simple ? 1 : 0);
        break;
    case OURO_STMT_FOR:
        fputs("For(target=", o);
        expr(d, s->u.for_.target);
        fputs(", iter=", o);
        expr(d, s->u.for_.iter);
        fputs(", body=", o);
        stmts(d, s->u.for_.body);
        fputs(", orelse=", o);
        stmts(d, s->u.for_.orelse);
        break;
    case OURO_STMT_WHILE:
    case OURO_STMT_IF:
        fputs(s->kind == OURO_STMT_WHILE ? "While(test=" : "If(test=", o);
        expr(d, s->u.if_.test);
        fputs(", body=", o);
        stmts(d, s->u.if_.body);
        fputs(", orelse=", o);
        stmts(d, s->u.if_.orelse);
        break;
    case OURO_STMT_WITH:
        fputs("With(items=[", o);
        for (int i = 0; i < s->u.with.items.count; i++) {
            const OuroWithItem *w = s->u.with.items.items[i];
            fputs(i ? ", withitem(context_expr=" : "withitem(context_expr=", o);
            expr(d, w->context_expr);
            opt(d, "optional_vars", w->optional_vars);
            fputc(')', o);
        }
        fputs("], body=", o);
        stmts(d, s->u.with.body);
        break;
    case OURO_STMT_RAISE: {
        fputs("Raise(", o);
        const char *sep = "";
        if (s->u.raise.exc) {
            fputs("exc=", o);
            expr(d, s->u.raise.exc);
            sep = ", ";
        }
        if (s->u.raise.cause) {
            fprintf(o, "%scause=", sep);
            expr(d, s->u.raise.cause);
            sep = ", ";
        }
        if (d->attrs)
            fprintf(o, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d", sep,
                    s->span.line, s->span.col, s->span.end_line, s->span.end_col);
        fputc(')', o);
        return;
    }
    case OURO_STMT_TRY:
        fputs("Try(body=", o);
        stmts(d, s->u.try_.body);
        fputs(", handlers=[", o);
        for (int i = 0; i < s->u.try_.handlers.count; i++) {
            const OuroExceptHandler *h = s->u.try_.handlers.items[i];
            fputs(i ? ", ExceptHandler(" : "ExceptHandler(", o);
            if (h->type) {
                fputs("type=", o);
                expr(d, h->type);
                fputs(", ", o);
            }
            if (h->name)
                fprintf(o, "name='%s', ", h->name);
            fputs("body=", o);
            stmts(d, h->body);
            span(d, h->span);
            fputc(')', o);
        }
        fputs("], orelse=", o);
        stmts(d, s->u.try_.orelse);
        fputs(", finalbody=", o);
        stmts(d, s->u.try_.finalbody);
        break;
    case OURO_STMT_ASSERT:
        fputs("Assert(test=", o);
        expr(d, s->u.assert_.test);
        opt(d, "msg", s->u.assert_.msg);
        break;
    case OURO_STMT_IMPORT:
        fputs("Import(names=", o);
        aliases(d, s->u.import.names);
        break;
    case OURO_STMT_IMPORTFROM:
        fputs("ImportFrom(", o);
        if (s->u.importfrom.module)
            fprintf(o, "module='%s', ", s->u.importfrom.module);
        fputs("names=", o);
        aliases(d, s->u.importfrom.names);
        fprintf(o, ", level=%d", s->u.importfrom.level);
        break;
    case OURO_STMT_GLOBAL:
    case OURO_STMT_NONLOCAL:
        fputs(s->kind == OURO_STMT_GLOBAL ? "Global(names=" : "Nonlocal(names=", o);
        names(d, s->u.global.names);
        break;
    case OURO_STMT_EXPR:
        fputs("Expr(value=", o);
        expr(d, s->u.expr.value);
        break;
    case OURO_STMT_PASS:
    case OURO_STMT_BREAK:
    case OURO_STMT_CONTINUE:
        fputs(s->kind == OURO_STMT_PASS ? "Pass(" : s->kind == OURO_STMT_BREAK ? "Break(" : "Continue(", o);
        if (d->attrs)
            fprintf(o, "lineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
                    s->span.line, s->span.col, s->span.end_line, s->span.end_col);
        fputc(')', o);
        return;
    }
    span(d, s->span);
    fputc(')', o);
}

static void stmts(Dump *d, OuroStmtList l)
{
    fputc('[', d->out);
    for (int i = 0; i < l.count; i++) {
        if (i)
            fputs(", ", d->out);
        stmt(d, l.items[i]);
    }
    fputc(']', d->out);
}

void ouro_ast_dump_ex(OuroModuleAST *m, FILE *out, bool attributes)
{
    Dump d = { out, attributes };
    fputs("Module(body=", out);
    stmts(&d, m->body);
    fputs(", type_ignores=[])\n", out);
}

void ouro_ast_dump(OuroModuleAST *m, FILE *out)
{
    ouro_ast_dump_ex(m, out, false);
}
