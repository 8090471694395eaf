# The gc module's names, constants and documentation, as CPython 3.11's, plus the two
# Ouroboros additions DEBUG_TRACE and dump_heap (__doc__ stays CPython's).
import gc

print([n for n in dir(gc) if not n.startswith("__")])
print(sorted(n for n in gc.__dict__ if n.startswith("__")))
print(gc.__name__, gc.__package__ == "")
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL,
      gc.DEBUG_LEAK)
print(gc.DEBUG_LEAK == gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL)
print(gc.__doc__.splitlines()[0])
print(len(gc.__doc__.splitlines()))
for name in ["collect", "enable", "get_objects", "get_referrers", "set_threshold", "unfreeze"]:
    print(name, repr(getattr(gc, name).__doc__.splitlines()[0]))
print(type(gc.garbage).__name__, gc.garbage)
print(type(gc.callbacks).__name__, gc.callbacks)
print(gc.isenabled(), gc.get_debug(), gc.get_threshold())
import gc as again
print(again is gc)
