# WeakKeyDictionary: keys dying during iteration are removed afterwards, and len() counts
# only the live ones meanwhile (it subtracts the pending removals).
import gc
import weakref


class K:
    pass


keys = [K() for i in range(6)]
d = weakref.WeakKeyDictionary((k, i) for i, k in enumerate(keys))
vals = []
for k, v in d.items():
    vals.append(v)
    if v == 1:
        del keys[4:]
        print("inside", len(d))
print(vals, len(d), sorted(d.values()))

# Explicit removal while a removal is pending: len() stays right.
keys = [K() for i in range(4)]
d = weakref.WeakKeyDictionary((k, i) for i, k in enumerate(keys))
it = iter(d)
next(it)
victim = keys.pop()
del victim
print(len(d))
d.pop(keys[0])
print(len(d))
del it
print(len(d), sorted(d.values()))

# Cyclic keys collected in the middle of values().
keys = []
for i in range(5):
    k = K()
    k.me = k
    keys.append(k)
d = weakref.WeakKeyDictionary((k, i) for i, k in enumerate(keys))
del k
n = 0
for v in d.values():
    if n == 0:
        keys.clear()
        gc.collect()
    n += 1
print(n >= 1, len(d), list(d.values()))
