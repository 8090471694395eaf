/* stdlib/mod_tracemalloc.c — the native `_tracemalloc` module (CPython 3.11's
 * Modules/_tracemalloc.c API): while tracing, the heap's trace_alloc / trace_free seams
 * record every block in a table block -> (size, traceback), tracebacks (the innermost
 * frames' filename and line) interned once, current and peak totals. The hooks allocate
 * no Python object; stdlib/lib/tracemalloc.py builds snapshots and statistics on top. */
#include "stdlib/modules.h"

#include "vm/eval.h"

#include <stdlib.h>
#include <string.h>

enum { TM_MAX_NFRAME = 65535, TM_MIN_CAPACITY = 1024 };

/* One interned traceback: its frames innermost first. Filenames are owned (increfed once,
 * when the traceback is interned) so a snapshot can name a file whose code has died. */
typedef struct TmTraceback {
    size_t hash;
    uint32_t nframe, total_nframe;
    OuroObject *tuple;                /* _get_traces' tuple while it is built, else NULL */
    OuroFrameLine frames[];
} TmTraceback;

typedef struct TmTrace {
    uintptr_t block;                  /* 0 = empty slot */
    size_t size;
    TmTraceback *traceback;
} TmTrace;

typedef struct TmState {
    bool tracing;
    uint32_t max_nframe;
    TmTrace *traces;                  /* open addressing, backward-shift deletion */
    size_t traces_mask, traces_len;
    TmTraceback **tracebacks;         /* open addressing set, cleared all at once */
    size_t tracebacks_mask, tracebacks_len;
    size_t traceback_bytes;
    size_t current, peak;             /* traced bytes now, and their highest value */
    OuroFrameLine *scratch;           /* max_nframe frames for the hook */
    OuroObject *unknown;              /* "<unknown>": the frame of an allocation outside code */
    OuroObject *owner;                /* the module attribute whose death frees this state */
} TmState;

static inline TmState *state_of(OuroHeap *heap) {
    return (TmState *)ouro_vm_of_heap(heap)->tracemalloc;
}

/* ---- the traces table: block address -> trace --------------------------------------- */

static inline size_t block_slot(uintptr_t key, size_t mask) {
    return (size_t)(((uint64_t)key >> 4) * 0x9E3779B97F4A7C15ull >> 20) & mask;
}

static void traces_put(TmTrace *slots, size_t mask, TmTrace t) {
    size_t i = block_slot(t.block, mask);
    while (slots[i].block) i = (i + 1) & mask;
    slots[i] = t;
}

/* Doubles the table at 50% load; false when it is full and cannot grow. */
static bool traces_make_room(TmState *s) {
    size_t cap = s->traces ? s->traces_mask + 1 : 0;
    if (s->traces && s->traces_len * 2 < cap) return true;
    size_t ncap = cap ? cap * 2 : TM_MIN_CAPACITY;
    TmTrace *slots = calloc(ncap, sizeof *slots);
    if (!slots) return s->traces && s->traces_len + 1 < cap;
    for (size_t i = 0; i < cap; i++)
        if (s->traces[i].block) traces_put(slots, ncap - 1, s->traces[i]);
    free(s->traces);
    s->traces = slots;
    s->traces_mask = ncap - 1;
    return true;
}

static TmTrace *traces_find(TmState *s, uintptr_t block) {
    if (!s->traces) return NULL;
    for (size_t i = block_slot(block, s->traces_mask);; i = (i + 1) & s->traces_mask) {
        if (s->traces[i].block == block) return &s->traces[i];
        if (!s->traces[i].block) return NULL;
    }
}

/* Empties slot t; later entries of its run move back so every lookup still finds them. */
static void traces_remove(TmState *s, TmTrace *t) {
    size_t mask = s->traces_mask, i = (size_t)(t - s->traces);
    for (size_t j = (i + 1) & mask; s->traces[j].block; j = (j + 1) & mask) {
        size_t home = block_slot(s->traces[j].block, mask);
        bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
        if (stays) continue;
        s->traces[i] = s->traces[j];
        i = j;
    }
    s->traces[i].block = 0;
    s->traces_len--;
}

/* ---- interned tracebacks -------------------------------------------------------------- */

static size_t frames_hash(const OuroFrameLine *frames, size_t n, size_t total) {
    uint64_t h = 0x345678u ^ total;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (uint64_t)(uintptr_t)frames[i].filename) * 0x100000001B3ull;
        h = (h ^ (uint64_t)(uint32_t)frames[i].lineno) * 0x100000001B3ull;
    }
    return (size_t)(h ^ (h >> 29));
}

