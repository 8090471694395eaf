/* compiler/compiler.h — source text to code objects. The one public entry of the compiler
 * layer: the stdlib installs ouro_compile as the VM's compile hook.
 * Pipeline: lexer.re (re2c) -> parser.c (AST in an arena) -> symtable.c -> codegen.c. */
#ifndef OURO_COMPILER_COMPILER_H
#define OURO_COMPILER_COMPILER_H

#include "vm/ouro.h"
#include "compiler/ast.h"

/* A syntax error found by the lexer or parser, before any VM object exists. */
typedef struct OuroDiag {
    const char *kind;                 /* "SyntaxError", "IndentationError", "TabError" */
    char msg[256];
    int line, col;                    /* 1-based line; 1-based column (CPython's offset) */
    int end_line, end_col;            /* end of the caret range (end_col exclusive), or 0 */
    bool incomplete;                  /* input ended early: the REPL asks for more lines */
} OuroDiag;

typedef struct OuroArena OuroArena;
OuroArena *ouro_arena_new(void);
void ouro_arena_free(OuroArena *a);
void *ouro_arena_alloc(OuroArena *a, size_t size);   /* zeroed, 16-byte aligned */
char *ouro_arena_strndup(OuroArena *a, const char *s, size_t n);

/* Parses src (NUL-terminated, len bytes) into an AST in arena a. On error returns NULL and
 * fills diag. mode EVAL expects one expression; SINGLE one interactive statement. */
OuroModuleAST *ouro_parse(OuroArena *a, const char *src, size_t len, OuroCompileMode mode,
                          OuroDiag *diag);

/* Compiles source to a code object (new ref) or raises SyntaxError (with filename, lineno,
 * offset, text, end_lineno, end_offset set as CPython does). Matches OuroCompileHook. */
OuroObject *ouro_compile(OuroVM *vm, const char *src, size_t len, const char *filename,
                         OuroCompileMode mode);

/* For the REPL: true when src is an unfinished statement (open bracket, unterminated
 * triple-quoted string, a block header or block without the closing blank line, trailing
 * backslash) so more lines should be read before compiling. */
bool ouro_source_is_incomplete(const char *src, size_t len);

/* Disassembles a code object (recursively into nested code constants) for `ouro --dis`. */
int ouro_disassemble(OuroVM *vm, OuroObject *code, struct OuroStrBuf *out);

#endif
