/* The abstract syntax tree: what the parser produces and the code generator consumes.
 * Node kinds and field names mirror CPython's Python.asdl so the grammar reads the same.
 * Every node lives in an OuroArena (compiler/arena.h) and dies with it: the AST never
 * touches the object heap. Strings are arena copies, NUL-terminated; identifiers are
 * plain C strings until codegen interns them. Numbers keep their source text for big
 * ints (codegen turns them into objects). Every node carries a source span. */
#ifndef OURO_COMPILER_AST_H
#define OURO_COMPILER_AST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct OuroArena OuroArena;

/* Source span: lines are 1-based, columns are 0-based byte offsets in the line (as
 * CPython's col_offset); end_* point one past the last character. */
typedef struct OuroSpan {
    int line, col, end_line, end_col;
} OuroSpan;

typedef struct OuroExpr OuroExpr;
typedef struct OuroStmt OuroStmt;

/* Growable arrays allocated from the arena. */
typedef struct { OuroExpr **items; int count; } OuroExprList;
typedef struct { OuroStmt **items; int count; } OuroStmtList;
typedef struct { const char **items; int count; } OuroNameList;

typedef enum {
    OURO_OP_ADD, OURO_OP_SUB, OURO_OP_MULT, OURO_OP_MATMULT, OURO_OP_DIV, OURO_OP_MOD,
    OURO_OP_POW, OURO_OP_LSHIFT, OURO_OP_RSHIFT, OURO_OP_BITOR, OURO_OP_BITXOR,
    OURO_OP_BITAND, OURO_OP_FLOORDIV
} OuroOperator;                       /* binary and augmented-assignment operators */

typedef enum { OURO_UOP_INVERT, OURO_UOP_NOT, OURO_UOP_UADD, OURO_UOP_USUB } OuroUnaryOp;
typedef enum { OURO_BOOL_AND, OURO_BOOL_OR } OuroBoolOp;
typedef enum {
    OURO_CMP_EQ, OURO_CMP_NOTEQ, OURO_CMP_LT, OURO_CMP_LTE, OURO_CMP_GT, OURO_CMP_GTE,
    OURO_CMP_IS, OURO_CMP_ISNOT, OURO_CMP_IN, OURO_CMP_NOTIN
} OuroCmpOp;

/* Load/Store/Del context of Name, Attribute, Subscript, Starred, List, Tuple. */
typedef enum { OURO_CTX_LOAD, OURO_CTX_STORE, OURO_CTX_DEL } OuroExprContext;

typedef struct OuroKeyword {          /* arg=value in a call; arg NULL for **value */
    const char *arg;
    OuroExpr *value;
    OuroSpan span;
} OuroKeyword;
typedef struct { OuroKeyword **items; int count; } OuroKeywordList;

typedef struct OuroArg {              /* one parameter; annotation parsed and kept, unused */
    const char *name;
    OuroExpr *annotation;
    OuroSpan span;
} OuroArg;
typedef struct { OuroArg **items; int count; } OuroArgList;

typedef struct OuroArguments {
    OuroArgList posonlyargs;          /* before '/' */
    OuroArgList args;
    OuroArg *vararg;                  /* *args or NULL */
    OuroArgList kwonlyargs;
    OuroExprList kw_defaults;         /* same length as kwonlyargs; an item is NULL when none */
    OuroArg *kwarg;                   /* **kwargs or NULL */
    OuroExprList defaults;            /* defaults of the last posonlyargs+args */
} OuroArguments;

typedef struct OuroComprehension {    /* for target in iter if ifs... */
    OuroExpr *target, *iter;
    OuroExprList ifs;
} OuroComprehension;
typedef struct { OuroComprehension **items; int count; } OuroComprehensionList;

typedef enum {
    OURO_EXPR_BOOLOP, OURO_EXPR_NAMEDEXPR, OURO_EXPR_BINOP, OURO_EXPR_UNARYOP,
    OURO_EXPR_LAMBDA, OURO_EXPR_IFEXP, OURO_EXPR_DICT, OURO_EXPR_SET, OURO_EXPR_LISTCOMP,
    OURO_EXPR_SETCOMP, OURO_EXPR_DICTCOMP, OURO_EXPR_GENERATOREXP, OURO_EXPR_YIELD,
    OURO_EXPR_YIELDFROM, OURO_EXPR_COMPARE, OURO_EXPR_CALL, OURO_EXPR_FORMATTEDVALUE,
    OURO_EXPR_JOINEDSTR, OURO_EXPR_CONSTANT, OURO_EXPR_ATTRIBUTE, OURO_EXPR_SUBSCRIPT,
    OURO_EXPR_STARRED, OURO_EXPR_NAME, OURO_EXPR_LIST, OURO_EXPR_TUPLE, OURO_EXPR_SLICE
} OuroExprKind;

typedef enum {
    OURO_CONST_NONE, OURO_CONST_TRUE, OURO_CONST_FALSE, OURO_CONST_ELLIPSIS,
    OURO_CONST_INT,                   /* fits int64: ival; else text holds the digits */
    OURO_CONST_BIGINT,                /* text: decimal digits, no underscores, no prefix */
    OURO_CONST_FLOAT,                 /* fval */
    OURO_CONST_STR                    /* str: UTF-8 bytes (may contain NUL), str_len */
} OuroConstKind;

