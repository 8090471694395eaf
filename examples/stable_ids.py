# gcstress: timing-dependent
# (the line above tells the golden test driver to skip this lesson in gc stress mode)
# stable_ids.py - reproducible identities: under `ouro -X stableids`, id() and every default
# repr ("<__main__.Node object at 0x1a2>") show the object's allocation number instead of
# its address, so the same program prints the same numbers on every run, and the
# difference of two ids counts the objects allocated in between. Ouroboros-only.
#
# Run:  ouro -X stableids examples/stable_ids.py      (run it twice: same output)
#       ouro examples/stable_ids.py                   (addresses, different each run)
#
# The absolute numbers depend on everything ouro allocates at start-up, so the golden test
# (which runs with -X stableids) relies only on differences; the test driver masks the
# " at 0x..." of reprs. Golden checked by hand.
import gc
import sys


class Node:
    pass


def section(title):
    print()
    print("==", title, "==")


def is_stable():
    # Addresses are huge numbers; allocation numbers are small.
    return id(Node()) < 10 ** 9


section("1. which mode are we in?")
if is_stable():
    print("-X stableids is on: id() is an allocation number")
else:
    print("-X stableids is off: id() is an address (run with -X stableids)")

section("2. reprs show the same number as id()")
a = Node()
print("repr(a) ends with hex(id(a)):", repr(a).endswith(hex(id(a)) + ">"))

section("3. counting allocations with id()")
first = Node()
second = Node()
print("two Node() in a row: id(second) - id(first) ->", id(second) - id(first)
      if is_stable() else "(needs -X stableids)")
x = Node()
x.attr = [1, 2, 3]
y = Node()
print("a Node, then an attribute (creates its __dict__) holding a new list, then a Node:")
print("  id(y) - id(x) ->", id(y) - id(x) if is_stable() else "(needs -X stableids)",
      "<- x, x.__dict__, the list")

section("4. numbers are never reused")
n1 = Node()
old = id(n1)
del n1
n2 = Node()
print("a freed object's number is not given to the next object:", id(n2) != old)
print("(CPython often reuses an address at once, which makes ids misleading)")

section("5. numbers in the collector's debug lines")


class Renumber:
    # Stands in for sys.stderr: rewrites "<Node 0x1ad>" as "<Node id(n)+0>", relative to
    # id(n), so that this golden output does not depend on ouro's start-up allocations.
    def __init__(self, base):
        self.base = base

    def write(self, text):
        if " 0x" in text:
            head, tail = text.rsplit(" 0x", 1)
            number, rest = tail.split(">", 1)
            text = f"{head} id(n)+{int(number, 16) - self.base}>{rest}"
        sys.stdout.write(text)

    def flush(self):
        pass


n = Node()
n.me = n
base = id(n)
del n
print("gc.DEBUG_COLLECTABLE names each garbage object <Type number>; with stableids the")
print("number is the id() the object had, so you can tell which objects were freed:")
if is_stable():
    real_stderr = sys.stderr
    sys.stderr = Renumber(base)
    gc.set_debug(gc.DEBUG_COLLECTABLE)
    gc.collect()
    gc.set_debug(0)
    sys.stderr = real_stderr
else:
    print("  (needs -X stableids)")
    gc.collect()

section("What to remember")
print("- ouro -X stableids (or OURO_STABLEIDS=1) makes ids and reprs reproducible")
print("- the difference of two ids is the number of objects allocated in between")
print("- useful for teaching output and golden tests; never for program logic")
