/* vm/eval_ops.c — the out-of-line parts of instructions (vm/eval_ops.h): unpacking,
 * raise, imports, f-string formatting, with-statements, star-calls and dict merges, name
 * lookups of module and class bodies, and the error messages of all of them, worded as
 * CPython 3.11's. The dispatch loop (vm/eval.c) calls these; nothing else should. */
#define OURO_EXEC_INTERNAL
#include "vm/eval_ops.h"

#include <stdlib.h>
#include <string.h>

/* ---- unpacking -------------------------------------------------------------------------- */

static bool has_iter_protocol(OuroObject *v) {
    OuroType *tp = ouro_type_of(v);
    return tp->iter != NULL || tp->getitem != NULL;
}

int ouro_op_unpack(OuroVM *vm, OuroObject *v, int argcnt, int argcntafter, OuroObject **sp) {
    int total = argcnt + (argcntafter >= 0 ? 1 + argcntafter : 0);
    OuroObject **top = sp + total;
    OuroObject *it = ouro_object_getiter(vm, v);
    if (!it) {
        if (ouro_err_matches(vm, &ouro_exc_TypeError) && !has_iter_protocol(v)) {
            ouro_err_clear(vm);
            ouro_err_format(vm, &ouro_exc_TypeError, "cannot unpack non-iterable %s object",
                            ouro_type_name(ouro_type_of(v)));
        }
        return -1;
    }
    int i;
    for (i = 0; i < argcnt; i++) {
        OuroObject *w = ouro_iter_next(vm, it);
        if (!w) {
            if (!ouro_err_occurred(vm)) {
                if (argcntafter < 0)
                    ouro_err_format(vm, &ouro_exc_ValueError,
                                    "not enough values to unpack (expected %d, got %d)", argcnt, i);
                else
                    ouro_err_format(vm, &ouro_exc_ValueError,
                                    "not enough values to unpack (expected at least %d, got %d)",
                                    argcnt + argcntafter, i);
            }
            goto fail;
        }
        *--top = w;
    }
    if (argcntafter < 0) {
        OuroObject *w = ouro_iter_next(vm, it);
        if (!w) {
            if (ouro_err_occurred(vm)) goto fail;
            ouro_decref(vm, it);
            return 0;
        }
        ouro_decref(vm, w);
        ouro_err_format(vm, &ouro_exc_ValueError, "too many values to unpack (expected %d)", argcnt);
        goto fail;
    }
    OuroObject *l = ouro_list_from_iterable(vm, it);
    if (!l) goto fail;
    *--top = l;
    i++;
    size_t ll = ouro_list_size(l);
    if (ll < (size_t)argcntafter) {
        ouro_err_format(vm, &ouro_exc_ValueError,
                        "not enough values to unpack (expected at least %d, got %zu)",
                        argcnt + argcntafter, (size_t)argcnt + ll);
        goto fail;
    }
    OuroList *list = (OuroList *)l;
    for (int j = argcntafter; j > 0; j--, i++) *--top = list->items[ll - (size_t)j];
    list->size = ll - (size_t)argcntafter;
    ouro_decref(vm, it);
    return 0;
fail:
    while (top < sp + total) ouro_decref(vm, *top++);
    ouro_decref(vm, it);
    return -1;
}

/* ---- exceptions ----------------------------------------------------------------------- */

static const char CATCH_MSG[] =
    "catching classes that do not inherit from BaseException is not allowed";

int ouro_op_exc_match(OuroVM *vm, OuroObject *exc, OuroObject *cls) {
    OuroType *et = ouro_type_of(exc);
    if (ouro_tuple_check(cls)) {
        size_t n = ouro_tuple_size(cls);
        for (size_t i = 0; i < n; i++) {
            if (!ouro_exception_class_check(ouro_tuple_get(cls, i))) {
                ouro_err_set_str(vm, &ouro_exc_TypeError, CATCH_MSG);
                return -1;
            }
        }
        for (size_t i = 0; i < n; i++)
            if (ouro_type_is_subtype(et, (OuroType *)ouro_tuple_get(cls, i))) return 1;
        return 0;
    }
    if (!ouro_exception_class_check(cls)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, CATCH_MSG);
        return -1;
    }
    return ouro_type_is_subtype(et, (OuroType *)cls) ? 1 : 0;
}

