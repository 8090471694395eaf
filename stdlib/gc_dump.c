/* stdlib/gc_dump.c — gc.dump_heap: writes the tracked heap as a GraphViz .dot file for
 * teaching (docs/gc-trace.md): one node per tracked object (type and a short description,
 * filled by generation, frozen ones grey), edges from traverse (labelled with the attribute
 * name, dict key or list index where cheap), and cycles (strongly connected components) in
 * red clusters. No Python code runs while the heap is walked, so the lists stay still. */
#include "stdlib/gc_dump.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- a pointer -> index map (open addressing) ------------------------------------------ */

typedef struct Map {
    const OuroObject **keys;
    size_t *vals;
    size_t cap;
} Map;

static size_t map_slot(const Map *m, const OuroObject *o) {
    size_t i = ((uintptr_t)o >> 4) * 0x9E3779B97F4A7C15ull & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != o) i = (i + 1) & (m->cap - 1);
    return i;
}

static bool map_init(Map *m, size_t n) {
    m->cap = 16;
    while (m->cap < 2 * n + 2) m->cap *= 2;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->vals = malloc(m->cap * sizeof *m->vals);
    return m->keys && m->vals;
}

static void map_put(Map *m, const OuroObject *o, size_t v) {
    size_t i = map_slot(m, o);
    m->keys[i] = o;
    m->vals[i] = v;
}

/* The index of o, or SIZE_MAX. */
static size_t map_get(const Map *m, const OuroObject *o) {
    if (OURO_IS_SMALLINT(o) || !o) return SIZE_MAX;
    size_t i = map_slot(m, o);
    return m->keys[i] ? m->vals[i] : SIZE_MAX;
}

/* ---- the dump ------------------------------------------------------------------------------ */

typedef struct Edge {
    size_t from, to;
    char label[40];
} Edge;

typedef struct Dump {
    OuroVM *vm;
    OuroObject **objs;                /* candidates, then the included ones first */
    size_t n;
    Map index;
    unsigned char *keep;              /* per candidate: included; during marks, marked */
    Edge *edges;
    size_t n_edges, cap_edges;
    size_t *stack;                    /* marks and Tarjan's work stack */
    size_t from;                      /* the object being traversed */
    const char *label;                /* the label of the next edge, or NULL */
    bool failed;
    bool library_walk;                /* marking the library: static types' dicts too */
} Dump;

static void add_edge(Dump *d, size_t to, const char *label) {
    if (d->n_edges == d->cap_edges) {
        size_t cap = d->cap_edges ? d->cap_edges * 2 : 256;
        Edge *e = realloc(d->edges, cap * sizeof *e);
        if (!e) {
            d->failed = true;
            return;
        }
        d->edges = e;
        d->cap_edges = cap;
    }
    Edge *e = &d->edges[d->n_edges++];
    e->from = d->from;
    e->to = to;
    snprintf(e->label, sizeof e->label, "%s", label ? label : "");
}

static int visit_edge(OuroObject *c, void *arg) {
    Dump *d = arg;
    size_t j = map_get(&d->index, c);
    if (j != SIZE_MAX && d->keep[j]) add_edge(d, j, NULL);
    return 0;
}

/* A str key as a label ('name'); other keys get no label. */
static void key_label(OuroObject *k, char *out, size_t size) {
    if (!OURO_IS_SMALLINT(k) && ouro_str_check(k)) snprintf(out, size, "%.30s", ouro_str_cstr(k));
    else if (OURO_IS_SMALLINT(k)) snprintf(out, size, "%ld", (long)ouro_smallint_value(k));
    else out[0] = '\0';
}

/* The edges of one object: dicts by key, lists by index, an instance's dict as __dict__,
 * everything else unlabelled through traverse. */