static bool same_frames(const TmTraceback *tb, const OuroFrameLine *frames, size_t n,
                        size_t total) {
    if (tb->nframe != n || tb->total_nframe != total) return false;
    for (size_t i = 0; i < n; i++)
        if (tb->frames[i].filename != frames[i].filename ||
            tb->frames[i].lineno != frames[i].lineno)
            return false;
    return true;
}

static bool tracebacks_make_room(TmState *s) {
    size_t cap = s->tracebacks ? s->tracebacks_mask + 1 : 0;
    if (s->tracebacks && s->tracebacks_len * 2 < cap) return true;
    size_t ncap = cap ? cap * 2 : TM_MIN_CAPACITY;
    TmTraceback **slots = calloc(ncap, sizeof *slots);
    if (!slots) return s->tracebacks && s->tracebacks_len + 1 < cap;
    for (size_t i = 0; i < cap; i++) {
        TmTraceback *tb = s->tracebacks[i];
        if (!tb) continue;
        size_t j = tb->hash & (ncap - 1);
        while (slots[j]) j = (j + 1) & (ncap - 1);
        slots[j] = tb;
    }
    free(s->tracebacks);
    s->tracebacks = slots;
    s->tracebacks_mask = ncap - 1;
    return true;
}

/* The interned traceback for these frames (made on first sight); NULL when out of memory. */
static TmTraceback *traceback_intern(TmState *s, const OuroFrameLine *frames, size_t n,
                                     size_t total) {
    if (!tracebacks_make_room(s)) return NULL;
    size_t hash = frames_hash(frames, n, total), mask = s->tracebacks_mask;
    size_t i = hash & mask;
    for (TmTraceback *tb; (tb = s->tracebacks[i]); i = (i + 1) & mask)
        if (tb->hash == hash && same_frames(tb, frames, n, total)) return tb;
    size_t bytes = sizeof(TmTraceback) + n * sizeof(OuroFrameLine);
    TmTraceback *tb = malloc(bytes);
    if (!tb) return NULL;
    tb->hash = hash;
    tb->nframe = (uint32_t)n;
    tb->total_nframe = (uint32_t)total;
    tb->tuple = NULL;
    for (size_t k = 0; k < n; k++) {
        tb->frames[k] = frames[k];
        ouro_incref(frames[k].filename);
    }
    s->tracebacks[i] = tb;
    s->tracebacks_len++;
    s->traceback_bytes += bytes;
    return tb;
}

/* The traceback of the allocation happening now. */
static TmTraceback *traceback_now(OuroVM *vm, TmState *s) {
    size_t total;
    size_t n = ouro_eval_frame_lines(vm, s->scratch, s->max_nframe, &total, UINT16_MAX);
    if (n == 0) {
        /* Outside any code (start-up, teardown): CPython's "<unknown>":0 frame. */
        OuroFrameLine unknown = {s->unknown, 0};
        return traceback_intern(s, &unknown, 1, 1);
    }
    return traceback_intern(s, s->scratch, n, total);
}

/* ---- the hooks ------------------------------------------------------------------------ */

static void forget_block(TmState *s, uintptr_t block) {
    TmTrace *t = traces_find(s, block);
    if (!t) return;
    s->current -= t->size;
    traces_remove(s, t);
}

static void trace_alloc(OuroHeap *heap, void *block, size_t size) {
    TmState *s = state_of(heap);
    if (!s || !s->tracing || !block) return;
    uintptr_t key = (uintptr_t)block;
    forget_block(s, key);             /* a block reported again replaces its trace */
    TmTraceback *tb = traceback_now(ouro_vm_of_heap(heap), s);
    if (!tb || !traces_make_room(s)) return;   /* out of memory: left untraced */
    traces_put(s->traces, s->traces_mask, (TmTrace){key, size, tb});
    s->traces_len++;
    s->current += size;
    if (s->current > s->peak) s->peak = s->current;
}

static void trace_free(OuroHeap *heap, void *block) {
    TmState *s = state_of(heap);
    if (s && s->traces_len) forget_block(s, (uintptr_t)block);
}

/* ---- state ---------------------------------------------------------------------------- */

/* Forgets every trace and traceback; totals back to 0 (CPython's tracemalloc_clear_traces).
 * The tables are emptied before the filenames are released: a str freed now reports its
 * free to the hook, which must find a consistent (empty) table. */
