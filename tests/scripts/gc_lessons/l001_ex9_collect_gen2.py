# Lesson 001, example 9: gc.collect(2) is a full collection; live objects stay alive.
# Referents are [__dict__, class] in CPython 3.10 and Ouroboros (3.11: values, then class).
import gc
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
print(gc.collect(2)) # collect up to generation 2
print([type(x).__name__ for x in gc.get_referents(obj1)])
print([type(x).__name__ for x in gc.get_referents(obj2)])
del obj1, obj2
print(gc.collect(2)) # 4 in 3.10 and Ouroboros; CPython 3.11: 2
print(gc.collect(generation=2))
