# Resurrection on the refcount path (gc-reference §3.2, §10 item 3): __del__ stores self in a
# global, so the object survives with its weakrefs intact (no callback yet). When the last
# reference goes later, the callbacks fire and __del__ does not run a second time.
import gc
import weakref
saved = None
refs = {}
class Phoenix:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        global saved
        print("__del__", self.name, "weakref alive inside:", refs[self.name]() is self)
        saved = self
def on_death(r):
    print("callback: referent is", r())
p = Phoenix("p")
refs["p"] = weakref.ref(p, on_death)
plain = weakref.ref(p)
del p
print("after del: resurrected", saved is not None, saved.name)
print("weakrefs still alive:", refs["p"]() is saved, plain() is saved)
print("is_finalized:", gc.is_finalized(saved))
print("getweakrefcount:", weakref.getweakrefcount(saved))
saved = None
print("after dropping it: weakrefs", refs["p"](), plain())
print("getweakrefcount of None:", weakref.getweakrefcount(None))
# Resurrected, then held elsewhere and dropped again: callback once, no second __del__.
q = Phoenix("q")
refs["q"] = weakref.ref(q, on_death)
del q
again = saved
saved = None
print("held again:", again.name, refs["q"]() is again, gc.is_finalized(again))
del again
print("end", refs["q"](), saved)
