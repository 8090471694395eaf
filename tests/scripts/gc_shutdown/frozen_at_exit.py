# Frozen objects (gc.freeze) are never collected by CPython, and freezing also froze
# __main__'s dict: no __del__ runs at exit. Ouroboros frees them without finalizing.
import gc


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


x = A(1)
x.me = x
gc.freeze()
y = A(2)
y.me = y
print("end", gc.get_freeze_count() > 0)
