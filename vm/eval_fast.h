/* vm/eval_fast.h — INTERNAL to vm/eval.c: the quickened private opcodes and the inline fast
 * paths its handlers use (instance attributes through the inline caches, small-int and
 * float arithmetic with float recycling, indexing, truth tests). Kept out of eval.c so
 * that the loop itself stays readable; everything here is static and inlined into it. */
#ifndef OURO_VM_EVAL_FAST_H
#define OURO_VM_EVAL_FAST_H

#if !defined(OURO_EXEC_INTERNAL) || !defined(OURO_DICT_INTERNAL)
#error "vm/eval_fast.h is internal to vm/eval.c"
#endif

#include "vm/eval_ops.h"
#include "vm/dict_internal.h"

#include <math.h>
#include <string.h>

/* Quickened forms of instructions (see vm/eval_cache.c): private opcodes after the public
 * ones; their argument is an inline-cache index. Only the eval loop ever sees them. */
enum {
    OURO_EXEC_LOAD_ATTR_Q = OURO_EXEC_OPCOUNT,
    OURO_EXEC_STORE_ATTR_Q,
    OURO_EXEC_LOAD_METHOD_Q,
    OURO_EXEC_LOAD_GLOBAL_Q,
    /* BINARY_OP / INPLACE_OP / COMPARE_OP with the operator fixed by the opcode: each gets
     * its own dispatch site (so its own branch prediction) and no operator switch. */
    OURO_EXEC_BINARY_ADD_Q,
    OURO_EXEC_BINARY_SUBTRACT_Q,
    OURO_EXEC_BINARY_MULTIPLY_Q,
    OURO_EXEC_BINARY_TRUE_DIVIDE_Q,
    OURO_EXEC_BINARY_FLOOR_DIVIDE_Q,
    OURO_EXEC_BINARY_REMAINDER_Q,
    OURO_EXEC_BINARY_AND_Q,
    OURO_EXEC_INPLACE_ADD_Q,
    OURO_EXEC_INPLACE_SUBTRACT_Q,
    OURO_EXEC_INPLACE_MULTIPLY_Q,
    OURO_EXEC_COMPARE_LT_Q,
    OURO_EXEC_COMPARE_LE_Q,
    OURO_EXEC_COMPARE_EQ_Q,
    OURO_EXEC_COMPARE_NE_Q,
    OURO_EXEC_COMPARE_GT_Q,
    OURO_EXEC_COMPARE_GE_Q,
    /* LOAD_FAST decided once: alone, or fused with the LOAD_FAST after it (one dispatch
     * for two pushes; the second instruction stays in place for jumps landing on it). */
    OURO_EXEC_LOAD_FAST_Q,
    OURO_EXEC_LOAD_FAST_LOAD_FAST_Q,
    /* Fused the same way with a LOAD_CONST after it, or with a LOAD_ATTR after it (`b.x`:
     * the attribute's inline-cache hit served in the same dispatch, else a plain push). */
    OURO_EXEC_LOAD_FAST_LOAD_CONST_Q,
    OURO_EXEC_LOAD_FAST_LOAD_ATTR_Q,
    OURO_EXEC_QUICK_END
};

/* The quickened opcode for BINARY_OP / INPLACE_OP with operator op, or 0 (stay generic). */
static unsigned quick_arith_op(bool inplace, uint32_t op) {
    if (inplace) {
        switch (op) {
        case OURO_NB_ADD: return OURO_EXEC_INPLACE_ADD_Q;
        case OURO_NB_SUBTRACT: return OURO_EXEC_INPLACE_SUBTRACT_Q;
        case OURO_NB_MULTIPLY: return OURO_EXEC_INPLACE_MULTIPLY_Q;
        default: return 0;
        }
    }
    switch (op) {
    case OURO_NB_ADD: return OURO_EXEC_BINARY_ADD_Q;
    case OURO_NB_SUBTRACT: return OURO_EXEC_BINARY_SUBTRACT_Q;
    case OURO_NB_MULTIPLY: return OURO_EXEC_BINARY_MULTIPLY_Q;
    case OURO_NB_TRUE_DIVIDE: return OURO_EXEC_BINARY_TRUE_DIVIDE_Q;
    case OURO_NB_FLOOR_DIVIDE: return OURO_EXEC_BINARY_FLOOR_DIVIDE_Q;
    case OURO_NB_REMAINDER: return OURO_EXEC_BINARY_REMAINDER_Q;
    case OURO_NB_AND: return OURO_EXEC_BINARY_AND_Q;
    default: return 0;
    }
}
_Static_assert(OURO_EXEC_QUICK_END <= 256, "opcodes must fit 8 bits");

