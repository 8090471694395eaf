/* stdlib/run.c — running code as __main__: a script file, a -c string, sys.path[0], and
 * what happens to an exception nobody caught (sys.excepthook, sys.last_*, and the exit
 * status CPython would give). The -m runner is in stdlib/import.c. */
#include "stdlib/stdlib.h"
#include "stdlib/file.h"
#include "stdlib/run.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The whole file, NUL-terminated, with *bom telling whether a UTF-8 byte-order mark
 * (skipped, as CPython's file reader does) started it. */
static char *read_source(const char *path, size_t *len, bool *bom) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, fp);
        if (n < cap - 1) break;
        char *bigger = realloc(buf, cap *= 2);
        if (!bigger) free(buf);
        buf = bigger;
    }
    int err = ferror(fp) ? errno : 0;
    fclose(fp);
    if (!buf) {
        errno = ENOMEM;
        return NULL;
    }
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[n] = '\0';
    *bom = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0;
    if (*bom) {
        n -= 3;
        memmove(buf, buf + 3, n + 1);
    }
    *len = n;
    return buf;
}

char *ouro_read_file(const char *path, size_t *len) {
    bool bom;
    return read_source(path, len, &bom);
}

/* ---- PEP 263 coding declarations: the source is transcoded to UTF-8 before compiling ---- */

/* The encoding named by a coding declaration in line 1, or in line 2 after a comment or
 * blank line 1 (CPython's check_coding_spec): copied to name, false when there is none. */
static bool find_coding_cookie(const char *p, const char *end, char *name, size_t size) {
    for (int line = 0; line < 2 && p < end; line++) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
        if (p >= end) break;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (p < le && *p == '#') {
            for (const char *q = p; q + 7 <= le; q++) {
                if (memcmp(q, "coding", 6) != 0 || (q[6] != ':' && q[6] != '=')) continue;
                const char *r = q + 7, *t;
                while (r < le && (*r == ' ' || *r == '\t')) r++;
                for (t = r; t < le && (isalnum((unsigned char)*t) || *t == '-' || *t == '_' ||
                                       *t == '.'); t++) {}
                if (t == r) continue;
                snprintf(name, size, "%.*s", (int)(t - r), r);
                return true;
            }
        } else if (p < le && *p != '\r') {
            return false;   /* code on line 1: line 2 is not looked at */
        }
        p = le + 1;
    }
    return false;
}

/* CPython's get_normal_name: the spellings of utf-8 and latin-1 the tokenizer knows. */
static const char *normal_name(const char *s) {
    char b[13];
    int i;
    for (i = 0; i < 12 && s[i]; i++) b[i] = s[i] == '_' ? '-' : (char)tolower((unsigned char)s[i]);
    b[i] = '\0';
    if (strcmp(b, "utf-8") == 0 || strncmp(b, "utf-8-", 6) == 0) return "utf-8";
    if (strcmp(b, "latin-1") == 0 || strcmp(b, "iso-8859-1") == 0 ||
        strcmp(b, "iso-latin-1") == 0 || strncmp(b, "latin-1-", 8) == 0 ||
        strncmp(b, "iso-8859-1-", 11) == 0 || strncmp(b, "iso-latin-1-", 12) == 0)
        return "iso-8859-1";
    return s;
}

typedef enum { CODEC_UNKNOWN, CODEC_UTF8, CODEC_LATIN1, CODEC_ASCII, CODEC_CP1252 } Codec;

/* The codec registry's lookup (encodings.normalize_encoding, then encodings.aliases) for
 * the codecs ouro has. */
