# finalize_atexit.py - cleanup without __del__: weakref.finalize runs a function when an
# object dies (or at exit, whichever comes first), never more than once, and does not keep
# the object alive; atexit runs functions when the program ends.
#
# Run:  ouro examples/finalize_atexit.py
#
# Golden recorded with CPython 3.11.
import atexit
import gc
import weakref


class TempFile:
    def __init__(self, name):
        self.name = name
        # The callback must not refer to self (a bound method would keep self alive):
        # pass the data it needs as arguments instead.
        self._finalizer = weakref.finalize(self, TempFile._remove, name)

    @staticmethod
    def _remove(name):
        print(f"  removing {name}")

    def close(self):
        self._finalizer()  # run the cleanup now; it will not run again


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. finalize runs when the object dies")
t = TempFile("a.tmp")
print("del t:")
del t

section("2. calling the finalizer early: it runs once")
t = TempFile("b.tmp")
print("t.close():")
t.close()
print("t._finalizer.alive ->", t._finalizer.alive)
print("del t: (nothing more to do)")
del t

section("3. objects in a cycle are finalized by the collector")
t = TempFile("c.tmp")
t.me = t
del t
print("after del t: nothing yet, the cycle keeps it. gc.collect():")
gc.collect()

section("4. the trap: a callback that refers to the object")


class Leaky:
    def __init__(self, name):
        self.name = name
        self._finalizer = weakref.finalize(self, self.cleanup)  # holds self!

    def cleanup(self):
        print(f"  cleanup {self.name}")


probe = weakref.ref(Leaky("leaky"))
gc.collect()
print("the finalizer's bound method keeps the object alive:", probe() is not None)
print("it will only be cleaned up at exit (see the end of the output)")

section("5. finalizers and atexit at the end of the program")
t = TempFile("d.tmp")  # still alive at exit: finalize runs it then (atexit=True)


@atexit.register
def goodbye():
    print("  atexit: goodbye (registered last, runs first)")


print("the program ends here; what follows is printed during shutdown:")
