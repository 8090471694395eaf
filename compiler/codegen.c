/* compiler/codegen.c — the code generator's machinery: code units (one per scope),
 * instruction emission with labels, the constant pool and name tables, variable access by
 * resolved scope (compiler_nameop), closures, and assembly: label resolution, exact stack
 * and block depth by flow analysis over vm/opcodes.def's stack effects, and the OuroCode
 * object. What each construct emits lives in codegen_expr.c and codegen_stmt.c. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ouro_cg_opnames[OURO_CGOP_COUNT] = {
#define OP(name, hasarg) #name,
#include "vm/opcodes.def"
#undef OP
};

const unsigned char ouro_cg_hasarg[OURO_CGOP_COUNT] = {
#define OP(name, hasarg) hasarg,
#include "vm/opcodes.def"
#undef OP
};

bool ouro_cg_is_jump(unsigned op) {
    switch (op) {
    case OURO_CGOP_JUMP_ABSOLUTE: case OURO_CGOP_POP_JUMP_IF_FALSE:
    case OURO_CGOP_POP_JUMP_IF_TRUE: case OURO_CGOP_JUMP_IF_FALSE_OR_POP:
    case OURO_CGOP_JUMP_IF_TRUE_OR_POP: case OURO_CGOP_JUMP_IF_NOT_EXC_MATCH:
    case OURO_CGOP_FOR_ITER: case OURO_CGOP_SETUP_FINALLY: case OURO_CGOP_SETUP_WITH:
        return true;
    default:
        return false;
    }
}

/* ---- errors -------------------------------------------------------------------------------- */

int ouro_cg_error(OuroCompiler *c, OuroSpan span, const char *fmt, ...) {
    if (!c->failed && !c->no_memory) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->msg, sizeof c->msg, fmt, ap);
        va_end(ap);
        c->failed = true;
        c->err_span = span;
    }
    return -1;
}

void ouro_cg_nomem(OuroCompiler *c) {
    c->no_memory = true;
}

int ouro_cg_check_stack(OuroCompiler *c) {
    OuroVM *vm = c->vm;
    const char *here = __builtin_frame_address(0);
    if (!vm->c_stack_base || !vm->c_stack_size)
        return 0;
    size_t used = (size_t)(vm->c_stack_base > here ? vm->c_stack_base - here
                                                   : here - vm->c_stack_base);
    if (used <= vm->c_stack_size)
        return 0;
    if (!c->failed && !c->no_memory)
        ouro_err_set_str(vm, &ouro_exc_RecursionError,
                         "maximum recursion depth exceeded during compilation");
    c->no_memory = true;
    return -1;
}

/* Grows a malloc'd array to hold need items; false (and no_memory) on failure. */
static bool grow(OuroCompiler *c, void **arr, int *cap, int need, size_t elem) {
    if (need <= *cap)
        return true;
    int ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    void *p = realloc(*arr, (size_t)ncap * elem);
    if (!p) {
        ouro_cg_nomem(c);
        return false;
    }
    *arr = p;
    *cap = ncap;
    return true;
}

/* ---- emission ------------------------------------------------------------------------------ */

static int16_t clamp_col(int col) {
    return (col < 0 || col > INT16_MAX) ? -1 : (int16_t)col;
}

void ouro_cg_emit(OuroCompiler *c, unsigned op, uint32_t arg) {
    OuroCgUnit *u = c->u;
    if (c->no_memory)
        return;
    if (arg > OURO_INSTR_ARG_MAX) {
        ouro_cg_error(c, u->loc, "too many names or constants in one code object");
        return;
    }
    if (!grow(c, (void **)&u->code, &u->code_cap, u->ncode + 1, sizeof(OuroCgInstr)))
        return;
    OuroCgInstr *in = &u->code[u->ncode++];
    in->op = (uint8_t)op;
    in->arg = arg;
    in->pos.line = u->loc.line;
    in->pos.end_line = u->loc.end_line;
    in->pos.col = clamp_col(u->loc.col);
    in->pos.end_col = clamp_col(u->loc.end_col);
}

int ouro_cg_new_label(OuroCompiler *c) {
    OuroCgUnit *u = c->u;
    if (!grow(c, (void **)&u->labels, &u->labels_cap, u->nlabels + 1, sizeof(int)))
        return 0;
    u->labels[u->nlabels] = -1;
    return u->nlabels++;
}

void ouro_cg_place(OuroCompiler *c, int label) {
    if (label < c->u->nlabels)
        c->u->labels[label] = c->u->ncode;
}

