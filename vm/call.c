/* vm/call.c — calling Python code: binding arguments to parameters with CPython's exact
 * TypeError messages (3.11's initialize_locals), the no-allocation fast path for exact
 * positional calls, module code (ouro_eval_code) and class bodies. Frames come from
 * vm/frame.c; the loop that runs them is vm/eval.c. */
#define OURO_EXEC_INTERNAL
#include "vm/frame.h"

#include <stdio.h>
#include <string.h>

/* ---- error messages ------------------------------------------------------------------- */

OuroObject *ouro_function_str(OuroVM *vm, OuroObject *func) {
    OuroObject *qualname = ouro_object_lookup_attr(vm, func, OURO_ID(vm, __qualname__));
    if (!qualname || !ouro_str_check(qualname)) {
        ouro_xdecref(vm, qualname);
        ouro_err_clear(vm);
        return ouro_object_str(vm, func);
    }
    OuroObject *module = ouro_object_lookup_attr(vm, func, OURO_ID(vm, __module__));
    OuroObject *r;
    if (module && ouro_str_check(module) && !ouro_str_equal_cstr(module, "builtins"))
        r = ouro_str_from_format(vm, "%U.%U()", module, qualname);
    else
        r = ouro_str_from_format(vm, "%U()", qualname);
    ouro_err_clear(vm);
    ouro_xdecref(vm, module);
    ouro_decref(vm, qualname);
    return r;
}

static void too_many_positional(OuroVM *vm, OuroFunction *fn, size_t given, OuroObject **fast) {
    OuroCode *co = (OuroCode *)fn->code;
    size_t kwonly_given = 0;
    for (int i = co->argcount; i < co->argcount + co->kwonlyargcount; i++)
        if (fast[i]) kwonly_given++;
    size_t defcount = fn->defaults ? ouro_tuple_size(fn->defaults) : 0;
    char sig[64], kwsig[96];
    bool plural;
    if (defcount) {
        snprintf(sig, sizeof sig, "from %zu to %d", (size_t)co->argcount - defcount, co->argcount);
        plural = true;
    } else {
        snprintf(sig, sizeof sig, "%d", co->argcount);
        plural = co->argcount != 1;
    }
    kwsig[0] = 0;
    if (kwonly_given)
        snprintf(kwsig, sizeof kwsig, " positional argument%s (and %zu keyword-only argument%s)",
                 given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : "");
    ouro_err_format(vm, &ouro_exc_TypeError, "%U() takes %s positional argument%s but %zu%s %s given",
                    fn->qualname, sig, plural ? "s" : "", given, kwsig,
                    given == 1 && !kwonly_given ? "was" : "were");
}

/* "f() missing 2 required positional arguments: 'a' and 'b'" over fast[start, end). */
static void missing_arguments(OuroVM *vm, OuroFunction *fn, OuroObject **fast, int start,
                              int end, const char *kind) {
    OuroCode *co = (OuroCode *)fn->code;
    int missing[64], n = 0, total = 0;
    for (int i = start; i < end; i++) {
        if (fast[i]) continue;
        if (n < 64) missing[n++] = i;
        total++;
    }
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    for (int k = 0; k < n; k++) {
        if (k > 0) ouro_strbuf_append_cstr(&b, n == 2 ? " and " : (k == n - 1 ? ", and " : ", "));
        ouro_strbuf_append_repr(vm, &b, ouro_tuple_get(co->varnames, (size_t)missing[k]));
    }
    OuroObject *names = ouro_strbuf_finish(vm, &b);
    if (!names) return;
    ouro_err_format(vm, &ouro_exc_TypeError, "%U() missing %d required %s argument%s: %U",
                    fn->qualname, total, kind, total == 1 ? "" : "s", names);
    ouro_decref(vm, names);
}