/* An exception instance from a raise operand: classes are called with no arguments. */
static OuroObject *exception_instance(OuroVM *vm, OuroObject *exc, const char *what) {
    if (ouro_exception_class_check(exc)) {
        OuroObject *value = ouro_object_call(vm, exc, NULL, 0, NULL);
        if (!value) return NULL;
        if (!ouro_exception_check(value)) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "calling %R should have returned an instance of BaseException, not %s",
                            exc, ouro_type_name(ouro_type_of(value)));
            ouro_decref(vm, value);
            return NULL;
        }
        return value;
    }
    if (ouro_exception_check(exc)) return ouro_newref(exc);
    ouro_err_format(vm, &ouro_exc_TypeError, "%s must derive from BaseException", what);
    return NULL;
}

void ouro_op_raise(OuroVM *vm, OuroObject *exc, OuroObject *cause) {
    OuroObject *value = exception_instance(vm, exc, "exceptions");
    if (value && cause) {
        OuroObject *fixed = NULL;
        if (cause != ouro_none && !(fixed = exception_instance(vm, cause, "exception causes"))) {
            ouro_clear(vm, &value);
        } else {
            ouro_exception_set_cause(vm, value, fixed);
        }
    }
    if (value) ouro_err_raise(vm, value);
    ouro_decref(vm, exc);
    ouro_xdecref(vm, cause);
}

/* ---- imports -------------------------------------------------------------------------- */

OuroObject *ouro_op_import_name(OuroVM *vm, OuroFrame *f, OuroObject *name,
                                OuroObject *fromlist, OuroObject *level) {
    if (!vm->import) {
        ouro_err_set_str(vm, &ouro_exc_ImportError, "__import__ not found");
        return NULL;
    }
    int lv = OURO_IS_SMALLINT(level) ? (int)ouro_smallint_value(level) : 0;
    return vm->import(vm, name, f->globals, fromlist, lv);
}

OuroObject *ouro_op_import_from(OuroVM *vm, OuroObject *module, OuroObject *name) {
    OuroObject *x = ouro_object_lookup_attr(vm, module, name);
    if (x || ouro_err_occurred(vm)) return x;
    /* A submodule imported by a circular import may be in sys.modules only. */
    OuroObject *pkgname = ouro_object_lookup_attr(vm, module, OURO_ID(vm, __name__));
    ouro_err_clear(vm);
    if (pkgname && ouro_str_check(pkgname) && vm->modules) {
        OuroObject *full = ouro_str_from_format(vm, "%U.%U", pkgname, name);
        if (!full) {
            ouro_decref(vm, pkgname);
            return NULL;
        }
        x = ouro_dict_get(vm, vm->modules, full);
        ouro_decref(vm, full);
        if (x) {
            ouro_decref(vm, pkgname);
            return ouro_newref(x);
        }
        ouro_err_clear(vm);
    }
    OuroObject *path = ouro_object_lookup_attr(vm, module, OURO_ID(vm, __file__));
    ouro_err_clear(vm);
    OuroObject *shown = pkgname && ouro_str_check(pkgname) ? pkgname : NULL;
    if (!shown) shown = ouro_str_from_cstr(vm, "<unknown module name>");
    else ouro_incref(shown);
    if (shown) {
        if (path && ouro_str_check(path))
            ouro_err_format(vm, &ouro_exc_ImportError, "cannot import name %R from %R (%U)", name,
                            shown, path);
        else
            ouro_err_format(vm, &ouro_exc_ImportError,
                            "cannot import name %R from %R (unknown location)", name, shown);
        /* CPython sets ImportError.name to the module and .path to its file. */
        OuroObject *exc = ouro_err_fetch(vm);
        if (exc && ouro_object_setattr(vm, exc, OURO_ID(vm, name), shown) == 0 &&
            ouro_object_setattr(vm, exc, OURO_ID(vm, path), path ? path : ouro_none) < 0)
            ouro_err_clear(vm);
        else if (ouro_err_occurred(vm))
            ouro_err_clear(vm);
        ouro_err_restore(vm, exc);
        ouro_decref(vm, shown);
    }
    ouro_xdecref(vm, path);
    ouro_xdecref(vm, pkgname);
    return NULL;
}

