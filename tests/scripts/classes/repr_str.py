class Both:
    def __repr__(self):
        return "Both(repr)"
    def __str__(self):
        return "Both(str)"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
b = Both()
r = OnlyRepr()
print(b, r)
print(repr(b), str(r))
print([b, r])
print(f"{b} {b!r} {r}")
print("%s %r" % (b, b))
