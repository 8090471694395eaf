/* compiler/compile.c — ouro_compile, the compiler layer's entry: parse into an arena, build
 * the symbol table, generate the code object. Every syntax problem (parser diagnostics,
 * scope errors, codegen errors) becomes a raised SyntaxError / IndentationError / TabError
 * whose args are (msg, (filename, lineno, offset, text, end_lineno, end_offset)), as
 * CPython builds them. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"
#include "compiler/parser.h"

#include <stdio.h>
#include <string.h>

/* The source line `line` (1-based) with a trailing newline, as CPython's SyntaxError.text;
 * None when the line does not exist. New reference. */
static OuroObject *source_line(OuroVM *vm, const char *src, size_t len, int line) {
    if (line < 1)
        return ouro_newref(ouro_none);
    size_t pos = 0;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(src + pos, '\n', len - pos);
        if (!nl)
            return ouro_newref(ouro_none);
        pos = (size_t)(nl - src) + 1;
    }
    if (pos >= len && line > 1)
        return ouro_newref(ouro_none);
    const char *nl = memchr(src + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - src) : len;
    if (end > pos && src[end - 1] == '\r')
        end--;
    /* CPython's text is a C string: a line with a NUL byte stops there, newline and all. */
    const char *nul = memchr(src + pos, '\0', end - pos);
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append(&b, src + pos, nul ? (size_t)(nul - (src + pos)) : end - pos);
    if (!nul)
        ouro_strbuf_append_char(&b, '\n');
    return ouro_strbuf_finish(vm, &b);
}

static OuroType *diag_type(const char *kind) {
    if (kind && strcmp(kind, "IndentationError") == 0)
        return &ouro_exc_IndentationError;
    if (kind && strcmp(kind, "TabError") == 0)
        return &ouro_exc_TabError;
    return &ouro_exc_SyntaxError;
}

/* Raises type(msg, (filename, lineno, offset, text, end_lineno, end_offset)); steals text. */
static void raise_syntax(OuroVM *vm, OuroType *type, const char *msg, OuroObject *filename,
                         int lineno, int offset, OuroObject *text, int end_lineno, int end_offset) {
    if (!text)
        return;
    OuroObject *m = ouro_str_from_cstr(vm, msg);
    OuroObject *ln = ouro_int_from_i64(vm, lineno), *off = ouro_int_from_i64(vm, offset);
    OuroObject *eln = ouro_int_from_i64(vm, end_lineno), *eoff = ouro_int_from_i64(vm, end_offset);
    OuroObject *loc = NULL, *args = NULL, *exc = NULL;
    if (m && ln && off && eln && eoff)
        loc = ouro_tuple_pack(vm, 6, filename, ln, off, text, eln, eoff);
    if (loc)
        args = ouro_tuple_pack(vm, 2, m, loc);
    if (args)
        exc = ouro_exception_new(vm, type, args);
    if (exc)
        ouro_err_raise(vm, exc);
    ouro_xdecref(vm, m);
    ouro_xdecref(vm, ln);
    ouro_xdecref(vm, off);
    ouro_xdecref(vm, eln);
    ouro_xdecref(vm, eoff);
    ouro_xdecref(vm, loc);
    ouro_xdecref(vm, args);
    ouro_decref(vm, text);
}

/* CPython's tokenizer raises this one with its message only: no location, no text. */
static void raise_non_utf8(OuroVM *vm, const OuroDiag *d, OuroObject *filename) {
    unsigned byte = 0;
    if (sscanf(d->msg, "Non-UTF-8 code starting with '\\x%2x'", &byte) != 1)
        byte = 0;
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_printf(&b, "Non-UTF-8 code starting with '\\x%.2x' in file ", byte);
    if (ouro_strbuf_append_str(vm, &b, filename) < 0) {
        ouro_strbuf_release(&b);
        return;
    }
    ouro_strbuf_printf(&b, " on line %d, but no encoding declared; see "
                           "https://peps.python.org/pep-0263/ for details", d->line);
    OuroObject *msg = ouro_strbuf_finish(vm, &b);
    OuroObject *args = msg ? ouro_tuple_pack(vm, 1, msg) : NULL;
    OuroObject *exc = args ? ouro_exception_new(vm, &ouro_exc_SyntaxError, args) : NULL;
    if (exc)
        ouro_err_raise(vm, exc);
    ouro_xdecref(vm, msg);
    ouro_xdecref(vm, args);
}

