values = [1, -2.5, "s", 'q"uote', None, True, [1, "a"], (1,), {"k": (1, 2)}, {1}, frozenset([2]), range(3), 10**20]
for v in values:
    print(repr(v), "|", str(v))
print(repr(repr("x")))