int ouro_op_import_star(OuroVM *vm, OuroFrame *f, OuroObject *module) {
    if (!f->locals) {
        ouro_err_set_str(vm, &ouro_exc_SystemError, "no locals found during 'import *'");
        return -1;
    }
    OuroObject *all_name = ouro_str_intern_cstr(vm, "__all__");
    if (!all_name) return -1;
    OuroObject *all = ouro_object_lookup_attr(vm, module, all_name);
    ouro_decref(vm, all_name);
    if (!all && ouro_err_occurred(vm)) return -1;
    bool skip_private = all == NULL;
    if (!all) {
        OuroObject *dict = ouro_object_lookup_attr(vm, module, OURO_ID(vm, __dict__));
        if (!dict) {
            if (!ouro_err_occurred(vm))
                ouro_err_set_str(vm, &ouro_exc_ImportError,
                                 "from-import-* object has no __dict__ and no __all__");
            return -1;
        }
        all = ouro_dict_check(dict) ? ouro_dict_keys_list(vm, dict) : NULL;
        ouro_decref(vm, dict);
        if (!all) return -1;
    }
    OuroObject *it = ouro_object_getiter(vm, all);
    ouro_decref(vm, all);
    if (!it) return -1;
    OuroObject *name;
    int rc = 0;
    while ((name = ouro_iter_next(vm, it))) {
        if (skip_private && ouro_str_check(name) && ouro_str_cstr(name)[0] == '_') {
            ouro_decref(vm, name);
            continue;
        }
        OuroObject *value = ouro_object_getattr(vm, module, name);
        rc = value ? ouro_op_store_name(vm, f, name, value) : -1;
        ouro_xdecref(vm, value);
        ouro_decref(vm, name);
        if (rc < 0) break;
    }
    ouro_decref(vm, it);
    return rc < 0 || ouro_err_occurred(vm) ? -1 : 0;
}

/* ---- strings ---------------------------------------------------------------------------- */

/* ascii(): repr with every non-ASCII code point escaped. */
static OuroObject *ascii_of(OuroVM *vm, OuroObject *v) {
    OuroObject *r = ouro_object_repr(vm, v);
    if (!r || ((OuroStr *)r)->ascii) return r;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    const unsigned char *s = (const unsigned char *)ouro_str_cstr(r);
    size_t n = ouro_str_size(r);
    for (size_t i = 0; i < n;) {
        uint32_t cp = s[i];
        int len = 1;
        if (cp >= 0xf0) { cp &= 0x07; len = 4; }
        else if (cp >= 0xe0) { cp &= 0x0f; len = 3; }
        else if (cp >= 0xc0) { cp &= 0x1f; len = 2; }
        for (int k = 1; k < len && i + (size_t)k < n; k++) cp = (cp << 6) | (s[i + (size_t)k] & 0x3f);
        i += (size_t)len;
        if (cp < 0x80) ouro_strbuf_append_char(&b, (char)cp);
        else if (cp <= 0xff) ouro_strbuf_printf(&b, "\\x%02x", cp);
        else if (cp <= 0xffff) ouro_strbuf_printf(&b, "\\u%04x", cp);
        else ouro_strbuf_printf(&b, "\\U%08x", cp);
    }
    ouro_decref(vm, r);
    return ouro_strbuf_finish(vm, &b);
}

OuroObject *ouro_op_format_value(OuroVM *vm, OuroObject *v, int conv, OuroObject *spec) {
    OuroObject *conv_v;
    switch (conv) {
    case 1: conv_v = ouro_object_str(vm, v); break;
    case 2: conv_v = ouro_object_repr(vm, v); break;
    case 3: conv_v = ascii_of(vm, v); break;
    default: conv_v = ouro_newref(v); break;
    }
    if (!conv_v) return NULL;
    if (!spec && !OURO_IS_SMALLINT(conv_v) && conv_v->type == &ouro_str_type) return conv_v;
    OuroObject *r = ouro_object_format(vm, conv_v, spec ? spec : vm->empty_str);
    ouro_decref(vm, conv_v);
    return r;
}

OuroObject *ouro_op_build_string(OuroVM *vm, OuroObject *const *items, size_t n) {
    if (n == 1) return ouro_newref(items[0]);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (ouro_strbuf_append_str(vm, &b, items[i]) < 0) {
            ouro_strbuf_release(&b);
            return NULL;
        }
    }
    return ouro_strbuf_finish(vm, &b);
}

/* ---- with ------------------------------------------------------------------------------- */

