# resurrection.py - a __del__ that stores `self` somewhere reachable brings the object back
# to life. The collector notices, frees nothing of that cycle, and never calls that
# __del__ again.
#
# Run:  ouro examples/resurrection.py
#
# Some tutorials claim resurrected objects land in gc.garbage: since Python 3.4 (PEP 442)
# they simply survive. Instance dicts are real objects here (as in CPython 3.10); golden
# recorded with CPython 3.10.
import gc

graveyard = []


class Phoenix:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        print(f"  __del__ {self.name}: saving myself in the graveyard")
        graveyard.append(self)


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. resurrection through refcounting")
p = Phoenix("solo")
print("del p:")
del p
print("graveyard holds:", [x.name for x in graveyard])
print("gc.is_finalized(graveyard[0]) ->", gc.is_finalized(graveyard[0]))
print("clearing the graveyard drops the last reference again:")
graveyard.clear()
print("  (no second __del__: it runs at most once)")

section("2. resurrection of a cycle")
a = Phoenix("a")
b = Phoenix("b")
a.partner = b
b.partner = a
del a, b
print("gc.collect():")
found = gc.collect()
print("gc.collect() ->", found, "<- resurrected objects are not counted as collected")
print("graveyard holds:", sorted(x.name for x in graveyard))
print("the cycle is intact:", graveyard[0].partner.partner is graveyard[0])
print("gc.garbage ->", gc.garbage, "(resurrected objects do NOT go to gc.garbage)")

section("3. the second death is final")
graveyard.clear()
print("graveyard cleared: the cycle is unreachable again. gc.collect():")
found = gc.collect()
print("gc.collect() ->", found, "(no __del__ this time: 2 instances + 2 dicts freed)")

section("4. resurrecting only one member keeps the whole cycle alive")


class Loner:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        print(f"  __del__ {self.name}")
        if self.name == "keeper":
            graveyard.append(self)


k = Loner("keeper")
f = Loner("follower")
k.partner = f
f.partner = k
del k, f
print("gc.collect():")
found = gc.collect()
print("gc.collect() ->", found)
print("the follower is alive too, reachable through the keeper:", graveyard[0].partner.name)
graveyard.clear()
print("after clearing the graveyard, gc.collect() ->", gc.collect())

section("What to remember")
print("- a finalizer can resurrect its object (and everything reachable from it)")
print("- the collector detects this and frees nothing of a resurrected cycle")
print("- __del__ never runs twice: the next time the objects die quietly")
