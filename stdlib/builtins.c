/* stdlib/builtins.c — the builtins module: its functions that inspect or convert objects and
 * the table that assembles the module (types, constants, exception classes). Iteration and
 * reduction built-ins (sorted, min, max, sum, any, all, ...) are in stdlib/builtins_iter.c,
 * input/output ones (print, input, open) in stdlib/builtins_io.c. */
#include "stdlib/builtins.h"

#include <stdint.h>
#include <string.h>

static OuroObject *builtin_len(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "len", nargs, kwnames, 1, 1) < 0) return NULL;
    intptr_t n = ouro_object_length(vm, args[0]);
    return n < 0 ? NULL : ouro_int_from_i64(vm, n);
}

static OuroObject *builtin_repr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "repr", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_object_repr(vm, args[0]);
}

static OuroObject *builtin_ascii(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "ascii", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_str_ascii(vm, args[0]);
}

static OuroObject *builtin_id(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "id", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_int_from_u64(vm, (uint64_t)ouro_object_display_address(vm, args[0]));
}

static OuroObject *builtin_hash(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "hash", nargs, kwnames, 1, 1) < 0) return NULL;
    intptr_t h = ouro_object_hash(vm, args[0]);
    return h == -1 && ouro_err_occurred(vm) ? NULL : ouro_int_from_i64(vm, h);
}

static OuroObject *builtin_isinstance(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "isinstance", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = ouro_object_isinstance(vm, args[0], args[1]);
    return r < 0 ? NULL : ouro_bool_from(r);
}

static OuroObject *builtin_issubclass(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                      size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "issubclass", nargs, kwnames, 2, 2) < 0) return NULL;
    int r = ouro_object_issubclass(vm, args[0], args[1]);
    return r < 0 ? NULL : ouro_bool_from(r);
}

/* Attribute names must be str, as CPython checks before looking anything up. */
static int check_attr_name(OuroVM *vm, OuroObject *name) {
    if (ouro_str_check(name)) return 0;
    ouro_err_format(vm, &ouro_exc_TypeError, "attribute name must be string, not '%s'",
                    ouro_type_name(ouro_type_of(name)));
    return -1;
}

static OuroObject *builtin_getattr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "getattr", nargs, kwnames, 2, 3) < 0) return NULL;
    if (check_attr_name(vm, args[1]) < 0) return NULL;
    if (nargs == 2) return ouro_object_getattr(vm, args[0], args[1]);
    OuroObject *v = ouro_object_lookup_attr(vm, args[0], args[1]);
    if (v || ouro_err_occurred(vm)) return v;
    return ouro_newref(args[2]);
}

static OuroObject *builtin_hasattr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "hasattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (check_attr_name(vm, args[1]) < 0) return NULL;
    OuroObject *v = ouro_object_lookup_attr(vm, args[0], args[1]);
    if (!v) return ouro_err_occurred(vm) ? NULL : ouro_newref(ouro_false);
    ouro_decref(vm, v);
    return ouro_newref(ouro_true);
}

static OuroObject *builtin_setattr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "setattr", nargs, kwnames, 3, 3) < 0) return NULL;
    if (check_attr_name(vm, args[1]) < 0) return NULL;
    if (ouro_object_setattr(vm, args[0], args[1], args[2]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *builtin_delattr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "delattr", nargs, kwnames, 2, 2) < 0) return NULL;
    if (check_attr_name(vm, args[1]) < 0) return NULL;
    if (ouro_object_delattr(vm, args[0], args[1]) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *builtin_callable(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                    size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "callable", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_newref(ouro_bool_from(ouro_type_of(args[0])->call != NULL));
}

static OuroObject *builtin_abs(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "abs", nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_number_absolute(vm, args[0]);
}

static OuroObject *builtin_round(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                 size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"number", "ndigits"};
    OuroObject *a[2];
    if (ouro_args_bind(vm, "round", args, nargs, kwnames, names, 2, 0, 1, a) < 0) return NULL;
    return ouro_number_round(vm, a[0], a[1] == ouro_none ? NULL : a[1]);
}

static OuroObject *builtin_divmod(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "divmod", nargs, kwnames, 2, 2) < 0) return NULL;
    return ouro_number_divmod(vm, args[0], args[1]);
}