OuroObject *ouro_op_lookup_special(OuroVM *vm, OuroObject *obj, OuroObject *name) {
    OuroType *tp = ouro_type_of(obj);
    OuroObject *descr = ouro_type_lookup(tp, name);
    if (!descr) return NULL;
    OuroDescrGetFn get = ouro_type_of(descr)->descr_get;
    if (!get) return ouro_newref(descr);
    ouro_incref(descr);
    OuroObject *r = get(vm, descr, obj, (OuroObject *)tp);
    ouro_decref(vm, descr);
    return r;
}

OuroObject *ouro_op_enter_with(OuroVM *vm, OuroObject *mgr, OuroObject **exit_out) {
    OuroObject *enter = ouro_op_lookup_special(vm, mgr, OURO_ID(vm, __enter__));
    if (!enter) {
        if (!ouro_err_occurred(vm))
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "'%s' object does not support the context manager protocol",
                            ouro_type_name(ouro_type_of(mgr)));
        return NULL;
    }
    OuroObject *exit = ouro_op_lookup_special(vm, mgr, OURO_ID(vm, __exit__));
    if (!exit) {
        if (!ouro_err_occurred(vm))
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "'%s' object does not support the context manager protocol "
                            "(missed __exit__ method)", ouro_type_name(ouro_type_of(mgr)));
        ouro_decref(vm, enter);
        return NULL;
    }
    OuroObject *res = ouro_object_call0(vm, enter);
    ouro_decref(vm, enter);
    if (!res) {
        ouro_decref(vm, exit);
        return NULL;
    }
    *exit_out = exit;
    return res;
}

OuroObject *ouro_op_with_exit(OuroVM *vm, OuroObject *exit, OuroObject *exc) {
    OuroObject *tb = ouro_exception_check(exc) ? ((OuroException *)exc)->traceback : NULL;
    OuroObject *args[3] = {(OuroObject *)ouro_type_of(exc), exc, tb ? tb : ouro_none};
    return ouro_object_call(vm, exit, args, 3, NULL);
}

/* ---- calls with * and ** ---------------------------------------------------------------- */

static void func_error(OuroVM *vm, OuroObject *func, const char *fmt, OuroObject *arg) {
    OuroObject *fs = ouro_function_str(vm, func);
    if (!fs) return;
    ouro_err_format(vm, &ouro_exc_TypeError, fmt, fs, ouro_type_name(ouro_type_of(arg)));
    ouro_decref(vm, fs);
}

OuroObject *ouro_op_call_kw(OuroVM *vm, OuroObject *func, OuroObject *const *args,
                            size_t nargs, OuroObject *kwnames) {
    if (!OURO_IS_SMALLINT(func) && func->type == &ouro_function_type)
        return ouro_function_call(vm, func, args, nargs, kwnames);
    return ouro_object_call(vm, func, args, nargs, kwnames);
}

OuroObject *ouro_op_call_ex(OuroVM *vm, OuroObject *func, OuroObject *args, OuroObject *kwargs) {
    OuroObject *tuple = NULL, *dict = NULL, *kwnames = NULL, *result = NULL;
    OuroObject *small[16], **vec = small;
    if (ouro_tuple_check(args)) {
        tuple = ouro_newref(args);
    } else {
        if (!has_iter_protocol(args)) {
            func_error(vm, func, "%U argument after * must be an iterable, not %s", args);
            return NULL;
        }
        if (!(tuple = ouro_tuple_from_iterable(vm, args))) return NULL;
    }
    size_t n = ouro_tuple_size(tuple), nkw = 0;
    if (kwargs) {
        if (ouro_dict_check(kwargs)) {
            dict = ouro_newref(kwargs);
        } else {
            if (!(dict = ouro_dict_new(vm))) goto done;
            if (ouro_op_dict_merge(vm, func, dict, kwargs) < 0) goto done;
        }
        nkw = ouro_dict_size(dict);
    }
    if (n + nkw > sizeof small / sizeof small[0] &&
        !(vec = malloc((n + nkw) * sizeof(OuroObject *)))) {
        vec = small;
        ouro_err_no_memory(vm);
        goto done;
    }
    memcpy(vec, ouro_tuple_items(tuple), n * sizeof(OuroObject *));
    if (nkw) {
        if (!(kwnames = ouro_tuple_new(vm, nkw))) goto done;
        size_t pos = 0, k = 0;
        OuroObject *key, *value;
        while (ouro_dict_next(dict, &pos, &key, &value)) {
            if (!ouro_str_check(key)) {
                ouro_err_set_str(vm, &ouro_exc_TypeError, "keywords must be strings");
                goto done;
            }
            ouro_tuple_items(kwnames)[k] = ouro_newref(key);
            vec[n + k++] = value;
        }
    }
    result = ouro_op_call_kw(vm, func, vec, n, kwnames);
done:
    if (vec != small) free(vec);
    ouro_xdecref(vm, kwnames);
    ouro_xdecref(vm, dict);
    ouro_xdecref(vm, tuple);
    return result;
}