static Codec lookup_codec(const char *name) {
    char n[64];
    size_t i = 0;
    for (const char *p = name; *p && i + 1 < sizeof n; p++)
        n[i++] = isalnum((unsigned char)*p) || *p == '.' ? (char)tolower((unsigned char)*p) : '_';
    n[i] = '\0';
    static const struct { const char *name; Codec codec; } table[] = {
        {"utf_8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
        {"utf_8_sig", CODEC_UTF8}, {"utf8_ucs2", CODEC_UTF8}, {"utf8_ucs4", CODEC_UTF8},
        {"cp65001", CODEC_UTF8},
        {"latin_1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1},
        {"l1", CODEC_LATIN1}, {"iso_8859_1", CODEC_LATIN1}, {"iso8859_1", CODEC_LATIN1},
        {"iso8859", CODEC_LATIN1}, {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1},
        {"ibm819", CODEC_LATIN1}, {"iso_ir_100", CODEC_LATIN1}, {"csisolatin1", CODEC_LATIN1},
        {"iso_8859_1_1987", CODEC_LATIN1},
        {"ascii", CODEC_ASCII}, {"us_ascii", CODEC_ASCII}, {"646", CODEC_ASCII},
        {"us", CODEC_ASCII}, {"ansi_x3.4_1968", CODEC_ASCII}, {"ansi_x3_4_1968", CODEC_ASCII},
        {"ansi_x3.4_1986", CODEC_ASCII}, {"cp367", CODEC_ASCII}, {"csascii", CODEC_ASCII},
        {"ibm367", CODEC_ASCII}, {"iso646_us", CODEC_ASCII}, {"iso_646.irv_1991", CODEC_ASCII},
        {"iso_ir_6", CODEC_ASCII},
        {"cp1252", CODEC_CP1252}, {"windows_1252", CODEC_CP1252}, {"1252", CODEC_CP1252},
    };
    for (size_t k = 0; k < sizeof table / sizeof table[0]; k++)
        if (strcmp(n, table[k].name) == 0) return table[k].codec;
    return CODEC_UNKNOWN;
}

/* cp1252's 0x80..0x9F; 0 where the code page has no character. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Decodes src with codec into a malloc'd UTF-8 buffer; NULL with *bad the offset of the
 * first byte the codec rejects (or SIZE_MAX when out of memory). */
static char *transcode(Codec codec, const char *src, size_t len, size_t *out_len, size_t *bad) {
    char *out = malloc(len * 3 + 1);
    if (!out) {
        *bad = SIZE_MAX;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)src[i];
        if (c >= 0x80 && codec == CODEC_ASCII) c = 0;
        else if (c >= 0x80 && c < 0xA0 && codec == CODEC_CP1252) c = cp1252_high[c - 0x80];
        if (c == 0 && src[i] != 0) {
            free(out);
            *bad = i;
            return NULL;
        }
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The SyntaxError CPython gives for an undecodable file: the script runner's file tokenizer
 * says only "encoding problem: NAME"; the importer (compile() of bytes) says where. */
static void raise_encoding_error(OuroVM *vm, const char *path, bool is_main, const char *msg) {
    OuroObject *m = ouro_str_from_cstr(vm, msg);
    OuroObject *file = m && !is_main ? ouro_str_from_cstr(vm, path) : NULL;
    OuroObject *loc = file ? ouro_tuple_pack(vm, 4, file, ouro_smallint(0), ouro_smallint(-1),
                                             ouro_none)
                           : NULL;
    OuroObject *args = NULL;
    if (m && is_main) args = ouro_tuple_pack(vm, 1, m);
    else if (loc) args = ouro_tuple_pack(vm, 2, m, loc);
    if (args) ouro_err_set(vm, &ouro_exc_SyntaxError, args);
    ouro_xdecref(vm, args);
    ouro_xdecref(vm, loc);
    ouro_xdecref(vm, file);
    ouro_xdecref(vm, m);
}

/* Applies the coding declaration of *src (read with read_source, so without its BOM):
 * replaces it with its UTF-8 transcoding. 0, or -1 with SyntaxError (src freed). */
static int decode_source(OuroVM *vm, char **src, size_t *len, bool bom, const char *path,
                         bool is_main) {
    char name[64], msg[160];
    if (!find_coding_cookie(*src, *src + *len, name, sizeof name)) return 0;
    const char *normal = normal_name(name);
    Codec codec = lookup_codec(normal);
    if (bom && strcmp(normal, "utf-8") != 0) {
        snprintf(msg, sizeof msg, "encoding problem: %s with BOM", normal);
    } else if (codec == CODEC_UTF8) {
        return 0;
    } else if (codec == CODEC_UNKNOWN) {
        snprintf(msg, sizeof msg, "%s: %s", is_main ? "encoding problem" : "unknown encoding",
                 name);
    } else {
        size_t n, bad;
        char *utf8 = transcode(codec, *src, *len, &n, &bad);
        if (utf8) {
            free(*src);
            *src = utf8;
            *len = n;
            return 0;
        }
        if (bad == SIZE_MAX) {
            free(*src);
            ouro_err_no_memory(vm);
            return -1;
        }
        if (is_main)
            snprintf(msg, sizeof msg, "encoding problem: %s", name);
        else if (codec == CODEC_ASCII)
            snprintf(msg, sizeof msg, "'ascii' codec can't decode byte 0x%02x in position %zu: "
                     "ordinal not in range(128)", (unsigned char)(*src)[bad], bad + 3 * bom);
        else
            snprintf(msg, sizeof msg, "'charmap' codec can't decode byte 0x%02x in position "
                     "%zu: character maps to <undefined>", (unsigned char)(*src)[bad],
                     bad + 3 * bom);
    }
    free(*src);
    raise_encoding_error(vm, path, is_main, msg);
    return -1;
}

void ouro_abspath(const char *path, char *out, size_t size) {
    char joined[8192];
    if (path[0] == '/') {
        snprintf(joined, sizeof joined, "%s", path);
    } else {
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd)) snprintf(cwd, sizeof cwd, ".");
        snprintf(joined, sizeof joined, "%s/%s", cwd, path);
    }
    /* Normalise: drop "." components and fold "..". */
    char *parts[1024];
    int n = 0;
    for (char *tok = strtok(joined, "/"); tok && n < 1024; tok = strtok(NULL, "/")) {
        if (strcmp(tok, ".") == 0) continue;
        if (strcmp(tok, "..") == 0) {
            if (n > 0) n--;
            continue;
        }
        parts[n++] = tok;
    }
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n && used + 1 < size; i++)
        used += (size_t)snprintf(out + used, size - used, "/%s", parts[i]);
    if (n == 0) snprintf(out, size, "/");
}

