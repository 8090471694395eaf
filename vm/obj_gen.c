/* vm/obj_gen.c — generators: a generator object carries its own frame (allocated inside
 * the object) and its own "exception being handled" state, and resumes the frame with the
 * eval loop. send/throw/close, `yield from` delegation (CPython 3.10's _gen_throw and
 * gen_close), StopIteration -> RuntimeError (PEP 479), and the PEP 442 finalizer that
 * closes a generator dropped while suspended. */
#define OURO_EXEC_INTERNAL
#include "vm/frame.h"
#include "vm/obj_iter.h"

#include <string.h>

typedef struct OuroGen {
    OuroObject ob;
    OuroObject *name, *qualname;      /* str, from the function */
    OuroObject *code, *globals, *builtins;  /* owned; the frame borrows them */
    OuroExcState exc_state;
    bool running;
    OuroWeakRef *weaklist;            /* weak references to it (gc/weakref.h) */
    OuroFrame *frame;                 /* points into this allocation, after the struct */
} OuroGen;

#define GEN(o) ((OuroGen *)(o))

static size_t gen_header_size(void) { return (sizeof(OuroGen) + 15u) & ~(size_t)15u; }

OuroObject *ouro_gen_new(OuroVM *vm, OuroFunction *fn, OuroFrame **frame_out) {
    OuroCode *co = (OuroCode *)fn->code;
    size_t size = gen_header_size() + ouro_frame_size(co);
    OuroGen *g = (OuroGen *)ouro_gc_alloc(ouro_heap(vm), &ouro_generator_type, size);
    if (!g) return ouro_err_no_memory(vm);
    g->name = ouro_newref(fn->name);
    g->qualname = ouro_newref(fn->qualname);
    g->code = ouro_newref(fn->code);
    g->globals = ouro_newref(fn->globals);
    g->builtins = fn->builtins ? ouro_newref(fn->builtins) : NULL;
    g->frame = (OuroFrame *)(void *)((char *)g + gen_header_size());
    ouro_frame_init(g->frame, co, g->globals, g->builtins, NULL);
    g->frame->owns_refs = true;
    g->frame->is_gen = true;
    ouro_gc_track(ouro_heap(vm), (OuroObject *)g);
    *frame_out = g->frame;
    return (OuroObject *)g;
}

static void gen_release_frame(OuroVM *vm, OuroGen *g) {
    ouro_frame_clear_locals(vm, g->frame);
    g->frame->state = OURO_FRAME_COMPLETED;
    ouro_clear(vm, &g->exc_state.handled);
}

/* PEP 479: a StopIteration escaping the body becomes RuntimeError, chained to it. */
static void convert_stop_iteration(OuroVM *vm) {
    if (!ouro_err_matches(vm, &ouro_exc_StopIteration)) return;
    OuroObject *stop = ouro_err_fetch(vm);
    ouro_err_set_str(vm, &ouro_exc_RuntimeError, "generator raised StopIteration");
    if (vm->exc && ouro_exception_check(vm->exc)) {
        ouro_exception_set_context(vm, vm->exc, ouro_newref(stop));
        ouro_exception_set_cause(vm, vm->exc, stop);
    } else {
        ouro_decref(vm, stop);
    }
}

/* Resumes g. exc: vm->exc is set and is thrown in at the suspension point. Returns the
 * yielded value; or NULL with *result set (returned) or with an exception set. */
