# weakref.finalize instead of __del__ on objects in cycles (gc-reference §4.8): the
# finalizer is held outside the cycle (the module's registry), so the collector calls it
# during the collection, before the objects' contents are cleared, exactly once; the cycle
# is freed in the same collection. It must not hold the object itself (args are strong).
# The first count is CPython 3.10's (Ouroboros keeps instance dicts): a, b, their dicts and
# the two finalizers' internal weakrefs (freed by their own callbacks): 6 (3.11: 4).
import gc
import weakref
gc.disable()
log = []
class Resource:
    def __init__(self, name):
        self.name = name
        self.handle = "open:" + name
        self.peer = None
        # Only the name goes to the finalizer: passing self would keep the object alive.
        self._finalizer = weakref.finalize(self, Resource._close, name, log)
    @staticmethod
    def _close(name, log):
        log.append(name)
        print("finalize", name, "| collecting:", in_collect)
in_collect = False
a = Resource("a")
b = Resource("b")
a.peer = b
b.peer = a
fa = a._finalizer
fb = b._finalizer
print("alive:", fa.alive, fb.alive, "| peek func:", fa.peek()[1] is Resource._close,
      "| peek args:", fa.peek()[2][0])
del a, b
print("before collect:", fa.alive, fb.alive, log)
in_collect = True
n = gc.collect()
in_collect = False
print("collect:", n)
print("after collect:", fa.alive, fb.alive, sorted(log), "| peek:", fa.peek())
print("calling again:", fa(), fb(), sorted(log))
print("collect again:", gc.collect())
# finalize + resurrection-free self-cycle: also called once, returns nothing to the cycle.
c = Resource("c")
c.peer = c
fc = c._finalizer
del c
gc.collect()
print("c:", fc.alive, log.count("c"))
# A finalize that holds its own object (the lesson's warning) is never collected.
class Leaky:
    pass
k = Leaky()
k.me = k
fk = weakref.finalize(k, print, "leaky closed", k)
del k
gc.collect()
print("leaky alive after collect:", fk.alive)
fk.detach()
print("detached:", fk.alive, "| collect:", gc.collect() > 0)
gc.enable()
