# The order of events when an object dies (gc-reference §4.9):
#   refcount: __del__ (weakrefs alive) -> weakrefs cleared, callbacks newest first ->
#             the instance dict is cleared (its values die);
#   collector: all weakrefs to the garbage cleared, the callbacks of reachable weakrefs run
#             (newest first per object) -> every __del__ in the garbage, once, in the
#             collector's list order (here allocation order: a, a's child, b, b's child),
#             weakrefs already dead -> tp_clear.
import gc
import weakref
gc.disable()
class Child:
    def __init__(self, owner):
        self.owner = owner
    def __del__(self):
        print("  child of", self.owner, "freed")
class Node:
    def __init__(self, name):
        self.name = name
        self.child = Child(name)
    def __del__(self):
        print("  __del__", self.name, "| weakrefs alive:", [r() is self for r in refs[self.name]])
refs = {}
print("refcount:")
x = Node("x")
refs["x"] = [weakref.ref(x, lambda r: print("  callback 1 on x")),
             weakref.ref(x, lambda r: print("  callback 2 on x"))]
del x
print("collector:")
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
for name, node in (("a", a), ("b", b)):
    refs[name] = [weakref.ref(node, lambda r, name=name: print("  callback 1 on", name)),
                  weakref.ref(node, lambda r, name=name: print("  callback 2 on", name))]
del a, b, node
gc.collect()
print("end")
gc.enable()
