# Lesson 003, Part 1: refcounts inside a cycle, and only the collector frees it.
# The final count is 4 in CPython 3.10 and Ouroboros (two instances + two __dict__s); 3.11 says 2.
import sys, gc
gc.disable() # prevent GC from interfering with this demonstration
class Node:
    def __init__(self, val):
        self.val = val
        self.next = None
    def __del__(self):
        print("freed Node", self.val)
a = Node(1)
b = Node(2)
a.next = b
b.next = a
# External references: 'a' and 'b' names
print(sys.getrefcount(a) - 1) # 2: name 'a' + b.next
print(sys.getrefcount(b) - 1) # 2: name 'b' + a.next
print(sys.getrefcount(a.__dict__) - 1) # 1: only a owns its dict
del a, b
# Both nodes are UNREACHABLE but UNFREE-able by reference counting
print("after del")
print(gc.isenabled())
print(gc.collect()) # 4 - collected Node(1), Node(2), and their __dicts__
gc.enable()
print(gc.isenabled())
print(gc.collect())
