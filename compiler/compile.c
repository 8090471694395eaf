/* compiler/compile.c — ouro_compile, the compiler layer's entry: parse into an arena, build
 * the symbol table, generate the code object. Every syntax problem (parser diagnostics,
 * scope errors, codegen errors) becomes a raised SyntaxError / IndentationError / TabError
 * whose args are (msg, (filename, lineno, offset, text, end_lineno, end_offset)), as
 * CPython builds them. */
#define OURO_COMPILER_INTERNAL 1
#include "compiler/codegen.h"

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
    OuroStrBuf b;
    ouro_strbuf_init(&b);
    ouro_strbuf_append(&b, src + pos, end - pos);
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

static void raise_diag(OuroVM *vm, const OuroDiag *d, OuroObject *filename, const char *src,
                       size_t len) {
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
    OuroModuleAST *mod = ouro_parse(arena, src, len, mode, &diag);
    if (!mod) {
        raise_diag(vm, &diag, fname, src, len);
        goto done;
    }
    OuroSymtable st;
    if (ouro_symtable_build(&st, arena, mod, mode) < 0) {
        if (st.failed)
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
        else if (c.no_memory || !ouro_err_occurred(vm))
            ouro_err_no_memory(vm);
    }
    ouro_cg_cleanup(&c);
done:
    ouro_arena_free(arena);
    ouro_decref(vm, fname);
    return result;
}