static void object_edges(Dump *d, size_t i) {
    OuroObject *o = d->objs[i];
    d->from = i;
    char label[40];
    if (ouro_dict_check(o)) {
        size_t pos = 0;
        OuroObject *k, *v;
        while (ouro_dict_next(o, &pos, &k, &v)) {
            size_t j = map_get(&d->index, v);
            if (j != SIZE_MAX && d->keep[j]) {
                key_label(k, label, sizeof label);
                add_edge(d, j, label);
            }
            if ((j = map_get(&d->index, k)) != SIZE_MAX && d->keep[j]) add_edge(d, j, "(key)");
        }
        return;
    }
    if (ouro_list_check(o)) {
        for (size_t k = 0; k < ouro_list_size(o); k++) {
            size_t j = map_get(&d->index, ouro_list_get(o, k));
            if (j == SIZE_MAX || !d->keep[j]) continue;
            snprintf(label, sizeof label, "[%zu]", k);
            add_edge(d, j, label);
        }
        return;
    }
    OuroObject **dict = ouro_type_of(o)->dict_offset
        ? (OuroObject **)(void *)((char *)o + ouro_type_of(o)->dict_offset) : NULL;
    size_t first = d->n_edges;
    if (ouro_gc_hooks(o)->traverse) ouro_gc_hooks(o)->traverse(o, visit_edge, d);
    for (size_t e = first; e < d->n_edges; e++) {
        OuroObject *to = d->objs[d->edges[e].to];
        if (dict && to == *dict) snprintf(d->edges[e].label, 40, "__dict__");
        else if (to == (OuroObject *)ouro_type_of(o)) snprintf(d->edges[e].label, 40, "__class__");
    }
}

/* Marks (keep = 2) everything reachable from the marked objects through candidates,
 * not entering module objects when stop_at_modules, nor classes unless marking the
 * library. */
static void mark_root(Dump *d, OuroObject *o);

/* A static type has no GC head, so a walk never enters it: its dict (the built-in
 * methods and descriptors) is marked by hand, for the referents and the types of marked
 * objects. */
static void mark_static_type(Dump *d, OuroObject *t) {
    if (OURO_IS_SMALLINT(t) || ouro_type_of(t) != &ouro_type_type ||
        (((OuroType *)t)->flags & OURO_TPFLAG_HEAPTYPE) || !((OuroType *)t)->dict)
        return;
    mark_root(d, ((OuroType *)t)->dict);
}

static int visit_mark(OuroObject *c, void *arg) {
    Dump *d = arg;
    if (c && !OURO_IS_SMALLINT(c) && d->library_walk) mark_static_type(d, c);
    mark_root(d, c);
    return 0;
}

static void mark_closure(Dump *d, bool stop_at_modules) {
    while (d->from > 0) {
        OuroObject *o = d->objs[d->stack[--d->from]];
        if (stop_at_modules && ouro_type_of(o) == &ouro_module_type) continue;
        /* From roots, classes are shown but not entered: through their methods' globals
         * they reach the whole program. */
        if (!d->library_walk && ouro_type_of(o) == &ouro_type_type) continue;
        if (d->library_walk) mark_static_type(d, (OuroObject *)ouro_type_of(o));
        if (ouro_gc_hooks(o)->traverse) ouro_gc_hooks(o)->traverse(o, visit_mark, d);
    }
}

static void mark_root(Dump *d, OuroObject *o) {
    size_t j = o && !OURO_IS_SMALLINT(o) ? map_get(&d->index, o) : SIZE_MAX;
    if (j != SIZE_MAX && !d->keep[j]) {
        d->keep[j] = 2;
        d->stack[d->from++] = j;
    }
}

/* The default filter: objects reachable from library modules (every module in sys.modules
 * but __main__, entered through their dicts, never through another module) are left out,
 * with the modules themselves. */
static void mark_library(Dump *d) {
    OuroVM *vm = d->vm;
    if (!vm->modules) return;
    size_t pos = 0;
    OuroObject *k, *v;
    d->from = 0;
    while (ouro_dict_next(vm->modules, &pos, &k, &v)) {
        if (ouro_str_check(k) && strcmp(ouro_str_cstr(k), "__main__") == 0) continue;
        mark_root(d, v);
        if (ouro_type_of(v) == &ouro_module_type) mark_root(d, ouro_module_dict(v));
    }
    d->library_walk = true;
    mark_root(d, vm->builtins);
    mark_closure(d, true);
    d->library_walk = false;
    for (size_t i = 0; i < d->n; i++) d->keep[i] = d->keep[i] != 2;
}

