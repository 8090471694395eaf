# __slots__: instances keep named values in fixed slots and have no __dict__, unless a
# subclass without __slots__ (or "__dict__" in the slots) adds one.
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
p = Point(1, 2)
p.x += 10
print(p, hasattr(p, "__dict__"), Point.x, type(Point.x).__name__, Point.x.__qualname__)
print([k for k in Point.__dict__ if not k.startswith("__") or k == "__slots__"])
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
class Lazy:
    __slots__ = ("value", "__secret")
lz = Lazy()
print(hasattr(lz, "value"), sorted(k for k in Lazy.__dict__ if "secret" in k))
try:
    lz.value
except AttributeError as e:
    print("AttributeError:", e, "| name:", e.name)
lz.value = [lz]
del lz.value
try:
    del lz.value
except AttributeError as e:
    print("AttributeError:", e)
class Point3(Point):
    __slots__ = ("z",)
class Loose(Point):
    pass
q = Point3(1, 2)
q.z = 3
r = Loose(4, 5)
r.tag = "free"
print(q.x, q.y, q.z, hasattr(q, "__dict__"), vars(r), r)
class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.__dict__)
class Link:
    __slots__ = ("name", "other")
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
a = Link("a")
b = Link("b")
a.other = b
del a
print("a dropped")
del b
print("done")
