# Which objects can be weakly referenced (gc-reference.md §4.1).
from _weakref import ref, proxy
import sys

def check(label, obj):
    try:
        ref(obj)
        print(label, "ok")
    except TypeError as e:
        print(label, e)

class C: pass
class T(tuple): pass
class I(int): pass
class L(list): pass
class D(dict): pass
class F(float): pass
class S(set): pass
class FS(frozenset): pass
class E(Exception): pass
class R(ref): pass
class NoWeak:
    __slots__ = ("a",)
class Weak:
    __slots__ = ("a", "__weakref__")
def gen():
    yield 1
f = open(__file__)
for label, obj in [("instance", C()), ("class", C), ("type", type), ("int type", int),
                   ("NoneType", type(None)), ("function", check), ("lambda", lambda: 0),
                   ("bound method", C().__init__), ("method of class", check.__call__),
                   ("builtin", len), ("builtin method", [].append), ("set", set()),
                   ("frozenset", frozenset()), ("module", sys), ("generator", gen()),
                   ("code", check.__code__), ("file", f), ("list", []), ("dict", {}),
                   ("tuple", ()), ("int", 1), ("bool", True), ("float", 1.5), ("str", "s"),
                   ("None", None), ("object", object()), ("range", range(2)),
                   ("list_iterator", iter([])), ("property", property()),
                   ("staticmethod", staticmethod(len)), ("slice", slice(1)),
                   ("method_descriptor", list.append), ("wrapper", int.__add__),
                   ("exception", Exception()), ("T(tuple)", T()), ("I(int)", I(1)),
                   ("L(list)", L()), ("D(dict)", D()), ("F(float)", F(1.0)), ("S(set)", S()),
                   ("FS(frozenset)", FS()), ("E(Exception)", E()), ("R(ref)", R(C)),
                   ("slots", NoWeak()), ("slots+__weakref__", Weak()), ("ref", ref(C)),
                   ("proxy", proxy(C)), ("zip", zip())]:
    check(label, obj)
f.close()
try:
    class Bad(L):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print(e)
try:
    class Bad2(I):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print(e)
