# gcstress: timing-dependent
# gc.dump_heap writes a .dot picture; roots= keeps what the given objects reach. The two
# Nodes and their __dict__s form a cycle (a red cluster); the list holds itself.
import gc

class Node:
    def __init__(self, name):
        self.name = name

a = Node("a")
b = Node("b")
a.other = b
b.other = a
a.items = [b, 7]
a.items.append(a.items)
print(gc.dump_heap("/tmp/ouro_test_gc_trace_dump_heap.dot", roots=[a]))
with open("/tmp/ouro_test_gc_trace_dump_heap.dot") as f:
    for line in f:
        print(line, end="")
print(gc.dump_heap("/tmp/ouro_test_gc_trace_dump_heap.dot") >= 6)
try:
    gc.dump_heap(1)
except TypeError as e:
    print(e)
try:
    gc.dump_heap("x.dot", generation=4)
except ValueError as e:
    print(e)
