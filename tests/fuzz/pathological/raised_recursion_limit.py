# With the recursion limit raised far past what the C stack holds, deep recursion must
# still end in RecursionError (the C stack guard), never in a crash. CPython may crash.
import sys
sys.setrecursionlimit(10**6)
def f(n):
    return f(n + 1)
try:
    f(0)
except RecursionError as e:
    print("RecursionError")
l = []
for i in range(200000):
    l = [l]
try:
    repr(l)
except RecursionError:
    print("RecursionError in repr")
class A:
    def __getattr__(self, name):
        return getattr(self, name + "x")
try:
    A().y
except RecursionError:
    print("RecursionError in __getattr__")
src = "x = a" + ".b" * 50000
try:
    exec(src, {})
except (RecursionError, MemoryError) as e:
    print(type(e).__name__)
