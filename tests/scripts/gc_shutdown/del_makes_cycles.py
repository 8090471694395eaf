# Finalizers at exit that create new cyclic garbage with __del__: as in CPython, the new
# objects are only collected after sys and builtins are cleared, so they print nothing.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)
        if self.n < 3:
            x = A(self.n + 10)
            x.me = x


a = A(1)
b = A(2)
b.me = b
print("end")
