# Under -X stableids an object's default hash is its allocation number, so iterating a set
# or dict of plain objects gives the same order on every run.
class P:
    def __init__(self, n):
        self.n = n

items = [P(i) for i in range(10)]
print([p.n for p in set(items)])
print([p.n for p in {p: None for p in reversed(items)}])
print(len({hash(p) for p in items}))
print(hash(items[1]) - hash(items[0]) == id(items[1]) - id(items[0]))
