# gc.get_count()[0] counts container allocations as CPython 3.11 does: an instance's
# __dict__ is not counted (3.11 allocates none), so automatic collections trigger at the
# same points as in 3.11. (CPython 3.10 prints (2, 0, 0) here.)
import gc

class A:
    pass

gc.disable()
gc.collect()
a = A()
a.x = 1
print(gc.get_count())