/* Calls fn(key, value) for each item of a mapping (a dict, or keys() + getitem). */
typedef int (*ItemFn)(OuroVM *vm, OuroObject *target, OuroObject *key, OuroObject *value,
                      OuroObject *func);

static int for_each_item(OuroVM *vm, OuroObject *mapping, OuroObject *target, OuroObject *func,
                         ItemFn fn) {
    if (ouro_dict_check(mapping)) {
        size_t pos = 0;
        OuroObject *key, *value;
        while (ouro_dict_next(mapping, &pos, &key, &value)) {
            ouro_incref(key);
            ouro_incref(value);
            int r = fn(vm, target, key, value, func);
            ouro_decref(vm, key);
            ouro_decref(vm, value);
            if (r < 0) return -1;
        }
        return 0;
    }
    OuroObject *keys = ouro_object_call_method(vm, mapping, OURO_ID(vm, keys), NULL, 0);
    if (!keys) return -1;
    OuroObject *it = ouro_object_getiter(vm, keys);
    ouro_decref(vm, keys);
    if (!it) return -1;
    OuroObject *key;
    int r = 0;
    while (r == 0 && (key = ouro_iter_next(vm, it))) {
        OuroObject *value = ouro_object_getitem(vm, mapping, key);
        r = value ? fn(vm, target, key, value, func) : -1;
        ouro_xdecref(vm, value);
        ouro_decref(vm, key);
    }
    ouro_decref(vm, it);
    return r < 0 || ouro_err_occurred(vm) ? -1 : 0;
}

static bool is_mapping(OuroVM *vm, OuroObject *o) {
    if (ouro_dict_check(o)) return true;
    OuroObject *keys = ouro_object_lookup_attr(vm, o, OURO_ID(vm, keys));
    ouro_err_clear(vm);
    ouro_xdecref(vm, keys);
    return keys != NULL;
}

static int merge_item(OuroVM *vm, OuroObject *dict, OuroObject *key, OuroObject *value,
                      OuroObject *func) {
    OuroObject *old = ouro_dict_get(vm, dict, key);
    if (!old && ouro_err_occurred(vm)) return -1;
    if (old) {
        OuroObject *fs = ouro_function_str(vm, func);
        if (!fs) return -1;
        if (ouro_str_check(key))
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "%U got multiple values for keyword argument '%U'", fs, key);
        else
            ouro_err_format(vm, &ouro_exc_TypeError, "%U keywords must be strings", fs);
        ouro_decref(vm, fs);
        return -1;
    }
    return ouro_dict_set(vm, dict, key, value);
}

int ouro_op_dict_merge(OuroVM *vm, OuroObject *func, OuroObject *dict, OuroObject *update) {
    if (!is_mapping(vm, update)) {
        func_error(vm, func, "%U argument after ** must be a mapping, not %s", update);
        return -1;
    }
    return for_each_item(vm, update, dict, func, merge_item);
}

static int update_item(OuroVM *vm, OuroObject *dict, OuroObject *key, OuroObject *value,
                       OuroObject *func) {
    return ouro_dict_set(vm, dict, key, value);
}

int ouro_op_dict_update(OuroVM *vm, OuroObject *dict, OuroObject *update) {
    if (!is_mapping(vm, update)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "'%s' object is not a mapping",
                        ouro_type_name(ouro_type_of(update)));
        return -1;
    }
    return for_each_item(vm, update, dict, NULL, update_item);
}

int ouro_op_set_update(OuroVM *vm, OuroObject *set, OuroObject *iterable) {
    OuroObject *it = ouro_object_getiter(vm, iterable);
    if (!it) return -1;
    OuroObject *item;
    int r = 0;
    while (r == 0 && (item = ouro_iter_next(vm, it))) {
        r = ouro_set_add(vm, set, item);
        ouro_decref(vm, item);
    }
    ouro_decref(vm, it);
    return r < 0 || ouro_err_occurred(vm) ? -1 : 0;
}

