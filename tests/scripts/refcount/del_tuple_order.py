class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
t = (Noisy("t0"), Noisy("t1"), Noisy("t2"))
print("drop tuple")
del t
print("end")