/* ---- name tables ----------------------------------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t n, uint32_t h) {
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

int ouro_cg_names_find(const OuroCgNames *t, const char *s) {
    if (!t->index_cap)
        return -1;
    uint32_t mask = (uint32_t)t->index_cap - 1;
    for (uint32_t i = hash_bytes(s, strlen(s), 2166136261u) & mask;; i = (i + 1) & mask) {
        int pos = t->index[i];
        if (!pos)
            return -1;
        if (strcmp(t->items[pos - 1], s) == 0)
            return pos - 1;
    }
}

static bool names_reindex(OuroCompiler *c, OuroCgNames *t) {
    int cap = t->index_cap ? t->index_cap * 2 : 16;
    int *index = calloc((size_t)cap, sizeof(int));
    if (!index) {
        ouro_cg_nomem(c);
        return false;
    }
    uint32_t mask = (uint32_t)cap - 1;
    for (int k = 0; k < t->count; k++) {
        uint32_t i = hash_bytes(t->items[k], strlen(t->items[k]), 2166136261u) & mask;
        while (index[i])
            i = (i + 1) & mask;
        index[i] = k + 1;
    }
    free(t->index);
    t->index = index;
    t->index_cap = cap;
    return true;
}

int ouro_cg_names_add(OuroCompiler *c, OuroCgNames *t, const char *s) {
    int pos = ouro_cg_names_find(t, s);
    if (pos >= 0)
        return pos;
    if ((t->count + 1) * 2 > t->index_cap && !names_reindex(c, t))
        return 0;
    if (!grow(c, (void **)&t->items, &t->cap, t->count + 1, sizeof(char *)))
        return 0;
    t->items[t->count] = s;
    uint32_t mask = (uint32_t)t->index_cap - 1;
    uint32_t i = hash_bytes(s, strlen(s), 2166136261u) & mask;
    while (t->index[i])
        i = (i + 1) & mask;
    t->index[i] = t->count + 1;
    return t->count++;
}

static void names_free(OuroCgNames *t) {
    free(t->items);
    free(t->index);
}

const char *ouro_cg_mangle(OuroCompiler *c, const char *name) {
    const char *m = ouro_symtable_mangle(c->arena, c->u->private_name, name);
    if (!m) {
        ouro_cg_nomem(c);
        return name;
    }
    return m;
}

void ouro_cg_emit_name(OuroCompiler *c, unsigned op, const char *name) {
    const char *m = ouro_cg_mangle(c, name);
    ouro_cg_emit(c, op, (uint32_t)ouro_cg_names_add(c, &c->u->names, m));
}

/* ---- constants ------------------------------------------------------------------------------ */

static uint32_t const_hash(const OuroCgConst *k) {
    uint32_t h = 2166136261u ^ (uint32_t)k->kind;
    switch (k->kind) {
    case OURO_CK_INT:
        return hash_bytes((const char *)&k->ival, sizeof k->ival, h);
    case OURO_CK_FLOAT:
        return hash_bytes((const char *)&k->fval, sizeof k->fval, h);
    case OURO_CK_STR:
    case OURO_CK_BIGINT:
        return hash_bytes(k->s, k->n, h);
    case OURO_CK_TUPLE:
        for (size_t i = 0; i < k->n; i++)
            h = (h ^ const_hash(&k->items[i])) * 16777619u;
        return h;
    case OURO_CK_CODE:
        return hash_bytes((const char *)&k->obj, sizeof k->obj, h);
    default:
        return h;
    }
}

static bool const_eq(const OuroCgConst *a, const OuroCgConst *b) {
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case OURO_CK_INT:
        return a->ival == b->ival;
    case OURO_CK_FLOAT:
        return memcmp(&a->fval, &b->fval, sizeof a->fval) == 0;
    case OURO_CK_STR:
    case OURO_CK_BIGINT:
        return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
    case OURO_CK_TUPLE:
        if (a->n != b->n)
            return false;
        for (size_t i = 0; i < a->n; i++)
            if (!const_eq(&a->items[i], &b->items[i]))
                return false;
        return true;
    case OURO_CK_CODE:
        return a->obj == b->obj;
    default:
        return true;
    }
}

static bool consts_reindex(OuroCompiler *c, OuroCgUnit *u) {
    int cap = u->cindex_cap ? u->cindex_cap * 2 : 16;
    int *index = calloc((size_t)cap, sizeof(int));
    if (!index) {
        ouro_cg_nomem(c);
        return false;
    }
    uint32_t mask = (uint32_t)cap - 1;
    for (int k = 0; k < u->nconsts; k++) {
        uint32_t i = const_hash(&u->consts[k]) & mask;
        while (index[i])
            i = (i + 1) & mask;
        index[i] = k + 1;
    }
    free(u->cindex);
    u->cindex = index;
    u->cindex_cap = cap;
    return true;
}

