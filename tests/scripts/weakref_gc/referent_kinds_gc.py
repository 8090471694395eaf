# Weakrefs to objects of several kinds dying in the collector, and which weakrefs count as
# reachable (gc-reference §3.3, §4.1, §4.7): a weakref whose only holder is its own callback
# is garbage itself (never called); a callback may drop another reachable weakref (it still
# runs); generators (the weakref is cleared before the generator is closed), classes,
# functions and callable proxies; WeakMethod; a WeakKeyDictionary value that holds its key
# keeps it alive; a ref subclass with attributes.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): 5, 3, 2 and 4, where CPython
# 3.11 says 4, 2, 1 and 3 (one instance dict fewer each).
import gc
import weakref
gc.disable()
class O:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("__del__", self.n)
o = O("a")
o.me = o
def make():
    def cb(r):
        print("self-cycle callback ran (must not)")
    w = weakref.ref(o, cb)
    cb.w = w
make()
del o
print("weakref held only by its callback:", gc.collect())
o = O("b")
o.me = o
holder = {}
holder["w2"] = weakref.ref(o, lambda r: print("w2 callback"))
w1 = weakref.ref(o, lambda r: (print("w1 callback clears holder"), holder.clear()))
del o
print("callback drops another weakref:", gc.collect())
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
g = gen()
next(g)
wg = weakref.ref(g, lambda r: print("generator weakref callback"))
lst = [g]
lst.append(lst)
del g, lst
print("generator in a cycle:", gc.collect())
def make_class():
    class K:
        pass
    return K
K = make_class()
wk = weakref.ref(K, lambda r: print("class callback"))
del K
print("class:", gc.collect() > 0, wk())
def outer():
    def f():
        return f
    return f
f = outer()
wf = weakref.ref(f, lambda r: print("function callback"))
pf = weakref.proxy(f)
print("callable proxy:", pf() is f, type(pf).__name__)
del f
print("function in a cycle:", gc.collect() > 0)
try:
    pf()
except ReferenceError as e:
    print("proxy:", e)
class M:
    def m(self):
        return 1
x = M()
x.me = x
wm = weakref.WeakMethod(x.m, lambda r: print("WeakMethod callback", r()))
del x
print("WeakMethod:", gc.collect(), wm())
wkd = weakref.WeakKeyDictionary()
k = O("key")
wkd[k] = [k]
del k
print("WeakKeyDictionary value holding its key:", gc.collect(), len(wkd))
class MyRef(weakref.ref):
    pass
o = O("c")
o.me = o
mr = MyRef(o, lambda r: print("MyRef callback, tag:", r.tag))
mr.tag = "T"
o.inner = MyRef(o, lambda r: print("inner MyRef callback (must not)"))
del o
print("ref subclass:", gc.collect())
wkd.clear()
print("end")
gc.enable()
