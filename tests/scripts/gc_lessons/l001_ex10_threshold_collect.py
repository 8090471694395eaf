# Lesson 001, example 10: gc.set_threshold(10), then a collection; live objects survive.
# Referents are [__dict__, class] in CPython 3.10 and Ouroboros (3.11: values, then class).
import gc
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
gc.set_threshold(10)
print(gc.get_threshold())
# run code that may create cycles: collected automatically, often
before = sum(s["collections"] for s in gc.get_stats())
for i in range(100):
    x = MyClass()
    x.me = x
del x
print(sum(s["collections"] for s in gc.get_stats()) - before >= 5)
print(gc.collect() >= 0)
print([type(x).__name__ for x in gc.get_referents(obj1)])
print([type(x).__name__ for x in gc.get_referents(obj2)])
print(sum(1 for o in gc.get_objects() if type(o) is MyClass))
gc.set_threshold(700, 10, 10)