static void raise_diag(OuroVM *vm, const OuroDiag *d, OuroObject *filename, const char *src,
                       size_t len) {
    /* The parser's nesting overflow (CPython's MAXSTACK) or a failed allocation. */
    if (d->kind && strcmp(d->kind, "MemoryError") == 0) {
        ouro_err_no_memory(vm);
        return;
    }
    if (d->kind && strcmp(d->kind, OURO_DIAG_NON_UTF8) == 0) {
        raise_non_utf8(vm, d, filename);
        return;
    }
    int end_line = d->end_line, end_col = d->end_col;
    if (end_line == 0) {
        end_line = d->line;
        end_col = d->col;
    }
    raise_syntax(vm, diag_type(d->kind), d->msg, filename, d->line, d->col,
                 source_line(vm, src, len, d->line), end_line, end_col);
}

/* Scope and codegen errors: byte offsets + 1 as CPython, and, as CPython which re-reads
 * the file, no text for pseudo-files such as "<string>" and "<stdin>". */
static void raise_compile_error(OuroVM *vm, const char *msg, OuroSpan span, const char *fname,
                                OuroObject *filename, const char *src, size_t len) {
    OuroObject *text = fname[0] == '<' ? ouro_newref(ouro_none) : source_line(vm, src, len, span.line);
    raise_syntax(vm, &ouro_exc_SyntaxError, msg, filename, span.line, span.col + 1, text,
                 span.end_line, span.end_col + 1);
}

/* C stack the front end may still use: what the VM's budget leaves below this frame. */
static size_t stack_left(OuroVM *vm) {
    const char *here = __builtin_frame_address(0);
    if (!vm->c_stack_base || !vm->c_stack_size)
        return OURO_PARSE_STACK_BUDGET;
    size_t used = (size_t)(vm->c_stack_base > here ? vm->c_stack_base - here
                                                   : here - vm->c_stack_base);
    return used < vm->c_stack_size ? vm->c_stack_size - used : 0;
}

/* CPython's symtable bound: recursion limit times COMPILER_STACK_FRAME_SCALE (3), minus
 * what the calling Python frames already use at that scale. */
static int nesting_limit(OuroVM *vm) {
    int limit = vm->recursion_limit > 0 ? vm->recursion_limit : 1000;
    int left = limit - (vm->depth > 0 ? vm->depth : 0);
    return left > 0 ? left * 3 : 0;
}

OuroObject *ouro_compile(OuroVM *vm, const char *src, size_t len, const char *filename,
                         OuroCompileMode mode) {
    OuroObject *fname = ouro_str_from_cstr(vm, filename);
    if (!fname)
        return NULL;
    OuroArena *arena = ouro_arena_new();
    if (!arena) {
        ouro_decref(vm, fname);
        return ouro_err_no_memory(vm);
    }
    OuroObject *result = NULL;
    OuroDiag diag;
    memset(&diag, 0, sizeof diag);
    size_t stack = stack_left(vm);
    OuroModuleAST *mod = ouro_parse_budget(arena, src, len, mode, &diag, stack,
                                           vm->int_max_str_digits);
    if (!mod) {
        raise_diag(vm, &diag, fname, src, len);
        goto done;
    }
    OuroSymtable st;
    if (ouro_symtable_build_ex(&st, arena, mod, mode, nesting_limit(vm), stack) < 0) {
        if (st.too_deep)
            ouro_err_set_str(vm, &ouro_exc_RecursionError,
                             "maximum recursion depth exceeded during compilation");
        else if (st.failed)
            raise_compile_error(vm, st.msg, st.err_span, filename, fname, src, len);
        else
            ouro_err_no_memory(vm);
        goto done;
    }
    OuroCompiler c;
    memset(&c, 0, sizeof c);
    c.vm = vm;
    c.arena = arena;
    c.st = &st;
    c.filename = fname;
    c.mode = mode;
    result = ouro_cg_module(&c, mod);
    if (!result) {
        if (c.failed)
            raise_compile_error(vm, c.msg, c.err_span, filename, fname, src, len);
        else if (!ouro_err_occurred(vm))  /* else: RecursionError, or an object's error */
            ouro_err_no_memory(vm);
    }
    ouro_cg_cleanup(&c);
done:
    ouro_arena_free(arena);
    ouro_decref(vm, fname);
    return result;
}
