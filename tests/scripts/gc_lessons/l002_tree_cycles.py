# Lesson 002: a tree whose children point back to their parent is a set of reference cycles;
# reference counting cannot free it, the collector does. Count: 3 Nodes + 3 __dict__s +
# 3 children lists = 9 in CPython 3.10 and Ouroboros; CPython 3.11 (no separate dicts) says 6.
import gc
class Node:
    def __init__(self, parent=None):
        self.children = []
        self.parent = parent
        if parent: self.parent.children.append(self)
def make_tree():
    root = Node()
    kid1 = Node(root)
    kid2 = Node(root)
    return root
def count_nodes():
    return sum(1 for o in gc.get_objects() if type(o) is Node)
gc.collect()
gc.disable()
root = make_tree()
print(len(root.children), root.children[0].parent is root, root.children[1].parent is root)
print(count_nodes())
del root
print(count_nodes()) # the cycles keep all three alive
print(gc.collect())
print(count_nodes())
gc.enable()
