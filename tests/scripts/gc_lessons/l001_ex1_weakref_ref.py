# Lesson 001, example 1: weakref.ref. The lesson prints the referent's repr (an address);
# here its type and identity are printed instead.
import weakref
class MyClass:
    pass
obj = MyClass()
ref = weakref.ref(obj) # create weak reference
print(type(ref()).__name__, ref() is obj) # -> <__main__.MyClass object at 0x...>
print(weakref.getweakrefcount(obj), weakref.ref(obj) is ref)
# delete the strong reference
del obj
print(ref()) # -> None (object has been collected)
print(repr(ref).endswith("; dead>"))
