/* vm/args.c — binding vectorcall arguments of built-in functions to their parameters, with
 * the TypeError messages CPython's argument clinic produces (users compare them). Python
 * functions bind their arguments in vm/call.c instead. */
#include "vm/ouro.h"

#include <limits.h>
#include <string.h>

/* CPython's _PyArg_CheckPositional names the function without its type ("pop", not
 * "list.pop"); the METH_O/METH_NOARGS messages use the qualified name. */
static const char *bare_name(const char *fname) {
    const char *dot = strrchr(fname, '.');
    return dot ? dot + 1 : fname;
}

static bool has_keywords(OuroObject *kwnames) {
    return kwnames && ouro_tuple_size(kwnames) > 0;
}

int ouro_args_check(OuroVM *vm, const char *fname, size_t nargs, OuroObject *kwnames,
                    size_t min, size_t max) {
    if (has_keywords(kwnames)) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no keyword arguments", fname);
        return -1;
    }
    if (nargs >= min && nargs <= max) return 0;
    if (min == 1 && max == 1) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes exactly one argument (%zu given)",
                        fname, nargs);
    } else if (max == 0) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no arguments (%zu given)", fname,
                        nargs);
    } else {
        size_t bound = nargs < min ? min : max;
        const char *qualifier = min == max ? "" : nargs < min ? "at least " : "at most ";
        ouro_err_format(vm, &ouro_exc_TypeError, "%s expected %s%zu argument%s, got %zu",
                        bare_name(fname), qualifier, bound, bound == 1 ? "" : "s", nargs);
    }
    return -1;
}

/* A parameter name starting with '*' begins the keyword-only parameters. */
static const char *param_name(const char *name) { return name[0] == '*' ? name + 1 : name; }

static int count_positional(const char *const *names, int nparams) {
    for (int i = 0; i < nparams; i++)
        if (names[i][0] == '*') return i;
    return nparams;
}

static int too_many_positional(OuroVM *vm, const char *fname, int maxpos, int nrequired,
                               bool has_kwonly, size_t nargs) {
    if (maxpos == 0) {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes no positional arguments", fname);
    } else {
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes %s %d %sargument%s (%zu given)",
                        fname, nrequired < maxpos ? "at most" : "exactly", maxpos,
                        has_kwonly ? "positional " : "", maxpos == 1 ? "" : "s", nargs);
    }
    return -1;
}

static int bind_keyword(OuroVM *vm, const char *fname, const char *const *names, int nparams,
                        int nposonly, size_t nargs, OuroObject *key, OuroObject *value,
                        OuroObject **out) {
    for (int i = nposonly; i < nparams; i++) {
        if (!ouro_str_equal_cstr(key, param_name(names[i]))) continue;
        if ((size_t)i < nargs) {
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "argument for %s() given by name ('%s') and position (%d)", fname,
                            param_name(names[i]), i + 1);
            return -1;
        }
        out[i] = value;
        return 0;
    }
    ouro_err_format(vm, &ouro_exc_TypeError, "'%U' is an invalid keyword argument for %s()",
                    key, fname);
    return -1;
}

int ouro_args_bind(OuroVM *vm, const char *fname, OuroObject *const *args, size_t nargs,
                   OuroObject *kwnames, const char *const *names, int nparams, int nposonly,
                   int nrequired, OuroObject **out) {
    int maxpos = count_positional(names, nparams);
    size_t nkw = kwnames ? ouro_tuple_size(kwnames) : 0;
    if (nargs + nkw > (size_t)nparams) {
        /* _PyArg_UnpackKeywords checks the total first; "keyword " when none is positional. */
        ouro_err_format(vm, &ouro_exc_TypeError, "%s() takes at most %d %sargument%s (%zu given)",
                        fname, nparams, nargs == 0 ? "keyword " : "", nparams == 1 ? "" : "s",
                        nargs + nkw);
        return -1;
    }
    if (nargs > (size_t)maxpos)
        return too_many_positional(vm, fname, maxpos, nrequired, maxpos < nparams, nargs);
    for (int i = 0; i < nparams; i++) out[i] = (size_t)i < nargs ? args[i] : NULL;
    if (kwnames) {
        for (size_t k = 0; k < nkw; k++) {
            if (bind_keyword(vm, fname, names, nparams, nposonly, nargs,
                             ouro_tuple_get(kwnames, k), args[nargs + k], out) < 0)
                return -1;
        }
    }
    for (int i = 0; i < nrequired; i++) {
        if (out[i]) continue;
        if (i < maxpos)
            ouro_err_format(vm, &ouro_exc_TypeError, "%s() missing required argument '%s' (pos %d)",
                            fname, param_name(names[i]), i + 1);
        else
            ouro_err_format(vm, &ouro_exc_TypeError,
                            "%s() missing required keyword-only argument '%s'", fname,
                            param_name(names[i]));
        return -1;
    }
    return 0;
}

/* ---- integer arguments --------------------------------------------------------------------- */

/* o.__index__() as an int64 (C long); an overflow raises OverflowError(overflow_msg). */
static int index_as_long(OuroVM *vm, OuroObject *o, const char *overflow_msg, int64_t *out) {
    if (OURO_IS_SMALLINT(o)) {
        *out = ouro_smallint_value(o);
        return 0;
    }
    OuroObject *i = ouro_number_index(vm, o);
    if (!i) return -1;
    int r = ouro_int_as_i64(vm, i, out);
    ouro_decref(vm, i);
    if (r < 0 && ouro_err_matches(vm, &ouro_exc_OverflowError)) {
        ouro_err_clear(vm);
        ouro_err_set_str(vm, &ouro_exc_OverflowError, overflow_msg);
    }
    return r;
}

int ouro_arg_c_int(OuroVM *vm, OuroObject *o, int *out) {
    static const char msg[] = "Python int too large to convert to C int";
    int64_t v;
    if (index_as_long(vm, o, msg, &v) < 0) return -1;
    if (v > INT_MAX || v < INT_MIN) {
        ouro_err_set_str(vm, &ouro_exc_OverflowError, msg);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int ouro_arg_format_i(OuroVM *vm, OuroObject *o, int *out) {
    if (ouro_float_check(o)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return -1;
    }
    int64_t v;
    if (index_as_long(vm, o, "Python int too large to convert to C long", &v) < 0) return -1;
    if (v > INT_MAX || v < INT_MIN) {
        ouro_err_set_str(vm, &ouro_exc_OverflowError, v > INT_MAX
                         ? "signed integer is greater than maximum"
                         : "signed integer is less than minimum");
        return -1;
    }
    *out = (int)v;
    return 0;
}
