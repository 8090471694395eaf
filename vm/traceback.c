/* vm/traceback.c — traceback objects (one per frame an exception passed through) and the
 * printing of exceptions exactly as CPython 3.11 does it: traceback entries with their
 * source lines and "[Previous line repeated N more times]" folding, chained exceptions,
 * SyntaxError's file/line/caret block, and "Exception ignored in:" unraisable reports.
 * Output goes to sys.stderr's write(), or to C stderr when there is no sys.stderr. */
#define OURO_EXEC_INTERNAL
#include "vm/frame.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct OuroTraceback {
    OuroObject ob;
    OuroObject *next;                 /* the next (inner) entry, or NULL */
    OuroObject *code;
    OuroObject *suggestion;           /* str or NULL: a NameError's "Did you mean" (below) */
    uint32_t lasti;
    int lineno;
} OuroTraceback;

#define TB(o) ((OuroTraceback *)(o))

static void note_name_error(OuroVM *vm, OuroObject *exc, OuroTraceback *tb);

int ouro_traceback_add(OuroVM *vm, OuroObject *exc, OuroObject *code, size_t instr) {
    OuroTraceback *tb =
        (OuroTraceback *)ouro_gc_alloc(ouro_heap(vm), &ouro_traceback_type, sizeof(OuroTraceback));
    if (!tb) {
        ouro_err_no_memory(vm);
        return -1;
    }
    OuroObject *old = ((OuroException *)exc)->traceback;
    ouro_xincref(old);
    tb->next = old;
    tb->code = ouro_newref(code);
    tb->lasti = (uint32_t)instr;
    tb->lineno = ouro_code_line((OuroCode *)code, instr);
    tb->suggestion = NULL;
    if (!old && ouro_type_of(exc) == &ouro_exc_NameError) note_name_error(vm, exc, tb);
    ouro_gc_track(ouro_heap(vm), (OuroObject *)tb);
    ouro_exception_set_traceback(vm, exc, (OuroObject *)tb);
    return 0;
}

static int tb_traverse(OuroObject *self, OuroVisitFn visit, void *arg) {
    OuroObject *refs[] = {TB(self)->next, TB(self)->code, TB(self)->suggestion};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        int r;
        if (refs[i] && (r = visit(refs[i], arg))) return r;
    }
    return 0;
}

static void tb_dealloc(OuroHeap *heap, OuroObject *self) {
    OuroObject *next = TB(self)->next, *code = TB(self)->code, *sugg = TB(self)->suggestion;
    ouro_gc_untrack(heap, self);
    ouro_gc_free(heap, self);
    ouro_gc_decref(heap, code);
    if (sugg) ouro_gc_decref(heap, sugg);
    if (next) ouro_gc_decref(heap, next);
}

static OuroObject *tb_get_next(OuroVM *vm, OuroObject *s) {
    return ouro_newref(TB(s)->next ? TB(s)->next : ouro_none);
}
static OuroObject *tb_get_lineno(OuroVM *vm, OuroObject *s) { return ouro_smallint(TB(s)->lineno); }
/* CPython counts tb_lasti in bytes of 2-byte code units. */
static OuroObject *tb_get_lasti(OuroVM *vm, OuroObject *s) {
    return ouro_smallint((intptr_t)TB(s)->lasti * 2);
}
static OuroObject *tb_get_code(OuroVM *vm, OuroObject *s) { return ouro_newref(TB(s)->code); }

