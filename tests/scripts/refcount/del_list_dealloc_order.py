class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("free", self.name)
items = [Noisy("a"), Noisy("b"), Noisy("c")]
print("del the list")
del items
items = [Noisy("x"), Noisy("y"), Noisy("z")]
print("clear the list")
items.clear()
print("cleared", items)
items = [Noisy(1), Noisy(2)]
print("pop")
items.pop()
print("del slice")
del items[:]
print("end")
