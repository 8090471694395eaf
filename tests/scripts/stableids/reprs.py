# -X stableids: every default repr that shows an address shows the allocation number.
# helper_stable.show() prints numbers relative to the base object as #N. The objects are
# all made before anything is printed, so the offsets count only them.
import weakref
from helper_stable import set_base, show, rel


class Node:
    def method(self):
        pass


def f():
    pass


def gen():
    yield 1


def outer():
    x = Node()

    def inner():
        return x
    return inner


n = Node()                       # #0
o = object()                     # #1
m = n.method                     # #2: a bound method, made on access
lst = []                         # #3
app = lst.append                 # #4
wrapper = n.__init__             # #5
g = gen()                        # #6 (a generator)
w = weakref.ref(n)
p = weakref.proxy(n)
set_base(n)
for obj in (n, o, m, app, wrapper, g, w, p):
    show(obj)

set_base(f)
show(f)
code = f.__code__
print(id(code) < id(f))          # compiled before f was made
set_base(code)
print(rel(repr(code).split(", file")[0]))

inner = outer()
set_base(inner.__closure__[0])
show(inner.__closure__[0])       # the cell is made at the call's start, before x's Node

t = Node()
fin = weakref.finalize(t, print, "finalized")
set_base(t)
show(fin)                        # weakref.py formats id(): the same numbers
print(repr(w) == "<weakref at %#x; to 'Node' at %#x>" % (id(w), id(n)))
print(repr(fin) == "<finalize object at %#x; for 'Node' at %#x>" % (id(fin), id(t)))
del t
del n, m, wrapper
set_base(w)
show(w)                          # <weakref at #0; dead>
