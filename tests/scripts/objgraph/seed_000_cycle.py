# gcstress: timing-dependent
# Seed lesson 000 (objgraph and circular-reference leaks), its first snippet with the
# indentation restored. The lesson's "Output" (gc.collect() -> 0, After gc: 2) predates
# PEP 442; CPython 3.10 and ouro collect the cycle: 2 Nodes + their 2 __dict__s = 4
# (CPython 3.11 says 2: its instances keep attributes inline).
import gc, objgraph
gc.collect()  # not in the lesson: start from a clean heap so the count below is the cycle's


class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __repr__(self):
        return f"Node({self.name})"


# create a hidden cycle
n1 = Node('a')
n2 = Node('b')
n1.partner = n2
n2.partner = n1
# drop external refs
n1 = None
n2 = None
print('Before gc:', len(objgraph.by_type('Node')))
# Force a collection
collected = gc.collect()
print('gc.collect() ->', collected)
print('After gc:', len(objgraph.by_type('Node')))
