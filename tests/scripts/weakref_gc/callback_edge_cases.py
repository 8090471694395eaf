# Callbacks that change the weakref lists while callbacks are being called
# (gc-reference §4.4, §3.3): a callback that drops an older weakref whose callback has not
# run yet (it still runs: the caller holds it), on both paths; a weakref made by __del__ on
# the refcount path (cleared with the others after __del__; its callback runs first, being
# the newest); hashes of dead weakrefs.
# The count is CPython 3.10's (Ouroboros keeps instance dicts): the self-cycle, its dict,
# and the weakref freed when the callback dropped it: 3 (3.11: 2).
import gc
import weakref
gc.disable()
class O:
    pass
refs = {}
def cb2(r):
    print("cb2 ran, dropping ref 1")
    del refs[1]
o = O()
refs[1] = weakref.ref(o, lambda r: print("cb1 ran"))
refs[2] = weakref.ref(o, cb2)
del o
print("refcount path done", sorted(refs))
o = O()
o.me = o
refs[1] = weakref.ref(o, lambda r: print("gc cb1 ran"))
refs[2] = weakref.ref(o, cb2)
del o
print("collect:", gc.collect())
print("collector path done", sorted(refs))
keep = []
class D:
    def __del__(self):
        keep.append(weakref.ref(self, lambda r: print("callback of the weakref made by __del__")))
        print("D.__del__")
d = D()
w = weakref.ref(d, lambda r: print("callback of the older weakref"))
del d
print("after D:", [k() for k in keep], w())
o = O()
r = weakref.ref(o)
same = hash(r) == hash(o)
del o
print("hash kept after death:", same, hash(r) == hash(r))
r2 = weakref.ref(O())
try:
    hash(r2)
except TypeError as e:
    print("TypeError:", e)
print("dead refs compare by identity:", r == r2, r != r2, r == r)
gc.enable()