static const OuroGetSetDef tb_getsets[] = {
    {"tb_next", tb_get_next, NULL, NULL},
    {"tb_lineno", tb_get_lineno, NULL, NULL},
    {"tb_lasti", tb_get_lasti, NULL, NULL},
    {"tb_code", tb_get_code, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

/* A container only so gc.is_tracked and gc.get_referents see it as CPython's: it refers
 * to other tracebacks, a code object and a str (it has no frame), so it can never be part
 * of a cycle and needs no clear hook. */
OuroType ouro_traceback_type = {
    .ob = {OURO_IMMORTAL_REFCNT, &ouro_type_type},
    .hooks = {.traverse = tb_traverse, .dealloc = tb_dealloc, .gc_flags = OURO_GC_CONTAINER},
    .name = "traceback",
    .basicsize = sizeof(OuroTraceback),
    .getsets = tb_getsets,
};

/* ---- "Did you mean" (CPython's Python/suggestions.c) ------------------------------------------
 * The closest name by a Levenshtein distance where a case change costs 1 and any other edit
 * 2, accepted when no more than about a third of the characters change. Distances are over
 * UTF-8 bytes, as CPython's. */

enum { SUGGEST_MAX_ITEMS = 750, SUGGEST_MAX_STRING = 40, MOVE_COST = 2, CASE_COST = 1 };

static size_t substitution_cost(char a, char b) {
    if ((a & 31) != (b & 31)) return MOVE_COST;
    if (a == b) return 0;
    if ('A' <= a && a <= 'Z') a += 'a' - 'A';
    if ('A' <= b && b <= 'Z') b += 'a' - 'A';
    return a == b ? CASE_COST : MOVE_COST;
}

static size_t levenshtein(const char *a, size_t na, const char *b, size_t nb, size_t max_cost) {
    size_t row[SUGGEST_MAX_STRING];
    while (na && nb && a[0] == b[0]) a++, b++, na--, nb--;
    while (na && nb && a[na - 1] == b[nb - 1]) na--, nb--;
    if (na == 0 || nb == 0) return (na + nb) * MOVE_COST;
    if (na > SUGGEST_MAX_STRING || nb > SUGGEST_MAX_STRING) return max_cost + 1;
    if (nb < na) {
        const char *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if ((nb - na) * MOVE_COST > max_cost) return max_cost + 1;
    for (size_t i = 0; i < na; i++) row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < nb; bi++) {
        size_t distance = result = bi * MOVE_COST, minimum = SIZE_MAX;
        for (size_t ai = 0; ai < na; ai++) {
            size_t substitute = distance + substitution_cost(b[bi], a[ai]);
            distance = row[ai];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[ai] = result;
            if (result < minimum) minimum = result;
        }
        if (minimum > max_cost) return max_cost + 1;
    }
    return result;
}

/* The best candidate among items (borrowed), or NULL. */
static OuroObject *closest_name(OuroObject *const *items, size_t n, OuroObject *name) {
    if (n >= SUGGEST_MAX_ITEMS) return NULL;
    const char *ns = ouro_str_cstr(name);
    size_t nn = ouro_str_size(name), best_distance = SIZE_MAX;
    OuroObject *best = NULL;
    for (size_t i = 0; i < n; i++) {
        OuroObject *item = items[i];
        if (!ouro_str_check(item)) return NULL;
        size_t in = ouro_str_size(item);
        if (in == nn && memcmp(ouro_str_cstr(item), ns, nn) == 0) continue;
        size_t max_distance = (nn + in + 3) * MOVE_COST / 6;
        if (best_distance - 1 < max_distance) max_distance = best_distance - 1;
        size_t d = levenshtein(ns, nn, ouro_str_cstr(item), in, max_distance);
        if (d > max_distance) continue;
        if (!best || d < best_distance) {
            best = item;
            best_distance = d;
        }
    }
    return best;
}

/* closest_name over a list, tuple or dict's keys; borrowed result. */
static OuroObject *closest_in(OuroVM *vm, OuroObject *names, OuroObject *name) {
    if (!names) return NULL;
    if (ouro_dict_check(names)) {
        OuroObject *keys = ouro_dict_keys_list(vm, names);
        if (!keys) return NULL;
        OuroObject *r = closest_name(((OuroList *)keys)->items, ouro_list_size(keys), name);
        /* the dict still holds the key after the list goes */
        ouro_decref(vm, keys);
        return r;
    }
    if (ouro_list_check(names)) return closest_name(((OuroList *)names)->items, ouro_list_size(names), name);
    if (ouro_tuple_check(names))
        return closest_name(ouro_tuple_items(names), ouro_tuple_size(names), name);
    return NULL;
}

/* A NameError raised by a name lookup (exactly "name 'x' is not defined") learns its name,
 * as CPython's eval loop tells it; the suggestion is chosen now, while the frame's locals,
 * globals and builtins are at hand (CPython keeps the frame; a traceback here keeps code). */
static void note_name_error(OuroVM *vm, OuroObject *exc, OuroTraceback *tb) {
    static const char head[] = "name '", tail[] = "' is not defined";
    OuroObject *args = ((OuroException *)exc)->args;
    if (!args || ouro_tuple_size(args) != 1 || !ouro_str_check(ouro_tuple_get(args, 0))) return;
    OuroObject *msg = ouro_tuple_get(args, 0);
    const char *m = ouro_str_cstr(msg);
    size_t len = ouro_str_size(msg), hl = sizeof head - 1, tl = sizeof tail - 1;
    if (len <= hl + tl || memcmp(m, head, hl) != 0 || memcmp(m + len - tl, tail, tl) != 0) return;
    OuroObject *saved = ouro_err_fetch(vm);
    OuroObject *name = ouro_str_from_utf8(vm, m + hl, len - hl - tl);
    OuroObject *old = name ? ouro_object_lookup_attr(vm, exc, OURO_ID(vm, name)) : NULL;
    if (name && (!old || old == ouro_none) &&
        ouro_object_setattr(vm, exc, OURO_ID(vm, name), name) == 0) {
        OuroFrame *f = vm->frame;
        OuroObject *best = NULL;
        if (f && (OuroObject *)f->code == tb->code) {
            best = closest_in(vm, f->code->varnames, name);
            if (!best) best = closest_in(vm, f->globals, name);
            if (!best) best = closest_in(vm, f->builtins, name);
        }
        tb->suggestion = best ? ouro_newref(best) : NULL;
    }
    ouro_xdecref(vm, old);
    ouro_xdecref(vm, name);
    ouro_err_clear(vm);
    ouro_err_restore(vm, saved);
}

/* CPython's _Py_Offer_Suggestions: for exactly AttributeError (closest entry of dir(obj)) and
 * exactly NameError (chosen when it was raised). New ref or NULL; errors are swallowed. */
static OuroObject *offer_suggestion(OuroVM *vm, OuroObject *exc) {
    OuroType *t = ouro_type_of(exc);
    if (t == &ouro_exc_NameError) {
        OuroObject *tb = ((OuroException *)exc)->traceback;
        while (tb && TB(tb)->next) tb = TB(tb)->next;
        return tb && TB(tb)->suggestion ? ouro_newref(TB(tb)->suggestion) : NULL;
    }
    if (t != &ouro_exc_AttributeError) return NULL;
    OuroObject *saved = ouro_err_fetch(vm);
    OuroObject *name = ouro_object_lookup_attr(vm, exc, OURO_ID(vm, name));
    OuroObject *obj = name ? ouro_object_lookup_attr(vm, exc, OURO_ID(vm, obj)) : NULL;
    OuroObject *best = NULL;
    if (obj && ouro_type_of(name) == &ouro_str_type) {
        OuroObject *dir = ouro_object_dir(vm, obj);
        if (dir) {
            best = closest_in(vm, dir, name);
            ouro_xincref(best);
            ouro_decref(vm, dir);
        }
    }
    ouro_xdecref(vm, obj);
    ouro_xdecref(vm, name);
    ouro_err_clear(vm);
    ouro_err_restore(vm, saved);
    return best;
}

static void append_suggestion(OuroVM *vm, OuroStrBuf *out, OuroObject *exc) {
    OuroObject *s = offer_suggestion(vm, exc);
    if (!s) return;
    ouro_strbuf_append_cstr(out, ". Did you mean: '");
    ouro_strbuf_append_str(vm, out, s);
    ouro_strbuf_append_cstr(out, "'?");
    ouro_decref(vm, s);
}

/* ---- source lines -------------------------------------------------------------------------- */

typedef struct LineCache {
    OuroObject *filename;             /* borrowed: the file loaded in data */
    char *data;
    size_t len;
} LineCache;

static bool loadable(OuroObject *filename) {
    const char *s = ouro_str_cstr(filename);
    return s[0] != '\0' && s[0] != '<';
}

static void cache_load(LineCache *c, OuroObject *filename) {
    if (c->filename && ouro_str_equal(c->filename, filename)) return;
    free(c->data);
    c->data = NULL;
    c->len = 0;
    c->filename = filename;
    if (!loadable(filename)) return;
    FILE *fp = fopen(ouro_str_cstr(filename), "rb");
    if (!fp) return;
    size_t cap = 0;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        if (c->len + n > cap) {
            size_t ncap = cap ? cap * 2 : 16384;
            while (ncap < c->len + n) ncap *= 2;
            char *nd = realloc(c->data, ncap);
            if (!nd) break;
            c->data = nd;
            cap = ncap;
        }
        memcpy(c->data + c->len, buf, n);
        c->len += n;
    }
    fclose(fp);
}

/* Appends "    <line stripped of indentation>\n" for line lineno of the cached file. */
static void append_source_line(OuroStrBuf *out, LineCache *c, int lineno) {
    if (!c->data || lineno < 1) return;
    const char *p = c->data, *end = c->data + c->len;
    for (int l = 1; l < lineno && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        p = nl + 1;
    }
    if (p >= end) return;
    const char *e = memchr(p, '\n', (size_t)(end - p));
    if (!e) e = end;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
    while (e > p && e[-1] == '\r') e--;
    if (p == e) return;
    ouro_strbuf_append_cstr(out, "    ");
    ouro_strbuf_append(out, p, (size_t)(e - p));
    ouro_strbuf_append_char(out, '\n');
}

/* ---- traceback printing ---------------------------------------------------------------------- */

#define TB_RECURSIVE_CUTOFF 3
#define TB_DEFAULT_LIMIT 1000

static void repeated(OuroStrBuf *out, long cnt) {
    cnt -= TB_RECURSIVE_CUTOFF;
    ouro_strbuf_printf(out, "  [Previous line repeated %ld more time%s]\n", cnt, cnt > 1 ? "s" : "");
}

static long traceback_limit(OuroVM *vm) {
    OuroObject *v = vm->sys_module
        ? ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), "tracebacklimit") : NULL;
    if (!v) {
        if (ouro_err_occurred(vm)) ouro_err_clear(vm);
        return TB_DEFAULT_LIMIT;
    }
    if (!OURO_IS_SMALLINT(v)) return TB_DEFAULT_LIMIT;
    return (long)ouro_smallint_value(v);
}

