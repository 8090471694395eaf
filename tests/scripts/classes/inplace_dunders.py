class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        print("iadd", x)
        self.items.append(x)
        return self
    def __add__(self, x):
        print("add", x)
        new = Acc()
        new.items = self.items + [x]
        return new
a = Acc()
orig = a
a += 1
a += 2
print(a.items, a is orig)
b = a + 3
print(b.items, a.items)
