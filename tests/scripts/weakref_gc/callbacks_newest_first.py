# Three weakrefs with callbacks on one object (gc-reference §4.2/§4.4, §10 item 6): the
# callbacks run newest first, each receives its own (dead) weakref, and inside every
# callback all the weakrefs to the object already return None. Same on the refcount path
# and in the collector. A callback-less ref (shared, head of the list) never calls anything.
import gc
import weakref
gc.disable()
class Obj:
    pass
def run(label, make_garbage):
    refs = []
    def make_cb(n):
        def cb(r):
            print(label, "callback", n, "own ref:", r is refs[n], "| alive:", [x() for x in refs])
        return cb
    o = Obj()
    plain = weakref.ref(o)
    for n in range(3):
        refs.append(weakref.ref(o, make_cb(n)))
    refs.append(plain)
    print(label, "getweakrefcount:", weakref.getweakrefcount(o))
    print(label, "getweakrefs order:",
          [[i for i, x in enumerate(refs) if x is r] for r in weakref.getweakrefs(o)])
    make_garbage(o)
    del o
    print(label, "collect:", gc.collect())
    print(label, "after:", [x() for x in refs])
run("refcount", lambda o: None)
run("cycle", lambda o: setattr(o, "me", o))
gc.enable()