/* ---- cycles: Tarjan's strongly connected components, iteratively ---------------------- */

typedef struct Scc {
    size_t *first, *adj;              /* CSR adjacency */
    size_t *index, *low, *comp, *call, *edge_at;
    unsigned char *on_stack;
    size_t *size;                     /* per component */
} Scc;

static void tarjan(const Dump *d, size_t n, Scc *s) {
    size_t counter = 1, sp = 0, cp = 0, ncomp = 0;
    size_t *stack = d->stack;         /* component stack */
    for (size_t root = 0; root < n; root++) {
        if (s->index[root]) continue;
        s->call[cp++] = root;
        s->index[root] = s->low[root] = counter++;
        s->edge_at[root] = s->first[root];
        stack[sp++] = root;
        s->on_stack[root] = 1;
        while (cp) {
            size_t v = s->call[cp - 1];
            if (s->edge_at[v] < s->first[v + 1]) {
                size_t w = s->adj[s->edge_at[v]++];
                if (!s->index[w]) {
                    s->index[w] = s->low[w] = counter++;
                    s->edge_at[w] = s->first[w];
                    stack[sp++] = w;
                    s->on_stack[w] = 1;
                    s->call[cp++] = w;
                } else if (s->on_stack[w] && s->index[w] < s->low[v]) {
                    s->low[v] = s->index[w];
                }
                continue;
            }
            cp--;
            if (cp && s->low[v] < s->low[s->call[cp - 1]]) s->low[s->call[cp - 1]] = s->low[v];
            if (s->low[v] != s->index[v]) continue;
            size_t w, count = 0;
            do {
                w = stack[--sp];
                s->on_stack[w] = 0;
                s->comp[w] = ncomp;
                count++;
            } while (w != v);
            s->size[ncomp++] = count;
        }
    }
}

/* ---- writing ------------------------------------------------------------------------------- */

static const char *const gen_colour[] = {"#cfe8ff", "#d5f5d5", "#ffe9c4", "#d9d9d9"};

/* Escapes s for a double-quoted dot string. */
static void put_escaped(FILE *f, const char *s) {
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if ((unsigned char)*s >= ' ') fputc(*s, f);
    }
}

/* "Node", "function f", "type Node", "module m", "dict (3)", "list (2)". */
static void node_label(OuroObject *o, char *out, size_t size) {
    OuroType *t = ouro_type_of(o);
    const char *name = ouro_type_name(t);
    if (t == &ouro_type_type) snprintf(out, size, "type %.40s", ouro_type_name((OuroType *)o));
    else if (t == &ouro_function_type)
        snprintf(out, size, "function %.40s", ouro_str_cstr(((OuroFunction *)o)->name));
    else if (t == &ouro_module_type)
        snprintf(out, size, "module %.40s", ouro_str_cstr(((OuroModule *)o)->name));
    else if (ouro_dict_check(o)) snprintf(out, size, "%s (%zu)", name, ouro_dict_size(o));
    else if (ouro_list_check(o)) snprintf(out, size, "%s (%zu)", name, ouro_list_size(o));
    else if (ouro_tuple_check(o)) snprintf(out, size, "%s (%zu)", name, ouro_tuple_size(o));
    else snprintf(out, size, "%s", name);
}

static void write_node(FILE *f, const Dump *d, size_t i, bool in_cycle) {
    OuroObject *o = d->objs[i];
    int gen = (int)((ouro_gc_head(o)->flags & OURO_GCF_GEN_MASK) >> OURO_GCF_GEN_SHIFT);
    char label[96];
    node_label(o, label, sizeof label);
    fprintf(f, "  o%zu [label=\"", i);
    put_escaped(f, label);
    fprintf(f, "\\nrefcount %lld\", fillcolor=\"%s\"%s];\n", (long long)o->refcnt, gen_colour[gen],
            in_cycle ? ", color=red, penwidth=2" : "");
}

