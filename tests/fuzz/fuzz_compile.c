/* tests/fuzz/fuzz_compile.c — libFuzzer target for the front end: arbitrary bytes go
 * through ouro_parse (all three modes), ouro_source_is_incomplete, ouro_compile and the
 * disassembler. Nothing may crash, every failure must leave a well-formed diagnostic or
 * a raised exception, and compiling the same input a second time must not change the
 * number of live heap objects (the first pass may intern new names; the second may not
 * leave anything behind). Built by tests/fuzz/build.sh; without -DOURO_FUZZ_LIBFUZZER the
 * file gets a main() that replays files given on the command line (regression runs). */
#include "compiler/compiler.h"
#include "stdlib/stdlib.h"
#include "vm/ouro.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static OuroVM *vm;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz_compile: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static void init_vm(void)
{
    char *argv[] = { "fuzz_compile", NULL };
    vm = ouro_vm_new();
    if (!vm || ouro_stdlib_init(vm, 1, argv) < 0)
        die("cannot create the VM", NULL);
}

/* A failed parse must say what and where; a successful one must say nothing. */
static void check_parse(const char *src, size_t len, OuroCompileMode mode)
{
    OuroArena *a = ouro_arena_new();
    if (!a)
        die("out of memory", NULL);
    OuroDiag d;
    OuroModuleAST *m = ouro_parse(a, src, len, mode, &d);
    if (!m) {
        if (!d.kind)
            die("parse failed without a diagnostic", NULL);
        if (d.line < 0 || d.col < 0 || d.end_line < 0 || d.end_col < 0)
            die("negative position in diagnostic", d.msg);
        if (!memchr(d.msg, '\0', sizeof d.msg))
            die("unterminated diagnostic message", NULL);
    }
    ouro_arena_free(a);
}

/* Compiles (and disassembles) once; returns the live-object count afterwards. */
static size_t compile_once(const char *src, size_t len, OuroCompileMode mode)
{
    OuroObject *code = ouro_compile(vm, src, len, "<fuzz>", mode);
    if (code) {
        if (ouro_err_occurred(vm))
            die("compile returned code with an exception set", NULL);
        OuroStrBuf out;
        ouro_strbuf_init(&out);
        if (ouro_disassemble(vm, code, &out) < 0)
            ouro_err_clear(vm);
        ouro_strbuf_release(&out);
        ouro_decref(vm, code);
    } else {
        if (!ouro_err_occurred(vm))
            die("compile failed without an exception", NULL);
        ouro_err_clear(vm);
    }
    return ouro_heap(vm)->live_objects;
}

static void run_one(const uint8_t *data, size_t size)
{
    if (!vm)
        init_vm();
    /* ouro_parse and ouro_compile want src[len] == '\0'. */
    char *src = malloc(size + 1);
    if (!src)
        return;
    memcpy(src, data, size);
    src[size] = '\0';

    check_parse(src, size, OURO_MODE_EXEC);
    check_parse(src, size, OURO_MODE_EVAL);
    check_parse(src, size, OURO_MODE_SINGLE);
    (void)ouro_source_is_incomplete(src, size);

    compile_once(src, size, OURO_MODE_EXEC);
    size_t before = compile_once(src, size, OURO_MODE_EXEC);
    size_t after = compile_once(src, size, OURO_MODE_EXEC);
    if (after != before) {
        fprintf(stderr, "fuzz_compile: live objects %zu -> %zu\n", before, after);
        die("compiling the same input twice leaks heap objects", NULL);
    }
    compile_once(src, size, OURO_MODE_EVAL);
    free(src);
}

#ifdef OURO_FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run_one(data, size);
    return 0;
}
#else
/* Replays each file given as an argument; exits 0 when none of them trips a check. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 2;
        }
        size_t cap = 1 << 16, n = 0, got;
        uint8_t *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap)
                buf = realloc(buf, cap *= 2);
        }
        fclose(f);
        if (!buf)
            return 2;
        run_one(buf, n);
        free(buf);
    }
    if (vm) {
        size_t live = ouro_vm_free(vm);
        if (live) {
            fprintf(stderr, "fuzz_compile: %zu heap objects alive after teardown\n", live);
            return 1;
        }
    }
    return 0;
}
#endif