/* ---- fast paths ------------------------------------------------------------------------- */

static inline OuroObject **instance_dict_slot(OuroObject *obj, OuroType *tp) {
    return (OuroObject **)(void *)((char *)obj + tp->dict_offset);
}

/* obj.name for instances of classes with the generic getattr: a data descriptor on the type
 * wins, then the instance dict, then the class attribute (bound when it is a descriptor). */
static OuroObject *load_attr(OuroVM *vm, OuroObject *obj, OuroObject *name) {
    OuroType *tp = ouro_type_of(obj);
    if (!(tp->flags & OURO_TPFLAG_HEAPTYPE) || tp->getattr != ouro_object_generic_getattr ||
        !tp->dict_offset)
        return ouro_object_getattr(vm, obj, name);
    OuroObject *descr = ouro_type_lookup(tp, name);
    OuroDescrGetFn get = NULL;
    if (descr) {
        OuroType *dt = ouro_type_of(descr);
        get = dt->descr_get;
        if (get && dt->descr_set) return ouro_object_getattr(vm, obj, name);
    }
    OuroObject *dict = *instance_dict_slot(obj, tp);
    if (dict) {
        OuroObject *v = ouro_dict_get_str(dict, name);
        if (v) return ouro_newref(v);
    }
    if (!descr) return ouro_object_getattr(vm, obj, name);   /* __getattr__, the error */
    if (!get) return ouro_newref(descr);
    ouro_incref(descr);
    OuroObject *r = get(vm, descr, obj, (OuroObject *)tp);
    ouro_decref(vm, descr);
    return r;
}

static int store_attr(OuroVM *vm, OuroObject *obj, OuroObject *name, OuroObject *v) {
    OuroType *tp = ouro_type_of(obj);
    if ((tp->flags & OURO_TPFLAG_HEAPTYPE) && tp->setattr == ouro_object_generic_setattr &&
        tp->dict_offset) {
        OuroObject *dict = *instance_dict_slot(obj, tp);
        if (dict && ouro_type_of(dict) == &ouro_dict_type) {
            OuroObject *descr = ouro_type_lookup(tp, name);
            if (!descr || !ouro_type_of(descr)->descr_set) return ouro_dict_set(vm, dict, name, v);
        }
    }
    return ouro_object_setattr(vm, obj, name, v);
}

/* Descriptors that LOAD_METHOD may call unbound with self first (CPython's
 * Py_TPFLAGS_METHOD_DESCRIPTOR): functions, built-in method descriptors, slot wrappers. */
static inline bool is_method_like(OuroObject *descr) {
    OuroType *dt = ouro_type_of(descr);
    return dt == &ouro_function_type || dt == &ouro_method_descriptor_type ||
           dt == &ouro_slot_wrapper_type;
}

/* LOAD_METHOD: the unbound function when obj.name would just bind it, else NULL. */
static OuroObject *find_method(OuroObject *obj, OuroObject *name) {
    OuroType *tp = ouro_type_of(obj);
    if (tp->getattr != ouro_object_generic_getattr) return NULL;
    OuroObject *descr = ouro_type_lookup(tp, name);
    if (!descr || !is_method_like(descr)) return NULL;
    if (tp->dict_offset) {
        OuroObject *dict = *instance_dict_slot(obj, tp);
        if (dict && ouro_dict_get_str(dict, name)) return NULL;
    }
    return descr;
}

/* ---- float recycling -------------------------------------------------------------------- */

/* Releases a reference the loop owned; an exact float that dies goes to the frame stack's
 * stash instead of through its dealloc (floats own nothing and have no finalizer), so the
 * next float result reuses it without a call. */
