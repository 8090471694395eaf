# Callbacks that drop weakrefs (their own or others'), and chains of deaths.
from _weakref import ref

class A:
    pass

u = A()
holder = {}
holder["a"] = ref(u, lambda w: holder.clear())
holder["b"] = ref(u, lambda w: print("b callback, holder has", sorted(holder)))
del u
print("holder", holder)

y = A()
wy = ref(y, lambda w: print("never printed"))
del wy
del y
print("no callback for a weakref that died first")

class Node:
    pass
head = Node()
n = head
refs = []
for i in range(5):
    n.next = Node()
    refs.append(ref(n, lambda w, i=i: print("node", i, "died")))
    n = n.next
del n
del head
print("chain done")

v = A()
def revive(w):
    global again
    again = ref(A())
    print("callback made a new weakref:", again())
rv = ref(v, revive)
del v
