/* compiler/codegen.h — internal to compiler/: the code generator's state shared by
 * codegen.c (units, emission, constants, assembly into OuroCode), codegen_expr.c and
 * codegen_stmt.c. Instructions follow vm/opcodes.def exactly; the patterns mirror CPython
 * 3.10's Python/compile.c adapted to one stack slot per exception.
 * Errors: a SyntaxError found while generating is recorded in OuroCompiler (failed, msg,
 * err_span) and -1 is returned; out of memory is sticky (no_memory) and checked once. */
#ifndef OURO_COMPILER_CODEGEN_H
#define OURO_COMPILER_CODEGEN_H

#ifndef OURO_COMPILER_INTERNAL
#error "compiler/codegen.h is internal to the compiler layer"
#endif

#include "compiler/symtable.h"
#include "vm/ouro.h"

enum {
#define OP(name, hasarg) OURO_CGOP_##name,
#include "vm/opcodes.def"
#undef OP
    OURO_CGOP_COUNT
};

/* Names and argument flags of the opcodes (index: opcode). */
extern const char *const ouro_cg_opnames[OURO_CGOP_COUNT];
extern const unsigned char ouro_cg_hasarg[OURO_CGOP_COUNT];
/* True for instructions whose argument is a jump target. */
bool ouro_cg_is_jump(unsigned op);

/* CPython's STACK_USE_GUIDELINE: longer displays and calls are built incrementally. */
#define OURO_CG_STACK_USE_GUIDELINE 30
/* CPython's CO_MAXBLOCKS: "too many statically nested blocks". */
#define OURO_CG_MAX_FBLOCKS 20

typedef struct OuroCgInstr {
    uint8_t op;
    uint32_t arg;                     /* a label id for jumps until assembly */
    OuroCodePos pos;
} OuroCgInstr;

typedef enum {
    OURO_CK_NONE, OURO_CK_TRUE, OURO_CK_FALSE, OURO_CK_ELLIPSIS, OURO_CK_INT, OURO_CK_BIGINT,
    OURO_CK_FLOAT, OURO_CK_STR, OURO_CK_TUPLE, OURO_CK_CODE
} OuroCgConstKind;

/* A constant before it becomes an object: compared structurally for de-duplication, so
 * 1, 1.0, True and -0.0 stay distinct as CPython keeps them. */
typedef struct OuroCgConst {
    OuroCgConstKind kind;
    int64_t ival;
    double fval;
    const char *s;                    /* STR bytes; BIGINT digits (maybe with '-') */
    size_t n;                         /* STR/BIGINT length; TUPLE item count */
    struct OuroCgConst *items;        /* TUPLE items (arena) */
    OuroObject *obj;                  /* CODE: owned by the unit until assembly */
} OuroCgConst;

/* An ordered table of distinct C strings (names, varnames, cellvars, freevars). */
typedef struct OuroCgNames {
    const char **items;
    int count, cap;
    int *index;                       /* open addressing: position + 1 */
    int index_cap;
} OuroCgNames;

typedef enum {
    OURO_FB_WHILE_LOOP, OURO_FB_FOR_LOOP, OURO_FB_TRY_EXCEPT, OURO_FB_FINALLY_TRY,
    OURO_FB_FINALLY_END, OURO_FB_WITH, OURO_FB_HANDLER_CLEANUP, OURO_FB_POP_VALUE,
    OURO_FB_EXCEPTION_HANDLER
} OuroCgFBlockType;

/* A statically nested block (CPython's fblockinfo). */
typedef struct OuroCgFBlock {
    OuroCgFBlockType type;
    int block_label;                  /* loops: where `continue` goes */
    int exit_label;                   /* loops: where `break` goes */
    OuroStmtList *finalbody;          /* FINALLY_TRY */
    const char *name;                 /* HANDLER_CLEANUP: the `as` name or NULL */
    OuroStmt *stmt;                   /* WITH: the statement, for positions */
} OuroCgFBlock;

typedef struct OuroCgUnit {
    struct OuroCgUnit *parent;
    OuroScope *ste;
    OuroUnitKind kind;
    const char *name;
    const char *qualname;
    const char *private_name;         /* class name for mangling, inherited */

    OuroCgInstr *code;
    int ncode, code_cap;
    int *labels;                      /* instruction index of each label, -1 unplaced */
    int nlabels, labels_cap;

    OuroCgConst *consts;
    int nconsts, consts_cap;
    int *cindex;                      /* open addressing over consts: position + 1 */
    int cindex_cap;

    OuroCgNames names, varnames, cellvars, freevars;

    OuroCgFBlock fblocks[OURO_CG_MAX_FBLOCKS];
    int nfblocks;

    int argcount, posonlyargcount, kwonlyargcount;
    unsigned flags;
    int firstlineno;
    OuroSpan loc;                     /* position given to emitted instructions */
} OuroCgUnit;

typedef struct OuroCompiler {
    OuroVM *vm;
    OuroArena *arena;
    OuroSymtable *st;
    OuroObject *filename;             /* str */
    OuroCompileMode mode;
    OuroCgUnit *u;
    bool failed, no_memory;
    char msg[256];
    OuroSpan err_span;
} OuroCompiler;

/* ---- codegen.c: errors, emission, tables ---------------------------------------------------- */

