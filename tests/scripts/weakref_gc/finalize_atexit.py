# weakref.finalize at exit (gc-reference §3.5, §4.8, §10 item 17): alive/peek/detach/atexit,
# called at most once; finalizers still alive at exit run in reverse creation order, those
# with atexit=False are skipped, and an atexit handler registered after the first finalize
# (which registers the module's exit hook) runs before them (atexit is LIFO).
import atexit
import weakref
class Obj:
    def __init__(self, name):
        self.name = name
def report(*args, **kwargs):
    print("finalizer ran:", args, sorted(kwargs.items()))
    return len(args)
objs = [Obj("o%d" % i) for i in range(6)]
fins = [weakref.finalize(o, report, o.name, n=i) for i, o in enumerate(objs)]
atexit.register(print, "atexit handler registered after the finalizers")
print("alive:", [f.alive for f in fins], "| atexit default:", fins[0].atexit)
obj, func, args, kwargs = fins[0].peek()
print("peek:", obj is objs[0], func is report, args, kwargs)
# Calling runs it once and returns the result; later calls return None.
print("call:", fins[0](), "| again:", fins[0](), "| alive:", fins[0].alive, fins[0].peek())
# detach: returns the same tuple and the function never runs.
d = fins[1].detach()
print("detach:", d[0] is objs[1], d[2], "| again:", fins[1].detach(), "| alive:", fins[1].alive)
fins[3].atexit = False
print("atexit flags:", [f.atexit for f in fins])
# Death by refcount runs it at once.
del objs[4], obj, d
print("after o4 died:", fins[4].alive)
print("end of script; left alive:", [f.alive for f in fins])
