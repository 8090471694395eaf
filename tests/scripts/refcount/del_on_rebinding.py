class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("free", self.name)
x = Noisy("first")
x = Noisy("second")
print("rebound x")
x = None
print("x is None now")
for i in range(3):
    item = Noisy(i)
print("loop done")
del item
print("end")
