class MyList(list):
    def sum(self):
        total = 0
        for x in self:
            total += x
        return total
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.sum(), len(ml), isinstance(ml, list), type(ml).__name__)
class DefaultDict(dict):
    def __missing__(self, key):
        self[key] = 0
        return 0
d = DefaultDict()
d["a"] += 1
d["a"] += 1
print(d["a"], d["b"], d)
class Name(str):
    def shout(self):
        return self.upper() + "!"
n = Name("bob")
print(n.shout(), n + "x", len(n))