static inline void decref_hot(OuroVM *vm, OuroFrameStack *fs, OuroObject *o) {
    if (OURO_IS_SMALLINT(o) || --o->refcnt != 0) return;
    if (o->type == &ouro_float_type && fs->float_stash_len < OURO_FLOAT_STASH) {
        OuroHeap *heap = ouro_heap(vm);
        fs->float_stash[fs->float_stash_len++] = o;
        heap->live_objects--;
        heap->live_bytes -= sizeof(OuroFloat);
        return;
    }
    ouro_gc_release(ouro_heap(vm), o);
}

/* A new float with value r: from the stash when it has one. */
static inline OuroObject *float_new_hot(OuroVM *vm, OuroFrameStack *fs, double r) {
    if (fs->float_stash_len == 0) return ouro_float_new(vm, r);
    OuroObject *o = fs->float_stash[--fs->float_stash_len];
    OuroHeap *heap = ouro_heap(vm);
    heap->live_objects++;
    heap->live_bytes += sizeof(OuroFloat);
    o->refcnt = 1;
    ((OuroFloat *)o)->value = r;
    return o;
}

/* ---- inline-cache fast paths ----------------------------------------------------------- */

/* Rewrites the instruction just fetched (ip[-1]) into its quickened form; false when no
 * cache entry is available (the instruction then stays generic). */
static bool quicken(OuroVM *vm, const uint32_t *ip, OuroObject *name, unsigned quick_op) {
    uint32_t i = ouro_ic_new(vm, name);
    if (i == UINT32_MAX || i > OURO_INSTR_ARG_MAX) return false;
    *(uint32_t *)(uintptr_t)(ip - 1) = ouro_instr(quick_op, i);
    return true;
}

/* The instance dict of obj (whose type has a dict slot at offset), or NULL. */
static inline OuroObject *instance_dict(OuroObject *obj, size_t offset) {
    return *(OuroObject **)(void *)((char *)obj + offset);
}

/* The instance dict's value for the entry's name (borrowed), or NULL. */
static inline OuroObject *ic_instance_value(OuroInlineCache *e, const OuroAttrWay *w,
                                            OuroObject *obj) {
    OuroObject *d = instance_dict(obj, w->dict_offset);
    if (!d) return NULL;
    OuroObject *v = ouro_dict_hinted(d, e->name, e->hint);
    return v ? v : ouro_dict_get_str_hint(d, e->name, &e->hint);
}

/* True when obj's instance dict (if any) cannot hold the entry's name. */
static inline bool ic_not_shadowed(OuroInlineCache *e, const OuroAttrWay *w, OuroObject *obj) {
    if (!w->dict_offset) return true;
    OuroObject *d = instance_dict(obj, w->dict_offset);
    return !d || ouro_dict_surely_lacks(d, ((OuroStr *)e->name)->hash) ||
           ouro_dict_index_str(d, e->name) < 0;
}

static OuroObject *ic_call_get(OuroVM *vm, OuroObject *descr, OuroObject *obj, OuroType *tp) {
    ouro_incref(descr);   /* the class dict may drop it while __get__ runs */
    OuroObject *r = ouro_type_of(descr)->descr_get(vm, descr, obj, (OuroObject *)tp);
    ouro_decref(vm, descr);
    return r;
}

/* obj.name through a valid way (new reference, or NULL with the exception set). */
static OuroObject *ic_load_attr(OuroVM *vm, OuroInlineCache *e, const OuroAttrWay *w,
                                OuroObject *obj, OuroType *tp) {
    OuroObject *v, *descr = w->descr;
    switch (w->kind) {
    case OURO_IC_INSTANCE:
        if ((v = ic_instance_value(e, w, obj))) return ouro_newref(v);
        break;
    case OURO_IC_CLASS_VALUE:
        if (w->dict_offset && (v = ic_instance_value(e, w, obj))) return ouro_newref(v);
        return ouro_newref(descr);
    case OURO_IC_FUNCTION:
    case OURO_IC_METHOD:
        if (!ic_not_shadowed(e, w, obj)) break;
        if (ouro_type_of(descr) == &ouro_function_type) return ouro_method_new(vm, descr, obj);
        return ic_call_get(vm, descr, obj, tp);
    case OURO_IC_NONDATA:
        if (!ic_not_shadowed(e, w, obj)) break;
        return ic_call_get(vm, descr, obj, tp);
    case OURO_IC_DATA:
        return ic_call_get(vm, descr, obj, tp);
    default:
        break;
    }
    return ouro_object_getattr(vm, obj, e->name);
}

