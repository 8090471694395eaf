/* vm/cli/repl.c — the interactive prompt. Reads an entry (asking for `... ` lines while the
 * compiler says the input is incomplete), compiles it in single mode so bare expressions are
 * echoed through sys.displayhook, and runs it in __main__. With stdin and stdout on a
 * terminal, GNU readline (callback interface, so Ctrl-C needs no longjmp) gives line editing,
 * history in $OURO_HISTORY or ~/.ouro_history, and tab completion; otherwise a plain reader
 * is used and the prompts go to stderr, as CPython does. */
#include "vm/cli/repl.h"

#include "compiler/compiler.h"
#include "stdlib/run.h"
#include "stdlib/stdlib.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#ifdef OURO_HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

typedef enum { LINE_OK, LINE_EOF, LINE_INTERRUPT } LineStatus;

/* ---- the plain reader (stdin or stdout not a terminal, or no readline) ---------------- */

/* While waiting for input, SIGINT must interrupt read() instead of restarting it, so the
 * request the handler sets is seen at once. */
static bool without_restart(struct sigaction *saved) {
    if (sigaction(SIGINT, NULL, saved) < 0 || saved->sa_handler == SIG_DFL ||
        saved->sa_handler == SIG_IGN || !(saved->sa_flags & SA_RESTART))
        return false;
    struct sigaction sa = *saved;
    sa.sa_flags &= ~SA_RESTART;
    return sigaction(SIGINT, &sa, NULL) == 0;
}

/* Reads one line (without its newline) from stdin through stdio, so input() in the code
 * typed at the prompt shares the same buffer. */
static LineStatus plain_read(OuroVM *vm, const char *prompt, char **out) {
    fflush(stdout);
    fputs(prompt, stderr);
    fflush(stderr);
    struct sigaction saved;
    bool changed = without_restart(&saved);
    OuroStrBuf line;
    ouro_strbuf_init(&line);
    LineStatus status = LINE_OK;
    bool any = false;
    for (;;) {
        if (vm->interrupt_requested) {
            status = LINE_INTERRUPT;
            break;
        }
        int c = getc(stdin);
        if (c == EOF) {
            if (ferror(stdin) && errno == EINTR) {
                clearerr(stdin);
                continue;
            }
            if (!any) status = LINE_EOF;
            break;
        }
        any = true;
        if (c == '\n') break;
        ouro_strbuf_append_char(&line, (char)c);
    }
    if (changed) sigaction(SIGINT, &saved, NULL);
    if (status == LINE_OK) {
        *out = strndup(line.data, line.len);
        if (!*out) status = LINE_EOF;
    }
    ouro_strbuf_release(&line);
    return status;
}

/* ---- readline: editing, history, completion ----------------------------------------- */

#ifdef OURO_HAVE_READLINE
static bool use_readline;
static OuroVM *completion_vm;
static char history_path[4096];
static char *got_line;
static bool got_done;

static void on_line(char *line) {
    got_line = line;
    got_done = true;
    rl_callback_handler_remove();     /* also gives the terminal back its normal mode */
}

/* CPython's readline_until_enter_or_signal: feed readline one character at a time while
 * waiting in pselect, which SIGINT always interrupts. SIGINT stays blocked outside the wait
 * so a Ctrl-C between the check and the wait cannot be lost. */
static LineStatus readline_read(OuroVM *vm, const char *prompt, char **out) {
    fflush(stdout);
    fflush(stderr);
    sigset_t block, orig;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &orig);
    got_line = NULL;
    got_done = false;
    rl_callback_handler_install(prompt, on_line);
    LineStatus status = LINE_OK;
    int fd = fileno(rl_instream ? rl_instream : stdin);
    while (!got_done) {
        if (vm->interrupt_requested) {
            status = LINE_INTERRUPT;
            break;
        }
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(fd, &fds);
        int n = pselect(fd + 1, &fds, NULL, NULL, NULL, &orig);
        if (n > 0) {
            sigprocmask(SIG_SETMASK, &orig, NULL);   /* completion may run attribute code */
            rl_callback_read_char();
            sigprocmask(SIG_BLOCK, &block, NULL);
        } else if (n < 0 && errno != EINTR) {
            status = LINE_EOF;
            rl_callback_handler_remove();
            break;
        }
    }
    if (status == LINE_INTERRUPT) {
        rl_free_line_state();
        rl_callback_sigcleanup();
        rl_cleanup_after_signal();
        rl_callback_handler_remove();
    }
    sigprocmask(SIG_SETMASK, &orig, NULL);
    if (status != LINE_OK) return status;
    if (!got_line) return LINE_EOF;
    /* As CPython's readline module: every non-empty line, unless it repeats the last. */
    if (*got_line) {
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, got_line) != 0) add_history(got_line);
    }
    *out = got_line;
    return LINE_OK;
}

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "while", "with", "yield", NULL};

