# Deeply nested source never crashes the compiler: the tokenizer's bracket limit, the
# parser's nesting limit (MemoryError, as CPython's parser) and the compiler's recursion
# limit (RecursionError) all end in exceptions; moderate nesting still compiles and runs.


def attempt(name, src):
    try:
        exec(src, {})
        print(name, "runs")
    except SyntaxError as e:
        print(name, "SyntaxError:", e.msg, e.lineno, e.offset)
    except (MemoryError, RecursionError) as e:
        print(name, type(e).__name__ + ":", e)


N = 100000
attempt("parens", "x = " + "(" * N + ")" * N)
attempt("brackets", "x = " + "[" * N + "]" * N)
attempt("minus", "x = " + "-" * N + "1")
attempt("not", "x = " + "not " * N + "1")
attempt("lambda", "x = " + "lambda: " * N + "1")
attempt("ifexp", "x = 1" + " if 1 else 1" * N)
attempt("power", "x = 2" + " ** 2" * N)
attempt("elif", "if x: pass\n" + "elif x: pass\n" * N)
attempt("attribute", "x = a" + ".b" * N)
attempt("subscript", "x = a" + "[0]" * N)
attempt("call", "x = f" + "()" * N)
attempt("add", "x = 1" + " + 1" * N)
attempt("compare", "x = 1" + " < 1" * N)
attempt("and", "x = 1" + " and 1" * N)

M = 1000
print(eval("-" * M + "7"), eval("1" + " + 1" * M), eval("not " * M + "0"))
print(eval("(" * 199 + "5" + ")" * 199))
f = eval("lambda: " * 300 + "42")
for i in range(300):
    f = f()
print(f)
g = {}
exec("if x == 0: r = 0\n" + "".join("elif x == %d: r = %d\n" % (i, i * i) for i in range(1, M)), {"x": 999}, g)
print(g["r"])

loops = "".join(" " * i + "for i%d in range(1):\n" % i for i in range(21)) + " " * 21 + "pass\n"
attempt("loops", loops)
blocks = "".join(" " * i + "if 1:\n" for i in range(101)) + " " * 101 + "pass\n"
attempt("indent", blocks)
