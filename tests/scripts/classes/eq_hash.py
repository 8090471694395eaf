class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Key) and self.v == other.v
    def __hash__(self):
        return hash(self.v)
a, b, c = Key(1), Key(1), Key(2)
print(a == b, a is b, a != c, a == 1)
d = {a: "first"}
d[b] = "second"
print(len(d), d[Key(1)])
print(len({a, b, c}))
class NoHash:
    def __eq__(self, other):
        return True
print(NoHash.__hash__ is None)
try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)