static void clear_traces(OuroVM *vm, TmState *s) {
    free(s->traces);
    s->traces = NULL;
    s->traces_mask = s->traces_len = 0;
    s->current = s->peak = 0;
    TmTraceback **tbs = s->tracebacks;
    size_t cap = tbs ? s->tracebacks_mask + 1 : 0;
    s->tracebacks = NULL;
    s->tracebacks_mask = s->tracebacks_len = 0;
    s->traceback_bytes = 0;
    for (size_t i = 0; i < cap; i++) {
        TmTraceback *tb = tbs[i];
        if (!tb) continue;
        for (uint32_t k = 0; k < tb->nframe; k++) ouro_decref(vm, tb->frames[k].filename);
        free(tb);
    }
    free(tbs);
}

static void install_hooks(OuroVM *vm, bool on) {
    OuroHeap *heap = ouro_heap(vm);
    heap->seams.trace_alloc = on ? trace_alloc : NULL;
    heap->seams.trace_free = on ? trace_free : NULL;
    ouro_gc_watch_update(heap);
}

static void stop_tracing(OuroVM *vm, TmState *s) {
    if (!s->tracing) return;
    install_hooks(vm, false);
    s->tracing = false;
    clear_traces(vm, s);
    free(s->scratch);
    s->scratch = NULL;
}

/* Starting again while tracing changes nothing, not even the limit (as CPython 3.11). */
static int start_tracing(OuroVM *vm, TmState *s, uint32_t nframe) {
    if (s->tracing) return 0;
    OuroFrameLine *scratch = realloc(s->scratch, nframe * sizeof *scratch);
    if (!scratch) {
        ouro_err_no_memory(vm);
        return -1;
    }
    s->scratch = scratch;
    s->max_nframe = nframe;
    s->tracing = true;
    install_hooks(vm, true);
    return 0;
}

/* The module holds one object of this type; its death (module teardown) stops tracing and
 * frees the state, so nothing the tables hold outlives the VM. */
typedef struct TmOwner {
    OuroObject ob;
} TmOwner;

static void owner_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroVM *vm = ouro_vm_of_heap(heap);
    TmState *s = vm->tracemalloc;
    ouro_gc_free(heap, self);
    if (!s || s->owner != self) return;
    stop_tracing(vm, s);
    vm->tracemalloc = NULL;
    OuroObject *unknown = s->unknown;
    free(s);
    ouro_decref(vm, unknown);
}

static OuroType owner_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.dealloc = owner_dealloc},
    .name = "_tracemalloc._State",
    .basicsize = sizeof(TmOwner),
};

static TmState *state(OuroVM *vm) { return (TmState *)vm->tracemalloc; }

/* ---- building Python values ----------------------------------------------------------- */

/* ((filename, lineno), ...) innermost first, as CPython's traceback_to_pyobject. */
static OuroObject *frames_tuple(OuroVM *vm, const TmTraceback *tb) {
    OuroObject *t = ouro_tuple_new(vm, tb->nframe);
    if (!t) return NULL;
    for (uint32_t i = 0; i < tb->nframe; i++) {
        OuroObject *frame = ouro_tuple_pack(vm, 2, tb->frames[i].filename,
                                            ouro_smallint(tb->frames[i].lineno));
        if (!frame) {
            ouro_decref(vm, t);
            return NULL;
        }
        ouro_tuple_items(t)[i] = frame;
    }
    ouro_tuple_track_if_needed(vm, t);
    return t;
}

/* The list of (domain, size, frames, total_nframe), one per trace. The table is copied
 * first: building the list allocates, and those allocations are traced too. */
static OuroObject *traces_list(OuroVM *vm, TmState *s) {
    size_t n = s->traces_len, cap = s->traces ? s->traces_mask + 1 : 0, k = 0;
    TmTrace *copy = malloc((n ? n : 1) * sizeof *copy);
    if (!copy) return ouro_err_no_memory(vm);
    for (size_t i = 0; i < cap; i++)
        if (s->traces[i].block) copy[k++] = s->traces[i];
    OuroObject *list = ouro_list_new(vm, n);
    for (size_t i = 0; list && i < n; i++) {
        TmTraceback *tb = copy[i].traceback;
        if (!tb->tuple && !(tb->tuple = frames_tuple(vm, tb))) goto fail;
        OuroObject *size = ouro_int_from_u64(vm, copy[i].size);
        if (!size) goto fail;
        OuroObject *item = ouro_tuple_pack(vm, 4, ouro_smallint(0), size, tb->tuple,
                                           ouro_smallint(tb->total_nframe));
        ouro_decref(vm, size);
        if (!item || ouro_list_append_steal(vm, list, item) < 0) goto fail;
    }
    goto done;
fail:
    ouro_clear(vm, &list);
done:
    for (size_t i = 0; i < n; i++) ouro_clear(vm, &copy[i].traceback->tuple);
    free(copy);
    return list;
}

