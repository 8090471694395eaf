/* compiler/incomplete.c — ouro_source_is_incomplete, the REPL's "print '... ' and read
 * another line?" test. Input is incomplete when parsing it fails at its very end (open
 * bracket, triple-quoted string, trailing backslash, block header without a body) or
 * when it is a compound statement not yet closed by an empty line, as in CPython's REPL. */
#include <string.h>

#include "compiler/compiler.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\f';
}

/* First keyword of the input (after blank and comment lines), if it opens a block. */
static bool starts_compound(const char *s, size_t len)
{
    static const char *const words[] = { "if", "while", "for", "try", "with", "def", "class",
                                         "async", NULL };
    size_t i = 0;
    for (;;) {
        while (i < len && (is_space(s[i]) || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i < len && s[i] == '#') {
            while (i < len && s[i] != '\n')
                i++;
            continue;
        }
        break;
    }
    if (i < len && s[i] == '@')
        return true;
    for (int w = 0; words[w]; w++) {
        size_t n = strlen(words[w]);
        if (i + n <= len && memcmp(s + i, words[w], n) == 0) {
            char c = i + n < len ? s[i + n] : ' ';
            bool ident = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_' || (unsigned char)c >= 0x80;
            if (!ident)
                return true;
        }
    }
    return false;
}

/* The input ends with a completely empty line (CPython's end of a block at the prompt). */
static bool ends_with_empty_line(const char *s, size_t len)
{
    if (len > 0 && s[len - 1] == '\n')
        len--;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    return len > 0 && s[len - 1] == '\n';
}

bool ouro_source_is_incomplete(const char *src, size_t len)
{
    size_t i = 0;
    while (i < len && (is_space(src[i]) || src[i] == '\n' || src[i] == '\r'))
        i++;
    if (i == len)                     /* an empty line at the prompt: nothing to continue */
        return false;
    OuroArena *a = ouro_arena_new();
    if (!a)
        return false;
    OuroDiag d;
    OuroModuleAST *m = ouro_parse(a, src, len, OURO_MODE_SINGLE, &d);
    ouro_arena_free(a);
    if (!m)
        return d.incomplete;
    return starts_compound(src, len) && !ends_with_empty_line(src, len);
}
