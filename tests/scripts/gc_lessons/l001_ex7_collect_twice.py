# Lesson 001, example 7: collecting twice does not free live objects; their referents are
# [__dict__, class] in CPython 3.10 and Ouroboros (3.11: attribute values, then the class).
import gc
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
print(gc.collect())
print(gc.collect())
print([type(x).__name__ for x in gc.get_referents(obj1)])
print([type(x).__name__ for x in gc.get_referents(obj2)])
print(gc.get_referents(obj1)[0] == {"other": obj2}, gc.get_referents(obj2)[1] is MyClass)
