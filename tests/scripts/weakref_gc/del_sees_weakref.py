# What __del__ sees of the object's own weakrefs (gc-reference §3.2/§3.3, §10 item 5):
# on the refcount path the weakrefs are still alive inside __del__ (cleared just after);
# in the collector they are already dead (cleared before any finalizer runs).
import gc
import weakref
gc.disable()
class Seer:
    def __init__(self, name):
        self.name = name
        self.self_weakref = weakref.ref(self)
    def __del__(self):
        r = self.self_weakref()
        print(self.name, "__del__: self_weakref() is self:", r is self, "| is None:", r is None)
        print(self.name, "__del__: weakref.ref(self) is the shared ref:",
              weakref.ref(self) is self.self_weakref)
        print(self.name, "__del__: getweakrefcount:", weakref.getweakrefcount(self))
s = Seer("refcount")
wr = s.self_weakref
del s
print("after refcount death:", wr())
c = Seer("gc")
c.me = c
wc = c.self_weakref
del c
print("before collect:", wc() is not None)
gc.collect()
print("after collect:", wc())
gc.enable()
