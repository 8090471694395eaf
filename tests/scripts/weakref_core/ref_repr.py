# Reprs of weak references: the referent's type name, its __name__ when it has one, dead.
from _weakref import ref
import sys

class C:
    pass

def func():
    pass

class Named:
    __name__ = "custom"

class InstanceName:
    def __init__(self):
        self.__name__ = "ignored"

c = C()
print(repr(ref(c)))
print(repr(ref(C)))
print(repr(ref(func)))
print(repr(ref(len)))
print(repr(ref(sys)))
n = Named()
print(repr(ref(n)))
i = InstanceName()
print(repr(ref(i)))
r = ref(C())
print(repr(r))
