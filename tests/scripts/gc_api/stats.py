# gc.get_stats(): three dicts with cumulative collections / collected / uncollectable.
import gc


def snapshot():
    return [(s["collections"], s["collected"], s["uncollectable"]) for s in gc.get_stats()]


stats = gc.get_stats()
print(type(stats).__name__, len(stats))
for s in stats:
    print(list(s), [type(v).__name__ for v in s.values()])
print(gc.get_stats() is not gc.get_stats(), gc.get_stats() == gc.get_stats())

gc.disable()
gc.collect()
before = snapshot()
x = []
x.append(x)
del x
gc.collect(0)
y = []
y.append(y)
z = [y]
y.append(z)
del y, z
gc.collect(1)
gc.collect(1)
w = []
w.append(w)
del w
gc.collect(2)
after = snapshot()
for b, a in zip(before, after):
    print([a[i] - b[i] for i in range(3)])
gc.enable()