int ouro_cg_add_const(OuroCompiler *c, const OuroCgConst *k) {
    OuroCgUnit *u = c->u;
    uint32_t h = const_hash(k);
    if (u->cindex_cap) {
        uint32_t mask = (uint32_t)u->cindex_cap - 1;
        for (uint32_t i = h & mask; u->cindex[i]; i = (i + 1) & mask)
            if (const_eq(&u->consts[u->cindex[i] - 1], k))
                return u->cindex[i] - 1;
    }
    if ((u->nconsts + 1) * 2 > u->cindex_cap && !consts_reindex(c, u))
        return 0;
    if (!grow(c, (void **)&u->consts, &u->consts_cap, u->nconsts + 1, sizeof(OuroCgConst)))
        return 0;
    u->consts[u->nconsts] = *k;
    uint32_t mask = (uint32_t)u->cindex_cap - 1;
    uint32_t i = h & mask;
    while (u->cindex[i])
        i = (i + 1) & mask;
    u->cindex[i] = u->nconsts + 1;
    return u->nconsts++;
}

void ouro_cg_load_const(OuroCompiler *c, const OuroCgConst *k) {
    ouro_cg_emit(c, OURO_CGOP_LOAD_CONST, (uint32_t)ouro_cg_add_const(c, k));
}

void ouro_cg_load_none(OuroCompiler *c) {
    OuroCgConst k = {.kind = OURO_CK_NONE};
    ouro_cg_load_const(c, &k);
}

void ouro_cg_load_str(OuroCompiler *c, const char *s) {
    OuroCgConst k = {.kind = OURO_CK_STR, .s = s, .n = strlen(s)};
    ouro_cg_load_const(c, &k);
}

void ouro_cg_load_int(OuroCompiler *c, int64_t v) {
    OuroCgConst k = {.kind = OURO_CK_INT, .ival = v};
    ouro_cg_load_const(c, &k);
}

static bool looks_like_identifier(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_'))
            return false;
    }
    return true;
}

static OuroObject *intern_steal(OuroVM *vm, OuroObject *s) {
    if (!s)
        return NULL;
    OuroObject *t = ouro_str_intern(vm, s);
    ouro_decref(vm, s);
    return t;
}

/* A big int constant from its decimal digits. The parser already held decimal literals
 * to sys.set_int_max_str_digits(); digits converted from 0x/0o/0b literals are exempt, as
 * in CPython, so the limit is lifted for the conversion. */
static OuroObject *big_int_const(OuroVM *vm, const OuroCgConst *k) {
    int saved = vm->int_max_str_digits;
    vm->int_max_str_digits = 0;
    OuroObject *r = ouro_int_from_string(vm, k->s, k->n, 10);
    vm->int_max_str_digits = saved;
    return r;
}

/* The object for a constant (new ref). */
static OuroObject *const_object(OuroVM *vm, const OuroCgConst *k) {
    switch (k->kind) {
    case OURO_CK_NONE: return ouro_newref(ouro_none);
    case OURO_CK_TRUE: return ouro_newref(ouro_true);
    case OURO_CK_FALSE: return ouro_newref(ouro_false);
    case OURO_CK_ELLIPSIS: return ouro_newref(ouro_ellipsis);
    case OURO_CK_INT: return ouro_int_from_i64(vm, k->ival);
    case OURO_CK_BIGINT: return big_int_const(vm, k);
    case OURO_CK_FLOAT: return ouro_float_new(vm, k->fval);
    case OURO_CK_STR: {
        OuroObject *s = ouro_str_from_utf8(vm, k->s, k->n);
        return looks_like_identifier(k->s, k->n) ? intern_steal(vm, s) : s;
    }
    case OURO_CK_TUPLE: {
        OuroObject *t = ouro_tuple_new(vm, k->n);
        if (!t)
            return NULL;
        for (size_t i = 0; i < k->n; i++) {
            OuroObject *item = const_object(vm, &k->items[i]);
            if (!item) {
                /* Fill the rest so the tuple can be released safely. */
                for (size_t j = i; j < k->n; j++)
                    ouro_tuple_items(t)[j] = ouro_newref(ouro_none);
                ouro_decref(vm, t);
                return NULL;
            }
            ouro_tuple_items(t)[i] = item;
        }
        ouro_tuple_track_if_needed(vm, t);
        return t;
    }
    case OURO_CK_CODE: return ouro_newref(k->obj);
    }
    return NULL;
}

/* ---- variables ------------------------------------------------------------------------------ */

