print(list(range(5)), list(range(2, 5)), list(range(0, 10, 3)), list(range(5, -5, -3)))
r = range(3, 30, 4)
print(r, len(r), r[0], r[-1], r.start, r.stop, r.step)
print(11 in r, 12 in r, r.index(15), r.count(7))
print(range(0) == range(5, 5), bool(range(0)), list(reversed(range(4))))
print(r[1:3], list(r[::2]))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
