d = {"a": 1, "b": 2, "c": 3}
k = d.keys()
v = d.values()
it = d.items()
print(k, v, it)
print(len(k), "a" in k, 2 in v, ("c", 3) in it)
d["d"] = 4
print(list(k), list(v))
del d["a"]
print(sorted(k), list(it))
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(k & {"b", "z"} == {"b"}, sorted(k | {"q"}), sorted(k - {"b"}))
