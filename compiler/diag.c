/* compiler/diag.c — filling OuroDiag, the front end's syntax error record, and the column
 * arithmetic CPython applies to it (byte offsets become character offsets). Owns no
 * policy: which error wins is decided by the parser (parser.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compiler/lexer.h"

void ouro_diag_set(OuroDiag *d, const char *kind, int line, int col, int end_line, int end_col,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
    d->kind = kind;
    d->line = line;
    d->col = col;
    d->end_line = end_line;
    d->end_col = end_col;
}

static const char *line_start(const char *src, size_t len, int line)
{
    const char *p = src, *end = src + len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return NULL;
        p = nl + 1;
    }
    return p;
}

int ouro_diag_char_col(const char *src, size_t len, int line, int col)
{
    if (col <= 1 || line < 1)
        return col;
    const char *s = line_start(src, len, line);
    if (!s)
        return col;
    const char *end = src + len;
    int chars = 0;
    /* Count code points (non-continuation bytes) before the byte column. */
    for (int i = 0; i < col - 1 && s + i < end && s[i] != '\n'; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            chars++;
    return chars + 1;
}

void ouro_diag_prefix(OuroDiag *d, const char *prefix)
{
    char tmp[sizeof d->msg];
    snprintf(tmp, sizeof tmp, "%s%s", prefix, d->msg);
    memcpy(d->msg, tmp, sizeof d->msg);
}
