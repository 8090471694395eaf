/* vm/obj_weakref.h — the Python-level weak reference types (vm/obj_weakref.c), as CPython
 * 3.11's Objects/weakrefobject.c: weakref.ReferenceType (`ref`, subclassable),
 * weakref.ProxyType and weakref.CallableProxyType. All three lay their instances out as
 * gc/weakref.h's OuroWeakRef and carry OURO_GC_WEAKREF; the list of weakrefs an object keeps
 * and the clearing when it dies are gc/'s. */
#ifndef OURO_VM_OBJ_WEAKREF_H
#define OURO_VM_OBJ_WEAKREF_H

#include "vm/object.h"
#include "gc/weakref.h"

extern OuroType ouro_weakref_ref_type, ouro_weakref_proxy_type, ouro_weakref_callable_proxy_type;

/* PyWeakref_Check: a ref (or an instance of a subclass) or a proxy. */
static inline bool ouro_weakref_check(const OuroObject *o) { return ouro_gc_is_weakref(o); }
static inline bool ouro_weakref_proxy_check(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) &&
           (o->type == &ouro_weakref_proxy_type || o->type == &ouro_weakref_callable_proxy_type);
}
/* The referent of a weakref or proxy (borrowed), or None once it died. */
static inline OuroObject *ouro_weakref_get(OuroObject *wr) {
    OuroObject *o = ((OuroWeakRef *)wr)->referent;
    return o ? o : ouro_none;
}

/* type(ob, callback) for `ref` or a subclass of it (CPython's weakref___new__): the exact
 * type without a callback (NULL or None) reuses ob's existing callback-less ref. New
 * reference; TypeError "cannot create weak reference to 'list' object". */
OuroObject *ouro_weakref_new_ref(OuroVM *vm, OuroType *type, OuroObject *ob, OuroObject *callback);
/* weakref.proxy(ob, callback) (PyWeakref_NewProxy): a CallableProxyType when ob is
 * callable. New reference. */
OuroObject *ouro_weakref_new_proxy(OuroVM *vm, OuroObject *ob, OuroObject *callback);

#endif
