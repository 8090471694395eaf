# gc.is_tracked for every kind of object (gc-reference.md §1.5 and beyond), as CPython 3.11.
# Fresh tuples of atoms are left out here (see tuple_untracking.py: Ouroboros untracks them
# at creation, CPython at the first collection).
import gc
import sys


def show(label, obj):
    print(f"{label:24} {gc.is_tracked(obj)}")


class Plain:
    pass


class Slotted:
    __slots__ = ("a",)


class Empty:
    __slots__ = ()


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


class D(dict):
    pass


class L(list):
    pass


class T(tuple):
    pass


class S(str):
    pass


class I(int):
    pass


def gen():
    yield 1


def outer():
    x = 1

    def inner():
        return x
    return inner


print("-- atoms")
show("int", 1)
show("big int", 3 ** 100)
show("float", 1.5)
show("str", "s")
show("empty str", "")
show("None", None)
show("True", True)
show("Ellipsis", ...)
show("NotImplemented", NotImplemented)
show("object()", object())
show("range", range(3))
show("code", gen.__code__)
show("static type int", int)
show("static type dict", dict)

print("-- containers")
show("list", [])
show("set", set())
show("frozenset", frozenset([1]))
show("empty tuple", ())
show("tuple with list", ([],))
show("dict {}", {})
show("dict {1: 2}", {1: 2})
show("dict {1: []}", {1: []})
show("dict {'k': {}}", {"k": {}})
show("slice", slice(1, 2))
show("lambda", lambda: 0)
show("function", gen)
show("closure function", outer())
show("cell", outer().__closure__[0])
show("generator", gen())
show("module", sys)
show("class", Plain)
show("metaclass", Meta)
show("class with metaclass", WithMeta)
show("instance", Plain())
show("slotted instance", Slotted())
show("__slots__ = ()", Empty())
show("dict subclass", D())
show("list subclass", L())
show("tuple subclass", T())
show("str subclass", S("x"))
show("int subclass", I(3))
show("exception", ValueError("x"))
show("property", property())
show("staticmethod", staticmethod(gen))
show("classmethod", classmethod(gen))
show("super", super(Plain, Plain()))
show("bound method", Plain().__init__)
show("builtin function", len)
show("builtin method", [].append)
show("method descriptor", list.append)
show("slot wrapper", int.__add__)
show("method-wrapper", (1).__add__)
show("getset descriptor", type.__dict__["__name__"])
show("mappingproxy", Plain.__dict__)
show("dict keys view", {}.keys())
show("dict items view", {}.items())

print("-- iterators")
show("list iterator", iter([]))
show("tuple iterator", iter(()))
show("set iterator", iter(set()))
show("dict iterator", iter({}))
show("str iterator", iter("ab"))
show("range iterator", iter(range(3)))
show("enumerate", enumerate([]))
show("zip", zip())
show("map", map(len, []))
show("filter", filter(None, []))
show("reversed", reversed([]))

print("-- exceptions and files")
try:
    1 / 0
except ZeroDivisionError as e:
    show("traceback", e.__traceback__)
show("sys.stdout", sys.stdout)
with open(__file__) as f:
    show("open file", f)
