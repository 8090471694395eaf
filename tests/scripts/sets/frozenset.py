f = frozenset([3, 1, 2])
print(sorted(f), len(f), 1 in f, type(f).__name__)
print(f == {1, 2, 3}, frozenset() == set())
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})])
print(sorted(f | {4}), type(f | {4}).__name__, type({4} | f).__name__)
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
