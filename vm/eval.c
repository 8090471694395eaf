/* vm/eval.c — the dispatch loop, and only that: one C function runs a frame and every
 * Python-to-Python call it makes (calls are entered inline, without C recursion), with
 * computed-goto dispatch generated from vm/opcodes.def (a switch when the compiler lacks
 * labels-as-values). Instructions quicken themselves on first run into private forms with
 * inline caches (attributes, methods, globals) or a fixed operator (arithmetic, compares);
 * the fast paths live in vm/eval_fast.h, the caches in vm/eval_cache.c, the slow halves
 * of instructions in vm/eval_ops.c. The block-stack unwinder follows vm/opcodes.def. */
#define OURO_EXEC_INTERNAL
#define OURO_DICT_INTERNAL
#include "vm/eval_fast.h"
#include "vm/collect.h"

/* ---- safe points, recursion guards ----------------------------------------------------- */

/* Automatic collections run here (vm/collect.c): a safe point where no instruction is half
 * done and every live object is reachable from a frame, a global or the value stacks. */
static void run_pending_collection(OuroVM *vm) { ouro_vm_collect_pending(vm); }

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
        f->lasti = (uint32_t)(ip - first_instr); /* tracemalloc reads the running line */  \
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

/* The outcome r of a comparison whose operands are already released: pushed as a bool,
 * or, when a POP_JUMP_IF_FALSE/TRUE follows, the jump taken at once (no bool, one dispatch
 * less: the hot shape of every `if`/`while` test). */
