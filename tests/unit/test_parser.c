/* tests/unit/test_parser.c — the parser against CPython 3.11: AST shapes (compared with
 * the text of ast.dump(), which ouro_ast_dump reproduces), syntax error messages and
 * positions, the parse modes, and the REPL's incomplete-input test. Links only the
 * compiler front end (lexer, parser, arena, diag, ast_dump, incomplete). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parser.h"

/* Generated from CPython 3.11 (ast.dump / compile) by a throwaway script; the
 * expectations are CPython's own output. */
typedef struct { const char *name, *src, *dump; bool attrs; } ShapeCase;
static const ShapeCase shape_cases[] = {
    { "precedence", "x = 1 + 2 * 3 ** -4 - 5 // 6 % 7 @ m",
      "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=BinOp(left=BinOp(left=Constant(value=1), op=Add(), right=BinOp(left=Constant(value=2), op=Mult(), right=BinOp(left=Constant(value=3), op=Pow(), right=UnaryOp(op=USub(), operand=Constant(value=4))))), op=Sub(), right=BinOp(left=BinOp(left=BinOp(left=Constant(value=5), op=FloorDiv(), right=Constant(value=6)), op=Mod(), right=Constant(value=7)), op=MatMult(), right=Name(id='m', ctx=Load()))))], type_ignores=[])", false },
    { "unary_power", "y = -2 ** 2\nz = ~a ** b ** c",
      "Module(body=[Assign(targets=[Name(id='y', ctx=Store())], value=UnaryOp(op=USub(), operand=BinOp(left=Constant(value=2), op=Pow(), right=Constant(value=2)))), Assign(targets=[Name(id='z', ctx=Store())], value=UnaryOp(op=Invert(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=BinOp(left=Name(id='b', ctx=Load()), op=Pow(), right=Name(id='c', ctx=Load())))))], type_ignores=[])", false },
    { "bitwise", "a | b ^ c & d << 1 >> 2",
      "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=BinOp(left=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), right=Constant(value=1)), op=RShift(), right=Constant(value=2))))))], type_ignores=[])", false },
    { "boolops", "a or b and not c or d",
      "Module(body=[Expr(value=BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), BoolOp(op=And(), values=[Name(id='b', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='c', ctx=Load()))]), Name(id='d', ctx=Load())]))], type_ignores=[])", false },
    { "chained_compare", "a < b <= c != d not in e is not f in g",
      "Module(body=[Expr(value=Compare(left=Name(id='a', ctx=Load()), ops=[Lt(), LtE(), NotEq(), NotIn(), IsNot(), In()], comparators=[Name(id='b', ctx=Load()), Name(id='c', ctx=Load()), Name(id='d', ctx=Load()), Name(id='e', ctx=Load()), Name(id='f', ctx=Load()), Name(id='g', ctx=Load())]))], type_ignores=[])", false },
    { "ternary_lambda", "f = lambda x, *y, z=1, **k: x if y else z",
      "Module(body=[Assign(targets=[Name(id='f', ctx=Store())], value=Lambda(args=arguments(posonlyargs=[], args=[arg(arg='x')], vararg=arg(arg='y'), kwonlyargs=[arg(arg='z')], kw_defaults=[Constant(value=1)], kwarg=arg(arg='k'), defaults=[]), body=IfExp(test=Name(id='y', ctx=Load()), body=Name(id='x', ctx=Load()), orelse=Name(id='z', ctx=Load()))))], type_ignores=[])", false },
    { "walrus", "if (n := len(a)) > 10: pass",
      "Module(body=[If(test=Compare(left=NamedExpr(target=Name(id='n', ctx=Store()), value=Call(func=Name(id='len', ctx=Load()), args=[Name(id='a', ctx=Load())], keywords=[])), ops=[Gt()], comparators=[Constant(value=10)]), body=[Pass()], orelse=[])], type_ignores=[])", false },
    { "star_targets", "a, *b = c\n[x.y, z[0]] = w = v",
      "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store())], value=Name(id='c', ctx=Load())), Assign(targets=[List(elts=[Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Store()), Subscript(value=Name(id='z', ctx=Load()), slice=Constant(value=0), ctx=Store())], ctx=Store()), Name(id='w', ctx=Store())], value=Name(id='v', ctx=Load()))], type_ignores=[])", false },
    { "aug_ann", "a += 1\nb.c //= 2\nd: int\ne[0]: str = 's'\n(f): int = 3",
      "Module(body=[AugAssign(target=Name(id='a', ctx=Store()), op=Add(), value=Constant(value=1)), AugAssign(target=Attribute(value=Name(id='b', ctx=Load()), attr='c', ctx=Store()), op=FloorDiv(), value=Constant(value=2)), AnnAssign(target=Name(id='d', ctx=Store()), annotation=Name(id='int', ctx=Load()), simple=1), AnnAssign(target=Subscript(value=Name(id='e', ctx=Load()), slice=Constant(value=0), ctx=Store()), annotation=Name(id='str', ctx=Load()), value=Constant(value='s'), simple=0), AnnAssign(target=Name(id='f', ctx=Store()), annotation=Name(id='int', ctx=Load()), value=Constant(value=3), simple=0)], type_ignores=[])", false },
    { "delete", "del a, b[0], (c, d)",
      "Module(body=[Delete(targets=[Name(id='a', ctx=Del()), Subscript(value=Name(id='b', ctx=Load()), slice=Constant(value=0), ctx=Del()), Tuple(elts=[Name(id='c', ctx=Del()), Name(id='d', ctx=Del())], ctx=Del())])], type_ignores=[])", false },
    { "params", "def f(a, b=1, /, c=2, *d, e, f=3, **g) -> int:\n    return a",
      "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a'), arg(arg='b')], args=[arg(arg='c')], vararg=arg(arg='d'), kwonlyargs=[arg(arg='e'), arg(arg='f')], kw_defaults=[None, Constant(value=3)], kwarg=arg(arg='g'), defaults=[Constant(value=1), Constant(value=2)]), body=[Return(value=Name(id='a', ctx=Load()))], decorator_list=[], returns=Name(id='int', ctx=Load()))], type_ignores=[])", false },
    { "kwonly", "def g(*, a, b=2): pass\nlambda a, /, b=1, *c, d, **e: 0",
      "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a'), arg(arg='b')], kw_defaults=[None, Constant(value=2)], defaults=[]), body=[Pass()], decorator_list=[]), Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='a')], args=[arg(arg='b')], vararg=arg(arg='c'), kwonlyargs=[arg(arg='d')], kw_defaults=[None], kwarg=arg(arg='e'), defaults=[Constant(value=1)]), body=Constant(value=0)))], type_ignores=[])", false },
    { "decorators_class", "@a.b(c)\n@d\nclass X(Y, metaclass=M):\n    x = 1\n    def m(self): pass",
      "Module(body=[ClassDef(name='X', bases=[Name(id='Y', ctx=Load())], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load()))], body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1)), FunctionDef(name='m', args=arguments(posonlyargs=[], args=[arg(arg='self')], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass()], decorator_list=[])], decorator_list=[Call(func=Attribute(value=Name(id='a', ctx=Load()), attr='b', ctx=Load()), args=[Name(id='c', ctx=Load())], keywords=[]), Name(id='d', ctx=Load())])], type_ignores=[])", false },
    { "comprehensions", "[x for x in y if x if not x for z in x]\n{k: v for k, v in d.items()}\n{s for s in t}\nf(x for x in y)\n(a for b in c)",
      "Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[Name(id='x', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='x', ctx=Load()))], is_async=0), comprehension(target=Name(id='z', ctx=Store()), iter=Name(id='x', ctx=Load()), ifs=[], is_async=0)])), Expr(value=DictComp(key=Name(id='k', ctx=Load()), value=Name(id='v', ctx=Load()), generators=[comprehension(target=Tuple(elts=[Name(id='k', ctx=Store()), Name(id='v', ctx=Store())], ctx=Store()), iter=Call(func=Attribute(value=Name(id='d', ctx=Load()), attr='items', ctx=Load()), args=[], keywords=[]), ifs=[], is_async=0)])), Expr(value=SetComp(elt=Name(id='s', ctx=Load()), generators=[comprehension(target=Name(id='s', ctx=Store()), iter=Name(id='t', ctx=Load()), ifs=[], is_async=0)])), Expr(value=Call(func=Name(id='f', ctx=Load()), args=[GeneratorExp(elt=Name(id='x', ctx=Load()), generators=[comprehension(target=Name(id='x', ctx=Store()), iter=Name(id='y', ctx=Load()), ifs=[], is_async=0)])], keywords=[])), Expr(value=GeneratorExp(elt=Name(id='a', ctx=Load()), generators=[comprehension(target=Name(id='b', ctx=Store()), iter=Name(id='c', ctx=Load()), ifs=[], is_async=0)]))], type_ignores=[])", false },
    { "calls", "f(a, *b, c=1, **d)\ng()(1)[2:3, ::4].h",
      "Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load()), args=[Name(id='a', ctx=Load()), Starred(value=Name(id='b', ctx=Load()), ctx=Load())], keywords=[keyword(arg='c', value=Constant(value=1)), keyword(value=Name(id='d', ctx=Load()))])), Expr(value=Attribute(value=Subscript(value=Call(func=Call(func=Name(id='g', ctx=Load()), args=[], keywords=[]), args=[Constant(value=1)], keywords=[]), slice=Tuple(elts=[Slice(lower=Constant(value=2), upper=Constant(value=3)), Slice(step=Constant(value=4))], ctx=Load()), ctx=Load()), attr='h', ctx=Load()))], type_ignores=[])", false },
    { "slices", "a[1:2, ::3]\nb[:]\nc[x, *y]\nd[i:=1]",
      "Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Load())), Expr(value=Subscript(value=Name(id='b', ctx=Load()), slice=Slice(), ctx=Load())), Expr(value=Subscript(value=Name(id='c', ctx=Load()), slice=Tuple(elts=[Name(id='x', ctx=Load()), Starred(value=Name(id='y', ctx=Load()), ctx=Load())], ctx=Load()), ctx=Load())), Expr(value=Subscript(value=Name(id='d', ctx=Load()), slice=NamedExpr(target=Name(id='i', ctx=Store()), value=Constant(value=1)), ctx=Load()))], type_ignores=[])", false },
    { "displays", "x = [1, *a]\ny = {**b, 'k': 2}\nz = {1, *c}\nt = (1,)\nu = ()\nv = {}\nw = ...",
      "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=List(elts=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), ctx=Load())], ctx=Load())), Assign(targets=[Name(id='y', ctx=Store())], value=Dict(keys=[None, Constant(value='k')], values=[Name(id='b', ctx=Load()), Constant(value=2)])), Assign(targets=[Name(id='z', ctx=Store())], value=Set(elts=[Constant(value=1), Starred(value=Name(id='c', ctx=Load()), ctx=Load())])), Assign(targets=[Name(id='t', ctx=Store())], value=Tuple(elts=[Constant(value=1)], ctx=Load())), Assign(targets=[Name(id='u', ctx=Store())], value=Tuple(elts=[], ctx=Load())), Assign(targets=[Name(id='v', ctx=Store())], value=Dict(keys=[], values=[])), Assign(targets=[Name(id='w', ctx=Store())], value=Constant(value=Ellipsis))], type_ignores=[])", false },
    { "fstrings", "s = f'a{b!r:>{w}}c{d=}' 'e' f'{{}}{x:{y}.{z}f}'",
      "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)])), Constant(value='cd='), FormattedValue(value=Name(id='d', ctx=Load()), conversion=114), Constant(value='e{}'), FormattedValue(value=Name(id='x', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1), Constant(value='.'), FormattedValue(value=Name(id='z', ctx=Load()), conversion=-1), Constant(value='f')]))]))], type_ignores=[])", false },
    { "strings", "s = 'a\\x41\\101\\u00e9\\U0001F600\\n\\0' r'\\n' \"q'\" '''t\nu'''",
      "Module(body=[Assign(targets=[Name(id='s', ctx=Store())], value=Constant(value=\"aAAé😀\\n\\x00\\\\nq't\\nu\"))], type_ignores=[])", false },
    { "numbers", "n = [0, 1_000, 0x1F, 0o17, 0b101, 1.5, .5, 1., 1e3, 1E-3, 0xffffffffffffffffffff, 99999999999999999999, 9223372036854775807]",
      "Module(body=[Assign(targets=[Name(id='n', ctx=Store())], value=List(elts=[Constant(value=0), Constant(value=1000), Constant(value=31), Constant(value=15), Constant(value=5), Constant(value=1.5), Constant(value=0.5), Constant(value=1.0), Constant(value=1000.0), Constant(value=0.001), Constant(value=1208925819614629174706175), Constant(value=99999999999999999999), Constant(value=9223372036854775807)], ctx=Load()))], type_ignores=[])", false },
    { "imports", "import a.b as c, d\nfrom . import x\nfrom ..m import (y as z, w,)\nfrom n import *",
      "Module(body=[Import(names=[alias(name='a.b', asname='c'), alias(name='d')]), ImportFrom(names=[alias(name='x')], level=1), ImportFrom(module='m', names=[alias(name='y', asname='z'), alias(name='w')], level=2), ImportFrom(module='n', names=[alias(name='*')], level=0)], type_ignores=[])", false },
    { "control", "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\nwhile c:\n    break\nelse:\n    continue\nfor i in j:\n    pass\nelse:\n    pass",
      "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Pass()], orelse=[If(test=Name(id='b', ctx=Load()), body=[Pass()], orelse=[Pass()])]), While(test=Name(id='c', ctx=Load()), body=[Break()], orelse=[Continue()]), For(target=Name(id='i', ctx=Store()), iter=Name(id='j', ctx=Load()), body=[Pass()], orelse=[Pass()])], type_ignores=[])", false },
    { "try_with", "try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nexcept C:\n    raise\nelse:\n    pass\nfinally:\n    pass\nwith a as b, c:\n    pass\nwith (d as e, f):\n    pass",
      "Module(body=[Try(body=[Pass()], handlers=[ExceptHandler(type=Tuple(elts=[Name(id='A', ctx=Load()), Name(id='B', ctx=Load())], ctx=Load()), name='e', body=[Raise(exc=Name(id='X', ctx=Load()), cause=Name(id='e', ctx=Load()))]), ExceptHandler(type=Name(id='C', ctx=Load()), body=[Raise()])], orelse=[Pass()], finalbody=[Pass()]), With(items=[withitem(context_expr=Name(id='a', ctx=Load()), optional_vars=Name(id='b', ctx=Store())), withitem(context_expr=Name(id='c', ctx=Load()))], body=[Pass()]), With(items=[withitem(context_expr=Name(id='d', ctx=Load()), optional_vars=Name(id='e', ctx=Store())), withitem(context_expr=Name(id='f', ctx=Load()))], body=[Pass()])], type_ignores=[])", false },
    { "yield_global", "def g():\n    global q\n    x = yield\n    y = yield from z\n    (yield)\n    yield a, b\n    assert x, 'm'",
      "Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Global(names=['q']), Assign(targets=[Name(id='x', ctx=Store())], value=Yield()), Assign(targets=[Name(id='y', ctx=Store())], value=YieldFrom(value=Name(id='z', ctx=Load()))), Expr(value=Yield()), Expr(value=Yield(value=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))), Assert(test=Name(id='x', ctx=Load()), msg=Constant(value='m'))], decorator_list=[])], type_ignores=[])", false },
    { "semicolons", "a = 1; b = 2;\nc = 3",
      "Module(body=[Assign(targets=[Name(id='a', ctx=Store())], value=Constant(value=1)), Assign(targets=[Name(id='b', ctx=Store())], value=Constant(value=2)), Assign(targets=[Name(id='c', ctx=Store())], value=Constant(value=3))], type_ignores=[])", false },
    { "positions", "x = (a +\n     b)\nf(y)[0].z = 1",
      "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), op=Add(), right=Name(id='b', ctx=Load(), lineno=2, col_offset=5, end_lineno=2, end_col_offset=6), lineno=1, col_offset=5, end_lineno=2, end_col_offset=6), lineno=1, col_offset=0, end_lineno=2, end_col_offset=7), Assign(targets=[Attribute(value=Subscript(value=Call(func=Name(id='f', ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=1), args=[Name(id='y', ctx=Load(), lineno=3, col_offset=2, end_lineno=3, end_col_offset=3)], keywords=[], lineno=3, col_offset=0, end_lineno=3, end_col_offset=4), slice=Constant(value=0, lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), ctx=Load(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=7), attr='z', ctx=Store(), lineno=3, col_offset=0, end_lineno=3, end_col_offset=9)], value=Constant(value=1, lineno=3, col_offset=12, end_lineno=3, end_col_offset=13), lineno=3, col_offset=0, end_lineno=3, end_col_offset=13)], type_ignores=[])", true },
    { "positions_def", "@dec\ndef f(a: int = 1) -> None:\n    return a * 2",
      "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', annotation=Name(id='int', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=12), lineno=2, col_offset=6, end_lineno=2, end_col_offset=12)], kwonlyargs=[], kw_defaults=[], defaults=[Constant(value=1, lineno=2, col_offset=15, end_lineno=2, end_col_offset=16)]), body=[Return(value=BinOp(left=Name(id='a', ctx=Load(), lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), op=Mult(), right=Constant(value=2, lineno=3, col_offset=15, end_lineno=3, end_col_offset=16), lineno=3, col_offset=11, end_lineno=3, end_col_offset=16), lineno=3, col_offset=4, end_lineno=3, end_col_offset=16)], decorator_list=[Name(id='dec', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=4)], returns=Constant(value=None, lineno=2, col_offset=21, end_lineno=2, end_col_offset=25), lineno=2, col_offset=0, end_lineno=3, end_col_offset=16)], type_ignores=[])", true },
};

