# Lesson 003, Part 6: the "resurrection problem". The lesson says the objects end up in
# gc.garbage; since PEP 442 (3.4) they simply survive: __del__ runs once per object,
# gc.garbage stays [], and resurrected objects are not counted by gc.collect() (CPython).
# The second collect() returns 4 in 3.10 and Ouroboros (two instances + two __dict__s); 3.11: 2.
import gc
gc.disable() # no automatic collection reorders the objects first (finalization order)
class Problematic:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        # What if __del__ stores 'self' somewhere?
        global resurrected
        print("__del__", self.name)
        resurrected = self # "resurrection" - object escapes deletion!
a = Problematic("a")
b = Problematic("b")
a.other = b
b.other = a # cycle
del a, b
print(gc.collect())
print(gc.garbage) # [] - nothing is uncollectable
print(type(resurrected).__name__, resurrected.name, resurrected.other.name)
print(resurrected.other.other is resurrected)
print(gc.is_finalized(resurrected), gc.is_finalized(resurrected.other))
# Drop the resurrected cycle: it is collected, and __del__ does not run a second time.
resurrected = None
print(gc.collect())
print(gc.garbage)
print(resurrected)
gc.enable()
