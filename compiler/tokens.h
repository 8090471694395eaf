/* compiler/tokens.h — token kinds and the token record the lexer hands the parser.
 * Internal to the compiler front end (lexer.re, parser*.c, incomplete.c). A token points
 * into the source buffer; nothing is copied until the parser builds AST nodes. */
#ifndef OURO_COMPILER_TOKENS_H
#define OURO_COMPILER_TOKENS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
#define X(name, text) OURO_TOK_##name,
#include "compiler/tokens.def"
#undef X
    OURO_TOK__COUNT
} OuroTokKind;

/* Token flags. */
enum {
    OURO_TOKF_EOF = 1,      /* synthesized at end of input (NEWLINE, DEDENT, ENDMARKER) */
    OURO_TOKF_NOCOL = 2,    /* INDENT/DEDENT/ENDMARKER: no text of its own (CPython col -1) */
};

typedef struct OuroToken {
    uint8_t kind;           /* OuroTokKind */
    uint8_t flags;
    uint32_t len;           /* bytes of source text */
    const char *start;      /* into the source buffer */
    int line, col;          /* 1-based line, 0-based byte column */
    int end_line, end_col;  /* end_col exclusive */
} OuroToken;

static inline bool ouro_tok_is_keyword(int kind)
{
    return kind >= OURO_TOK_FALSE && kind <= OURO_TOK_YIELD;
}

/* The spelling of a token kind, for messages ("':'", "'if'"). */
const char *ouro_tok_text(int kind);

#endif