static void write_dot(FILE *f, const Dump *d, size_t n, const Scc *s) {
    fputs("digraph heap {\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
          "  edge [fontname=\"Helvetica\", fontsize=10];\n", f);
    size_t ncomp = 0;
    for (size_t i = 0; i < n; i++) if (s->comp[i] + 1 > ncomp) ncomp = s->comp[i] + 1;
    bool *self_loop = calloc(n ? n : 1, sizeof *self_loop);
    for (size_t e = 0; self_loop && e < d->n_edges; e++)
        if (d->edges[e].from == d->edges[e].to) self_loop[d->edges[e].from] = true;
    for (size_t c = 0; c < ncomp; c++) {
        bool cycle = s->size[c] > 1;
        for (size_t i = 0; !cycle && i < n; i++) cycle = s->comp[i] == c && self_loop && self_loop[i];
        if (!cycle) continue;
        fprintf(f, "  subgraph cluster_cycle%zu {\n    label=\"cycle\"; color=red; fontcolor=red;\n", c);
        for (size_t i = 0; i < n; i++) if (s->comp[i] == c) { fputs("  ", f); write_node(f, d, i, true); }
        fputs("  }\n", f);
        s->size[c] = 0;               /* written */
    }
    for (size_t i = 0; i < n; i++) if (s->size[s->comp[i]]) write_node(f, d, i, false);
    for (size_t e = 0; e < d->n_edges; e++) {
        fprintf(f, "  o%zu -> o%zu", d->edges[e].from, d->edges[e].to);
        if (d->edges[e].label[0]) {
            fputs(" [label=\"", f);
            put_escaped(f, d->edges[e].label);
            fputs("\"]", f);
        }
        fputs(";\n", f);
    }
    fputs("}\n", f);
    free(self_loop);
}

/* ---- gc.dump_heap ------------------------------------------------------------------------- */

static size_t collect_candidates(OuroHeap *heap, int generation, bool permanent, OuroObject **out) {
    size_t n = 0;
    for (int g = 0; g <= OURO_GC_PERMANENT; g++) {
        if (g == OURO_GC_PERMANENT ? !permanent : generation >= 0 && g != generation) continue;
        OuroGCHead *l = g == OURO_GC_PERMANENT ? &heap->permanent.head : &heap->generations[g].head;
        for (OuroGCHead *h = l->next; h != l; h = h->next) {
            if (out) out[n] = ouro_gc_object(h);
            n++;
        }
    }
    return n;
}

static void dump_free(Dump *d, Scc *s) {
    free(d->objs); free(d->index.keys); free(d->index.vals); free(d->keep); free(d->edges);
    free(d->stack);
    free(s->first); free(s->adj); free(s->index); free(s->low); free(s->comp); free(s->call);
    free(s->edge_at); free(s->on_stack); free(s->size);
}

/* Keeps the included objects at the front of objs, re-indexed. Returns how many. */
static size_t compact(Dump *d) {
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) if (d->keep[i]) d->objs[n++] = d->objs[i];
    memset(d->index.keys, 0, d->index.cap * sizeof *d->index.keys);
    for (size_t i = 0; i < n; i++) { map_put(&d->index, d->objs[i], i); d->keep[i] = 1; }
    d->n = n;
    return n;
}

static bool build_scc(Dump *d, size_t n, Scc *s) {
    size_t m = d->n_edges, k = n ? n : 1;
    s->first = calloc(k + 1, sizeof(size_t)); s->adj = malloc((m ? m : 1) * sizeof(size_t));
    s->index = calloc(k, sizeof(size_t)); s->low = calloc(k, sizeof(size_t));
    s->comp = calloc(k, sizeof(size_t)); s->call = malloc(k * sizeof(size_t));
    s->edge_at = malloc(k * sizeof(size_t)); s->on_stack = calloc(k, 1);
    s->size = calloc(k, sizeof(size_t));
    if (!s->first || !s->adj || !s->index || !s->low || !s->comp || !s->call || !s->edge_at ||
        !s->on_stack || !s->size)
        return false;
    for (size_t e = 0; e < m; e++) s->first[d->edges[e].from + 1]++;
    for (size_t i = 0; i < n; i++) s->first[i + 1] += s->first[i];
    for (size_t i = 0; i < n; i++) s->edge_at[i] = s->first[i];
    for (size_t e = 0; e < m; e++) s->adj[s->edge_at[d->edges[e].from]++] = d->edges[e].to;
    tarjan(d, n, s);
    return true;
}

