# A 1,000,000-long linked list of instances (n.next = Node()) is freed by `del` without
# overflowing the C stack (the trashcan), and a second one is freed at exit.
import gc

# Automatic collection is off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000


class Node:
    def __init__(self):
        self.next = None


def chain(n):
    gc.disable()
    head = Node()
    node = head
    for _ in range(n - 1):
        node.next = Node()
        node = node.next
    gc.enable()
    return head


head = chain(N)
length = 0
node = head
while node is not None:
    length += 1
    node = node.next
print("length", length)
del head
print("freed by del")
kept = chain(N)
print("one more left for exit")