static int format_entries(OuroVM *vm, OuroObject *tb, OuroStrBuf *out) {
    long limit = traceback_limit(vm);
    if (limit <= 0) return 0;
    long depth = 0;
    for (OuroObject *t = tb; t; t = TB(t)->next) depth++;
    while (depth > limit) {
        tb = TB(tb)->next;
        depth--;
    }
    LineCache cache = {0};
    OuroObject *last_file = NULL, *last_name = NULL;
    int last_line = -1;
    long cnt = 0;
    for (; tb; tb = TB(tb)->next) {
        OuroCode *co = (OuroCode *)TB(tb)->code;
        int line = TB(tb)->lineno;
        if (!last_file || !ouro_str_equal(co->filename, last_file) || line != last_line ||
            !ouro_str_equal(co->name, last_name)) {
            if (cnt > TB_RECURSIVE_CUTOFF) repeated(out, cnt);
            last_file = co->filename;
            last_line = line;
            last_name = co->name;
            cnt = 0;
        }
        if (++cnt > TB_RECURSIVE_CUTOFF) continue;
        ouro_strbuf_append_cstr(out, "  File \"");
        ouro_strbuf_append(out, ouro_str_cstr(co->filename), ouro_str_size(co->filename));
        ouro_strbuf_printf(out, "\", line %d, in ", line);
        ouro_strbuf_append(out, ouro_str_cstr(co->name), ouro_str_size(co->name));
        ouro_strbuf_append_char(out, '\n');
        cache_load(&cache, co->filename);
        if (!vm->finalizing) append_source_line(out, &cache, line);   /* CPython can no longer import io */
    }
    if (cnt > TB_RECURSIVE_CUTOFF) repeated(out, cnt);
    free(cache.data);
    return 0;
}

