# gcstress: timing-dependent
# Weakref callbacks run when each weakly referenceable kind of object dies by refcount.
import gc
import sys
from _weakref import ref

class C:
    def meth(self): pass

class M(type):
    pass

class L(list): pass
class D(dict): pass
class S(set): pass

def gen():
    yield 1

def make():
    def inner(): pass
    return inner

def code_object():
    return make().__code__

objects = [("instance", lambda: C()), ("class", lambda: type("T", (), {})),
           ("metaclass instance", lambda: M("X", (), {})), ("function", make),
           ("bound method", lambda: C().meth), ("builtin method", lambda: [].append),
           ("set", lambda: {1}), ("frozenset", lambda: frozenset([2])),
           ("generator", gen), ("started generator", lambda: next(g) and g),
           ("module", lambda: type(sys)("tmpmod")), ("file", lambda: open(__file__)),
           ("L(list)", lambda: L()), ("D(dict)", lambda: D()), ("S(set)", lambda: S())]
for label, factory in objects:
    g = gen()
    obj = factory()
    r = ref(obj, lambda w, label=label: print("callback:", label, w()))
    if label == "file":
        obj.close()
    g = None
    obj = None
    print(label, "dropped:", r() is None)
    if r() is not None:
        gc.collect()
        print(label, "collected:", r() is None)
