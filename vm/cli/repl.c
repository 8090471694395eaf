/* vm/cli/repl.c — the interactive prompt. Reads a statement (asking for `... ` lines while the
 * compiler says the input is incomplete), compiles it in single mode so bare expressions are
 * echoed through sys.displayhook, and runs it in __main__. GNU readline gives line editing,
 * history in ~/.ouro_history and tab completion when stdin is a terminal; otherwise a plain
 * reader is used and the prompts go to stderr, as CPython does. */
#include "vm/cli/repl.h"

#include "compiler/compiler.h"
#include "stdlib/run.h"
#include "stdlib/stdlib.h"

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef OURO_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

static sigjmp_buf interrupt_jump;
static volatile sig_atomic_t reading_input;

void ouro_repl_interrupt(void) {
    if (reading_input) {
        reading_input = 0;
        siglongjmp(interrupt_jump, 1);
    }
}

/* ---- reading lines ---------------------------------------------------------------------- */

static bool use_readline;
static OuroVM *completion_vm;

/* Returns a malloc'd line without its newline, or NULL at end of input. */
static char *read_line(const char *prompt) {
#ifdef OURO_HAVE_READLINE
    if (use_readline) {
        char *line = readline(prompt);
        if (line && *line) add_history(line);
        return line;
    }
#endif
    fputs(prompt, stderr);
    fflush(stderr);
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    int c;
    while (buf && (c = getchar()) != EOF && c != '\n') {
        if (len + 1 == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) free(buf);
            buf = bigger;
            if (!buf) break;
        }
        buf[len++] = (char)c;
    }
    if (!buf) return NULL;
    if (c == EOF && len == 0) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* ---- tab completion ----------------------------------------------------------------------- */

#ifdef OURO_HAVE_READLINE
static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield", NULL};

static char **matches;
static size_t nmatches, cap_matches;

static void add_match(const char *prefix, size_t plen, const char *name, size_t nlen) {
    if (nmatches + 1 >= cap_matches) {
        size_t cap = cap_matches ? cap_matches * 2 : 64;
        char **bigger = realloc(matches, cap * sizeof *bigger);
        if (!bigger) return;
        matches = bigger;
        cap_matches = cap;
    }
    char *m = malloc(plen + nlen + 1);
    if (!m) return;
    memcpy(m, prefix, plen);
    memcpy(m + plen, name, nlen);
    m[plen + nlen] = '\0';
    matches[nmatches++] = m;
}

static void add_names_of_dict(OuroObject *dict, const char *stem, size_t slen) {
    size_t pos = 0;
    OuroObject *key, *value;
    while (ouro_dict_next(dict, &pos, &key, &value))
        if (ouro_str_check(key) && strncmp(ouro_str_cstr(key), stem, slen) == 0)
            add_match("", 0, ouro_str_cstr(key), ouro_str_size(key));
}

/* Evaluates a dotted name like `a.b` by lookups only (never runs arbitrary code). */
static OuroObject *resolve_dotted(OuroVM *vm, const char *expr, size_t len) {
    OuroObject *main_dict = ouro_module_dict(ouro_main_module(vm));
    OuroObject *obj = NULL;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && expr[end] != '.') end++;
        OuroObject *name = ouro_str_from_utf8(vm, expr + start, end - start);
        if (!name) break;
        OuroObject *next;
        if (!obj) {
            next = ouro_dict_get_str(main_dict, name);
            if (!next) next = ouro_dict_get_str(vm->builtins, name);
            next = next ? ouro_newref(next) : NULL;
        } else {
            next = ouro_object_lookup_attr(vm, obj, name);
            ouro_decref(vm, obj);
        }
        ouro_decref(vm, name);
        obj = next;
        if (!obj) break;
        start = end + 1;
    }
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    return obj;
}

static void complete_attribute(OuroVM *vm, const char *text, const char *dot) {
    OuroObject *obj = resolve_dotted(vm, text, (size_t)(dot - text));
    if (!obj) return;
    OuroObject *names = ouro_object_dir(vm, obj);
    ouro_decref(vm, obj);
    if (!names) {
        ouro_err_clear(vm);
        return;
    }
    const char *stem = dot + 1;
    size_t slen = strlen(stem), plen = (size_t)(stem - text);
    for (size_t i = 0; i < ouro_list_size(names); i++) {
        OuroObject *n = ouro_list_get(names, i);
        if (!ouro_str_check(n) || strncmp(ouro_str_cstr(n), stem, slen) != 0) continue;
        if (slen == 0 && ouro_str_cstr(n)[0] == '_') continue;   /* like CPython: hide _names */
        add_match(text, plen, ouro_str_cstr(n), ouro_str_size(n));
    }
    ouro_decref(vm, names);
}