int ouro_traceback_format(OuroVM *vm, OuroObject *tb, OuroStrBuf *out) {
    if (!tb || tb == ouro_none) return 0;
    ouro_strbuf_append_cstr(out, "Traceback (most recent call last):\n");
    return format_entries(vm, tb, out);
}

/* ---- exception reports ------------------------------------------------------------------------ */

/* "ValueError", or "mod.Error" for classes outside builtins and __main__. */
static void append_type_name(OuroVM *vm, OuroStrBuf *out, OuroType *t) {
    OuroObject *module = NULL;
    if (t->flags & OURO_TPFLAG_HEAPTYPE) {
        module = t->dict ? ouro_dict_get_str(t->dict, OURO_ID(vm, __module__)) : NULL;
        if (!module || !ouro_str_check(module)) {
            ouro_strbuf_append_cstr(out, "<unknown>");
            module = NULL;
        }
    }
    if (module && !ouro_str_equal_cstr(module, "builtins") && !ouro_str_equal_cstr(module, "__main__")) {
        ouro_strbuf_append_str(vm, out, module);
        ouro_strbuf_append_char(out, '.');
    }
    if ((t->flags & OURO_TPFLAG_HEAPTYPE) && t->heap_qualname && ouro_str_check(t->heap_qualname))
        ouro_strbuf_append_str(vm, out, t->heap_qualname);
    else
        ouro_strbuf_append_cstr(out, ouro_type_name(t));
}

