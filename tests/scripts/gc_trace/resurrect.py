# gcstress: timing-dependent
# A weakref callback runs before any finalizer; __del__ stores self in a global, so the
# whole cycle is resurrected (nothing is freed); it dies later by refcounting.
import gc, weakref

class Node:
    def __init__(self, name):
        self.name = name

class Phoenix(Node):
    def __del__(self):
        global saved
        print("__del__", self.name)
        saved = self

def callback(wr):
    print("callback: referent gone", wr() is None)

gc.disable()
gc.collect()
saved = None
gc.set_debug(gc.DEBUG_TRACE)
a = Phoenix("a")
b = Node("b")
a.other = b
b.other = a
w = weakref.ref(b, callback)
del a, b
print("collected:", gc.collect(0))
print("saved:", saved.name, saved.other.name, w())
gc.set_debug(0)
saved.other = None
saved = None
