# Cyclic garbage that no collection has reclaimed yet goes first (the collection that runs
# while __main__ is still alive), then the globals.
class A:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


import gc
gc.disable()
x = A(1)
y = A(2)
x.other = y
y.other = x
z = A(3)
z.me = z
del z
gc.enable()
print("end")
