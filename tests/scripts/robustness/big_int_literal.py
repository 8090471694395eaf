# Huge integer literals: a decimal literal past the int/str conversion limit is a
# SyntaxError at compile time (as in CPython), hexadecimal/octal/binary ones have no
# limit and compile in linear time, and raising the limit lets decimal ones through.
import sys


def attempt(src):
    try:
        exec(src, {})
        print("ok")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
        print(e.lineno, e.offset, e.end_lineno, e.end_offset)


attempt("x = " + "1" * 4300)
attempt("x = " + "1" * 4301)
attempt("x = (1,\n     -" + "9" * 5000 + ")")
attempt("x = 0" + "0" * 6000)

ns = {}
exec("h = 0x" + "f" * 200000 + "\no = -0o" + "7" * 3000 + "\nb = 0b1" + "0" * 9000, ns)
print(ns["h"].bit_length(), ns["o"].bit_length(), ns["b"].bit_length())
print(ns["h"] == 16 ** 200000 - 1, ns["o"] == -(8 ** 3000 - 1), ns["b"] == 2 ** 9000)
exec("c = 0x_dead_beef_" + "0" * 30, ns)
print(ns["c"] == 0xDEADBEEF * 16 ** 30)

sys.set_int_max_str_digits(0)
exec("d = " + "12345" * 2000, ns)
print(ns["d"] % 1000003, len(str(ns["d"])))