/* obj.name = v for a STORE_INSTANCE way when the hinted entry holds the name: replaced in
 * place (v stolen), returning 0; 1 when not applicable. */
static inline int ic_store_instance(OuroVM *vm, OuroFrameStack *fs, OuroInlineCache *e,
                                    const OuroAttrWay *w, OuroObject *obj, OuroObject *v) {
    OuroObject *d = instance_dict(obj, w->dict_offset);
    if (!d || ((OuroDict *)d)->watched) return 1;
    DictKeys *k = ouro_dictx_keys(d);
    /* Replacing a value in place changes no key and no position: no version to bump. */
    if (k && e->hint < k->nentries && k->entries[e->hint].key == e->name) {
        OuroObject *old = k->entries[e->hint].value;
        k->entries[e->hint].value = v;
        /* MAINTAIN_TRACKING, as every dict store: the dict may still be untracked. */
        if (!(ouro_gc_head(d)->flags & OURO_GCF_TRACKED) && ouro_gc_may_be_tracked(v))
            ouro_gc_track(ouro_heap(vm), d);
        decref_hot(vm, fs, old);
        return 0;
    }
    return 1;
}

/* The slower half of STORE_ATTR_Q (borrows v; 0 or -1): for a STORE_INSTANCE way the key
 * is not at the hinted entry (usually a new attribute, or the instance's first), so insert
 * it, creating the dict as the generic setattr would, and point the hint at the key. */
static int ic_store_insert(OuroVM *vm, OuroInlineCache *e, const OuroAttrWay *w,
                           OuroObject *obj, OuroObject *v) {
    if (w->kind != OURO_IC_STORE_INSTANCE) return store_attr(vm, obj, e->name, v);
    OuroObject **slot = (OuroObject **)(void *)((char *)obj + w->dict_offset);
    if (!*slot && !(*slot = ouro_object_new_instance_dict(vm))) return -1;
    OuroObject *d = *slot;
    if (((OuroDict *)d)->watched) return store_attr(vm, obj, e->name, v);
    if (ouro_dict_set(vm, d, e->name, v) < 0) return -1;
    DictKeys *k = ouro_dictx_keys(d);
    intptr_t ix = k->nentries && k->entries[k->nentries - 1].key == e->name
                      ? (intptr_t)k->nentries - 1 : ouro_dict_index_str(d, e->name);
    if (ix >= 0) e->hint = (uint32_t)ix;
    return 0;
}

static inline bool is_function(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_function_type;
}

/* The __init__ function to run inline for tp(nargs positional args), or NULL when the call
 * must go through type_call: only classes whose instances come from object.__new__ and
 * whose __init__ is a plain Python function (so tp->init is the slot calling it). */
static inline OuroObject *inlinable_init(OuroType *tp, uint32_t nargs, OuroVM *vm) {
    if (!(tp->flags & OURO_TPFLAG_HEAPTYPE) || tp->new_ != ouro_object_type.new_ ||
        tp->init == ouro_object_type.init)
        return NULL;
    OuroObject *init = ouro_type_lookup(tp, OURO_ID(vm, __init__));
    return init && is_function(init) && ouro_call_can_inline(init, nargs + 1) ? init : NULL;
}

/* ouro_call_push_frame's hot case, inlined into the call instructions: a function without
 * cells, under the recursion limit, whose frame fits in the current chunk. NULL (nothing
 * done, nothing stolen) when another case applies: the caller then takes
 * ouro_call_push_frame. Binds self (borrowed) then steals the nargs arguments. */