int ouro_cg_nameop(OuroCompiler *c, const char *name, OuroExprContext ctx) {
    OuroCgUnit *u = c->u;
    const char *m = ouro_cg_mangle(c, name);
    OuroSymScope scope = ouro_symtable_scope_of(u->ste, m);
    bool func = u->ste->type == OURO_BLOCK_FUNCTION;
    enum { K_NAME, K_FAST, K_GLOBAL, K_DEREF } k = K_NAME;
    switch (scope) {
    case OURO_SYM_FREE: case OURO_SYM_CELL: k = K_DEREF; break;
    case OURO_SYM_LOCAL: if (func) k = K_FAST; break;
    case OURO_SYM_GLOBAL_IMPLICIT: if (func) k = K_GLOBAL; break;
    case OURO_SYM_GLOBAL_EXPLICIT: k = K_GLOBAL; break;
    default: break;
    }
    static const unsigned ops[4][3] = {
        {OURO_CGOP_LOAD_NAME, OURO_CGOP_STORE_NAME, OURO_CGOP_DELETE_NAME},
        {OURO_CGOP_LOAD_FAST, OURO_CGOP_STORE_FAST, OURO_CGOP_DELETE_FAST},
        {OURO_CGOP_LOAD_GLOBAL, OURO_CGOP_STORE_GLOBAL, OURO_CGOP_DELETE_GLOBAL},
        {OURO_CGOP_LOAD_DEREF, OURO_CGOP_STORE_DEREF, OURO_CGOP_DELETE_DEREF},
    };
    unsigned op = ops[k][ctx];
    int arg;
    if (k == K_FAST) {
        arg = ouro_cg_names_add(c, &u->varnames, m);
    } else if (k == K_DEREF) {
        if (ctx == OURO_CTX_LOAD && u->ste->type == OURO_BLOCK_CLASS)
            op = OURO_CGOP_LOAD_CLASSDEREF;
        arg = scope == OURO_SYM_CELL ? ouro_cg_names_find(&u->cellvars, m) : -1;
        if (arg < 0) {
            int f = ouro_cg_names_find(&u->freevars, m);
            if (f < 0)
                return ouro_cg_error(c, u->loc, "internal compiler error: no cell for '%s'", m);
            arg = u->cellvars.count + f;
        }
    } else {
        arg = ouro_cg_names_add(c, &u->names, m);
    }
    ouro_cg_emit(c, op, (uint32_t)arg);
    return 0;
}

/* ---- units ------------------------------------------------------------------------------------ */

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Fills t with the names of s whose scope is `scope` (or that carry `flag`), sorted, as
 * CPython's dictbytype does. */
static void collect_sorted(OuroCompiler *c, OuroScope *s, OuroSymScope scope, unsigned flag,
                           OuroCgNames *t) {
    const char **tmp = malloc(sizeof(char *) * (size_t)(s->nsyms + 1));
    if (!tmp) {
        ouro_cg_nomem(c);
        return;
    }
    int n = 0;
    for (int i = 0; i < s->nsyms; i++)
        if (s->syms[i].scope == scope || (s->syms[i].flags & flag))
            tmp[n++] = s->syms[i].name;
    qsort(tmp, (size_t)n, sizeof(char *), cmp_cstr);
    for (int i = 0; i < n; i++)
        ouro_cg_names_add(c, t, tmp[i]);
    free(tmp);
}

static char *concat3(OuroCompiler *c, const char *a, const char *b, const char *d) {
    size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
    char *out = ouro_arena_alloc(c->arena, la + lb + ld + 1);
    if (!out) {
        ouro_cg_nomem(c);
        return NULL;
    }
    memcpy(out, a, la);
    memcpy(out + la, b, lb);
    memcpy(out + la + lb, d, ld + 1);
    return out;
}

/* compiler_set_qualname */
static void set_qualname(OuroCompiler *c, OuroCgUnit *u) {
    OuroCgUnit *p = u->parent;
    u->qualname = u->name;
    if (!p || p->kind == OURO_UNIT_MODULE)
        return;
    if (u->kind == OURO_UNIT_FUNCTION || u->kind == OURO_UNIT_CLASS) {
        const char *m = ouro_symtable_mangle(c->arena, p->private_name, u->name);
        if (m && ouro_symtable_scope_of(p->ste, m) == OURO_SYM_GLOBAL_EXPLICIT)
            return;
    }
    const char *base = p->qualname;
    if (p->kind == OURO_UNIT_FUNCTION || p->kind == OURO_UNIT_LAMBDA)
        base = concat3(c, base, ".<locals>", "");
    if (base) {
        const char *q = concat3(c, base, ".", u->name);
        if (q)
            u->qualname = q;
    }
}

