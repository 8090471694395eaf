/* vm/eval.c — the dispatch loop, and only that: one C function runs one frame, with
 * computed-goto dispatch generated from vm/opcodes.def (a switch when the compiler lacks
 * labels-as-values), inline fast paths for small ints, floats, lists, instance attributes,
 * methods, globals, iteration and Python-to-Python calls, and the block-stack exception
 * unwinder of vm/opcodes.def. Slow halves of instructions live in vm/eval_ops.c. */
#define OURO_EXEC_INTERNAL
#include "vm/eval_ops.h"

#include <string.h>

/* ---- safe points, recursion guards ----------------------------------------------------- */

/* The cycle collector (next issue) runs here: a safe point where no instruction is half
 * done and every live object is reachable from a frame, a global or the value stacks. */
static void run_pending_collection(OuroVM *vm) { (void)vm; }

static int handle_eval_breaker(OuroVM *vm) {
    if (vm->collection_requested) {
        vm->collection_requested = false;
        run_pending_collection(vm);
    }
    if (vm->interrupt_requested) {
        vm->interrupt_requested = 0;
        vm->eval_breaker = vm->collection_requested;
        ouro_err_set_none(vm, &ouro_exc_KeyboardInterrupt);
        return -1;
    }
    vm->eval_breaker = vm->collection_requested || vm->interrupt_requested;
    return 0;
}

#define DEFAULT_C_STACK ((size_t)7 * 1024 * 1024)

int ouro_eval_check_c_stack(OuroVM *vm) {
#if defined(__GNUC__)
    /* The real frame address: with ASan a local may live on a heap "fake stack". */
    char *here = __builtin_frame_address(0);
#else
    char marker, *here = &marker;
#endif
    if (!vm->c_stack_base) vm->c_stack_base = here;
    size_t limit = vm->c_stack_size ? vm->c_stack_size : DEFAULT_C_STACK;
    ptrdiff_t used = vm->c_stack_base - here;     /* the stack grows down */
    if (used < 0) used = -used;
    if ((size_t)used <= limit) return 0;
    ouro_err_set_str(vm, &ouro_exc_RecursionError, "maximum recursion depth exceeded");
    return -1;
}

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

static inline bool is_function(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->type == &ouro_function_type;
}

/* Small-int arithmetic: NULL when the fast path does not apply (overflow, zero division,
 * operators without one): the caller then takes the generic path. */
static inline OuroObject *smallint_binary(intptr_t a, intptr_t b, uint32_t op) {
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

/* float (op) float / float (op) small int for + - *; NULL: not applicable. */
static inline OuroObject *float_binary(OuroVM *vm, OuroObject *a, OuroObject *b, uint32_t op,
                                       bool *done) {
    double x, y;
    if (exact_float(a)) x = ouro_float_value(a);
    else if (OURO_IS_SMALLINT(a)) x = (double)ouro_smallint_value(a);
    else return NULL;
    if (exact_float(b)) y = ouro_float_value(b);
    else if (OURO_IS_SMALLINT(b)) y = (double)ouro_smallint_value(b);
    else return NULL;
    if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
        /* int / int: exact when both fit a double's mantissa. */
        intptr_t ia = ouro_smallint_value(a), ib = ouro_smallint_value(b);
        const intptr_t lim = (intptr_t)1 << 53;
        if (op != OURO_NB_TRUE_DIVIDE || ib == 0 || ia > lim || ia < -lim || ib > lim || ib < -lim)
            return NULL;
    }
    double r;
    switch (op) {
    case OURO_NB_ADD: r = x + y; break;
    case OURO_NB_SUBTRACT: r = x - y; break;
    case OURO_NB_MULTIPLY: r = x * y; break;
    case OURO_NB_TRUE_DIVIDE:
        if (y == 0.0) return NULL;
        r = x / y;
        break;
    default: return NULL;
    }
    *done = true;
    return ouro_float_new(vm, r);
}

