/* vm/obj_module.h — module objects: a name and a dict of globals. */
#ifndef OURO_VM_OBJ_MODULE_H
#define OURO_VM_OBJ_MODULE_H

#include "vm/object.h"

typedef struct OuroModule {
    OuroObject ob;
    OuroObject *dict;                 /* its globals; __name__ set at creation */
    OuroObject *name;                 /* str */
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
} OuroModule;

/* New module with __name__ = name and __doc__ = None in its dict. */
OuroObject *ouro_module_new(OuroVM *vm, const char *name);
static inline OuroObject *ouro_module_dict(OuroObject *m) { return ((OuroModule *)m)->dict; }
/* Adds built-in functions to a module's dict. */
int ouro_module_add_functions(OuroVM *vm, OuroObject *module, const OuroMethodDef *defs);
int ouro_module_add_object(OuroVM *vm, OuroObject *module, const char *name, OuroObject *value);
/* The attributes CPython gives a built-in module besides its functions: __doc__ (doc),
 * __package__ '' and, as no importlib machinery stands behind it, __loader__ and __spec__
 * None. 0 or -1. */
int ouro_module_add_native_attrs(OuroVM *vm, OuroObject *module, const char *doc);
int ouro_module_add_int(OuroVM *vm, OuroObject *module, const char *name, int64_t value);

#endif