static void posonly_as_keyword(OuroVM *vm, OuroFunction *fn, OuroObject *kwnames) {
    OuroCode *co = (OuroCode *)fn->code;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    bool first = true;
    for (int i = 0; i < co->posonlyargcount; i++) {
        OuroObject *name = ouro_tuple_get(co->varnames, (size_t)i);
        for (size_t k = 0; k < ouro_tuple_size(kwnames); k++) {
            OuroObject *kw = ouro_tuple_get(kwnames, k);
            if (kw == name || (ouro_str_check(kw) && ouro_str_equal(kw, name))) {
                if (!first) ouro_strbuf_append_cstr(&b, ", ");
                ouro_strbuf_append_str(vm, &b, name);
                first = false;
                break;
            }
        }
    }
    OuroObject *names = ouro_strbuf_finish(vm, &b);
    if (!names) return;
    ouro_err_format(vm, &ouro_exc_TypeError,
                    "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                    fn->qualname, names);
    ouro_decref(vm, names);
}

/* ---- binding -------------------------------------------------------------------------- */

/* Index of keyword name among the parameters that accept keywords, or -1. */
static int find_keyword(OuroCode *co, OuroObject *name) {
    int total = co->argcount + co->kwonlyargcount;
    OuroObject **names = ouro_tuple_items(co->varnames);
    for (int j = co->posonlyargcount; j < total; j++)
        if (names[j] == name) return j;
    for (int j = co->posonlyargcount; j < total; j++)
        if (ouro_str_equal(names[j], name)) return j;
    return -1;
}

static bool is_posonly_name(OuroCode *co, OuroObject *name) {
    for (int j = 0; j < co->posonlyargcount; j++)
        if (ouro_str_equal(ouro_tuple_get(co->varnames, (size_t)j), name)) return true;
    return false;
}

static int bind_keywords(OuroVM *vm, OuroFunction *fn, OuroObject **fast, OuroObject *const *kwvalues,
                         OuroObject *kwnames, OuroObject *kwdict) {
    OuroCode *co = (OuroCode *)fn->code;
    size_t nkw = ouro_tuple_size(kwnames);
    for (size_t k = 0; k < nkw; k++) {
        OuroObject *name = ouro_tuple_get(kwnames, k), *value = kwvalues[k];
        if (!ouro_str_check(name)) {
            ouro_err_format(vm, &ouro_exc_TypeError, "%U() keywords must be strings", fn->qualname);
            return -1;
        }
        int j = find_keyword(co, name);
        if (j < 0) {
            if (kwdict) {
                if (ouro_dict_set(vm, kwdict, name, value) < 0) return -1;
                continue;
            }
            if (is_posonly_name(co, name))
                posonly_as_keyword(vm, fn, kwnames);
            else
                ouro_err_format(vm, &ouro_exc_TypeError,
                                "%U() got an unexpected keyword argument '%U'", fn->qualname, name);
            return -1;
        }
        if (fast[j]) {
            ouro_err_format(vm, &ouro_exc_TypeError, "%U() got multiple values for argument '%U'",
                            fn->qualname, name);
            return -1;
        }
        fast[j] = ouro_newref(value);
    }
    return 0;
}

static int fill_defaults(OuroVM *vm, OuroFunction *fn, OuroObject **fast, size_t nargs) {
    OuroCode *co = (OuroCode *)fn->code;
    if (nargs < (size_t)co->argcount) {
        size_t defcount = fn->defaults ? ouro_tuple_size(fn->defaults) : 0;
        int m = co->argcount - (int)defcount;
        for (int i = (int)nargs; i < m; i++) {
            if (!fast[i]) {
                missing_arguments(vm, fn, fast, 0, m, "positional");
                return -1;
            }
        }
        for (int i = m < (int)nargs ? (int)nargs : m; i < co->argcount; i++)
            if (!fast[i]) fast[i] = ouro_newref(ouro_tuple_get(fn->defaults, (size_t)(i - m)));
    }
    if (co->kwonlyargcount > 0) {
        int start = co->argcount, end = co->argcount + co->kwonlyargcount;
        bool missing = false;
        for (int i = start; i < end; i++) {
            if (fast[i]) continue;
            OuroObject *name = ouro_tuple_get(co->varnames, (size_t)i);
            OuroObject *def = fn->kwdefaults ? ouro_dict_get_str(fn->kwdefaults, name) : NULL;
            if (def)
                fast[i] = ouro_newref(def);
            else
                missing = true;
        }
        if (missing) {
            missing_arguments(vm, fn, fast, start, end, "keyword-only");
            return -1;
        }
    }
    return 0;
}

/* Cells for cellvars (an argument that is a cell moves into it) and the closure's cells. */
static int make_cells(OuroVM *vm, OuroFunction *fn, OuroFrame *f) {
    OuroCode *co = (OuroCode *)fn->code;
    OuroObject **fast = f->localsplus;
    for (int i = 0; i < co->ncellvars; i++) {
        int arg = co->cell2arg ? co->cell2arg[i] : -1;
        OuroObject *cell = ouro_cell_new(vm, arg >= 0 ? fast[arg] : NULL);
        if (!cell) return -1;
        if (arg >= 0) ouro_clear(vm, &fast[arg]);
        fast[co->nlocals + i] = cell;
    }
    for (int i = 0; i < co->nfreevars; i++) {
        OuroObject *cell = fn->closure && (size_t)i < ouro_tuple_size(fn->closure)
                               ? ouro_tuple_get(fn->closure, (size_t)i) : NULL;
        if (!cell) {
            ouro_err_set_str(vm, &ouro_exc_SystemError, "function closure is missing a cell");
            return -1;
        }
        fast[co->nlocals + co->ncellvars + i] = ouro_newref(cell);
    }
    return 0;
}

int ouro_call_bind(OuroVM *vm, OuroFunction *fn, OuroFrame *f, OuroObject *const *args,
                   size_t nargs, OuroObject *kwnames) {
    OuroCode *co = (OuroCode *)fn->code;
    OuroObject **fast = f->localsplus;
    size_t argcount = (size_t)co->argcount;
    int total = co->argcount + co->kwonlyargcount;
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;

    if (nkw == 0 && nargs == argcount && !(co->flags & (OURO_CO_VARARGS | OURO_CO_VARKEYWORDS))) {
        for (size_t i = 0; i < nargs; i++) fast[i] = ouro_newref(args[i]);
        if (co->kwonlyargcount > 0 && fill_defaults(vm, fn, fast, nargs) < 0) return -1;
        return co->ncellvars + co->nfreevars ? make_cells(vm, fn, f) : 0;
    }

    OuroObject *kwdict = NULL;
    if (co->flags & OURO_CO_VARKEYWORDS) {
        int slot = total + ((co->flags & OURO_CO_VARARGS) ? 1 : 0);
        if (!(kwdict = ouro_dict_new(vm))) return -1;
        fast[slot] = kwdict;
    }
    size_t n = nargs < argcount ? nargs : argcount;
    for (size_t i = 0; i < n; i++) fast[i] = ouro_newref(args[i]);
    if (co->flags & OURO_CO_VARARGS) {
        OuroObject *rest = nargs > n ? ouro_tuple_from_array(vm, args + n, nargs - n)
                                     : ouro_newref(vm->empty_tuple);
        if (!rest) return -1;
        fast[total] = rest;
    }
    if (nkw && bind_keywords(vm, fn, fast, args + nargs, kwnames, kwdict) < 0) return -1;
    if (nargs > argcount && !(co->flags & OURO_CO_VARARGS)) {
        too_many_positional(vm, fn, nargs, fast);
        return -1;
    }
    if (fill_defaults(vm, fn, fast, nargs) < 0) return -1;
    return co->ncellvars + co->nfreevars ? make_cells(vm, fn, f) : 0;
}

/* ---- calls ---------------------------------------------------------------------------- */

static OuroObject *run_frame(OuroVM *vm, OuroFrame *f) {
    OuroObject *r = ouro_eval_frame(vm, f, false);
    ouro_frame_pop(vm, f);
    return r;
}

static OuroObject *make_generator(OuroVM *vm, OuroFunction *fn, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    OuroFrame *f;
    OuroObject *gen = ouro_gen_new(vm, fn, &f);
    if (!gen) return NULL;
    if (ouro_call_bind(vm, fn, f, args, nargs, kwnames) < 0) {
        ouro_decref(vm, gen);
        return NULL;
    }
    return gen;
}

OuroObject *ouro_function_call(OuroVM *vm, OuroObject *func, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    OuroFunction *fn = (OuroFunction *)func;
    OuroCode *co = (OuroCode *)fn->code;
    if (co->flags & OURO_CO_GENERATOR) return make_generator(vm, fn, args, nargs, kwnames);
    OuroFrame *f = ouro_frame_push(vm, co, fn->globals, fn->builtins, NULL);
    if (!f) return NULL;
    if (ouro_call_bind(vm, fn, f, args, nargs, kwnames) < 0) {
        ouro_frame_pop(vm, f);
        return NULL;
    }
    return run_frame(vm, f);
}

OuroObject *ouro_call_function_steal(OuroVM *vm, OuroObject *func, OuroObject **args,
                                     size_t nargs) {
    OuroFunction *fn = (OuroFunction *)func;
    OuroCode *co = (OuroCode *)fn->code;
    if (nargs != (size_t)co->argcount || co->kwonlyargcount ||
        (co->flags & (OURO_CO_VARARGS | OURO_CO_VARKEYWORDS | OURO_CO_GENERATOR))) {
        OuroObject *r = ouro_function_call(vm, func, args, nargs, NULL);
        for (size_t i = 0; i < nargs; i++) ouro_decref(vm, args[i]);
        return r;
    }
    OuroFrame *f = ouro_frame_push(vm, co, fn->globals, fn->builtins, NULL);
    if (!f) {
        for (size_t i = 0; i < nargs; i++) ouro_decref(vm, args[i]);
        return NULL;
    }
    memcpy(f->localsplus, args, nargs * sizeof(OuroObject *));
    if (co->ncellvars + co->nfreevars && make_cells(vm, fn, f) < 0) {
        ouro_frame_pop(vm, f);
        return NULL;
    }
    return run_frame(vm, f);
}

OuroFrame *ouro_call_push_frame(OuroVM *vm, OuroFrame *caller, OuroObject *func,
                                OuroObject *self, OuroObject **args, size_t nargs) {
    OuroFunction *fn = (OuroFunction *)func;
    OuroCode *co = (OuroCode *)fn->code;
    OuroFrame *f = NULL;
    OuroFrameChunk *c = ouro_frame_stack(vm)->current;
    size_t size = ouro_frame_size(co), nlp = ouro_code_nlocalsplus(co);
    if (vm->depth >= vm->recursion_limit) {
        ouro_err_set_str(vm, &ouro_exc_RecursionError, "maximum recursion depth exceeded");
    } else if ((size_t)(c->end - c->top) >= size) {
        /* ouro_frame_push's common case, without zeroing the slots the arguments fill. */
        f = (OuroFrame *)(void *)c->top;
        c->top += size;
        f->code = co;
        f->globals = fn->globals;
        f->builtins = fn->builtins;
        f->locals = NULL;
        f->stack = f->localsplus + nlp;
        f->sp = f->stack;
        f->blocks = (OuroBlock *)(void *)(f->stack + co->stacksize);
        f->iblock = 0;
        f->next_instr = 0;
        f->lasti = 0;
        f->owns_refs = false;
        f->is_gen = false;
        f->init_self = NULL;
        f->chunk = c;
        size_t bound = nargs + (self != NULL);
        for (size_t i = bound; i < nlp; i++) f->localsplus[i] = NULL;
    } else {
        f = ouro_frame_push(vm, co, fn->globals, fn->builtins, NULL);
    }
    if (!f) {
        for (size_t i = 0; i < nargs; i++) ouro_decref(vm, args[i]);
        return NULL;
    }
    OuroObject **fast = f->localsplus;
    if (self) *fast++ = ouro_newref(self);
    for (size_t i = 0; i < nargs; i++) fast[i] = args[i];
    if (co->ncellvars + co->nfreevars && make_cells(vm, fn, f) < 0) {
        ouro_frame_pop(vm, f);
        return NULL;
    }
    f->inlined = true;
    f->state = OURO_FRAME_RUNNING;
    f->back = caller;
    vm->frame = f;
    vm->depth++;
    return f;
}

/* ---- module code and class bodies ------------------------------------------------------ */

static OuroObject *builtins_for(OuroVM *vm, OuroObject *globals) {
    OuroObject *b = ouro_dict_get_str(globals, OURO_ID(vm, __builtins__));
    if (b && !OURO_IS_SMALLINT(b) && b->type == &ouro_module_type) b = ouro_module_dict(b);
    return b && ouro_dict_check(b) ? b : vm->builtins;
}

OuroObject *ouro_eval_code(OuroVM *vm, OuroObject *code, OuroObject *globals,
                           OuroObject *locals) {
    OuroCode *co = (OuroCode *)code;
    if (co->nfreevars > 0) {
        ouro_err_set_str(vm, &ouro_exc_TypeError,
                         "code object passed to exec() may not contain free variables");
        return NULL;
    }
    OuroFrame *f = ouro_frame_push(vm, co, globals, builtins_for(vm, globals),
                                   locals ? locals : globals);
    if (!f) return NULL;
    for (int i = 0; i < co->ncellvars; i++) {
        if (!(f->localsplus[co->nlocals + i] = ouro_cell_new(vm, NULL))) {
            ouro_frame_pop(vm, f);
            return NULL;
        }
    }
    return run_frame(vm, f);
}

OuroObject *ouro_eval_class_body(OuroVM *vm, OuroObject *func, OuroObject *ns) {
    OuroFunction *fn = (OuroFunction *)func;
    OuroCode *co = (OuroCode *)fn->code;
    OuroFrame *f = ouro_frame_push(vm, co, fn->globals, fn->builtins, ns);
    if (!f) return NULL;
    if (make_cells(vm, fn, f) < 0) {
        ouro_frame_pop(vm, f);
        return NULL;
    }
    return run_frame(vm, f);
}
