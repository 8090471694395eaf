/* vm/frame.h — INTERNAL to the execution files (eval.c, frame.c, call.c, obj_gen.c,
 * build_class.c, traceback.c): the frame layout, the per-VM frame stack, the chain of
 * "exception being handled" states, and the entry points between those files.
 * Nothing outside the execution files may include it. */
#ifndef OURO_VM_FRAME_H
#define OURO_VM_FRAME_H

#ifndef OURO_EXEC_INTERNAL
#error "vm/frame.h is internal to the execution files (define OURO_EXEC_INTERNAL there)"
#endif

#include "vm/ouro.h"

/* Opcode numbers, in vm/opcodes.def order (a private prefix: the compiler has its own). */
enum {
#define OP(name, has_arg) OURO_EXEC_##name,
#include "vm/opcodes.def"
#undef OP
    OURO_EXEC_OPCOUNT
};

/* A block-stack entry (CPython 3.10's PyTryBlock). */
enum { OURO_BLOCK_FINALLY = 1, OURO_BLOCK_EXCEPT_HANDLER = 2 };
typedef struct OuroBlock {
    int type;
    int handler;                      /* FINALLY: the handler's instruction index */
    int level;                        /* value-stack depth when the block was pushed */
} OuroBlock;

enum {
    OURO_FRAME_CREATED = 0,           /* never run (generators before the first next()) */
    OURO_FRAME_RUNNING,
    OURO_FRAME_SUSPENDED,             /* a generator frame stopped at a yield */
    OURO_FRAME_COMPLETED,             /* returned or raised: locals and stack are released */
};

/* A frame. Stack frames live in the VM's frame stack and BORROW code, globals, builtins
 * and locals from their caller (a call always keeps its callable alive); generator frames
 * live inside the generator object and OWN those references (owns_refs). */
typedef struct OuroFrame {
    struct OuroFrame *back;           /* the caller, or NULL */
    OuroCode *code;
    OuroObject *globals, *builtins;   /* dicts */
    OuroObject *locals;               /* dict for module and class bodies, else NULL */
    OuroObject **stack;               /* base of the value stack (after the fast locals) */
    OuroObject **sp;                  /* stack top, valid while SUSPENDED */
    OuroBlock *blocks;
    int iblock;
    int state;                        /* OURO_FRAME_* */
    uint32_t next_instr;              /* where a suspended frame resumes */
    uint32_t lasti;                   /* instruction running or last run (tracebacks) */
    bool owns_refs;
    bool is_gen;                      /* a generator's frame (YIELD allowed) */
    bool inlined;                     /* run by its caller's eval loop (no C recursion):
                                         its return resumes the caller in the same loop */
    OuroObject *init_self;            /* an inlined __init__'s new instance (owned): the
                                         call's result once __init__ returns None */
    void *chunk;                      /* frame-stack chunk holding it (stack frames) */
    OuroObject *localsplus[];         /* fast locals, cells, free vars, then the stack */
} OuroFrame;

/* "The exception being handled" (sys.exc_info()), as CPython's _PyErr_StackItem: the
 * VM has a base state; each running generator pushes its own, so a generator that yields
 * inside an except block does not leak its handled exception into its caller. */
typedef struct OuroExcState {
    OuroObject *handled;              /* owned; NULL when none */
    struct OuroExcState *previous;
} OuroExcState;

/* The eval loop's inline caches (vm/eval_cache.c) live in fixed blocks that never move, so
 * a pointer to an entry stays valid while Python code runs (and quickens more code). */
enum { OURO_IC_BLOCK_BITS = 12, OURO_IC_MAX_BLOCKS = 256, OURO_FLOAT_STASH = 64 };
struct OuroInlineCache;

/* Frames are bump-allocated from chunks of the frame stack (vm/frame.c). */
typedef struct OuroFrameChunk {
    struct OuroFrameChunk *prev, *next;
    char *top, *end;
    _Alignas(16) char data[];
} OuroFrameChunk;

typedef struct OuroFrameStack {
    struct OuroFrameChunk *current;
    OuroExcState base_exc;
    OuroExcState *exc_info;           /* innermost state; &base_exc when no gen runs */
    struct OuroInlineCache *ic_blocks[OURO_IC_MAX_BLOCKS];
    uint32_t ic_count;                /* entries handed out */
    /* Exact floats that died in the eval loop's arithmetic, kept for its next results
     * (vm/eval.c): out of the live count, as a freelist; freed at teardown. */
    uint32_t float_stash_len;
    OuroObject *float_stash[OURO_FLOAT_STASH];
} OuroFrameStack;

