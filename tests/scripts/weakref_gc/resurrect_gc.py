# Resurrection on the collector's path (gc-reference §3.3, §10 item 4): weakrefs to garbage
# are cleared (and the callbacks of reachable weakrefs called) before any __del__ runs, so
# an object that __del__ resurrects comes back WITHOUT its weakrefs. Unrelated garbage of
# the same collection is freed; the next collection frees the resurrected cycle without a
# second __del__.
# Counts are CPython 3.10's (instances keep a real __dict__ in Ouroboros): the junk
# self-cycle is 2 objects (3.11: 1), the resurrected 2-cycle 4 objects (3.11: 2).
import gc
import weakref
gc.disable()  # the order and the counts below are those of one explicit collection
saved = None
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        global saved
        print("__del__", self.name, "peer:", self.peer.name, "own weakref:", refs[self.name]())
        if self.name == "b":
            saved = self
class Junk:
    def __del__(self):
        print("__del__ junk")
def watch(obj, label):
    def on_death(r):
        print("callback", label, "referent:", r(), "resurrected yet:", saved is not None)
    return weakref.ref(obj, on_death)
refs = {}
a = Phoenix("a")
b = Phoenix("b")
a.peer = b
b.peer = a
refs["a"] = watch(a, "a")
refs["b"] = watch(b, "b")
j = Junk()
j.me = j
wj = watch(j, "junk")
del a, b, j
print("collect:", gc.collect())
print("resurrected:", saved.name, saved.peer.name, saved.peer.peer is saved)
print("weakrefs after resurrection:", refs["a"](), refs["b"](), wj())
print("getweakrefcount:", weakref.getweakrefcount(saved), weakref.getweakrefcount(saved.peer))
print("is_finalized:", gc.is_finalized(saved), gc.is_finalized(saved.peer))
# New weakrefs to the resurrected objects work and fire when the cycle is collected again.
refs["a2"] = watch(saved.peer, "a again")
refs["b2"] = watch(saved, "b again")
print("new weakrefs alive:", refs["a2"]() is saved.peer, refs["b2"]() is saved)
saved = None
print("dropped; new weakrefs still alive:", refs["a2"]() is not None)
print("collect:", gc.collect())
print("new weakrefs:", refs["a2"](), refs["b2"]())
print(gc.garbage)
gc.enable()
