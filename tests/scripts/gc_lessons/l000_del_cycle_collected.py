# Lesson 000 says cycles whose objects define __del__ are never collected and that
# gc.DEBUG_UNCOLLECTABLE exposes them. Since PEP 442 (3.4) they are collected, __del__ runs
# once per object, nothing is uncollectable, and DEBUG_UNCOLLECTABLE prints nothing: the .err
# golden holds only the marker line written at the end. The count is 4 in 3.10 and Ouroboros
# (instances + __dict__s); 3.11 says 2.
import gc, sys
gc.disable() # no automatic collection reorders the objects first (finalization order)
class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None
    def __del__(self):
        print("__del__", self.name)
n1 = Node('a')
n2 = Node('b')
n1.partner = n2
n2.partner = n1
n1 = None
n2 = None
# Enable debugging flags to expose uncollectable objects
gc.set_debug(gc.DEBUG_UNCOLLECTABLE)
print(gc.get_debug())
# Run your workload, then force a collection
print(gc.collect())
# Show objects that the collector could not free
if gc.garbage:
    print('Uncollectable objects:', len(gc.garbage))
else:
    print('No uncollectable objects detected')
gc.set_debug(0)
sys.stderr.write("end of stderr\n")
gc.enable()