static OuroObject *gen_send_ex(OuroVM *vm, OuroGen *g, OuroObject *arg, bool exc,
                               OuroObject **result) {
    OuroFrame *f = g->frame;
    *result = NULL;
    if (g->running) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "generator already executing");
        return NULL;
    }
    if (f->state == OURO_FRAME_COMPLETED) {
        if (!exc) *result = ouro_newref(ouro_none);
        return NULL;
    }
    if (f->state == OURO_FRAME_CREATED && !exc && arg && arg != ouro_none) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "can't send non-None value to a just-started generator");
        return NULL;
    }
    bool pushed = false;
    if (f->state == OURO_FRAME_SUSPENDED && !exc) {
        *f->sp++ = ouro_newref(arg ? arg : ouro_none);
        pushed = true;
    }
    g->running = true;
    ouro_exc_state_push(vm, &g->exc_state);
    OuroObject *r = ouro_eval_frame(vm, f, exc);
    ouro_exc_state_pop(vm, &g->exc_state);
    g->running = false;
    if (f->state == OURO_FRAME_SUSPENDED || f->state == OURO_FRAME_CREATED) {
        if (!r && pushed) ouro_decref(vm, *--f->sp);   /* refused at entry (recursion) */
        return r;
    }
    gen_release_frame(vm, g);
    if (r) {
        *result = r;
        return NULL;
    }
    convert_stop_iteration(vm);
    return NULL;
}

OuroObject *ouro_gen_send(OuroVM *vm, OuroObject *gen, OuroObject *value, OuroObject **result) {
    return gen_send_ex(vm, GEN(gen), value, false, result);
}

/* The iterator a suspended `yield from` delegates to (borrowed), or NULL. */
static OuroObject *gen_yf(OuroGen *g) {
    OuroFrame *f = g->frame;
    if (f->state != OURO_FRAME_SUSPENDED || f->sp <= f->stack) return NULL;
    OuroCode *co = f->code;
    if (f->next_instr >= co->ncode) return NULL;
    return (co->code[f->next_instr] & 0xffu) == (uint32_t)OURO_EXEC_YIELD_FROM ? f->sp[-1]
                                                                                   : NULL;
}

/* Raises StopIteration carrying value (a tuple or exception value is wrapped, not spread). */
static void raise_stop_iteration(OuroVM *vm, OuroObject *value) {
    OuroObject *exc = value == ouro_none
                          ? ouro_object_call(vm, (OuroObject *)&ouro_exc_StopIteration, NULL, 0, NULL)
                          : ouro_object_call1(vm, (OuroObject *)&ouro_exc_StopIteration, value);
    if (exc) ouro_err_raise(vm, exc);
}

/* send()/__next__: StopIteration(value) when the generator returns. */
static OuroObject *gen_send_method_impl(OuroVM *vm, OuroGen *g, OuroObject *arg) {
    OuroObject *result;
    OuroObject *r = gen_send_ex(vm, g, arg, false, &result);
    if (r || !result) return r;
    raise_stop_iteration(vm, result);
    ouro_decref(vm, result);
    return NULL;
}

static OuroObject *gen_close_impl(OuroVM *vm, OuroGen *g);

