d = {}
d[1] = "int"
d["1"] = "str"
d[(1, 2)] = "tuple"
d[None] = "none"
d[2.5] = "float"
d[frozenset([1])] = "frozenset"
print(d[1], d["1"], d[(1, 2)], d[None], d[2.5], d[frozenset({1})])
print(len(d))
try:
    d[[1]] = "list"
except TypeError as e:
    print("TypeError:", e)
try:
    d[{}] = 1
except TypeError as e:
    print("TypeError:", e)
