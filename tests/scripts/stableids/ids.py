# -X stableids: id() is the allocation number (small, in allocation order, never reused).
from helper_stable import set_base, num


class Node:
    pass


first = object()
set_base(first)
print("first:", num(first))
print("small:", 0 < id(first) < 1000000)
print("hex and id agree:", hex(id(first)) == "%#x" % id(first))
print("repr shows the id:", repr(first) == "<object object at %#x>" % id(first))
print("same object, same id:", id(first) == id(first))

# One object per iteration: consecutive numbers (raw blocks, like the list's items
# array, are not numbered).
objs = [object() for i in range(6)]
print("after first:", num(objs[0]) > 0)
print("differences:", [id(b) - id(a) for a, b in zip(objs, objs[1:])])

# A freed object's number is never handed out again (CPython reuses addresses).
x = object()
old = id(x)
del x
y = object()
z = object()
print("after a free:", id(y) - old, id(z) - id(y))

# A class instance: its __dict__ is a separate object, allocated after it.
n = Node()
n.attr = 1
print("instance then its dict:", id(n.__dict__) - id(n))
print("repr shows the id:", repr(n) == "<__main__.Node object at %#x>" % id(n))
print("ids increase:", id(first) < id(objs[0]) < id(y) < id(n))
