# Lesson 000, the first example, with objgraph.by_type replaced by its own definition over
# gc.get_objects() (objgraph is not available). The lesson claims collect() -> 0 and the cycle
# stays alive; CPython collects it. The count is 4 in 3.10 and Ouroboros (two Nodes + two
# __dict__s); 3.11 says 2. Automatic collection is off during the scenario so that no
# collection triggered by by_type()'s allocations (e.g. in a gc stress mode) runs first.
import gc
def by_type(typename):
    return [o for o in gc.get_objects() if type(o).__name__ == typename]
class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None
    def __repr__(self):
        return f"Node({self.name})"
gc.disable()
# create a hidden cycle
n1 = Node('a')
n2 = Node('b')
n1.partner = n2
n2.partner = n1
print(sorted(by_type('Node'), key=repr))
# drop external refs
n1 = None
n2 = None
print('Before gc:', len(by_type('Node')))
# Force a collection
collected = gc.collect()
print('gc.collect() ->', collected)
print('After gc:', len(by_type('Node')))
gc.enable()