typedef struct Matches {
    char **items;
    size_t len, cap;
} Matches;

static Matches matches;

static bool already_matched(const char *m) {
    for (size_t i = 0; i < matches.len; i++)
        if (strcmp(matches.items[i], m) == 0) return true;
    return false;
}

/* Adds prefix+name+suffix unless it is there already. */
static void add_match(const char *prefix, size_t plen, const char *name, const char *suffix) {
    size_t nlen = strlen(name), slen = strlen(suffix);
    char *m = malloc(plen + nlen + slen + 1);
    if (!m) return;
    memcpy(m, prefix, plen);
    memcpy(m + plen, name, nlen);
    memcpy(m + plen + nlen, suffix, slen + 1);
    if (already_matched(m)) {
        free(m);
        return;
    }
    if (matches.len == matches.cap) {
        size_t cap = matches.cap ? matches.cap * 2 : 64;
        char **bigger = realloc(matches.items, cap * sizeof *bigger);
        if (!bigger) {
            free(m);
            return;
        }
        matches.items = bigger;
        matches.cap = cap;
    }
    matches.items[matches.len++] = m;
}

static void clear_matches(void) {
    for (size_t i = 0; i < matches.len; i++) free(matches.items[i]);
    matches.len = 0;
}

/* rlcompleter's suffixes: '(' after a callable. */
static const char *callable_suffix(OuroObject *value) {
    return value && ouro_type_of(value)->call ? "(" : "";
}

/* rlcompleter's keyword suffixes: "try:" and "finally:", a space after the others that
 * must be followed by something. */
static const char *keyword_suffix(const char *k) {
    if (strcmp(k, "try") == 0 || strcmp(k, "finally") == 0) return ":";
    static const char *const bare[] = {"False", "None", "True", "break", "continue", "pass",
                                       "else", NULL};
    for (const char *const *b = bare; *b; b++)
        if (strcmp(*b, k) == 0) return "";
    return " ";
}

static void add_names_of_dict(OuroObject *dict, const char *stem, size_t slen) {
    size_t pos = 0;
    OuroObject *key, *value;
    while (ouro_dict_next(dict, &pos, &key, &value))
        if (ouro_str_check(key) && strncmp(ouro_str_cstr(key), stem, slen) == 0)
            add_match("", 0, ouro_str_cstr(key), callable_suffix(value));
}

static bool is_name_char(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Evaluates a dotted name like `a.b` by lookups only, as rlcompleter evaluates the text
 * before the last dot when it matches \w+(\.\w+)*: never calls, indexes or operators. */
static OuroObject *resolve_dotted(OuroVM *vm, const char *expr, size_t len) {
    for (size_t i = 0; i < len; i++)
        if (!is_name_char(expr[i]) && expr[i] != '.') return NULL;
    OuroObject *main_dict = ouro_module_dict(ouro_main_module(vm));
    OuroObject *obj = NULL;
    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && expr[end] != '.') end++;
        if (end == start) break;
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
        if (!obj || end == len) break;
        start = end + 1;
    }
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    if (obj && start <= len && len > 0 && expr[len - 1] == '.') ouro_clear(vm, &obj);
    return obj;
}

/* rlcompleter.attr_matches: names of dir(obj) starting with the text after the dot; with
 * nothing typed after the dot, names starting with '_' are left out, and after a single
 * '_', the '__' names. */
static void complete_attribute(OuroVM *vm, const char *text, const char *dot) {
    OuroObject *obj = resolve_dotted(vm, text, (size_t)(dot - text));
    if (!obj) return;
    OuroObject *names = ouro_object_dir(vm, obj);
    if (!names) {
        ouro_err_clear(vm);
        ouro_decref(vm, obj);
        return;
    }
    const char *stem = dot + 1;
    size_t slen = strlen(stem), plen = (size_t)(stem - text);
    for (int pass = 0; pass < 2 && matches.len == 0; pass++) {
        for (size_t i = 0; i < ouro_list_size(names); i++) {
            OuroObject *n = ouro_list_get(names, i);
            if (!ouro_str_check(n)) continue;
            const char *s = ouro_str_cstr(n);
            if (strncmp(s, stem, slen) != 0) continue;
            if (pass == 0 && slen == 0 && s[0] == '_') continue;
            if (pass == 0 && slen == 1 && stem[0] == '_' && s[1] == '_') continue;
            OuroObject *value = ouro_object_lookup_attr(vm, obj, n);
            if (!value) ouro_err_clear(vm);
            add_match(text, plen, s, callable_suffix(value));
            ouro_xdecref(vm, value);
        }
    }
    ouro_decref(vm, names);
    ouro_decref(vm, obj);
}

