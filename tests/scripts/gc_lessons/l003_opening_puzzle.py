# Lesson 003, opening puzzle: a cycle of two plain instances.
# CPython 3.11 prints 2 (instance attributes live inline); Ouroboros keeps them in a real,
# tracked __dict__ as CPython 3.10 did, so the golden is the lesson's and 3.10's answer: 4.
import gc
class Node:
    def __init__(self, val):
        self.val = val
        self.next = None
a = Node(1)
b = Node(2)
a.next = b
b.next = a # cycle
del a, b
print(gc.collect()) # ?
print(gc.collect())