static int run_code(OuroVM *vm, OuroObject *code, OuroObject *dict) {
    OuroObject *r = ouro_eval_code(vm, code, dict, dict);
    ouro_decref(vm, code);
    if (!r) return -1;
    ouro_decref(vm, r);
    return 0;
}

static int run_file_in(OuroVM *vm, const char *path, OuroObject *dict, bool is_main) {
    size_t len;
    bool bom;
    char *src = read_source(path, &len, &bom);
    if (!src) {
        int err = errno;
        OuroObject *name = ouro_str_from_cstr(vm, path);
        OuroObject *msg = name ? ouro_str_from_cstr(vm, strerror(err)) : NULL;
        OuroObject *args = msg ? ouro_tuple_pack(vm, 3, ouro_smallint(err), msg, name) : NULL;
        if (args) ouro_err_set(vm, &ouro_exc_OSError, args);
        ouro_xdecref(vm, args);
        ouro_xdecref(vm, msg);
        ouro_xdecref(vm, name);
        return -1;
    }
    if (decode_source(vm, &src, &len, bom, path, is_main) < 0) return -1;
    OuroObject *code = vm->compile(vm, src, len, path, OURO_MODE_EXEC);
    free(src);
    return code ? run_code(vm, code, dict) : -1;
}

int ouro_run_file_in(OuroVM *vm, const char *path, OuroObject *dict) {
    return run_file_in(vm, path, dict, false);
}

OuroObject *ouro_main_module(OuroVM *vm) {
    OuroObject *m = ouro_dict_get_str(vm->modules, OURO_ID(vm, __main__));
    if (m) return m;
    m = ouro_module_new(vm, "__main__");
    if (!m) return NULL;
    if (ouro_dict_set(vm, ouro_module_dict(m), OURO_ID(vm, __builtins__), vm->builtins_module) < 0 ||
        ouro_dict_set(vm, vm->modules, OURO_ID(vm, __main__), m) < 0) {
        ouro_decref(vm, m);
        return NULL;
    }
    ouro_decref(vm, m);   /* sys.modules holds it */
    ouro_gc_promote_startup(ouro_heap(vm));   /* start-up is over: its objects are old */
    return m;
}

static int insert_path(OuroVM *vm, OuroObject *path, size_t index, const char *dir, size_t n) {
    OuroObject *d = ouro_str_from_utf8(vm, dir, n);
    if (!d) return -1;
    OuroObject *insert = ouro_str_from_cstr(vm, "insert");
    OuroObject *args[2] = {ouro_smallint((int64_t)index), d};
    OuroObject *r = insert ? ouro_object_call_method(vm, path, insert, args, 2) : NULL;
    ouro_xdecref(vm, insert);
    ouro_decref(vm, d);
    ouro_xdecref(vm, r);
    return r ? 0 : -1;
}

int ouro_run_set_path0(OuroVM *vm, const char *dir) {
    OuroObject *path = vm->sys_module ? ouro_dict_get_str(ouro_module_dict(vm->sys_module),
                                                          OURO_ID(vm, path))
                                      : NULL;
    if (!path || !ouro_list_check(path)) return 0;
    bool first = ouro_list_size(path) == 0;
    if (insert_path(vm, path, 0, dir, strlen(dir)) < 0) return -1;
    const char *extra = getenv("OUROPATH");
    if (!first || !extra) return 0;
    /* $OUROPATH, like $PYTHONPATH: colon-separated directories after sys.path[0]. */
    for (const char *p = extra; *p;) {
        const char *end = strchr(p, ':');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n && insert_path(vm, path, ouro_list_size(path), p, n) < 0) return -1;
        p += n + (end != NULL);
    }
    return 0;
}

