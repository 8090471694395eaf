# del_pep442.py - __del__ and cycles since PEP 442 (Python 3.4): cycles whose objects define
# __del__ ARE collected, every finalizer runs exactly once, and it runs while the whole
# cycle is still intact.
#
# Run:  ouro examples/del_pep442.py
#
# Older tutorials say "cycles with __del__ are never collected and end up in gc.garbage":
# that was Python 2 and 3.3. Instance dicts are real objects here (as in CPython 3.10), so
# counts include them; golden recorded with CPython 3.10.
import gc


class Resource:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        partner = self.partner.name if self.partner is not None else None
        print(f"  __del__ {self.name} (its partner is still there: {partner})")


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. without a cycle, __del__ runs the moment the refcount drops to 0")
r = Resource("solo")
print("del r:")
del r
print("done")

section("2. a cycle of two objects with __del__")
a = Resource("a")
b = Resource("b")
a.partner = b
b.partner = a
del a, b
print("after del: nothing printed, the cycle keeps both alive")
print("gc.collect():")
found = gc.collect()
print("gc.collect() ->", found, "(2 instances + 2 dicts)")
print("gc.garbage ->", gc.garbage, "(empty: nothing was uncollectable)")

section("3. finalizers see an intact cycle")
print("each __del__ above could still read its partner's name: PEP 442 runs every finalizer")
print("first, and only then clears the references that make the cycle")

section("4. __del__ runs once per object, ever")


class Counted:
    calls = 0

    def __init__(self):
        self.me = self

    def __del__(self):
        Counted.calls += 1


c = Counted()
print("gc.is_finalized(c) before any collection:", gc.is_finalized(c))
del c
gc.collect()
print("after one collection, __del__ calls:", Counted.calls)
gc.collect()
print("after another collection, still:", Counted.calls)

section("5. a cycle hanging off a finalizable object")


class Holder:
    def __init__(self, name):
        self.name = name
        self.items = []

    def __del__(self):
        print(f"  __del__ {self.name} with {len(self.items)} items")


h = Holder("holder")
h.items.append(h)
h.items.append([1, 2, 3])
del h
print("gc.collect():")
print("gc.collect() ->", gc.collect(), "(holder, its dict, the items list, the inner list)")

section("What to remember")
print("- a cycle with __del__ methods is collected like any other cycle")
print("- all finalizers of the garbage run before any reference is cleared")
print("- each object's __del__ runs at most once (gc.is_finalized tells whether it has)")
