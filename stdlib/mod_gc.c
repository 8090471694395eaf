/* stdlib/mod_gc.c — the gc module, as CPython 3.11's Modules/gcmodule.c presents it: names,
 * signatures, defaults, error messages. A thin binding: collections go through
 * vm/collect.c (callbacks, saved exceptions), the lists and counters are gc/'s. The
 * introspection functions (get_objects, get_referrers) walk generations 0-2 as CPython
 * does, also from a __del__ during a collection; they only read the lists, and appending
 * to their result list allocates no tracked object, so the walk cannot be disturbed. */
#include "stdlib/modules.h"

#include "stdlib/gc_dump.h"
#include "vm/collect.h"

#include <limits.h>

#define GC_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, \
                OuroObject *kw

/* True when o has a GC head the collector may link: a container that is not an immortal
 * static (static types and singletons have no head). CPython's _PyObject_IS_GC. */
static bool has_gc_head(OuroObject *o) {
    return !OURO_IS_SMALLINT(o) && o->refcnt < OURO_IMMORTAL_REFCNT && ouro_gc_is_container(o);
}

/* ---- enable, disable, isenabled, collect ---------------------------------------------------- */

static OuroObject *gc_enable(GC_ARGS) {
    if (ouro_args_check(vm, "gc.enable", nargs, kw, 0, 0) < 0) return NULL;
    ouro_heap(vm)->enabled = true;
    return ouro_newref(ouro_none);
}

static OuroObject *gc_disable(GC_ARGS) {
    if (ouro_args_check(vm, "gc.disable", nargs, kw, 0, 0) < 0) return NULL;
    ouro_heap(vm)->enabled = false;
    return ouro_newref(ouro_none);
}

static OuroObject *gc_isenabled(GC_ARGS) {
    if (ouro_args_check(vm, "gc.isenabled", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_newref(ouro_bool_from(ouro_heap(vm)->enabled));
}

static OuroObject *gc_collect(GC_ARGS) {
    static const char *const names[] = { "generation" };
    OuroObject *arg;
    if (ouro_args_bind(vm, "collect", args, nargs, kw, names, 1, 0, 0, &arg) < 0) return NULL;
    int generation = OURO_GC_GENERATIONS - 1;
    if (arg && ouro_arg_c_int(vm, arg, &generation) < 0) return NULL;
    if (generation < 0 || generation >= OURO_GC_GENERATIONS) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "invalid generation");
        return NULL;
    }
    return ouro_int_from_u64(vm, ouro_vm_collect(vm, generation));
}

/* ---- debug flags, counts, thresholds, stats ------------------------------------------------- */

static OuroObject *gc_set_debug(GC_ARGS) {
    if (ouro_args_check(vm, "gc.set_debug", nargs, kw, 1, 1) < 0) return NULL;
    int flags;
    if (ouro_arg_c_int(vm, args[0], &flags) < 0) return NULL;
    ouro_heap(vm)->debug = flags;
    return ouro_newref(ouro_none);
}