int ouro_cg_enter_scope(OuroCompiler *c, const void *node, const char *name, int firstlineno) {
    OuroCgUnit *parent = c->u;
    OuroScope *ste = parent ? ouro_symtable_child(parent->ste, node) : c->st->top;
    if (!ste)
        return ouro_cg_error(c, parent->loc, "internal compiler error: scope not found");
    OuroCgUnit *u = calloc(1, sizeof *u);
    if (!u) {
        ouro_cg_nomem(c);
        return -1;
    }
    u->parent = parent;
    u->ste = ste;
    u->kind = ste->kind;
    u->name = name;
    u->private_name = parent ? parent->private_name : NULL;
    if (u->kind == OURO_UNIT_CLASS)
        u->private_name = name;
    u->firstlineno = firstlineno;
    u->loc = ste->span;
    c->u = u;
    for (int i = 0; i < ste->nparams; i++)
        ouro_cg_names_add(c, &u->varnames, ste->params[i]);
    if (ste->needs_class_closure)
        ouro_cg_names_add(c, &u->cellvars, "__class__");
    collect_sorted(c, ste, OURO_SYM_CELL, 0, &u->cellvars);
    collect_sorted(c, ste, OURO_SYM_FREE, OURO_DEF_FREE_CLASS, &u->freevars);
    if (ste->type == OURO_BLOCK_FUNCTION) {
        if (ste->generator)
            u->flags |= OURO_CO_GENERATOR;
        if (ste->nested)
            u->flags |= OURO_CO_NESTED;
    } else {
        u->flags |= OURO_CO_MODULE;
    }
    set_qualname(c, u);
    return ouro_cg_ok(c) ? 0 : -1;
}

static void unit_free(OuroCompiler *c, OuroCgUnit *u) {
    for (int i = 0; i < u->nconsts; i++)
        if (u->consts[i].kind == OURO_CK_CODE)
            ouro_xdecref(c->vm, u->consts[i].obj);
    free(u->code);
    free(u->labels);
    free(u->consts);
    free(u->cindex);
    names_free(&u->names);
    names_free(&u->varnames);
    names_free(&u->cellvars);
    names_free(&u->freevars);
    free(u);
}

void ouro_cg_cleanup(OuroCompiler *c) {
    while (c->u) {
        OuroCgUnit *u = c->u;
        c->u = u->parent;
        unit_free(c, u);
    }
}

/* ---- assembly ------------------------------------------------------------------------------- */

/* Stack effect of an instruction on the fall-through path (jump = false) or when it jumps. */
static int stack_effect(unsigned op, uint32_t arg, bool jump) {
    switch (op) {
    case OURO_CGOP_NOP: case OURO_CGOP_ROT_TWO: case OURO_CGOP_ROT_THREE:
    case OURO_CGOP_ROT_FOUR: case OURO_CGOP_DELETE_FAST: case OURO_CGOP_DELETE_DEREF:
    case OURO_CGOP_DELETE_GLOBAL: case OURO_CGOP_DELETE_NAME: case OURO_CGOP_LOAD_ATTR:
    case OURO_CGOP_UNARY_POSITIVE: case OURO_CGOP_UNARY_NEGATIVE: case OURO_CGOP_UNARY_NOT:
    case OURO_CGOP_UNARY_INVERT: case OURO_CGOP_LIST_TO_TUPLE: case OURO_CGOP_JUMP_ABSOLUTE:
    case OURO_CGOP_GET_ITER: case OURO_CGOP_POP_BLOCK: case OURO_CGOP_YIELD_VALUE:
    case OURO_CGOP_GET_YIELD_FROM_ITER: case OURO_CGOP_SETUP_ANNOTATIONS:
        return 0;
    case OURO_CGOP_POP_TOP: case OURO_CGOP_STORE_FAST: case OURO_CGOP_STORE_DEREF:
    case OURO_CGOP_STORE_GLOBAL: case OURO_CGOP_STORE_NAME: case OURO_CGOP_DELETE_ATTR:
    case OURO_CGOP_BINARY_OP: case OURO_CGOP_INPLACE_OP: case OURO_CGOP_COMPARE_OP:
    case OURO_CGOP_IS_OP: case OURO_CGOP_CONTAINS_OP: case OURO_CGOP_BINARY_SUBSCR:
    case OURO_CGOP_LIST_APPEND: case OURO_CGOP_SET_ADD: case OURO_CGOP_LIST_EXTEND:
    case OURO_CGOP_SET_UPDATE: case OURO_CGOP_DICT_UPDATE: case OURO_CGOP_DICT_MERGE:
    case OURO_CGOP_POP_JUMP_IF_FALSE: case OURO_CGOP_POP_JUMP_IF_TRUE:
    case OURO_CGOP_POP_EXCEPT: case OURO_CGOP_RERAISE: case OURO_CGOP_RETURN_VALUE:
    case OURO_CGOP_YIELD_FROM: case OURO_CGOP_IMPORT_NAME: case OURO_CGOP_IMPORT_STAR:
    case OURO_CGOP_PRINT_EXPR:
        return -1;
    case OURO_CGOP_DUP_TOP: case OURO_CGOP_LOAD_CONST: case OURO_CGOP_LOAD_FAST:
    case OURO_CGOP_LOAD_DEREF: case OURO_CGOP_LOAD_CLOSURE: case OURO_CGOP_LOAD_CLASSDEREF:
    case OURO_CGOP_LOAD_GLOBAL: case OURO_CGOP_LOAD_NAME: case OURO_CGOP_LOAD_METHOD:
    case OURO_CGOP_WITH_EXCEPT_START: case OURO_CGOP_LOAD_ASSERTION_ERROR:
    case OURO_CGOP_LOAD_BUILD_CLASS: case OURO_CGOP_IMPORT_FROM:
        return 1;
    case OURO_CGOP_DUP_TOP_TWO: return 2;
    case OURO_CGOP_STORE_ATTR: case OURO_CGOP_DELETE_SUBSCR: case OURO_CGOP_MAP_ADD:
    case OURO_CGOP_JUMP_IF_NOT_EXC_MATCH:
        return -2;
    case OURO_CGOP_STORE_SUBSCR: return -3;
    case OURO_CGOP_CALL_METHOD: return -(int)arg - 1;
    case OURO_CGOP_BUILD_SLICE: return 1 - (int)arg;
    case OURO_CGOP_BUILD_TUPLE: case OURO_CGOP_BUILD_LIST: case OURO_CGOP_BUILD_SET:
    case OURO_CGOP_BUILD_STRING:
        return 1 - (int)arg;
    case OURO_CGOP_BUILD_MAP: return 1 - 2 * (int)arg;
    case OURO_CGOP_BUILD_CONST_KEY_MAP: return -(int)arg;
    case OURO_CGOP_UNPACK_SEQUENCE: return (int)arg - 1;
    case OURO_CGOP_UNPACK_EX: return (int)(arg & 0xff) + (int)(arg >> 8);
    case OURO_CGOP_FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case OURO_CGOP_JUMP_IF_FALSE_OR_POP: case OURO_CGOP_JUMP_IF_TRUE_OR_POP:
        return jump ? 0 : -1;
    case OURO_CGOP_FOR_ITER: return jump ? -1 : 1;
    case OURO_CGOP_SETUP_FINALLY: return jump ? 2 : 0;
    case OURO_CGOP_SETUP_WITH: return jump ? 2 : 1;
    case OURO_CGOP_RAISE_VARARGS: return -(int)arg;
    case OURO_CGOP_CALL_FUNCTION: return -(int)arg;
    case OURO_CGOP_CALL_FUNCTION_KW: return -(int)arg - 1;
    case OURO_CGOP_CALL_FUNCTION_EX: return -1 - (int)(arg & 1);
    case OURO_CGOP_MAKE_FUNCTION:
        return -1 - (int)((arg & 1) + ((arg >> 1) & 1) + ((arg >> 2) & 1) + ((arg >> 3) & 1));
    default:
        return 0;
    }
}