static inline __attribute__((always_inline)) OuroFrame *
push_frame_fast(OuroVM *vm, OuroFrameStack *fs, OuroFrame *caller, OuroObject *func,
                OuroObject *self, OuroObject **args, size_t nargs) {
    OuroFunction *fn = (OuroFunction *)func;
    OuroCode *co = (OuroCode *)fn->code;
    OuroFrameChunk *c = fs->current;
    size_t size = ouro_frame_size(co), nlp = ouro_code_nlocalsplus(co);
    if (__builtin_expect(vm->depth >= vm->recursion_limit || co->ncellvars + co->nfreevars ||
                             (size_t)(c->end - c->top) < size, 0))
        return NULL;
    OuroFrame *f = (OuroFrame *)(void *)c->top;
    c->top += size;
    f->back = caller;
    f->code = co;
    f->globals = fn->globals;
    f->builtins = fn->builtins;
    f->locals = NULL;
    f->stack = f->localsplus + nlp;
    f->sp = f->stack;
    f->blocks = (OuroBlock *)(void *)(f->stack + co->stacksize);
    f->iblock = 0;
    f->state = OURO_FRAME_RUNNING;
    f->next_instr = 0;
    f->lasti = 0;
    f->owns_refs = false;
    f->is_gen = false;
    f->inlined = true;
    f->init_self = NULL;
    f->chunk = c;
    OuroObject **fast = f->localsplus;
    size_t i = 0;
    if (self) fast[i++] = ouro_newref(self);
    for (size_t j = 0; j < nargs; j++) fast[i++] = args[j];
    for (; i < nlp; i++) fast[i] = NULL;
    vm->frame = f;
    vm->depth++;
    return f;
}

/* ouro_frame_pop for a finished inlined frame (its stack already empty, vm->frame already
 * its caller): the locals are released before the memory goes back to the chunk, so a
 * finalizer that calls Python code pushes its frames above this one. */
static inline __attribute__((always_inline)) void pop_frame_fast(OuroVM *vm, OuroFrameStack *fs,
                                                                 OuroFrame *f) {
    size_t nlp = ouro_code_nlocalsplus(f->code);
    OuroObject **fast = f->localsplus;
    for (size_t i = 0; i < nlp; i++) {
        OuroObject *v = fast[i];
        if (v) {
            fast[i] = NULL;
            decref_hot(vm, fs, v);
        }
    }
    OuroFrameChunk *c = f->chunk;
    c->top = (char *)f;
    fs->current = c;
}

/* Small-int arithmetic: NULL when the fast path does not apply (overflow, zero division,
 * operators without one): the caller then takes the generic path. */
static inline __attribute__((always_inline)) OuroObject *smallint_binary(intptr_t a, intptr_t b,
                                                                         uint32_t op) {
    intptr_t r;
    switch (op) {
    case OURO_NB_ADD:
        if (__builtin_add_overflow(a, b, &r)) return NULL;
        break;
    case OURO_NB_SUBTRACT:
        if (__builtin_sub_overflow(a, b, &r)) return NULL;
        break;
    case OURO_NB_MULTIPLY:
        if (__builtin_mul_overflow(a, b, &r)) return NULL;
        break;
    case OURO_NB_FLOOR_DIVIDE:
        if (b == 0) return NULL;
        r = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) r--;
        break;
    case OURO_NB_REMAINDER:
        if (b == 0) return NULL;
        r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        break;
    case OURO_NB_AND: r = a & b; break;
    case OURO_NB_OR: r = a | b; break;
    case OURO_NB_XOR: r = a ^ b; break;
    case OURO_NB_RSHIFT:
        if (b < 0) return NULL;
        r = b >= 63 ? (a < 0 ? -1 : 0) : a >> b;
        break;
    case OURO_NB_LSHIFT:
        if (b < 0 || b >= 62) return NULL;
        if (a > (OURO_SMALLINT_MAX >> b) || a < (OURO_SMALLINT_MIN >> b)) return NULL;
        r = (intptr_t)((uintptr_t)a << b);
        break;
    default:
        return NULL;
    }
    if (r > OURO_SMALLINT_MAX || r < OURO_SMALLINT_MIN) return NULL;
    return ouro_smallint(r);
}