#define COMPARE_OUTCOME(r)                                                                 \
    do {                                                                                   \
        uint32_t next_ = *ip;                                                              \
        unsigned nop_ = next_ & 0xffu;                                                     \
        if (nop_ == OURO_EXEC_POP_JUMP_IF_FALSE || nop_ == OURO_EXEC_POP_JUMP_IF_TRUE) {   \
            ip++;                                                                          \
            sp -= 2;                                                                       \
            if ((r) == (nop_ == OURO_EXEC_POP_JUMP_IF_TRUE)) {                             \
                if ((next_ >> 8) <= INSTR_INDEX()) JUMP_BACK_CHECK();                      \
                JUMP_TO(next_ >> 8);                                                       \
            }                                                                              \
            DISPATCH();                                                                    \
        }                                                                                  \
        sp--;                                                                              \
        SET_TOP(ouro_bool_from(r));                                                        \
        DISPATCH();                                                                        \
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
    f->inlined = false;

    /* The running frame's state, reloaded whenever an inlined call enters or leaves. */
    OuroCode *co;
    const uint32_t *first_instr, *ip;
    OuroObject **fast, **stack_base, **sp;
    OuroObject *const *consts, *const *names;
    int nlocals;
#define LOAD_FRAME_STATE()                                                                 \
    do {                                                                                   \
        co = f->code;                                                                      \
        first_instr = co->code;                                                            \
        ip = first_instr + f->next_instr;                                                  \
        fast = f->localsplus;                                                              \
        stack_base = f->stack;                                                             \
        sp = f->sp;                                                                        \
        consts = ouro_tuple_items(co->consts);                                             \
        names = ouro_tuple_items(co->names);                                               \
        nlocals = co->nlocals;                                                             \
    } while (0)
/* Leaves an inlined frame whose stack is empty: back to its caller's state. */
#define POP_INLINED_FRAME()                                                                \
    do {                                                                                   \
        OuroFrame *caller_ = f->back;                                                      \
        f->sp = stack_base;                                                                \
        vm->frame = caller_;                                                               \
        f->back = NULL;                                                                    \
        vm->depth--;                                                                       \
        pop_frame_fast(vm, fs, f);                                                         \
        f = caller_;                                                                       \
        LOAD_FRAME_STATE();                                                                \
    } while (0)
/* Enters the frame of a call made inline: the caller resumes after the call instruction,
 * its callable kept on its stack (the callee's frame borrows from it). */
#define ENTER_INLINED_FRAME(nf)                                                            \
    do {                                                                                   \
        f->next_instr = (uint32_t)(ip - first_instr);                                      \
        f->sp = sp;                                                                        \
        f = (nf);                                                                          \
        LOAD_FRAME_STATE();                                                                \
        if (vm->eval_breaker && handle_eval_breaker(vm) < 0) goto error;                   \
    } while (0)
    LOAD_FRAME_STATE();
    OuroFrameStack *const fs = ouro_frame_stack(vm);
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
        targets[OURO_EXEC_LOAD_ATTR_Q] = &&L_LOAD_ATTR_Q;
        targets[OURO_EXEC_STORE_ATTR_Q] = &&L_STORE_ATTR_Q;
        targets[OURO_EXEC_LOAD_METHOD_Q] = &&L_LOAD_METHOD_Q;
        targets[OURO_EXEC_LOAD_GLOBAL_Q] = &&L_LOAD_GLOBAL_Q;
        targets[OURO_EXEC_BINARY_ADD_Q] = &&L_BINARY_ADD_Q;
        targets[OURO_EXEC_BINARY_SUBTRACT_Q] = &&L_BINARY_SUBTRACT_Q;
        targets[OURO_EXEC_BINARY_MULTIPLY_Q] = &&L_BINARY_MULTIPLY_Q;
        targets[OURO_EXEC_BINARY_TRUE_DIVIDE_Q] = &&L_BINARY_TRUE_DIVIDE_Q;
        targets[OURO_EXEC_BINARY_FLOOR_DIVIDE_Q] = &&L_BINARY_FLOOR_DIVIDE_Q;
        targets[OURO_EXEC_BINARY_REMAINDER_Q] = &&L_BINARY_REMAINDER_Q;
        targets[OURO_EXEC_BINARY_AND_Q] = &&L_BINARY_AND_Q;
        targets[OURO_EXEC_INPLACE_ADD_Q] = &&L_INPLACE_ADD_Q;
        targets[OURO_EXEC_INPLACE_SUBTRACT_Q] = &&L_INPLACE_SUBTRACT_Q;
        targets[OURO_EXEC_INPLACE_MULTIPLY_Q] = &&L_INPLACE_MULTIPLY_Q;
        targets[OURO_EXEC_COMPARE_LT_Q] = &&L_COMPARE_LT_Q;
        targets[OURO_EXEC_COMPARE_LE_Q] = &&L_COMPARE_LE_Q;
        targets[OURO_EXEC_COMPARE_EQ_Q] = &&L_COMPARE_EQ_Q;
        targets[OURO_EXEC_COMPARE_NE_Q] = &&L_COMPARE_NE_Q;
        targets[OURO_EXEC_COMPARE_GT_Q] = &&L_COMPARE_GT_Q;
        targets[OURO_EXEC_COMPARE_GE_Q] = &&L_COMPARE_GE_Q;
        targets[OURO_EXEC_LOAD_FAST_Q] = &&L_LOAD_FAST_Q;
        targets[OURO_EXEC_LOAD_FAST_LOAD_FAST_Q] = &&L_LOAD_FAST_LOAD_FAST_Q;
        targets[OURO_EXEC_LOAD_FAST_LOAD_CONST_Q] = &&L_LOAD_FAST_LOAD_CONST_Q;
        targets[OURO_EXEC_LOAD_FAST_LOAD_ATTR_Q] = &&L_LOAD_FAST_LOAD_ATTR_Q;
        targets_ready = true;
    }
#endif

    if (throwing) goto error;
    if (vm->eval_breaker && handle_eval_breaker(vm) < 0) goto error;

#if USE_COMPUTED_GOTO
    DISPATCH();
