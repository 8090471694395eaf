# WeakSet: the set interface over weak references; members vanish when they die.
import weakref


class E:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "E%d" % self.n

    def __lt__(self, other):
        return self.n < other.n


a, b, c, d = E(1), E(2), E(3), E(4)
s = weakref.WeakSet([a, b])
s.add(c)
s.add(a)
print(len(s), sorted(s), a in s, d in s, 1 in s, [] in s)
print(repr(weakref.WeakSet()), type(s).__module__, weakref.WeakSet.__name__)
s.discard(d)
s.remove(c)
try:
    s.remove(c)
except KeyError as e:
    print("KeyError", type(e.args[0]).__name__)
try:
    s.add(1)
except TypeError as e:
    print("TypeError", e)
t = weakref.WeakSet([b, c])
print(sorted(s | t), sorted(s & t), sorted(s - t), sorted(s ^ t))
print(sorted(s.union([d])), sorted(s.intersection([a, d])), sorted(s.difference([a])))
print(sorted(s.symmetric_difference([a, d])), s.isdisjoint(t), s.isdisjoint([d]))
print(s <= weakref.WeakSet([a, b, c]), s < weakref.WeakSet([a, b]), s >= weakref.WeakSet([a]))
print(s > weakref.WeakSet([a]), s.issubset([a, b, c]), s.issuperset([a]), s == weakref.WeakSet([b, a]))
print(s == {a, b}, s != weakref.WeakSet([a]))
u = s.copy()
u |= [d]
u -= weakref.WeakSet([a])
print(sorted(u))
u &= [b, c, d]
print(sorted(u))
u ^= [a, b]
print(sorted(u))
u.update([c])
u.difference_update([a])
u.intersection_update([b, c, d])
u.symmetric_difference_update([b])
print(sorted(u))
u -= u
print(len(u))
v = weakref.WeakSet([a])
v ^= v
print(len(v))
print(sorted(s), s.pop() in (a, b), len(s))
s.clear()
try:
    s.pop()
except KeyError as e:
    print("KeyError", e)
try:
    hash(s)
except TypeError as e:
    print("TypeError", e)
w = weakref.WeakSet([a, b, c, d])
del b, c
print(len(w), sorted(w))
