/* vm/obj_func.h — callables and descriptors: Python functions, cells, bound methods,
 * built-in functions and methods, staticmethod, classmethod, property. */
#ifndef OURO_VM_OBJ_FUNC_H
#define OURO_VM_OBJ_FUNC_H

#include "vm/object.h"

typedef struct OuroFunction {
    OuroObject ob;
    OuroObject *code;                 /* OuroCode */
    OuroObject *globals;              /* dict */
    OuroObject *builtins;             /* dict */
    OuroObject *name, *qualname;      /* str */
    OuroObject *defaults;             /* tuple or NULL */
    OuroObject *kwdefaults;           /* dict or NULL */
    OuroObject *closure;              /* tuple of cells or NULL */
    OuroObject *doc;                  /* None or str */
    OuroObject *module;               /* __module__ (from globals' __name__) */
    OuroObject *dict;                 /* __dict__, created lazily, or NULL */
    OuroObject *annotations;          /* dict or NULL */
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
} OuroFunction;

typedef struct OuroCell {
    OuroObject ob;
    OuroObject *ref;                  /* NULL when empty */
} OuroCell;

typedef struct OuroMethod {           /* a function bound to an instance */
    OuroObject ob;
    OuroObject *func, *self;
    OuroWeakRef *weaklist;
} OuroMethod;

/* A built-in function or a built-in method bound to self (self NULL for plain functions);
 * an unbound method of a built-in type is the same object with self NULL and owner set
 * (a method descriptor: binding happens on attribute access). */
typedef struct OuroCFunctionObject {
    OuroObject ob;
    const OuroMethodDef *def;
    OuroObject *self;                 /* NULL, or the bound object (or type for classmethods) */
    OuroType *owner;                  /* for method descriptors of built-in types, else NULL */
    OuroObject *module;               /* module name (str) or NULL */
    OuroWeakRef *weaklist;            /* builtin functions only; method descriptors: NULL */
} OuroCFunctionObject;

typedef struct OuroWrapper {          /* staticmethod / classmethod */
    OuroObject ob;
    OuroObject *callable;
    OuroObject *dict;
} OuroWrapper;

typedef struct OuroProperty {
    OuroObject ob;
    OuroObject *fget, *fset, *fdel, *doc;   /* None when absent */
} OuroProperty;

/* Function from a code object and globals (steals nothing). qualname from the code. */
OuroObject *ouro_function_new(OuroVM *vm, OuroObject *code, OuroObject *globals);
OuroObject *ouro_cell_new(OuroVM *vm, OuroObject *value);          /* value may be NULL */
OuroObject *ouro_method_new(OuroVM *vm, OuroObject *func, OuroObject *self);
/* Built-in function object for def, bound to self (may be NULL), in module (may be NULL). */
OuroObject *ouro_cfunction_new(OuroVM *vm, const OuroMethodDef *def, OuroObject *self,
                               OuroObject *module);
/* A method descriptor for a built-in type's method (installed by ouro_type_ready). */
OuroObject *ouro_method_descriptor_new(OuroVM *vm, const OuroMethodDef *def, OuroType *owner);
OuroObject *ouro_getset_descriptor_new(OuroVM *vm, const OuroGetSetDef *def, OuroType *owner);
/* Types of the descriptors above and of slot wrappers (vm/obj_method.c): `method_descriptor`
 * (list.append), `getset_descriptor` (object.__class__), `wrapper_descriptor` (int.__add__,
 * a "slot wrapper" calling a static type's slot) and `method-wrapper` ((1).__add__). */
extern OuroType ouro_method_descriptor_type, ouro_getset_descriptor_type,
    ouro_slot_wrapper_type, ouro_method_wrapper_type;
/* A member descriptor (`member_descriptor`, vm/obj_method.c) for one name of a class's
 * __slots__: the value is the object reference at offset in instances of owner (a heap type,
 * referenced). */
OuroObject *ouro_member_descriptor_new(OuroVM *vm, OuroType *owner, OuroObject *name,
                                       size_t offset);
extern OuroType ouro_member_descriptor_type;
/* Adds to a static type's dict a slot wrapper for every dunder slot the type defines itself
 * (not inherited from its base), and __new__ when it has a new_ slot. Called by
 * ouro_type_ready before slots are inherited. */
int ouro_slot_wrappers_add(OuroVM *vm, OuroType *type);
/* True for the built-in __new__ that ouro_slot_wrappers_add installs (type.__new__ ...). */
bool ouro_is_builtin_new(OuroObject *o);

#endif
