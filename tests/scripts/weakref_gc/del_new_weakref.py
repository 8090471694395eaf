# A weakref created BY a finalizer to an object that is being collected (gc-reference §8
# item 3, gh-91636): it is not among the weakrefs the collector cleared before finalizers,
# so it stays alive until the object is really freed; then it is cleared and its callback
# runs. After the collection it is dead: Python never sees a cleared object through it.
import gc
import weakref
gc.disable()
late = []
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        r = weakref.ref(self, lambda r: print("late callback", self_name(r)))
        names[id(r)] = self.name
        late.append(r)
        print("__del__", self.name, "new weakref alive:", r() is self)
names = {}
def self_name(r):
    return names[id(r)] + (": dead" if r() is None else ": ALIVE")
a = Node("a")
b = Node("b")
a.peer = b
b.peer = a
del a, b
gc.collect()
print("after collect:", [r() for r in late])
gc.enable()
