# Lesson 001, example 2: a WeakValueDictionary cache. The lesson prints the value's repr (an
# address); here its type and key are printed instead.
import weakref
cache = weakref.WeakValueDictionary()
class MyClass:
    def __init__(self, key):
        self.key = key
obj1 = MyClass("obj1")
obj2 = MyClass("obj2")
cache[obj1.key] = obj1
cache[obj2.key] = obj2
found = cache.get("obj1")
print(type(found).__name__, found.key) # -> <__main__.MyClass object at 0x...>
del found
print(sorted(cache.keys()), len(cache))
# delete a strong reference
del obj1
print(cache.get("obj1")) # -> None
print(sorted(cache.keys()), len(cache), "obj1" in cache)
try:
    cache["obj1"]
except KeyError as e:
    print("KeyError:", e)
