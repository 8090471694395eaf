# weakref.py's WeakMethod: a ref subclass overriding __call__, __eq__, __ne__, __hash__,
# with '__weakref__' in its __slots__.
from _weakref import ref, getweakrefcount, getweakrefs

class WeakMethod(ref):
    __slots__ = "_func_ref", "_meth_type", "_alive", "__weakref__"
    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None
        def _cb(arg):
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)
        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self
    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)
    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented
    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented
    __hash__ = ref.__hash__

class C:
    def __init__(self, name): self.name = name
    def m(self): return "m of " + self.name

o = C("o")
wm = WeakMethod(o.m, lambda w: print("WeakMethod callback, alive:", w._alive))
wm2 = WeakMethod(o.m)
print(wm()(), wm == wm2, wm != wm2, hash(wm) == hash(wm2), hash(wm) == hash(o))
print(ref(wm)() is wm, getweakrefcount(wm), wm.__weakref__ is getweakrefs(wm)[0])
try:
    WeakMethod(len)
except TypeError as e:
    print("TypeError:", e)
del o
print(wm(), wm == wm2, wm == wm)
