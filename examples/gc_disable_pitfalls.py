# gc_disable_pitfalls.py - what gc.disable() does and does not switch off, how cycles pile
# up while it is off, and the safe pattern for a critical section.
#
# Run:  ouro examples/gc_disable_pitfalls.py
#
# gc.disable() stops only the AUTOMATIC cycle collections. Reference counting keeps freeing
# acyclic objects at once, and gc.collect() still works when called by hand.
# Instance attributes live in a real dict here (as in CPython 3.10), so each abandoned
# instance cycle below counts 4 objects; golden recorded with CPython 3.10.
import gc
import weakref


class Node:
    def __init__(self):
        self.other = None


class Payload:
    pass


def section(title):
    print()
    print("==", title, "==")


def make_cycle():
    a = Node()
    b = Node()
    a.other = b
    b.other = a


gc.collect()

section("1. disable() stops automatic collections, not reference counting")
gc.disable()
print("gc.isenabled() ->", gc.isenabled())
p = Payload()
probe = weakref.ref(p)
del p
print("an acyclic object is still freed at once by its refcount:", probe() is None)

section("2. cycles pile up while the collector is off")
collections = []


def on_gc(phase, info):
    if phase == "stop":
        collections.append(info["generation"])


gc.callbacks.append(on_gc)
for i in range(1000):
    make_cycle()
print("made 1000 abandoned cycles; automatic collections run meanwhile:", len(collections))
print("new objects since the last collection: at least 2000:", gc.get_count()[0] >= 2000)

section("3. gc.collect() by hand still works while disabled")
found = gc.collect()
print("gc.collect() ->", found, "(1000 cycles x (2 instances + 2 dicts))")
print("gc.isenabled() is still", gc.isenabled())

section("4. forgetting gc.enable() after an exception")


def risky_section():
    gc.disable()
    make_cycle()
    raise ValueError("something went wrong")


gc.enable()
try:
    risky_section()
except ValueError as e:
    print("caught:", e)
print("after the exception, gc.isenabled() ->", gc.isenabled(), "<- the collector stays off!")
gc.collect()

section("5. the safe pattern: try/finally")


def careful_section():
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        make_cycle()
        raise ValueError("something went wrong again")
    finally:
        if was_enabled:
            gc.enable()


gc.enable()
try:
    careful_section()
except ValueError as e:
    print("caught:", e)
print("after the exception, gc.isenabled() ->", gc.isenabled())
print("the abandoned cycle is collected later as usual: gc.collect() ->", gc.collect())

gc.callbacks.remove(on_gc)
gc.enable()

section("What to remember")
print("- gc.disable() only stops automatic cycle collections")
print("- while it is off, every abandoned cycle stays in memory until gc.collect()")
print("- re-enable in a finally block, and only if it was enabled before")
