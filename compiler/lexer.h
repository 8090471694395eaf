/* compiler/lexer.h — the tokenizer's interface, internal to the compiler front end.
 * ouro_lex turns a whole buffer into a token array in one linear pass (lexer.re), with
 * CPython's indentation, bracket and line-joining rules and its tokenizer error messages.
 * The parser decides which error wins (a lexer error usually does, as in CPython). */
#ifndef OURO_COMPILER_LEXER_H
#define OURO_COMPILER_LEXER_H

#include <stddef.h>
#include "compiler/compiler.h"
#include "compiler/tokens.h"

#define OURO_LEX_MAXLEVEL 200     /* bracket nesting (CPython's MAXLEVEL) */
#define OURO_LEX_MAXINDENT 100    /* indentation levels (CPython's MAXINDENT) */

typedef struct OuroTokens {
    OuroToken *items;             /* malloc'd; free with ouro_tokens_free */
    int count, cap;
    /* Set when the lexer stopped: items[count-1] is LEXERROR (err holds the message) or
     * EOFPAREN (err holds "'(' was never closed"). */
    bool failed;
    OuroDiag err;
    /* The innermost open bracket when the lexer stopped (paren_level > 0). */
    int paren_level, paren_line, paren_col;
    char paren_char;
    /* Diagnostics: true when the input ended in a way more input could fix
     * (open bracket, triple-quoted string, trailing backslash). */
    bool incomplete;
    /* CPython reports this error only if the parser gets that far (indentation, line
     * continuation): an earlier parser error is not overridden by it. */
    bool weak;
} OuroTokens;

typedef struct OuroLexInput {
    const char *src;              /* src[len] must be '\0' */
    size_t len;
    int line, col;                /* position of src[0] in the file (1-based line, 0-based col) */
    bool fstring_expr;            /* an f-string replacement field: no NEWLINE/INDENT, brackets
                                     implied; ends with ENDMARKER */
    bool added_newline;           /* the final '\n' was not in the user's text */
} OuroLexInput;

/* Tokenizes the whole input (which, unless fstring_expr, must end with '\n'). Returns 0,
 * or -1 with out->failed set; the tokens before the error are kept either way. */
int ouro_lex(const OuroLexInput *in, OuroTokens *out);
void ouro_tokens_free(OuroTokens *t);

/* OuroDiag.kind of the tokenizer's "Non-UTF-8 code starting with '\xNN' in file F on line
 * N, ..." SyntaxError: msg says "Non-UTF-8 code starting with '\xNN' on line N";
 * ouro_compile adds the file name and raises it without a location, as CPython does. */
#define OURO_DIAG_NON_UTF8 "SyntaxError (non-UTF-8)"

/* diag.c: fills d (kind "SyntaxError", "IndentationError" or "TabError"); columns are
 * 1-based, 0 when there is none. */
void ouro_diag_set(OuroDiag *d, const char *kind, int line, int col, int end_line, int end_col,
                   const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Converts a 1-based byte column of `line` in src to CPython's 1-based character column. */
int ouro_diag_char_col(const char *src, size_t len, int line, int col);
/* Prefixes d->msg with "f-string: " (errors inside replacement fields). */
void ouro_diag_prefix(OuroDiag *d, const char *prefix);

#endif
