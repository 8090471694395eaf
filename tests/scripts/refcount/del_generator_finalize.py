class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
def gen():
    res = Noisy("generator local")
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
g = gen()
print(next(g))
print("dropping suspended generator")
del g
print("after del g")
g2 = gen()
print("unstarted generator dropped")
del g2
print("end")
