d = {"a": 1, "b": 2}
d["c"] = 3
print(d, len(d), d["a"])
d["a"] = 10
print(d)
del d["b"]
print(d, "b" in d, "c" in d, "z" not in d)
print(d.get("c"), d.get("z"), d.get("z", 0))
d.update({"x": 7, "a": 0})
print(d)
d.update(y=8)
print(d)