static inline int smallint_compare(intptr_t a, intptr_t b, uint32_t op) {
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

/* ---- the loop ---------------------------------------------------------------------------- */

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define SET_TOP(v) (sp[-1] = (v))
#define INSTR_INDEX() ((uint32_t)(ip - first_instr) - 1u)

#if defined(__GNUC__)
#define USE_COMPUTED_GOTO 1
#define TARGET(op) L_##op:
#define DISPATCH()                                                                         \
    do {                                                                                   \
        w = *ip++;                                                                         \
        oparg = w >> 8;                                                                    \
        goto *targets[w & 0xffu];                                                          \
    } while (0)
#else
#define USE_COMPUTED_GOTO 0
#define TARGET(op) case OURO_EXEC_##op:
#define DISPATCH() continue
#endif

#define JUMP_TO(target) (ip = first_instr + (target))
/* Backward jumps are safe points. */
#define JUMP_BACK_CHECK()                                                                  \
    do {                                                                                   \
        if (vm->eval_breaker && handle_eval_breaker(vm) < 0) goto error;                   \
    } while (0)

OuroObject *ouro_eval_frame(OuroVM *vm, OuroFrame *f, bool throwing) {
    if (vm->depth >= vm->recursion_limit) {
        ouro_err_set_str(vm, &ouro_exc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    if (ouro_eval_check_c_stack(vm) < 0) return NULL;
    vm->depth++;
    f->back = vm->frame;
    vm->frame = f;
    f->state = OURO_FRAME_RUNNING;

    OuroCode *const co = f->code;
    const uint32_t *const first_instr = co->code;
    const uint32_t *ip = first_instr + f->next_instr;
    OuroObject **const fast = f->localsplus;
    OuroObject **const stack_base = f->stack;
    OuroObject **sp = f->sp;
    OuroObject *const *const consts = ouro_tuple_items(co->consts);
    OuroObject *const *const names = ouro_tuple_items(co->names);
    const int nlocals = co->nlocals;
    OuroObject *retval = NULL;
    uint32_t w, oparg;
    bool reraise = false;

#if USE_COMPUTED_GOTO
    static void *targets[256];
    static bool targets_ready;
    if (!targets_ready) {
        for (int i = 0; i < 256; i++) targets[i] = &&L_bad_opcode;
#define OP(name, has_arg) targets[OURO_EXEC_##name] = &&L_##name;
#include "vm/opcodes.def"
#undef OP
        targets_ready = true;
    }
#endif

    if (throwing) goto error;
    if (vm->eval_breaker && handle_eval_breaker(vm) < 0) goto error;

#if USE_COMPUTED_GOTO
    DISPATCH();
#else
    for (;;) {
        w = *ip++;
        oparg = w >> 8;
        switch (w & 0xffu) {
#endif

    TARGET(NOP) { DISPATCH(); }

    TARGET(POP_TOP) {
        OuroObject *v = POP();
        ouro_xdecref(vm, v);
        DISPATCH();
    }
    TARGET(ROT_TWO) {
        OuroObject *a = TOP();
        SET_TOP(SECOND());
        sp[-2] = a;
        DISPATCH();
    }
    TARGET(ROT_THREE) {
        OuroObject *c = TOP();
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = c;
        DISPATCH();
    }
    TARGET(ROT_FOUR) {
        OuroObject *d = TOP();
        sp[-1] = sp[-2];
        sp[-2] = sp[-3];
        sp[-3] = sp[-4];
        sp[-4] = d;
        DISPATCH();
    }
    TARGET(DUP_TOP) {
        OuroObject *v = TOP();
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(DUP_TOP_TWO) {
        OuroObject *a = SECOND(), *b = TOP();
        ouro_incref(a);
        ouro_incref(b);
        PUSH(a);
        PUSH(b);
        DISPATCH();
    }

    TARGET(LOAD_CONST) {
        OuroObject *v = consts[oparg];
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_FAST) {
        OuroObject *v = fast[oparg];
        if (__builtin_expect(!v, 0)) {
            ouro_op_unbound_local(vm, ouro_tuple_get(co->varnames, oparg));
            goto error;
        }
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_FAST) {
        OuroObject *old = fast[oparg];
        fast[oparg] = POP();
        ouro_xdecref(vm, old);
        DISPATCH();
    }
    TARGET(DELETE_FAST) {
        if (!fast[oparg]) {
            ouro_op_unbound_local(vm, ouro_tuple_get(co->varnames, oparg));
            goto error;
        }
        ouro_clear(vm, &fast[oparg]);
        DISPATCH();
    }
    TARGET(LOAD_DEREF) {
        OuroObject *v = ((OuroCell *)fast[nlocals + (int)oparg])->ref;
        if (!v) {
            ouro_op_unbound_deref(vm, co, (int)oparg);
            goto error;
        }
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_DEREF) {
        OuroCell *cell = (OuroCell *)fast[nlocals + (int)oparg];
        ouro_setref(vm, &cell->ref, POP());
        DISPATCH();
    }
    TARGET(DELETE_DEREF) {
        OuroCell *cell = (OuroCell *)fast[nlocals + (int)oparg];
        if (!cell->ref) {
            ouro_op_unbound_deref(vm, co, (int)oparg);
            goto error;
        }
        ouro_clear(vm, &cell->ref);
        DISPATCH();
    }
    TARGET(LOAD_CLOSURE) {
        OuroObject *cell = fast[nlocals + (int)oparg];
        ouro_incref(cell);
        PUSH(cell);
        DISPATCH();
    }
    TARGET(LOAD_CLASSDEREF) {
        OuroObject *v = ouro_op_load_classderef(vm, f, (int)oparg);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL) {
        OuroObject *name = names[oparg];
        OuroObject *v = ouro_dict_get_str(f->globals, name);
        if (!v && (!f->builtins || !(v = ouro_dict_get_str(f->builtins, name)))) {
            ouro_op_name_error(vm, name);
            goto error;
        }
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_GLOBAL) {
        OuroObject *v = POP();
        int r = ouro_dict_set(vm, f->globals, names[oparg], v);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_GLOBAL) {
        int r = ouro_dict_discard(vm, f->globals, names[oparg]);
        if (r <= 0) {
            if (r == 0) ouro_op_name_error(vm, names[oparg]);
            goto error;
        }
        DISPATCH();
    }
    TARGET(LOAD_NAME) {
        OuroObject *v = ouro_op_load_name(vm, f, names[oparg]);
        if (!v) goto error;
        PUSH(v);
        DISPATCH();
    }
    TARGET(STORE_NAME) {
        OuroObject *v = POP();
        int r = ouro_op_store_name(vm, f, names[oparg], v);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_NAME) {
        if (ouro_op_delete_name(vm, f, names[oparg]) < 0) goto error;
        DISPATCH();
    }
    TARGET(LOAD_ATTR) {
        OuroObject *obj = TOP();
        OuroObject *v = load_attr(vm, obj, names[oparg]);
        if (!v) goto error;
        SET_TOP(v);
        ouro_decref(vm, obj);
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        OuroObject *obj = TOP(), *v = SECOND();
        int r = store_attr(vm, obj, names[oparg], v);
        sp -= 2;
        ouro_decref(vm, obj);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_ATTR) {
        OuroObject *obj = POP();
        int r = ouro_object_delattr(vm, obj, names[oparg]);
        ouro_decref(vm, obj);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        OuroObject *obj = TOP();
        OuroObject *meth = find_method(obj, names[oparg]);
        if (meth) {
            ouro_incref(meth);
            SET_TOP(meth);
            PUSH(obj);
            DISPATCH();
        }
        OuroObject *v = ouro_object_getattr(vm, obj, names[oparg]);
        if (!v) goto error;
        SET_TOP(NULL);
        ouro_decref(vm, obj);
        PUSH(v);
        DISPATCH();
    }
    TARGET(CALL_METHOD) {
        OuroObject **base = sp - oparg - 2;
        OuroObject *meth = base[0];
        OuroObject *callable = meth ? meth : base[1];
        OuroObject **args = meth ? base + 1 : base + 2;
        size_t nargs = meth ? oparg + 1 : oparg;
        OuroObject *res;
        sp = base;
        if (is_function(callable)) {
            res = ouro_call_function_steal(vm, callable, args, nargs);
        } else {
            res = ouro_object_call(vm, callable, args, nargs, NULL);
            for (size_t i = 0; i < nargs; i++) ouro_decref(vm, args[i]);
        }
        ouro_decref(vm, callable);
        if (!res) goto error;
        PUSH(res);
        DISPATCH();
    }

    TARGET(BINARY_OP) {
        OuroObject *b = TOP(), *a = SECOND(), *res;
        if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b) &&
            (res = smallint_binary(ouro_smallint_value(a), ouro_smallint_value(b), oparg))) {
            sp--;
            SET_TOP(res);
            DISPATCH();
        }
        bool done = false;
        res = float_binary(vm, a, b, oparg, &done);
        if (!done) res = ouro_number_binary(vm, a, b, (OuroBinaryOp)oparg);
        sp--;
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(INPLACE_OP) {
        OuroObject *b = TOP(), *a = SECOND(), *res;
        if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b) &&
            (res = smallint_binary(ouro_smallint_value(a), ouro_smallint_value(b), oparg))) {
            sp--;
            SET_TOP(res);
            DISPATCH();
        }
        bool done = false;
        res = float_binary(vm, a, b, oparg, &done);
        if (!done) res = ouro_number_inplace(vm, a, b, (OuroBinaryOp)oparg);
        sp--;
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(UNARY_POSITIVE) {
        OuroObject *v = TOP(), *res = ouro_number_positive(vm, v);
        ouro_decref(vm, v);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(UNARY_NEGATIVE) {
        OuroObject *v = TOP(), *res;
        if (OURO_IS_SMALLINT(v) && ouro_smallint_value(v) != OURO_SMALLINT_MIN) {
            SET_TOP(ouro_smallint(-ouro_smallint_value(v)));
            DISPATCH();
        }
        res = ouro_number_negative(vm, v);
        ouro_decref(vm, v);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(UNARY_NOT) {
        OuroObject *v = TOP();
        int t = quick_truth(v);
        if (t < 0) t = ouro_object_truthy(vm, v);
        ouro_decref(vm, v);
        if (t < 0) {
            sp--;
            goto error;
        }
        SET_TOP(ouro_bool_from(!t));
        DISPATCH();
    }
    TARGET(UNARY_INVERT) {
        OuroObject *v = TOP(), *res;
        if (OURO_IS_SMALLINT(v)) {
            SET_TOP(ouro_smallint(~ouro_smallint_value(v)));
            DISPATCH();
        }
        res = ouro_number_invert(vm, v);
        ouro_decref(vm, v);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(COMPARE_OP) {
        OuroObject *b = TOP(), *a = SECOND(), *res;
        sp--;
        if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
            SET_TOP(ouro_bool_from(smallint_compare(ouro_smallint_value(a),
                                                    ouro_smallint_value(b), oparg)));
            DISPATCH();
        }
        if (exact_float(a) && exact_float(b)) {
            double x = ouro_float_value(a), y = ouro_float_value(b);
            bool r;
            switch (oparg) {
            case OURO_LT: r = x < y; break;
            case OURO_LE: r = x <= y; break;
            case OURO_EQ: r = x == y; break;
            case OURO_NE: r = x != y; break;
            case OURO_GT: r = x > y; break;
            default: r = x >= y; break;
            }
            ouro_decref(vm, a);
            ouro_decref(vm, b);
            SET_TOP(ouro_bool_from(r));
            DISPATCH();
        }
        res = ouro_object_richcompare(vm, a, b, (int)oparg);
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(IS_OP) {
        OuroObject *b = POP(), *a = TOP();
        bool r = (a == b) != (oparg != 0);
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        SET_TOP(ouro_bool_from(r));
        DISPATCH();
    }
    TARGET(CONTAINS_OP) {
        OuroObject *b = POP(), *a = TOP();
        int r = ouro_object_contains(vm, b, a);
        ouro_decref(vm, a);
        ouro_decref(vm, b);
        if (r < 0) {
            sp--;
            goto error;
        }
        SET_TOP(ouro_bool_from((r != 0) != (oparg != 0)));
        DISPATCH();
    }
    TARGET(BINARY_SUBSCR) {
        OuroObject *key = POP(), *obj = TOP();
        OuroObject *res = subscr_fast(obj, key);
        if (res) ouro_incref(res);
        else res = ouro_object_getitem(vm, obj, key);
        ouro_decref(vm, key);
        ouro_decref(vm, obj);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(STORE_SUBSCR) {
        OuroObject *key = TOP(), *obj = SECOND(), *v = sp[-3];
        int r;
        sp -= 3;
        if (OURO_IS_SMALLINT(key) && !OURO_IS_SMALLINT(obj) && obj->type == &ouro_list_type) {
            OuroList *l = (OuroList *)obj;
            intptr_t i = ouro_smallint_value(key);
            if (i < 0) i += (intptr_t)l->size;
            if (i >= 0 && (size_t)i < l->size) {
                OuroObject *old = l->items[i];
                l->items[i] = v;
                ouro_decref(vm, old);
                ouro_decref(vm, obj);
                DISPATCH();
            }
        }
        if (!OURO_IS_SMALLINT(obj) && obj->type == &ouro_dict_type)
            r = ouro_dict_set(vm, obj, key, v);
        else
            r = ouro_object_setitem(vm, obj, key, v);
        ouro_decref(vm, v);
        ouro_decref(vm, obj);
        ouro_decref(vm, key);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DELETE_SUBSCR) {
        OuroObject *key = POP(), *obj = POP();
        int r = ouro_object_delitem(vm, obj, key);
        ouro_decref(vm, obj);
        ouro_decref(vm, key);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(BUILD_SLICE) {
        OuroObject *step = oparg == 3 ? POP() : NULL;
        OuroObject *stop = POP(), *start = TOP();
        OuroObject *s = ouro_slice_new(vm, start, stop, step ? step : ouro_none);
        ouro_decref(vm, start);
        ouro_decref(vm, stop);
        ouro_xdecref(vm, step);
        if (!s) {
            sp--;
            goto error;
        }
        SET_TOP(s);
        DISPATCH();
    }

    TARGET(BUILD_TUPLE) {
        OuroObject *t = ouro_tuple_new(vm, oparg);
        if (!t) goto error;
        sp -= oparg;
        if (oparg) {
            memcpy(ouro_tuple_items(t), sp, oparg * sizeof(OuroObject *));
            ouro_tuple_track_if_needed(vm, t);
        }
        PUSH(t);
        DISPATCH();
    }
    TARGET(BUILD_LIST) {
        OuroObject *l = ouro_list_new(vm, oparg);
        if (!l) goto error;
        sp -= oparg;
        if (oparg) memcpy(((OuroList *)l)->items, sp, oparg * sizeof(OuroObject *));
        ((OuroList *)l)->size = oparg;
        PUSH(l);
        DISPATCH();
    }
    TARGET(BUILD_SET) {
        OuroObject *s = ouro_set_new(vm, NULL);
        int r = s ? 0 : -1;
        for (uint32_t i = oparg; i > 0; i--)
            if (r == 0 && ouro_set_add(vm, s, sp[-(intptr_t)i]) < 0) r = -1;
        for (uint32_t i = 0; i < oparg; i++) ouro_decref(vm, POP());
        if (r < 0) {
            ouro_xdecref(vm, s);
            goto error;
        }
        PUSH(s);
        DISPATCH();
    }
    TARGET(BUILD_MAP) {
        OuroObject *d = ouro_dict_new(vm);
        int r = d ? 0 : -1;
        for (uint32_t i = oparg; i > 0 && r == 0; i--)
            r = ouro_dict_set(vm, d, sp[-2 * (intptr_t)i], sp[-2 * (intptr_t)i + 1]);
        for (uint32_t i = 0; i < 2 * oparg; i++) ouro_decref(vm, POP());
        if (r < 0) {
            ouro_xdecref(vm, d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }
    TARGET(BUILD_CONST_KEY_MAP) {
        OuroObject *keys = POP();
        OuroObject *d = ouro_dict_new(vm);
        int r = d ? 0 : -1;
        for (uint32_t i = 0; i < oparg && r == 0; i++)
            r = ouro_dict_set(vm, d, ouro_tuple_get(keys, i), sp[(intptr_t)i - (intptr_t)oparg]);
        for (uint32_t i = 0; i < oparg; i++) ouro_decref(vm, POP());
        ouro_decref(vm, keys);
        if (r < 0) {
            ouro_xdecref(vm, d);
            goto error;
        }
        PUSH(d);
        DISPATCH();
    }
    TARGET(BUILD_STRING) {
        OuroObject *s = ouro_op_build_string(vm, sp - oparg, oparg);
        for (uint32_t i = 0; i < oparg; i++) ouro_decref(vm, POP());
        if (!s) goto error;
        PUSH(s);
        DISPATCH();
    }
    TARGET(LIST_APPEND) {
        OuroObject *v = POP();
        if (ouro_list_append_steal(vm, sp[-(intptr_t)oparg], v) < 0) goto error;
        DISPATCH();
    }
    TARGET(SET_ADD) {
        OuroObject *v = POP();
        int r = ouro_set_add(vm, sp[-(intptr_t)oparg], v);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(MAP_ADD) {
        OuroObject *v = POP(), *k = POP();
        int r = ouro_dict_set(vm, sp[-(intptr_t)oparg], k, v);
        ouro_decref(vm, k);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LIST_EXTEND) {
        OuroObject *it = POP(), *list = sp[-(intptr_t)oparg], *func = NULL;
        /* f(*x) alone: [f, [], x] LIST_EXTEND LIST_TO_TUPLE CALL_FUNCTION_EX. */
        if (oparg == 1 && ouro_list_size(list) == 0 && ip + 1 < first_instr + co->ncode &&
            (ip[0] & 0xffu) == OURO_EXEC_LIST_TO_TUPLE &&
            (ip[1] & 0xffu) == OURO_EXEC_CALL_FUNCTION_EX && sp - 2 >= stack_base)
            func = sp[-2];
        int r = ouro_op_list_extend(vm, list, it, func);
        ouro_decref(vm, it);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(SET_UPDATE) {
        OuroObject *it = POP();
        int r = ouro_op_set_update(vm, sp[-(intptr_t)oparg], it);
        ouro_decref(vm, it);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DICT_UPDATE) {
        OuroObject *u = POP();
        int r = ouro_op_dict_update(vm, sp[-(intptr_t)oparg], u);
        ouro_decref(vm, u);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(DICT_MERGE) {
        OuroObject *u = POP();
        int r = ouro_op_dict_merge(vm, sp[-(intptr_t)oparg - 2], sp[-(intptr_t)oparg], u);
        ouro_decref(vm, u);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(LIST_TO_TUPLE) {
        OuroObject *l = TOP(), *t = ouro_list_as_tuple(vm, l);
        ouro_decref(vm, l);
        if (!t) {
            sp--;
            goto error;
        }
        SET_TOP(t);
        DISPATCH();
    }
    TARGET(UNPACK_SEQUENCE) {
        OuroObject *seq = POP();
        OuroObject *const *items = NULL;
        if (!OURO_IS_SMALLINT(seq)) {
            if (seq->type == &ouro_tuple_type && ouro_tuple_size(seq) == oparg)
                items = ouro_tuple_items(seq);
            else if (seq->type == &ouro_list_type && ouro_list_size(seq) == oparg)
                items = ((OuroList *)seq)->items;
        }
        if (items) {
            for (uint32_t i = oparg; i > 0; i--) {
                ouro_incref(items[i - 1]);
                PUSH(items[i - 1]);
            }
        } else {
            if (ouro_op_unpack(vm, seq, (int)oparg, -1, sp) < 0) {
                ouro_decref(vm, seq);
                goto error;
            }
            sp += oparg;
        }
        ouro_decref(vm, seq);
        DISPATCH();
    }
    TARGET(UNPACK_EX) {
        OuroObject *seq = POP();
        int before = (int)(oparg & 0xff), after = (int)(oparg >> 8);
        int r = ouro_op_unpack(vm, seq, before, after, sp);
        ouro_decref(vm, seq);
        if (r < 0) goto error;
        sp += before + after + 1;
        DISPATCH();
    }
    TARGET(FORMAT_VALUE) {
        OuroObject *spec = (oparg & 4) ? POP() : NULL;
        OuroObject *v = TOP();
        OuroObject *res = ouro_op_format_value(vm, v, (int)(oparg & 3), spec);
        ouro_xdecref(vm, spec);
        ouro_decref(vm, v);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }

    TARGET(JUMP_ABSOLUTE) {
        if (oparg <= INSTR_INDEX()) JUMP_BACK_CHECK();
        JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_FALSE) {
        OuroObject *v = POP();
        int t = quick_truth(v);
        if (t < 0) {
            t = ouro_object_truthy(vm, v);
            ouro_decref(vm, v);
            if (t < 0) goto error;
        }
        if (!t) {
            if (oparg <= INSTR_INDEX()) JUMP_BACK_CHECK();
            JUMP_TO(oparg);
        }
        DISPATCH();
    }
    TARGET(POP_JUMP_IF_TRUE) {
        OuroObject *v = POP();
        int t = quick_truth(v);
        if (t < 0) {
            t = ouro_object_truthy(vm, v);
            ouro_decref(vm, v);
            if (t < 0) goto error;
        }
        if (t) {
            if (oparg <= INSTR_INDEX()) JUMP_BACK_CHECK();
            JUMP_TO(oparg);
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_FALSE_OR_POP) {
        OuroObject *v = TOP();
        int t = quick_truth(v);
        if (t < 0 && (t = ouro_object_truthy(vm, v)) < 0) goto error;
        if (!t) {
            JUMP_TO(oparg);
        } else {
            sp--;
            ouro_decref(vm, v);
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_TRUE_OR_POP) {
        OuroObject *v = TOP();
        int t = quick_truth(v);
        if (t < 0 && (t = ouro_object_truthy(vm, v)) < 0) goto error;
        if (t) {
            JUMP_TO(oparg);
        } else {
            sp--;
            ouro_decref(vm, v);
        }
        DISPATCH();
    }
    TARGET(JUMP_IF_NOT_EXC_MATCH) {
        OuroObject *cls = POP(), *exc = POP();
        int r = ouro_op_exc_match(vm, exc, cls);
        ouro_decref(vm, cls);
        ouro_decref(vm, exc);
        if (r < 0) goto error;
        if (!r) JUMP_TO(oparg);
        DISPATCH();
    }
    TARGET(GET_ITER) {
        OuroObject *v = TOP(), *it = ouro_object_getiter(vm, v);
        ouro_decref(vm, v);
        if (!it) {
            sp--;
            goto error;
        }
        SET_TOP(it);
        DISPATCH();
    }
    TARGET(FOR_ITER) {
        OuroObject *it = TOP();
        OuroIterNextFn next = ouro_type_of(it)->iternext;
        OuroObject *v = next ? next(vm, it) : ouro_iter_next(vm, it);
        if (v) {
            PUSH(v);
            DISPATCH();
        }
        if (vm->exc) {
            if (!ouro_err_matches(vm, &ouro_exc_StopIteration)) goto error;
            ouro_err_clear(vm);
        }
        sp--;
        ouro_decref(vm, it);
        JUMP_TO(oparg);
        DISPATCH();
    }

    TARGET(SETUP_FINALLY) {
        OuroBlock *b = &f->blocks[f->iblock++];
        b->type = OURO_BLOCK_FINALLY;
        b->handler = (int)oparg;
        b->level = (int)(sp - stack_base);
        DISPATCH();
    }
    TARGET(POP_BLOCK) {
        f->iblock--;
        DISPATCH();
    }
    TARGET(POP_EXCEPT) {
        OuroBlock *b = &f->blocks[--f->iblock];
        if (b->type != OURO_BLOCK_EXCEPT_HANDLER) {
            ouro_err_set_str(vm, &ouro_exc_SystemError, "popped block is not an except handler");
            goto error;
        }
        set_handled(vm, POP());
        DISPATCH();
    }
    TARGET(RERAISE) {
        ouro_err_restore(vm, POP());
        reraise = true;
        goto error;
    }
    TARGET(SETUP_WITH) {
        OuroObject *mgr = TOP(), *exit = NULL;
        OuroObject *res = ouro_op_enter_with(vm, mgr, &exit);
        if (!res) goto error;
        SET_TOP(exit);
        ouro_decref(vm, mgr);
        OuroBlock *b = &f->blocks[f->iblock++];
        b->type = OURO_BLOCK_FINALLY;
        b->handler = (int)oparg;
        b->level = (int)(sp - stack_base);
        PUSH(res);
        DISPATCH();
    }
    TARGET(WITH_EXCEPT_START) {
        OuroObject *res = ouro_op_with_exit(vm, sp[-3], TOP());
        if (!res) goto error;
        PUSH(res);
        DISPATCH();
    }
    TARGET(RAISE_VARARGS) {
        if (oparg == 0) {
            OuroObject *handled = ouro_eval_handled_exception(vm);
            if (!handled) {
                ouro_err_set_str(vm, &ouro_exc_RuntimeError, "No active exception to reraise");
                goto error;
            }
            ouro_err_restore(vm, ouro_newref(handled));
            reraise = true;
            goto error;
        }
        OuroObject *cause = oparg == 2 ? POP() : NULL;
        OuroObject *exc = POP();
        ouro_op_raise(vm, exc, cause);
        goto error;
    }
    TARGET(LOAD_ASSERTION_ERROR) {
        PUSH(ouro_newref((OuroObject *)&ouro_exc_AssertionError));
        DISPATCH();
    }

    TARGET(CALL_FUNCTION) {
        OuroObject **base = sp - oparg - 1;
        OuroObject *callable = base[0], *res;
        sp = base;
        if (is_function(callable)) {
            res = ouro_call_function_steal(vm, callable, base + 1, oparg);
        } else {
            res = ouro_object_call(vm, callable, base + 1, oparg, NULL);
            for (uint32_t i = 1; i <= oparg; i++) ouro_decref(vm, base[i]);
        }
        ouro_decref(vm, callable);
        if (!res) goto error;
        PUSH(res);
        DISPATCH();
    }
    TARGET(CALL_FUNCTION_KW) {
        OuroObject *kwnames = POP();
        size_t nkw = ouro_tuple_size(kwnames);
        OuroObject **base = sp - oparg - 1;
        OuroObject *res = ouro_op_call_kw(vm, base[0], base + 1, oparg - nkw, kwnames);
        ouro_decref(vm, kwnames);
        while (sp > base) ouro_decref(vm, POP());
        if (!res) goto error;
        PUSH(res);
        DISPATCH();
    }
    TARGET(CALL_FUNCTION_EX) {
        OuroObject *kwargs = (oparg & 1) ? POP() : NULL;
        OuroObject *args = POP(), *func = TOP();
        OuroObject *res = ouro_op_call_ex(vm, func, args, kwargs);
        ouro_xdecref(vm, kwargs);
        ouro_decref(vm, args);
        ouro_decref(vm, func);
        if (!res) {
            sp--;
            goto error;
        }
        SET_TOP(res);
        DISPATCH();
    }
    TARGET(MAKE_FUNCTION) {
        int nops = 2 + ((oparg & 1) != 0) + ((oparg & 2) != 0) + ((oparg & 4) != 0) +
                   ((oparg & 8) != 0);
        OuroObject *fn = ouro_op_make_function(vm, f, (int)oparg, sp);
        sp -= nops;
        if (!fn) goto error;
        PUSH(fn);
        DISPATCH();
    }
    TARGET(RETURN_VALUE) {
        retval = POP();
        f->state = OURO_FRAME_COMPLETED;
        goto exit_frame;
    }
    TARGET(YIELD_VALUE) {
        retval = POP();
        f->state = OURO_FRAME_SUSPENDED;
        f->sp = sp;
        f->next_instr = (uint32_t)(ip - first_instr);
        goto exit_frame;
    }
    TARGET(YIELD_FROM) {
        OuroObject *v = POP(), *receiver = TOP(), *result = NULL, *r;
        OuroType *rt = ouro_type_of(receiver);
        if (rt == &ouro_generator_type) {
            r = ouro_gen_send(vm, receiver, v, &result);
        } else if (v == ouro_none && rt->iternext) {
            r = rt->iternext(vm, receiver);
        } else {
            r = ouro_object_call_method(vm, receiver, OURO_ID(vm, send), &v, 1);
        }
        ouro_decref(vm, v);
        if (r) {
            /* Suspend here; the value sent on resume is pushed and YIELD_FROM runs again. */
            retval = r;
            f->state = OURO_FRAME_SUSPENDED;
            f->sp = sp;
            f->next_instr = INSTR_INDEX();
            goto exit_frame;
        }
        if (vm->exc) {
            if (!ouro_err_matches(vm, &ouro_exc_StopIteration)) goto error;
            OuroObject *stop = ouro_err_fetch(vm);
            result = ouro_stop_iteration_value(vm, stop);
            ouro_decref(vm, stop);
        }
        SET_TOP(result ? result : ouro_newref(ouro_none));
        ouro_decref(vm, receiver);
        DISPATCH();
    }
    TARGET(GET_YIELD_FROM_ITER) {
        OuroObject *v = TOP();
        if (ouro_type_of(v) != &ouro_generator_type) {
            OuroObject *it = ouro_object_getiter(vm, v);
            ouro_decref(vm, v);
            if (!it) {
                sp--;
                goto error;
            }
            SET_TOP(it);
        }
        DISPATCH();
    }
    TARGET(LOAD_BUILD_CLASS) {
        OuroObject *bc = f->builtins ? ouro_dict_get_str(f->builtins, OURO_ID(vm, __build_class__))
                                     : NULL;
        if (!bc) {
            ouro_err_set_str(vm, &ouro_exc_NameError, "__build_class__ not found");
            goto error;
        }
        ouro_incref(bc);
        PUSH(bc);
        DISPATCH();
    }
    TARGET(IMPORT_NAME) {
        OuroObject *fromlist = POP(), *level = TOP();
        OuroObject *m = ouro_op_import_name(vm, f, names[oparg], fromlist, level);
        ouro_decref(vm, fromlist);
        ouro_decref(vm, level);
        if (!m) {
            sp--;
            goto error;
        }
        SET_TOP(m);
        DISPATCH();
    }
    TARGET(IMPORT_FROM) {
        OuroObject *x = ouro_op_import_from(vm, TOP(), names[oparg]);
        if (!x) goto error;
        PUSH(x);
        DISPATCH();
    }
    TARGET(IMPORT_STAR) {
        OuroObject *m = POP();
        int r = ouro_op_import_star(vm, f, m);
        ouro_decref(vm, m);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(PRINT_EXPR) {
        OuroObject *v = POP();
        int r = ouro_op_print_expr(vm, v);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(SETUP_ANNOTATIONS) {
        if (ouro_op_setup_annotations(vm, f) < 0) goto error;
        DISPATCH();
    }

#if !USE_COMPUTED_GOTO
        default:
            goto L_bad_opcode;
        }
    }
#endif

L_bad_opcode:
    ouro_err_format(vm, &ouro_exc_SystemError, "unknown opcode %u", (unsigned)(w & 0xffu));
    goto error;

error:
    /* The raised exception gets this frame's entry, then the block stack is unwound. */
    if (!vm->exc) ouro_err_set_str(vm, &ouro_exc_SystemError, "error return without exception set");
    f->lasti = ip > first_instr ? INSTR_INDEX() : 0;
    if (!reraise) {
        chain_fresh_exception(vm, vm->exc);
        if (ouro_exception_check(vm->exc) &&
            ouro_traceback_add(vm, vm->exc, (OuroObject *)co, f->lasti) < 0) {
            /* Out of memory while recording: the MemoryError propagates instead. */
        }
    }
    reraise = false;
    while (f->iblock > 0) {
        OuroBlock *b = &f->blocks[--f->iblock];
        if (b->type == OURO_BLOCK_EXCEPT_HANDLER) {
            while (sp > stack_base + b->level + 1) ouro_xdecref(vm, POP());
            set_handled(vm, POP());
            continue;
        }
        /* The handler's block takes the FINALLY block's slot: read it first. */
        int handler = b->handler, level = b->level;
        while (sp > stack_base + level) ouro_xdecref(vm, POP());
        OuroBlock *h = &f->blocks[f->iblock++];
        h->type = OURO_BLOCK_EXCEPT_HANDLER;
        h->handler = -1;
        h->level = level;
        OuroExcState *st = ouro_frame_stack(vm)->exc_info;
        OuroObject *exc = ouro_err_fetch(vm);
        PUSH(st->handled ? st->handled : ouro_newref(ouro_none));
        st->handled = ouro_newref(exc);
        PUSH(exc);
        JUMP_TO(handler);
        DISPATCH();
    }
    while (sp > stack_base) ouro_xdecref(vm, POP());
    f->state = OURO_FRAME_COMPLETED;
    retval = NULL;

exit_frame:
    if (f->state == OURO_FRAME_COMPLETED) {
        /* Whatever the unwinder left (a return through finally) is released now. */
        while (sp > stack_base) ouro_xdecref(vm, POP());
        f->sp = stack_base;
    }
    vm->frame = f->back;
    f->back = NULL;
    vm->depth--;
    return retval;
}
