# gcstress: timing-dependent
# A self-referencing list under DEBUG_SAVEALL | DEBUG_TRACE: saved in gc.garbage, not freed;
# then a weakref that is garbage itself never calls its callback.
import gc, weakref

class Node:
    pass

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_TRACE | gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print("collected:", gc.collect(0))
gc.set_debug(0)
print(len(gc.garbage), gc.garbage[0] is gc.garbage[0][0])
gc.garbage.clear()
gc.collect()
n = Node()
n.self = n
n.wr = weakref.ref(n, print)
del n
gc.set_debug(gc.DEBUG_TRACE)
print("collected:", gc.collect(0))
gc.set_debug(0)
