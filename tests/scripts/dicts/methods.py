d = {"a": 1, "b": 2, "c": 3}
print(d.pop("b"), d)
print(d.pop("zz", "default"))
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d["n"].append(1)
print(d)
print(d.popitem(), d)
c = d.copy()
c["a"] = -1
print(d, c)
d.clear()
print(d, len(d))
