/* vm/cli/main.c — the `ouro` command: option parsing with CPython's conventions (usage
 * errors exit 2, an uncaught exception 1, SystemExit(n) n, KeyboardInterrupt death by
 * SIGINT), then a script, a -c string, a module, piped stdin, or the REPL. The only place
 * that may include every layer. */
#include "compiler/compiler.h"
#include "stdlib/run.h"
#include "stdlib/stdlib.h"
#include "vm/cli/repl.h"
#include "vm/collect.h"
#include "vm/ouro.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef OURO_VERSION
#define OURO_VERSION "0.1.0"
#endif

static const char usage_line[] =
    "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";

static const char help_text[] =
    "Options:\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-i     : inspect interactively after running script; forces a prompt even\n"
    "         if stdin does not appear to be a terminal\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-u     : force the stdout and stderr streams to be unbuffered\n"
    "-V     : print the version number and exit (also --version)\n"
    "         when given twice, print more information about the build\n"
    "-X opt : set implementation-specific option; -X gcstress[=N] collects generation 0\n"
    "         at every container allocation and all generations every Nth time\n"
    "         (default 100; 0 turns stress mode off); -X stableids shows allocation\n"
    "         numbers instead of addresses in id() and reprs; -X gctrace narrates\n"
    "         every collection (gc.DEBUG_TRACE); other options are ignored\n"
    "-B, -E, -I, -O, -P, -s, -S, -b, -d, -v, -R, -W arg : accepted for\n"
    "         compatibility with python3 and ignored\n"
    "--dis  : print the bytecode of the file instead of running it\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n"
    "\n"
    "Environment variables:\n"
    "OUROPATH         : ':'-separated list of directories added to sys.path\n"
    "OURO_HISTORY     : file of the REPL's line history (default ~/.ouro_history)\n"
    "OURO_CHECK_LEAKS : if set, report heap objects still alive after teardown\n"
    "                   and exit with status 70 when there are any\n"
    "OURO_GCSTRESS    : N > 0 runs the collector in stress mode, as -X gcstress=N\n"
    "OURO_STABLEIDS   : if set to 1, as -X stableids\n";

typedef struct Options {
    const char *command;              /* -c */
    const char *module;               /* -m */
    const char *script;               /* file or "-" */
    bool inspect, quiet, unbuffered, disassemble;
    int version;                      /* how many -V */
    int rest;                         /* index of the first argument for sys.argv[1:] */
    long gcstress;                    /* -X gcstress[=N]; -1 when not given */
    bool stableids;                   /* -X stableids */
    bool gctrace;                     /* -X gctrace: gc.DEBUG_TRACE from the start */
} Options;

static const char *progname = "ouro";

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, fmt, arg);
    fprintf(stderr, usage_line, progname);
    fprintf(stderr, "Try `%s -h' for more information.\n", progname);
    return 2;
}

static int print_version(int level) {
    if (level > 1)
        printf("Ouroboros " OURO_VERSION " (Python 3.11 subset) [GCC " __VERSION__ "]\n");
    else
        printf("Ouroboros " OURO_VERSION "\n");
    return 0;
}

/* Parses a stress-mode period: digits only, 0 <= N <= UINT_MAX. Returns -1 otherwise. */
static long parse_gcstress(const char *s) {
    if (!*s) return -1;
    unsigned long long n = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9') return -1;
        n = n * 10 + (unsigned)(*s - '0');
        if (n > UINT_MAX) return -1;
    }
    return (long)n;
}

/* -X options: only gcstress and stableids mean something; like CPython, any other is
 * accepted silently. Returns -1 to go on, or 1 after an invalid gcstress value. */
static int parse_xoption(const char *val, Options *o) {
    if (strcmp(val, "stableids") == 0) {
        o->stableids = true;
        return -1;
    }
    if (strcmp(val, "gctrace") == 0) {
        o->gctrace = true;
        return -1;
    }
    static const char name[] = "gcstress";
    size_t len = sizeof name - 1;
    if (strncmp(val, name, len) != 0 || (val[len] != '\0' && val[len] != '=')) return -1;
    o->gcstress = val[len] ? parse_gcstress(val + len + 1) : 100;
    if (o->gcstress >= 0) return -1;
    fprintf(stderr, "%s: -X %s: invalid value; N must be an integer >= 0\n", progname, val);
    return 1;
}

