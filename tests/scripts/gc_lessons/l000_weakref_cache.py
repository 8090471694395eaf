# Lesson 000, "Best Practice": the Cache built on weakref.WeakValueDictionary, the
# production gotcha it fixed (cached frames holding a callback back to a cache that has a
# __del__: a hidden cycle), and a weakly linked partner instead of a cycle.
# The collect() counts are CPython 3.10's (Ouroboros keeps instance dicts): the strong
# cache's cycle (cache, its dict, its store, two frames, their dicts, two bound methods)
# is 9 objects (3.11: 6).
import gc
import weakref
gc.disable()  # the strong-cache cycle below must wait for the explicit collect
class Cache:
    def __init__(self):
        self._store = weakref.WeakValueDictionary()
    def get(self, key, factory):
        obj = self._store.get(key)
        if obj is None:
            obj = factory()
            self._store[key] = obj
        return obj
made = []
class Frame: # stands for the heavy pandas DataFrame
    def __init__(self, key, on_change=None):
        self.key = key
        self.on_change = on_change
        made.append(key)
    def __del__(self):
        print("Frame", self.key, "freed")
cache = Cache()
f1 = cache.get("sales", lambda: Frame("sales"))
f2 = cache.get("sales", lambda: Frame("sales"))
print(f1 is f2, made, len(cache._store))
del f1, f2 # the cache alone does not keep the frame alive
print("in cache:", "sales" in cache._store, len(cache._store))
f3 = cache.get("sales", lambda: Frame("sales")) # rebuilt
print(made)
del f3
# The gotcha: a strong cache with __del__, whose frames hold a callback into the cache.
class StrongCache:
    def __init__(self):
        self._store = {}
    def invalidate(self, key):
        self._store.pop(key, None)
    def get(self, key):
        frame = self._store.get(key)
        if frame is None:
            frame = Frame(key, self.invalidate) # frame -> bound method -> cache
            self._store[key] = frame
        return frame
    def __del__(self):
        print("StrongCache __del__")
sc = StrongCache()
sc.get("a")
sc.get("b")
del sc
print("dropped the strong cache: nothing freed yet")
print("collect:", gc.collect()) # collected since Python 3.4 (PEP 442), not a permanent leak
print(gc.garbage)
# The fix: the cache holds the frames weakly, so frames die with their last user even
# though each frame holds a callback into the cache.
class WeakCache(StrongCache):
    def __init__(self):
        self._store = weakref.WeakValueDictionary()
wc = WeakCache()
fa = wc.get("a")
print("frame alive:", len(wc._store))
del fa
print("frame gone:", len(wc._store))
del wc
# Explicit cycle breaking with a weak back-link: no cycle is ever formed.
class Node:
    def __init__(self, name):
        self.name = name
        self._partner = None
    @property
    def partner(self):
        return None if self._partner is None else self._partner()
    @partner.setter
    def partner(self, other):
        self._partner = weakref.ref(other)
    def __del__(self):
        print("Node", self.name, "freed")
n1 = Node("a")
n2 = Node("b")
n1.partner = n2
n2.partner = n1
print(n1.partner.name, n2.partner.name)
del n2 # refcounting alone frees it
print("n1.partner:", n1.partner)
del n1
print("collect:", gc.collect())
gc.enable()