int ouro_op_list_extend(OuroVM *vm, OuroObject *list, OuroObject *iterable, OuroObject *func) {
    if (ouro_list_extend(vm, list, iterable) == 0) return 0;
    if (ouro_err_matches(vm, &ouro_exc_TypeError) && !has_iter_protocol(iterable)) {
        ouro_err_clear(vm);
        if (func)
            func_error(vm, func, "%U argument after * must be an iterable, not %s", iterable);
        else
            ouro_err_format(vm, &ouro_exc_TypeError, "Value after * must be an iterable, not %s",
                            ouro_type_name(ouro_type_of(iterable)));
    }
    return -1;
}

/* ---- module-level helpers ---------------------------------------------------------------- */

int ouro_op_print_expr(OuroVM *vm, OuroObject *v) {
    OuroObject *hook = vm->sys_module
        ? ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, displayhook)) : NULL;
    if (!hook) {
        ouro_err_set_str(vm, &ouro_exc_RuntimeError, "lost sys.displayhook");
        return -1;
    }
    ouro_incref(hook);
    OuroObject *r = ouro_object_call1(vm, hook, v);
    ouro_decref(vm, hook);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

int ouro_op_setup_annotations(OuroVM *vm, OuroFrame *f) {
    if (!f->locals) {
        ouro_err_set_str(vm, &ouro_exc_SystemError, "no locals found when setting up annotations");
        return -1;
    }
    OuroObject *name = OURO_ID(vm, __annotations__);
    if (ouro_dict_check(f->locals)) {
        if (ouro_dict_get_str(f->locals, name)) return 0;
    } else {
        OuroObject *v = ouro_object_getitem(vm, f->locals, name);
        if (v) {
            ouro_decref(vm, v);
            return 0;
        }
        if (!ouro_err_matches(vm, &ouro_exc_KeyError)) return -1;
        ouro_err_clear(vm);
    }
    OuroObject *d = ouro_dict_new(vm);
    if (!d) return -1;
    int r = ouro_op_store_name(vm, f, name, d);
    ouro_decref(vm, d);
    return r;
}

/* MAKE_FUNCTION: sp points just past [defaults?, kwdefaults?, annotations?, closure?, code,
 * qualname]; the operands are consumed on every path. */
OuroObject *ouro_op_make_function(OuroVM *vm, OuroFrame *f, int flags, OuroObject **sp) {
    OuroObject *qualname = *--sp, *code = *--sp;
    OuroObject *closure = (flags & 8) ? *--sp : NULL;
    OuroObject *annotations = (flags & 4) ? *--sp : NULL;
    OuroObject *kwdefaults = (flags & 2) ? *--sp : NULL;
    OuroObject *defaults = (flags & 1) ? *--sp : NULL;
    OuroObject *fn = ouro_function_new(vm, code, f->globals);
    if (fn) {
        OuroFunction *func = (OuroFunction *)fn;
        if (ouro_str_check(qualname)) ouro_setref(vm, &func->qualname, ouro_newref(qualname));
        if (defaults && ouro_tuple_check(defaults) && ouro_tuple_size(defaults) > 0)
            func->defaults = ouro_newref(defaults);
        if (kwdefaults && ouro_dict_check(kwdefaults)) func->kwdefaults = ouro_newref(kwdefaults);
        if (closure) func->closure = ouro_newref(closure);
        if (annotations && ouro_tuple_check(annotations) && ouro_tuple_size(annotations) > 0) {
            OuroObject *d = ouro_dict_new(vm);
            size_t n = ouro_tuple_size(annotations);
            for (size_t i = 0; d && i + 1 < n; i += 2) {
                if (ouro_dict_set(vm, d, ouro_tuple_get(annotations, i),
                                  ouro_tuple_get(annotations, i + 1)) < 0)
                    ouro_clear(vm, &d);
            }
            if (!d) ouro_clear(vm, &fn);
            else func->annotations = d;
        }
    }
    OuroObject *ops[] = {qualname, code, closure, annotations, kwdefaults, defaults};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) ouro_xdecref(vm, ops[i]);
    return fn;
}

