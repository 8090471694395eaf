# gc.collect(): generations, keyword, bool argument, return values on lists (exact in
# every version); collect() works while automatic collection is disabled.
import gc
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()

print(gc.collect())
a = []
a.append(a)
del a
print(gc.collect())
print(gc.collect())

b = []
c = [b]
b.append(c)
del b, c
print(gc.collect(generation=0))

d = [[]]
d[0].append(d)
del d
print(gc.collect(True))
print(gc.collect(2))

# Three self-referencing lists and a ring of four.
for i in range(3):
    x = []
    x.append(x)
ring = [[] for i in range(4)]
for i in range(4):
    ring[i].append(ring[(i + 1) % 4])
del x, ring
print(gc.collect())

e = []
e.append(e)
del e
print(gc.isenabled(), gc.collect())
gc.enable()
print(gc.isenabled())

# Live cycles are not collected.
keep = []
keep.append(keep)
print(gc.collect(), len(keep))