/* Records a SyntaxError at span (first one wins); returns -1. */
int ouro_cg_error(OuroCompiler *c, OuroSpan span, const char *fmt, ...);
void ouro_cg_nomem(OuroCompiler *c);
/* Before recursing into a nested statement or expression: when the VM's C stack budget is
 * used up, raises RecursionError "maximum recursion depth exceeded during compilation"
 * in the VM, stops generation (no_memory is the sticky stop flag; the pending exception
 * is what ouro_compile raises) and returns -1. */
int ouro_cg_check_stack(OuroCompiler *c);
static inline bool ouro_cg_ok(const OuroCompiler *c) { return !c->failed && !c->no_memory; }

void ouro_cg_emit(OuroCompiler *c, unsigned op, uint32_t arg);
static inline void ouro_cg_op(OuroCompiler *c, unsigned op) { ouro_cg_emit(c, op, 0); }
int ouro_cg_new_label(OuroCompiler *c);
void ouro_cg_place(OuroCompiler *c, int label);
/* Sets the position of following instructions; returns the previous one. */
static inline OuroSpan ouro_cg_set_loc(OuroCompiler *c, OuroSpan span) {
    OuroSpan old = c->u->loc;
    c->u->loc = span;
    return old;
}

int ouro_cg_add_const(OuroCompiler *c, const OuroCgConst *k);
void ouro_cg_load_const(OuroCompiler *c, const OuroCgConst *k);
void ouro_cg_load_none(OuroCompiler *c);
void ouro_cg_load_str(OuroCompiler *c, const char *s);
void ouro_cg_load_int(OuroCompiler *c, int64_t v);
int ouro_cg_names_add(OuroCompiler *c, OuroCgNames *t, const char *s);
int ouro_cg_names_find(const OuroCgNames *t, const char *s);
/* Emits op with names[mangled name] (LOAD_ATTR, STORE_ATTR, LOAD_METHOD, IMPORT_*). */
void ouro_cg_emit_name(OuroCompiler *c, unsigned op, const char *name);
const char *ouro_cg_mangle(OuroCompiler *c, const char *name);
/* Load/store/delete of a variable by its resolved scope (compiler_nameop). */
int ouro_cg_nameop(OuroCompiler *c, const char *name, OuroExprContext ctx);

/* Code units: enter a scope opened by an AST node, and leave it producing a code object
 * constant in the parent (returns its const index, or -1). */
int ouro_cg_enter_scope(OuroCompiler *c, const void *node, const char *name, int firstlineno);
int ouro_cg_exit_scope(OuroCompiler *c);
/* Loads the closure cells, the code and its qualname, then MAKE_FUNCTION. */
void ouro_cg_make_closure(OuroCompiler *c, int code_const, unsigned flags);

/* ---- codegen_expr.c ------------------------------------------------------------------------- */

int ouro_cg_expr(OuroCompiler *c, OuroExpr *e);
/* Jumps to label when the truth of e equals cond (compiler_jump_if). */
int ouro_cg_jump_if(OuroCompiler *c, OuroExpr *e, int label, bool cond);
/* Evaluates args/keywords and calls the callable already on the stack below n pushed
 * values (compiler_call_helper). */
int ouro_cg_call_helper(OuroCompiler *c, int n, OuroExprList *args, OuroKeywordList *kws,
                        OuroSpan span);
/* True (and *out filled) when e is a compile-time constant (folding tuples, -number). */
bool ouro_cg_const_of(OuroCompiler *c, OuroExpr *e, OuroCgConst *out);
/* Default arguments of a def or lambda: pushes them and returns MAKE_FUNCTION flags. */
int ouro_cg_default_args(OuroCompiler *c, OuroArguments *a, unsigned *flags);
/* Sets the unit's argument counts (and VARARGS/VARKEYWORDS flags) from a. */
void ouro_cg_set_argcounts(OuroCompiler *c, OuroArguments *a);
/* Stores TOS into an assignment target / deletes a target, whatever ctx the node says. */
int ouro_cg_assign_target(OuroCompiler *c, OuroExpr *t);
int ouro_cg_delete_target(OuroCompiler *c, OuroExpr *t);
/* Evaluates a for-loop / comprehension iterable (a constant list display becomes a
 * tuple constant). */
int ouro_cg_iterable(OuroCompiler *c, OuroExpr *e);
/* The position CPython 3.11 gives attribute accesses that span lines (the attr's line). */
OuroSpan ouro_cg_attr_span(OuroExpr *attr);

/* ---- codegen_stmt.c ------------------------------------------------------------------------- */

int ouro_cg_stmt(OuroCompiler *c, OuroStmt *s);
int ouro_cg_stmts(OuroCompiler *c, OuroStmtList *l);
/* Module / class body: docstring to __doc__, annotations set-up, statements. */
int ouro_cg_body(OuroCompiler *c, OuroStmtList *body, bool docstring);

/* ---- the entry (codegen.c) ------------------------------------------------------------------ */

/* Generates the module code object. Returns it (new ref) or NULL: then either c->failed
 * (a SyntaxError to raise), c->no_memory, or an exception is set in the VM. */
OuroObject *ouro_cg_module(OuroCompiler *c, OuroModuleAST *mod);
/* Frees the units left after an error (and the code constants they own). */
void ouro_cg_cleanup(OuroCompiler *c);

#endif
