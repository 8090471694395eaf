# refcount_ownership.py - freeing an owner frees what only it owns.
# A chain of objects is released from the outside in, as soon as the head goes.
import sys


class Node:
    def __init__(self, name, next=None):
        self.name = name
        self.next = next

    def __del__(self):
        print("free", self.name)


def build(n):
    head = None
    for i in reversed(range(n)):
        head = Node(f"node{i}", head)
    return head


chain = build(4)
second = chain.next
print("refcount of node1 (chain.next and 'second'):", sys.getrefcount(second) - 1)
print("drop the head: node0 goes, node1 survives because 'second' still refers to it")
del chain
print("drop 'second': the rest of the chain goes, in order")
del second

print("a shared child outlives one of its parents")
shared = Node("shared")
left = Node("left", shared)
right = Node("right", shared)
del shared
del left
print("shared is still reachable through right:", right.next.name)
del right
print("end")