/* str(o) appended, or CPython's placeholder when str() raises. */
static void append_str_or(OuroVM *vm, OuroStrBuf *out, OuroObject *o, const char *fallback,
                          bool colon_if_empty) {
    OuroObject *s = ouro_object_str(vm, o);
    if (!s) {
        ouro_err_clear(vm);
        ouro_strbuf_append_cstr(out, ": ");
        ouro_strbuf_append_cstr(out, fallback);
        return;
    }
    if (ouro_str_size(s) > 0 || colon_if_empty) ouro_strbuf_append_cstr(out, ": ");
    ouro_strbuf_append_str(vm, out, s);
    ouro_decref(vm, s);
}

/* Attribute as a new ref or NULL (errors swallowed). */
static OuroObject *attr(OuroVM *vm, OuroObject *o, OuroObject *name) {
    OuroObject *v = ouro_object_lookup_attr(vm, o, name);
    if (!v) ouro_err_clear(vm);
    return v;
}

static intptr_t int_attr(OuroVM *vm, OuroObject *o, OuroObject *name, intptr_t dflt) {
    OuroObject *v = attr(vm, o, name);
    intptr_t r = v && OURO_IS_SMALLINT(v) ? ouro_smallint_value(v) : dflt;
    ouro_xdecref(vm, v);
    return r;
}

/* CPython's print_error_text: the offending line and the ^^^ under [offset, end_offset). */
static void print_error_text(OuroStrBuf *out, intptr_t offset, intptr_t end_offset,
                             const char *text) {
    intptr_t carets = (end_offset > 0 && end_offset > offset) ? end_offset - offset : 1;
    offset--;
    while (*text == ' ' || *text == '\t' || *text == '\f') {
        text++;
        offset--;
    }
    intptr_t len = (intptr_t)strlen(text);
    if (len > 0 && text[len - 1] == '\n') len--;
    if (offset > len) offset = len;
    for (;;) {
        const char *nl = strchr(text, '\n');
        if (!nl) break;
        intptr_t inl = nl - text;
        if (inl >= offset) break;
        inl += 1;
        text += inl;
        len -= inl;
        offset -= inl;
    }
    ouro_strbuf_append_cstr(out, "    ");
    ouro_strbuf_append_cstr(out, text);
    if (text[len] != '\n') ouro_strbuf_append_char(out, '\n');
    if (offset < 0) return;
    ouro_strbuf_append_cstr(out, "    ");
    while (--offset >= 0) ouro_strbuf_append_char(out, ' ');
    for (intptr_t i = 0; i < carets; i++) ouro_strbuf_append_char(out, '^');
    ouro_strbuf_append_char(out, '\n');
}

/* SyntaxError's "  File ..., line N" block; returns its msg (new ref) or NULL. */
static OuroObject *print_syntax_error(OuroVM *vm, OuroObject *exc, OuroStrBuf *out) {
    OuroObject *dict = ((OuroException *)exc)->dict;
    if (!dict || !ouro_dict_get_cstr(vm, dict, "print_file_and_line")) {
        ouro_err_clear(vm);
        return NULL;
    }
    OuroObject *msg = attr(vm, exc, OURO_ID(vm, msg));
    OuroObject *lineno_o = attr(vm, exc, OURO_ID(vm, lineno));
    if (!msg || !lineno_o || !OURO_IS_SMALLINT(lineno_o)) {
        ouro_xdecref(vm, msg);
        ouro_xdecref(vm, lineno_o);
        return NULL;
    }
    intptr_t lineno = ouro_smallint_value(lineno_o);
    ouro_decref(vm, lineno_o);
    OuroObject *filename = attr(vm, exc, OURO_ID(vm, filename));
    intptr_t offset = int_attr(vm, exc, OURO_ID(vm, offset), -1);
    intptr_t end_lineno = int_attr(vm, exc, OURO_ID(vm, end_lineno), lineno);
    intptr_t end_offset = int_attr(vm, exc, OURO_ID(vm, end_offset), -1);
    OuroObject *text = attr(vm, exc, OURO_ID(vm, text));
    ouro_strbuf_append_cstr(out, "  File \"");
    if (filename && ouro_str_check(filename)) ouro_strbuf_append_str(vm, out, filename);
    else ouro_strbuf_append_cstr(out, "<string>");
    ouro_strbuf_printf(out, "\", line %ld\n", (long)lineno);
    if (text && ouro_str_check(text)) {
        intptr_t line_size = (intptr_t)ouro_str_size(text);
        if (end_lineno > lineno) end_offset = line_size;
        if (end_offset > line_size + 1) end_offset = line_size + 1;
        /* CPython's printer marks an IndentationError (and TabError) with a single caret,
         * whatever range the parser reported. */
        if (ouro_object_is_instance_of_type(exc, &ouro_exc_IndentationError)) end_offset = -1;
        print_error_text(out, offset, end_offset, ouro_str_cstr(text));
    }
    ouro_xdecref(vm, filename);
    ouro_xdecref(vm, text);
    return msg;
}

