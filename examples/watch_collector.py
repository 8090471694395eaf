# gcstress: timing-dependent
# (the line above tells the golden test driver to skip this lesson in gc stress mode)
# watch_collector.py - watching the cycle collector work, phase by phase: gc.DEBUG_TRACE
# narrates each collection (the objects examined, their gc_refs, what is unreachable,
# weakrefs cleared, finalizers, resurrection, what is freed). An Ouroboros-only feature:
# CPython has no such flag.
#
# Run:  ouro examples/watch_collector.py
#   or  ouro -X gctrace yourscript.py     (traces every collection of any program)
#
# The trace goes to sys.stderr; this script points sys.stderr at sys.stdout so the trace
# appears in order between the explanations. Object names are Type@N: N is the object's
# position in that collection's list of examined objects. Golden checked by hand
# (docs/gc-trace.md explains every line).
import gc
import os
import sys
import weakref

sys.stderr = sys.stdout


class Node:
    def __init__(self, name):
        self.name = name


class Phoenix(Node):
    def __del__(self):
        global saved
        print(f"  (Phoenix.__del__ runs and saves {self.name} in a global)")
        saved = self


def section(title):
    print()
    print("==", title, "==")


def traced_collect(generation):
    gc.set_debug(gc.DEBUG_TRACE)
    found = gc.collect(generation)
    gc.set_debug(0)
    print(f"-> gc.collect({generation}) returned {found}")


gc.disable()  # no automatic collection: only the ones we ask for, so the trace is exact

section("1. a cycle of two nodes, and one node a global still holds")
gc.collect()  # start with an empty generation 0
a = Node("a")
b = Node("b")
a.other = b
b.other = a
keep = Node("keep")
del a, b
print("Node@1/@2 are a and b, dict@3/@4 their attribute dicts, Node@5 is keep.")
print("gc_refs 0 = every reference comes from inside the examined set: maybe garbage;")
print("gc_refs 1 for keep = the global name holds it: it is reachable.")
traced_collect(0)

section("2. a weakref callback, a finalizer, and a resurrection")
saved = None


def callback(ref):
    print("  (the weakref callback runs: w() is now", ref(), ")")


gc.collect()  # after defining callback: the function is not in generation 0 any more

p = Phoenix("p")
n = Node("n")
p.other = n
n.other = p
w = weakref.ref(n, callback)
del p, n
print("the weakref is cleared and its callback runs before any finalizer; then")
print("Phoenix.__del__ stores itself in a global: the whole cycle is reachable again.")
print("(the weakref object w itself is held by a global: gc_refs 1)")
traced_collect(0)
print("saved.other.name ->", saved.other.name, "/ w() ->", w())

section("3. the second time, the cycle dies quietly")
saved = None
print("the survivors were moved to generation 1, so we collect generation 1 this time;")
print("__del__ already ran once (PEP 442), so it does not run again:")
traced_collect(1)

section("4. a picture of the heap: gc.dump_heap")
root = Node("root")
root.kids = [Node("x"), Node("y")]
root.kids[0].parent = root
wrote = gc.dump_heap("watch_collector_heap.dot", roots=[root.kids])
print("gc.dump_heap(...) wrote objects to watch_collector_heap.dot:", wrote > 0)
print("render it with:  dot -Tsvg watch_collector_heap.dot -o heap.svg")
print("(boxes coloured by generation, cycles in red clusters)")
os.remove("watch_collector_heap.dot")  # remove this line to keep the file

gc.enable()

section("What to remember")
print("- gc_refs = refcount minus references from other examined objects")
print("- objects with gc_refs > 0, and all they reach, survive into the next generation")
print("- order: weakref callbacks, finalizers, resurrection check, then clearing the cycles")
