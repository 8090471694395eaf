# tree_parent_links.py - parent <-> child links make every tree a pile of cycles. Three
# ways out: let the collector do it, break the links by hand, or make the back link weak.
#
# Run:  ouro examples/tree_parent_links.py
#
# Instance attributes live in a real __dict__ here (as in CPython 3.10), so gc.collect()
# counts every node twice plus its children list; golden recorded with CPython 3.10.
import gc
import weakref


def section(title):
    print()
    print("==", title, "==")


def build(cls, depth, fanout):
    root = cls("root")
    level = [root]
    for d in range(depth):
        nxt = []
        for parent in level:
            for i in range(fanout):
                nxt.append(parent.add(cls(f"{parent.name}.{i}")))
        level = nxt
    return root


gc.collect()

section("1. strong parent links: the tree only dies in a collection")


class Node:
    def __init__(self, name):
        self.name = name
        self.parent = None
        self.children = []

    def add(self, child):
        child.parent = self  # child -> parent and parent -> child: a cycle per edge
        self.children.append(child)
        return child


root = build(Node, 2, 3)
probe = weakref.ref(root.children[0].children[0])
print("a tree of 1 + 3 + 9 = 13 nodes")
del root
print("after del root, a leaf is alive:", probe() is not None)
print("gc.collect() ->", gc.collect(), "(13 nodes x (instance + __dict__ + children list))")
print("now the leaf is alive:", probe() is not None)

section("2. breaking the links by hand")


def destroy(node):
    for child in node.children:
        destroy(child)
        child.parent = None
    node.children.clear()


root = build(Node, 2, 3)
probe = weakref.ref(root.children[0].children[0])
destroy(root)
del root
print("after destroy() and del root, a leaf is alive:", probe() is not None)
print("gc.collect() ->", gc.collect(), "(reference counting freed it all)")

section("3. a weak parent link: no cycles at all")


class WeakNode:
    def __init__(self, name):
        self.name = name
        self._parent = None
        self.children = []

    @property
    def parent(self):
        return self._parent() if self._parent is not None else None

    def add(self, child):
        child._parent = weakref.ref(self)
        self.children.append(child)
        return child


root = build(WeakNode, 2, 3)
leaf = root.children[1].children[2]
print("leaf.name ->", leaf.name, "/ leaf.parent.name ->", leaf.parent.name,
      "/ grandparent ->", leaf.parent.parent.name)
probe = weakref.ref(leaf)
del leaf
del root
print("after del root, a leaf is alive:", probe() is not None, "<- freed by refcounting")
print("gc.collect() ->", gc.collect())

section("4. a weak link dies with its target")
root = WeakNode("root")
child = root.add(WeakNode("child"))
print("child.parent.name ->", child.parent.name)
del root
print("after del root, child.parent ->", child.parent)

section("What to remember")
print("- a back link (child -> parent) turns every edge of a tree into a cycle")
print("- such trees wait for the cycle collector unless you break the links yourself")
print("- a weakref.ref for the back link keeps the tree acyclic: refcounting frees it")