#else
    for (;;) {
        f->lasti = (uint32_t)(ip - first_instr);
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
        /* `obj.attr op= v` ends with ROT_TWO, STORE_ATTR: the store runs without a
         * dispatch of its own (ip passes it, as if it had been dispatched). */
        if ((*ip & 0xffu) == OURO_EXEC_STORE_ATTR_Q) {
            oparg = *ip++ >> 8;
            goto store_attr_q;
        }
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
        /* Likewise `obj.attr op= v` starts with DUP_TOP, LOAD_ATTR. */
        if ((*ip & 0xffu) == OURO_EXEC_LOAD_ATTR_Q) {
            oparg = *ip++ >> 8;
            goto load_attr_q;
        }
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
        unsigned next = ip < first_instr + co->ncode ? (*ip & 0xffu) : OURO_EXEC_NOP;
        unsigned q = next == OURO_EXEC_LOAD_FAST    ? OURO_EXEC_LOAD_FAST_LOAD_FAST_Q
                     : next == OURO_EXEC_LOAD_CONST ? OURO_EXEC_LOAD_FAST_LOAD_CONST_Q
                     : next == OURO_EXEC_LOAD_ATTR || next == OURO_EXEC_LOAD_ATTR_Q
                         ? OURO_EXEC_LOAD_FAST_LOAD_ATTR_Q
                         : OURO_EXEC_LOAD_FAST_Q;
        *(uint32_t *)(uintptr_t)(ip - 1) = ouro_instr(q, oparg);
        ip--;
        DISPATCH();
    }
    TARGET(LOAD_FAST_LOAD_CONST_Q) {
        /* The next word is a LOAD_CONST (it has no quickened form). */
        OuroObject *v = fast[oparg], *c = consts[*ip >> 8];
        if (__builtin_expect(!v, 0)) {
            ouro_op_unbound_local(vm, ouro_tuple_get(co->varnames, oparg));
            goto error;
        }
        /* `n - 1`, `i += 1`, `n < 2`: the operator after the constant runs here too (it
         * exists: the constant must be consumed), ip passing it. */
        unsigned op2 = ip[1] & 0xffu;
        OuroObject *res;
        int fr = fused_arith(vm, fs, v, c, op2, &res);
        if (fr) {
            ip += 2;
            if (fr < 0) goto error;
            PUSH(res);
            DISPATCH();
        }
        if (OURO_IS_SMALLINT(v) && OURO_IS_SMALLINT(c)) {
            if (op2 >= OURO_EXEC_COMPARE_LT_Q && op2 <= OURO_EXEC_COMPARE_GE_Q) {
                bool rc = smallint_compare(ouro_smallint_value(v), ouro_smallint_value(c),
                                           op2 - OURO_EXEC_COMPARE_LT_Q);
                sp[0] = v;
                sp[1] = c;
                sp += 2;
                ip += 2;
                COMPARE_OUTCOME(rc);
            }
        }
        ouro_incref(v);
        ouro_incref(c);
        sp[0] = v;
        sp[1] = c;
        sp += 2;
        ip++;
        DISPATCH();
    }
    TARGET(LOAD_FAST_LOAD_ATTR_Q) {
        /* Only the inline cache's hot hit is served here (an instance attribute where the
         * hint says): every other case pushes the local and lets the LOAD_ATTR run. */
        OuroObject *obj = fast[oparg];
        uint32_t next = *ip;
        if (__builtin_expect(obj != NULL, 1) && (next & 0xffu) == OURO_EXEC_LOAD_ATTR_Q) {
            OuroInlineCache *e = ouro_ic_at(fs, next >> 8);
            OuroAttrWay *way = ouro_ic_way(e, ouro_type_of(obj), ouro_dict_watch_epoch);
            OuroObject *d, *v;
            if (way && way->kind == OURO_IC_INSTANCE &&
                (d = instance_dict(obj, way->dict_offset)) &&
                (v = ouro_dict_hinted(d, e->name, e->hint))) {
                ouro_incref(v);
                PUSH(v);
                ip++;
                DISPATCH();
            }
        }
        goto load_fast_q;
    }
    TARGET(LOAD_FAST_LOAD_FAST_Q) {
        /* The next word is a LOAD_FAST or one of its quickened forms: all keep the local's
         * index as their argument. */
        OuroObject *v = fast[oparg], *v2 = fast[*ip >> 8];
        if (__builtin_expect(!v || !v2, 0)) {
            if (!v) {
                ouro_op_unbound_local(vm, ouro_tuple_get(co->varnames, oparg));
                goto error;
            }
            ouro_incref(v);
            PUSH(v);
            ip++;   /* the error belongs to the second instruction */
            ouro_op_unbound_local(vm, ouro_tuple_get(co->varnames, ip[-1] >> 8));
            goto error;
        }
        /* `dx * dx`, `a + b`: the operator after them (it exists: the two values must be
         * consumed) runs here too, ip passing it. */
        OuroObject *res;
        int fr = fused_arith(vm, fs, v, v2, ip[1] & 0xffu, &res);
        if (fr) {
            ip += 2;
            if (fr < 0) goto error;
            PUSH(res);
            DISPATCH();
        }
        ouro_incref(v);
        ouro_incref(v2);
        sp[0] = v;
        sp[1] = v2;
        sp += 2;
        ip++;
        DISPATCH();
    }
    TARGET(LOAD_FAST_Q) {
    load_fast_q:;
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
        if (old) decref_hot(vm, fs, old);
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
        if (ouro_dict_check(f->globals) && quicken(vm, ip, name, OURO_EXEC_LOAD_GLOBAL_Q)) {
            ip--;
            DISPATCH();
        }
        OuroObject *v = ouro_dict_get_str(f->globals, name);
        if (!v && (!f->builtins || !(v = ouro_dict_get_str(f->builtins, name)))) {
            ouro_op_name_error(vm, name);
            goto error;
        }
        ouro_incref(v);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_GLOBAL_Q) {
        OuroInlineCache *e = ouro_ic_at(fs, oparg);
        OuroObject *g = f->globals, *v = NULL;
        DictKeys *k = ouro_dictx_keys(g);
        if (e->u.g.globals == g && k && k->version == e->u.g.globals_version) {
            if (e->kind == OURO_IC_GLOBAL) {
                v = k->entries[e->hint].value;
            } else if (e->kind == OURO_IC_BUILTIN && e->u.g.builtins == f->builtins) {
                DictKeys *bk = ouro_dictx_keys(f->builtins);
                if (bk && bk->version == e->u.g.builtins_version) v = bk->entries[e->hint].value;
            }
        }
        if (!v && !(v = ouro_ic_fill_global(vm, e, f))) goto error;
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
        if (quicken(vm, ip, names[oparg], OURO_EXEC_LOAD_ATTR_Q)) {
            ip--;
            DISPATCH();
        }
        OuroObject *obj = TOP();
        OuroObject *v = load_attr(vm, obj, names[oparg]);
        if (!v) goto error;
        SET_TOP(v);
        ouro_decref(vm, obj);
        DISPATCH();
    }
    TARGET(LOAD_ATTR_Q) {
    load_attr_q:;
        OuroInlineCache *e = ouro_ic_at(fs, oparg);
        OuroObject *obj = TOP(), *v;
        OuroType *tp = ouro_type_of(obj);
        OuroAttrWay *way = ouro_ic_way(e, tp, ouro_dict_watch_epoch);
        if (__builtin_expect(way != NULL, 1)) {
            /* The hot case inline: an instance attribute where the hint says. */
            if (way->kind == OURO_IC_INSTANCE) {
                OuroObject *d = instance_dict(obj, way->dict_offset);
                if (d && (v = ouro_dict_hinted(d, e->name, e->hint))) {
                    ouro_incref(v);
                    SET_TOP(v);
                    ouro_decref(vm, obj);
                    DISPATCH();
                }
            }
        } else {
            way = ouro_ic_fill_attr(e, tp, false, false);
        }
        v = ic_load_attr(vm, e, way, obj, tp);
        if (!v) goto error;
        SET_TOP(v);
        ouro_decref(vm, obj);
        DISPATCH();
    }
    TARGET(STORE_ATTR) {
        if (quicken(vm, ip, names[oparg], OURO_EXEC_STORE_ATTR_Q)) {
            ip--;
            DISPATCH();
        }
        OuroObject *obj = TOP(), *v = SECOND();
        int r = store_attr(vm, obj, names[oparg], v);
        sp -= 2;
        ouro_decref(vm, obj);
        ouro_decref(vm, v);
        if (r < 0) goto error;
        DISPATCH();
    }
    TARGET(STORE_ATTR_Q) {
    store_attr_q:;
        OuroInlineCache *e = ouro_ic_at(fs, oparg);
        OuroObject *obj = TOP(), *v = SECOND();
        OuroType *tp = ouro_type_of(obj);
        OuroAttrWay *way = ouro_ic_way(e, tp, ouro_dict_watch_epoch);
        if (__builtin_expect(!way, 0)) way = ouro_ic_fill_attr(e, tp, false, true);
        sp -= 2;
        if (way->kind == OURO_IC_STORE_INSTANCE && ic_store_instance(vm, fs, e, way, obj, v) == 0) {
            ouro_decref(vm, obj);
            DISPATCH();
        }
        int r = ic_store_insert(vm, e, way, obj, v);
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
    TARGET(LOAD_METHOD_Q) {
        OuroInlineCache *e = ouro_ic_at(fs, oparg);
        OuroObject *obj = TOP();
        OuroType *tp = ouro_type_of(obj);
        OuroAttrWay *way = ouro_ic_way(e, tp, ouro_dict_watch_epoch);
        if (__builtin_expect(!way, 0)) way = ouro_ic_fill_attr(e, tp, true, false);
        if (way->kind == OURO_IC_METHOD && ic_not_shadowed(e, way, obj)) {
            OuroObject *meth = way->descr;
            ouro_incref(meth);
            SET_TOP(meth);
            PUSH(obj);
            DISPATCH();
        }
        OuroObject *v = ic_load_attr(vm, e, way, obj, tp);
        if (!v) goto error;
        SET_TOP(NULL);
        ouro_decref(vm, obj);
        PUSH(v);
        DISPATCH();
    }
    TARGET(LOAD_METHOD) {
        if (quicken(vm, ip, names[oparg], OURO_EXEC_LOAD_METHOD_Q)) {
            ip--;
            DISPATCH();
        }
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
        if (is_function(callable) && ouro_call_can_inline(callable, nargs)) {
            base[0] = callable;   /* [NULL, callable, ...]: the callable moves down */
            sp = base + 1;
            OuroFrame *nf = push_frame_fast(vm, fs, f, callable, NULL, args, nargs);
            if (!nf && !(nf = ouro_call_push_frame(vm, f, callable, NULL, args, nargs)))
                goto error;
            ENTER_INLINED_FRAME(nf);
            DISPATCH();
        }
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

/* a OP b (OP constant in each quickened handler): small ints and floats inline, else the
 * number protocol (GENERIC: ouro_number_binary or ouro_number_inplace). */
#define ARITH_BODY(OP, GENERIC)                                                            \
    do {                                                                                   \
        OuroObject *b_ = TOP(), *a_ = SECOND(), *res_;                                     \
        double r_;                                                                         \
        if (OURO_IS_SMALLINT(a_) && OURO_IS_SMALLINT(b_) &&                                \
            (res_ = smallint_binary(ouro_smallint_value(a_), ouro_smallint_value(b_), OP))) { \
            sp--;                                                                          \
            SET_TOP(res_);                                                                 \
            DISPATCH();                                                                    \
        }                                                                                  \
        sp--;                                                                              \
        if (float_arith(a_, b_, OP, &r_)) {                                                \
            res_ = float_result(vm, fs, a_, b_, r_, *ip, fast);                                \
        } else {                                                                           \
            res_ = GENERIC(vm, a_, b_, (OuroBinaryOp)(OP));                                \
            ouro_decref(vm, a_);                                                           \
            ouro_decref(vm, b_);                                                           \
        }                                                                                  \
        if (!res_) {                                                                       \
            sp--;                                                                          \
            goto error;                                                                    \
        }                                                                                  \
        SET_TOP(res_);                                                                     \
        DISPATCH();                                                                        \
    } while (0)

    TARGET(BINARY_ADD_Q) { ARITH_BODY(OURO_NB_ADD, ouro_number_binary); }
    TARGET(BINARY_SUBTRACT_Q) { ARITH_BODY(OURO_NB_SUBTRACT, ouro_number_binary); }
    TARGET(BINARY_MULTIPLY_Q) { ARITH_BODY(OURO_NB_MULTIPLY, ouro_number_binary); }
    TARGET(BINARY_TRUE_DIVIDE_Q) { ARITH_BODY(OURO_NB_TRUE_DIVIDE, ouro_number_binary); }
    TARGET(BINARY_FLOOR_DIVIDE_Q) { ARITH_BODY(OURO_NB_FLOOR_DIVIDE, ouro_number_binary); }
    TARGET(BINARY_REMAINDER_Q) { ARITH_BODY(OURO_NB_REMAINDER, ouro_number_binary); }
    TARGET(BINARY_AND_Q) { ARITH_BODY(OURO_NB_AND, ouro_number_binary); }
    TARGET(INPLACE_ADD_Q) { ARITH_BODY(OURO_NB_ADD, ouro_number_inplace); }
    TARGET(INPLACE_SUBTRACT_Q) { ARITH_BODY(OURO_NB_SUBTRACT, ouro_number_inplace); }
    TARGET(INPLACE_MULTIPLY_Q) { ARITH_BODY(OURO_NB_MULTIPLY, ouro_number_inplace); }

    /* Before quickening: rewrite into an operator-specific opcode when one exists, else
     * take the immediate-int and float paths and fall back on the number protocol. */
#define GENERIC_ARITH(INPLACE, SLOW)                                                       \
    do {                                                                                   \
        unsigned q = quick_arith_op(INPLACE, oparg);                                       \
        if (q) {                                                                           \
            *(uint32_t *)(uintptr_t)(ip - 1) = ouro_instr(q, oparg);                       \
            ip--;                                                                          \
            DISPATCH();                                                                    \
        }                                                                                  \
        OuroObject *b = TOP(), *a = SECOND(), *res;                                        \
        if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b) &&                                  \
            (res = smallint_binary(ouro_smallint_value(a), ouro_smallint_value(b), oparg))) { \
            sp--;                                                                          \
            SET_TOP(res);                                                                  \
            DISPATCH();                                                                    \
        }                                                                                  \
        double r;                                                                          \
        sp--;                                                                              \
        if (float_arith(a, b, oparg, &r)) {                                                \
            res = float_result(vm, fs, a, b, r, *ip, fast);                                \
        } else {                                                                           \
            res = SLOW(vm, a, b, (OuroBinaryOp)oparg);                                     \
            ouro_decref(vm, a);                                                            \
            ouro_decref(vm, b);                                                            \
        }                                                                                  \
        if (!res) {                                                                        \
            sp--;                                                                          \
            goto error;                                                                    \
        }                                                                                  \
        SET_TOP(res);                                                                      \
        DISPATCH();                                                                        \
    } while (0)
    TARGET(BINARY_OP) { GENERIC_ARITH(false, ouro_number_binary); }
    TARGET(INPLACE_OP) { GENERIC_ARITH(true, ouro_number_inplace); }