/* ---- the module functions ------------------------------------------------------------- */

#define TM_ARGS OuroVM *vm, OuroObject *self, OuroObject *const *args, size_t nargs, OuroObject *kw

static OuroObject *tm_start(TM_ARGS) {
    (void)self;
    if (ouro_args_check(vm, "_tracemalloc.start", nargs, kw, 0, 1) < 0) return NULL;
    int nframe = 1;
    if (nargs == 1 && ouro_arg_c_int(vm, args[0], &nframe) < 0) return NULL;
    if (nframe < 1 || nframe > TM_MAX_NFRAME) {
        ouro_err_set_str(vm, &ouro_exc_ValueError,
                         "the number of frames must be in range [1; 65535]");
        return NULL;
    }
    if (start_tracing(vm, state(vm), (uint32_t)nframe) < 0) return NULL;
    return ouro_newref(ouro_none);
}

static OuroObject *tm_stop(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.stop", nargs, kw, 0, 0) < 0) return NULL;
    stop_tracing(vm, state(vm));
    return ouro_newref(ouro_none);
}

static OuroObject *tm_is_tracing(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.is_tracing", nargs, kw, 0, 0) < 0) return NULL;
    return ouro_newref(ouro_bool_from(state(vm)->tracing));
}

static OuroObject *tm_clear_traces(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.clear_traces", nargs, kw, 0, 0) < 0) return NULL;
    TmState *s = state(vm);
    if (s->tracing) clear_traces(vm, s);
    return ouro_newref(ouro_none);
}

static OuroObject *tm_get_traced_memory(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.get_traced_memory", nargs, kw, 0, 0) < 0) return NULL;
    TmState *s = state(vm);
    size_t current = s->tracing ? s->current : 0, peak = s->tracing ? s->peak : 0;
    OuroObject *a = ouro_int_from_u64(vm, current), *b = a ? ouro_int_from_u64(vm, peak) : NULL;
    OuroObject *r = b ? ouro_tuple_pack(vm, 2, a, b) : NULL;
    ouro_xdecref(vm, a);
    ouro_xdecref(vm, b);
    return r;
}

static OuroObject *tm_reset_peak(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.reset_peak", nargs, kw, 0, 0) < 0) return NULL;
    TmState *s = state(vm);
    if (s->tracing) s->peak = s->current;
    return ouro_newref(ouro_none);
}

/* Bytes tracemalloc itself uses for its tables and tracebacks. */
static OuroObject *tm_get_tracemalloc_memory(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.get_tracemalloc_memory", nargs, kw, 0, 0) < 0)
        return NULL;
    TmState *s = state(vm);
    size_t bytes = sizeof *s + s->traceback_bytes;
    if (s->traces) bytes += (s->traces_mask + 1) * sizeof(TmTrace);
    if (s->tracebacks) bytes += (s->tracebacks_mask + 1) * sizeof(TmTraceback *);
    if (s->scratch) bytes += s->max_nframe * sizeof(OuroFrameLine);
    return ouro_int_from_u64(vm, bytes);
}

static OuroObject *tm_get_traceback_limit(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc.get_traceback_limit", nargs, kw, 0, 0) < 0)
        return NULL;
    return ouro_smallint((intptr_t)state(vm)->max_nframe);
}

static OuroObject *tm_get_traces(TM_ARGS) {
    (void)self, (void)args;
    if (ouro_args_check(vm, "_tracemalloc._get_traces", nargs, kw, 0, 0) < 0) return NULL;
    TmState *s = state(vm);
    if (!s->tracing) return ouro_list_new(vm, 0);
    return traces_list(vm, s);
}

static OuroObject *tm_get_object_traceback(TM_ARGS) {
    (void)self;
    if (ouro_args_check(vm, "_tracemalloc._get_object_traceback", nargs, kw, 1, 1) < 0)
        return NULL;
    TmState *s = state(vm);
    TmTrace *t = s->tracing && !OURO_IS_SMALLINT(args[0]) ? traces_find(s, (uintptr_t)args[0])
                                                          : NULL;
    if (!t) return ouro_newref(ouro_none);
    return frames_tuple(vm, t->traceback);
}

