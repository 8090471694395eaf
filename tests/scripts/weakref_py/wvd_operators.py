# WeakValueDictionary | dict, dict | WeakValueDictionary, |=, copy/__copy__, subclass copies.
import weakref


class V:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "V%d" % self.n


v1, v2, v3 = V(1), V(2), V(3)
d = weakref.WeakValueDictionary(one=v1)
u = d | {"two": v2}
print(type(u).__name__, sorted(u.items(), key=str))
r = {"three": v3} | d
print(type(r).__name__, sorted(r.items(), key=str))
d |= {"three": v3}
print(sorted(d.items(), key=str))
d |= [("four", v1)]
print(sorted(d.keys()))
try:
    d | 5
except TypeError as e:
    print("TypeError", e)
try:
    5 | d
except TypeError as e:
    print("TypeError", e)
print(sorted(d.__copy__().keys()) == sorted(d.keys()))


class Sub(weakref.WeakValueDictionary):
    pass


s = Sub(a=v1)
print(type(s.copy()).__name__, type({"b": v2} | s).__name__, repr(s).startswith("<Sub at 0x"))
del v1
print(sorted(d.keys()), sorted(s.keys()), sorted(u.keys()), sorted(r.keys()))
