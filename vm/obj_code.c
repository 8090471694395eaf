/* vm/obj_code.c — code objects: immutable bytecode, its constants and names, and the
 * per-instruction source positions tracebacks print. Not a container: constants are
 * scalars, strings, tuples of constants and other code objects, so no cycle can pass
 * through a code object (CPython does not track them either). */
#include "vm/ouro.h"

#include <stdlib.h>

static void code_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroCode *c = (OuroCode *)self;
    if (c->weaklist) ouro_gc_clear_weakrefs(heap, self);
    free(c->code);
    free(c->positions);
    free(c->cell2arg);
    OuroObject *fields[] = {c->consts, c->names, c->varnames, c->cellvars, c->freevars,
                            c->name, c->qualname, c->filename};
    ouro_gc_free(heap, self);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i]) ouro_gc_decref(heap, fields[i]);
}

static size_t tuple_len_or_zero(OuroObject *t) { return t ? ouro_tuple_size(t) : 0; }

OuroObject *ouro_code_new(OuroVM *vm, uint32_t *code, OuroCodePos *positions, size_t ncode,
                          OuroObject *consts, OuroObject *names, OuroObject *varnames,
                          OuroObject *cellvars, OuroObject *freevars, OuroObject *name,
                          OuroObject *qualname, OuroObject *filename, int32_t *cell2arg,
                          int argcount, int posonlyargcount, int kwonlyargcount,
                          int stacksize, int blockdepth, int firstlineno, unsigned flags) {
    OuroCode *c = (OuroCode *)ouro_gc_alloc(ouro_heap(vm), &ouro_code_type, sizeof(OuroCode));
    OuroObject *objs[] = {consts, names, varnames, cellvars, freevars, name, qualname, filename};
    if (!c) {
        free(code);
        free(positions);
        free(cell2arg);
        for (size_t i = 0; i < sizeof objs / sizeof objs[0]; i++) ouro_xdecref(vm, objs[i]);
        return ouro_err_no_memory(vm);
    }
    c->code = code;
    c->positions = positions;
    c->ncode = ncode;
    c->consts = consts ? consts : ouro_newref(vm->empty_tuple);
    c->names = names ? names : ouro_newref(vm->empty_tuple);
    c->varnames = varnames ? varnames : ouro_newref(vm->empty_tuple);
    c->cellvars = cellvars ? cellvars : ouro_newref(vm->empty_tuple);
    c->freevars = freevars ? freevars : ouro_newref(vm->empty_tuple);
    c->name = name;
    c->qualname = qualname ? qualname : (name ? ouro_newref(name) : NULL);
    c->filename = filename;
    c->cell2arg = cell2arg;
    c->argcount = argcount;
    c->posonlyargcount = posonlyargcount;
    c->kwonlyargcount = kwonlyargcount;
    c->nlocals = (int)tuple_len_or_zero(c->varnames);
    c->ncellvars = (int)tuple_len_or_zero(c->cellvars);
    c->nfreevars = (int)tuple_len_or_zero(c->freevars);
    c->stacksize = stacksize < 1 ? 1 : stacksize;
    c->blockdepth = blockdepth;
    c->firstlineno = firstlineno;
    c->flags = flags;
    if (!c->name || !c->filename) {
        ouro_decref(vm, (OuroObject *)c);
        ouro_err_set_str(vm, &ouro_exc_SystemError, "code object needs a name and a filename");
        return NULL;
    }
    return (OuroObject *)c;
}

int ouro_code_line(const OuroCode *code, size_t i) {
    if (!code->positions || i >= code->ncode) return code->firstlineno;
    int line = code->positions[i].line;
    /* An instruction without a position takes the line of the closest one before it. */
    while (line <= 0 && i > 0) line = code->positions[--i].line;
    return line > 0 ? line : code->firstlineno;
}

static OuroObject *code_repr(OuroVM *vm, OuroObject *self) {
    OuroCode *c = (OuroCode *)self;
    return ouro_str_from_format(vm, "<code object %U at %p, file \"%U\", line %d>", c->name,
                                (void *)self, c->filename, c->firstlineno);
}

#define CODE(self) ((OuroCode *)(self))
static OuroObject *get_name(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->name); }
static OuroObject *get_qualname(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->qualname); }
static OuroObject *get_filename(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->filename); }
static OuroObject *get_consts(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->consts); }
static OuroObject *get_names(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->names); }
static OuroObject *get_varnames(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->varnames); }
static OuroObject *get_cellvars(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->cellvars); }
static OuroObject *get_freevars(OuroVM *vm, OuroObject *s) { return ouro_newref(CODE(s)->freevars); }
static OuroObject *get_firstlineno(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->firstlineno); }
static OuroObject *get_argcount(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->argcount); }
static OuroObject *get_posonly(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->posonlyargcount); }
static OuroObject *get_kwonly(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->kwonlyargcount); }
static OuroObject *get_nlocals(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->nlocals); }
static OuroObject *get_stacksize(OuroVM *vm, OuroObject *s) { return ouro_smallint(CODE(s)->stacksize); }

/* co_flags in CPython's numbering, so code that tests inspect-style bits reads right. */
static OuroObject *get_flags(OuroVM *vm, OuroObject *s) {
    unsigned f = CODE(s)->flags, out = 0;
    if (!(f & OURO_CO_MODULE)) out |= 0x1 | 0x2;         /* CO_OPTIMIZED | CO_NEWLOCALS */
    if (f & OURO_CO_VARARGS) out |= 0x4;
    if (f & OURO_CO_VARKEYWORDS) out |= 0x8;
    if (f & OURO_CO_NESTED) out |= 0x10;
    if (f & OURO_CO_GENERATOR) out |= 0x20;
    if (CODE(s)->nfreevars == 0 && CODE(s)->ncellvars == 0) out |= 0x40;   /* CO_NOFREE */
    return ouro_smallint((intptr_t)out);
}

static const OuroGetSetDef code_getsets[] = {
    {"co_name", get_name, NULL, NULL},
    {"co_qualname", get_qualname, NULL, NULL},
    {"co_filename", get_filename, NULL, NULL},
    {"co_consts", get_consts, NULL, NULL},
    {"co_names", get_names, NULL, NULL},
    {"co_varnames", get_varnames, NULL, NULL},
    {"co_cellvars", get_cellvars, NULL, NULL},
    {"co_freevars", get_freevars, NULL, NULL},
    {"co_firstlineno", get_firstlineno, NULL, NULL},
    {"co_argcount", get_argcount, NULL, NULL},
    {"co_posonlyargcount", get_posonly, NULL, NULL},
    {"co_kwonlyargcount", get_kwonly, NULL, NULL},
    {"co_nlocals", get_nlocals, NULL, NULL},
    {"co_stacksize", get_stacksize, NULL, NULL},
    {"co_flags", get_flags, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

OuroType ouro_code_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = code_dealloc, .weaklist_offset = offsetof(OuroCode, weaklist)},
    .name = "code",
    .basicsize = sizeof(OuroCode),
    .repr = code_repr,
    .getsets = code_getsets,
    .doc = "Create a code object.  Not for the faint of heart.",
};
