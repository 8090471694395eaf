# Lesson 001, example 4: gc.garbage after collecting a cycle of plain instances is empty, so
# the loop prints nothing (the lesson expected to "find" the cycle there).
import gc
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
gc.collect()
cycle = gc.garbage
for obj in cycle:
    print(obj)
print(len(cycle), cycle is gc.garbage)
del obj1, obj2
print(gc.collect()) # 3.10 and Ouroboros: 4 (instances + __dict__s); CPython 3.11: 2
for obj in gc.garbage:
    print(obj)
print(gc.garbage)