static int block_effect(unsigned op) {
    switch (op) {
    case OURO_CGOP_SETUP_FINALLY: case OURO_CGOP_SETUP_WITH: return 1;
    case OURO_CGOP_POP_BLOCK: case OURO_CGOP_POP_EXCEPT: return -1;
    default: return 0;
    }
}

static bool is_terminal(unsigned op) {
    return op == OURO_CGOP_JUMP_ABSOLUTE || op == OURO_CGOP_RETURN_VALUE ||
           op == OURO_CGOP_RAISE_VARARGS || op == OURO_CGOP_RERAISE;
}

typedef struct DepthWork { int at, depth, blocks; } DepthWork;

/* Flow analysis from instruction 0: the maximum value-stack and block-stack depths. */
static int compute_depths(OuroCompiler *c, OuroCgUnit *u, int *stacksize, int *blockdepth) {
    int n = u->ncode;
    int *seen = malloc(sizeof(int) * (size_t)(n + 1));
    DepthWork *work = malloc(sizeof(DepthWork) * (size_t)(n + 1) * 2);
    if (!seen || !work) {
        free(seen);
        free(work);
        ouro_cg_nomem(c);
        return -1;
    }
    for (int i = 0; i <= n; i++)
        seen[i] = -1;
    int nwork = 0, maxd = 0, maxb = 0, cap = (n + 1) * 2;
    work[nwork++] = (DepthWork){0, 0, 0};
    while (nwork > 0 && !c->no_memory) {
        DepthWork w = work[--nwork];
        for (int i = w.at; i < n; i++) {
#ifdef OURO_CG_DEBUG
            if (seen[i] >= 0 && seen[i] != w.depth)
                fprintf(stderr, "codegen: depth mismatch at %s:%d (%d vs %d)\n", u->name, i,
                        seen[i], w.depth);
#endif
            if (seen[i] >= w.depth)
                break;
            seen[i] = w.depth;
            OuroCgInstr *in = &u->code[i];
            int nb = w.blocks + block_effect(in->op);
            if (nb > maxb)
                maxb = nb;
            if (ouro_cg_is_jump(in->op)) {
                if (nwork == cap) {
                    DepthWork *nw = realloc(work, sizeof(DepthWork) * (size_t)cap * 2);
                    if (!nw) {
                        ouro_cg_nomem(c);
                        break;
                    }
                    work = nw;
                    cap *= 2;
                }
                int d = w.depth + stack_effect(in->op, in->arg, true);
                if (d > maxd)
                    maxd = d;
                work[nwork++] = (DepthWork){(int)in->arg, d, nb};
            }
            w.depth += stack_effect(in->op, in->arg, false);
            w.blocks = nb;
            if (w.depth < 0 || nb < 0) {
                ouro_cg_error(c, u->loc, "internal compiler error: stack underflow in %s",
                              u->name);
                break;
            }
            if (w.depth > maxd)
                maxd = w.depth;
            if (is_terminal(in->op))
                break;
        }
    }
    free(seen);
    free(work);
    if (!ouro_cg_ok(c))
        return -1;
    *stacksize = maxd;
    *blockdepth = maxb;
    return 0;
}

