# gc.DEBUG_SAVEALL with weakrefs (gc-reference §2, §10 item 11): the garbage goes to
# gc.garbage instead of being freed, but the collector has already cleared the weakrefs
# and called the callbacks (and run __del__), so the weakrefs stay dead although the objects
# live on in gc.garbage. Clearing gc.garbage later frees them without a second __del__;
# only a weakref made in between calls back.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): 3.11 says 3 (a, b and the
# weakref inside the cycle); 3.10 says 5 (+ the two dicts), and gc.garbage holds as many;
# the same for the second collection.
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "| outer ref:", outer())
def cb(r):
    print("callback, referent:", r())
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
a.inner = weakref.ref(b, cb)
outer = weakref.ref(a, cb)
del a, b
gc.set_debug(gc.DEBUG_SAVEALL)
print("collect:", gc.collect())
gc.set_debug(0)
print("garbage:", len(gc.garbage), sorted(type(o).__name__ for o in gc.garbage))
saved = [o for o in gc.garbage if type(o) is Node]
print("saved:", [n.name for n in saved], "| weakrefs:", outer(), saved[0].inner())
print("getweakrefcount:", [weakref.getweakrefcount(n) for n in saved])
# New weakrefs to saved objects work again.
again = weakref.ref(saved[0], cb)
print("new weakref alive:", again() is saved[0])
gc.garbage.clear()
saved = None
print("collect:", gc.collect())
print("new weakref:", again())
print("end", gc.garbage)
gc.enable()
