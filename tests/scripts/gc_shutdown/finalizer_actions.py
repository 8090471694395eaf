# What finalizers at exit may still do: importing fails (sys.modules is gone), a nested
# gc.collect() is a no-op returning 0, SystemExit is only reported, and math already
# imported stays usable.
import gc
import math


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)
        if self.n == 1:
            import sys
        if self.n == 2:
            print("collect", gc.collect())
        if self.n == 3:
            raise SystemExit(5)
        if self.n == 4:
            print(math.sqrt(16))


a = A(1)
a.me = a
b = A(2)
b.me = b
c = A(3)
c.me = c
d = A(4)
d.me = d
print("end")
