# A __del__ that breaks its own cycle (gc-reference §1.4, §10 item 19): the weakrefs were
# cleared and the callbacks called before __del__ ran; the objects then die by refcount
# during finalization (b while a's __del__ is still running: a freed object must not be
# touched again, §8 item 7), which is not counted: gc.collect() returns 0, in 3.10 too
# (the dicts die with their instances).
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "breaks the cycle | weakref:", held[self.name]())
        self.peer = None
def cb(r):
    print("callback, referent:", r())
held = {}
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
held["a"] = weakref.ref(a, cb)
held["b"] = weakref.ref(b)
del a, b
print("collect:", gc.collect())
print("weakrefs:", held["a"](), held["b"]())
print("collect again:", gc.collect())
gc.enable()
