# With the collector disabled at exit there is no first collection: garbage and globals
# are finalized together, in allocation order.
import gc


class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


gc.disable()
x = A(1)
x.me = x
del x
y = A(2)
y.me = y
print("end")