static void collect_matches(const char *text) {
    OuroVM *vm = completion_vm;
    clear_matches();
    const char *dot = strrchr(text, '.');
    if (dot) {
        complete_attribute(vm, text, dot);
        return;
    }
    size_t len = strlen(text);
    for (const char *const *k = keywords; *k; k++)
        if (strncmp(*k, text, len) == 0) add_match("", 0, *k, keyword_suffix(*k));
    add_names_of_dict(ouro_module_dict(ouro_main_module(vm)), text, len);
    add_names_of_dict(vm->builtins, text, len);
}

/* readline frees what it is given, so each match is handed over as a copy. */
static char *completion_generator(const char *text, int state) {
    static size_t next;
    if (state == 0) {
        collect_matches(text);
        next = 0;
    }
    return next < matches.len ? strdup(matches.items[next++]) : NULL;
}

static char **attempt_completion(const char *text, int start, int end) {
    (void)end;
    rl_attempted_completion_over = 1;
    rl_completion_append_character = '\0';   /* the matches carry their own suffix */
    /* Tab in the indentation indents, instead of listing every name. */
    bool only_space = true;
    for (int i = 0; i < start; i++)
        if (rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') only_space = false;
    if (only_space && text[0] == '\0') {
        rl_insert_text("    ");
        return NULL;
    }
    return rl_completion_matches(text, completion_generator);
}

static void setup_readline(OuroVM *vm) {
    completion_vm = vm;
    rl_catch_signals = 0;             /* SIGINT is ours: see readline_read */
    rl_readline_name = "ouro";
    rl_completer_word_break_characters = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";
    rl_attempted_completion_function = attempt_completion;
    const char *custom = getenv("OURO_HISTORY");
    const char *home = getenv("HOME");
    if (custom && *custom) snprintf(history_path, sizeof history_path, "%s", custom);
    else if (home) snprintf(history_path, sizeof history_path, "%s/.ouro_history", home);
    if (history_path[0]) read_history(history_path);
}

static void finish_readline(void) {
    if (history_path[0] && write_history(history_path) == 0) history_truncate_file(history_path, 1000);
    clear_matches();
    free(matches.items);
    matches = (Matches){0};
    completion_vm = NULL;
}
#endif

static LineStatus read_line(OuroVM *vm, const char *prompt, char **out) {
#ifdef OURO_HAVE_READLINE
    if (use_readline) return readline_read(vm, prompt, out);
#endif
    return plain_read(vm, prompt, out);
}

/* ---- the loop -------------------------------------------------------------------------- */

/* sys.ps1 / sys.ps2 exist in interactive mode only: created here unless the user set them. */
static void set_default_prompt(OuroVM *vm, const char *name, const char *value) {
    OuroObject *d = ouro_module_dict(vm->sys_module);
    if (ouro_dict_get_cstr(vm, d, name)) return;
    OuroObject *s = ouro_str_from_cstr(vm, value);
    if (!s || ouro_dict_set_cstr(vm, d, name, s) < 0) ouro_err_clear(vm);
    ouro_xdecref(vm, s);
}

/* str(sys.ps1) or str(sys.ps2), as CPython asks each time, into buf. */
static const char *prompt_of(OuroVM *vm, const char *which, char *buf, size_t size) {
    OuroObject *p = ouro_dict_get_cstr(vm, ouro_module_dict(vm->sys_module), which);
    OuroObject *s = p ? ouro_object_str(vm, p) : NULL;
    if (s) snprintf(buf, size, "%s", ouro_str_cstr(s));
    else buf[0] = '\0';
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    ouro_xdecref(vm, s);
    return buf;
}

static void flush_output(OuroVM *vm) {
    OuroObject *out = ouro_dict_get_str(ouro_module_dict(vm->sys_module), OURO_ID(vm, stdout));
    if (out && out != ouro_none) {
        OuroObject *r = ouro_object_call_method(vm, out, OURO_ID(vm, flush), NULL, 0);
        if (r) ouro_decref(vm, r);
        else ouro_err_clear(vm);
    }
    fflush(stdout);
}

/* Runs one complete entry; errors are reported and the loop goes on. Returns -1 when the
 * entry raised SystemExit (the exit status is then in *status). */
static int run_entry(OuroVM *vm, const char *src, size_t len, int *status) {
    OuroObject *code = vm->compile(vm, src, len, "<stdin>", OURO_MODE_SINGLE);
    OuroObject *result = NULL;
    if (code) {
        OuroObject *dict = ouro_module_dict(ouro_main_module(vm));
        result = ouro_eval_code(vm, code, dict, dict);
        ouro_decref(vm, code);
    }
    flush_output(vm);
    if (result) {
        ouro_decref(vm, result);
        return 0;
    }
    if (ouro_err_matches(vm, &ouro_exc_SystemExit)) {
        *status = ouro_handle_uncaught(vm);
        return -1;
    }
    OuroObject *exc = ouro_err_fetch(vm);
    if (exc) ouro_print_exception(vm, exc);
    ouro_xdecref(vm, exc);
    if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    fflush(stderr);
    vm->interrupt_requested = 0;      /* a Ctrl-C during the report is not for the next entry */
    return 0;
}

/* Only blank and comment lines: CPython's prompt shows `>>> ` again without compiling. */
static bool is_blank_entry(const char *s, size_t len) {
    bool comment = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\n') comment = false;
        else if (c == '#') comment = true;
        else if (!comment && c != ' ' && c != '\t' && c != '\f' && c != '\r') return false;
    }
    return true;
}

