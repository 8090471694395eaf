# gcstress: timing-dependent
# -X stableids in the collector's DEBUG_COLLECTABLE lines and in "Exception ignored in:"
# reports. Both go to sys.stderr, captured here so helper_stable.rel() can make the numbers
# relative. (Timing-dependent: under stress an automatic collection may find the cycle.)
import gc
import sys
from helper_stable import set_base, set_base_number, rel


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


class Bad:
    def __del__(self):
        raise ValueError("boom")


class Node:
    pass


cap = Capture()
saved = sys.stderr
sys.stderr = cap
b = Bad()
del b                            # Exception ignored in: <function Bad.__del__ at #0>

a = Node()
a.me = a                         # the instance and its __dict__ (one number later)
gc.collect()
a_number = id(a)
del a
gc.set_debug(gc.DEBUG_COLLECTABLE)
print(gc.collect())              # 2: the instance and its dict (CPython 3.10's count)
gc.set_debug(0)
sys.stderr = saved

lines = "".join(cap.parts).split("\n")
gc_lines = [line for line in lines if line.startswith("gc:")]
set_base(Bad.__del__)
print(rel(lines[0]))
print([line for line in lines if line.startswith("ValueError")])
set_base_number(a_number)
for line in gc_lines:
    print(rel(line))
