# A cycle through each kind of container is found and freed by gc.collect(); objects with
# __del__ show when they die. Counts include instance __dict__s, as CPython 3.10 counts them
# (Ouroboros keeps a real dict per instance; CPython 3.11 inlines attributes): the golden
# takes 3.10's count on the lines marked [3.10] (3.11 prints fewer), checked with 3.10.13.
import gc
import sys

gc.disable()   # no automatic collection in the middle of a scenario


class Tracer:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


def scenario(title, build):
    gc.collect()
    build()
    print(f"{title}: {gc.collect()}")


def list_self():
    l = []
    l.append(l)


def dict_self():
    d = {}
    d["d"] = d


def set_instance():   # [3.10] set, instance, its dict
    s = set()
    t = Tracer("set member")
    t.s = s
    s.add(t)


def frozenset_instance():   # [3.10]
    t = Tracer("frozenset member")
    t.fs = frozenset([t])


def two_instances():   # [3.10] 2 instances + 2 dicts
    a, b = Tracer("a"), Tracer("b")
    a.other, b.other = b, a


def instance_self():   # [3.10] instance + dict
    t = Tracer("self")
    t.me = t


def bound_method():   # [3.10] instance, dict, bound method
    t = Tracer("method owner")
    t.m = t.__init__


def function_defaults():
    def f(x=[]):
        return x
    f.__defaults__[0].append(f)


def closure_cell():
    def rec():
        return rec
    rec.tag = Tracer("closure")


def generator_self():
    def gen():
        me = yield
        try:
            yield me
        finally:
            print("  generator closed")
    g = gen()
    next(g)
    g.send(g)


def class_cycle():
    class K:
        pass
    K.keep = Tracer("class attribute")


def module_cycle():
    m = type(sys)("m")
    m.me = m


def exception_dict():
    e = ValueError()
    e.me = e


def staticmethod_dict():
    sm = staticmethod(len)
    sm.me = sm


def super_object():   # [3.10] instance, dict, super
    t = Tracer("super owner")
    t.s = super(Tracer, t)


def list_iterator():
    l = []
    l.append(iter(l))


def map_cycle():   # list, map, its tuple of iterators, the list iterator
    l = []
    l.append(map(len, l))


def dict_view():
    d = {}
    d["v"] = d.keys()


def slice_cycle():
    l = []
    l.append(slice(l, None))


def list_subclass():
    class LL(list):
        pass
    x = LL()
    x.append(x)
    x.tag = Tracer("list subclass attribute")
    return LL


def property_cycle():
    holder = []
    holder.append(property(lambda self: holder))


scenario("list", list_self)
scenario("dict", dict_self)
scenario("set", set_instance)
scenario("frozenset", frozenset_instance)
scenario("two instances", two_instances)
scenario("instance self", instance_self)
scenario("bound method", bound_method)
scenario("function defaults", function_defaults)
scenario("closure cell", closure_cell)
scenario("generator", generator_self)
scenario("module", module_cycle)
scenario("exception dict", exception_dict)
scenario("staticmethod", staticmethod_dict)
scenario("super", super_object)
scenario("list iterator", list_iterator)
scenario("map", map_cycle)
scenario("dict view", dict_view)
scenario("slice", slice_cycle)
scenario("property", property_cycle)

# Classes and subclasses of built-ins: what a class drags along (its dict, MRO, descriptors,
# functions) differs between implementations, so only the finalizer output and "> 0" show.
gc.collect()
class_cycle()
print("class:", gc.collect() > 0)
gc.collect()
list_subclass()
print("list subclass:", gc.collect() > 0)

# A cycle still reachable from a live object survives.
keep = []


def live_cycle():
    t = Tracer("kept")
    t.me = t
    keep.append(t)


scenario("reachable cycle", live_cycle)
keep.clear()
print("dropped:", gc.collect())   # [3.10]
gc.enable()
