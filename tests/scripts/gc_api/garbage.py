# gc.garbage with DEBUG_SAVEALL: unreachable objects are kept there instead of freed
# (their __del__ still runs once); rebinding gc.garbage does not affect the collector.
import gc
# Automatic collections off: every collection below is explicit (also under -X gcstress).
gc.disable()

print(gc.garbage)
gc.set_debug(gc.DEBUG_SAVEALL)
a = [1]
b = [2, a]
a.append(b)
del a, b
print(gc.collect())
print(len(gc.garbage), sorted(x[0] for x in gc.garbage))


class D:
    def __del__(self):
        print("D.__del__")


d = D()
d.me = d
del d
gc.collect()
print(sum(1 for x in gc.garbage if type(x) is D))
gc.collect()
print(sum(1 for x in gc.garbage if type(x) is D))
gc.set_debug(0)

real = gc.garbage
gc.garbage = 5
e = []
e.append(e)
del e
gc.set_debug(gc.DEBUG_SAVEALL)
gc.collect()
gc.set_debug(0)
print(gc.garbage, len(real) > 0, any(type(x) is list and x and x[0] is x for x in real))
gc.garbage = real
for x in gc.garbage:
    if type(x) is D:
        x.me = None
del x
gc.garbage.clear()
print(gc.garbage, gc.collect())
