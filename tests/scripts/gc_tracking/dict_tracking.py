# Dicts start untracked and become tracked when a key or value that may be tracked is stored,
# on every insertion path (CPython's MAINTAIN_TRACKING); a full collection untracks dicts left
# holding only atoms. Instance dicts follow the same rule (as CPython 3.10; 3.11 agrees here).
import gc


def t(label, d):
    print(f"{label:28} {gc.is_tracked(d)}")


d = {}
t("empty", d)
d["a"] = 1
t("after d['a'] = 1", d)
d["b"] = []
t("after d['b'] = []", d)

t("literal of atoms", {"x": 1, "y": "s", 3: None})
t("literal with list", {"x": 1, "y": [2]})
t("tracked dict as value", {1: d})
t("atom key, tuple of list", {1: ([],)})
t("empty dict value", {1: {}})
t("untracked dict value", {1: {2: 3}})

t("dict(a=1)", dict(a=1))
t("dict(a=[])", dict(a=[]))
t("dict([(1, 2)])", dict([(1, 2)]))
t("dict([(1, [])])", dict([(1, [])]))
t("comprehension atoms", {i: i for i in range(3)})
t("comprehension lists", {i: [i] for i in range(3)})
t("fromkeys atoms", dict.fromkeys("abc", 0))
t("fromkeys list", dict.fromkeys("abc", []))

a = {1: 2}
t("copy of untracked", a.copy())
b = {1: []}
t("copy of tracked", b.copy())
c = {}
c.update({1: 2})
t("update atoms", c)
c.update({2: []})
t("update list", c)
e = {}
e.update(k=set())
t("update kw set", e)
t("| atoms", {1: 2} | {3: 4})
t("| list", {1: 2} | {3: [4]})
f = {1: 2}
f |= {5: lambda: 0}
t("|= function", f)
g = {}
g.setdefault("k", 1)
t("setdefault atom", g)
g.setdefault("l", [])
t("setdefault list", g)
h = {"k": 1}
h["k"] = object()
t("replace by object()", h)
h["k"] = ValueError()
t("replace by exception", h)


def kw(**kwargs):
    return kwargs


t("**kwargs atoms", kw(a=1, b="x"))
t("**kwargs list", kw(a=[]))

print("-- instance dicts")


class A:
    pass


x = A()
t("instance dict, empty", x.__dict__)
x.n = 1
x.s = "s"
t("instance dict, atoms", x.__dict__)
x.l = []
t("instance dict, list", x.__dict__)
y = A()
y.other = x
t("instance dict, instance", y.__dict__)
print(gc.is_tracked(x), gc.is_tracked(A))

print("-- untracking by collections")
gc.disable()   # only the explicit collections below may untrack
u = {"k": []}
u["k"] = 1
t("list replaced by atom", u)
gc.collect(0)
t("after collect(0)", u)
gc.collect(1)
t("after collect(1)", u)
gc.collect()
t("after collect()", u)
u["again"] = [1]
t("list stored again", u)
z = A()
z.l = []
z.l = 0
gc.collect()
t("instance dict after collect", z.__dict__)


class DD(dict):
    pass


dd = DD()
dd[1] = 2
gc.collect()
t("dict subclass stays", dd)
gc.enable()
