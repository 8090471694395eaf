/* vm/frame.c — frames and the per-VM frame stack: frames are bump-allocated from big
 * chunks (no malloc per call), popped in LIFO order; plus the introspection of the
 * innermost frame (globals(), locals(), zero-argument super(), sys.exc_info()).
 * The eval loop itself lives in vm/eval.c; argument binding in vm/call.c. */
#define OURO_EXEC_INTERNAL
#include "vm/eval_ops.h"

#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE ((size_t)256 * 1024)


void ouro_frame_init(OuroFrame *f, OuroCode *code, OuroObject *globals, OuroObject *builtins,
                     OuroObject *locals) {
    size_t nlp = ouro_code_nlocalsplus(code);
    f->back = NULL;
    f->code = code;
    f->globals = globals;
    f->builtins = builtins;
    f->locals = locals;
    f->stack = f->localsplus + nlp;
    f->sp = f->stack;
    f->blocks = (OuroBlock *)(void *)(f->stack + code->stacksize);
    f->iblock = 0;
    f->state = OURO_FRAME_CREATED;
    f->next_instr = 0;
    f->lasti = 0;
    f->owns_refs = false;
    f->is_gen = false;
    f->inlined = false;
    f->init_self = NULL;
    f->chunk = NULL;
    memset(f->localsplus, 0, nlp * sizeof(OuroObject *));
}

static OuroFrameChunk *chunk_new(OuroFrameChunk *prev, size_t need) {
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    OuroFrameChunk *c = malloc(sizeof(OuroFrameChunk) + size);
    if (!c) return NULL;
    c->prev = prev;
    c->next = NULL;
    c->top = c->data;
    c->end = c->data + size;
    if (prev) prev->next = c;
    return c;
}

OuroFrame *ouro_frame_push(OuroVM *vm, OuroCode *code, OuroObject *globals,
                           OuroObject *builtins, OuroObject *locals) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    size_t size = ouro_frame_size(code);
    OuroFrameChunk *c = fs->current;
    if ((size_t)(c->end - c->top) < size) {
        /* Move on to the next chunk; unused chunks too small for this frame are dropped. */
        OuroFrameChunk *n = c->next;
        if (n && (size_t)(n->end - n->data) < size) {
            while (n) {
                OuroFrameChunk *after = n->next;
                free(n);
                n = after;
            }
            c->next = NULL;
        }
        if (!n && !(n = chunk_new(c, size))) {
            ouro_err_no_memory(vm);
            return NULL;
        }
        n->top = n->data;
        fs->current = c = n;
    }
    OuroFrame *f = (OuroFrame *)(void *)c->top;
    c->top += size;
    ouro_frame_init(f, code, globals, builtins, locals);
    f->chunk = c;
    return f;
}

void ouro_frame_clear_locals(OuroVM *vm, OuroFrame *f) {
    size_t nlp = ouro_code_nlocalsplus(f->code);
    for (size_t i = 0; i < nlp; i++) ouro_clear(vm, &f->localsplus[i]);
    if (f->state == OURO_FRAME_SUSPENDED) {
        while (f->sp > f->stack) {
            OuroObject *v = *--f->sp;
            ouro_xdecref(vm, v);
        }
    }
    f->sp = f->stack;
    f->iblock = 0;
}

void ouro_frame_pop(OuroVM *vm, OuroFrame *f) {
    if (f->state == OURO_FRAME_SUSPENDED) {
        ouro_frame_clear_locals(vm, f);
    } else {
        /* The common case, kept lean: only the locals hold references (the stack was
         * emptied by the loop), and nothing can reach this frame any more. */
        size_t nlp = ouro_code_nlocalsplus(f->code);
        OuroObject **fast = f->localsplus;
        for (size_t i = 0; i < nlp; i++) {
            OuroObject *v = fast[i];
            if (v) {
                fast[i] = NULL;
                ouro_decref(vm, v);
            }
        }
        f->iblock = 0;
    }
    OuroFrameChunk *c = f->chunk;
    c->top = (char *)f;
    ouro_frame_stack(vm)->current = c;
}

int ouro_frame_traverse(OuroFrame *f, OuroVisitFn visit, void *arg) {
    size_t nlp = ouro_code_nlocalsplus(f->code);
    for (size_t i = 0; i < nlp; i++) {
        if (f->localsplus[i]) {
            int r = visit(f->localsplus[i], arg);
            if (r) return r;
        }
    }
    /* Only a suspended frame's stack pointer is current; a running one is reachable anyway. */
    if (f->state == OURO_FRAME_SUSPENDED) {
        for (OuroObject **p = f->stack; p < f->sp; p++) {
            if (*p) {
                int r = visit(*p, arg);
                if (r) return r;
            }
        }
    }
    return 0;
}

/* ---- per-VM state ------------------------------------------------------------------------ */

int ouro_frame_vm_init(OuroVM *vm) {
    OuroFrameStack *fs = calloc(1, sizeof *fs);
    if (!fs) return -1;
    fs->current = chunk_new(NULL, CHUNK_SIZE);
    if (!fs->current) {
        free(fs);
        return -1;
    }
    fs->exc_info = &fs->base_exc;
    vm->frame_stack = fs;
    return 0;
}

