# gc.freeze and weakrefs (gc-reference §2.2, §8 item 10, §10 item 13): a frozen cycle is
# never collected, so weakrefs to it stay alive and no callback runs; after gc.unfreeze()
# the next collection clears them and calls back (before __del__). Death by refcount is
# not affected by freezing.
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): 4 for the 2-cycle (3.11: 2).
import gc
import weakref
gc.disable()
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "| own weakref is self:", refs[self.name]() is self)
def cb(r):
    print("callback, referent:", r())
refs = {}
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
refs["a"] = weakref.ref(a, cb)
refs["b"] = weakref.ref(b)
solo = Node("solo")
refs["solo"] = weakref.ref(solo, cb)
gc.freeze()
print("frozen:", gc.get_freeze_count() > 0)
del a, b
print("collect while frozen:", gc.collect())
print("weakrefs alive:", refs["a"]() is not None, refs["b"]() is not None)
print("a's peer:", refs["a"]().peer.name)
del solo  # frozen, but refcounting still frees it
print("solo:", refs["solo"]())
gc.unfreeze()
print("freeze count:", gc.get_freeze_count())
print("collect after unfreeze:", gc.collect())
print("weakrefs:", refs["a"](), refs["b"]())
gc.enable()
