s = "text"
print(f"{s!r}")
print(f"{s!s}")
print(f"{s!r:20}|")
print(f"{s!r:>10}|")
print(f"{'a' + 'b'!r}")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
print(f"{p} {p!r} {p!s}")
print(f"{[s]} {(s,)!s}")
print(f"{3.0!r} {None!r} {True!s}")
