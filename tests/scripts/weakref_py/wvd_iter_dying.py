# Entries whose values die while an iteration runs are removed after it (pending removals);
# the iteration itself never sees a changed dict.
import gc
import weakref


class Obj:
    pass


objs = [Obj() for i in range(10)]
d = weakref.WeakValueDictionary(enumerate(objs))
seen = []
for k in d:
    seen.append(k)
    if k == 3:
        del objs[5:]   # five values die in the middle of the loop
print(seen)
print(len(d._pending_removals), len(d), sorted(d))

# values() and items() under collector-driven removal: cycles die inside the loop.
objs = []
for i in range(10):
    o = Obj()
    o.me = o
    objs.append(o)
d = weakref.WeakValueDictionary(enumerate(objs))
del o
n = 0
for v in d.values():
    if n == 0:
        del objs[:]
        gc.collect()
    n += 1
print(n >= 1, len(d))

# An iteration abandoned half way ends its guard when the generator is dropped.
objs = [Obj() for i in range(4)]
d = weakref.WeakValueDictionary(enumerate(objs))
it = iter(d.items())
print(next(it)[0])
del objs[2]
print(len(d._iterating), len(d))
del it
print(len(d._iterating), len(d), sorted(d))

# Two nested iterations: removals wait until the outer one ends too.
objs = [Obj() for i in range(4)]
d = weakref.WeakValueDictionary(enumerate(objs))
pairs = 0
outer = []
for a in d.keys():
    outer.append(a)
    if a == 0:
        for b in d.values():
            pairs += 1
            if pairs == 2:
                del objs[3]
        print("inner done", len(d._iterating), len(d._pending_removals))
print(pairs, outer, len(d._iterating), len(d._pending_removals), len(d), sorted(d))

# A value rebound to a key after its old value died keeps the new value.
x = Obj()
d = weakref.WeakValueDictionary(k=x)
for k in d:
    del x
    y = Obj()
print(len(d))
d["k"] = y
print(d["k"] is y, len(d))
