import sys
a = []
print(sys.getrefcount(a))
d = {"key": a}
print(sys.getrefcount(a))
t = (a, a, a)
print(sys.getrefcount(a))
class Holder:
    pass
h = Holder()
h.attr = a
print(sys.getrefcount(a))
del t
print(sys.getrefcount(a))
d.clear()
h.attr = None
print(sys.getrefcount(a))