/* Closes a delegated-to iterator: 0, or -1 with the error its close() raised. */
static int gen_close_iter(OuroVM *vm, OuroObject *yf) {
    OuroObject *r;
    if (ouro_type_of(yf) == &ouro_generator_type) {
        r = gen_close_impl(vm, GEN(yf));
    } else {
        OuroObject *meth = ouro_object_lookup_attr(vm, yf, OURO_ID(vm, close));
        if (!meth) {
            if (ouro_err_occurred(vm)) ouro_err_write_unraisable(vm, yf);
            return 0;
        }
        r = ouro_object_call0(vm, meth);
        ouro_decref(vm, meth);
    }
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

/* The gen finished its `yield from` with the delegate's StopIteration (or error): drop the
 * delegate from the frame and resume after YIELD_FROM with the value, or throw the error. */
/* Throws vm->exc into g; a normal return becomes StopIteration(value). */
static OuroObject *gen_throw_current(OuroVM *vm, OuroGen *g) {
    OuroObject *result;
    OuroObject *r = gen_send_ex(vm, g, NULL, true, &result);
    if (!r && result) {
        raise_stop_iteration(vm, result);
        ouro_decref(vm, result);
    }
    return r;
}

static OuroObject *gen_finish_yield_from(OuroVM *vm, OuroGen *g) {
    OuroFrame *f = g->frame;
    if (vm->exc && !ouro_err_matches(vm, &ouro_exc_StopIteration)) return gen_throw_current(vm, g);
    OuroObject *stop = ouro_err_fetch(vm);
    OuroObject *val = ouro_stop_iteration_value(vm, stop);
    ouro_xdecref(vm, stop);
    ouro_decref(vm, *--f->sp);
    f->next_instr++;
    OuroObject *r = gen_send_method_impl(vm, g, val);
    ouro_decref(vm, val);
    return r;
}

/* Builds the exception instance throw(typ, val, tb) raises (CPython's _gen_throw checks). */
static OuroObject *make_thrown(OuroVM *vm, OuroObject *typ, OuroObject *val, OuroObject *tb) {
    if (tb == ouro_none) tb = NULL;
    if (tb && ouro_type_of(tb) != &ouro_traceback_type) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "throw() third argument must be a traceback object");
        return NULL;
    }
    OuroObject *exc;
    if (ouro_exception_class_check(typ)) {
        if (!val || val == ouro_none)
            exc = ouro_object_call(vm, typ, NULL, 0, NULL);
        else if (ouro_object_is_instance_of_type(val, (OuroType *)typ))
            exc = ouro_newref(val);
        else if (ouro_tuple_check(val))
            exc = ouro_object_call(vm, typ, ouro_tuple_items(val), ouro_tuple_size(val), NULL);
        else
            exc = ouro_object_call1(vm, typ, val);
        if (!exc) return NULL;
        if (!ouro_exception_check(exc)) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "calling %R should have returned an instance of BaseException, not %s",
                            typ, ouro_type_name(ouro_type_of(exc)));
            ouro_decref(vm, exc);
            return NULL;
        }
    } else if (ouro_exception_check(typ)) {
        if (val && val != ouro_none) {
            ouro_err_set_str(vm, &ouro_exc_TypeError,
                             "instance exception may not have a separate value");
            return NULL;
        }
        exc = ouro_newref(typ);
    } else {
        ouro_err_format(vm, &ouro_exc_TypeError,
                        "exceptions must be classes or instances deriving from BaseException, not %s",
                        ouro_type_name(ouro_type_of(typ)));
        return NULL;
    }
    if (tb) ouro_exception_set_traceback(vm, exc, ouro_newref(tb));
    return exc;
}

static OuroObject *gen_throw_impl(OuroVM *vm, OuroGen *g, OuroObject *typ, OuroObject *val,
                                  OuroObject *tb) {
    OuroObject *yf = gen_yf(g);
    if (yf) {
        ouro_incref(yf);
        OuroObject *ret;
        bool is_exit = typ == (OuroObject *)&ouro_exc_GeneratorExit ||
                       (ouro_exception_class_check(typ) &&
                        ouro_type_is_subtype((OuroType *)typ, &ouro_exc_GeneratorExit)) ||
                       (ouro_exception_check(typ) &&
                        ouro_object_is_instance_of_type(typ, &ouro_exc_GeneratorExit));
        if (is_exit) {
            g->running = true;
            int err = gen_close_iter(vm, yf);
            g->running = false;
            ouro_decref(vm, yf);
            if (err < 0) return gen_throw_current(vm, g);
            goto throw_here;
        }
        if (ouro_type_of(yf) == &ouro_generator_type) {
            g->running = true;
            ret = gen_throw_impl(vm, GEN(yf), typ, val, tb);
            g->running = false;
        } else {
            OuroObject *meth = ouro_object_lookup_attr(vm, yf, OURO_ID(vm, throw));
            if (!meth) {
                ouro_decref(vm, yf);
                if (ouro_err_occurred(vm)) return NULL;
                goto throw_here;
            }
            OuroObject *args[3] = {typ, val ? val : ouro_none, tb ? tb : ouro_none};
            g->running = true;
            ret = ouro_object_call(vm, meth, args, tb ? 3 : val ? 2 : 1, NULL);
            g->running = false;
            ouro_decref(vm, meth);
        }
        ouro_decref(vm, yf);
        if (ret) return ret;
        return gen_finish_yield_from(vm, g);
    }
throw_here:;
    OuroObject *exc = make_thrown(vm, typ, val, tb);
    if (!exc) return NULL;
    ouro_err_restore(vm, exc);
    return gen_throw_current(vm, g);
}