void ouro_frame_vm_fini(OuroVM *vm) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    if (!fs) return;
    ouro_clear(vm, &fs->base_exc.handled);
    ouro_ic_free_all(fs);
    OuroHeap *heap = ouro_heap(vm);
    while (fs->float_stash_len > 0) {
        /* Stashed floats left the live count when they died: back in to be freed. */
        heap->live_objects++;
        heap->live_bytes += sizeof(OuroFloat);
        ouro_gc_free(heap, fs->float_stash[--fs->float_stash_len]);
    }
    OuroFrameChunk *c = fs->current;
    while (c && c->prev) c = c->prev;
    while (c) {
        OuroFrameChunk *n = c->next;
        free(c);
        c = n;
    }
    free(fs);
    vm->frame_stack = NULL;
}

/* ---- introspection of the innermost frame ------------------------------------------------ */

OuroObject *ouro_eval_globals(OuroVM *vm) { return vm->frame ? vm->frame->globals : NULL; }

OuroObject *ouro_eval_builtins(OuroVM *vm) {
    return vm->frame ? vm->frame->builtins : vm->builtins;
}

static OuroObject *cell_contents(OuroObject *cell) {
    return (!OURO_IS_SMALLINT(cell) && cell->type == &ouro_cell_type) ? ((OuroCell *)cell)->ref
                                                                        : NULL;
}

OuroObject *ouro_eval_locals(OuroVM *vm) {
    OuroFrame *f = vm->frame;
    if (!f) return ouro_err_format(vm, &ouro_exc_SystemError, "locals(): no current frame");
    if (f->locals) return ouro_newref(f->locals);
    OuroObject *d = ouro_dict_new(vm);
    if (!d) return NULL;
    OuroCode *co = f->code;
    for (int i = 0; i < co->nlocals; i++) {
        OuroObject *v = f->localsplus[i];
        if (v && ouro_dict_set(vm, d, ouro_tuple_get(co->varnames, (size_t)i), v) < 0) goto fail;
    }
    for (int i = 0; i < co->ncellvars + co->nfreevars; i++) {
        OuroObject *cell = f->localsplus[co->nlocals + i];
        OuroObject *v = cell ? cell_contents(cell) : NULL;
        OuroObject *name = i < co->ncellvars ? ouro_tuple_get(co->cellvars, (size_t)i)
                                             : ouro_tuple_get(co->freevars, (size_t)(i - co->ncellvars));
        if (v && ouro_dict_set(vm, d, name, v) < 0) goto fail;
    }
    return d;
fail:
    ouro_decref(vm, d);
    return NULL;
}

int ouro_eval_super_args(OuroVM *vm, OuroType **type, OuroObject **self) {
    OuroFrame *f = vm->frame;
    if (!f) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): no current frame");
        return -1;
    }
    OuroCode *co = f->code;
    if (co->argcount == 0) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): no arguments");
        return -1;
    }
    OuroObject *first = f->localsplus[0];
    if (!first && co->cell2arg) {
        /* The first argument lives in a cell when a nested scope captured it. */
        for (int i = 0; i < co->ncellvars; i++) {
            if (co->cell2arg[i] == 0) {
                OuroObject *cell = f->localsplus[co->nlocals + i];
                first = cell ? cell_contents(cell) : NULL;
                break;
            }
        }
    }
    if (!first) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): arg[0] deleted");
        return -1;
    }
    for (int i = 0; i < co->nfreevars; i++) {
        if (!ouro_str_equal_cstr(ouro_tuple_get(co->freevars, (size_t)i), "__class__")) continue;
        OuroObject *cell = f->localsplus[co->nlocals + co->ncellvars + i];
        if (!cell || OURO_IS_SMALLINT(cell) || cell->type != &ouro_cell_type) {
            ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): bad __class__ cell");
            return -1;
        }
        OuroObject *cls = ((OuroCell *)cell)->ref;
        if (!cls) {
            ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): empty __class__ cell");
            return -1;
        }
        if (!ouro_type_has_flag(ouro_type_of(cls), OURO_TPFLAG_TYPE_SUBCLASS)) {
            ouro_err_format(vm, &ouro_exc_RuntimeError, "super(): __class__ is not a type (%s)",
                            ouro_type_name(ouro_type_of(cls)));
            return -1;
        }
        *type = (OuroType *)cls;
        *self = first;
        return 0;
    }
    ouro_err_set_str(vm, &ouro_exc_RuntimeError, "super(): __class__ cell not found");
    return -1;
}

OuroObject *ouro_eval_handled_exception(OuroVM *vm) {
    OuroFrameStack *fs = ouro_frame_stack(vm);
    if (!fs) return NULL;
    for (OuroExcState *s = fs->exc_info; s; s = s->previous)
        if (s->handled && s->handled != ouro_none) return s->handled;
    return NULL;
}

size_t ouro_eval_frame_lines(OuroVM *vm, OuroFrameLine *out, size_t max, size_t *total,
                             size_t total_cap) {
    size_t n = 0, depth = 0;
    for (OuroFrame *f = vm->frame; f && depth < total_cap; f = f->back, depth++) {
        if (n == max) continue;
        out[n].filename = f->code->filename;
        out[n].lineno = ouro_code_line(f->code, f->lasti);
        n++;
    }
    *total = depth;
    return n;
}
