/* vm/error.h — raising and inspecting exceptions (CPython's PyErr_* family). The raised
 * exception is always an instance, stored in vm->exc; functions signal failure by returning
 * NULL or -1 with it set. Implemented in vm/error.c; tracebacks in vm/traceback.c. */
#ifndef OURO_VM_ERROR_H
#define OURO_VM_ERROR_H

#include "vm/vm.h"

/* Raises an instance of type: value NULL -> type(), a tuple -> type(*value),
 * an instance of type -> itself, anything else -> type(value). (PyErr_SetObject) */
void ouro_err_set(OuroVM *vm, OuroType *type, OuroObject *value);
void ouro_err_set_none(OuroVM *vm, OuroType *type);
void ouro_err_set_str(OuroVM *vm, OuroType *type, const char *msg);
/* printf-like message. Besides %s %c %d %i %u %ld %lu %zd %zu %x %p %%, accepts
 * %R (repr of an object), %S (str of an object), %U (a str object), %T (the type name
 * of an object, as CPython's %T / Py_TYPE(o)->tp_name), %.Ns limits. Always returns NULL. */
OuroObject *ouro_err_format(OuroVM *vm, OuroType *type, const char *fmt, ...);
OuroObject *ouro_err_vformat(OuroVM *vm, OuroType *type, const char *fmt, va_list ap);
/* Raises an existing instance (steals exc). Sets __context__ from the exception being
 * handled, as the `raise` statement does. */
void ouro_err_raise(OuroVM *vm, OuroObject *exc);
OuroObject *ouro_err_no_memory(OuroVM *vm);   /* raises the preallocated MemoryError; NULL */

static inline bool ouro_err_occurred(OuroVM *vm) { return vm->exc != NULL; }
/* True when the raised exception is an instance of type (or a subclass). */
bool ouro_err_matches(OuroVM *vm, OuroType *type);
/* Takes the raised exception out of the VM (new ref, NULL if none). */
OuroObject *ouro_err_fetch(OuroVM *vm);
/* Puts exc back as the raised exception (steals; NULL clears). */
void ouro_err_restore(OuroVM *vm, OuroObject *exc);
void ouro_err_clear(OuroVM *vm);

/* Reports an exception that cannot propagate (from __del__, weakref callbacks, gc
 * callbacks): prints "Exception ignored in: <repr of obj>" then the traceback to stderr,
 * as CPython's PyErr_WriteUnraisable, and clears it. */
void ouro_err_write_unraisable(OuroVM *vm, OuroObject *obj);
/* Prints the raised exception with its traceback and chain to sys.stderr and clears it
 * (PyErr_Print without the SystemExit handling). */
void ouro_err_print(OuroVM *vm);
/* Prints an exception instance's full report (chain, tracebacks, message) to stderr. */
void ouro_err_display(OuroVM *vm, OuroObject *exc);

/* Common raises with CPython's exact messages. */
OuroObject *ouro_err_bad_argument_type(OuroVM *vm, const char *fname, const char *expected,
                                       OuroObject *got);   /* "f() argument must be X, not Y" */

/* ---- argument binding for built-in functions --------------------------------------------- */

/* Binds vectorcall arguments to parameters by name, as a def with these parameters would:
 * names[0..nparams) are the parameter names; the first nposonly are positional-only, the
 * first nrequired are required. out[i] receives a borrowed value or NULL when not given.
 * Raises TypeError with CPython's messages ("f() takes at most 2 arguments (3 given)",
 * "f() got an unexpected keyword argument 'x'", "f() missing required argument 'x' (pos 1)").
 * fname is used in the messages, e.g. "sorted" or "str.split". A name written with a leading
 * '*' (e.g. "*key") starts the keyword-only parameters: it and those after it cannot be
 * given by position. */
int ouro_args_bind(OuroVM *vm, const char *fname, OuroObject *const *args, size_t nargs,
                   OuroObject *kwnames, const char *const *names, int nparams,
                   int nposonly, int nrequired, OuroObject **out);
/* Checks a positional-only signature: no keywords and min <= nargs <= max; raises
 * TypeError as CPython does ("len() takes exactly one argument (2 given)", ...). */
int ouro_args_check(OuroVM *vm, const char *fname, size_t nargs, OuroObject *kwnames,
                    size_t min, size_t max);
/* An integer argument converted to a C int the way CPython does it, with its messages
 * (__index__ first; a float is a TypeError). ouro_arg_c_int is Argument Clinic's `int`
 * converter (OverflowError "Python int too large to convert to C int");
 * ouro_arg_format_i is PyArg_ParseTuple's "i" ("signed integer is greater than maximum",
 * "... less than minimum"). 0, or -1 with the exception set. */
int ouro_arg_c_int(OuroVM *vm, OuroObject *o, int *out);
int ouro_arg_format_i(OuroVM *vm, OuroObject *o, int *out);

#endif
