# isinstance() also trusts an object's __class__ (CPython's object_isinstance): weakref
# proxies and objects that claim another class.
import weakref
class C: pass
class D(C): pass
d = D()
p = weakref.proxy(d)
print(isinstance(p, C), isinstance(p, D), isinstance(p, int), isinstance(p, weakref.ProxyType))
class Fake:
    @property
    def __class__(self): return int
print(isinstance(Fake(), int), isinstance(Fake(), Fake), isinstance(3, str))
class Bad:
    @property
    def __class__(self): raise ValueError("no")
try:
    print(isinstance(Bad(), int))
except ValueError as e:
    print("ValueError", e)
