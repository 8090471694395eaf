# WeakValueDictionary: the mapping interface, and entries vanishing when values die.
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Obj(%s)" % self.name


a, b, c = Obj("a"), Obj("b"), Obj("c")
d = weakref.WeakValueDictionary({"a": a}, b=b)
d["c"] = c
print(len(d), sorted(d), sorted(d.values(), key=repr))
print(d["a"], d.get("b"), d.get("zz"), d.get("zz", 0), "a" in d, "zz" in d, 5 in d)
print(sorted(d.items()) == sorted([("a", a), ("b", b), ("c", c)]))
print(type(d.keys()).__name__, type(iter(d)).__name__)
del b
print(len(d), sorted(d), "b" in d, d.get("b", "gone"))
try:
    d["b"]
except KeyError as e:
    print("KeyError", e)
print(d.pop("c"), len(d))
print(d.pop("c", "default"))
try:
    d.pop("c")
except KeyError as e:
    print("KeyError", e)
print(d.setdefault("a", None), d.setdefault("n", c), d["n"])
del d["n"]
try:
    del d["n"]
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), len(d))
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)
d.update([("x", a), ("y", c)])
d.update({"z": a}, w=c)
print(sorted(d), len(d.valuerefs()), sorted(r.key for r in d.itervaluerefs()))
print(all(isinstance(r, weakref.KeyedRef) for r in d.valuerefs()))
e = d.copy()
print(type(e).__name__, sorted(e), e == d, e == dict(d.items()), d == 5, d != e)
d.clear()
print(len(d), list(d), len(e))
try:
    d["bad"] = 1
except TypeError as err:
    print("TypeError", err)
try:
    d["bad"] = [1]
except TypeError as err:
    print("TypeError", err)
print(repr(d).startswith("<WeakValueDictionary at 0x"), len(d))
try:
    hash(d)
except TypeError as err:
    print("TypeError", err)