static inline bool exact_float(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_float_type;
}

/* float (op) float, float (op) small int, and small int / small int: true and the result
 * in *r when the fast path applies (+ - * /; no zero division). */
static inline __attribute__((always_inline)) bool float_arith(OuroObject *a, OuroObject *b,
                                                              uint32_t op, double *r) {
    double x, y;
    if (exact_float(a)) x = ouro_float_value(a);
    else if (OURO_IS_SMALLINT(a)) x = (double)ouro_smallint_value(a);
    else return false;
    if (exact_float(b)) y = ouro_float_value(b);
    else if (OURO_IS_SMALLINT(b)) y = (double)ouro_smallint_value(b);
    else return false;
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
        /* int / int: exact when both fit a double's mantissa. */
        intptr_t ia = ouro_smallint_value(a), ib = ouro_smallint_value(b);
        const intptr_t lim = (intptr_t)1 << 53;
        if (op != OURO_NB_TRUE_DIVIDE || ib == 0 || ia > lim || ia < -lim || ib > lim || ib < -lim)
            return false;
    }
    switch (op) {
    case OURO_NB_ADD: *r = x + y; return true;
    case OURO_NB_SUBTRACT: *r = x - y; return true;
    case OURO_NB_MULTIPLY: *r = x * y; return true;
    case OURO_NB_TRUE_DIVIDE:
        if (y == 0.0) return false;
        *r = x / y;
        return true;
    case OURO_NB_POWER:
        /* Only the plain case (float_pow's special cases and errors stay with it): a
         * positive finite base, a finite exponent and a finite result. */
        if (!(x > 0.0) || !isfinite(x) || !isfinite(y)) return false;
        *r = pow(x, y);
        return isfinite(*r);
    default: return false;
    }
}

/* The float result r of a op b, consuming both operands (stack references). A float that
 * nobody else references is about to die, so it takes the result instead of a fresh float
 * being allocated (no one can observe the difference): an operand, or the old value of the
 * local that the next instruction (next, a STORE_FAST?) overwrites. */
static inline __attribute__((always_inline)) OuroObject *
float_result(OuroVM *vm, OuroFrameStack *fs, OuroObject *a, OuroObject *b, double r,
             uint32_t next, OuroObject **fast) {
    if (exact_float(a) && a->refcnt == 1) {
        ((OuroFloat *)a)->value = r;
        decref_hot(vm, fs, b);
        return a;
    }
    if (exact_float(b) && b->refcnt == 1) {
        ((OuroFloat *)b)->value = r;
        decref_hot(vm, fs, a);
        return b;
    }
    decref_hot(vm, fs, a);
    decref_hot(vm, fs, b);
    if ((next & 0xffu) == OURO_EXEC_STORE_FAST) {
        OuroObject *old = fast[next >> 8];
        if (old && exact_float(old) && old->refcnt == 1) {
            /* STORE_FAST will drop the local's reference right after: one stays. */
            ((OuroFloat *)old)->value = r;
            old->refcnt = 2;
            return old;
        }
    }
    return float_new_hot(vm, fs, r);
}

/* The operator of a quickened arithmetic opcode (BINARY_ADD_Q .. INPLACE_MULTIPLY_Q, by
 * position): float and small-int results do not depend on the in-place form. */
static const uint8_t quick_arith_nb[] = {
    OURO_NB_ADD, OURO_NB_SUBTRACT, OURO_NB_MULTIPLY, OURO_NB_TRUE_DIVIDE,
    OURO_NB_FLOOR_DIVIDE, OURO_NB_REMAINDER, OURO_NB_AND,
    OURO_NB_ADD, OURO_NB_SUBTRACT, OURO_NB_MULTIPLY};
_Static_assert(OURO_EXEC_INPLACE_MULTIPLY_Q - OURO_EXEC_BINARY_ADD_Q + 1 ==
                   sizeof quick_arith_nb, "quick_arith_nb follows the opcode order");

/* a OP b for two values pushed by one fused instruction when the next opcode op2 is a
 * quickened arithmetic one, without touching either (both stay borrowed): 1 with the new
 * result in *res, 0 when the fast path does not apply (the caller pushes a and b), -1
 * on MemoryError. */
