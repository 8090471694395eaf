# A WeakValueDictionary whose value dies in the collector (gc-reference §1.4, §4.6): the
# dictionary's KeyedRef is reachable, so its callback runs (before __del__) and removes the
# entry; that drops the last reference to the KeyedRef, which CPython counts in what
# gc.collect() returns (handle_weakrefs' num_freed).
# Counts are CPython 3.10's (Ouroboros keeps instance dicts): 3 per dead self-cycle value
# (instance, its dict, the KeyedRef), 3.11: 2; 4 for one value under two keys (3.11: 3).
import gc
import weakref
gc.disable()
class Value:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        print("__del__", self.name, "| still in cache:", self.name in cache)
cache = weakref.WeakValueDictionary()
cache["a"] = Value("a")
cache["b"] = Value("b")
keep = Value("keep")
cache["keep"] = keep
print("before:", sorted(cache.keys()), len(cache))
print("collect:", gc.collect())
print("after:", sorted(cache.keys()), len(cache))
print("get a:", cache.get("a"), "| keep:", cache["keep"].name)
# The same value under two keys: two KeyedRefs, both freed by their callbacks.
v = Value("twice")
cache["x"] = v
cache["y"] = v
print("refs to v:", weakref.getweakrefcount(v), sorted(cache))
del v
print("collect:", gc.collect())
print("after:", sorted(cache))
# A plain-dict cycle for comparison: nothing else dies with it.
d = {}
d["d"] = d
del d
print("collect:", gc.collect())
keep.me = None
del keep
print("end:", sorted(cache))
gc.enable()