static OuroObject *builtin_pow(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"base", "exp", "mod"};
    OuroObject *a[3];
    if (ouro_args_bind(vm, "pow", args, nargs, kwnames, names, 3, 0, 2, a) < 0) return NULL;
    if (a[2] && a[2] != ouro_none) return ouro_number_power3(vm, a[0], a[1], a[2]);
    return ouro_number_binary(vm, a[0], a[1], OURO_NB_POWER);
}

static OuroObject *builtin_chr(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "chr", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!ouro_int_check(args[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "'%s' object cannot be interpreted as an integer",
                               ouro_type_name(ouro_type_of(args[0])));
    int64_t cp;
    if (ouro_int_as_i64(vm, args[0], &cp) < 0) return NULL;
    if (cp < 0 || cp > 0x10ffff)
        return ouro_err_format(vm, &ouro_exc_ValueError, "chr() arg not in range(0x110000)");
    return ouro_str_from_codepoint(vm, (uint32_t)cp);
}

/* Decodes the first code point of valid UTF-8. */
static uint32_t first_codepoint(const unsigned char *s) {
    if (s[0] < 0x80) return s[0];
    if (s[0] < 0xe0) return ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    if (s[0] < 0xf0)
        return ((uint32_t)(s[0] & 0x0f) << 12) | ((uint32_t)(s[1] & 0x3f) << 6) | (s[2] & 0x3f);
    return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
           ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

static OuroObject *builtin_ord(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "ord", nargs, kwnames, 1, 1) < 0) return NULL;
    OuroObject *c = args[0];
    if (!ouro_str_check(c))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "ord() expected string of length 1, but %T found", c);
    if (ouro_str_length(c) != 1)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "ord() expected a character, but string of length %zu found",
                               ouro_str_length(c));
    return ouro_int_from_i64(vm, first_codepoint((const unsigned char *)ouro_str_cstr(c)));
}

static OuroObject *to_base(OuroVM *vm, const char *name, OuroObject *const *args, size_t nargs,
                           OuroObject *kwnames, int base) {
    if (ouro_args_check(vm, name, nargs, kwnames, 1, 1) < 0) return NULL;
    return ouro_number_to_base(vm, args[0], base);
}

static OuroObject *builtin_hex(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return to_base(vm, "hex", args, nargs, kwnames, 16);
}

static OuroObject *builtin_oct(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return to_base(vm, "oct", args, nargs, kwnames, 8);
}

static OuroObject *builtin_bin(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    return to_base(vm, "bin", args, nargs, kwnames, 2);
}

static OuroObject *builtin_format(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"value", "format_spec"};
    OuroObject *a[2];
    if (ouro_args_bind(vm, "format", args, nargs, kwnames, names, 2, 2, 1, a) < 0) return NULL;
    OuroObject *spec = a[1] ? a[1] : vm->empty_str;
    if (!ouro_str_check(spec))
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "format() argument 2 must be str, not %T", spec);
    return ouro_object_format(vm, a[0], spec);
}

static OuroObject *builtin_globals(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                   size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "globals", nargs, kwnames, 0, 0) < 0) return NULL;
    OuroObject *g = ouro_eval_globals(vm);
    return ouro_newref(g ? g : ouro_none);
}

static OuroObject *builtin_locals(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "locals", nargs, kwnames, 0, 0) < 0) return NULL;
    return ouro_eval_locals(vm);
}

static OuroObject *builtin_vars(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "vars", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 0) return ouro_eval_locals(vm);
    OuroObject *d = ouro_object_lookup_attr(vm, args[0], OURO_ID(vm, __dict__));
    if (d || ouro_err_occurred(vm)) return d;
    return ouro_err_format(vm, &ouro_exc_TypeError, "vars() argument must have __dict__ attribute");
}

static OuroObject *builtin_dir(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                               size_t nargs, OuroObject *kwnames) {
    if (ouro_args_check(vm, "dir", nargs, kwnames, 0, 1) < 0) return NULL;
    if (nargs == 1) return ouro_object_dir(vm, args[0]);
    OuroObject *locals = ouro_eval_locals(vm);
    if (!locals) return NULL;
    OuroObject *names = ouro_dict_check(locals) ? ouro_dict_keys_list(vm, locals)
                                                : ouro_list_from_iterable(vm, locals);
    ouro_decref(vm, locals);
    if (names && ouro_list_sort(vm, names, NULL, false) < 0) ouro_clear(vm, &names);
    return names;
}

