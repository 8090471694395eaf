/* vm/list_sort.c — list.sort(): a stable natural merge sort in the manner of timsort (runs,
 * binary insertion up to minrun, the run-stack invariants; no galloping), with comparison
 * fast paths chosen once per sort when all keys are small ints, exact floats or exact strs.
 * As in CPython the list looks empty while it is sorted, a change made meanwhile raises
 * "list modified during sort", and a failing comparison still leaves a permutation. */
#include "vm/ouro.h"
#include "vm/obj_iter.h"

#include <stdlib.h>
#include <string.h>

typedef struct SortItem {
    OuroObject *key;
    OuroObject *value;
} SortItem;

typedef enum { CMP_GENERIC, CMP_SMALLINT, CMP_FLOAT, CMP_STR } CmpKind;

typedef struct SortState {
    OuroVM *vm;
    CmpKind kind;
    bool failed;                      /* a comparison raised: every later one answers false */
    SortItem *tmp;
    size_t tmp_cap;
} SortState;

static bool str_lt(OuroObject *a, OuroObject *b) {
    size_t na = ouro_str_size(a), nb = ouro_str_size(b);
    int c = memcmp(ouro_str_cstr(a), ouro_str_cstr(b), na < nb ? na : nb);   /* UTF-8 keeps code point order */
    return c < 0 || (c == 0 && na < nb);
}

/* a < b, per the sort's comparison kind. */
static bool lt(SortState *st, OuroObject *a, OuroObject *b) {
    switch (st->kind) {
    case CMP_SMALLINT: return ouro_smallint_value(a) < ouro_smallint_value(b);
    case CMP_FLOAT: return ouro_float_value(a) < ouro_float_value(b);
    case CMP_STR: return str_lt(a, b);
    default: break;
    }
    if (st->failed) return false;
    int r = ouro_object_richcompare_bool(st->vm, a, b, OURO_LT);
    if (r < 0) {
        st->failed = true;
        return false;
    }
    return r != 0;
}

static CmpKind choose_kind(SortItem *a, size_t n) {
    if (n == 0) return CMP_GENERIC;
    OuroObject *k0 = a[0].key;
    CmpKind kind = OURO_IS_SMALLINT(k0) ? CMP_SMALLINT
                   : k0->type == &ouro_float_type ? CMP_FLOAT
                   : k0->type == &ouro_str_type ? CMP_STR : CMP_GENERIC;
    for (size_t i = 1; i < n && kind != CMP_GENERIC; i++) {
        OuroObject *k = a[i].key;
        bool same = kind == CMP_SMALLINT ? OURO_IS_SMALLINT(k)
                    : !OURO_IS_SMALLINT(k) && k->type == (kind == CMP_FLOAT ? &ouro_float_type : &ouro_str_type);
        if (!same) kind = CMP_GENERIC;
    }
    return kind;
}

/* Sorts a[0..n) given that a[0..start) is already sorted: binary insertion, stable. */
static void binary_insertion(SortState *st, SortItem *a, size_t n, size_t start) {
    for (size_t i = start; i < n; i++) {
        SortItem pivot = a[i];
        size_t lo = 0, hi = i;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (lt(st, pivot.key, a[mid].key)) hi = mid;
            else lo = mid + 1;
        }
        memmove(a + lo + 1, a + lo, (i - lo) * sizeof *a);
        a[lo] = pivot;
    }
}

/* Length of the run starting at a (ascending, or strictly descending and then reversed). */
static size_t count_run(SortState *st, SortItem *a, size_t n) {
    if (n <= 1) return n;
    size_t i = 1;
    if (lt(st, a[1].key, a[0].key)) {
        while (i + 1 < n && lt(st, a[i + 1].key, a[i].key)) i++;
        i++;
        for (size_t lo = 0, hi = i - 1; lo < hi; lo++, hi--) {
            SortItem t = a[lo];
            a[lo] = a[hi];
            a[hi] = t;
        }
        return i;
    }
    while (i + 1 < n && !lt(st, a[i + 1].key, a[i].key)) i++;
    return i + 1;
}

