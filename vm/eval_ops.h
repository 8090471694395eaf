/* vm/eval_ops.h — INTERNAL to vm/eval.c: the slower, rarer halves of instructions, kept
 * out of the dispatch loop so the loop stays small and hot. Every function follows the
 * object.h conventions (borrowed arguments unless "steals"; NULL / -1 with vm->exc set). */
#ifndef OURO_VM_EVAL_OPS_H
#define OURO_VM_EVAL_OPS_H

#ifndef OURO_EXEC_INTERNAL
#error "vm/eval_ops.h is internal to the execution files"
#endif

#include "vm/frame.h"

/* UNPACK_SEQUENCE / UNPACK_EX: writes the items at sp[0 .. total) with the first item
 * highest (sp[total-1]); argcntafter -1 means no starred target. */
int ouro_op_unpack(OuroVM *vm, OuroObject *v, int argcnt, int argcntafter, OuroObject **sp);
/* except-clause test: 1 match, 0 no match, -1 error (bad class). */
int ouro_op_exc_match(OuroVM *vm, OuroObject *exc, OuroObject *cls);
/* raise exc [from cause]: steals both (cause may be NULL); always leaves vm->exc set. */
void ouro_op_raise(OuroVM *vm, OuroObject *exc, OuroObject *cause);
OuroObject *ouro_op_import_name(OuroVM *vm, OuroFrame *f, OuroObject *name,
                                OuroObject *fromlist, OuroObject *level);
OuroObject *ouro_op_import_from(OuroVM *vm, OuroObject *module, OuroObject *name);
int ouro_op_import_star(OuroVM *vm, OuroFrame *f, OuroObject *module);
/* FORMAT_VALUE: conv 0 none, 1 str, 2 repr, 3 ascii; spec may be NULL. */
OuroObject *ouro_op_format_value(OuroVM *vm, OuroObject *v, int conv, OuroObject *spec);
OuroObject *ouro_op_build_string(OuroVM *vm, OuroObject *const *items, size_t n);
/* type(obj).name bound to obj (_PyObject_LookupSpecial); NULL with no exception: absent. */
OuroObject *ouro_op_lookup_special(OuroVM *vm, OuroObject *obj, OuroObject *name);
/* SETUP_WITH's lookups and __enter__ call: *exit_out gets the bound __exit__. */
OuroObject *ouro_op_enter_with(OuroVM *vm, OuroObject *mgr, OuroObject **exit_out);
OuroObject *ouro_op_with_exit(OuroVM *vm, OuroObject *exit, OuroObject *exc);
OuroObject *ouro_op_call_ex(OuroVM *vm, OuroObject *func, OuroObject *args, OuroObject *kwargs);
OuroObject *ouro_op_call_kw(OuroVM *vm, OuroObject *func, OuroObject *const *args,
                            size_t nargs, OuroObject *kwnames);
int ouro_op_dict_merge(OuroVM *vm, OuroObject *func, OuroObject *dict, OuroObject *update);
int ouro_op_dict_update(OuroVM *vm, OuroObject *dict, OuroObject *update);
int ouro_op_set_update(OuroVM *vm, OuroObject *set, OuroObject *iterable);
/* func: the callable when the list is f(*x)'s argument list (CPython words that error
 * "f() argument after * ..."), else NULL. */
int ouro_op_list_extend(OuroVM *vm, OuroObject *list, OuroObject *iterable, OuroObject *func);
int ouro_op_print_expr(OuroVM *vm, OuroObject *v);
int ouro_op_setup_annotations(OuroVM *vm, OuroFrame *f);
OuroObject *ouro_op_make_function(OuroVM *vm, OuroFrame *f, int flags, OuroObject **sp);
/* Name lookups of module/class bodies and their errors. */
OuroObject *ouro_op_load_name(OuroVM *vm, OuroFrame *f, OuroObject *name);
int ouro_op_store_name(OuroVM *vm, OuroFrame *f, OuroObject *name, OuroObject *v);
int ouro_op_delete_name(OuroVM *vm, OuroFrame *f, OuroObject *name);
OuroObject *ouro_op_load_classderef(OuroVM *vm, OuroFrame *f, int oparg);
void ouro_op_name_error(OuroVM *vm, OuroObject *name);
void ouro_op_unbound_local(OuroVM *vm, OuroObject *name);
void ouro_op_unbound_deref(OuroVM *vm, OuroCode *co, int oparg);

#endif
