# hash of a weakref is the referent's, cached; equality compares live referents.
from _weakref import ref

class C:
    pass

class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("Eq.__eq__ called")
        return self.v == other.v
    __hash__ = object.__hash__

c = C()
r = ref(c)
rc = ref(c, lambda w: None)
h = hash(r)
print(h == hash(c), hash(rc) == h, r == rc, r != rc)
a, b = Eq(1), Eq(1)
print(ref(a) == ref(b))
print(ref(a) != ref(b))
d = C()
rd = ref(d)
print(r == rd, r != rd)
del c
print(hash(r) == h)
try:
    hash(rc)
except TypeError as e:
    print("TypeError:", e)
print(r == rc, r != rc, r == r, rd == r)
for op in ("<", "<=", ">", ">="):
    try:
        eval("rd " + op + " rd")
    except TypeError as e:
        print("TypeError:", e)
