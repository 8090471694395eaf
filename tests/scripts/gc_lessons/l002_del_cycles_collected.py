# Lesson 002 says: "If an object in a cycle has a finalizer (__del__), the garbage-collection
# algorithm cannot finalize it, and the entire cycle will persist." True before Python 3.4;
# since PEP 442 the tree is collected and each __del__ runs exactly once. The order is that of
# CPython's unreachable list (here: root, kid1, kid2 - allocation order).
# Count: 9 in CPython 3.10 and Ouroboros (Nodes + __dict__s + children lists); 3.11: 6.
import gc
gc.disable() # no automatic collection reorders the objects first (finalization order)
class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.children = []
        self.parent = parent
        if parent: self.parent.children.append(self)
    def __del__(self):
        print("finalizing", self.name, "with", len(self.children), "children")
def make_tree():
    root = Node("root")
    kid1 = Node("kid1", root)
    kid2 = Node("kid2", root)
    return root
root = make_tree()
del root
print("collecting")
print(gc.collect())
print(gc.garbage)
print(gc.collect())
gc.enable()
