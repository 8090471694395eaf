/* compiler/symtable.h — internal to compiler/: the symbol table built from the AST before
 * code generation. It decides, for every name in every scope, whether it is local, global
 * (explicit or implicit), free or a cell, exactly as CPython's Python/symtable.c does
 * (including name mangling of __private names and the implicit __class__ of super()).
 * Everything lives in the AST arena; nothing here touches the object heap. */
#ifndef OURO_COMPILER_SYMTABLE_H
#define OURO_COMPILER_SYMTABLE_H

#ifndef OURO_COMPILER_INTERNAL
#error "compiler/symtable.h is internal to the compiler layer"
#endif

#include "compiler/compiler.h"

/* Symbol flags (CPython's DEF_*). */
enum {
    OURO_DEF_GLOBAL     = 1u << 0,    /* global statement */
    OURO_DEF_LOCAL      = 1u << 1,    /* assigned in this scope */
    OURO_DEF_PARAM      = 1u << 2,    /* a parameter */
    OURO_DEF_NONLOCAL   = 1u << 3,    /* nonlocal statement */
    OURO_DEF_USE        = 1u << 4,    /* read in this scope */
    OURO_DEF_FREE_CLASS = 1u << 5,    /* free in a method and also bound in the class */
    OURO_DEF_IMPORT     = 1u << 6,    /* bound by an import */
    OURO_DEF_ANNOT      = 1u << 7,    /* annotated name */
    OURO_DEF_COMP_ITER  = 1u << 8,    /* a comprehension's iteration variable */
    OURO_DEF_BOUND = OURO_DEF_LOCAL | OURO_DEF_PARAM | OURO_DEF_IMPORT,
};

/* Resolved scope of a symbol (CPython's LOCAL, GLOBAL_EXPLICIT, ...). 0: unknown name. */
typedef enum {
    OURO_SYM_NONE = 0, OURO_SYM_LOCAL, OURO_SYM_GLOBAL_EXPLICIT, OURO_SYM_GLOBAL_IMPLICIT,
    OURO_SYM_FREE, OURO_SYM_CELL
} OuroSymScope;

typedef enum { OURO_BLOCK_MODULE, OURO_BLOCK_CLASS, OURO_BLOCK_FUNCTION } OuroBlockType;

/* What kind of code unit a function-type block is (for names and error messages). */
typedef enum {
    OURO_UNIT_MODULE, OURO_UNIT_CLASS, OURO_UNIT_FUNCTION, OURO_UNIT_LAMBDA,
    OURO_UNIT_LISTCOMP, OURO_UNIT_SETCOMP, OURO_UNIT_DICTCOMP, OURO_UNIT_GENEXP
} OuroUnitKind;

typedef struct OuroSymbol {
    const char *name;                 /* mangled */
    unsigned flags;                   /* OURO_DEF_* */
    OuroSymScope scope;
    OuroSpan span;                    /* where a global/nonlocal directive for it was */
} OuroSymbol;

typedef struct OuroScope OuroScope;
struct OuroScope {
    OuroBlockType type;
    OuroUnitKind kind;
    const char *name;                 /* "f", "C", "<lambda>", "<listcomp>", "top" */
    const void *node;                 /* the AST node that opened the scope */
    OuroSpan span;
    OuroScope *parent;
    OuroScope **children;
    int nchildren, children_cap;
    int child_cursor;                 /* codegen's lookup hint */

    OuroSymbol *syms;                 /* insertion order */
    int nsyms, syms_cap;
    int *index;                       /* open-addressing hash: position + 1, 0 = empty */
    int index_cap;

    const char **params;              /* parameter names (mangled) in order */
    int nparams, params_cap;

    bool nested;                      /* inside a function (CO_NESTED) */
    bool generator;                   /* contains yield (or is a generator expression) */
    bool comprehension;
    bool needs_class_closure;         /* class body: a method uses __class__ / super() */
    bool comp_iter_target;            /* visiting a comprehension target right now */
};

typedef struct OuroSymtable {
    OuroArena *arena;
    OuroScope *top;
    OuroScope *cur;
    const char *private_name;         /* enclosing class name, for mangling */
    /* The first error found: a SyntaxError message and where it points. */
    bool failed, no_memory;
    char msg[256];
    OuroSpan err_span;
    /* Nesting bound (CPython's recursion_depth / recursion_limit of symtable.c): past it,
     * or below stack_floor on the C stack, the build fails with too_deep set (a
     * RecursionError "maximum recursion depth exceeded during compilation"). */
    int depth, max_depth;
    const char *stack_floor;
    bool too_deep;
} OuroSymtable;

/* Builds the table for a module. Returns 0, or -1 with st->failed/msg/err_span set (or
 * st->no_memory). */
int ouro_symtable_build(OuroSymtable *st, OuroArena *arena, OuroModuleAST *mod,
                        OuroCompileMode mode);
/* The same with explicit bounds: at most max_depth nested statements and expressions, and
 * at most stack_budget bytes of C stack (ouro_symtable_build: 3000 and 4 MiB). */
int ouro_symtable_build_ex(OuroSymtable *st, OuroArena *arena, OuroModuleAST *mod,
                           OuroCompileMode mode, int max_depth, size_t stack_budget);

/* The symbol for a (mangled) name in a scope, or NULL. */
OuroSymbol *ouro_symtable_lookup(OuroScope *s, const char *name);
/* The resolved scope of a name in s (OURO_SYM_NONE when unknown). */
static inline OuroSymScope ouro_symtable_scope_of(OuroScope *s, const char *name) {
    OuroSymbol *sym = ouro_symtable_lookup(s, name);
    return sym ? sym->scope : OURO_SYM_NONE;
}
/* The child scope opened by an AST node, or NULL. */
OuroScope *ouro_symtable_child(OuroScope *parent, const void *node);

/* _Py_Mangle: "__x" inside class C becomes "_C__x". Returns name itself when unchanged,
 * else an arena copy; NULL only when the arena is out of memory. */
const char *ouro_symtable_mangle(OuroArena *arena, const char *private_name, const char *name);

#endif