static OuroObject *gen_close_impl(OuroVM *vm, OuroGen *g) {
    OuroFrame *f = g->frame;
    if (f->state == OURO_FRAME_CREATED) {
        gen_release_frame(vm, g);
        return ouro_newref(ouro_none);
    }
    if (f->state == OURO_FRAME_COMPLETED) return ouro_newref(ouro_none);
    OuroObject *yf = gen_yf(g), *result;
    int err = 0;
    if (yf) {
        ouro_incref(yf);
        g->running = true;
        err = gen_close_iter(vm, yf);
        g->running = false;
        ouro_decref(vm, yf);
    }
    if (err == 0) ouro_err_set_none(vm, &ouro_exc_GeneratorExit);
    OuroObject *r = gen_send_ex(vm, g, NULL, true, &result);
    if (r) {
        ouro_decref(vm, r);
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "generator ignored GeneratorExit");
        return NULL;
    }
    if (result) {
        ouro_decref(vm, result);
        return ouro_newref(ouro_none);
    }
    if (ouro_err_matches(vm, &ouro_exc_StopIteration) ||
        ouro_err_matches(vm, &ouro_exc_GeneratorExit)) {
        ouro_err_clear(vm);
        return ouro_newref(ouro_none);
    }
    return NULL;
}

/* ---- methods ---------------------------------------------------------------------------- */

static OuroObject *gen_send(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                            OuroObject *kwnames) {
    if (ouro_args_check(vm, "send", nargs, kwnames, 1, 1) < 0) return NULL;
    return gen_send_method_impl(vm, GEN(self), args[0]);
}

static OuroObject *gen_next_method(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "__next__", nargs, kwnames, 0, 0) < 0) return NULL;
    return gen_send_method_impl(vm, GEN(self), ouro_none);
}

static OuroObject *gen_throw(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "throw", nargs, kwnames, 1, 3) < 0) return NULL;
    return gen_throw_impl(vm, GEN(self), args[0], nargs > 1 ? args[1] : NULL,
                          nargs > 2 ? args[2] : NULL);
}

static OuroObject *gen_close(OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs,
                             OuroObject *kwnames) {
    if (ouro_args_check(vm, "close", nargs, kwnames, 0, 0) < 0) return NULL;
    return gen_close_impl(vm, GEN(self));
}

static const OuroMethodDef gen_methods[] = {
    {"send", gen_send, 0,
     "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", gen_throw, 0,
     "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next "
     "yielded value or raise\nStopIteration."},
    {"close", gen_close, 0, "close() -> raise GeneratorExit inside generator."},
    {"__next__", gen_next_method, 0, "Implement next(self)."},
    {NULL, NULL, 0, NULL},
};

static OuroObject *gen_iternext(OuroVM *vm, OuroObject *self) {
    OuroObject *result;
    OuroObject *r = gen_send_ex(vm, GEN(self), ouro_none, false, &result);
    ouro_xdecref(vm, result);
    return r;
}

static OuroObject *gen_repr(OuroVM *vm, OuroObject *self) {
    return ouro_str_from_format(vm, "<generator object %U at %p>", GEN(self)->qualname,
                                (void *)self);
}

