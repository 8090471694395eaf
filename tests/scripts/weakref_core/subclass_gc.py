# gcstress: timing-dependent
# Instances of ref subclasses are containers: their dict, slots and callback are traversed,
# so cycles through them are collected.
import gc
from _weakref import ref

class R(ref):
    pass

class S(ref):
    __slots__ = ("other",)

class C:
    pass

x = C()
r = R(x, None)
r.me = r
print(gc.is_tracked(r), gc.is_tracked(ref(x)), sorted(r.__dict__))
watch = ref(r, lambda w: print("R instance collected"))
del r
print(gc.collect() >= 2, watch())

s = S(x, None)
s.other = C()
s.other.back = s
watch2 = ref(s.other, lambda w: print("the cycle through S's slot was collected"))
del s
print(gc.collect() >= 2, watch2())

class Holder:
    pass
h = Holder()
h.r = R(x, lambda w, h=h: print("never: the callback died with its weakref"))
del h
print(gc.collect() >= 3)
del x
print("done")
