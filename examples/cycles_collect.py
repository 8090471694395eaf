# cycles_collect.py - why reference counting alone cannot free a cycle, and what
# gc.collect() returns when the cycle collector does.
#
# Run:  ouro examples/cycles_collect.py
#
# gc.collect() returns how many unreachable objects it found. In Ouroboros an instance
# keeps its attributes in a real dict object (as CPython 3.10 did), so every instance in a
# cycle brings its __dict__ along: two instances in a cycle count 4. (CPython 3.11 stores
# attributes inline and says 2; this golden was recorded with CPython 3.10.)
import gc
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def section(title):
    print()
    print("==", title, "==")


gc.collect()  # start from a clean heap: nothing unreachable is left over

section("1. reference counting frees what is not in a cycle")
a = Node("a")
probe = weakref.ref(a)
print("refcount of a (the name + getrefcount's argument):", sys.getrefcount(a))
del a
print("after del a, is it alive?", probe() is not None)
print("gc.collect() finds nothing left to do:", gc.collect())

section("2. a cycle of two instances survives del")
a = Node("a")
b = Node("b")
a.other = b
b.other = a
probe_a = weakref.ref(a)
probe_b = weakref.ref(b)
print("refcount of a: the name a, b.other, getrefcount's argument ->", sys.getrefcount(a))
del a, b
print("after del a, b: a alive?", probe_a() is not None, "/ b alive?", probe_b() is not None)
print("nobody can reach them, yet their counts are still 1: each holds the other")
found = gc.collect()
print("gc.collect() ->", found, "(2 instances + their 2 attribute dicts)")
print("after the collection: a alive?", probe_a() is not None, "/ b alive?", probe_b() is not None)

section("3. an object that refers to itself")
n = Node("self")
n.other = n
del n
print("gc.collect() ->", gc.collect(), "(the instance + its __dict__)")

section("4. containers make cycles too")
lst = []
lst.append(lst)
del lst
print("a list that contains itself: gc.collect() ->", gc.collect())
d = {}
d["me"] = d
del d
print("a dict that contains itself: gc.collect() ->", gc.collect())

section("5. a ring of ten nodes")
first = Node(0)
cur = first
for i in range(1, 10):
    cur.other = Node(i)
    cur = cur.other
cur.other = first
del first, cur
print("ten instances in a ring: gc.collect() ->", gc.collect(), "(10 instances + 10 dicts)")

section("6. breaking the cycle by hand")
a = Node("a")
b = Node("b")
a.other = b
b.other = a
probe_b = weakref.ref(b)
a.other = None  # cut one edge: now it is a chain, and reference counting can free it
del a, b
print("after cutting a.other and del: b alive?", probe_b() is not None)
print("gc.collect() ->", gc.collect(), "(reference counting already freed everything)")

section("What to remember")
print("- reference counting frees an object the moment its count drops to 0")
print("- a cycle keeps every count above 0, so only the cycle collector can free it")
print("- gc.collect() returns the number of unreachable objects it found")
