t = (1, "two", 3.0)
print(t, len(t), t[1], t[-1], t[:2])
print(type(t).__name__, type(()).__name__, (5,), (5))
print(t + (4,), t * 2)
print(t.index("two"), (1, 1, 2).count(1))
print(1 in t, "x" in t)
single = 7,
print(single, len(single))
