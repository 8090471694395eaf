# saveall_garbage.py - gc.DEBUG_SAVEALL: instead of freeing unreachable objects, the
# collector appends them to gc.garbage, so you can look at what your program leaked into
# cycles (and then must clean up yourself).
#
# Run:  ouro examples/saveall_garbage.py
#
# Instance dicts are real objects here (as in CPython 3.10), so each instance brings its
# dict into gc.garbage; golden recorded with CPython 3.10.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None

    def __repr__(self):
        return f"Node({self.name!r})"


class Session:
    def __init__(self, user):
        self.user = user
        self.handlers = [self.on_close]  # a bound method holding self: a hidden cycle

    def on_close(self):
        pass

    def __repr__(self):
        return f"Session({self.user!r})"


def section(title):
    print()
    print("==", title, "==")


def describe(obj):
    if isinstance(obj, dict):
        return "dict with keys " + ", ".join(sorted(obj))
    if isinstance(obj, list):
        return f"list of {len(obj)}"
    return type(obj).__name__ + " " + repr(obj)


gc.collect()

section("1. normally, gc.garbage stays empty")
a = Node("a")
a.next = a
del a
print("gc.collect() ->", gc.collect())
print("gc.garbage ->", gc.garbage)

section("2. with DEBUG_SAVEALL, unreachable objects are kept in gc.garbage")
gc.set_debug(gc.DEBUG_SAVEALL)
print("gc.get_debug() == gc.DEBUG_SAVEALL:", gc.get_debug() == gc.DEBUG_SAVEALL)
a = Node("a")
b = Node("b")
a.next = b
b.next = a
del a, b
found = gc.collect()
print("gc.collect() ->", found)
print("gc.garbage now holds", len(gc.garbage), "objects:")
for line in sorted(describe(o) for o in gc.garbage):
    print("  ", line)

section("3. finding a hidden cycle")
# First get rid of section 2's nodes for real: with SAVEALL off, clear the list and collect
# (once gc.garbage lets go of them they are an unreachable cycle again).
gc.set_debug(0)
gc.garbage.clear()
print("freeing section 2's saved nodes: gc.collect() ->", gc.collect())
gc.set_debug(gc.DEBUG_SAVEALL)
s = Session("alice")
del s
print("a Session was dropped; gc.collect() ->", gc.collect())
print("what was in the cycle, by type:")
counts = {}
for o in gc.garbage:
    name = type(o).__name__
    counts[name] = counts.get(name, 0) + 1
del o  # the loop variable would keep the last object (and so the whole cycle) alive
for name in sorted(counts):
    print(f"   {name}: {counts[name]}")
print("a 'method' in the garbage: self.handlers holds a bound method, which holds self")

section("4. cleaning up")
gc.set_debug(0)
n = len(gc.garbage)
gc.garbage.clear()  # they are a cycle again, unreachable: the next collection frees them
print(f"cleared {n} saved objects; gc.collect() frees them ->", gc.collect())
print("gc.garbage ->", gc.garbage)

section("What to remember")
print("- gc.set_debug(gc.DEBUG_SAVEALL) turns the collector into a leak recorder")
print("- everything it found unreachable stays in gc.garbage for you to inspect")
print("- switch it off and clear gc.garbage afterwards, or the objects live forever")
