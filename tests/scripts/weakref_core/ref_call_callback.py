# weakref.ref: calling, __callback__, the shared callback-less ref, list order.
import _weakref
from _weakref import ref

class C:
    pass

c = C()
r = ref(c)
print(r() is c, r.__callback__)
print(ref(c) is r, ref(c, None) is r)
def cb(w):
    print("cb called with its own weakref:", w is r2, w())
r2 = ref(c, cb)
r3 = ref(c, cb)
print(r2 is r, r3 is r2, r2.__callback__ is cb)
print(_weakref.getweakrefcount(c))
print([w is x for w, x in zip(_weakref.getweakrefs(c), [r, r3, r2])])
print(c.__weakref__ is r)
x = C()
rx = ref(x, 42)                # a non-callable callback is accepted at creation
print(rx.__callback__)
del c
print(r(), r2(), r3(), r.__callback__, r2.__callback__)
print(_weakref.getweakrefs(r), _weakref.getweakrefcount(r))