static OuroObject *builtin_import(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                  size_t nargs, OuroObject *kwnames) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    OuroObject *a[5];
    if (ouro_args_bind(vm, "__import__", args, nargs, kwnames, names, 5, 0, 1, a) < 0)
        return NULL;
    if (!ouro_str_check(a[0]))
        return ouro_err_format(vm, &ouro_exc_TypeError, "__import__() argument 1 must be str, not %T",
                               a[0]);
    int64_t level = 0;
    if (a[4] && ouro_int_as_i64(vm, a[4], &level) < 0) return NULL;
    if (!vm->import) return ouro_err_format(vm, &ouro_exc_ImportError, "__import__ not found");
    return vm->import(vm, a[0], a[1] ? a[1] : ouro_none, a[3] ? a[3] : ouro_none, (int)level);
}

/* eval(source, globals=None, locals=None) and exec(...) compile strings through the hook
 * the stdlib installed, so the VM never calls the compiler directly. */
static OuroObject *run_source(OuroVM *vm, const char *fname, OuroObject *const *args,
                              size_t nargs, OuroObject *kwnames, OuroCompileMode mode) {
    static const char *const names[] = {"source", "globals", "locals"};
    OuroObject *a[3];
    if (ouro_args_bind(vm, fname, args, nargs, kwnames, names, 3, 1, 1, a) < 0) return NULL;
    OuroObject *globals = a[1] && a[1] != ouro_none ? a[1] : ouro_eval_globals(vm);
    OuroObject *locals_given = a[2] && a[2] != ouro_none ? a[2] : NULL;
    if (!globals || !ouro_dict_check(globals))
        return ouro_err_format(vm, &ouro_exc_TypeError, "%s() globals must be a dict, not %T",
                               fname, globals ? globals : ouro_none);
    OuroObject *code;
    if (!OURO_IS_SMALLINT(a[0]) && a[0]->type == &ouro_code_type) {
        code = ouro_newref(a[0]);
    } else if (ouro_str_check(a[0])) {
        if (!vm->compile) return ouro_err_format(vm, &ouro_exc_RuntimeError, "no compiler");
        code = vm->compile(vm, ouro_str_cstr(a[0]), ouro_str_size(a[0]), "<string>", mode);
        if (!code) return NULL;
    } else {
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "%s() arg 1 must be a string, bytes or code object", fname);
    }
    if (!ouro_dict_get_str(globals, OURO_ID(vm, __builtins__)) &&
        ouro_dict_set(vm, globals, OURO_ID(vm, __builtins__), vm->builtins_module) < 0) {
        ouro_decref(vm, code);
        return NULL;
    }
    bool globals_given = a[1] && a[1] != ouro_none;
    OuroObject *locals = locals_given  ? ouro_newref(locals_given)
                       : globals_given ? ouro_newref(globals)
                                       : ouro_eval_locals(vm);
    if (!locals) {
        ouro_decref(vm, code);
        return NULL;
    }
    OuroObject *r = ouro_eval_code(vm, code, globals, locals);
    ouro_decref(vm, locals);
    ouro_decref(vm, code);
    return r;
}

static OuroObject *builtin_eval(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    return run_source(vm, "eval", args, nargs, kwnames, OURO_MODE_EVAL);
}

static OuroObject *builtin_exec(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                                size_t nargs, OuroObject *kwnames) {
    OuroObject *r = run_source(vm, "exec", args, nargs, kwnames, OURO_MODE_EXEC);
    if (!r) return NULL;
    ouro_decref(vm, r);
    return ouro_newref(ouro_none);
}

