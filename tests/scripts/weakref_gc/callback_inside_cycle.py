# Which callbacks the collector calls (gc-reference §3.3, §4.9, §8 items 1-2, §10 item 7):
# a weakref that is itself part of the garbage is cleared silently, its callback never
# runs; a weakref reachable from outside has its callback called, before any __del__.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): 3.11 says 3 for the first
# collection (a, b and the inner weakref), 3.10 says 5 (+ the two instance dicts); for
# the second one 3.11 says 2 (holder and its weakref), 3.10 says 3.
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "| inner ref:", self.inner() if hasattr(self, "inner") else "-")
def inner_cb(r):
    print("inner callback (must never run)")
def outer_cb(r):
    print("outer callback, referent:", r())
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
a.inner = weakref.ref(b, inner_cb)  # lives inside the cycle
outer = weakref.ref(a, outer_cb)     # reachable: a global
del a, b
print("collect:", gc.collect())
print("outer:", outer())
# A garbage weakref whose referent survives: the collector clears it before finalizers
# (so holder's __del__ already sees None although survivor is alive), frees it, and its
# callback never runs.
survivor = Node("survivor")
holder = Node("holder")
holder.me = holder
holder.inner = weakref.ref(survivor, inner_cb)
del holder
print("collect:", gc.collect())
print("survivor weakrefs:", weakref.getweakrefcount(survivor))
del survivor
print("end")
gc.enable()
