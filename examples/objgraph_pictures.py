# objgraph_pictures.py - looking at the heap with objgraph: count objects by type, watch
# which types grow, find the chain of references that keeps an object alive, and draw it
# as a GraphViz picture (show_refs / show_backrefs / show_chain).
#
# Run:  ouro examples/objgraph_pictures.py
#       then look at the pictures:  dot -Tpng objgraph_backrefs.dot -o backrefs.png
#       (or pass filename='....png' to show_backrefs: objgraph runs dot itself when it is
#       installed). This script deletes its .dot files at the end; remove those lines to
#       keep them.
#
# Graph node names in a .dot file are object ids, different on every run: this script
# prints each graph as a list of labelled edges instead. ouro's objgraph is API-compatible
# with the objgraph package; this golden was checked by hand.
import gc
import os
import objgraph


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def __repr__(self):
        return f"Node({self.name})"


def section(title):
    print()
    print("==", title, "==")


def print_graph(filename):
    # Read the .dot file objgraph wrote and print its edges as "label -[edge]-> label".
    labels = {}
    edges = []
    with open(filename) as f:
        for line in f:
            line = line.strip()
            if " -> " in line:
                src, rest = line.split(" -> ", 1)
                dst, attrs = rest.split(" ", 1)
                edge = attrs.split('label="', 1)[1].split('"', 1)[0]
                edges.append((src, edge, dst))
            elif '[label="' in line:
                node, label = line.split('[label="', 1)
                labels[node] = label.rsplit('"', 1)[0].replace("\\n", " ")
    lines = sorted(f"   {labels.get(s, '?')}  -[{e}]->  {labels.get(d, '?')}" for s, e, d in edges)
    for line in lines:  # sorted: the order objgraph finds them in may vary
        print(line)
    os.remove(filename)


def only_ours(obj):
    # Keep the pictures small: no classes, functions or modules.
    return type(obj).__name__ in ("Node", "dict", "list")


gc.collect()
objgraph.show_growth(filter=lambda o: isinstance(o, Node))  # remember the starting counts

section("1. counting objects by type")
root = Node("root")
for i in range(3):
    kid = Node(f"kid{i}", root)
    for j in range(2):
        Node(f"kid{i}.{j}", kid)
del kid
print("objgraph.count('Node') ->", objgraph.count("Node"))
print("objgraph.by_type('Node')[:3] ->", sorted(objgraph.by_type("Node"), key=repr)[:3])
print("show_most_common_types over the tree's own objects:")
ours = [root] + root.children + [root.__dict__, root.children]
objgraph.show_most_common_types(limit=3, objects=ours)

section("2. show_growth: which types grew since the last call")
print("first call was at the start (counts remembered); now:")
objgraph.show_growth(filter=lambda o: isinstance(o, Node))
leaked = [Node(f"extra{i}") for i in range(5)]
print("after making 5 more nodes:")
objgraph.show_growth(filter=lambda o: isinstance(o, Node))
print("no change since the last call prints nothing:")
objgraph.show_growth(filter=lambda o: isinstance(o, Node))

def explore(leaf):
    # Inside a function, our local variables are not referrers objgraph can see (a running
    # frame is not a tracked container), so they do not clutter the pictures.
    section("3. show_backrefs: who refers to the leaf (a picture)")
    objgraph.show_backrefs([leaf], max_depth=4, filter=only_ours,
                           filename="objgraph_backrefs.dot")
    print_graph("objgraph_backrefs.dot")

    section("4. find_backref_chain: how is this leaf reachable from a module?")
    chain = objgraph.find_backref_chain(leaf, objgraph.is_proper_module)
    print("chain of", len(chain), "objects, from the module down to the leaf:")
    for obj in chain:
        name = type(obj).__name__
        print("  ", name if name in ("module", "dict", "list") else repr(obj))

    section("5. show_refs: what the root refers to")
    objgraph.show_refs([root], max_depth=3, filter=only_ours, filename="objgraph_refs.dot")
    print_graph("objgraph_refs.dot")

    section("6. show_chain: just the path found in section 4")
    objgraph.show_chain(chain, filename="objgraph_chain.dot")
    print_graph("objgraph_chain.dot")


del leaked, ours
explore(root.children[2].children[1])

section("What to remember")
print("- count / by_type / show_most_common_types: what is on the heap")
print("- show_growth between two points of a program: what is piling up")
print("- find_backref_chain + show_chain: the path that keeps an object alive")
print("- render a .dot file with: dot -Tpng FILE.dot -o FILE.png")