OuroObject *ouro_gc_dump_heap(OuroVM *vm, OuroObject *self, OuroObject *const *args,
                              size_t nargs, OuroObject *kw) {
    (void)self;
    static const char *const names[] = {"filename", "generation", "roots", "library", "permanent"};
    OuroObject *a[5];
    if (ouro_args_bind(vm, "dump_heap", args, nargs, kw, names, 5, 0, 1, a) < 0) return NULL;
    if (!ouro_str_check(a[0])) {
        ouro_err_format(vm, &ouro_exc_TypeError, "dump_heap() argument 'filename' must be str, not %s",
                        ouro_type_name(ouro_type_of(a[0])));
        return NULL;
    }
    int generation = -1;
    if (a[1] && a[1] != ouro_none) {
        if (!OURO_IS_SMALLINT(a[1]) || ouro_smallint_value(a[1]) < 0 ||
            ouro_smallint_value(a[1]) > OURO_GC_PERMANENT) {
            ouro_err_set_str(vm, &ouro_exc_ValueError, "generation parameter must be 0, 1, 2 or 3");
            return NULL;
        }
        generation = (int)ouro_smallint_value(a[1]);
    }
    OuroObject *roots = a[2] && a[2] != ouro_none ? a[2] : NULL;
    if (roots && !ouro_list_check(roots) && !ouro_tuple_check(roots)) {
        ouro_err_set_str(vm, &ouro_exc_TypeError, "dump_heap() roots must be a list or a tuple");
        return NULL;
    }
    int library = a[3] ? ouro_object_truthy(vm, a[3]) : 0;
    int permanent = a[4] ? ouro_object_truthy(vm, a[4]) : 0;
    if (library < 0 || permanent < 0) return NULL;
    if (generation == OURO_GC_PERMANENT) permanent = 1;
    const char *path = ouro_str_cstr(a[0]);
    FILE *f = fopen(path, "w");
    if (!f) {
        ouro_err_format(vm, &ouro_exc_OSError, "[Errno %d] %s: '%s'", errno, strerror(errno), path);
        return NULL;
    }
    /* From here on no Python code runs: the lists cannot change under the walk. */
    OuroHeap *heap = ouro_heap(vm);
    Dump d = {.vm = vm};
    Scc s = {0};
    size_t total = collect_candidates(heap, generation == OURO_GC_PERMANENT ? 99 : generation,
                                      permanent, NULL);
    d.objs = malloc((total ? total : 1) * sizeof *d.objs);
    d.keep = calloc(total ? total : 1, 1);
    d.stack = malloc((total ? total : 1) * sizeof *d.stack);
    bool ok = d.objs && d.keep && d.stack && map_init(&d.index, total);
    size_t n = 0;
    if (ok) {
        d.n = collect_candidates(heap, generation == OURO_GC_PERMANENT ? 99 : generation,
                                 permanent, d.objs);
        for (size_t i = 0; i < d.n; i++) map_put(&d.index, d.objs[i], i);
        if (roots) {
            d.from = 0;
            bool tuple = ouro_tuple_check(roots);
            size_t len = tuple ? ouro_tuple_size(roots) : ouro_list_size(roots);
            for (size_t i = 0; i < len; i++)
                mark_root(&d, tuple ? ouro_tuple_get(roots, i) : ouro_list_get(roots, i));
            mark_closure(&d, true);
        } else if (!library) {
            mark_library(&d);
        } else {
            memset(d.keep, 1, d.n);
        }
        n = compact(&d);
        for (size_t i = 0; i < n && !d.failed; i++) object_edges(&d, i);
        ok = !d.failed && build_scc(&d, n, &s);
    }
    if (ok) write_dot(f, &d, n, &s);
    bool io_error = ferror(f) != 0;
    fclose(f);
    dump_free(&d, &s);
    if (!ok) return ouro_err_no_memory(vm), NULL;
    if (io_error) {
        ouro_err_format(vm, &ouro_exc_OSError, "dump_heap: cannot write '%s'", path);
        return NULL;
    }
    return ouro_int_from_u64(vm, n);
}
