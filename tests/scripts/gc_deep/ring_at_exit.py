# A 1,000,000-long ring of instances still alive at exit is collected there; the ones with
# a __del__ are finalized once each.
import gc

# Automatic collection is off while a million objects are built: under gc stress mode
# (a full collection every 100 allocations) building them would take hours.
N = 1_000_000


class Node:
    pass


class Loud(Node):
    finalized = 0

    def __del__(self):
        Loud.finalized += 1
        if Loud.finalized == 10:
            print("ten finalized")


gc.disable()
head = Node()
node = head
for i in range(N - 1):
    new = Loud() if i % 100_000 == 0 else Node()
    new.next = node
    node = new
head.next = node
del node, new
gc.enable()
print("end")