/* ---- names ------------------------------------------------------------------------------ */

void ouro_op_name_error(OuroVM *vm, OuroObject *name) {
    ouro_err_format(vm, &ouro_exc_NameError, "name '%U' is not defined", name);
}

void ouro_op_unbound_local(OuroVM *vm, OuroObject *name) {
    ouro_err_format(vm, &ouro_exc_UnboundLocalError,
                    "cannot access local variable '%U' where it is not associated with a value",
                    name);
}

void ouro_op_unbound_deref(OuroVM *vm, OuroCode *co, int oparg) {
    if (oparg < co->ncellvars) {
        ouro_op_unbound_local(vm, ouro_tuple_get(co->cellvars, (size_t)oparg));
        return;
    }
    ouro_err_format(vm, &ouro_exc_NameError,
                    "cannot access free variable '%U' where it is not associated with a value"
                    " in enclosing scope",
                    ouro_tuple_get(co->freevars, (size_t)(oparg - co->ncellvars)));
}

/* Looks name up in a locals mapping: borrowed-like new ref, NULL when absent (no error) or
 * NULL with an error set. */
static OuroObject *mapping_lookup(OuroVM *vm, OuroObject *locals, OuroObject *name) {
    if (!OURO_IS_SMALLINT(locals) && locals->type == &ouro_dict_type) {
        OuroObject *v = ouro_dict_get_str(locals, name);
        return v ? ouro_newref(v) : NULL;
    }
    OuroObject *v = ouro_object_getitem(vm, locals, name);
    if (!v && ouro_err_matches(vm, &ouro_exc_KeyError)) ouro_err_clear(vm);
    return v;
}

OuroObject *ouro_op_load_name(OuroVM *vm, OuroFrame *f, OuroObject *name) {
    if (!f->locals) {
        ouro_err_format(vm, &ouro_exc_SystemError, "no locals when loading %R", name);
        return NULL;
    }
    OuroObject *v = mapping_lookup(vm, f->locals, name);
    if (v || ouro_err_occurred(vm)) return v;
    v = ouro_dict_get_str(f->globals, name);
    if (!v && f->builtins) v = ouro_dict_get_str(f->builtins, name);
    if (v) return ouro_newref(v);
    ouro_op_name_error(vm, name);
    return NULL;
}

int ouro_op_store_name(OuroVM *vm, OuroFrame *f, OuroObject *name, OuroObject *v) {
    if (!f->locals) {
        ouro_err_format(vm, &ouro_exc_SystemError, "no locals found when storing %R", name);
        return -1;
    }
    if (!OURO_IS_SMALLINT(f->locals) && f->locals->type == &ouro_dict_type)
        return ouro_dict_set(vm, f->locals, name, v);
    return ouro_object_setitem(vm, f->locals, name, v);
}

int ouro_op_delete_name(OuroVM *vm, OuroFrame *f, OuroObject *name) {
    if (!f->locals) {
        ouro_err_format(vm, &ouro_exc_SystemError, "no locals when deleting %R", name);
        return -1;
    }
    if (ouro_dict_check(f->locals)) {
        int r = ouro_dict_discard(vm, f->locals, name);
        if (r < 0) return -1;
        if (r == 0) {
            ouro_op_name_error(vm, name);
            return -1;
        }
        return 0;
    }
    if (ouro_object_delitem(vm, f->locals, name) == 0) return 0;
    if (ouro_err_matches(vm, &ouro_exc_KeyError)) {
        ouro_err_clear(vm);
        ouro_op_name_error(vm, name);
    }
    return -1;
}

OuroObject *ouro_op_load_classderef(OuroVM *vm, OuroFrame *f, int oparg) {
    OuroCode *co = f->code;
    OuroObject *name = oparg < co->ncellvars
                           ? ouro_tuple_get(co->cellvars, (size_t)oparg)
                           : ouro_tuple_get(co->freevars, (size_t)(oparg - co->ncellvars));
    if (f->locals) {
        OuroObject *v = mapping_lookup(vm, f->locals, name);
        if (v || ouro_err_occurred(vm)) return v;
    }
    OuroObject *cell = f->localsplus[co->nlocals + oparg];
    OuroObject *v = cell ? ((OuroCell *)cell)->ref : NULL;
    if (v) return ouro_newref(v);
    ouro_op_unbound_deref(vm, co, oparg);
    return NULL;
}
