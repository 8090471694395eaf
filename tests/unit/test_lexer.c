/* tests/unit/test_lexer.c — the tokenizer: token kinds and text, INDENT/DEDENT edge cases,
 * bracket and backslash line joining, tabs, numbers, strings, positions, and CPython's
 * tokenizer error messages with their positions. Links only the compiler front end. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/lexer.h"

/* Tokens of src (which must end with '\n') as "text text NL IN DE END", malloc'd; on a
 * lexer error the message is appended as "!msg@line,col". */
static char *lex_text(const char *src)
{
    OuroLexInput in = { src, strlen(src), 1, 0, false, false };
    OuroTokens t;
    int r = ouro_lex(&in, &t);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    for (int i = 0; i < t.count; i++) {
        const OuroToken *k = &t.items[i];
        if (i)
            fputc(' ', out);
        switch (k->kind) {
        case OURO_TOK_NEWLINE: fputs("NL", out); break;
        case OURO_TOK_INDENT: fputs("IN", out); break;
        case OURO_TOK_DEDENT: fputs("DE", out); break;
        case OURO_TOK_ENDMARKER: fputs("END", out); break;
        case OURO_TOK_EOFPAREN: fputs("EOFPAREN", out); break;
        case OURO_TOK_LEXERROR: fputs("ERR", out); break;
        default: fprintf(out, "%.*s", (int)k->len, k->start); break;
        }
    }
    if (r < 0)
        fprintf(out, " !%s: %s@%d,%d", t.err.kind, t.err.msg, t.err.line, t.err.col);
    fclose(out);
    ouro_tokens_free(&t);
    return buf;
}

#define EXPECT_LEX(src, want)                                                                      \
    do {                                                                                           \
        char *got_ = lex_text(src);                                                                \
        cr_expect_str_eq(got_, want, "source: %s", src);                                           \
        free(got_);                                                                                \
    } while (0)

Test(lexer, simple_statement)
{
    EXPECT_LEX("x = 1\n", "x = 1 NL END");
    EXPECT_LEX("", "END");
}

Test(lexer, nested_blocks_and_multi_dedent)
{
    EXPECT_LEX("if a:\n  if b:\n    c\nd\n", "if a : NL IN if b : NL IN c NL DE DE d NL END");
    EXPECT_LEX("if a:\n  b\n", "if a : NL IN b NL DE END");
}

Test(lexer, blank_and_comment_lines_are_ignored)
{
    EXPECT_LEX("a\n\n   \n  # comment\n# c\nb  # trailing\n", "a NL b NL END");
    EXPECT_LEX("if a:\n    b\n\n        # deeper comment\n    c\n", "if a : NL IN b NL c NL DE END");
}

Test(lexer, brackets_join_lines)
{
    EXPECT_LEX("x = (1,\n  2,\n      3)\ny\n", "x = ( 1 , 2 , 3 ) NL y NL END");
    EXPECT_LEX("f([{\n}])\n", "f ( [ { } ] ) NL END");
}

Test(lexer, backslash_continuation)
{
    EXPECT_LEX("x = 1 + \\\n    2\n", "x = 1 + 2 NL END");
    EXPECT_LEX("if a and \\\n b:\n  c\n", "if a and b : NL IN c NL DE END");
}

Test(lexer, tabs_count_to_multiples_of_eight)
{
    EXPECT_LEX("if a:\n\tb\n\tc\n", "if a : NL IN b NL c NL DE END");
    EXPECT_LEX("if a:\n\tb\n        c\n",
               "if a : NL IN b NL ERR !TabError: inconsistent use of tabs and spaces in "
               "indentation@3,1");
}

Test(lexer, indentation_errors)
{
    EXPECT_LEX("if a:\n    b\n  c\n",
               "if a : NL IN b NL DE ERR !IndentationError: unindent does not match any outer "
               "indentation level@3,4");
}

Test(lexer, numbers)
{
    EXPECT_LEX("0 0x1F 0o17 0b101 1_000 1.5 .5 1. 1e3 1E-3 1_0.0_1e1_0 00 0e0 1if\n",
               "0 0x1F 0o17 0b101 1_000 1.5 .5 1. 1e3 1E-3 1_0.0_1e1_0 00 0e0 1 if NL END");
    EXPECT_LEX("a.b .5\n", "a . b .5 NL END");
    EXPECT_LEX("x[1:2]...\n", "x [ 1 : 2 ] ... NL END");
}

Test(lexer, number_errors)
{
    EXPECT_LEX("012\n", "ERR !SyntaxError: leading zeros in decimal integer literals are not "
                        "permitted; use an 0o prefix for octal integers@1,1");
    EXPECT_LEX("1abc\n", "ERR !SyntaxError: invalid decimal literal@1,1");
    EXPECT_LEX("0x\n", "ERR !SyntaxError: invalid hexadecimal literal@1,2");
    EXPECT_LEX("0b2\n", "ERR !SyntaxError: invalid digit '2' in binary literal@1,3");
    EXPECT_LEX("0o8\n", "ERR !SyntaxError: invalid digit '8' in octal literal@1,3");
    EXPECT_LEX("1__0\n", "ERR !SyntaxError: invalid decimal literal@1,2");
    EXPECT_LEX("1.e5x\n", "ERR !SyntaxError: invalid decimal literal@1,4");
}