static inline OuroFrameStack *ouro_frame_stack(OuroVM *vm) {
    return (OuroFrameStack *)vm->frame_stack;
}

static inline size_t ouro_code_nlocalsplus(const OuroCode *c) {
    return (size_t)c->nlocals + (size_t)c->ncellvars + (size_t)c->nfreevars;
}
/* Bytes needed for a frame running code (header, fast locals, stack, blocks); inline
 * because every Python call computes it. */
static inline size_t ouro_frame_size(const OuroCode *code) {
    size_t slots = ouro_code_nlocalsplus(code) + (size_t)code->stacksize;
    size_t n = sizeof(OuroFrame) + slots * sizeof(OuroObject *) +
               (size_t)code->blockdepth * sizeof(OuroBlock);
    return (n + 15u) & ~(size_t)15u;
}
/* Lays a frame out in mem (ouro_frame_size bytes, zeroed locals). Borrowed refs. */
void ouro_frame_init(OuroFrame *f, OuroCode *code, OuroObject *globals,
                     OuroObject *builtins, OuroObject *locals);
/* Pushes a stack frame (memory from the frame stack); NULL + MemoryError on failure. */
OuroFrame *ouro_frame_push(OuroVM *vm, OuroCode *code, OuroObject *globals,
                           OuroObject *builtins, OuroObject *locals);
/* Releases the frame's locals and stack, then its memory (must be the innermost). */
void ouro_frame_pop(OuroVM *vm, OuroFrame *f);
/* Releases every reference a frame's fast locals and value stack hold. */
void ouro_frame_clear_locals(OuroVM *vm, OuroFrame *f);
/* Visits the fast locals (and the value stack of a suspended frame). */
int ouro_frame_traverse(OuroFrame *f, OuroVisitFn visit, void *arg);

/* Runs f until it returns, raises or (generators) yields. throwing: vm->exc is set and is
 * raised at the frame's current instruction. Returns a new ref or NULL. */
OuroObject *ouro_eval_frame(OuroVM *vm, OuroFrame *f, bool throwing);

/* Binds arguments into f's fast locals and creates its cells (call.c). Borrows args. */
int ouro_call_bind(OuroVM *vm, OuroFunction *fn, OuroFrame *f, OuroObject *const *args,
                   size_t nargs, OuroObject *kwnames);
/* Calls a Python function whose nargs positional arguments are STOLEN from args (the eval
 * loop's value stack); on every path the arguments are consumed. */
OuroObject *ouro_call_function_steal(OuroVM *vm, OuroObject *func, OuroObject **args,
                                     size_t nargs);

/* True when a call of func with nargs positional arguments (plus self when bound) can be
 * run inline by the eval loop: exact positional binding, no generator. */
static inline bool ouro_call_can_inline(OuroObject *func, size_t nargs) {
    const OuroCode *co = (const OuroCode *)((OuroFunction *)func)->code;
    return nargs == (size_t)co->argcount && co->kwonlyargcount == 0 &&
           !(co->flags & (OURO_CO_VARARGS | OURO_CO_VARKEYWORDS | OURO_CO_GENERATOR));
}
/* Pushes and enters (vm->frame, depth) the frame of an inlined call of func, binding self
 * (when not NULL, borrowed) then the nargs arguments, which are STOLEN on every path.
 * NULL with the exception set (RecursionError, MemoryError). */
OuroFrame *ouro_call_push_frame(OuroVM *vm, OuroFrame *caller, OuroObject *func,
                                OuroObject *self, OuroObject **args, size_t nargs);

/* The generator for a function call whose frame was bound by the caller (obj_gen.c):
 * makes the generator object; returns it with a frame ready to bind, or NULL. */
OuroObject *ouro_gen_new(OuroVM *vm, OuroFunction *fn, OuroFrame **frame_out);

/* Handled-exception bookkeeping shared by eval.c and obj_gen.c. */
static inline void ouro_exc_state_push(OuroVM *vm, OuroExcState *s) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    s->previous = fs->exc_info;
    fs->exc_info = s;
}
static inline void ouro_exc_state_pop(OuroVM *vm, OuroExcState *s) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    fs->exc_info = s->previous;
    s->previous = NULL;
}

/* "f()" / "__main__.f()" for call error messages (CPython's _PyObject_FunctionStr). */
OuroObject *ouro_function_str(OuroVM *vm, OuroObject *func);

#endif
