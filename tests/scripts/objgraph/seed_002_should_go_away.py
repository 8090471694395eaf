# Seed lesson 002 (debugging leaks in a long-running daemon): its tree of Nodes with parent
# links and a "should go away" check done with a weak reference, find_backref_chain and
# show_backrefs instead of a timer thread per object.
import gc, weakref, objgraph
from helper_dot import show


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


watched = []


def should_go_away(obj, name):
    watched.append((weakref.ref(obj), name))


def check():
    for ref, name in watched:
        obj = ref()
        if obj is None:
            print(name, 'went away')
            continue
        print(name, 'is still alive')
        chain = objgraph.find_backref_chain(obj, objgraph.is_proper_module)
        print('  held by:', ' -> '.join(type(o).__name__ for o in chain))
        show(objgraph.show_backrefs, [obj], max_depth=2, extra_ignore=[id(chain)],
             filter=lambda o: not isinstance(o, Node))
    watched.clear()


cache = []


def compute(leak):
    data_structure = make_tree()
    if leak:
        cache.append(data_structure.children[0])
    should_go_away(data_structure, "data_structure")


compute(False)
gc.collect()
check()
compute(True)
gc.collect()
check()
print(objgraph.count('Node'))
cache.clear()
gc.collect()
print(objgraph.count('Node'))
