# class_containers.py - a list or dict stored on a CLASS lives as long as the class,
# usually forever: every instance registered there is kept alive. Plus the mutable
# class-attribute trap, and the weak fixes.
#
# Run:  ouro examples/class_containers.py
#
# Golden recorded with CPython 3.11.
import gc
import weakref


def section(title):
    print()
    print("==", title, "==")


gc.collect()

section("1. a class-level registry keeps every instance alive")


class Connection:
    registry = []  # one list for the whole class

    def __init__(self, host):
        self.host = host
        Connection.registry.append(self)


for i in range(1000):
    c = Connection(f"host{i}")
del c
print("1000 connections made and dropped; the registry still holds",
      len(Connection.registry))
print("they stay alive as long as the class, i.e. until the program ends")
Connection.registry.clear()

section("2. the mutable class attribute trap")


class Basket:
    items = []  # shared by every instance!

    def add(self, item):
        self.items.append(item)  # self.items finds the class attribute


x = Basket()
y = Basket()
x.add("apple")
print("y.items ->", y.items, "<- y sees x's apple: there is only one list")
print("'items' in x.__dict__ ->", "items" in x.__dict__)


class FixedBasket:
    def __init__(self):
        self.items = []  # one list per instance


x = FixedBasket()
y = FixedBasket()
x.items.append("apple")
print("with one list per instance, y.items ->", y.items)

section("3. the fix for registries: weakref.WeakSet")


class Tracked:
    instances = weakref.WeakSet()

    def __init__(self, name):
        self.name = name
        Tracked.instances.add(self)


a = Tracked("a")
b = Tracked("b")
print("live instances:", sorted(t.name for t in Tracked.instances))
del a
print("after del a:", sorted(t.name for t in Tracked.instances))
del b
print("after del b:", len(Tracked.instances))

section("4. a per-key cache on the class: weakref.WeakValueDictionary")


class User:
    by_id = weakref.WeakValueDictionary()

    def __init__(self, uid):
        self.uid = uid
        User.by_id[uid] = self


u1 = User(1)
u2 = User(2)
print("User.by_id keys:", sorted(User.by_id.keys()))
del u2
print("after del u2:", sorted(User.by_id.keys()))
del u1

section("5. memoizing with a class-level dict keyed by instance")


class Shape:
    _area_cache = weakref.WeakKeyDictionary()  # a plain {} here would keep every shape

    def __init__(self, w, h):
        self.w = w
        self.h = h

    def area(self):
        if self not in Shape._area_cache:
            Shape._area_cache[self] = self.w * self.h
        return Shape._area_cache[self]


s = Shape(3, 4)
print("s.area() ->", s.area(), "/ cache size:", len(Shape._area_cache))
del s
print("after del s, cache size:", len(Shape._area_cache))

section("What to remember")
print("- containers on a class (or module) are effectively immortal")
print("- registering instances there keeps them alive forever: that is a leak")
print("- use WeakSet / WeakValueDictionary / WeakKeyDictionary for registries and caches")
