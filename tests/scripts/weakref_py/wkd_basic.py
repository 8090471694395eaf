# WeakKeyDictionary: the mapping interface keyed by weak references to the keys.
import weakref


class K:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "K(%s)" % self.name


a, b, c = K("a"), K("b"), K("c")
d = weakref.WeakKeyDictionary({a: 1})
d[b] = 2
d.update([(c, 3)])
d.update(x=4) if False else None
print(len(d), sorted(d.values()), d[a], d.get(b), d.get(K("z")), d.get(K("z"), 0))
print(a in d, K("z") in d, 1 in d, [1] in d)
print(sorted(d.items(), key=str), sorted(d.keys(), key=str))
print(len(d.keyrefs()), all(isinstance(r, weakref.ref) for r in d.keyrefs()))
del b
print(len(d), sorted(d.values()))
print(d.pop(c), len(d), d.pop(c, "missing"))
try:
    d.pop(c)
except KeyError as e:
    print("KeyError", e)
print(d.setdefault(a, 9), d.setdefault(c, 7), d[c])
del d[c]
try:
    del d[c]
except KeyError as e:
    print("KeyError", e)
print(d.popitem(), len(d))
try:
    d.popitem()
except KeyError as e:
    print("KeyError", e)
try:
    d[1] = 2
except TypeError as e:
    print("TypeError", e)
try:
    d[1]
except TypeError as e:
    print("TypeError", e)
try:
    d.get("s")
except TypeError as e:
    print("TypeError", e)
d[a] = "A"
e = d.copy()
print(type(e).__name__, e[a], e == d, d == {a: "A"}, d != e, d == 1)
u = d | {c: "C"}
print(type(u).__name__, sorted(u.values()))
r = {c: "C"} | d
print(type(r).__name__, sorted(r.values()))
d |= {c: "C2"}
print(sorted(d.values()))
d.clear()
print(len(d), list(d), repr(d).startswith("<WeakKeyDictionary at 0x"))
del c
print(len(e), len(u), len(r))
try:
    hash(d)
except TypeError as err:
    print("TypeError", err)