typedef struct { const char *src, *kind, *msg; int line, col, end_line, end_col; } ErrorCase;
static const ErrorCase error_cases[] = {
    { "if x:\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 1, 6, 1, 0 },
    { "for x in y:\n", "IndentationError", "expected an indented block after 'for' statement on line 1", 1, 12, 1, 0 },
    { "def f():\n", "IndentationError", "expected an indented block after function definition on line 1", 1, 9, 1, 0 },
    { "class A:\n", "IndentationError", "expected an indented block after class definition on line 1", 1, 9, 1, 0 },
    { "try:\n  pass\nexcept:\n", "IndentationError", "expected an indented block after 'except' statement on line 3", 3, 8, 3, 0 },
    { "  x = 1\n", "IndentationError", "unexpected indent", 1, 2, 1, 0 },
    { "if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 3, 0 },
    { "if x:\n\ta\n        b\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0 },
    { "x = (1,\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 0 },
    { "foo(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5, 1, 8 },
    { "x = 1 2\n", "SyntaxError", "invalid syntax", 1, 7, 1, 8 },
    { "print 'hi'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 11 },
    { "f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4 },
    { "1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2 },
    { "del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 1, 8 },
    { "(a, f()) = 1\n", "SyntaxError", "cannot assign to function call", 1, 5, 1, 8 },
    { "True = 1\n", "SyntaxError", "cannot assign to True", 1, 1, 1, 5 },
    { "f() += 1\n", "SyntaxError", "'function call' is an illegal expression for augmented assignment", 1, 1, 1, 4 },
    { "if x\n  pass\n", "SyntaxError", "expected ':'", 1, 5, 1, 5 },
    { "x = )\n", "SyntaxError", "unmatched ')'", 1, 5, 1, 5 },
    { "(]\n", "SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 2, 1, 2 },
    { "'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 1, 1, 1 },
    { "'''abc\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 1)", 1, 1, 1, 1 },
    { "012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 1, 1, 2 },
    { "1abc\n", "SyntaxError", "invalid decimal literal", 1, 1, 1, 1 },
    { "0b2\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 3, 1, 3 },
    { "x = \\ 1\n", "SyntaxError", "unexpected character after line continuation character", 1, 6, 1, 0 },
    { "x = 1 \\", "SyntaxError", "unexpected EOF while parsing", 1, 8, 1, 0 },
    { "f(x for x in y, 1)\n", "SyntaxError", "Generator expression must be parenthesized", 1, 3, 1, 15 },
    { "def f(a=1, b): pass\n", "SyntaxError", "non-default argument follows default argument", 1, 12, 1, 13 },
    { "f(a=1, 2)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10 },
    { "x = f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 9, 1, 9 },
    { "x = f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 9, 1, 9 },
    { "x = f'{}'\n", "SyntaxError", "f-string: empty expression not allowed", 1, 10, 1, 10 },
    { "x = f'{a b}'\n", "SyntaxError", "f-string: invalid syntax. Perhaps you forgot a comma?", 1, 2, 1, 5 },
    { "x = f'{a!x}'\n", "SyntaxError", "f-string: invalid conversion character: expected 's', 'r', or 'a'", 1, 13, 1, 13 },
    { "x = [i for i in]\n", "SyntaxError", "invalid syntax", 1, 16, 1, 17 },
    { "a, b: int\n", "SyntaxError", "only single target (not tuple) can be annotated", 1, 1, 1, 2 },
    { "def f(*): pass\n", "SyntaxError", "named arguments must follow bare *", 1, 7, 1, 8 },
    { "if x = 1: pass", "SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9 },
    { "[a, b for a in c]", "SyntaxError", "did you forget parentheses around the comprehension target?", 1, 2, 1, 6 },
    { "x = {1:}", "SyntaxError", "expression expected after dictionary key and ':'", 1, 7, 1, 8 },
    { "try:\n  pass\n", "SyntaxError", "expected 'except' or 'finally' block", 2, 7, 2, 0 },
    { "x = a if b", "SyntaxError", "expected 'else' after 'if' expression", 1, 5, 1, 11 },
    { "import a.", "SyntaxError", "invalid syntax", 1, 10, 1, 10 },
    { "from a import b,", "SyntaxError", "trailing comma not allowed without surrounding parentheses", 1, 17, 1, 17 },
    { "with a as f(): pass", "SyntaxError", "cannot assign to function call", 1, 11, 1, 14 },
    { "é = )", "SyntaxError", "unmatched ')'", 1, 5, 1, 5 },
    { "x = 'é' + $", "SyntaxError", "invalid syntax", 1, 11, 1, 12 },
    { "(**a)", "SyntaxError", "cannot use double starred expression here", 1, 2, 1, 4 },
    { "lambda *: 1", "SyntaxError", "named arguments must follow bare *", 1, 9, 1, 10 },
    { "a not b", "SyntaxError", "invalid syntax", 1, 7, 1, 8 },
    { "\"\"\"\n\n\nabc", "SyntaxError", "unterminated triple-quoted string literal (detected at line 4)", 1, 1, 1, 1 },
    { "x = '\\x4'", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 10, 1, 10 },
    { "if x:\n  pass\nelif y:\n", "IndentationError", "expected an indented block after 'elif' statement on line 3", 3, 8, 3, 0 },
};

/* Parses src and returns its dump (malloc'd), or "Kind: msg @l,c-el,ec". */
static char *parse_to_text(const char *src, OuroCompileMode mode, bool attrs)
{
    OuroArena *a = ouro_arena_new();
    OuroDiag d;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    OuroModuleAST *m = ouro_parse(a, src, strlen(src), mode, &d);
    if (m)
        ouro_ast_dump_ex(m, out, attrs);
    else
        fprintf(out, "%s: %s @%d,%d-%d,%d", d.kind, d.msg, d.line, d.col, d.end_line, d.end_col);
    fclose(out);
    ouro_arena_free(a);
    if (len && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return buf;
}

Test(parser, ast_shapes_match_cpython)
{
    for (size_t i = 0; i < sizeof shape_cases / sizeof shape_cases[0]; i++) {
        const ShapeCase *c = &shape_cases[i];
        char *got = parse_to_text(c->src, OURO_MODE_EXEC, c->attrs);
        cr_expect_str_eq(got, c->dump, "case %s", c->name);
        free(got);
    }
}

Test(parser, syntax_errors_match_cpython)
{
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const ErrorCase *c = &error_cases[i];
        char want[512];
        snprintf(want, sizeof want, "%s: %s @%d,%d-%d,%d", c->kind, c->msg, c->line, c->col,
                 c->end_line, c->end_col);
        char *got = parse_to_text(c->src, OURO_MODE_EXEC, false);
        cr_expect_str_eq(got, want, "source %s", c->src);
        free(got);
    }
}

Test(parser, targets_get_store_and_del_context)
{
    OuroArena *a = ouro_arena_new();
    OuroDiag d;
    const char *src = "a, *b = c\ndel x.y\n";
    OuroModuleAST *m = ouro_parse(a, src, strlen(src), OURO_MODE_EXEC, &d);
    cr_assert_not_null(m);
    OuroStmt *s = m->body.items[0];
    cr_assert_eq(s->kind, OURO_STMT_ASSIGN);
    OuroExpr *t = s->u.assign.targets.items[0];
    cr_assert_eq(t->kind, OURO_EXPR_TUPLE);
    cr_expect_eq(t->u.tuple.ctx, OURO_CTX_STORE);
    cr_expect_eq(t->u.tuple.elts.items[0]->u.name.ctx, OURO_CTX_STORE);
    OuroExpr *st = t->u.tuple.elts.items[1];
    cr_assert_eq(st->kind, OURO_EXPR_STARRED);
    cr_expect_eq(st->u.starred.ctx, OURO_CTX_STORE);
    cr_expect_eq(st->u.starred.value->u.name.ctx, OURO_CTX_STORE);
    cr_expect_eq(s->u.assign.value->u.name.ctx, OURO_CTX_LOAD);
    OuroStmt *del = m->body.items[1];
    cr_assert_eq(del->kind, OURO_STMT_DELETE);
    cr_expect_eq(del->u.delete_.targets.items[0]->u.attribute.ctx, OURO_CTX_DEL);
    cr_expect_eq(del->u.delete_.targets.items[0]->u.attribute.value->u.name.ctx, OURO_CTX_LOAD);
    ouro_arena_free(a);
}

Test(parser, parameters_align_kw_defaults)
{
    OuroArena *a = ouro_arena_new();
    OuroDiag d;
    const char *src = "def f(p, /, q=1, *r, s, t=2, **u): pass\n";
    OuroModuleAST *m = ouro_parse(a, src, strlen(src), OURO_MODE_EXEC, &d);
    cr_assert_not_null(m);
    OuroArguments *args = m->body.items[0]->u.functiondef.args;
    cr_expect_eq(args->posonlyargs.count, 1);
    cr_expect_eq(args->args.count, 1);
    cr_expect_str_eq(args->vararg->name, "r");
    cr_expect_eq(args->kwonlyargs.count, 2);
    cr_expect_eq(args->kw_defaults.count, 2);
    cr_expect_null(args->kw_defaults.items[0]);
    cr_expect_not_null(args->kw_defaults.items[1]);
    cr_expect_str_eq(args->kwarg->name, "u");
    cr_expect_eq(args->defaults.count, 1);
    ouro_arena_free(a);
}

Test(parser, big_and_small_ints)
{
    OuroArena *a = ouro_arena_new();
    OuroDiag d;
    const char *src = "9223372036854775807, 9223372036854775808, 0x1_0000_0000_0000_0000, 0o777\n";
    OuroModuleAST *m = ouro_parse(a, src, strlen(src), OURO_MODE_EXEC, &d);
    cr_assert_not_null(m);
    OuroExprList e = m->body.items[0]->u.expr.value->u.tuple.elts;
    cr_expect_eq(e.items[0]->u.constant.kind, OURO_CONST_INT);
    cr_expect_eq(e.items[0]->u.constant.ival, INT64_MAX);
    cr_expect_eq(e.items[1]->u.constant.kind, OURO_CONST_BIGINT);
    cr_expect_str_eq(e.items[1]->u.constant.str, "9223372036854775808");
    cr_expect_str_eq(e.items[2]->u.constant.str, "18446744073709551616");
    cr_expect_eq(e.items[3]->u.constant.ival, 511);
    ouro_arena_free(a);
}

Test(parser, strings_keep_nul_bytes)
{
    OuroArena *a = ouro_arena_new();
    OuroDiag d;
    const char *src = "'a\\0b' 'c'\n";
    OuroModuleAST *m = ouro_parse(a, src, strlen(src), OURO_MODE_EXEC, &d);
    cr_assert_not_null(m);
    OuroExpr *c = m->body.items[0]->u.expr.value;
    cr_assert_eq(c->u.constant.kind, OURO_CONST_STR);
    cr_expect_eq(c->u.constant.str_len, 4);
    cr_expect_eq(memcmp(c->u.constant.str, "a\0bc", 4), 0);
    ouro_arena_free(a);
}

Test(parser, eval_and_single_modes)
{
    char *s = parse_to_text("1, 2\n", OURO_MODE_EVAL, false);
    cr_expect_str_eq(s, "Module(body=[Expr(value=Tuple(elts=[Constant(value=1), Constant(value=2)], "
                        "ctx=Load()))], type_ignores=[])");
    free(s);
    s = parse_to_text("x = 1", OURO_MODE_EVAL, false);
    cr_expect_str_eq(s, "SyntaxError: invalid syntax @1,3-1,4");
    free(s);
    s = parse_to_text("x=1\ny=2", OURO_MODE_SINGLE, false);
    cr_expect_str_eq(s, "SyntaxError: multiple statements found while compiling a single "
                        "statement @1,4-1,4");
    free(s);
    s = parse_to_text("if x:\n  pass\nelse:\n  pass\n", OURO_MODE_SINGLE, false);
    cr_expect(strncmp(s, "Module(body=[If(", 16) == 0, "%s", s);
    free(s);
}

Test(parser, crlf_and_missing_final_newline)
{
    char *s = parse_to_text("if a:\r\n    b = 1\r\nc", OURO_MODE_EXEC, false);
    cr_expect_str_eq(s, "Module(body=[If(test=Name(id='a', ctx=Load()), body=[Assign(targets=["
                        "Name(id='b', ctx=Store())], value=Constant(value=1))], orelse=[]), "
                        "Expr(value=Name(id='c', ctx=Load()))], type_ignores=[])");
    free(s);
}

Test(parser, diag_incomplete_flag)
{
    static const struct { const char *src; bool incomplete; } cases[] = {
        { "x = (1,\n", true }, { "if x:\n", true }, { "s = '''abc\n", true },
        { "x = 1 + \\\n", true }, { "@dec\n", true }, { "x = )\n", false },
        { "x =\n", false }, { "'abc\n", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        OuroArena *a = ouro_arena_new();
        OuroDiag d;
        OuroModuleAST *m = ouro_parse(a, cases[i].src, strlen(cases[i].src), OURO_MODE_EXEC, &d);
        cr_expect_null(m, "%s", cases[i].src);
        cr_expect_eq(d.incomplete, cases[i].incomplete, "%s", cases[i].src);
        ouro_arena_free(a);
    }
}

Test(parser, repl_incomplete_input)
{
    static const struct { const char *src; bool incomplete; } cases[] = {
        { "x = 1\n", false },
        { "for x in y:\n", true },
        { "for x in y:\n    pass\n", true },
        { "for x in y:\n    pass\n\n", false },
        { "def f(): return 1\n", true },
        { "def f(): return 1\n\n", false },
        { "x = [1,\n", true },
        { "x = [1,\n2]\n", false },
        { "s = '''a\n", true },
        { "x = 1 + \\\n", true },
        { "if a:\n    pass\nelse:\n", true },
        { "try:\n    pass\n", true },
        { "x = )\n", false },
        { "x =\n", false },
        { "\n", false },
        { "", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(ouro_source_is_incomplete(cases[i].src, strlen(cases[i].src)),
                     cases[i].incomplete, "%s", cases[i].src);
}

Test(parser, deep_nesting_fails_cleanly)
{
    static const char *const units[] = { "-", "not ", "2**", "lambda:" };
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t k = strlen(units[u]), reps = 50000, n = reps * k;
        char *src = malloc(n + 3);
        for (size_t i = 0; i < reps; i++)
            memcpy(src + i * k, units[u], k);
        memcpy(src + n, "1\n", 3);
        OuroArena *a = ouro_arena_new();
        OuroDiag d;
        cr_expect_null(ouro_parse(a, src, n + 2, OURO_MODE_EXEC, &d), "%s", units[u]);
        /* CPython's parser gives up on nesting this deep with a bare MemoryError. */
        cr_expect_str_eq(d.kind, "MemoryError");
        ouro_arena_free(a);
        free(src);
    }
}