Test(lexer, strings)
{
    EXPECT_LEX("'a' \"b\" r'\\n' f'{x}' rb'y' Rf\"z\" u'w' 'it\\'s'\n",
               "'a' \"b\" r'\\n' f'{x}' rb'y' Rf\"z\" u'w' 'it\\'s' NL END");
    EXPECT_LEX("x = '''a\nb''' + 'c\\\nd'\n", "x = '''a\nb''' + 'c\\\nd' NL END");
    EXPECT_LEX("''''''\n", "'''''' NL END");
}

Test(lexer, string_errors)
{
    EXPECT_LEX("x = 'abc\n", "x = ERR !SyntaxError: unterminated string literal (detected at "
                             "line 1)@1,5");
    EXPECT_LEX("s = \"\"\"\n\nabc\n", "s = ERR !SyntaxError: unterminated triple-quoted string "
                                      "literal (detected at line 3)@1,5");
}

Test(lexer, operators_and_keywords)
{
    EXPECT_LEX("** // << >> -> := @ += //= **= >>= <<= != == <= >= ... ~ ^ | & % @=\n",
               "** // << >> -> := @ += //= **= >>= <<= != == <= >= ... ~ ^ | & % @= NL END");
    OuroLexInput in = { "not in is lambda None Nonesuch\n", 31, 1, 0, false, false };
    OuroTokens t;
    cr_assert_eq(ouro_lex(&in, &t), 0);
    cr_expect_eq(t.items[0].kind, OURO_TOK_NOT);
    cr_expect_eq(t.items[1].kind, OURO_TOK_IN);
    cr_expect_eq(t.items[2].kind, OURO_TOK_IS);
    cr_expect_eq(t.items[3].kind, OURO_TOK_LAMBDA);
    cr_expect_eq(t.items[4].kind, OURO_TOK_NONE);
    cr_expect_eq(t.items[5].kind, OURO_TOK_NAME);
    ouro_tokens_free(&t);
}

Test(lexer, bracket_errors)
{
    EXPECT_LEX("x = )\n", "x = ERR !SyntaxError: unmatched ')'@1,5");
    EXPECT_LEX("(]\n", "( ERR !SyntaxError: closing parenthesis ']' does not match opening "
                       "parenthesis '('@1,2");
    EXPECT_LEX("(\n]\n", "( ERR !SyntaxError: closing parenthesis ']' does not match opening "
                         "parenthesis '(' on line 1@2,1");
    EXPECT_LEX("f(a,\n", "f ( a , EOFPAREN !SyntaxError: '(' was never closed@1,2");
}

Test(lexer, continuation_errors)
{
    EXPECT_LEX("x = \\ 1\n", "x = ERR !SyntaxError: unexpected character after line "
                             "continuation character@1,6");
    EXPECT_LEX("x = 1 \\\n", "x = 1 ERR !SyntaxError: unexpected EOF while parsing@1,8");
}

Test(lexer, token_positions)
{
    OuroLexInput in = { "if x:\n    foo = '''a\nb'''\n", 26, 1, 0, false, false };
    OuroTokens t;
    cr_assert_eq(ouro_lex(&in, &t), 0);
    const OuroToken *foo = &t.items[5];
    cr_expect_eq(foo->kind, OURO_TOK_NAME);
    cr_expect_eq(foo->line, 2);
    cr_expect_eq(foo->col, 4);
    cr_expect_eq(foo->end_col, 7);
    const OuroToken *s = &t.items[7];
    cr_expect_eq(s->kind, OURO_TOK_STRING);
    cr_expect_eq(s->line, 2);
    cr_expect_eq(s->col, 10);
    cr_expect_eq(s->end_line, 3);
    cr_expect_eq(s->end_col, 4);
    cr_expect_eq(t.items[3].kind, OURO_TOK_NEWLINE);
    cr_expect_eq(t.items[3].col, 5);
    ouro_tokens_free(&t);
}

Test(lexer, fstring_field_mode)
{
    OuroLexInput in = { "a +\n b", 6, 3, 10, true, false };
    OuroTokens t;
    cr_assert_eq(ouro_lex(&in, &t), 0);
    cr_assert_eq(t.count, 4);
    cr_expect_eq(t.items[0].line, 3);
    cr_expect_eq(t.items[0].col, 10);
    cr_expect_eq(t.items[2].line, 4);
    cr_expect_eq(t.items[2].col, 1);
    cr_expect_eq(t.items[3].kind, OURO_TOK_ENDMARKER);
    ouro_tokens_free(&t);
}
