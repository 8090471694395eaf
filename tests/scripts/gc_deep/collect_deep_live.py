# gc.collect() while 100,000-deep structures are alive: the collector itself does not
# recurse, keeps them, and a cycle hanging off the deep end is still found.
import gc

# Automatic collection is off while 100,000 objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 100_000


class Node:
    def __init__(self):
        self.next = None


gc.disable()
x = []
for _ in range(N):
    x = [x]
head = Node()
node = head
for _ in range(N - 1):
    node.next = Node()
    node = node.next
gc.enable()
gc.collect()
print(gc.collect())
node.next = [1, 2]
node.next.append(node.next)
node.next = None
del node
print(gc.collect())
depth = 0
y = x
while y:
    depth += 1
    y = y[0]
print("depth", depth)
length = 0
node = head
while node is not None:
    length += 1
    node = node.next
print("length", length)
