# Refcount death of an instance with __del__: __del__ first (its weakrefs still alive
# inside), then the weakref callbacks; a __del__ that resurrects keeps the weakrefs.
import gc
from _weakref import ref, getweakrefcount

class D:
    def __del__(self):
        print("__del__: weakref alive inside:", wr() is self, "count", getweakrefcount(self))

d = D()
wr = ref(d, lambda w: print("callback after __del__, w() is", w()))
del d
print("after del d")

saved = []
class R:
    def __del__(self):
        print("R.__del__ resurrects")
        saved.append(self)

x = R()
wx = ref(x, lambda w: print("R callback (the real death)"))
del x
print("resurrected:", wx() is saved[0], gc.is_finalized(saved[0]))
saved.clear()
print("after the final drop:", wx())

class NewRef:
    def __del__(self):
        global late
        late = ref(self, lambda w: print("callback of a weakref made in __del__"))
        print("__del__ made a weakref")

n = NewRef()
del n
print("late:", late())