struct OuroExpr {
    OuroExprKind kind;
    OuroSpan span;
    union {
        struct { OuroBoolOp op; OuroExprList values; } boolop;
        struct { OuroExpr *target, *value; } namedexpr;
        struct { OuroExpr *left; OuroOperator op; OuroExpr *right; } binop;
        struct { OuroUnaryOp op; OuroExpr *operand; } unaryop;
        struct { OuroArguments *args; OuroExpr *body; } lambda;
        struct { OuroExpr *test, *body, *orelse; } ifexp;
        struct { OuroExprList keys, values; } dict;   /* a NULL key means **values[i] */
        struct { OuroExprList elts; } set;
        struct { OuroExpr *elt; OuroComprehensionList generators; } listcomp, setcomp, genexp;
        struct { OuroExpr *key, *value; OuroComprehensionList generators; } dictcomp;
        struct { OuroExpr *value; } yield;            /* value may be NULL */
        struct { OuroExpr *value; } yieldfrom;
        struct { OuroExpr *left; int count; OuroCmpOp *ops; OuroExprList comparators; } compare;
        struct { OuroExpr *func; OuroExprList args; OuroKeywordList keywords; } call;
        /* conversion: -1 none, 'r', 's' or 'a'; format_spec is a JoinedStr or NULL */
        struct { OuroExpr *value; int conversion; OuroExpr *format_spec; } formatted;
        struct { OuroExprList values; } joinedstr;    /* Constant(str) and FormattedValue */
        struct {
            OuroConstKind kind;
            int64_t ival;
            double fval;
            const char *str;                          /* STR bytes or BIGINT digits */
            size_t str_len;
        } constant;
        struct { OuroExpr *value; const char *attr; OuroExprContext ctx; } attribute;
        struct { OuroExpr *value, *slice; OuroExprContext ctx; } subscript;
        struct { OuroExpr *value; OuroExprContext ctx; } starred;
        struct { const char *id; OuroExprContext ctx; } name;
        struct { OuroExprList elts; OuroExprContext ctx; } list, tuple;
        struct { OuroExpr *lower, *upper, *step; } slice;  /* each may be NULL */
    } u;
};

typedef struct OuroAlias {            /* import name [as asname]; name may be dotted */
    const char *name, *asname;
    OuroSpan span;
} OuroAlias;
typedef struct { OuroAlias **items; int count; } OuroAliasList;

typedef struct OuroWithItem {
    OuroExpr *context_expr, *optional_vars;          /* optional_vars may be NULL */
} OuroWithItem;
typedef struct { OuroWithItem **items; int count; } OuroWithItemList;

typedef struct OuroExceptHandler {
    OuroExpr *type;                   /* NULL for a bare except */
    const char *name;                 /* 'as' name or NULL */
    OuroStmtList body;
    OuroSpan span;
} OuroExceptHandler;
typedef struct { OuroExceptHandler **items; int count; } OuroHandlerList;

typedef enum {
    OURO_STMT_FUNCTIONDEF, OURO_STMT_CLASSDEF, OURO_STMT_RETURN, OURO_STMT_DELETE,
    OURO_STMT_ASSIGN, OURO_STMT_AUGASSIGN, OURO_STMT_ANNASSIGN, OURO_STMT_FOR,
    OURO_STMT_WHILE, OURO_STMT_IF, OURO_STMT_WITH, OURO_STMT_RAISE, OURO_STMT_TRY,
    OURO_STMT_ASSERT, OURO_STMT_IMPORT, OURO_STMT_IMPORTFROM, OURO_STMT_GLOBAL,
    OURO_STMT_NONLOCAL, OURO_STMT_EXPR, OURO_STMT_PASS, OURO_STMT_BREAK, OURO_STMT_CONTINUE
} OuroStmtKind;

struct OuroStmt {
    OuroStmtKind kind;
    OuroSpan span;
    union {
        struct {
            const char *name; OuroArguments *args; OuroStmtList body;
            OuroExprList decorator_list; OuroExpr *returns;
        } functiondef;
        struct {
            const char *name; OuroExprList bases; OuroKeywordList keywords;
            OuroStmtList body; OuroExprList decorator_list;
        } classdef;
        struct { OuroExpr *value; } return_;                  /* value may be NULL */
        struct { OuroExprList targets; } delete_;
        struct { OuroExprList targets; OuroExpr *value; } assign;   /* a = b = value */
        struct { OuroExpr *target; OuroOperator op; OuroExpr *value; } augassign;
        struct { OuroExpr *target, *annotation, *value; bool simple; } annassign;
        struct { OuroExpr *target, *iter; OuroStmtList body, orelse; } for_;
        struct { OuroExpr *test; OuroStmtList body, orelse; } while_, if_;
        struct { OuroWithItemList items; OuroStmtList body; } with;
        struct { OuroExpr *exc, *cause; } raise;              /* both may be NULL */
        struct {
            OuroStmtList body; OuroHandlerList handlers; OuroStmtList orelse, finalbody;
        } try_;
        struct { OuroExpr *test, *msg; } assert_;
        struct { OuroAliasList names; } import;
        struct { const char *module; OuroAliasList names; int level; } importfrom;
        struct { OuroNameList names; } global, nonlocal;
        struct { OuroExpr *value; } expr;
    } u;
};

/* A parsed module: the statements of a file, a -c string or one REPL entry. */
typedef struct OuroModuleAST {
    OuroStmtList body;
} OuroModuleAST;

#endif