/* One cluster of short options like "-qi" or "-cCODE"; returns -1 to go on with the next
 * argument, 0 when option parsing ends here (-c, -m), or an exit status after an error. */
static int parse_short(int argc, char **argv, int *i, Options *o) {
    for (const char *p = argv[*i] + 1; *p; p++) {
        char opt[3] = {'-', *p, '\0'};
        switch (*p) {
        case 'c': case 'm': case 'X': case 'W': {
            const char *val = p[1] ? p + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
            if (!val) return usage_error("Argument expected for the %s option\n", opt);
            if (*p == 'c') o->command = val;
            if (*p == 'm') o->module = val;
            if (*p == 'c' || *p == 'm') return 0;
            if (*p == 'X') return parse_xoption(val, o);
            return -1;   /* -W values are accepted and ignored */
        }
        case 'i': o->inspect = true; break;
        case 'q': o->quiet = true; break;
        case 'u': o->unbuffered = true; break;
        case 'V': o->version++; break;
        case 'h': case '?': o->version = -1; return 0;
        case 'B': case 'E': case 's': case 'S': case 'I': case 'O': case 'P':
        case 'b': case 'd': case 'v': case 'R':
            break;
        default:
            return usage_error("Unknown option: %s\n", opt);
        }
    }
    return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, Options *o) {
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0) {
            o->version = -1;
            break;
        }
        if (strcmp(a, "--version") == 0) {
            o->version++;
            continue;
        }
        if (strcmp(a, "--dis") == 0) {
            o->disassemble = true;
            continue;
        }
        if (a[0] != '-' || strcmp(a, "-") == 0) break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (a[1] == '-') return usage_error("unknown option %s\n", a);
        int r = parse_short(argc, argv, &i, o);
        if (r > 0) return r;
        if (r == 0) {
            i++;
            break;
        }
    }
    if (o->version < 0) {
        printf(usage_line, progname);
        fputs(help_text, stdout);
        return 0;
    }
    if (o->version > 0) return print_version(o->version);
    if (!o->command && !o->module && i < argc) o->script = argv[i++];
    o->rest = i;
    return -1;
}

/* Stress mode: -X gcstress wins over OURO_GCSTRESS (as CPython's -X options win over
 * their PYTHON* variables); an empty variable counts as unset. Returns -1 to go on, or
 * an exit status after an invalid value. */
static int setup_gc_stress(OuroVM *vm, const Options *o) {
    long n = o->gcstress;
    if (n < 0) {
        const char *env = getenv("OURO_GCSTRESS");
        if (!env || !*env) return -1;
        if ((n = parse_gcstress(env)) < 0) {
            fprintf(stderr, "%s: OURO_GCSTRESS=%s: invalid value; N must be an integer >= 0\n",
                    progname, env);
            return 1;
        }
    }
    if (n > 0) ouro_vm_set_gc_stress(vm, (unsigned)n);
    return -1;
}

/* -X stableids (or OURO_STABLEIDS=1): numbers objects from here on, before the standard
 * library starts, so every run numbers the same objects the same way (docs/stableids.md). */
static int setup_stable_ids(OuroVM *vm, const Options *o) {
    const char *env = getenv("OURO_STABLEIDS");
    if (!o->stableids && !(env && strcmp(env, "1") == 0)) return -1;
    if (ouro_gc_stable_ids_enable(ouro_heap(vm)) == 0) return -1;
    fprintf(stderr, "%s: -X stableids: out of memory\n", progname);
    return 1;
}

/* ---- signals ------------------------------------------------------------------------------ */

static OuroVM *signal_vm;             /* the handler has no other way to find the VM */

/* Only asks: the eval loop raises KeyboardInterrupt at its next safe point, and the REPL's
 * line reader notices the request when its wait is interrupted. */
