# Lesson 001, example 5: gc.disable(), del, gc.collect(), then the lesson prints
# gc.get_referents(obj1) - but obj1 no longer exists: NameError. The failing name stands alone
# on its line so that CPython 3.11 prints no PEP 657 carets.
# The count is 4 in 3.10 and Ouroboros (instances + __dict__s); CPython 3.11 says 2.
import gc
class MyClass:
    pass
obj1 = MyClass()
obj2 = MyClass()
obj1.other = obj2
obj2.other = obj1
gc.disable()
# remove strong references
del obj1
del obj2
print(gc.collect())
gc.enable()
referents = gc.get_referents
print("calling")
obj1
print("not reached")
