# gcstress: timing-dependent
# (the line above tells the golden test driver to skip this lesson in gc stress mode)
# generations_thresholds.py - the three generations: what gc.get_count() counts, what the
# thresholds mean, and how a surviving object is promoted from generation 0 to 2.
#
# Run:  ouro examples/generations_thresholds.py
#
# Young objects die young: the collector looks at generation 0 (new objects) often, at
# generation 1 less often and at generation 2 (old survivors) rarely. Exact allocation counts
# differ between interpreters, so this script prints comparisons rather than raw counts.
# Golden recorded with CPython 3.11 (the same with 3.10).
import gc


class Node:
    def __init__(self, name):
        self.name = name


def section(title):
    print()
    print("==", title, "==")


def generation_of(obj):
    # gc.get_objects(generation=N) lists the tracked objects of one generation.
    for gen in range(3):
        for o in gc.get_objects(gen):
            if o is obj:
                return gen
    return None


section("1. the thresholds")
t0, t1, t2 = gc.get_threshold()
print("gc.get_threshold() ->", (t0, t1, t2))
print(f"- generation 0 is collected when allocations minus deallocations exceed {t0}")
print(f"- generation 1 is collected every {t1} collections of generation 0")
print(f"- generation 2 is collected every {t2} collections of generation 1")
print("  (and only when that would examine enough new objects)")

section("2. what gc.get_count() counts")
gc.collect()
print("right after gc.collect():", gc.get_count())
keep = [Node(i) for i in range(100)]
c0, c1, c2 = gc.get_count()
print("after making 100 nodes, count[0] grew by at least 100:", c0 >= 100)
gc.collect(0)
print("after gc.collect(0):", gc.get_count(), "<- count[1] counts collections of generation 0")
gc.collect(1)
print("after gc.collect(1):", gc.get_count(), "<- count[2] counts collections of generation 1")
gc.collect()
print("after gc.collect():  ", gc.get_count())

section("3. watching one object get promoted")
gc.collect()
survivor = Node("survivor")
print("a new object starts in generation", generation_of(survivor))
gc.collect(0)
print("it survived a collection of generation 0: now in generation", generation_of(survivor))
gc.collect(1)
print("it survived a collection of generation 1: now in generation", generation_of(survivor))
gc.collect(2)
print("generation 2 is the last one: after a full collection it is in generation",
      generation_of(survivor))

section("4. which objects are tracked at all")
print("an instance:", gc.is_tracked(Node("x")))
print("a list:", gc.is_tracked([]))
print("an int:", gc.is_tracked(42), "/ a str:", gc.is_tracked("text"))
print("a tuple of ints is untracked once a collection has looked at it:")
t = tuple([1, 2, 3])
gc.collect()
print("  after gc.collect():", gc.is_tracked(t))
print("(atoms like ints and strings cannot be part of a cycle, so the collector ignores them)")

section("5. automatic collections with a small threshold")
collections = []


def on_gc(phase, info):
    if phase == "stop":
        collections.append(info["generation"])


old = gc.get_threshold()
gc.collect()
gc.callbacks.append(on_gc)
gc.set_threshold(50, 10, 10)
print("gc.set_threshold(50, 10, 10); now get_threshold() ->", gc.get_threshold())
junk = []
for i in range(500):
    junk.append(Node(i))
gc.callbacks.remove(on_gc)
gc.set_threshold(*old)
print("making 500 nodes triggered collections:",
      len(collections) > 0)
print("generation 0 collections happened:", 0 in collections)
print("generation 0 was collected more often than generation 1:",
      collections.count(0) > collections.count(1))
print("threshold restored:", gc.get_threshold())

section("What to remember")
print("- new objects start in generation 0; each collection they survive moves them up one")
print("- get_count()[0] counts objects, get_count()[1] and [2] count younger collections")
print("- long-lived objects reach generation 2 and are then examined rarely: that is the saving")
