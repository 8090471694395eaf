# How the collector sees a weakref (gc-reference §1.5, §4.2): a weakref is a tracked
# container whose only referent is its callback (never the object it points to), so it
# does not keep its referent alive or reachable, and the referent does not list it.
import gc
import weakref
class Obj:
    pass
def cb(r):
    pass
o = Obj()
plain = weakref.ref(o)
with_cb = weakref.ref(o, cb)
print("tracked:", gc.is_tracked(plain), gc.is_tracked(with_cb))
print("referents plain:", gc.get_referents(plain))
print("referents with_cb:", [f.__name__ for f in gc.get_referents(with_cb)])
print("o in referents:", any(x is o for x in gc.get_referents(plain, with_cb)))
print("weakrefs among o's referrers:",
      [type(x).__name__ for x in gc.get_referrers(o) if isinstance(x, weakref.ref)])
print("weakref among cb's referrers:", any(x is with_cb for x in gc.get_referrers(cb)))
print("types:", type(plain).__name__, type(plain) is weakref.ReferenceType,
      isinstance(with_cb, weakref.ref))
