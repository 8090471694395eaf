print((1, 2) < (1, 3), (1, 2) < (1, 2, 3), (2,) > (1, 99))
print((1, 2) == (1, 2), (1, 2) == [1, 2])
print(hash((1, 2)) == hash((1, 2)), hash((1, (2, 3))) == hash((1, (2, 3))))
d = {(0, 0): "origin", (1, 0): "east"}
print(d[(0, 0)], d[1, 0])
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
print(sorted([(2, "b"), (1, "c"), (2, "a")]))