static OuroObject *gc_get_debug(GC_ARGS) {
    if (ouro_args_check(vm, "gc.get_debug", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_i64(vm, ouro_heap(vm)->debug);
}

static OuroObject *gc_get_count(GC_ARGS) {
    if (ouro_args_check(vm, "gc.get_count", nargs, kw, 0, 0) < 0) return NULL;
    OuroGCGeneration *g = ouro_heap(vm)->generations;
    return ouro_tuple_pack(vm, 3, ouro_smallint(g[0].count), ouro_smallint(g[1].count),
                           ouro_smallint(g[2].count));
}

static OuroObject *gc_get_threshold(GC_ARGS) {
    if (ouro_args_check(vm, "gc.get_threshold", nargs, kw, 0, 0) < 0) return NULL;
    OuroGCGeneration *g = ouro_heap(vm)->generations;
    return ouro_tuple_pack(vm, 3, ouro_smallint(g[0].threshold), ouro_smallint(g[1].threshold),
                           ouro_smallint(g[2].threshold));
}

/* PyArg_ParseTuple(args, "i|ii:set_threshold", ...) stores each threshold as soon as it is
 * converted, so set_threshold(5, 'x') raises yet leaves threshold0 at 5: so do we. */
static OuroObject *gc_set_threshold(GC_ARGS) {
    if (kw && ouro_tuple_size(kw) > 0)
        return ouro_err_format(vm, &ouro_exc_TypeError, "set_threshold() takes no keyword arguments");
    if (nargs < 1)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "set_threshold() takes at least 1 argument (%zu given)", nargs);
    if (nargs > 3)
        return ouro_err_format(vm, &ouro_exc_TypeError,
                               "set_threshold() takes at most 3 arguments (%zu given)", nargs);
    OuroGCGeneration *g = ouro_heap(vm)->generations;
    for (size_t i = 0; i < nargs; i++)
        if (ouro_arg_format_i(vm, args[i], &g[i].threshold) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *stats_dict(OuroVM *vm, const OuroGCStats *st) {
    OuroObject *d = ouro_dict_new(vm);
    OuroObject *v[3] = { ouro_int_from_u64(vm, st->collections),
                         ouro_int_from_u64(vm, st->collected),
                         ouro_int_from_u64(vm, st->uncollectable) };
    static const char *const keys[3] = { "collections", "collected", "uncollectable" };
    bool ok = d && v[0] && v[1] && v[2];
    for (int i = 0; i < 3 && ok; i++) ok = ouro_dict_set_cstr(vm, d, keys[i], v[i]) == 0;
    for (int i = 0; i < 3; i++) ouro_xdecref(vm, v[i]);
    if (!ok) ouro_clear(vm, &d);
    return d;
}

static OuroObject *gc_get_stats(GC_ARGS) {
    if (ouro_args_check(vm, "gc.get_stats", nargs, kw, 0, 0) < 0) return NULL;
    /* A copy first, as CPython: building the dicts may allocate, and must not see the
     * numbers change half-way. */
    OuroGCStats stats[OURO_GC_GENERATIONS];
    for (int i = 0; i < OURO_GC_GENERATIONS; i++) stats[i] = ouro_heap(vm)->stats[i];
    OuroObject *result = ouro_list_new(vm, OURO_GC_GENERATIONS);
    if (!result) return NULL;
    for (int i = 0; i < OURO_GC_GENERATIONS; i++) {
        OuroObject *d = stats_dict(vm, &stats[i]);
        if (!d || ouro_list_append_steal(vm, result, d) < 0) {
            ouro_decref(vm, result);
            return NULL;
        }
    }
    return result;
}

/* ---- get_objects, get_referrers, get_referents ------------------------------------------------ */

/* Appends every object of one generation list to result, except result itself. */
static int append_generation(OuroVM *vm, OuroObject *result, int generation) {
    OuroGCHead *head = &ouro_heap(vm)->generations[generation].head;
    for (OuroGCHead *g = head->next; g != head; g = g->next) {
        OuroObject *o = ouro_gc_object(g);
        if (o != result && ouro_list_append(vm, result, o) < 0) return -1;
    }
    return 0;
}

/* Argument clinic's Py_ssize_t converter with accept={int, NoneType}: None means "all",
 * and so does -1, its sentinel (a CPython quirk kept on purpose). */
static int generation_arg(OuroVM *vm, OuroObject *arg, intptr_t *out) {
    *out = -1;
    if (!arg || arg == ouro_none) return 0;
    if (!ouro_int_check(arg) && !arg->type->nb_index) {
        ouro_err_format(vm, &ouro_exc_TypeError, "argument should be integer or None, not '%T'", arg);
        return -1;
    }
    intptr_t v = ouro_number_as_ssize(vm, arg, &ouro_exc_OverflowError);
    if (v == -1 && ouro_err_occurred(vm)) return -1;
    *out = v;
    return 0;
}

static OuroObject *gc_get_objects(GC_ARGS) {
    static const char *const names[] = { "generation" };
    OuroObject *arg;
    intptr_t generation;
    if (ouro_args_bind(vm, "get_objects", args, nargs, kw, names, 1, 0, 0, &arg) < 0 ||
        generation_arg(vm, arg, &generation) < 0)
        return NULL;
    OuroObject *result = ouro_list_new(vm, 0);
    if (!result) return NULL;
    if (generation != -1) {
        if (generation >= OURO_GC_GENERATIONS) {
            ouro_err_format(vm, &ouro_exc_ValueError,
                            "generation parameter must be less than the number of available "
                            "generations (%i)", OURO_GC_GENERATIONS);
            goto error;
        }
        if (generation < 0) {
            ouro_err_set_str(vm, &ouro_exc_ValueError, "generation parameter cannot be negative");
            goto error;
        }
        if (append_generation(vm, result, (int)generation) < 0) goto error;
        return result;
    }
    for (int i = 0; i < OURO_GC_GENERATIONS; i++)
        if (append_generation(vm, result, i) < 0) goto error;
    return result;
error:
    ouro_decref(vm, result);
    return NULL;
}

typedef struct Targets {
    OuroObject *const *objs;
    size_t n;
} Targets;

static int refers_to_target(OuroObject *child, void *arg) {
    const Targets *t = arg;
    for (size_t i = 0; i < t->n; i++)
        if (t->objs[i] == child) return 1;
    return 0;
}

/* CPython also skips its METH_VARARGS args tuple, which for gc.get_referrers(*t) is t
 * itself; our arguments arrive as an array, so such a t is listed like any referrer. */
static OuroObject *gc_get_referrers(GC_ARGS) {
    if (ouro_args_check(vm, "get_referrers", nargs, kw, 0, SIZE_MAX) < 0) return NULL;
    OuroObject *result = ouro_list_new(vm, 0);
    if (!result) return NULL;
    Targets targets = { args, nargs };
    for (int i = 0; i < OURO_GC_GENERATIONS && nargs > 0; i++) {
        OuroGCHead *head = &ouro_heap(vm)->generations[i].head;
        for (OuroGCHead *g = head->next; g != head; g = g->next) {
            OuroObject *o = ouro_gc_object(g);
            if (o == result) continue;
            OuroTraverseFn traverse = ouro_gc_hooks(o)->traverse;
            if (traverse && traverse(o, refers_to_target, &targets) &&
                ouro_list_append(vm, result, o) < 0) {
                ouro_decref(vm, result);
                return NULL;
            }
        }
    }
    return result;
}

typedef struct Referents {
    OuroVM *vm;
    OuroObject *result;
} Referents;

static int append_referent(OuroObject *child, void *arg) {
    Referents *r = arg;
    if (!child) return 0;
    return ouro_list_append(r->vm, r->result, child) < 0 ? -1 : 0;
}

static OuroObject *gc_get_referents(GC_ARGS) {
    if (ouro_args_check(vm, "get_referents", nargs, kw, 0, SIZE_MAX) < 0) return NULL;
    Referents r = { vm, ouro_list_new(vm, 0) };
    if (!r.result) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        OuroObject *o = args[i];
        if (!has_gc_head(o) || !ouro_gc_hooks(o)->traverse) continue;
        if (ouro_gc_hooks(o)->traverse(o, append_referent, &r)) {
            ouro_decref(vm, r.result);
            return NULL;
        }
    }
    return r.result;
}

/* ---- is_tracked, is_finalized, freeze --------------------------------------------------------- */

static OuroObject *gc_is_tracked(GC_ARGS) {
    if (ouro_args_check(vm, "gc.is_tracked", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *o = args[0];
    return ouro_newref(ouro_bool_from(has_gc_head(o) && ouro_gc_is_tracked(o)));
}

static OuroObject *gc_is_finalized(GC_ARGS) {
    if (ouro_args_check(vm, "gc.is_finalized", nargs, kw, 1, 1) < 0) return NULL;
    OuroObject *o = args[0];
    bool fin = has_gc_head(o) && (ouro_gc_head(o)->flags & OURO_GCF_FINALIZED) != 0;
    return ouro_newref(ouro_bool_from(fin));
}

static OuroObject *gc_freeze(GC_ARGS) {
    if (ouro_args_check(vm, "gc.freeze", nargs, kw, 0, 0) < 0) return NULL;
    ouro_gc_freeze(ouro_heap(vm));
    return ouro_newref(ouro_none);
}

static OuroObject *gc_unfreeze(GC_ARGS) {
    if (ouro_args_check(vm, "gc.unfreeze", nargs, kw, 0, 0) < 0) return NULL;
    ouro_gc_unfreeze(ouro_heap(vm));
    return ouro_newref(ouro_none);
}

static OuroObject *gc_get_freeze_count(GC_ARGS) {
    if (ouro_args_check(vm, "gc.get_freeze_count", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_int_from_u64(vm, ouro_gc_freeze_count(ouro_heap(vm)));
}

/* ---- the module --------------------------------------------------------------------------- */

static const OuroMethodDef gc_functions[] = {
    { "enable", gc_enable, 0, "Enable automatic garbage collection." },
    { "disable", gc_disable, 0, "Disable automatic garbage collection." },
    { "isenabled", gc_isenabled, 0, "Returns true if automatic garbage collection is enabled." },
    { "collect", gc_collect, 0,
      "Run the garbage collector.\n\n"
      "With no arguments, run a full collection.  The optional argument\n"
      "may be an integer specifying which generation to collect.  A ValueError\n"
      "is raised if the generation number is invalid.\n\n"
      "The number of unreachable objects is returned." },
    { "set_debug", gc_set_debug, 0,
      "Set the garbage collection debugging flags.\n\n"
      "  flags\n"
      "    An integer that can have the following bits turned on:\n"
      "      DEBUG_STATS - Print statistics during collection.\n"
      "      DEBUG_COLLECTABLE - Print collectable objects found.\n"
      "      DEBUG_UNCOLLECTABLE - Print unreachable but uncollectable objects\n"
      "        found.\n"
      "      DEBUG_SAVEALL - Save objects to gc.garbage rather than freeing them.\n"
      "      DEBUG_LEAK - Debug leaking programs (everything but STATS).\n"
      "      DEBUG_TRACE - Narrate each phase of each collection (Ouroboros only).\n\n"
      "Debugging information is written to sys.stderr." },
    { "get_debug", gc_get_debug, 0, "Get the garbage collection debugging flags." },
    { "get_count", gc_get_count, 0, "Return a three-tuple of the current collection counts." },
    { "set_threshold", gc_set_threshold, 0,
      "set_threshold(threshold0, [threshold1, threshold2]) -> None\n\n"
      "Sets the collection thresholds.  Setting threshold0 to zero disables\n"
      "collection.\n" },
    { "get_threshold", gc_get_threshold, 0, "Return the current collection thresholds." },
    { "get_stats", gc_get_stats, 0,
      "Return a list of dictionaries containing per-generation statistics." },
    { "get_objects", gc_get_objects, 0,
      "Return a list of objects tracked by the collector (excluding the list returned).\n\n"
      "  generation\n"
      "    Generation to extract the objects from.\n\n"
      "If generation is not None, return only the objects tracked by the collector\n"
      "that are in that generation." },
    { "get_referrers", gc_get_referrers, 0,
      "get_referrers(*objs) -> list\n"
      "Return the list of objects that directly refer to any of objs." },
    { "get_referents", gc_get_referents, 0,
      "get_referents(*objs) -> list\n"
      "Return the list of objects that are directly referred to by objs." },
    { "is_tracked", gc_is_tracked, 0,
      "Returns true if the object is tracked by the garbage collector.\n\n"
      "Simple atomic objects will return false." },
    { "is_finalized", gc_is_finalized, 0,
      "Returns true if the object has been already finalized by the GC." },
    { "freeze", gc_freeze, 0,
      "Freeze all current tracked objects and ignore them for future collections.\n\n"
      "This can be used before a POSIX fork() call to make the gc copy-on-write friendly.\n"
      "Note: collection before a POSIX fork() call may free pages for future allocation\n"
      "which can cause copy-on-write." },
    { "unfreeze", gc_unfreeze, 0,
      "Unfreeze all objects in the permanent generation.\n\n"
      "Put all objects in the permanent generation back into oldest generation." },
    { "get_freeze_count", gc_get_freeze_count, 0,
      "Return the number of objects in the permanent generation." },
    { "dump_heap", ouro_gc_dump_heap, 0,
      "dump_heap(filename, generation=None, roots=None, library=False, permanent=False)\n"
      "\n"
      "Write the objects tracked by the collector as a GraphViz .dot file.\n\n"
      "Nodes are filled by generation (frozen objects grey); objects in a reference\n"
      "cycle have a red border and share a red cluster.  By default, objects reachable\n"
      "from library modules (every module but __main__) are left out; library=True\n"
      "keeps them, roots=[objs] keeps only what is reachable from objs.  Returns the\n"
      "number of objects written.  Ouroboros only." },
    { NULL, NULL, 0, NULL },
};

static const char gc_doc[] =
    "This module provides access to the garbage collector for reference cycles.\n\n"
    "enable() -- Enable automatic garbage collection.\n"
    "disable() -- Disable automatic garbage collection.\n"
    "isenabled() -- Returns true if automatic collection is enabled.\n"
    "collect() -- Do a full collection right now.\n"
    "get_count() -- Return the current collection counts.\n"
    "get_stats() -- Return list of dictionaries containing per-generation stats.\n"
    "set_debug() -- Set debugging flags.\n"
    "get_debug() -- Get debugging flags.\n"
    "set_threshold() -- Set the collection thresholds.\n"
    "get_threshold() -- Return the current the collection thresholds.\n"
    "get_objects() -- Return a list of all objects tracked by the collector.\n"
    "is_tracked() -- Returns true if a given object is tracked.\n"
    "is_finalized() -- Returns true if a given object has been already finalized.\n"
    "get_referrers() -- Return the list of objects that refer to an object.\n"
    "get_referents() -- Return the list of objects that an object refers to.\n"
    "freeze() -- Freeze all tracked objects and ignore them for future collections.\n"
    "unfreeze() -- Unfreeze all objects in the permanent generation.\n"
    "get_freeze_count() -- Return the number of objects in the permanent generation.\n";

static int add_attributes(OuroVM *vm, OuroObject *m) {
    static const struct { const char *name; int value; } flags[] = {
        { "DEBUG_STATS", OURO_GC_DEBUG_STATS },
        { "DEBUG_COLLECTABLE", OURO_GC_DEBUG_COLLECTABLE },
        { "DEBUG_UNCOLLECTABLE", OURO_GC_DEBUG_UNCOLLECTABLE },
        { "DEBUG_SAVEALL", OURO_GC_DEBUG_SAVEALL },
        { "DEBUG_LEAK", OURO_GC_DEBUG_LEAK },
        { "DEBUG_TRACE", OURO_GC_DEBUG_TRACE },
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (ouro_module_add_int(vm, m, flags[i].name, flags[i].value) < 0) return -1;
    /* The module binds the VM's own lists: rebinding gc.garbage or gc.callbacks changes
     * what the name means, never what the collector uses (as CPython). */
    int r = ouro_module_add_native_attrs(vm, m, gc_doc);
    if (r == 0) r = ouro_module_add_object(vm, m, "garbage", vm->gc_garbage);
    if (r == 0) r = ouro_module_add_object(vm, m, "callbacks", vm->gc_callbacks);
    return r;
}

OuroObject *ouro_init_gc(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "gc");
    if (!m) return NULL;
    if (ouro_module_add_functions(vm, m, gc_functions) < 0 || add_attributes(vm, m) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
