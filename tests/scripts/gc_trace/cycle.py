# gcstress: timing-dependent
# DEBUG_TRACE narrates a collection of a two-instance cycle: 4 objects (2 instances and
# their __dict__s) are unreachable; clearing the first frees all four.
import gc

class Node:
    def __init__(self, name):
        self.name = name

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_TRACE)
print(gc.get_debug() == gc.DEBUG_TRACE, gc.DEBUG_TRACE)
a = Node("a")
b = Node("b")
a.other = b
b.other = a
keep = Node("keep")
del a, b
print("collected:", gc.collect(0))
print("nothing left:", gc.collect(0))
gc.set_debug(0)
print("quiet:", gc.collect(0))
