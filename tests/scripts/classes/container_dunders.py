class Bag:
    def __init__(self):
        self.items = {}
    def __len__(self):
        return len(self.items)
    def __getitem__(self, key):
        print("get", key)
        return self.items[key]
    def __setitem__(self, key, value):
        print("set", key, value)
        self.items[key] = value
    def __delitem__(self, key):
        print("del", key)
        del self.items[key]
    def __contains__(self, key):
        print("contains", key)
        return key in self.items
b = Bag()
b["a"] = 1
b["b"] = 2
print(len(b), b["a"], "a" in b, "z" in b)
del b["a"]
print(len(b))
try:
    b["missing"]
except KeyError as e:
    print("KeyError", e)