static OuroObject *names_tuple(OuroCompiler *c, const OuroCgNames *t) {
    OuroObject *tup = ouro_tuple_new(c->vm, (size_t)t->count);
    if (!tup)
        return NULL;
    for (int i = 0; i < t->count; i++) {
        OuroObject *s = ouro_str_intern_cstr(c->vm, t->items[i]);
        if (!s) {
            for (int j = i; j < t->count; j++)
                ouro_tuple_items(tup)[j] = ouro_newref(ouro_none);
            ouro_decref(c->vm, tup);
            return NULL;
        }
        ouro_tuple_items(tup)[i] = s;
    }
    return tup;
}

static OuroObject *consts_tuple(OuroCompiler *c, OuroCgUnit *u) {
    OuroObject *tup = ouro_tuple_new(c->vm, (size_t)u->nconsts);
    if (!tup)
        return NULL;
    for (int i = 0; i < u->nconsts; i++) {
        OuroObject *o = const_object(c->vm, &u->consts[i]);
        if (!o) {
            for (int j = i; j < u->nconsts; j++)
                ouro_tuple_items(tup)[j] = ouro_newref(ouro_none);
            ouro_decref(c->vm, tup);
            return NULL;
        }
        ouro_tuple_items(tup)[i] = o;
    }
    ouro_tuple_track_if_needed(c->vm, tup);
    return tup;
}

/* Appends `return None` unless every path already returns. */
static void implicit_return(OuroCompiler *c, OuroCgUnit *u) {
    bool needed = u->ncode == 0 || u->code[u->ncode - 1].op != OURO_CGOP_RETURN_VALUE;
    for (int i = 0; !needed && i < u->nlabels; i++)
        needed = u->labels[i] == u->ncode;
    if (needed) {
        /* CPython gives the implicit return the last line it executed. */
        if (u->ncode) {
            OuroCodePos p = u->code[u->ncode - 1].pos;
            u->loc = (OuroSpan){p.line, p.col, p.end_line, p.end_col};
        }
        ouro_cg_load_none(c);
        ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    }
}

static int32_t *make_cell2arg(OuroCompiler *c, OuroCgUnit *u) {
    if (!u->cellvars.count)
        return NULL;
    int32_t *map = malloc(sizeof(int32_t) * (size_t)u->cellvars.count);
    if (!map) {
        ouro_cg_nomem(c);
        return NULL;
    }
    for (int i = 0; i < u->cellvars.count; i++) {
        int pos = ouro_cg_names_find(&u->varnames, u->cellvars.items[i]);
        map[i] = (pos >= 0 && pos < u->ste->nparams) ? pos : -1;
    }
    return map;
}