int ouro_run_file(OuroVM *vm, const char *path) {
    char abs[4096];
    ouro_abspath(path, abs, sizeof abs);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", abs);
    char *slash = strrchr(dir, '/');
    if (slash) *(slash == dir ? slash + 1 : slash) = '\0';
    OuroObject *main_mod = ouro_main_module(vm);
    if (!main_mod || ouro_run_set_path0(vm, dir) < 0) return -1;
    OuroObject *file = ouro_str_from_cstr(vm, abs);
    int r = file ? ouro_dict_set(vm, ouro_module_dict(main_mod), OURO_ID(vm, __file__), file) : -1;
    ouro_xdecref(vm, file);
    if (r < 0) return -1;
    return run_file_in(vm, abs, ouro_module_dict(main_mod), true);
}

int ouro_run_string(OuroVM *vm, const char *src, const char *filename) {
    OuroObject *main_mod = ouro_main_module(vm);
    if (!main_mod || ouro_run_set_path0(vm, "") < 0) return -1;
    OuroObject *code = vm->compile(vm, src, strlen(src), filename, OURO_MODE_EXEC);
    return code ? run_code(vm, code, ouro_module_dict(main_mod)) : -1;
}

static void flush_stream(OuroVM *vm, const char *name) {
    if (!vm->sys_module) return;
    OuroObject *f = ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), name);
    if (f && f != ouro_none && ouro_file_flush(vm, f) < 0) ouro_err_clear(vm);
}

/* SystemExit's code as an exit status: None -> 0, int -> itself, anything else is printed
 * to stderr and gives 1 (CPython's handle_system_exit). */
static int system_exit_status(OuroVM *vm, OuroObject *exc) {
    OuroObject *code = ouro_object_getattr_cstr(vm, exc, "code");
    if (!code) {
        ouro_err_clear(vm);
        return 1;
    }
    int status = 0;
    int64_t v;
    if (code == ouro_none) {
        status = 0;
    } else if (ouro_int_check(code) && ouro_int_as_i64(vm, code, &v) == 0) {
        status = (int)v;
    } else {
        ouro_err_clear(vm);
        flush_stream(vm, "stdout");
        OuroObject *s = ouro_object_str(vm, code);
        if (s) {
            fprintf(stderr, "%s\n", ouro_str_cstr(s));
            ouro_decref(vm, s);
        } else {
            ouro_err_clear(vm);
        }
        status = 1;
    }
    ouro_decref(vm, code);
    return status;
}

static void set_sys(OuroVM *vm, const char *name, OuroObject *value) {
    if (ouro_dict_set_cstr(vm, ouro_module_dict(vm->sys_module), name, value) < 0)
        ouro_err_clear(vm);
}

void ouro_print_exception(OuroVM *vm, OuroObject *exc) {
    flush_stream(vm, "stdout");
    if (!vm->sys_module || !ouro_exception_check(exc)) {
        ouro_err_display(vm, exc);
        return;
    }
    OuroObject *tb = ((OuroException *)exc)->traceback;
    OuroObject *type = (OuroObject *)exc->type;
    tb = tb ? tb : ouro_none;
    set_sys(vm, "last_type", type);
    set_sys(vm, "last_value", exc);
    set_sys(vm, "last_traceback", tb);
    OuroObject *sysd = ouro_module_dict(vm->sys_module);
    OuroObject *hook = ouro_dict_get_str(sysd, OURO_ID(vm, excepthook));
    OuroObject *builtin_hook = ouro_dict_get_cstr(vm, sysd, "__excepthook__");
    if (!hook || hook == ouro_none) {
        fputs("sys.excepthook is missing\n", stderr);
        ouro_err_display(vm, exc);
        return;
    }
    if (hook == builtin_hook) {
        ouro_err_display(vm, exc);
        return;
    }
    OuroObject *args[3] = {type, exc, tb};
    OuroObject *r = ouro_object_call(vm, hook, args, 3, NULL);
    if (r) {
        ouro_decref(vm, r);
        return;
    }
    OuroObject *hook_exc = ouro_err_fetch(vm);
    flush_stream(vm, "stdout");
    fflush(stderr);
    fputs("Error in sys.excepthook:\n", stderr);
    if (hook_exc) ouro_err_display(vm, hook_exc);
    fputs("\nOriginal exception was:\n", stderr);
    ouro_err_display(vm, exc);
    ouro_xdecref(vm, hook_exc);
}

int ouro_handle_uncaught(OuroVM *vm) {
    OuroObject *exc = ouro_err_fetch(vm);
    if (!exc) return 0;
    int status;
    if (ouro_object_is_instance_of_type(exc, &ouro_exc_SystemExit)) {
        status = system_exit_status(vm, exc);
    } else {
        ouro_print_exception(vm, exc);
        status = ouro_object_is_instance_of_type(exc, &ouro_exc_KeyboardInterrupt) ? 130 : 1;
    }
    ouro_decref(vm, exc);
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    flush_stream(vm, "stderr");
    return status;
}
