# When a weakref callback runs relative to the teardown of what the dying object held:
# an instance's callbacks run before its dict is cleared; a set subclass's after (set's own
# dealloc clears the weakrefs); a module's before its dict goes.
import sys
from _weakref import ref

class Noisy:
    def __init__(self, n): self.n = n
    def __del__(self): print("Noisy.__del__", self.n)

class S(set):
    pass

class P:
    pass

class PS:
    __slots__ = ("x", "__weakref__")

for cls in (S, P, PS):
    s = cls()
    s.x = Noisy(cls.__name__)
    r = ref(s, lambda w: print("callback"))
    del s
m = type(sys)("m")
m.x = Noisy("module")
r = ref(m, lambda w: print("callback"))
del m