static inline __attribute__((always_inline)) int
fused_arith(OuroVM *vm, OuroFrameStack *fs, OuroObject *a, OuroObject *b, unsigned op2,
            OuroObject **res) {
    if (op2 - OURO_EXEC_BINARY_ADD_Q >= sizeof quick_arith_nb) return 0;
    uint32_t op = quick_arith_nb[op2 - OURO_EXEC_BINARY_ADD_Q];
    double r;
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b) &&
        (*res = smallint_binary(ouro_smallint_value(a), ouro_smallint_value(b), op)))
        return 1;
    if (!float_arith(a, b, op, &r)) return 0;
    return (*res = float_new_hot(vm, fs, r)) ? 1 : -1;
}

static inline __attribute__((always_inline)) bool float_compare(double x, double y, uint32_t op) {
    switch (op) {
    case OURO_LT: return x < y;
    case OURO_LE: return x <= y;
    case OURO_EQ: return x == y;
    case OURO_NE: return x != y;
    case OURO_GT: return x > y;
    default: return x >= y;
    }
}

static inline __attribute__((always_inline)) int smallint_compare(intptr_t a, intptr_t b,
                                                                  uint32_t op) {
    switch (op) {
    case OURO_LT: return a < b;
    case OURO_LE: return a <= b;
    case OURO_EQ: return a == b;
    case OURO_NE: return a != b;
    case OURO_GT: return a > b;
    default: return a >= b;
    }
}

/* list[i] / tuple[i] with a small int index; NULL: not applicable (or out of range). */
static inline OuroObject *subscr_fast(OuroObject *container, OuroObject *key) {
    if (!OURO_IS_SMALLINT(key) || OURO_IS_SMALLINT(container)) return NULL;
    intptr_t i = ouro_smallint_value(key);
    if (container->type == &ouro_list_type) {
        OuroList *l = (OuroList *)container;
        if (i < 0) i += (intptr_t)l->size;
        if (i < 0 || (size_t)i >= l->size) return NULL;
        return l->items[i];
    }
    if (container->type == &ouro_tuple_type) {
        OuroTuple *t = (OuroTuple *)container;
        if (i < 0) i += (intptr_t)t->size;
        if (i < 0 || (size_t)i >= t->size) return NULL;
        return t->items[i];
    }
    return NULL;
}

/* 1 / 0 for the common immediates; -1 means "ask the object". */
static inline int quick_truth(OuroObject *v) {
    if (v == ouro_true) return 1;
    if (v == ouro_false || v == ouro_none) return 0;
    if (OURO_IS_SMALLINT(v)) return ouro_smallint_value(v) != 0;
    return -1;
}

/* Implicit chaining for an exception raised in this frame without going through
 * ouro_err_raise: its context becomes the handled exception (CPython's _PyErr_SetObject). */
static void chain_fresh_exception(OuroVM *vm, OuroObject *exc) {
    if (!ouro_exception_check(exc)) return;
    OuroException *e = (OuroException *)exc;
    if (e->context || e->traceback) return;
    OuroObject *handled = ouro_eval_handled_exception(vm);
    if (!handled || handled == exc) return;
    /* Cut the chain where it would loop back to exc; Floyd's walk stops on old cycles. */
    OuroObject *o = handled, *slow = handled, *ctx;
    bool toggle = false;
    while ((ctx = ((OuroException *)o)->context)) {
        if (ctx == exc) {
            ouro_exception_set_context(vm, o, NULL);
            break;
        }
        o = ctx;
        if (o == slow) break;
        if (toggle) slow = ((OuroException *)slow)->context;
        toggle = !toggle;
    }
    ouro_exception_set_context(vm, exc, ouro_newref(handled));
}

static inline void set_handled(OuroVM *vm, OuroObject *exc) {
    OuroExcState *s = ouro_frame_stack(vm)->exc_info;
    if (exc == ouro_none) {
        ouro_decref(vm, exc);
        exc = NULL;
    }
    ouro_setref(vm, &s->handled, exc);
}

#endif
