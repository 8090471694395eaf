# differs: ouro raises "SyntaxError: invalid syntax" at `match v:`; CPython 3.11 runs the match statement (compiler: no match support)
def m(v):
    match v:
        case 0:
            return "zero"
        case [x, y]:
            return f"pair {x} {y}"
        case _:
            return "other"
print(m(0), m([1, 2]), m(3))