static const OuroMethodDef tm_functions[] = {
    {"_get_object_traceback", tm_get_object_traceback, 0,
     "_get_object_traceback($module, obj, /)\n--\n\n"
     "Get the traceback where the Python object obj was allocated.\n\n"
     "Return a tuple of (filename: str, lineno: int) tuples.\n"
     "Return None if the tracemalloc module is disabled or did not\n"
     "trace the allocation of the object."},
    {"_get_traces", tm_get_traces, 0,
     "_get_traces($module, /)\n--\n\n"
     "Get traces of all memory blocks allocated by Python.\n\n"
     "Return a list of (size: int, traceback: tuple) tuples.\n"
     "traceback is a tuple of (filename: str, lineno: int) tuples.\n\n"
     "Return an empty list if the tracemalloc module is disabled."},
    {"clear_traces", tm_clear_traces, 0,
     "clear_traces($module, /)\n--\n\nClear traces of memory blocks allocated by Python."},
    {"get_traceback_limit", tm_get_traceback_limit, 0,
     "get_traceback_limit($module, /)\n--\n\n"
     "Get the maximum number of frames stored in the traceback of a trace.\n\n"
     "By default, a trace of an allocated memory block only stores\n"
     "the most recent frame: the limit is 1."},
    {"get_traced_memory", tm_get_traced_memory, 0,
     "get_traced_memory($module, /)\n--\n\n"
     "Get the current size and peak size of memory blocks traced by tracemalloc.\n\n"
     "Returns a tuple: (current: int, peak: int)."},
    {"get_tracemalloc_memory", tm_get_tracemalloc_memory, 0,
     "get_tracemalloc_memory($module, /)\n--\n\n"
     "Get the memory usage in bytes of the tracemalloc module.\n\n"
     "This memory is used internally to trace memory allocations."},
    {"is_tracing", tm_is_tracing, 0,
     "is_tracing($module, /)\n--\n\n"
     "Return True if the tracemalloc module is tracing Python memory allocations."},
    {"reset_peak", tm_reset_peak, 0,
     "reset_peak($module, /)\n--\n\n"
     "Set the peak size of memory blocks traced by tracemalloc to the current size.\n\n"
     "Do nothing if the tracemalloc module is not tracing memory allocations."},
    {"start", tm_start, 0,
     "start($module, nframe=1, /)\n--\n\n"
     "Start tracing Python memory allocations.\n\n"
     "Also set the maximum number of frames stored in the traceback of a\n"
     "trace to nframe."},
    {"stop", tm_stop, 0,
     "stop($module, /)\n--\n\n"
     "Stop tracing Python memory allocations.\n\n"
     "Also clear traces of memory blocks allocated by Python."},
    {0},
};

/* The state lives as long as some _tracemalloc module holds its owner (a re-import after
 * `del sys.modules[...]` shares the existing one). */
static OuroObject *owner_get(OuroVM *vm) {
    TmState *s = state(vm);
    if (s) return ouro_newref(s->owner);
    if (!(owner_type.flags & OURO_TPFLAG_READY) && ouro_vm_add_static_type(vm, &owner_type) < 0)
        return NULL;
    s = calloc(1, sizeof *s);
    if (!s) return ouro_err_no_memory(vm);
    s->max_nframe = 1;
    s->unknown = ouro_str_intern_cstr(vm, "<unknown>");
    OuroObject *owner = s->unknown ? ouro_gc_alloc(ouro_heap(vm), &owner_type, sizeof(TmOwner))
                                   : NULL;
    if (!owner) {
        ouro_xdecref(vm, s->unknown);
        free(s);
        return vm->exc ? NULL : ouro_err_no_memory(vm);
    }
    s->owner = owner;
    vm->tracemalloc = s;
    return owner;
}

OuroObject *ouro_init_tracemalloc(OuroVM *vm) {
    OuroObject *m = ouro_module_new(vm, "_tracemalloc");
    if (!m) return NULL;
    OuroObject *owner = owner_get(vm);
    int r = owner ? ouro_module_add_functions(vm, m, tm_functions) : -1;
    if (r == 0)
        r = ouro_module_add_native_attrs(vm, m,
                                         "Debug module to trace memory blocks allocated by Python.");
    if (r == 0) r = ouro_module_add_object(vm, m, "_state", owner);
    ouro_xdecref(vm, owner);
    if (r < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    return m;
}
