/* gc/weakref.h — weak references as the memory manager sees them (CPython's
 * PyWeakReference and the parts of Objects/weakrefobject.c and Modules/gcmodule.c that
 * clear them). A weak reference does not own its referent; every weakrefable object keeps
 * a doubly linked list of the weak references to it, at its type's
 * hooks.weaklist_offset, so that when the object dies (by refcount or in the collector)
 * each one can be cleared and its callback called. Python-level types (weakref.ref,
 * proxies) are the VM's; they all start with OuroWeakRef and set OURO_GC_WEAKREF.
 *
 * List order (CPython's): a callback-less exact ref and a callback-less proxy sit at the
 * head (so `weakref.ref(o) is weakref.ref(o)`), every other weakref is inserted right
 * after them, before older ones: walking from the head visits the newest first, which is
 * the order callbacks run in. */
#ifndef OURO_GC_WEAKREF_H
#define OURO_GC_WEAKREF_H

#include "gc/gc.h"

typedef struct OuroWeakRef {
    OuroObject ob;
    OuroObject *referent;             /* borrowed; NULL once cleared (Python sees None) */
    OuroObject *callback;             /* owned, or NULL */
    intptr_t hash;                    /* the VM's cache of hash(referent); -1 until taken */
    struct OuroWeakRef *wr_prev, *wr_next;  /* the referent's list */
} OuroWeakRef;

/* The head of o's weakref list, or NULL when o's type is not weakrefable (immediates,
 * types with weaklist_offset 0). */
static inline OuroWeakRef **ouro_gc_weaklist(OuroObject *o) {
    if (OURO_IS_SMALLINT(o)) return NULL;
    size_t off = ouro_gc_hooks(o)->weaklist_offset;
    return off ? (OuroWeakRef **)(void *)((char *)o + off) : NULL;
}

static inline bool ouro_gc_is_weakref(const OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && (ouro_gc_hooks(o)->gc_flags & OURO_GC_WEAKREF) != 0;
}

/* Links wr (referent and callback already set) into its referent's list: at the head when
 * `after` is NULL, else right after `after` (which is in that list). */
void ouro_gc_weakref_link(OuroWeakRef *wr, OuroWeakRef *after);

/* Unlinks wr from its referent's list and sets referent to NULL; the callback is kept
 * (and not called). A no-op on a cleared weakref. The weakref type's dealloc and clear
 * call it (then drop the callback themselves). The referent's type must still be intact:
 * a weakrefable type that frees without ouro_gc_clear_weakrefs leaves dangling weakrefs. */
void ouro_gc_weakref_clear(OuroWeakRef *wr);

/* Number of weakrefs in o's list (weakref.getweakrefcount). */
size_t ouro_gc_weakref_count(OuroObject *o);

/* CPython's PyObject_ClearWeakRefs, for the refcount path: a weakrefable type's dealloc
 * calls it once the object is certainly dying (after __del__, if that did not resurrect
 * it) and before tearing the object down. Clears every weakref to o first, then calls the
 * callbacks of those that had one, newest first, each through
 * heap->seams.call_weakref_callback, holding a reference to the weakref meanwhile; then
 * releases the weakrefs and the callbacks. As CPython's, the clearing pass moves every
 * callback out of its weakref before any is called (`__callback__` is None inside the
 * callbacks and after). A weakref whose count is already 0 (its dealloc queued by the
 * trashcan) is only unlinked.
 * o's count may be 0: no callback can reach it. Cost with no weakrefs: one load. */
void ouro_gc_clear_weakrefs(OuroHeap *heap, OuroObject *o);

/* ---- gc/ internal: weakrefs whose callbacks are about to be called --------------------- */
/* A FIFO chained through wr_next, which a cleared weakref no longer needs (it is never
 * linked again). ouro_gc_clear_weakrefs and the collector's handle_weakrefs (gc/collect.c)
 * use it so that clearing allocates nothing; ouro_gc_clear_weakrefs also keeps the
 * callback it moved out in wr_prev. Code outside gc/ must not read wr_prev or wr_next of
 * a cleared weakref. */
typedef struct OuroWeakRefPending {
    OuroWeakRef *first, *last;
} OuroWeakRefPending;

/* Appends a cleared weakref to p, taking a reference to it. */
void ouro_gc_weakref_pending_add(OuroWeakRefPending *p, OuroWeakRef *wr);

#endif