/* Turns the current unit into a code object (new ref). */
static OuroObject *assemble(OuroCompiler *c) {
    OuroCgUnit *u = c->u;
    implicit_return(c, u);
    if (!ouro_cg_ok(c))
        return NULL;
    for (int i = 0; i < u->ncode; i++) {
        if (!ouro_cg_is_jump(u->code[i].op))
            continue;
        int target = u->labels[u->code[i].arg];
        if (target < 0 || target >= u->ncode) {
            ouro_cg_error(c, u->loc, "internal compiler error: bad jump target in %s", u->name);
            return NULL;
        }
        u->code[i].arg = (uint32_t)target;
    }
    int stacksize, blockdepth;
    if (compute_depths(c, u, &stacksize, &blockdepth) < 0)
        return NULL;
    size_t n = (size_t)u->ncode;
    uint32_t *code = malloc(sizeof(uint32_t) * (n ? n : 1));
    OuroCodePos *pos = malloc(sizeof(OuroCodePos) * (n ? n : 1));
    int32_t *cell2arg = make_cell2arg(c, u);
    if (!code || !pos || c->no_memory) {
        free(code);
        free(pos);
        free(cell2arg);
        ouro_cg_nomem(c);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        code[i] = ouro_instr(u->code[i].op, u->code[i].arg);
        pos[i] = u->code[i].pos;
    }
    OuroVM *vm = c->vm;
    OuroObject *consts = consts_tuple(c, u);
    OuroObject *names = consts ? names_tuple(c, &u->names) : NULL;
    OuroObject *varnames = names ? names_tuple(c, &u->varnames) : NULL;
    OuroObject *cellvars = varnames ? names_tuple(c, &u->cellvars) : NULL;
    OuroObject *freevars = cellvars ? names_tuple(c, &u->freevars) : NULL;
    OuroObject *name = freevars ? ouro_str_intern_cstr(vm, u->name) : NULL;
    OuroObject *qualname = name ? ouro_str_from_cstr(vm, u->qualname) : NULL;
    if (!qualname) {
        ouro_xdecref(vm, consts);
        ouro_xdecref(vm, names);
        ouro_xdecref(vm, varnames);
        ouro_xdecref(vm, cellvars);
        ouro_xdecref(vm, freevars);
        ouro_xdecref(vm, name);
        free(code);
        free(pos);
        free(cell2arg);
        return NULL;
    }
    return ouro_code_new(vm, code, pos, n, consts, names, varnames, cellvars, freevars, name,
                         qualname, ouro_newref(c->filename), cell2arg, u->argcount,
                         u->posonlyargcount, u->kwonlyargcount, stacksize, blockdepth,
                         u->firstlineno, u->flags);
}

int ouro_cg_exit_scope(OuroCompiler *c) {
    OuroCgUnit *u = c->u;
    OuroObject *code = assemble(c);
    c->u = u->parent;
    unit_free(c, u);
    if (!code)
        return -1;
    OuroCgConst k = {.kind = OURO_CK_CODE, .obj = code};
    int idx = ouro_cg_add_const(c, &k);
    if (c->no_memory) {
        ouro_decref(c->vm, code);
        return -1;
    }
    return idx;
}

void ouro_cg_make_closure(OuroCompiler *c, int code_const, unsigned flags) {
    OuroCgUnit *u = c->u;
    OuroCode *co = (OuroCode *)(void *)u->consts[code_const].obj;
    size_t nfree = ouro_tuple_size(co->freevars);
    for (size_t i = 0; i < nfree; i++) {
        const char *name = ouro_str_cstr(ouro_tuple_get(co->freevars, i));
        int arg = -1;
        if (u->kind == OURO_UNIT_CLASS && strcmp(name, "__class__") == 0)
            arg = ouro_cg_names_find(&u->cellvars, name);
        else if (ouro_symtable_scope_of(u->ste, name) == OURO_SYM_CELL)
            arg = ouro_cg_names_find(&u->cellvars, name);
        if (arg < 0) {
            int f = ouro_cg_names_find(&u->freevars, name);
            if (f < 0) {
                ouro_cg_error(c, u->loc, "internal compiler error: no closure cell for '%s'", name);
                return;
            }
            arg = u->cellvars.count + f;
        }
        ouro_cg_emit(c, OURO_CGOP_LOAD_CLOSURE, (uint32_t)arg);
    }
    if (nfree) {
        ouro_cg_emit(c, OURO_CGOP_BUILD_TUPLE, (uint32_t)nfree);
        flags |= 8;
    }
    ouro_cg_emit(c, OURO_CGOP_LOAD_CONST, (uint32_t)code_const);
    OuroCgConst q = {.kind = OURO_CK_STR, .s = ouro_str_cstr(co->qualname),
                     .n = ouro_str_size(co->qualname)};
    ouro_cg_load_const(c, &q);
    ouro_cg_emit(c, OURO_CGOP_MAKE_FUNCTION, flags);
}

/* ---- the module ------------------------------------------------------------------------------ */

OuroObject *ouro_cg_module(OuroCompiler *c, OuroModuleAST *mod) {
    if (ouro_cg_enter_scope(c, mod, "<module>", 1) < 0)
        return NULL;
    int r = 0;
    if (c->mode == OURO_MODE_EVAL) {
        if (mod->body.count != 1 || mod->body.items[0]->kind != OURO_STMT_EXPR)
            return ouro_cg_error(c, c->u->loc, "eval() expects an expression"), NULL;
        OuroExpr *e = mod->body.items[0]->u.expr.value;
        ouro_cg_set_loc(c, e->span);
        r = ouro_cg_expr(c, e);
        ouro_cg_op(c, OURO_CGOP_RETURN_VALUE);
    } else {
        if (mod->body.count)
            c->u->loc = mod->body.items[0]->span;
        r = ouro_cg_body(c, &mod->body, c->mode == OURO_MODE_EXEC);
    }
    if (r < 0 || !ouro_cg_ok(c))
        return NULL;
    OuroObject *code = assemble(c);
    OuroCgUnit *u = c->u;
    c->u = NULL;
    unit_free(c, u);
    return code;
}
