/* vm/eval.h — running code: the eval loop (vm/eval.c), frames (vm/frame.c), calls of Python
 * functions, generators (vm/obj_gen.c) and tracebacks (vm/traceback.c). */
#ifndef OURO_VM_EVAL_H
#define OURO_VM_EVAL_H

#include "vm/object.h"

/* Runs a module-level code object with globals and locals dicts (the same dict for a module).
 * Returns the value of the code (None for modules) or NULL with the exception set. */
OuroObject *ouro_eval_code(OuroVM *vm, OuroObject *code, OuroObject *globals,
                           OuroObject *locals);
/* The call slot of Python functions: binds arguments (TypeErrors with CPython's messages:
 * "f() takes 2 positional arguments but 3 were given", "f() missing 1 required positional
 * argument: 'b'", "f() got an unexpected keyword argument 'z'", "f() got multiple values
 * for argument 'a'"), then runs the body or makes a generator. */
OuroObject *ouro_function_call(OuroVM *vm, OuroObject *func, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames);
/* Runs a class body function with ns as its locals dict; returns the __class__ cell if the
 * body made one (for super()), else None. */
OuroObject *ouro_eval_class_body(OuroVM *vm, OuroObject *func, OuroObject *ns);

/* Introspection of the innermost Python frame (borrowed; NULL when no frame runs). */
OuroObject *ouro_eval_globals(OuroVM *vm);
OuroObject *ouro_eval_builtins(OuroVM *vm);
/* locals() of the innermost frame: its dict for module/class bodies, else a new dict
 * snapshot of the fast locals (new ref). */
OuroObject *ouro_eval_locals(OuroVM *vm);
/* For zero-argument super(): the __class__ cell's class and the frame's first argument
 * (borrowed). RuntimeError "super(): no arguments" / "super(): __class__ cell not found". */
int ouro_eval_super_args(OuroVM *vm, OuroType **type, OuroObject **self);
/* One frame of the running Python stack for tracemalloc: its code's filename (borrowed
 * str) and the line of the instruction running (or the call it is waiting in). */
typedef struct OuroFrameLine {
    OuroObject *filename;
    int lineno;
} OuroFrameLine;
/* Fills out[0..max) with the innermost running frames, innermost first, and returns how
 * many; *total receives the depth of the whole stack (capped at total_cap). Allocates
 * nothing: the allocator's tracemalloc hook calls it. */
size_t ouro_eval_frame_lines(OuroVM *vm, OuroFrameLine *out, size_t max, size_t *total,
                             size_t total_cap);
/* The exception currently being handled (sys.exc_info()[1]), borrowed, or NULL. */
OuroObject *ouro_eval_handled_exception(OuroVM *vm);
/* 0, or -1 with RecursionError "maximum recursion depth exceeded" when the C stack is
 * nearly used up (vm->c_stack_base / c_stack_size; the base is set on first use when 0).
 * For any C code that recurses on user data (repr of nested lists, comparisons). */
int ouro_eval_check_c_stack(OuroVM *vm);
/* builtins.__build_class__(func, name, *bases, metaclass=None, **kwds) (an OuroCFunction):
 * runs the class body into a new namespace, creates the class, fills the __class__ cell. */
OuroObject *ouro_build_class(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                             size_t nargs, OuroObject *kwnames);

/* ---- generators --------------------------------------------------------------------------- */
/* gen.send(value) / next(gen): NULL with no exception set means StopIteration with value
 * stored in *result (new ref), as the iterator protocol wants. */
OuroObject *ouro_gen_send(OuroVM *vm, OuroObject *gen, OuroObject *value, OuroObject **result);

/* ---- tracebacks --------------------------------------------------------------------------- */
/* Prepends an entry (code, instruction index) to exc.__traceback__. */
int ouro_traceback_add(OuroVM *vm, OuroObject *exc, OuroObject *code, size_t instr);
/* The `traceback` type (vm/traceback.c): tb_next, tb_lineno, tb_lasti. */
extern OuroType ouro_traceback_type;
/* Writes "Traceback (most recent call last):" and the entries of tb to the text sink,
 * with source lines and "[Previous line repeated N more times]" folding. */
struct OuroStrBuf;
int ouro_traceback_format(OuroVM *vm, OuroObject *tb, struct OuroStrBuf *out);

#endif