/* Whether to ask for another line. An empty line ends a block at the prompt, so when it
 * leaves a block header without a body the entry is complete and its IndentationError is
 * reported now (CPython); inside brackets or a triple-quoted string it is just a line. */
static bool wants_more(const char *src, size_t len, bool blank_line) {
    if (!ouro_source_is_incomplete(src, len)) return false;
    if (!blank_line) return true;
    OuroArena *arena = ouro_arena_new();
    if (!arena) return true;
    OuroDiag diag;
    memset(&diag, 0, sizeof diag);
    bool parsed = ouro_parse(arena, src, len, OURO_MODE_SINGLE, &diag) != NULL;
    ouro_arena_free(arena);
    return parsed || !diag.kind || strcmp(diag.kind, "IndentationError") != 0;
}

static void print_banner(void) {
    fprintf(stderr, "Ouroboros 0.1.0 (Python 3.11 subset) [GCC " __VERSION__ "] on linux\n"
                    "Type \"exit()\" or Ctrl-D (i.e. EOF) to exit.\n");
}

int ouro_repl(OuroVM *vm, bool quiet) {
    if (!ouro_main_module(vm)) return ouro_handle_uncaught(vm);
#ifdef OURO_HAVE_READLINE
    use_readline = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    if (use_readline) setup_readline(vm);
#endif
    set_default_prompt(vm, "ps1", ">>> ");
    set_default_prompt(vm, "ps2", "... ");
    if (!quiet) print_banner();
    OuroStrBuf entry;
    ouro_strbuf_init(&entry);
    int status = 0;
    char prompt[256];
    for (;;) {
        prompt_of(vm, entry.len ? "ps2" : "ps1", prompt, sizeof prompt);
        char *line = NULL;
        LineStatus got = read_line(vm, prompt, &line);
        if (got == LINE_INTERRUPT) {
            /* Ctrl-C at a prompt drops the entry being typed. */
            vm->interrupt_requested = 0;
            fputs("\nKeyboardInterrupt\n", stderr);
            entry.len = 0;
            continue;
        }
        if (got == LINE_EOF) {
#ifdef OURO_HAVE_READLINE
            if (!use_readline)        /* readline ends the line itself */
#endif
                fputc('\n', stderr);
            if (!entry.len) break;
            /* End of input inside a block: run what is there (or report why it is
             * unfinished), then ask again, as CPython does. */
            int r = run_entry(vm, entry.data, entry.len, &status);
            entry.len = 0;
            if (r < 0) break;
            continue;
        }
        bool blank_line = line[0] == '\0';
        ouro_strbuf_append_cstr(&entry, line);
        ouro_strbuf_append_char(&entry, '\n');
        free(line);
        if (is_blank_entry(entry.data, entry.len)) {
            entry.len = 0;
            continue;
        }
        ouro_strbuf_append_char(&entry, '\0');
        entry.len--;   /* keep the NUL terminator out of the length */
        if (entry.failed) {
            ouro_err_no_memory(vm);
            ouro_handle_uncaught(vm);
            entry.len = 0;
            continue;
        }
        if (wants_more(entry.data, entry.len, blank_line)) continue;
        int r = run_entry(vm, entry.data, entry.len, &status);
        entry.len = 0;
        if (r < 0) break;
    }
    ouro_strbuf_release(&entry);
#ifdef OURO_HAVE_READLINE
    if (use_readline) finish_readline();
#endif
    return status;
}
