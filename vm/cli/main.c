/* vm/cli/main.c — the `ouro` command: option parsing with CPython's conventions (usage
 * errors exit 2, an uncaught exception 1, SystemExit(n) n, KeyboardInterrupt 130), then a
 * script, a -c string, a module, piped stdin, or the REPL. The only place that may include
 * every layer. */
#include "compiler/compiler.h"
#include "stdlib/run.h"
#include "stdlib/stdlib.h"
#include "vm/cli/repl.h"
#include "vm/ouro.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OURO_VERSION "0.1.0"

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
    "-X opt : set implementation-specific option\n"
    "--dis  : print the bytecode of the file instead of running it\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n"
    "\n"
    "Environment variables:\n"
    "OURO_CHECK_LEAKS : if set, report heap objects still alive after teardown\n"
    "                   and exit with status 70 when there are any\n";

typedef struct Options {
    const char *command;              /* -c */
    const char *module;               /* -m */
    const char *script;               /* file or "-" */
    bool inspect, quiet, unbuffered, disassemble;
    int rest;                         /* index of the first argument for sys.argv[1:] */
} Options;

static const char *progname = "ouro";

static int usage_error(const char *fmt, const char *arg) {
    fprintf(stderr, fmt, arg);
    fprintf(stderr, usage_line, progname);
    fprintf(stderr, "Try `%s -h' for more information.\n", progname);
    return 2;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(int argc, char **argv, Options *o) {
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "-?") == 0) {
            printf(usage_line, progname);
            fputs(help_text, stdout);
            return 0;
        }
        if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("Ouroboros " OURO_VERSION " (Python 3.11 subset)\n");
            return 0;
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
        for (const char *p = a + 1; *p; p++) {
            switch (*p) {
            case 'c': case 'm': case 'X': {
                const char *val = p[1] ? p + 1 : (i + 1 < argc ? argv[++i] : NULL);
                char opt[3] = {'-', *p, '\0'};
                if (!val) return usage_error("Argument expected for the %s option\n", opt);
                if (*p == 'c') o->command = val;
                if (*p == 'm') o->module = val;
                if (*p == 'c' || *p == 'm') {
                    o->rest = i + 1;
                    return -1;
                }
                goto next_arg;   /* -X options are accepted and ignored for now */
            }
            case 'i': o->inspect = true; break;
            case 'q': o->quiet = true; break;
            case 'u': o->unbuffered = true; break;
            case 'B': case 'E': case 's': case 'S': case 'I': case 'O': case 'P': break;
            default: {
                char opt[3] = {'-', *p, '\0'};
                return usage_error("Unknown option: %s\n", opt);
            }
            }
        }
    next_arg:;
    }
    if (i < argc) o->script = argv[i++];
    o->rest = i;
    return -1;
}

static OuroVM *signal_vm;             /* the handler has no other way to find the VM */

static void on_sigint(int sig) {
    (void)sig;
    if (!signal_vm) return;
    signal_vm->interrupt_requested = 1;
    signal_vm->eval_breaker = 1;
    ouro_repl_interrupt();
}

static int disassemble_file(OuroVM *vm, const char *path) {
    size_t len;
    char *src = ouro_read_file(path, &len);
    if (!src) {
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", progname, path, errno,
                strerror(errno));
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

static int run_module(OuroVM *vm, const char *name) {
    char file[4096];
    snprintf(file, sizeof file, "%s.py", name);
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "%s: No module named %s\n", progname, name);
        return 1;
    }
    return ouro_run_file(vm, file) < 0 ? ouro_handle_uncaught(vm) : 0;
}

/* Runs what the options ask for; returns the exit status. */
static int run(OuroVM *vm, const Options *o) {
    int status = 0;
    if (o->disassemble) {
        if (!o->script) return usage_error("%s", "--dis needs a file\n");
        return disassemble_file(vm, o->script);
    }
    if (o->command) {
        status = ouro_run_string(vm, o->command, "<string>") < 0 ? ouro_handle_uncaught(vm) : 0;
    } else if (o->module) {
        status = run_module(vm, o->module);
    } else if (o->script && strcmp(o->script, "-") != 0) {
        if (access(o->script, R_OK) != 0) {
            char abs[4096];
            ouro_abspath(o->script, abs, sizeof abs);
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", progname, abs, errno,
                    strerror(errno));
            return 2;
        }
        status = ouro_run_file(vm, o->script) < 0 ? ouro_handle_uncaught(vm) : 0;
    } else if (!o->inspect && !isatty(STDIN_FILENO)) {
        status = run_stdin_script(vm) < 0 ? ouro_handle_uncaught(vm) : 0;
    } else {
        return ouro_repl(vm, o->quiet || o->inspect);
    }
    if (o->inspect && !vm->exc) status = ouro_repl(vm, true);
    return status;
}

int main(int argc, char **argv) {
    char stack_marker;
    Options o = {0};
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
    /* sys.argv: [script or '-c' or '', args...] as CPython builds it. */
    char **vargv = argv + o.rest - 1;
    int vargc = argc - o.rest + 1;
    char *argv0 = o.command ? "-c" : o.script ? (char *)o.script : "";
    char *saved = vargv[0];
    vargv[0] = argv0;
    if (ouro_stdlib_init(vm, vargc, vargv) < 0) {
        fprintf(stderr, "%s: start-up failed\n", progname);
        ouro_handle_uncaught(vm);
        return 1;
    }
    signal_vm = vm;
    signal(SIGINT, on_sigint);
    status = run(vm, &o);
    vargv[0] = saved;
    fflush(stdout);
    signal_vm = NULL;
    size_t live = ouro_vm_free(vm);
    fflush(stdout);
    if (live && getenv("OURO_CHECK_LEAKS")) {
        fprintf(stderr, "ouro: %zu heap objects still alive after teardown\n", live);
        if (status == 0) status = 70;
    }
    return status;
}