static void print_notes(OuroVM *vm, OuroObject *exc, OuroStrBuf *out) {
    OuroObject *dict = ((OuroException *)exc)->dict;
    OuroObject *notes = dict ? ouro_dict_get_cstr(vm, dict, "__notes__") : NULL;
    if (!notes) {
        ouro_err_clear(vm);
        return;
    }
    bool seq = ouro_list_check(notes) || ouro_tuple_check(notes);
    size_t n = !seq ? 0 : ouro_list_check(notes) ? ouro_list_size(notes) : ouro_tuple_size(notes);
    for (size_t i = 0; i < n; i++) {
        OuroObject *note = ouro_list_check(notes) ? ouro_list_get(notes, i) : ouro_tuple_get(notes, i);
        OuroObject *s = ouro_object_str(vm, note);
        if (s) {
            ouro_strbuf_append_str(vm, out, s);
            ouro_decref(vm, s);
        } else {
            ouro_err_clear(vm);
            ouro_strbuf_append_cstr(out, "<note str() failed>");
        }
        ouro_strbuf_append_char(out, '\n');
    }
}

/* One exception: its traceback, SyntaxError details, then "Type: message". */
static void print_exception(OuroVM *vm, OuroObject *exc, OuroStrBuf *out) {
    if (!ouro_exception_check(exc)) {
        ouro_strbuf_append_cstr(out, "TypeError: print_exception(): Exception expected for value, ");
        ouro_strbuf_append_cstr(out, ouro_type_name(ouro_type_of(exc)));
        ouro_strbuf_append_cstr(out, " found\n");
        return;
    }
    ouro_traceback_format(vm, ((OuroException *)exc)->traceback, out);
    OuroObject *message = NULL;
    if (ouro_object_is_instance_of_type(exc, &ouro_exc_SyntaxError))
        message = print_syntax_error(vm, exc, out);
    append_type_name(vm, out, ouro_type_of(exc));
    append_str_or(vm, out, message ? message : exc, "<exception str() failed>", false);
    append_suggestion(vm, out, exc);
    ouro_strbuf_append_char(out, '\n');
    ouro_xdecref(vm, message);
    print_notes(vm, exc, out);
}

static const char CAUSE_MSG[] =
    "\nThe above exception was the direct cause of the following exception:\n\n";
static const char CONTEXT_MSG[] =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

static bool in_chain(OuroObject **chain, size_t n, OuroObject *o) {
    for (size_t i = 0; i < n; i++)
        if (chain[i] == o) return true;
    return false;
}

