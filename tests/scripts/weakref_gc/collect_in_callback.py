# gc.collect() called while a collection is running returns 0 and collects nothing
# (gc-reference §8 item 9, §10 item 8): from a weakref callback the collector calls, from a
# __del__ it calls, and from a weakref.finalize it triggers. Outside a collection (callback
# on the refcount path) gc.collect() is a real collection.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts). Outer collection: the
# self-cycle, its dict, and the finalize object's internal weakref, freed when its own
# callback (the finalize) drops it from the registry: 3 (3.11: 2, no dict). The nested
# collection on the refcount path finds the 2-cycle left over and its dicts: 4 (3.11: 2).
import gc
import weakref
gc.disable()
class Obj:
    def __init__(self, name):
        self.name = name
class WithDel(Obj):
    def __del__(self):
        print("__del__", self.name, "nested collect:", gc.collect())
def cb(r):
    print("callback nested collect:", gc.collect())
o = WithDel("cyc")
o.me = o
wr = weakref.ref(o, cb)
f = weakref.finalize(o, lambda: print("finalize nested collect:", gc.collect()))
del o
print("outer collect:", gc.collect())
# Refcount path: the callback's gc.collect() is a real one and finds the leftover cycle.
x = Obj("x")
y = Obj("y")
x.peer = y
y.peer = x
del x, y
solo = Obj("solo")
wr = weakref.ref(solo, cb)
del solo
print("end")
gc.enable()
