# A 1,000,000-long ring (a cycle through every object) becomes garbage: gc.collect() finds
# all of it. Lists count the same everywhere; instances count 1 each in CPython 3.11 and
# 2 (with their __dict__) in 3.10 and Ouroboros, so that factor is measured first.
import gc

# Automatic collection stays off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000
gc.collect()
gc.disable()

first = [None]
last = first
for _ in range(N - 1):
    last = [last]
first[0] = last
del first, last
print(gc.collect())


class Node:
    pass


a = Node()
b = Node()
a.next = b
b.next = a
del a, b
per_node = gc.collect() // 2

head = Node()
node = head
for _ in range(N - 1):
    new = Node()
    new.next = node
    node = new
head.next = node
del head, node, new
print(gc.collect() == N * per_node)
gc.enable()
