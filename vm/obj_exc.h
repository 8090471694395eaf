/* vm/obj_exc.h — exception objects. Every built-in exception instance has this layout;
 * subclasses defined in Python add nothing but use the instance dict. Class-specific
 * attributes (SyntaxError.msg/filename/lineno/offset/text/end_lineno/end_offset,
 * StopIteration.value, SystemExit.code, OSError.errno/strerror/filename, KeyError's str)
 * are set by the class's __init__ in the instance dict or computed, as CPython shows them. */
#ifndef OURO_VM_OBJ_EXC_H
#define OURO_VM_OBJ_EXC_H

#include "vm/object.h"

typedef struct OuroException {
    OuroObject ob;
    OuroObject *dict;                 /* instance dict, created lazily */
    OuroObject *args;                 /* tuple */
    OuroObject *traceback;            /* traceback object or NULL */
    OuroObject *context, *cause;      /* exceptions or NULL */
    bool suppress_context;
} OuroException;

#define X(name, base) extern OuroType ouro_exc_##name;
#include "vm/exceptions.def"
#undef X

static inline bool ouro_exception_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_EXC_SUBCLASS) != 0;
}
static inline bool ouro_exception_class_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (o->type->flags & OURO_TPFLAG_TYPE_SUBCLASS) != 0 &&
           (((const OuroType *)o)->flags & OURO_TPFLAG_EXC_SUBCLASS) != 0;
}
/* Instantiates type(*args) with a tuple of borrowed args. */
OuroObject *ouro_exception_new(OuroVM *vm, OuroType *type, OuroObject *args);
/* Sets exc.__traceback__ / __context__ / __cause__ (steal value; NULL clears). */
void ouro_exception_set_traceback(OuroVM *vm, OuroObject *exc, OuroObject *tb);
void ouro_exception_set_context(OuroVM *vm, OuroObject *exc, OuroObject *ctx);
void ouro_exception_set_cause(OuroVM *vm, OuroObject *exc, OuroObject *cause);
/* Installs the class-specific slots (KeyError's str, OSError's constructor, ...) into the
 * static exception types; vm/vm.c calls it before readying them, so subclasses inherit. */
void ouro_exc_prepare_types(void);
/* After a failed getattr: records obj and name (borrowed) on the pending AttributeError
 * unless it has them (CPython's set_attribute_error_context). Never fails visibly. */
void ouro_exc_attribute_error_context(OuroVM *vm, OuroObject *obj, OuroObject *name);
/* The value carried by StopIteration (None when absent), new ref. */
OuroObject *ouro_stop_iteration_value(OuroVM *vm, OuroObject *exc);

#endif
