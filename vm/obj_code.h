/* vm/obj_code.h — code objects: what the compiler produces and the eval loop runs.
 * Instructions are 32-bit words: opcode in the low 8 bits, argument in the upper 24
 * (vm/opcodes.def lists the opcodes and their stack effects). Each instruction has a
 * source position for tracebacks.
 *
 * Fast-local layout of a frame running this code (as CPython 3.10):
 *   [0, nlocals)                       varnames (parameters first)
 *   [nlocals, nlocals + ncellvars)     cells for cellvars
 *   [.., + nfreevars)                  cells from the function's closure (freevars) */
#ifndef OURO_VM_OBJ_CODE_H
#define OURO_VM_OBJ_CODE_H

#include "vm/object.h"

enum {
    OURO_CO_VARARGS     = 1u << 0,    /* *args parameter present (after positional+kwonly) */
    OURO_CO_VARKEYWORDS = 1u << 1,    /* **kwargs parameter present (last) */
    OURO_CO_GENERATOR   = 1u << 2,    /* calling creates a generator */
    OURO_CO_NESTED      = 1u << 3,
    OURO_CO_MODULE      = 1u << 4,    /* module/class body: names live in a dict */
};

typedef struct OuroCodePos {          /* source span of one instruction; line 0 = none */
    int32_t line, end_line;
    int16_t col, end_col;             /* 0-based byte columns, -1 unknown */
} OuroCodePos;

typedef struct OuroCode {
    OuroObject ob;
    uint32_t *code;                   /* owned (malloc) */
    OuroCodePos *positions;           /* owned, one per instruction */
    size_t ncode;
    OuroObject *consts;               /* tuple */
    OuroObject *names;                /* tuple of str: globals, attributes, imports */
    OuroObject *varnames;             /* tuple of str: locals, parameters first */
    OuroObject *cellvars;             /* tuple of str */
    OuroObject *freevars;             /* tuple of str */
    OuroObject *name, *qualname, *filename;   /* str */
    /* For each cellvar that is also a parameter, its varnames index, else -1 (owned). */
    int32_t *cell2arg;
    int argcount, posonlyargcount, kwonlyargcount;
    int nlocals, ncellvars, nfreevars;
    int stacksize;                    /* maximum value-stack depth */
    int blockdepth;                   /* maximum block-stack depth */
    int firstlineno;
    unsigned flags;                   /* OURO_CO_* */
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
} OuroCode;

static inline uint32_t ouro_instr(unsigned op, uint32_t arg) { return (arg << 8) | (op & 0xffu); }
static inline unsigned ouro_instr_op(uint32_t w) { return w & 0xffu; }
static inline uint32_t ouro_instr_arg(uint32_t w) { return w >> 8; }
#define OURO_INSTR_ARG_MAX 0xffffffu

/* Takes ownership of code, positions and cell2arg (malloc'd) and steals the object
 * arguments. Returns the new code object or NULL (everything given is released). */
OuroObject *ouro_code_new(OuroVM *vm, uint32_t *code, OuroCodePos *positions, size_t ncode,
                          OuroObject *consts, OuroObject *names, OuroObject *varnames,
                          OuroObject *cellvars, OuroObject *freevars, OuroObject *name,
                          OuroObject *qualname, OuroObject *filename, int32_t *cell2arg,
                          int argcount, int posonlyargcount, int kwonlyargcount,
                          int stacksize, int blockdepth, int firstlineno, unsigned flags);
/* Line of the instruction at index i (0 when unknown). */
int ouro_code_line(const OuroCode *code, size_t i);

#endif