#undef GENERIC_ARITH
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

/* a OP b for the quickened comparisons: small ints and floats inline. */
#define COMPARE_BODY(OP)                                                                   \
    do {                                                                                   \
        OuroObject *b_ = TOP(), *a_ = SECOND();                                            \
        if (OURO_IS_SMALLINT(a_) && OURO_IS_SMALLINT(b_)) {                                \
            bool r_ = smallint_compare(ouro_smallint_value(a_), ouro_smallint_value(b_), OP); \
            COMPARE_OUTCOME(r_);                                                           \
        }                                                                                  \
        if (exact_float(a_) && exact_float(b_)) {                                          \
            bool r_ = float_compare(ouro_float_value(a_), ouro_float_value(b_), OP);       \
            decref_hot(vm, fs, a_);                                                        \
            decref_hot(vm, fs, b_);                                                        \
            COMPARE_OUTCOME(r_);                                                           \
        }                                                                                  \
        goto compare_generic;                                                              \
    } while (0)

    TARGET(COMPARE_LT_Q) { COMPARE_BODY(OURO_LT); }
    TARGET(COMPARE_LE_Q) { COMPARE_BODY(OURO_LE); }
    TARGET(COMPARE_EQ_Q) { COMPARE_BODY(OURO_EQ); }
    TARGET(COMPARE_NE_Q) { COMPARE_BODY(OURO_NE); }
    TARGET(COMPARE_GT_Q) { COMPARE_BODY(OURO_GT); }
    TARGET(COMPARE_GE_Q) { COMPARE_BODY(OURO_GE); }

    TARGET(COMPARE_OP) {
        if (oparg <= OURO_GE) {
            *(uint32_t *)(uintptr_t)(ip - 1) = ouro_instr(OURO_EXEC_COMPARE_LT_Q + oparg, oparg);
            ip--;
            DISPATCH();
        }
    compare_generic:;
        OuroObject *b = TOP(), *a = SECOND(), *res;
        sp--;
        if (OURO_IS_SMALLINT(a) && OURO_IS_SMALLINT(b)) {
            SET_TOP(ouro_bool_from(smallint_compare(ouro_smallint_value(a),
                                                    ouro_smallint_value(b), oparg)));
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
        if (!OURO_IS_SMALLINT(callable)) {
            OuroObject *func = callable, *self = NULL;
            if (callable->type == &ouro_method_type) {
                func = ((OuroMethod *)callable)->func;
                self = ((OuroMethod *)callable)->self;
            }
            if (is_function(func) && ouro_call_can_inline(func, oparg + (self != NULL))) {
                sp = base + 1;
                OuroFrame *nf = push_frame_fast(vm, fs, f, func, self, base + 1, oparg);
                if (!nf && !(nf = ouro_call_push_frame(vm, f, func, self, base + 1, oparg)))
                    goto error;
                ENTER_INLINED_FRAME(nf);
                DISPATCH();
            }
            OuroObject *init = callable->type == &ouro_type_type
                                   ? inlinable_init((OuroType *)callable, oparg, vm) : NULL;
            if (init) {
                /* C(args) for a plain class: object.__new__, then __init__ runs inline
                 * (type_call's steps). The instance keeps the class alive, so the stack
                 * slot can hold __init__ instead, which the frame borrows from. */
                OuroType *tp = (OuroType *)callable;
                OuroObject *obj = tp->new_(vm, tp, base + 1, oparg, NULL);
                if (!obj) goto error;
                ouro_incref(init);
                base[0] = init;
                ouro_decref(vm, callable);
                sp = base + 1;
                OuroFrame *nf = ouro_call_push_frame(vm, f, init, obj, base + 1, oparg);
                if (!nf) {
                    ouro_decref(vm, obj);
                    goto error;
                }
                nf->init_self = obj;
                ENTER_INLINED_FRAME(nf);
                DISPATCH();
            }
        }
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
        if (f->inlined) {
            while (sp > stack_base) ouro_xdecref(vm, POP());   /* a return through finally */
            OuroObject *init_self = f->init_self;
            f->init_self = NULL;
            POP_INLINED_FRAME();
            ouro_decref(vm, POP());                            /* the callable */
            if (init_self) {
                if (retval != ouro_none) {
                    ouro_err_format(vm, &ouro_exc_TypeError,
                                    "__init__() should return None, not '%s'",
                                    ouro_type_name(ouro_type_of(retval)));
                    ouro_decref(vm, retval);
                    ouro_decref(vm, init_self);
                    retval = NULL;
                    goto error;
                }
                ouro_decref(vm, retval);
                retval = init_self;
            }
            PUSH(retval);
            retval = NULL;
            DISPATCH();
        }
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
    if (f->inlined) {
        /* The exception propagates into the caller, at its call instruction. */
        OuroObject *init_self = f->init_self;
        f->init_self = NULL;
        POP_INLINED_FRAME();
        ouro_xdecref(vm, init_self);
        goto error;
    }

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