/* The whole report: the chain oldest first, linked by the cause/context sentences. */
static void format_report(OuroVM *vm, OuroObject *exc, OuroStrBuf *out) {
    size_t n = 0, cap = 8;
    OuroObject **chain = malloc(cap * sizeof *chain);
    bool *by_cause = malloc(cap * sizeof *by_cause);
    if (!chain || !by_cause) {
        free(chain);
        free(by_cause);
        print_exception(vm, exc, out);
        return;
    }
    OuroObject *cur = exc;
    while (cur) {
        if (n == cap) {
            cap *= 2;
            OuroObject **nc = realloc(chain, cap * sizeof *chain);
            if (nc) chain = nc;
            bool *nb = nc ? realloc(by_cause, cap * sizeof *by_cause) : NULL;
            if (nb) by_cause = nb;
            if (!nc || !nb) break;
        }
        chain[n] = cur;
        by_cause[n] = false;
        n++;
        if (!ouro_exception_check(cur)) break;
        OuroException *e = (OuroException *)cur;
        OuroObject *next = NULL;
        if (e->cause) {
            next = e->cause;
            by_cause[n - 1] = true;
        } else if (!e->suppress_context) {
            next = e->context;
        }
        if (!next || in_chain(chain, n, next)) break;
        cur = next;
    }
    for (size_t i = n; i-- > 0;) {
        print_exception(vm, chain[i], out);
        if (i > 0) ouro_strbuf_append_cstr(out, by_cause[i - 1] ? CAUSE_MSG : CONTEXT_MSG);
    }
    free(chain);
    free(by_cause);
}

/* ---- the sink ------------------------------------------------------------------------------ */

static void write_stderr(OuroVM *vm, OuroStrBuf *b) {
    OuroObject *saved = ouro_err_fetch(vm);
    OuroObject *file = vm->sys_module
        ? ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, stderr)) : NULL;
    bool done = file == ouro_none;   /* CPython drops the report when sys.stderr is None */
    if (file && file != ouro_none && !b->failed) {
        ouro_incref(file);
        OuroObject *s = ouro_str_from_utf8(vm, b->data, b->len);
        OuroObject *r = s ? ouro_object_call_method(vm, file, OURO_ID(vm, write), &s, 1) : NULL;
        ouro_xdecref(vm, s);
        if (r) {
            ouro_decref(vm, r);
            done = true;
            r = ouro_object_call_method(vm, file, OURO_ID(vm, flush), NULL, 0);
            ouro_xdecref(vm, r);
        }
        ouro_err_clear(vm);
        ouro_decref(vm, file);
    }
    if (!done) {
        fwrite(b->data, 1, b->len, stderr);
        fflush(stderr);
    }
    ouro_strbuf_release(b);
    ouro_err_restore(vm, saved);
}

void ouro_err_display(OuroVM *vm, OuroObject *exc) {
    if (!exc) return;
    OuroObject *saved = ouro_err_fetch(vm);
    ouro_incref(exc);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    format_report(vm, exc, &b);
    ouro_err_clear(vm);
    write_stderr(vm, &b);
    ouro_decref(vm, exc);
    ouro_err_restore(vm, saved);
}

static void set_sys_last(OuroVM *vm, OuroObject *exc) {
    if (!vm->sys_module) return;
    OuroObject *d = ouro_module_dict(vm->sys_module);
    OuroObject *tb = ouro_exception_check(exc) ? ((OuroException *)exc)->traceback : NULL;
    if (ouro_dict_set_cstr(vm, d, "last_type", (OuroObject *)ouro_type_of(exc)) < 0 ||
        ouro_dict_set_cstr(vm, d, "last_value", exc) < 0 ||
        ouro_dict_set_cstr(vm, d, "last_traceback", tb ? tb : ouro_none) < 0)
        ouro_err_clear(vm);
}

void ouro_err_print(OuroVM *vm) {
    OuroObject *exc = ouro_err_fetch(vm);
    if (!exc) return;
    set_sys_last(vm, exc);
    ouro_err_display(vm, exc);
    ouro_decref(vm, exc);
}

void ouro_err_write_unraisable(OuroVM *vm, OuroObject *obj) {
    OuroObject *exc = ouro_err_fetch(vm);
    if (!exc) return;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    if (obj && obj != ouro_none) {
        ouro_strbuf_append_cstr(&b, "Exception ignored in: ");
        if (ouro_strbuf_append_repr(vm, &b, obj) < 0) {
            ouro_err_clear(vm);
            ouro_strbuf_append_cstr(&b, "<object repr() failed>");
        }
        ouro_strbuf_append_char(&b, '\n');
    }
    if (ouro_exception_check(exc)) ouro_traceback_format(vm, ((OuroException *)exc)->traceback, &b);
    append_type_name(vm, &b, ouro_type_of(exc));
    append_str_or(vm, &b, exc, "<exception str() failed>", true);
    ouro_strbuf_append_char(&b, '\n');
    ouro_err_clear(vm);
    write_stderr(vm, &b);
    ouro_decref(vm, exc);
}
