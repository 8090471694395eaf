# A subclass of ref with __slots__ and its own __new__/__init__ (weakref.py's KeyedRef).
from _weakref import ref, getweakrefcount

class KeyedRef(ref):
    __slots__ = "key",
    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)

class C:
    pass

c = C()
removed = []
k = KeyedRef(c, lambda w: removed.append(w.key), "the-key")
print(type(k).__name__, k.key, k() is c, isinstance(k, ref), k == ref(c), hash(k) == hash(c))
print(k is ref(c), ref(c) is ref(c), getweakrefcount(c))
print(KeyedRef(c, None, 1) is KeyedRef(c, None, 1))
print(repr(k).startswith("<__main__.KeyedRef object at 0x"))
try:
    k.other = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    ref(k)
except TypeError as e:
    print("TypeError:", e)
del c
print(removed, k(), k.key)
