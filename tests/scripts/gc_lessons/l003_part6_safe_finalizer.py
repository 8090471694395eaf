# Lesson 003, Part 6: PEP 442 - __del__ runs once even for objects in a cycle.
# The lesson prints "__del__ called on B" before "A"; CPython 3.10 and 3.11 both finalize in
# the order of the unreachable list, which here is allocation order: A, then B. We follow CPython.
# The collect() count is 4 in 3.10 and Ouroboros (instances + __dict__s); 3.11 says 2.
import gc
gc.disable() # no automatic collection reorders the objects first (finalization order)
class SafeFinalizer:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print(f"__del__ called on {self.name}")
        print("  peer still intact:", self.other.name)
# Modern Python (3.4+): __del__ is called safely even in cycles
a = SafeFinalizer("A")
b = SafeFinalizer("B")
a.other = b
b.other = a # cycle
print(gc.is_finalized(a), gc.is_finalized(b))
del a, b
print("before collect")
print(gc.collect())
print("after collect")
# Both freed correctly - no gc.garbage accumulation
print(gc.garbage)
print(gc.collect())
gc.enable()
