# gc.freeze / gc.unfreeze / gc.get_freeze_count.
import gc
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()


class Node:
    def __del__(self):
        print("Node.__del__")


gc.collect()
print(gc.get_freeze_count())
cycle = []
cycle.append(cycle)
node = Node()
node.me = node
del cycle, node
gc.freeze()
print(gc.get_count())
frozen = gc.get_freeze_count()
print(frozen > 0)
print(gc.collect())
print(gc.get_freeze_count() == frozen)
x = []
print(gc.is_tracked(x), any(o is x for o in gc.get_objects()))
gc.unfreeze()
print(gc.get_freeze_count())
# Ouroboros counts the instance's __dict__ too (CPython 3.10's model): 3 here, as 3.10
# prints; CPython 3.11 prints 2.
print(gc.collect())
print(gc.collect())
