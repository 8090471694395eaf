# gcstress: timing-dependent
# (the line above tells the golden test driver to skip this lesson in gc stress mode)
# gc_callbacks.py - gc.callbacks: functions the collector calls before ("start") and after
# ("stop") every collection, with the generation and what it collected; and gc.get_stats().
# A simple way to watch the collector at work from Python.
#
# Run:  ouro examples/gc_callbacks.py
#
# Instance attributes live in a real __dict__ here (as in CPython 3.10), so counts include
# the dicts; golden recorded with CPython 3.10.
import gc


class Node:
    def __init__(self):
        self.other = None


def section(title):
    print()
    print("==", title, "==")


def make_cycles(n):
    for i in range(n):
        a = Node()
        b = Node()
        a.other = b
        b.other = a


def on_gc(phase, info):
    print(f"  gc {phase}: generation={info['generation']} collected={info['collected']}"
          f" uncollectable={info['uncollectable']}")


gc.collect()

section("1. the collector calls every function in gc.callbacks")
gc.callbacks.append(on_gc)
make_cycles(3)
print("gc.collect():")
print("gc.collect() ->", gc.collect())

section("2. collecting one generation")
make_cycles(1)
print("gc.collect(0):")
gc.collect(0)
gc.callbacks.remove(on_gc)

section("3. counting automatic collections")
seen = {0: 0, 1: 0, 2: 0}
freed = [0]


def counter(phase, info):
    if phase == "stop":
        seen[info["generation"]] += 1
        freed[0] += info["collected"]


gc.collect()
gc.callbacks.append(counter)
make_cycles(5000)
gc.callbacks.remove(counter)
print("5000 abandoned cycles triggered automatic collections:", seen[0] > 0)
print("generation 0 ran more often than generation 2:", seen[0] > seen[2])
print("most of the 20000 garbage objects were freed automatically:", freed[0] > 10000)
gc.collect()

section("4. gc.get_stats(): totals per generation since start-up")
stats = gc.get_stats()
print("one dict per generation:", len(stats))
print("keys:", sorted(stats[0]))
print("generation 2 has run at least 4 times (our explicit full collections):",
      stats[2]["collections"] >= 4)

section("What to remember")
print("- gc.callbacks functions get (phase, info): 'start'/'stop' and a dict of numbers")
print("- 'collected' in the stop info is what gc.collect() returns")
print("- remove your callback when done: it runs on every collection")