static void on_sigint(int sig) {
    (void)sig;
    if (!signal_vm) return;
    signal_vm->interrupt_requested = 1;
    signal_vm->eval_breaker = 1;
}

/* As CPython: the handler is installed only when SIGINT has its default action, so a
 * process started with SIGINT ignored (a background job) keeps ignoring it. */
static void install_sigint(OuroVM *vm) {
    struct sigaction old, sa;
    if (sigaction(SIGINT, NULL, &old) < 0 || old.sa_handler != SIG_DFL) return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    signal_vm = vm;
    sigaction(SIGINT, &sa, NULL);
}

/* After an uncaught KeyboardInterrupt CPython dies of SIGINT, so a calling shell or make
 * sees the interrupt (status 130 in the shell) and stops too. */
static int exit_by_sigint(void) {
    fflush(stdout);
    fflush(stderr);
    signal(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    return 130;
}

/* ---- what to run ---------------------------------------------------------------------------- */

static int disassemble_file(OuroVM *vm, const char *path) {
    size_t len;
    char *src = ouro_read_file(path, &len);
    if (!src) {
        char abs[4096];
        int err = errno;
        ouro_abspath(path, abs, sizeof abs);
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", progname, abs, err,
                strerror(err));
        return 2;
    }
    OuroObject *code = ouro_compile(vm, src, len, path, OURO_MODE_EXEC);
    free(src);
    if (!code) return ouro_handle_uncaught(vm);
    OuroStrBuf out;
    ouro_strbuf_init(&out);
    int r = ouro_disassemble(vm, code, &out);
    ouro_decref(vm, code);
    if (r < 0) {
        ouro_strbuf_release(&out);
        return ouro_handle_uncaught(vm);
    }
    fwrite(out.data, 1, out.len, stdout);
    ouro_strbuf_release(&out);
    return 0;
}

static int run_stdin_script(OuroVM *vm) {
    OuroStrBuf src;
    ouro_strbuf_init(&src);
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) ouro_strbuf_append(&src, chunk, n);
    ouro_strbuf_append_char(&src, '\0');
    int r = ouro_run_string(vm, src.data, "<stdin>");
    ouro_strbuf_release(&src);
    return r;
}

/* CPython's "can't open file" check before anything runs: exit status 2. */
static bool script_readable(const char *script) {
    FILE *fp = fopen(script, "rb");
    if (fp) {
        fclose(fp);
        return true;
    }
    int err = errno;
    char abs[4096];
    ouro_abspath(script, abs, sizeof abs);
    fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", progname, abs, err,
            strerror(err));
    return false;
}

/* `ouro DIR` runs DIR/__main__.py, with DIR first on sys.path, as CPython does. */
static int run_directory(OuroVM *vm, const char *dir) {
    char main_file[4096];
    snprintf(main_file, sizeof main_file, "%s/__main__.py", dir);
    if (access(main_file, R_OK) == 0) return ouro_run_file(vm, main_file);
    char abs[4096];
    ouro_abspath(dir, abs, sizeof abs);
    fprintf(stderr, "%s: can't find '__main__' module in '%s'\n", progname, abs);
    return 1;
}

/* Runs the -c string, module, script or piped stdin. Returns 0, -1 with an exception,
 * or a positive exit status already reported. */
static int run_code(OuroVM *vm, const Options *o) {
    if (o->command) return ouro_run_string(vm, o->command, "<string>");
    if (o->module) {
        char msg[2048];
        int r = ouro_run_module(vm, o->module, msg, sizeof msg);
        if (r > 0) {
            fflush(stdout);
            fprintf(stderr, "%s: %s\n", progname, msg);
        }
        return r;
    }
    if (o->script && strcmp(o->script, "-") != 0) {
        struct stat st;
        if (stat(o->script, &st) == 0 && S_ISDIR(st.st_mode)) return run_directory(vm, o->script);
        return script_readable(o->script) ? ouro_run_file(vm, o->script) : 2;
    }
    return run_stdin_script(vm);
}