static void collect_matches(const char *text) {
    OuroVM *vm = completion_vm;
    nmatches = 0;
    const char *dot = strrchr(text, '.');
    if (dot) {
        complete_attribute(vm, text, dot);
        return;
    }
    size_t len = strlen(text);
    for (const char *const *k = keywords; *k; k++)
        if (strncmp(*k, text, len) == 0) add_match("", 0, *k, strlen(*k));
    add_names_of_dict(ouro_module_dict(ouro_main_module(vm)), text, len);
    add_names_of_dict(vm->builtins, text, len);
}

static char *completion_generator(const char *text, int state) {
    static size_t next;
    if (state == 0) {
        for (size_t i = next; i < nmatches; i++) free(matches[i]);
        collect_matches(text);
        next = 0;
    }
    return next < nmatches ? matches[next++] : NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)end;
    /* Tab in leading white space indents instead of listing every name. */
    bool only_space = true;
    for (int i = 0; i < start; i++)
        if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') only_space = false;
    if (only_space && text[0] == '\0') {
        rl_insert_text("    ");
        rl_attempted_completion_over = 1;
        return NULL;
    }
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, completion_generator);
}

static char history_path[4096];

static void setup_readline(OuroVM *vm) {
    completion_vm = vm;
    rl_catch_signals = 0;
    rl_readline_name = "ouro";
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{([,+-*/%^~!:";
    rl_attempted_completion_function = attempt_completion;
    const char *custom = getenv("OURO_HISTORY");
    const char *home = getenv("HOME");
    if (custom && *custom) snprintf(history_path, sizeof history_path, "%s", custom);
    else if (home) snprintf(history_path, sizeof history_path, "%s/.ouro_history", home);
    if (history_path[0]) read_history(history_path);
}

static void save_history(void) {
    if (history_path[0]) {
        write_history(history_path);
        history_truncate_file(history_path, 1000);
    }
}
#endif

/* ---- the loop -------------------------------------------------------------------------- */

static const char *prompt_of(OuroVM *vm, const char *which, const char *fallback) {
    OuroObject *p = ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), which);
    if (p && ouro_str_check(p)) return ouro_str_cstr(p);
    return fallback;
}

/* Runs one complete entry; errors are printed and the loop goes on. Returns -1 when the
 * entry raised SystemExit (the exit status is then in *status). */
static int run_entry(OuroVM *vm, const char *src, int *status) {
    OuroObject *main_mod = ouro_main_module(vm);
    OuroObject *code = vm->compile(vm, src, strlen(src), "<stdin>", OURO_MODE_SINGLE);
    OuroObject *result = NULL;
    if (code) {
        OuroObject *dict = ouro_module_dict(main_mod);
        result = ouro_eval_code(vm, code, dict, dict);
        ouro_decref(vm, code);
    }
    if (result) {
        ouro_decref(vm, result);
        fflush(stdout);
        return 0;
    }
    vm->interrupt_requested = 0;
    if (ouro_err_matches(vm, &ouro_exc_SystemExit)) {
        *status = ouro_handle_uncaught(vm);
        return -1;
    }
    ouro_handle_uncaught(vm);
    return 0;
}

int ouro_repl(OuroVM *vm, bool quiet) {
    bool tty = isatty(STDIN_FILENO);
#ifdef OURO_HAVE_READLINE
    use_readline = tty;
    if (use_readline) setup_readline(vm);
#endif
    if (!quiet && tty)
        fprintf(stderr, "Ouroboros 0.1.0 (Python 3.11 subset) on linux\n"
                        "Type \"exit()\" or Ctrl-D (i.e. EOF) to exit.\n");
    if (!ouro_main_module(vm)) return ouro_handle_uncaught(vm);
    OuroStrBuf entry;
    ouro_strbuf_init(&entry);
    int status = 0;
    for (;;) {
        if (sigsetjmp(interrupt_jump, 1)) {
#ifdef OURO_HAVE_READLINE
            if (use_readline) {
                rl_free_line_state();
                rl_cleanup_after_signal();
            }
#endif
            vm->interrupt_requested = 0;
            fputs("\nKeyboardInterrupt\n", stderr);
            entry.len = 0;
        }
        const char *prompt = entry.len ? prompt_of(vm, "ps2", "... ") : prompt_of(vm, "ps1", ">>> ");
        reading_input = 1;
        char *line = read_line(prompt);
        reading_input = 0;
        if (!line) {
            if (entry.len) {
                /* EOF inside a block: run what is there (or report why it is unfinished). */
                ouro_strbuf_append_char(&entry, '\0');
                if (run_entry(vm, entry.data, &status) < 0) break;
            }
            if (tty) fputc('\n', stderr);
            break;
        }
        ouro_strbuf_append_cstr(&entry, line);
        ouro_strbuf_append_char(&entry, '\n');
        free(line);
        ouro_strbuf_append_char(&entry, '\0');
        entry.len--;   /* keep the NUL terminator out of the length */
        if (ouro_source_is_incomplete(entry.data, entry.len)) continue;
        int r = run_entry(vm, entry.data, &status);
        entry.len = 0;
        if (r < 0) break;
    }
    ouro_strbuf_release(&entry);
#ifdef OURO_HAVE_READLINE
    if (use_readline) save_history();
#endif
    return status;
}