static OuroObject *get_name(OuroVM *vm, OuroObject *s) { return ouro_newref(GEN(s)->name); }
static OuroObject *get_qualname(OuroVM *vm, OuroObject *s) { return ouro_newref(GEN(s)->qualname); }
static OuroObject *get_code(OuroVM *vm, OuroObject *s) { return ouro_newref(GEN(s)->code); }
static OuroObject *get_running(OuroVM *vm, OuroObject *s) { return ouro_bool_from(GEN(s)->running); }
static OuroObject *get_suspended(OuroVM *vm, OuroObject *s) {
    return ouro_bool_from(GEN(s)->frame->state == OURO_FRAME_SUSPENDED);
}
/* There are no frame objects: gi_frame is None once finished, else the code (not None). */
static OuroObject *get_frame(OuroVM *vm, OuroObject *s) {
    if (GEN(s)->frame->state == OURO_FRAME_COMPLETED) return ouro_newref(ouro_none);
    return ouro_newref(GEN(s)->code);
}
static OuroObject *get_yieldfrom(OuroVM *vm, OuroObject *s) {
    OuroObject *yf = gen_yf(GEN(s));
    return ouro_newref(yf ? yf : ouro_none);
}

static const OuroGetSetDef gen_getsets[] = {
    {"__name__", get_name, NULL, NULL},
    {"__qualname__", get_qualname, NULL, NULL},
    {"gi_code", get_code, NULL, NULL},
    {"gi_running", get_running, NULL, NULL},
    {"gi_suspended", get_suspended, NULL, NULL},
    {"gi_frame", get_frame, NULL, NULL},
    {"gi_yieldfrom", get_yieldfrom, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* ---- lifetime ----------------------------------------------------------------------------- */

static int gen_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroGen *g = GEN(self);
    OuroObject *fields[] = {g->name, g->qualname, g->code, g->globals, g->builtins,
                            g->exc_state.handled};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i]) {
            int r = visit(fields[i], arg);
            if (r) return r;
        }
    }
    return g->frame->state == OURO_FRAME_COMPLETED ? 0 : ouro_frame_traverse(g->frame, visit, arg);
}

static void gen_clear(OuroHeap *heap, OuroObject *self) {
    OuroGen *g = GEN(self);
    if (g->running) return;
    gen_release_frame(ouro_vm_of_heap(heap), g);
}

/* PEP 442 finalizer: a generator dropped while suspended is closed, so its finally blocks
 * and context managers run (CPython's _PyGen_Finalize). Never raises. */
static void gen_finalize(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroGen *g = GEN(self);
    if (g->frame->state != OURO_FRAME_SUSPENDED || g->running) return;
    OuroObject *saved = ouro_err_fetch(vm);
    OuroObject *r = gen_close_impl(vm, g);
    if (r)
        ouro_decref(vm, r);
    else
        ouro_err_write_unraisable(vm, self);
    ouro_err_restore(vm, saved);
}

/* As CPython's gen_dealloc, weak references are cleared (callbacks run) before the
 * finalizer closes a suspended generator. */
static void gen_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    OuroGen *g = GEN(self);
    if (g->weaklist) {
        ouro_gc_untrack(heap, self);
        ouro_gc_clear_weakrefs(heap, self);
    }
    if (g->frame->state == OURO_FRAME_SUSPENDED &&
        !(ouro_gc_head(self)->flags & OURO_GCF_FINALIZED)) {
        /* Resurrect for the finalizer, as PyObject_CallFinalizerFromDealloc does. */
        ouro_gc_head(self)->flags |= OURO_GCF_FINALIZED;
        self->refcnt = 1;
        ouro_gc_track(heap, self);
        gen_finalize(heap, self);
        if (--self->refcnt > 0) return;   /* resurrected by the finalizer */
    }
    ouro_gc_untrack(heap, self);
    gen_release_frame(vm, g);
    OuroObject *fields[] = {g->name, g->qualname, g->code, g->globals, g->builtins};
    ouro_gc_free(heap, self);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i]) ouro_gc_decref(heap, fields[i]);
}

OuroType ouro_generator_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = gen_traverse, .clear = gen_clear, .finalize = gen_finalize,
              .dealloc = gen_dealloc, .gc_flags = OURO_GC_CONTAINER,
              .weaklist_offset = offsetof(OuroGen, weaklist)},
    .name = "generator",
    .basicsize = sizeof(OuroGen),
    .repr = gen_repr,
    .iter = ouro_iter_self,
    .iternext = gen_iternext,
    .methods = gen_methods,
    .getsets = gen_getsets,
};