static const OuroMethodDef builtin_functions[] = {
    {"__build_class__", ouro_build_class, 0, "Internal helper used by the class statement."},
    {"__import__", builtin_import, 0, "Import a module."},
    {"abs", builtin_abs, 0, "Return the absolute value of the argument."},
    {"ascii", builtin_ascii, 0, "Return an ASCII-only representation of an object."},
    {"bin", builtin_bin, 0, "Return the binary representation of an integer."},
    {"callable", builtin_callable, 0, "Return whether the object is callable."},
    {"chr", builtin_chr, 0, "Return a Unicode string of one character with ordinal i."},
    {"delattr", builtin_delattr, 0, "Deletes the named attribute from the given object."},
    {"dir", builtin_dir, 0, "Show attributes of an object."},
    {"divmod", builtin_divmod, 0, "Return the tuple (x//y, x%y)."},
    {"eval", builtin_eval, 0, "Evaluate the given source in the context of globals and locals."},
    {"exec", builtin_exec, 0, "Execute the given source in the context of globals and locals."},
    {"format", builtin_format, 0, "Return value.__format__(format_spec)."},
    {"getattr", builtin_getattr, 0, "Get a named attribute from an object."},
    {"globals", builtin_globals, 0, "Return the dictionary containing the current scope's global variables."},
    {"hasattr", builtin_hasattr, 0, "Return whether the object has an attribute with the given name."},
    {"hash", builtin_hash, 0, "Return the hash value for the given object."},
    {"hex", builtin_hex, 0, "Return the hexadecimal representation of an integer."},
    {"id", builtin_id, 0, "Return the identity of an object."},
    {"isinstance", builtin_isinstance, 0, "Return whether an object is an instance of a class or of a subclass thereof."},
    {"issubclass", builtin_issubclass, 0, "Return whether 'cls' is derived from another class or is the same class."},
    {"len", builtin_len, 0, "Return the number of items in a container."},
    {"locals", builtin_locals, 0, "Return a dictionary containing the current scope's local variables."},
    {"oct", builtin_oct, 0, "Return the octal representation of an integer."},
    {"ord", builtin_ord, 0, "Return the Unicode code point for a one-character string."},
    {"pow", builtin_pow, 0, "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments"},
    {"repr", builtin_repr, 0, "Return the canonical string representation of the object."},
    {"round", builtin_round, 0, "Round a number to a given precision in decimal digits."},
    {"setattr", builtin_setattr, 0, "Sets the named attribute on the given object to the specified value."},
    {"vars", builtin_vars, 0, "Show vars."},
    {NULL, NULL, 0, NULL},
};

static int add_types(OuroVM *vm, OuroObject *module) {
    static const struct { const char *name; OuroType *type; } types[] = {
        {"bool", &ouro_bool_type}, {"int", &ouro_int_type}, {"float", &ouro_float_type},
        {"str", &ouro_str_type}, {"list", &ouro_list_type}, {"tuple", &ouro_tuple_type},
        {"dict", &ouro_dict_type}, {"set", &ouro_set_type}, {"frozenset", &ouro_frozenset_type},
        {"range", &ouro_range_type}, {"slice", &ouro_slice_type}, {"object", &ouro_object_type},
        {"type", &ouro_type_type}, {"super", &ouro_super_type},
        {"staticmethod", &ouro_staticmethod_type}, {"classmethod", &ouro_classmethod_type},
        {"property", &ouro_property_type}, {"enumerate", &ouro_enumerate_type},
        {"zip", &ouro_zip_type}, {"map", &ouro_map_type}, {"filter", &ouro_filter_type},
        {"reversed", &ouro_reversed_type},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (ouro_module_add_object(vm, module, types[i].name, (OuroObject *)types[i].type) < 0)
            return -1;
#define X(N, B) if (ouro_module_add_object(vm, module, #N, (OuroObject *)&ouro_exc_##N) < 0) return -1;
#include "vm/exceptions.def"
#undef X
    /* CPython's alias kept for old code. */
    if (ouro_module_add_object(vm, module, "EnvironmentError", (OuroObject *)&ouro_exc_OSError) < 0 ||
        ouro_module_add_object(vm, module, "IOError", (OuroObject *)&ouro_exc_OSError) < 0)
        return -1;
    return 0;
}

static int add_constants(OuroVM *vm, OuroObject *module) {
    return ouro_module_add_object(vm, module, "None", ouro_none) < 0 ||
                   ouro_module_add_object(vm, module, "True", ouro_true) < 0 ||
                   ouro_module_add_object(vm, module, "False", ouro_false) < 0 ||
                   ouro_module_add_object(vm, module, "Ellipsis", ouro_ellipsis) < 0 ||
                   ouro_module_add_object(vm, module, "NotImplemented", ouro_not_implemented) < 0 ||
                   ouro_module_add_object(vm, module, "__debug__", ouro_true) < 0
               ? -1
               : 0;
}

OuroObject *ouro_init_builtins(OuroVM *vm) {
    OuroObject *module = ouro_module_new(vm, "builtins");
    if (!module) return NULL;
    if (ouro_module_add_functions(vm, module, builtin_functions) < 0 ||
        ouro_builtins_add_iter_functions(vm, module) < 0 ||
        ouro_builtins_add_io_functions(vm, module) < 0 || add_types(vm, module) < 0 ||
        add_constants(vm, module) < 0) {
        ouro_decref(vm, module);
        return NULL;
    }
    return module;
}