/* Runs what the options ask for; returns the exit status. *kbint tells that it comes from
 * an uncaught KeyboardInterrupt. */
static int run(OuroVM *vm, const Options *o, bool *kbint) {
    if (o->disassemble) {
        if (!o->script) return usage_error("%s", "--dis needs a file\n");
        return disassemble_file(vm, o->script);
    }
    bool have_code = o->command || o->module || (o->script && strcmp(o->script, "-") != 0) ||
                     (!o->inspect && !isatty(STDIN_FILENO));
    if (!have_code) {
        if (ouro_run_set_path0(vm, "") < 0) return ouro_handle_uncaught(vm);
        return ouro_repl(vm, o->quiet);
    }
    int r = run_code(vm, o);
    int status = r > 0 ? r : 0;
    if (r < 0 && o->inspect) {
        /* -i: even SystemExit is shown as a traceback, then the prompt comes. */
        OuroObject *exc = ouro_err_fetch(vm);
        if (exc) ouro_print_exception(vm, exc);
        ouro_xdecref(vm, exc);
        if (ouro_err_occurred(vm)) ouro_err_clear(vm);
    } else if (r < 0) {
        *kbint = ouro_err_matches(vm, &ouro_exc_KeyboardInterrupt);
        status = ouro_handle_uncaught(vm);
    }
    if (o->inspect) return ouro_repl(vm, true);
    return status;
}

/* sys.ps1 and sys.ps2 exist only in interactive mode (`hasattr(sys, 'ps1')` is how code
 * asks); the REPL creates them when it starts. */
static void drop_prompts(OuroVM *vm) {
    OuroObject *d = ouro_module_dict(vm->sys_module);
    const char *names[] = {"ps1", "ps2"};
    for (int i = 0; i < 2; i++) {
        OuroObject *key = ouro_str_from_cstr(vm, names[i]);
        if (!key || ouro_dict_discard(vm, d, key) < 0) ouro_err_clear(vm);
        ouro_xdecref(vm, key);
    }
}

int main(int argc, char **argv) {
    char stack_marker;
    Options o = {.gcstress = -1};
    int status = parse_options(argc, argv, &o);
    if (status >= 0) return status;
    if (o.unbuffered) {
        setvbuf(stdout, NULL, _IONBF, 0);
        setvbuf(stderr, NULL, _IONBF, 0);
    }
    OuroVM *vm = ouro_vm_new();
    if (!vm) {
        fprintf(stderr, "%s: cannot create the VM (out of memory)\n", progname);
        return 1;
    }
    vm->c_stack_base = &stack_marker;
    if ((status = setup_stable_ids(vm, &o)) >= 0 || (status = setup_gc_stress(vm, &o)) >= 0) {
        ouro_vm_free(vm);
        return status;
    }
    /* sys.argv as CPython builds it: [script, '-c', '-m' (until the module is found), '-'
     * or '', then the arguments]. */
    char **vargv = argv + o.rest - 1;
    int vargc = argc - o.rest + 1;
    char *argv0 = o.command ? "-c" : o.module ? "-m" : o.script ? (char *)o.script : "";
    char *saved = vargv[0];
    vargv[0] = argv0;
    if (ouro_stdlib_init(vm, vargc, vargv) < 0) {
        fprintf(stderr, "%s: start-up failed\n", progname);
        ouro_handle_uncaught(vm);
        return 1;
    }
    drop_prompts(vm);
    /* -X gctrace: after start-up, so the trace begins with the program's own collections. */
    if (o.gctrace) ouro_heap(vm)->debug |= OURO_GC_DEBUG_TRACE;
    install_sigint(vm);
    bool kbint = false;
    status = run(vm, &o, &kbint);
    vargv[0] = saved;
    fflush(stdout);
    signal_vm = NULL;
    size_t live = ouro_vm_free(vm);
    fflush(stdout);
    if (live && getenv("OURO_CHECK_LEAKS")) {
        fprintf(stderr, "%s: %zu heap objects still alive after teardown\n", progname, live);
        return 70;
    }
    if (kbint && status == 130) return exit_by_sigint();
    return status;
}