static size_t min_run(size_t n) {
    size_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* Merges the adjacent sorted runs a[0..na) and a[na..na+nb), stable. */
static int merge(SortState *st, SortItem *a, size_t na, size_t nb) {
    if (na > st->tmp_cap) {
        SortItem *t = realloc(st->tmp, na * sizeof *t);
        if (!t) return -1;
        st->tmp = t;
        st->tmp_cap = na;
    }
    memcpy(st->tmp, a, na * sizeof *a);
    SortItem *l = st->tmp, *lend = st->tmp + na, *r = a + na, *rend = a + na + nb, *dst = a;
    while (l < lend && r < rend) {
        if (lt(st, r->key, l->key)) *dst++ = *r++;
        else *dst++ = *l++;
    }
    memcpy(dst, l, (size_t)(lend - l) * sizeof *l);   /* the rest of the right run is in place */
    return 0;
}

typedef struct Run {
    size_t start, len;
} Run;

static int merge_at(SortState *st, SortItem *a, Run *runs, size_t *nruns, size_t i) {
    if (merge(st, a + runs[i].start, runs[i].len, runs[i + 1].len) < 0) return -1;
    runs[i].len += runs[i + 1].len;
    for (size_t k = i + 1; k + 1 < *nruns; k++) runs[k] = runs[k + 1];
    (*nruns)--;
    return 0;
}

/* Restores timsort's run-length invariants on the stack (the corrected 2015 version). */
static int merge_collapse(SortState *st, SortItem *a, Run *runs, size_t *nruns) {
    while (*nruns > 1) {
        size_t n = *nruns - 2;
        if ((n > 0 && runs[n - 1].len <= runs[n].len + runs[n + 1].len) ||
            (n > 1 && runs[n - 2].len <= runs[n - 1].len + runs[n].len)) {
            if (runs[n - 1].len < runs[n + 1].len) n--;
        } else if (runs[n].len > runs[n + 1].len) {
            break;
        }
        if (merge_at(st, a, runs, nruns, n) < 0) return -1;
    }
    return 0;
}

static int timsort(SortState *st, SortItem *a, size_t n) {
    Run runs[128];
    size_t nruns = 0, minrun = min_run(n), i = 0;
    while (i < n) {
        size_t len = count_run(st, a + i, n - i);
        if (len < minrun) {
            size_t force = n - i < minrun ? n - i : minrun;
            binary_insertion(st, a + i, force, len);
            len = force;
        }
        runs[nruns].start = i;
        runs[nruns].len = len;
        nruns++;
        i += len;
        if (merge_collapse(st, a, runs, &nruns) < 0) return -1;
    }
    while (nruns > 1) {
        size_t k = nruns - 2;
        if (k > 0 && runs[k - 1].len < runs[k + 1].len) k--;
        if (merge_at(st, a, runs, &nruns, k) < 0) return -1;
    }
    return 0;
}

static void reverse_pairs(SortItem *a, size_t n) {
    for (size_t lo = 0, hi = n ? n - 1 : 0; lo < hi; lo++, hi--) {
        SortItem t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
    }
}

/* Computes keys (new references) for every item; -1 when the key function raised. */
static int compute_keys(OuroVM *vm, SortItem *pairs, size_t n, OuroObject *keyfunc) {
    for (size_t i = 0; i < n; i++) {
        OuroObject *k = keyfunc ? ouro_object_call1(vm, keyfunc, pairs[i].value) : pairs[i].value;
        if (!k) {
            for (size_t j = 0; j < i; j++) ouro_decref(vm, pairs[j].key);
            return -1;
        }
        pairs[i].key = keyfunc ? k : ouro_newref(k);
    }
    return 0;
}

int ouro_list_sort(OuroVM *vm, OuroObject *list, OuroObject *key, bool reverse) {
    OuroList *l = (OuroList *)list;
    OuroObject **items = l->items;
    size_t n = l->size, cap = l->capacity;
    l->items = NULL;   /* the list looks empty while sorting */
    l->size = l->capacity = 0;
    if (key == ouro_none) key = NULL;

    int result = 0;
    SortItem small[16], *pairs = n <= 16 ? small : malloc(n * sizeof *pairs);
    if (!pairs) {
        ouro_err_no_memory(vm);
        result = -1;
    } else {
        for (size_t i = 0; i < n; i++) pairs[i].value = items[i];
        if (compute_keys(vm, pairs, n, key) < 0) {
            result = -1;
        } else {
            SortState st = {.vm = vm, .kind = choose_kind(pairs, n)};
            if (reverse) reverse_pairs(pairs, n);
            if (n > 1 && timsort(&st, pairs, n) < 0) {
                ouro_err_no_memory(vm);
                result = -1;
            } else if (st.failed) {
                result = -1;
            }
            if (reverse) reverse_pairs(pairs, n);
            /* The pairs are a permutation even after a failure; keep it (as CPython). */
            for (size_t i = 0; i < n; i++) {
                items[i] = pairs[i].value;
                ouro_decref(vm, pairs[i].key);
            }
            free(st.tmp);
        }
        if (pairs != small) free(pairs);
    }

    OuroObject **final_items = l->items;
    size_t final_size = l->size;
    bool modified = final_items != NULL || final_size != 0;
    l->items = items;
    l->size = n;
    l->capacity = cap;
    if (modified && result == 0) {
        ouro_err_set_str(vm, &ouro_exc_ValueError, "list modified during sort");
        result = -1;
    }
    if (final_items) {
        while (final_size-- > 0) ouro_decref(vm, final_items[final_size]);
        if (ouro_heap(vm)->watching) ouro_gc_watch_raw_free(ouro_heap(vm), final_items);
        free(final_items);
    }
    return result;
}
