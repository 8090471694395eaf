print(hash(42), hash(-1), hash(True), hash(0.0))
print(hash("abc") == hash("ab" + "c"))
print(hash((1, 2, 3)) == hash((1, 2, 3)))
print(type(hash("x")).__name__)
class P:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return self.v * 10
print(hash(P(4)))
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError:", e)
